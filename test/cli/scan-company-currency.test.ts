// scan --company-country: the amounts' write flags follow the worker's currency rule for that company.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { holdAmountsForCurrency } from '../../src/cli/scan.js';
import { countryCurrency } from '../../src/pipeline/confidence/country-clues.js';
import { scan } from '../writeback/helpers.js';

test('an uncertain currency nothing places in the company\'s country turns the amounts\' write flags off, with the reason', () => {
  const bare = scan('sroie-000', {
    fields: { doc_type: { value: 'receipt', confidence: 0.99 }, currency: { value: null, confidence: 0 }, amount_total: { value: 9, confidence: 0.995 } },
    language: 'en', text: 'BOOK TA .K\nTOTAL 9.00',
  });
  bare.fields!.amount_total.write = true;
  holdAmountsForCurrency(bare, 0.99, { country: 'US', currency: 'USD' });
  assert.equal(bare.fields!.amount_total.write, false);
  assert.equal(bare.needs_review, true);
  assert.ok(bare.review_reasons!.some((r) => r.startsWith('currency not stated and nothing read on the document') && r.endsWith('amount not written (check the currency)')), String(bare.review_reasons));
  // an address in the company's country is the evidence the rule asks for: the flag stays
  const american = { ...bare, text: 'CORNER SHOP\n12 Main St\nSan Jose, CA 95110\nTOTAL 9.00', review_reasons: [], needs_review: false };
  american.fields = { ...bare.fields!, amount_total: { ...bare.fields!.amount_total, write: true } };
  holdAmountsForCurrency(american, 0.99, { country: 'US', currency: 'USD' });
  assert.equal(american.fields.amount_total.write, true);
  assert.deepEqual(american.review_reasons, []);
});

test('the company\'s currency defaults to its country\'s: an uncertain other currency holds the amounts, as the record\'s own does in the worker', () => {
  const euroInSanJose = scan('sroie-000', {
    fields: { doc_type: { value: 'invoice', confidence: 0.99 }, currency: { value: 'EUR', confidence: 0.6 }, amount_total: { value: 9, confidence: 0.995 } },
    language: 'en', text: 'CORNER SHOP\n12 Main St\nSan Jose, CA 95110\nTOTAL 9.00',
  });
  euroInSanJose.fields!.amount_total.write = true;
  holdAmountsForCurrency(euroInSanJose, 0.99, { country: 'US', currency: countryCurrency('US') });
  assert.equal(euroInSanJose.fields!.amount_total.write, false);
  assert.deepEqual(euroInSanJose.review_reasons, ['currency EUR uncertain and different from the bill\'s USD: amounts not written']);
  assert.equal(countryCurrency('BG'), null, 'lev and euro: no one currency');
});

test('--company-currency needs --company-country, and a country of two currencies needs --company-currency: exit 2', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  for (const args of [['--company-currency', 'EUR'], ['--company-country', 'BG']]) {
    const res = spawnSync(process.execPath, ['bin/odoo-ocr.js', 'scan', ...args, 'fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(res.status, 2, args.join(' '));
    assert.equal(res.stdout, '');
    assert.match(res.stderr, /--company-c/);
  }
});

test('--company-country and --company-currency take ISO codes: anything else is a usage error (commander exits 1, as for --write-threshold) before any file is read', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  for (const args of [['--company-country', 'USA'], ['--company-country', 'US', '--company-currency', 'dollar']]) {
    const res = spawnSync(process.execPath, ['bin/odoo-ocr.js', 'scan', ...args, 'fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.notEqual(res.status, 0, args.join(' '));
    assert.equal(res.stdout, '');
  }
});
