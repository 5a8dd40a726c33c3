// Reading and finding values of one kind (date, amount, reference) in a cell's text, in a learned format.
import { expandYear, findDates, isoDate, monthOf, type DateOrder } from '../pipeline/extract/dates.js';
import { extractDates } from '../pipeline/extract/keydates.js';
import { findAmounts, type DecimalSeparator } from '../pipeline/extract/numbers.js';
import { parseReference } from '../pipeline/extract/references.js';
import { alnumKey as alnum } from '../pipeline/extract/vat.js';
import { digitLookalikes } from '../pipeline/extract/digit-lookalikes.js';
import { COLUMN_HEADING_WORDS, escapeRegExp, TAX_NAME, TAX_SHORT_NAMES } from '../pipeline/extract/words.js';
import type { ValueKind } from './types.js';

export interface ValueFormat {
  dateOrder?: DateOrder;
  decimal?: DecimalSeparator;
  /** the vendor's reference shape ("A-9-9"; "9": digits only) */
  shape?: string;
  /** with `shape`: the digit count of each digit run of the number kept last (FieldMemory.digits) */
  digits?: number[];
}

export type Value = string | number;

/** The first value of `kind` in `text`, read in the vendor's format. `rules`: the value the rules chose, which a date
 * damaged beyond reading still stands for when it prints its digits (rulesDatePrinted). `today` (YYYY-MM-DD, default
 * the clock): the day a damaged date's year is judged against, as extraction judges it (ExtractOptions.today). */
export function readValue(kind: ValueKind, text: string, format: ValueFormat, rules?: Value | null, today?: string): Value | null {
  return readValueHow(kind, text, format, rules, today)?.value ?? null;
}

/** A value read, and whether it was read from a printing OCR damaged beyond the rules' own reading (`damaged`: a date
 * only damagedInOrder reads, "13707/2017", "20 05.2020") — a reading that happens where the rules fail, not where they
 * read the page (its fills are a calibration cell of their own: calibration.ts Situation `damaged`). */
export interface ValueReading {
  value: Value;
  damaged: boolean;
  /** an amount glued to letters (gluedToMark): a `damaged` reading of a situation of its own, `glued` */
  glued?: boolean;
}

/** readValue, telling a reading from a damaged printing (ValueReading). */
export function readValueHow(kind: ValueKind, text: string, format: ValueFormat, rules?: Value | null, today?: string): ValueReading | null {
  if (kind === 'date') {
    const order = format.dateOrder ?? 'DMY';
    // (a damaged stamp the rules' own date rule reads, keydates.ts, is read as they read it: not `damaged`)
    const read = findDates(text, order)[0]?.iso ?? damagedDate(text, order, today);
    if (read) return { value: read, damaged: false };
    if (typeof rules === 'string' && rulesDatePrinted(text, rules, order)) return { value: rules, damaged: false };
    const mended = damagedInOrder(text, order);
    return mended === null ? null : { value: mended, damaged: true };
  }
  return readOther(kind, text, format, rules);
}

function readOther(kind: ValueKind, text: string, format: ValueFormat, rules?: Value | null): ValueReading | null {
  // a vendor that numbers its invoices 1, 2, 3… ("Fattura n° 2") prints a one- or two-digit number where its label
  // stands: read at the learned label, which is as explicit a number label as the rules ask of such a number
  if (kind === 'reference') {
    // a number the vendor prints in several words (a Portuguese receipt's "FS 0489…/047766": series and number) is
    // read whole, in its learned shape; the rules read one word of it
    const whole = format.shape?.includes(' ') ? byShape(text, format.shape) : null;
    const found = whole ?? parseReference(text, { short: format.shape === '9' });
    const read = found && format.shape ? withoutNumberSign(found, format.shape) : found;
    const value = inLearnedShape(read, text, format.shape, rules, format.digits);
    return value === null ? null : { value, damaged: false };
  }
  text = closeAmountGaps(text);
  const amounts = findAmounts(text, format.decimal ?? '.').filter((a) => !looksLikeTimeOrDate(text, a.index, a.raw));
  const withCents = amounts.find((a) => a.decimals === 2);
  // a vendor whose amounts were printed with a decimal separator prints them so again: "1200" where it printed
  // "12.00" is a separator OCR lost, not twelve hundred
  const hit = withCents ?? (format.decimal ? amounts.find((a) => a.decimals > 0 && a.decimals < 3) : amounts[0]);
  // ...but the rules' own amount printed there with the separator lost ("1200" where the rules read 12.00 elsewhere)
  // is that amount, as a damaged date printing the rules' digits is the rules' date: the place backs the rules
  if (!withCents && format.decimal && typeof rules === 'number') {
    if (rulesAmountPrinted(text, rules)) return { value: Math.abs(rules), damaged: false };
    // a digit lost to a gap fits ten amounts: it backs the rules' amount as a damaged printing, never as a clean one
    if (rulesAmountLostDigit(text, rules, format.decimal)) return { value: Math.abs(rules), damaged: true };
  }
  if (hit) return { value: Math.abs(hit.value), damaged: false };
  const glued = amounts.length ? null : gluedToMark(text, format.decimal ?? '.');
  return glued === null ? null : { value: glued, damaged: true, glued: true };
}

