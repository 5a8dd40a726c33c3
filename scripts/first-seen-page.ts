// Today's evidence from the page for a value an earlier code read (issue #14): the document's text layer read by
// today's reader and collectEvidence (evidence.ts, the one place evidence is computed) run on that code's values. A value
// the rules read on a document they had never seen is judged by what today's code would say of it on the page —
// printed twice, a sum that adds up, the number in the page's heading — not only by what the code of the time could
// say. Ranking evidence (labelled, rival-none, number-label) is the code of the time's own and is not recomputed: there
// is no ranking here. Used by scripts/first-seen.ts (FirstSeenValue.page) and scripts/first-seen-evidence.ts.
import { readFile } from 'node:fs/promises';
import { emptyFields, type ExtractedFields, FIELD_NAMES, type FieldName } from '../src/contract.js';
import type { DocRecord } from '../bench/calibration-report.js';
import { collectEvidence, type FieldEvidence } from '../src/pipeline/confidence/evidence.js';
import { readDocument } from '../src/pipeline/read.js';
import { DEFAULT_LIMITS } from '../src/pipeline/limits.js';
import type { OcrPool } from '../src/pipeline/ocr/pool.js';

/** Text layers only: a page that would need OCR stops the reading (that document gets no page evidence). */
const NO_OCR = { engine: 'tesseract', defaultModels: ['eng'], recognize: () => Promise.reject(new Error('a scanned page')) } as unknown as OcrPool;

/** The document's text layer as today's reader reads it; null when a page needs OCR. */
export async function textLayerOf(file: string): Promise<string | null> {
  try {
    return (await readDocument(await readFile(file), file, { pool: NO_OCR, limits: DEFAULT_LIMITS, qr: false, imageLook: false, engineLook: 'off', embedded: false })).text;
  } catch {
    return null;
  }
}

/** Today's page evidence for a record's values on `text` (no line items, no OCR lines, no ranking: what the page says). */
export function pageEvidence(record: Pick<DocRecord, 'fields'>, text: string): FieldEvidence {
  const fields = emptyFields() as Record<FieldName, ExtractedFields[FieldName]>;
  for (const field of FIELD_NAMES) {
    const f = record.fields[field];
    if (f && f.value !== null) fields[field] = { ...fields[field], value: f.value as never, confidence: f.raw ?? 0.5 };
  }
  return collectEvidence({ fields: fields as ExtractedFields, lines: [], text, ocrLines: [] });
}
