// Invoice rules of issue #13 (third round), each on a snippet of a real tune-split invoice of fixtures/documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals, type Totals } from '../../../src/pipeline/extract/totals.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { classifyDocument } from '../../../src/pipeline/extract/classify.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import type { DecimalSeparator } from '../../../src/pipeline/extract/numbers.js';
import { docFromCells, docFromLines, loadReadDoc } from './helpers.js';

const totalsOf = (lines: string[], decimal: DecimalSeparator = '.'): Totals => extractTotals(buildRows(docFromLines(lines)), { decimal });
const vendorOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines))).vendor_name.value;

test('a payable rounded to the whole rupee still adds up: untaxed + tax 4,489.90, "Total Amount After Tax" 4,490.00', () => {
  // gujarat_freight_tools_GST-3425-26.pdf: the table's sum row adds up exactly, the payable is rounded
  const t = totalsOf([
    'Total  |  2 NOS  |  3,805.00  |  684.90  |  4,489.90',
    'Total in words  |  Taxable Amount  |  3,805.00',
    'Add : IGST  |  684.90',
    'Total Tax  |  684.90',
    'Bank Details  |  Total Amount After Tax  |  ₹4,490.00',
  ]);
  assert.equal(t.amount_total.value, 4490);
  assert.equal(t.amount_untaxed.value, 3805);
  assert.equal(t.amount_tax.value, 684.9);
  assert.equal(t.consistent, true);
  // rounded means to the nearest unit: 12.00 over a sum of 11.40 does not add up
  assert.equal(totalsOf(['Subtotal 10.00', 'Tax 1.40', 'Total 12.00']).consistent, false);
});

test('"Total Invoice Amount" is a strong total label, above the tax columns\' own "Total" row', () => {
  // praction_networks_10592.jpg (OCR): CGST + SGST = 91.37 on a "Total" row, then the invoice total
  const t = totalsOf(['PR-100Mbps-Infinity-1M-DL-Promo  |  Rs. 507.63  |  45.50', 'Total  |  45.69  |  45.69  |  91.37', 'Total Invoice Amount  |  Rs. 599.00']);
  assert.equal(t.amount_total.value, 599);
});

test('"Total général" is the grand total; TPS (GST) and TVQ are Canadian taxes', () => {
  // editions_mirada_005449.jpg (OCR): "Montant total" is the amount before the sales taxes
  const t = totalsOf(['Frais de livraison  |  12,50 $', 'Montant total  |  344.65 $', 'Rabais', 'TPS  |  17,23$', 'TVQ', 'Total général  |  361,88 $'], ',');
  assert.equal(t.amount_total.value, 361.88);
  assert.equal(t.amount_tax.value, 17.23);
});

test('a town, a state code and a postcode joined by dashes is an address line, not a sender line', () => {
  // enel_ceara_055984051.pdf: a template placeholder heads the text layer; the issuer is the letterhead name
  assert.equal(
    vendorOf(['{BARCODE}', 'Companhia Energética do Ceará', 'Rua Padre Valdevino, 150', 'Fortaleza - CE - CEP: 60135-040', 'CNPJ: 07.047.251/0001-70 - CGF: 06.105.848-3']),
    'Companhia Energética do Ceará',
  );
  // a real sender line keeps working: name, street with its number, postcode and town
  assert.equal(vendorOf(['QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen', 'iViveLabs Ltd.', '93B Sai Yu Chung', 'Rechnung']), 'QualityHosting AG');
});

test('"For <firm>" above "Authorised Signatory" names the issuer; the customer\'s signature line does not', () => {
  // gujarat_freight_tools_GST-3425-26.pdf: no letterhead in the text layer (the name is drawn as a logo)
  const lines = [
    'PAN : 26CORPP3939N1  |  TAX INVOICE  |  ORIGINAL FOR RECIPIENT',
    'Invoice No.  |  GST-3425-26',
    'Total  |  2 NOS  |  3,805.00  |  684.90  |  4,489.90',
    'Acc. Number  |  2715500356  |  For Gujarat Freight Tools',
    'IFSC  |  ICIC045F',
    'Customer Signature',
    'Authorised Signatory',
  ];
  assert.equal(vendorOf(lines), 'Gujarat Freight Tools');
  assert.equal(vendorOf(lines.filter((l) => l !== 'Authorised Signatory')), null);
});

