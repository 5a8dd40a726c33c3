import type { ReadDocument } from '../document.js';
import type { OcrEngineName } from '../ocr/cache.js';
import { SCALES } from './second-look.js';

// Which second looks run on a page, by the engine that read it. The looks were built for Tesseract, whose
// misreads of ≈150 dpi till digits change with the scale it sees them at. PaddleOCR's recogniser reads every crop
// at 48 px tall, whatever its scale: a one-line re-read (date-look, total-look) repeats its first reading at the
// cost of an inference, and more scales of a band mostly repeat one another. Measured on the SROIE receipts under
// Paddle (docs/ocr.md): date-look and total-look changed nothing on the tune split (and total-look swapped right
// totals for wrong ones on the holdout); the band look (second-look.ts: the header of a weak vendor, the lines of a
// weak date or a missing total read again as blocks) still mends dates and vendors, and is kept, at one scale.

export interface Looks {
  /** second-look.ts: the header of a weak vendor, and the bands of a weak date or a missing total */
  bands: boolean;
  /** of those, the header of a weak vendor read again (off where the other engine reads the page: below) */
  header: boolean;
  /** the bands' upscale factors, one re-read each */
  bandScales: readonly number[];
  /** date-look.ts: each date line read again as one line */
  date: boolean;
  /** total-look.ts: the total's line read again as one line */
  total: boolean;
}

export const LOOKS_BY_ENGINE: Record<OcrEngineName, Looks> = {
  tesseract: { bands: true, header: true, bandScales: SCALES, date: true, total: true },
  // one band re-read at 2.5×: on the tune split the same fields as three (2×, 2.5×, 3×), more dates sure enough to write
  paddle: { bands: true, header: true, bandScales: [2.5], date: false, total: false },
};

/** The looks a document gets: a look runs when one of its OCR pages' engines wants it, bands at the most scales
 * any wants (a page read by no named engine counts as Tesseract's, the engine the looks were built for).
 * `otherReading`: the other engine's reading of every page will be weighed against the first (./engine-look.ts
 * otherReadingCertain: under OCR_ENGINE=auto, a receipt Tesseract read, or one whose Paddle reading the language choice
 * set aside). That reading is the independent one the re-reads at three scales and the one-line re-reads stood in
 * for, so such a document gets Paddle's looks, one band re-read. Measured on the fixtures' tune split (OCR cache):
 * no value moved; the evidence of the re-reads dropped (`total-reread-agreed`, `date-reread-*`) left one more right
 * total and one more right date written on receipts (touchless receipts 49 -> 51 of 83), nothing wrong written. */
export function looksFor(doc: ReadDocument, otherReading = false): Looks {
  // the shop's name is then weighed between the two engines' readings (./engine-fields.ts): the header read again by
  // the first engine is no independent reading, and on tune it swapped right names for misread ones ("LIDL" ->
  // "LIDE", a street for a wordmark)
  if (otherReading) return { ...LOOKS_BY_ENGINE.paddle, header: false };
  const engines = new Set(doc.pages.filter((p) => p.source === 'ocr').map((p) => p.ocrEngine ?? 'tesseract'));
  const wanted = [...engines].map((e) => LOOKS_BY_ENGINE[e]);
  return {
    bands: wanted.some((l) => l.bands),
    header: wanted.some((l) => l.header),
    bandScales: wanted.reduce<readonly number[]>((most, l) => (l.bandScales.length > most.length ? l.bandScales : most), []),
    date: wanted.some((l) => l.date),
    total: wanted.some((l) => l.total),
  };
}
