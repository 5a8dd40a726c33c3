import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import type { MemoryCalibration } from '../../src/memory/calibration.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { builtReceipt as receipt } from './built-receipt.js';

// An amount the rules read that adds up with two amounts the memory made sure is backed by the page's arithmetic.

const table: MemoryCalibration = { version: 1, fitted: {}, counts: {}, cells: { confirm: 0.99, agree: 0.8, read: 0.5, vendor: 0.99, default: 0.99 } };
const HEADER = ['NORTHWIND SOFTWARE LTD', '12 Harbour Road, Toronto'];
const bill = (untaxed: string, tax: string, total: string) => receipt(HEADER, [['Subtotal', untaxed], ['GST 13%', tax], ['Total', total]]);

const fields = (values: [number | null, number, number], conf: [number, number, number]): ExtractedFields => {
  const f = emptyFields();
  f.amount_untaxed = { value: values[0], confidence: values[0] === null ? 0 : conf[0] };
  f.amount_tax = { value: values[1], confidence: conf[1] };
  f.amount_total = { value: values[2], confidence: conf[2] };
  return f;
};

async function learned(): Promise<VendorMemory> {
  const memory = new VendorMemory(new MemoryStore(), table);
  await memory.consult(bill('12.50', '1.63', '14.13'), fields([12.5, 1.63, 14.13], [0.9, 0.9, 0.99]), {
    memory, company: 'A', truth: { vendor_name: 'Northwind Software Ltd', amount_untaxed: 12.5, amount_tax: 1.63, amount_total: 14.13 },
  });
  return memory;
}

test('the untaxed amount the rules read (a discount before it: not printed beside "Subtotal") is as sure as the sure total and the confirmed tax it adds up with', async () => {
  const memory = await learned();
  // the subtotal printed is before a discount; the rules' untaxed amount (105) is what adds up, printed lower down
  const rules = fields([105, 13.65, 118.65], [0.9, 0.97, 0.99]);
  const page = receipt(HEADER, [['Subtotal', '125.00'], ['Discount', '-20.00'], ['Net', '105.00'], ['GST 13%', '13.65'], ['Total', '118.65']]);
  const next = await memory.consult(page, rules, { memory, company: 'A' }, undefined, rules);
  assert.match(next.info.basis?.amount_tax ?? '', /^confirm:amount:/);
  assert.equal(next.info.basis?.amount_untaxed, 'sum:amount');
  assert.equal(next.fields.amount_untaxed.value, 105);
  assert.equal(next.fields.amount_untaxed.confidence, 0.99);
  // an amount the page does not print (the rules made it up from the others) adds up by construction: not backed
  const unprinted = await memory.consult(bill('125.00', '13.65', '118.65'), rules, { memory, company: 'A' }, undefined, rules);
  assert.equal(unprinted.info.basis?.amount_untaxed, undefined);
  assert.equal(unprinted.fields.amount_untaxed.confidence, 0.9);
});

test('no backing where the amounts do not add up, nor where one of the two others is unsure', async () => {
  const memory = await learned();
  const off = fields([106, 13.65, 118.65], [0.9, 0.97, 0.99]);
  const a = await memory.consult(bill('125.00', '13.65', '118.65'), off, { memory, company: 'A' }, undefined, off);
  assert.equal(a.info.basis?.amount_untaxed, undefined, '106 + 13.65 is not 118.65');
  assert.equal(a.fields.amount_untaxed.confidence, 0.9);
  // the tax read where no learned label stands, unsure: the total alone backs nothing
  const unsure = fields([105, 13.65, 118.65], [0.9, 0.6, 0.99]);
  const b = await memory.consult(receipt(HEADER, [['Subtotal', '125.00'], ['Total', '118.65']]), unsure, { memory, company: 'A' }, undefined, unsure);
  assert.equal(b.info.basis?.amount_untaxed, undefined);
  assert.equal(b.fields.amount_untaxed.confidence, 0.9);
});

test('a tax a learned label confirmed, less sure by its cell than the two sure amounts it adds up with, is backed by the sum', async () => {
  // confirmations of one place are believed 0.97 (a tax line's label stands once per rate on some vendors' receipts)
  const memory = new VendorMemory(new MemoryStore(), { ...table, cells: { ...table.cells, confirm: 0.97 } });
  await memory.consult(bill('12.50', '1.63', '14.13'), fields([12.5, 1.63, 14.13], [0.9, 0.9, 0.99]), {
    memory, company: 'A', truth: { vendor_name: 'Northwind Software Ltd', amount_untaxed: 12.5, amount_tax: 1.63, amount_total: 14.13 },
  });
  const rules = fields([105, 13.65, 118.65], [0.99, 0.96, 0.99]);
  const next = await memory.consult(bill('105.00', '13.65', '118.65'), rules, { memory, company: 'A' }, undefined, rules);
  assert.equal(next.info.basis?.amount_tax, 'sum:amount', 'the sum backs the confirmed tax');
  assert.equal(next.fields.amount_tax.value, 13.65);
  assert.equal(next.fields.amount_tax.confidence, 0.99);
  // a tax that does not add up keeps its confirmation's cell
  const off = fields([105, 13.55, 118.65], [0.99, 0.96, 0.99]);
  const held = await memory.consult(bill('105.00', '13.55', '118.65'), off, { memory, company: 'A' }, undefined, off);
  assert.match(held.info.basis?.amount_tax ?? '', /^confirm:amount:/);
  assert.equal(held.fields.amount_tax.confidence, 0.97);
});

