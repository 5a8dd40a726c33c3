import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { byShape, inLearnedShape, occurrences, withoutNumberSign } from '../../src/memory/values.js';
import { builtReceipt as receipt } from './built-receipt.js';

// A reference the vendor prints in several words (a Portuguese simplified invoice's series and number) is learned
// where it stood and read back whole, in its shape; the rules read one word of it.

test('a reference in several words: found as kept, read whole by its shape', () => {
  const line = 'Fatura Simplificada FS 04890902308181410/047766';
  assert.deepEqual(occurrences('reference', line, 'FS 04890902308181410/047766').map((o) => o.index), [20]);
  assert.deepEqual(occurrences('reference', 'FS 0489 total 047766', 'FS 04890902308181410/047766'), [], 'its words scattered are not it');
  assert.equal(byShape('Fatura Simplificada FS 04890942308181520/067139', 'A 9/9'), 'FS 04890942308181520/067139');
  assert.equal(byShape('Fatura Simplificada 04890942308181520', 'A 9/9'), null);
});

const rulesWith = (ref: string | null): ExtractedFields => {
  const f = emptyFields();
  f.invoice_number = { value: ref, confidence: ref ? 0.5 : 0 };
  f.amount_total = { value: 10, confidence: 0.9 };
  return f;
};

test('the next receipt of the vendor has its several-word number read at the learned label', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const header = ['PINGO DOCE - DISTRIBUICAO ALIMENTAR SA', 'NIF 500829993'];
  const doc = (ref: string) => receipt(header, [[`Fatura Simplificada ${ref}`, ''], ['TOTAL', '10.00']]);
  await memory.consult(doc('FS 04890952308181404/040546'), rulesWith(null), { memory, company: 'A', truth: { vendor_name: 'Pingo Doce', invoice_number: 'FS 04890952308181404/040546', amount_total: 10 } });
  const next = await memory.consult(doc('FS 04890902308181410/047766'), rulesWith(null), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, 'FS 04890902308181410/047766');
  assert.match(next.info.basis?.invoice_number ?? '', /^fill:reference:/);
});

test('a number sign glued to the reference is not part of it where the vendor\'s learned shape lacks it', async () => {
  assert.equal(withoutNumberSign('n.5098765432', '9'), '5098765432');
  assert.equal(withoutNumberSign('Nr.4711', '9'), '4711');
  assert.equal(withoutNumberSign('#1042', '9'), '1042');
  assert.equal(withoutNumberSign('NR-2024-0012', 'A-9-9'), 'NR-2024-0012', 'a number whose letters are its own keeps them');
  assert.equal(withoutNumberSign('N5098765432', '9'), 'N5098765432', 'a bare letter is no number sign');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['ENEL ENERGIA SPA', 'Mercato libero dell energia'];
  const doc = (line: string) => receipt(header, [[line, ''], ['Totale bolletta', '10.00']]);
  await memory.consult(doc('riferita alla fattura elettronica n. 5012345678 del 07/08/2024'), rulesWith(null), { memory, company: 'A', truth: { vendor_name: 'Enel Energia', invoice_number: '5012345678', amount_total: 10 } });
  const next = await memory.consult(doc('riferita alla fattura elettronica n.5098765432 del08/01/2025'), rulesWith(null), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, '5098765432');
});

test('a reference read at the learned label that is not the rules\' own is the vendor\'s number only in the shape it kept', async () => {
  assert.equal(inLearnedShape('A 64', 'GST No. A 64 GST-3525-26', 'A-9-9'), 'GST-3525-26', 'the cell\'s run in a lettered shape is read');
  assert.equal(inLearnedShape('A 64', 'A 64', 'A-9-9'), null);
  assert.equal(inLearnedShape('C-55012', 'C-55012', '9'), null, 'a digits-only shape reads no other run: any number would do');
  assert.equal(inLearnedShape('2025/MED/0534', '2025/MED/0534', '9/9/9', '2025/MED/0534'), '2025/MED/0534', 'the rules\' own value stays a reading');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['GUJARAT FREIGHT TOOLS', 'GSTIN 24AAACG1234A1Z5'];
  const doc = (ref: string) => receipt(header, [['Invoice No.', ref], ['Total', '10.00']]);
  await memory.consult(doc('GST-3525-25'), rulesWith(null), { memory, company: 'A', truth: { vendor_name: 'Gujarat Freight Tools', invoice_number: 'GST-3525-25', amount_total: 10 } });
  const other = await memory.consult(doc('KD 4471'), rulesWith(null), { memory, company: 'A' });
  assert.equal(other.fields.invoice_number.value, null, 'a customer number at the learned label is not the invoice number');
  const next = await memory.consult(doc('GST-3525-26'), rulesWith(null), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, 'GST-3525-26');
});
