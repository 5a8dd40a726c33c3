// Spanish-language invoices of Latin America (issue #13, the twelfth batch): Argentine CUIT and Salvadoran NIT/DUI as
// the vendor's tax id, the customer's id told from the issuer's; AFIP's voucher number (point of sale and number,
// "Comp. Nro"), never its authorisation code (CAE); a Salvadoran DTE's "Número de Control". Made-up documents shaped
// like the tune split's layouts; the ids are made up with valid check digits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { cleanName, extractVendor, isNameLike } from '../../../src/pipeline/extract/vendor.js';
import { isBuyerHeader } from '../../../src/pipeline/extract/blocks.js';
import { checkChileRut, checkColombiaNit, checkCuit, checkRfc, checkDui, checkSalvadoranNit, findVatIds, validateVat } from '../../../src/pipeline/extract/vat.js';
import { detectCurrency } from '../../../src/pipeline/extract/currency.js';
import { currencyFitsClues } from '../../../src/pipeline/confidence/country-clues.js';
import { docFromLines } from './helpers.js';

test('Argentine CUIT: kind prefix and mod-11 check digit (weights 5,4,3,2,7,6,5,4,3,2; remainder 1 gives 9)', () => {
  assert.equal(checkCuit('20055361682'), true);
  assert.equal(checkCuit('20267565393'), true);
  assert.equal(checkCuit('20267565392'), false, 'wrong check digit');
  assert.equal(checkCuit('23181404639'), true, 'remainder 2');
  assert.equal(checkCuit('12267565393'), false, 'no CUIT kind starts with 12');
  assert.deepEqual(validateVat('20-05536168-2'), { country: 'AR', checksum: true, prefixed: '20055361682' });
});

test('Salvadoran NIT (old and new sequences) and DUI check digits', () => {
  assert.equal(checkSalvadoranNit('06140507071048'), true, 'sequence over 100: weights 2,7,6,5,4,3,2,…');
  assert.equal(checkSalvadoranNit('06140507071040'), false);
  assert.equal(checkSalvadoranNit('06142103770010'), true, 'sequence up to 100: weights 14..2');
  assert.equal(checkSalvadoranNit('26140507071048'), false, 'a NIT starts with 0, 1 or 9');
  assert.equal(checkDui('044681377'), true);
  assert.equal(checkDui('044681378'), false);
  assert.deepEqual(validateVat('0614-050707-104-8'), { country: 'SV', checksum: true, prefixed: '06140507071048' });
  assert.deepEqual(validateVat('04468137-7'), { country: 'SV', checksum: true });
  assert.equal(validateVat('044681377'), null, 'nine digits alone are any country\'s shape');
});

test('CUIT and NIT found in text: hyphenated forms anywhere, bare digits behind a label only', () => {
  const ids = (text: string, labelled = false) => findVatIds(text, { labelled }).map((m) => [m.value, m.country]);
  assert.deepEqual(ids('C.U.I.T.: 30-51758323-1'), [['30517583231', 'AR']]);
  assert.deepEqual(ids('CUIT: 20055361682'), [], 'bare digits need the label');
  assert.deepEqual(ids('CUIT: 20055361682', true), [['20055361682', 'AR']], 'not read as a Partita IVA');
  assert.deepEqual(ids('C.U.I.T.: 30-51758323-2'), [], 'wrong check digit');
  assert.deepEqual(ids('NIT.: 0614-050707-104-8'), [['06140507071048', 'SV']]);
  assert.deepEqual(ids('NIT: 04468137-7', true), [['04468137-7', 'SV']]);
  assert.deepEqual(ids('NRC: 265909-5', true), [], 'the VAT register number is no NIT');
});

const AFIP = [
  'ORIGINAL',
  'TALLER EJEMPLO  |  C  |  FACTURA',
  'COD. 011  |  Punto de Venta: 00003  |  Comp. Nro: 00000128',
  'Razón Social: TALLER EJEMPLO  |  Fecha de Emisión: 18/02/2023',
  'Domicilio Comercial: Calle 576 - Rosario  |  CUIT: 20055361682',
  'Ingresos Brutos: 0211710200',
  'CUIT: 20267565393  |  Apellido y Nombre / Razón Social: CLIENTE EJEMPLO SA',
  'Producto  |  Cantidad  |  Subtotal',
  'Trabajos  |  1,00  |  178000,00',
  'Importe Total: $  |  178000,00',
  'Pág. 1/1  |  CAE N°: 73074974187800',
  'Fecha de Vto. de CAE: 28/02/2023',
];

