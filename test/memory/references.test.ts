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

// The vendor's learned pattern where no learned label reads the number: an insurer's next bill prints its number in
// another sentence than the last one did (text of two ZUGFeRD samples of one insurer in the corpus).
test('where no anchor reads the number, the vendor\'s learned pattern backs the rules\' own and chooses among their candidates', async () => {
  const { inPattern, particularPattern } = await import('../../src/memory/values.js');
  assert.ok(inPattern('01.234.567.8-2018-1', '9.9.9.9-9-9', [2, 3, 3, 1, 4, 1]));
  assert.ok(!inPattern('10a', '9.9.9.9-9-9', [2, 3, 3, 1, 4, 1]));
  assert.ok(inPattern('INV-2024-1000', 'A-9-9', [4, 3]), 'a counter passing 999 keeps its pattern');
  assert.ok(!inPattern('INV-2024-10', 'A-9-9', [4, 4]), 'digit counts are part of the pattern');
  assert.ok(!particularPattern('9'), 'digits alone are every number\'s pattern');
  const header = ['MVM Musterhafter Versicherungsverein Musterstadt a.G.', 'Musterstrasse 1, 12345 Musterstadt'];
  const table = { version: 1 as const, fitted: {}, counts: {}, cells: { pattern: 0.97, choose: 0.9, vendor: 0.99, default: 0.99 } };
  const learnt = async (memory: VendorMemory) =>
    memory.consult(receipt(header, [['Beitragsrechnung zur Kraftfahrtversicherung Nr. 00.123.456.7', ''], ['Gesamtbetrag', '220,00']]), rulesWith(null), {
      memory, company: 'A', truth: { vendor_name: 'MVM Musterhafter Versicherungsverein Musterstadt a.G.', invoice_number: '00.123.456.7-2014-1', amount_total: 220 },
    });
  const next = receipt(header, [['Rechnung des Versicherers Nr. 01.234.567.8-2018-1 vom', ''], ['nach §4 Nr. 10a UStG', ''], ['Gesamtbetrag', '59,50']]);
  const own = rulesWith('01.234.567.8-2018-1');
  own.invoice_number.alternatives = [{ value: '10a', page: 1, box: [0, 0, 0, 0] }];
  let memory = new VendorMemory(new MemoryStore(), table);
  await learnt(memory);
  const backed = await memory.consult(next, own, { memory, company: 'A' });
  assert.equal(backed.info.basis?.invoice_number, 'pattern:reference:invoice_number');
  assert.equal(backed.fields.invoice_number.confidence, 0.97);
  const misread = rulesWith('10a');
  misread.invoice_number.alternatives = [{ value: '01.234.567.8-2018-1', page: 1, box: [0, 0, 0, 0] }];
  memory = new VendorMemory(new MemoryStore(), table);
  await learnt(memory);
  const chosen = await memory.consult(next, misread, { memory, company: 'A' });
  assert.equal(chosen.fields.invoice_number.value, '01.234.567.8-2018-1');
  assert.equal(chosen.info.basis?.invoice_number, 'choose:reference:invoice_number');
  // unmeasured, a choice against a rules' number they were sure of is declined (reported), never used
  const calibrated = rulesWith('10a');
  calibrated.invoice_number.confidence = 0.97;
  memory = new VendorMemory(new MemoryStore(), { ...table, cells: { vendor: 0.99 } });
  await learnt(memory);
  const held = await memory.consult(next, misread, { memory, company: 'A' }, undefined, calibrated);
  assert.equal(held.fields.invoice_number.value, '10a');
  assert.deepEqual(held.info.declined?.invoice_number, { value: '01.234.567.8-2018-1', basis: 'choose:reference:invoice_number' });
  // ...against an unsure rules' number out of the pattern ("10a"), the candidate in the vendor's pattern takes its place,
  // at its unmeasured cell's probability (not written on the choice alone)
  memory = new VendorMemory(new MemoryStore(), { ...table, cells: { vendor: 0.99 } });
  await learnt(memory);
  const replaced = await memory.consult(next, misread, { memory, company: 'A' });
  assert.equal(replaced.fields.invoice_number.value, '01.234.567.8-2018-1');
  assert.equal(replaced.info.basis?.invoice_number, 'choose:reference:invoice_number');
  assert.equal(replaced.fields.invoice_number.confidence, 0.5);
});

