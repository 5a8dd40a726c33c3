import sharp, { type Metadata } from 'sharp';
import type { FileKind } from './document.js';
import { DocumentError } from './errors.js';
import { OCR_MAX_PIXELS, OCR_MAX_SIDE, type Limits } from './limits.js';
import { findPaper } from './paper.js';
import { estimateTextHeight } from './text-height.js';

// Image decoding and OCR preprocessing with sharp (libvips, prebuilt from npm). BMP is the one upload type libvips
// does not read: it is decoded by @napi-rs/canvas (Skia) into PNG first.

sharp.cache(false); // each document is seen once; libvips' cache only costs memory in a long-running worker
sharp.concurrency(1); // OCR already occupies every core

export interface ImageInfo {
  width: number;
  height: number;
  pages: number;
}

/** Layout decides how Tesseract segments the image: a tall narrow strip (a till slip) is read as one block (psm 6) at
 * its own size, a page with automatic layout (psm 3); only tiny images are upscaled, very large ones scaled down.
 * Study of the preparation (issue #13; `node --import tsx bench/ocr-prep.ts /work/corpus/sroie fixtures/documents
 * --every 14,4 --settings base,th24noinv,th24`): 38 tune receipts (every 14th SROIE tune receipt, every 4th receipt
 * of fixtures/documents tune), every setting on every receipt in one run, no OCR cache, CPU time of the whole process
 * per document (2 cores shared by six engineers, load 8–14: medians only, ± 10 %). total / date / vendor, CPU median:
 *   as shipped (width rules above):                         84.2 / 82.9 / 76.3 %   1.85 s
 *   upscaled so the median character is 24 px tall (≤ 3×): 81.6 / 82.9 / 68.4 %   2.60 s (1.10× per receipt)
 *   the same, Tesseract's inverted-text check off:          81.6 / 82.9 / 68.4 %   2.37 s (1.12×)
 *   Tesseract's adaptive Otsu (thresholding_method 1):      5 more totals missed on the first 9, up to 17× the time
 *   Sauvola (thresholding_method 2), two more runs:        32 receipts 1 total lost, 2 names gained; 25 others
 *                                                          total 80 → 64 %, date 92 → 84 %, vendor 76 → 80 %; same time
 * SROIE characters are 5–54 px tall (median component height, ./text-height.ts; a quarter under 12 px), yet reading
 * small print larger loses vendor names and totals (probably JPEG edges enlarged into strokes), on the holdout too (105
 * receipts, once: total 70.5 → 66.7 %, date 89.2 → 88.2 %, vendor 64.8 → 65.7 %). So none of these is shipped:
 * `SHIPPED_PREP` keeps today's preparation, and the settings stay for the next study. (An older study, 24 receipts:
 * psm 6 beat psm 3 on strips by 4–13 points; upscaling to 580–1400 px was noise at 4–4.5× the time.) */
export type Layout = 'strip' | 'page';
const STRIP_MIN_ASPECT = 1.6; // height / width of a till receipt; A4 is 1.41
const STRIP_MIN_WIDTH = 400;
const PAGE_MIN_WIDTH = 1000;
/** ...and very large photos are scaled down, which costs no accuracy and saves seconds; to the OCR pool's own bound,
 * so it never resizes them again. */
const MAX_OCR_PIXELS = OCR_MAX_PIXELS;

/** Width and height a BMP declares in its header (BITMAPCOREHEADER or BITMAPINFOHEADER and later), or null. */
export function bmpSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 26) return null;
  const headerSize = data.readUInt32LE(14);
  if (headerSize === 12) return { width: data.readUInt16LE(18), height: data.readUInt16LE(20) };
  if (headerSize < 40) return null;
  return { width: Math.abs(data.readInt32LE(18)), height: Math.abs(data.readInt32LE(22)) }; // negative height: top-down
}

const tooManyPixels = (width: number, height: number, limits: Limits) =>
  new DocumentError('TOO_MANY_PIXELS', `image is ${width}×${height} (${Math.round((width * height) / 1e6)} MP), above the limit of ${Math.round(limits.maxPixels / 1e6)} MP`);

