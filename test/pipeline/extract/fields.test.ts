// Field extractors on short layouts: vendor vs customer, invoice vs order numbers, issue vs due vs delivery dates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DATE_WHY, extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber, extractPoNumber, parseReference } from '../../../src/pipeline/extract/references.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { detectCurrency } from '../../../src/pipeline/extract/currency.js';
import { docFromCells, docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));

test('vendor comes from the seller block, not the buyer block', () => {
  const v = extractVendor(rowsOf([
    'Rechnung Nr. 1001',
    'Rechnungsempfänger',
    'Name:  |  Kunden AG Mitte',
    'USt-IdNr.:  |  DE136695976',
    'Verkäufer',
    'Name:  |  Lieferant GmbH',
    'USt-IdNr.:  |  DE232446240',
  ]));
  assert.equal(v.vendor_name.value, 'Lieferant GmbH');
  assert.equal(v.vendor_vat.value, 'DE232446240');
  assert.ok(v.vendor_vat.confidence > 0.7);
});

test('the customer\'s VAT number ("N° TVA client") is never the vendor\'s', () => {
  const v = extractVendor(rowsOf(['Akretion France', '27 rue Henri Rolland', 'N° TVA client  |  FR90343434346', 'Facture 12', 'TVA : FR86792377731']));
  assert.equal(v.vendor_vat.value, 'FR86792377731');
  assert.equal(v.vendor_name.value, 'Akretion France');
});

test('letterhead: sender line above the window address', () => {
  const v = extractVendor(rowsOf(['QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen', 'iViveLabs Ltd.', '93B Sai Yu Chung', 'Rechnung']));
  assert.equal(v.vendor_name.value, 'QualityHosting AG');
});

test('receipt header: a handwritten lower-case note above the shop name is skipped', () => {
  const v = extractVendor(rowsOf(['tan woon yann', 'BOOK TA .K (TAMAN DAYA) SDN BHD', '(789417-W)', 'NO.53 55,57 & 59, JALAN SAGU 18,', 'CASH BILL']));
  assert.equal(v.vendor_name.value, 'BOOK TA .K (TAMAN DAYA) SDN BHD');
});

test('no vendor in text -> null with zero confidence', () => {
  const v = extractVendor(rowsOf(['12345', '67890']));
  assert.deepEqual(v.vendor_name, { value: null, confidence: 0 });
  assert.deepEqual(v.vendor_vat, { value: null, confidence: 0 });
});

test('invoice number from a title, from a label, and not from a customer or order number', () => {
  assert.equal(extractInvoiceNumber(rowsOf(['Handelsrechnung (380) Nr. 471102 vom 05.03.2018'])).value, '471102');
  assert.equal(extractInvoiceNumber(rowsOf(['Facture FA-2017-0009'])).value, 'FA-2017-0009');
  assert.equal(extractInvoiceNumber(rowsOf(['Rechnungsnr.  |  30064443  |  Kundennr.  |  47774'])).value, '30064443');
  assert.equal(extractInvoiceNumber(rowsOf(['Invoice No : # BLR_WFLD20151000982590'])).value, 'BLR_WFLD20151000982590');
  assert.equal(extractInvoiceNumber(rowsOf(['Rechnung # RE-20151008/504 von 08.10.2015'])).value, 'RE-20151008/504');
  assert.equal(extractInvoiceNumber(rowsOf(['Kunden-Nr. : 009420', 'Bestell-Nr : B123456789'])).value, null);
  assert.equal(parseReference(' 05.03.2018'), null); // a date is not a number
  assert.equal(parseReference(' : 1.234,56'), null); // nor is an amount
});

test('purchase order number', () => {
  assert.equal(extractPoNumber(rowsOf(['Votre référence  |  BC543'])).value, 'BC543');
  assert.equal(extractPoNumber(rowsOf(['Bestellung:  |  2018092011804'])).value, '2018092011804');
  assert.equal(extractPoNumber(rowsOf(['Your order no. PO-4711'])).value, 'PO-4711');
  assert.equal(extractPoNumber(rowsOf(['Bestell-Datum : 01.08.2013'])).value, null);
});

