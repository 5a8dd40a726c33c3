// Date parsing for en, it, es, de, fr documents: numeric dates in any order (resolved by impossible values first,
// then by the locale's convention), two-digit years, and month names or abbreviations in the bundled languages (and Polish).

import { zerosAsO } from './ocr-zero.js';

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface DateMatch {
  iso: string; // YYYY-MM-DD
  raw: string;
  index: number;
  /** true when day and month could be swapped and the order hint decided */
  ambiguous: boolean;
}

const MONTHS: Record<string, number> = {};
function addMonths(names: string[][]): void {
  names.forEach((variants, i) => variants.forEach((v) => (MONTHS[v] = i + 1)));
}
addMonths([
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'gennaio', 'gen', 'enero', 'ene', 'januari', 'janeiro', 'stycznia', 'styczeń', 'styczen'],
  ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'febbraio', 'febrero', 'februari', 'fevereiro', 'fev', 'lutego', 'luty'],
  ['march', 'mar', 'märz', 'maerz', 'mrz', 'mär', 'mars', 'marzo', 'maart', 'mrt', 'março', 'marco', 'marca', 'marzec'],
  ['april', 'apr', 'avril', 'avr', 'aprile', 'abril', 'abr', 'kwietnia', 'kwiecień', 'kwiecien'],
  ['may', 'mai', 'maggio', 'mag', 'mayo', 'mei', 'maio', 'maja', 'maj'],
  ['june', 'jun', 'juni', 'juin', 'giugno', 'giu', 'junio', 'junho', 'czerwca', 'czerwiec'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'luglio', 'lug', 'julio', 'julho', 'lipca', 'lipiec'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpnia', 'sierpień', 'sierpien'],
  ['september', 'sep', 'sept', 'septembre', 'settembre', 'set', 'septiembre', 'setembro', 'września', 'wrzesnia', 'wrzesień', 'wrzesien'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'ottobre', 'ott', 'octubre', 'outubro', 'out', 'października', 'pazdziernika', 'październik', 'pazdziernik'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'dicembre', 'dic', 'diciembre', 'dezembro', 'grudnia', 'grudzień', 'grudzien'],
]);
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

// (a till prints the time of sale one space after the date, and OCR loses that space: "07.08.202514:22" is 7 August 2025
// at 14:22 — a four-digit year of this or the last century glued to a time of day)
const NUMERIC_RE = /(?<![\d.\/-])(\d{1,4})([./-])(\d{1,2})\2(\d{2,4}(?![\d])|(?:19|20)\d{2}(?=[0-2]?\d:[0-5]\d))(?!\.\d)/g;
// ... and dotted with a space after a dot, as German and Swiss tills print it and OCR reads a narrow gap ("30. 07.
// 2007", "30. 07.2007"): a four-digit year only (a two-digit one after spaces is as often a list of numbers); the
// second dot as OCR reads a dot on a photographed page, a comma or a low quote with a gap before it and none after,
// between a two-digit day and month ("29.01 ‚2026"; "1.5, 2024" and "3.5, 2000 g" are a number and another)
const SPACED_DOTTED_RE =
  /(?<![\d.])(?:(\d{1,2})\.(?=\s?\d{1,2}\.\s?\d{4}(?!\d))(?!\d{1,2}\.\d)\s?(\d{1,2})\.\s?|(\d{2})\.\s?(\d{2})\s[,‚])((?:19|20)\d{2})(?![\d]|\.\d)/g;
