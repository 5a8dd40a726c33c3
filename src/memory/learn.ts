// Learning from what was posted: the one code path that decides what a profile records. Called by `odoo-ocr
// learn`, by `scan --memory` with a truth, by the benchmark and by the worker when a bill is posted or an expense
// submitted/approved. Compares the kept values with what was extracted and read, and records per field where
// the kept value was printed (anchors), its format, and whether the rules and the memory had it right.
import { randomUUID } from 'node:crypto';
import type { ExtractedFields } from '../contract.js';
import { anchorsOf, readAtAnchor, sameAnchor, similarWord } from './anchors.js';
import { hashWord, type DocumentEvidence } from './evidence.js';
import { identifierKeys, nameWords } from './match.js';
import {
  PLACED_FIELD_NAMES, PLACED_FIELDS, type Counts, type PlacedField, type FieldMemory, type PostedAccounting, type VendorProfile,
} from './types.js';
import { alnumKey as alnum, vatKey } from '../pipeline/extract/vat.js';
import { digitRuns, referenceShape, sameValue, type Value } from './values.js';
import { roundHundredths } from '../pipeline/rounding.js';

/** What the accountant kept: the scan's field names with the right values (the corpus's *.truth.json shape). */
export type Truth = Partial<Record<keyof ExtractedFields, unknown>>;

const MAX_ANCHORS = 6;
/** by precedence: where two kept amounts are equal, the first keeps the place */
const AMOUNT_FIELDS: PlacedField[] = ['amount_total', 'amount_untaxed', 'amount_tax'];
const MAX_FINGERPRINT = 80;
const MAX_LIST = 5;
const MAX_NUMBERS = 12;
/** tax rates kept per vendor, the most frequent (a shop's receipts with several rates each give a rate of their own) */
const MAX_RATES = 4;
/** years of a date kept per vendor (FieldMemory.years), the latest */
const MAX_YEARS = 5;

export interface Posting {
  company: string;
  truth: Truth;
  /** the Odoo partner the record was posted with (addon and worker modes) */
  partner?: { id: number | null; name: string | null; vat: string | null };
  accounting?: PostedAccounting;
}

/** The profile a posting belongs to: the posted partner's, else the one with the kept VAT or name, else none. A name
 * does not join a profile of another VAT id: one VAT id is one vendor, and two companies may bear one name (a sample
 * library's "Musterlieferant GmbH" under two ids); their postings learned into one profile mixed their anchors and
 * left it matching both. */
export function profileFor(profiles: VendorProfile[], posting: Posting): VendorProfile | null {
  const partnerId = posting.partner?.id ?? null;
  if (partnerId) return profiles.find((p) => p.partner.id === partnerId) ?? null;
  const vat = posting.partner?.vat ?? str(posting.truth.vendor_vat);
  if (vat) {
    const hit = profiles.find((p) => identifierKeys(p).includes(`vat:${vatKey(vat)}`));
    if (hit) return hit;
  }
  const name = posting.partner?.name ?? str(posting.truth.vendor_name);
  if (!name) return null;
  // two profiles of this name (two ids): the name cannot tell which, the document's match decides
  const named = profiles.filter((p) => p.partner.name !== null && alnum(p.partner.name) === alnum(name) && !vatDisagrees(p, vat));
  return named.length === 1 ? named[0]! : null;
}

/** Whether the posting's VAT id names another vendor than the profile's: one VAT id is one vendor. */
function vatDisagrees(p: VendorProfile, vat: string | null | undefined): boolean {
  return Boolean(vat && p.partner.vat && vatKey(vat) !== vatKey(p.partner.vat));
}

/** Whether a posting without an Odoo partner names the profile's vendor, its name written with slips ("GARDENIA
 * BAKERIES (KI ) SDN BHD" for "(KL)", "TAII ORING" for "TAIL ORING"): every distinctive word of the shorter name is
 * one of the other's or one slip away, and no VAT disagrees. Asked only of the profile the document was matched to
 * (by an identifier or its letterhead): a name alone never merges two profiles. */
export function sameVendor(p: VendorProfile, posting: Posting): boolean {
  if (posting.partner?.id) return p.partner.id === posting.partner.id;
  if (vatDisagrees(p, posting.partner?.vat ?? str(posting.truth.vendor_vat))) return false;
  const posted = nameWords(posting.partner?.name ?? str(posting.truth.vendor_name) ?? '');
  const own = nameWords(p.partner.name ?? '');
  if (!posted.length || !own.length) return false;
  const [shorter, longer] = posted.length <= own.length ? [posted, own] : [own, posted];
  return shorter.every((w) => longer.some((o) => similarWord(o, w)));
}