test('issue date vs due date vs delivery date on one page', () => {
  const d = extractDates(rowsOf([
    'Invoice 123',
    'Delivery date: 01/09/2022',
    'Invoice Date:  |  Due Date:',
    '21/09/2022  |  21/10/2022',
  ]), 'DMY');
  assert.equal(d.date.value, '2022-09-21');
  assert.equal(d.due_date.value, '2022-10-21');
});

test('title date beats a service period; "bis zum" is a due date', () => {
  const d = extractDates(rowsOf([
    'Rechnung Nr. 504 vom 08.10.2015',
    'Leistungszeitraum 01.09.2015 bis 30.09.2015',
    'Bitte überweisen Sie bis zum 29.10.2015.',
  ]), 'DMY');
  assert.equal(d.date.value, '2015-10-08');
  assert.equal(d.due_date.value, '2015-10-29');
});

test('"del" after the document\'s number names its issue date; a law\'s number and date do not', () => {
  const d = extractDates(rowsOf(['Nr. Documento 5700012345 del 13/04/2026  |  DA PAGARE ENTRO IL  |  25/05/2026', 'Data 01/03/2026']), 'DMY');
  assert.equal(d.date.value, '2026-04-13');
  assert.deepEqual(d.explain.date.winner?.why, ['issue-label']);
  const glued = extractDates(rowsOf(['riferita alla fattura elettronica n.5098765432 del08/01/2025 valida', 'Data 30/11/2024']), 'DMY');
  assert.equal(glued.date.value, '2025-01-08');
  const law = extractDates(rowsOf(['ai sensi del decreto legge n. 130 del 27/09/2021', 'Data 01/03/2026']), 'DMY');
  assert.equal(law.date.value, '2026-03-01');
});

test('"vom"/"du" after an order or a law is not the issue date; a label belongs to the date right after it', () => {
  const order = extractDates(rowsOf(['Rechnungsdatum: 20.10.2025', 'Rechnung  |  Ihre Bestellung vom: 17.10.2025 08:10:12']), 'DMY');
  assert.equal(order.date.value, '2025-10-20');
  assert.ok(!order.explain.date.winner?.why.includes(DATE_WHY.labelConflict));
  const law = extractDates(rowsOf(['Date : 29/02/2024', 'à la date de la facture. Conformément à la Loi n° 2020-105 du 10/02/2020']), 'DMY');
  assert.equal(law.date.value, '2024-02-29');
  const wide = (lines: string[]) => buildRows(docFromLines(lines, { width: 2000 }));
  const sentence = extractDates(wide(['Date : 29/02/2024', 'Passé un délai de 15 jours à compter de la date de la facture sans observation écrite du  |  Conformément aux dispositions de la Loi n° 2020-105 du 10/02/2020']), 'DMY');
  assert.equal(sentence.date.value, '2024-02-29', 'a label in a sentence of the next column');
  const title = extractDates(rowsOf(['Facture du 12/03/2020', 'Date : 01/02/2020']), 'DMY');
  assert.equal(title.date.value, '2020-03-12');
  const two = extractDates(rowsOf(['Emissão: 07/01/2024 Postagem: 15/01/2024']), 'DMY');
  assert.equal(two.date.value, '2024-01-07');
  assert.ok(!two.explain.date.winner?.why.includes(DATE_WHY.labelConflict));
});

test('"Fait le" labels a French document\'s date', () => {
  const d = extractDates(rowsOf(['Facture N° 11243', '3 RUE DU GOLF', '33701 MERIGNAC CEDEX  |  Fait le : 23/05/24', 'Commande 12/05/24']), 'DMY');
  assert.equal(d.date.value, '2024-05-23');
  assert.deepEqual(d.explain.date.winner?.why, ['date-label']);
});

test('a lone "Del" takes the document number printed above it in its column', () => {
  const d = extractDates(rowsOf(['Cliente 100519429  |  N. Fattura 082383020230924', 'Data contratto: 12/05/2010  |  Del 10.02.2017']), 'DMY');
  assert.equal(d.date.value, '2017-02-10');
});

