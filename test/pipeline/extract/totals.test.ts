import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { chooseTotals, collectAmountCandidates, extractTotals, taxOnBaseRows, TOTAL_STRATEGIES, TRIPLE_WEIGHTS, type AmountCandidate, type Totals } from '../../../src/pipeline/extract/totals.js';
import type { DecimalSeparator } from '../../../src/pipeline/extract/numbers.js';
import { docFromLines } from './helpers.js';

function totalsOf(lines: string[], decimal: DecimalSeparator = '.'): Totals {
  return extractTotals(buildRows(docFromLines(lines)), { decimal });
}

test('subtotal, tax and total are told apart and cross-checked', () => {
  const t = totalsOf(['Subtotal  |  1,509.00 €', 'TVA 20%  |  301.80 €', 'Total  |  1,810.80 €']);
  assert.equal(t.amount_total.value, 1810.8);
  assert.equal(t.amount_untaxed.value, 1509);
  assert.equal(t.amount_tax.value, 301.8);
  assert.equal(t.consistent, true);
  assert.ok(t.amount_total.confidence >= 0.8);
});

test('"Total due" after a prepayment is not the grand total when the sums say otherwise', () => {
  const t = totalsOf(['Total HT  |  530,75 €', 'Total taxes  |  0,00 €', 'Total TTC  |  530,75 €', 'Solde à payer  |  383,75 €'], ',');
  assert.equal(t.amount_total.value, 530.75);
  assert.equal(t.amount_untaxed.value, 530.75);
});

test('German summary block with allowances and prepayments', () => {
  const t = totalsOf([
    'Positionssumme  |  473,00', 'Gesamtbetrag der Zuschläge  |  0,00', 'Gesamtbetrag der Abschläge  |  -0,00',
    'Rechnungssumme ohne USt.  |  473,00', 'Steuerbetrag  |  56,87', 'Bruttosumme  |  529,87',
    'Erhaltene Anzahlungen  |  -0,00', 'Zahlbetrag  |  529,87',
  ], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [529.87, 473, 56.87]);
});

test('negative amounts of a correction invoice keep their sign', () => {
  const t = totalsOf(['Rechnungssumme ohne USt.  |  -7,67', 'Steuerbetrag  |  -1,12', 'Bruttosumme  |  -8,79'], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [-8.79, -7.67, -1.12]);
});

test('receipt: cash and change are not the total; rounding is', () => {
  const t = totalsOf(['TOTAL:', '9.00', 'ROUNDING ADJUSTMENT:', '0.00', 'ROUNDED TOTAL (RM):', '9.00', 'CASH', '10.00', 'CHANGE', '1.00']);
  assert.equal(t.amount_total.value, 9);
});

test('receipt: rounded total wins over the unrounded one when the payment confirms it', () => {
  const t = totalsOf(['TOTAL  |  RM 33.92', 'ROUNDING ADJUSTMENT  |  -RM 0.02', 'TOTAL ROUNDED  |  RM 33.80', 'CASH  |  RM 50.00', 'CHANGE  |  RM 16.10']);
  // the OCR misread the rounded total; cash - change and the unrounded total agree on 33.90
  assert.equal(t.amount_total.value, 33.9);
});

test('receipt: a total printed rounded beside the unrounded one is what was paid, on 5 cents only', () => {
  // snippets as OCR read SROIE tune slips: "Total Rounded", and a "Rounding" line that carries the whole total
  const labelled = totalsOf(['Eat-In Total (incl GST)  |  29.26', 'Rounding Adjust  |  0.02', 'Total Rounded  |  29.30', 'Cash Tendered  |  50.00']);
  assert.equal(labelled.amount_total.value, 29.3);
  assert.ok(labelled.explain.amount_total.winner?.why.includes('rounded-total'));
  const roundingLine = totalsOf(['Total Sales (Inclusive GST) RM  |  52.08', 'Rounding Adjustment RM  |  0.02', 'Rounding RM  |  52.10', 'CASH RM  |  60.00']);
  assert.equal(roundingLine.amount_total.value, 52.1);
  // cash rounding lands on multiples of 5 cents: "Rounding 72.78" is a misread, the labelled total stays
  const misread = totalsOf(['Total Sales (Inclusive GST) RM  |  72.74', 'Rounding Adjustment RM  |  0.01', 'Rounding RM  |  72.78']);
  assert.equal(misread.amount_total.value, 72.74);
});

