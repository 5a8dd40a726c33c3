// Which vendor profile a document belongs to: the vendor's VAT id, IBAN or e-mail/web domain printed on it, else
// the words of its letterhead. Only the given company's profiles are candidates.
import { similarWord } from './anchors.js';
import { hashWord, lettersOf, words, type DocumentEvidence } from './evidence.js';
import type { VendorProfile } from './types.js';
import { vatKey } from '../pipeline/extract/vat.js';
import { LEGAL_FORM_WORDS } from '../pipeline/extract/legal-forms.js';

export type MatchedBy = 'partner' | 'vat' | 'iban' | 'domain' | 'number' | 'name' | 'fingerprint';

export interface ProfileMatch {
  profile: VendorProfile;
  by: MatchedBy;
  /** header-word similarity in [0, 1] (1 for an identifier match) */
  similarity: number;
}

/** Header similarity at or above which a letterhead alone names the vendor (tuned on the tune split). */
export const FINGERPRINT_MATCH = 0.5;
/** ...and by how much the best profile must lead the next one. */
const FINGERPRINT_MARGIN = 0.1;

/** What extraction already says about the vendor: a confident name or VAT that contradicts a profile rules it out. */
export interface VendorHints {
  partnerId?: number | null;
  vat?: { value: string | null; confidence: number };
  name?: { value: string | null; confidence: number };
  /** the rules' vendor name with its calibrated confidence (a scan has it): how likely the page's issuer name is right,
   * on the scale a probability is (a receipt's letterhead OCR garbled into four letters scored 0.53 raw, 0.09
   * calibrated, on tune) */
  issuer?: { value: string | null; confidence: number };
}

const SURE = 0.8;

/** A name the rules read with this confidence rules out a profile matched only by its letterhead words. */
export const FAIRLY_SURE = 0.5;

export function matchProfile(profiles: VendorProfile[], ev: DocumentEvidence, hints: VendorHints = {}): ProfileMatch | null {
  const header = headerHashes(ev);
  const found = findProfile(profiles.filter((p) => !contradicted(p, hints, SURE, ev)), ev, hints, header);
  // a match by the letterhead's words alone is weak: a name the rules read fairly surely that is not the profile's
  // (the page printing both) leaves the vendor unknown
  if (found && (found.by === 'name' || found.by === 'fingerprint') && contradicted(found.profile, hints, FAIRLY_SURE)) return null;
  return found;
}

/** The rules' VAT is not one of the profile's — unless (with `ev`) the page prints one of the profile's own too (the
 * rules chose another of the page's: "Codice Fiscale 07123456787" of a bill that prints "P.I. 15987654322") — or the
 * rules' vendor name shares under half its distinctive words. A name is not excused by the profile's partner name
 * printed beside it: a letterhead may print another company's name (a franchisor's, a former name) and the rules'
 * sure name is then the vendor's, not that profile's. */
function contradicted(p: VendorProfile, hints: VendorHints, sure: number, ev?: DocumentEvidence): boolean {
  const vat = hints.vat?.value && hints.vat.confidence >= sure ? vatKey(hints.vat.value) : null;
  const vats = identifierKeys(p).filter((k) => k.startsWith('vat:'));
  if (vat && vats.length && !vats.includes(`vat:${vat}`) && !(ev && printsVatOf(p, ev))) return true;
  const name = hints.name?.value && hints.name.confidence >= sure ? hints.name.value : null;
  return name !== null && p.partner.name !== null && namesDiffer(name, p.partner.name);
}

/** Slips OCR may leave in a name's letters, one per this many letters of the shorter name. */
const LETTERS_PER_SLIP = 4;

/** Whether two vendor names name two vendors: they share under half the distinctive words of the shorter (a word
 * one OCR slip away shared), and the shorter's letters do not start the longer's within one slip per 4 letters (OCR
 * glues, misreads and cuts a letterhead's words: "TOKOBAHAGELECTRIC S" is Toko Bahagia Electric Sdn Bhd's,
 * "SENIRAYA GALERSDN BHD" Seni Raya Gallery Sdn Bhd's; "Lieferant GmbH & Co. KG" is not Musterlieferant GmbH). A
 * name without distinctive words never differs. */