export async function toDecodable(data: Buffer, kind: FileKind, limits: Limits): Promise<Buffer> {
  if (kind !== 'bmp') return data;
  // The size is checked before decoding: a 1 KB run-length-encoded BMP may declare 16000×16000 (1 GB decoded).
  const size = bmpSize(data);
  if (!size || !size.width || !size.height) throw new DocumentError('CORRUPT_FILE', 'BMP header is damaged');
  if (size.width * size.height > limits.maxPixels) throw tooManyPixels(size.width, size.height, limits);
  try {
    const { loadImage, createCanvas } = await import('@napi-rs/canvas');
    const image = await loadImage(data);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    return canvas.toBuffer('image/png');
  } catch (err) {
    throw new DocumentError('CORRUPT_FILE', `BMP cannot be decoded: ${(err as Error).message}`);
  }
}

/** Every page's size (a multi-page TIFF's pages may differ), checked against the limits before any is decoded. */
export async function probeImage(data: Buffer, limits: Limits): Promise<ImageInfo> {
  const first = await metadataOf(data, 0);
  const pages = first.pages ?? 1;
  if (pages > limits.maxPages) throw new DocumentError('TOO_MANY_PAGES', `image has ${pages} pages, above the limit of ${limits.maxPages}`);
  let info: ImageInfo | null = null;
  for (let page = 0; page < pages; page++) {
    const meta = page === 0 ? first : await metadataOf(data, page);
    const width = meta.width ?? 0;
    const height = meta.pageHeight ?? meta.height ?? 0;
    if (!width || !height) throw new DocumentError('CORRUPT_FILE', `image${pages > 1 ? ` page ${page + 1}` : ''} has no dimensions`);
    if (width * height > limits.maxPixels) throw tooManyPixels(width, height, limits);
    info ??= { width, height, pages };
  }
  return info!;
}

async function metadataOf(data: Buffer, page: number): Promise<Metadata> {
  try {
    return await sharp(data, { limitInputPixels: false, page }).metadata();
  } catch (err) {
    throw new DocumentError('CORRUPT_FILE', `image cannot be decoded: ${(err as Error).message}`);
  }
}

/** True when an image has nothing on it (every channel within a few levels): OCR, and its turned retries, are
 * skipped. A rendered empty page is one colour exactly; a scanned sheet has specks and is read. */
export async function isBlankImage(png: Buffer): Promise<boolean> {
  try {
    const { channels } = await sharp(png).stats();
    return channels.every((c) => c.max - c.min <= 8);
  } catch {
    return false; // not for us to judge: OCR reports what it cannot read
  }
}

/** How an image is prepared for Tesseract besides EXIF rotation and grayscale (benchmarks compare settings). */
export interface OcrPrep {
  /** Upscale so the median character is about this many pixels tall (null: by the image's width only). */
  textHeight: number | null;
  /** Stretch the grey levels to the full range (faint thermal print). */
  normalise: boolean;
}
export const SHIPPED_PREP: OcrPrep = { textHeight: null, normalise: false };
/** The text is never upscaled more than this (a bad estimate must not blow a slip up tenfold). */
const MAX_TEXT_UPSCALE = 3;

export interface PreparedImage {
  png: Buffer;
  layout: Layout;
  width: number;
  height: number;
  scale: number; // prepared size / original size, to map boxes back
  /** Where the prepared image starts in the original (a crop to the paper; 0, 0 otherwise), in original pixels. */
  left: number;
  top: number;
  /** Whether the image was cropped to a paper found on it (./paper.ts). */
  paper: boolean;
  /** The original image's size (after EXIF orientation). */
  originalWidth: number;
  originalHeight: number;
  /** Median character height in the original's pixels, when it was estimated. */
  textHeight?: number | null;
}

/** EXIF orientation, grayscale, and a resize into the size range Tesseract reads well and fast. `turn` (degrees
 * clockwise) turns the image after its EXIF orientation, before anything else: the original is then the turned image,
 * and no paper is sought on it (see read.ts, readPage). */