test('receipt: "Total After Rounding" is the total, a rounding line of its own is not', () => {
  // as OCR read a SROIE tune slip: the label's first letter misread, noise before the amount
  const t = totalsOf(['Rounding Adjustment  |  0.00', 'iotal After Rounding 225=7  |  85.10', 'CASH  |  100.10', 'CHANGE  |  15.00']);
  assert.equal(t.amount_total.value, 85.1);
  // (the misread word is read as "TOTAL": readTotalWord)
  assert.ok(t.explain.amount_total.winner?.why.some((w) => /^total:total\b/i.test(w)), 'found by its label, not as the largest amount');
});

test('receipt: the GST summary table\'s "Total" is not the document total', () => {
  const t = totalsOf([
    'SUB-TOTAL (EX)  |  4.60', 'TOTAL TAX  |  0.28', 'ROUNDING  |  0.02', 'TOTAL  |  4.90', 'CASH  |  4.90', 'CHANGE  |  0.00',
    'GST SUMMARY', 'TAX CODE  |  AMOUNT  |  TAX', 'SR  |  4.60  |  0.28', 'TOTAL :  |  4.60  |  0.28',
  ]);
  assert.equal(t.amount_total.value, 4.9);
  assert.equal(t.consistent, true); // 4.60 + 0.28 + 0.02 rounding
});

test('a quantity line is not a total, an integer without cents is not money', () => {
  const t = totalsOf(['Total Qty: 2', 'Total items 5', 'Grand Total  |  12.50']);
  assert.equal(t.amount_total.value, 12.5);
  assert.equal(totalsOf(['Total  |  5']).amount_total.value, null);
});

test('inconsistent totals lower confidence', () => {
  const good = totalsOf(['Net amount  |  100.00', 'VAT amount  |  20.00', 'Total amount  |  120.00']);
  const bad = totalsOf(['Net amount  |  100.00', 'VAT amount  |  25.00', 'Total amount  |  120.00']);
  assert.equal(bad.consistent, false);
  assert.ok(bad.amount_total.confidence < good.amount_total.confidence);
});

test('a tax-rate table under header labels: the row that sums the rows above is the document figure', () => {
  const t = totalsOf([
    'Nettobetrag  |  MwSt-Betrag  |  Endbetrag',
    '321,40  |  61,07  |  382,47',
    '127,59  |  8,93  |  136,52',
    '448,99  |  70,00  |  518,99',
  ], ',');
  assert.equal(t.amount_total.value, 518.99);
});

test('gross amount "inklusive 19 % Versicherungsteuer" with the included tax in parentheses', () => {
  const t = totalsOf([
    'vierteljährlicher Beitrag inklusive 19 % Versicherungsteuer  |  220,00 €',
    'in diesem Beitrag enthaltene Versicherungsteuer  |  (35,13 €)',
  ], ',');
  assert.deepEqual([t.amount_total.value, t.amount_tax.value, t.amount_untaxed.value], [220, 35.13, 184.87]);
  assert.ok(t.amount_untaxed.confidence < t.amount_total.confidence); // derived, not printed
});

test('an unreadable total label: the printed amount equal to untaxed + tax + rounding is the total', () => {
  const t = totalsOf(['SUB-TOTAL (EX)  |  26.00', 'TOTAL TAX  |  1.56', 'ROUNDING  |  -0.01', 'BERL  |  Be 7 2 Re JH 27.55']);
  assert.equal(t.amount_total.value, 27.55);
});

