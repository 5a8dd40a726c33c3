// One catalogue of review reasons, two readers: every code the worker sends has its sentence in the addon
// (odoo_addon/ocr_worker/models/ocr_job_reason.py, said in the reader's language), with the same parameters.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fromRoot } from '../../src/paths.js';
import { REASON_TEXTS } from '../../src/writeback/reasons.js';

test('every review code of the worker has a sentence in the addon, naming the same parameters', () => {
  const python = readFileSync(fromRoot('odoo_addon', 'ocr_worker', 'models', 'ocr_job_reason.py'), 'utf8');
  for (const [code, english] of Object.entries(REASON_TEXTS)) {
    if (code === 'text') continue;
    const at = python.indexOf(`"${code}": _(`);
    assert.ok(at >= 0, `the addon has no sentence for ${code}`);
    const sentence = python.slice(at, python.indexOf('),\n', at));
    const want = [...english.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const have = [...new Set([...sentence.matchAll(/%\((\w+)\)s/g)].map((m) => m[1]))].sort();
    assert.deepEqual(have, [...new Set(want)], code);
  }
});
