import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { builtReceipt as receipt } from './built-receipt.js';

// A date years before every date the vendor's documents were posted with is OCR's misread year, however the learned
// place reads it too: the memory leaves it to the rules.

const rulesWith = (date: string, total: number, confidence: number): ExtractedFields => {
  const f = emptyFields();
  f.date = { value: date, confidence };
  f.amount_total = { value: total, confidence };
  return f;
};

const HEADER = ['MR. D.I.Y. (KUCHAI) SDN BHD', 'LOT 1851-A JALAN KPB 6'];

async function learnedOn(dates: string[]): Promise<VendorMemory> {
  const memory = new VendorMemory(new MemoryStore());
  for (const [i, date] of dates.entries()) {
    const [y, m, d] = date.split('-');
    const total = 10 + i;
    await memory.consult(receipt(HEADER, [['TOTAL', `${total}.00`], ['Date', `${d}-${m}-${y!.slice(2)} 15:41`]]), rulesWith(date, total, 0.9), {
      memory, company: 'A', truth: { vendor_name: 'Mr. D.I.Y. (Kuchai) Sdn Bhd', date, amount_total: total },
    });
  }
  return memory;
}

test('the vendor\'s kept years are learned; a date read years before them is neither confirmed nor read by the memory', async () => {
  const memory = await learnedOn(['2018-03-10', '2018-04-02']);
  const [profile] = await memory.store.list('A');
  assert.deepEqual(profile!.fields.date!.years, [2018]);
  // "15-03-13" for 15-03-18: the rules read 2013 surely, the learned place reads the same misprint
  const sure = rulesWith('2013-03-15', 20, 0.98);
  const misread = await memory.consult(receipt(HEADER, [['TOTAL', '20.00'], ['Date', '15-03-13 15:41']]), structuredClone(sure), { memory, company: 'A' }, undefined, sure);
  assert.equal(misread.fields.date.value, '2013-03-15', 'the rules\' value stays');
  assert.equal(misread.info.basis?.date, undefined, 'not confirmed by the learned place');
  assert.equal(misread.fields.date.confidence, 0.98, 'not lifted to the write threshold');
  // the same place reading a date of the vendor's years, or years after them (a vendor heard from again), confirms it
  for (const date of ['2018-05-15', '2016-05-15', '2023-05-15']) {
    const [y, m, d] = date.split('-');
    const rules = rulesWith(date, 20, 0.98);
    const next = await memory.consult(receipt(HEADER, [['TOTAL', '20.00'], ['Date', `${d}-${m}-${y!.slice(2)} 15:41`]]), structuredClone(rules), { memory, company: 'A' }, undefined, rules);
    assert.match(next.info.basis?.date ?? '', /^confirm:date:/, date);
  }
});
