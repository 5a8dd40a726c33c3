// Using a matched profile: its anchors read learned candidates, which take part in choosing each field with the
// rules' pick; the partner it belongs to names the vendor; its defaults fill type and currency.
import type { ExtractedFields, Field, FieldName, LearnedAccounting } from '../contract.js';
import {
  agreement, anchorBasis, anchorReliability, DEFAULT_SHARE, defaultBasis, MAX_LEARNED_PROBABILITY, memoryDemoted, MIN_ANCHOR_RELIABILITY,
  type MemoryCalibration, probabilityOf as probabilityIn, REPLACE_AT, RULES_SURE, shippedMemoryCalibration, vendorBasis,
} from './calibration.js';
import type { DocumentEvidence } from './evidence.js';
import { FAIRLY_SURE, lettersAlike, nameWords, printsVat, type ProfileMatch } from './match.js';
import { placeBacks, readAtAnchor, similarWord } from './anchors.js';
import { type Anchor, PLACED_FIELD_NAMES, PLACED_FIELDS, type Counts, type FieldMemory, type PlacedField, type VendorProfile } from './types.js';
import { vatKey } from '../pipeline/extract/vat.js';
import { AMOUNT_NAMES as AMOUNTS, type AmountName, pageDecides, printedOn, SUM_EXACT } from './page-arithmetic.js';
import { COMMON_TAX_RATES } from '../pipeline/extract/totals-choice.js';
import { inPattern, particularPattern, repairedInPattern, sameValue, type Value } from './values.js';
import { rateFits } from './learn.js';
import { roundHundredths } from '../pipeline/rounding.js';

export interface LearnedPick {
  value: Value;
  reliability: number;
  ocrConfidence: number;
  /** the most reliable anchor that read it (its hits and misses are the value's confirmations) */
  anchor: Pick<Anchor, 'hits' | 'misses'>;
  /** how many cells of the page the anchors read it in (a value found where two learned labels stand is
   * corroborated; two anchors reading one cell are one reading) */
  places: number;
  /** every cell it was read in printed it damaged beyond the rules' reading (AnchorReading.damaged) */
  damaged: boolean;
  /** every cell it was read in printed it glued to letters (AnchorReading.glued) */
  glued: boolean;
}

/** What the profile's anchors read for one field: the value most reliable anchors agree on. Anchors that read
 * different values as strongly as each other (a receipt prints its total beside "Total", "Cash" and "Visa", and
 * its item lines beside words learned as labels) do not know — unless one of those values is `rules`' own: an
 * anchor reading the very value the rules chose is evidence for it, not a contest. When the rules were sure of
 * their value (`rulesSure`: calibrated at least RULES_SURE), an anchor reading it backs it however strongly others
 * read another value: a till that prints its total before and after cash rounding ("Total Sales Incl. GST 45.34",
 * "Rounding … 45.35") has anchors learned on both lines, and those learned while the two were equal keep reading the
 * unrounded one (tune: the rules' sure value backed so against a stronger anchor right 5 of 5, and 3 of 3 where
 * they were unsure). */
export function learnedPick(ev: DocumentEvidence, field: PlacedField, fm: FieldMemory, rules?: Value | null, rulesSure = false): LearnedPick | null {
  const kind = PLACED_FIELDS[field];
  const votes: { value: Value; score: number; reliability: number; ocr: number; anchor: Anchor; places: Set<string>; damaged: boolean; glued: boolean }[] = [];
  const unlabelled: Anchor[] = [];
  for (const anchor of fm.anchors) {
    const reliability = anchorReliability(anchor);
    if (reliability < MIN_ANCHOR_RELIABILITY) continue;
    const reading = readAtAnchor(ev, anchor, kind, fm, rules);
    if (!reading) {
      unlabelled.push(anchor);
      continue;
    }
    const vote = votes.find((v) => sameValue(kind, v.value, reading.value));
    if (vote) {
      vote.score += reliability;
      if (reliability > vote.reliability) [vote.reliability, vote.anchor] = [reliability, anchor];
      vote.ocr = Math.min(vote.ocr, reading.confidence);
      vote.places.add(reading.place);
      vote.damaged &&= reading.damaged === true;
      vote.glued &&= reading.glued === true;
    } else votes.push({ value: reading.value, score: reliability, reliability, ocr: reading.confidence, anchor, places: new Set([reading.place]), damaged: reading.damaged === true, glued: reading.glued === true });
  }
  // a sure rules' value no label read, printed where a learned label's value stood (the label garbled): the place backs
  // it, one reading however many anchors stood there
  if (rulesSure && rules !== null && rules !== undefined && !votes.some((v) => sameValue(kind, v.value, rules))) {
    for (const anchor of unlabelled) {
      const reading = placeBacks(ev, anchor, kind, fm, rules);
      if (!reading) continue;
      const reliability = anchorReliability(anchor);
      const vote = votes.find((v) => sameValue(kind, v.value, reading.value));
      if (vote) {
        vote.score += reliability;
        if (reliability > vote.reliability) [vote.reliability, vote.anchor] = [reliability, anchor];
      } else votes.push({ value: reading.value, score: reliability, reliability, ocr: reading.confidence, anchor, places: new Set(['place']), damaged: false, glued: false });
    }
  }
  votes.sort((a, b) => b.score - a.score);
  const best = votes[0];
  if (!best) return null;
  // two readings as strong as each other: the anchors do not know, unless one of the strongest is the rules' value
  const tied = votes.filter((v) => v.score >= best.score * 0.9);
  const backing = rulesSure ? votes.find((v) => sameValue(kind, v.value, rules)) : undefined;
  const chosen = backing ?? (tied.length === 1 ? best : tied.find((v) => sameValue(kind, v.value, rules)));
  if (!chosen) return null;
  return { value: chosen.value, reliability: chosen.reliability, ocrConfidence: chosen.ocr, anchor: chosen.anchor, places: chosen.places.size, damaged: chosen.damaged, glued: chosen.glued };
}

