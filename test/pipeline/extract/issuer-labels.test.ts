// Invoice rules of issue #13 (fifth round: the issuer's name and VAT id, number labels). Each test fails without its
// rule; snippets are shaped like the tune-split documents of fixtures/documents, names and numbers made up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows, findLabeled } from '../../../src/pipeline/extract/layout.js';
import { cleanName, extractVendor, isNameLike, LEGAL_FORM_RE } from '../../../src/pipeline/extract/vendor.js';
import { extractInvoiceNumber, parseReference } from '../../../src/pipeline/extract/references.js';
import { amountParser, chooseTotals, extractTotals, type AmountCandidate } from '../../../src/pipeline/extract/totals.js';
import { parseDate } from '../../../src/pipeline/extract/dates.js';
import { docFromLines } from './helpers.js';

const vendorOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines)));

test('the share capital after a legal form is cut off the name; a legal form alone is no name', () => {
  assert.equal(cleanName('BIOMARCHE SAS au capital de 1114740 EUR'), 'BIOMARCHE SAS');
  assert.equal(cleanName('Rossi Costruzioni S.r.l. con capitale sociale di € 10.000'), 'Rossi Costruzioni S.r.l.');
  assert.equal(cleanName('SAS au capital de 150000 €'), '');
  assert.equal(
    vendorOf(['Page 1/2', 'FRUITERIE DU SUD SAS au capital de 20000 EUR  |  CLIENT', '12 rue des Lilas', '13120 GARDANNE', 'FACTURE 8812'])
      .vendor_name.value,
    'FRUITERIE DU SUD SAS',
  );
});

test('an address glued to the name by commas alone is cut after the legal form', () => {
  assert.equal(cleanName('Müller Systemtechnik GmbH,Hauptstr 19,86161 Augsburg'), 'Müller Systemtechnik GmbH');
  // a comma before the legal form is part of the name
  assert.equal(cleanName('MERCADONA, S.A.'), 'MERCADONA, S.A.');
});

test('a VAT id that holds the register number printed on the legal line is the issuer\'s, not the customer\'s beside it', () => {
  const lines = [
    'FRUITERIE DU SUD SAS  |  CHEZ MARTIN',
    '07340 PEAUGRES  |  69960 CORBAS',
    'RCS : ANNONAY B 345052286  |  TVA CEE : FR34839027083',
    'Identifiant TVA : FR30345052286',
    'FACTURE No 792437 du 07/02/23',
  ];
  assert.equal(vendorOf(lines).vendor_vat.value, 'FR30345052286');
  // without the register entry, the id printed on the register's row (the customer's here) would win
  assert.equal(vendorOf(lines.map((l) => l.replace('RCS : ANNONAY B 345052286', 'ANNONAY'))).vendor_vat.value, 'FR34839027083');
});

test('"Número" at the head of a cell, its number after it, is an invoice-number label; a register folio is not', () => {
  assert.equal(
    extractInvoiceNumber(buildRows(docFromLines([
      'HUERTA VERDE S.L.U.  |  FACTURA',
      'Número 2500377  |  Fecha 08/07/2025  |  B87760575',
      'Huerta Verde SL Constituida el 28/06/2021 en el tomo 6049, folio 97 inscripcion 1 con hoja MA-161884',
    ]))).value,
    '2500377',
  );
});

test('a row of column headings in any of the seven languages is no name', () => {
  assert.equal(isNameLike('Omschrijving Aantal Prijs Bedrag'), false);
  assert.equal(isNameLike('Désignation'), false);
  assert.equal(isNameLike('Descrição Quantidade Valor'), false);
  // a name that only starts with such a word stays a name
  assert.equal(isNameLike('Valor Energia Lda'), true);
  assert.equal(
    vendorOf(['Omschrijving  |  Aantal  |  Prijs', 'Bloemenhandel De Vries', 'Kerkstraat 12', '1234 AB Utrecht', 'Factuur 2024-118']).vendor_name.value,
    'Bloemenhandel De Vries',
  );
});

test('Dutch, Portuguese, Spanish and Italian abbreviated number labels', () => {
  const numberOf = (line: string) => extractInvoiceNumber(buildRows(docFromLines(['Firma X', line, 'Datum 01-02-2024']))).value;
  assert.equal(numberOf('Fact.nr.: 2024-0117'), '2024-0117');
  assert.equal(numberOf('Notanr. 88123'), '88123');
  assert.equal(numberOf('Fra. nº 4471'), '4471');
  assert.equal(numberOf('N.º Doc.: FT 2024/118'), 'FT 2024/118');
  assert.equal(numberOf('Documento n. 2024/55'), '2024/55');
  assert.equal(numberOf('Fatura/Recibo n.º 312'), '312');
});