test('line items that add up to what was paid outweigh a misread total label', () => {
  const rows = buildRows(docFromLines([
    'Description  |  Qty Price Amount', 'Plastic  |  2 15.50 31.00',
    'Total Amount:  |  31.60', 'Cash Received:  |  101.00', 'Change :  |  70.00',
  ]));
  const lines = [{ description: 'Plastic', quantity: 2, unit_price: 15.5, amount: 31, tax_rate: null }];
  assert.equal(extractTotals(rows, { decimal: '.', isReceipt: true, lines }).amount_total.value, 31);
  // without the line items, the label stands
  assert.equal(extractTotals(rows, { decimal: '.', isReceipt: true }).amount_total.value, 31.6);
});

test('payable = total − prepaid: the document total is the gross amount, not what remains to pay', () => {
  // "Amount due" is the stronger label, but 1,200.00 − 400.00 = 800.00 says which is the invoice total
  const t = totalsOf(['Total  |  1,200.00', 'Deposit received  |  400.00', 'Amount due  |  800.00']);
  assert.equal(t.amount_total.value, 1200);
  assert.equal(t.evidence.payable_after_prepaid, true);
  assert.deepEqual(t.explain.amount_total.runner_up?.value, 800);
  assert.ok(t.explain.amount_total.runner_up?.why.includes('payable-after-prepaid'));
});

test('payable = total − prepaid works with German labels', () => {
  const t = totalsOf(['Summe  |  2.380,00', 'Erhaltene Anzahlung  |  1.000,00', 'Zahlbetrag  |  1.380,00'], ',');
  assert.equal(t.amount_total.value, 2380);
});

test('line items that sum to one of two equally labelled untaxed amounts decide between them', () => {
  const cand = (value: number): AmountCandidate => ({ kind: 'untaxed', value, score: 0.9, confidence: 0.9, rowIndex: 1 });
  const without = chooseTotals([cand(45), cand(50)]);
  assert.equal(without.amount_untaxed.value, 45); // first found wins a tie
  const withLines = chooseTotals([cand(45), cand(50)], { lineSum: 50 });
  assert.equal(withLines.amount_untaxed.value, 50);
  assert.equal(withLines.evidence.lines_sum, 'untaxed');
});

test('the weights behind the choice are named tables, and the strategies a list', () => {
  assert.ok(TRIPLE_WEIGHTS.addsUp > TRIPLE_WEIGHTS.total, 'adding up outweighs any single label');
  assert.deepEqual(TOTAL_STRATEGIES.map((s) => s.name).slice(0, 2), ['printed-sum', 'paid-equals-total']);
});

test('a discount between subtotal and tax lowers the untaxed amount when the summary then adds up', () => {
  const t = totalsOf(['Subtotal  |  $125.00', 'Partner Discount', '-20.00', 'GST 13%  |  $13.65', 'Total  |  $118.65', 'Paid  |  -$118.65']);
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [118.65, 105, 13.65]);
  assert.equal(t.consistent, true);
});

test('Dutch summary: subtotaal, totaal exclusief BTW, BTW, bedrag inclusief BTW; paid and "te betalen 0" ignored', () => {
  const t = totalsOf(['Subtotaal  |  € 156,20', 'Totaal exclusief BTW  |  € 156,20', 'BTW  |  € 32,80', 'Bedrag inclusief BTW  |  € 189,00', 'Betaald met iDeal  |  € 189,00-', 'Te betalen  |  € 0,00'], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [189, 156.2, 32.8]);
});

test('Portuguese summary: total ilíquido, total IVA, total a pagar', () => {
  const t = totalsOf(['Total Ilíquido  |  1.000,00 €', 'Total IVA  |  230,00 €', 'Total a pagar  |  1.230,00 €'], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [1230, 1000, 230]);
});

test('Spanish summary: "total parcial" is the untaxed amount, "saldo adeudado" the total', () => {
  const t = totalsOf(['TOTAL PARCIAL  |  1419.00', 'DESCUENTO  |  0.00', 'TOTAL IMPUESTOS  |  302.00', 'Saldo adeudado  |  1721.00']);
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [1721, 1419, 302]);
});