export function namesDiffer(a: string, b: string): boolean {
  const [wa, wb] = [nameWords(a), nameWords(b)];
  if (!wa.length || !wb.length) return false;
  const shared = wa.filter((w) => wb.some((o) => similarWord(w, o))).length;
  return shared < Math.min(wa.length, wb.length) / 2 && !lettersAlike(a, b);
}

/** Whether the shorter name's letters start the longer's within one slip per 4 letters. */
export function lettersAlike(a: string, b: string): boolean {
  const [la, lb] = [lettersOf(a), lettersOf(b)];
  const [shorter, longer] = la.length <= lb.length ? [la, lb] : [lb, la];
  return editsWithin(shorter, longer, false) <= Math.floor(shorter.length / LETTERS_PER_SLIP);
}

/** Whether the document prints one of the profile's VAT ids: as extraction found VAT ids, or its digits as a number
 * of their own (without the country prefix or a label extraction knows). */
function printsVatOf(p: VendorProfile, ev: DocumentEvidence): boolean {
  return identifierKeys(p).some((k) => k.startsWith('vat:') && printsVat(k.slice(4), ev));
}

/** Whether the document prints this VAT id: as extraction finds VAT ids, or its digits as a number of their own
 * ("P.I. 15987654322", a receipt's "NIF: 500829993" that no VAT label extraction knows stands beside). One rule for
 * matching (a profile's id printed excuses the rules' other one) and for the vendor's VAT cell (apply.ts). */
export function printsVat(vat: string, ev: DocumentEvidence): boolean {
  const key = vatKey(vat);
  return ev.vat.some((v) => vatKey(v) === key) || ev.pageNumbers.has(key);
}

/** The header's words that may name the vendor (a buyer's or a shipment party's block left out), hashed as learned. */
function headerHashes(ev: DocumentEvidence): Set<string> {
  return new Set(ev.headerWords.filter((w) => w.length >= 3).map(hashWord));
}

// legal forms (legal-forms.ts) and fillers say nothing about which vendor a name is
const NOT_DISTINCTIVE: ReadonlySet<string> = new Set([...LEGAL_FORM_WORDS, 'company', 'and', 'und', 'the', 'enterprise', 'trading', 'shop', 'store']);

export function nameWords(name: string): string[] {
  return words(name).filter((w) => w.length >= 3 && !NOT_DISTINCTIVE.has(w));
}

/** The vendor's own name printed in the letterhead: every distinctive word of it among the document's header
 * words (3 letters and more, as the fingerprint keeps them: "SLF Cash & Carry" is not named by "Cash & Carry"
 * alone), a word of 4 letters or more also one OCR slip away ("BAKERTES" for "Bakeries"). A branch in brackets
 * ("(JOHOR)") is a place, printed in other vendors' addresses too; one short word ("Test", "Shop") is printed on
 * too many documents to name a vendor: such a name counts only printed whole (wholeNameIn). */
function nameInHeader(p: VendorProfile, fingerprint: Set<string>, headerWords: string[], headerLetters: string): boolean {
  if (!p.partner.name) return false;
  const distinctive = nameWords(p.partner.name.replace(/\([^)]*\)?/g, ' '));
  // a name without a distinctive word of 3 letters ("MR D.I.Y. (M) SDN BHD") names its vendor only printed whole
  if (!distinctive.length) return wholeNameIn(p.partner.name, headerLetters);
  if (distinctive.length === 1 && distinctive[0]!.length < 6) return wholeNameIn(p.partner.name!, headerLetters);
  return distinctive.every((w) => fingerprint.has(hashWord(w)) || headerWords.some((h) => similarWord(h, w))) || wholeNameIn(p.partner.name!, headerLetters);
}

/** Letters a partner's whole name needs before, printed in the issuer's place of the first page, it names the vendor: a long
 * name is that company's ("MUSTERLIEFERANT GMBH", 19); a short one may be a brand on a line item. */
const MIN_NAME_ON_PAGE = 15;

/** Letters a whole name needs before it names a vendor on its own (its legal form and branch included:
 * "AEON CO. (M) BHD" is AEONCOMBHD, ten). */
const MIN_WHOLE_NAME = 10;

/** The whole name — legal form and branch in brackets included, however OCR spaced it ("TAILORING" for "TAIL
 * ORING") — in the header, one slip allowed per 10 letters. The only way a name whose one distinctive word is short
 * ("AEON CO. (M) BHD") names its vendor. */
