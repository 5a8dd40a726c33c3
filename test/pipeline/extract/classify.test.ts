import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyDocument, isTillSlip } from '../../../src/pipeline/extract/classify.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { detectLanguage } from '../../../src/pipeline/extract/language.js';
import { docFromLines } from './helpers.js';

const typeOf = (lines: string[], aspect: number | null = 1.41): string | null =>
  classifyDocument(buildRows(docFromLines(lines)), aspect).value;

test('titles in five languages', () => {
  assert.equal(typeOf(['ACME GmbH', 'Rechnung Nr. 123', 'Datum: 01.02.2020']), 'invoice');
  assert.equal(typeOf(['ACME SARL', 'Facture FA-2017-0009']), 'invoice');
  assert.equal(typeOf(['ACME SRL', 'Fattura n. 12/2020']), 'invoice');
  assert.equal(typeOf(['ACME SL', 'Factura nº 2020-15']), 'invoice');
  assert.equal(typeOf(['ACME SARL', 'Avoir AV-2020-3']), 'credit_note');
  assert.equal(typeOf(['ACME GmbH', 'Gutschrift Nr. 55']), 'credit_note');
  assert.equal(typeOf(['ACME SRL', 'Nota di credito n. 4']), 'credit_note');
  assert.equal(typeOf(['ACME GmbH', 'Lieferschein 4711']), 'delivery_note');
  assert.equal(typeOf(['ACME SRL', 'DDT n. 88 del 01/02/2020']), 'delivery_note');
  assert.equal(typeOf(['ACME Ltd', 'PURCHASE ORDER', 'PO number 4500012']), 'purchase_order');
  assert.equal(typeOf(['ACME SARL', 'Devis D-2020-1']), 'other');
});

test("El Salvador's tax invoice between businesses, the \"comprobante de crédito fiscal\", is an invoice, not an untitled slip", () => {
  const page = ['TRANSPORTES DEL PACIFICO, S.A. de C.V.', 'DOCUMENTO TRIBUTARIO ELECTRÓNICO', 'COMPROBANTE DE CRÉDITO FISCAL', 'NIT: 0614-010203-101-4',
    'Número de control: DTE-03-M001P001-000000000000042', 'FLETE LOCAL 120.00', 'SUMAS 120.00', 'IVA 13% 15.60', 'TOTAL 135.60'];
  assert.equal(typeOf(page), 'invoice');
});

test('a document cited by its number ("Nº Albarán", "Nr. Lieferschein", "N° de commande") is a reference, not a title', () => {
  const cites = (label: string) => ['BODEGAS DEL NORTE S.L.', 'FACTURA', `${label}: 02/13728`, 'VINO TINTO 6 5,95 35,70', `${label}: 02/13744`, 'VINO BLANCO 6 2,75 16,50', `${label}: 02/13769`, 'TOTAL 52,20'];
  assert.equal(typeOf(cites('Nº ALBARÁN')), 'invoice');
  assert.equal(typeOf(cites('Nr. Lieferschein')), 'invoice');
  for (const label of ['Numéro de bon de livraison', 'Nro. Albarán', 'N. DDT']) assert.equal(typeOf(cites(label)), 'invoice', label);
  assert.equal(typeOf(['Lieferschein', 'Nr. Bestellung: 4711', 'Artikel 12 Stück']), 'delivery_note', "a document's own title still counts");
  assert.equal(typeOf(['BODEGAS DEL NORTE S.L.    NÚMERO DE FACTURA: 134116', 'PATATAS 12 9.90 118.80', 'TOTAL: 130.68 €']), 'invoice', "the page's own number names what it is");
});

test('self-billing "Gutschrift" is an invoice, a corrected invoice too', () => {
  assert.equal(typeOf(['Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 47110818 vom 31.10.2018']), 'invoice');
  assert.equal(typeOf(['Rechnungskorrektur (384) Nr. RK21012345 vom 16.09.2018']), 'invoice');
});

test('a reference field is not a title: "Lieferschein-Nr" on an invoice', () => {
  assert.equal(typeOf(['W A R E N R E C H N U N G', 'Lieferschein-Nr : L8765', 'Bestell-Nr : B123']), 'invoice');
});

test('a till slip calling itself "tax invoice" is a receipt', () => {
  const slip = ['SAM SAM TRADING CO', 'TAX INVOICE', 'ITEM 1 5.20', 'TOTAL RM 14.10', 'CASH RM 20.00', 'CHANGE RM 5.90', 'THANK YOU FOR SHOPPING'];
  assert.equal(typeOf(slip, 2.2), 'receipt');
});

