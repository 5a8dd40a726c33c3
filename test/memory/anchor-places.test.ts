import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../src/contract.js';
import { labelEnd, readAtAnchor, sameAnchor } from '../../src/memory/anchors.js';
import { agreement, RULES_SURE } from '../../src/memory/calibration.js';
import { collectEvidence } from '../../src/memory/evidence.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { builtReceipt as receipt } from './built-receipt.js';
import type { ReadDocument, TextLine } from '../../src/pipeline/document.js';

// Where a learned value is read again: labels OCR split or merged, receipts framed with other margins, and when
// the anchors' agreement with the rules is a confirmation.

const HEADER = ['KEDAI MAKMUR JAYA SDN BHD', 'GST ID : 000381399040', 'NO 12 JALAN BESAR'];

const rules = (total: number, confidence = 0.6): ExtractedFields => {
  const f = emptyFields();
  f.amount_total = { value: total, confidence };
  return f;
};

test('a label OCR merged or split ("Total AmtPayable" for "total amt payable") is found; a word holding it ("subtotal") is not', () => {
  assert.equal(labelEnd('Total AmtPayable:', ['total', 'amt', 'payable']), 'Total AmtPayable'.length);
  assert.equal(labelEnd('TOTAL A MT PAYABLE', ['total', 'amt', 'payable']), 'TOTAL A MT PAYABLE'.length);
  assert.equal(labelEnd('Total Amt Payab1e', ['total', 'amtpayable']), 'Total Amt Payab1e'.length, 'one slip from 10 letters (a 1 read for an l)');
  assert.equal(labelEnd('SUBTOTAL AMT', ['total', 'amt']), null, 'a label starts where a word starts');
  assert.equal(labelEnd('TOT AL', ['total']), null, 'under 6 letters a label is matched word by word only');
  const a = { label: ['total', 'amt', 'payable'], relation: 'right' as const, page: 1, top: 0.5, x: 0.8 };
  assert.ok(sameAnchor(a, { ...a, label: ['total', 'amtpayable'] }), 'one label however OCR split it is one anchor');
  const anchor = { ...a, hits: 1, misses: 0 };
  const doc = receipt(HEADER, [['Total Amt Incl. GST', '27 00'], ['Total AmtPayable:', '27.00']]);
  assert.equal(readAtAnchor(collectEvidence(doc), anchor, 'amount', { decimal: '.' })?.value, 27);
});

test('of two places printing a learned label, the one standing where the value stood between the first and last rows is read, however the photo was framed', async () => {
  const body = (total: string, taxed: string): [string, string][] => [
    ['ITEM A', '10.00'], ['SUB-TOTAL (EX)', '10.00'], ['TOTAL TAX', '0.60'], ['TOTAL', total], ['CASH', '50.00'], ['CHANGE', '39.40'],
    ['GST SUMMARY', ''], ['SR 6%', '10.00'], ['TOTAL:', taxed],
  ];
  const memory = new VendorMemory(new MemoryStore());
  // learned on a receipt photographed low on the page
  await memory.consult(receipt(HEADER, body('10.60', '0.60'), 300), rules(10.6), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 10.6 } });
  const [profile] = await memory.store.list('A');
  const anchor = profile!.fields.amount_total!.anchors.find((x) => x.label.join(' ') === 'total')!;
  assert.ok(anchor.rel !== undefined && anchor.rel > 0.4 && anchor.rel < 0.8, 'the place between the first and last rows is learned');
  // the next one framed high: by the fraction of the page, the summary's "TOTAL:" is nearer where the total stood
  const next = collectEvidence(receipt(HEADER, body('21.20', '1.20')));
  assert.equal(readAtAnchor(next, anchor, 'amount', { decimal: '.' })?.value, 21.2);
  // (anchors learned before places were kept have no rows either: those were kept later still)
  const { rel: _, rows: __, ...learnedBefore } = anchor;
  assert.equal(readAtAnchor(next, learnedBefore, 'amount', { decimal: '.' })?.value, 1.2, 'an anchor learned before places were kept reads by the fraction of the page');
  // a profile stored before places were kept learns them when its vendor's value is seen there again
  const old = structuredClone(profile!);
  for (const a of old.fields.amount_total!.anchors) delete a.rel;
  const store = new MemoryStore();
  await store.save(old);
  const again = new VendorMemory(store);
  await again.consult(receipt(HEADER, body('21.20', '1.20')), rules(21.2), { memory: again, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 21.2 } });
  const [updated] = await store.list('A');
  assert.equal(updated!.fields.amount_total!.anchors.find((x) => x.label.join(' ') === 'total')!.rel, anchor.rel);
});

