// Invoice numbers of text-layer bills (issue #13, Deliver 3): a series joined to its number only where the document
// prints the series before the number in the number's heading row; heading labels "Número // Serie", "Volgnummer",
// a fiscal note's "SÉRIE ÚNICA:". Made-up documents shaped like the tune split's layouts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber, invoiceNumberChoice } from '../../../src/pipeline/extract/references.js';
import { docFromCells, docFromLines } from './helpers.js';

/** A page of rows whose cells stand at the given x positions: [[text, x0, x1], …] per row. */
const placed = (rows: [string, number, number][][]): ReadDocument => docFromCells(rows);
const numberOf = (doc: ReadDocument) => extractInvoiceNumber(buildRows(doc)).value;

test('a "Serie" heading right before the "Número" heading: the reference is the series and the number together', () => {
  assert.equal(numberOf(placed([
    [['FACTURA DE VENTA', 330, 560]],
    [['FECHA', 65, 99], ['SERIE', 118, 151], ['NÚMERO', 170, 218]],
    [['03/12/2025', 58, 115], ['B7', 135, 150], ['10442', 179, 205]],
  ])), 'B7 10442');
  // the same heading spelled letter by letter, as some text layers print it
  assert.equal(numberOf(placed([
    [['F EC H A', 65, 99], ['S ER IE', 118, 151], ['N Ú M ER O', 170, 218]],
    [['03/12/2025', 58, 115], ['A', 138, 144], ['981', 179, 198]],
  ])), 'A 981');
});

test('a short code in a column no heading stands over, right before the number under its heading, is its series', () => {
  assert.equal(numberOf(placed([
    [['DOCUMENTO', 329, 382], ['NÚMERO', 406, 442], ['PÁGINA', 466, 502], ['FECHA', 526, 556]],
    [['Factura', 329, 370], ['2', 394, 400], ['118877', 424, 460], ['1', 484, 490], ['04/03/2025', 513, 573]],
  ])), '2 118877');
  // under a heading of its own (a page, a quantity), the cell before the number is not a series
  assert.equal(numberOf(placed([
    [['PÁGINA', 329, 382], ['NÚMERO', 406, 442], ['FECHA', 466, 502]],
    [['1', 340, 346], ['118877', 410, 446], ['04/03/2025', 466, 520]],
  ])), '118877');
});

test('a series printed after the number, or under a label of its own, is not joined', () => {
  assert.equal(numberOf(placed([
    [['Factura', 23, 88]],
    [['Número // Serie', 31, 112], ['FECHA', 134, 161], ['CLIENTE', 183, 221], ['N.I.F.', 243, 275]],
    [['004411223 //V 27/11/2025 04300520 B12345678', 20, 290]],
  ])), '004411223');
  assert.equal(numberOf(docFromLines(['NOTA FISCAL Nº 71234567 - SÉRIE 0 / DATA DE EMISSÃO: 15/12/2023'])), '71234567');
  assert.equal(numberOf(docFromLines(['Série: 1', 'Fatura Nº 763'])), '763');
});

test('a Dutch "Volgnummer" heading over its value numbers the invoice', () => {
  assert.equal(numberOf(placed([
    [['FACTUUR', 63, 130]],
    [['Volgnummer', 70, 154], ['Factuurdatum', 187, 287], ['Vervaldatum', 321, 412]],
    [['2024/SCH/0042', 70, 170], ['2024-05-03', 201, 277], ['2024-05-18', 308, 385]],
  ])), '2024/SCH/0042');
});

test('a fiscal note\'s "SÉRIE ÚNICA:" is followed by its number', () => {
  assert.equal(numberOf(placed([
    [['EMISSÃO: 17/01/2020 NOTA FISCAL/CONTA DE ENERGIA ELÉTRICA - SÉRIE ÚNICA:', 28, 323], ['000.044.118.902 - FAT-01-2020', 335, 471]],
  ])), '000.044.118.902');
});

