// Calibration: (field, source, raw score, evidence) → the measured probability that the value is right.
// Two fitted parts per field × source group: what each piece of evidence is worth (a log-odds shift), and a
// monotone map from the resulting score to the rate at which values were right.
// Extraction's scores are ranks (a receipt total at 0.57 is right far more often than 57 % of the time); the table
// in data/calibration.json says how often values like it were right on the `tune` corpus. It is fitted by
// scripts/fit-calibration.ts (method in docs/extraction.md#calibration) and checked on `holdout` by
// `npm run bench:accuracy -- --split holdout`.
import { readFileSync } from 'node:fs';
import type { ExtractedFields, FieldName, ResultSource } from '../../contract.js';
import { fromRoot } from '../../paths.js';
import type { EvidenceName, FieldEvidence } from './evidence.js';
import { roundHundredths } from '../rounding.js';
import { type DocumentKind, kindOf } from './policy.js';
import type { OcrEngineName } from '../ocr/cache.js';

export type { OcrEngineName };

/** Sources pooled for calibration: every e-invoice format reads XML exactly; a mixed PDF's weak fields are on its
 * OCR pages; OCR readings per engine (`ocr`: Tesseract, `ocr-paddle`: PaddleOCR), since each engine misreads other
 * things and scores its lines on its own scale — a Paddle total at the score and evidence of a Tesseract one is not
 * right as often. */
export type SourceGroup = 'einvoice' | 'pdf-text' | 'ocr' | 'ocr-paddle';


export interface CalibrationTable {
  version: 2;
  /** How and on what it was fitted (documents, split, date, method): for people, not read by code. */
  fitted: Record<string, unknown>;
  /** Per "field|source": score = bias + raw · logit(raw score) + the evidence's weights (absent: 0 and 1). */
  linear?: Record<string, Linear>;
  /** What each piece of evidence, and each kind of confirmation it gives (CONFIRMATIONS), is worth, per "field|source":
   * a shift of the log-odds (negative: against). */
  weights: Record<string, Partial<Record<Feature, number>>>;
  /** Upper edges of the score bins: bin i holds scores in [edges[i-1], edges[i]). */
  edges: number[];
  /** Probability per score bin: "field|source|kind" (kind: expense or bill), else "field|source", else the source's
   * pool "|source". Every row is non-decreasing. */
  rows: Record<string, number[]>;
  /** Sample counts behind each row (same keys), shown by bench:accuracy --calibration. */
  counts: Record<string, number[]>;
  /** The most a value of "field|source" without one of the CHECKS may be believed (fit.ts, 9: what the rules read right
   * on documents they had never seen); "field|source|evidence": the same for such a value that carries that evidence
   * (capOf); absent: no such cap. Values with a check are left to the row. */
  caps?: Record<string, number>;
}

/** Evidence that checks a value against the document itself, not the rules' liking of it: a sum, line amounts, a rate,
 * a payment line. A wrong amount seldom adds up, so a value with one of them is not held to what the rules read right
 * on documents they had never seen (fit.ts, 9). A VAT id's check digits are not one: the customer's id holds
 * them as well (first-seen text-layer VAT ids with them: 27 of 35 right). */
export const CHECKS: readonly EvidenceName[] = ['sum-ok', 'lines-ok', 'rate-ok', 'paid-ok'];

/** The CHECKS the rules chose a field's value by, which then check nothing of it (fit.ts, 9): the untaxed amount and the
 * tax are the pair of printed amounts the chooser (extract/totals-choice.ts) took because they add up to the total
 * (TRIPLE_WEIGHTS.addsUp) or the one is a tax rate of the other (rateTriple, rateRows), and any pair that splits the
 * total — a base and its tax at one of two rates, the goods before a fee — passes both as surely as the right one. First
 * seen on tune text layers (data/first-seen.json): taxes that added up 36 of 41 right, untaxed amounts with a sum or a
 * rate 25 of 27 (printed ones); their refit wrote them on holdout at 91 % and 89 %. The line items' sum (lines-ok) is
 * one number read apart from the summary, not a pair searched for: it still checks the untaxed amount (first seen 16
 * of 16 right). The total keeps every check: a wrong total is seldom made up by two printed amounts (first seen with a
 * check 46 of 48 right). */