test('anchors that read the rules\' own value in two cells of the page confirm it, however unsure the rules were; in one cell they only agree', () => {
  assert.equal(agreement(RULES_SURE, 1), 'confirm');
  assert.equal(agreement(0.8, 1), 'agree');
  assert.equal(agreement(0.8, 2), 'confirm');
  assert.equal(agreement(0.8, 3), 'confirm');
});

test('a learned amount filling a gap that breaks the page\'s arithmetic is declined however sure its cell; one that adds up stays', async () => {
  // fills believed well over even odds (the table's, not the shipped one's: the mechanism, whatever a fit says of fills)
  const memory = new VendorMemory(new MemoryStore(), { version: 1, fitted: {}, counts: {}, cells: { confirm: 0.99, agree: 0.8, read: 0.3, fill: 0.9, vendor: 0.99, default: 0.99 } });
  const amounts = (untaxed: number | null, tax: number | null, total: number) => {
    const f = emptyFields();
    f.amount_untaxed = { value: untaxed, confidence: untaxed === null ? 0 : 0.9 };
    f.amount_tax = { value: tax, confidence: tax === null ? 0 : 0.9 };
    f.amount_total = { value: total, confidence: 0.9 };
    return f;
  };
  const body = (u: string, t: string, g: string): [string, string][] => [['SUB-TOTAL', u], ['SERVICE TAX', t], ['TOTAL', g]];
  await memory.consult(receipt(HEADER, body('10.00', '0.60', '10.60')), amounts(10, 0.6, 10.6), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_untaxed: 10, amount_tax: 0.6, amount_total: 10.6 } });
  // OCR misread the tax where the vendor prints it (1.70 for 1.20); the rules found none
  const broken = await memory.consult(receipt(HEADER, body('20.00', '1.70', '21.20')), amounts(20, null, 21.2), { memory, company: 'A' });
  assert.equal(broken.info.matched_by, 'number');
  assert.equal(broken.fields.amount_tax.value, null, 'not offered: 20.00 + 1.70 is not 21.20');
  assert.equal(broken.info.declined?.amount_tax?.value, 1.7, 'but shown to a reviewer as declined');
  const adds = await memory.consult(receipt(HEADER, body('20.00', '1.20', '21.20')), amounts(20, null, 21.2), { memory, company: 'A' });
  assert.equal(adds.fields.amount_tax.value, 1.2, 'a reading that adds up fills the gap');
  // a credit note printed negative: the memory reads sizes, the rules the printed sign (the scan gives sizes after)
  const credit = await memory.consult(receipt(HEADER, body('-20.00', '-1.20', '-21.20')), amounts(-20, null, -21.2), { memory, company: 'A' });
  assert.equal(credit.fields.amount_tax.value, 1.2, 'a size that adds up with the printed negative amounts fills the gap');
});

test('a vendor numbering its invoices 1, 2, 3… has its one- or two-digit number read at its learned label; a vendor with longer numbers does not', () => {
  const anchor = { label: ['fattura'], relation: 'right' as const, page: 1, top: 0.25, x: 0.8, hits: 1, misses: 0 };
  const ev = collectEvidence(receipt(['REGOLO STUDIO', 'P.IVA 01335720775'], [['Fattura n°', '13'], ['del', '01/06/2023']]));
  assert.equal(readAtAnchor(ev, anchor, 'reference', { shape: '9' })?.value, '13');
  assert.equal(readAtAnchor(ev, anchor, 'reference', { shape: 'A-9' }) ?? null, null, 'a short number is no number of a vendor whose numbers look otherwise');
});