test('the number read after an explicit number label is marked so; after a bare title word it is not', async () => {
  const { invoiceNumberChoice } = await import('../../../src/pipeline/extract/references.js');
  const why = (lines: string[]) => invoiceNumberChoice(buildRows(docFromLines(lines))).explain.winner?.why ?? [];
  assert.ok(why(['Rechnungsnummer: 2024-0113']).includes('number-label'));
  assert.ok(!why(['RECHNUNG 2024-0113']).includes('number-label'));
});

test('a VAT id whose check digits hold is never the invoice number', () => {
  assert.equal(extractInvoiceNumber(buildRows(docFromLines(['Kassenbon', 'St.-Nr.: DE124899692', 'Bon-Nr. 4711'])), { tillSlip: true }).value, '4711');
  assert.equal(numberOf(docFromLines(['Beleg-Nr. DE124899692'])), null);
  // a Spanish company's id, a letter after its prefix (vat.ts vatIdShaped, the number evidence's measure too)
  assert.equal(numberOf(docFromLines(['Factura nº ESB86249711'])), null);
});

test('a bare "Nr." / "N°" after another party\'s or another document\'s word numbers that, not the invoice', () => {
  const others = [
    'Kd.-Nr. 549910', 'Debiteur nr. 20451', 'Debitor Nr. 10045', 'Commande N° 458812', 'Ordine nr. 4471', 'Contratto n° 88123',
    'Contrato Nº 77120', 'Contrat N° 5512', 'Angebot Nr. 2024-118', 'Preventivo n° 3391', 'DDT n° 1234', 'Albarán Nº 8812',
    'Mandatsreferenz Nr. MR-0042', 'Gläubiger-ID Nr. 99871', 'Zähler-Nr. 1ESY1160', 'Contatore n° 44120', 'Compteur N° 781233',
    'Art.-Nr. 40012', 'Item No. 55321', 'Handelsregister Nr. 12345', 'Company No: 08123456', 'Phone No: 0123456789',
    'BLZ Nr. 37040044', 'UID-Nr. 12345678',
  ];
  for (const line of others) assert.equal(numberOf(docFromLines([line])), null, line);
  // the invoice's own label beside them still numbers the invoice; "please quote" asks for the invoice's number
  assert.equal(numberOf(docFromLines(['Kd.-Nr. 549910  |  Rechnung Nr. 2024-0113'])), '2024-0113');
  assert.equal(numberOf(docFromLines(['Commande N° 458812', 'Facture N° FA-2024-0093'])), 'FA-2024-0093');
  assert.equal(numberOf(docFromLines(['Please quote No. 4455 with your payment'])), '4455');
});

test('another party\'s or document\'s word excludes only a weak label, and only as a word of its own', () => {
  // an explicit invoice label with such a word before it (or glued into its title) still numbers the invoice
  const bills: [string, string][] = [
    ['Telefonrechnung Nr. 4711-22', '4711-22'], ['Smartphone Invoice No. 88123', '88123'], ['Mobile phone bill no. 77812', '77812'],
    ['Offerte/Factuur nr. 2024118', '2024118'], ['Zahlerrechnung Nr. 12345', '12345'],
  ];
  for (const [line, value] of bills) assert.equal(numberOf(docFromLines([line])), value, line);
});

test('abbreviated number labels are explicit number labels: "Rg.-Nr.", "Re.-Nr.", "Núm. factura", "N.º factura", "Fattura n.ro", "Invoice ID"', async () => {
  const { invoiceNumberChoice } = await import('../../../src/pipeline/extract/references.js');
  const read = (line: string) => invoiceNumberChoice(buildRows(docFromLines([line])));
  for (const label of ['Rg.-Nr.', 'Rechn.-Nr.', 'Re.-Nr.:', 'RE-Nr.', 'Núm. factura:', 'Num. factura', 'N.º factura', 'Nº. Factura:', 'No. de facture :', 'Num. fattura', 'Fattura n.ro', 'N.ro fattura', 'Invoice ID:']) {
    const c = read(`${label} 240113`);
    assert.equal(c.field.value, '240113', label);
    assert.ok(c.explain.winner?.why.includes('number-label'), `${label}: ${c.explain.winner?.why.join(' ')}`);
  }
  // "Re:" (regarding) and "Nr." alone are no such label
  assert.ok(!read('Re: Nr. 240113').explain.winner?.why.includes('number-label'));
});

