// The images a PDF embeds, read straight from its bytes: far cheaper than rendering a page to look at its logo.
// Image XObjects are streams, and streams are never packed into compressed object streams, so each one's
// dictionary and data stand in the file as they are. Only the common forms are decoded here (JPEG; Flate-compressed
// 8-bit grey, RGB or RGBA, grey of 1, 2 or 4 bits, and palette images — /Indexed over RGB or grey, 1 to 8 bits, the
// palette written in the dictionary —, with or without PNG predictors; CCITT Group 4 fax images, handed on as a TIFF,
// ./fax-tiff.ts); anything else counts as undecodable and the caller renders the page instead (≈0.15–0.35 s of CPU a
// page, for what a palette lookup gives; ≈1–3 s for a till slip scanned into a PDF as one fax image).
import { inflateSync } from 'node:zlib';
import { faxAsTiff } from './fax-tiff.js';

/** Smallest side, in pixels, of an embedded image worth decoding (a 21-module QR code at 2 px per module). */
export const MIN_IMAGE_SIDE = 42;

export type EmbeddedImage =
  /** an encoded image (a JPEG as the file holds it, a fax image wrapped as a TIFF): decoded by the QR reader */
  | { kind: 'jpeg' | 'tiff'; width: number; height: number; data: Buffer }
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
/** Decoded bytes one packed image (1–4-bit samples, palette indices) may take: those are expanded pixel by pixel in
 * JavaScript, ≈7 ns a byte, so a few KB of 1-bit data can ask for 75 MB and half a second (a 5000×5000 palette
 * image over RGB). A 300 dpi A4 page in colour is 26 MB; anything larger is left to the page renderer, which runs in a
 * reader process under its own limits. */
const MAX_PACKED_IMAGE_BYTES = 32 * 1024 * 1024;
/** A fax image's longest side (a 600 dpi A3 page's is 9900 px) and how many times its shorter side it may be (a till
 * roll scanned whole is ≈ 8 times as long as wide). */
const MAX_FAX_SIDE = 16000;
const MAX_FAX_ASPECT = 20;

/** The file being read: its bytes, as text, and where each `N G obj` starts (built once, on the first reference). */
interface PdfFile {
  bytes: Buffer;
  text: string;
  objects?: Map<string, number>;
}

/** The offset just past each `N G obj` header of the file, in one pass (the last definition of a number wins, as an
 * incremental update's does). Objects packed in object streams are not found: their references resolve to nothing. */
function objectOffsets(file: PdfFile): Map<string, number> {
  if (file.objects) return file.objects;
  const objects = new Map<string, number>();
  for (const m of file.text.matchAll(/(?<!\d)(\d{1,10})\s+(\d{1,5})\s+obj\b\s*/g)) objects.set(`${Number(m[1])} ${Number(m[2])}`, m.index + m[0].length);
  file.objects = objects;
  return objects;
}