export interface Applied {
  fields: ExtractedFields;
  /** the rules' value and confidence of every field the memory changed */
  before: Partial<Record<FieldName, Field<unknown>>>;
  /** what the anchors read per field (for learning: was the memory right?) */
  picks: Partial<Record<PlacedField, Value>>;
  /** the calibration cell of every field the memory supplied or confirmed (src/memory/calibration.ts) */
  basis: Partial<Record<FieldName, string>>;
  /** learned values the anchors read against the rules' own that were not used (the rules' value was likelier),
   * with the cell they would have had: how the calibration learns how often such a reading is right */
  declined: Partial<Record<FieldName, { value: Value; basis: string }>>;
}

/** @param calibrated the rules' fields with their calibrated confidence (a scan has it): how sure the rules were
 * tells a confirmation from an agreement */
export function applyProfile(
  match: ProfileMatch, ev: DocumentEvidence, rules: ExtractedFields, table: MemoryCalibration | null = shippedMemoryCalibration(), calibrated?: ExtractedFields,
): Applied {
  const probabilityOf = (basis: string) => probabilityIn(basis, table);
  const fields = structuredClone(rules);
  const picks: Applied['picks'] = {};
  const basis: Applied['basis'] = {};
  const declined: Applied['declined'] = {};
  const p = match.profile;
  for (const name of PLACED_FIELD_NAMES) {
    const fm = p.fields[name];
    if (!fm || memoryDemoted(fm.learned)) continue;
    const kind = PLACED_FIELDS[name];
    const current = rules[name] as Field<Value>;
    const pick = learnedPick(ev, name, fm, current.value, (calibrated?.[name].confidence ?? 0) >= RULES_SURE && calibrated?.[name].value === current.value);
    if (!pick) {
      if (kind === 'reference') byPattern(fields, name, fm, basis, declined, probabilityOf, calibrated?.[name]);
      continue;
    }
    if (kind === 'date' && beforeLearnedYears(fm, pick.value)) continue;
    picks[name] = pick.value;
    if (sameValue(kind, current.value, pick.value)) {
      // a printing damaged beyond the rules' reading that backs them ("RM 10. 5": a digit lost, ten amounts fit it) is
      // its own cell too, never an agreement's (the scan keeps the higher of it and the rules' own, memoryConfidence)
      basis[name] = anchorBasis(pick.glued ? 'glued' : pick.damaged ? 'damaged' : agreement(calibrated?.[name].confidence ?? 0, pick.places), kind, pick.anchor, fm.learned, pick.ocrConfidence, pick.places, name);
      (fields[name] as Field<Value>).confidence = probabilityOf(basis[name]!);
      continue;
    }
    // a value the rules lacked is a fill, another value than theirs a contest: cells of their own (calibration.ts); a
    // fill read from a printing damaged beyond the rules' reading is a `damaged` one (measured only where it happens)
    const read = anchorBasis(pick.glued ? 'glued' : current.value !== null ? 'read' : pick.damaged ? 'damaged' : 'fill', kind, pick.anchor, fm.learned, pick.ocrConfidence, pick.places, name);
    // the learned reading decides when readings like it were right more often than the rules' value is (both
    // calibrated: the `learned` cell against the rules' own probability) and more often than not
    // — or, for a reference, when the pattern decides the contest (outOfPattern)
    const likelier = probabilityOf(read) > Math.max(REPLACE_AT, sureness(current, calibrated?.[name]));
    if (current.value !== null && !likelier && !outOfPattern(fm, current, pick.value, calibrated?.[name])) {
      declined[name] = { value: pick.value, basis: read };
      continue;
    }
    basis[name] = read;
    fields[name] = { value: pick.value, confidence: probabilityOf(read) } as never;
  }
  for (const name of PLACED_FIELD_NAMES) if (PLACED_FIELDS[name] === 'reference') repairReference(fields, name, p.fields[name], picks, basis, probabilityOf);
  settleByPage(fields, rules, p, basis, declined, probabilityOf, ev);
  const read = { ...fields };
  for (const name of keepAmountsConsistent(rules, fields, basis)) {
    if (basis[name]) declined[name] = { value: read[name].value as Value, basis: basis[name]! };
    delete basis[name];
  }
  applyVendor(fields, p, match, ev, basis, declined, probabilityOf, calibrated);
  offerDefault(fields, 'doc_type', p.defaults.doc_type, p.documents, basis, probabilityOf, calibrated);
  offerDefault(fields, 'currency', p.defaults.currency, p.documents, basis, probabilityOf, calibrated);
  offerTaxFree(fields, p.defaults.taxes, basis, probabilityOf, calibrated);
  backBySum(fields, rules, basis, probabilityOf, ev, calibrated);
  backByRate(fields, rules, basis, p.defaults.rates, probabilityOf, ev, calibrated);
  return { fields, before: changedFrom(rules, fields), picks, basis, declined };
}

