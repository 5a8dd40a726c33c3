// The issuer of a till slip or a scanned bill told by its legal line (issue #13): each test pins one general fact on a
// few synthetic lines laid out as OCR reads them, and fails without its rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEGAL_LINE_RE } from '../../../src/pipeline/extract/blocks.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { findVatIds } from '../../../src/pipeline/extract/vat.js';
import { normaliseVat, sameVat } from '../../../src/writeback/normalize.js';
import { cleanName, extractVendor, isNameLike, LEGAL_FORM_RE } from '../../../src/pipeline/extract/vendor.js';
import { docFromCells, docFromLines } from './helpers.js';

const slipVendor = (lines: string[]) => extractVendor(buildRows(docFromLines(lines)), { tillSlip: true });

test('a Spanish tax id glued to its label ("CIFB86590841": the space lost) is the issuer\'s, and names the company on its legal line', () => {
  assert.deepEqual(findVatIds('CIFB86590841 //').map((v) => v.value), ['B86590841']);
  assert.deepEqual(findVatIds('N.I.F.A80782519').map((v) => v.value), ['A80782519']);
  // not inside another word: a code that ends in the letters of a label is no label
  assert.deepEqual(findVatIds('XCIFB86590841'), []);
  const v = slipVendor(['GOIKO', 'Calle Mayor 7', '2 Cerveza  |  7,00', 'Total  |  7,00', 'GOIKO GOURMET SL', 'CIFB86590841 //', 'Calle Serrano 6, 28003 Madrid']);
  assert.equal(v.vendor_vat.value, 'B86590841');
  assert.equal(v.vendor_name.value, 'GOIKO GOURMET SL');
});

test('a legal form spelled out ("BILLA Aktiengesellschaft") marks the company on the legal line over the VAT id', () => {
  const v = extractVendor(buildRows(docFromLines([
    'Vielen lieben Dank für Ihre Bestellung in unserem BILLA Online Shop. Bei Fragen zu Ihrer Bestellung helfen wir', 'Rechnungsnummer  |  B4/615', '© PayPal  |  50,28 €',
    'Orangensaft  |  2  |  2,29  |  4,58', 'Summe  |  50,28',
    'BILLA Aktiengesellschaft + IZ NÖ-Süd, Straße 3, A-2355 Wiener Neudorf', 'UID-Nummer: ATU 15255907 + Firmenbuchnummer: FN 118556y',
  ])));
  assert.equal(v.vendor_name.value, 'BILLA Aktiengesellschaft');
});

test('"company" in the bundled languages ends a name as a business word does: a name over two lines goes on to "… SOCIEDAD"', () => {
  const v = extractVendor(buildRows(docFromLines(['ORIGINAL', 'MARCIO Y AGUSTIN  |  B FACTURA', 'ADDAMO SOCIEDAD  |  COD. 006', 'Punto de Venta: 00003  |  Comp. Nro: 00001475'])));
  assert.equal(v.vendor_name.value, 'MARCIO Y AGUSTIN ADDAMO SOCIEDAD');
});

test('Tunisia\'s matricule fiscal (digits, key letter, VAT code, category, establishment) is a tax id, however parted', () => {
  for (const [printed, value] of [['MF: 1644210V/B/M/000', '1644210V/B/M/000'], ['MF/1634328D A M 000', '1634328D/A/M/000'], ['T.V.A.: 045048 L/A/M/000 - CD.: 221890/D', '045048L/A/M/000'], ['tva: 1635163/E/A/M/000', '1635163E/A/M/000']]) {
    assert.deepEqual(findVatIds(printed, { labelled: true }).map((v) => v.value), [value], printed);
  }
  // parted by slashes it is one unlabelled too; parted by spaces only behind a label: a till's article line is none
  assert.deepEqual(findVatIds('1644210V/B/M/000').map((v) => v.value), ['1644210V/B/M/000']);
  assert.deepEqual(findVatIds('Article 1234567 B N E 100  |  3,00'), []);
  const slip = slipVendor(['SHOP', 'Article 1234567 B N E 100  |  3,00', 'Total  |  3,00']);
  assert.equal(slip.vendor_vat.value, null);
});

test('the Maghreb\'s "RC" (registre de commerce) marks the issuer\'s legal line: its tax id outranks the customer\'s', () => {
  const v = extractVendor(buildRows(docFromLines([
    'Facture acquittée : TN229533', 'Contact facturation :', 'Next Gen Solution', '2080 Ariana Ville', 'tva: 1635163/E/A/M/000',
    'ABONNEMENT  |  10.720 DT', 'TOTAL TTC  |  13.360 DT', 'OVH SARL, société au capital de 75000 DT', 'MF : 1111538F/A/M/000 RC : B24122392009',
  ])));
  assert.equal(v.vendor_vat.value, '1111538F/A/M/000');
});

test('a Belgian VAT id of before 2007, nine digits ("BE 885 463 114"), checks out as today\'s ten with the leading 0, and is given in that form', () => {
  assert.deepEqual(findVatIds('BTW/TVA nr. BE 885 463 114').map((v) => [v.value, v.checksum]), [['BE0885463114', true]]);
  // the same number as a partner's VAT in Odoo (which holds the ten digits): matched
  const found = normaliseVat(findVatIds('TVA BE 123 456 749')[0].value)!;
  assert.equal(sameVat(found, normaliseVat('BE0123456749')!), true);
  assert.deepEqual(findVatIds('BE 885 463 115'), []);
});