test('a tax table\'s sum row that adds up names untaxed, tax and total, whatever its column headers read as', () => {
  const t = totalsOf(['zu zahlen  |  15,69', 'Kreditkarte  |  15,69', 'MWS TH%  |  MWST + Netto  |  =  |  Brutto',
    'A 7%  |  0,62  |  8,89  |  9,51', 'B19 %  |  0,98  |  5,19  |  6,18', 'Summe  |  1,61  |  14,08  |  15,69'], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [15.69, 14.08, 1.61]);
  assert.equal(t.consistent, true);
});

test('receipt: a total whose decimal point OCR lost ("1200") is read as 12.00 and confirmed by paid − change', () => {
  const t = extractTotals(buildRows(docFromLines(['Milo  |  1  |  6.00', 'Bread  |  1  |  6.00', 'Total Amt Payable :  |  1200 =', 'Paid Amount  |  20.00', 'Change :  |  8.00'])), { decimal: '.', isReceipt: true });
  assert.equal(t.amount_total.value, 12);
  assert.ok(t.explain.amount_total.winner?.why.some((w) => w.includes('lost-decimal')));
});

test('receipt: a paid amount off the total by a few cents but not a multiple of 5 cents is a misread, not cash rounding', () => {
  const t = totalsOf(['Total  |  5.00', 'Rounding Adjustment  |  0.00', 'Total After Rounding  |  5.00', 'Cash  |  10.02', 'CHANGE  |  5.00']);
  assert.equal(t.amount_total.value, 5);
});

test('"600,-" is an amount in whole euros: a total so printed outranks a stray untaxed figure', () => {
  const t = totalsOf(['Subtotaal  |  €730  |  0%', 'Korting  |  €0  |  0%', 'BTW  |  0%', 'Totaal  |  €600,-  |  0%'], ',');
  assert.equal(t.amount_total.value, 600);
});

test('receipt: a card payment printed as "CREDIT" or "Master 5148" confirms the cash-rounded total', () => {
  assert.equal(totalsOf(['Total Sales (Inclusive GST) RM  |  42.33', 'Rounding  |  0.02', 'CREDIT RM  |  42.35']).amount_total.value, 42.35);
  assert.equal(totalsOf(['Total with GST @ 6%  |  41.48', 'Rounding  |  0.02', 'Master 5148 App: 83550  |  41.50']).amount_total.value, 41.5);
});

test('German summary where "Summe" is the net sum and a bare "Gesamt" the gross total: the arithmetic decides', () => {
  const t = totalsOf(['1.  |  The first service provided  |  200,00€', 'Summe:  |  283,66€', '19% Mehrwertsteuer:  |  66,54€', 'Gesamt:  |  350,20€'], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [350.2, 283.66, 66.54]);
});

test('Brazilian bills label what is charged "Valor cobrado" / "Valor até o vencimento"', () => {
  assert.equal(totalsOf(['Subtotal (R$)  |  84,86', 'Cosip  |  5,11', 'VALOR ATÉ O VENCIMENTO', 'R$ 89,97'], ',').amount_total.value, 89.97);
  assert.equal(totalsOf(['DATA DOCUMENTO  |  VALOR COBRADO (R$)', '17/01/2020  |  89,97'], ',').amount_total.value, 89.97);
});

test('cash handed over bounds a cash sale: a total many times above it is misread digits, the cash stands in', () => {
  const t = totalsOf(['SUB-TOTAL 59.99', 'GST 3.36', 'ROUNDING 0.00', 'TOTAL 633595', 'CASH 63.35', 'CHANGE 000', 'THANK YOU']);
  assert.equal(t.amount_total.value, 63.35);
  // a cash line below the subtotal is the misread one ("CASH 0.15" for 50.15), and a discount above the total is no payment
  const misreadCash = totalsOf(['SUB-TOTAL 11.46', 'GST 0.69', 'TOTAL 12.15', 'CASH 0.15']);
  assert.equal(misreadCash.amount_total.value, 12.15);
  assert.ok(!misreadCash.explain.amount_total.winner?.why.includes('above-cash-tendered'));
  assert.equal(totalsOf(['SubTotal 205.00', 'Cash Promotion 34.00', 'Total Inclusive GST 217.00']).amount_total.value, 217);
});

