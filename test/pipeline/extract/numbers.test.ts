import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dominantDecimalSeparator, findAmounts, parseAmount } from '../../../src/pipeline/extract/numbers.js';

test('thousands and decimal separators in the common locales', () => {
  assert.equal(parseAmount('1.234,56', ','), 1234.56);
  assert.equal(parseAmount('1,234.56', '.'), 1234.56);
  assert.equal(parseAmount('1 234,56', ','), 1234.56);
  assert.equal(parseAmount('1\u00a0234,56', ','), 1234.56);
  assert.equal(parseAmount("1'234.56", '.'), 1234.56);
  assert.equal(parseAmount('12.345.678,90', ','), 12345678.9);
  assert.equal(parseAmount('2000,00', ','), 2000);
});

test('negative forms: leading minus, trailing minus, parentheses, unicode minus', () => {
  assert.equal(parseAmount('-12,00', ','), -12);
  assert.equal(parseAmount('12,00-', ','), -12);
  assert.equal(parseAmount('(12.00)', '.'), -12);
  assert.equal(parseAmount('−8,79', ','), -8.79);
  assert.equal(parseAmount('-RM 0.01'.replace('RM ', ''), '.'), -0.01);
});

test('an ambiguous three-digit group follows the document convention', () => {
  assert.equal(parseAmount('1.000', ','), 1000); // German document: thousands
  assert.equal(parseAmount('9.000', '.'), 9); // Malaysian till: three decimals
  assert.equal(parseAmount('1,234', '.'), 1234);
});

test('currency marks glued to the number are tolerated', () => {
  assert.equal(parseAmount('RM9.00', '.'), 9);
  assert.equal(parseAmount('€12', '.'), 12);
  assert.equal(parseAmount('1,810.80 €', '.'), 1810.8);
});

test('dates, times and words are not amounts; several numbers are all found', () => {
  assert.deepEqual(findAmounts('05.03.2018', ','), []);
  assert.deepEqual(findAmounts('20 Stk 19 % 198,00', ',').map((a) => a.value), [20, 19, 198]);
  assert.equal(parseAmount('no number here'), null);
  assert.equal(parseAmount('1,00 and 2,00', ','), null); // more than one
});

test('dominant decimal separator', () => {
  assert.equal(dominantDecimalSeparator('Summe 473,00\nSteuer 56,87\nTotal 529,87'), ',');
  assert.equal(dominantDecimalSeparator('Subtotal 1,509.00\nTotal 1,810.80'), '.');
});

test('letters OCR reads for digits inside an amount-shaped word are those digits ("1Τ.Τ0", "l,90", "1O.5O")', () => {
  assert.equal(parseAmount('EUR 1Τ.Τ0', '.'), 17.7); // Greek capital tau for a 7
  assert.equal(parseAmount('1О,2Т', ','), 10.27); // Cyrillic O and Te
  assert.equal(parseAmount('l,90', ','), 1.9);
  assert.equal(parseAmount('1O.5O', '.'), 10.5);
  assert.equal(parseAmount('2B,SO', ','), null); // three letters: no amount read into it
  // a word that starts with letters is a label or a code, not an amount: "Bl.12", "OS.OO"
  assert.deepEqual(findAmounts('Bl.12 OS.OO', '.').map((a) => a.value), []);
  // words of letters stay letters
  assert.deepEqual(findAmounts('SOLD BOB 12,50', ',').map((a) => a.value), [12.5]);
});

test('a letter is read as a digit only where an amount stands, and S or B never in an integer part: references and codes stay words', () => {
  const read = (t: string) => findAmounts(t, '.').map((a) => a.value);
  // S and B before the separator: a page, a position, a size, a code
  assert.deepEqual(read('siehe S.12'), []);
  assert.deepEqual(read('Pos. B.12'), []);
  assert.deepEqual(read('Size S.38'), []);
  assert.deepEqual(read('5B.12'), []);
  assert.deepEqual(read('Art.Nr. 12B.50'), []);
  // a section number heading a line of words is no amount
  assert.deepEqual(read('I.10 Allgemeines'), []);
  // a litre count before a price keeps its letter: 1,5 (litres), not 1,51
  assert.deepEqual(findAmounts('Milch 1,5l 2,49', ',').map((a) => a.value), [1.5, 2.49]);
  // where an amount stands: after a currency or a label's colon, at the end of the line
  assert.deepEqual(read('Total: l.90'), [1.9]);
  assert.deepEqual(read('Kaffee  1O.5O\nTee  2.00'), [10.5, 2]);
});