test('a glyph the text layer could not map inside a number joins its two runs (Stripe\'s unmapped hyphen)', () => {
  assert.equal(numberOf(docFromLines(['Invoice number 76253815\u00000004', 'Date of issue April 13, 2023'])), '76253815-0004');
  assert.equal(numberOf(docFromLines(['Invoice number B172FB37\uFFFD0003'])), 'B172FB37-0003');
  // one at the end of the number, as before a closing bracket, is no part of it
  assert.equal(numberOf(docFromLines(['Invoice number 76253815\u0000 page 1'])), '76253815');
});

test('a credit note\'s name with a number word, either way round, is an explicit number label in each bundled language', async () => {
  const { invoiceNumberChoice } = await import('../../../src/pipeline/extract/references.js');
  const read = (lines: string[]) => invoiceNumberChoice(buildRows(docFromLines(lines)));
  const labels = [
    'Credit note no.', 'Credit memo #', 'Gutschrift Nr.', 'Gutschriftsnummer:', 'Gutschrift-Nr.', 'Nota di credito n.', 'Numero nota di credito',
    'Nota de crédito n.º', 'Nº da nota de crédito', 'Nota de crédito Nro.', 'Avoir n°', 'N° d’avoir :', 'Creditnota nummer', 'Creditnotanummer:',
  ];
  for (const label of labels) {
    const c = read(['ACME Ltd', `${label} CN-2024/118`]);
    assert.equal(c.field.value, 'CN-2024/118', label);
    assert.ok(c.explain.winner?.why.includes('number-label'), `${label}: ${c.explain.winner?.why.join(' ')}`);
  }
  // the name alone is a title, not a number label; and no number word, no number read off a sentence
  assert.ok(!read(['GUTSCHRIFT 2024-118']).explain.winner?.why.includes('number-label'));
  assert.equal(read(['Gutschrift notiert am Konto 12345']).field.value, null);
});

test('"Nro." (número, as Latin American documents abbreviate it) is a number word: "Factura Nro.", "Nro. de factura", "Fatura Nro."', async () => {
  const { invoiceNumberChoice } = await import('../../../src/pipeline/extract/references.js');
  for (const label of ['Factura Nro.:', 'FACTURA NRO', 'Nro. de Factura:', 'Fatura Nro.']) {
    const c = invoiceNumberChoice(buildRows(docFromLines([`${label} 0001-00001234`])));
    assert.equal(c.field.value, '0001-00001234', label);
    assert.ok(c.explain.winner?.why.includes('number-label'), `${label}: ${c.explain.winner?.why.join(' ')}`);
  }
  // a bare "Nro." is the weak bare label, its exclusions kept
  assert.equal(numberOf(docFromLines(['FACTURA', 'Cliente Nro. 55812'])), null);
});

test('a French "Numéro" heading numbers the document as the Italian and Iberian one does, a series code glued to its digits included', () => {
  assert.equal(numberOf(docFromLines(['FACTURE', 'Numéro : FA-2024-118'])), 'FA-2024-118');
  assert.equal(numberOf(placed([
    [['FACTURE', 330, 560]],
    [['Numéro', 65, 110], ['Date', 170, 200]],
    [['118877', 65, 110], ['03/12/2025', 170, 220]],
  ])), '118877');
  // a word after it is no code: "Numéro de téléphone", "Numero verde"
  assert.equal(numberOf(docFromLines(['Numéro de téléphone : 01 23 45 67 89'])), null);
  assert.equal(numberOf(docFromLines(['Numero verde 800 900 800'])), null);
});

