import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { gluedToMark, occurrences, readValueHow } from '../../src/memory/values.js';
import { DEFAULT_WRITE_THRESHOLD } from '../../src/write-rules.js';
import { probabilityOf, type MemoryCalibration } from '../../src/memory/calibration.js';
import { builtReceipt as receipt } from './built-receipt.js';

// An amount a garbled currency mark is glued to ("M1.00" for "RM1.00") is read where the vendor prints an amount, as a
// damaged reading; the place it stood is learned.

test('an amount glued to a garbled mark: one to three letters, cents in the vendor\'s separator, alone in the cell', () => {
  assert.equal(gluedToMark('M1.00', '.'), 1);
  assert.equal(gluedToMark('fM0.00', '.'), 0);
  assert.equal(gluedToMark('Total M12,50', ','), 12.5);
  assert.equal(gluedToMark('Total M12,50', '.'), null, 'not in the vendor\'s separator');
  assert.equal(gluedToMark('A4', '.'), null, 'no cents: an item code');
  assert.equal(gluedToMark('TOTALM1.00', '.'), null, 'a word of more than three letters');
  assert.equal(gluedToMark('M1.005', '.'), null, 'three decimals');
  assert.equal(gluedToMark('AB1.00 CD2.00', '.'), null, 'two of them: none read');
  assert.deepEqual(readValueHow('amount', 'M1.00', { decimal: '.' }), { value: 1, damaged: true, glued: true });
  assert.deepEqual(readValueHow('amount', 'M1.00 2.50', { decimal: '.' }), { value: 2.5, damaged: false }, 'a clean amount in the cell is read first');
  assert.equal(occurrences('amount', 'M3.00', 3).length, 1, 'learned where it stood');
  assert.equal(occurrences('amount', 'M3.00', 4).length, 0);
});

test('letters that are a word of their own before the digits are no garbled mark: a tax, a tax code, a unit, a time, a month', () => {
  for (const text of ['GST6.00', 'SR12.50', 'Qty2.00', 'kg1.25', 'PM12.30', 'Jan01.24']) assert.equal(gluedToMark(text, '.'), null, text);
  // the national tax short names a till's tax table prints (words.ts TAX_SHORT_NAMES): Polish PTU, Czech DPH, Croatian PDV
  for (const text of ['PTU12.50', 'DPH20.00', 'PDV5.00']) assert.equal(gluedToMark(text, '.'), null, text);
  assert.equal(occurrences('amount', 'GST6.00', 6).length, 0, 'no place learned where a tax code stands');
  assert.equal(gluedToMark('RN6.00', '.'), 6);
});

const rulesWith = (total: number | null): ExtractedFields => {
  const f = emptyFields();
  f.date = { value: '2017-04-30', confidence: 0.99 };
  f.amount_total = { value: total, confidence: total === null ? 0 : 0.9 };
  return f;
};

test('a total the rules lost to a garbled mark is filled from the learned label, never written unmeasured', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const header = ['AMANO PARKING SDN BHD', '12 Jalan Pengacara'];
  // the first receipt prints its total glued to the garbled mark too: the place is learned from it
  await memory.consult(receipt(header, [['Parking Time', '3:3'], ['Total', 'M3.00']]), rulesWith(3), { memory, company: 'A', truth: { vendor_name: 'Amano Parking Sdn Bhd', amount_total: 3 } });
  const next = await memory.consult(receipt(header, [['Parking Time', '1:29'], ['Total', 'M1.00']]), rulesWith(null), { memory, company: 'A' });
  assert.equal(next.fields.amount_total.value, 1);
  assert.match(next.info.basis?.amount_total ?? '', /^glued:amount:/, 'a cell of its own: a lost digit\'s damaged reading must match the rules\' amount, a glued one need not');
  assert.ok(next.fields.amount_total.confidence < DEFAULT_WRITE_THRESHOLD, `a garbled printing's total is not written (${next.fields.amount_total.confidence})`);
});

test('a glued reading never borrows a fitted damaged cell\'s odds: its cells are unfitted, below the write threshold', () => {
  const table: MemoryCalibration = { version: 1, fitted: {}, cells: { damaged: 0.995, 'damaged:amount': 0.995 }, counts: {} };
  assert.ok(probabilityOf('damaged:amount:a1:0:hi:amount_total', table) >= DEFAULT_WRITE_THRESHOLD);
  assert.ok(probabilityOf('glued:amount:a1:0:hi:amount_total', table) < DEFAULT_WRITE_THRESHOLD);
});
