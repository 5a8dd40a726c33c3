// Test helpers: ReadDocuments from the extraction fixtures (real engine output) and from short text snippets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BandReader, BandReadOptions, ReadDocument, TextLine } from '../../../src/pipeline/document.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/extract');

export function loadReadDoc(name: string): ReadDocument {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.readdoc.json`), 'utf8')) as ReadDocument;
}

export function loadTruth(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.truth.json`), 'utf8')) as Record<string, unknown>;
}

/**
 * A one-page document from text lines, laid out top to bottom. Within a line, "  |  " separates cells placed at
 * increasing x (like two columns on one row). `height`/`width` default to an A4 page in points.
 */
export function docFromLines(lines: string[], opts: { width?: number; height?: number; confidence?: number } = {}): ReadDocument {
  const width = opts.width ?? 595;
  const height = opts.height ?? 842;
  const step = Math.min(20, (height - 40) / Math.max(1, lines.length));
  const textLines = lines.flatMap((line, i) => {
    const y0 = 20 + i * step;
    return line.split('  |  ').map((cell, k, all) => {
      const x0 = 40 + (k * (width - 80)) / all.length;
      return { text: cell, confidence: opts.confidence ?? 1, bbox: { x0, y0, x1: x0 + cell.length * 5, y1: y0 + step * 0.7 } };
    });
  });
  const text = lines.map((l) => l.replace(/ {2}\| {2}/g, ' ')).join('\n');
  return {
    kind: 'pdf', sha256: '0'.repeat(64), bytes: 0, pageCount: 1, xml: [], timings: {}, text,
    pages: [{ page: 1, source: 'pdf-text', width, height, rotation: 0, confidence: opts.confidence ?? 1, text, lines: textLines }],
  };
}

/** A one-page text layer whose cells stand where given: per row, [text, x0, x1] per cell; rows 14 points apart from
 * `top`, each `lineHeight` tall (an A4 page in points). */
export function docFromCells(rows: [string, number, number][][], opts: { top?: number; lineHeight?: number } = {}): ReadDocument {
  const top = opts.top ?? 40;
  const lineHeight = opts.lineHeight ?? 8;
  const lines = rows.flatMap((cells, i) => cells.map(([text, x0, x1]) => ({ text, confidence: 1, bbox: { x0, y0: top + i * 14, x1, y1: top + lineHeight + i * 14 } })));
  const text = rows.map((r) => r.map((c) => c[0]).join(' ')).join('\n');
  return {
    kind: 'pdf', sha256: '0'.repeat(64), bytes: 0, pageCount: 1, xml: [], timings: {}, text,
    pages: [{ page: 1, source: 'pdf-text', width: 595, height: 842, rotation: 0, confidence: 1, text, lines }],
  };
}

/** A band reader standing in for the OCR engine's second looks: single-line reads (`opts.line`) return the band's
 * lines passed through `rewrite` and are recorded in `asked`; other bands (psm 6 looks) return the first reading. */
export function lineRereader(doc: ReadDocument, rewrite: (text: string) => string) {
  const asked: string[] = [];
  const reader: BandReader = async (page, y0, y1, _scale, opts?: BandReadOptions) => {
    const inBand = doc.pages[page - 1].lines.filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 >= y0 && (l.bbox.y0 + l.bbox.y1) / 2 <= y1);
    if (!opts?.line) return inBand;
    asked.push(...inBand.map((l) => l.text));
    return inBand.map((l): TextLine => ({ ...l, text: rewrite(l.text) }));
  };
  return { reader, asked };
}