test('a cash bill or cash invoice is paid on the spot: a receipt, even beside "tax invoice"', () => {
  assert.equal(typeOf(['ACME BAKERIES SDN BHD', 'TAX INVOICE / CASH BILL', 'INVOICE NO: 7823F714', 'TOTAL 12.40']), 'receipt');
  assert.equal(typeOf(['ACME TRADING', 'TAX INVOICE', 'CASH INV NO: 7823F714', 'TOTAL 12.40']), 'receipt');
  assert.equal(typeOf(['ACME HARDWARE', 'SIMPLIFIED TAX INVOICE', 'Doc No CS00241999', 'TOTAL 21.20']), 'receipt');
  assert.equal(typeOf(['ACME KITCHEN SDN BHD', 'Guest Check', 'Invoice no; 000039121', 'Total: 593.10']), 'receipt');
});

test('a restaurant slip titled "tax invoice" with staff, table and time of sale is a receipt; a bill with terms stays an invoice', () => {
  const slip = ['ACME THAI EXPRESS SDN BHD', 'TAX INVOICE NO 6664', 'Date: 14/04/2018 11:28:59 PM', 'Cashier: s201', 'Waiter: ANJO', 'Total Amount: 21.80', 'Rounding Adj: 0.00'];
  assert.equal(typeOf(slip), 'receipt');
  const bill = ['ACME SDN BHD', 'TAX INVOICE NO 6664', 'Date: 14/04/2018 11:28:59', 'Cashier: s201', 'Bill to: Foo Sdn Bhd', 'Payment terms: 30 days', 'Rounding 0.00', 'Total Amount: 21.80'];
  assert.equal(typeOf(bill), 'invoice');
});

test('an untitled page that sums up a sale is taken for a receipt, with little confidence', () => {
  const r = classifyDocument(buildRows(docFromLines(['Contoso', '123 Main Street', 'Sub-Total $1,098.99', 'Tax $104.40', 'Total $1,203.39'])), 1.41);
  assert.equal(r.value, 'receipt');
  assert.ok(r.confidence < 0.5);
});

test('an untitled page that sums up stays a receipt beside one word a bill prints (a half-read "… Cliente"); two make it no slip', () => {
  const slip = ['VALOR', '3,28', '6,99', 'Total  |  10,27', 'ata Cliente 0042'];
  assert.equal(classifyDocument(buildRows(docFromLines(slip)), 1.41).value, 'receipt');
  assert.notEqual(classifyDocument(buildRows(docFromLines([...slip, 'Data de vencimento 2025-01-31'])), 1.41).value, 'receipt');
});

test('nothing recognisable is "other" with low confidence', () => {
  const r = classifyDocument(buildRows(docFromLines(['lorem ipsum', 'dolor sit amet'])), 1.41);
  assert.equal(r.value, 'other');
  assert.ok(r.confidence < 0.5);
});

test('language by stop words', () => {
  assert.equal(detectLanguage('Rechnung für die Lieferung und Leistung, zahlbar bis'), 'de');
  assert.equal(detectLanguage('Facture pour la livraison des produits et le paiement'), 'fr');
  assert.equal(detectLanguage('Fattura per il pagamento della fornitura e del servizio'), 'it');
  assert.equal(detectLanguage('Factura para el pago de los productos y del servicio'), 'es');
  assert.equal(detectLanguage('Invoice for the delivery of goods, payment due with thanks'), 'en');
  assert.equal(detectLanguage('12345 67'), null);
});

test('an invoice that cites the buyer\'s order is still an invoice; a purchase order\'s own title is not a citation', () => {
  assert.equal(typeOf(['ACME Ltd', 'INVOICE', 'Order: 4711', 'Bill to: Buyer Inc']), 'invoice');
  assert.equal(typeOf(['ACME GmbH', 'Rechnung', 'Bestellung 2018-0921 vom 01.02.2018']), 'invoice');
  assert.equal(typeOf(['ACME Ltd', 'Order', 'Please deliver the goods below']), 'purchase_order');
});

test('Dutch and Portuguese titles', () => {
  assert.equal(typeOf(['ACME B.V.', 'Factuur 2020-15']), 'invoice');
  assert.equal(typeOf(['ACME Lda', 'Fatura FT 2024/118']), 'invoice');
  assert.equal(typeOf(['ACME B.V.', 'Creditnota 12']), 'credit_note');
  assert.equal(typeOf(['ACME B.V.', 'Pakbon 4711']), 'delivery_note');
});

test('a Dutch bill titled only by its number labels is an invoice: its invoice-only lines say so', () => {
  const rows = buildRows(docFromLines([
    'R. van de Steeg Onderhoud en Montage', 'Tolweg 27', 'Debiteurnummer : 120855  |  Factuurdatum : 14-08-2024', 'Factuurnummer : 600627',
    'Artikelnr:  |  Aantal  |  Omschrijving  |  Regeltotaal', 'Subtotaal  |  Eur 319,03', 'Factuurtotaal  |  Eur 386,03',
    'Betalingsconditie : Binnen 30 dagen na factuurdatum', 'KVK 08113875, BTW 813941155B01, IBAN NL78 INGB 0680 0009 17',
  ]));
  assert.equal(classifyDocument(rows).value, 'invoice');
});