// The rules took another number of the page for the invoice number (a customer or order number: the commonest slip of
// the rules' numbers on tune first documents), and the vendor's learned label reads its number in the vendor's shape.
test('a reading at the learned label in the vendor\'s pattern takes the place of an unsure rules\' number out of it, unmeasured', async () => {
  const table = { version: 1 as const, fitted: {}, counts: {}, cells: { vendor: 0.99, default: 0.99 } };
  const header = ['GUJARAT FREIGHT TOOLS', 'GSTIN 24AAACG1234A1Z5'];
  const doc = (ref: string) => receipt(header, [['Invoice No.', ref], ['Customer 4471', ''], ['Total', '10.00']]);
  const learnt = async () => {
    const memory = new VendorMemory(new MemoryStore(), table);
    await memory.consult(doc('GST-3525-25'), rulesWith('GST-3525-25'), { memory, company: 'A', truth: { vendor_name: 'Gujarat Freight Tools', invoice_number: 'GST-3525-25', amount_total: 10 } });
    return memory;
  };
  let memory = await learnt();
  const other = await memory.consult(doc('GST-3525-26'), rulesWith('4471'), { memory, company: 'A' });
  assert.equal(other.fields.invoice_number.value, 'GST-3525-26');
  assert.match(other.info.basis?.invoice_number ?? '', /^read:reference:/);
  assert.ok(other.fields.invoice_number.confidence < 0.99, 'replaced, not written on the contest alone');
  memory = await learnt();
  const sure = rulesWith('4471');
  const calibrated = rulesWith('4471');
  calibrated.invoice_number.confidence = 0.97;
  const kept = await memory.consult(doc('GST-3525-26'), sure, { memory, company: 'A' }, undefined, calibrated);
  assert.equal(kept.fields.invoice_number.value, '4471', 'a number the rules were sure of stays');
  assert.equal(kept.info.declined?.invoice_number?.value, 'GST-3525-26');
  // a till slip numbered in four digits: the rules' nine-digit number (a terminal id) is out of its pattern too
  const till = (ref: string) => receipt(['MCDONALDS EGERKINGEN', 'Raststaette'], [['Bestellung', ref], ['Terminal 635035942', ''], ['Total', '10.00']]);
  const slips = new VendorMemory(new MemoryStore(), table);
  await slips.consult(till('7347'), rulesWith(null), { memory: slips, company: 'A', truth: { vendor_name: 'McDonalds Egerkingen', invoice_number: '7347', amount_total: 10 } });
  const terminal = await slips.consult(till('8130'), rulesWith('635035942'), { memory: slips, company: 'A' });
  assert.equal(terminal.fields.invoice_number.value, '8130');
  memory = await learnt();
  const ownShape = await memory.consult(doc('GST-3525-26'), rulesWith('GST-1111-11'), { memory, company: 'A' });
  assert.equal(ownShape.fields.invoice_number.value, 'GST-1111-11', 'a rules\' number in the vendor\'s pattern is a contest the cells decide');
});

// OCR reads a digit of the number as a letter of like shape (a round 0 as O, a 1 as l, a 5 as S): the vendor's learned
// pattern says where its numbers have digits, so the look-alike letter there is the digit — never one where the
// pattern has a letter, and never when two repairs would fit.
test('a number OCR garbled is repaired by the vendor\'s learned pattern, in its digit positions only', async () => {
  const { repairedInPattern } = await import('../../src/memory/values.js');
  assert.equal(repairedInPattern('INV-2O24-0012', 'A-9-9', [4, 4]), 'INV-2024-0012');
  assert.equal(repairedInPattern('NO50191110', 'A9', [9]), 'N050191110', 'the prefix letter stays a letter');
  assert.equal(repairedInPattern('AS/3127', 'A9/9', [1, 4]), 'A5/3127');
  assert.equal(repairedInPattern('42lO', '9', [4]), '4210');
  assert.equal(repairedInPattern('SO-1234', 'A-9', [4]), null, 'in the pattern already: nothing to repair');
  assert.equal(repairedInPattern('424C', '9', [4]), null, 'a letter that looks like no digit is no slip');
  assert.equal(repairedInPattern('4240', 'A9', [4]), null, 'no letter to take back');
  assert.equal(repairedInPattern('ORDER', '9', [5]), null, 'a word is not a number');

  const header = ['SUEZ RV SUD OUEST', 'Siege social 12 rue des Forges'];
  const doc = (ref: string) => receipt(header, [['Facture N°', ref], ['Total TTC', '10.00']]);
  const memory = new VendorMemory(new MemoryStore());
  await memory.consult(doc('N050191110'), rulesWith('N050191110'), { memory, company: 'A', truth: { vendor_name: 'Suez RV Sud Ouest', invoice_number: 'N050191110', amount_total: 10 } });
  const next = await memory.consult(doc('NO50195725'), rulesWith('NO50195725'), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, 'N050195725', 'the garbled number the anchor read is the vendor\'s repaired');
  assert.equal(next.info.basis?.invoice_number, 'repair:reference:invoice_number');
  assert.ok(next.fields.invoice_number.confidence < 0.99, 'unmeasured, a repair is not written on its own');
});