test('activation, supply-start, reading and status dates are not the issue date, though "Data" labels them', () => {
  const d = extractDates(rowsOf([
    'Data attivazione fornitura: 01/01/2021',
    'DATA INIZIO FORNITURA  |  01/02/2021',
    'Data di decorrenza condizioni economiche: 01.11.2022',
    'Data lettura  |  31/07/2022',
    'Alla data 29/03/2023 tutte le fatture risultano pagate',
    'Data contratto 15/03/2023',
    'Roma, 07/06/2023',
  ]), 'DMY');
  assert.equal(d.date.value, '2023-06-07');
});

test('a contract\'s or its conditions\' end is no due date', () => {
  const d = extractDates(rowsOf(['Fattura n. 82602308031 del 28/04/2026', 'Scadenza condizioni economiche: 31/10/2026', 'Data di scadenza contratto: 31/10/2026', 'Data scadenza: 03/06/2026']), 'DMY');
  assert.equal(d.due_date.value, '2026-06-03');
});

test('both ends of a period are no issue date, however the period is joined', () => {
  for (const period of ['Energia F1  |  01/03/2026 - 31/03/2026', 'Consegna 15/01/2026 a 13/02/2026', 'Servizio  |  24.03.2026-23.04.2026', '01 APRILE 2023 - 31 MAGGIO 2023']) {
    const d = extractDates(rowsOf([period, 'Importo 5,00  |  28/04/2026']), 'DMY');
    assert.equal(d.date.value, '2026-04-28', period);
  }
});

test('a pick also printed as another kind of date, or beside another issue-labelled date, says so', () => {
  const other = extractDates(rowsOf(['Roma, 01/02/2026', 'Data inizio fornitura 01/02/2026']), 'DMY');
  assert.equal(other.date.value, '2026-02-01');
  assert.ok(other.explain.date.winner?.why.includes(DATE_WHY.otherKind));
  // a title line's date above an issue-labelled one further down the page (the labelled one read day-first by locale)
  const filler = Array.from({ length: 16 }, (_, i) => `Voce ${i + 1}`);
  const two = extractDates(rowsOf(['Fattura 123  |  Roma 25/04/2026', ...filler, 'Data emissione: 05/04/2026']), 'DMY');
  assert.equal(two.date.value, '2026-04-25');
  assert.ok(two.explain.date.winner?.why.includes(DATE_WHY.labelConflict));
  const both = extractDates(rowsOf(['Invoice date: 05/04/2026', 'Rechnungsdatum: 06/04/2026']), 'DMY');
  assert.ok(!both.explain.date.winner?.why.includes(DATE_WHY.labelConflict), 'a pick under its own issue label stands');
  const one = extractDates(rowsOf(['Invoice date: 05/04/2026', 'Due date: 06/05/2026']), 'DMY');
  assert.ok(!one.explain.date.winner?.why.includes(DATE_WHY.labelConflict));
  assert.ok(!one.explain.date.winner?.why.includes(DATE_WHY.otherKind));
});

test('payment terms give the due date when none is printed', () => {
  const d = extractDates(rowsOf(['Invoice Date: 21/09/2022', 'Payment terms: 30 Days']), 'DMY');
  assert.equal(d.due_date.value, '2022-10-21');
  assert.ok(d.due_date.confidence < d.date.confidence);
});

test('date under a table header names its column', () => {
  const d = extractDates(rowsOf(['Rechnung 1 vom 01.03.2018', 'Beschreibung  |  Fälligkeit  |  Teilzahlung', 'Der Rechnungsbetrag wurde bereits beglichen.  |  03.10.2018']), 'DMY');
  assert.equal(d.due_date.value, '2018-10-03');
});

test('currency from codes, symbols and labels', () => {
  assert.equal(detectCurrency('Währung: EUR\nSumme 10,00').value, 'EUR');
  assert.equal(detectCurrency('Total 1,810.80 €').value, 'EUR');
  assert.equal(detectCurrency('TOTAL RM 9.00').value, 'MYR');
  assert.equal(detectCurrency('Promotional Discount of Rs -40.00').value, 'INR');
  assert.equal(detectCurrency('Total $ 12.00', { country: 'MX' }).value, 'MXN');
  assert.equal(detectCurrency('Total $ 12.00').value, 'USD');
  assert.equal(detectCurrency('Total £ 12.00').value, 'GBP');
  assert.deepEqual(detectCurrency('nothing'), { value: null, confidence: 0 });
  const weak = detectCurrency('$ 1.00');
  const strong = detectCurrency('Currency: USD\nTotal USD 1.00\nTax USD 0.10');
  assert.ok(strong.confidence > weak.confidence);
});

