// Locale-aware amount parsing. Documents mix conventions (1.234,56 / 1,234.56 / 1 234,56 / 1'234.56), so every
// number is read with the document's dominant decimal separator as a tie-breaker for ambiguous forms like "1.234".

import { digitLookalikes } from './digit-lookalikes.js';

export type DecimalSeparator = ',' | '.';

export interface AmountMatch {
  value: number;
  raw: string;
  index: number; // offset of the match in the searched text
  decimals: number; // digits after the decimal separator (0 = integer)
}

/** Currency codes a till prints right before an amount, its space dropped ("RM3.90", "EUR12,50"). */
const CODES_BEFORE_AMOUNT = String.raw`RM|Rs\.?|EUR|USD|GBP|CHF|MYR|INR|MXN|TND|BRL|CAD|AUD|NZD|SGD|HKD|JPY|CNY|SEK|NOK|DKK|PLN|CZK|HUF|RON|TRY|MAD|ZAR|AED|SAR`;
/** A currency sign, or a code a till prints before an amount. */
const SIGN_OR_CODE = String.raw`[€$£¥₹]|(?<!\p{L})(?:${CODES_BEFORE_AMOUNT})`;
/** A currency sign or code right before an amount ("USD 557", "RM 12"), and right after one ("557 EUR"): what makes a
 * short number money (confidence/evidence.ts printedWithoutCents). */
export const CURRENCY_BEFORE_AMOUNT_RE = new RegExp(String.raw`(?:${SIGN_OR_CODE})[ \t]*$`, 'u');
export const CURRENCY_AFTER_AMOUNT_RE = new RegExp(String.raw`^[ \t]*(?:[€$£¥₹]|(?:${CODES_BEFORE_AMOUNT})(?!\p{L}))`, 'u');

// sign: leading minus (also unicode minus / en dash) or an opening parenthesis; trailing minus or closing parenthesis.
// integer part: groups of three separated by one consistent separator, or a plain digit run.
// before it: a currency code, or no letter, digit, separator or colon ("12:30" is a time) — but a colon after a letter
// is a label's, the space after it dropped (PaddleOCR reads "TOTAL:89,60 Eur.", "Entrega:89,60"). After it: no colon
// and digit ("Zeit:12:30": a time's hour, not 12), no letter that goes on into decimals ("3S.OO": a misread amount,
// digitsAsRead below, whose first digit is no amount of its own).
const AMOUNT_RE = new RegExp(
  String.raw`(?:(?<=${CODES_BEFORE_AMOUNT})|(?<![\p{L}\d.,:])(?<!\d\/)|(?<=\p{L}:))([-−–]\s?)?(\(\s?)?(?:[€$£¥₹]\s?)?(\d{1,3}(?:([.,'’\u00a0\u202f ])\d{3})(?:\4\d{3})*|\d+)(?:([.,])(\d{1,4}))?(?!\d)(?!\.\d)(?!,\d)(?!:\d)(?!\p{L}[\p{L}\d]?[.,][\p{L}\d])(\s?\))?(-(?![\d\p{L}]))?`,
  'gu',
);

/** Which decimal separator the text mostly uses: counts "d,dd" vs "d.dd" at word ends. */
export function dominantDecimalSeparator(text: string): DecimalSeparator {
  const comma = (text.match(/\d,\d{2}(?!\d)/g) ?? []).length;
  const dot = (text.match(/\d\.\d{2}(?!\d)/g) ?? []).length;
  return comma > dot ? ',' : '.';
}

// OCR reads a digit of an amount as the letter it resembles: O for 0, I or l for 1, S for 5, B for 8, and — an engine
// whose alphabet holds Greek and Cyrillic — Τ or Т for 7 ("EUR 1Τ.Τ0", "3S.OO", "l,90"). In a word shaped as an amount
// (a few such characters, a decimal separator, two decimals; at least two of them real digits, at most two letters,
// a digit first or a one-character integer part, no S or B before the separator) standing where an amount stands
// (INTEGER_LIKE, AT_AMOUNT_END_RE) those letters are digits; elsewhere they stay letters.
const DIGIT_LIKE = digitLookalikes('OoΟОIlSBΤТ');
/** Of those, the ones read in an integer part: S and B there are a word's ("S.12" a page, "5B.12" a code), not 5 and 8. */
const INTEGER_LIKE = /^[\dOoΟОIlΤТ]+$/u;
/** Where an amount stands: at the end of its line (a currency after it at most), or after a currency code or sign or a
 * label's colon ("EUR 1Τ.Τ0", "Total: l,90"). Elsewhere a word of this shape is a code or a reference ("I.10
 * Allgemeines", "1,5l 2,49": a litre count). */
