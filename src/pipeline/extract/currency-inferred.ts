// The currency of a page read by an engine that cannot write the euro or the pound sign (PaddleOCR's alphabet:
// ../ocr/engines.ts SIGNS_NOT_WRITTEN) when the reading shows no currency mark at all: a German till's "€" that came
// out as nothing is still euros. Taken from where the document is from, in this order:
// - the one currency its country clues allow (postcode, phone prefix, tax word, VAT id, legal form:
//   ../confidence/country-clues.ts cluesCurrency): "MwSt" and a German postcode → EUR; a British postcode → GBP;
// - else its language and number format: a text in German, French, Italian, Spanish, Dutch or Portuguese that writes
//   amounts with a decimal comma and two decimals is in euros, unless a clue places it in a country that pays in
//   something else (a Swiss or Tunisian document: CHF writes a decimal point, the dinar three decimals).
// A currency that is not read is not certain: its confidence stays low, and the evidence `currency-inferred`
// (../confidence/evidence.ts) lets the calibration say how often such values are right. The write-back still asks
// the company's country before writing amounts in it (../../writeback/currency.ts).
import type { Field } from '../../contract.js';
import { type CountryClue, cluesCurrency, currencyFitsClues } from '../confidence/country-clues.js';
import { THOUSANDTHS_CURRENCIES } from './currency.js';
import type { DecimalSeparator } from './numbers.js';

/** Languages whose countries pay in euros, among those the language scorer names (../language.ts). */
const EURO_LANGUAGES = new Set(['de', 'fr', 'it', 'es', 'nl', 'pt']);

/** Raw scores of an inferred currency: below a printed one's (≥ 0.5), the clues' above the language's. */
export const INFERRED_FROM_CLUES = 0.45;

export const INFERRED_FROM_LANGUAGE = 0.4;

export interface InferenceInput {
  text: string;
  language: string | null;
  decimal: DecimalSeparator;
  clues: readonly CountryClue[];
}

/** The currency of a reading that shows none, from where it is from; null when that does not tell one. */
export function inferCurrency(input: InferenceInput): Field<string> {
  const none = { value: null, confidence: 0 };
  // the amounts count thousandths, as the dinar's do ("926,400", "0,600"), when more of them print three decimals than
  // two (a thousands group without decimals, "12.500", has the same shape: currencies that print no decimals are not
  // judged by it)
  const { twoDecimals, threeDecimals } = decimalsCounted(input.text);
  const thousandths = threeDecimals > twoDecimals;
  const fromClues = cluesCurrency(input.clues);
  // a currency of thousandths (the dinar's "3,000") is the page's only where its amounts count thousandths; one of
  // hundredths only where they count hundredths (an Algerian or French page in "34 510,00" is in no dinar of Tunisia)
  if (fromClues && THOUSANDTHS_CURRENCIES.has(fromClues)) return thousandths ? { value: fromClues, confidence: INFERRED_FROM_CLUES } : none;
  if (twoDecimals < 2 || thousandths) return none;
  if (fromClues) return { value: fromClues, confidence: INFERRED_FROM_CLUES };
  if (!input.language || !EURO_LANGUAGES.has(input.language) || input.decimal !== ',') return none;
  if (currencyFitsClues('EUR', input.clues) === false) return none;
  return { value: 'EUR', confidence: INFERRED_FROM_LANGUAGE };
}

/** How many amounts of the text print two decimals ("12,50") and how many three ("13.360", "3,000"). */
function decimalsCounted(text: string): { twoDecimals: number; threeDecimals: number } {
  return { twoDecimals: (text.match(/\d[.,]\d{2}(?!\d)/g) ?? []).length, threeDecimals: (text.match(/\d[.,]\d{3}(?![\d.,])/g) ?? []).length };
}
