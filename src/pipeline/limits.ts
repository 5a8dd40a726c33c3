// Per-document limits: a worker must survive a 300 MB scan or a 2,000-page PDF without falling over.
export interface Limits {
  maxBytes: number;
  maxPages: number;
  maxPixels: number; // per page, after decoding
  ocrTimeoutMs: number; // per page
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 20 * 1024 * 1024,
  maxPages: 50,
  maxPixels: 50_000_000,
  ocrTimeoutMs: 120_000,
};

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