test('dollar signs of their own: R$ is the real, C$ the Canadian dollar', () => {
  assert.equal(detectCurrency('Total a pagar R$ 4.600,90').value, 'BRL');
  assert.equal(detectCurrency('Amount due C$ 118.65').value, 'CAD');
  assert.equal(detectCurrency('Amount due $ 118.65').value, 'USD');
  assert.equal(detectCurrency('Factuurtotaal   Eur   386,03').value, 'EUR');
  assert.equal(detectCurrency('Total $14.13 Paid -$14.13 Total Due CAD', { country: 'CA' }).value, 'CAD', 'a Canadian issuer\'s $');
  assert.equal(detectCurrency('Gesamtbetrag 350,20 Euro').value, 'EUR');
});

test('a bare "Emissão" (pt), "Emissione" (it), "Emisión" (es) labels the issue date, not a later postage date', () => {
  const d = extractDates(rowsOf(['Vencimento: 25/01/2024', 'EMISSÃO: 07/01/2024', 'POSTAGEM: 15/01/2024']), 'DMY');
  assert.equal(d.date.value, '2024-01-07');
  assert.equal(extractDates(rowsOf(['Spedizione: 15/01/2024', 'Emissione 07/01/2024']), 'DMY').date.value, '2024-01-07');
});

test('a currency token with no amount beside it stays below the review threshold', () => {
  // "CS02070163" misread as "€S02070163", a stray "TRY" in OCR debris: shown, never trusted enough to write
  const stray = detectCurrency('Do: No   €S02070163   Date: 22/12/2017\nSoh TRY 212017\nTotal 32.70');
  assert.ok(stray.confidence < 0.6, `${stray.value} ${stray.confidence}`);
  // the same symbol next to an amount is evidence
  const anchored = detectCurrency('Total EUR    34,73\nTax 1.65 €');
  assert.equal(anchored.value, 'EUR');
  assert.ok(anchored.confidence >= 0.6, String(anchored.confidence));
});

test('Dutch labels: factuurnummer, factuurdatum, vervaldatum, month names', () => {
  const rows = rowsOf(['Factuur', 'Datum: 29 oktober 2015', 'Vervaldatum: 12 november 2015', 'Factuurnummer: 8587333880016', 'BTW nr.: NL820471616B01']);
  assert.equal(extractInvoiceNumber(rows).value, '8587333880016');
  const d = extractDates(rows, 'DMY');
  assert.deepEqual([d.date.value, d.due_date.value], ['2015-10-29', '2015-11-12']);
});

test('Portuguese labels: fatura n.º, data de emissão, data de vencimento', () => {
  const rows = rowsOf(['Fatura n.º FT 2024/118', 'Data de emissão: 3 de março de 2024', 'Data de vencimento: 2 de abril de 2024']);
  assert.equal(extractInvoiceNumber(rows).value, 'FT 2024/118');
  const d = extractDates(rows, 'DMY');
  assert.deepEqual([d.date.value, d.due_date.value], ['2024-03-03', '2024-04-02']);
});

test('"your next invoice date is ..." is not the issue date', () => {
  const d = extractDates(rowsOf(['Invoice 1020  |  March 18, 2019', 'Total  |  $118.65', 'Thank you for your business. Your next invoice date is April 18, 2019.']), 'DMY');
  assert.equal(d.date.value, '2019-03-18');
});

test('issuer named by the copyright line and its own web domain, not the unlabelled customer block', () => {
  const v = extractVendor(rowsOf([
    'Invoice 1020  |  March 18, 2019', 'The Company', 'Alan AB', '55 address', 'london, ON', 'Total  |  $118.65',
    'This message was sent to alan@hubdoc.com because you have a Hubdoc account.', '©2019 Hubdoc, Inc | All Rights Reserved',
  ]));
  assert.equal(v.vendor_name.value, 'Hubdoc, Inc');
  assert.ok(v.explain.vendor_name.winner?.why.includes('own-domain'));
});