test('"Factuur aan", "Rechnung an", "Destinatário", "Facturado a" open the customer\'s block', () => {
  for (const header of ['Factuur aan:', 'Rechnung an:', 'Destinatário', 'Facturado a:', 'Destinataire :']) {
    const v = vendorOf(['Page 1', header, 'Klantbedrijf Janssen B.V.', 'Dorpsstraat 4', '1234 AB Utrecht', 'Factuur 2024-118', 'Leverancier Bakker', 'IBAN NL91ABNA0417164300']);
    assert.notEqual(v.vendor_name.value, 'Klantbedrijf Janssen B.V.', header);
  }
});

test('under party headers ("FORNITORE | CLIENTE") the row\'s cells are two parties, not one name; a title before a freelancer\'s name is cut', () => {
  const v = vendorOf([
    'FATTURA',
    'nr. FPR 42/22 del 09/12/2022',
    'FORNITORE  |  CLIENTE',
    'Ing. Dr. MARCO BIANCHI  |  STUDIO ROSSI  |  Luca Verdi',
    'P.IVA: IT03103320598  |  Viale Roma 250',
  ]);
  assert.equal(v.vendor_name.value, 'MARCO BIANCHI');
  assert.equal(cleanName('Dr. August Oetker KG'), 'Dr. August Oetker KG');
});

test('a tax on nothing adds up to nothing: 0 untaxed + a stamp duty is no total', () => {
  // "Totale imponibile 0,00 €", "Imposta di bollo 2,00 €", "Totale documento 5.073,04 €" (an Italian flat-rate regime)
  const cand = (kind: AmountCandidate['kind'], value: number, score: number): AmountCandidate => ({ kind, value, score, confidence: 1, rowIndex: 1 });
  const t = chooseTotals([cand('total', 5073.04, 1), cand('untaxed', 0, 0.8), cand('tax', 2, 0.6)], { printed: [2, 0, 5073.04] });
  assert.equal(t.amount_total.value, 5073.04);
});

test('under a header row, the value is the cell in the label\'s column (right-aligned amounts under left-aligned headers)', () => {
  const line = (text: string, x0: number, x1: number, y0: number) => ({ text, confidence: 1, bbox: { x0, y0, x1, y1: y0 + 10 } });
  const lines = [
    line('Rechnung 2024-117', 40, 140, 20),
    line('Netto', 260, 290, 400), line('MwSt', 340, 362, 400), line('Gesamtbetrag', 400, 460, 400),
    line('100,00 €', 270, 310, 415), line('19,00 €', 360, 395, 415), line('119,00 €', 445, 485, 415),
  ];
  const text = lines.map((l) => l.text).join('\n');
  const doc = { kind: 'pdf' as const, sha256: '0'.repeat(64), bytes: 0, pageCount: 1, xml: [], timings: {}, text,
    pages: [{ page: 1, source: 'pdf-text' as const, width: 595, height: 842, rotation: 0, confidence: 1, text, lines }] };
  const hits = findLabeled(buildRows(doc), /gesamtbetrag/i, amountParser(','), { below: 2 });
  assert.equal(hits[0]?.value, 119);
});

test('a qualified title with a colon labels the number; a running header repeated on every page does not outweigh it', () => {
  const lines = ['OPERADORA S.A.', 'FATURA DE PAGAMENTO: 5117894506', 'EMISSÃO: 07/01/2024'];
  // a second invoice's statement pages, each with its running header
  for (let p = 0; p < 8; p++) lines.push('Fatura: 5117872949  |  Cliente: 7.1484262.13');
  assert.equal(extractInvoiceNumber(buildRows(docFromLines(lines))).value, '5117894506');
});

test('Dutch and French payable labels: "Eindtotaal", "Te voldoen", "Total à payer", "Reste à payer", "Montant dû"', () => {
  for (const label of ['Eindtotaal', 'Te voldoen', 'Total à payer', 'Reste à payer', 'Montant dû']) {
    const t = extractTotals(buildRows(docFromLines(['Factuur 2024-12', 'Dienst A  |  2  |  40,00  |  80,00', 'Dienst B  |  1  |  41,50  |  41,50', `${label}  |  121,50`])), { decimal: ',' });
    assert.equal(t.amount_total.value, 121.5, label);
  }
});

test('a Spanish long date with "del" before its year: "28 de Noviembre del 2025"', () => {
  assert.equal(parseDate('28 de Noviembre del 2025'), '2025-11-28');
});

test('number values: a page counter is none, a year and its running number printed with spaced dash are one, a full-width colon is a colon', () => {
  assert.equal(parseReference('Pag.1/1'), null);
  assert.equal(parseReference('Page 2 of 3'), null);
  assert.equal(parseReference(' 2020 - 001295'), '2020-001295');
  assert.equal(parseReference('：10592'), '10592');
  const rows = buildRows(docFromLines(['Studio Verdi', 'Fattura Nr. FPR 46/22 del 03/05/2022  |  Fattura generata con:  |  Pag.1/1']));
  assert.equal(extractInvoiceNumber(rows).value, 'FPR 46/22');
});