export function newProfile(company: string, now = new Date()): VendorProfile {
  return {
    id: randomUUID(),
    company,
    partner: { id: null, name: null, vat: null },
    identifiers: { vat: [], iban: [], domains: [] },
    fingerprint: {},
    documents: 0,
    defaults: { doc_type: {}, currency: {} },
    fields: {},
    accounting: { account: {}, taxes: {}, product: {} },
    created: now.toISOString(),
    updated: now.toISOString(),
  };
}

/**
 * Updates `profile` (a copy is returned) from one posted document. `rules` is what extraction found on its own,
 * `picks` what the profile's anchors read before learning (when this profile was the one matched).
 */
export function learn(
  base: VendorProfile,
  ev: DocumentEvidence,
  rules: ExtractedFields,
  picks: Partial<Record<string, Value>> | null,
  posting: Posting,
  now = new Date(),
): VendorProfile {
  const p = structuredClone(base);
  const t = posting.truth;
  p.partner = {
    id: posting.partner?.id ?? p.partner.id,
    name: posting.partner?.name ?? str(t.vendor_name) ?? p.partner.name,
    vat: posting.partner?.vat ?? str(t.vendor_vat) ?? p.partner.vat,
  };
  if (p.partner.vat) addTo(p.identifiers.vat, alnum(p.partner.vat));
  for (const iban of ev.iban) addTo(p.identifiers.iban, iban);
  for (const d of ev.domains) addTo(p.identifiers.domains, d);
  learnNumbers(p, ev, t);
  for (const h of ev.fingerprint) p.fingerprint[h] = (p.fingerprint[h] ?? 0) + 1;
  p.fingerprint = Object.fromEntries(Object.entries(p.fingerprint).sort((a, b) => b[1] - a[1]).slice(0, MAX_FINGERPRINT));
  count(p.defaults.doc_type, str(t.doc_type));
  count(p.defaults.currency, str(t.currency));
  count((p.defaults.taxes ??= {}), taxRegime(t));
  const rate = taxRate(t);
  if (rate !== null) {
    count((p.defaults.rates ??= {}), String(rate));
    // the most frequent, this posting's rate first among equals (else a rate first charged after four others were
    // seen once would never be kept)
    const key = String(rate);
    p.defaults.rates = Object.fromEntries(Object.entries(p.defaults.rates).sort((a, b) => b[1] - a[1] || Number(b[0] === key) - Number(a[0] === key)).slice(0, MAX_RATES));
  }

  for (const name of PLACED_FIELD_NAMES) {
    const want = t[name];
    if (want === null || want === undefined) continue;
    const kind = PLACED_FIELDS[name];
    const truth = kind === 'amount' ? Number(want) : String(want);
    const fm: FieldMemory = p.fields[name] ?? { anchors: [], rules: { hits: 0, misses: 0 }, learned: { hits: 0, misses: 0 } };
    tally(fm.rules, sameValue(kind, rules[name].value as Value | null, truth));
    const picked = picks?.[name];
    if (picked !== undefined) tally(fm.learned, sameValue(kind, picked, truth));
    // every anchor the profile had is judged on this document: a wrong reading costs it trust
    for (const a of fm.anchors) {
      const reading = readAtAnchor(ev, a, kind, fm, rules[name].value as Value | null);
      if (reading) tally(a, sameValue(kind, reading.value, truth));
    }
    // where the kept value stands on this document: new anchors, or a known anchor seen again. An amount equal
    // to another kept amount (untaxed = total without tax) or zero cannot tell its place from the other's.
    // The total keeps its anchors; the lesser amount (untaxed, then tax) gives way.
    const ambiguous = kind === 'amount' && (truth === 0 || AMOUNT_FIELDS.slice(0, AMOUNT_FIELDS.indexOf(name)).some((o) => Number(t[o]) === truth));
    for (const found of ambiguous ? [] : anchorsOf(ev, kind, truth)) {
      if (found.format.dateOrder) fm.dateOrder = found.format.dateOrder;
      if (found.format.decimal) fm.decimal = found.format.decimal;
      const known = fm.anchors.find((a) => sameAnchor(a, found.anchor));
      if (!known) fm.anchors.push({ ...found.anchor, hits: 1, misses: 0 });
      // an anchor learned before its place between the page's first and last rows (or its column) was kept learns it now
      else {
        if (known.rel === undefined && found.anchor.rel !== undefined) known.rel = found.anchor.rel;
        if (known.col === undefined && found.anchor.col !== undefined) known.col = found.anchor.col;
        if (known.rows === undefined && found.anchor.rows !== undefined) known.rows = found.anchor.rows;
        if (known.word === undefined && found.anchor.word !== undefined) Object.assign(known, { word: found.anchor.word, len: found.anchor.len });
      }
    }
    if (kind === 'date' && /^\d{4}-/.test(String(truth))) fm.years = [...new Set([...(fm.years ?? []), Number(String(truth).slice(0, 4))])].slice(-MAX_YEARS);
    if (kind === 'reference') Object.assign(fm, { shape: referenceShape(String(truth)), digits: digitRuns(String(truth)) });
    fm.anchors = fm.anchors
      .filter((a) => a.misses <= a.hits + 1)
      .sort((a, b) => b.hits - b.misses - (a.hits - a.misses) || (b.label.length ? 1 : 0) - (a.label.length ? 1 : 0))
      .slice(0, MAX_ANCHORS);
    p.fields[name] = fm;
  }
  for (const line of posting.accounting?.lines ?? []) {
    if (line.account_id) count(p.accounting.account, String(line.account_id));
    count(p.accounting.taxes, line.tax_ids?.length ? [...line.tax_ids].sort((a, b) => a - b).join(',') : 'none');
    if (line.product_id) count(p.accounting.product, String(line.product_id));
    p.accounting.lines = (p.accounting.lines ?? 0) + 1;
  }
  p.documents++;
  p.updated = now.toISOString();
  return p;
}

