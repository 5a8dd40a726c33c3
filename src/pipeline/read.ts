import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { EmbeddedXml, FileKind, PageText, ReadDocument } from './document.js';
import { detectFileKind, IMAGE_KINDS } from './detect-type.js';
import { DocumentError } from './errors.js';
import { bandReader, type OcrdImage } from './band-reader.js';
import { prepareForOcr, probeImage, rotateImage, toDecodable, type Layout } from './image.js';
import { OCR_MAX_PIXELS, type Limits } from './limits.js';
import type { LanguageChooser } from './ocr/auto-language.js';
import type { OcrOutput, OcrPool } from './ocr/pool.js';
import { MIN_TEXT_LAYER_CHARS, openPdf, type OpenPdf } from './pdf.js';
import { withTimeout } from './timeout.js';

// The document engine: bytes in, text with positions out. Text-layer PDF pages are read directly; scanned pages and
// images go through OCR. XML e-invoices are found (file, p7m envelope, PDF attachment) but parsed elsewhere.

export interface ReadOptions {
  pool: OcrPool;
  /** Reads each scanned page with the model of its language (`--lang auto`); without it the pool's models. */
  languages?: LanguageChooser;
  limits: Limits;
  preprocess?: boolean; // sharp grayscale/normalize/resize before OCR (default true)
  autoRotate?: boolean; // OSD when a page reads badly (default true)
  renderDpi?: number; // scanned PDF pages (default 300)
  embedded?: boolean; // look for XML inside PDFs (default true)
  findPdfXml?: (pdf: Uint8Array) => Promise<EmbeddedXml[]>;
  unwrapP7m?: (data: Buffer) => Buffer;
}

/** OCR confidence under which a page is checked for a wrong orientation (upside-down or sideways scans). */
const ROTATION_CHECK_BELOW = 0.6;

export async function readDocument(data: Buffer, name: string, opts: ReadOptions): Promise<ReadDocument> {
  const started = performance.now();
  if (data.length === 0) throw new DocumentError('EMPTY_FILE', 'file is empty');
  if (data.length > opts.limits.maxBytes)
    throw new DocumentError('TOO_LARGE', `file is ${formatMb(data.length)}, above the limit of ${formatMb(opts.limits.maxBytes)}`);
  const kind = detectFileKind(data);
  if (!kind) throw new DocumentError('UNSUPPORTED_TYPE', 'not a PDF, image (JPEG, PNG, WEBP, TIFF, BMP), XML or P7M file');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const timings: Record<string, number> = {};
  const base = { kind, sha256, bytes: data.length, timings };

  let result: Omit<ReadDocument, keyof typeof base | 'text'>;
  if (kind === 'pdf') result = await readPdf(data, opts, timings);
  else if (IMAGE_KINDS.has(kind)) result = await readImage(data, kind, opts, timings);
  else result = readXmlish(data, kind, name, opts);

  timings.read = Math.round(performance.now() - started);
  return { ...base, ...result, text: result.pages.map((p) => p.text).join('\f') };
}

function readXmlish(data: Buffer, kind: FileKind, name: string, opts: ReadOptions) {
  let xmlBytes = data;
  if (kind === 'p7m') {
    if (!opts.unwrapP7m) throw new DocumentError('UNSUPPORTED_TYPE', 'signed (p7m) files are not supported here');
    xmlBytes = opts.unwrapP7m(data);
  }
  const xml = decodeXml(xmlBytes);
  const text = xmlToPlainText(xml);
  const page: PageText = { page: 1, source: 'pdf-text', width: 0, height: 0, rotation: 0, confidence: 1, text, lines: [] };
  return { pages: [page], pageCount: 1, xml: [{ name, xml, origin: kind === 'p7m' ? 'p7m' : 'file' } as EmbeddedXml] };
}

async function readPdf(data: Buffer, opts: ReadOptions, timings: Record<string, number>) {
  const t0 = performance.now();
  const pdf: OpenPdf = await withTimeout(openPdf(data), 30_000, 'opening the PDF');
  try {
    if (pdf.pageCount > opts.limits.maxPages)
      throw new DocumentError('TOO_MANY_PAGES', `PDF has ${pdf.pageCount} pages, above the limit of ${opts.limits.maxPages}`);
    const xml = opts.embedded !== false && opts.findPdfXml ? await opts.findPdfXml(data).catch(() => []) : [];
    const pages: PageText[] = [];
    const toOcr: number[] = [];
    for (let n = 1; n <= pdf.pageCount; n++) {
      const page = await withTimeout(pdf.textLayer(n), 30_000, `reading page ${n}`);
      pages.push(page);
      if (page.text.replace(/\s/g, '').length < MIN_TEXT_LAYER_CHARS) toOcr.push(n);
    }
    timings.text_layer = Math.round(performance.now() - t0);
    if (toOcr.length) {
      const t1 = performance.now();
      // Render one page at a time (memory), OCR them concurrently through the pool.
      const jobs: Promise<void>[] = [];
      for (const n of toOcr) {
        const rendered = await pdf.render(n, opts.renderDpi ?? 300, Math.min(opts.limits.maxPixels, OCR_MAX_PIXELS));
        const textPage = pages[n - 1];
        jobs.push(
          ocrPage(rendered.png, 'page', opts).then((out) => {
            if (out.output.text.replace(/\s/g, '').length <= textPage.text.replace(/\s/g, '').length) return; // blank scan
            pages[n - 1] = toPageText(n, out, rendered.width / rendered.scale, rendered.height / rendered.scale, 1 / rendered.scale);
          }),
        );
      }
      await Promise.all(jobs);
      timings.ocr = Math.round(performance.now() - t1);
    }
    return { pages, pageCount: pdf.pageCount, xml };
  } finally {
    await pdf.close().catch(() => undefined);
  }
}