test('of two totals a tax apart, the smaller is the total before tax (summary arithmetic)', () => {
  // editions_mirada_005449.jpg (OCR): no untaxed label at all, "Montant total" + TPS = "Total général"
  const t = totalsOf(['Montant total  |  344.65 $', 'TPS  |  17,23$', 'Total général  |  361,88 $'], ',');
  assert.equal(t.amount_total.value, 361.88);
  assert.equal(t.amount_untaxed.value, 344.65);
  assert.ok(t.explain.amount_untaxed.winner?.why.includes('total-before-tax'));
  assert.equal(t.consistent, true);
});

test('an imprint in the footer (name over street and town, beside KvK, VAT id and IBAN) names the issuer over the window address', () => {
  // smith_consulting_202053.png (OCR): the top-left block is the customer's window address, the issuer is only in the footer
  const lines = [
    'Demo B.V.',
    'Koolweg 20',
    '6446TK Brunssum  |  COMPANY NAME',
    'Factuur',
    'Factuurnummer: 202053',
    ...Array.from({ length: 30 }, () => '.'),
    'Smith Consulting  |  Telefoon: 0651230647  |  KvK: 12345679',
    'Straatnaam 1  |  E-mail: mrsmith@smith.com  |  Btw nummer: 1234567801',
    '1234AB Stadsnaam  |  Website: www.smith.com  |  IBAN: NL14INGB0123456789',
  ];
  assert.equal(vendorOf(lines), 'Smith Consulting');
  // the small print's certification code above a line that opens with a name is no imprint (amazon_it_ricevuta_20200710.pdf)
  const small = ['Amazon EU S.à r.l.', 'Totale ricevuta  |  € 11,96', ...Array.from({ length: 30 }, () => '.'), 'LU-BIO-04', 'Amazon EU S.à r.l. - 38 avenue John F. Kennedy, L-1855 Lussemburgo', 'R.C.S. Lussemburgo: B 101818 • P.IVA: LU 20260743'];
  assert.notEqual(vendorOf(small), 'LU-BIO-04');
});

test('a number and its date as one value under a "No./date" label: the date after the slash is the issue date', () => {
  // startraiff_gutschrift_9100007708.pdf: the line items carry their own dates under a "Datum" column header
  const rows = buildRows(docFromLines([
    'Zahlungsinformationen',
    'Rechnungsnr./-datum:  |  9100007708/13.01.2026',
    'Kundennummer:  |  3200000548',
    'Florence Knuellwald GmbH  |  Leistungsdatum:  |  12/2025',
    'Gutschrift 9100007708',
    'Position  |  Datum  |  Bezeichnung  |  Menge  |  Wert (netto)',
    '000010  |  02.12.2025  |  KTP - Parkplatzvermietung  |  1,00  |  6,80',
    '000020  |  05.12.2025  |  KTP - Parkplatzvermietung  |  1,00  |  6,80',
  ]));
  assert.equal(extractDates(rows, 'DMY').date.value, '2026-01-13');
});