test('a letterhead row is one name only up to its legal form: the next column is the addressee', () => {
  const v = extractVendor(rowsOf(['bol.com b.v.    Dhr. M el Mathari', 'Papendorpseweg 100, 3528 BJ Utrecht', 'BTW nr.: NL820471616B01', 'Factuur']));
  assert.equal(v.vendor_name.value, 'bol.com b.v.');
});

test('a name in capitals OCR\'d in two pieces is still joined', () => {
  const v = extractVendor(rowsOf(['LIGHTROOM GALLERY SDN    BHD', 'NO. 28 JALAN ASTANA 1C', 'CASH BILL']));
  assert.equal(v.vendor_name.value, 'LIGHTROOM GALLERY SDN BHD');
});

test('the seller block ends where a buyer column ("Billing Address") starts beside it', () => {
  const v = extractVendor(rowsOf(['Sold By : WS Retail', 'Order ID: OD304175096047380001 Billing Address  |  Shipping Address', 'Anushrut Singh  |  Anushrut Singh']));
  assert.equal(v.vendor_name.value, 'WS Retail');
});

test('invoice number after a qualified title ("Teilrechnung Bau (875) Nr."), not under a heading that says "Rechnungen"', () => {
  const rows = rowsOf(['Lesbarmachung der XML-Daten von elektronischen Rechnungen', 'Stylesheet-Version:  |  2.6 vom 10.11.2025', 'Teilrechnung Bau (875) Nr. 210111 vom 30.05.2025']);
  assert.equal(extractInvoiceNumber(rows).value, '210111');
});

test('Dutch and Portuguese address headers: the customer\'s block and VAT id are not the issuer\'s', () => {
  const nl = extractVendor(rowsOf(['Factuuradres:', 'Klantbedrijf B.V.', 'BTW-nummer: NL820471616B01', 'Leverancier:', 'Drukkerij Jansen B.V.', 'Factuur 2020-15']));
  assert.equal(nl.vendor_name.value, 'Drukkerij Jansen B.V.');
  assert.equal(nl.vendor_vat.value, null);
  const pt = extractVendor(rowsOf(['Fornecedor:', 'Papelaria Central Lda', 'NIPC: PT501442600', 'Adquirente:', 'Cliente Exemplo SA']));
  assert.deepEqual([pt.vendor_name.value, pt.vendor_vat.value], ['Papelaria Central Lda', 'PT501442600']);
});

test('receipt letterhead: an OCR\'d street ("StraBe 130") and a currency heading are not names; item lines end it', () => {
  const v = extractVendor(rowsOf(['Warburger StraBe 130', '33100 Paderborn', 'EUR', 'Bananen  |  0,19 A', 'Karottensalat  |  0,99 A']));
  assert.equal(v.vendor_name.value, null);
});

test('receipt: the name printed with a company registration number is the issuer, even one starting with digits', () => {
  const v = extractVendor(rowsOf(['KIKU JAPANESE RESTAURANT', 'TK DIVISION KITCHEN SDN BHD', '1202152-P', '19-1, JALAN MALINJA 2, TAMAN BUNGA RAYA', 'CASH BILL']));
  assert.equal(v.vendor_name.value, 'TK DIVISION KITCHEN SDN BHD');
  const w = extractVendor(rowsOf(['99 SPEED MART S/B (519537-X)', 'LOT P.T. 2811, JALAN ANGSA,', 'TAMAN BERKELEY', '44150 KLANG, SELANGOR']));
  assert.equal(w.vendor_name.value, '99 SPEED MART S/B');
});

