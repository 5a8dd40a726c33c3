// Accuracy on the real e-invoice corpus: every field the ground truth gives must be read exactly.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { compareWithTruth, listCorpusCases, matches, readEInvoice, type Truth } from './corpus.js';

const EXPECTED_SOURCE: Record<string, string> = {
  facturx: 'einvoice:facturx', cii: 'einvoice:cii', ubl: 'einvoice:ubl', 'non-invoice': 'einvoice:ubl',
  fatturapa: 'einvoice:fatturapa', p7m: 'einvoice:fatturapa', cfdi: 'einvoice:cfdi',
};

test('every truth field of the e-invoice corpus is read exactly', async (t) => {
  const cases = await listCorpusCases();
  assert.ok(cases.length >= 50, `expected the full corpus, found ${cases.length} documents`);
  const perFolder = new Map<string, { fields: number; correct: number; documents: number }>();
  const failures: string[] = [];
  for (const c of cases) {
    const truth = JSON.parse(await readFile(c.truthFile, 'utf8')) as Truth;
    const stats = perFolder.get(c.folder) ?? { fields: 0, correct: 0, documents: 0 };
    perFolder.set(c.folder, stats);
    stats.documents++;
    const result = await readEInvoice(c.file);
    const { checked, mismatches } = compareWithTruth(truth, result?.fields ?? emptyFields());
    stats.fields += checked;
    stats.correct += checked - mismatches.length;
    if (result === null) failures.push(`${path.basename(c.file)}: not recognised as an e-invoice`);
    else if (result.source !== EXPECTED_SOURCE[c.folder]) failures.push(`${path.basename(c.file)}: source ${result.source}`);
    for (const m of mismatches) {
      failures.push(`${path.basename(c.file)}: ${m.field} expected ${JSON.stringify(m.expected)} got ${JSON.stringify(m.actual)}`);
    }
  }
  for (const [folder, s] of perFolder) {
    t.diagnostic(`${folder}: ${s.correct}/${s.fields} fields correct over ${s.documents} documents`);
  }
  assert.deepEqual(failures, []);
});

test('the comparison follows the corpus rules and rejects wrong values', () => {
  assert.equal(matches('amount_total', 529.87, 529.875), true);
  assert.equal(matches('amount_total', 529.87, 529.89), false);
  assert.equal(matches('amount_tax', 0, null), false);
  assert.equal(matches('date', '2018-03-05', '2018-03-06'), false);
  assert.equal(matches('invoice_number', 'A167ABC', 'A-167 abc'), true);
  assert.equal(matches('invoice_number', '471102', '471103'), false);
  assert.equal(matches('vendor_vat', 'DE 123456789', 'DE123456789'), true);
  assert.equal(matches('vendor_name', 'Lieferant GmbH', 'LIEFERANT  gmbh'), true);
  assert.equal(matches('vendor_name', 'Lieferant GmbH', 'Lieferant AG'), false);
  assert.equal(matches('doc_type', 'invoice', 'credit_note'), false);
  const { checked, mismatches } = compareWithTruth({ currency: 'EUR', po_number: null }, emptyFields());
  assert.equal(checked, 1);
  assert.deepEqual(mismatches, [{ field: 'currency', expected: 'EUR', actual: null }]);
});