export function wholeNameIn(name: string, headerLetters: string): boolean {
  const want = lettersOf(name);
  if (want.length < MIN_WHOLE_NAME) return false;
  // cheap test first (a company has hundreds of profiles): a slip spoils at most 3 of the name's letter triples, so
  // a name within one slip per 10 letters keeps more than half of them
  const triples = Array.from({ length: want.length - 2 }, (_, i) => want.slice(i, i + 3));
  if (triples.filter((t) => headerLetters.includes(t)).length * 2 < triples.length) return false;
  return substringDistance(want, headerLetters) <= Math.floor(want.length / 10);
}

/** Of profiles whose whole names the letterhead prints within their slips, those printed with the fewest — after
 * leaving out a name that is part of another printed one ("MR DIY" inside "MR. D.I.Y. (M) SDN BHD": the longer one
 * is printed, with one OCR slip or none, and the shorter is in it anyway). */
function fewestSlips(printed: VendorProfile[], headerLetters: string): VendorProfile[] {
  const letters = printed.map((p) => lettersOf(p.partner.name!));
  const profiles = printed.filter((_, i) => !letters.some((other, j) => j !== i && other.length > letters[i]!.length && other.includes(letters[i]!)));
  if (profiles.length < 2) return profiles;
  const slips = profiles.map((p) => substringDistance(lettersOf(p.partner.name!), headerLetters));
  const least = Math.min(...slips);
  return profiles.filter((_, i) => slips[i] === least);
}

/** Fewest edits turning `pattern` into some substring of `text` (Sellers). */
function substringDistance(pattern: string, text: string): number {
  return editsWithin(pattern, text, true);
}

/** Fewest edits turning `pattern` into a substring of `text` (`anywhere`), or into a start of it. */
function editsWithin(pattern: string, text: string, anywhere: boolean): number {
  let prev = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  let best = prev[pattern.length]!;
  for (let j = 1; j <= text.length; j++) {
    const row = [anywhere ? 0 : j];
    for (let i = 1; i <= pattern.length; i++) row[i] = Math.min(prev[i]! + 1, row[i - 1]! + 1, prev[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1));
    best = Math.min(best, row[pattern.length]!);
    prev = row;
  }
  return best;
}

function findProfile(profiles: VendorProfile[], ev: DocumentEvidence, hints: VendorHints, header: Set<string>): ProfileMatch | null {
  if (hints.partnerId) {
    const p = profiles.find((x) => x.partner.id === hints.partnerId);
    if (p) return { profile: p, by: 'partner', similarity: 1 };
  }
  // an identifier printed on the documents of two vendors (the company's own VAT, a shared domain) identifies none
  const owners = new Map<string, Set<string>>();
  for (const p of profiles) for (const id of identifierKeys(p)) (owners.get(id) ?? owners.set(id, new Set()).get(id)!).add(p.id);
  const unique = (key: string) => {
    const o = owners.get(key);
    return o && o.size === 1 ? profiles.find((p) => o.has(p.id))! : null;
  };
  // the vendor's VAT as extraction read it; a lone VAT id on the page otherwise (two could be vendor and buyer)
  const vats = (hints.vat?.value ? [hints.vat.value] : ev.vat.length === 1 ? ev.vat : []).map(vatKey);
  const keyed = [
    ['vat', vats.map((v) => `vat:${v}`)], ['iban', ev.iban.map((i) => `iban:${i}`)], ['domain', ev.domains.map((d) => `domain:${d}`)],
    ['number', ev.numbers.map((n) => `num:${n}`)],
  ] as const;
  for (const [by, keys] of keyed) {
    for (const key of keys) {
      const p = unique(key);
      if (p && identifierStands(p, by, ev, hints, header)) return { profile: p, by, similarity: 1 };
    }
  }
  // the partner's name in the letterhead: one profile only, else the name is too common to tell
  const named = profiles.filter((p) => nameInHeader(p, header, ev.headerWords, ev.headerLetters));
  // two branches of one chain share their distinctive words ("MR D.I.Y. (M)", "MR D.I.Y. (JOHOR)"): the one whose
  // whole name, branch included, the letterhead prints — of several printed within their slips ("MR. D.I.Y. SDN BHD" is
  // one letter from "MR. D.I.Y. (M) SDN BHD"), the one printed with the fewest
  const whole = named.length > 1 ? fewestSlips(named.filter((p) => wholeNameIn(p.partner.name!, ev.headerLetters)), ev.headerLetters) : named;
  if (whole.length === 1) return { profile: whole[0]!, by: 'name', similarity: Math.max(FINGERPRINT_MATCH, similarity(whole[0]!, ev.fingerprint)) };
  // a long name printed whole below the letterhead (the seller's block of a rendered e-invoice, under a stylesheet's
  // title that every such rendering shares): one profile only, no header naming another, and in the issuer's place
  // (seller block, legal line): a haulier's bill names its shipper, an invoice its customer, in their own blocks
  if (!named.length) {
    const onPage = profiles.filter((p) => p.partner.name && lettersOf(p.partner.name).length >= MIN_NAME_ON_PAGE && wholeNameIn(p.partner.name, ev.issuerLetters));
    if (onPage.length === 1) return { profile: onPage[0]!, by: 'name', similarity: Math.max(FINGERPRINT_MATCH, similarity(onPage[0]!, ev.fingerprint)) };
  }
  const ranked = profiles
    .map((profile) => ({ profile, s: similarity(profile, ev.fingerprint) }))
    .sort((a, b) => b.s - a.s);
  const [best, next] = ranked;
  if (!best || best.s < FINGERPRINT_MATCH || (next && best.s - next.s < FINGERPRINT_MARGIN)) return null;
  return { profile: best.profile, by: 'fingerprint', similarity: best.s };
}

