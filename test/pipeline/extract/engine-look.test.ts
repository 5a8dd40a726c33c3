// A receipt's total read in the other OCR engine's reading of the page (extract/engine-look.ts, `auto` only). The
// page reader here stands in for the other engine: under test, when its total is taken, agrees, or only differs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import type { AmountsReading } from '../../../src/pipeline/extract/engine-look.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { docFromLines } from './helpers.js';

const RECEIPT = [
  'KEDAI MAJU SDN BHD',
  'NO. 12, JALAN BESAR',
  'Date: 25/01/2018 1:22:56PM',
  'NASI LEMAK          51.42',
  'SUBTOTAL          51.42',
  'GST 6%          3.08',
  'TOTAL          54.50',
  'CASH          60.00',
  'CHANGE          5.50',
];

function receipt(lines: string[], engine: 'tesseract' | 'paddle' = 'tesseract'): ReadDocument {
  const doc = docFromLines(lines, { width: 400, height: 900, confidence: 0.9 });
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  doc.pages[0].ocrEngine = engine;
  return doc;
}

/** The document with the other engine's reading of its page, and the pages asked for. */
function withOther(doc: ReadDocument, otherLines: string[]): { doc: ReadDocument; asked: number[] } {
  const other = receipt(otherLines, doc.pages[0].ocrEngine === 'paddle' ? 'tesseract' : 'paddle').pages[0];
  const asked: number[] = [];
  doc.readOtherEngine = async (page) => {
    asked.push(page);
    return other;
  };
  return { doc, asked };
}

const evidenceOf = (doc: ReadDocument, r: Awaited<ReturnType<typeof extractFields>>) =>
  collectEvidence({ fields: r.fields, lines: [], text: doc.text, ocrLines: [], engineLook: r.engineLook, ranking: r.explain.fields }).amount_total ?? [];

test('a total the first reading lost is taken from the other engine\'s reading', async () => {
  // Tesseract lost the total's and the payment lines' digits
  const first = RECEIPT.map((l) => (/^(TOTAL|CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'S4.S0') : l)).filter((l) => !/^(SUBTOTAL|GST|NASI)/.test(l));
  const { doc, asked } = withOther(receipt(first), RECEIPT);
  const r = await extractFields(doc);
  assert.deepEqual(asked, [1]);
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.engineLook, 'changed');
  assert.ok(evidenceOf(doc, r).includes('engines-changed'));
});

test('the same total in both readings is kept, and both engines agreeing is evidence', async () => {
  const { doc } = withOther(receipt(RECEIPT), RECEIPT);
  const r = await extractFields(doc, { engineLook: 'always' }); // when-needed would not read a total this well backed again
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.engineLook, 'agreed');
  assert.ok(evidenceOf(doc, r).includes('engines-agree'));
  assert.ok(!evidenceOf(doc, r).includes('engines-agree-unlabelled'));
});

test('both readings taking the same unlabelled amount for the total: the agreement vouches for the digits only', async () => {
  // no total label on either reading: both take what was paid (card) for the total, so agreeing is no sign of its role
  const slip = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          51.42', 'SUBTOTAL          51.42', 'VISA          54.50'];
  const { doc } = withOther(receipt(slip), slip);
  const r = await extractFields(doc, { engineLook: 'always' }); // paid matches the total: when-needed would not look
  assert.equal(r.engineLook, 'agreed');
  const e = evidenceOf(doc, r);
  assert.ok(!e.includes('labelled') && e.includes('engines-agree-unlabelled') && !e.includes('engines-agree'), `${r.fields.amount_total.value}: ${e.join(',')}`);
});

test('another total that its page backs less than the first reading backs its own is not taken', async () => {
  // the other reading misread the total line's digits; the first's total is labelled and paid (cash − change)
  const { doc } = withOther(receipt(RECEIPT), [...RECEIPT.slice(0, 3), 'TOTAL          84.50']);
  const r = await extractFields(doc, { engineLook: 'always' });
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.engineLook, 'differs');
  assert.ok(evidenceOf(doc, r).includes('engines-differ'));
});

