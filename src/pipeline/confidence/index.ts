// Confidence of a scan result, in three steps kept apart: evidence (what agrees or disagrees), calibration (raw
// score + evidence → probability) and the write policy (probability → written or held back; review or not).
import { AMOUNT_FIELDS, type ExtractedFields, type FieldName, type LineItem, type PayableAmounts, type ResultSource } from '../../contract.js';
import { kindOf } from './policy.js';
import { ocrEngineOf, type ReadDocument } from '../document.js';
import { type CalibrationTable, calibrateFields, shippedTable } from './calibrate.js';
import { collectEvidence, type EvidenceInput, PAGE_CHECKS, type SecondLookOutcome } from './evidence.js';
import type { AmountsReading } from '../extract/engine-look.js';
import { applyWritePolicy, DEFAULT_WRITE_THRESHOLD } from './policy.js';

export { calibrate, calibrateFields, type CalibrationTable, loadCalibrationTable, shippedTable, sourceGroup, tableGroup } from './calibrate.js';
export { collectEvidence, type EvidenceName, type FieldEvidence } from './evidence.js';
export {
  applyWritePolicy, crossCheckReasons, DEFAULT_WRITE_THRESHOLD, type DocumentKind, KEY_ALTERNATIVES, KEY_FIELDS, keyConfidence,
  keyFieldReasons, kindOf, writes,
} from './policy.js';

export interface ConfidenceInput {
  fields: ExtractedFields;
  lines: LineItem[];
  source: ResultSource;
  doc: ReadDocument;
  secondLook?: SecondLookOutcome;
  totalReread?: EvidenceInput['totalReread'];
  engineLook?: EvidenceInput['engineLook'];
  /** where the amounts were read when not in the document's own reading (extract/engine-look.ts) */
  amountsReading?: AmountsReading | null;
  /** the other engine's reading, when it read the same total (extract/engine-look.ts, `agreed`) */
  agreedReading?: AmountsReading | null;
  /** other fields taken from the other engine's reading (extract/engine-fields.ts), and that reading */
  fieldsReading?: { names: FieldName[]; reading: AmountsReading } | null;
  dateReread?: EvidenceInput['dateReread'];
  amounts?: EvidenceInput['amounts'];
  ranking?: EvidenceInput['ranking'];
  language?: EvidenceInput['language'];
  vendorAddress?: EvidenceInput['vendorAddress'];
  inferredCurrency?: EvidenceInput['inferredCurrency'];
  /** an e-invoice's withholding, stamp duty, prepaid amount, rounding: part of its totals' cross-check */
  payable?: PayableAmounts | null;
  writeThreshold?: number;
  table?: CalibrationTable;
  now?: Date;
}

export interface AssessedConfidence {
  fields: ExtractedFields;
  needs_review: boolean;
  review_reasons: string[];
}

export function assessConfidence(input: ConfidenceInput): AssessedConfidence {
  const engine = ocrEngineOf(input.doc.pages);
  const ocrLines = input.doc.pages.filter((p) => p.source === 'ocr').flatMap((p) => p.lines);
  const common = {
    fields: input.fields, lines: input.lines, secondLook: input.secondLook, totalReread: input.totalReread, engineLook: input.engineLook, dateReread: input.dateReread,
    amounts: input.amounts, now: input.now, language: input.language, vendorAddress: input.vendorAddress, ocrEngine: engine, inferredCurrency: input.inferredCurrency,
  };
  const evidence = collectEvidence({ ...common, text: input.doc.text, ocrLines, ranking: input.ranking });
  // the same total read by the other engine: the page's arithmetic it lets be seen (its item lines, its tax table, its
  // payment; a line one engine lost or misread the other may read) checks the total both engines read
  if (input.agreedReading && !input.amountsReading) {
    const r = input.agreedReading;
    const there = collectEvidence({ ...common, lines: r.lines, text: r.text, ocrLines: r.ocrLines, ranking: r.ranking, amounts: r.amounts });
    for (const e of there.amount_total ?? []) {
      if (!(PAGE_CHECKS as readonly string[]).includes(e) || evidence.amount_total?.includes(e)) continue;
      // the line the first reading found failing (a payment, a tax row) holds in the other's: a misread, not the page
      const failed = e.replace(/-ok$/, '-off');
      evidence.amount_total = [...(evidence.amount_total ?? []).filter((x) => x !== failed), e];
    }
  }
  // values taken from the other engine's reading (the amounts, extract/engine-look.ts; the vendor's name or the date,
  // extract/engine-fields.ts): what speaks for them is on that reading
  const elsewhere: { names: readonly FieldName[]; reading: AmountsReading }[] = [];
  if (input.amountsReading) elsewhere.push({ names: AMOUNT_FIELDS, reading: input.amountsReading });
  if (input.fieldsReading?.names.length) elsewhere.push(input.fieldsReading);
  for (const { names, reading } of elsewhere) {
    // the first reading's verdicts on its own values (their lines re-read, the second look's, its line items) are
    // not about the values taken
    const secondLook = Object.fromEntries(Object.entries(input.secondLook ?? {}).filter(([name]) => !names.includes(name as FieldName)));
    const amounts = names.some((n) => (AMOUNT_FIELDS as readonly string[]).includes(n));
    const there = collectEvidence({
      ...common, secondLook, totalReread: amounts ? null : common.totalReread, dateReread: names.includes('date') ? null : common.dateReread,
      lines: amounts ? reading.lines : common.lines, text: reading.text, ocrLines: reading.ocrLines, ranking: reading.ranking,
    });
    for (const name of names) {
      if (there[name]) evidence[name] = there[name];
      else delete evidence[name];
    }
  }
  const fields = calibrateFields(input.fields, input.source, evidence, input.table ?? shippedTable(), engine);
  return reassess(fields, input.lines, input.source, input.writeThreshold, input.payable);
}

/** The write policy on fields whose confidences are already probabilities: after calibration, and again after a
 * later step set some values exactly (a payment QR code) or from a vendor profile (with its own calibration). */
export function reassess(fields: ExtractedFields, lines: LineItem[], source: ResultSource, writeThreshold?: number, payable?: PayableAmounts | null): AssessedConfidence {
  const policy = applyWritePolicy(fields, lines, writeThreshold ?? DEFAULT_WRITE_THRESHOLD, source, kindOf(fields.doc_type.value), payable);
  for (const [name, field] of Object.entries(fields)) if (field) field.write = (policy.write as Record<string, boolean>)[name];
  return { fields, needs_review: policy.needs_review, review_reasons: policy.review_reasons };
}