test('a number printed in digit groups after an explicit number label is read whole; after a weaker label it is no document number', () => {
  assert.equal(numberOf(docFromLines(['Rechnungsnummer: 2024 0113'])), '2024 0113');
  assert.equal(numberOf(docFromLines(['Invoice No. INV 2024 0113'])), 'INV 2024 0113');
  assert.equal(numberOf(docFromLines(['Rechnung Nr. 2026 0001 vom 05.03.2026'])), '2026 0001');
  // a date or an amount after the number is another field
  assert.equal(numberOf(docFromLines(['Invoice No: 4711 15 March 2024'])), '4711');
  assert.equal(numberOf(docFromLines(['Invoice No: 4711 12/03/2024'])), '4711');
  assert.equal(numberOf(docFromLines(['Invoice No: 4711 1.234,56'])), '4711');
  // under a title word or after a bare "No:", digits that go on in groups are a phone's or a tax number's
  assert.equal(numberOf(docFromLines(['INVOICE', '030 1234567'])), null);
  assert.equal(numberOf(docFromLines(['TAX INVOICE', 'CST No: 0010 9010 5344', 'Receipt No: 60000053668'])), '60000053668');
});

test('an IBAN is never the document\'s number, spaced or not; a code that merely passes mod 97 is no IBAN', () => {
  assert.equal(numberOf(docFromLines(['RECHNUNG', 'DE89 3704 0044 0532 0130 00'])), null);
  assert.equal(numberOf(docFromLines(['FACTUUR', 'NL91ABNA0417164300'])), null);
  // "OR…" is no country of the IBAN registry: a receipt's number with the shape and check digits of one
  assert.equal(numberOf(docFromLines(['Invoice #: OR18031002160274'])), 'OR18031002160274');
});

test('the number sign and the colon as OCR misreads them still open the value: "N*", "Nª", "N’", "N0:", ";" and ","', () => {
  for (const line of ['FACTURA N* 2469', 'FACTURA Nª 2469', 'Facture N’ 2469', 'Invoice N0: 2469', 'Invoice Number; 2469', 'Invoice No, 2469', 'Rechnungs-Nr,: 2469']) {
    assert.equal(numberOf(docFromLines([line])), '2469', line);
  }
  // a masked card number's stars are no number sign: nothing is read off "Cartão nº: ****035"
  assert.equal(numberOf(docFromLines(['Cartão nº: ***************035'])), null);
});

test('a series and its number, or a number and its year, printed with spaces around the slash or the dash are one reference', () => {
  assert.equal(numberOf(docFromLines(['FACTURA Nº: A5 / 3127'])), 'A5/3127');
  assert.equal(numberOf(docFromLines(['Fattura n. 123 / 2024 del 05/03/2024'])), '123/2024');
  assert.equal(numberOf(docFromLines(['Factura: FV / 2024 / 118'])), 'FV/2024/118');
  // a date after the number, or a word, is no part of it
  assert.equal(numberOf(docFromLines(['Invoice No: 4711 - 12/03/2024'])), '4711');
  assert.equal(numberOf(docFromLines(['Rechnung Nr. 4711 - Kunde 123'])), '4711');
  // a sentence's full stop after it is no part of it either
  assert.equal(numberOf(docFromLines(['Factura: A5 / 3127.'])), 'A5/3127');
  // "1 / 2" after a title word is a page or a fraction, no number
  assert.equal(numberOf(docFromLines(['Invoice 1 / 2'])), null);
});

test('a series code and digit groups after a weak label: a phone or account number, never a reference with "null" in it', async () => {
  const { parseReference } = await import('../../../src/pipeline/extract/references.js');
  assert.equal(parseReference('FT 1234 56 78'), null);
  assert.equal(parseReference('FT 1234 56 78', { short: true }), 'FT 1234 56 78');
  assert.doesNotMatch(numberOf(docFromLines(['INVOICE FT 1234 56 78'])) ?? '', /null/);
});

test('"Receipt ID", "Rechnungs-ID" and "Beleg-ID" are explicit number labels as "Invoice ID" is', async () => {
  const { invoiceNumberChoice } = await import('../../../src/pipeline/extract/references.js');
  for (const label of ['Receipt ID:', 'Rechnungs-ID:', 'Rechnungs ID', 'Beleg-ID']) {
    const c = invoiceNumberChoice(buildRows(docFromLines([`${label} R-77812`])));
    assert.equal(c.field.value, 'R-77812', label);
    assert.ok(c.explain.winner?.why.includes('number-label'), label);
  }
});

