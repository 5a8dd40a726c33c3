import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import { readAtAnchor } from '../../src/memory/anchors.js';
import { collectEvidence } from '../../src/memory/evidence.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import type { ReadDocument, TextLine } from '../../src/pipeline/document.js';
import { rulesAmountLostDigit, rulesAmountPrinted } from '../../src/memory/values.js';
import { builtReceipt as receipt } from './built-receipt.js';

// What the memory does when OCR misread a vendor's document: labels whose first words were the document's own,
// names typed with slips, currencies scored high raw and low calibrated, names OCR spaced differently, amounts
// that lost their separator. Built receipts (one page, lines at places): the decisions are tested without OCR.

const rules = (values: Partial<Record<'amount_total' | 'date', number | string>>, confidence = 0.6): ExtractedFields => {
  const f = emptyFields();
  for (const [name, value] of Object.entries(values)) (f as unknown as Record<string, unknown>)[name] = { value, confidence };
  return f;
};

const HEADER = ['KEDAI MAKMUR JAYA SDN BHD', 'GST ID : 000381399040'];

test('a label learned with the document\'s own words before it ("No: KSBB00S Date:") is found again by its last words', () => {
  const doc = receipt(HEADER, [['No: QX17Z Date:', '17/01/2018']]);
  const anchor = { label: ['no', 'ksbboos', 'date'], relation: 'right' as const, page: 1, top: 0.25, x: 0.8, hits: 1, misses: 0 };
  assert.equal(readAtAnchor(collectEvidence(doc), anchor, 'date', { dateOrder: 'DMY' })?.value, '2018-01-17');
  const short = { ...anchor, label: ['cs', 'gst'] };
  assert.equal(readAtAnchor(collectEvidence(receipt(HEADER, [['Item', '1.00'], ['Item', '2.00'], ['Item', '3.00'], ['GST', '17/01/2018']])), short, 'date', {}), null, 'a tail of under 4 letters stands for nothing away from where the value stood');
});

test('a date stamp damaged where the vendor prints its date is read as the rules read such a stamp, or backs the rules\' date when it prints its digits', () => {
  const anchor = { label: ['date'], relation: 'right' as const, page: 1, top: 0.25, x: 0.8, hits: 2, misses: 0 };
  const at = (printed: string, rulesDate?: string) => readAtAnchor(collectEvidence(receipt(HEADER, [['Date:', printed]])), anchor, 'date', { dateOrder: 'DMY' }, rulesDate)?.value ?? null;
  assert.equal(at('15/Ap/2017 04:56:46'), '2017-04-15', 'a month name cut short, a time after it: the rules\' stamp repair');
  assert.equal(at('13707/2017'), '2017-07-13', 'a separator read as a digit: the one split that makes a date in the vendor\'s order');
  assert.equal(at('1307/2017'), null, 'two splits make dates (13/07, 1/07): none read');
  assert.equal(at('13707/2017', '2017-07-13'), '2017-07-13', 'but it prints the day, month and year of the rules\' date');
  assert.equal(at('29/12/201711:41', '2017-12-29'), '2017-12-29', 'the time glued to the year');
  assert.equal(at('13707/2017', '2017-07-14'), '2017-07-13', 'another date is not backed: the stamp reads its own (a learned reading against the rules\')');
  assert.equal(at('1 10/04/201', '2017-04-10'), '2017-04-10', 'a year cut to three digits at the cell\'s end backs the rules\' date of that day and month');
  assert.equal(at('1 10/04/201', '2017-04-11'), null, 'nor another day');
  assert.equal(at('1 10/04/201'), null, 'a cut year is read as no date of its own');
  assert.equal(at('10/04/201 12:30', '2017-04-10'), null, 'cut only at the cell\'s end: digits after it are another number');
});

