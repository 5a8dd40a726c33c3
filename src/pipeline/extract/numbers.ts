// Locale-aware amount parsing. Documents mix conventions (1.234,56 / 1,234.56 / 1 234,56 / 1'234.56), so every
// number is read with the document's dominant decimal separator as a tie-breaker for ambiguous forms like "1.234".

export type DecimalSeparator = ',' | '.';

export interface AmountMatch {
  value: number;
  raw: string;
  index: number; // offset of the match in the searched text
  decimals: number; // digits after the decimal separator (0 = integer)
}

// sign: leading minus (also unicode minus / en dash) or an opening parenthesis; trailing minus or closing parenthesis.
// integer part: groups of three separated by one consistent separator, or a plain digit run.
// before it: a currency code, or no letter, digit, separator or colon ("12:30" is a time) — but a colon after a letter
// is a label's, the space after it dropped (PaddleOCR reads "TOTAL:89,60 Eur.", "Entrega:89,60"). After it: no colon
// and digit ("Zeit:12:30": a time's hour, not 12).
const AMOUNT_RE =
  /(?:(?<=RM|Rs\.?|EUR|USD|GBP|CHF|MYR|INR|MXN|TND|BRL|CAD|AUD|NZD|SGD|HKD|JPY|CNY|SEK|NOK|DKK|PLN|CZK|HUF|RON|TRY|MAD|ZAR|AED|SAR)|(?<![\p{L}\d.,:])(?<!\d\/)|(?<=\p{L}:))([-−–]\s?)?(\(\s?)?(?:[€$£¥₹]\s?)?(\d{1,3}(?:([.,'’\u00a0\u202f ])\d{3})(?:\4\d{3})*|\d+)(?:([.,])(\d{1,4}))?(?!\d)(?!\.\d)(?!,\d)(?!:\d)(\s?\))?(-(?![\d\p{L}]))?/gu;

/** Which decimal separator the text mostly uses: counts "d,dd" vs "d.dd" at word ends. */
export function dominantDecimalSeparator(text: string): DecimalSeparator {
  const comma = (text.match(/\d,\d{2}(?!\d)/g) ?? []).length;
  const dot = (text.match(/\d\.\d{2}(?!\d)/g) ?? []).length;
  return comma > dot ? ',' : '.';
}

/** Every amount-looking number in `text`, in order. Dates and times are not excluded here; callers do that. */
export function findAmounts(text: string, decimal: DecimalSeparator = '.'): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
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