test('a total read without its decimal point takes it back from the same amount printed with cents', () => {
  const t = totalsOf(['Honey Lemon RM4.20', 'Total Amount: RM3160', 'Discount: RM0.00', 'After Discount: RM31.60', 'Total Sales: RM31.60']);
  assert.equal(t.amount_total.value, 31.6);
});

test('a till\'s bare "Due" line is the total, confirmed by "Pay" minus "Change"', () => {
  const t = extractTotals(buildRows(docFromLines(['SCONE 1 7.50', 'Rounding Adj 0.00', 'Due 7.50', 'Pay 20.00', 'Change 12.50'])), { decimal: '.', isReceipt: true });
  assert.equal(t.amount_total.value, 7.5);
});

test('"incl. 19,00% MwSt" opening a line is the included tax, not the total', () => {
  const t = totalsOf(['MAUS 90,89 b', 'MOUSEPAD 8,97 b', 'Total EUR 99,86', 'Kartenzahlung', 'Betrag EUR 99,86', 'incl. 19,00% Mwst (b) 15,94', 'Netto-Warenwert: (b) 83,92'], ',');
  assert.equal(t.amount_total.value, 99.86);
  assert.equal(t.amount_tax.value, 15.94);
});

test('"Total" with one letter misread is still the total label; "CASH CHANGE" is the change', () => {
  assert.equal(totalsOf(['Item 40.00', 'Item 45.10', 'Rounding Adjustment 0.00', 'iotal After Rounding 85.10', 'Cash 100.10', 'CHANGE 15.00']).amount_total.value, 85.1);
  const t = extractTotals(buildRows(docFromLines(['SUBTOTAL : 43.90', 'Total (Excluding GST) 41.42', 'CASH 100.00', 'CASH CHANGE . 56.10'])), { decimal: '.', isReceipt: true });
  assert.equal(t.amount_total.value, 43.9);
});

test('a subtotal equal to a total that includes its tax is not the untaxed amount: the total less the tax is', () => {
  const t = totalsOf(['Subtotal:  |  7.00', 'Total Incl. of GST  |  7.00', 'Payment :  |  7.00', 'Change Due :  |  0.00', 'GST @ 6%  |  0.40']);
  assert.equal(t.amount_total.value, 7);
  assert.equal(t.amount_tax.value, 0.4);
  assert.equal(t.amount_untaxed.value, 6.6);
  // the summary neither checks nor contradicts the total (the "subtotal" is the total read again): no evidence that
  // it does not add up, which would make the total look less backed than an unlabelled amount (engine-look backing)
  assert.equal(t.evidence.adds_up, null);
  const excl = totalsOf(['Subtotal  |  100.00', 'VAT 19%  |  19.00', 'Total  |  100.00']);
  assert.notEqual(excl.amount_untaxed.value, 81, 'a tax the total does not say it includes is not taken out of it');
});

test('a change line that prints its cents alone ("CHANGE RM .20") still tells what was paid', () => {
  const off = totalsOf(['Total Sales (Inclusive GST)  |  RM 20.90', 'CASH  |  RM 21.00', 'CHANGE  |  RM .20']);
  assert.equal(off.evidence.paid_matches_total, false, '21.00 − 0.20 is not 20.90');
  const ok = totalsOf(['Total Sales (Inclusive GST)  |  RM 20.80', 'CASH  |  RM 21.00', 'CHANGE  |  RM .20']);
  assert.equal(ok.evidence.paid_matches_total, true);
  assert.equal(ok.amount_total.value, 20.8);
});