test('a posting whose vendor name has a slip ("(KI )" for "(KL)") learns into the profile its document matched', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const body: [string, string][] = [['Total Payable', '20.00']];
  await memory.consult(receipt(HEADER, body), rules({ amount_total: 20 }), { memory, company: 'A', truth: { vendor_name: 'GARDENIA BAKERIES (KI ) SDN BHD', amount_total: 20 } });
  const next = await memory.consult(receipt(HEADER, body), rules({ amount_total: 20 }), { memory, company: 'A', truth: { vendor_name: 'GARDENIA BAKERIES (KL) SDN BHD', amount_total: 20 } });
  assert.equal(next.info.matched_by, 'number');
  const profiles = await memory.store.list('A');
  assert.equal(profiles.length, 1, 'one vendor, one profile');
  assert.equal(profiles[0]!.documents, 2);
  assert.equal(profiles[0]!.fields.amount_total?.anchors[0]?.hits, 2, 'the anchor confirmed on the second document');
  // another vendor's name on a document that matched stays a profile of its own
  await memory.consult(receipt(HEADER, body), rules({ amount_total: 20 }), { memory, company: 'A', truth: { vendor_name: 'TOKO LAIN ENTERPRISE', amount_total: 20 } });
  assert.equal((await memory.store.list('A')).length, 2);
});

test('a vendor\'s usual currency overrules one the rules scored high raw but calibrated low ("$" seen on a ringgit receipt)', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const body: [string, string][] = [['Total', '20.00']];
  await memory.consult(receipt(HEADER, body), rules({ amount_total: 20 }), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', currency: 'MYR', amount_total: 20 } });
  const read = rules({ amount_total: 20 });
  read.currency = { value: 'USD', confidence: 0.95 };
  const calibrated = structuredClone(read);
  calibrated.currency.confidence = 0.29;
  const used = await memory.consult(receipt(HEADER, body), read, { memory, company: 'A' }, undefined, calibrated);
  assert.equal(used.fields.currency.value, 'MYR');
  assert.equal(used.info.basis?.currency, 'default:currency:1');
  // a currency the rules are sure of after calibration stays
  calibrated.currency.confidence = 0.9;
  const sure = await memory.consult(receipt(HEADER, body), structuredClone(read), { memory, company: 'A' }, undefined, calibrated);
  assert.equal(sure.fields.currency.value, 'USD');
});

test('a vendor whose name has one short distinctive word is named by the whole name printed in the letterhead, never by the word alone', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const body: [string, string][] = [['Total', '20.00']];
  // the first receipt's letterhead was read badly: nothing of it is kept that the next one prints
  await memory.consult(receipt(['A3ON C0 (N) 8HD (17B', 'SUM JEJARA TANAN'], body), rules({ amount_total: 20 }), { memory, company: 'A', truth: { vendor_name: 'AEON CO. (M) BHD', amount_total: 20 } });
  const whole = await memory.consult(receipt(['AEON CO. (M) BHD (126926-H)', 'GRD FLR, TAMAN MALURI', 'CHERAS KUALA LUMPUR'], body), rules({ amount_total: 20 }), { memory, company: 'A' });
  assert.equal(whole.info.matched_by, 'name');
  assert.equal(whole.fields.vendor_name.value, 'AEON CO. (M) BHD');
  const word = await memory.consult(receipt(['KEDAI RUNCIT MAJU', 'LOT 2, AEON MALL', 'CHERAS KUALA LUMPUR'], body), rules({ amount_total: 20 }), { memory, company: 'A' });
  assert.equal(word.info.matched_by, null, '"AEON" alone is a mall a shop stands in');
});

test('where a vendor printed its amounts with a decimal separator, a reading that lost it ("1200" for 12.00) is no reading', () => {
  const anchor = { label: ['total', 'amt', 'payable'], relation: 'right' as const, page: 1, top: 0.25, x: 0.8, hits: 2, misses: 0 };
  const ev = collectEvidence(receipt(HEADER, [['Total Amt Payable', '1200']]));
  assert.equal(readAtAnchor(ev, anchor, 'amount', { decimal: '.' }), null);
  assert.equal(readAtAnchor(collectEvidence(receipt(HEADER, [['Total Amt Payable', '12.00']])), anchor, 'amount', { decimal: '.' })?.value, 12);
  assert.equal(readAtAnchor(ev, anchor, 'amount', {})?.value, 1200, 'a vendor never seen with a separator keeps whole amounts');
});

