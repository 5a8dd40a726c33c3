// A second look at the key fields of a photographed document. The lines that carry a weak date (and a missing
// total) are OCRed again, upscaled at a few scales (the document engine's BandReader); each re-read gives a variant of the page
// that the same rules read again, and the readings vote. The first reading counts double, so re-reads overrule it
// only when all of them agree; a date no reading agrees on is rebuilt from day, month and year voted apart
// ("25/01/2016", "55/01/2018", "95/01/2018" -> 2018-01-25). Measured with bench:accuracy on the SROIE receipts:
// see docs/extraction.md.
import type { ExtractedFields, Field } from '../../contract.js';
import type { BandReader, ReadDocument, TextLine } from '../document.js';
import { expandYear, isoDate, type DateOrder } from './dates.js';
import { nameKey } from './vendor.js';

/** Fields read with less confidence than this get a second look. */
export const SECOND_LOOK_BELOW = 0.8;
/** A vendor name this unsure (it would go to review) gets its header read again. Above 0.6, a header re-read
 * swapped a right name for a fragment of it about as often as it fixed one (SROIE receipts outside the corpus); the
 * third round of receipt rules lifted a clean header's first name by one letterhead step (debris below a logo is no
 * longer a rival row), so the trigger moved with it: 0.65 mends 4 more SROIE tune names, breaks none. */
export const HEADER_LOOK_BELOW = 0.65;
/** Upscale factors for the re-reads (Tesseract's): each is one more independent reading. The engine's own list is
 * in ./looks-by-engine.ts. */
export const SCALES: readonly number[] = [2, 2.5, 3];
const MAX_DATE_BANDS = 2;
const MAX_TOTAL_BANDS = 4;
/** The header a vendor name is looked for in: the page top down to this many lines. */
const HEADER_LINES = 4;
/** The first reading is at the image's own resolution, where Tesseract reads best on average. */
const FIRST_READING_WEIGHT = 2;
/** A band reaches this many line heights above and below its line (tilted photos). */
const BAND_MARGIN = 0.6;

const DATE_LINE_RE =
  /\b(date|dated|tarikh|datum|data|fecha)\b|\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{1,2}\s*[/.-]?\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s*[/.-]?\s*\d{2,4}/i;
export const TOTAL_LINE_RE = /total|amount|\bamt\b|jumlah|\bnett?\b|payable|\bdue\b|balance|rounded|grand|summe|totale|importe|montant/i;
export const NOT_TOTAL_LINE_RE = /\bqty\b|quantity|\bitems?\b|\bitem\(s\)/i;
const RAW_DATE_RE = /(?<!\d)(\d{1,4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})(?!\d)/;

export interface Band {
  page: number;
  y0: number; // reach of the crop
  y1: number;
  core0: number; // the lines it re-reads
  core1: number;
  kinds: Set<'date' | 'total'>;
}

interface Reading {
  fields: ExtractedFields;
  weight: number;
  /** the text each band holds in this reading, in band order */
  bandText: string[];
}

export interface SecondLookOptions {
  read: (doc: ReadDocument) => ExtractedFields;
  order: DateOrder;
  /** the band re-reads' upscale factors (default SCALES) */
  scales?: readonly number[];
  /** read a weak vendor's header again (default true) */
  header?: boolean;
}

export async function secondLook(doc: ReadDocument, fields: ExtractedFields, opts: SecondLookOptions): Promise<ExtractedFields> {
  const reread = doc.rereadBand;
  if (!reread) return fields;
  const out = { ...fields };
  if (opts.header !== false && vendorWeak(fields)) out.vendor_name = await headerLook(doc, reread, fields.vendor_name, opts);
  const bands = chooseBands(doc, fields);
  if (bands.length === 0) return out;

  const first: Reading = { fields, weight: FIRST_READING_WEIGHT, bandText: bands.map((b) => coreText(linesOf(doc, b.page), b)) };
  const rereads = await Promise.all(
    (opts.scales ?? SCALES).map(async (scale): Promise<Reading> => {
      const replaced = await Promise.all(bands.map(async (b) => (await reread(b.page, b.y0, b.y1, scale)).filter((l) => inCore(l, b))));
      const variant = withBandsReplaced(doc, bands, replaced);
      return { fields: opts.read(variant), weight: 1, bandText: replaced.map((lines) => lines.map((l) => l.text).join('\n')) };
    }),
  );
  const readings = [first, ...rereads];
  // Re-read totals only fill a missing one: measured on receipts outside the corpus, upscaled re-reads agree on a
  // misread total digit ("94.87" -> "84.87") about as often as they fix one, while dates gain either way.
  if (bands.some((b) => b.kinds.has('total')))
    out.amount_total = voteField(readings, (f) => f.amount_total, (v) => v.toFixed(2));
  if (bands.some((b) => b.kinds.has('date'))) {
    const voted = voteField(readings, (f) => f.date, (v) => v);
    out.date = rereadsFoundNone(readings, (f) => f.date) ? rebuildDate(readings, bands, voted, opts.order) : voted;
  }
  return out;
}