/** An amount a currency mark OCR garbled is glued to ("M1.00", "fM0.00": "RM" with a letter lost or misread), read
 * where the vendor prints an amount: one to three letters, then the amount with its cents in the vendor's separator,
 * the word's end after it. findAmounts reads no number glued to letters (an item code, "A4"), and neither the rules
 * nor a clean anchor reading see it; at a learned amount place it is the amount, but the mark's damage may have
 * reached its digits too, so it is a `damaged` reading (a cell of its own, held until measured), read only where the
 * cell holds no clean amount. */
export function gluedToMark(text: string, decimal: '.' | ','): number | null {
  return gluedAt(text, decimal)?.value ?? null;
}

/** Letters glued to a number that are a word of their own, no garbled mark: a tax's name or a till's tax code ("GST6.00",
 * "SR12.50": Malaysian GST's rate codes, standard, zero-rated, exempt, out of scope…), a column's word or a unit
 * ("Qty2.00", "kg1.25": words.ts COLUMN_HEADING_WORDS), a time-of-day marker ("PM12.30"), a month ("Jan01.24"). */
const NOT_A_MARK = new Set([...TAX_NAME.split('|'), ...TAX_SHORT_NAMES, ...COLUMN_HEADING_WORDS.split(' '), 'sr', 'zr', 'es', 'os', 'ds', 'am', 'pm']);
const notAMark = (letters: string): boolean => NOT_A_MARK.has(letters.toLowerCase()) || monthOf(letters) !== null;

/** One to three letters glued to an amount with its cents in the separator, the word's end after it (gluedToMark). */
const gluedIn = (sep: string) => new RegExp(`(?<![\\p{L}\\d])(\\p{L}{1,3})(\\d{1,7}${sep}\\d{2})(?![\\d.,]|\\p{L})`, 'gu');
const GLUED_RE = { '.': gluedIn('\\.'), ',': gluedIn(',') };

/** gluedToMark, with where the amount's digits start in the text (learning: the place it was printed). */
function gluedAt(text: string, decimal: '.' | ','): { value: number; index: number } | null {
  const found = [...text.matchAll(GLUED_RE[decimal])];
  if (found.length !== 1 || notAMark(found[0]![1]!)) return null;
  const [amount] = findAmounts(found[0]![2]!, decimal);
  return amount && amount.decimals === 2 ? { value: Math.abs(amount.value), index: found[0]!.index! + found[0]![1]!.length } : null;
}

/** The rules' amount printed with one of its digits lost to a gap: OCR reads a faint digit as a space ("10. 0" for
 * 10.60) — every other character of the printing as the rules' amount prints it (its cents, in the vendor's
 * separator), none read as another digit, no digit or separator glued to it; from 1.00 up, as rulesAmountPrinted. A
 * gap says nothing of the digit lost, so the printing only ever stands for the rules' amount (it backs their reading of
 * the total, read elsewhere: a cash line less the change, the tax table), never is read as an amount of its own. */
