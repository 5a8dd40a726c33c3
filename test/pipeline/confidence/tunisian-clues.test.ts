// Tunisia's clues to where a document is from, and the dinar's marks (src/pipeline/confidence/country-clues.ts,
// src/pipeline/extract/currency.ts): a Tunisian bill in French prints "TVA" as France, Belgium, Switzerland and
// Romania do; its tax id, its phone code and its amount in dinars and millimes tell it apart (issue #14).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cluesCurrency, countryClues } from '../../../src/pipeline/confidence/country-clues.js';
import { currencyMarks } from '../../../src/pipeline/extract/currency.js';
import { currencyOf, TUNISIAN_BILL } from './currency-pages.js';

test('the dinar in words with the Tunisian clues is written', async () => {
  for (const engine of ['tesseract', 'paddle'] as const) {
    const tnd = await currencyOf(TUNISIAN_BILL, engine);
    assert.equal(tnd.value, 'TND');
    assert.ok(tnd.confidence >= 0.99, `${engine}: TND at ${tnd.confidence}`);
  }
});

test('Tunisia\'s clues: its tax id (slashed, or behind its label), its phone code; they name the dinar', () => {
  const clues = (text: string) => countryClues({ text, language: 'fr', language_source: 'words', vendor_address: undefined, fields: undefined });
  for (const text of ['Matricule fiscal : 1234567A', 'MF:137614M/B/M/00', 'MF: 1234567 A/B', '0882319 B/P/M/000', 'Tél : +216 71 123 456']) {
    assert.deepEqual(clues(text).flatMap((c) => c.countries), ['TN'], text);
    assert.equal(cluesCurrency(clues(`${text}\nTVA 19%`)), 'TND', text);
  }
  assert.deepEqual(clues('Article 1234567 B N E 100'), [], 'digits and single letters unlabelled, unslashed: an article line');
  // (review: an Algerian id behind the same label, a code behind "MF", a false "Ref MF")
  for (const text of ['Matricule fiscal: 000016001234567', 'TYPE MF: 100000 W', 'mf: 123456 x', 'Ref MF: 2024118 A']) assert.deepEqual(clues(text), [], text);
});

test('the dinar is inferred from Tunisian clues only where the amounts count thousandths; a code beside "1.000" is no mark of a hundredths currency', async () => {
  const { inferCurrency } = await import('../../../src/pipeline/extract/currency-inferred.js');
  const tn = [{ clue: 'Tunisian tax id', countries: ['TN'] }];
  assert.equal(inferCurrency({ text: 'Pain 12,50\nTotal 34,20', language: 'fr', decimal: ',', clues: tn }).value, null, 'two decimals: no dinar');
  assert.equal(inferCurrency({ text: 'HT 926,400\nTimbre 0,600\nNet 927,000', language: 'fr', decimal: ',', clues: tn }).value, 'TND');
  assert.equal(currencyMarks('Remise EUR 1.000').get('EUR')?.anchored, false, 'a thousands group beside a hundredths currency');
  assert.equal(currencyMarks('Net 13.360 TND').get('TND')?.anchored, true);
});


test('an amount in dinars and millimes in words, and a code beside an amount of three decimals, are marks beside an amount', () => {
  assert.deepEqual(currencyMarks('la somme de Neuf Cent Vingt Sept Dinars Zero Millime').get('TND'), { count: 1, anchored: true });
  assert.deepEqual(currencyMarks('TOTAL TTC   927,000 TND').get('TND'), { count: 1, anchored: true });
  assert.deepEqual(currencyMarks('Lei 2 Client').get('RON'), { count: 1, anchored: false });
});
