// Why a currency read from the page is not to be written however the calibration rates it (issue #14: a wrong
// currency on a bill is worse than none, and with ACTIVATE_CURRENCIES the worker activates it in the company).
// The calibration lifts a currency whose country the clues allow (`country-fits`), and a tax word several countries
// print allows each of their currencies ("TVA": France, Belgium, Switzerland, Romania, Tunisia): a stray "lei" OCR
// made of letters on a Tunisian bill in French came out as Romanian lei at 0.99. The clues vouch for a currency the
// page marks; they do not make a stray token one, nor outvote the money the page itself counts in.
import { cluesCurrency, type CountryClue } from './country-clues.js';
import { currencyMarks, type CurrencyOptions } from '../extract/currency.js';
import { countsThousandths } from '../extract/currency-inferred.js';

export type CurrencyDoubt =
  | 'marks-stray' // the currency's one mark is a stray token (no amount or currency label beside it), and the country
  //                 clues do not name that currency alone
  | 'clues-other-marked' // the country clues name another currency, which the page marks too
  | 'decimals-other'; // the page's amounts count thousandths, the currency hundredths

/** Currencies of thousandths (ISO 4217 minor unit 3). */
const THOUSANDTHS = new Set(['TND', 'KWD', 'BHD', 'OMR', 'JOD', 'LYD', 'IQD']);
/** Currencies printed without decimals, whose thousands groups ("12.500") look like three decimals. */
const WHOLE_UNITS = new Set(['JPY', 'KRW', 'CLP', 'COP', 'IDR', 'VND', 'HUF', 'XOF', 'XAF', 'PYG', 'ISK', 'TWD']);

/** What speaks against writing `currency` on a page whose text is `text` and whose country clues are `clues`. A
 * currency the page does not mark (one inferred from the clues, one a vendor profile supplied) is not judged here. */
export function currencyDoubts(text: string, currency: string, clues: readonly CountryClue[], opts: CurrencyOptions = {}): CurrencyDoubt[] {
  const marks = currencyMarks(text, opts);
  const own = marks.get(currency);
  if (!own) return [];
  const doubts: CurrencyDoubt[] = [];
  const named = cluesCurrency(clues);
  // one stray token is no reading of a currency the clues only allow: OCR makes such tokens of letters ("Lei 2" of a
  // misread word, "RON" of "BON"). It agrees with one the clues name alone (a Malaysian slip's "RM" heading a column
  // far from its prices, on a page with its postcode and "SDN BHD"), and the same currency marked twice is the page's
  // own (its "(RM)  (RM)" column headings)
  if (!own.anchored && own.count < 2 && named !== currency) doubts.push('marks-stray');
  if (named && named !== currency && marks.has(named)) doubts.push('clues-other-marked');
  if (!THOUSANDTHS.has(currency) && !WHOLE_UNITS.has(currency) && countsThousandths(text)) doubts.push('decimals-other');
  return doubts;
}
