import type { ReadDocument, TextLine } from '../../src/pipeline/document.js';

/** A one-page receipt built from lines at places (header lines on top, label/value rows below): memory decisions
 * are tested on it without OCR. */
export function builtReceipt(header: string[], body: [string, string][], shift = 0): ReadDocument {
  const lines: TextLine[] = [];
  const line = (text: string, y: number, x = 40) => lines.push({ text, confidence: 0.9, bbox: { x0: x, y0: y, x1: x + text.length * 7, y1: y + 12 } });
  // shift: the whole receipt lower on the page by so many points (a photo framed with another margin)
  header.forEach((t, i) => line(t, shift + 20 + i * 16));
  body.forEach(([label, value], i) => {
    line(label, shift + 200 + i * 18);
    line(value, shift + 200 + i * 18, 300);
  });
  const text = lines.map((l) => l.text).join('\n');
  return {
    kind: 'jpeg', sha256: 'r'.repeat(64), bytes: 1, pages: [{ page: 1, source: 'ocr', width: 400, height: 800, rotation: 0, confidence: 0.9, text, lines }],
    pageCount: 1, text, xml: [], timings: {},
  };
}