/** Whether a reference contest is decided by the vendor's learned pattern: the anchors read a number in the pattern of
 * the number kept last (values.ts inPattern: its shape and digit counts), where the rules' number, of which they were
 * not sure (calibrated below RULES_SURE), is out of it and is not that pattern garbled (repairReference) — a vendor
 * numbers its documents in one pattern (tune truths: 27 of 28 consecutive numbers of a vendor kept their predecessor's
 * shape, 23 of 28 its digit counts too, the others sample invoices of e-invoice standards), so the rules' number out of
 * it is another thing (a customer, order or till number the rules took for it: their commonest number slip on tune
 * first documents), and the reading at the vendor's label in its pattern is likelier, whatever the contest cell. The
 * reading then takes the rules' place with its cell's probability: replaced, not written on the contest alone. */
function outOfPattern(fm: FieldMemory, current: Field<Value>, read: Value, calibrated?: Field<unknown>): boolean {
  const shape = fm.shape;
  if (!shape || typeof current.value !== 'string' || sureness(current, calibrated) >= RULES_SURE) return false;
  return inPattern(String(read), shape, fm.digits) && !inPattern(current.value, shape, fm.digits) && repairedInPattern(current.value, shape, fm.digits) === null;
}

/** Years a date may stand before the earliest year of the vendor's kept dates and still be confirmed, read or filled. */
const MAX_YEARS_BEFORE = 2;

/** Whether a date the anchors read stands more than MAX_YEARS_BEFORE years before every year the vendor's kept dates
 * had (FieldMemory.years): an anchor says where the vendor prints its date, not that OCR read its digits — a till
 * stamp's "18" read as "13" ("15-03-13": the rules and the learned place read the same misprint; tune: confirmed and
 * written wrong) is five years before the vendor's others. Before only: a vendor's next document may come years after
 * its last (tune: a vendor's invoices of 2020 and 2025), seldom years before its first; two years before is allowed
 * (documents are not always posted in their order). The memory then neither confirms, reads nor fills it: the date
 * is left to the rules. */
function beforeLearnedYears(fm: FieldMemory, value: Value): boolean {
  const year = Number(String(value).slice(0, 4));
  return Boolean(fm.years?.length) && Number.isFinite(year) && year < Math.min(...fm.years!) - MAX_YEARS_BEFORE;
}

/** Where no anchor read a reference (the vendor printed another template, OCR garbled its label), its learned pattern
 * (FieldMemory shape and digit counts: values.ts inPattern) still tells the vendor's number among the page's: the
 * rules' own number in a particular pattern (one with a letter or a separator) is backed (`pattern`, an agreement); a
 * rules' number out of it, with exactly one of the rules' other candidates in it, meets that candidate as a learned
 * reading against the rules' (`choose`, a contest: used only where such readings were right more often than the
 * rules' number is, else declined). Cells of their own, held until measured. */
