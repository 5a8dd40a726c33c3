// Evidence for calibration: what agrees with a value or speaks against it, computed the same for every source.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields, type LineItem } from '../../../src/contract.js';
import { collectEvidence, compareReadings, printedWithoutCents } from '../../../src/pipeline/confidence/evidence.js';
import { DATE_WHY } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { DERIVED_WHY } from '../../../src/pipeline/extract/totals-choice.js';
import { docFromLines } from '../extract/helpers.js';

const NOW = new Date('2026-06-01T12:00:00Z');

function fields(values: Partial<Record<keyof ExtractedFields, unknown>>): ExtractedFields {
  const f = emptyFields();
  for (const [k, v] of Object.entries(values)) (f as unknown as Record<string, { value: unknown; confidence: number }>)[k] = { value: v, confidence: 0.5 };
  return f;
}

/** An OCR word (or line) box, and a word read with a confidence. */
const bbox = { x0: 0, y0: 0, x1: 1, y1: 1 };
const w = (text: string, confidence: number) => ({ text, confidence, bbox });

const line = (amount: number, tax_rate: number | null = null): LineItem => ({ description: 'x', quantity: 1, unit_price: amount, amount, tax_rate });

test('amounts that reconcile earn evidence; amounts that do not, cost it', () => {
  const ok = collectEvidence({ fields: fields({ amount_total: 119, amount_untaxed: 100, amount_tax: 19 }), lines: [line(60, 19), line(40, 19)], text: '', ocrLines: [], now: NOW });
  assert.deepEqual(ok.amount_total?.sort(), ['lines-ok', 'rate-ok', 'sum-ok']);
  assert.deepEqual(ok.amount_untaxed?.sort(), ['lines-ok', 'rate-ok', 'sum-ok']);
  assert.deepEqual(ok.amount_tax?.sort(), ['rate-ok', 'sum-ok']);
  const off = collectEvidence({ fields: fields({ amount_total: 129, amount_untaxed: 100, amount_tax: 19 }), lines: [], text: '', ocrLines: [], now: NOW });
  assert.deepEqual(off.amount_total, ['sum-off']);
  assert.deepEqual(off.amount_untaxed, ['sum-off']);
});

test('VAT check digits and the date window', () => {
  const good = collectEvidence({ fields: fields({ vendor_vat: 'DE136695976', date: '2026-05-20' }), lines: [], text: '', ocrLines: [], now: NOW });
  assert.deepEqual(good.vendor_vat, ['checksum-ok']);
  assert.equal(good.date, undefined);
  const bad = collectEvidence({ fields: fields({ vendor_vat: 'DE136695977', date: '2027-05-20', due_date: '2003-01-01' }), lines: [], text: '', ocrLines: [], now: NOW });
  assert.deepEqual(bad.vendor_vat, ['checksum-bad']);
  assert.deepEqual(bad.date, ['date-implausible'], 'a year in the future');
  assert.deepEqual(bad.due_date, ['date-implausible'], 'years old');
});

test('a VAT id of the wrong shape for its country fails its check, as wrong check digits do', () => {
  // a Dutch id is NL + nine digits + B + two: OCR that dropped a digit and read the B as 8 leaves eleven digits
  const misread = collectEvidence({ fields: fields({ vendor_vat: 'NL82324545080' }), lines: [], text: '', ocrLines: [], now: NOW });
  assert.deepEqual(misread.vendor_vat, ['checksum-bad']);
  // a shape no country's check is known for says nothing
  const unknown = collectEvidence({ fields: fields({ vendor_vat: '1644210V/B/M/000' }), lines: [], text: '', ocrLines: [], now: NOW });
  assert.equal(unknown.vendor_vat, undefined);  // (review) a member state's domestic form with dashes, and a Norwegian organisation number without its MVA, are no
  // misshapen EU ids
  for (const vat of ['HU12345678-2-41', 'NO947054600']) {
    assert.equal(collectEvidence({ fields: fields({ vendor_vat: vat }), lines: [], text: '', ocrLines: [], now: NOW }).vendor_vat, undefined, vat);
  }
});

test('a value printed twice, and Tesseract\'s confidence in the line that holds it', () => {
  const text = 'TOTAL 1.234,50\nCash 1.234,50\nInvoice no INV-0042\n';
  const ocrLines = [
    { text: 'TOTAL 1.234,50', confidence: 0.95, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } },
    { text: 'Invoice no INV-0042', confidence: 0.41, bbox: { x0: 0, y0: 2, x1: 1, y1: 3 } },
  ];
  const e = collectEvidence({ fields: fields({ amount_total: 1234.5, invoice_number: 'INV 0042' }), lines: [], text, ocrLines, now: NOW });
  // (the cash line pays the total exactly, no change: paid-ok)
  assert.deepEqual(e.amount_total?.sort(), ['largest-amount', 'last-before-payment', 'ocr-high', 'paid-ok', 'seen-twice']);
  assert.deepEqual(e.invoice_number, ['ocr-low', 'number-shaped']);
});