test('another total that its page backs better (labelled, paid) replaces an unlabelled first total', async () => {
  // the first reading lost the total's label and read a wrong largest amount; the other reads label and payment
  const first = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          8.00', 'T0T4L          8.00'];
  const other = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          16.00', 'TOTAL          16.00', 'CASH          20.00', 'CHANGE          4.00'];
  const { doc } = withOther(receipt(first), other);
  const r = await extractFields(doc);
  assert.equal(r.fields.amount_total.value, 16);
  assert.equal(r.engineLook, 'changed');
  assert.equal(r.explain.evidence.paid_matches_total, true, 'the payment verdict is the taken reading\'s');
});

test('ENGINE_LOOK=off: the other engine is not asked, even for a total the first reading lost', async () => {
  const first = RECEIPT.map((l) => (/^(TOTAL|CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'S4.S0') : l)).filter((l) => !/^(SUBTOTAL|GST|NASI)/.test(l));
  const { doc, asked } = withOther(receipt(first), RECEIPT);
  const r = await extractFields(doc, { engineLook: 'off' });
  assert.deepEqual(asked, []);
  assert.equal(r.engineLook, null);
  assert.notEqual(r.fields.amount_total.value, 54.5);
});

test('ENGINE_LOOK=when-needed: a total its page backs (labelled, paid, adding up) is not read again', async () => {
  const { doc, asked } = withOther(receipt(RECEIPT, 'paddle'), [...RECEIPT.slice(0, 3), 'TOTAL          84.50']);
  const r = await extractFields(doc, { engineLook: 'when-needed' });
  assert.deepEqual(asked, [], 'the other engine is not asked');
  assert.equal(r.engineLook, null);
  assert.equal(r.fields.amount_total.value, 54.5);
});

test('ENGINE_LOOK=when-needed: a total the first reading lost, or one its page does not back, is read again', async () => {
  const lost = RECEIPT.map((l) => (/^(TOTAL|CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'S4.S0') : l)).filter((l) => !/^(SUBTOTAL|GST|NASI)/.test(l));
  const none = withOther(receipt(lost), RECEIPT);
  const r = await extractFields(none.doc, { engineLook: 'when-needed' });
  assert.deepEqual(none.asked, [1]);
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.engineLook, 'changed');
  // an unlabelled largest amount, nothing adding up to it: the better backed other total replaces it
  const first = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          8.00', 'T0T4L          8.00'];
  const other = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          16.00', 'TOTAL          16.00', 'CASH          20.00', 'CHANGE          4.00'];
  const weak = withOther(receipt(first), other);
  const w = await extractFields(weak.doc, { engineLook: 'when-needed' });
  assert.deepEqual(weak.asked, [1]);
  assert.equal(w.fields.amount_total.value, 16);
  assert.equal(w.engineLook, 'changed');
});

test('needsEngineLook: no total, or a backing under ENGINE_LOOK.neededBelow', async () => {
  const { needsEngineLook } = await import('../../../src/pipeline/extract/engine-look.js');
  const base = (await extractFields(receipt(RECEIPT))).fields;
  const reading = (value: number | null, evidence: { adds_up: boolean | null; paid_matches_total: boolean | null; lines_sum: 'total' | null }, labelled: boolean) => ({
    fields: { ...base, amount_total: { ...base.amount_total, value } },
    evidence: { ...evidence, payable_after_prepaid: false },
    total: { winner: labelled ? { value: value ?? 0, score: 1, why: ['label:total'] } : null, runner_up: null },
  });
  const nothing = { adds_up: null, paid_matches_total: null, lines_sum: null };
  assert.equal(needsEngineLook(reading(null, { adds_up: true, paid_matches_total: true, lines_sum: 'total' }, true)), true, 'no total');
  assert.equal(needsEngineLook(reading(54.5, nothing, false)), true, 'nothing backs it');
  assert.equal(needsEngineLook(reading(54.5, nothing, true)), true, 'a label alone (a misread amount beside TOTAL)');
  assert.equal(needsEngineLook(reading(54.5, { adds_up: false, paid_matches_total: true, lines_sum: null }, false)), true, 'paid, but untaxed + tax disagree, no label');
  assert.equal(needsEngineLook(reading(54.5, { adds_up: true, paid_matches_total: null, lines_sum: null }, false)), false, 'untaxed + tax add up to it');
  assert.equal(needsEngineLook(reading(54.5, { adds_up: true, paid_matches_total: true, lines_sum: null }, true)), false, 'labelled, adds up and paid');
  const undated = reading(54.5, { adds_up: true, paid_matches_total: true, lines_sum: null }, true);
  assert.equal(needsEngineLook({ ...undated, fields: { ...undated.fields, date: { ...undated.fields.date, value: null } } }), true, 'a well-backed total but no date: the other reading may have it');
  // a well-backed total, but the shop's "Sdn Bhd" read misspelt or cut: the header line was misread
  const named = (value: string) => needsEngineLook({ ...undated, fields: { ...undated.fields, vendor_name: { ...undated.fields.vendor_name, value } } });
  for (const misread of ['AMANO MAL AYSIA SON BHD', 'LIGHTROOM GALER SDN', 'AIK HUAT HARDWARE SDN B D', 'KEDAI MAJU SDN BND']) assert.equal(named(misread), true, misread);
  // (only the letters OCR confuses in the form: a word before a public company's BHD, 'SUN BHD', is no misread form)
  for (const whole of ['MR. D.I.Y. (M) SDN BHD', 'SYARIKAT PERNIAGAAN GIN KEE SDN. BHD.', 'AEON CO. (M) BHD', 'KEDAI MAJU', 'KEDAI SUN BHD', 'KEDAI MAJU SDN-BHD', 'KEDAI MAJU SDN (M) BHD']) assert.equal(named(whole), false, whole);
});