function byPattern(
  fields: ExtractedFields, name: PlacedField, fm: FieldMemory, basis: Applied['basis'], declined: Applied['declined'], probabilityOf: Probability,
  calibrated?: Field<unknown>,
): void {
  const current = fields[name] as Field<string | null>;
  if (!fm.shape || !particularPattern(fm.shape) || current.value === null) return;
  if (inPattern(current.value, fm.shape, fm.digits)) {
    basis[name] = `pattern:reference:${name}`;
    current.confidence = probabilityOf(basis[name]!);
    return;
  }
  // the rules' number garbled (a digit read as a look-alike letter) is theirs repaired, not another candidate's
  if (repairedInPattern(current.value, fm.shape, fm.digits) !== null) return;
  const inIt = (current.alternatives ?? []).map((a) => String(a.value)).filter((v) => inPattern(v, fm.shape!, fm.digits));
  if (inIt.length !== 1) return;
  const cell = `choose:reference:${name}`;
  // (an unsure rules' number out of the vendor's pattern loses to the one candidate in it: outOfPattern)
  if (!(probabilityOf(cell) > Math.max(REPLACE_AT, sureness(current, calibrated))) && !outOfPattern(fm, current as Field<Value>, inIt[0]!, calibrated)) {
    declined[name] = { value: inIt[0]!, basis: cell };
    return;
  }
  basis[name] = cell;
  fields[name] = { value: inIt[0]!, confidence: probabilityOf(cell) } as never;
}

/** The cell of a reference repaired by the vendor's learned pattern (repairReference). */
export const REPAIR_BASIS = 'repair:reference';

/** A reference — the rules' own, or one the anchors read — out of the vendor's learned pattern that one repair of
 * OCR's look-alike letters puts in it (values.ts repairedInPattern: "NO50191110" for a vendor numbering "A9", nine
 * digits) is that repaired number: the garbled one and it are the same printed word, and only the repaired one is how
 * the vendor numbers (a letter where its numbers have a digit is OCR's). It takes the garbled value's place whatever
 * the cell (the garbled value, however agreed with, is wrong where the pattern holds), with the probability of its own
 * cell (`repair:reference:FIELD`, unfitted 0.5 until measured: replaced, never written on the repair alone). */
function repairReference(
  fields: ExtractedFields, name: PlacedField, fm: FieldMemory | undefined, picks: Applied['picks'], basis: Applied['basis'], probabilityOf: Probability,
): void {
  const current = fields[name] as Field<string | null>;
  if (!fm?.shape || current.value === null) return;
  const repaired = repairedInPattern(current.value, fm.shape, fm.digits);
  if (repaired === null) return;
  if (picks[name] !== undefined && sameValue('reference', picks[name], current.value)) picks[name] = repaired;
  basis[name] = `${REPAIR_BASIS}:${name}`;
  fields[name] = { value: repaired, confidence: probabilityOf(basis[name]!) } as never;
}

/** Untaxed + tax = total within a cent's rounding: what keeps learned amounts consistent with the page's (to the cent,
 * SUM_EXACT of page-arithmetic.ts, is what backs them: backBySum, backByRate). */
const SUM_WITHIN_ROUNDING = 0.011;

/** When the page's arithmetic and a learned amount disagree: learned amounts that replaced the rules' own and break
 * untaxed + tax = total, where the rules' amounts held together, are not used; nor is one that filled a gap, however
 * sure its cell: the page's arithmetic contradicts it or the rules' amount beside it, and the memory cannot tell which
 * — used, it would only send the document to review for amounts that do not add up (round 19: a right tax filled at
 * 0.86 beside the rules' wrong untaxed amount sent a receipt whose total and date were written to review). An amount
 * filling a gap that adds up stays. A learned tax larger than any tax rate's share of the total (possibleTax) is no
 * tax, whatever its cell. */
function keepAmountsConsistent(rules: ExtractedFields, fields: ExtractedFields, basis: Applied['basis']): FieldName[] {
  const undone: FieldName[] = [];
  if (fields.amount_tax.value !== rules.amount_tax.value && !possibleTax(fields.amount_tax.value, fields.amount_total.value)) {
    fields.amount_tax = { ...rules.amount_tax };
    undone.push('amount_tax');
  }
  const adds = (f: ExtractedFields) => {
    const [u, t, g] = [f.amount_untaxed.value, f.amount_tax.value, f.amount_total.value];
    // sizes: the memory reads amounts as sizes, the rules as printed (a credit note's negative amounts)
    return u === null || t === null || g === null || Math.abs(Math.abs(u) + Math.abs(t) - Math.abs(g)) <= SUM_WITHIN_ROUNDING;
  };
  if (adds(fields)) return undone;
  for (const name of AMOUNTS) {
    if (fields[name].value === rules[name].value) continue;
    const replaced = rules[name].value !== null && adds(rules);
    const filled = rules[name].value === null && basis[name] !== undefined;
    if (replaced || filled) {
      fields[name] = { ...rules[name] };
      undone.push(name);
    }
  }
  return undone;
}

/** The highest tax rate in use (extract/totals-choice.ts COMMON_TAX_RATES: VAT and GST rates top out at 27 %): a tax
 * is at most that rate's share of its total (27/127, 21 %), within a cent. A learned "tax" above it is another amount
 * of the page (a subtotal, a payment) read where a tax line stood. Sizes: a credit note's tax and total are negative
 * as the rules read them (the memory reads sizes), and its tax is bounded by its total's size as a bill's is. */