test('a shop\'s customer card or the consumer\'s tax id is no customer to bill: the slip that sums up stays a receipt', () => {
  const slip = ['Hipermercado Exemplo', 'DESCRICAO  |  VALOR', 'PAO  |  1,19', 'LEITE  |  0,89', 'Total  |  2,08', 'Cartão Cliente 0000123'];
  assert.equal(typeOf(slip), 'receipt');
  // a bill's customer block still counts against it
  assert.notEqual(typeOf(['Exemplo Lda', 'Cliente: Oficina Central', 'Data de vencimento: 01-02-2025', 'Total  |  2,08']), 'receipt');
});

test('Brazil\'s till slip is a "cupom fiscal"; till lines in Dutch, Spanish, Portuguese and Italian tell a till slip', () => {
  // told by its title or its till lines, not only guessed from an untitled page that sums up
  const tillSlip = (lines: string[]) => isTillSlip(classifyDocument(buildRows(docFromLines(lines)), 1.41));
  assert.ok(tillSlip(['RESTAURANTE EXEMPLO ME', 'CNPJ: 00.000.000/0001-00', 'CUPOM FISCAL', '001 RISOTO  |  48,00', 'TOTAL R$  |  48,00']));
  assert.ok(tillSlip(['Winkel Voorbeeld', 'BROOD  |  2,19', 'TOTAAL  |  2,19', 'PINNEN  |  2,19', 'BONNUMMER 4411']));
  assert.ok(tillSlip(['Bar Ejemplo', 'CAFE  |  1,40', 'TOTAL  |  1,40', 'EFECTIVO  |  2,00', 'Le atendió: Ana']));
  assert.ok(tillSlip(['Café Exemplo', 'BICA  |  0,80', 'TOTAL  |  0,80', 'DINHEIRO  |  1,00', 'TROCO  |  0,20']));
  assert.ok(tillSlip(['Bar Esempio', 'CAFFE  |  1,20', 'TOTALE  |  1,20', 'CONTANTI  |  2,00', 'CASSIERE 3']));
});

test('a credit note titled at the top keeps its type on a page of bill lines and invoice-word field labels', () => {
  // "Rechnungsanschrift" and the bank lines would otherwise carry the page to "invoice"
  const lines = [
    'Gutschrift',
    'Muster Kosmetik B.V.  |  CN-0042177',
    'Rechnungsanschrift  |  Versand an  |  GESAMTSUMME',
    'Erika Beispiel  |  Erika Beispiel  |  € 18,90',
    'Teilsumme  |  € 15,88',
    'Gesamtsumme  |  € 18,90',
    'IBAN: NL00 BANK 0000 0000 00  |  BIC: BANKNL2A',
    'Zahlungsbedingungen: erstattet auf Ihr Konto',
  ];
  assert.equal(typeOf(lines), 'credit_note');
  // the same page titled as a bill stays an invoice
  assert.equal(typeOf(['Rechnung', ...lines.slice(1)]), 'invoice');
});

test('a delivery note cited among an invoice\'s item lines is no title; one above its own table is', () => {
  const bill = ['EMBUTIDOS ACME, S.L.', 'Factura', 'CÓDIGO    DESCRIPCIÓN    UDS.    PRECIO    IMPORTE', 'ALBARÁN: 2500450 - FECHA: 25/11/25', '601    LOMITO IBERICO    1    35,91    35,91', 'TOTAL    39,50'];
  assert.equal(typeOf(bill), 'invoice');
  const note = ['ACME SL', 'ALBARÁN 2500450', 'CÓDIGO    DESCRIPCIÓN    UDS.', '601    LOMITO IBERICO    1'];
  assert.equal(typeOf(note), 'delivery_note');
});

test('a bill\'s item rows ending in a tax code are no till\'s tax-class lines', () => {
  const rows = Array.from({ length: 6 }, (_, i) => `00105${i} COQUILLETTES 5KG    3    15,000    2,870    a:18%    2,350    35,25 1`);
  assert.equal(typeOf(['EKIBIO SAS', 'FACTURE No 792437 du 07/02/23', 'Code et Désignation    Qte    Prix Net    Montant HT', ...rows, 'Total TTC    671,37']), 'invoice');
  // a German till's items, price and tax class, still speak for a till slip
  assert.equal(typeOf(['REWE Markt GmbH', 'BANANEN    1,99 A', 'MILCH    0,99 A', '2 x 0,89    1,78 A', 'BROT    2,49 A', 'SUMME EUR    7,25']), 'receipt');
});