test('a title glued after a name with a legal form is cut ("Jansen Bloemen B.V. FACTUUR"); "TAX INVOICE" stays a title', () => {
  assert.equal(cleanName('Jansen Bloemen B.V. FACTUUR'), 'Jansen Bloemen B.V.');
  assert.equal(cleanName('ACME GmbH Rechnung'), 'ACME GmbH');
  assert.equal(cleanName('TAX INVOICE'), 'TAX INVOICE');
});

test('address lines led by a street, building or area word are no names, without a house number too', () => {
  for (const t of ['Allée Jean Marie AMELIN', 'Pôle Yvon Morandat', 'ZA La Boissonnette', 'Bâtiment E', 'Palazzo D', 'Polígono Industrial El Inestal', 'SETOR SANTA GENOVEVA', 'Gewerbegebiet Nord']) {
    assert.equal(isNameLike(t), false, t);
  }
  // a company whose name starts with such a word keeps it with its legal form
  assert.equal(isNameLike('Pôle Emballage SAS'), true);
});

test('a register entry, a copy mark and a staff member are no issuer names', () => {
  assert.equal(isNameLike('RCS Aix en Provence'), false);
  assert.equal(isNameLike('Originale'), false);
  assert.equal(isNameLike('Farmacéutico titular María López'), false);
  assert.equal(isNameLike('Le atendió MARIA'), false);
  assert.equal(isNameLike('Apotheker Hans Müller'), false);
  // a person named in the cell after a staff role's, or a label ending in its colon, is not the letterhead's name
  assert.equal(vendorOf(['Agente  |  Roberto Rodríguez Lancha', 'Nº FACTURA 2511F4089']).vendor_name.value, null);
  assert.equal(vendorOf(['Per informazioni contattare :', 'Fattura No 00573119']).vendor_name.value, null);
  // ... nor a town after its postcode's cell
  assert.equal(vendorOf(['51370  |  CHAMPIGNY  |  FACTURE', 'Facture n° 23013043']).vendor_name.value, null);
});

test('a letter\'s return address names the mailing house, not the sender', () => {
  const v = vendorOf(['In caso di mancato recapito restituire a:', 'Leaderform SpA - Casella Postale n.83 - 37012 Bussolengo VR', 'Fattura n. 5752579729']);
  assert.notEqual(v.explain.vendor_name.winner?.why.some((w) => w.startsWith('sender-line')), true);
});

test('a document title OCR misread by a letter is no name', () => {
  for (const t of ['FACTURI', 'INVOlCE', 'Rechnunc']) assert.equal(isNameLike(t), false, t);
  assert.equal(isNameLike('FACTUM'), true); // two letters off: a word of its own
});

test('a Spanish or Italian cooperative\'s legal form: "S. Coop.", "Soc. Coop."', () => {
  assert.equal(LEGAL_FORM_RE.test('LA CONSERVERA DEL PREPIRINEO, S.COOP.P'), true);
  assert.equal(LEGAL_FORM_RE.test('Cantina Sociale Soc. Coop. Agricola'), true);
  assert.equal(LEGAL_FORM_RE.test('Coop Supermercati'), false);
});

test('under the issuer\'s own VAT id\'s row a bill\'s letterhead is over: a name there is another party\'s', () => {
  const page = (name: string[]) => vendorOf([
    ...name,
    '388 Avenue Galerie de la Mer  |  Facture  |  082083',
    '13120 GARDANNE  |  Date : 11/01/23',
    'SAS au capital de 150000 €',
    'N° TVA FR83404833048',
    "L'EPICERIE VERTE",
    '10, Rue Neuve',
    '01510 ARTEMARE FRANCE',
    'Désignation  |  Qté  |  Prix  |  Montant HT',
    ...Array.from({ length: 16 }, (_, k) => `Dattes bio, sachet ${k + 1}  |  ${k + 1}  |  5,14  |  ${(5.14 * (k + 1)).toFixed(2).replace('.', ',')}`),
    'Total TTC  |  718,23',
  ]);
  // the issuer's name printed as a logo only: no name rather than the customer's under its id
  const logoOnly = page([]);
  assert.equal(logoOnly.vendor_vat.value, 'FR83404833048');
  assert.equal(logoOnly.vendor_name.value, null);
  assert.equal(page(['Agro Sourcing']).vendor_name.value, 'Agro Sourcing');
});

test('an ids strip heading the page above the issuer\'s name ends no letterhead', () => {
  const ids = vendorOf([
    'USt-IdNr. DE136695976  |  Steuernr. 12/345/67890',
    'Acme Works GmbH',
    'Hauptstr. 1, 10115 Berlin',
    'Kunden AG',
    'Musterweg 5, 80331 München',
    'Rechnung Nr. 2024-0173',
    'Datum: 14.03.2024',
    'Beschreibung  |  Betrag',
    'Widget A  |  60,00',
    'Gesamtbetrag  |  60,00',
  ]);
  assert.equal(ids.vendor_name.value, 'Acme Works GmbH');
});
