// A one-page text bill of "Acme Tools GmbH" with its number beside a label ("Beleg-Nr.:") and, optionally, another
// reference line: the memory tests learn from it and read the next one.
import type { ReadDocument, TextLine } from '../../src/pipeline/document.js';

export function acmeBill(number: string, extraLine?: string): ReadDocument {
  const line = (text: string, y: number, x = 50): TextLine => ({ text, confidence: 1, bbox: { x0: x, y0: y, x1: x + text.length * 6, y1: y + 10 } });
  const lines = [
    line('Acme Tools GmbH', 40), line('Hammerweg 5, 12345 Werkstadt', 55), line('www.acme-tools.example', 70),
    line('Invoice', 120), line('Beleg-Nr.:', 150), line(number, 150, 300), line('Datum: 03.04.2024', 170),
    ...(extraLine ? [line(extraLine, 190)] : []),
    line('Summe EUR 119,00', 400),
  ];
  const text = lines.map((l) => l.text).join('\n');
  return { kind: 'pdf', sha256: 'x'.repeat(64), bytes: 1, pages: [{ page: 1, source: 'pdf-text', width: 600, height: 800, rotation: 0, confidence: 1, text, lines }], pageCount: 1, text, xml: [], timings: {} };
}
