// The accuracy harness's comparison rules (bench/accuracy.ts): what counts as a match.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldMatches, sameName, scoreDocument, summarize } from '../../../bench/accuracy.js';
import { emptyFields } from '../../../src/contract.js';

test('vendor names match loosely but not on a single shared word', () => {
  assert.ok(sameName('LIEFERANT GMBH', 'Lieferant GmbH'));
  assert.ok(sameName('Au bon moulin SARL', 'Au bon moulin'));
  assert.ok(sameName('MR D.T.Y. (M) SON BHD', 'MR D.I.Y. (M) SDN BHD'));
  assert.ok(sameName('MVM Musterhafter Versicherungsverein Musterstadt a.G.', 'MVM Musterhafter Versicherungsverein Musterstadt a.G.'));
  assert.ok(!sameName('France', 'Akretion France'));
  assert.ok(!sameName('Kunden AG Mitte', 'Lieferant GmbH'));
});

test('amounts within a cent, dates exact, ids on letters and digits', () => {
  assert.ok(fieldMatches('amount_total', 529.87, 529.87));
  assert.ok(fieldMatches('amount_total', 529.88, 529.87));
  assert.ok(!fieldMatches('amount_total', 529.9, 529.87));
  assert.ok(fieldMatches('vendor_vat', 'DE232446240', 'DE 232 446 240'));
  // printed without its country prefix ("BTW 813941155B01"): the scan's prefixed id is the same id
  assert.ok(fieldMatches('vendor_vat', 'NL813941155B01', '813941155B01'));
  assert.ok(!fieldMatches('vendor_vat', 'NL813941155B01', 'BE813941155B01'));
  assert.ok(!fieldMatches('vendor_vat', '813941155B01', 'NL813941155B01'), 'a prefix the scan did not find is not given for free');
  assert.ok(fieldMatches('invoice_number', 'BLR_WFLD20151000982590', '#BLR_WFLD20151000982590'));
  assert.ok(!fieldMatches('date', '2018-03-05', '2018-05-03'));
  assert.ok(!fieldMatches('amount_total', null, 1));
});

test('null truth and text_layer_lacks fields are not scored; summary counts per folder', () => {
  const fields = emptyFields();
  fields.amount_total = { value: 10, confidence: 0.9 };
  fields.date = { value: '2020-01-01', confidence: 0.9 };
  const s = scoreDocument('a/x.pdf', 'a', fields, { amount_total: 10, date: '2020-01-02', due_date: null, invoice_number: '1' }, ['invoice_number']);
  assert.deepEqual(Object.keys(s.results).sort(), ['amount_total', 'date']);
  const sum = summarize([s], 2);
  assert.deepEqual(sum.folders.a.fields.amount_total, { ok: 1, n: 1 });
  assert.deepEqual(sum.folders.a.fields.date, { ok: 0, n: 1 });
  assert.equal(sum.docsPerSecond, 0.5);
});
