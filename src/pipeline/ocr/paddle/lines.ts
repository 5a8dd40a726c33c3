import type { BBox, TextLine } from '../../document.js';

// The detector finds text segments (a phrase, an amount); the pipeline reads lines, as Tesseract gives them: a
// receipt row "TOTAL   12.50" is one line whose text keeps the gap as spaces (Tesseract's preserve_interword_spaces),
// so labels and amounts pair as they do on Tesseract's output. On a page (automatic layout) a gap wider than a few
// line heights separates columns, as Tesseract's blocks do.

export interface Word { text: string; confidence: number; bbox: BBox }
export interface Segment { words: Word[]; confidence: number; bbox: BBox }

/** A gap wider than this many line heights splits a row into two lines (pages only; a receipt row stays whole). */
const COLUMN_GAP_HEIGHTS = 4;

/** Segments grouped into rows (vertical centres within half the row's height), each row into lines. */
export function segmentsToLines(segments: readonly Segment[], opts: { splitColumns: boolean }): TextLine[] {
  const rows: Segment[][] = [];
  const byTop = [...segments].filter((s) => s.words.length).sort((a, b) => centre(a) - centre(b));
  for (const segment of byTop) {
    const row = rows.find((r) => Math.abs(rowCentre(r) - centre(segment)) < Math.min(rowHeight(r), height(segment)) / 2);
    if (row) row.push(segment);
    else rows.push([segment]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.bbox.x0 - b.bbox.x0);
    let current: Segment[] = [];
    for (const segment of row) {
      const last = current[current.length - 1];
      if (last && opts.splitColumns && segment.bbox.x0 - last.bbox.x1 > COLUMN_GAP_HEIGHTS * rowHeight(row)) {
        lines.push(toLine(current));
        current = [];
      }
      current.push(segment);
    }
    if (current.length) lines.push(toLine(current));
  }
  return lines.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}

function toLine(segments: Segment[]): TextLine {
  const words = segments.flatMap((s) => s.words);
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  const charWidth = words.reduce((n, w) => n + (w.bbox.x1 - w.bbox.x0), 0) / Math.max(1, chars);
  let text = '';
  words.forEach((word, i) => {
    if (i > 0) {
      // as many spaces as the gap holds characters, at least one (Tesseract with preserve_interword_spaces)
      const gap = word.bbox.x0 - words[i - 1]!.bbox.x1;
      text += ' '.repeat(Math.max(1, Math.floor(gap / Math.max(1, charWidth))));
    }
    text += word.text;
  });
  const bbox = {
    x0: Math.min(...segments.map((s) => s.bbox.x0)), y0: Math.min(...segments.map((s) => s.bbox.y0)),
    x1: Math.max(...segments.map((s) => s.bbox.x1)), y1: Math.max(...segments.map((s) => s.bbox.y1)),
  };
  // the line's confidence: its words' confidences weighted by their length (a long word is most of what is read)
  const confidence = words.reduce((sum, w) => sum + w.confidence * w.text.length, 0) / Math.max(1, chars);
  return { text, confidence, bbox, words };
}

const height = (s: Segment) => s.bbox.y1 - s.bbox.y0;
const centre = (s: Segment) => (s.bbox.y0 + s.bbox.y1) / 2;
const rowCentre = (row: Segment[]) => row.reduce((sum, s) => sum + centre(s), 0) / row.length;
const rowHeight = (row: Segment[]) => row.reduce((sum, s) => sum + height(s), 0) / row.length;