const HIGHEST_RATE = Math.max(...COMMON_TAX_RATES);

export function possibleTax(tax: number | null, total: number | null): boolean {
  if (tax === null || total === null) return true;
  return Math.abs(tax) <= (Math.abs(total) * HIGHEST_RATE) / (100 + HIGHEST_RATE) + 0.01;
}

type Probability = (basis: string) => number;

/** The cell of an amount the page's arithmetic backs (backBySum): measured like the others, its probability is the
 * two amounts' it follows from. */
export const SUM_BASIS = 'sum:amount';

/** An amount the rules read that adds up exactly with the two others (untaxed + tax = total), both sure (RULES_SURE),
 * when the memory made one of those two sure (an anchor confirmed it, a learned habit gave it): the page's arithmetic then backs it — as
 * sure as the less sure of the two, at most MAX_LEARNED_PROBABILITY (a posted document's amounts add up: on the
 * corpus's truths 229 of 238; where they do not — a stamp duty, cash rounding — the amount read does not add up
 * either, and nothing is backed). Only a value the page printed is backed, never one made up from the others. The
 * rules' amount a learned label also read (`confirm`/`agree`, one place: a tax line whose label the vendor prints once
 * per rate is a weaker anchor than a total's) is backed too where the sum is surer than its cell: the arithmetic is
 * another check of it, not the label's. A sure total backs the pair of an untaxed amount and a tax that add up to it,
 * both read at the vendor's learned labels, however unsure each alone (tune, design half: 2 more written, right). */
function backBySum(
  fields: ExtractedFields, rules: ExtractedFields, basis: Applied['basis'], probabilityOf: Probability, ev: DocumentEvidence, calibrated?: ExtractedFields,
): void {
  const [u, t, g] = AMOUNTS.map((n) => fields[n].value);
  if (u === null || t === null || g === null || Math.abs(u + t - g) > SUM_EXACT) return;
  const before = Object.fromEntries(AMOUNTS.map((n) => [n, amountSureness(n, fields, rules, basis, probabilityOf, calibrated)])) as Record<AmountName, number>;
  for (const name of AMOUNTS) {
    const others = AMOUNTS.filter((n) => n !== name);
    // an amount of the memory's own (a value it read or a habit it filled) is left to its cell; the rules' value an
    // anchor confirmed or agreed with is backed as the rules' would be: the arithmetic is evidence the label is not
    if ((basis[name] && !backsRulesValue(basis[name]!)) || !others.some((n) => basis[n] && basis[n] !== SUM_BASIS)) continue;
    const backed = Math.min(MAX_LEARNED_PROBABILITY, ...others.map((n) => before[n]));
    // two sure amounts back the third; an unsure one (a multi-rate receipt's one rate read) backs nothing; nor is an
    // amount the page does not print backed (one the rules made up from the others would add up by construction)
    if (backed < RULES_SURE || backed <= before[name] || !printedOn(ev, fields[name].value as number)) continue;
    basis[name] = SUM_BASIS;
    fields[name] = { ...fields[name], confidence: backed } as never;
  }
  // a sure total backs the untaxed amount and the tax that add up to it to the cent, each printed where the vendor's
  // learned label stands (an anchor confirmed or agreed with it), however unsure each alone: a misread of one is not
  // offset to the cent by a misread of the other, and the labels say which line each is (a tax, within any rate's
  // share of the total: possibleTax)
  const pair = ['amount_untaxed', 'amount_tax'] as const;
  if (before.amount_total < RULES_SURE || Math.abs(t) <= SUM_EXACT || !possibleTax(t, g)) return;
  if (!pair.every((n) => basis[n] && (backsRulesValue(basis[n]!) || basis[n] === SUM_BASIS) && printedOn(ev, fields[n].value as number))) return;
  const backed = Math.min(MAX_LEARNED_PROBABILITY, before.amount_total);
  for (const name of pair) {
    if (backed <= Math.max(before[name], fields[name].confidence)) continue;
    basis[name] = SUM_BASIS;
    fields[name] = { ...fields[name], confidence: backed } as never;
  }
}

/** How sure an amount of `fields` is: the rules' calibrated reading when it is theirs, the memory's cell when it
 * supplied or confirmed it, the surer of the two. */
function amountSureness(
  n: AmountName, fields: ExtractedFields, rules: ExtractedFields, basis: Applied['basis'], probabilityOf: Probability, calibrated?: ExtractedFields,
): number {
  const own = fields[n].value === rules[n].value ? sureness(rules[n], calibrated?.[n]) : 0;
  return basis[n] ? Math.max(own, probabilityOf(basis[n]!)) : own;
}

/** The situation of an amount contest the page's arithmetic settled for the learned reading (settleByPage). */
export const PAGE_SETTLED = 'page';

