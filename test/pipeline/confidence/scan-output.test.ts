// What `scan` shows of the write policy: "write" per field in the JSON contract, "would write / held back" in the
// table view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatResult } from '../../../src/cli/scan.js';
import { emptyFields, type ScanResult } from '../../../src/contract.js';
import { validateScanResult } from '../../../src/contract-schema.js';

function result(): ScanResult {
  const fields = emptyFields();
  fields.amount_total = { value: 7.7, confidence: 0.97, write: true, raw_confidence: 0.57, evidence: ['seen-twice'] };
  fields.date = { value: '2018-03-01', confidence: 0.62, write: false, raw_confidence: 0.53 };
  for (const f of Object.values(fields)) f.write ??= false;
  return {
    file: 'r.jpg', sha256: 'a'.repeat(64), source: 'ocr', pages: 1, language: 'en', text: 'TOTAL 7.70', fields, lines: [],
    needs_review: true, review_reasons: ['date not written: confidence 0.62 below 0.9'], timings_ms: { total: 1 },
  };
}

test('the JSON contract carries write, raw_confidence and evidence per field', () => {
  const r = result();
  assert.deepEqual(validateScanResult(r), { ok: true, errors: [] });
  // older consumers' shape is still valid: the new keys are optional
  const { write: _w, raw_confidence: _r, evidence: _e, ...plain } = r.fields!.amount_total;
  r.fields!.amount_total = plain;
  assert.equal(validateScanResult(r).ok, true);
});

test('the table view says which values the policy would write and which it holds back', () => {
  const text = formatResult(result());
  assert.match(text, /amount_total\s+7\.70\s+0\.97\s+would write/);
  assert.match(text, /date\s+2018-03-01\s+0\.62\s+held back/);
});

test('ocr_engine names the engine that read the scanned pages (most of them, under auto); none for a text layer', async () => {
  const { ocrEngineOf } = await import('../../../src/pipeline/document.js');
  const page = (source: 'ocr' | 'pdf-text', ocrEngine?: 'tesseract' | 'paddle') => ({ page: 1, source, ocrEngine, width: 1, height: 1, rotation: 0, confidence: 1, text: '', lines: [] });
  assert.equal(ocrEngineOf([page('pdf-text')]), null);
  assert.equal(ocrEngineOf([page('ocr', 'paddle')]), 'paddle');
  assert.equal(ocrEngineOf([page('ocr', 'paddle'), page('ocr', 'tesseract'), page('ocr', 'tesseract')]), 'tesseract');
  assert.equal(ocrEngineOf([page('pdf-text'), page('ocr', 'paddle')]), 'paddle', 'a mixed PDF: its OCR pages');
  const r = { ...result(), ocr_engine: 'paddle' as const };
  assert.deepEqual(validateScanResult(r), { ok: true, errors: [] });
  assert.equal(validateScanResult({ ...r, ocr_engine: 'easyocr' as never }).ok, false);
});