test('a subtotal equal to the total whose tax is a printed rate of the total less it: the total includes the tax', () => {
  const t = totalsOf(['Sub Total  |  8.00', 'NET TOTAL  |  8.00', 'CASH  |  10.00', 'CHANGE  |  2.00', 'Tax 6%  |  0.45']);
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [8, 7.55, 0.45]);
  const excl = totalsOf(['Sub Total  |  100.00', 'VAT 19%  |  19.00', 'NET TOTAL  |  100.00']);
  assert.notEqual(excl.amount_untaxed.value, 81, '19 is 19 % of 100, not of 81: the tax is not included');
});

test('the tax the total includes, in the words of every language (extract/words.ts): "IVA incluido", "davon 19% MwSt"', () => {
  for (const line of ['IVA incluido 21%  |  2,10', 'davon 19% MwSt  |  2,10', 'MwSt. im Betrag enthalten  |  2,10']) {
    const t = totalsOf(['Pan  |  4,00', 'Leche  |  8,10', 'TOTAL  |  12,10', line], ',');
    assert.equal(t.amount_tax.value, 2.1, line);
    assert.ok(t.explain.amount_tax.winner?.why.some((w) => w.endsWith('+included')), `${line}: read as the included tax`);
  }
});

test('a total that says it includes the tax ("TOTAL (IVA INCLUIDO)", "Total (VAT included)") stays the total', () => {
  assert.equal(totalsOf(['TOTAL (IVA INCLUIDO) 12,10'], ',').amount_total.value, 12.1);
  assert.equal(totalsOf(['Total (VAT included)  |  12.10']).amount_total.value, 12.1);
  assert.equal(totalsOf(['Totaal (BTW inbegrepen)  |  12,10'], ',').amount_total.value, 12.1);
  assert.equal(totalsOf(['Menu  |  12,10', 'Total (IVA incluido)  |  12,10', 'Efectivo  |  20,00', 'Cambio  |  7,90'], ',').amount_total.value, 12.1);
  // the tax's own line still reads as the included tax
  const t = totalsOf(['Total  |  12,10', 'IVA incluido 10%  |  1,10'], ',');
  assert.equal(t.amount_total.value, 12.1);
});

test('a bill taxed at several rates, each tax line under a strong label with its own rate: their sum is the tax', () => {
  const t = totalsOf(['Total HT  |  5 354,18 €', 'Total TVA 20,0 %  |  24,00 €', 'Total TVA 5,5 %  |  287,88 €', 'Total TTC  |  5 666,06 €'], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [5666.06, 5354.18, 311.88]);
  assert.equal(t.consistent, true);
  // the same rate twice is one line printed twice, not two rates
  const twice = totalsOf(['Total HT  |  100,00 €', 'Total TVA 20 %  |  20,00 €', 'Total TVA 20 %  |  20,00 €', 'Total TTC  |  140,00 €'], ',');
  assert.notEqual(twice.amount_tax.value, 40);
});

