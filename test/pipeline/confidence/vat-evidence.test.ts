// Evidence about the vendor's VAT id read around it on the page (src/pipeline/confidence/vat-evidence.ts), and collected
// with the rest: another party's id taken for the vendor's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { collectEvidence, EVIDENCE_SIGN } from '../../../src/pipeline/confidence/evidence.js';
import { customerLabelNear, sellerIdElsewhere } from '../../../src/pipeline/confidence/vat-evidence.js';

// a purchase order: the page's issuer (the buyer) prints its own id on its legal line, its supplier's behind the
// supplier's label
const ORDER = [
  'BON DE COMMANDE N° CF_0001',
  'Domaine Exemple SARL',
  'TVA Intracom Fournisseur : FR32123456789',
  'DESIGNATION QTE P.U. HT',
  'SIRET : 44732829300011 - TVA IntraCom : FR44732829320',
].join('\n');

test('seller-id-other: another valid id behind a supplier\'s label makes the page its customer\'s', () => {
  assert.equal(sellerIdElsewhere(ORDER, 'FR44732829320'), true, 'the buyer\'s legal-line id');
  assert.equal(sellerIdElsewhere(ORDER, 'FR32123456789'), false, 'the supplier\'s own id');
  // an invoice whose issuer labels its own id as the supplier's, and prints the customer's bare: nothing against it
  const invoice = 'Supplier VAT: FR32123456789\nCustomer: ACME\nFR44732829320';
  assert.equal(sellerIdElsewhere(invoice, 'FR32123456789'), false);
  // an id with wrong check digits behind the label says nothing
  assert.equal(sellerIdElsewhere('Lieferant USt-IdNr. FR33123456789\nFR44732829320', 'FR44732829320'), false);
});

test('customer-label-near: an id printed only within two lines of a customer\'s label stands in the customer\'s block', () => {
  const header = ['FACTURA 2511F0001    Tasca Ejemplo, S.L.', 'Fecha 20/11/2025    B12345674', 'Nº de Cliente 29044    COMESTIBLES', 'Rodas, 2', '28005 MADRID', 'DESCRIPCIÓN CANTIDAD PRECIO'];
  assert.equal(customerLabelNear(header.join('\n'), 'ESB12345674'), true, 'bare, without its country prefix');
  // the issuer's id in the footer, far from the customer's label
  const footer = [...header.slice(0, 1), ...header.slice(2), 'línea 1', 'línea 2', 'Garda Ejemplo S.L. · CIF B12345674'];
  assert.equal(customerLabelNear(footer.join('\n'), 'ESB12345674'), false);
  // printed twice, once away from any customer's label (the issuer's letterhead and footer): not the customer's block
  assert.equal(customerLabelNear([...header, 'x', 'y', 'z', 'CIF B12345674'].join('\n'), 'ESB12345674'), false);
  assert.equal(customerLabelNear('Bill to\nACME Ltd\nVAT DE136695976', 'DE111111111'), false, 'an id not printed');
});

test('the VAT evidence is collected against the value, as its sign says', () => {
  const fields = emptyFields();
  fields.vendor_vat = { value: 'FR44732829320', confidence: 0.9 };
  const got = collectEvidence({ fields, lines: [], text: ORDER, ocrLines: [] });
  assert.ok(got.vendor_vat?.includes('seller-id-other'), JSON.stringify(got.vendor_vat));
  assert.ok(!got.vendor_vat?.includes('customer-label-near'));
  assert.equal(EVIDENCE_SIGN['seller-id-other'], -1);
  assert.equal(EVIDENCE_SIGN['customer-label-near'], -1);
});