test('the second look agrees when it keeps a re-read value, and changes it otherwise', () => {
  const first = fields({ date: '2018-01-25', amount_total: 9.5, vendor_name: 'SHOP' });
  const final = { ...first, date: { value: '2018-01-25', confidence: 0.9 }, amount_total: { value: 8.5, confidence: 0.6 } };
  assert.deepEqual(compareReadings(first, final), { date: 'agreed', amount_total: 'changed' });
  const e = collectEvidence({ fields: final, lines: [], text: '', ocrLines: [], secondLook: { date: 'agreed', amount_total: 'changed' }, now: NOW });
  assert.deepEqual(e.date, ['second-look-agreed']);
  assert.deepEqual(e.amount_total, ['second-look-changed']);
});

test('a date printed twice, in a line Tesseract read well; one whose day and month could be swapped', () => {
  const ocrLines = [{ text: 'Date: 05/03/2026 10:12', confidence: 0.93, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }];
  const e = collectEvidence({ fields: fields({ date: '2026-03-05' }), lines: [], text: 'Date: 05/03/2026 10:12\nPaid 05.03.2026', ocrLines, now: NOW });
  assert.deepEqual(e.date?.sort(), ['date-ambiguous', 'date-with-time', 'ocr-high', 'seen-twice'], 'a till\'s timestamp prints a time beside the date');
  const clear = collectEvidence({ fields: fields({ date: '2026-03-25' }), lines: [], text: 'Date: 25/03/2026', ocrLines: [], now: NOW });
  assert.equal(clear.date, undefined);
});