test('a telecom bill\'s "Bill Period" and "Bill Plan" lines do not make it a till slip; its signature block names the issuer', () => {
  // airtel_HT2402I000079267.jpg (OCR)
  const doc = docFromLines([
    'FIXEDLINE AND BROADBAND SERVICES',
    'Original Copy for Recipient provided by Bharti Airtel Limited- Tax Invoice',
    'Billing Details',
    'Bill NO  |  HT24021000079267',
    'Pradesh,171001 ..  |  Bill Period  |  17 Jul 2023 to 16 Aug 2023',
    'Shimla Himachal Pradesh 171001  |  Bill Date  |  18 Aug 2023',
    'Email ID  |  aspragmatic@gmail.com  |  Ship to State Code  |  02',
    'Alternate Mobile Number  |  9810454554  |  Place of Supply  |  Himachal Pradesh',
    'Opening Balance (A)  |  %-1073.41',
    'Total Balance (A +B + C)  |  Z-1073.41',
    'Bill Plan Value',
    'Account  |  Description  |  Duration/ Date  |  Rental Charges  |  Net charges  |  Total®)',
    'Tax Details',
    '998412  |  424.15  |  9%  |  38.17  |  9%  |  38.17  |  76.34  |  76.34',
    'Charges For This Month Incl. Tax (D)  |  500.49',
    ...Array.from({ length: 12 }, () => '.'),
    'For Bharti Airtel Limited',
  ]);
  assert.equal(classifyDocument(buildRows(doc)).value, 'invoice');
  // "For Bharti Airtel Limited" alone in the lower half, its signature an image: the signature block names the issuer
  assert.equal(extractVendor(buildRows(doc)).vendor_name.value, 'Bharti Airtel Limited');
});

test('an amount glued to its ISO currency code is read for more currencies than the euro and the dollar ("TND41.999")', () => {
  // intigrow_331.jpg (OCR): Tunisian dinars with three decimals
  const t = totalsOf(['Droit de Timbre  |  1  |  TNDO.60  |  TNDO.60', 'Subtotal:  |  TND39.291', 'TVA 7%:  |  TND2.708', 'Total:  |  TND41.999']);
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [41.999, 39.291, 2.708]);
  assert.equal(t.consistent, true);
});

test('a total row whose first amount is the largest takes the first; a tax-table sum row still takes the last', () => {
  // equatorial_goias_83067882.pdf and enel_ceara_055984051.pdf: the total, then its taxes (and a consumption history)
  assert.equal(totalsOf(['TOTAL  |  57.584,45  |  2.608,75  |  57.566,6  |  9.453,3'], ',').amount_total.value, 57584.45);
  assert.equal(totalsOf(['TOTAL  |  257,34  |  3,56  |  76,25  |  15,24  |  JUN22  |  30.00  |  30  |  MIN'], ',').amount_total.value, 257.34);
  assert.equal(totalsOf(['Summe  |  100,00  |  19,00  |  119,00'], ',').amount_total.value, 119);
});

test('an invoice number that starts with the letters of a tax ("GST-3525-26") is not excluded like a "GST No" row', () => {
  // gujarat_freight_tools_GST-3525-26.pdf: the street line's "Plot No A 64" must not win
  const rows = buildRows(docFromLines(['Gujarat Freight Tools', 'Plot No A 64, Road No 21,', 'GSTIN : 27CORPP3939N1ZQ', 'TAX INVOICE', 'INVOICE #: GST-3525-26  |  DATE: 23-Jul-2025']));
  assert.equal(extractInvoiceNumber(rows).value, 'GST-3525-26');
  assert.notEqual(extractInvoiceNumber(buildRows(docFromLines(['Invoice 7', 'GST No: 27CORPP3939N1ZQ']))).value, '27CORPP3939N1ZQ');
});

test('an unlabelled subtotal that is a labelled total minus a labelled tax makes the summary add up (printed difference)', () => {
  // schadendienst24_2014145.pdf: a bare "328,00 €" above "MwSt.19 % 62,32 €" and "Gesamtbetrag 390,32 €", then a
  // tax-deduction note "(inkl. MwSt) 1.190,00" further down that is not this invoice's total
  const t = totalsOf([
    '1  |  1  |  Pauschale  |  19,00%  |  328,00  |  328,00 €',
    '328,00 €',
    'MwSt.19 %  |  62,32 €',
    'Gesamtbetrag  |  390,32 €',
    'Zahlungstermin: sofort',
    'Absetzbarer Anteil nach § 35 a EStG (inkl. MwSt) 1.190,00',
  ], ',');
  assert.equal(t.amount_total.value, 390.32);
  assert.equal(t.amount_untaxed.value, 328);
  assert.ok(t.explain.amount_untaxed.winner?.why.includes('printed-difference'));
  assert.equal(t.consistent, true);
});