test('a currency printed before the amount ("TOTAL: | RM 57.80") is part of the value: the label learned is the cell before', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const body = (total: string, change: string): [string, string][] => [['SUBTOTAL', total], ['TOTAL :', `RM ${total}`], ['CASH', '100.00'], ['CHANGE', `RM ${change}`]];
  await memory.consult(receipt(HEADER, body('57.80', '42.20')), rules(57.8), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 57.8 } });
  const [profile] = await memory.store.list('A');
  const labels = profile!.fields.amount_total!.anchors.map((a) => `${a.relation}:${a.label.join(' ')}`);
  assert.ok(labels.includes('right:total'), labels.join(', '));
  assert.ok(!labels.some((l) => l.endsWith(':rm')), 'no anchor learned on the currency alone');
});

test('a currency in a cell of its own between label and amount ("SUMME | EUR | 16,66") is no label: the label learned is the cell before it', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const body: [string, string][] = [['BROT', '2,19'], ['MILCH', '1,09'], ['SUMME', '16,66'], ['Geg. EC', '16,66']];
  const doc = receipt(['MARKT 24 GMBH', 'UID Nr.: DE812706034'], body);
  // the currency printed between the label and the amount of the total's row and the tendered row
  for (const row of [2, 3]) doc.pages[0]!.lines.push({ text: 'EUR', confidence: 0.9, bbox: { x0: 200, y0: 200 + row * 18, x1: 221, y1: 212 + row * 18 } });
  await memory.consult(doc, rules(16.66), { memory, company: 'A', truth: { vendor_name: 'Markt 24 GmbH', amount_total: 16.66 } });
  const [profile] = await memory.store.list('A');
  const labels = profile!.fields.amount_total!.anchors.map((a) => `${a.relation}:${a.label.join(' ')}`);
  assert.ok(labels.includes('right:summe'), labels.join(', '));
  assert.ok(!labels.some((l) => l.endsWith(':eur')), 'no anchor learned on the currency alone');
});

test('a label OCR garbled beyond a slip ("Tue" for "Due"): the place where its value stood backs the rules\' sure value, and reads no other', async () => {
  const memory = new VendorMemory(new MemoryStore());
  const body = (due: string, total: string): [string, string][] => [['Qty 8', '19.20'], ['Rounding Adj', '0.00'], [due, total], ['Pay', '20.00'], ['Change', '0.80']];
  await memory.consult(receipt(HEADER, body('Due', '7.50')), rules(7.5, 0.99), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 7.5 } });
  // the receipt framed lower on the page: its fraction of the page moved, its place between first and last rows did not
  const sure = rules(19.2, 0.97);
  const next = await memory.consult(receipt(HEADER, body('Tue', '19.20'), 60), sure, { memory, company: 'A' }, undefined, sure);
  assert.match(next.info.basis?.amount_total ?? '', /^confirm:amount:a1:/, 'one reading at the place: a confirmation of the sure rules');
  // the rules unsure: the place alone is no agreement
  const unsure = rules(19.2, 0.8);
  const held = await memory.consult(receipt(HEADER, body('Tue', '19.20'), 60), unsure, { memory, company: 'A' }, undefined, unsure);
  assert.equal(held.info.basis?.amount_total, undefined);
  // the place printing another value than the rules': nothing read there
  const other = rules(20, 0.97);
  const none = await memory.consult(receipt(HEADER, body('Tue', '19.20'), 60), other, { memory, company: 'A' }, undefined, other);
  assert.equal(none.info.basis?.amount_total, undefined);
  assert.equal(none.info.declined?.amount_total, undefined);
});

