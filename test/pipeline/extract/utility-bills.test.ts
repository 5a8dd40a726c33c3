// Text-layer bills of utilities and Italian/Spanish vendors (issue #13 item 3, #14): the VAT id its label names over a
// tax code, invoice-number labels of utility bills, the total of a bill that prints several amounts. Made-up
// documents shaped like such bills' layouts; the ids are made up with valid check digits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { collectAmountCandidates, extractTotals } from '../../../src/pipeline/extract/totals.js';
import { LEGAL_LINE_RE, TAX_ID_LINE_RE } from '../../../src/pipeline/extract/blocks.js';
import { extractVendor, taxIdLabelKind } from '../../../src/pipeline/extract/vendor.js';
import { CARRIED_BALANCE } from '../../../src/pipeline/extract/words.js';
import { docFromCells, docFromLines } from './helpers.js';

const vatOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines))).vendor_vat.value;

test('a tax id\'s label kind: the label right before it names a VAT id or only a tax code', () => {
  assert.equal(taxIdLabelKind('Registro Imprese di Roma Codice Fiscale '), 'tax-code');
  assert.equal(taxIdLabelKind('R.E.A. 1150724 Gruppo IVA Enel P.I. '), 'vat');
  assert.equal(taxIdLabelKind('Codice Fiscale e Partita IVA: '), 'vat');
  // the label before an earlier number is that number's
  assert.equal(taxIdLabelKind('Partita IVA 02780790107 C.F. '), 'tax-code');
  assert.equal(taxIdLabelKind('Steuernummer: '), 'tax-code');
  assert.equal(taxIdLabelKind('USt-IdNr.: '), 'vat');
  assert.equal(taxIdLabelKind('Sede legale Via Roma 15, '), null);
  // OCR's "1D" for "ID" is no number ending the label
  assert.equal(taxIdLabelKind('GST 1D No: '), 'vat');
  // an Italian Codice Fiscale's labels mark a tax-id line and a legal line too
  for (const line of ['ACME S.r.l. - C.F. 91390996030', 'Cod. Fisc. 91390996030', 'Codice Fiscale 91390996030']) {
    assert.ok(TAX_ID_LINE_RE.test(line) && LEGAL_LINE_RE.test(line), line);
  }
});

test('a member of an Italian VAT group: the group\'s Partita IVA is the VAT id, not the member\'s Codice Fiscale', () => {
  // the member's Codice Fiscale is also its Registro Imprese number, printed on the legal line
  assert.equal(vatOf([
    'Bolletta per la fornitura di energia elettrica',
    'Totale da pagare   120,00 €',
    'Luce Srl Energia S.p.A. - Sede Legale 00198 Roma, Via Verdi 15 - Registro Imprese di Roma Codice Fiscale 91390996030 R.E.A. 1150724 Gruppo IVA',
    'Luce P.I. 19935181909 - Capitale Sociale Euro 10.000.000,00 i.v.',
  ]), 'IT19935181909');
  // the group's id printed after the member's, the group leader's Codice Fiscale after it, on every page
  const footer = [
    'GAS MERCATO S.p.A. - Sede Legale via Roma 7, 16122 Genova - Iscritta nel registro delle Imprese di Genova R.E.A. n. 390320 - Codice Fiscale n. 88853933633, società',
    'partecipante al gruppo IVA "GAS", Partita IVA del gruppo n. 02972997528. Società con socio unico GAS S.p.A. Partita IVA del gruppo n.',
    '02972997528 e Codice Fiscale n. 05798682828',
  ];
  assert.equal(vatOf(['Bolletta', ...footer, 'Pagina 2', ...footer]), 'IT02972997528');
  // a Codice Fiscale's label alone does not make 11 bare digits a Partita IVA; behind a VAT label they are
  assert.equal(vatOf(['Fattura n. 12', 'ACME S.r.l. - Codice Fiscale 91390996030']), null);
  assert.equal(vatOf(['Fattura n. 12', 'ACME S.r.l. - P.IVA 91390996030']), 'IT91390996030');
});

