// A second reading of the lines a receipt's date is printed on. Tesseract reads ≈150 dpi till print as one block
// sized on the whole page and loses or mangles digits of the date stamp ("DATE: 20472017", "144unf2017 08:34:22",
// "24-01-14" for 2016); each such line is cropped, contrast stretched, upscaled to a text height Tesseract reads well
// and read again as one line (the same way as the total's, ./total-look.ts). The same rules then read the page with
// those lines replaced. The re-read date replaces the first reading only when it is plausible (not in the future,
// within the years the page speaks of) and the first one is missing or implausible; its verdict is evidence for
// calibration either way (`date-reread-agreed` / `-changed` (also: filled in a missing date) / `-differs`).
import type { ExtractedFields } from '../../contract.js';
import type { ReadDocument, TextLine } from '../document.js';
import { findDates, repairOcrDate, type DateOrder } from './dates.js';
import { type Band, rereadLine, withBandsReplaced } from './second-look.js';

/** What the second reading of the date's lines said about the date (`date-reread-*` evidence). */
export type DateRereadOutcome = 'agreed' | 'changed' | 'differs';

/** How the lines are chosen and read: measured on the SROIE tune receipts (docs/extraction.md). */
export const DATE_LOOK = {
  /** lines re-read at most */
  maxLines: 2,
  /** a chosen date this unsure is read again (the rules' confidence; a labelled till stamp scores above it) */
  weakBelow: 0.6,
  /** the crop reaches this many line heights above and below the line */
  margin: 0.25,
  /** the crop is upscaled to about these heights in pixels, the second only when the first gave no plausible date */
  cropHeightsPx: [72, 96],
  /** a re-read that replaces a plausible first date: Tesseract's confidence in its line above the first reading's by
   * at least this (SROIE tune: one misread at +0.01, the right re-reads at +0.05 to +0.30) */
  surerBy: 0.05,
  /** a date more than this many years before the newest year the page speaks of (or today) is implausible */
  maxAgeYears: 15,
} as const;

const DATE_LABEL_RE = /\b(date|dated|tarikh|tarich|datum|data|fecha|tgl|dt)\b/i;
/** the time of sale printed beside the date on a till slip */
const TIME_RE = /(?<!\d)\d{1,2}\s*:\s*\d{2}(?!\d)/;
/** a date-like token the rules could not read: a year glued to other digits or letters ("20472017", "144unf2017",
 * "013/0:42018"); a code that starts with letters ("CS00241999") is not one */
const DAMAGED_RE = /(?<![\w/.:-])(?![A-Za-z]{2})[\w/.:-]{1,8}?(?:19|20)\d{2}(?!\d)/;

export interface DateLookOptions {
  read: (doc: ReadDocument) => ExtractedFields;
  order: DateOrder;
  /** today (ISO), the latest a plausible date may be; defaults to the clock */
  today?: string;
}

export interface DateLookResult {
  fields: ExtractedFields;
  outcome: DateRereadOutcome | null;
  /** the date the re-read page gave (null: none, or nothing re-read) */
  reread?: string | null;
}

export async function dateLook(doc: ReadDocument, first: ExtractedFields, opts: DateLookOptions): Promise<DateLookResult> {
  const reread = doc.rereadBand;
  const none = { fields: first, outcome: null };
  if (!reread) return none;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const picked = chooseDateLines(doc);
  const window = yearWindow(doc, picked, today, opts.order);
  const a = first.date;
  const firstPlausible = a.value !== null && plausible(a.value, window, today);
  if (a.value !== null && firstPlausible && a.confidence >= DATE_LOOK.weakBelow) return none;
  if (picked.length === 0) return none;
  const bands: Band[] = picked.map(({ page, line }) => ({ page, y0: line.bbox.y0, y1: line.bbox.y1, core0: line.bbox.y0, core1: line.bbox.y1, kinds: new Set(['date']) }));
  // one reading per height; the second only when the first did not settle it (no plausible date, or another date
  // than the first reading's: then it breaks the tie)
  const dates: (string | null)[] = [];
  /** Tesseract read a line holding the re-read date surer than it read that line the first time */
  let surer = false;
  for (const heightPx of DATE_LOOK.cropHeightsPx) {
    const replaced = await Promise.all(
      picked.map(async ({ page, line }) => {
        const again = await rereadLine(reread, page, line, DATE_LOOK.margin, heightPx);
        return again ? [again] : [];
      }),
    );
    const got = replaced.some((lines) => lines.length > 0) ? readDate(opts, withBandsReplaced(doc, bands, replaced), replaced.flat(), opts.order) : null;
    dates.push(got);
    if (got !== null) surer ||= replaced.some((lines, i) => lines.length > 0 && printedIn(lines[0].text, got, opts.order) && lines[0].confidence >= picked[i].line.confidence + DATE_LOOK.surerBy);
    if (got !== null && plausible(got, window, today) && (got === a.value || a.value === null)) break;
  }
  const readable = dates.filter((d): d is string => d !== null);
  if (readable.length === 0) return { fields: first, outcome: a.value === null ? null : 'differs', reread: null };
  if (a.value !== null && readable.includes(a.value)) return { fields: first, outcome: 'agreed', reread: a.value };
  const taken = readable.find((d) => plausible(d, window, today));
  // another date replaces the first reading's only when it is plausible and either the first reading was missing
  // or implausible, or both re-reads read it and Tesseract was surer of it than of the first reading (on the SROIE
  // tune receipts, two re-reads of one crop share most misreads: agreement alone took 3 wrong dates for 6 right)
  const bothRead = readable.length === 2 && readable[0] === readable[1] && surer;
  if (taken && (a.value === null || !firstPlausible || bothRead)) {
    // a date read from a line read again: as sure as a weak first reading, never more than a labelled one
    const confidence = Math.min(0.7, Math.max(a.confidence, 0.5));
    return { fields: { ...first, date: { value: taken, confidence } }, outcome: 'changed', reread: taken };
  }
  return { fields: first, outcome: a.value === null ? null : 'differs', reread: readable[0] };
}