test('a tax line naming its base ("IVA 22% (su imponibile di euro 87,18) 19,18", "VAT @ 0% on 80.65"): base and tax', () => {
  const it = totalsOf(['Spesa per la materia energia  |  29,40 €', 'Importo IVA 22% (su imponibile di euro 87,18)  |  19,18 €', 'TOTALE DELLA BOLLETTA  |  106,36 €', 'Totale imposte e IVA  |  21,26 €'], ',');
  assert.deepEqual([it.amount_total.value, it.amount_untaxed.value, it.amount_tax.value], [106.36, 87.18, 19.18]);
  assert.ok(it.explain.amount_tax.winner?.why.includes('tax-on-base'));
  // a zero rate printing no tax of its own, the base quoted with a dot on a comma bill
  const zero = totalsOf(['Gesamtbetrag  |  80,65 EUR', 'VAT @ 0% on 80.65', 'Gesamtbetrag  |  80,65'], ',');
  assert.deepEqual([zero.amount_total.value, zero.amount_untaxed.value, zero.amount_tax.value], [80.65, 80.65, 0]);
  for (const line of ['TVA 20 % sur 100,00 €  |  20,00 €', 'MwSt 19 % auf 100,00  |  19,00', 'IVA 21% sobre 100,00  |  21,00', 'BTW 21% over 100,00  |  21,00']) {
    const rows = buildRows(docFromLines([line]));
    const found = taxOnBaseRows(rows, ',').map((c) => [c.kind, c.value]);
    assert.deepEqual(found.sort(), [['tax', Number(line.split('|')[1].replace(/[^\d,]/g, '').replace(',', '.'))], ['untaxed', 100]].sort(), line);
  }
  // the tax must be the printed rate of the base: "IVA 22% su 87,18  5,00" says nothing
  assert.deepEqual(taxOnBaseRows(buildRows(docFromLines(['IVA 22% su 87,18  |  5,00'])), ','), []);
  // two such lines at one rate (two deliveries on one bill): the bill's base and tax are their sums, which add up
  const two = totalsOf(['VAT 20% on 100.00  |  20.00', 'VAT 20% on 50.00  |  10.00', 'Total  |  180.00']);
  assert.deepEqual([two.amount_total.value, two.amount_untaxed.value, two.amount_tax.value], [180, 150, 30]);
});

test('an Italian bill\'s "Imposta di bollo" is a stamp duty charged as an item, not the tax', () => {
  const t = totalsOf(['Onorario  |  4.876,00 €', 'Imposta di Bollo  |  2,00 €', 'Totale IVA  |  0,00 €', 'Totale documento  |  4.878,00 €'], ',');
  assert.equal(t.amount_total.value, 4878);
  assert.equal(t.amount_tax.value, 0);
});

test('an Argentine bill\'s "Importe Neto Gravado" is the untaxed amount; a "Subtotal c/IVA" is none', () => {
  const t = totalsOf([
    'Subtotal  |  IVA', 'Subtotal c/IVA', 'TRANSPORTE:  |  594636,99', 'Importe Otros Tributos: $  |  0,00', 'Importe Neto Gravado: $  |  491435,54',
    'IVA 27%: $  |  0,00', 'IVA 21%: $  |  103201,45', 'IVA 10.5%: $  |  0,00', 'IVA 5%: $  |  0,00', 'Importe Total: $  |  594636,99',
  ], ',');
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [594636.99, 491435.54, 103201.45]);
  // the zeros of the unused rates are no tax, however often printed
  assert.ok(t.explain.amount_tax.runner_up?.why.includes('unused-rates'));
  // a till's GST summary, its 6 % rate with a tax and a zero, is no table of unused rates: its zeros keep their weight,
  // and the taxable amount of "TAX AMT (S) 6%" does not become the tax
  const till = extractTotals(buildRows(docFromLines(['TAX AMT (S) 6%  |  RM 13.30', 'GST 6%  |  RM 0.80', 'TAX AMT (Z) 0%  |  RM 0.00', 'GST 0%  |  RM 0.00',
    'TAX AMT (E) 6%  |  RM 0.00', 'EXC GST 6%  |  RM 0.00', 'TOTAL  |  RM 14.10', 'CASH  |  RM 20.00', 'CHANGE  |  RM 5.90'])), { decimal: '.', isReceipt: true });
  assert.notEqual(till.amount_tax.value, 13.3);
  const withTax = collectAmountCandidates(buildRows(docFromLines(['Subtotal c/IVA  |  121,00', 'Subtotal con IVA  |  121,00', 'Subtotal (incl. VAT)  |  121,00', 'Subtotal inkl. 19% MwSt  |  119,00', 'Subtotal  |  100,00'])), ',', []);
  assert.deepEqual(withTax.filter((c) => c.kind === 'untaxed').map((c) => c.value), [100]);
  // a word that merely holds a tax's name is none: "incl. Zustellung" (a delivery) leaves the subtotal an untaxed amount
  const delivery = collectAmountCandidates(buildRows(docFromLines(['Subtotal incl. Zustellung  |  110,00'])), ',', []);
  assert.deepEqual(delivery.filter((c) => c.kind === 'untaxed').map((c) => c.value), [110]);
});

