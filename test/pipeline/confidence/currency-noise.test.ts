// Stress check (issue #14): the short words that stand for a currency beside an amount ("lei", "RM", "Rs", "Fr.",
// "DT") and stray codes are what OCR makes out of letters. One such token added to a page, alone, beside a price or
// glued to one, in any case, must never make a currency other than the page's written (≥ 0.99), by either engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currencyOf, FRENCH_BILL, MALAYSIAN_SLIP, ROMANIAN_BILL, TUNISIAN_BILL } from './currency-pages.js';

const PAGES: [string, string[], string][] = [
  ['Tunisian bill', TUNISIAN_BILL, 'TND'], ['French bill', FRENCH_BILL, 'EUR'], ['Malaysian slip', MALAYSIAN_SLIP, 'MYR'], ['Romanian bill', ROMANIAN_BILL, 'RON'],
];
const TOKENS = ['lei', 'LEI', 'Lei', 'RM', 'Rs', 'Fr.', 'DT', 'RON', 'TRY', 'MAD'];
/** Where OCR leaves a token: before a price, after it, glued to it, or in a line of words. */
const PLACES: ((token: string, amount: string) => string)[] = [
  (t, a) => `${t} ${a}`, (t, a) => `${a} ${t}`, (t, a) => `${a}${t}`, (t) => `CLIENT ${t} MAGASIN`,
];
/** A price of two decimals, one of three (the dinar's), a bare number. */
const AMOUNTS = ['12,50', '0,600', '2'];

test('no OCR token makes another currency than the page\'s written', async () => {
  const wrong: string[] = [];
  for (const [name, lines, truth] of PAGES) {
    for (const engine of ['tesseract', 'paddle'] as const) {
      for (const token of TOKENS) {
        for (const place of PLACES) {
          for (const amount of AMOUNTS) {
            const noise = place(token, amount);
            const c = await currencyOf([...lines.slice(0, 6), noise, ...lines.slice(6)], engine);
            if (c.value !== truth && c.confidence >= 0.99) wrong.push(`${name}, ${engine}, "${noise}": ${c.value} at ${c.confidence}`);
          }
        }
      }
    }
  }
  assert.deepEqual(wrong, []);
});