/** An amount contest — the vendor's learned place read another amount than the rules' — settled by the page's
 * arithmetic (page-arithmetic.ts: untaxed + tax = total with the two other amounts printed, a till's payment) where it
 * backs one reading and not the other: a posted document's amounts hold together, so the reading that holds with the
 * page's other printings is the document's. A learned reading declined by the cells (a contest is right about half
 * the time) that the page backs, against a rules' amount it does not, takes the rules' place in a cell of its own
 * (`page:amount:CHECK:FIELD`, unfitted 0.5 until measured: replaced, not written on the check alone, nor lifted to
 * the two other amounts' sureness — a total legitimately differs from their sum where it is rounded to the unit or a
 * withholding is deducted). A learned reading the cells preferred that the page breaks where it backs the rules'
 * amount is declined. */
function settleByPage(
  fields: ExtractedFields, rules: ExtractedFields, p: VendorProfile, basis: Applied['basis'], declined: Applied['declined'], probabilityOf: Probability,
  ev: DocumentEvidence,
): void {
  for (const name of ['amount_total', 'amount_untaxed', 'amount_tax'] as const) {
    const contested = declined[name];
    const won = basis[name]?.startsWith('read:') ? basis[name] : undefined;
    const [learned, held] = contested ? [contested.value, fields[name].value] : won ? [fields[name].value, rules[name].value] : [null, null];
    if (typeof learned !== 'number' || typeof held !== 'number') continue;
    const decided = pageDecides(name, learned, held, fields, ev, p.fields[name]?.decimal);
    if (contested && decided?.winner === 'learned') {
      const cell = `${PAGE_SETTLED}:amount:${decided.check}:${name}`;
      delete declined[name];
      basis[name] = cell;
      fields[name] = { value: learned, confidence: probabilityOf(cell) } as never;
    } else if (won && decided?.winner === 'rules') {
      declined[name] = { value: learned, basis: won };
      delete basis[name];
      fields[name] = structuredClone(rules[name]) as never;
    }
  }
}

/** The cell of an untaxed amount and a tax the vendor's own tax rate backs (backByRate). */
export const RATE_BASIS = 'rate:amount';

/** The rules' untaxed amount and tax, both printed on the page, that add up to a sure total (RULES_SURE) with the tax
 * at a rate the vendor charged on a whole posted document before (`defaults.rates`, learn.ts taxRate) are as sure as
 * the total (at most MAX_LEARNED_PROBABILITY): the total and the vendor's rate leave one untaxed amount and one tax,
 * within rounding, so a reading that is both is not a misread — an independent check of the two, where the sum alone
 * is none (the rules take the untaxed amount as the total less the tax when no net is printed: it adds up by
 * construction). Without a tax read, the untaxed amount whose rate is the total's. A value is only backed, never made
 * up: a receipt of several rates, or the vendor charging another rate now, backs nothing. */
function backByRate(
  fields: ExtractedFields, rules: ExtractedFields, basis: Applied['basis'], rates: Counts | undefined, probabilityOf: Probability,
  ev: DocumentEvidence, calibrated?: ExtractedFields,
): void {
  const [u, t, g] = AMOUNTS.map((n) => fields[n].value);
  if (!rates || u === null || g === null || u === g) return;
  const tax = t ?? roundHundredths(g - u);
  if (Math.abs(u + tax - g) > SUM_EXACT || !Object.keys(rates).some((r) => rateFits(u, tax, Number(r)))) return;
  const own = fields.amount_total.value === rules.amount_total.value ? sureness(rules.amount_total, calibrated?.amount_total) : 0;
  const sure = Math.min(MAX_LEARNED_PROBABILITY, Math.max(own, basis.amount_total ? probabilityOf(basis.amount_total) : 0));
  if (sure < RULES_SURE) return;
  const names = t === null ? (['amount_untaxed'] as const) : (['amount_untaxed', 'amount_tax'] as const);
  if (names.some((n) => !printedOn(ev, fields[n].value as number))) return;
  for (const name of names) {
    // the memory's own value (one it read, a habit it filled) is left to its cell; the rules' value is backed
    if (basis[name] && !backsRulesValue(basis[name]!) && basis[name] !== SUM_BASIS) continue;
    // (a value the sum backed already holds the sureness it was given)
    const cell = basis[name] === SUM_BASIS ? fields[name].confidence : basis[name] ? probabilityOf(basis[name]!) : 0;
    const current = Math.max(sureness(rules[name], calibrated?.[name]), cell);
    if (fields[name].value !== rules[name].value || current >= sure) continue;
    basis[name] = RATE_BASIS;
    fields[name] = { ...fields[name], confidence: sure } as never;
  }
}

/** A cell of an anchor that read the rules' own value (`confirm`, `agree`): the value is the rules' reading of the page. */
function backsRulesValue(cell: string): boolean {
  return /^(confirm|agree):/.test(cell);
}