export const CHOSEN_BY: Partial<Record<FieldName, readonly EvidenceName[]>> = { amount_untaxed: ['sum-ok', 'rate-ok'], amount_tax: ['sum-ok', 'rate-ok'] };

/** A value of `field` with one of the CHECKS that is printed on the page and that the rules did not choose it by
 * (CHOSEN_BY): a value printed nowhere (`not-printed`: an untaxed amount made up from a tax table's rows, a total
 * computed as untaxed + tax) adds up because it was made to. Without a field, any of the CHECKS counts. */
export const isChecked = (evidence: readonly string[] = [], field?: FieldName) => {
  const chosenBy: readonly string[] = (field && CHOSEN_BY[field]) || [];
  return !evidence.includes('not-printed') && evidence.some((e) => (CHECKS as readonly string[]).includes(e) && !chosenBy.includes(e));
};

/** Kinds of independent confirmation, each a feature of its own beside the evidence that gives it (featuresOf), so what
 * a value's regression credits is partly the kind — the page's arithmetic holds, another engine read the same — and not
 * only the one way a tune layout showed it. Nearly every tune receipt's right total is paid on the slip (paid-ok), and a
 * regression on evidence names alone put its weight there: a layout without payment lines (a delivery invoice whose
 * total adds up from its lines and which both engines read alike) got little for the checks it has (issue #14). With the
 * kinds, a check that tune's layouts showed seldom shares what its kind is worth. Measured by leaving vendor families
 * out of the fit (scripts/fit-calibration.ts --leave-family-out, --scored-without).
 * - arithmetic: the page's own numbers check the value (item lines, a tax table, a rate, a tax line's split, line
 *   amounts). Not untaxed + tax = total (sum-ok): its pair is searched for among the printed amounts, and tune totals
 *   without a payment line that only it checked were right 26 of 34 times (Tesseract);
 * - reading: the other OCR engine read the same value (not a re-read by the same engine, which shares its misreadings);
 * - against: something on the page or another reading speaks against the value. */
export const CONFIRMATIONS = {
  'kind-arithmetic': ['lines-ok', 'rate-ok', 'items-add-up', 'tax-split-ok', 'tax-table-ok', 'included-tax-ok'],
  'kind-reading': ['engines-agree', 'engines-agree-unlabelled'],
  'kind-against': ['sum-off', 'paid-off', 'tax-table-off', 'engines-differ', 'total-reread-differs', 'date-reread-differs', 'checksum-bad'],
} as const satisfies Record<string, readonly EvidenceName[]>;

export type ConfirmationKind = keyof typeof CONFIRMATIONS;
/** What the regression weighs: a piece of evidence, or a kind of confirmation. */
export type Feature = EvidenceName | ConfirmationKind;

/** The evidence that speaks for or against a value of `field`: all of it but what the rules chose the value by
 * (CHOSEN_BY). A tax picked because it and an untaxed amount add up to the total is no likelier right for adding up —
 * any pair that splits the total does —, and a regression that weighs the sum learns how often tune's layouts, which
 * the chooser was fixed on, split it right: tune, leave-family-out at 0.99 (six record files of 2026-12-06, 3 splits of
 * 5 folds, summed), OCR receipts' taxes written 49 times at 91.8 % with the sum and the rate weighed, 46 at 97.8 %
 * without; amount_tax 96.7 -> 99.2 % (123 -> 119 written), amount_untaxed 99.1 -> 100 % (223 -> 216). */
export function evidenceOf(evidence: readonly EvidenceName[], field?: FieldName): EvidenceName[] {
  const chosenBy: readonly EvidenceName[] = (field && CHOSEN_BY[field]) || [];
  return evidence.filter((e) => !chosenBy.includes(e));
}

/** A value's features: its evidence (evidenceOf: not what the rules chose the field's value by), and each kind of
 * confirmation (CONFIRMATIONS) that evidence gives, once (CHOSEN_BY: an untaxed amount and a tax picked because they
 * add up to the total, or are a rate of each other, are confirmed by nothing independent of that choice). */
export function featuresOf(evidence: readonly EvidenceName[], field?: FieldName): Feature[] {
  const own = evidenceOf(evidence, field);
  const gives = (names: readonly EvidenceName[]) => own.some((e) => names.includes(e));
  return [...own, ...(Object.keys(CONFIRMATIONS) as ConfirmationKind[]).filter((kind) => gives(CONFIRMATIONS[kind]))];
}