test('the issuer\'s own reference ("Our Reference") and a Brazilian "Nota Fiscal Nº" name the invoice number', () => {
  // (the number stands under "Our Reference:", as printed: a line under another heading is that heading's, layout.ts)
  const ours = buildRows(docFromCells([[['Your Reference:', 60, 144], ['Our Reference:', 361, 439]], [['F2324-001', 361, 418]]]));
  assert.equal(extractInvoiceNumber(ours).value, 'F2324-001');
  assert.equal(extractInvoiceNumber(rowsOf(['NOTA FISCAL Nº 83067882 - SÉRIE 0'])).value, '83067882');
});

test('issuer names: a page counter, a copy mark or a title glued to the name are not the name; a person addressed in full words is the customer', () => {
  const page = extractVendor(rowsOf(['Página 1 de 2', 'TIM S.A.', 'Rua Santos Saraiva,1520-2 Andar']));
  assert.equal(page.vendor_name.value, 'TIM S.A.');
  const copy = extractVendor(rowsOf(['ORIGINAL FOR RECIPIENT', 'Gujarat Freight Tools', 'TAX INVOICE']));
  assert.equal(copy.vendor_name.value, 'Gujarat Freight Tools');
  const glued = extractVendor(rowsOf(['FACTUUR Drukkerij Jansen B.V.', 'Kerkstraat 1, 1011 AB Amsterdam']));
  assert.equal(glued.vendor_name.value, 'Drukkerij Jansen B.V.');
  const person = extractVendor(rowsOf(['Mevrouw M.S. Post', 'Postbus 10', 'Factuur', 'Installatiebedrijf Oost B.V.', 'KvK 12345678']));
  assert.ok(person.explain.vendor_name.winner?.value !== 'Mevrouw M.S. Post', JSON.stringify(person.explain.vendor_name));
});

test('delivery and billing address blocks in pt, de, it, es are the customer\'s', () => {
  for (const header of ['ENDEREÇO DE ENTREGA', 'Lieferadresse:', 'Indirizzo di spedizione', 'Dirección de envío']) {
    const v = extractVendor(rowsOf([header, 'Cliente Exemplo Comércio Ltda', 'Avenida Central 854', 'Fatura 2024/1']));
    assert.notEqual(v.vendor_name.value, 'Cliente Exemplo Comércio Ltda', header);
  }
  // an avenue with a house number is an address, not a name
  const street = extractVendor(rowsOf(['AVENIDA JOAO LEITE, N. 854, - L019 FERREIRA PACHECO']));
  assert.equal(street.vendor_name.value, null);
});

test('a vendor printed only as a logo: named by the domain on its legal line, and its VAT id there beats the customer\'s', () => {
  const rows = rowsOf([
    'R. van de Steeg Onderhoud en Montage', 'Tolweg 27', '3851 SL ERMELO', 'Debiteurnummer : 120855  |  Factuurdatum : 14-08-2024',
    'Btw-nummer : NL004421957B08  |  Pagina : 1', 'Factuurnummer : 600627', 'Factuurtotaal  |  Eur 386,03',
    'Meeboerserf 6, 3851 SR Ermelo, info@welplast.nl, www.welplast.nl', 'KVK 08113875, BTW 813941155B01, IBAN NL78 INGB 0680 0009 17',
  ]);
  const v = extractVendor(rows);
  assert.equal(v.vendor_name.value, 'Welplast');
  assert.equal(v.vendor_vat.value, 'NL813941155B01');
  assert.ok(v.explain.vendor_vat.winner?.why.includes('legal-line'));
  // a mail platform's domain names nobody
  const mail = extractVendor(rowsOf(['Jan Jansen', 'Tolweg 27', 'jan@gmail.com', 'IBAN NL78 INGB 0680 0009 17']));
  assert.equal(mail.vendor_name.value, 'Jan Jansen');
});

test('the holder of the bank account to pay into is the issuer; a legal footer name outranks a domain', () => {
  const v = extractVendor(rowsOf([
    'ALEXINUX', 'de Lattre Alexis', '27 rue Henri Rolland', '69100 Villeurbanne', 'Facture n° 2022089083', 'Total TTC :  |  56,02 €',
    'Virement  |  BRED BANQUE POPULAIRE – Titulaire du compte : NETPRESSE', 'IBAN : FR76 10107 00245 00617052317 39',
    'NETPRESSE', 'Siège social : 16 rue Mollien - 92100 BOULOGNE – annonce@publicationannoncelegale.fr',
  ]));
  assert.equal(v.vendor_name.value, 'NETPRESSE');
});