test('no other reading (another engine setting), a text layer or an invoice: no look', async () => {
  const plain = await extractFields(receipt(RECEIPT));
  assert.equal(plain.engineLook, null);
  const text = withOther(receipt(RECEIPT), RECEIPT);
  text.doc.pages[0].source = 'pdf-text';
  text.doc.kind = 'pdf';
  assert.equal((await extractFields(text.doc)).engineLook, null);
  assert.deepEqual(text.asked, []);
  const invoice = ['ACME TRADING LTD', 'INVOICE', 'Invoice number: 2018-0042', 'Invoice date: 25/01/2018', 'Bill to: Kedai Maju Sdn Bhd', 'Due date: 24/02/2018', 'Subtotal          51.42', 'VAT 6%          3.08', 'Total due          54.50'];
  const bill = withOther(receipt(invoice), RECEIPT);
  const r = await extractFields(bill.doc);
  assert.equal(r.fields.doc_type.value, 'invoice');
  assert.equal(r.engineLook, null);
  assert.deepEqual(bill.asked, []);
});

test("a total taken from the other reading has that reading's evidence, not the first's", async () => {
  const { assessConfidence } = await import('../../../src/pipeline/confidence/index.js');
  // the first reading lost the total's digits: the taken total is nowhere in its text
  const first = RECEIPT.map((l) => (/^(TOTAL|CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'S4.S0') : l)).filter((l) => !/^(SUBTOTAL|GST|NASI)/.test(l));
  const { doc } = withOther(receipt(first), RECEIPT);
  const r = await extractFields(doc);
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.ok(r.amountsReading, 'the reading the amounts came from');
  const assess = (amountsReading: typeof r.amountsReading | null) => assessConfidence({
    fields: structuredClone(r.fields), lines: r.lines, source: 'ocr', doc, engineLook: r.engineLook, amountsReading, amounts: r.explain.evidence, ranking: r.explain.fields,
  }).fields.amount_total.evidence ?? [];
  const there = assess(r.amountsReading);
  assert.ok(there.includes('labelled') && there.includes('paid-ok') && there.includes('engines-changed'), there.join(','));
  assert.ok(!there.includes('not-printed'));
  assert.ok(assess(null).includes('not-printed'), "on the first reading's text the total is not printed");
});

test('the other engine failing leaves the first reading as it was', async () => {
  const doc = receipt(RECEIPT);
  doc.readOtherEngine = async () => {
    throw new Error('OCR of a page timed out');
  };
  const r = await extractFields(doc);
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.engineLook, null);
});