export function rulesAmountLostDigit(text: string, rules: number, decimal: '.' | ','): boolean {
  if (Math.abs(rules) < 1) return false;
  const printed = Math.abs(rules).toFixed(2).replace('.', decimal);
  const edge = '(?<![\\d.,])';
  for (let i = 1; i < printed.length; i++) {
    // a gap with a digit after it: a last digit "lost" is only the space before the next word ("10.6 SR" for 10.65)
    if (!/\d/.test(printed[i]!) || !/\d/.test(printed[i + 1] ?? '')) continue;
    const lost = [...printed].map((c, k) => (k === i ? ' ' : c.replace(/[.,]/, '\\$&'))).join('');
    if (new RegExp(`${edge}${lost}(?![\\d]|[.,]\\d)`).test(text)) return true;
  }
  return false;
}

/** The rules' amount printed with its decimal separator lost: its cents as one run of digits ("1200" for 12.00,
 * "7950" for 79.50), no separator or digit glued to it; from 1.00 up (a shorter run says too little). */
export function rulesAmountPrinted(text: string, rules: number): boolean {
  const cents = String(Math.round(Math.abs(rules) * 100));
  if (cents.length < 3) return false;
  return [...text.matchAll(/(?<![\d.,])\d+(?!\d|[.,]\d)/g)].some((m) => m[0] === cents);
}

/** A date OCR damaged where the vendor prints its date ("15/Ap/2017 04:56", "14MMay/2017 02:56"), read as the rules
 * read such a stamp (src/pipeline/extract/keydates.ts: one rule for what a damaged date is), the text alone as the
 * page. */
function damagedDate(text: string, order: DateOrder, today?: string): string | null {
  if (!/\d/.test(text)) return null;
  const cell = { text, confidence: 1, x0: 0, x1: 1 };
  return extractDates([{ index: 0, page: 1, top: 0, cells: [cell], text, confidence: 1 }], order, today).date.value;
}

/** A date OCR damaged beyond the rules' reading, where the vendor prints its date, read in the vendor's order (so
 * only at a learned place: nowhere else would "05 02-18" be a date): a separator read as a space ("05 02-18"), a
 * month name with a doubled or misread letter ("14MMay/2017"), or a separator read as a digit ("13707/2017": day,
 * one stray digit, month — the only split that makes a date). Null when none or more than one date reads. */
/** Two-digit years read leniently: 2000 to 2000 + this. */
const RECENT_YEARS = 39;

