// The issuer's VAT id told from the customer's and a principal's (issues #13, #14): each test fails without its rule.
// Snippets are shaped like text-layer bills (a SaaS invoice's header over Bill to / Ship to columns, a marketplace's
// three address columns, an Italian fuel card bill's customer block and legal run); names and ids made up, check
// digits holding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../../src/contract.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { cellPlaces } from '../../../src/pipeline/extract/issuer-place.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { findVatIds, validateVat } from '../../../src/pipeline/extract/vat.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromCells, docFromLines } from './helpers.js';

const CUSTOMER = 'DE123456788';
const ISSUER_AT = 'ATU12345675';
const ISSUER_IT = 'IT12345678903';
const CUSTOMER_IT = '09876543217';

// a SaaS invoice: the customer's id in the header ("VAT Number") and again in its Bill to column; the issuer's beside
// its name at the foot
const saas = (): [string, number, number][][] => [
  [['Invoice', 30, 92]],
  [['Invoice number 1234 0001', 30, 176]],
  [['VAT Number', 30, 85], [CUSTOMER, 107, 167]],
  [['Nimbus Cloud GmbH', 30, 207], ['Bill to', 258, 346], ['Ship to', 397, 486]],
  [['Ringstraße 2', 30, 182], ['Kunde Analytics GmbH', 211, 364], ['Kunde Analytics GmbH', 393, 560]],
  [['A 4020 Linz', 30, 137], ['Hafenweg 4', 176, 311], ['Hafenweg 4', 373, 514]],
  [['Austria', 30, 101], ['06108 Halle', 227, 300], ['06108 Halle', 341, 538]],
  [[`DE VAT ${CUSTOMER}`, 306, 403]],
  [['Subtotal', 306, 429], ['€99.00', 490, 582]],
  [['Total', 306, 398], ['€99.00', 472, 582]],
  [['Thanks for your business!', 30, 139]],
  [[`VAT of Nimbus Cloud GmbH ${ISSUER_AT}`, 30, 199]],
];

test('a country code before a word is no prefix of an id: "DE VAT DE…" holds the id after the word', () => {
  assert.deepEqual(findVatIds(`DE VAT ${CUSTOMER}`, { labelled: true }).map((m) => m.value), [CUSTOMER]);
});

test("an Austrian UID's check digit is verified", () => {
  assert.equal(validateVat(ISSUER_AT)?.checksum, true);
  assert.equal(validateVat('ATU12345676')?.checksum, false);
});

test("blocks side by side are columns: the customer's id under Bill to, not under Ship to, is the customer's", () => {
  const rows = buildRows(docFromCells(saas()));
  const place = (text: string) => cellPlaces(rows).find((p) => p.cell.text === text)?.place;
  assert.equal(place(`DE VAT ${CUSTOMER}`), 'other');
  // the Bill to column's own cells, which the last header (Ship to) alone did not reach
  assert.equal(cellPlaces(rows).filter((p) => p.cell.text === 'Kunde Analytics GmbH').every((p) => p.place === 'other'), true);
  assert.equal(place('Ringstraße 2'), 'issuer');
});

test("an id printed in the customer's column is the customer's wherever else it is printed: the issuer's wins", () => {
  const v = extractVendor(buildRows(docFromCells(saas())));
  assert.equal(v.vendor_vat.value, ISSUER_AT);
  assert.deepEqual(v.explain.vendor_vat.runner_up?.why.includes('other-party-id'), true);
});

test("the customer's id, when it is the only one printed, is read with the evidence customer-side", () => {
  const rows = saas().filter((r) => !r[0][0].startsWith('VAT of'));
  const v = extractVendor(buildRows(docFromCells(rows)));
  assert.equal(v.vendor_vat.value, CUSTOMER);
  const fields = { ...emptyFields(), vendor_vat: { value: CUSTOMER, confidence: v.vendor_vat.confidence } } as ExtractedFields;
  const e = collectEvidence({ fields, lines: [], text: '', ocrLines: [], ranking: { vendor_vat: v.explain.vendor_vat } });
  assert.ok(e.vendor_vat?.includes('customer-side'), JSON.stringify(e.vendor_vat));
  // ... and the issuer's id, printed only where the issuer prints it, carries none
  const issuer = extractVendor(buildRows(docFromCells(saas())));
  const fieldsIssuer = { ...emptyFields(), vendor_vat: { value: ISSUER_AT, confidence: issuer.vendor_vat.confidence } } as ExtractedFields;
  const eIssuer = collectEvidence({ fields: fieldsIssuer, lines: [], text: '', ocrLines: [], ranking: { vendor_vat: issuer.explain.vendor_vat } });
  assert.ok(!eIssuer.vendor_vat?.includes('customer-side'), JSON.stringify(eIssuer.vendor_vat));
});