/**
 * The header read again on its own. Tesseract sizes its text model on the whole page, and a receipt read as one
 * uniform block can lose a shop name printed larger than the body (a whole title line missing); cropped, the header
 * is read at its own scale. The reading whose vendor the rules trust more wins.
 */
async function headerLook(doc: ReadDocument, reread: BandReader, first: Field<string>, opts: SecondLookOptions): Promise<Field<string>> {
  const page = doc.pages[0];
  if (!page || page.source !== 'ocr' || page.lines.length === 0) return first;
  const bottom = page.lines[Math.min(HEADER_LINES, page.lines.length) - 1].bbox.y1;
  const header: Band = { page: page.page, y0: 0, y1: bottom, core0: 0, core1: bottom, kinds: new Set() };
  const lines = await reread(page.page, 0, bottom, 1);
  const vendor = opts.read(withBandsReplaced(doc, [header], [lines])).vendor_name;
  if (vendor.value === null || vendor.confidence <= first.confidence) return first;
  return mendsFirstReading(vendor.value, first.value) ? vendor : first;
}

/** The header's re-read mends what the first reading misread or missed; a part of the first name ("TRADING" of "SH
 * POWER HARDWARE TRADING", its last line read alone) is a name read short, no better reading. */
function mendsFirstReading(reread: string, first: string | null): boolean {
  return first === null || !` ${nameKey(first)} `.includes(` ${nameKey(reread)} `);
}

const vendorWeak = (fields: ExtractedFields) => fields.vendor_name.value === null || fields.vendor_name.confidence < HEADER_LOOK_BELOW;

function weak(field: Field<unknown>): boolean {
  return field.value === null || field.confidence < SECOND_LOOK_BELOW;
}

function linesOf(doc: ReadDocument, page: number): TextLine[] {
  return doc.pages.find((p) => p.page === page)?.lines ?? [];
}

/** The lines that may hold a weak date or total, as bands (overlapping ones merged). */
function chooseBands(doc: ReadDocument, fields: ExtractedFields): Band[] {
  const wanted: { line: TextLine; page: number; kind: 'date' | 'total' }[] = [];
  for (const page of doc.pages) {
    if (page.source !== 'ocr') continue;
    if (weak(fields.date)) {
      const dateLines = page.lines.filter((l) => DATE_LINE_RE.test(l.text) && /\d/.test(l.text));
      for (const line of dateLines.slice(0, MAX_DATE_BANDS)) wanted.push({ line, page: page.page, kind: 'date' });
    }
    if (fields.amount_total.value === null) {
      const totalLines = page.lines
        .filter((l) => TOTAL_LINE_RE.test(l.text) && !NOT_TOTAL_LINE_RE.test(l.text) && /\d/.test(l.text))
        // the lowest first: grand totals end a slip
        .sort((a, b) => b.bbox.y0 - a.bbox.y0);
      for (const line of totalLines.slice(0, MAX_TOTAL_BANDS)) wanted.push({ line, page: page.page, kind: 'total' });
    }
  }
  const bands: Band[] = [];
  for (const { line, page, kind } of wanted.sort((a, b) => a.page - b.page || a.line.bbox.y0 - b.line.bbox.y0)) {
    const h = Math.max(1, line.bbox.y1 - line.bbox.y0);
    const next: Band = { page, y0: line.bbox.y0 - BAND_MARGIN * h, y1: line.bbox.y1 + BAND_MARGIN * h, core0: line.bbox.y0, core1: line.bbox.y1, kinds: new Set([kind]) };
    const last = bands[bands.length - 1];
    if (last && last.page === page && next.y0 <= last.y1) {
      last.y1 = Math.max(last.y1, next.y1);
      last.core1 = Math.max(last.core1, next.core1);
      last.kinds.add(kind);
    } else bands.push(next);
  }
  return bands;
}

export function inCore(line: TextLine, band: Band): boolean {
  const mid = (line.bbox.y0 + line.bbox.y1) / 2;
  return mid >= band.core0 && mid <= band.core1;
}

function coreText(lines: TextLine[], band: Band): string {
  return lines.filter((l) => inCore(l, band)).map((l) => l.text).join('\n');
}

/** The document as the re-read sees it: each band's first-reading lines swapped for its re-read lines. A band the
 * re-read found nothing in keeps its first reading. */