test('a shopper\'s CPF is a tax code and the buyer\'s: its 11 digits are no Italian VAT id', () => {
  assert.equal(vatOf(['Cupom fiscal', 'CPF: 12345678909', 'Total  10,00']), null);
  assert.equal(vatOf(['Cupom fiscal', 'CONSUMIDOR CPF: 12345678909', 'Total  10,00']), null);
  assert.equal(taxIdLabelKind('CPF: '), 'tax-code');
  // a tax code's label still labels an id printed with its country prefix (its check digits read as OCR debris)
  assert.equal(vatOf(['Rechnung Nr. 12', 'Steuer-Nr. DE123456789']), 'DE123456789');
});

const numberOf = (lines: string[]) => extractInvoiceNumber(buildRows(docFromLines(lines))).value;

test('invoice-number labels of utility bills: "fattura elettronica n.", "Bolletta n.", "N. documento", "Factura número"', () => {
  assert.equal(numberOf(['Bolletta sintetica riferita alla fattura elettronica n. 5012345678 del 07/08/2024 valida ai fini fiscali.']), '5012345678');
  assert.equal(numberOf(['Bolletta sintetica riferita alla fattura elettronica n.5098765432 del08/01/2025']), '5098765432');
  assert.equal(numberOf(['FATTURA DI CORTESIA N. 2024-00123']), '2024-00123');
  assert.equal(numberOf(['Bolletta n. 412345678 del 12/03/2024']), '412345678');
  assert.equal(numberOf(['Numero bolletta: 412345678']), '412345678');
  assert.equal(numberOf(['N. bolletta 412345678']), '412345678');
  assert.equal(numberOf(['Bolletta  |  n. 412345678  |  del 01/02/2024']), '412345678');
  assert.equal(numberOf(['N. documento  |  412345678']), '412345678');
  assert.equal(numberOf(['Factura número PMN301N0123456']), 'PMN301N0123456');
  // "bolletta" naming the bill's amount, due date or receipt, and an English title's "n.", label no number
  assert.equal(numberOf(['Ricevuta bolletta 98765432']), null);
  assert.equal(numberOf(['Importo bolletta 1234567']), null);
  assert.equal(numberOf(['Invoice to John n. 4455']), null);
  // a transport document's number is not the invoice's
  assert.equal(numberOf(['N. documento di trasporto 4567']), null);
  assert.equal(numberOf(['N. doc. di trasp. 4567']), null);
  assert.equal(numberOf(['N. documento DDT 4567']), null);
});

test('a customer, page or order word excludes only its own label\'s clause, not a number label beside it in the cell', () => {
  assert.equal(numberOf(['Nº Factura: FE21321234567 Nº Cliente: 123456']), 'FE21321234567');
  assert.equal(numberOf(['Nº Factura: FE21321234567  Página 1 de 2']), 'FE21321234567');
  assert.equal(numberOf(['Nº Cliente: 123456 Nº Factura: FE21321234567']), 'FE21321234567');
  // the customer's own number label stays excluded, and a tax id's, its "ID" read as "1D"
  assert.equal(numberOf(['Kunden-Nr. 123456']), null);
  assert.equal(numberOf(['(GST 1D No :000123456789)']), null);
});

const amountsOf = (lines: string[]) => {
  const t = extractTotals(buildRows(docFromLines(lines)), { decimal: ',' });
  return [t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value];
};