test('a word of look-alike letters with no digit, or more such letters than digits, is no garbled number', async () => {
  const { repairedInPattern } = await import('../../src/memory/values.js');
  assert.equal(repairedInPattern('ISO', '9', [3]), null);
  assert.equal(repairedInPattern('Bis', '9', [3]), null);
  assert.equal(repairedInPattern('SOS', '9', [3]), null);
  assert.equal(repairedInPattern('IS', '9', [2]), null);
  assert.equal(repairedInPattern('IS0', '9', [3]), null, 'two letters, one digit');
  assert.equal(repairedInPattern('4S0', '9', [3]), '450', 'one letter among two digits is a slip');
});

test('where a till slip printed its number garbled, its place is learned all the same, and a garbled one read there is repaired', async () => {
  const header = ['Marktkauf Lehr', 'Detmolder Str. 4', '33102 Paderborn'];
  const footer = (values: string) => receipt([...header, 'Datum Uhrzeit Filiale Pos Bed Bon', values], [['SUMME EUR', '10.00']]);
  const memory = new VendorMemory(new MemoryStore());
  await memory.consult(footer('18.05.20 09:50 0000545 005 004 424O'), rulesWith(null), { memory, company: 'A', truth: { vendor_name: 'Marktkauf Lehr', invoice_number: '4240', amount_total: 10 } });
  const next = await memory.consult(footer('28.02.20 09:58 0000545 004 021 8130'), rulesWith(null), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, '8130');
  const garbled = await memory.consult(footer('03.04.20 09:53 0000545 005 028 73S7'), rulesWith(null), { memory, company: 'A' });
  assert.equal(garbled.fields.invoice_number.value, '7357');
  assert.equal(garbled.info.basis?.invoice_number, 'repair:reference:invoice_number');
});

// A till prints a stray mark between its number's label and the number ("N,FACT,S: 00036631": the label learned as
// "fact"); the rules' reading of a reference does not take the number behind it.
test('a number behind a stray mark after its learned label is read in the vendor\'s pattern', async () => {
  const { firstInPattern } = await import('../../src/memory/values.js');
  assert.equal(firstInPattern(',S: 00036632 12:04', { shape: '9', digits: [8] }), '00036632');
  assert.equal(firstInPattern(',S: 12 36632', { shape: '9', digits: [8] }), null, 'no word of the vendor\'s digit count');
  assert.equal(firstInPattern(',S: 0003663 12:04', { shape: '9', digits: [8] }), null, 'a digit short is not the exact pattern');
  assert.equal(firstInPattern('Nr. A-123', { shape: 'A-9', digits: [4] }), null);
  assert.equal(firstInPattern(',S: 00036632', { shape: '9' }), null, 'a shape without digit counts says too little');
  const header = ['DIA RETAIL ESPANA SA', 'Avda. del Puerto 12, Valencia'];
  const doc = (ref: string) => receipt([...header, `N,FACT,S: ${ref}`], [['TOTAL', '10,00']]);
  const memory = new VendorMemory(new MemoryStore());
  await memory.consult(doc('00036631'), rulesWith(null), { memory, company: 'A', truth: { vendor_name: 'Dia Retail Espana SA', invoice_number: '00036631', amount_total: 10 } });
  const next = await memory.consult(doc('00036698'), rulesWith(null), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, '00036698');
  // a reading the rules' own cannot make: a cell of its own, not the fills measured where the rules read the number
  assert.match(next.info.basis?.invoice_number ?? '', /^damaged:reference:/);
});