test('whom a cheque is made payable to is the issuer, as the holder of the account to pay into is', () => {
  // a scanned US invoice as OCR reads it, its logo not read: the payee line names the issuer, not the customer on top
  // or the "Contact …" line
  const v = extractVendor(rowsOf([
    'Invoice Number: 1-996-84199', 'Invoice Date: Sep 01, 2014', 'Account Number: 1334-8037-4', 'Page: 1 of 2',
    'IRISINC', 'RECBIVED', 'SHARONANDERSON', '4731 W ATLANTIC AVE STE B1', 'DELRAY BEACH FL 33445-3897', 'Invoice Questions?',
    'Billing Account Shipping Address:', 'Contact FedEx Revenue Services', 'IRISINC', 'Phone: (800) 622-1147',
    'Internet: www.fedex.com', 'Invoice Summary Sep 01, 2014', 'Total Charges USD $ 11.00', 'TOTAL THIS INVOICE USD $ 11.00',
    'To ensure proper credit, please return this portion with your payment to FedEx.', 'Please make your check payable to FedEx',
    'Remittance Advice', 'IRISINC', 'P.O. Box 94515', 'PALATINE IL 60094-4515',
  ]));
  assert.equal(v.vendor_name.value, 'FedEx');
  // the name ends with its sentence, and 'the order of' is no part of it
  const payee = (line: string) => extractVendor(rowsOf(['INVOICE', 'Invoice Number: 12', 'Total due $ 10.00', line])).vendor_name.value;
  assert.equal(payee('Make all checks payable to Acme Consulting LLC. Thank you for your business!'), 'Acme Consulting LLC.');
  assert.equal(payee('Please make checks payable to the order of Acme Consulting LLC'), 'Acme Consulting LLC');
});

test('a customer id under "CPF/CNPJ" is not the issuer\'s CNPJ', () => {
  const v = extractVendor(rowsOf(['TIM S.A.', 'CNPJ: 02.421.421/0012-74', 'BRANDILI TEXTIL LTDA', 'CENTRO  |  CPF/CNPJ: 84229889000173']));
  assert.equal(v.vendor_vat.value, '02421421001274');
});

test('a tax id under "CNPJ/CPF" (either order) is the billed party\'s, a person or a company: no issuer\'s id', () => {
  for (const label of ['CNPJ/CPF', 'CPF/CNPJ']) {
    const v = extractVendor(rowsOf(['Nota fiscal', 'SERVICO SOCIAL DA INDUSTRIA', `${label}: 84.229.889/0001-73`, 'AVENIDA JOAO LEITE, N. 854']));
    assert.equal(v.vendor_vat.value, null, label);
  }
});

test('an explicit number label carries a short number ("Fattura n° 2"); elsewhere one or two digits are no number', () => {
  assert.equal(extractInvoiceNumber(rowsOf(['Fattura n°  |  2', 'del  |  06/02/2019'])).value, '2');
  assert.equal(extractInvoiceNumber(rowsOf(['Invoice No.: 30'])).value, '30');
  assert.equal(extractInvoiceNumber(rowsOf(['Rechnung  |  Seite 1', 'Nr. 7'])).value, null);
});

test('under a table header row the number is read from its own column: the customer number beside it is not it', () => {
  const rows = rowsOf(['  |  Lieferadresse', 'RECHNUNG', '  |  TG Höchberg -TA-', '2503001  |  Waldsportanlage', 'Projekt  |  Kunden-Nr.:  |  Unser Zeichen  |  Datum', '2025T0030  |  10300  |  info@example.com  |  04.03.2025']);
  assert.equal(extractInvoiceNumber(rows).value, '2503001');
});

test('a sender line holding the name and its address keeps the name only', () => {
  const v = extractVendor(rowsOf(['TENNISMEHL GmbH Hundsberg 13 97950 Großrinderfeld', 'TG Höchberg', 'Albrecht-Dürer-Straße 44', 'RECHNUNG']));
  assert.equal(v.vendor_name.value, 'TENNISMEHL GmbH');
});

