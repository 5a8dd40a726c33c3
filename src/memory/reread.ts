// A closer look where the vendor's anchor read. When a learned anchor reads another value than the rules chose, one
// of the two readings of that line is often an OCR misread of ≈150 dpi print ("1.4" for 7.40 beside "Net Total").
// The line the anchor read is cropped and read again, upscaled to other text heights than the first look used
// (Tesseract's misreads change with the scale it sees digits at); when the anchor then reads the rules' value, the
// two agree — the first reading of that line was the misread. A closer look never brings a third value in.
import type { ExtractedFields } from '../contract.js';
import type { BandReader, ReadDocument, TextLine } from '../pipeline/document.js';
import { buildRows } from '../pipeline/extract/layout.js';
import { withBandsReplaced } from '../pipeline/extract/second-look.js';
import { learnedPick } from './apply.js';
import { memoryDemoted } from './calibration.js';
import { collectEvidence, type DocumentEvidence } from './evidence.js';
import { PLACED_FIELD_NAMES, PLACED_FIELDS, type PlacedField, type VendorProfile } from './types.js';
import { sameValue, type Value } from './values.js';

export const CLOSER_LOOK = {
  /** the kinds of value looked at again: amounts and dates are where a misread digit changes the value */
  kinds: new Set(['amount', 'date']),
  /** crop heights in pixels (the line plus margins), other than the first look's 72 px (src/pipeline/extract/total-look.ts) */
  heightsPx: [56, 96],
  /** the crop reaches this many line heights above and below the line */
  margin: 0.25,
  /** rows read again per document at most */
  maxRows: 3,
} as const;

/** Evidence per field as the closer look saw it, for the fields whose anchor then read the rules' value. */
export type CloserEvidence = Partial<Record<PlacedField, DocumentEvidence>>;

export async function lookCloser(doc: ReadDocument, ev: DocumentEvidence, profile: VendorProfile, rules: ExtractedFields): Promise<CloserEvidence> {
  const reread = doc.rereadBand;
  const out: CloserEvidence = {};
  if (!reread) return out;
  let budget: number = CLOSER_LOOK.maxRows;
  for (const name of PLACED_FIELD_NAMES) {
    const kind = PLACED_FIELDS[name];
    const fm = profile.fields[name];
    const ruled = rules[name].value as Value | null;
    if (!CLOSER_LOOK.kinds.has(kind) || !fm || memoryDemoted(fm.learned) || ruled === null) continue;
    const pick = learnedPick(ev, name, fm, ruled);
    if (!pick || sameValue(kind, pick.value, ruled)) continue;
    const rows = pick.rows.slice(0, budget);
    if (!rows.length) break;
    budget -= rows.length;
    for (const heightPx of CLOSER_LOOK.heightsPx) {
      const variant = await withRowsReread(doc, ev, rows, reread, heightPx);
      if (!variant) continue;
      const closer = collectEvidence(variant, buildRows(variant));
      const again = learnedPick(closer, name, fm, ruled);
      if (again && sameValue(kind, again.value, ruled)) {
        out[name] = closer;
        break;
      }
    }
  }
  return out;
}

/** The document with the lines of these rows read again at one crop height (null when nothing was read). */
async function withRowsReread(doc: ReadDocument, ev: DocumentEvidence, rowIndexes: number[], reread: BandReader, heightPx: number): Promise<ReadDocument | null> {
  const bands = [];
  const replaced: TextLine[][] = [];
  for (const i of rowIndexes) {
    const lines = linesOfRow(doc, ev, i);
    if (!lines.length) continue;
    const page = ev.rows[i]!.page;
    const y0 = Math.min(...lines.map((l) => l.bbox.y0));
    const y1 = Math.max(...lines.map((l) => l.bbox.y1));
    const h = Math.max(1, y1 - y0);
    const read = await reread(page, y0 - CLOSER_LOOK.margin * h, y1 + CLOSER_LOOK.margin * h, 1, { line: true, heightPx });
    const found = read.filter((l) => l.text.trim());
    if (!found.length) continue;
    // the lines keep the first reading's vertical place (rows are built on it) and their own horizontal one, and
    // their wide gaps (cells: a label and its value)
    bands.push({ page, y0, y1, core0: y0, core1: y1, kinds: new Set<'date' | 'total'>() });
    replaced.push(found.map((l) => ({ ...l, bbox: { x0: l.bbox.x0, x1: l.bbox.x1, y0, y1 } })));
  }
  return bands.length ? withBandsReplaced(doc, bands, replaced) : null;
}

/** The page lines a row was built from: those starting at its top, and those overlapping the first of them. */
function linesOfRow(doc: ReadDocument, ev: DocumentEvidence, rowIndex: number): TextLine[] {
  const row = ev.rows[rowIndex];
  const page = row && doc.pages.find((p) => p.page === row.page);
  if (!row || !page || page.source !== 'ocr') return [];
  const height = page.height > 0 ? page.height : 1;
  const y = row.top * height;
  const first = page.lines.filter((l) => Math.abs(l.bbox.y0 - y) <= 0.5 && l.text.trim());
  if (!first.length) return [];
  const bottom = Math.max(...first.map((l) => l.bbox.y1));
  const mid = (y + bottom) / 2;
  return page.lines.filter((l) => l.text.trim() && l.bbox.y0 <= mid && l.bbox.y1 >= mid);
}
