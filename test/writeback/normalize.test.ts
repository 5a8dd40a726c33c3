import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findIbans, nameSimilarity, normaliseName, normaliseVat, sameVat } from '../../src/writeback/normalize.js';

describe('normaliseVat', () => {
  it('strips separators and splits the country prefix', () => {
    assert.deepEqual(normaliseVat('de 123.456.789'), { full: 'DE123456789', prefix: 'DE', core: '123456789' });
    assert.deepEqual(normaliseVat('ATU 1234 5678'), { full: 'ATU12345678', prefix: 'AT', core: 'U12345678' });
    assert.deepEqual(normaliseVat('12345678901'), { full: '12345678901', prefix: null, core: '12345678901' });
  });
  it("reads a Swiss UID without its VAT suffix, so a partner stored as Odoo wants it is the same", () => {
    assert.deepEqual(normaliseVat('CHE-111.954.803 MWST'), normaliseVat('CHE111954803'));
    assert.ok(sameVat(normaliseVat('CHE111954803TVA')!, normaliseVat('CHE-111.954.803')!));
  });
  it('reads a Belgian number of before 2007 (nine digits) as today\'s with its leading 0, so a partner stored in ten is the same', () => {
    assert.equal(normaliseVat('BE 123 456 749')?.full, 'BE0123456749');
    assert.ok(sameVat(normaliseVat('BE123456749')!, normaliseVat('BE0123456749')!));
  });
  it('treats GR and EL as the same Greek prefix', () => {
    assert.equal(normaliseVat('GR123456789')?.prefix, 'EL');
  });
  it('rejects things that are no VAT number', () => {
    assert.equal(normaliseVat('n/a'), null);
    assert.equal(normaliseVat('ABCDEFG'), null);
  });
  it('matches with or without the prefix, but not across countries', () => {
    const withPrefix = normaliseVat('IT01234567890')!;
    const bare = normaliseVat('01234567890')!;
    assert.ok(sameVat(withPrefix, bare));
    assert.ok(sameVat(bare, withPrefix));
    assert.ok(!sameVat(withPrefix, normaliseVat('FR01234567890')!));
    assert.ok(!sameVat(withPrefix, normaliseVat('IT01234567891')!));
  });
});

describe('company names', () => {
  it('ignores legal forms, punctuation, case and accents', () => {
    assert.equal(normaliseName('Lieferant GmbH'), 'lieferant');
    assert.equal(normaliseName('ROSSI S.r.l.'), 'rossi');
    assert.equal(normaliseName('Café Müller & Co. KG'), 'cafe muller');
    assert.equal(nameSimilarity('Lieferant GmbH', 'LIEFERANT AG'), 1);
  });
  it('spells letters without a combining accent as plain letters, as a web domain or a partner typed in ASCII does', () => {
    assert.equal(normaliseName('Elkjøp Norge AS'), 'elkjop norge');
    assert.equal(nameSimilarity('Elkjøp Norge AS', 'Elkjop Norge'), 1);
    assert.equal(normaliseName('Großhandel Łódź'), 'grosshandel lodz');
  });
  it('scores near names high and different names low', () => {
    assert.ok(nameSimilarity('Acme Trading Ltd', 'ACME Tradng Limited') > 0.85);
    assert.ok(nameSimilarity('Acme Trading', 'Acme Consulting') < 0.85);
    assert.equal(nameSimilarity('GmbH', 'Lieferant GmbH'), 0);
  });
});

describe('findIbans', () => {
  it('finds printed IBANs with valid check digits only', () => {
    const text = 'Bank: Sparkasse\nIBAN: DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX\nalso DE89 3704 0044 0532 0130 01';
    assert.deepEqual(findIbans(text), ['DE89370400440532013000']);
  });
  it('finds none in text without IBANs', () => {
    assert.deepEqual(findIbans('Total 12,00 EUR, thank you'), []);
  });
});