test('untaxed + tax that misses a 5-cent total by the cash rounding the till prints is no sum-off', () => {
  const f = fields({ amount_total: 189.75, amount_untaxed: 179, amount_tax: 10.74 });
  const page = (rounding: string) => ['SubTotal 179.00', 'GST 06% 10.74', rounding, 'Net Total 189.75'].join('\n');
  const rounded = collectEvidence({ fields: f, lines: [], text: page('Rounding Adj 0.01'), ocrLines: [], now: NOW });
  assert.ok(!rounded.amount_total?.includes('sum-off') && !rounded.amount_total?.includes('sum-ok'));
  assert.ok(!rounded.amount_tax?.includes('sum-off'));
  // no rounding line printed, or a total that is no 5-cent step, or a miss beyond a rounding: still sum-off
  assert.ok(collectEvidence({ fields: f, lines: [], text: page('Service 0.01'), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'));
  const odd = fields({ amount_total: 189.76, amount_untaxed: 179, amount_tax: 10.74 });
  assert.ok(collectEvidence({ fields: odd, lines: [], text: page('Rounding Adj 0.02'), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'));
  const far = fields({ amount_total: 189.8, amount_untaxed: 179, amount_tax: 10.74 });
  assert.ok(collectEvidence({ fields: far, lines: [], text: page('Rounding Adj 0.06'), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'));
  // the adjustment printed must be the miss itself: a minus, as the till prints it, lowered the total
  const down = fields({ amount_total: 189.75, amount_untaxed: 179, amount_tax: 10.76 });
  for (const adj of ['Rounding Adj -0.01', 'Rounding Adj 0.01-', 'Rounding Adj (0.01)', 'Rounding Adjustment .01']) {
    assert.ok(!collectEvidence({ fields: down, lines: [], text: page(adj), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'), adj);
  }
  assert.ok(!collectEvidence({ fields: f, lines: [], text: page('Rounding Adjustment .01'), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'));
  // a lowering printed against a total above the sum: a part or the total misread
  for (const adj of ['Rounding Adj -0.01', 'Rounding Adj 0.01-', 'Rounding Adj (0.01)']) {
    assert.ok(collectEvidence({ fields: f, lines: [], text: page(adj), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'), adj);
  }
  // a total misread 4 cents off the sum is no rounding, whatever the rounding line says; nor does a rounding of 0.00,
  // or a notice of the rule, explain a miss
  const misread = fields({ amount_total: 189.7, amount_untaxed: 179, amount_tax: 10.74 });
  for (const adj of ['Rounding Adj 0.01', 'Rounding Adj 0.04']) {
    assert.ok(collectEvidence({ fields: misread, lines: [], text: page(adj), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'), adj);
  }
  for (const adj of ['Rounding Adj 0.00', 'ROUNDING MECHANISM: nearest 5 sen', 'Rounding Adj 0.02']) {
    assert.ok(collectEvidence({ fields: f, lines: [], text: page(adj), ocrLines: [], now: NOW }).amount_total?.includes('sum-off'), adj);
  }
});

test('a payment line that equals the total is evidence for it; one that does not, against', () => {
  const f = fields({ amount_total: 12.5 });
  const ok = collectEvidence({ fields: f, lines: [], text: '', ocrLines: [], amounts: { paid_matches_total: true }, now: NOW });
  assert.deepEqual(ok.amount_total, ['paid-ok']);
  const off = collectEvidence({ fields: f, lines: [], text: '', ocrLines: [], amounts: { paid_matches_total: false }, now: NOW });
  assert.deepEqual(off.amount_total, ['paid-off']);
  const none = collectEvidence({ fields: f, lines: [], text: '', ocrLines: [], amounts: { paid_matches_total: null }, now: NOW });
  assert.equal(none.amount_total, undefined);
});

test('the rules\' ranking: a value found beside its label, alone or with a close runner-up', () => {
  const f = fields({ amount_total: 12.5, invoice_number: 'INV-7', date: '2026-05-02' });
  const ranking = {
    amount_total: { winner: { value: 12.5, score: 1, why: ['total:TOTAL'] }, runner_up: null },
    invoice_number: { winner: { value: 'INV-7', score: 0.6, why: ['unlabelled'] }, runner_up: { value: 'X-1', score: 0.55, why: ['label:Ref'] } },
    date: { winner: { value: '2026-05-01', score: 1, why: ['issue-label'] }, runner_up: null, replaced_by: '2026-05-02' },
  };
  const e = collectEvidence({ fields: f, lines: [], text: '', ocrLines: [], ranking, now: NOW });
  assert.deepEqual(e.amount_total?.sort(), ['labelled', 'rival-none']);
  assert.deepEqual(e.invoice_number, ['rival-close']);
  assert.equal(e.date, undefined, 'a value the rules did not choose gets nothing from their ranking');
});

test('a value nowhere in the text is not-printed; a zero tax with untaxed = total adds up whatever was read', () => {
  const e = collectEvidence({ fields: fields({ amount_total: 44.8, amount_untaxed: 44.8, amount_tax: 0 }), lines: [], text: 'SUBTOTAL 44.80\nTOTAL 42.40', ocrLines: [], now: NOW });
  assert.deepEqual(e.amount_total, ['largest-amount'], 'neither sum-ok nor sum-off');
  const derived = collectEvidence({ fields: fields({ amount_total: 44.8, amount_untaxed: 42.4, amount_tax: 2.4 }), lines: [], text: 'NET 42.40\nGST 2.40', ocrLines: [], now: NOW });
  assert.deepEqual(derived.amount_total?.sort(), ['not-printed', 'sum-ok', 'tax-split-ok']);
});

test('a Belgian VAT id given in its ten digits is printed where its nine digits of before 2007 are', () => {
  const nine = collectEvidence({ fields: fields({ vendor_vat: 'BE0123456749' }), lines: [], text: 'ACME NV\nBTW BE 123 456 749', ocrLines: [], now: NOW });
  assert.ok(!nine.vendor_vat?.includes('not-printed'), JSON.stringify(nine.vendor_vat));
});

test('a VAT id printed without the country prefix the reader added is printed, not derived', () => {
  const bare = collectEvidence({ fields: fields({ vendor_vat: 'BE0458105363' }), lines: [], text: 'Saneede bvba\nBTW 0458.105.363', ocrLines: [], now: NOW });
  assert.ok(!bare.vendor_vat?.includes('not-printed'));
  const absent = collectEvidence({ fields: fields({ vendor_vat: 'BE0458105363' }), lines: [], text: 'Saneede bvba\nBTW 0458.105.364', ocrLines: [], now: NOW });
  assert.ok(absent.vendor_vat?.includes('not-printed'));
  // without its prefix the digits must stand alone: an account number that holds them is not the id printed
  const inside = collectEvidence({ fields: fields({ vendor_vat: 'DE123456789' }), lines: [], text: 'ACME GmbH\nKonto 1234567890', ocrLines: [], now: NOW });
  assert.ok(inside.vendor_vat?.includes('not-printed'));
  const twice = collectEvidence({ fields: fields({ vendor_vat: 'DE123456789' }), lines: [], text: 'USt-IdNr. DE123456789\nKonto 0123456789', ocrLines: [], now: NOW });
  assert.ok(!twice.vendor_vat?.includes('seen-twice'));
  // its words as the line prints them, without the prefix: the least sure word decides
  const ocrLines = [{ text: 'BTW 0458 105 363', confidence: 0.93, bbox, words: [w('BTW', 0.99), w('0458', 0.98), w('105', 0.5), w('363', 0.97)] }];
  const words = collectEvidence({ fields: fields({ vendor_vat: 'BE0458105363' }), lines: [], text: 'BTW 0458 105 363', ocrLines, now: NOW });
  assert.ok(words.vendor_vat?.includes('words-unsure'), JSON.stringify(words.vendor_vat));
});

test('a currency whose ISO code is printed, and one that only a "$" speaks for', () => {
  const coded = collectEvidence({ fields: fields({ currency: 'EUR' }), lines: [], text: 'Total EUR 12,50', ocrLines: [], now: NOW });
  assert.deepEqual(coded.currency, ['code-printed']);
  const dollar = collectEvidence({ fields: fields({ currency: 'USD' }), lines: [], text: 'Total R$ 12,50', ocrLines: [], now: NOW });
  assert.deepEqual(dollar.currency, ['dollar-sign']);
  const euro = collectEvidence({ fields: fields({ currency: 'EUR' }), lines: [], text: 'Total 12,50 €', ocrLines: [], now: NOW });
  assert.deepEqual(euro.currency, ['symbol-printed'], 'no other currency prints "€"');
});

test('a currency that the document\'s country pays in, or not', () => {
  const german = 'Hauptstraße 5\n10115 Berlin\nSumme 12,50\ninkl. MwSt';
  const fits = collectEvidence({ fields: fields({ currency: 'EUR' }), lines: [], text: german, ocrLines: [], now: NOW, language: 'de' });
  assert.deepEqual(fits.currency, ['country-fits']);
  const other = collectEvidence({ fields: fields({ currency: 'USD' }), lines: [], text: german, ocrLines: [], now: NOW, language: 'de' });
  assert.deepEqual(other.currency, ['country-other']);
  const malaysian = collectEvidence({ fields: fields({ currency: 'MYR' }), lines: [], text: 'JALAN SAGU 18\n81100 JOHOR BAHRU\nTOTAL RM 9.00', ocrLines: [], now: NOW, language: 'en' });
  assert.deepEqual(malaysian.currency?.sort(), ['country-fits', 'symbol-printed']);
  const nowhere = collectEvidence({ fields: fields({ currency: 'USD' }), lines: [], text: 'TOTAL 9.00', ocrLines: [], now: NOW, language: 'en' });
  assert.equal(nowhere.currency, undefined, 'no clue, no evidence');
});

test('word confidences: the least sure word of the value decides, not the line it sits on', () => {
  const text = 'TOTAL 1 234,50\nDate 05.03.2026\nInvoice no INV 0042\n';
  const ocrLines = [
    // the line reads well as a whole; the total's second word was a guess
    { text: 'TOTAL 1 234,50', confidence: 0.93, bbox, words: [w('TOTAL', 0.99), w('1', 0.98), w('234,50', 0.62)] },
    { text: 'Date 05.03.2026', confidence: 0.7, bbox, words: [w('Date', 0.9), w('05.03.2026', 0.97)] },
    { text: 'Invoice no INV 0042', confidence: 0.95, bbox, words: [w('Invoice', 0.99), w('no', 0.99), w('INV', 0.96), w('0042', 0.9)] },
  ];
  const e = collectEvidence({ fields: fields({ amount_total: 1234.5, date: '2026-03-05', invoice_number: 'INV0042' }), lines: [], text, ocrLines, now: NOW });
  assert.ok(e.amount_total?.includes('words-unsure') && e.amount_total.includes('ocr-high'), JSON.stringify(e.amount_total));
  assert.ok(e.date?.includes('words-sure'), JSON.stringify(e.date));
  assert.ok(!e.invoice_number?.some((x) => x.startsWith('words-')), 'least sure word 0.90: neither sure nor unsure');
  // an engine without word confidences (Tesseract's lines): no word evidence at all
  const plain = collectEvidence({ fields: fields({ amount_total: 1234.5 }), lines: [], text, ocrLines: ocrLines.map(({ words: _, ...l }) => l), now: NOW });
  assert.ok(!plain.amount_total?.some((x) => x.startsWith('words-')));
});

test('a VAT id picked beside its label and on the issuer\'s legal line says so; a bare id alone says nothing', () => {
  const ranking = (why: string[]) => ({ vendor_vat: { winner: { value: 'DE369400753', score: 1.15, why }, runner_up: null } });
  const placed = collectEvidence({ fields: fields({ vendor_vat: 'DE369400753' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: ranking(['labelled', 'checksum-valid', 'legal-line']) });
  assert.deepEqual(placed.vendor_vat?.sort(), ['checksum-ok', 'issuer-place', 'labelled', 'rival-none']);
  const bare = collectEvidence({ fields: fields({ vendor_vat: 'DE369400753' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: ranking(['checksum-valid', 'bare-unlabelled']) });
  assert.deepEqual(bare.vendor_vat?.sort(), ['checksum-ok', 'rival-none']);
});

test('an invoice number: after an explicit number label, quoted for payment, and its shape', () => {
  const text = 'Rechnung Nr. RE-2024-0113\nBitte geben Sie beim Verwendungszweck RE-2024-0113 an.\n';
  const ranked = { winner: { value: 'RE-2024-0113', score: 1, why: ['label:Rechnung Nr.', 'same-cell', 'number-label'] }, runner_up: null };
  const e = collectEvidence({ fields: fields({ invoice_number: 'RE-2024-0113' }), lines: [], text, ocrLines: [], now: NOW, ranking: { invoice_number: ranked } });
  assert.deepEqual(e.invoice_number?.sort(), ['labelled', 'number-label', 'number-shaped', 'quoted-for-payment', 'rival-none', 'seen-twice']);
  // a number inside an amount or an IBAN on a payment line is not the number quoted
  for (const [line, number] of [['Concepto: Servicios 1.250,00', '125'], ['Please use IBAN DE89 3704 0044 0532 0130 00', '4405'], ['Concepto Servicios 4711', '4711']]) {
    const r = { winner: { value: number, score: 1, why: ['label:Factura', 'number-label'] }, runner_up: null };
    const q = collectEvidence({ fields: fields({ invoice_number: number }), lines: [], text: `Factura ${number}\n${line}\n`, ocrLines: [], now: NOW, ranking: { invoice_number: r } });
    assert.ok(!q.invoice_number?.includes('quoted-for-payment'), line);
  }
  // after a bare title word, printed once, mostly letters: none of them
  const bare = { winner: { value: 'Rechungsnumr2', score: 0.8, why: ['label:Rechnung', 'right-of-label'] }, runner_up: null };
  const w = collectEvidence({ fields: fields({ invoice_number: 'Rechungsnumr2' }), lines: [], text: 'Rechnung Rechungsnumr2', ocrLines: [], now: NOW, ranking: { invoice_number: bare } });
  assert.deepEqual(w.invoice_number?.sort(), ['labelled', 'rival-none']);
  // another identifier's shape: an IBAN, a phone number
  const iban = collectEvidence({ fields: fields({ invoice_number: 'DE89370400440532013000' }), lines: [], text: 'x', ocrLines: [], now: NOW });
  assert.ok(iban.invoice_number?.includes('other-id-shaped'));
  const phone = collectEvidence({ fields: fields({ invoice_number: '+49 30 166 348 64' }), lines: [], text: 'x', ocrLines: [], now: NOW });
  assert.ok(phone.invoice_number?.includes('other-id-shaped'));
});

test('a vendor name printed over another VAT id than the vendor\'s, and not near its own, is the customer\'s block', () => {
  const text = 'Muster Feinkost S.L.\nNIF: B12345674\nCalle Mayor 1\n\n\n\n\n\n\n\nEmisor: Proveedora Ejemplo S.A.\nCIF: A58818501\n';
  const customer = collectEvidence({ fields: fields({ vendor_name: 'Muster Feinkost S.L.', vendor_vat: 'A58818501' }), lines: [], text, ocrLines: [], now: NOW });
  assert.ok(customer.vendor_name?.includes('vat-other'));
  const issuer = collectEvidence({ fields: fields({ vendor_name: 'Proveedora Ejemplo S.A.', vendor_vat: 'A58818501' }), lines: [], text, ocrLines: [], now: NOW });
  assert.ok(!issuer.vendor_name?.includes('vat-other'));
  // a customer's block that prints its number and id over its name (page-evidence.ts nearVatLine, either side)
  const idFirst = '003428 / B12345674\nMuster Feinkost S.L.\nCalle Mayor 1\n\n\n\n\n\n\n\nCIF: A58818501 Proveedora Ejemplo S.A.\n';
  const below = collectEvidence({ fields: fields({ vendor_name: 'Muster Feinkost S.L.', vendor_vat: 'A58818501' }), lines: [], text: idFirst, ocrLines: [], now: NOW });
  assert.ok(below.vendor_name?.includes('vat-other'));
});

test('a number led by 00 is no phone number by that alone', () => {
  const e = collectEvidence({ fields: fields({ invoice_number: '0008-00021658' }), lines: [], text: 'x', ocrLines: [], now: NOW });
  assert.ok(!e.invoice_number?.includes('other-id-shaped'));
});

test('a vendor name read where the issuer names itself (seller block, legal line) says so; one read only at the top does not', () => {
  const ranking = (why: string[]) => ({ vendor_name: { winner: { value: 'ACME GmbH', score: 1.05, why }, runner_up: null } });
  const seller = collectEvidence({ fields: fields({ vendor_name: 'ACME GmbH' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: ranking(['seller-block:0.85', 'legal-form']) });
  assert.ok(seller.vendor_name?.includes('issuer-named'));
  const nearVat = collectEvidence({ fields: fields({ vendor_name: 'ACME GmbH' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: ranking(['near-vat:0.50', 'legal-form']) });
  assert.ok(nearVat.vendor_name?.includes('issuer-named'));
  const top = collectEvidence({ fields: fields({ vendor_name: 'ACME GmbH' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: ranking(['letterhead:0.60', 'legal-form', 'routes+1']) });
  assert.ok(!top.vendor_name?.includes('issuer-named'));
});

test('a date the rules also saw as another kind of date, or against another issue-labelled date, costs evidence', () => {
  const why = (extra: string[]) => ({ date: { winner: { value: '2026-02-01', score: 0.35, why: ['unlabelled', ...extra] }, runner_up: { value: '2026-01-01', score: 0.1, why: ['unlabelled'] } } });
  const e = collectEvidence({ fields: fields({ date: '2026-02-01' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: why([DATE_WHY.otherKind, DATE_WHY.labelConflict]) });
  assert.deepEqual(e.date?.sort(), ['date-label-conflict', 'date-other-kind']);
  const plain = collectEvidence({ fields: fields({ date: '2026-02-01' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: why([]) });
  assert.equal(plain.date, undefined);
  const replaced = collectEvidence({ fields: fields({ date: '2026-03-01' }), lines: [], text: '', ocrLines: [], now: NOW, ranking: why([DATE_WHY.otherKind]) });
  assert.equal(replaced.date, undefined, 'a date the rules did not choose');
});

test('an OCR reading of a document whose words are not English says so on every value; English or a text layer does not', () => {
  const values = fields({ vendor_name: 'Bäckerei Korn', date: '2026-05-20', amount_total: 7.7 });
  const ocrLines = [{ text: 'Bäckerei Korn Summe 7,70', confidence: 0.9, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 } }];
  const text = 'Bäckerei Korn\nSumme 7,70\n20.05.2026\n';
  const german = collectEvidence({ fields: values, lines: [], text, ocrLines, now: NOW, language: 'de' });
  for (const name of ['vendor_name', 'date', 'amount_total'] as const) assert.ok(german[name]?.includes('language-other'), `${name}: ${german[name]}`);
  assert.equal(german.invoice_number, undefined, 'no value, no evidence');
  const english = collectEvidence({ fields: values, lines: [], text, ocrLines, now: NOW, language: 'en' });
  const unknown = collectEvidence({ fields: values, lines: [], text, ocrLines, now: NOW, language: null });
  const textLayer = collectEvidence({ fields: values, lines: [], text, ocrLines: [], now: NOW, language: 'de' });
  for (const e of [english, unknown, textLayer]) assert.ok(!Object.values(e).some((list) => list?.includes('language-other')));
});

test('the other engine agreeing on the total is one evidence beside a total label, another without one', () => {
  // both engines go through the same rules: agreeing on the digits says nothing of which amount the total is
  const agreed = (why: string[]) => collectEvidence({
    fields: fields({ amount_total: 54.5 }), lines: [], text: '', ocrLines: [], now: NOW, engineLook: 'agreed',
    ranking: { amount_total: { winner: { value: 54.5, score: 1, why }, runner_up: null } },
  }).amount_total ?? [];
  const labelled = agreed(['total:TOTAL']);
  assert.ok(labelled.includes('labelled') && labelled.includes('engines-agree') && !labelled.includes('engines-agree-unlabelled'), labelled.join(','));
  for (const why of [['paid-as-total'], ['largest-above-payment'], ['cash-for-misread-total']]) {
    const bare = agreed(why);
    assert.ok(bare.includes('engines-agree-unlabelled') && !bare.includes('engines-agree'), `${why}: ${bare.join(',')}`);
  }
  const noRanking = collectEvidence({ fields: fields({ amount_total: 54.5 }), lines: [], text: '', ocrLines: [], now: NOW, engineLook: 'agreed' }).amount_total;
  assert.deepEqual(noRanking, ['engines-agree-unlabelled'], 'no ranking: no label known');
  // a label beside another value (the first reading's total replaced later) does not vouch for the final one
  const replaced = collectEvidence({
    fields: fields({ amount_total: 60 }), lines: [], text: '', ocrLines: [], now: NOW, engineLook: 'agreed',
    ranking: { amount_total: { winner: { value: 54.5, score: 1, why: ['total:TOTAL'] }, runner_up: null } },
  }).amount_total;
  assert.deepEqual(replaced, ['engines-agree-unlabelled']);
  for (const [outcome, e] of [['changed', 'engines-changed'], ['differs', 'engines-differ']] as const) {
    const other = collectEvidence({ fields: fields({ amount_total: 54.5 }), lines: [], text: '', ocrLines: [], now: NOW, engineLook: outcome }).amount_total;
    assert.deepEqual(other, [e], 'the other verdicts do not depend on the label');
  }
});

test('a tax at a tax rate the page prints of the untaxed amount is rate-ok, without line items; a discount rate is none', () => {
  const f = fields({ amount_total: 106.36, amount_untaxed: 87.18, amount_tax: 19.18 });
  const printed = collectEvidence({ fields: f, lines: [], text: 'Importo IVA 22% (su imponibile di euro 87,18) 19,18 €\nTOTALE 106,36 €', ocrLines: [], now: NOW });
  assert.ok(printed.amount_tax?.includes('rate-ok'));
  assert.ok(printed.amount_untaxed?.includes('rate-ok'));
  assert.ok(printed.amount_total?.includes('rate-ok'), 'untaxed + tax = total, the tax a printed rate of the base');
  const notSum = collectEvidence({ fields: fields({ amount_total: 120, amount_untaxed: 87.18, amount_tax: 19.18 }), lines: [], text: 'IVA 22% 19,18', ocrLines: [], now: NOW });
  assert.ok(notSum.amount_tax?.includes('rate-ok') && !notSum.amount_total?.includes('rate-ok'));
  // 22 % of 87,18 is 19,18, but the page prints no 22 %: no rate says so
  const none = collectEvidence({ fields: f, lines: [], text: 'IVA 19,18 €\nTOTALE 106,36 €', ocrLines: [], now: NOW });
  assert.ok(!none.amount_tax?.includes('rate-ok'));
  // a rate no tax uses (Rabatt 3,3 %) is none
  const discount = collectEvidence({ fields: fields({ amount_total: 103.3, amount_untaxed: 100, amount_tax: 3.3 }), lines: [], text: 'Rabatt 3,3 %\nTotal 103,30', ocrLines: [], now: NOW });
  assert.ok(!discount.amount_tax?.includes('rate-ok'));
  // ... nor a discount at a rate a tax does use (Rabatt 10 %: 10 % is a VAT rate in Austria and Italy)
  const tenOff = collectEvidence({ fields: fields({ amount_total: 110, amount_untaxed: 100, amount_tax: 10 }), lines: [], text: 'Rabatt 10 % -11,11\nNetto 100,00\nSteuer 10,00\nTotal 110,00', ocrLines: [], now: NOW });
  assert.ok(!tenOff.amount_tax?.includes('rate-ok'));
});

test('an amount printed with three decimals (the dinar\'s "13.360 DT") is printed', () => {
  const e = collectEvidence({ fields: fields({ amount_total: 13.36 }), lines: [], text: 'PRIX HT 10.720 DT\nTOTAL TTC 13.360 DT', ocrLines: [], now: NOW });
  assert.ok(!e.amount_total?.includes('not-printed'));
});

test('a whole amount printed without its cents, or one of tens of cents with one decimal, is printed', () => {
  const printed = (value: number, text: string) => !collectEvidence({ fields: fields({ amount_total: value }), lines: [], text, ocrLines: [], now: NOW }).amount_total?.includes('not-printed');
  assert.ok(printed(600, 'Complete website    €600,-\nTotaal    €600,-    0%'), 'a dash for the cents');
  assert.ok(printed(557, 'Total Invoice Value:        557\nPAY:557'), 'at its line\'s end');
  assert.ok(printed(550, 'TOTAL     $550 paid'), 'with a currency sign');
  assert.ok(printed(625, 'Totaal excl BTW:      € 625.0'), 'one decimal');
  assert.ok(printed(12.5, 'Summe 12,5\nBar 20,00'), 'tens of cents with one decimal');
  // a short number where no amount stands, or inside a date, is not the amount
  assert.ok(!printed(12, 'Date: 12/03/2018\nTotal 11.90'), 'a date\'s day');
  assert.ok(!printed(12, '12 x Coffee 1.00\nTotal 11.90'), 'a quantity');
  assert.ok(!printed(12.5, 'Total 12\nTax 0.50'), '12 is not 12.50');
  assert.ok(!printed(12.55, 'Total 12,5'), 'cents that are no tens are printed with two decimals or not at all');
  assert.ok(!printed(10, 'Total Incl. GST@6%    RM 10. 0\nGST included RM 0.60'), 'decimals split off by OCR: a longer print misread');
  // a whole number at a line's end or after a colon is money only where the page says so: a currency, a cents dash,
  // an amount's label; never beside a count's, a number's or a code's label
  for (const [value, text] of [
    [3, 'Qty: 3\nTOTAL 12.34'], [12, 'Total Qty 12\nTOTAL 99.99'], [2, 'Page 1 of 2'], [94105, 'San Francisco, CA 94105'],
    [150, 'Invoice No: 150\nTotal 12.99'], [100, 'ACME GmbH\nKunden-Nr.: 100'], [4711, 'Kundennr.: 4711'], [2018, 'Year: 2018'],
    [1.5, 'Weight: 1.5 kg'], [12, 'Table: 12'], [100, 'Order #: 100'], [6, 'GST 6%\nTotal 12.99'], [2, 'Items: 2 Total: 10.00'],
  ] as const) assert.ok(!printed(value, text), text);
  assert.ok(printed(557, 'USD 557'), 'a currency code before it');
  assert.ok(printed(12.5, 'Total: 12,5'), 'a total\'s label');
});

test('a vendor name printed in a page\'s footer says so; one printed only at the top does not', () => {
  const body = Array.from({ length: 16 }, (_, i) => `Item ${i + 1}  1  10.00`);
  const text = ['Northwind Traders GmbH', 'Rechnung 1001', ...body, 'Summe 160.00', 'Northwind Traders GmbH · Hauptstr. 1 · 10115 Berlin · HRB 12345'].join('\n');
  const footer = collectEvidence({ fields: fields({ vendor_name: 'Northwind Traders GmbH' }), lines: [], text, ocrLines: [], now: NOW });
  assert.ok(footer.vendor_name?.includes('name-in-footer'));
  const top = collectEvidence({ fields: fields({ vendor_name: 'Rechnung 1001' }), lines: [], text, ocrLines: [], now: NOW });
  assert.ok(!top.vendor_name?.includes('name-in-footer'));
  // a short page (a till slip) has no footer apart from its body
  const slip = collectEvidence({ fields: fields({ vendor_name: 'Northwind Traders GmbH' }), lines: [], text: 'Northwind Traders GmbH\nTotal 10.00', ocrLines: [], now: NOW });
  assert.ok(!slip.vendor_name?.includes('name-in-footer'));
  // a name printed inside a longer word is not printed: "Northwind" in "NorthwindTradersGmbH.de"
  const inWord = collectEvidence({ fields: fields({ vendor_name: 'Northwind' }), lines: [], text: text.replace(/Northwind Traders GmbH ·/, 'NorthwindTraders ·'), ocrLines: [], now: NOW });
  assert.ok(!inWord.vendor_name?.includes('name-in-footer'));
});

test('a VAT id printed beside the vendor\'s name is the id of the party the page names; a customer\'s id elsewhere is not', () => {
  const text = 'Contoso Software Ltd\nVAT: IE6364992H\n\n\n\n\n\n\nBill to\nNorthwind Traders GmbH\nVAT DE136695976\n';
  const own = collectEvidence({ fields: fields({ vendor_name: 'Contoso Software Ltd', vendor_vat: 'IE6364992H' }), lines: [], text, ocrLines: [], now: NOW });
  assert.ok(own.vendor_vat?.includes('name-near'));
  const buyers = collectEvidence({ fields: fields({ vendor_name: 'Contoso Software Ltd', vendor_vat: 'DE136695976' }), lines: [], text, ocrLines: [], now: NOW });
  assert.ok(!buyers.vendor_vat?.includes('name-near'));
});

test('an invoice number printed in the heading of the first page (number-at-top)', () => {
  const body = ['Pos. 1 Service 100,00', 'Pos. 2 Service 50,00', 'Summe 150,00', 'MwSt 19% 28,50', 'Gesamt 178,50', 'Zahlbar in 14 Tagen'];
  const heading = ['ACME GmbH · Hauptstr. 1 · Berlin', 'Rechnung 2023-001', 'Datum 24.05.2023'];
  const at = (number: string, text: string) => collectEvidence({ fields: fields({ invoice_number: number }), lines: [], text, ocrLines: [], now: NOW }).invoice_number ?? [];
  assert.ok(at('2023-001', [...heading, ...body].join('\n')).includes('number-at-top'));
  // at the foot of the page (an authorisation code, a number cut short), or only on a later page: not in the heading
  assert.ok(!at('72449578708368', [...heading, ...body, 'CAE: 72449578708368'].join('\n')).includes('number-at-top'));
  assert.ok(!at('2023', [...heading, ...body].join('\n')).includes('number-at-top'), 'a part of the number printed is not it');
  assert.ok(!at('9911', [...heading, ...body, '\fRechnung 9911'].join('\n')).includes('number-at-top'), 'the second page');
  assert.ok(!at('2023-001', 'Rechnung 2023-001\nGesamt 178,50').includes('number-at-top'), 'a page of two lines has no heading of its own');
});

test('an untaxed amount the rules computed as total − tax adds up because it was made to: no sum-ok for the total', () => {
  // a bill printing its total and tax only ("Total 119.00 / VAT 19.00"): the untaxed amount is the total less the tax
  const page = ['Widget  |  119.00', 'VAT  |  19.00', 'TOTAL  |  119.00'];
  const t = extractTotals(buildRows(docFromLines(page)), { decimal: '.' });
  assert.equal(t.amount_untaxed.value, 100);
  assert.ok(t.explain.amount_untaxed.winner?.why.includes(DERIVED_WHY.totalLessTax), 'marked computed');
  const f = fields({ amount_total: t.amount_total.value, amount_untaxed: t.amount_untaxed.value, amount_tax: t.amount_tax.value });
  const made = collectEvidence({ fields: f, lines: [], text: page.join('\n'), ocrLines: [], ranking: t.explain, now: NOW });
  assert.ok(!made.amount_total?.includes('sum-ok') && !made.amount_total?.includes('sum-off'), `neither sum-ok nor sum-off: ${made.amount_total}`);
  // the same three amounts all printed and read (the untaxed amount not computed) check each other
  const read = { ...t.explain, amount_untaxed: { winner: { value: 100, score: 1, why: ['untaxed:Net'] }, runner_up: null } };
  const printed = collectEvidence({ fields: f, lines: [], text: [...page, 'Net  |  100.00'].join('\n'), ocrLines: [], ranking: read, now: NOW });
  assert.ok(printed.amount_total?.includes('sum-ok'));
  // a computed untaxed amount that a later step replaced by a read one is no longer the rules' computation
  const replaced = { ...t.explain, amount_untaxed: { ...t.explain.amount_untaxed, replaced_by: 100 } };
  assert.ok(collectEvidence({ fields: f, lines: [], text: page.join('\n'), ocrLines: [], ranking: replaced, now: NOW }).amount_total?.includes('sum-ok'));
  // the computed untaxed amount kept, the total replaced by a later step (second look, LLM): the triple no longer adds
  // up, and that is sum-off
  const later = { ...t.explain, amount_total: { ...t.explain.amount_total, replaced_by: 129 } };
  const off = collectEvidence({ fields: { ...f, amount_total: { ...f.amount_total, value: 129 } }, lines: [], text: page.join('\n'), ocrLines: [], ranking: later, now: NOW });
  assert.ok(off.amount_total?.includes('sum-off') && off.amount_untaxed?.includes('sum-off'), `sum-off: ${off.amount_total}`);
});

test('an untaxed amount computed from a tax table\'s sum row of tax and gross only checks nothing: no sum-ok', () => {
  const page = ['BROT  |  10,88', 'OBST  |  6,18', 'zu zahlen  |  17,06', 'Kreditkarte  |  17,06', 'MWST%  |  MWST  |  Netto  |  Brutto',
    'A 7%  |  0,71  |  10,17  |  10,88', 'B 19%  |  0,99  |  5,19  |  6,18', 'Summe  |  1,70  |  17,06'];
  const t = extractTotals(buildRows(docFromLines(page)), { decimal: ',', isReceipt: true });
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [17.06, 15.36, 1.7]);
  const f = fields({ amount_total: t.amount_total.value, amount_untaxed: t.amount_untaxed.value, amount_tax: t.amount_tax.value });
  const ev = collectEvidence({ fields: f, lines: [], text: page.join('\n'), ocrLines: [], ranking: t.explain, now: NOW });
  assert.ok(!ev.amount_total?.includes('sum-ok') && !ev.amount_untaxed?.includes('sum-ok'), `no sum-ok: ${ev.amount_untaxed}`);
});

test('a long run of letters on an amount\'s line is read in linear time (hostile text layer)', () => {
  const line = `Total ${'a'.repeat(40000)} 150`;
  const started = process.hrtime.bigint();
  printedWithoutCents([line, line, line].join(' '), 150);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
});