async function readImage(data: Buffer, kind: FileKind, opts: ReadOptions, timings: Record<string, number>) {
  const decodable = await toDecodable(data, kind);
  const info = await probeImage(decodable, opts.limits);
  const t0 = performance.now();
  const images = new Map<number, OcrdImage>();
  const pages = await Promise.all(
    Array.from({ length: info.pages }, async (_, index) => {
      const prepared = await prepareForOcr(decodable, index, opts.limits, { preprocess: opts.preprocess !== false });
      const out = await ocrPage(prepared.png, prepared.layout, opts);
      const turned = out.rotation % 180 !== 0;
      images.set(index + 1, {
        png: out.image,
        width: turned ? prepared.height : prepared.width,
        height: turned ? prepared.width : prepared.height,
        scale: prepared.scale,
        models: out.models,
      });
      return toPageText(index + 1, out, prepared.width / prepared.scale, prepared.height / prepared.scale, 1 / prepared.scale);
    }),
  );
  timings.ocr = Math.round(performance.now() - t0);
  return { pages, pageCount: info.pages, xml: [] as EmbeddedXml[], rereadBand: bandReader(images, opts.pool, opts.limits) };
}

interface PageReading {
  output: OcrOutput;
  rotation: number;
  image: Buffer; // the page as read: turned upright
  models: string[];
}

async function ocrPage(png: Buffer, layout: Layout, opts: ReadOptions): Promise<PageReading> {
  const psm = layout === 'strip' ? '6' : '3';
  const models = opts.languages ? [opts.languages.firstModel()] : opts.pool.defaultModels;
  const recognize = (image: Buffer, withModels = models) =>
    withTimeout(opts.pool.recognize(image, psm, withModels), opts.limits.ocrTimeoutMs, 'OCR of a page');
  const upright = await readUpright(png, (image) => recognize(image), opts);
  if (!opts.languages) return { ...upright, models };
  const chosen = await opts.languages.settle({ output: upright.output, model: models[0] }, (model) => recognize(upright.image, [model]));
  return { ...upright, output: chosen.output, models: [chosen.model] };
}

/** The page's reading, turned upright when it reads badly and a turn reads better. */
async function readUpright(png: Buffer, recognize: (image: Buffer) => Promise<OcrOutput>, opts: ReadOptions) {
  const first = await recognize(png);
  if (opts.autoRotate === false || (first.confidence >= ROTATION_CHECK_BELOW && first.lines.length >= 3)) return { output: first, rotation: 0, image: png };
  // A page that reads badly may be upside down or sideways. Tesseract's OSD is unreliable on small receipt print
  // (measured: it called an upright receipt 180°), so it only proposes; each candidate turn is OCRed and the
  // reading with the best confidence-weighted length wins.
  const candidates = new Set<number>();
  const osd = await opts.pool.detectOrientation(png);
  if (osd && osd.degrees !== 0 && osd.confidence >= 1.5) candidates.add((360 - osd.degrees) % 360);
  candidates.add(180);
  const { width = 0, height = 0 } = await sharp(png).metadata();
  if (width > height * 1.2) [90, 270].forEach((d) => candidates.add(d)); // a portrait page scanned sideways
  let best = { output: first, rotation: 0, image: png };
  for (const rotation of candidates) {
    const image = await rotateImage(png, rotation);
    const output = await recognize(image);
    if (score(output) > score(best.output) * 1.1) best = { output, rotation, image };
  }
  return best;
}

const score = (o: OcrOutput) => o.confidence * Math.log1p(o.text.replace(/\s/g, '').length);

function toPageText(page: number, ocr: { output: OcrOutput; rotation: number }, width: number, height: number, toOriginal: number): PageText {
  const lines = ocr.output.lines.map((line) => ({
    ...line,
    bbox: { x0: line.bbox.x0 * toOriginal, y0: line.bbox.y0 * toOriginal, x1: line.bbox.x1 * toOriginal, y1: line.bbox.y1 * toOriginal },
  }));
  return { page, source: 'ocr', width, height, rotation: ocr.rotation, confidence: ocr.output.confidence, text: ocr.output.text, lines };
}

function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /encoding=["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  const text = declared && /^(iso-8859-1|latin-?1|windows-1252|cp1252)$/.test(declared) ? bytes.toString('latin1') : bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The visible values of an XML document, one per line: enough for a person or an LLM to read. */
export function xmlToPlainText(xml: string): string {
  return xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && line.length < 2000)
    .join('\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

const formatMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