test("a value in a row of several after its label (a tax summary's \"Summe | tax | net | gross\") is read in its learned column, however the receipt was framed", async () => {
  // one row of cells at x (points of a 400-wide page), under the vendor's header
  const summary = (cells: [string, number][]): ReadDocument => {
    const lines: TextLine[] = HEADER.map((text, i) => ({ text, confidence: 0.9, bbox: { x0: 40, y0: 20 + i * 16, x1: 40 + text.length * 7, y1: 32 + i * 16 } }));
    lines.push({ text: 'ARTIKEL 1', confidence: 0.9, bbox: { x0: 40, y0: 200, x1: 100, y1: 212 } });
    for (const [text, x] of cells) lines.push({ text, confidence: 0.9, bbox: { x0: x, y0: 300, x1: x + text.length * 6, y1: 312 } });
    const text = lines.map((l) => l.text).join('\n');
    return { kind: 'jpeg', sha256: 's'.repeat(64), bytes: 1, pages: [{ page: 1, source: 'ocr', width: 400, height: 800, rotation: 0, confidence: 0.9, text, lines }], pageCount: 1, text, xml: [], timings: {} };
  };
  const memory = new VendorMemory(new MemoryStore());
  const f = rules(15.69);
  await memory.consult(summary([['Summe', 20], ['1,61', 100], ['14,08', 200], ['15,69', 320]]), f, {
    memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', amount_total: 15.69, amount_untaxed: 14.08, amount_tax: 1.61 },
  });
  const [profile] = await memory.store.list('A');
  const anchor = profile!.fields.amount_untaxed!.anchors.find((x) => x.label.join(' ') === 'summe')!;
  const format = { decimal: ',' as const };
  // the next receipt photographed smaller, to the right of the page: the columns keep their order and proportions
  const next = collectEvidence(summary([['Summe', 240], ['2,84', 275], ['20,67', 315], ['23,51', 363]]));
  assert.equal(readAtAnchor(next, anchor, 'amount', format)?.value, 20.67, 'the net column, not the first value after the label');
  // OCR lost the net amount: the tax and the gross stand elsewhere, so the column reads nothing
  const lost = collectEvidence(summary([['Summe', 20], ['1,70', 100], [';', 200], ['17,06', 320]]));
  assert.equal(readAtAnchor(lost, anchor, 'amount', format) ?? null, null);
});

// A shop's receipts (SROIE, one chain's till, as OCR read them): the date stands right of the time on the header's 8th
// row whatever the number of items below, which moves it between 0.22 and 0.51 of the way down.
test('a label OCR garbled ("09:2BPK" for "PM"): the place on the same row counted from the top backs the rules\' sure date, however many items the receipt has', async () => {
  const { rowsAround } = await import('../../src/memory/anchors.js');
  const header = ['99 SPEED MART S/B (519537-X)', 'LOT P.T. 2811, JALAN ANGSA,', 'TAMAN BERKELEY', '41150 KLANG, SELANGOR', '1313-SUBANG BESTARI', 'GST ID. NO : 000181747712', 'INVOICE NO : 18023/103/T0052'];
  const items = (n: number): [string, string][] => Array.from({ length: n }, (_, i) => [`${2832 + i} AH HUAT WHI. COFFEE GO`, 'RM12.65 S']);
  const doc = (time: string, date: string, n: number) => receipt(header, [[time, date], ...items(n), ['Total Sales (Inclusive GST) RM', '42.35'], ['CASH RM', '50.00'], ['CHANGE RM', '7.65']]);
  const memory = new VendorMemory(new MemoryStore());
  const dated = (iso: string, conf: number): ExtractedFields => {
    const f = rules(42.35, 0.99);
    f.date = { value: iso, confidence: conf };
    return f;
  };
  await memory.consult(doc('10:43AM 568582', '24-01-18', 2), dated('2018-01-24', 0.99), { memory, company: 'A', truth: { vendor_name: '99 SPEED MART S/B', date: '2018-01-24', amount_total: 42.35 } });
  const next = doc('09:2BPK 560811', '04-06-16', 14);
  assert.deepEqual(rowsAround(collectEvidence(next), 7), [7, 17], 'the date\'s row, 8th from the top');
  const sure = dated('2016-06-04', 0.96);
  const backed = await memory.consult(next, sure, { memory, company: 'A' }, undefined, sure);
  assert.match(backed.info.basis?.date ?? '', /^confirm:date:a1:/);
});