test('a slip paid exactly its total keeps the printed difference as its untaxed amount; one paid a rounded total does not', () => {
  // cash 50.00 − change 18.90 = 31.10 paid, the total: the bare 29.34 is total − GST, not the GST-inclusive subtotal
  const paid = totalsOf(['Sub Total  31.10', '29.34', 'GST 6%  1.76', 'TOTAL  31.10', 'CASH  50.00', 'CHANGE  18.90']);
  assert.equal(paid.amount_total.value, 31.1);
  assert.equal(paid.amount_untaxed.value, 29.34);
  assert.ok(paid.explain.amount_untaxed.winner?.why.includes('printed-difference'));
  // paid 31.10 against an unrounded total 31.12: the arithmetic of 31.12 must not gain over what was paid
  const rounded = totalsOf(['29.36', 'GST 6%  1.76', 'TOTAL  31.12', 'CASH  50.00', 'CHANGE  18.90']);
  assert.ok(!rounded.explain.amount_untaxed.winner?.why.includes('printed-difference'));
});

test('a Brazilian DANFE is an invoice, and its title and "Número da nota" box are not the issuer', () => {
  // o_coroa_acessorios_763.pdf: title, issuer (an EIRELI), then the number box beside it
  const lines = [
    'DANFE - Documento Auxiliar da Nota Fiscal Eletrônica',
    'NÚMERO DA NOTA',
    'O COROA ACESSORIOS AUTOMOTIVO EIRELI',
    'Nº 763',
    'AV CONCENTRICA, 247 - ALTO DA CRUZ',
    'CNPJ: 30409112000161',
    'VALOR TOTAL DA NOTA:  |  R$ 2.281,87',
  ];
  assert.equal(classifyDocument(buildRows(docFromLines(lines)), 1.41).value, 'invoice');
  assert.equal(vendorOf(lines), 'O COROA ACESSORIOS AUTOMOTIVO EIRELI');
  // a consumer's NFC-e is a till slip, not an invoice title
  assert.notEqual(classifyDocument(buildRows(docFromLines(['SUPERMERCADO X', 'NOTA FISCAL DE CONSUMIDOR ELETRÔNICA', 'TOTAL R$ 12,40'])), 1.41).value, 'invoice');
});

test('an Italian SdI rendering: seller under "Cedente/prestatore (fornitore)" by its "Denominazione:" over two lines, number under "Numero documento", type by its TD code', async () => {
  // adriatica_lucidanti_211_2021.pdf (text layer): the header's second line ("Data" / "documento") grazes the
  // "Numero documento" column; an intermediary with its own VAT id follows the parties
  const { extractFields } = await import('../../../src/pipeline/extract/index.js');
  const ex = await extractFields(loadReadDoc('adriatica_lucidanti_211_2021.pdf'));
  assert.equal(ex.fields.vendor_name.value, 'ADRIATICA LUCIDANTI DI PETRIZZO GIANLUCA C SNC');
  assert.equal(ex.fields.vendor_vat.value, 'IT03700070406');
  assert.equal(ex.fields.invoice_number.value, '211');
  assert.equal(ex.fields.doc_type.value, 'invoice');
  // "Totale imponibile | Totale imposta" head columns of the summary whose values sit two lines down, past the
  // "Spese" / "accessorie" header of the column beside them
  assert.equal(ex.fields.amount_untaxed.value, 643.95);
  assert.equal(ex.fields.amount_tax.value, 141.67);
  assert.equal(ex.fields.amount_total.value, 785.62);
});