const COMPACT_ISO_RE = /(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/g;
// 5 novembre 2017, 7. Mai 2014, 1er janvier 2020, 1 de enero de 2020, 25-DEC-18, 25/Dec/2018, 4th March 2024, 1st of
// May 2024 (English ordinals), 14 maja 2024 (Polish months, in the genitive a date prints them in)
const DAY_MONTH_RE = new RegExp(
  `(?<![\\p{L}\\d])(\\d{1,2})(?:\\.|er|º|°|st|nd|rd|th)?(?:\\s*|[-/])(?:(?:de|of)\\s+)?(${MONTH_ALT})\\.?(?:\\s*|[-/])(?:del?\\s+)?(\\d{4}|\\d{2})(?!\\d)`,
  'giu',
);
const WORD_LIKE_MONTHS = new Set(['marca', 'maja']);
const ORDINAL_OF_RE = /\d(?:st|nd|rd|th)\s+of\s/i;
// Dec 25, 2018 / December 25 2018, and the comma as OCR often reads it, a period or no space after it: "Sep 01.2014",
// "Dec 25,2018" (a four-digit year right after the day's punctuation is no decimal: a day has no fractions)
const DAY_YEAR_SEP = String.raw`(?:[,.]\s*|\s+)`;
const MONTH_DAY_RE = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?${DAY_YEAR_SEP}(\\d{4})(?!\\d|[.,]\\d)`, 'giu');

// ... and glued to the label before it, as a text layer prints two runs with no space between: "Invoice dateOct 31,
// 2023" — a capitalised month name right after a lower-case letter starts a word (case-sensitive: "update 31" is none)
// (not the abbreviations that are English words or word endings: "CheckOut 12, 2024" is no October)
const NOT_GLUED_MONTHS = new Set(['out', 'set', 'gen', 'mag', 'ago']);
const CAPITALISED_MONTH_ALT = Object.keys(MONTHS)
  .filter((m) => !NOT_GLUED_MONTHS.has(m))
  .sort((a, b) => b.length - a.length)
  .map((m) => `${m[0].toUpperCase()}${m.slice(1)}`)
  .join('|');
const GLUED_MONTH_DAY_RE = new RegExp(`(?<=\\p{Ll})(${CAPITALISED_MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?${DAY_YEAR_SEP}(\\d{4})(?!\\d|[.,]\\d)`, 'gu');

/** The month a word names (any language the extraction knows, full or abbreviated, lower case), or null. */
export function monthOf(word: string): number | null {
  return MONTHS[word.toLowerCase()] ?? null;
}

/** The year its printed digits name. Two digits on invoices are recent: 00-69 -> 2000s, 70-99 -> 1900s. Any other
 * length is the year as printed: '0001' is year 1 (a form's placeholder, "01.01.0001"), not 2001. */
export function expandYear(digits: string): number {
  const y = Number(digits);
  if (digits.length !== 2) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1970 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** All dates in `text`. `order` decides day/month when both are <= 12 (DMY in Europe and Asia, MDY in the US). */
export function findDates(text: string, order: DateOrder = 'DMY'): DateMatch[] {
  const out: DateMatch[] = [];
  for (const m of text.matchAll(NUMERIC_RE)) {
    const [raw, a, sep, b, c] = m;
    // "RC11-23-42", "HD03-04-06": hyphenated digits glued to letters are an article code, not a date
    if (sep === '-' && /\p{L}$/u.test(text.slice(0, m.index ?? 0))) continue;
    const hit = numericDate(a, b, c, order);
    if (hit) out.push({ ...hit, raw, index: m.index ?? 0 });
  }
  for (const m of text.matchAll(SPACED_DOTTED_RE)) {
    const [raw, a, b, a2, b2, c] = m;
    const hit = numericDate(a ?? a2, b ?? b2, c, order);
    if (hit) out.push({ ...hit, raw, index: m.index ?? 0 });
  }
  // (a month's O read as a zero: "0ct 3, 2016")
  const words = zerosAsO(text, (w) => MONTHS[w.toLowerCase()] !== undefined);
  for (const m of words.matchAll(DAY_MONTH_RE)) {
    // a month word that is also a common word elsewhere ("marca", a brand in es/it/pt; "Maja", a name) only with a
    // four-digit year, and "of" only after an ordinal ("1st of May 2024", not "Qty 3 of Mar 24")
    if ((WORD_LIKE_MONTHS.has(m[2].toLowerCase()) && m[3].length < 4) || (/\sof\s/i.test(m[0]) && !ORDINAL_OF_RE.test(m[0]))) continue;
    const month = MONTHS[m[2].toLowerCase()];
    const iso = isoDate(expandYear(m[3]), month, Number(m[1]));
    if (iso) out.push({ iso, raw: text.slice(m.index, m.index + m[0].length), index: m.index ?? 0, ambiguous: false });
  }
  for (const m of [...words.matchAll(MONTH_DAY_RE), ...words.matchAll(GLUED_MONTH_DAY_RE)]) {
    const month = MONTHS[m[1].toLowerCase()];
    const iso = isoDate(Number(m[3]), month, Number(m[2]));
    if (iso) out.push({ iso, raw: text.slice(m.index, m.index + m[0].length), index: m.index ?? 0, ambiguous: false });
  }
  if (out.length === 0) {
    // 20181225 only when nothing better exists: long digit runs are usually numbers, not dates
    for (const m of text.matchAll(COMPACT_ISO_RE)) {
      const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (iso) out.push({ iso, raw: m[0], index: m.index ?? 0, ambiguous: false });
    }
  }
  return out.sort((x, y) => x.index - y.index);
}

function numericDate(a: string, b: string, c: string, order: DateOrder): Omit<DateMatch, 'raw' | 'index'> | null {
  if (a.length === 4) {
    const iso = isoDate(Number(a), Number(b), Number(c));
    return iso && c.length <= 2 ? { iso, ambiguous: false } : null;
  }
  if (a.length > 2 || c.length === 3) return null;
  const year = expandYear(c);
  const x = Number(a);
  const y = Number(b);
  const dmy = isoDate(year, y, x);
  const mdy = isoDate(year, x, y);
  if (dmy && !mdy) return { iso: dmy, ambiguous: false };
  if (mdy && !dmy) return { iso: mdy, ambiguous: false };
  if (!dmy || !mdy) return null;
  if (dmy === mdy) return { iso: dmy, ambiguous: false };
  return { iso: order === 'MDY' ? mdy : dmy, ambiguous: true };
}

const TIME_LABEL_BEFORE_RE = /\b(time|zeit|heure|hora|ora|uhrzeit|masa)\W*$/i;

/**
 * Day/month order for this document: its own unambiguous dates (a first number above 12 means day first, a second
 * above 12 means month first) outvote the locale default.
 */
export function inferDateOrder(text: string, fallback: DateOrder): DateOrder {
  let dmy = 0;
  let mdy = 0;
  for (const m of text.matchAll(NUMERIC_RE)) {
    if (m[1].length === 4) continue;
    // "Time: 09.20.00" is a time of day, not a month-first date
    if (TIME_LABEL_BEFORE_RE.test(text.slice(Math.max(0, (m.index ?? 0) - 12), m.index))) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && a <= 31 && b <= 12) dmy++;
    else if (b > 12 && b <= 31 && a <= 12) mdy++;
  }
  if (dmy > mdy) return 'DMY';
  if (mdy > dmy) return 'MDY';
  return fallback;
}

/**
 * Dates whose separators OCR lost or misread, for text that a date label announces: "2512/2018", "25/122018",
 * "1210212018" ("/" read as "1"), "13707/2017" (one "/" read as "7", a slash's stroke), "25122018". Only day-first, as
 * such damage is seen on day-first till slips. A slash read as a digit is repaired only when `order` is day first: on a
 * month-first page "07712/2017" would be read back to front.
 */
export function repairOcrDate(text: string, order: DateOrder = 'DMY'): string | null {
  const t = text.replace(/\s+/g, '');
  const patterns: RegExp[] = [
    /(?<!\d)(\d{2})(\d{2})[/.-](\d{4})(?!\d)/,
    /(?<!\d)(\d{2})[/.-](\d{2})(\d{4})(?!\d)/,
    // one slash of two read as a 1 or a 7: five digits before the other, or six after it, are no date's parts
    ...(order === 'DMY' ? [/(?<!\d)(\d{2})[17](\d{2})\/(20\d{2})(?!\d)/, /(?<!\d)(\d{2})\/(\d{2})[17](20\d{2})(?!\d)/] : []),
    /(?<!\d)(\d{2})[1l|](\d{2})[1l|](20\d{2})(?!\d)/,
    /(?<!\d)(\d{2})(\d{2})(20\d{2})(?!\d)/,
  ];
  for (const re of patterns) {
    const m = re.exec(t);
    if (!m) continue;
    const iso = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso) return iso;
  }
  return null;
}

/** Parses a string that should hold exactly one date. */
export function parseDate(text: string, order: DateOrder = 'DMY'): string | null {
  const found = findDates(text, order);
  return found.length === 1 ? found[0].iso : null;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/** "30 days", "net 30", "30 Tage", "30 giorni", "30 días", "30 jours" -> 30; null when no such term. */
export function paymentTermDays(text: string): number | null {
  const m =
    /(?<!\d)(\d{1,3})\s*(?:days?|Tagen?|giorni|gg\.?|d[ií]as|jours?|dagen|j)(?![\p{L}])/iu.exec(text) ??
    /\bnet(?:to)?\s*(\d{1,3})\b/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 && n <= 365 ? n : null;
}