test('an AFIP invoice: the CUIT in the letterhead is the vendor\'s, the voucher number is "Comp. Nro", never the CAE', () => {
  const rows = buildRows(docFromLines(AFIP));
  assert.equal(extractVendor(rows).vendor_vat.value, '20055361682');
  assert.equal(extractInvoiceNumber(rows).value, '00000128');
  // without the voucher's label, the CAE is still no number
  assert.notEqual(extractInvoiceNumber(buildRows(docFromLines(AFIP.map((l) => l.replace('Comp. Nro', 'Comp.'))))).value, '73074974187800');
});

test('a point of sale and its number printed with spaces around the dash are one number', () => {
  assert.equal(extractInvoiceNumber(buildRows(docFromLines(['FACTURA', 'Nº 0003 - 00003435', 'Fecha: 10/02/2023']))).value, '0003-00003435');
  assert.equal(extractInvoiceNumber(buildRows(docFromLines(['Factura  |  NUMERO:  |  00003 - 00003668']))).value, '00003-00003668');
});

test('a CUIT behind "CUIT Nº" is no invoice number', () => {
  const rows = buildRows(docFromLines(['FACTURA', 'Fecha: 10/02/2023', 'CUIT Nº: 20-05536168-2']));
  assert.notEqual(extractInvoiceNumber(rows).value, '20-05536168-2');
});

test('a Salvadoran DTE: its "Número de Control" is the number', () => {
  const rows = buildRows(docFromLines([
    'DOCUMENTO TRIBUTARIO ELECTRÓNICO',
    'Código de Generación: 1E8E81FE-EA3F-43C7-908A-BBC280C40B08',
    'Número de Control : DTE-03-M001P001-000000000000103',
  ]));
  assert.equal(extractInvoiceNumber(rows).value, 'DTE-03-M001P001-000000000000103');
});

test('"Señor/es:" opens the customer\'s block', () => {
  assert.equal(isBuyerHeader('Señor/es: SEGUROS EJEMPLO'), true);
  assert.equal(isBuyerHeader('Señor(es): IS4B Consulting LLC'), true);
});

test('a name printed on the row of another party\'s CUIT is that party\'s, however near the issuer\'s CUIT', () => {
  const lines = [
    'A  |  ORIGINAL',
    'Factura Nº 0005-00011643',
    'Fecha y Hora: 14/02/2023',
    'C.U.I.T.: 20-05536168-2',
    'Ingresos Brutos: 021-96246-0',
    '8 SEGUROS EJEMPLO COOPERATIVA LTDA.  |  C.U.I.T.: 20-26756539-3',
    'J.M. ROSAS 957 2000 ROSARIO',
  ];
  const vendor = extractVendor(buildRows(docFromLines(lines)));
  assert.equal(vendor.vendor_vat.value, '20055361682');
  const customer = [vendor.explain.vendor_name.winner, vendor.explain.vendor_name.runner_up].find((c) => String(c?.value ?? '').includes('SEGUROS EJEMPLO'));
  assert.ok(!customer || customer.why.includes('over-other-vat'));
  assert.ok(!vendor.vendor_name.value?.includes('SEGUROS EJEMPLO'));
});

test('"$" on an invoice whose issuer has a CUIT is the Argentine peso, "Son PESOS" notwithstanding; a "$" cell before the amount\'s cell counts', () => {
  assert.equal(detectCurrency('TOTAL $ 77,300.00\nSon PESOS: SETENTA Y SIETE MIL', { country: 'AR' }).value, 'ARS');
  assert.equal(detectCurrency('TOTAL $ 77,300.00\nSon PESOS: SETENTA Y SIETE MIL').value, 'MXN', 'no tax id: the pesos are Mexican, as before');
  assert.equal(detectCurrency('Importe Total: $   178000,00', { country: 'AR' }).value, 'ARS');
  assert.equal(detectCurrency('Total $ 12.00', { country: 'CA' }).value, 'CAD');
  assert.equal(detectCurrency('Total $ 12.000', { country: 'CL' }).value, 'CLP');
  assert.equal(detectCurrency('Total $ 12.000,00', { country: 'CO' }).value, 'COP');
});

test('El Salvador pays in US dollars: a Salvadoran NIT fits USD', () => {
  assert.equal(currencyFitsClues('USD', [{ clue: 'VAT id SV', countries: ['SV'] }]), true);
});

test('copy marks, sheet counters and a layout version are no names', () => {
  for (const t of ['Hoja 1 de 1', 'Originale', 'TRIPLICADO', 'Pag. 1 di 2', 'Ver.3']) assert.equal(isNameLike(t), false, t);
  assert.equal(isNameLike('DEL BARCO GABRIEL DANTE'), true);
});

test('AFIP\'s voucher letter and title glued after the letterhead name are cut off it', () => {
  assert.equal(cleanName('ESCOBAR LUIS RAMON C FACTURA'), 'ESCOBAR LUIS RAMON');
  assert.equal(cleanName('TALLER EJEMPLO A NOTA DE CREDITO'), 'TALLER EJEMPLO');
  assert.equal(cleanName('Vitamina C Factura'), 'Vitamina C Factura', 'a title in small letters is no AFIP letterhead');
});

