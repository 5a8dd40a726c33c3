// A second reading of the lines a receipt's total is chosen from. Tesseract reads ≈150 dpi till print as one block
// sized on the whole page and misreads digits of the total's line ("64.50" for 54.50) or loses it; each such line is
// cropped, contrast stretched, upscaled to a text height Tesseract reads well and read again as one line. The same
// rules then read the page with those lines replaced. The second reading is both a correction (it is taken when the
// page's own arithmetic backs it better than the first) and evidence for calibration (agreed / changed / differs).
import type { ExtractedFields } from '../../contract.js';
import type { BandReader, ReadDocument, TextLine } from '../document.js';
import type { AmountEvidence } from './explain.js';
import { type Band, NOT_TOTAL_LINE_RE, rereadLine, TOTAL_LINE_RE, withBandsReplaced } from './second-look.js';
import { amountsOf, totalSupport } from './total-backing.js';
import { PAYMENT_LINE_START } from './words.js';

/** What the second reading of the total's lines said about the total (`total-reread-*` evidence). */
export type TotalRereadOutcome = 'agreed' | 'changed' | 'differs';

/** How the lines are chosen and read: every number here was measured on the SROIE tune receipts (docs/extraction.md). */
export const TOTAL_LOOK = {
  /** lines re-read at most: the chosen total's own line first, then total-labelled lines from the bottom up, then
   * payment lines (what was paid confirms a total) */
  maxLines: 4,
  maxPaymentLines: 1,
  /** the crop reaches this many line heights above and below the line */
  margin: 0.25,
  /** the crop (line and margins) is upscaled to about this height in pixels: a line ≈ 48 px tall, where Tesseract's
   * LSTM reads digits best (at most 4×, never down) */
  cropHeightPx: 72,
} as const;

export interface TotalLookReading {
  fields: ExtractedFields;
  evidence: AmountEvidence;
}

export interface TotalLookOptions {
  /** the rules over a document (the same as the first reading's) */
  read: (doc: ReadDocument) => TotalLookReading;
}

export interface TotalLookResult {
  fields: ExtractedFields;
  outcome: TotalRereadOutcome | null;
  /** the total the re-read page gave (null: none, or nothing re-read) */
  reread?: number | null;
}

export async function totalLook(doc: ReadDocument, first: TotalLookReading, opts: TotalLookOptions): Promise<TotalLookResult> {
  const reread = doc.rereadBand;
  const none = { fields: first.fields, outcome: null };
  if (!reread) return none;
  const picked = chooseTotalLines(doc, first.fields.amount_total.value);
  if (picked.length === 0) return none;
  const replaced = await Promise.all(picked.map(({ page, line }) => readLine(reread, page, line)));
  if (replaced.every((lines) => lines.length === 0)) return none;
  const bands: Band[] = picked.map(({ page, line }) => ({ page, y0: line.bbox.y0, y1: line.bbox.y1, core0: line.bbox.y0, core1: line.bbox.y1, kinds: new Set(['total']) }));
  const variant = withBandsReplaced(doc, bands, replaced);
  const second = opts.read(variant);
  const a = first.fields.amount_total;
  const b = second.fields.amount_total;
  if (b.value === null) return { fields: first.fields, outcome: a.value === null ? null : 'differs', reread: null };
  if (a.value !== null && Math.abs(a.value - b.value) < 0.005) return { fields: first.fields, outcome: 'agreed', reread: b.value };
  // another total: taken only when it is printed (not untaxed + tax computed from misread parts) and the page's
  // arithmetic backs it more than the first reading's
  if (amountPattern(b.value).test(variant.text) && (a.value === null || (totalSupport(second.evidence) > 0 && totalSupport(second.evidence) > totalSupport(first.evidence)))) {
    return { fields: { ...first.fields, ...amountsOf(second.fields) }, outcome: a.value === null ? null : 'changed', reread: b.value };
  }
  return { fields: first.fields, outcome: 'differs', reread: b.value };
}

/** The lines to read again, in this order of priority: the total's own line, total-labelled lines from the bottom
 * up, the lowest payment line. */
export function chooseTotalLines(doc: ReadDocument, total: number | null): { page: number; line: TextLine }[] {
  const out: { page: number; line: TextLine }[] = [];
  const add = (page: number, line: TextLine) => {
    if (out.length < TOTAL_LOOK.maxLines && !out.some((o) => o.line === line)) out.push({ page, line });
  };
  const ocrPages = doc.pages.filter((p) => p.source === 'ocr');
  const bottomUp = (lines: TextLine[]) => [...lines].sort((x, y) => y.bbox.y0 - x.bbox.y0);
  if (total !== null) {
    const printed = amountPattern(total);
    for (const p of ocrPages) for (const l of bottomUp(p.lines).filter((l) => printed.test(l.text)).slice(0, 1)) add(p.page, l);
  }
  for (const p of ocrPages) {
    const labelled = bottomUp(p.lines).filter((l) => TOTAL_LINE_RE.test(l.text) && !NOT_TOTAL_LINE_RE.test(l.text) && /\d/.test(l.text));
    for (const l of labelled) add(p.page, l);
  }
  for (const p of ocrPages) {
    const payments = bottomUp(p.lines).filter((l) => PAYMENT_LINE_START.test(l.text) && /\d/.test(l.text)).slice(0, TOTAL_LOOK.maxPaymentLines);
    for (const l of payments) add(p.page, l);
  }
  return out;
}

/** The line cropped with a small margin, upscaled to a readable height, read as one line; its lines keep the first
 * reading's vertical place (rows are built on it) and their own horizontal one. */
async function readLine(reread: BandReader, page: number, line: TextLine): Promise<TextLine[]> {
  const again = await rereadLine(reread, page, line, TOTAL_LOOK.margin, TOTAL_LOOK.cropHeightPx);
  // a second reading that lost an amount the first one read ("Total Sales (Inclusive of GST) : Toe &") says
  // nothing about it: the first reading of that line stays
  if (!again || amountsIn(again.text) < amountsIn(line.text)) return [];
  return [again];
}

const amountsIn = (text: string) => (text.match(/\d[.,]\s?\d{2}(?!\d)/g) ?? []).length;

/** An amount as printed: either decimal separator, thousands groups optional. */
function amountPattern(value: number): RegExp {
  const [int, dec] = Math.abs(value).toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, "[.,' ]?");
  return new RegExp(`(?<![\\d.,])${grouped}[.,]${dec}(?!\\d)`);
}