test('a value learned in the cell right of its label is read in the label\'s own cell when OCR kept no gap', () => {
  const lines: TextLine[] = [{ text: 'Net Total 12.30', confidence: 0.9, bbox: { x0: 40, y0: 200, x1: 360, y1: 212 } }];
  const doc: ReadDocument = { kind: 'jpeg', sha256: 'r'.repeat(64), bytes: 1, pages: [{ page: 1, source: 'ocr', width: 400, height: 800, rotation: 0, confidence: 0.9, text: lines[0]!.text, lines }], pageCount: 1, text: lines[0]!.text, xml: [], timings: {} };
  const anchor = { label: ['net', 'total'], relation: 'right' as const, page: 1, top: 0.25, x: 0.8, hits: 1, misses: 0 };
  assert.equal(readAtAnchor(collectEvidence(doc), anchor, 'amount', { decimal: '.' })?.value, 12.3);
});

test('the rules\' amount printed where the vendor prints its total with the separator lost ("1200" for 12.00) backs the rules: a confirmation', async () => {
  assert.equal(rulesAmountPrinted('1200 =', 12), true);
  assert.equal(rulesAmountPrinted('7950', 79.5), true);
  assert.equal(rulesAmountPrinted('11200', 12), false, 'another number');
  assert.equal(rulesAmountPrinted('12.00', 12), false, 'printed whole: read as it is');
  assert.equal(rulesAmountPrinted('50', 0.5), false, 'too short to tell');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['LIAN HING STATIONERY SDN BHD', 'GSTID : 002139201536'];
  await memory.consult(receipt(header, [['Paid Amount', '100.00'], ['Total Amt Payable :', '79.50']]), rules({ amount_total: 79.5 }, 0.99), { memory, company: 'A', truth: { vendor_name: 'Lian Hing Stationery Sdn Bhd', amount_total: 79.5 } });
  const sure = rules({ amount_total: 12 }, 0.97);
  const next = await memory.consult(receipt(header, [['Paid Amount', '20.00'], ['Total Amt Payable :', '1200 =']]), sure, { memory, company: 'A' }, undefined, sure);
  assert.match(next.info.basis?.amount_total ?? '', /^confirm:amount:/);
  assert.equal(next.fields.amount_total.value, 12);
  // the rules' amount another: "1200" backs nothing and reads nothing (the vendor prints its separator)
  const other = rules({ amount_total: 20 }, 0.97);
  const none = await memory.consult(receipt(header, [['Paid Amount', '20.00'], ['Total Amt Payable :', '1200 =']]), other, { memory, company: 'A' }, undefined, other);
  assert.equal(none.info.basis?.amount_total, undefined);
  assert.equal(none.info.declined?.amount_total, undefined);
});