test("a Paddle reading's total is replaced by Tesseract's only when Paddle found none", async () => {
  const first = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          8.00', 'T0T4L          8.00'];
  const other = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', 'NASI LEMAK          16.00', 'TOTAL          16.00', 'CASH          20.00', 'CHANGE          4.00'];
  const better = await extractFields(withOther(receipt(first, 'paddle'), other).doc);
  assert.equal(better.fields.amount_total.value, 8, "Tesseract's better backed total is evidence only");
  assert.equal(better.engineLook, 'differs');
  const none = await extractFields(withOther(receipt(first.slice(0, 2), 'paddle'), other).doc);
  assert.equal(none.fields.amount_total.value, 16);
  assert.equal(none.engineLook, 'changed');
});

test('the rules failing on the other reading leave the first reading as it was', async () => {
  const { engineLook } = await import('../../../src/pipeline/extract/engine-look.js');
  const { doc } = withOther(receipt(RECEIPT), RECEIPT);
  const first = await extractFields(receipt(RECEIPT));
  const looked = await engineLook(doc, { fields: first.fields, evidence: first.explain.evidence, total: first.explain.fields.amount_total }, {
    read: () => {
      throw new TypeError('a rule failed on the other text');
    },
  });
  assert.equal(looked.fields, first.fields);
  assert.equal(looked.outcome, null);
});

test('an unbacked other total does not replace a first total whose sums fail', async () => {
  const { compareTotals, backing } = await import('../../../src/pipeline/extract/engine-look.js');
  const base = (await extractFields(receipt(RECEIPT))).fields;
  const withTotal = (value: number) => ({ ...base, amount_total: { ...base.amount_total, value } });
  const none = { winner: null, runner_up: null };
  const failing = { fields: withTotal(54.5), evidence: { adds_up: false, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false }, total: none };
  const unbacked = { fields: withTotal(64.5), evidence: { adds_up: null, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false }, total: none };
  assert.equal(backing(failing), -1);
  assert.equal(backing(unbacked), 0);
  const r = compareTotals(failing, unbacked);
  assert.equal(r.outcome, 'differs');
  assert.equal(r.fields.amount_total.value, 54.5);
});

test("a total taken from the other reading carries none of the first reading's verdicts on its own total", async () => {
  const { assessConfidence } = await import('../../../src/pipeline/confidence/index.js');
  const first = RECEIPT.map((l) => (/^(TOTAL|CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'S4.S0') : l)).filter((l) => !/^(SUBTOTAL|GST|NASI)/.test(l));
  const { doc } = withOther(receipt(first), RECEIPT);
  const r = await extractFields(doc);
  assert.ok(r.amountsReading);
  // the first reading's line items happen to sum to the taken total; the other reading read none
  const firstLines = [{ description: 'NASI LEMAK', quantity: null, unit_price: null, amount: 54.5, tax_rate: null }];
  const evidence = assessConfidence({
    fields: structuredClone(r.fields), lines: firstLines, source: 'ocr', doc, engineLook: r.engineLook, amountsReading: { ...r.amountsReading, lines: [] },
    secondLook: { amount_total: 'changed', vendor_name: 'agreed' }, totalReread: 'agreed', amounts: r.explain.evidence, ranking: r.explain.fields,
  }).fields;
  const total = evidence.amount_total.evidence ?? [];
  assert.ok(total.includes('engines-changed'), total.join(','));
  for (const name of ['total-reread-agreed', 'second-look-changed', 'lines-ok']) assert.ok(!total.includes(name as never), `${name}: ${total.join(',')}`);
  assert.ok((evidence.vendor_name.evidence ?? []).includes('second-look-agreed'), 'other fields keep theirs');
});