test('a split-payment bill (art. 17-ter): the total is the amount to pay plus its VAT, the amount to pay the untaxed', () => {
  // the VAT printed as a deduction, the total with it printed as "Totale Bolletta"
  assert.deepEqual(amountsOf([
    'Importo da pagare  |  Dettaglio Spesa',
    'Spesa per l\'energia  |  1.235,48 €',
    'Totale imposte e IVA  |  568,60 €',
    'Totale Bolletta  |  2.589,80 €',
    'IVA in regime di Scissione Pagamenti-Art. 17-ter D.P.R.  |  -467,01 €',
    'Totale da pagare  |  2.122,79 €',
    'IVA 22%  |  su imponibile di euro 2.122,79',
  ]), [2589.8, 2122.79, 467.01]);
  // the "bill total" is the amount to pay; the total with VAT is printed under a weak label, the VAT beside its rate
  assert.deepEqual(amountsOf([
    'TOTALE BOLLETTA/FATTURA  |  37,16 €',
    'Totale al netto delle imposte  |  36,80 €',
    'Totale Imposte  |  0,36 €',
    'Imponibile  |  37,16 €',
    'Totale con IVA  |  45,34 €',
    'Iva 22% (su imponibile 37,16 €):  |  8,18 €',
    'Art. 17-ter D.P.R. n. 633-1972 (22%) Split Payment',
    'Totale da pagare  |  37,16 €',
    'Operazione con scissione dei pagamenti',
  ]), [45.34, 37.16, 8.18]);
  // a negated split payment, or an English "split payment" (a split bill), is none: what the bill asks to pay is its total
  const bill = (words: string) => amountsOf([
    'Totale Bolletta  |  2.589,80 €',
    'Acconto già fatturato  |  -467,01 €',
    words,
    'Totale da pagare  |  2.122,79 €',
    'IVA 22%  |  su imponibile di euro 2.122,79',
  ])[0];
  assert.equal(bill('Operazione soggetta a scissione dei pagamenti'), 2589.8);
  for (const words of ['Operazione non soggetta a scissione dei pagamenti', 'Scissione dei pagamenti: NO', 'Split payment']) {
    assert.equal(bill(words), 2122.79, words);
  }
  // without split payment, what the bill asks to pay is its total (a previous balance, a deposit: not its VAT)
  assert.equal(amountsOf([
    'Totale Bolletta  |  2.589,80 €',
    'Acconto già fatturato  |  -467,01 €',
    'Totale da pagare  |  2.122,79 €',
    'IVA 22%  |  su imponibile di euro 2.122,79',
  ])[0], 2122.79);
});

test('"Valor a Pagar" is what the bill asks to pay, a strong total label: over an amount a line item\'s words label', () => {
  const doc = docFromCells([
    [['Itens Faturados', 30, 190], ['Valor', 456, 509]],
    [['Consumo Ativo kWh', 30, 200], ['610,93', 520, 565]],
    [['Juros De Mora De Importe/Servico 12/2025-00', 30, 481], ['1,79', 523, 565]],
    [['Base de Cálculo', 40, 134], ['Alíquota', 159, 209], ['Valor do ICMS', 234, 316], ['Vencimento', 341, 404], ['Valor a Pagar', 429, 511]],
    [['(*)', 65, 95], ['(*)', 136, 167], ['(*)', 208, 239], ['02/03/2026', 280, 383], ['R$ 612,72', 424, 516]],
  ]);
  assert.equal(extractTotals(buildRows(doc), { decimal: ',' }).amount_total.value, 612.72);
});