export function damagedInOrder(text: string, order: DateOrder): string | null {
  const found = new Set<string>();
  const add = (first: number, second: number, year: string) => {
    const y = expandYear(year);
    if (year.length === 2 && y > 2000 + RECENT_YEARS) return; // a till stamp of this century
    const iso = order === 'MDY' ? isoDate(y, first, second) : isoDate(y, second, first);
    if (iso) found.add(iso);
  };
  if (order === 'YMD') return null;
  // three groups, one separator at least a date's own (three numbers apart by spaces are an item line)
  for (const m of text.matchAll(/(?<![\d.,:])(\d{1,2})(\s+|\s?[./-]\s?)(\d{1,2})(\s+|\s?[./-]\s?)(\d{4}|\d{2})(?![\d:]|[./,-]\d)/g)) {
    // "1 10.50": a quantity and an amount, not a day and a month of '50 — but four digits after the dot are no
    // amount's cents: "20 05.2020" is a date whose first dot OCR read as a space
    const seps = [m[2]!, m[4]!];
    const quantityAndAmount = seps.some((x) => x.trim() === '') && seps.some((x) => x.trim() === '.') && m[5]!.length === 2;
    if (seps.some((x) => /[./-]/.test(x)) && !quantityAndAmount) add(Number(m[1]), Number(m[3]), m[5]!);
  }
  // a month name one slip away: a letter doubled ("MMay") or one misread ("Ju1y" is not letters: left alone)
  for (const m of text.matchAll(/(?<![\d\p{L}])(\d{1,2})\s?[./-]?\s?(\p{L}{3,9})\.?\s?[./-]?\s?(\d{4}|\d{2})(?![\d:])/gu)) {
    const month = monthOf(m[2]!) ?? monthOf(m[2]!.replace(/(\p{L})\1/gu, '$1'));
    if (month !== null) {
      add(order === 'MDY' ? month : Number(m[1]), order === 'MDY' ? Number(m[1]) : month, m[3]!);
    }
  }
  // day (or month), a stray digit where the separator stood, month (or day), then the year after a separator
  for (const m of text.matchAll(/(?<![\d.,])(\d{3,5})[./-](\d{4})(?!\d)/g)) {
    const run = m[1]!;
    for (const a of [1, 2]) {
      for (const stray of [0, 1]) {
        const b = run.length - a - stray;
        if (b < 1 || b > 2) continue;
        add(Number(run.slice(0, a)), Number(run.slice(a + stray)), m[2]!);
      }
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** The rules' date printed where the vendor prints its date but damaged beyond reading ("13707/2017" for 13/07/2017,
 * "29/12/201711:41"): its day, month and year digits in the vendor's order, at most one stray digit (a misread
 * separator) between them; or, day first or month first, a year cut at the cell's end to its first three digits
 * ("10/04/201": OCR loses a stamp's last character at the edge of the paper or of the cell); or its month printed as a
 * name with the time glued to the year ("18Mar201818:25", which the rules read elsewhere or whole), or its year in two
 * digits with the time glued to them ("11-04-1817:42"). The anchor then backs the
 * rules' reading of that very place — never reads a date of its own from a cut year. */
export function rulesDatePrinted(text: string, iso: string, order: DateOrder): boolean {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) return false;
  const parts = order === 'YMD' ? [y, m, d] : order === 'MDY' ? [m, d, y] : [d, m, y];
  // digits only: the damage is often a separator lost or glued ("201711:41": the time after the year)
  if (new RegExp(parts.join('\\d?')).test(text.replace(/\D+/g, ''))) return true;
  if (order === 'YMD') return false;
  // its month printed as a name, the time glued to the year ("18Mar201818:25"): the rules' day, month and year in a
  // run, in the vendor's order
  const day = `0?${Number(d)}`;
  const name = '(\\p{L}{3,9})\\.?\\s?[./-]?\\s?';
  const run = new RegExp(order === 'MDY' ? `(?<!\\p{L})${name}${day}\\s?[./,-]?\\s?${y}` : `(?<![\\d.,])${day}\\s?[./-]?\\s?${name}${y}`, 'u').exec(text);
  if (run && monthOf(run[1]!) === Number(m)) return true;
  const [first, second] = parts.map((p) => `0?${Number(p)}`);
  // a till stamp's two-digit year with the time glued to it ("11-04-1817:42"): day and month in the vendor's order,
  // the year's last two digits, then the time
  if (new RegExp(`(?<![\\d.,])${first}\\s?[./-]\\s?${second}\\s?[./-]\\s?${y.slice(2)}(?=[0-2]?\\d:[0-5]\\d)`).test(text)) return true;
  return new RegExp(`(?<![\\d.,])${first}\\s?[./-]\\s?${second}\\s?[./-]\\s?${y.slice(0, 3)}\\s*$`).test(text);
}

/** OCR often splits an amount after its separator ("49. 40", "-50, 00"): the gap is closed, the text keeps its
 * length (the space moves behind the cents) so positions in it still hold. */
export function closeAmountGaps(text: string): string {
  return text.replace(/(\d[.,]) (\d{2})(?!\d)/g, '$1$2 ');
}

function looksLikeTimeOrDate(text: string, index: number, raw: string): boolean {
  const around = text.slice(Math.max(0, index - 1), index + raw.length + 3);
  return /\d[:/]\d|\d\.\d{1,2}\.\d{2}/.test(around);
}

export interface Occurrence {
  index: number; // where the value starts in the cell's text
  format: ValueFormat;
}

/** Every place in `text` that prints `truth` (a date in any order, an amount with either separator, a reference). */
export function occurrences(kind: ValueKind, text: string, truth: Value): Occurrence[] {
  const out: Occurrence[] = [];
  if (kind === 'date') {
    for (const order of ['DMY', 'MDY', 'YMD'] as DateOrder[]) {
      for (const d of findDates(text, order)) {
        if (d.iso !== truth || out.some((o) => o.index === d.index)) continue;
        // an ambiguous date read right tells the order; so does an unambiguous numeric one by where its day (13 and
        // more) stands ("15/06/2017": day first; "12/15/2024": month first); a month name or a year first tells nothing
        out.push({ index: d.index, format: d.ambiguous ? { dateOrder: order } : orderPrinted(d.raw) });
      }
    }
    for (const index of damagedPrintings(text, String(truth))) if (!out.some((o) => Math.abs(o.index - index) <= 2)) out.push({ index, format: {} });
  } else if (kind === 'amount') {
    text = closeAmountGaps(text);
    for (const decimal of ['.', ','] as DecimalSeparator[]) {
      for (const a of findAmounts(text, decimal)) {
        if (typeof truth !== 'number' || Math.abs(Math.abs(a.value) - Math.abs(truth)) > 0.005) continue;
        if (out.some((o) => o.index === a.index)) continue;
        const sep = /[.,](\d{1,2})$/.exec(a.raw.replace(/[-)\s]+$/, ''));
        out.push({ index: a.index, format: sep ? { decimal: a.raw.includes(',') && sep[0][0] === ',' ? ',' : '.' } : {} });
      }
      // the amount printed with a garbled currency mark glued to it (gluedToMark) stood there too: the place is learned
      const glued = gluedAt(text, decimal);
      if (glued && typeof truth === 'number' && Math.abs(glued.value - Math.abs(truth)) <= 0.005 && !out.some((o) => o.index === glued.index)) {
        out.push({ index: glued.index, format: { decimal } });
      }
    }
  } else {
    const want = alnum(String(truth));
    if (!want) return out;
    const tokens = [...text.matchAll(/\S+/g)];
    tokens.forEach((m, i) => {
      const token = m[0];
      if (alnum(token) === want || alnum(token).endsWith(want) && NUMBER_SIGN.test(token) || repairsTo(token, String(truth))) out.push({ index: m.index ?? 0, format: {} });
      // a reference in several words ("FS 0489…/047766"), as the accountant kept it
      else if (/\s/.test(String(truth).trim()) && alnum(tokens.slice(i, i + MAX_REFERENCE_WORDS).map((t) => t[0]).join('')).startsWith(want)) {
        const words = tokens.slice(i, i + MAX_REFERENCE_WORDS);
        if (words.some((_, k) => alnum(words.slice(0, k + 1).map((t) => t[0]).join('')) === want)) out.push({ index: m.index ?? 0, format: {} });
      }
    });
  }
  return out;
}

