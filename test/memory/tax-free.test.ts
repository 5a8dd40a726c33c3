import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import type { MemoryCalibration } from '../../src/memory/calibration.js';
import { taxRegime } from '../../src/memory/learn.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { builtReceipt as receipt } from './built-receipt.js';

// A vendor whose posted bills carried no tax (a small business scheme, exempt services): its next bill's untaxed
// amount is its total and its tax zero where the rules read no tax — a learned default, as sure as the total is.

const fieldsWith = (values: Partial<Record<keyof ExtractedFields, unknown>>, confidence: number): ExtractedFields => {
  const f = emptyFields();
  for (const [name, value] of Object.entries(values)) (f as unknown as Record<string, unknown>)[name] = { value, confidence };
  return f;
};

const HEADER = ['STUDIO GRAFICO BIANCHI', 'Operazione non soggetta a IVA'];
const table: MemoryCalibration = { version: 1, fitted: {}, counts: {}, cells: { confirm: 0.99, agree: 0.7, read: 0.5, vendor: 0.99, default: 0.99 } };
const bill = (total: string) => receipt(HEADER, [['Totale documento', total]]);

async function posted(truths: Record<string, unknown>[]): Promise<VendorMemory> {
  const memory = new VendorMemory(new MemoryStore(), table);
  for (const truth of truths) {
    const total = Number(truth.amount_total);
    await memory.consult(bill(total.toFixed(2)), fieldsWith({ amount_total: total }, 0.9), { memory, company: 'A', truth: { vendor_name: 'Studio Grafico Bianchi', ...truth } });
  }
  return memory;
}

test('what a posting says of tax: none when untaxed = total, charged when a tax was kept, unknown without both amounts', () => {
  assert.equal(taxRegime({ amount_total: 250, amount_untaxed: 250 }), 'none');
  assert.equal(taxRegime({ amount_total: 40, amount_untaxed: 40, amount_tax: 0 }), 'none');
  assert.equal(taxRegime({ amount_total: 14.13, amount_untaxed: 12.5, amount_tax: 1.63 }), 'charged');
  assert.equal(taxRegime({ amount_total: 14.13, amount_untaxed: 12.5 }), 'charged');
  assert.equal(taxRegime({ amount_total: 14.13 }), null);
});

test('a vendor that bills without tax: the next bill\'s untaxed amount is its total and its tax zero, no surer than its total', async () => {
  const twice = await posted([{ amount_total: 250, amount_untaxed: 250 }, { amount_total: 420, amount_untaxed: 420 }]);
  const rules = fieldsWith({ amount_total: 1650 }, 0.9);
  const sure = fieldsWith({ amount_total: 1650 }, 0.99);
  const early = await twice.consult(bill('1650.00'), structuredClone(rules), { memory: twice, company: 'A' }, undefined, sure);
  assert.equal(early.fields.amount_untaxed.value, null, 'two tax-free postings are no habit yet');

  const memory = await posted([{ amount_total: 250, amount_untaxed: 250 }, { amount_total: 420, amount_untaxed: 420 }, { amount_total: 90, amount_untaxed: 90 }]);
  const next = await memory.consult(bill('1650.00'), structuredClone(rules), { memory, company: 'A' }, undefined, sure);
  assert.equal(next.fields.amount_untaxed.value, 1650);
  assert.equal(next.fields.amount_tax.value, 0);
  assert.equal(next.info.basis?.amount_untaxed, 'default:notax:3');
  assert.equal(next.fields.amount_untaxed.confidence, 0.99);

  const unsureTotal = fieldsWith({ amount_total: 1650 }, 0.8);
  const held = await memory.consult(bill('1650.00'), structuredClone(rules), { memory, company: 'A' }, undefined, unsureTotal);
  assert.ok(held.fields.amount_untaxed.confidence <= 0.8, 'the untaxed amount is the total: never surer than it');

  // a tax the rules read is left alone (the vendor may charge it now), and so is an untaxed amount that is not the total
  const taxed = fieldsWith({ amount_total: 122, amount_untaxed: 100, amount_tax: 22 }, 0.9);
  const withTax = await memory.consult(bill('122.00'), structuredClone(taxed), { memory, company: 'A' }, undefined, taxed);
  assert.equal(withTax.fields.amount_tax.value, 22);
  assert.equal(withTax.fields.amount_untaxed.value, 100);
  assert.equal(withTax.info.basis?.amount_tax, undefined);
});

test('one tax-free posting backs the rules\' own untaxed amount equal to the total; filling one they lacked takes three', async () => {
  const once = await posted([{ amount_total: 250, amount_untaxed: 250 }]);
  const sure = fieldsWith({ amount_total: 420, amount_untaxed: 420 }, 0.99);
  const read = fieldsWith({ amount_total: 420, amount_untaxed: 420 }, 0.9);
  const backed = await once.consult(bill('420.00'), structuredClone(read), { memory: once, company: 'A' }, undefined, sure);
  assert.equal(backed.fields.amount_untaxed.value, 420);
  assert.equal(backed.info.basis?.amount_untaxed, 'default:notax:1');
  assert.equal(backed.fields.amount_tax.value, 0);
  const lacking = await once.consult(bill('420.00'), fieldsWith({ amount_total: 420 }, 0.9), { memory: once, company: 'A' }, undefined, fieldsWith({ amount_total: 420 }, 0.99));
  assert.equal(lacking.fields.amount_untaxed.value, null, 'one posting is no habit to fill a gap by');
  assert.equal(lacking.info.basis?.amount_untaxed, undefined);
});

test('a vendor that charged tax on one of its two bills has no tax-free habit', async () => {
  const memory = await posted([{ amount_total: 250, amount_untaxed: 250 }, { amount_total: 122, amount_untaxed: 100, amount_tax: 22 }]);
  const rules = fieldsWith({ amount_total: 300 }, 0.99);
  const next = await memory.consult(bill('300.00'), structuredClone(rules), { memory, company: 'A' }, undefined, rules);
  assert.equal(next.fields.amount_untaxed.value, null);
  assert.equal(next.info.basis?.amount_untaxed, undefined);
});