test('an issuer printed only in the legal footer ("X SRL - P.I.: 11463300969 - Cap.Soc."), the number beside a bare "Numero"', async () => {
  // mp_technologies_13_2021.pdf (text layer): only the customer is printed at the top
  const { extractFields } = await import('../../../src/pipeline/extract/index.js');
  const ex = await extractFields(loadReadDoc('mp_technologies_13_2021.pdf'));
  assert.equal(ex.fields.vendor_name.value, 'MP TECHNOLOGIES SRL');
  assert.equal(ex.fields.vendor_vat.value, 'IT11463300969'); // the Italian id given its country prefix, as Odoo stores it
  assert.equal(ex.fields.invoice_number.value, '13');
});

test('a delivery-note reference repeated down an invoice does not outweigh its title (title mentions are capped per type)', () => {
  // np_diamant_1-307_2021.pdf: parties and the type row at the top, the delivery notes it invoices listed below them
  const parties = ['Cedente/prestatore (fornitore)  |  Cessionario/committente (cliente)', 'Denominazione: NP DIAMANT SRLS  |  Denominazione: MP TECHNOLOGIES SRL',
    ...Array.from({ length: 11 }, (_, i) => `Indirizzo: VIA ${i + 1}  |  Comune: MASSA`)];
  const lines = [...parties, 'TD24 fattura differita  |  1/307  |  31-05-2021', ...[437, 462, 474, 489, 514, 517, 546].map((n) => `DDT 1/${n} del 03-05-2021`)];
  assert.equal(classifyDocument(buildRows(docFromLines(lines)), 1.41).value, 'invoice');
});

test('a footer line that prints a company with its legal form and then its address is the issuer\'s imprint', () => {
  // a SaaS invoice whose only letterhead name is the customer's account summary; the issuer's name and seat at the foot
  const lines = [
    'Tax Invoice / Receipt',
    'Invoice Number: AT-1001',
    'Date Issued: Dec 28, 2022',
    'Northwind Analytics  |  Billing Contact:',
    'Pfälzer Ufer 4  |  Jane Doe',
    'Total Paid: USD 47.90',
    ...Array.from({ length: 30 }, () => '.'),
    'Contoso Pty Ltd, Level 6, 341 George St, Sydney NSW 2000, Australia',
    'Page 1 of 1',
  ];
  assert.equal(vendorOf(lines), 'Contoso Pty Ltd');
  // a sentence of the small print that names a company without an address is no imprint
  const small = ['Northwind Analytics', 'Invoice 7', ...Array.from({ length: 30 }, () => '.'), 'Payments are processed by Contoso Ltd, see our terms.'];
  assert.equal(vendorOf(small), 'Northwind Analytics');
});

test('a name printed after a customer\'s label ("Licensed To:", "Bill to:") is the customer\'s, wherever else it stands', () => {
  const lines = ['Northwind Analytics GmbH', 'Contoso Software Ltd', 'Invoice 1001', 'Licensed To: Northwind Analytics GmbH', 'Total 47.90'];
  assert.equal(vendorOf(lines), 'Contoso Software Ltd');
  const cells = ['Northwind Analytics GmbH', 'Contoso Software Ltd', 'Invoice 1001', 'Bill to  |  Northwind Analytics GmbH', 'Total 47.90'];
  assert.equal(vendorOf(cells), 'Contoso Software Ltd');
  // a label of a number or an id is none of the customer's name: "Customer No.: …" leaves the letterhead alone
  assert.equal(vendorOf(['Northwind Analytics GmbH', 'Contoso Software Ltd', 'Customer No.: Northwind Analytics GmbH', 'Total 47.90']), 'Northwind Analytics GmbH');
  // the issuer named in its own seller block keeps its name, however a customer's label repeats it
  assert.equal(vendorOf(['Seller:', 'Northwind Analytics GmbH', 'Contoso Software Ltd', 'Bill to: Northwind Analytics GmbH', 'Total 47.90']), 'Northwind Analytics GmbH');
});