export async function prepareForOcr(
  data: Buffer, page: number, limits: Limits, opts: { preprocess: boolean; prep?: OcrPrep; turn?: number },
): Promise<PreparedImage> {
  const prep = opts.prep ?? SHIPPED_PREP;
  try {
    if (opts.turn) {
      // one rotation per sharp pipeline: the EXIF turn first, losslessly, then the quarter
      const upright = await sharp(data, { page, limitInputPixels: limits.maxPixels, failOn: 'truncated' }).rotate().png({ compressionLevel: 1 }).toBuffer();
      data = await sharp(upright, { limitInputPixels: limits.maxPixels }).rotate(opts.turn).png({ compressionLevel: 1 }).toBuffer();
      page = 0;
    }
    let pipeline = sharp(data, { page, limitInputPixels: limits.maxPixels, failOn: 'truncated' }).rotate();
    const meta = await sharp(data, { page, limitInputPixels: limits.maxPixels }).metadata();
    const rotated = (meta.orientation ?? 1) >= 5; // EXIF 5-8 swap width and height
    const originalWidth = (rotated ? meta.height : meta.width) ?? 0;
    const originalHeight = (rotated ? meta.width : meta.pageHeight ?? meta.height) ?? 0;
    // a till slip lying on a darker background (a flatbed's lid) is read on its own
    const paper = opts.preprocess && !opts.turn ? await findPaper(data, page).catch(() => null) : null;
    if (paper) pipeline = pipeline.extract(paper);
    const width = paper?.width ?? originalWidth;
    const height = paper?.height ?? originalHeight;
    let scale = 1;
    let textHeight: number | null = null;
    const layout: Layout = height / width >= STRIP_MIN_ASPECT ? 'strip' : 'page';
    const minWidth = layout === 'strip' ? STRIP_MIN_WIDTH : PAGE_MIN_WIDTH;
    if (opts.preprocess) {
      textHeight = prep.textHeight ? await estimateTextHeight(pipeline.clone(), width) : null;
      if (textHeight && prep.textHeight && textHeight < prep.textHeight) scale = Math.min(MAX_TEXT_UPSCALE, prep.textHeight / textHeight);
      else if (width < minWidth) scale = Math.min(3, minWidth / width);
      if (width * height * scale * scale > MAX_OCR_PIXELS) scale = Math.sqrt(MAX_OCR_PIXELS / (width * height));
      // a 100×12000 strip upscaled 3× would be 36000 px long, beyond what Tesseract reads
      scale = Math.min(scale, OCR_MAX_SIDE / Math.max(width, height));
      if (scale !== 1) pipeline = pipeline.resize(Math.round(width * scale), null, { kernel: scale > 1 ? 'lanczos3' : 'lanczos2' });
      pipeline = pipeline.flatten({ background: '#ffffff' }).grayscale();
      if (prep.normalise) pipeline = pipeline.normalise();
    }
    const { data: png, info } = await pipeline.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    return { png, layout, width: info.width, height: info.height, scale, left: paper?.left ?? 0, top: paper?.top ?? 0, paper: paper !== null, originalWidth, originalHeight, textHeight };
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    const message = (err as Error).message;
    if (/pixel limit/i.test(message)) throw new DocumentError('TOO_MANY_PIXELS', message);
    throw new DocumentError('CORRUPT_FILE', `image cannot be decoded: ${message}`);
  }
}

export async function rotateImage(png: Buffer, degrees: number): Promise<Buffer> {
  return sharp(png).rotate(degrees).png({ compressionLevel: 1 }).toBuffer();
}

/** The image scaled down, if it has more than `maxPixels` pixels or a side longer than Tesseract reads (OCR_MAX_SIDE);
 * `scale` is its width over the input's (1: as is), `pixels` its size as it is returned (0 when sharp cannot tell). */
export async function fitWithin(image: Buffer, maxPixels: number): Promise<{ image: Buffer; scale: number; pixels: number }> {
  let width = 0;
  let height = 0;
  try {
    ({ width = 0, height = 0 } = await sharp(image).metadata());
  } catch {
    return { image, scale: 1, pixels: 0 }; // not for us to judge: Tesseract reports what it cannot read
  }
  // 1% slack: an image already scaled to this bound (prepareForOcr) may be a rounded pixel row over it
  const factor = Math.min(width * height <= maxPixels * 1.01 ? 1 : Math.sqrt(maxPixels / (width * height)), OCR_MAX_SIDE / Math.max(width, height, 1));
  if (factor >= 1) return { image, scale: 1, pixels: width * height };
  const target = Math.max(1, Math.floor(width * factor));
  const { data, info } = await sharp(image)
    .resize(target, Math.max(1, Math.floor(height * factor)), { kernel: 'lanczos2', fit: 'fill' })
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  return { image: data, scale: info.width / width, pixels: info.width * info.height };
}
