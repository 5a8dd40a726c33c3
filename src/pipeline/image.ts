import sharp, { type Metadata } from 'sharp';
import type { FileKind } from './document.js';
import { DocumentError } from './errors.js';
import type { Limits } from './limits.js';

// Image decoding and OCR preprocessing with sharp (libvips, prebuilt from npm). BMP is the one upload type libvips
// does not read: it is decoded by @napi-rs/canvas (Skia) into PNG first.

sharp.cache(false); // each document is seen once; libvips' cache only costs memory in a long-running worker
sharp.concurrency(1); // OCR already occupies every core

export interface ImageInfo {
  width: number;
  height: number;
  pages: number;
}

/** Only really tiny images are upscaled. Measured on the 24 SROIE receipts (≈460 px wide, bench:ocr): grayscale alone
 * found the printed total in 20/24 in 21 s; upscaling to 900 / 1400 px found 19 and 17 in 25 / 39 s; a normalize()
 * contrast stretch 19 in 37 s. So: grayscale always, upscale below 400 px, no stretch. */
const MIN_OCR_WIDTH = 400;
/** ...and very large photos are scaled down, which costs no accuracy and saves seconds. */
const MAX_OCR_PIXELS = 12_000_000;

export async function toDecodable(data: Buffer, kind: FileKind): Promise<Buffer> {
  if (kind !== 'bmp') return data;
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

export async function probeImage(data: Buffer, limits: Limits): Promise<ImageInfo> {
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (err) {
    throw new DocumentError('CORRUPT_FILE', `image cannot be decoded: ${(err as Error).message}`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw new DocumentError('CORRUPT_FILE', 'image has no dimensions');
  if (width * height > limits.maxPixels)
    throw new DocumentError('TOO_MANY_PIXELS', `image is ${width}×${height} (${Math.round((width * height) / 1e6)} MP), above the limit of ${Math.round(limits.maxPixels / 1e6)} MP`);
  const pages = meta.pages ?? 1;
  if (pages > limits.maxPages) throw new DocumentError('TOO_MANY_PAGES', `image has ${pages} pages, above the limit of ${limits.maxPages}`);
  return { width, height, pages };
}

export interface PreparedImage {
  png: Buffer;
  width: number;
  height: number;
  scale: number; // prepared size / original size, to map boxes back
}

/** EXIF orientation, grayscale, and a resize into the size range Tesseract reads well and fast. */
export async function prepareForOcr(data: Buffer, page: number, limits: Limits, opts: { preprocess: boolean }): Promise<PreparedImage> {
  try {
    let pipeline = sharp(data, { page, limitInputPixels: limits.maxPixels, failOn: 'truncated' }).rotate();
    const meta = await sharp(data, { page, limitInputPixels: limits.maxPixels }).metadata();
    const rotated = (meta.orientation ?? 1) >= 5; // EXIF 5-8 swap width and height
    const width = (rotated ? meta.height : meta.width) ?? 0;
    const height = (rotated ? meta.width : meta.pageHeight ?? meta.height) ?? 0;
    let scale = 1;
    if (opts.preprocess) {
      if (width < MIN_OCR_WIDTH) scale = Math.min(3, (MIN_OCR_WIDTH * 2) / width);
      else if (width * height > MAX_OCR_PIXELS) scale = Math.sqrt(MAX_OCR_PIXELS / (width * height));
      if (scale !== 1) pipeline = pipeline.resize(Math.round(width * scale), null, { kernel: scale > 1 ? 'lanczos3' : 'lanczos2' });
      pipeline = pipeline.flatten({ background: '#ffffff' }).grayscale();
    }
    const { data: png, info } = await pipeline.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
    return { png, width: info.width, height: info.height, scale };
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