// A till printing its date alone in the footer (no label beside or above it), as OCR read one chain's receipts on
// tune: the item table between header and footer grows with the purchase and moves the footer down the page.
test('a label-less value follows its row counted from the page\'s last when a longer item table moves it down the page', async () => {
  const memory = new VendorMemory(new MemoryStore());
  await memory.consult(footerDated(3, '14/03/2018'), footerRules('2018-03-14'), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', date: '2018-03-14', amount_total: 3 } });
  const [profile] = await memory.store.list('A');
  const anchor = profile!.fields.date!.anchors[0]!;
  assert.equal(anchor.relation, 'none');
  // twelve items more: the footer 0.27 of the page lower, on the same row counted from the last
  const later = footerDated(15, '02/05/2018');
  assert.equal(readAtAnchor(collectEvidence(later), anchor, 'date', { dateOrder: 'DMY' })?.value, '2018-05-02');
  const filled = await memory.consult(later, footerRules(null), { memory, company: 'A' });
  assert.equal(filled.fields.date.value, '2018-05-02');
});

test('a footer place follows its row: of rows keeping a learned count, the one standing where the footer stood between the first and last rows wins, not an item row keeping its count from the first', async () => {
  const memory = new VendorMemory(new MemoryStore());
  await memory.consult(footerDated(3, '14/03/2018'), footerRules('2018-03-14'), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', date: '2018-03-14', amount_total: 3 } });
  const [profile] = await memory.store.list('A');
  const anchor = profile!.fields.date!.anchors[0]!;
  assert.deepEqual(anchor.rows, [7, 1], 'learned 8th from the top, 2nd from the bottom');
  // fifteen items, each printing a line date in the date's column: the 6th item's row is 8th from the top
  const later = footerDated(15, '02/05/2018', true);
  assert.equal(readAtAnchor(collectEvidence(later), anchor, 'date', { dateOrder: 'DMY' })?.value, '2018-05-02');
  const filled = await memory.consult(later, footerRules(null), { memory, company: 'A' });
  assert.equal(filled.fields.date.value, '2018-05-02');
});

// A till printing its date alone in the footer (no label beside or above it); `itemDates`: each item line prints a
// date in the footer date's column
function footerDated(items: number, date: string, itemDates = false): ReadDocument {
  const header = ['KEDAI MAKMUR JAYA SDN BHD', 'GST ID : 000381399040'];
  const lines: TextLine[] = header.map((text, i) => ({ text, confidence: 0.9, bbox: { x0: 40, y0: 20 + i * 16, x1: 40 + text.length * 7, y1: 32 + i * 16 } }));
  const row = (text: string, x: number, y: number) => lines.push({ text, confidence: 0.9, bbox: { x0: x, y0: y, x1: x + text.length * 7, y1: y + 12 } });
  let y = 120;
  for (let i = 0; i < items; i++, y += 18) {
    row(`ITEM ${i + 1}`, 40, y);
    if (itemDates) row(`${String(i + 1).padStart(2, '0')}/04/2018 1.00`, 250, y);
    else row('1.00', 300, y);
  }
  row('TOTAL', 40, y);
  row(`${items}.00`, 300, y);
  row('THANK YOU', 40, y + 18);
  row(date, 250, y + 36); // the date alone, nothing above it: learned at its place, no label
  row('PLEASE COME AGAIN', 40, y + 54);
  const text = lines.map((l) => l.text).join('\n');
  return { kind: 'jpeg', sha256: 'f'.repeat(64), bytes: 1, pages: [{ page: 1, source: 'ocr', width: 400, height: 800, rotation: 0, confidence: 0.9, text, lines }], pageCount: 1, text, xml: [], timings: {} };
}

function footerRules(iso: string | null): ExtractedFields {
  const f = rules(3, 0.99);
  f.date = { value: iso, confidence: iso ? 0.99 : 0 };
  return f;
}
