import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import type { MemoryCalibration } from '../../src/memory/calibration.js';
import { rateFits, taxRate } from '../../src/memory/learn.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { builtReceipt as receipt } from './built-receipt.js';

// The tax rate a vendor charged on its posted documents checks its next document's untaxed amount and tax: with a
// sure total, the rate leaves one untaxed amount and one tax (within rounding), so the rules' reading of both — printed
// on the page, adding up — is backed as surely as the total.

// anchors alone never reach the write threshold here: what reaches it is the rate's backing
const table: MemoryCalibration = { version: 1, fitted: {}, counts: {}, cells: { confirm: 0.9, agree: 0.8, read: 0.5, vendor: 0.99, default: 0.99 } };
const HEADER = ['ELEKTROMARKT HANDELS GMBH', 'Kamp 30-32, 33098 Paderborn'];

const amounts = (untaxed: number | null, tax: number | null, total: number, conf: [number, number, number]): ExtractedFields => {
  const f = emptyFields();
  f.amount_untaxed = { value: untaxed, confidence: untaxed === null ? 0 : conf[0] };
  f.amount_tax = { value: tax, confidence: tax === null ? 0 : conf[1] };
  f.amount_total = { value: total, confidence: conf[2] };
  return f;
};

/** A vendor whose one posted receipt charged 19 % (948.74 + 180.26 = 1129.00), its labels other than the next one's. */
async function posted19(): Promise<VendorMemory> {
  const memory = new VendorMemory(new MemoryStore(), table);
  const page = receipt(HEADER, [['Summe', '1129,00'], ['Steuer', '180,26'], ['Netto', '948,74']]);
  await memory.consult(page, amounts(948.74, 180.26, 1129, [0.9, 0.9, 0.9]), {
    memory, company: 'A', truth: { vendor_name: 'Elektromarkt Handels GmbH', amount_untaxed: 948.74, amount_tax: 180.26, amount_total: 1129 },
  });
  return memory;
}

const next = (untaxed: string, tax: string, total: string) =>
  receipt(HEADER, [['Total EUR', total], ['incl. 19,00% MwSt', tax], ['Netto-Warenwert', untaxed]]);

test('the rate a posting\'s tax is of its untaxed amount: the roundest that fits within rounding, none for no tax', () => {
  assert.equal(taxRate({ amount_untaxed: 948.74, amount_tax: 180.26, amount_total: 1129 }), 19);
  assert.equal(taxRate({ amount_untaxed: 3.97, amount_tax: 0.91, amount_total: 4.88 }), 23, 'a cent of rounding: 22.9 % is 23 %');
  assert.equal(taxRate({ amount_untaxed: 200, amount_tax: 11, amount_total: 211 }), 5.5);
  assert.equal(taxRate({ amount_untaxed: 625, amount_total: 756.25 }), 21, 'without a kept tax: the total less the untaxed amount');
  assert.equal(taxRate({ amount_untaxed: -7.67, amount_tax: -1.46, amount_total: -9.13 }), 19, 'a credit note');
  assert.equal(taxRate({ amount_untaxed: 40, amount_tax: 0, amount_total: 40 }), null);
  assert.equal(taxRate({ amount_total: 40 }), null);
  assert.ok(rateFits(83.91, 15.95, 19), 'a tax summed per line: a cent off the rate of the sum');
  assert.ok(!rateFits(85.91, 13.95, 19));
});

test('the rules\' untaxed amount and tax at the vendor\'s rate, adding up to a sure total, are as sure as the total', async () => {
  const memory = await posted19();
  const rules = amounts(96.62, 18.36, 114.98, [0.9, 0.9, 0.99]);
  const read = await memory.consult(next('96,62', '18,36', '114,98'), structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(read.info.basis?.amount_untaxed, 'rate:amount');
  assert.equal(read.info.basis?.amount_tax, 'rate:amount');
  assert.equal(read.fields.amount_untaxed.value, 96.62);
  assert.equal(read.fields.amount_untaxed.confidence, 0.99);
  assert.equal(read.fields.amount_tax.confidence, 0.99);
  // no tax read: the untaxed amount whose rate is the total's
  const noTax = amounts(96.62, null, 114.98, [0.9, 0, 0.99]);
  const alone = await memory.consult(next('96,62', '', '114,98'), structuredClone(noTax), { memory, company: 'A' }, undefined, noTax);
  assert.equal(alone.info.basis?.amount_untaxed, 'rate:amount');
  assert.equal(alone.fields.amount_tax.value, null, 'no tax is made up');
});

test('nothing is backed at another rate, with an unsure total, amounts that do not add up, or an amount the page does not print', async () => {
  const memory = await posted19();
  const cases: [string, ExtractedFields, ReturnType<typeof next>][] = [
    // 7 %: the vendor charges another rate now (or the receipt has several)
    ['another rate', amounts(107.46, 7.52, 114.98, [0.9, 0.9, 0.99]), next('107,46', '7,52', '114,98')],
    ['an unsure total', amounts(96.62, 18.36, 114.98, [0.9, 0.9, 0.9]), next('96,62', '18,36', '114,98')],
    ['not adding up', amounts(96.62, 18.36, 115.98, [0.9, 0.9, 0.99]), next('96,62', '18,36', '115,98')],
    // a cent off is not adding up: the backing takes the sum to the cent, as the sum's own backing does
    ['a cent off', amounts(96.62, 18.36, 114.99, [0.9, 0.9, 0.99]), next('96,62', '18,36', '114,99')],
    // the rules took the net as the total less the tax, and the page prints another net
    ['not printed', amounts(96.62, 18.36, 114.98, [0.9, 0.9, 0.99]), next('86,62', '18,36', '114,98')],
  ];
  for (const [why, rules, page] of cases) {
    const read = await memory.consult(page, structuredClone(rules), { memory, company: 'A' }, undefined, rules);
    assert.notEqual(read.info.basis?.amount_untaxed, 'rate:amount', why);
    assert.ok(read.fields.amount_untaxed.confidence < 0.99, why);
  }
});

test('a profile learns the rates of its postings, the most frequent kept, a rate newly charged among them', async () => {
  const memory = await posted19();
  const [profile] = await memory.store.list('A');
  assert.deepEqual(profile!.defaults.rates, { 19: 1 });
  // 19 % twice, then four receipts of several rates (their effective rates once each): 19 % stays, and the newest
  // rate is kept over the older ones seen as often
  for (const [untaxed, tax] of [[96.62, 18.36], [14.08, 1.61], [20.67, 2.84], [25.17, 3.64], [21.82, 2.02]] as const) {
    const total = Math.round((untaxed + tax) * 100) / 100;
    await memory.consult(receipt(HEADER, [['Summe', String(total)]]), amounts(untaxed, tax, total, [0.9, 0.9, 0.9]), {
      memory, company: 'A', truth: { vendor_name: 'Elektromarkt Handels GmbH', amount_untaxed: untaxed, amount_tax: tax, amount_total: total },
    });
  }
  const [after] = await memory.store.list('A');
  assert.equal(after!.defaults.rates?.['19'], 2);
  assert.equal(Object.keys(after!.defaults.rates ?? {}).length, 4);
  assert.ok(`${taxRate({ amount_untaxed: 21.82, amount_tax: 2.02 })}` in after!.defaults.rates!, 'the newest rate is kept');
});