export interface Linear {
  bias: number;
  /** coefficient of logit(raw score) */
  raw: number;
}

/** Most a value is ever believed: no reading is certain, not even an e-invoice's (a wrong XML is still wrong). */
export const MAX_PROBABILITY = 0.99;

/** Evidence that holds a value below writing whatever its row says: a currency that the page's country clues speak
 * against, naming another currency the page marks too (./currency-doubt.ts); a VAT id read where the page's issuer
 * prints its own while the page prints another valid id behind a supplier's label (`seller-id-other`,
 * ./vat-evidence.ts: the page is its customer's order or self-billed invoice, and the id read is the customer's — the
 * one tune value with it, written wrong at 0.99 by a table fitted before the evidence existed). Such values are too
 * few on tune for the regression to weigh, and the `country-fits` or `checksum-ok` they may carry is worth a lot
 * there: held at even odds, they are shown, not written. */
export const HELD_BY: Partial<Record<EvidenceName, number>> = { 'clues-other-marked': 0.5, 'seller-id-other': 0.5 };

/** Evidence that holds an OCR reading (its source group `ocr` or `ocr-paddle`) below writing whatever its row says: a
 * VAT id whose check digits fail (`checksum-bad`). The check digits are the id's own test of its digits: on a scanned
 * page one that fails them is as likely a misread digit as the id printed (tune, OCR readings: right 2 of 6 times; the
 * one VAT id written wrong on tune, a Paddle reading, had them failing), and a row whose tune values were nearly all
 * right gives it the rest of the row's confidence (Paddle's VAT row: 0.99 for every value, since none of its 49 tune
 * values had failing check digits to learn from). A text layer prints the id as its issuer typed it: not held. */
export const HELD_IN_OCR: Partial<Record<EvidenceName, number>> = { 'checksum-bad': 0.5 };

/** The most the evidence lets a value of source group `group` be believed (HELD_BY; HELD_IN_OCR for an OCR reading);
 * 1 when nothing holds it. */
export function heldAt(evidence: readonly EvidenceName[] = [], group?: SourceGroup): number {
  const ocr = group === 'ocr' || group === 'ocr-paddle';
  return Math.min(1, ...evidence.map((e) => Math.min(HELD_BY[e] ?? 1, ocr ? HELD_IN_OCR[e] ?? 1 : 1)));
}

/** The group of a value read from `source`, its OCR pages read by `engine` (ScanResult.ocr_engine). */
export function sourceGroup(source: ResultSource | undefined, engine?: OcrEngineName | null): SourceGroup {
  if (source?.startsWith('einvoice:')) return 'einvoice';
  if (source === 'pdf-text') return 'pdf-text';
  return engine === 'paddle' ? 'ocr-paddle' : 'ocr';
}

/** The group whose rows a table has for `group`: a table fitted before the engines were told apart (no `ocr-paddle`
 * rows) calibrates every OCR reading with Tesseract's rows, as it did. */
export function tableGroup(table: Pick<CalibrationTable, 'rows'>, group: SourceGroup): SourceGroup {
  return group === 'ocr-paddle' && !table.rows['|ocr-paddle'] ? 'ocr' : group;
}

export function logit(p: number): number {
  const q = Math.min(0.995, Math.max(0.005, p));
  return Math.log(q / (1 - q));
}

/** The calibration score of a value: the fitted log-odds of its raw score, moved by what its evidence and the kinds of
 * confirmation it gives are worth (a table fitted without the kinds has no weight for them). */
export function score(table: Pick<CalibrationTable, 'weights' | 'linear'>, field: FieldName, group: SourceGroup, raw: number, evidence: readonly EvidenceName[] = []): number {
  const key = `${field}|${group}`;
  const weights = table.weights[key] ?? {};
  const { bias, raw: slope } = table.linear?.[key] ?? { bias: 0, raw: 1 };
  return bias + slope * logit(raw) + featuresOf(evidence, field).reduce((sum, e) => sum + (weights[e] ?? 0), 0);
}

export function binOf(edges: number[], value: number): number {
  const i = edges.findIndex((edge) => value < edge);
  return i < 0 ? edges.length - 1 : i;
}