test('a balance carried over from earlier bills: the bill\'s total is what the amount payable adds it to', () => {
  assert.equal(amountsOf(['Totale bolletta  |  120,00 €', 'Saldo bollette precedenti non pagate  |  50,00 €', 'Totale da pagare  |  170,00 €'])[0], 120);
  assert.equal(amountsOf(['Total factura  |  54,85 €', 'Saldo pendiente de facturas anteriores  |  20,00 €', 'Total a pagar  |  74,85 €'])[0], 54.85);
  // "saldo pendiente", "openstaand saldo", "facturas pendientes" without a word for earlier are what is still owed
  assert.equal(amountsOf(['Total factura  |  54,85 €', 'Saldo pendiente  |  20,00 €', 'Total a pagar  |  74,85 €'])[0], 74.85);
  assert.equal(amountsOf(['Total factura  |  54,85 €', 'Facturas pendientes  |  20,00 €', 'Total a pagar  |  74,85 €'])[0], 74.85);
  const carried = new RegExp(CARRIED_BALANCE, 'i');
  assert.equal(carried.test('Openstaand saldo'), false);
  assert.equal(carried.test('Openstaand saldo vorige facturen'), true);
  assert.equal(carried.test('Recibos pendientes'), false);
  // a carried balance's row, also read by the weak "saldo pendiente" total label, is no total
  const rows = buildRows(docFromLines(['Total factura  |  54,85 €', 'Saldo pendiente de facturas anteriores  |  20,00 €', 'Total a pagar  |  74,85 €']));
  const onCarriedRow = collectAmountCandidates(rows, ',', [54.85, 20, 74.85]).filter((c) => c.value === 20);
  assert.deepEqual(onCarriedRow.map((c) => c.kind), ['carried']);
  // an amount that is not the difference is no carried balance of these totals
  assert.equal(amountsOf(['Total factura  |  54,85 €', 'Saldo pendiente de facturas anteriores  |  25,00 €', 'Total a pagar  |  74,85 €'])[0], 74.85);
});

test('a party the bill names in a third party\'s role (the energy distributor, a carrier) is not its issuer', () => {
  // (a page's worth of consumption rows, so the footer is not at the top)
  const consumption = Array.from({ length: 30 }, (_, k) => `Consumo fascia F${k % 3 + 1}  |  ${k + 10} kWh`);
  const bill = [
    'La mia bolletta',
    'Distributore di riferimento  |  RETE LUCE S.P.A.',
    'Totale da pagare  |  120,00 €',
    ...consumption,
    'social Facebook, Twitter, Instagram  |  RETE LUCE S.P.A. Tel. 803500',
    'VENDI LUCE S.p.A. – Sede Legale via Roma 7, 16122 Genova – Iscritta nel registro delle Imprese di Genova R.E.A. n. 390320 – Codice Fiscale n. 91390996030, società',
    'partecipante al gruppo IVA “LUCE”, Partita IVA del gruppo n. 02972997528. Società con socio unico LUCE S.p.A.',
  ];
  const { vendor_name, explain } = extractVendor(buildRows(docFromLines(bill)));
  assert.equal(vendor_name.value, 'VENDI LUCE S.p.A.');
  // the distributor, printed near the issuer's legal lines, scores as a third party
  const runner = explain.vendor_name.runner_up;
  assert.ok(runner?.value !== 'RETE LUCE S.P.A.' || runner.why.includes('third-party'), JSON.stringify(runner));
});

const nameOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines))).vendor_name.value;

test('a third party is its whole name (not one its issuer\'s is a prefix of), and not the issuer printed at its own place', () => {
  const rows = Array.from({ length: 30 }, (_, k) => `Position ${k + 1}  |  ${k + 10},00 €`);
  // the issuer's network operator shares the start of its name
  assert.equal(nameOf([
    'Stadtwerke Musterstadt',
    'Hauptstraße 1, 12345 Musterstadt',
    'Rechnung Nr. 2024-123',
    'Netzbetreiber  |  Stadtwerke Musterstadt Netz GmbH',
    ...rows,
    'Gesamtbetrag  |  100,00 €',
  ]), 'Stadtwerke Musterstadt');
  // a carrier billing for itself names itself as the carrier
  assert.equal(nameOf([
    'Spedition Huber GmbH',
    'Industriestraße 5, 80331 München',
    'Rechnung Nr. 2024-77',
    'Spediteur: Spedition Huber GmbH',
    ...rows,
    'Gesamtbetrag  |  100,00 €',
  ]), 'Spedition Huber GmbH');
});
