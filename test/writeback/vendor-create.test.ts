import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifyingVat, isCompanyName, vendorToCreate, vendorVat } from '../../src/writeback/vendor-create.js';

// The vendor creation rule itself (src/writeback/vendor-create.ts): what evidence creates a partner, and what never does.

const OWN = [{ name: 'YourCompany GmbH', vat: 'DE 232 446 240' }];

describe('vendorToCreate', () => {
  it('says why a name labels no partner made by a payment code: a bank\'s, this company\'s own, not a company\'s', () => {
    const iban = 'CH9300762011623852957';
    const why = (name: string) => (vendorToCreate({ name, vat: null, iban }, OWN) as { refused: string }).refused;
    assert.match(why('Deutsche Bank AG'), /is a bank's name/);
    assert.match(why('YourCompany GmbH'), /is this company's own name/);
    assert.match(why('Rechnung 12'), /does not look like a company name/);
  });
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

  it('never from a name alone, nor a VAT whose check digit fails or cannot be checked', () => {
    assert.match((vendorToCreate({ name: 'Acme Trading Ltd', vat: null, iban: null }, []) as { refused: string }).refused, /name alone/);
    assert.match((vendorToCreate({ name: 'Lieferant GmbH', vat: 'DE123456789', iban: null }, []) as { refused: string }).refused, /no checksum/);
    assert.match((vendorToCreate({ name: 'Acme Trading', vat: 'ATU12345678', iban: null }, []) as { refused: string }).refused, /no checksum/);
    assert.ok('refused' in vendorToCreate({ name: null, vat: null, iban: 'CH4431999123000889012' }, []), 'an IBAN without a name');
  });

  it('the VAT says who the vendor is: without a name fit to label it, the new partner is called by its VAT id', () => {
    const byVat = { create: { name: 'BE0000000196', vat: 'BE0000000196', countryCode: 'BE', iban: null, namedByVat: true } };
    assert.deepEqual(vendorToCreate({ name: null, vat: 'BE0000000196', iban: null }, []), byVat, 'no name read at the label bar');
    assert.deepEqual(vendorToCreate({ name: 'Deutsche Bank AG', vat: 'BE0000000196', iban: null }, []), byVat, 'a bank names where the issuer banks');
    assert.deepEqual(vendorToCreate({ name: 'YourCompany GmbH', vat: 'BE0000000196', iban: null }, OWN), byVat, "the company's own name is the customer's block");
  });

  it("never the company itself, by its VAT", () => {
    assert.match((vendorToCreate({ name: 'Other GmbH', vat: 'DE232446240', iban: null }, OWN) as { refused: string }).refused, /company's own/);
  });

  it('never labelled by e-mail, web or heading junk', () => {
    for (const junk of ['info@acme-trading.de', 'www.acme-trading.com', 'INVOICE', 'Rechnung Nr. 2024', 'Tax Invoice', 'Page 1 of 2: total']) {
      assert.equal(isCompanyName(junk), false, junk);
      assert.equal((vendorToCreate({ name: junk, vat: 'BE0000000196', iban: null }, []) as { create: { name: string } }).create.name, 'BE0000000196', junk);
    }
    assert.equal(isCompanyName('QualityHosting AG'), true);
  });
});

describe('the VAT that says who the vendor is', () => {
  const read = (value: string, confidence: number, evidence: string[] = ['checksum-ok']) => ({ value, confidence, evidence });

  it('a checksum-valid VAT written by the policy identifies the vendor', () => {
    assert.equal(identifyingVat(read('BE0000000196', 0.99), 0.99, OWN), 'BE0000000196');
  });

  it('below the write threshold, or with check digits that fail, it is looked up but creates nothing', () => {
    assert.equal(identifyingVat(read('BE0000000196', 0.95), 0.99, OWN), null);
    assert.deepEqual(vendorVat(read('BE0000000196', 0.95), OWN), { vat: 'BE0000000196', refused: null });
    assert.equal(identifyingVat(read('DE123456789', 0.99, []), 0.99, OWN), null);
  });

  it("the customer's VAT never: printed where another party prints its own, or this company's own", () => {
    const customerSide = read('BE0000000196', 0.99, ['checksum-ok', 'customer-side']);
    assert.equal(identifyingVat(customerSide, 0.99, []), null);
    assert.match(vendorVat(customerSide, []).refused!, /where the customer prints its own/);
    assert.equal(vendorVat(customerSide, []).vat, null, 'not even looked up');
    const ours = read('DE232446240', 0.99);
    assert.equal(identifyingVat(ours, 0.99, OWN), null);
    assert.match(vendorVat(ours, OWN).refused!, /this company's own \(YourCompany GmbH\)/);
  });
});