/** A word that is the kept reference as OCR garbled it, a digit read as a letter of like shape ("424O" for "4240"):
 * the kept number's own pattern repairs it to that number (repairedInPattern). Learning only — the accountant's number
 * says what the digits are, so the place where the vendor prints it is learned from a garbled printing too. */
function repairsTo(token: string, truth: string): boolean {
  const bare = token.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
  const repaired = bare ? repairedInPattern(bare, referenceShape(truth), digitRuns(truth)) : null;
  return repaired !== null && alnum(repaired) === alnum(truth);
}

/** Where `text` prints the kept date (ISO) as OCR damaged it ("08.09, 17": a comma for a point, the year cut to two
 * digits): its day and month and its year's four or last two digits, day first or month first, apart by a separator
 * each (a point, comma, slash or dash, spaced or not; one of them may be a space). Learning only — the accountant's
 * date says what the digits are, so the place where the vendor prints its date is learned from a damaged printing
 * too, and an anchor learned there is judged on the next documents as any other. Not the order: the damage may be
 * what made it read one way. */
export function damagedPrintings(text: string, iso: string): number[] {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return [];
  const out: number[] = [];
  for (const g of text.matchAll(/(?<![\d.,])(\d{1,2})(\s*[.,\/-]\s*|\s)(\d{1,2})(\s*[.,\/-]\s*|\s)(\d{4}|\d{2})(?![\d]|[.,]\d)/g)) {
    if (!/[.,\/-]/.test(g[2]! + g[4]!)) continue; // three numbers apart by spaces are an item line
    const year = Number(g[5]!.length === 2 ? String(y).slice(0, 2) + g[5] : g[5]);
    const [a, b] = [Number(g[1]), Number(g[3])];
    if (year === y && ((a === d && b === m) || (a === m && b === d))) out.push(g.index ?? 0);
  }
  return out;
}