test('a Spanish or Portuguese simplified invoice (the till slip) prints its series and number right after its title', () => {
  assert.equal(numberOf(docFromLines(['SUPERMERCADO EXEMPLO', 'Fatura Simplificada FS 0489/040546', 'Total 12,30'])), 'FS 0489/040546');
  assert.equal(numberOf(docFromLines(['Factura simplificada T001-12345'])), 'T001-12345');
});

test('a dash as OCR reads it ("—", "–") before the value, and a lone "N" for the number sign, open the value as "-" and "Nº" do', () => {
  assert.equal(numberOf(docFromLines(['NOTA FISCAL/CONTA DE ENERGIA - SÉRIE ÚNICA: — 000.020.357.385'])), '000.020.357.385');
  assert.equal(numberOf(docFromLines(['Invoice No: – INV-0042'])), 'INV-0042');
  assert.equal(numberOf(docFromLines(['FACTURA N 2469'])), '2469');
});

test('a number label wrapped onto two lines of a narrow column labels the value under its second line', () => {
  const wrapped = (first: string, second: string) => numberOf(placed([
    [['Kunde', 60, 110], [first, 200, 250], ['Datum', 320, 360]],
    [[second, 200, 250]],
    [['C-10045', 60, 110], ['INV-0042', 200, 250], ['12.03.2024', 320, 370]],
  ]));
  for (const [first, second] of [['Invoice', 'number'], ['Rechnungs-', 'nummer'], ['N° de', 'facture'], ['Numero', 'fattura'], ['Factuur', 'nummer']]) {
    assert.equal(wrapped(first, second), 'INV-0042', `${first} / ${second}`);
  }
  // two lines that are no number label together read nothing: "Invoice" / "date" heads a date
  assert.equal(wrapped('Invoice', 'date'), null);
});

test('a bill\'s title before "#" or over a bare number word is no number label: it cites another invoice or heads an address', () => {
  // a credit note or payment citing the invoice it corrects or pays, a reminder's list of invoices
  for (const line of ['Rectifica factura # 2023-0999', 'Avoir relatif à la facture #2024-0173', 'Rif. fattura # 2024/0173', 'Fattura # 2024/0173']) {
    const c = invoiceNumberChoice(buildRows(docFromLines(['Ditta Rossi S.r.l.', 'NOTA DI CREDITO', line, 'Data: 14/03/2024'])));
    assert.ok(!c.explain.winner?.why.includes('number-label'), line);
  }
  // a title over an address's house number or a customer's number
  for (const below of ['No. 183, Jalan Ipoh', 'Nr. KD-55102']) {
    const c = invoiceNumberChoice(buildRows(placed([[['ACME SDN BHD', 40, 140]], [['INVOICE', 40, 110]], [[below, 40, 150]], [['Date: 16/06/2025', 40, 150]]])));
    assert.ok(!c.explain.winner?.why.includes('number-label'), below);
  }
});

test('Danish, Norwegian and Swedish bills label their number "Fakturanummer" / "Fakturanr."', () => {
  for (const label of ['Fakturanummer:', 'Fakturanr.', 'Faktura nr.']) assert.equal(numberOf(docFromLines(['FAKTURA', `${label} E08007UINW`])), 'E08007UINW', label);
});

test('a register\'s number ("MVA-reg.nr.", "Org.nr.", "Reg.-Nr.") is not the bill\'s', () => {
  for (const line of ['MVA-reg.nr. IE 8256796 U', 'Org.nr. 987654321', 'Reg.-Nr. 44120']) assert.equal(numberOf(docFromLines(['FAKTURA', 'Snill Design AS', line])), null, line);
  // a bare "Nr." of its own still reads a number
  assert.equal(numberOf(docFromLines(['FAKTURA', 'Nr. 4711'])), '4711');
});