test('the rules\' amount printed where the vendor prints its total with a digit lost to a gap ("10. 0" for 10.60) backs the rules as a damaged printing, never a confirmation nor a reading of its own', async () => {
  assert.equal(rulesAmountLostDigit('RM 10. 0', 10.6, '.'), true);
  assert.equal(rulesAmountLostDigit('10, 0', 10.6, ','), true, 'in the vendor\'s separator');
  assert.equal(rulesAmountLostDigit('10. 0', 10.6, ','), false, 'another separator than the vendor\'s');
  assert.equal(rulesAmountLostDigit('110. 0', 10.6, '.'), false, 'a digit glued before it: another number');
  assert.equal(rulesAmountLostDigit('10. 05', 10.6, '.'), false, 'a digit glued after it');
  assert.equal(rulesAmountLostDigit('10.50', 10.6, '.'), false, 'a digit read as another is no gap');
  assert.equal(rulesAmountLostDigit(' . 0', 0.6, '.'), false, 'under 1.00: too short to tell');
  assert.equal(rulesAmountLostDigit('10.6 SR', 10.65, '.'), false, 'a last digit "lost" is only the space before the next word');
  assert.equal(rulesAmountLostDigit('5.0 x 2', 5.05, '.'), false, 'a quantity line: no digit after the gap');
  const memory = new VendorMemory(new MemoryStore());
  const header = ['LIAN HING STATIONERY SDN BHD', 'GSTID : 002139201536'];
  await memory.consult(receipt(header, [['Cash', '100.00'], ['Total Incl. GST', '79.50']]), rules({ amount_total: 79.5 }, 0.99), { memory, company: 'A', truth: { vendor_name: 'Lian Hing Stationery Sdn Bhd', amount_total: 79.5 } });
  const sure = rules({ amount_total: 10.6 }, 0.96);
  const next = await memory.consult(receipt(header, [['Cash', '20.00'], ['Total Incl. GST', 'RM 10. 0']]), sure, { memory, company: 'A' }, undefined, sure);
  assert.match(next.info.basis?.amount_total ?? '', /^damaged:amount:/, 'ten amounts fit a gap: not the clean samples\' cell');
  assert.equal(next.fields.amount_total.value, 10.6);
  // a one-decimal printing of the learned total is another amount, not the rules' with its last digit lost
  const rules65 = rules({ amount_total: 10.65 }, 0.96);
  const oneDecimal = await memory.consult(receipt(header, [['Cash', '20.00'], ['Total Incl. GST', '10.6 SR']]), rules65, { memory, company: 'A' }, undefined, rules65);
  assert.doesNotMatch(oneDecimal.info.basis?.amount_total ?? '', /^(confirm|agree|damaged):/);
  // the rules without a total: the gap reads nothing (it says nothing of the digit lost)
  const none = rules({});
  const nothing = await memory.consult(receipt(header, [['Cash', '20.00'], ['Total Incl. GST', 'RM 10. 0']]), none, { memory, company: 'A' }, undefined, none);
  assert.equal(nothing.fields.amount_total.value, null);
  assert.equal(nothing.info.basis?.amount_total, undefined);
});

/** A till slip whose footer line of several numbers holds its slip number, and the rules' fields without a number. */
const footer = (values: string) => receipt([...HEADER, 'Datum Uhrzeit Filiale Pos Bed Bon', values], [['SUMME EUR', '20.00']]);
const noNumber = () => {
  const f = rules({ amount_total: 20 });
  f.invoice_number = { value: null, confidence: 0 };
  return f;
};

test('a slip number under a till footer\'s column names, each line read as one cell, is read in its column: the same word of the line, counted from the nearer end, in the vendor\'s shape', async () => {
  const memory = new VendorMemory(new MemoryStore());
  // learned where OCR split the date in two words: the slip number is still the line's last word
  await memory.consult(footer('03.04, 20 09:53 0000545 005 028 7347'), noNumber(), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 20, invoice_number: '7347' } });
  const next = await memory.consult(footer('28.02.20 09:58 0000545 004 021 8130'), noNumber(), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, '8130', 'the last word, not the first number of the line');
  const misread = await memory.consult(footer('18.05.20 09:50 0000545 005 004 424C'), noNumber(), { memory, company: 'A' });
  assert.equal(misread.fields.invoice_number.value, null, 'a digit read as a letter is not the vendor\'s number shape: no reading');
});

test('a slip number learned as one word of its line is not read from a word OCR split or glued to its neighbour', async () => {
  const memory = new VendorMemory(new MemoryStore());
  await memory.consult(footer('03.04.20 09:53 0000545 005 028 7347'), noNumber(), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 20, invoice_number: '7347' } });
  const split = await memory.consult(footer('28.02.20 09:58 0000545 004 021 81 30'), noNumber(), { memory, company: 'A' });
  assert.equal(split.fields.invoice_number.value, null, 'the last word "30" is half the number');
  const glued = await memory.consult(footer('28.02.20 09:58 0000545 004 0218130'), noNumber(), { memory, company: 'A' });
  assert.equal(glued.fields.invoice_number.value, null, 'the last word "0218130" is the number glued to the clerk\'s');
});

test('a reference of several words under its label is read whole, not as one word of its cell', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const doc = (ref: string) => receipt([...HEADER, 'Documento', ref], [['SUMME EUR', '20.00']]);
  await memory.consult(doc('FS 0489/047766'), noNumber(), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 20, invoice_number: 'FS 0489/047766' } });
  const next = await memory.consult(doc('FS 0490/047767'), noNumber(), { memory, company: 'A' });
  assert.equal(next.fields.invoice_number.value, 'FS 0490/047767');
});
