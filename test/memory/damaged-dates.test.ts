import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { damagedInOrder, damagedPrintings, occurrences, readValue } from '../../src/memory/values.js';
import { DEFAULT_WRITE_THRESHOLD } from '../../src/write-rules.js';
import { builtReceipt as receipt } from './built-receipt.js';

// A till stamp OCR damaged beyond the rules' reading is read where the vendor prints its date, in its order.

test('damaged stamps read in the vendor\'s order; what is no date, or two, reads nothing', () => {
  assert.equal(damagedInOrder('05 02-18', 'DMY'), '2018-02-05', 'a separator read as a space');
  assert.equal(damagedInOrder('05 02-18', 'MDY'), '2018-05-02');
  assert.equal(damagedInOrder('CB#:59581331715 14MMay/2017 02:56:39', 'DMY'), '2017-05-14', 'a month name with a doubled letter');
  assert.equal(damagedInOrder('DATE: 13707/2017', 'DMY'), '2017-07-13', 'a separator read as a digit: one split makes a date');
  assert.equal(damagedInOrder('1307/2017', 'DMY'), null, '13/07 or 1/07 with a stray 3: two dates, none read');
  assert.equal(damagedInOrder('1 10.50 2', 'DMY'), null, 'a quantity and an amount');
  assert.equal(damagedInOrder('20 05.2020', 'DMY'), '2020-05-20', 'a dot read as a space before a four-digit year: no amount has four decimals');
  assert.equal(damagedInOrder('1 10.50', 'DMY'), null, 'a quantity and an amount with cents');
  assert.equal(damagedInOrder('Qty 1 12 2018', 'DMY'), null, 'three numbers apart by spaces only');
  assert.equal(damagedInOrder('Date: 1 10/04/201', 'DMY'), null, 'a year cut short is not the year 2004');
  assert.equal(damagedInOrder('568017', 'DMY'), null);
});

const rulesWith = (date: string | null, total: number): ExtractedFields => {
  const f = emptyFields();
  f.date = { value: date, confidence: date ? 0.9 : 0 };
  f.amount_total = { value: total, confidence: 0.9 };
  return f;
};

test('where the vendor printed its date, a stamp the rules could not read fills the date (its own cell, not written unmeasured)', async () => {
  // the shipped table: its fill cells are measured where the rules read the value, which a damaged stamp is not
  const memory = new VendorMemory(new MemoryStore());
  const header = ['AIK HUAT HARDWARE ENTERPRISE', 'No 2 Jalan Pasar'];
  await memory.consult(receipt(header, [['RECEIPT #: CSP0393921 DATE:', '15/06/2017'], ['TOTAL', '4.00']]), rulesWith('2017-06-15', 4), { memory, company: 'A', truth: { vendor_name: 'Aik Huat Hardware Enterprise', date: '2017-06-15', amount_total: 4 } });
  const next = await memory.consult(receipt(header, [['RECEIPT #: C9P0397224 DATE:', '13707/2017'], ['TOTAL', '8.00']]), rulesWith(null, 8), { memory, company: 'A' });
  assert.equal(next.fields.date.value, '2017-07-13');
  assert.match(next.info.basis?.date ?? '', /^damaged:date:/);
  assert.ok(next.fields.date.confidence < DEFAULT_WRITE_THRESHOLD, `a damaged stamp's date is not written (${next.fields.date.confidence})`);
  // the dot read as a space before a four-digit year ("20 05.2020"): as damaged, as unwritten
  const spaced = await memory.consult(receipt(header, [['RECEIPT #: C9P0397225 DATE:', '20 05.2020'], ['TOTAL', '9.00']]), rulesWith(null, 9), { memory, company: 'A' });
  assert.equal(spaced.fields.date.value, '2020-05-20');
  assert.match(spaced.info.basis?.date ?? '', /^damaged:date:/);
  assert.ok(spaced.fields.date.confidence < DEFAULT_WRITE_THRESHOLD, `a damaged stamp's date is not written (${spaced.fields.date.confidence})`);
});