// A slip printing its tax and total only: no untaxed amount, so no sum to check a learned tax against. The memory has
// learned the vendor's tax line from one slip, with fills it is sure of.
const slip = (tax: string, total: string) => receipt(HEADER, [['GST 13%', tax], ['Total', total]]);
const totalOnly = (total: number): ExtractedFields => {
  const f = emptyFields();
  f.amount_total = { value: total, confidence: 0.99 };
  return f;
};
async function memoryOfOneSlip(): Promise<VendorMemory> {
  const sureFills: MemoryCalibration = { ...table, cells: { ...table.cells, fill: 0.9 } };
  const memory = new VendorMemory(new MemoryStore(), sureFills);
  await memory.consult(slip('1.63', '14.13'), totalOnly(14.13), {
    memory, company: 'A', truth: { vendor_name: 'Northwind Software Ltd', amount_tax: 1.63, amount_total: 14.13 },
  });
  return memory;
}

test('a learned tax larger than any tax rate\'s share of the total is no tax, however sure its cell (another amount read where the tax line stood)', async () => {
  const memory = await memoryOfOneSlip();
  // 23.58 of 32.06 would be a rate of 278 %: no tax
  const wrong = await memory.consult(slip('23.58', '32.06'), totalOnly(32.06), { memory, company: 'A' }, undefined, totalOnly(32.06));
  assert.equal(wrong.fields.amount_tax.value, null);
  assert.equal(wrong.info.basis?.amount_tax, undefined);
  assert.equal(wrong.info.declined?.amount_tax?.value, 23.58);
  // a tax at a rate in use fills the gap
  const right = await memory.consult(slip('3.69', '32.06'), totalOnly(32.06), { memory, company: 'A' }, undefined, totalOnly(32.06));
  assert.equal(right.fields.amount_tax.value, 3.69);
  assert.match(right.info.basis?.amount_tax ?? '', /^fill:amount:/);
});

test('a credit note\'s learned tax is bounded by its total\'s size as a bill\'s is (the rules read its amounts negative)', async () => {
  const { possibleTax } = await import('../../src/memory/apply.js');
  assert.ok(possibleTax(-3.69, -32.06), 'a credit note\'s tax at 13 %');
  assert.ok(!possibleTax(23.58, -32.06), 'the memory reads sizes: 23.58 of a 32.06 credit is no tax');
  assert.ok(!possibleTax(-23.58, -32.06));
  assert.ok(!possibleTax(5, 0), 'no tax on nothing');
  const memory = await memoryOfOneSlip();
  const credit = await memory.consult(slip('-23.58', '-32.06'), totalOnly(-32.06), { memory, company: 'A' }, undefined, totalOnly(-32.06));
  assert.equal(credit.fields.amount_tax.value, null, 'a 278 % "tax" of a credit note is no tax either');
  assert.equal(credit.info.declined?.amount_tax?.value, 23.58);
});

test('a sure total backs the untaxed amount and the tax that add up to it, each read where its learned label stands, however unsure each alone', async () => {
  const memory = await learned();
  // the rules and the labels agree on both, neither sure (agree cells 0.8, the rules' own 0.9): the total is sure
  const rules = fields([105, 13.65, 118.65], [0.9, 0.9, 0.99]);
  const next = await memory.consult(bill('105.00', '13.65', '118.65'), structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(next.info.basis?.amount_untaxed, 'sum:amount');
  assert.equal(next.info.basis?.amount_tax, 'sum:amount');
  assert.equal(next.fields.amount_untaxed.confidence, 0.99);
  assert.equal(next.fields.amount_tax.confidence, 0.99);
  // a cent apart from the total: one of them is misread, neither is backed
  const off = fields([105, 13.64, 118.65], [0.9, 0.9, 0.99]);
  const held = await memory.consult(bill('105.00', '13.64', '118.65'), structuredClone(off), { memory, company: 'A' }, undefined, off);
  assert.notEqual(held.info.basis?.amount_untaxed, 'sum:amount');
  assert.notEqual(held.info.basis?.amount_tax, 'sum:amount');
  // an unsure total backs neither
  const unsure = fields([105, 13.65, 118.65], [0.9, 0.9, 0.9]);
  const none = await memory.consult(bill('105.00', '13.65', '118.65'), structuredClone(unsure), { memory, company: 'A' }, undefined, unsure);
  assert.notEqual(none.info.basis?.amount_tax, 'sum:amount');
});