/** The order a numeric date that reads one way only was printed in: the number over 12 is the day. */
export function orderPrinted(raw: string): ValueFormat {
  const m = /^(\d{1,2})\s?[./-]\s?(\d{1,2})\s?[./-]/.exec(raw.trim());
  if (!m) return {};
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a > 12 && b >= 1 && b <= 12) return { dateOrder: 'DMY' };
  if (b > 12 && a >= 1 && a <= 12) return { dateOrder: 'MDY' };
  return {};
}

/** A number sign glued to the reference it stands before ("Nr.4711", "n.5098765432", "#1042", "Nº12"). */
const NUMBER_SIGN = /^(?:n[o°º]|nr|n\.|#)/i;

/** A reference read with a number sign glued before it ("n.5098765432" where "n. 5012345678" was printed) is the
 * reference without it, when that has the vendor's learned shape and the sign made it another. */
export function withoutNumberSign(read: string, shape: string): string {
  if (referenceShape(read) === shape) return read;
  const bare = read.replace(NUMBER_SIGN, '').replace(/^[.:\s]+/, '');
  return bare !== read && referenceShape(bare) === shape ? bare : read;
}

/** A reference read at a learned place that is not the rules' own value is the vendor's number only in the shape of
 * the number it kept last ("GST-3525-26": `A-9-9`): a vendor numbers its documents in one pattern (tune: 23 of 24
 * later documents' numbers had their predecessor's shape), so another shape there is another thing — a customer or
 * order number, a word the label stood before ("A 64" beside "GST-3525-26"). Then the cell's first run in the learned
 * shape is read when the shape holds a letter (a pattern too particular to stand there by chance), else none. The
 * rules' own value, whatever its shape, stays a reading: an anchor reading it is evidence for it, and a vendor may
 * change its pattern. */
export function inLearnedShape(read: string | null, text: string, shape: string | undefined, rules?: Value | null, digits?: number[]): string | null {
  if (!shape || (read !== null && (referenceShape(read) === shape || (rules !== null && rules !== undefined && alnum(read) === alnum(String(rules)))))) return read;
  // a number OCR garbled (a digit read as a letter of like shape, "42O0") is read as printed: repairedInPattern
  // decides after the reading whether it is the vendor's number garbled (apply.ts repairReference)
  if (read !== null && repairedInPattern(read, shape, digits) !== null) return read;
  return /A/.test(shape) && /9/.test(shape) ? byShape(text, shape) : null;
}

/** Words a reference printed in several words may span. */
const MAX_REFERENCE_WORDS = 3;

/** The first run of `text` in a reference's shape ("A 9/9": letters, a space, digits, a slash, digits), whole. */
export function byShape(text: string, shape: string): string | null {
  return new RegExp(shapeSource(shape), 'u').exec(text)?.[0] ?? null;
}

/** A whole word of a reference's shape, as a pattern: letters, digits, spaces and separators as the shape has them. */
function shapeSource(shape: string): string {
  const source = [...shape].map((c) => (c === 'A' ? '\\p{L}+' : c === '9' ? '\\d+' : c === ' ' ? '\\s+' : escapeRegExp(c))).join('');
  return `(?<![\\p{L}\\d])${source}(?![\\p{L}\\d])`;
}

/** The first word of `text` in the vendor's exact learned pattern (its shape and each digit run's exact count — not
 * inPattern's allowance of a digit more or less in the last run), whole; null without a
 * learned shape and digit counts. Read only right after a learned label, in its cell (anchors.ts readFrom): there a
 * number of the vendor's exact pattern is its number however the text around it reads. */
export function firstInPattern(text: string, format: ValueFormat): string | null {
  if (!format.shape || !format.digits || !format.shape.includes('9')) return null;
  const digits = format.digits.join();
  for (const m of text.matchAll(new RegExp(shapeSource(format.shape), 'gu'))) if (referenceShape(m[0]) === format.shape && digitRuns(m[0]).join() === digits) return m[0];
  return null;
}

export function sameValue(kind: ValueKind, a: Value | null | undefined, b: Value | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (kind === 'amount') return typeof a === 'number' && typeof b === 'number' && Math.abs(Math.abs(a) - Math.abs(b)) <= 0.005;
  if (kind === 'reference') return alnum(String(a)) === alnum(String(b));
  return a === b;
}

/** How many digits each digit run of a reference has ("INV-2024-0012" -> [4, 4]): counts, not digits. */
export function digitRuns(ref: string): number[] {
  return [...ref.matchAll(/\d+/g)].map((m) => m[0].length);
}

/** Whether a reference is in the vendor's learned pattern: its shape, and (when kept) each digit run as long as the
 * kept number's — the last one a digit longer or shorter too (a counter passing 999) — a vendor numbers its documents
 * in one pattern (tune: 23 of 24 later documents' numbers had their predecessor's shape). */
export function inPattern(ref: string, shape: string, digits?: number[]): boolean {
  if (referenceShape(ref) !== shape) return false;
  if (!digits) return true;
  const runs = digitRuns(ref);
  return runs.length === digits.length && runs.every((n, i) => n === digits[i] || (i === runs.length - 1 && Math.abs(n - digits[i]!) <= 1));
}

/** Whether a learned pattern is particular enough to tell the vendor's number from the page's other numbers: it holds a
 * letter or a separator ("A-9-9", "9.9.9.9-9-9"). Digits alone are every customer, order, phone and article number's. */
export function particularPattern(shape: string): boolean {
  return /9/.test(shape) && shape !== '9';
}

/** Letters OCR reads where a digit was printed, for the glyph they share its shape with (a round 0 as O, o, D or Q; a
 * stroke 1 as I, l, i or |; 2 as Z; 5 as S; 6 as G or b; 8 as B) — the classic confusion pairs of print OCR. */
const DIGIT_LOOKALIKES = digitLookalikes('OoDQIli|ZzSsGbB');
/** Look-alike letters a repair may turn into digits: more is a word, not a number OCR slipped on. */
const MAX_REPAIRS = 3;

/** A reference OCR garbled — a digit of it read as a letter of like shape ("INV-2O24-0012", "NO50191110") — repaired
 * by the vendor's learned pattern: the one way of turning at most MAX_REPAIRS look-alike letters into their digits
 * that puts the reference in the pattern (its shape and each digit run's exact count), no more letters than the digits
 * it printed (a word of look-alike letters, "ISO" or "Bis", is no number), so a letter turns into a digit only
 * where the pattern has a digit, never where it has a letter. Null when the reference is in it already, when
 * no repair or more than one puts it there, or the pattern has no digit. A vendor numbers its documents in one pattern
 * (tune: 23 of 24 later documents' numbers had their predecessor's shape): a letter where its number always has a
 * digit is OCR's, the repaired number the printed one. */
export function repairedInPattern(ref: string, shape: string, digits?: number[]): string | null {
  // exact digit counts: a number a letter garbled has a digit run a digit short, which inPattern's allowance for a
  // counter passing 999 would take for the pattern
  const exact = (r: string) => referenceShape(r) === shape && (!digits || digitRuns(r).join() === digits.join());
  if (!shape.includes('9') || exact(ref)) return null;
  const chars = [...ref];
  const at = chars.flatMap((c, i) => (DIGIT_LOOKALIKES[c] !== undefined ? [i] : []));
  if (!at.length || at.length > 2 * MAX_REPAIRS) return null;
  // a number OCR slipped on keeps at least half its digits: a word with none ("ISO", "Bis", "SOS") or more look-alike
  // letters than digits is a word, whatever digits its letters resemble
  const realDigits = chars.filter((c) => /\d/.test(c)).length;
  const found = new Set<string>();
  for (let mask = 1; mask < 1 << at.length; mask++) {
    const picked = at.filter((_, k) => mask & (1 << k));
    if (picked.length > MAX_REPAIRS || picked.length > realDigits) continue;
    const repaired = chars.map((c, i) => (picked.includes(i) ? DIGIT_LOOKALIKES[c]! : c)).join('');
    if (exact(repaired)) found.add(repaired);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** Shape of a reference: "INV-2024-0012" -> "A-9-9". Kept instead of the number itself. */
export function referenceShape(ref: string): string {
  return ref.replace(/\p{L}+/gu, 'A').replace(/\d+/g, '9');
}