const AT_AMOUNT_END_RE = new RegExp(String.raw`^[ \t]*(?:[€$£¥₹]|\p{Lu}{3}|\))?[ \t]*(?:\n|$)`, 'u');
const AT_AMOUNT_START_RE = new RegExp(String.raw`(?:${SIGN_OR_CODE}|\p{L}:)[ \t]*$`, 'u');
const DIGIT_LIKE_CLASS = `\\d${Object.keys(DIGIT_LIKE).join('')}`;
const MISREAD_AMOUNT_RE = new RegExp(`(?<![\\p{L}\\d.,])[${DIGIT_LIKE_CLASS}]{1,4}[.,][${DIGIT_LIKE_CLASS}]{2}(?![\\p{L}\\d]|[.,]\\d)`, 'gu');

/** `text` with the letters OCR read for digits inside amount-shaped words read as those digits; its length kept, so
 * indexes into it stand. */
export function digitsAsRead(text: string): string {
  return text.replace(MISREAD_AMOUNT_RE, (word, at: number) => {
    const letters = word.replace(/[\d.,]/g, '').length;
    const digits = word.replace(/\D/g, '').length;
    // a word of letters first ("Bl.12", a sheet's number) is a label; one that starts with a digit, or whose whole
    // integer part is the one letter ("l,90"), is an amount — where an amount stands
    if (letters === 0 || letters > 2 || digits < 2 || !(/^\d/.test(word) || /^.[.,]/.test(word))) return word;
    if (!INTEGER_LIKE.test(word.split(/[.,]/)[0])) return word;
    if (!AT_AMOUNT_END_RE.test(text.slice(at + word.length)) && !AT_AMOUNT_START_RE.test(text.slice(Math.max(0, at - 24), at))) return word;
    return word.replace(/[^\d.,]/g, (c) => DIGIT_LIKE[c] ?? c);
  });
}

/** Every amount-looking number in `text`, in order. Dates and times are not excluded here; callers do that. */
export function findAmounts(text: string, decimal: DecimalSeparator = '.'): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const m of digitsAsRead(text).matchAll(AMOUNT_RE)) {
    const [raw, minus, open, intPart, sep, decSep, decDigits, close, trailingMinus] = m;
    let integer = intPart;
    let fraction = decDigits ?? '';
    let decimals = fraction.length;
    if (sep) {
      // A thousands separator equal to the decimal separator is only possible when no decimal part follows:
      // "1.234" in a comma-decimal document is 1234; in a dot-decimal document it is 1.234.
      if (decSep && decSep === sep) continue; // "1.234.56": malformed
      if (sep === ' ' || sep === '\u00a0' || sep === '\u202f') {
        // space-grouped thousands are a comma-decimal convention ("1 234,56"); "10 000" without decimals or
        // "1 718.00" are more often two numbers (a quantity and a price, or OCR debris and an amount)
        if (!decSep || decSep !== ',') continue;
      }
      if (!decSep && (sep === '.' || sep === ',') && sep === decimal && /^\d{1,3}[.,]\d{3}$/.test(intPart)) {
        integer = intPart.slice(0, intPart.length - 4);
        fraction = intPart.slice(-3);
        decimals = 3;
      } else {
        integer = intPart.split(sep).join('');
      }
    } else if (decSep && decSep !== decimal && decDigits!.length === 3) {
      // "1,234" in a dot-decimal text is a thousands group, not 1.234
      integer = intPart + decDigits;
      fraction = '';
      decimals = 0;
    }
    let value = Number(`${integer}${fraction ? '.' + fraction : ''}`);
    if (!Number.isFinite(value)) continue;
    const negative = Boolean(minus) || Boolean(trailingMinus) || (Boolean(open) && Boolean(close));
    if (negative) value = -value;
    out.push({ value: roundToPlaces(value, decimals), raw: raw.trim(), index: m.index ?? 0, decimals });
  }
  return out;
}

/** Parses a string that should hold exactly one amount; null when it holds none or more than one. */
export function parseAmount(text: string, decimal: DecimalSeparator = '.'): number | null {
  const found = findAmounts(text, decimal);
  if (found.length !== 1) return null;
  return found[0].value;
}

function roundToPlaces(value: number, decimals: number): number {
  const places = Math.max(2, decimals);
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

/** Amounts compared the way accountants do: equal to the cent. */
export function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005 + 1e-9;
}
