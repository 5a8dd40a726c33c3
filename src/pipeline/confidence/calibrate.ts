// Calibration: (field, source, raw score, evidence) → the measured probability that the value is right.
// Extraction's scores are ranks (a receipt total at 0.57 is right far more often than 57 % of the time); the table
// in data/calibration.json says how often values like it were right on the `tune` corpus. It is fitted by
// scripts/fit-calibration.ts (method in docs/extraction.md#calibration) and checked on `holdout` by
// `npm run bench:accuracy -- --split holdout`.
import { readFileSync } from 'node:fs';
import type { ExtractedFields, FieldName, ResultSource } from '../../contract.js';
import { fromRoot } from '../../paths.js';
import { type EvidenceName, type FieldEvidence, NEGATIVE, POSITIVE } from './evidence.js';

/** Sources pooled for calibration: every e-invoice format reads XML exactly; a mixed PDF's weak fields are on its
 * OCR pages. */
export type SourceGroup = 'einvoice' | 'pdf-text' | 'ocr';
export type EvidenceLevel = 'neg' | 'none' | 'pos';
export const EVIDENCE_LEVELS: EvidenceLevel[] = ['neg', 'none', 'pos'];

export interface CalibrationTable {
  version: 1;
  /** How and on what it was fitted (documents, split, date, method): for people, not read by code. */
  fitted: Record<string, unknown>;
  /** Upper edges of the raw-score bins: bin i holds raw scores in [edges[i-1], edges[i]). */
  edges: number[];
  /** Probability per bin, most specific first: "field|source|level", then "field|source", then "|source".
   * Every row is non-decreasing in the raw score. */
  rows: Record<string, number[]>;
  /** Sample counts behind each row (same keys), shown by bench:accuracy --calibration. */
  counts: Record<string, number[]>;
}

/** Most a value is ever believed: no reading is certain, not even an e-invoice's (a wrong XML is still wrong). */
export const MAX_PROBABILITY = 0.99;

export function sourceGroup(source: ResultSource | undefined): SourceGroup {
  if (!source) return 'ocr';
  if (source.startsWith('einvoice:')) return 'einvoice';
  return source === 'pdf-text' ? 'pdf-text' : 'ocr';
}

/** Evidence summarised to one level: any piece against the value outweighs those for it. */
export function evidenceLevel(evidence: readonly EvidenceName[] | undefined): EvidenceLevel {
  if (!evidence?.length) return 'none';
  if (evidence.some((e) => NEGATIVE.has(e))) return 'neg';
  return evidence.some((e) => POSITIVE.has(e)) ? 'pos' : 'none';
}

export function binOf(edges: number[], raw: number): number {
  const i = edges.findIndex((edge) => raw < edge);
  return i < 0 ? edges.length - 1 : i;
}

export function rowKeys(field: FieldName, group: SourceGroup, level: EvidenceLevel): string[] {
  return [`${field}|${group}|${level}`, `${field}|${group}`, `|${group}`];
}

export function calibrate(table: CalibrationTable, field: FieldName, source: ResultSource | undefined, raw: number, evidence?: readonly EvidenceName[]): number {
  const bin = binOf(table.edges, raw);
  for (const key of rowKeys(field, sourceGroup(source), evidenceLevel(evidence))) {
    const row = table.rows[key];
    if (row) return Math.min(MAX_PROBABILITY, row[bin]);
  }
  return Math.min(MAX_PROBABILITY, raw); // a source the table has never seen: the raw score, as before
}

let shipped: CalibrationTable | null = null;
export function shippedTable(): CalibrationTable {
  shipped ??= loadCalibrationTable(fromRoot('data', 'calibration.json'));
  return shipped;
}

export function loadCalibrationTable(file: string): CalibrationTable {
  const table = JSON.parse(readFileSync(file, 'utf8')) as CalibrationTable;
  if (table.version !== 1 || !Array.isArray(table.edges) || typeof table.rows !== 'object') {
    throw new Error(`${file} is not a calibration table (version 1)`);
  }
  return table;
}

/** Replaces every field's confidence by its calibrated probability, keeping the raw score and the evidence beside
 * it. A null value keeps confidence 0. */
export function calibrateFields(fields: ExtractedFields, source: ResultSource | undefined, evidence: FieldEvidence, table: CalibrationTable = shippedTable()): ExtractedFields {
  const out = { ...fields } as Record<FieldName, ExtractedFields[FieldName]>;
  for (const [name, field] of Object.entries(fields) as [FieldName, ExtractedFields[FieldName]][]) {
    if (field.value === null) {
      out[name] = { ...field, confidence: 0 };
      continue;
    }
    const raw = field.raw_confidence ?? field.confidence;
    const found = evidence[name] ?? [];
    const p = calibrate(table, name, source, raw, found);
    out[name] = { ...field, confidence: Math.round(p * 100) / 100, raw_confidence: raw, ...(found.length ? { evidence: [...found] } : {}) };
  }
  return out as unknown as ExtractedFields;
}