/** A vendor's usual type or currency takes the place of another value the rules were less sure of than this. */
const DEFAULT_OVERRULES_BELOW = 0.6;

function applyVendor(
  fields: ExtractedFields, p: VendorProfile, match: ProfileMatch, ev: DocumentEvidence, basis: Applied['basis'], declined: Applied['declined'],
  probabilityOf: Probability, calibrated?: ExtractedFields,
): void {
  if (p.partner.name) {
    const cell = vendorBasis('name', match.by);
    const rulesName = fields.vendor_name.value;
    // a name the rules read surely (NAME_KEPT_FROM) that is another name of the vendor's (a division, a sample renamed
    // under the same VAT id: "… Systemhaus AG" where the partner is "… AG Demodaten") is the page's: the partner's is
    // not written over it (declined, measured in a cell of its own);
    const rulesSure = sureness(fields.vendor_name, calibrated?.vendor_name);
    const renamed = vendorBasis('renamed', match.by);
    // one the rules read fairly surely (FAIRLY_SURE, as matching reads it) is decided as a learned reading against the
    // rules' is: the partner's name there is a `renamed` reading, used only where such readings were right more often
    // than the rules' name is — not a `vendor:name` one (written over the page's other name, it was wrong on tune 2 of
    // 2, and those two samples held every name matched by a VAT id under the write threshold when the table was fitted)
    const other = rulesName !== null && anotherName(rulesName, p.partner.name);
    if (other && (rulesSure >= NAME_KEPT_FROM || (rulesSure >= FAIRLY_SURE && !(probabilityOf(renamed) > Math.max(REPLACE_AT, rulesSure))))) {
      declined.vendor_name = { value: p.partner.name, basis: renamed };
    } else if (other && rulesSure >= FAIRLY_SURE) {
      basis.vendor_name = renamed;
      fields.vendor_name = { value: p.partner.name, confidence: probabilityOf(renamed) };
    } else {
      basis.vendor_name = cell;
      fields.vendor_name = { value: p.partner.name, confidence: probabilityOf(cell) };
    }
  }
  // a VAT id the rules read that is one of the vendor's own stays (a vendor may print its VAT or its tax number);
  // the partner's VAT printed on the page is the vendor's as surely, however the document was matched; one the page
  // does not print is as sure as the match (a vendor's VAT id may change); another VAT id the rules read stays when
  // they were surer of it than that — both calibrated, as the placed fields are decided (a raw score is on another
  // scale: a VAT id printed with a slip scores 0.55 raw, 0.91 calibrated)
  const own = fields.vendor_vat.value !== null && p.identifiers.vat.map(vatKey).includes(vatKey(fields.vendor_vat.value)) ? fields.vendor_vat.value : null;
  const printed = own ?? (p.partner.vat && printsVat(p.partner.vat, ev) ? p.partner.vat : null);
  // the rules' own reading of the vendor's id, when they were sure of it, is confirmed rather than supplied
  const cell = vendorBasis('vat', match.by, printed !== null, own ? sureness(fields.vendor_vat, calibrated?.vendor_vat) : 0);
  const conf = probabilityOf(cell);
  if (own) {
    basis.vendor_vat = cell;
    fields.vendor_vat.confidence = conf;
  } else if (p.partner.vat && (fields.vendor_vat.value === null || sureness(fields.vendor_vat, calibrated?.vendor_vat) < conf)) {
    basis.vendor_vat = cell;
    fields.vendor_vat = { value: p.partner.vat, confidence: conf };
  } else if (p.partner.vat && vatKey(p.partner.vat) !== vatKey(fields.vendor_vat.value!)) {
    // not used: reported with its cell, so the calibration measures the partner's VAT id where the page printed another
    declined.vendor_vat = { value: p.partner.vat, basis: cell };
  }
}

/** The rules' calibrated confidence in a vendor name from which the page's own other name of the vendor stays (tune:
 * such names were read at 0.91-0.95 and right 2 of 2, the partner's names over them wrong 2 of 2). */
const NAME_KEPT_FROM = 0.9;

/** Whether a vendor name is another of the partner's names, not the partner's as OCR read it: each has distinctive words
 * the other lacks (a word one slip away is the other's), and their letters are not one another's with OCR's slips
 * (namesDiffer's letter test: "HARD WARE" is "Hardware"). */
export function anotherName(read: string, partner: string): boolean {
  const [wr, wp] = [nameWords(read), nameWords(partner)];
  const lacks = (a: string[], b: string[]) => a.some((w) => !b.some((o) => similarWord(w, o)));
  return lacks(wr, wp) && lacks(wp, wr) && !lettersAlike(read, partner);
}

