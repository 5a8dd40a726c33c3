import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendorAddress } from '../../../src/pipeline/extract/vendor-address.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));

describe('extractVendorAddress: the issuer address printed with its name', () => {
  it('reads street, postcode and city under the name, the country from its name after them', () => {
    const rows = rowsOf(['Papeterie Lumière SARL', '12 rue des Lilas', '69002 Lyon', 'France', 'Facture F-2024-118']);
    assert.deepEqual(extractVendorAddress(rows, 'Papeterie Lumière SARL', null),
      { street: '12 rue des Lilas', zip: '69002', city: 'Lyon', country: 'FR', page: 1 });
  });

  it('reads a sender line, a postcode letter prefix, Dutch, British and American forms', () => {
    const sender = rowsOf(['Muster GmbH · Hauptstraße 5 · D-10115 Berlin', 'Rechnung']);
    assert.deepEqual(extractVendorAddress(sender, 'Muster GmbH', null),
      { street: 'Hauptstraße 5', zip: '10115', city: 'Berlin', country: 'DE', page: 1 });
    const dutch = extractVendorAddress(rowsOf(['bol.com b.v.', 'Papendorpseweg 100', '3528 BJ Utrecht']), 'bol.com b.v.', null);
    assert.deepEqual([dutch?.zip, dutch?.city, dutch?.country], ['3528 BJ', 'Utrecht', 'NL']);
    const british = extractVendorAddress(rowsOf(['Acme Ltd', '10 Downing Street', 'London SW1A 2AA']), 'Acme Ltd', null);
    assert.deepEqual([british?.street, british?.zip, british?.city, british?.country], ['10 Downing Street', 'SW1A 2AA', 'London', 'GB']);
    const american = extractVendorAddress(rowsOf(['Tecnativa', '4557 De Silva St', 'Fremont CA 94538']), 'Tecnativa', null);
    assert.deepEqual([american?.street, american?.zip, american?.city, american?.country], ['4557 De Silva St', '94538', 'Fremont', 'US']);
  });

  it("takes the VAT id's country when the address does not say", () => {
    const found = extractVendorAddress(rowsOf(['Muster GmbH', 'Uferweg 40', '63571 Gelnhausen']), 'Muster GmbH', 'DE');
    assert.equal(found?.country, 'DE');
  });

  it("never reads the buyer's block, the other column, or a line that is no postcode and city", () => {
    assert.equal(extractVendorAddress(rowsOf(['Muster GmbH', 'Bill to:', 'Kunde AG', '80333 München']), 'Muster GmbH', null), null);
    const twoColumns = rowsOf(['Muster GmbH  |  Kunde AG', 'Tel. 0301234  |  Leopoldstr. 3', 'Invoice 2024  |  80333 München']);
    assert.equal(extractVendorAddress(twoColumns, 'Muster GmbH', null), null, 'the address on the right is the buyer');
    assert.equal(extractVendorAddress(rowsOf(['Muster GmbH', '2024 Invoice', 'Total 12,00']), 'Muster GmbH', null), null);
    assert.equal(extractVendorAddress(rowsOf(['Muster GmbH', '80333 München']), null, null), null, 'no name, no anchor');
  });

  it('stops a few rows under the name', () => {
    const far = rowsOf(['Muster GmbH', 'a', 'b', 'c', 'd', 'e', 'f', 'g', '80333 München']);
    assert.equal(extractVendorAddress(far, 'Muster GmbH', null), null);
  });
});
