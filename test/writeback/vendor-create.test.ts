import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCompanyName, vendorToCreate } from '../../src/writeback/vendor-create.js';

// The vendor creation rule itself (src/writeback/vendor-create.ts): what evidence creates a partner, and what never does.

const OWN = [{ name: 'YourCompany GmbH', vat: 'DE 232 446 240' }];

describe('vendorToCreate', () => {
  it('creates from a company name and a VAT with a valid check digit, country from the prefix', () => {
    assert.deepEqual(vendorToCreate({ name: 'My Supplier Company N.V.', vat: 'BE 0000.000.196', iban: null }, OWN),
      { create: { name: 'My Supplier Company N.V.', vat: 'BE0000000196', countryCode: 'BE', iban: null } });
  });

  it('creates from a Spanish CIF printed without its prefix, stored as VIES writes it, country ES', () => {
    assert.deepEqual(vendorToCreate({ name: 'DE LUIS SABORES UNICOS S.L.', vat: 'A46103834', iban: null }, OWN),
      { create: { name: 'DE LUIS SABORES UNICOS S.L.', vat: 'ESA46103834', countryCode: 'ES', iban: null } });
    assert.match((vendorToCreate({ name: 'Conservas SL', vat: 'A46103835', iban: null }, []) as { refused: string }).refused, /no checksum/);
  });

  it("creates a Swiss vendor with its UID's VAT suffix, the form Odoo's Swiss check accepts", () => {
    const verdict = vendorToCreate({ name: 'Muster Handwerk AG', vat: 'CHE111954803', iban: null }, OWN) as { create: { vat: string } };
    assert.equal(verdict.create.vat, 'CHE111954803MWST');
  });

  it('creates from a name and a payment code IBAN, without a country it cannot be sure of', () => {
    const verdict = vendorToCreate({ name: 'Muster Handwerk AG', vat: null, iban: 'CH4431999123000889012' }, []);
    assert.deepEqual(verdict, { create: { name: 'Muster Handwerk AG', vat: null, countryCode: null, iban: 'CH4431999123000889012' } });
  });

  it('never from a name alone, a VAT whose check digit fails or cannot be checked, or no name', () => {
    assert.match((vendorToCreate({ name: 'Acme Trading Ltd', vat: null, iban: null }, []) as { refused: string }).refused, /name alone/);
    assert.match((vendorToCreate({ name: 'Lieferant GmbH', vat: 'DE123456789', iban: null }, []) as { refused: string }).refused, /no checksum/);
    assert.match((vendorToCreate({ name: 'Acme Trading', vat: 'ATU12345678', iban: null }, []) as { refused: string }).refused, /no checksum/);
    assert.ok('refused' in vendorToCreate({ name: null, vat: 'BE0000000196', iban: null }, []));
  });

  it("never the company itself, by its VAT or its name", () => {
    assert.match((vendorToCreate({ name: 'Other GmbH', vat: 'DE232446240', iban: null }, OWN) as { refused: string }).refused, /company's own/);
    assert.match((vendorToCreate({ name: 'YourCompany GmbH', vat: 'BE0000000196', iban: null }, OWN) as { refused: string }).refused, /company's own name/);
  });

  it('never from e-mail, web or heading junk', () => {
    for (const junk of ['info@acme-trading.de', 'www.acme-trading.com', 'INVOICE', 'Rechnung Nr. 2024', 'Tax Invoice', 'Page 1 of 2: total']) {
      assert.equal(isCompanyName(junk), false, junk);
      assert.ok('refused' in vendorToCreate({ name: junk, vat: 'BE0000000196', iban: null }, []), junk);
    }
    assert.equal(isCompanyName('QualityHosting AG'), true);
  });
});