/** How sure the rules were of a field's value: its calibrated confidence when known (a scan has it), else the raw one. */
function sureness(field: Field<unknown>, calibrated?: Field<unknown>): number {
  return calibrated && calibrated.value === field.value ? calibrated.confidence : field.confidence;
}

/** A value the vendor's documents nearly always had fills in for a missing or unsure one, and backs an equal one.
 * Unsure is the rules' calibrated confidence when known: a "$" or "£" OCR saw on a Malaysian receipt scores high
 * raw (0.6–0.95) and is right a few times in a hundred (calibrated 0.04–0.29). */
function offerDefault(
  fields: ExtractedFields, name: 'doc_type' | 'currency', counts: Counts, documents: number, basis: Applied['basis'], probabilityOf: Probability,
  calibrated?: ExtractedFields,
): void {
  const field = fields[name] as Field<string>;
  const [value, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [];
  if (value === undefined || documents === 0 || n / documents < DEFAULT_SHARE) return;
  if (field.value !== value && field.value !== null && sureness(field, calibrated?.[name]) >= DEFAULT_OVERRULES_BELOW) return;
  basis[name] = defaultBasis(name, n);
  fields[name] = { value, confidence: probabilityOf(basis[name]!) } as never;
}

/** Tax-free postings a vendor needs before its next documents are read as tax-free: one posting is no habit. */
const TAX_FREE_MIN_DOCUMENTS = 3;
/** ...and before they back the rules' own reading of a tax-free document (an untaxed amount equal to the total, no
 * tax): the memory then adds no value, it agrees with one, as an anchor reading the rules' value does (tune: 4 of 4) */
const TAX_FREE_BACKS_RULES_FROM = 1;

/** A vendor whose posted documents nearly always (DEFAULT_SHARE) carried no tax (a small business scheme, exempt
 * services: untaxed = total): where the rules read no tax (none, or zero) and no untaxed amount but the total, the
 * untaxed amount is the total and the tax zero — as sure as the total is, and at most as the vendor's habit (its
 * `default:notax` cell); three postings make the habit, one backs the rules' own untaxed amount equal to the total
 * (and the zero tax that equality means, when the rules read none).
 * A tax the rules read is left alone: the vendor may charge it now, and the posting counts it. */
function offerTaxFree(fields: ExtractedFields, counts: Counts | undefined, basis: Applied['basis'], probabilityOf: Probability, calibrated?: ExtractedFields): void {
  const none = counts?.none ?? 0;
  const total = fields.amount_total.value;
  const tax = fields.amount_tax.value;
  const untaxed = fields.amount_untaxed.value;
  if (total === null || (tax !== null && Math.abs(tax) > 0.005) || (untaxed !== null && Math.abs(untaxed - total) > 0.005)) return;
  if (none < (untaxed === null ? TAX_FREE_MIN_DOCUMENTS : TAX_FREE_BACKS_RULES_FROM) || none / (none + (counts?.charged ?? 0)) < DEFAULT_SHARE) return;
  // how sure the total is: the rules' calibrated reading, or the memory's own when it supplied or confirmed it
  const rulesTotal = calibrated?.amount_total.value === total ? calibrated.amount_total.confidence : 0;
  const totalSure = Math.max(rulesTotal, basis.amount_total ? probabilityOf(basis.amount_total) : 0);
  const cell = defaultBasis('notax', none);
  const sure = Math.min(totalSure, probabilityOf(cell));
  basis.amount_untaxed = cell;
  fields.amount_untaxed = { value: total, confidence: sure };
  basis.amount_tax = cell;
  fields.amount_tax = { value: 0, confidence: sure };
}

/** What the accountant chose on nearly all of the vendor's bill lines, for the lines of its next bill (addon and
 * worker modes: the profile belongs to an Odoo partner). */
export function usualAccounting(p: VendorProfile): LearnedAccounting | undefined {
  const lines = p.accounting.lines ?? 0;
  if (!p.partner.id || lines === 0) return undefined;
  const usual = (counts: Counts): string | null => {
    const [key, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [];
    return key !== undefined && n / lines >= DEFAULT_SHARE ? key : null;
  };
  const account = usual(p.accounting.account);
  const taxes = usual(p.accounting.taxes);
  const product = usual(p.accounting.product);
  if (account === null && taxes === null && product === null) return undefined;
  return {
    partner_id: p.partner.id,
    account_id: account === null ? null : Number(account),
    tax_ids: taxes === null ? null : taxes === 'none' ? [] : taxes.split(',').map(Number),
    product_id: product === null ? null : Number(product),
  };
}

function changedFrom(rules: ExtractedFields, fields: ExtractedFields): Applied['before'] {
  const before: Applied['before'] = {};
  for (const name of Object.keys(rules) as FieldName[]) {
    const a = rules[name];
    const b = fields[name];
    if (a.value !== b.value || a.confidence !== b.confidence) before[name] = { ...a };
  }
  return before;
}
