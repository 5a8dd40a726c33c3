import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cluesCurrency, countryClues, currencyFitsClues, legalFormCountries, weighClues } from '../../../src/pipeline/confidence/country-clues.js';
import { cluesLanguage } from '../../../src/pipeline/language.js';

const countriesOf = (text: string, language: string | null = null) => countryClues({ text, language }).map((c) => [c.clue.split(' "')[0], c.countries.join('/')]);

describe('countryClues', () => {
  it('reads legal forms, country and state names, dialling codes, postcodes, tax and street words', () => {
    assert.deepEqual(legalFormCountries('MR D.I.Y. (M) SDN BHD'), ['MY']);
    assert.deepEqual(legalFormCountries('Muster GmbH, Berlin'), ['DE', 'AT', 'CH', 'LI']);
    assert.deepEqual(legalFormCountries('ACME Inc.'), []);
    assert.deepEqual(countriesOf('NO 5, JALAN SAGU 18\n81100 JOHOR BAHRU\nTEL: +60 7-355 1234\nGST ID: 000123456789', 'en'), [
      ['"JOHOR"', 'MY'], ['phone +60', 'MY'], ['five-digit postcode before the city', 'MY'], ['tax word GST', 'MY/SG/AU/NZ/IN/CA'],
      ['street word Jalan', 'MY/SG/ID/BN'],
    ]);
    assert.deepEqual(countriesOf('Hauptstraße 5\n10115 Berlin\ninkl. 19% MwSt', 'de'), [
      ['five-digit postcode before the city', 'DE'], ['tax word MwSt', 'DE/AT/CH/LI'], ['street word Straße', 'DE/AT/CH/LI/LU'],
    ]);
    assert.deepEqual(countriesOf('1200 Main Street\nSan Jose, CA 95110', 'en'), [['American ZIP code', 'US']]);
  });

  it('leaves out what is more likely something else: tax ids after 00, a unit number in English, a word of another language', () => {
    assert.deepEqual(countriesOf('GST ID No: 000504664064\nLOT 1059 SQUARE\nIVA 10%', 'en'), [['tax word GST', 'MY/SG/AU/NZ/IN/CA']]);
    assert.deepEqual(countriesOf('TOTAL +\n18-11-18 13:58 2153\n13302    IBAN DE12', 'de'), []);
    assert.deepEqual(countriesOf('Al AN 40170', 'en'), [], 'AN is no US state');
  });

  it("knows the EU's own currencies beside the euro and Romania's TVA: a Romanian till in lei is placed", () => {
    const clues = countryClues({ text: 'COD FISCAL RO1234567\nTOTAL TVA 3,19', language: null, fields: { vendor_vat: { value: 'RO18547290' } } as never });
    assert.ok(clues.some((c) => c.clue === 'tax word TVA' && c.countries.includes('RO')));
    assert.equal(currencyFitsClues('RON', clues), true);
    assert.equal(currencyFitsClues('HUF', [{ clue: 'VAT id HU', countries: ['HU'] }]), true);
    assert.equal(currencyFitsClues('EUR', [{ clue: 'VAT id RO', countries: ['RO'] }]), false);
  });

  it('a country that changed its currency allows both: Bulgaria pays in euros since 2026 and in leva before', () => {
    const bg = [{ clue: 'VAT id BG', countries: ['BG'] }];
    assert.equal(currencyFitsClues('EUR', bg), true);
    assert.equal(currencyFitsClues('BGN', bg), true);
    assert.equal(cluesCurrency(bg), null);
  });

  it('weighs the clues for and against the company\'s country, the language among them', () => {
    const verdict = weighClues({ text: 'Hauptstraße 5\n10115 Berlin', language: 'de' }, 'US');
    assert.deepEqual(verdict.for, []);
    assert.deepEqual(verdict.against.map((c) => c.clue.split(' "')[0]), ['five-digit postcode before the city', 'street word Straße', 'language de']);
    assert.equal(weighClues({ text: 'Hauptstraße 5\n10115 Berlin', language: 'de' }, 'DE').against.length, 0);
    assert.deepEqual(weighClues({ text: 'TOTAL 9.00', language: 'en' }, 'US'), { for: [], against: [] }, 'English alone says nothing');
    const lyon = weighClues({ text: 'Akretion France\n27 rue Henri Rolland\n69100 Villeurbanne\nFrance', language: 'en' }, 'FR');
    assert.deepEqual(lyon.for.map((c) => c.clue), ['"France"']);
    assert.deepEqual(lyon.against.map((c) => c.clue), ['language en'], 'the postcode read as Malaysian by its English does not count against France');
  });
});

describe('cluesLanguage', () => {
  const languageOf = (text: string, vat?: string) => cluesLanguage(countryClues({ text, language: null, ...(vat ? { fields: { vendor_vat: { value: vat, confidence: 0.9 } } } as never : {}) }));

  it('tells the one language of where a document whose words told none is from', () => {
    assert.equal(languageOf('ALDI\nKottger-Str. 3\nTel. +49 2304 123456'), 'de', 'a German phone number and a Straße');
    assert.equal(languageOf('PINGO DOCE\nTel +351 22 123 4567'), 'pt');
    assert.equal(languageOf('MR D.I.Y. (M) SDN BHD\n81100 JOHOR BAHRU'), 'en', 'Malaysia: English is the one of its languages read here');
    assert.equal(languageOf('Firma', 'DE811191002'), 'de', 'a German VAT id');
  });

  it('says nothing from a clue of several languages, or from clues that disagree', () => {
    assert.equal(languageOf('Tel +41 22 123 4567'), null, 'Switzerland writes German, French and Italian');
    assert.equal(languageOf('TOTAL 9.00'), null);
    assert.equal(languageOf('Tel +49 30 1234567', 'FR40303265045'), null, 'a German and a French clue, one each');
    assert.equal(languageOf('1200 Main Street\nSan Jose, CA 95110'), null, 'the United States: English and Spanish');
  });

  it('is not counted again as a clue of its own: a language the clues told does not weigh against a company', () => {
    const doc = { text: 'Tel. +49 2304 123456', language: 'de', language_source: 'country' as const };
    assert.deepEqual(weighClues(doc, 'FR').against.map((c) => c.clue), ['phone +49']);
    assert.deepEqual(weighClues({ ...doc, language_source: 'words' }, 'FR').against.map((c) => c.clue), ['phone +49', 'language de']);
  });
});

describe('cluesCurrency', () => {
  it('is the one currency all clues allow, when one clue names a single currency', () => {
    const currency = (text: string, language: string) => cluesCurrency(countryClues({ text, language }));
    assert.equal(currency('NO 5, JALAN SAGU 18\n81100 JOHOR BAHRU\nGST ID: 000123456789', 'en'), 'MYR');
    assert.equal(currency('Hauptstraße 5\n10115 Berlin\ninkl. 19% MwSt', 'de'), 'EUR');
    assert.equal(currency('inkl. 19% MwSt', 'de'), null, 'MwSt alone: euros or Swiss francs');
    assert.equal(currency('81100 JOHOR BAHRU\nTel +49 30 1234567', 'en'), null, 'clues that disagree');
    assert.equal(currency('TOTAL 9.00', 'en'), null);
    assert.equal(currency('TALLER MECANICO S.R.L.\nIVA Responsable Inscripto\nC.U.I.T.: 20-12345678-3', 'es'), 'ARS', 'an Argentine invoice');
    assert.equal(currency('AFIP - Ingresos Brutos: 901-123456-7', 'es'), 'ARS');
  });
});