test('a sole trader\'s imprint, its name and address on the line over its VAT id in the footer, names the issuer over a letterhead over another id', () => {
  // the letterhead is the customer's block (its name over its own VAT id); the issuer has no legal form
  const lines = [
    'Kathari', 'MediHerent', 'BE0756.851.309', 'Betlehemweg, 1/14', '3020 Herent', 'FACTUUR',
    'Volgnummer  |  Factuurdatum', '2025/MED/0534  |  2025-02-03', 'Totaal incl BTW:  |  € 332.75',
    ...Array.from({ length: 30 }, () => '.'),
    'Jane Peeters —Gebr. Van Tiltstraat 19 bus 1, 3220 Holsbeek',
    'BTW BE0703.928.505',
    'IBAN BE03 3631 7885 3084',
  ];
  assert.equal(vendorOf(lines), 'Jane Peeters');
  // without the VAT id beside it, a name and an address in the footer need a legal form to be an imprint
  assert.notEqual(vendorOf(lines.filter((l) => !l.startsWith('BTW'))), 'Jane Peeters');
  // a footer that opens with the street is no one's name: the domain by the legal line names the issuer
  const street = ['R. Jansen Onderhoud', 'Tolweg 27', '3851 SL ERMELO', 'Factuurnummer : 600627', ...Array.from({ length: 30 }, () => '.'),
    'Meeboerserf 6, 3851 SR Ermelo, T 0341 36 33 12, info@welmaster.nl, www.welmaster.nl', 'KVK 08113875, BTW NL813941155B01, IBAN NL78 INGB 0680 0009 17'];
  assert.equal(vendorOf(street), 'Welmaster');
  // a label of the firm's seat before the address is no name either: "Registered office, …", "Siège social – …"
  for (const seat of ['Registered office, 12 High Street, London EC1A 1BB', 'Siège social – 12 rue de la Paix, 75002 Paris']) {
    const withSeat = lines.map((l) => (l.startsWith('Jane Peeters') ? seat : l));
    assert.notEqual(vendorOf(withSeat), seat.split(/[,–]/)[0].trim(), seat);
  }
});

test('"Product(s) provided by:" beside "Billed to:" heads the issuer\'s column: its company and its VAT id, not the customer\'s', () => {
  const lines = [
    'INVOICE',
    'BILLED TO:  |  PRODUCT(S) PROVIDED BY:',
    'Jane Doe',
    'Northwind Analytics GmbH',
    'Main Street 4  |  Contoso Inc.',
    'Halle 06108  |  www.contoso.com',
    'VAT number: DE136695976  |  VAT number: EU372001951',
    'AMOUNT  |  USD 109.15',
  ];
  const v = extractVendor(buildRows(docFromLines(lines)));
  assert.equal(v.vendor_name.value, 'Contoso Inc.');
  assert.equal(v.vendor_vat.value, 'EU372001951');
  // the issuer's column holds a contact over its company and no id: still the company under the header
  const noId = ['Receipt 2530418', 'Payment date 2023-04-23', 'Customer service: +1 800 815 9959', 'Billed to:  |  Supplied by:', 'Jane Doe  |  John Smith', 'Northwind Analytics GmbH  |  Contoso Inc.', 'Main Street 4  |  800 Boylston Street', 'AMOUNT  |  USD 109.15'];
  assert.equal(vendorOf(noId), 'Contoso Inc.');
  // a trip's "From | To" columns head no party: the letterhead stays the issuer
  const trip = docFromCells([
    [['Northwind Travel GmbH', 40, 200]], [['Invoice 2024-118', 40, 150]],
    [['Trip', 40, 80], ['From', 200, 300], ['To', 350, 420], ['Amount', 480, 540]],
    [['Transfer', 40, 90], ['Hamburg Airport', 200, 290], ['Lübeck', 350, 400], ['120.00', 490, 540]],
    [['Total', 40, 80], ['120.00', 490, 540]],
  ]);
  assert.equal(extractVendor(buildRows(trip)).vendor_name.value, 'Northwind Travel GmbH');
});
