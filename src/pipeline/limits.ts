import { DocumentError } from './errors.js';

// Per-document limits: a worker must survive a 300 MB scan or a 2,000-page PDF without falling over.
export interface Limits {
  maxBytes: number;
  maxPages: number;
  maxPixels: number; // per page, after decoding
  ocrTimeoutMs: number; // per page
  /** The whole document: read, OCR and extraction. Past it the result is TIMEOUT and the document's work stops. */
  docTimeoutMs: number;
  /** Memory a PDF reader process (pdf-readers.ts) may grow by while it reads one PDF; beyond it the PDF is TOO_LARGE.
   * 400 MB: a 50 MP image decoded (150 MB RGB + 200 MB RGBA) fits; with the ≈120 MB reader, the OCR pool and the
   * worker, a process tree stays under 1 GB. */
  pdfMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 50,
  maxPixels: 50_000_000,
  ocrTimeoutMs: 120_000,
  docTimeoutMs: 120_000,
  pdfMemoryMb: 400,
};

/** One step of parsing a PDF (opening it, the attachments, one page's text layer) at most. Real text-layer pages take
 * ≈10 ms (bench:ocr); a step this long is a hostile file (100 000 nested `q` operators) and its reader is killed. */
export const PDF_STEP_TIMEOUT_MS = 30_000;

/** The longest side Tesseract accepts (it refuses images of 32768 px or more); longer images are scaled down. */
export const OCR_MAX_SIDE = 32_767;

/**
 * The largest image Tesseract is given, in pixels; a larger one (a huge photo, an oversized band re-read) is scaled
 * down first and its boxes mapped back. A tesseract.js worker's WASM heap grows to fit the largest image it has read
 * and never shrinks, ≈19 MB + 14 bytes per pixel (measured): this bounds the large lane of the OCR pool (ocr/lanes.ts)
 * to ≈190 MB. Not lower: an A4 page at 300 dpi (8.7 MP) read at 4-6 MP lost SROIE totals (measured on the three
 * such scans of fixtures/documents/sroie: one of three totals wrong at 4, 5 and 6 MP, none at full size).
 */
export const OCR_MAX_PIXELS = 12_000_000;

export function resolveLimits(overrides?: Partial<Limits>): Limits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) (limits as Record<string, number>)[key] = value;
  }
  return limits;
}

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The size check of every way in (a buffer, a file on disk, an attachment before and after its download): one rule
 * and one message, TOO_LARGE. `what` is the name the user knows the thing by ('file', 'attachment').
 */
export function checkFileSize(bytes: number, maxBytes: number, what = 'file'): void {
  if (bytes > maxBytes) throw new DocumentError('TOO_LARGE', `${what} is ${formatMb(bytes)}, above the limit of ${formatMb(maxBytes)}`);
}