test('a "Total" heading beside an item table\'s description column heads the line amounts, no total', () => {
  // a museum's ticket receipt: the item table's headings, two tickets, what was paid
  const lines = ['RECU  |  11/12/2022 12h42', 'Description  |  Total', 'Entree plein tarif  |  6,00', 'Entree tarif reduit  |  3,50', 'Paye  |  9,50'];
  const t = extractTotals(buildRows(docFromLines(lines)), { decimal: ',', isReceipt: true });
  assert.notEqual(t.amount_total.value, 6, 'the first line under the heading is no total');
  assert.equal(t.amount_total.value, 9.5);
  // over a table of one line, that line's amount is the table's total too
  const one = totalsOf(['Aantal  |  Omschrijving  |  Bedrag  |  Totaal', '1  |  Complete website  |  600,00  |  600,00', 'Betaling binnen 7 dagen'], ',');
  assert.equal(one.amount_total.value, 600);
  // ... and so over one line and the summary's subtotal under it, its total printed lower down
  const withSubtotal = totalsOf(['Aantal  |  Omschrijving  |  Bedrag  |  Totaal', '1  |  Complete website  |  600,00  |  600,00', '.  |  .  |  Subtotaal  |  730,00', '.  |  .  |  Korting  |  0,00', '.  |  .  |  Totaal  |  600,00'], ',');
  assert.equal(withSubtotal.amount_total.value, 600);
  // a summary's headings over its one row of figures stay a total's heading
  const summary = totalsOf(['Netto  |  MwSt  |  Total', '100,00  |  19,00  |  119,00'], ',');
  assert.equal(summary.amount_total.value, 119);
});

test('French "H.T." and "T.T.C." as printed with dots, and "TTC" opening its cell, label the untaxed amount and the total', () => {
  const bare = totalsOf(['TOTAL H.T.  |  100,00', 'TVA  |  13,37', 'TTC EUR  |  113,37'], ',');
  assert.deepEqual([bare.amount_total.value, bare.amount_untaxed.value, bare.amount_tax.value], [113.37, 100, 13.37]);
  const dotted = totalsOf(['Total H.T.  |  100,00', 'TVA  |  13,37', 'Total T.T.C.  |  113,37'], ',');
  assert.deepEqual([dotted.amount_total.value, dotted.amount_untaxed.value, dotted.amount_tax.value], [113.37, 100, 13.37]);
  assert.ok(dotted.amount_untaxed.confidence >= 0.8);
});

test('"TTC" beside a rate is one rate\'s gross; a bare "TTC" below items\' "Total" and fees is the bill\'s', () => {
  // a per-rate tax summary under the bill's total: "TTC 20%" is that rate's gross, not the bill's
  const perRate = totalsOf(['Livre  |  10,00', 'Vin  |  15,00', 'TOTAL  |  25,00', 'HT 20%  |  12,50', 'TVA 20%  |  2,50', 'TTC 20%  |  15,00', 'Réglé par CB  |  25,00'], ',');
  assert.equal(perRate.amount_total.value, 25);
  // an items' "Total" above fees and the tax: the bare "TTC" below them is the bill's (review, 2026-12-08: dropping
  // every "TTC" on a page with another total label took the items' 20,00 and 100,00)
  const fees = totalsOf(['Débours  |  20,00', 'Total  |  20,00', 'Honoraires HT  |  100,00', 'TVA 20%  |  20,00', 'TTC  |  140,00'], ',');
  assert.equal(fees.amount_total.value, 140);
  const port = totalsOf(['Prestation  |  100,00', 'Total  |  100,00', 'Port  |  20,00', 'TVA 20%  |  24,00', 'TTC  |  144,00'], ',');
  assert.equal(port.amount_total.value, 144);
});