test('a damaged stamp at a learned place is judged against the day the document is read on, as extraction judges dates', async () => {
  assert.equal(readValue('date', '15/Ap/2019 04:56', { dateOrder: 'DMY' }, null, '2019-06-01'), '2019-04-15');
  assert.equal(readValue('date', '15/Ap/2019 04:56', { dateOrder: 'DMY' }, null, '2017-06-01'), null, 'a year after the next is a misread');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['KEDAI MAKMUR JAYA', 'No 2 Jalan Pasar'];
  await memory.consult(receipt(header, [['DATE:', '15/06/2017 10:12'], ['TOTAL', '4.00']]), rulesWith('2017-06-15', 4), { memory, company: 'A', today: '2017-07-01', truth: { vendor_name: 'Kedai Makmur Jaya', date: '2017-06-15', amount_total: 4 } });
  const damaged = () => receipt(header, [['DATE:', '15/Ap/2019 04:56'], ['TOTAL', '8.00']]);
  assert.equal((await memory.consult(damaged(), rulesWith(null, 8), { memory, company: 'A', today: '2017-07-01' })).fields.date.value, null);
  assert.equal((await memory.consult(damaged(), rulesWith(null, 8), { memory, company: 'A', today: '2019-07-01' })).fields.date.value, '2019-04-15');
});

test('a numeric date that reads one way only teaches the vendor\'s order: the number over 12 is the day', async () => {
  assert.equal(occurrences('date', 'Date: 12/15/2024', '2024-12-15')[0]?.format.dateOrder, 'MDY');
  assert.equal(occurrences('date', 'DATE: 15/06/2017', '2017-06-15')[0]?.format.dateOrder, 'DMY');
  assert.equal(occurrences('date', 'Date: 2024-12-15', '2024-12-15')[0]?.format.dateOrder, undefined, 'a year first tells no day-month order');
  assert.equal(occurrences('date', 'Dec 15, 2024', '2024-12-15')[0]?.format.dateOrder, undefined, 'nor does a month name');
  // a vendor printing month first: its next, ambiguous date is read month first at the learned label
  const memory = new VendorMemory(new MemoryStore());
  const header = ['ACME SUPPLY CO', '12 Main Street, Springfield'];
  await memory.consult(receipt(header, [['Invoice date:', '12/15/2024'], ['TOTAL', '40.00']]), rulesWith('2024-12-15', 40), { memory, company: 'A', truth: { vendor_name: 'Acme Supply Co', date: '2024-12-15', amount_total: 40 } });
  const next = await memory.consult(receipt(header, [['Invoice date:', '03/04/2025'], ['TOTAL', '8.00']]), rulesWith('2025-03-04', 8), { memory, company: 'A' });
  assert.equal(next.fields.date.value, '2025-03-04');
  assert.match(next.info.basis?.date ?? '', /^(agree|confirm):date:/, 'the anchor backs the rules\' month-first reading');
  assert.equal(next.info.declined?.date, undefined);
});

test('the place of the vendor\'s date is learned from a printing OCR damaged ("08.09, 17"), and backs the rules\' date there on the next receipt', async () => {
  assert.deepEqual(damagedPrintings('Datum 08.09, 17', '2017-09-08'), [6], 'a comma for a point, the year cut to two digits');
  assert.deepEqual(damagedPrintings('Datum 09/08 2017', '2017-09-08'), [6], 'month first, a separator read as a space');
  assert.deepEqual(damagedPrintings('Menge 8 9 17', '2017-09-08'), [], 'three numbers apart by spaces are an item line');
  assert.deepEqual(damagedPrintings('Summe 108.09, 17', '2017-09-08'), [], 'digits glued to it are another number');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['SATURN ELEKTRO HANDELSGES MBH', 'Kamp 30-32 Paderborn'];
  // the first receipt prints its date damaged at its label, cleanly only on the card slip's terminal line
  await memory.consult(receipt(header, [['Datum', '08.09, 17'], ['SUMME', '4,00'], ['Terminal 104 11 7806', '08.09.2017 15:21']]), rulesWith('2017-09-08', 4), {
    memory, company: 'A', truth: { vendor_name: 'Saturn Elektro Handelsges mbH', date: '2017-09-08', amount_total: 4 },
  });
  const [profile] = await memory.store.list('A');
  assert.ok(profile!.fields.date!.anchors.some((a) => a.label.join(' ') === 'datum'), 'the damaged printing\'s label is learned');
  const rules = rulesWith('2020-05-20', 8);
  const calibrated = structuredClone(rules);
  calibrated.date.confidence = 0.98;
  const next = await memory.consult(receipt(header, [['Datum:', '20 05.2020'], ['SUMME', '8,00']]), rules, { memory, company: 'A' }, undefined, calibrated);
  assert.equal(next.fields.date.value, '2020-05-20');
  assert.match(next.info.basis?.date ?? '', /^confirm:date:/);
});