test("a marketplace's Sold by column beside the billing and delivery addresses is the seller's: its id is read", () => {
  const rows: [string, number, number][][] = [
    [['Rechnung', 500, 565]],
    [['Rechnungsadresse', 35, 168], ['Lieferadresse', 201, 308], ['Verkauft von', 341, 441]],
    [['Erika Muster', 35, 110], ['Erika Muster', 137, 212], ['Bazaar EU S.à r.l.', 239, 546]],
    [['Hauptstr. 8', 35, 165], ['Hauptstr. 8', 187, 317], ['Marktstr. 12', 340, 458]],
    [['20457 Hamburg', 35, 151], ['20457 Hamburg', 184, 299], ['80807 München', 333, 440]],
    [[`USt-IdNr. ${CUSTOMER}`, 386, 464]],
    [['Bestellinformationen', 34, 123]],
  ];
  const v = extractVendor(buildRows(docFromCells(rows)));
  assert.equal(v.vendor_vat.value, CUSTOMER);
  assert.ok(v.explain.vendor_vat.winner?.why.includes('seller-block'), JSON.stringify(v.explain.vendor_vat));
});

test("the customer's postal address header opens its block; the issuer's legal run, its address before the id, is its legal line", () => {
  const lines = [
    'FATTURA EMESSA PER PRODOTTI SOMMINISTRATI',
    'Indirizzo Postale del cliente :',
    'ROSSI TRASPORTI SPA',
    'VIA DURBAN 2/4',
    '00144 ROMA RM',
    `Partita IVA : ${CUSTOMER_IT}  |  IBAN : IT91 V033 8001 6000 0001 4421 013`,
    'Fattura No : 00573119',
    'Data : 15.10.2025',
    'Pagina : 1',
    'Fornitura dei seguenti prodotti consegnati in esecuzione del contratto',
    'Carta 078 FH682DD',
    `Fuelcard Services SRL, Via Carlo Veneziani, 58, 00148 Roma, Italia - Partita IVA:${ISSUER_IT}`,
    `Partita IVA : ${CUSTOMER_IT}  |  Data : 15.10.2025`,
  ];
  const v = extractVendor(buildRows(docFromLines(lines)));
  assert.equal(v.vendor_vat.value, ISSUER_IT);
  assert.ok(v.explain.vendor_vat.winner?.why.includes('legal-line'), JSON.stringify(v.explain.vendor_vat));
  assert.ok(v.explain.vendor_vat.runner_up?.why.includes('other-party-id'), JSON.stringify(v.explain.vendor_vat));
});

test('a VAT label wrapped onto two lines labels the id on the second', () => {
  const lines = [
    'FUELNET S.R.L.',
    'Via Roma, 18 - 20124 Milano',
    'Codice fiscale, partita Iva e n. iscrizione',
    `nel Registro delle Imprese di Roma: ${ISSUER_IT.slice(2)}`,
    'FATTURA Nr: 9600424757',
  ];
  assert.equal(extractVendor(buildRows(docFromLines(lines))).vendor_vat.value, ISSUER_IT);
});

test("a non-EU business's One-Stop-Shop number and a Swiss UID printed with spaces around its hyphen are read, the Swiss suffix and check digit apart", () => {
  assert.deepEqual(findVatIds('VAT Number: EU372001951', { labelled: true }).map((m) => m.value), ['EU372001951']);
  // ... behind a VAT label only: "EU" and nine digits are many another reference
  assert.deepEqual(findVatIds('Ref EU372001951', { labelled: false }), []);
  // "EUR" before an amount is no prefix
  assert.deepEqual(findVatIds('Total EUR 123456789', { labelled: true }), []);
  const che = findVatIds('VAT Reg. No. CHE - 111954 803 TVA', { labelled: true });
  assert.deepEqual(che.map((m) => [m.value, m.checksum]), [['CHE111954803', true]]);
  assert.equal(validateVat('CHE-111.954.804')?.checksum, false);
});

test("a customer number beside the issuer's id in an info box, and the reverse-charge note above it, do not make the id the customer's", () => {
  const ISSUER_DE = 'DE136695976';
  const infoBox = (left: string): [string, number, number][][] => [
    [['Muster Werkzeuge GmbH', 30, 200]],
    [['Rechnung', 30, 120]],
    [['Rechnungsnummer 2024-117', 30, 200]],
    [[left, 30, 160], [`USt-IdNr.: ${ISSUER_DE}`, 200, 360]],
    [['Summe', 30, 100], ['119,00 EUR', 300, 380]],
  ];
  assert.equal(extractVendor(buildRows(docFromCells(infoBox('Kunden-Nr.: 10023')))).vendor_vat.value, ISSUER_DE);
  assert.equal(extractVendor(buildRows(docFromCells(infoBox('Steuerschuldnerschaft des Leistungsempfängers')))).vendor_vat.value, ISSUER_DE);
  // ... while the customer's own id label still names the customer's
  assert.notEqual(extractVendor(buildRows(docFromCells(infoBox('USt-IdNr. des Kunden')))).vendor_vat.value, ISSUER_DE);
});
