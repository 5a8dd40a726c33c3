// Invoice rules of issue #13 (fourth round: rules that hold on invoices the rules were not tuned on). Each test
// fails without its rule; snippets are shaped like the tune-split documents of fixtures/documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { findVatIds } from '../../../src/pipeline/extract/vat.js';
import { docFromLines } from './helpers.js';

const vatOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines))).vendor_vat.value;

test('a VAT id is cut back to its country\'s length only at a group boundary, never inside one run of digits', () => {
  // grouped digits followed by a postcode: cut at the group boundary
  assert.equal(findVatIds('USt-IdNr. DE 232 446 240 12345', { labelled: true })[0]?.value, 'DE232446240');
  // one run of eleven digits is one id (a made-up one): not DE + its first nine digits
  assert.notEqual(findVatIds('DE09687654321', { labelled: false })[0]?.value, 'DE096876543');
  assert.equal(findVatIds('USt-IdNr.: DE09687654321', { labelled: true })[0]?.value, 'DE09687654321');
});

test('behind a VAT label, an id of the wrong length for its country is read as printed, its check counted as wrong', () => {
  const [m] = findVatIds('DE12435679', { labelled: true });
  assert.equal(m?.value, 'DE12435679');
  assert.equal(m?.checksum, false);
  // unlabelled, such a string is no VAT id
  assert.equal(findVatIds('DE12435679', { labelled: false }).length, 0);
});

test('a labelled seller id with wrong check digits beats an unlabelled bare Spanish-NIF-shaped code elsewhere', () => {
  assert.equal(vatOf([
    'Verkäufer',
    'Name:  |  Musterlieferant GmbH',
    'USt.-Id.-Nr.:  |  DE12435679',
    'Pos  |  Beschreibung  |  Nettobetrag',
    '1  |  87654321X (GTIN)  |  105,04',
  ]), 'DE12435679');
  // the same code behind its own NIF label stays a tax id
  assert.equal(vatOf(['Ferretería López S.L.', 'NIF: 87654321X', 'Factura 12']), '87654321X');
});

test('behind its label, an Italian Partita IVA whose check digit fails is still read (as printed, check wrong)', () => {
  const [m] = findVatIds('P.IVA: 01335720755', { labelled: true });
  assert.equal(m?.value, 'IT01335720755');
  assert.equal(m?.checksum, false);
  assert.equal(findVatIds('01335720755', { labelled: false }).length, 0);
});