// A till stamp with its month as a name and the time glued to the year (two receipts of one SROIE shop, as OCR read them).
test('a stamp printing the rules\' date with its month named and the time glued to the year ("18Mar201818:25") backs their date', async () => {
  const { rulesDatePrinted } = await import('../../src/memory/values.js');
  assert.ok(rulesDatePrinted('18Mar201818:25', '2018-03-18', 'DMY'));
  assert.ok(rulesDatePrinted('Mar 18,201818:25', '2018-03-18', 'MDY'));
  assert.ok(!rulesDatePrinted('18Apr201818:25', '2018-03-18', 'DMY'), 'another month');
  assert.ok(!rulesDatePrinted('118Mar201818:25', '2018-03-18', 'DMY'), 'another day');
  const memory = new VendorMemory(new MemoryStore());
  const header = (stamp: string) => ['UNIHAKKA INTERNATIONAL SDN BHD', stamp, '(867388-U)', '12, Jalan Tampoi 7/4,Kawasan Perindustrian'];
  await memory.consult(receipt(header('14 Mar 2018 18:40'), [['Total Amount:', '$8.20']]), rulesWith('2018-03-14', 8.2), {
    memory, company: 'A', truth: { vendor_name: 'UNIHAKKA INTERNATIONAL SDN BHD', date: '2018-03-14', amount_total: 8.2 },
  });
  const rules = rulesWith('2018-03-18', 8.6);
  const calibrated = structuredClone(rules);
  calibrated.date.confidence = 0.96;
  const next = await memory.consult(receipt(header('18Mar201818:25'), [['Total Amount:', '$8.60']]), rules, { memory, company: 'A' }, undefined, calibrated);
  assert.equal(next.fields.date.value, '2018-03-18');
  assert.match(next.info.basis?.date ?? '', /^confirm:date:/);
});

// A till stamp with a two-digit year and the time glued to it, on the operator's line (as OCR read one SROIE shop's).
test('a stamp printing the rules\' date with a two-digit year and the time glued to it ("11-04-1817:42") backs their date', async () => {
  const { rulesDatePrinted } = await import('../../src/memory/values.js');
  assert.ok(rulesDatePrinted('OPERATOR NUR 11-04-1817:42SH01', '2018-04-11', 'DMY'));
  assert.ok(rulesDatePrinted('11-04-187:42', '2018-04-11', 'DMY'), 'a one-digit hour');
  assert.ok(!rulesDatePrinted('11-04-1817:42', '2017-04-11', 'DMY'), 'another year');
  assert.ok(!rulesDatePrinted('111-04-1817:42', '2018-04-11', 'DMY'), 'another day');
  assert.ok(!rulesDatePrinted('11-04-18170', '2018-04-11', 'DMY'), 'no time glued: another number');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['MR. D.I.Y. (M) SDN BHD', '(CO.REG :860671-D)'];
  await memory.consult(receipt(header, [['Total Incl. GST@6%', 'RM 35.60'], ['OPERATOR NUR', '15-03-18 15:41 SH01']]), rulesWith('2018-03-15', 35.6), {
    memory, company: 'A', truth: { vendor_name: 'MR. D.I.Y. (M) SDN BHD', date: '2018-03-15', amount_total: 35.6 },
  });
  const rules = rulesWith('2018-04-11', 9);
  const calibrated = structuredClone(rules);
  calibrated.date.confidence = 0.96;
  const next = await memory.consult(receipt(header, [['Total Incl. GST@6%', 'RM 9.00'], ['OPERATOR NUR', '11-04-1817:42SH01']]), rules, { memory, company: 'A' }, undefined, calibrated);
  assert.equal(next.fields.date.value, '2018-04-11');
  assert.match(next.info.basis?.date ?? '', /^confirm:date:/);
});