/** The date the rules read on the page with the lines re-read, if it is printed on those lines (not a date from
 * elsewhere on the page that won because the re-read lost the stamp). */
function readDate(opts: DateLookOptions, variant: ReadDocument, reread: TextLine[], order: DateOrder): string | null {
  const got = opts.read(variant).date.value;
  if (got === null) return null;
  return reread.some((l) => printedIn(l.text, got, order)) ? got : null;
}

function printedIn(text: string, iso: string, order: DateOrder): boolean {
  return findDates(text, order).some((d) => d.iso === iso) || repairOcrDate(text.slice(Math.max(0, text.search(/\d/))), order) === iso;
}

interface YearWindow {
  /** years the page's other readable clues name (dates outside the re-read lines, 4-digit years in damaged stamps) */
  clues: Set<number>;
  newest: number;
}

/** The years a date on this page may plausibly have. */
function yearWindow(doc: ReadDocument, reread: { line: TextLine }[], today: string, order: DateOrder): YearWindow {
  const clues = new Set<number>();
  const picked = new Set(reread.map((p) => p.line));
  for (const page of doc.pages) {
    for (const line of page.lines) {
      if (picked.has(line)) {
        const damaged = DAMAGED_RE.exec(line.text);
        if (damaged && findDates(line.text, order).length === 0) clues.add(Number(damaged[0].slice(-4)));
      } else for (const d of findDates(line.text, order)) clues.add(Number(d.iso.slice(0, 4)));
    }
  }
  const thisYear = Number(today.slice(0, 4));
  // a year far back (a company's founding, a registration) says nothing about the sale's
  for (const y of clues) if (y > thisYear || y < thisYear - DATE_LOOK.maxAgeYears) clues.delete(y);
  return { clues, newest: Math.max(...clues, clues.size ? 0 : thisYear) };
}

/** Not in the future, not older than the page's window, and in a year the page's other clues name (if any). */
export function plausible(iso: string, window: YearWindow, today: string): boolean {
  const year = Number(iso.slice(0, 4));
  if (iso > today || year < window.newest - DATE_LOOK.maxAgeYears) return false;
  return window.clues.size === 0 || window.clues.has(year);
}

/** The lines to read again, in this order of priority: lines with a date label, lines with the time of sale,
 * lines with a damaged date-like token; each must hold digits. */
export function chooseDateLines(doc: ReadDocument): { page: number; line: TextLine }[] {
  const out: { page: number; line: TextLine }[] = [];
  const ocrPages = doc.pages.filter((p) => p.source === 'ocr');
  const damaged = (t: string) => DAMAGED_RE.test(t) && findDates(t).length === 0;
  for (const test of [(t: string) => DATE_LABEL_RE.test(t), (t: string) => TIME_RE.test(t), damaged]) {
    for (const p of ocrPages) {
      for (const line of p.lines) {
        if (out.length >= DATE_LOOK.maxLines) return out;
        if (/\d/.test(line.text) && test(line.text) && !out.some((o) => o.line === line)) out.push({ page: p.page, line });
      }
    }
  }
  return out;
}