/** The letterhead's long numbers, counted per document; the document's own reference (a number the next document
 * will not print) is left out, and the most frequent are kept. */
function learnNumbers(p: VendorProfile, ev: DocumentEvidence, t: Truth): void {
  const own = new Set([t.invoice_number, t.po_number].map((v) => hashWord(String(v ?? '').replace(/\D/g, ''))));
  const numbers = { ...(p.identifiers.numbers ?? {}) };
  for (const h of ev.numbers) if (!own.has(h)) numbers[h] = (numbers[h] ?? 0) + 1;
  p.identifiers.numbers = Object.fromEntries(Object.entries(numbers).sort((a, b) => b[1] - a[1]).slice(0, MAX_NUMBERS));
}

function tally(t: { hits: number; misses: number }, right: boolean): void {
  if (right) t.hits++;
  else t.misses++;
}

function count(c: Counts, key: string | null): void {
  if (key) c[key] = (c[key] ?? 0) + 1;
}

function addTo(list: string[], v: string): void {
  if (v && !list.includes(v)) {
    list.push(v);
    if (list.length > MAX_LIST) list.shift();
  }
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}


/** Whether the kept document carried tax: `none` when its untaxed amount is its total (a vendor under a small
 * business scheme, a service exempt or reverse-charged prints no tax), `charged` when its tax is not zero; unknown
 * (null) without a kept total and untaxed amount. A regime, not an amount: nothing of the document is kept. */
export function taxRegime(t: Truth): 'none' | 'charged' | null {
  const total = num(t.amount_total);
  const untaxed = num(t.amount_untaxed);
  const tax = num(t.amount_tax);
  if (tax !== null && Math.abs(tax) > 0.005) return 'charged';
  if (total === null || untaxed === null) return null;
  return Math.abs(total - untaxed) <= 0.005 ? 'none' : 'charged';
}

/** The one tax rate (percent) a posting's tax is of its untaxed amount: the roundest rate — whole, else with one
 * decimal ("5.5") — whose tax on the untaxed amount is the kept tax within rounding (`rateFits`); without a kept tax,
 * the total less the untaxed amount. Null without both, without tax, or when no such rate fits. A receipt of several rates
 * gives its effective rate (small amounts fit one decimal within rounding): it recurs only by chance, and a rate
 * only ever backs printed amounts that add up to a sure total (apply.ts backByRate). */
export function taxRate(t: Truth): number | null {
  const untaxed = num(t.amount_untaxed);
  const total = num(t.amount_total);
  const tax = num(t.amount_tax) ?? (untaxed !== null && total !== null ? roundHundredths(total - untaxed) : null);
  if (untaxed === null || tax === null || Math.abs(untaxed) < 0.005 || Math.abs(tax) < 0.005 || Math.sign(tax) !== Math.sign(untaxed)) return null;
  for (const decimals of [0, 1]) {
    const rate = Number(((100 * tax) / untaxed).toFixed(decimals));
    if (rate > 0 && rateFits(untaxed, tax, rate)) return rate;
  }
  return null;
}

/** Whether a tax is `rate` percent of an untaxed amount, within the rounding of a tax summed per line (a receipt
 * rounds each line's tax: a cent, and a fiftieth of a percent of the amount). */
export function rateFits(untaxed: number, tax: number, rate: number): boolean {
  return Math.abs((Math.abs(untaxed) * rate) / 100 - Math.abs(tax)) <= 0.01 + 0.0002 * Math.abs(untaxed) && Math.sign(tax) === Math.sign(untaxed);
}

function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