/** Identifiers a third party prints on other companies' documents too: a payment provider's or a factoring
 * company's IBAN, a sample library's bank details, a shared host's domain, a mall's switchboard. */
const SHARED_BY: ReadonlySet<MatchedBy> = new Set(['iban', 'domain', 'number']);

/** Fingerprint similarity above which the letterhead resembles the profile's. */
const LETTERHEAD_RESEMBLES = 0.15;

/** Whether a profile found by one of its identifiers (VAT id, IBAN, domain, letterhead number) stands: the page's
 * issuer must not disagree — a vendor name the rules read fairly surely (FAIRLY_SURE; calibrated when known) that is
 * not the profile's (namesDiffer), with the profile's partner name nowhere in the letterhead, rules it out whichever
 * identifier matched (one printed on two vendors' documents names only the first the memory met: a factoring
 * company's IBAN, a sample library's VAT id); an identifier a third party prints (SHARED_BY) also needs the
 * letterhead to resemble the profile's or print its partner's name. */
export function identifierStands(p: VendorProfile, by: MatchedBy, ev: DocumentEvidence, hints: VendorHints, header: Set<string> = headerHashes(ev)): boolean {
  const named = nameInHeader(p, header, ev.headerWords, ev.headerLetters) || Boolean(p.partner.name && wholeNameIn(p.partner.name, ev.issuerLetters));
  if (!named && contradicted(p, { name: hints.issuer ?? hints.name }, FAIRLY_SURE)) return false;
  return !SHARED_BY.has(by) || named || similarity(p, ev.fingerprint) > LETTERHEAD_RESEMBLES;
}

export function identifierKeys(p: VendorProfile): string[] {
  const vats = new Set([...p.identifiers.vat, ...(p.partner.vat ? [p.partner.vat] : [])].map(vatKey));
  return [
    ...[...vats].map((v) => `vat:${v}`), ...p.identifiers.iban.map((i) => `iban:${i}`), ...p.identifiers.domains.map((d) => `domain:${d}`),
    ...Object.keys(p.identifiers.numbers ?? {}).map((n) => `num:${n}`),
  ];
}

/** Dice overlap between the document's header words and the words the vendor's letterhead keeps printing. */
export function similarity(p: VendorProfile, fingerprint: string[]): number {
  if (p.documents === 0 || fingerprint.length === 0) return 0;
  const needed = Math.max(1, p.documents / 2);
  const stable = Object.entries(p.fingerprint).filter(([, n]) => n >= needed).map(([h]) => h);
  if (stable.length < 3) return 0;
  const doc = new Set(fingerprint);
  const common = stable.filter((h) => doc.has(h)).length;
  return (2 * common) / (stable.length + doc.size);
}
