// Confidence of a scan result, in three steps kept apart: evidence (what agrees or disagrees), calibration (raw
// score + evidence → probability) and the write policy (probability → written or held back; review or not).
import type { ExtractedFields, LineItem, ResultSource } from '../../contract.js';
import type { ReadDocument } from '../document.js';
import { type CalibrationTable, calibrateFields, shippedTable } from './calibrate.js';
import { collectEvidence, type EvidenceInput, type SecondLookOutcome } from './evidence.js';
import { applyWritePolicy, DEFAULT_WRITE_THRESHOLD } from './policy.js';

export { calibrate, calibrateFields, type CalibrationTable, loadCalibrationTable, shippedTable, sourceGroup } from './calibrate.js';
export { collectEvidence, type EvidenceName, type FieldEvidence } from './evidence.js';
export {
  applyWritePolicy, crossCheckReasons, DEFAULT_WRITE_THRESHOLD, type DocumentKind, KEY_FIELDS, keyConfidence,
  keyFieldReasons, kindOf, writes,
} from './policy.js';

export interface ConfidenceInput {
  fields: ExtractedFields;
  lines: LineItem[];
  source: ResultSource;
  doc: ReadDocument;
  secondLook?: SecondLookOutcome;
  amounts?: EvidenceInput['amounts'];
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
  const ocrLines = input.doc.pages.filter((p) => p.source === 'ocr').flatMap((p) => p.lines);
  const evidence = collectEvidence({
    fields: input.fields, lines: input.lines, text: input.doc.text, ocrLines, secondLook: input.secondLook, amounts: input.amounts, now: input.now,
  });
  const fields = calibrateFields(input.fields, input.source, evidence, input.table ?? shippedTable());
  const threshold = input.writeThreshold ?? DEFAULT_WRITE_THRESHOLD;
  const policy = applyWritePolicy(fields, input.lines, threshold, input.source);
  for (const [name, field] of Object.entries(fields)) field.write = policy.write[name as keyof ExtractedFields];
  return { fields, needs_review: policy.needs_review, review_reasons: policy.review_reasons };
}