/** The most a value may be believed (fit.ts, 9): no cap with one of the CHECKS it was not chosen by; else its field × source's cap for
 * the evidence it carries where the table has one ("invoice_number|pdf-text|number-label+number-at-top": a number read
 * after an explicit number label and printed in the page's heading; every piece joined by "+"), else its field ×
 * source's ("invoice_number|pdf-text"), else none. */
export function capOf(table: CalibrationTable, field: FieldName, group: string, evidence: readonly EvidenceName[] = []): number {
  if (isChecked(evidence, field)) return 1;
  const base = `${field}|${group}`;
  // a split's cap: "base|e1+e2" holds a value that carries every one of them (fit.ts FIRST_SEEN_SPLIT, a conjunction)
  for (const [key, cap] of Object.entries(table.caps ?? {})) {
    if (!key.startsWith(`${base}|`)) continue;
    if (key.slice(base.length + 1).split('+').every((e) => evidence.includes(e as EvidenceName))) return cap;
  }
  return table.caps?.[base] ?? 1;
}

/** The row for a value: its field × source × kind of document where the table has one, else its field × source,
 * else the source's pool. */
export function calibrate(
  table: CalibrationTable, field: FieldName, source: ResultSource | undefined, raw: number, evidence?: readonly EvidenceName[], kind?: DocumentKind,
  engine?: OcrEngineName | null,
): number {
  const group = tableGroup(table, sourceGroup(source, engine));
  const row = (kind && table.rows[`${field}|${group}|${kind}`]) || table.rows[`${field}|${group}`] || table.rows[`|${group}`];
  // (an e-invoice states its values in its XML: what its page shows does not hold them)
  const held = group === 'einvoice' ? 1 : heldAt(evidence, group);
  if (!row) return Math.min(MAX_PROBABILITY, held, raw); // a source the table has never seen: the raw score, as before
  return Math.min(MAX_PROBABILITY, held, capOf(table, field, group, evidence), row[binOf(table.edges, score(table, field, group, raw, evidence))]);
}

/** Where a field's value was read, for its calibration: the document's source, except for a value OCRed from an image
 * on a text-layer page (field source image:<engine>, extract/image-issuer.ts), which is an OCR reading by that engine. */
export function readingOf(fieldSource: string | undefined, source: ResultSource | undefined, engine?: OcrEngineName | null): { source: ResultSource | undefined; engine: OcrEngineName | null } {
  if (fieldSource === 'image:tesseract' || fieldSource === 'image:paddle') return { source: 'ocr', engine: fieldSource.slice(6) as OcrEngineName };
  return { source, engine: engine ?? null };
}

let shipped: CalibrationTable | null = null;
export function shippedTable(): CalibrationTable {
  shipped ??= loadCalibrationTable(fromRoot('data', 'calibration.json'));
  return shipped;
}

export function loadCalibrationTable(file: string): CalibrationTable {
  const table = JSON.parse(readFileSync(file, 'utf8')) as CalibrationTable;
  if (table.version !== 2 || !Array.isArray(table.edges) || typeof table.rows !== 'object' || typeof table.weights !== 'object') {
    throw new Error(`${file} is not a calibration table (version 2)`);
  }
  return table;
}

/** Replaces every field's confidence by its calibrated probability, keeping the raw score and the evidence beside
 * it. A null value keeps confidence 0. */
export function calibrateFields(
  fields: ExtractedFields, source: ResultSource | undefined, evidence: FieldEvidence, table: CalibrationTable = shippedTable(), engine?: OcrEngineName | null,
): ExtractedFields {
  const out = { ...fields } as Record<FieldName, ExtractedFields[FieldName]>;
  const kind = kindOf(fields.doc_type?.value ?? null);
  for (const [name, field] of Object.entries(fields) as [FieldName, ExtractedFields[FieldName]][]) {
    if (field.value === null) {
      out[name] = { ...field, confidence: 0 };
      continue;
    }
    const raw = field.raw_confidence ?? field.confidence;
    const found = evidence[name] ?? [];
    const read = readingOf(field.source, source, engine);
    const p = calibrate(table, name, read.source, raw, found, kind, read.engine);
    out[name] = { ...field, confidence: roundHundredths(p), raw_confidence: raw, ...(found.length ? { evidence: [...found] } : {}) };
  }
  return out as unknown as ExtractedFields;
}
