import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import type { MemoryCalibration } from '../../src/memory/calibration.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { pageDecides } from '../../src/memory/page-arithmetic.js';
import { collectEvidence } from '../../src/memory/evidence.js';
import { builtReceipt as receipt } from './built-receipt.js';

// An amount contest (the vendor's learned place read another amount than the rules') that the calibration cells leave
// undecided is settled by the page's arithmetic where it backs one reading and not the other: untaxed + tax = total
// with the two other amounts printed, or a till's payment (card, cash less change).

const HEADER = ['NORTHWIND SOFTWARE LTD', '12 Harbour Road, Toronto'];
const table = (read: number): MemoryCalibration => ({ version: 1, fitted: {}, counts: {}, cells: { confirm: 0.99, agree: 0.8, read, fill: 0.95, vendor: 0.99, default: 0.99 } });

const amounts = (values: [number | null, number | null, number], conf: [number, number, number]): ExtractedFields => {
  const f = emptyFields();
  f.amount_untaxed = { value: values[0], confidence: values[0] === null ? 0 : conf[0] };
  f.amount_tax = { value: values[1], confidence: values[1] === null ? 0 : conf[1] };
  f.amount_total = { value: values[2], confidence: conf[2] };
  return f;
};

async function learned(read: number, rows: [string, string][], truth: [number | null, number | null, number]): Promise<VendorMemory> {
  const memory = new VendorMemory(new MemoryStore(), table(read));
  const f = amounts(truth, [0.99, 0.99, 0.99]);
  await memory.consult(receipt(HEADER, rows), f, {
    memory, company: 'A', truth: { vendor_name: 'Northwind Software Ltd', amount_untaxed: truth[0], amount_tax: truth[1], amount_total: truth[2] },
  }, undefined, f);
  return memory;
}

test('a learned total the rules\' untaxed amount and tax add up to, against the rules\' cash line, takes its place in its own cell, not written', async () => {
  const memory = await learned(0.5, [['Subtotal', '12.50'], ['GST 13%', '1.63'], ['Total', '14.13']], [12.5, 1.63, 14.13]);
  // the rules took the cash handed over for the total; the learned "Total" reads 118.65, a contest its cell leaves open
  const page = receipt(HEADER, [['Subtotal', '105.00'], ['GST 13%', '13.65'], ['Total', '118.65'], ['Cash', '120.00']]);
  const rules = amounts([105, 13.65, 120], [0.97, 0.97, 0.6]);
  const next = await memory.consult(page, structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(next.fields.amount_total.value, 118.65);
  assert.equal(next.info.basis?.amount_total, 'page:amount:sum:amount_total');
  assert.equal(next.fields.amount_total.confidence, 0.5, 'unfitted: not lifted to the two other amounts\' sureness');
  assert.equal(next.info.declined?.amount_total, undefined);
});

test('a rounded-off bill: the learned total that is untaxed + tax is not written over the rules\' net payable', async () => {
  const memory = await learned(0.5, [['Subtotal', '12.50'], ['GST 5%', '0.63'], ['Total', '13.13']], [12.5, 0.63, 13.13]);
  // India's bills round to the rupee: the total the page's sum gives is not what is paid
  const page = receipt(HEADER, [['Subtotal', '530.00'], ['GST 5%', '26.50'], ['Total', '556.50'], ['Round off', '0.50'], ['Net payable', '557.00']]);
  const rules = amounts([530, 26.5, 557], [0.97, 0.97, 0.9]);
  const next = await memory.consult(page, structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(next.fields.amount_total.value, 557);
  assert.equal(next.fields.amount_total.confidence, 0.9);
  assert.equal(next.info.basis?.amount_total, undefined);
  // an Italian withholding (20 % of the untaxed amount) deducted from what is paid: the same
  const withheld = receipt(HEADER, [['Subtotal', '530.00'], ['GST 5%', '26.50'], ['Total', '556.50'], ["Ritenuta d'acconto 20%", '-106.00'], ['Net payable', '450.50']]);
  const rulesW = amounts([530, 26.5, 450.5], [0.97, 0.97, 0.9]);
  const kept = await memory.consult(withheld, structuredClone(rulesW), { memory, company: 'A' }, undefined, rulesW);
  assert.equal(kept.fields.amount_total.value, 450.5);
  assert.equal(kept.info.basis?.amount_total, undefined);
});

test('a learned total equal to the cash less the change, against a rules\' total the page backs nowhere, takes its place in its own cell', async () => {
  const memory = await learned(0.5, [['Total', '10.60'], ['Cash', '20.00'], ['Change', '9.40']], [null, null, 10.6]);
  const page = receipt(HEADER, [['Total', '12.80'], ['Cash', '20.00'], ['Change', '7.20']]);
  const rules = amounts([null, null, 7.2], [0, 0, 0.6]);
  const next = await memory.consult(page, structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(next.fields.amount_total.value, 12.8);
  assert.equal(next.info.basis?.amount_total, 'page:amount:paid:amount_total');
  assert.equal(next.fields.amount_total.confidence, 0.5, 'unfitted: replaced, not written on the check alone');
  // where the page backs neither (no payment printed), the contest stays declined
  const silent = receipt(HEADER, [['Total', '12.80'], ['Tip', '7.20']]);
  const kept = await memory.consult(silent, structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(kept.fields.amount_total.value, 7.2);
  assert.deepEqual(kept.info.declined?.amount_total, { value: 12.8, basis: 'read:amount:a1:1:hi:amount_total' });
});

test('a learned total its cell preferred is declined where the payment backs the rules\' total and not it', async () => {
  const memory = await learned(0.9, [['Total', '10.60'], ['Cash', '20.00'], ['Change', '9.40']], [null, null, 10.6]);
  // the learned "Total" line prints the amount before a voucher; the card paid the rules' total
  const page = receipt(HEADER, [['Total', '25.00'], ['Voucher', '-5.00'], ['To pay', '20.00'], ['Visa', '20.00']]);
  const rules = amounts([null, null, 20], [0, 0, 0.6]);
  const next = await memory.consult(page, structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(next.fields.amount_total.value, 20);
  assert.equal(next.info.basis?.amount_total, undefined);
  assert.deepEqual(next.info.declined?.amount_total, { value: 25, basis: 'read:amount:a1:1:hi:amount_total' });
});

test('the page decides only where it backs one reading and not the other; an amount it does not print is backed by nothing', () => {
  const ev = collectEvidence(receipt(HEADER, [['Subtotal', '105.00'], ['GST 13%', '13.65'], ['Total', '118.65'], ['Visa', '118.65']]));
  const f = amounts([105, 13.65, 120], [0.9, 0.9, 0.6]);
  assert.deepEqual(pageDecides('amount_total', 118.65, 120, f, ev), { winner: 'learned', check: 'sum' });
  assert.deepEqual(pageDecides('amount_total', 120, 118.65, f, ev), { winner: 'rules', check: 'sum' });
  // an untaxed amount the rules made up (the total less the tax, printed nowhere) adds up by construction: no check
  const madeUp = amounts([106, 13.65, 119.65], [0.9, 0.9, 0.6]);
  assert.equal(pageDecides('amount_untaxed', 105, 106, madeUp, ev), null);
});