test('a reference word opening its cell labels the bill\'s number when nothing else does, weakly', () => {
  for (const label of ['Reference:', 'Référence', 'Riferimento:', 'Referencia', 'Referentie', 'Referência:']) {
    assert.equal(numberOf(placed([[['ACME Ltd', 40, 120]], [[label, 350, 420], ['2024-0042', 460, 520]]])), '2024-0042', label);
  }
  // an explicit number label outranks it
  assert.equal(numberOf(docFromLines(['Invoice No. INV-7', 'Reference: PO-2024-0042'])), 'INV-7');
});

test('a value under a heading row stands in the column of the nearest heading even where it does not overlap its letters', () => {
  // a number right-aligned under a short left-aligned heading, beside a date under its own
  assert.equal(numberOf(placed([
    [['ACME Ltd', 40, 120]],
    [['Invoice No.', 40, 100], ['Date', 200, 230]],
    [['INV-2024-0042', 110, 180], ['12.03.2024', 200, 250]],
  ])), 'INV-2024-0042');
  // a value nearer another heading is that heading's
  assert.equal(numberOf(placed([
    [['ACME Ltd', 40, 120]],
    [['Invoice No.', 40, 100], ['Customer', 200, 240], ['Date', 300, 330]],
    [['C-2024-0042', 150, 195], ['12.03.2024', 300, 350]],
  ])), null);
});

test('a reference word heading an item table\'s column names the articles\' codes, not the invoice', () => {
  assert.equal(numberOf(placed([
    [['Référence', 40, 110], ['Désignation', 150, 260], ['Qté', 330, 350], ['Montant', 480, 530]],
    [['AB-1234', 40, 95], ['Vis inox', 150, 200], ['2', 335, 340], ['12,00', 490, 525]],
  ])), null);
  assert.equal(numberOf(placed([
    [['Referencia', 40, 110], ['Descripción', 150, 260], ['Cantidad', 330, 380], ['Importe', 480, 530]],
    [['REF2045', 40, 95], ['Tornillo', 150, 200], ['2', 335, 340], ['12,00', 490, 525]],
  ])), null);
  // the document's own reference in a header table still reads
  assert.equal(numberOf(placed([
    [['Référence', 40, 110], ['Date', 150, 200]],
    [['FA-2024-118', 40, 110], ['03/12/2024', 150, 210]],
  ])), 'FA-2024-118');
});

test('a register number printed without its dot ("Org nr", "Reg nr") is no invoice number', () => {
  assert.equal(numberOf(docFromLines(['FAKTURA', 'Org nr 556677-8899'])), null);
});

test('printed-Nx counts the places a number is printed, not the labels that read it at one place', async () => {
  const { invoiceNumberChoice } = await import('../../../src/pipeline/extract/references.js');
  const choice = (rows: [string, number, number][][]) => invoiceNumberChoice(buildRows(placed(rows)));
  // "Faktura nr." is read by the title word, the bare "nr." and the Polish label: one printing
  const once = choice([[['Faktura nr. FV/2024/118', 40, 200]], [['Sprzedawca', 40, 120]]]);
  assert.equal(once.field.value, 'FV/2024/118');
  assert.ok(!once.explain.winner?.why.some((w) => w.startsWith('printed-')), String(once.explain.winner?.why));
  // the same number printed again in the footer is printed twice
  const twice = choice([[['Faktura nr. FV/2024/118', 40, 200]], [['Sprzedawca', 40, 120]], [['Faktura nr. FV/2024/118', 40, 200]]]);
  assert.ok(twice.explain.winner?.why.includes('printed-2x'), String(twice.explain.winner?.why));
});

test('explicit number labels: "Invoice Nbr", Portuguese and Spanish "Factura n.º"', () => {
  for (const label of ['Invoice Nbr', 'Factura n.º']) {
    assert.equal(numberOf(docFromLines([`${label} 2024-0117`])), '2024-0117', label);
  }
  // "Num. Doc." beside "Tipo Doc.: DNI" is the customer's identity document's number (Latin American invoices)
  assert.equal(numberOf(docFromLines(['FACTURA F001-123', 'Tipo Doc.: DNI', 'Num. Doc.: 45678912'])), 'F001-123');
});