test('a DTE\'s "Nombre o razón social:" under "EMISOR" names the issuer, not the receptor beside it', () => {
  const lines = [
    'DOCUMENTO TRIBUTARIO ELECTRÓNICO',
    'COMPROBANTE DE CRÉDITO FISCAL',
    'Número de Control : DTE-03-M001P001-000000000000103',
    'EMISOR  |  RECEPTOR',
    'Nombre o razón social: ANA EJEMPLO PEREZ  |  Nombre o razón social: ADUANAS EJEMPLO, S.A. DE C.V.',
    'NIT: 04468137-7  |  NIT: 0614-050707-104-8',
  ];
  assert.equal(extractVendor(buildRows(docFromLines(lines))).vendor_name.value, 'ANA EJEMPLO PEREZ');
});

test('Chilean RUT (mod 11, K) and Colombian NIT (DIAN weights) behind their labels', () => {
  assert.equal(checkChileRut('12345678', '5'), true);
  assert.equal(checkChileRut('12345678', '4'), false);
  assert.equal(checkChileRut('6', 'K'), false, 'too short');
  assert.equal(checkColombiaNit('860034313', '7'), true);
  assert.equal(checkColombiaNit('860034313', '6'), false);
  const ids = (text: string) => findVatIds(text).map((m) => [m.value, m.country, m.checksum]);
  assert.deepEqual(ids('R.U.T.: 76.086.428-5'), [['76.086.428-5', 'CL', true]]);
  assert.deepEqual(ids('RUT 76086428-5'), [['76.086.428-5', 'CL', true]]);
  assert.deepEqual(ids('Folio 76.086.428-5'), [], 'no label, no RUT');
  assert.deepEqual(ids('NIT: 860.034.313-7'), [['860034313-7', 'CO', true]]);
  assert.deepEqual(ids('NIT: 860.034.313-6'), [], 'wrong DV');
  assert.deepEqual(validateVat('76.086.428-5'), { country: 'CL', checksum: true });
  assert.deepEqual(validateVat('860034313-7'), { country: 'CO', checksum: true });
});

test('Mexican RFC check character (SAT: 13..2 over the characters\' values, 10 gives A)', () => {
  assert.equal(checkRfc('EKU9003173C9'), true, 'a company, 12 characters');
  assert.equal(checkRfc('GODE561231GR8'), true, 'a person, 13 characters');
  assert.equal(checkRfc('GODE561231GR7'), null, 'a failing check character is not verified, not wrong: some issued RFCs fail it');
  assert.equal(checkRfc('GODE561331GR8'), false, 'no RFC: month 13');
  assert.equal(checkRfc('XAXX010101000'), null, 'the public\'s generic RFC');
  assert.deepEqual(validateVat('EKU9003173C9'), { country: 'MX', checksum: true, prefixed: 'EKU9003173C9' });
  assert.deepEqual(findVatIds('RFC: GODE561231GR7').map((m) => m.checksum), [null]);
});

test('a CUIT without its label, or a principal\'s behind "Por cuenta y orden de", is not the issuer\'s', () => {
  const vatOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines))).vendor_vat.value;
  assert.equal(vatOf(['Factura', '0008-00021658', 'DOS EJEMPLOS S.A.', 'Responsable inscripto  |  30-64243841-3']), null);
  assert.equal(vatOf(['Factura', '0008-00021658', 'Por cuenta y orden de EJEMPLO ARGENTINA S.A. - Cuit: 30-68652928-9']), null);
  assert.equal(vatOf(['Factura', '0008-00021658', 'EJEMPLO ARGENTINA S.A. - Cuit: 30-68652928-9']), '30686529289');
});

test('a Brazilian bill\'s "Nº de controle" is no DTE number', () => {
  const rows = buildRows(docFromLines(['NOTA FISCAL Nº 055984051', 'Nº de controle', '300302767333']));
  assert.equal(extractInvoiceNumber(rows).value, '055984051');
});

test('a Latin American id\'s label alone makes a bare number no other country\'s id', () => {
  // a Uruguayan RUT (12 digits) is no Malaysian GST number; 11 digits behind "NIT" no Partita IVA
  const vat = (line: string) => extractVendor(buildRows(docFromLines(['EMPRESA EJEMPLO S.A.', line, 'FACTURA', 'Total 100,00']))).vendor_vat.value;
  assert.equal(vat('RUT: 211234560012'), null);
  assert.equal(vat('NIT: 01234567897'), null);
  // the label's own countries still count: a CUIT printed bare behind "CUIT"
  assert.equal(vat('CUIT: 20055361682'), '20055361682');
  // and another label beside it still makes the bare number that label's country's id
  assert.equal(vat('P.IVA 01234567897'), 'IT01234567897');
});
