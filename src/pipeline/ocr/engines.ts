import type { OcrEngineName } from './cache.js';

// OCR_ENGINE / `scan --ocr-engine`: which engine reads scanned pages and photos.
// - tesseract: tesseract.js, with the model of the page's language (./auto-language.ts).
// - paddle: PaddleOCR PP-OCRv4 (./paddle/): reads receipt digits far better, but its alphabet has no ö ß € ñ ç ê â £.
// - auto: Paddle reads a page; when its words say the page is in another language than English, Tesseract reads it
//   again with that language's model (the reading kept has the language's letters). Every document's first page is
//   read by Paddle first (./auto-language.ts: never by the engine of the document read before), its other pages by
//   the engine of the language the first told.

export type { OcrEngineName } from './cache.js';
export const OCR_ENGINES = ['tesseract', 'paddle', 'auto'] as const;
export type OcrEngineSetting = (typeof OCR_ENGINES)[number];
export const DEFAULT_OCR_ENGINE: OcrEngineSetting = 'auto';

/** Currency signs an engine's alphabet cannot write: PaddleOCR's "ch" dictionary (ppocr_keys_v1.txt) has "$" and
 * "¥" but no "€" or "£", so it writes a euro sign as the nearest shape it knows ("∈", "E", "C") or drops it, and a
 * pound sign as "$" or "E". The currency rules read those shapes for the missing sign (../extract/currency.ts), and
 * a reading that shows no currency at all is given one from where the document is from
 * (../extract/currency-inferred.ts). Checked against the dictionary by test/pipeline/ocr-engines.test.ts. */
export const SIGNS_NOT_WRITTEN: Record<OcrEngineName, readonly string[]> = { tesseract: [], paddle: ['€', '£'] };

/** The engine a page in the language of Tesseract model `model` (e.g. 'eng', 'deu') is read with. */
export function engineForModel(setting: OcrEngineSetting, model: string): OcrEngineName {
  if (setting !== 'auto') return setting;
  return model === 'eng' ? 'paddle' : 'tesseract';
}

export function parseOcrEngine(value: string | undefined): OcrEngineSetting {
  const v = (value ?? DEFAULT_OCR_ENGINE).trim().toLowerCase();
  if ((OCR_ENGINES as readonly string[]).includes(v)) return v as OcrEngineSetting;
  throw new Error(`unknown OCR engine "${value}": one of ${OCR_ENGINES.join(', ')}`);
}
