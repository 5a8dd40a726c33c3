import sharp from 'sharp';
import type { BandReader, TextLine } from './document.js';
import type { Limits } from './limits.js';
import type { OcrEngineName } from './ocr/cache.js';
import type { DocumentOcr } from './ocr/document-ocr.js';
import { withTimeout } from './timeout.js';

// A closer look at a few lines of a photographed page. Tesseract misreads digits of ≈150 dpi till print ("2017-12-20"
// for "29") in ways that change with the scale it sees them at; reading the band again, upscaled, gives extraction
// independent readings to vote over. The page image the first OCR used is kept only as long as the document is.

export interface OcrdImage {
  png: Buffer; // the image as OCRed (preprocessed, rotated)
  width: number;
  height: number;
  scale: number; // image pixels per page unit
  left: number; // where the image starts on the page (a page cropped to its paper), in page units
  top: number;
  models: string[]; // the language models the page was read with
  engine: OcrEngineName; // and the engine: a band is read again by the engine that read its page
}

/** Bands smaller than this (in image pixels) are not worth an OCR call. */
const MIN_BAND_PX = 8;
/** A band fitted to a height is upscaled at most this much (beyond it Tesseract sees blur, not detail). */
const MAX_FIT_SCALE = 4;

/** `signal`: the document's deadline; re-reads after it are not queued. */
export function bandReader(images: Map<number, OcrdImage>, pool: DocumentOcr, limits: Limits, signal?: AbortSignal): BandReader {
  return async (page, y0, y1, scale, opts = {}) => {
    const image = images.get(page);
    if (!image) return [];
    const top = Math.max(0, Math.floor((y0 - image.top) * image.scale));
    const bottom = Math.min(image.height, Math.ceil((y1 - image.top) * image.scale));
    if (bottom - top < MIN_BAND_PX) return [];
    if (opts.heightPx) scale = Math.min(MAX_FIT_SCALE, Math.max(1, opts.heightPx / (bottom - top)));
    let crop = sharp(image.png).extract({ left: 0, top, width: image.width, height: bottom - top });
    // one line: grey, its contrast stretched to the full range (faint thermal print), so Tesseract's own
    // binarisation of the upscaled line separates ink from paper
    if (opts.line) crop = crop.greyscale().normalise();
    const band = await crop
      .resize(scale === 1 ? null : Math.round(image.width * scale), null, { kernel: 'lanczos3' })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const psm = opts.line ? '7' : '6';
    const out = await withTimeout(pool.recognize(band, psm, { models: image.models, signal, engine: image.engine }), limits.ocrTimeoutMs, 'OCR of a page band');
    const toPageX = (v: number) => v / scale / image.scale + image.left;
    const toPageY = (v: number) => (v / scale + top) / image.scale + image.top;
    return out.lines.map(
      (line): TextLine => ({
        ...line,
        bbox: { x0: toPageX(line.bbox.x0), x1: toPageX(line.bbox.x1), y0: toPageY(line.bbox.y0), y1: toPageY(line.bbox.y1) },
      }),
    );
  };
}
