// The images a PDF embeds, read straight from its bytes: far cheaper than rendering a page to look at its logo.
// Image XObjects are streams, and streams are never packed into compressed object streams, so each one's
// dictionary and data stand in the file as they are. Only the common forms are decoded here (JPEG; Flate-compressed
// 8-bit grey, RGB or RGBA, with or without PNG predictors); anything else counts as undecodable and the caller renders
// the page instead.
import { inflateSync } from 'node:zlib';

/** Smallest side, in pixels, of an embedded image worth decoding (a 21-module QR code at 2 px per module). */
export const MIN_IMAGE_SIDE = 42;

export type EmbeddedImage =
  | { kind: 'jpeg'; width: number; height: number; data: Buffer }
  | { kind: 'raw'; width: number; height: number; channels: 1 | 3 | 4; data: Buffer };

export interface EmbeddedImages {
  images: EmbeddedImage[];
  /** Images large enough to hold a code that are in a form not decoded here (JBIG2, CCITT, JPEG 2000, indexed …). */
  undecodable: number;
}

const MAX_IMAGE_PIXELS = 25_000_000; // beyond this (a 600 dpi A4 scan), the page is rendered instead
// This runs in the main process on untrusted bytes (pages are rendered in reader processes, pdf-readers.ts), so it is
// bounded: past these, the remaining images count as undecodable and the caller renders the pages instead.
const MAX_IMAGES = 200;
const MAX_DECODED_BYTES = 128 * 1024 * 1024;

export function embeddedImages(data: Uint8Array): EmbeddedImages {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = bytes.toString('latin1');
  const out: EmbeddedImages = { images: [], undecodable: 0 };
  const re = /\/Subtype\s*\/Image\b/g;
  let seen = 0;
  let decodedBytes = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (++seen > MAX_IMAGES || decodedBytes > MAX_DECODED_BYTES) {
      out.undecodable++;
      break;
    }
    const windowStart = Math.max(m.index - 4000, 0); // look back and ahead a bounded distance only (no quadratic scans)
    const objAt = text.slice(windowStart, m.index).lastIndexOf('obj');
    const dictStart = objAt < 0 ? windowStart : windowStart + objAt;
    const streamAt = text.slice(m.index, m.index + 4000).indexOf('stream');
    if (streamAt < 0) continue;
    const dict = text.slice(dictStart, m.index + streamAt);
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) continue;
    const image = width * height <= MAX_IMAGE_PIXELS ? decodeStream(bytes, text, dict, m.index + streamAt, width, height) : null;
    if (image) {
      out.images.push(image);
      decodedBytes += image.data.length;
    } else out.undecodable++;
  }
  return out;
}

/** The pixels the PDF's image XObjects declare, summed (their /Width × /Height; nothing decoded, the same bounded look
 * at each image's dictionary as embeddedImages): what rendering pages that paint them costs to decode. Counting stops
 * once the sum passes `stopAbove`, and a file naming more than MAX_IMAGES images counts as over any budget: the scan
 * runs in the main process on untrusted bytes (20 MB of "/Subtype/Image" took seconds unbounded). */
export function declaredImagePixels(data: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  let total = 0;
  let seen = 0;
  for (const m of text.matchAll(/\/Subtype\s*\/Image\b/g)) {
    if (++seen > MAX_IMAGES) return Number.POSITIVE_INFINITY;
    const windowStart = Math.max(m.index - 4000, 0);
    const objAt = text.slice(windowStart, m.index).lastIndexOf('obj');
    const streamAt = text.slice(m.index, m.index + 4000).indexOf('stream');
    if (streamAt < 0) continue;
    const dict = text.slice(objAt < 0 ? windowStart : windowStart + objAt, m.index + streamAt);
    total += Number(/\/Width\s+(\d+)/.exec(dict)?.[1] ?? 0) * Number(/\/Height\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (total > stopAbove) return total;
  }
  return total;
}

function decodeStream(bytes: Buffer, text: string, dict: string, streamAt: number, width: number, height: number): EmbeddedImage | null {
  const filters = [...(/\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1] ?? '').matchAll(/\/(\w+)/g)].map((f) => f[1]);
  if (filters.length !== 1 || /\/ImageMask\s+true/.test(dict)) return null;
  let start = streamAt + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  const end = text.indexOf('endstream', start);
  if (end < 0) return null;
  const stream = bytes.subarray(start, end);
  if (filters[0] === 'DCTDecode') return { kind: 'jpeg', width, height, data: stream };
  if (filters[0] !== 'FlateDecode' || (/\/BitsPerComponent\s+(\d+)/.exec(dict)?.[1] ?? '8') !== '8') return null;
  if (/\/ColorSpace\s*\[\s*\/(Indexed|Separation|DeviceN|Lab)/.test(dict)) return null;
  const predictor = Number(/\/Predictor\s+(\d+)/.exec(dict)?.[1] ?? 1);
  if (predictor > 1 && predictor < 10) return null; // TIFF predictor: rare, not handled
  let raw: Buffer;
  try {
    // bounded: no inflate bomb (≤ 25 MP, so ≤ 100 MB). The output buffer is that bound in one chunk: some writers'
    // streams declare a smaller window than they reference (an 8 KiB window, distances beyond it), which zlib reads
    // but Node's inflateSync with a maxOutputLength alone refuses ("invalid distance too far back") once the output
    // spans more than one 16 KiB chunk — two tune bills' logos were undecodable and their pages rendered
    const bound = width * height * 4 + height;
    raw = inflateSync(stream, { maxOutputLength: bound, chunkSize: Math.max(bound, 64) });
  } catch {
    return null;
  }
  const rowExtra = predictor >= 10 ? 1 : 0;
  const channels = (raw.length / height - rowExtra) / width;
  if (channels !== 1 && channels !== 3 && channels !== 4) return null;
  if (/\/DeviceCMYK/.test(dict) && channels === 4) return null;
  return { kind: 'raw', width, height, channels, data: predictor >= 10 ? unfilterPng(raw, width * channels, channels, height) : raw };
}

/** Undoes PNG row filters (None, Sub, Up, Average, Paeth), each row led by its filter type byte. */
function unfilterPng(raw: Buffer, rowBytes: number, bpp: number, height: number): Buffer {
  const out = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const a = x >= bpp ? out[dst + x - bpp] : 0;
      const b = y > 0 ? out[dst - rowBytes + x] : 0;
      const c = x >= bpp && y > 0 ? out[dst - rowBytes + x - bpp] : 0;
      let v = raw[src + x];
      if (type === 1) v += a;
      else if (type === 2) v += b;
      else if (type === 3) v += (a + b) >> 1;
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[dst + x] = v & 0xff;
    }
  }
  return out;
}