export function embeddedImages(data: Uint8Array): EmbeddedImages {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = bytes.toString('latin1');
  const file: PdfFile = { bytes, text };
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
    const image = width * height <= MAX_IMAGE_PIXELS ? decodeStream(file, dict, m.index + streamAt, width, height, MAX_DECODED_BYTES - decodedBytes) : null;
    if (image) {
      out.images.push(image);
      // (a fax image's TIFF is its compressed code: what it costs is its pixels, one byte each decoded)
      decodedBytes += image.kind === 'tiff' ? width * height : image.data.length;
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

/** The filter names of a stream's dictionary (`/Filter /FlateDecode`, `/Filter [/A /B]`), in order. */
function filterNames(dict: string): string[] {
  return [...(/\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1] ?? '').matchAll(/\/(\w+)/g)].map((f) => f[1]!);
}

/** Where the data of the stream whose keyword `stream` stands at `streamAt` begins: after the keyword's line end. */
function streamDataStart(text: string, streamAt: number): number {
  let start = streamAt + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  return start;
}

/** `budget`: the decoded bytes still allowed (MAX_DECODED_BYTES less what earlier images took). */
function decodeStream(file: PdfFile, imageDict: string, streamAt: number, width: number, height: number, budget: number): EmbeddedImage | null {
  const { bytes, text } = file;
  // a colour space given by reference is read where it stands, as if written in the dictionary: an /Indexed one
  // decoded as its data's channel count would read its indices as grey
  const spaceRef = /\/ColorSpace\s+(\d+)\s+(\d+)\s+R\b/.exec(imageDict);
  const space = spaceRef ? resolvedColourSpace(file, spaceRef[1]!, spaceRef[2]!) : null;
  const family = space ? /^(?:\[\s*)?\/\w+/.exec(space)?.[0] : undefined;
  // the dictionary's checks see the space's family ("[/Indexed ]", "/DeviceGray"), the palette its whole text
  const dict = family ? imageDict.replace(spaceRef![0], `/ColorSpace ${family}${family.startsWith('[') ? ' ]' : ''}`) : imageDict;
  const filters = filterNames(dict);
  if (filters.length !== 1 || /\/ImageMask\s+true/.test(dict)) return null;
  const start = streamDataStart(text, streamAt);
  const end = text.indexOf('endstream', start);
  if (end < 0) return null;
  const stream = bytes.subarray(start, end);
  if (filters[0] === 'DCTDecode') return { kind: 'jpeg', width, height, data: stream };
  if (filters[0] === 'CCITTFaxDecode') {
    // a few hundred bytes of fax code can declare any shape: one far from a page's (595000×42) makes the resize
    // before the QR search peak at hundreds of MB in the main process, and is left to the renderer
    if (Math.max(width, height) > MAX_FAX_SIDE || Math.max(width, height) > MAX_FAX_ASPECT * Math.min(width, height)) return null;
    const tiff = faxAsTiff(stream, dict, width, height);
    return tiff ? { kind: 'tiff', width, height, data: tiff } : null;
  }
  if (filters[0] !== 'FlateDecode') return null;
  const bits = Number(/\/BitsPerComponent\s+(\d+)/.exec(dict)?.[1] ?? 8);
  const predictor = Number(/\/Predictor\s+(\d+)/.exec(dict)?.[1] ?? 1);
  if (predictor > 1 && predictor < 10) return null; // TIFF predictor: rare, not handled
  const indexed = /\/ColorSpace\s*\[\s*\/Indexed\b/.test(dict);
  const palette = indexed ? indexedPalette(family ? `/ColorSpace ${space}` : dict, file) : null;
  if (indexed && !palette) return null;
  if (palette || bits !== 8) return decodePacked(stream, dict, width, height, bits, predictor, palette, budget);
  // a colour space whose reference does not resolve (an object stream's object) may be /Indexed: one sample a pixel
  // is then an index, not grey — left to the renderer (three or four samples a pixel are no palette's)
  const unresolved = spaceRef !== null && !family;
  if (/\/ColorSpace\s*\[\s*\/(Indexed|Separation|DeviceN|Lab)/.test(dict)) return null;
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
  if (unresolved && channels === 1) return null;
  if (/\/DeviceCMYK/.test(dict) && channels === 4) return null;
  return { kind: 'raw', width, height, channels, data: predictor >= 10 ? unfilterPng(raw, width * channels, channels, height) : raw };
}

/** A palette image's colours, from its `/ColorSpace [/Indexed /DeviceRGB|/DeviceGray hival palette]`, the palette a
 * string (hex or literal) or an object of its own (a string, or a stream: plain or Flate). Null for any other form. */
function indexedPalette(dict: string, file: PdfFile): { channels: 1 | 3; colours: Buffer } | null {
  const m = /\/ColorSpace\s*\[\s*\/Indexed\s*\/Device(RGB|Gray)\s+(\d+)\s*/.exec(dict);
  if (!m) return null;
  const channels = m[1] === 'RGB' ? 3 : 1;
  const entries = Number(m[2]) + 1;
  if (entries > 256) return null;
  const at = m.index + m[0].length;
  const ref = /^(\d+)\s+(\d+)\s+R\b/.exec(dict.slice(at, at + 24));
  const colours = ref ? paletteObject(file, ref[1]!, ref[2]!, entries * channels) : dict[at] === '<' ? hexString(dict, at + 1) : dict[at] === '(' ? literalString(dict, at + 1) : null;
  // a palette shorter than its entries declares a broken file: the renderer would be the judge of it
  if (!colours || colours.length < entries * channels) return null;
  return { channels, colours: colours.subarray(0, entries * channels) };
}

/** The text object `num gen` starts with when it is a colour space — an array ("[/Indexed …", the next 4 KB: a
 * 256-colour palette written as a string fits) or a name ("/DeviceRGB") —; null when not found or anything else. */
function resolvedColourSpace(file: PdfFile, num: string, gen: string): string | null {
  const at = objectOffsets(file).get(`${Number(num)} ${Number(gen)}`);
  if (at === undefined) return null;
  const head = file.text.slice(at, at + 4096);
  return head[0] === '[' || head[0] === '/' ? head : null;
}

/** The bytes of object `num gen`: a string, or a stream's data (plain or Flate, at most `size` bytes read). */
function paletteObject(file: PdfFile, num: string, gen: string, size: number): Buffer | null {
  const { bytes, text } = file;
  const at = objectOffsets(file).get(`${Number(num)} ${Number(gen)}`);
  if (at === undefined) return null;
  if (text[at] === '<' && text[at + 1] !== '<') return hexString(text, at + 1);
  if (text[at] === '(') return literalString(text, at + 1);
  const streamAt = text.slice(at, at + 1000).indexOf('stream');
  if (text[at] !== '<' || streamAt < 0) return null;
  const dict = text.slice(at, at + streamAt);
  const start = streamDataStart(text, at + streamAt);
  const end = text.indexOf('endstream', start);
  if (end < 0) return null;
  const filters = filterNames(dict);
  // a predictor's rows are no palette as they stand: left to the renderer
  if (/\/DecodeParms\b/.test(dict)) return null;
  // the data ends at a direct /Length; else before the line break that precedes "endstream" (no palette byte)
  const length = /\/Length\s+(\d+)(?!\d|\s+\d+\s+R\b)/.exec(dict);
  let stop = end;
  if (length && start + Number(length[1]) <= end) stop = start + Number(length[1]);
  else {
    if (text[stop - 1] === '\n') stop--;
    if (text[stop - 1] === '\r') stop--;
  }
  const data = bytes.subarray(start, stop);
  if (filters.length === 0) return data;
  if (filters.length !== 1 || filters[0] !== 'FlateDecode') return null;
  try {
    return inflateSync(data, { maxOutputLength: Math.max(size, 64), chunkSize: Math.max(size, 64) });
  } catch {
    return null; // corrupt, or longer than a palette
  }
}

function hexString(text: string, from: number): Buffer | null {
  const end = text.indexOf('>', from);
  if (end < 0) return null;
  const hex = text.slice(from, end).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

/** A PDF literal string's bytes (balanced parentheses, backslash escapes), from just after its "(". */
function literalString(text: string, from: number): Buffer | null {
  const out: number[] = [];
  let depth = 1;
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[++i];
      if (next === undefined) return null;
      if (next in escapes) out.push(escapes[next]!);
      else if (/[0-7]/.test(next)) {
        let octal = next;
        while (octal.length < 3 && /[0-7]/.test(text[i + 1] ?? '')) octal += text[++i];
        out.push(parseInt(octal, 8) & 0xff);
      } else if (next === '\r') {
        if (text[i + 1] === '\n') i++; // a line continued: no byte
      } else if (next !== '\n') out.push(next.charCodeAt(0));
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return Buffer.from(out);
    out.push(c.charCodeAt(0) & 0xff);
  }
  return null;
}

/** A Flate image of one sample per pixel packed at 1, 2, 4 or 8 bits (a palette's indices, or grey below 8 bits), as
 * 8-bit grey or RGB. A /Decode array (inverted samples) is left to the renderer. */
function decodePacked(stream: Buffer, dict: string, width: number, height: number, bits: number, predictor: number, palette: ReturnType<typeof indexedPalette>, budget: number): EmbeddedImage | null {
  if (![1, 2, 4, 8].includes(bits)) return null;
  // what it would decode to is known before a byte is inflated: past the file's remaining budget, the renderer reads it
  if (width * height * (palette?.channels ?? 1) > Math.min(budget, MAX_PACKED_IMAGE_BYTES)) return null;
  // a /Decode array other than the identity (inverted samples, a palette's indices remapped) is left to the renderer
  const decode = /\/Decode\s*\[([^\]]*)\]/.exec(dict)?.[1]?.trim().split(/\s+/).map(Number);
  if (decode && (decode.length !== 2 || decode[0] !== 0 || decode[1] !== (palette ? (1 << bits) - 1 : 1))) return null;
  if (!palette && !/\/ColorSpace\s*\/(DeviceGray|CalGray)\b/.test(dict)) return null;
  const rowBytes = Math.ceil((width * bits) / 8);
  const rowExtra = predictor >= 10 ? 1 : 0;
  let raw: Buffer;
  try {
    const bound = (rowBytes + rowExtra) * height;
    raw = inflateSync(stream, { maxOutputLength: bound, chunkSize: Math.max(bound, 64) });
  } catch {
    return null;
  }
  if (raw.length < (rowBytes + rowExtra) * height) return null;
  const rows = predictor >= 10 ? unfilterPng(raw, rowBytes, 1, height) : raw;
  const channels = palette?.channels ?? 1;
  const out = Buffer.alloc(width * height * channels);
  const max = (1 << bits) - 1;
  const entries = palette ? palette.colours.length / channels : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * bits;
      const sample = (rows[y * rowBytes + (bit >> 3)]! >> (8 - bits - (bit & 7))) & max;
      const o = (y * width + x) * channels;
      if (!palette) out[o] = Math.round((sample * 255) / max);
      else {
        const entry = Math.min(sample, entries - 1) * channels; // an index past the palette takes its last colour
        for (let c = 0; c < channels; c++) out[o + c] = palette.colours[entry + c]!;
      }
    }
  }
  return { kind: 'raw', width, height, channels, data: out };
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
