import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseEInvoice } from '../../../src/pipeline/einvoice/index.js';

const read = (file: string) => parseEInvoice(readFileSync(`fixtures/documents/${file}`, 'utf8'), 'file');

describe("e-invoices: the seller's postal address, for a new vendor", () => {
  test('UBL PostalAddress and CII PostalTradeAddress of the same invoice agree', () => {
    const expected = { street: 'Lieferantenstraße 20', zip: '80333', city: 'München', country: 'DE' };
    assert.deepEqual(read('ubl/XML-Rechnung__UBL__EN16931_AbweichenderZahlungsempf.ubl.xml')?.vendorAddress, expected);
    assert.deepEqual(read('cii/XML-Rechnung__CII__EN16931_AbweichenderZahlungsempf.cii.xml')?.vendorAddress, expected);
  });

  test("FatturaPA: the CedentePrestatore's Sede", () => {
    assert.deepEqual(read('fatturapa/fatturaPA__eigor__valid__A10-Licenses-CreditNote.xml')?.vendorAddress,
      { street: 'Lindeboomseweg 41', zip: '99999', city: 'Amersfoort', country: 'NL' });
  });

  test('CFDI gives no issuer address: none', () => {
    assert.equal(read('cfdi/cfdiutils__cfdi33-valid.xml')?.vendorAddress, null);
  });
});