test("--explain says a total was replaced by the other engine's reading, also when the first reading found none", async () => {
  const { formatExplain } = await import('../../../src/cli/scan.js');
  const first = RECEIPT.map((l) => (/^(TOTAL|CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'S4.S0') : l)).filter((l) => !/^(SUBTOTAL|GST|NASI)/.test(l));
  const r = await extractFields(withOther(receipt(first), RECEIPT).doc);
  assert.equal(r.engineLook, 'changed');
  const total = r.explain.fields.amount_total;
  assert.equal(total?.replaced_by, 54.5);
  assert.equal(total?.replaced_in, 'other-engine');
  const shown = formatExplain({ explain: r.explain } as Parameters<typeof formatExplain>[0]).join('\n');
  assert.match(shown, /amount_total[^\n]*\n[^\n]*runner-up[^\n]*\n[^\n]*then replaced by 54\.5 \(the other OCR engine's reading\)/);
});

test("the look's end aborts the other engine's calls it made (one still queued when another page failed stops)", async () => {
  const { doc } = withOther(receipt(RECEIPT), RECEIPT);
  const seen: (AbortSignal | undefined)[] = [];
  const read = doc.readOtherEngine!;
  doc.readOtherEngine = async (page, signal) => {
    seen.push(signal);
    return read(page);
  };
  await extractFields(doc, { engineLook: 'always' });
  assert.equal(seen.length, 1);
  assert.ok(seen[0]?.aborted);
});

test('parseEngineLook: a mode, the default when unset, an error naming the modes otherwise', async () => {
  const { DEFAULT_ENGINE_LOOK, parseEngineLook } = await import('../../../src/pipeline/extract/engine-look.js');
  assert.equal(parseEngineLook('always'), 'always');
  assert.equal(parseEngineLook(undefined), DEFAULT_ENGINE_LOOK);
  assert.throws(() => parseEngineLook('sometimes', '--engine-look'), /^Error: --engine-look: one of always, when-needed, off, not "sometimes"$/);
});

test('when-needed takes a free other reading (the language choice already made it) even for a well-backed total', async () => {
  const paid = { doc: withOther(receipt(RECEIPT, 'paddle'), RECEIPT).doc };
  assert.equal((await extractFields(paid.doc)).engineLook, null, 'a well-backed total: when-needed does not pay for a look');
  const free = withOther(receipt(RECEIPT, 'paddle'), RECEIPT);
  free.doc.otherReadingFree = true;
  const r = await extractFields(free.doc);
  assert.equal(r.engineLook, 'agreed', 'the reading set aside costs nothing: looked at as always would');
  assert.equal((await extractFields(free.doc, { engineLook: 'off' })).engineLook, null, 'off still never looks');
});

test("when-needed: a receipt Tesseract read is read by Paddle too, however well its total is backed (the shop's name)", async () => {
  const logo = ['Summe          54.50', ...RECEIPT.slice(1)]; // Tesseract lost the header
  const { doc, asked } = withOther(receipt(logo), RECEIPT);
  const r = await extractFields(doc);
  assert.deepEqual(asked, [1], 'Paddle is asked');
  assert.equal(r.engineLook, 'agreed');
  const paddleFirst = withOther(receipt(RECEIPT, 'paddle'), RECEIPT);
  assert.equal((await extractFields(paddleFirst.doc)).engineLook, null, 'a page Paddle read: not read again for a backed total');
  assert.deepEqual(paddleFirst.asked, []);
  assert.equal((await extractFields(withOther(receipt(logo), RECEIPT).doc, { engineLook: 'off' })).engineLook, null, 'off never looks');
});

test('an other total the amounts above it add up to replaces a first total nothing backs', async () => {
  const { compareTotals, backing } = await import('../../../src/pipeline/extract/engine-look.js');
  const base = (await extractFields(receipt(RECEIPT))).fields;
  const withTotal = (value: number) => ({ ...base, amount_total: { ...base.amount_total, value } });
  const nothing = { adds_up: null, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false };
  // the first reading lost the total's line (its largest item taken), the other read its amount without its label
  const largest = { fields: withTotal(5.96), evidence: nothing, total: { winner: { value: 5.96, score: 0.35, why: ['largest-before-payment'] }, runner_up: null } };
  const summed = { fields: withTotal(16.64), evidence: nothing, total: { winner: { value: 16.64, score: 0.5, why: ['amounts-add-up'] }, runner_up: null } };
  assert.equal(backing(largest), 0);
  assert.equal(backing(summed), 1);
  const r = compareTotals(largest, summed);
  assert.equal(r.outcome, 'changed');
  assert.equal(r.fields.amount_total.value, 16.64);
  // the item lines' own sum is not counted twice
  assert.equal(backing({ ...summed, evidence: { ...nothing, lines_sum: 'total' as const } }), 1);
});

test("the same total in both readings is checked by the page's arithmetic the other reading lets be seen", async () => {
  const { assessConfidence } = await import('../../../src/pipeline/confidence/index.js');
  // the first reading lost the item prices and the payment's digits; the other engine read them
  const items = ['NASI LEMAK          21.00', 'TEH TARIK          12.00', 'ROTI CANAI          21.50'];
  const page = ['KEDAI MAJU SDN BHD', 'Date: 25/01/2018 1:22:56PM', ...items, 'TOTAL          54.50', 'CASH          60.00', 'CHANGE          5.50'];
  const first = page.map((l) => (items.includes(l) || /^(CASH|CHANGE)/.test(l) ? l.replace(/\d+\.\d\d/, 'Z1.S0') : l));
  const { doc } = withOther(receipt(first), page);
  const r = await extractFields(doc, { engineLook: 'always' });
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.engineLook, 'agreed');
  assert.ok(r.agreedReading, 'the reading that read the same total');
  const assess = (agreedReading: AmountsReading | null) => assessConfidence({
    fields: structuredClone(r.fields), lines: r.lines, source: 'ocr', doc, engineLook: r.engineLook, agreedReading, amounts: r.explain.evidence, ranking: r.explain.fields,
  }).fields.amount_total.evidence ?? [];
  const alone = assess(null);
  assert.ok(!alone.includes('items-add-up') && !alone.includes('paid-ok'), alone.join(','));
  const both = assess(r.agreedReading);
  assert.ok(both.includes('items-add-up') && both.includes('paid-ok') && both.includes('engines-agree'), both.join(','));
  // the other reading's verdicts against the total are not taken
  const misread = { ...r.agreedReading, text: r.agreedReading.text.replace('CASH          60.00', 'CASH          50.00'), amounts: { ...r.explain.evidence, ...r.agreedReading.amounts, paid_matches_total: false } };
  assert.ok(!assess(misread).includes('paid-off'), 'a payment the other reading saw short of the total');
  // the first reading's payment misread as another amount: the other reading's payment of the total overrules it
  const paidOff = { ...r.explain.evidence, paid_matches_total: false };
  const overruled = assessConfidence({
    fields: structuredClone(r.fields), lines: r.lines, source: 'ocr', doc, engineLook: r.engineLook, agreedReading: r.agreedReading, amounts: paidOff, ranking: r.explain.fields,
  }).fields.amount_total.evidence ?? [];
  assert.ok(overruled.includes('paid-ok') && !overruled.includes('paid-off'), overruled.join(','));
});

test('amounts taken from the other reading take the currency printed beside its total', async () => {
  // a Swiss till that also prints the total in euros: the first reading lost the franc total's digits and took the
  // euro line; the other reads the franc total, its items and its payment
  const head = ['Berghotel Alpenblick', 'Dorfstrasse 1', '3818 Grindelwald', 'Rech. Nr. 4572    30.07.2007 13:28'];
  const first = [...head, 'Total :    CHF', 'Entspricht in Euro 36.35 EUR'];
  const other = [...head, '2x Latte Macchiato   CHF   9.00', '1x Schnitzel   CHF   22.00', '1x Spaetzli   CHF   23.50', 'Total :    CHF   54.50', 'Bar   CHF   54.50', 'Entspricht in Euro 36.35'];
  const { doc } = withOther(receipt(first), other);
  const r = await extractFields(doc);
  assert.equal(r.engineLook, 'changed');
  assert.equal(r.fields.amount_total.value, 54.5);
  assert.equal(r.fields.currency.value, 'CHF');
  assert.equal(r.explain.fields.currency?.replaced_in, 'other-engine');
});

test('amounts taken from a reading that names no currency keep the first reading\'s', async () => {
  // Paddle writes no €: its reading names no currency, the first reading's euro stands
  const first = ['Baeckerei Korn', '10115 Berlin', 'Datum 12.03.2024', 'SUMME EUR   S,4O'];
  const other = ['Baeckerei Korn', '10115 Berlin', 'Datum 12.03.2024', 'Brot   3.20', 'Kaffee   2.20', 'SUMME   5.40', 'BAR   10.00', 'Rueckgeld   4.60'];
  const { doc } = withOther(receipt(first), other);
  const r = await extractFields(doc);
  assert.equal(r.fields.amount_total.value, 5.4);
  assert.equal(r.fields.currency.value, 'EUR');
});