export function withBandsReplaced(doc: ReadDocument, bands: Band[], replaced: TextLine[][]): ReadDocument {
  const pages = doc.pages.map((page) => {
    let lines = page.lines;
    bands.forEach((band, i) => {
      if (band.page !== page.page || replaced[i].length === 0) return;
      lines = [...lines.filter((l) => !inCore(l, band)), ...replaced[i]];
    });
    lines = [...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
    return { ...page, lines, text: lines.map((l) => l.text).join('\n') };
  });
  return { ...doc, pages, text: pages.map((p) => p.text).join('\f') };
}

interface Tally<T> {
  value: T;
  weight: number;
  confidence: number; // the best confidence among the readings that back it
  byFirst: boolean;
}

function tally<T>(readings: Reading[], pick: (f: ExtractedFields) => Field<T>, key: (v: T) => string): Map<string, Tally<T>> {
  const tallies = new Map<string, Tally<T>>();
  readings.forEach((r, i) => {
    const f = pick(r.fields);
    if (f.value === null) return;
    const k = key(f.value);
    const t = tallies.get(k) ?? { value: f.value, weight: 0, confidence: 0, byFirst: false };
    t.weight += r.weight;
    t.confidence = Math.max(t.confidence, f.confidence);
    t.byFirst ||= i === 0;
    tallies.set(k, t);
  });
  return tallies;
}

/** The value with the most weight; a tie keeps the first reading's. Confidence follows the agreement. */
function voteField<T>(readings: Reading[], pick: (f: ExtractedFields) => Field<T>, key: (v: T) => string): Field<T> {
  const tallies = [...tally(readings, pick, key).values()];
  if (tallies.length === 0) return pick(readings[0].fields);
  const best = tallies.sort((a, b) => b.weight - a.weight || Number(b.byFirst) - Number(a.byFirst) || b.confidence - a.confidence)[0];
  const everyone = readings.reduce((sum, r) => sum + r.weight, 0);
  const share = best.weight / everyone;
  const confidence = Math.min(0.95, best.confidence * (0.75 + 0.25 * share) + (share === 1 ? 0.15 : 0));
  return { value: best.value, confidence };
}

/** The re-reads saw the band but none could read a value from it (e.g. an impossible day): only then are parts
 * voted apart; re-reads that read other valid values are just outvoted or not. */
function rereadsFoundNone<T>(readings: Reading[], pick: (f: ExtractedFields) => Field<T>): boolean {
  return pick(readings[0].fields).value !== null && readings.slice(1).every((r) => pick(r.fields).value === null);
}

/** Day, month and year voted apart over the readings of the band that holds the voted date; only plausible parts
 * count. */
function rebuildDate(readings: Reading[], bands: Band[], voted: Field<string>, order: DateOrder): Field<string> {
  const bandIndex = bands.findIndex((b, i) => b.kinds.has('date') && rawParts(readings[0].bandText[i], order)?.iso === voted.value);
  if (bandIndex < 0) return voted;
  const parts = readings.map((r) => ({ weight: r.weight, parts: rawParts(r.bandText[bandIndex], order) })).filter((p) => p.parts);
  const pick = (part: 'day' | 'month' | 'year', plausible: (n: number) => boolean): number | null => {
    const weights = new Map<number, number>();
    for (const p of parts) {
      const n = p.parts![part];
      if (plausible(n)) weights.set(n, (weights.get(n) ?? 0) + p.weight);
    }
    return [...weights.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  };
  const day = pick('day', (n) => n >= 1 && n <= 31);
  const month = pick('month', (n) => n >= 1 && n <= 12);
  const year = pick('year', (n) => n >= 1990 && n <= 2100);
  const iso = day && month && year ? isoDate(year, month, day) : null;
  if (!iso || iso === voted.value) return voted;
  return { value: iso, confidence: Math.min(voted.confidence, 0.5) };
}

/** The first numeric date in a text, read as printed even when a part is impossible ("55/01/2018"). */
function rawParts(text: string | undefined, order: DateOrder): { day: number; month: number; year: number; iso: string | null } | null {
  const m = text ? RAW_DATE_RE.exec(text) : null;
  if (!m) return null;
  const [a, b, c] = [m[1], m[2], m[3]];
  let day: number, month: number, year: number;
  if (a.length === 4) [year, month, day] = [Number(a), Number(b), Number(c)];
  else if (order === 'MDY') [month, day, year] = [Number(a), Number(b), expandYear(c)];
  else [day, month, year] = [Number(a), Number(b), expandYear(c)];
  return { day, month, year, iso: isoDate(year, month, day) };
}

/** A line read again on its own: cropped with `margin` line heights above and below, upscaled to `heightPx`, read as
 * one line (the total's and the date's second readings). What the reader returns is joined into one line that keeps
 * the first reading's vertical place and takes its own horizontal one; null when nothing was read. */
export async function rereadLine(reread: BandReader, page: number, line: TextLine, margin: number, heightPx: number): Promise<TextLine | null> {
  const h = Math.max(1, line.bbox.y1 - line.bbox.y0);
  const lines = await reread(page, line.bbox.y0 - margin * h, line.bbox.y1 + margin * h, 1, { line: true, heightPx });
  const text = lines.map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const confidence = lines.reduce((sum, l) => sum + l.confidence, 0) / lines.length;
  const x0 = Math.min(...lines.map((l) => l.bbox.x0));
  const x1 = Math.max(...lines.map((l) => l.bbox.x1));
  return { text, confidence, bbox: { x0, x1, y0: line.bbox.y0, y1: line.bbox.y1 } };
}