test('the leu and the Tunisian dinar beside their amounts', () => {
  assert.equal(detectCurrency('TOTAL    lei 200.00').value, 'RON');
  assert.equal(detectCurrency('TOTAL TTC    13.360 DT').value, 'TND');
  assert.equal(detectCurrency('Arrêtée la présente facture à la somme de : VINGT SEPT DINARS 256 MILLIMES').value, 'TND');
});

test('the issuer\'s id on its legal line beats a customer id printed bare in the header; a customer\'s labelled id is no candidate', () => {
  // a supplier's invoice: the customer's CIF printed alone in the header row, the issuer's in its footer legal line
  const es = extractVendor(rowsOf([
    'Fecha 20/11/2025  |  B87760575', 'Descripción  |  Cantidad  |  Precio', 'Base imponible 365,40',
    'EJEMPLO DISTRIBUCIONES, S.L. - C.I.F.: B36281087 - Rúa Mayor 23 - 36600 Vilagarcía',
  ]));
  assert.equal(es.vendor_vat.value, 'B36281087');
  assert.ok(es.explain.vendor_vat.winner?.why.includes('labelled'));
  assert.ok(es.explain.vendor_vat.winner?.why.includes('legal-line'));
  // "KD.USt-IdNr." and "Ihre USt-IdNr." are the customer's (Kunde); the issuer's is in the footer
  for (const label of ['KD.USt-IdNr.:', 'Ihre USt-IdNr.:']) {
    const de = extractVendor(rowsOf([`${label}  |  FR79897756912`, 'Rechnung 240018', 'Beispiel GmbH  |  USt-IdNr.: DE136695976']));
    assert.equal(de.vendor_vat.value, 'DE136695976', label);
  }
});

test('a footer thanking "your" business keeps the issuer\'s VAT id; a one-line bill-to block with its legal line is the customer\'s', () => {
  const footer = extractVendor(rowsOf(['Invoice 1001', 'Total 120.00', 'Thank you for your business. VAT Reg No GB 980 7806 84']));
  assert.equal(footer.vendor_vat.value, 'GB980780684');
  const billTo = extractVendor(rowsOf([
    'Facturar a: EJEMPLO DISTRIBUCIONES, S.L. - C.I.F.: B36281087 - Rúa Mayor 23 - 36600 Vilagarcía', 'Factura 2025/17',
    'Base imponible 100,00', 'Emisor: Juan Pérez  |  NIF: 12345678Z',
  ]));
  assert.equal(billTo.vendor_vat.value, '12345678Z');
});

test('a due label with its preposition ("Scadenza al", "Vencimiento hasta") is still a due date, not a period word', () => {
  const it = extractDates(rowsOf(['Fattura n. 12 del 01/03/2026', 'Scadenza al 31/03/2026']), 'DMY');
  assert.equal(it.date.value, '2026-03-01');
  assert.equal(it.due_date.value, '2026-03-31');
  const es = extractDates(rowsOf(['Factura 7 Fecha 01/03/2026', 'Vencimiento hasta 05/04/2026']), 'DMY');
  assert.equal(es.due_date.value, '2026-04-05');
});

test('a credit note\'s or a spaced number\'s "vom"/"du" names the issue date, as an invoice\'s does', () => {
  const spaced = extractDates(rowsOf(['Rechnung Nr. 2026 0001 vom 05.03.2026', 'Datum 01.03.2026']), 'DMY');
  assert.equal(spaced.date.value, '2026-03-05');
  const avoir = extractDates(rowsOf(['Avoir n° 12 du 05/03/2026', 'Commande du 01/03/2026']), 'DMY');
  assert.equal(avoir.date.value, '2026-03-05');
});

test('a year after the next is judged against the given day, not the clock', () => {
  const rows = rowsOf(['Invoice date: 13/12/2031']);
  // judged in 2030, 2031 is next year's: a date; judged in 2026, it is a misread
  assert.equal(extractDates(rows, 'DMY', '2030-06-01').date.value, '2031-12-13');
  assert.equal(extractDates(rows, 'DMY', '2026-06-01').date.value, null);
});
