// Currency from ISO codes and symbols. Symbols are weaker evidence than codes ("$" is shared by a dozen
// currencies), and a code next to a "currency" label is the strongest.
import type { Field } from '../../contract.js';
import { roundHundredths } from '../rounding.js';

/** The ISO 4217 codes the extraction knows (also a currency's mark beside an amount: totals.ts). */
export const ISO_CODES = [
  'EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'MYR', 'SGD', 'INR', 'MXN', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK',
  'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'HKD', 'IDR', 'THB', 'PHP', 'BRL', 'ARS', 'CLP', 'COP', 'PEN', 'ZAR', 'AED',
  'SAR', 'TRY', 'RUB', 'KRW', 'TWD', 'VND', 'ILS', 'MAD', 'TND', 'XOF', 'XAF',
];
/** Currencies of thousandths (ISO 4217 minor unit 3): their amounts print three decimals ("13.360 DT"). */
export const THOUSANDTHS_CURRENCIES: ReadonlySet<string> = new Set(['TND', 'KWD', 'BHD', 'OMR', 'JOD', 'LYD', 'IQD']);
const CODE_RE = new RegExp(`(?<![\\p{L}])(${ISO_CODES.join('|')})(?![\\p{L}])`, 'gu');
/** Words that stand for a currency beside an amount ("RM 57.80", "EUR 12,50", "Rs. 40"): part of the amount, not its
 * label (the vendor memory learns labels, src/memory/anchors.ts). */
const CURRENCY_WORDS = new Set([...ISO_CODES, 'RM', 'EURO', 'EUROS', 'RS', 'FR', 'LEI', 'DT'].map((w) => w.toLowerCase()));
export function isCurrencyWord(word: string): boolean {
  return CURRENCY_WORDS.has(word.toLowerCase());
}

const CURRENCY_LABEL_RE = /(currency|währung|devise|monnaie|valuta|divisa|moneda)\s*[:|]?\s*$/i;

const SYMBOLS: [RegExp, string][] = [
  [/€/g, 'EUR'],
  // "Eur 386,03", "350,20 Euro": the code in mixed case or the word, which the ISO code search (capitals) misses;
  // tills print the word in capitals too ("TOTALE EURO", a price column headed "EURO")
  [/(?<![\p{L}])(?:Eur|Euro|Euros|EURO|EUROS)(?![\p{L}])/gu, 'EUR'],
  [/£/g, 'GBP'],
  [/₹|(?<![\p{L}])Rs\.?(?=\s?[-\d])|(?<![\p{L}])INR(?![\p{L}])/gu, 'INR'],
  [/(?<![\p{L}])RM(?=\s?\d)|(?<![\p{L}])RM(?![\p{L}])/gu, 'MYR'],
  [/(?<![\p{L}])(?:S\$|SGD)/gu, 'SGD'],
  // the real, the Canadian and the Australian dollar print their own dollar signs; the real's also heads a column or
  // ends a label whose amount stands further on ("TOTAL R$" at the line's end, "Trib aprox.:R$     26,97")
  [/(?<![\p{L}])R\$(?=[ \t]*\d|[ \t]*$)/gmu, 'BRL'],
  [/(?<![\p{L}])C(?:A)?\$(?=\s?\d)/gu, 'CAD'],
  [/(?<![\p{L}])A(?:U)?\$(?=\s?\d)/gu, 'AUD'],
  [/¥/g, 'JPY'],
  [/(?<![\p{L}])(?:Fr\.|CHF)(?=\s?\d)/gu, 'CHF'],
  // the Romanian leu beside an amount ("lei 200.00", "1.250,00 lei")
  [/(?<![\p{L}])lei(?=\s?\d)|(?<=\d[.,]\d{2}\s?)lei(?![\p{L}])/giu, 'RON'],
  // the Tunisian dinar: "DT" beside an amount of three decimals ("13.360 DT", "TND41.999" is the code)
  [/(?<=\d[.,]\d{3}\s?)DT(?![\p{L}])|(?<![\p{L}])DT(?=\s?\d+[.,]\d{3}(?!\d))/giu, 'TND'],
];

/** Amounts in words, which name their currency and are an amount themselves: beside an amount whatever stands
 * around them. The Tunisian dinar's "Neuf Cent Vingt Sept Dinars Zero Millime" (no other dinar counts millimes). */
const AMOUNTS_IN_WORDS: [RegExp, string][] = [
  [/(?<![\p{L}])dinars?(?=\W+(?:[\p{L}\d]+\W+){0,6}millimes?(?![\p{L}]))/giu, 'TND'],
];

/** How an engine whose alphabet has no euro sign writes one (../ocr/engines.ts SIGNS_NOT_WRITTEN: PaddleOCR reads
 * "1.000,00 €" as "1.000,00 E" or "416,00 ∈"): "∈" beside an amount, or a lone "E" right after a decimal-comma one
 * ("0,46E") or before one ("Betrag  E  13,78"). Weaker than the sign itself: "E" is also a tax class or an item code. */
