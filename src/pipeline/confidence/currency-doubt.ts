// Why a currency read from the page is not to be written however the calibration rates it (issue #14: a wrong
// currency on a bill is worse than none, and with ACTIVATE_CURRENCIES the worker activates it in the company).
// The calibration lifts a currency whose country the clues allow (`country-fits`), and a tax word several countries
// print allows each of their currencies ("TVA": France, Belgium, Switzerland, Romania, Tunisia): a stray "lei" OCR
// made of letters on a Tunisian bill in French came out as Romanian lei at 0.99. Clues that name one country's money,
// which the page marks too, outvote a currency that a shared tax word only allows.
import { cluesCurrency, type CountryClue } from './country-clues.js';
import { currencyMarks, type CurrencyOptions } from '../extract/currency.js';

// Measured and dropped (tune, 2026-12-08): holding a currency whose one mark is a stray token the clues only allow,
// and one of hundredths on a page counting thousandths, held 17 right currencies (Malaysian slips' lone "(RM)"
// heading, wholesalers' three-decimal unit prices) and no wrong one; a held currency that differs from the company's
// keeps every amount back.
export type CurrencyDoubt = 'clues-other-marked'; // the country clues name another currency, which the page marks too

/** What speaks against writing `currency` on a page whose text is `text` and whose country clues are `clues`. A
 * currency the page does not mark (one inferred from the clues, one a vendor profile supplied) is not judged here. */
export function currencyDoubts(text: string, currency: string, clues: readonly CountryClue[], opts: CurrencyOptions = {}): CurrencyDoubt[] {
  const marks = currencyMarks(text, opts);
  const own = marks.get(currency);
  if (!own) return [];
  const named = cluesCurrency(clues);
  // (the clues' currency marked beside an amount: a counter-value line, "entspricht CHF 1000.00", is a mark too, but a
  // stray token of it is none)
  return named && named !== currency && marks.get(named)?.anchored ? ['clues-other-marked'] : [];
}