test('a French VAT id misread by a digit is mended by the SIRET printed: its key is the SIREN\'s, the rest differs by one digit', () => {
  const slip = (siret: string) => slipVendor(['HORETO PARIS', 'Croissant  |  1,90', 'Total  |  6,70', `Siret :${siret}`, 'APE :5610A', '1VA : FR69902446968', 'Merci pour votre visite']);
  assert.equal(slip('90244698800021').vendor_vat.value, 'FR69902446988');
  // a SIRET two digits away, or another company's, mends nothing
  assert.equal(slip('90244696600021').vendor_vat.value, null);
});

test('a title of several words OCR read glued and a letter off ("FACTURASIMPIIFICADA") is no name', () => {
  for (const t of ['FACTURASIMPIIFICADA', 'TAXINVQICE', 'FATURASIMPLIFICAD']) assert.equal(isNameLike(t), false, t);
  for (const t of ['FACTURAS SIMPLES SL', 'SIMPLY FICADA']) assert.equal(isNameLike(t), true, t);
});

test('the word for company leading a name ("Société Générale …") ends nothing: the name is not cut to it before its address', () => {
  assert.equal(cleanName('Société Générale 29 bd Haussmann 75009 Paris'), 'Société Générale 29 bd Haussmann 75009 Paris');
  assert.ok(LEGAL_FORM_RE.test('ADDAMO SOCIEDAD'));
  assert.ok(!LEGAL_FORM_RE.test('Société Commerciale'));
});

test('"RC" is the trade register only before a register number: "RC : B123456" is a legal line, "RC AUTOMOBILES" a name', () => {
  assert.equal(isNameLike('RC : B123456'), false);
  assert.equal(isNameLike('R.C. 12345'), false);
  for (const name of ['RC AUTOMOBILES', 'R.C. Plomberie', 'RC Racing']) assert.equal(isNameLike(name), true, name);
  const v = extractVendor(buildRows(docFromLines(['RC AUTOMOBILES', '12 avenue Foch 75016 Paris', 'Facture n° 42', 'Total TTC  |  120,00'])));
  assert.equal(v.vendor_name.value, 'RC AUTOMOBILES');
  assert.equal(LEGAL_LINE_RE.test('MF : 1111538F/A/M/000 RC : B24122392009'), true);
  assert.equal(LEGAL_LINE_RE.test('Assurance RC Pro'), false);
});

test('a label glued to a number is a label only as a Spanish id\'s before that id\'s shape, and "MF" only before its colon, slash or dot', () => {
  // a printer model "MF3010" and a rate "TVA20%" are no tax-id label: the 11 digits on their row are no Partita IVA
  for (const row of ['Canon i-SENSYS MF3010  |  12345678903', 'TVA20% 12345678901']) {
    const v = extractVendor(buildRows(docFromLines(['SHOP', row, 'Total  |  10,00'])));
    assert.equal(v.vendor_vat.value, null, row);
  }
});

test('a footer line naming a company with its legal form, then its seat or register entry, names the issuer', () => {
  // (the letterhead a logo: only the customer's address at the top, the firm's name only at the foot)
  const body: [string, number, number][][] = [[['Hans Meier', 30, 120]], [['Lindenweg 5', 30, 120]], [['80331 München', 30, 120]], [['Rechnung', 30, 100], ['Rechnungsnummer: 4711', 300, 420]], [['Beratung', 30, 100], ['2', 300, 305], ['1.234,00', 480, 520]], [['Gesamtbetrag', 330, 420], ['1.468,46', 480, 520]]];
  const footed = (line: string) => {
    const rows = buildRows(docFromCells([...body, [[line, 40, 520]]]));
    rows[rows.length - 1].top = 0.95;
    return extractVendor(rows).vendor_name.value;
  };
  assert.equal(footed('Müller Bau GmbH – Sitz der Gesellschaft: Berlin – Registergericht: Amtsgericht Charlottenburg HRB 123456'), 'Müller Bau GmbH');
  assert.equal(footed('Studio Rossi S.r.l. - Iscritta al Registro delle Imprese di Milano'), 'Studio Rossi S.r.l.');
  assert.equal(footed('Dupont Conseil SAS - Siège social : Lyon'), 'Dupont Conseil SAS');
  assert.equal(footed('Bank of Ireland plc - Registered office: Dublin'), 'Bank of Ireland plc');
});

test('a footer\'s parent, host, bank or assignee with its legal form is no issuer over a letterhead without one', () => {
  const body: [string, number, number][][] = [[['Taxi Max Mustermann', 30, 200]], [['Hans Meier', 30, 120]], [['Lindenweg 5', 30, 120]], [['80331 München', 30, 120]], [['Rechnung', 30, 100], ['Rechnungsnummer: 4711', 300, 420]], [['Beratung', 30, 100], ['2', 300, 305], ['1.234,00', 480, 520]], [['Gesamtbetrag', 330, 420], ['1.468,46', 480, 520]]];
  const footed = (line: string) => {
    const rows = buildRows(docFromCells([...body, [[line, 40, 520]]]));
    rows[rows.length - 1].top = 0.95;
    return extractVendor(rows).vendor_name.value;
  };
  for (const line of [
    'A member of Mega Holdings Ltd - Registered office: London',
    'Part of the Mega Group plc - Company Reg. No. 123',
    'Hosted by Shopify International Ltd - Registered office Dublin',
    'Ein Unternehmen der Mutter Holding AG – Sitz: Zürich',
    'Die Forderung wurde abgetreten an ABC Factoring GmbH – Sitz Hamburg',
    'Commerzbank AG – Bank für Geschäftskunden',
    'Schmidt GmbH - Address on file',
  ]) assert.equal(footed(line), 'Taxi Max Mustermann', line);
});