const EURO_GLYPHS: [RegExp, number][] = [
  [/(?<=\d[.,]\d{2}\s{0,6})∈|∈(?=\s{0,6}-?\d[\d.,' ]*[.,]\d{2}(?!\d))/gu, 1],
  // (after a decimal-comma amount only, as euro countries write them: "4.25 E" on a British or Malaysian till is a tax
  // class)
  [/(?<=\d,\d{2} ?)E(?![\p{L}\d])|(?<![\p{L}\d])E(?=\s{0,12}-?\d[\d.' ]*,\d{2}(?!\d))/gu, 0.5],
];

/** The marks of a euro sign written by an engine that cannot write it (see EURO_GLYPHS); 0 when there is none or
 * the text prints the sign itself. */
export function euroGlyphWeight(text: string): number {
  if (text.includes('€')) return 0;
  return EURO_GLYPHS.reduce((sum, [re, w]) => sum + (text.match(re) ?? []).length * w, 0);
}

/** An amount right before or after a match on its line: "€ 12,50", "12.50 EUR", "RM3.90", "927,000 TND" (the dinar
 * counts thousandths). An amount before it stands on its line: the price ending the line above is no mark's ("7.90"
 * over an item "CNY DECO 26CM", Chinese New Year's). */
const AMOUNT_AFTER_RE = /^[ \t:]{0,6}-?\d[\d.,' ]*[.,]\d{2}(?!\d)/;
const AMOUNT_BEFORE_RE = /\d[.,]\d{2}[ \t]{0,6}$/;
// (three decimals for a currency of thousandths only: beside any other, "EUR 1.000" is a thousands group, no price)
const THOUSANDTHS_AFTER_RE = /^[ \t:]{0,6}-?\d[\d.,' ]*[.,]\d{3}(?!\d)/;
const THOUSANDTHS_BEFORE_RE = /\d[.,]\d{3}[ \t]{0,6}$/;
/** A code or symbol with no amount and no label beside it ("€S02070163" from a misread "CS…", a stray "TRY") is
 * weak evidence: OCR makes such tokens out of letters. */
const UNANCHORED = 0.3;

function nextToAmount(text: string, index: number, length: number, code: string): boolean {
  const [after, before] = [text.slice(index + length, index + length + 24), text.slice(Math.max(0, index - 24), index)];
  if (AMOUNT_AFTER_RE.test(after) || AMOUNT_BEFORE_RE.test(before)) return true;
  return THOUSANDTHS_CURRENCIES.has(code) && (THOUSANDTHS_AFTER_RE.test(after) || THOUSANDTHS_BEFORE_RE.test(before));
}

/** Currencies whose own sign is "$", or that tills print with a "$" (the ringgit on Malaysian tills): a "$" on a
 * document from one of their countries is that country's money. */
const DOLLAR_SIGN_CURRENCIES = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'ARS', 'CLP', 'COP', 'MYR']);

/** The money a "$" stands for on a document whose issuer's tax id is of that country (vat.ts): the Mexican,
 * Argentine, Chilean and Colombian peso (their invoices print other dollars with a code: "USD", "U$S"), the Canadian
 * and the Australian dollar. */
const COUNTRY_DOLLAR: Record<string, string> = { MX: 'MXN', AR: 'ARS', CL: 'CLP', CO: 'COP', CA: 'CAD', AU: 'AUD' };

/**
 * Scores every currency seen in the text and returns the best, with a confidence reflecting the evidence.
 * `country`: the issuer's tax id's country; `cluesCurrency`: the one currency the document's country clues allow
 * (postcode, state, phone code, legal form, tax word: ../confidence/country-clues.ts), which a bare "$" stands for;
 * `signsNotWritten`: the signs the reading engine cannot write, whose stand-ins are then read for them.
 */
export function detectCurrency(text: string, opts: CurrencyOptions = {}): Field<string> {
  const ranked = [...marks(text, opts).score.entries()].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return { value: null, confidence: 0 };
  const [best, s] = ranked[0];
  const runnerUp = ranked[1]?.[1] ?? 0;
  const margin = s / (s + runnerUp);
  const strength = Math.min(1, s / 4);
  // one unanchored token stays below the review threshold (0.6): such a currency is shown, not written
  return { value: best, confidence: roundHundredths((s < 1 ? 0.35 : 0.5) + 0.45 * strength * margin) };
}

/** Whether the text prints a mark of some currency beside an amount or a currency label (a code, a symbol, a euro
 * sign's glyph, "$"): what detectCurrency reads is then printed, not only stray tokens ("(RM)", Rome's province
 * code, on an Italian invoice; a "TRY" made of letters). */
export function printsCurrency(text: string, opts: CurrencyOptions = {}): boolean {
  return marks(text, opts).anchored;
}

/** Whether the text names the currency `code` in letters anywhere, beside an amount or not: its ISO code in any case
 * ("all prices in USD", "Valuta: eur") or a word of it of three letters or more ("All amounts in Euro", "lei") — a
 * statement of the currency, where a two-letter token alone ("(RM)", Rome's province code) may be a stray one. */
export function namesCurrency(text: string, code: string): boolean {
  if (new RegExp(String.raw`(?<![\p{L}])${code}(?![\p{L}])`, 'iu').test(text)) return true;
  return [...SYMBOLS, ...AMOUNTS_IN_WORDS].some(([re, c]) => c === code && [...text.matchAll(re)].some((m) => (m[0].match(/\p{L}/gu) ?? []).length >= 3));
}

export interface CurrencyOptions {
  /** the issuer's tax id's country */
  country?: string | null;
  /** the one currency the document's country clues allow (../confidence/country-clues.ts), which "$" stands for */
  cluesCurrency?: string | null;
  /** the currency signs the engine that read the text cannot write (../ocr/engines.ts SIGNS_NOT_WRITTEN) */
  signsNotWritten?: readonly string[];
}

/** The currencies a text marks: per currency, how many marks it has (`count`) and whether one of them stands beside
 * an amount or a currency label (`anchored`), or all are stray tokens OCR may have made of letters ("lei" in a
 * misread word, a "TRY"). */
export function currencyMarks(text: string, opts: CurrencyOptions = {}): Map<string, { count: number; anchored: boolean }> {
  const { counts, anchoredCodes } = marks(text, opts);
  return new Map([...counts].map(([code, count]) => [code, { count, anchored: anchoredCodes.has(code) }]));
}

/** The weight of each currency's marks and their number, and whether any mark (`anchored`), and which currencies'
 * marks (`anchoredCodes`), stand beside an amount or a currency label. */
function marks(text: string, opts: CurrencyOptions): { score: Map<string, number>; counts: Map<string, number>; anchored: boolean; anchoredCodes: Set<string> } {
  const score = new Map<string, number>();
  const counts = new Map<string, number>();
  const anchoredCodes = new Set<string>();
  const add = (code: string, w: number, beside = true): void => {
    score.set(code, (score.get(code) ?? 0) + w);
    counts.set(code, (counts.get(code) ?? 0) + 1);
    if (beside) anchoredCodes.add(code);
  };
  for (const m of text.matchAll(CODE_RE)) {
    const index = m.index ?? 0;
    const before = text.slice(Math.max(0, index - 30), index);
    if (CURRENCY_LABEL_RE.test(before.split('\n').pop() ?? '')) add(m[1], 10);
    else if (nextToAmount(text, index, m[0].length, m[1])) add(m[1], 2);
    // a code beside no amount, of a currency the slip's country clues rule out, is a word of an item ("MINUTE MAD")
    else if (!opts.cluesCurrency || opts.cluesCurrency === m[1]) add(m[1], 2 * UNANCHORED, false);
  }
  for (const [re, code] of SYMBOLS) {
    for (const m of text.matchAll(re)) {
      if (nextToAmount(text, m.index ?? 0, m[0].length, code)) add(code, 1);
      else add(code, UNANCHORED, false);
    }
  }
  for (const [re, code] of AMOUNTS_IN_WORDS) for (const _ of text.matchAll(re)) add(code, 1);
  if (opts.signsNotWritten?.includes('€')) {
    const glyphs = euroGlyphWeight(text);
    if (glyphs > 0) add('EUR', glyphs);
  }
  // (a "$" in a cell of its own before the amount's cell, layout.ts CELL_GAP apart: "Importe Total: $ | 178000,00")
  const dollars = (text.match(/\$(?=\s{0,3}\d)/g) ?? []).length - (text.match(/(?<![\p{L}])(?:S|R|CA?|AU?)\$(?=\s{0,3}\d)/gu) ?? []).length;
  if (dollars > 0) {
    // "$" is the peso in Mexico (RFC present) and in Argentina (CUIT present: "Son PESOS" there is no Mexican
    // peso), the Canadian dollar with a Canadian business number, the money of
    // the one country the document's clues name when it prints "$" (a Malaysian till's "$7.10" is ringgit), and the
    // US dollar elsewhere unless a code says otherwise
    // an engine without "£" writes it as "$" (../ocr/engines.ts): on a British till read by it, "$" is the pound
    const signless = opts.cluesCurrency === 'GBP' && opts.signsNotWritten?.includes('£');
    const clues = opts.cluesCurrency && (DOLLAR_SIGN_CURRENCIES.has(opts.cluesCurrency) || signless) ? opts.cluesCurrency : null;
    const own = opts.country ? COUNTRY_DOLLAR[opts.country] : undefined;
    const local = own ?? (/\bpesos?\b|\bM\.?N\.?\b/i.test(text) ? 'MXN' : clues ?? 'USD');
    add(local, dollars * 0.8);
  }
  return { score, counts, anchored: anchoredCodes.size > 0, anchoredCodes };
}
