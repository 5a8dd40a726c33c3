import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { EmbeddedXml, FileKind, PageText, ReadDocument } from './document.js';
import { detectFileKind, IMAGE_KINDS } from './detect-type.js';
import { DocumentError } from './errors.js';
import { bandReader, type OcrdImage } from './band-reader.js';
import { imageBandReader } from './image-band.js';
import { decodeXmlBytes } from './einvoice/encoding.js';
import { MAX_ATTACHMENTS } from './einvoice/pdf-attachments.js';
import { isBlankImage, type OcrPrep, prepareForOcr, probeImage, rotateImage, toDecodable, type Layout } from './image.js';
import { checkFileSize, OCR_MAX_PIXELS, PDF_STEP_TIMEOUT_MS, type Limits } from './limits.js';
import { FIRST_MODEL, type LanguageChooser } from './ocr/auto-language.js';
import { languageLookBand } from './ocr/language-look.js';
import type { OcrEngineName } from './ocr/cache.js';
import { engineForModel } from './ocr/engines.js';
import type { EngineLookMode } from './extract/engine-look.js';
import { documentOcr, type DocumentOcr } from './ocr/document-ocr.js';
import type { OcrOutput } from './ocr/pool.js';
import { MIN_TEXT_LAYER_CHARS } from './pdf.js';
import { sharedPdfReaders, type PdfReaders } from './pdf-readers.js';
import { QrSearch, searchTextPages } from './qr/find.js';
import { watchedByMany, withTimeout } from './timeout.js';

// The document engine: bytes in, text with positions out. Text-layer PDF pages are read directly; scanned pages and
// images go through OCR. XML e-invoices are found (file, p7m envelope, PDF attachment) but parsed elsewhere.

export interface ReadOptions {
  /** The OCR pool (or a document's view of it); a document reads each image once (./ocr/document-ocr.ts). */
  pool: DocumentOcr;
  /** Reads each scanned page with the model of its language (`--lang auto`); without it the pool's models. */
  languages?: LanguageChooser;
  limits: Limits;
  preprocess?: boolean; // sharp grayscale/normalize/resize before OCR (default true)
  /** How images are prepared for OCR (default SHIPPED_PREP; benchmarks compare others). */
  prep?: OcrPrep;
  autoRotate?: boolean; // OSD when a page reads badly (default true)
  renderDpi?: number; // scanned PDF pages (default 300)
  embedded?: boolean; // look for XML inside PDFs (default true)
  qr?: boolean; // look for payment QR codes (default true)
  unwrapP7m?: (data: Buffer) => Buffer;
  /** Where PDFs are parsed (default: a shared pair of reader processes). */
  pdfReaders?: PdfReaders;
  /** The document's deadline (timeout.ts documentDeadline): when it aborts, PDF parsing and queued OCR stop. */
  signal?: AbortSignal;
  /** offer extraction the text of a text-layer page's images (./image-band.ts); default true (IMAGE_LOOK) */
  imageLook?: boolean;
  /** `auto`: offer extraction the other engine's reading of a page (ReadDocument.readOtherEngine) unless `off`
   * (ENGINE_LOOK; `when-needed` is extraction's to decide: ./extract/engine-look.ts) */
  engineLook?: EngineLookMode;
}

/** OCR confidence under which a page is checked for a wrong orientation (upside-down or sideways scans), per engine:
 * the engines' confidences are on their own scales. Tesseract reads an upside-down page as junk at a low confidence.
 * Paddle drops the segments it cannot read, so what is left of an upside-down receipt still averages ≈ 0.72, while
 * 99 % of upright pages in the OCR cache of the corpus read at ≥ 0.876 (median 0.967): 0.85 sends about 1 % of
 * upright pages to the orientation check. */
const ROTATION_CHECK_BELOW: Record<OcrEngineName, number> = { tesseract: 0.6, paddle: 0.85 };
/** A page that is not blank but yields fewer letters and digits than this is read across its lines: a receipt lying
 * sideways in a portrait photo (a phone's orientation tag says upright) reads as a few confident specks ("N", "6 8"). */
const SPARSE_READING_CHARS = 40;

export async function readDocument(data: Buffer, name: string, options: ReadOptions): Promise<ReadDocument> {
  const started = performance.now();
  // the document's OCR calls, the ones extraction makes later through its readers included, each made once
  // (a caller that reads only text layers may hand no pool)
  const opts = options.pool ? { ...options, pool: documentOcr(options.pool) } : options;
  if (data.length === 0) throw new DocumentError('EMPTY_FILE', 'file is empty');
  checkFileSize(data.length, opts.limits.maxBytes);
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
  const xml = decodeXmlBytes(xmlBytes);
  const text = xmlToPlainText(xml);
  const page: PageText = { page: 1, source: 'pdf-text', width: 0, height: 0, rotation: 0, confidence: 1, text, lines: [] };
  return { pages: [page], pageCount: 1, xml: [{ name, xml, origin: kind === 'p7m' ? 'p7m' : 'file' } as EmbeddedXml] };
}

async function readPdf(data: Buffer, opts: ReadOptions, timings: Record<string, number>) {
  const t0 = performance.now();
  const readers = opts.pdfReaders ?? sharedPdfReaders();
  const pdf = await readers.open(data, {
    maxImagePixels: opts.limits.maxPixels, maxPages: opts.limits.maxPages, attachments: opts.embedded !== false,
    stepMs: PDF_STEP_TIMEOUT_MS, signal: opts.signal,
  });
  const pageWork = new AbortController(); // the first page that fails stops the others' queued OCR
  const signal = watchedByMany(opts.signal ? AbortSignal.any([opts.signal, pageWork.signal]) : pageWork.signal);
  try {
    if (pdf.pageCount > opts.limits.maxPages)
      throw new DocumentError('TOO_MANY_PAGES', `PDF has ${pdf.pageCount} pages, above the limit of ${opts.limits.maxPages}`);
    const notes: string[] = [];
    const xml = pdf.attachments.xml;
    if (pdf.attachments.truncated) notes.push(`the PDF has more than ${MAX_ATTACHMENTS} attachments: only the first ${MAX_ATTACHMENTS} were searched for an e-invoice`);
    const pages: PageText[] = pdf.pages;
    const toOcr = pages.filter((page) => page.text.replace(/\s/g, '').length < MIN_TEXT_LAYER_CHARS).map((page) => page.page);
    timings.text_layer = Math.round(performance.now() - t0);
    // --- QR hook: text-layer pages with a reason to hold a code are rendered and searched (qr/find.ts) ---
    const qr = opts.qr === false ? null : new QrSearch();
    if (qr) await searchTextPages(qr, data, pages, toOcr, async (n, dpi, imagesOnly) => {
      const rendered = await pdf.render(n, dpi, Math.min(opts.limits.maxPixels, OCR_MAX_PIXELS), { imagesOnly });
      return rendered.blank ? null : rendered.png; // a page that draws nothing (or no image, when an image is sought) holds no code
    });
    if (toOcr.length) {
      const t1 = performance.now();
      // Render one page at a time (memory), OCR them concurrently through the pool.
      const jobs: Promise<void>[] = [];
      for (const n of toOcr) {
        signal.throwIfAborted();
        const rendered = await pdf.render(n, opts.renderDpi ?? 300, Math.min(opts.limits.maxPixels, OCR_MAX_PIXELS));
        if (rendered.blank) continue; // draws nothing: nothing to read
        const textPage = pages[n - 1];
        if (qr) jobs.push(qr.scan(rendered.png, n)); // --- QR hook: scanned pages ---
        const job = ocrPage(rendered.png, 'page', { ...opts, signal }).then((out) => {
          if (out.output.text.replace(/\s/g, '').length <= textPage.text.replace(/\s/g, '').length) return; // blank scan
          pages[n - 1] = toPageText(n, out, ...turnedFrame(rendered.width / rendered.scale, rendered.height / rendered.scale, out.rotation), 1 / rendered.scale);
        });
        job.catch(() => pageWork.abort()); // handled now: a page failing while others render must not go unhandled
        jobs.push(job);
        // `auto`: the first scanned page tells the document's language, so the others are read in it at once
        // instead of each being read in English first and again in this one's
        if (opts.languages && n === toOcr[0] && toOcr.length > 1) await job;
      }
      await Promise.all(jobs);
      timings.ocr = Math.round(performance.now() - t1);
    }
    if (qr) Object.assign(timings, qr.timings());
    const readImageBand = pages[0]?.source === 'pdf-text' && opts.imageLook !== false
      ? imageBandReader(data, pages, { pool: opts.pool, readers, limits: opts.limits, signal: opts.signal })
      : undefined;
    return { pages, pageCount: pdf.pageCount, xml, notes, qrCodes: qr?.codes, ...(readImageBand ? { readImageBand } : {}) };
  } catch (err) {
    pageWork.abort();
    throw err;
  } finally {
    pdf.close();
  }
}

async function readImage(data: Buffer, kind: FileKind, opts: ReadOptions, timings: Record<string, number>) {
  const decodable = await toDecodable(data, kind, opts.limits);
  const info = await probeImage(decodable, opts.limits); // every page's size, before any is decoded
  const t0 = performance.now();
  const qr = opts.qr === false ? null : new QrSearch(); // --- QR hook: every image page ---
  const images = new Map<number, OcrdImage>();
  const pageWork = new AbortController(); // the first page that fails stops the others
  const signal = watchedByMany(opts.signal ? AbortSignal.any([opts.signal, pageWork.signal]) : pageWork.signal);
  const readPage = async (index: number) => {
    const prep = { preprocess: opts.preprocess !== false, prep: opts.prep };
    let prepared = await prepareForOcr(decodable, index, opts.limits, prep);
    signal.throwIfAborted();
    let [out] = await Promise.all([ocrPage(prepared.png, prepared.layout, { ...opts, signal }), qr?.scan(prepared.png, index + 1)]);
    // The paper (./paper.ts) is sought as a till slip stands, taller than wide. A page that reads only turned a quarter
    // was a slip lying sideways: it is wide in the frame the paper was sought in, so a tall paper found there was a lit
    // part of it, cut across its lines (a phone photo of a slip on a table, its orientation tag upright). Such a page is
    // turned first and read whole.
    let turnedFirst = 0;
    if (out.rotation % 180 !== 0 && prepared.paper) {
      turnedFirst = out.rotation;
      prepared = await prepareForOcr(decodable, index, opts.limits, { ...prep, turn: turnedFirst });
      signal.throwIfAborted();
      out = await ocrPage(prepared.png, prepared.layout, { ...opts, signal, autoRotate: false });
    }
    const turned = out.rotation % 180 !== 0;
    const rotation = (turnedFirst + out.rotation) % 360;
    // a page cropped to its paper keeps the original's frame (boxes shifted back), unless OCR turned it: a turned
    // reading's boxes stand in the turned crop's frame
    const offset = out.rotation === 0 ? { x: prepared.left, y: prepared.top } : { x: 0, y: 0 };
    images.set(index + 1, {
      png: out.image,
      width: turned ? prepared.height : prepared.width,
      height: turned ? prepared.width : prepared.height,
      scale: prepared.scale,
      left: offset.x,
      top: offset.y,
      models: out.models,
      engine: out.engine,
    });
    // a turned reading's boxes stand in the turned crop's frame: a quarter turn swaps its sides
    const [pageWidth, pageHeight] =
      out.rotation === 0 ? [prepared.originalWidth, prepared.originalHeight] : turnedFrame(prepared.width / prepared.scale, prepared.height / prepared.scale, out.rotation);
    // `auto`: the other engine's reading of the same upright image, on demand (the one set aside when the language
    // choice read the page twice costs nothing)
    if (opts.pool.engine === 'auto' && opts.engineLook !== 'off') {
      const other: OcrEngineName = out.engine === 'paddle' ? 'tesseract' : 'paddle';
      // each call has its own signal, aborted when it times out or its caller is done with it (a queued job leaves the
      // pool's queue; Paddle stops between lines), not only at the document's deadline
      const setAside = out.setAside?.engine === other ? out.setAside.output : null;
      if (setAside) freeReadings.add(index + 1);
      const reading = (done?: AbortSignal) => {
        if (setAside) return Promise.resolve(setAside);
        const call = new AbortController();
        const callSignal = AbortSignal.any(done ? [signal, call.signal, done] : [signal, call.signal]);
        return withTimeout(opts.pool.recognize(out.image, out.psm, { models: out.models, signal: callSignal, engine: other }), opts.limits.ocrTimeoutMs, 'OCR of a page')
          .catch((err: unknown) => {
            call.abort(err);
            throw err;
          });
      };
      otherReadings.set(index + 1, async (done?: AbortSignal) =>
        toPageText(index + 1, { output: await reading(done), rotation, engine: other }, pageWidth, pageHeight, 1 / prepared.scale, offset));
    }
    return toPageText(index + 1, { ...out, rotation }, pageWidth, pageHeight, 1 / prepared.scale, offset);
  };
  const otherReadings = new Map<number, (done?: AbortSignal) => Promise<PageText>>();
  const freeReadings = new Set<number>();
  const read = (index: number) =>
    readPage(index).catch((err: unknown) => {
      pageWork.abort();
      throw err;
    });
  // `auto`: a multi-page image's first page tells its language; the other pages are then read in it directly
  const first = opts.languages && info.pages > 1 ? [await read(0)] : [];
  const pages = [...first, ...(await Promise.all(Array.from({ length: info.pages - first.length }, (_, k) => read(k + first.length))))];
  timings.ocr = Math.round(performance.now() - t0);
  if (qr) Object.assign(timings, qr.timings());
  return {
    pages, pageCount: info.pages, xml: [] as EmbeddedXml[], rereadBand: bandReader(images, opts.pool, opts.limits, opts.signal), qrCodes: qr?.codes,
    ...(otherReadings.size ? { readOtherEngine: async (page: number, done?: AbortSignal) => (await otherReadings.get(page)?.(done)) ?? null } : {}),
    ...(otherReadings.size && freeReadings.size === otherReadings.size ? { otherReadingFree: true } : {}),
  };
}

interface PageReading {
  output: OcrOutput;
  rotation: number;
  image: Buffer; // the page as read: turned upright
  models: string[];
  engine: OcrEngineName;
  /** the page segmentation the page was read with */
  psm: '3' | '6';
  /** `auto`: the first engine's reading, set aside when the page's language had it read again by the other */
  setAside?: { output: OcrOutput; engine: OcrEngineName };
}

async function ocrPage(png: Buffer, layout: Layout, opts: ReadOptions): Promise<PageReading> {
  // OCR_ENGINE auto: the page's language decides the engine (./ocr/engines.ts), English (or a list with English
  // first) by Paddle, other languages by Tesseract with their model
  const engineOf = (withModels: string[]) => engineForModel(opts.pool.engine, withModels[0] ?? 'eng');
  const psm = layout === 'strip' ? '6' : '3';
  const blank = await isBlankImage(png);
  // `auto`: the first reading in the language a cheap look at the page tells (./ocr/language-look.ts); Paddle alone
  // reads every language alike, so it needs no look; nor does a till strip (a receipt): in another language than
  // English both engines read its page anyway (./extract/engine-look.ts readByTesseract), in English the look only adds;
  // nor a blank page
  const look = blank || opts.pool.engine === 'paddle' || layout === 'strip' ? undefined : () => lookText(png, psm, opts);
  const models = opts.languages ? [await opts.languages.firstModel(look)] : opts.pool.defaultModels;
  const engine = engineOf(models);
  if (blank) return { output: { text: '', confidence: 0, lines: [] }, rotation: 0, image: png, models, engine, psm }; // nothing to read, in any turn
  const recognize = (image: Buffer, withModels = models) =>
    withTimeout(
      opts.pool.recognize(image, psm, { models: withModels, signal: opts.signal, engine: engineOf(withModels) }), opts.limits.ocrTimeoutMs, 'OCR of a page',
    );
  const upright = await readUpright(png, (image) => recognize(image), engine, opts);
  if (!opts.languages) return { ...upright, models, engine, psm };
  // Paddle alone: one alphabet for every language, a second reading would be the same
  if (opts.pool.engine === 'paddle') return { ...upright, models, engine, psm };
  const chosen = await opts.languages.settle({ output: upright.output, model: models[0] }, (model) => recognize(upright.image, [model]));
  const chosenEngine = engineOf([chosen.model]);
  const setAside = chosenEngine !== engine ? { output: upright.output, engine } : undefined;
  return { ...upright, output: chosen.output, models: [chosen.model], engine: chosenEngine, psm, ...(setAside ? { setAside } : {}) };
}

/** The text of the language look at a page (./ocr/language-look.ts), by Tesseract in English; null for a page too small. */
async function lookText(png: Buffer, psm: '3' | '6', opts: ReadOptions): Promise<string | null> {
  // the look only saves a second reading: one that fails (an engine error, its timeout) tells nothing, and the page is
  // read as without it; a document that is being stopped stops here too
  try {
    const band = await languageLookBand(png);
    if (!band) return null;
    const out = await withTimeout(
      opts.pool.recognize(band, psm, { models: [FIRST_MODEL], signal: opts.signal, engine: 'tesseract' }), opts.limits.ocrTimeoutMs, 'OCR of a page band',
    );
    return out.text;
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    return null;
  }
}

/** The page's reading, turned upright when it reads badly and a turn reads better. */
async function readUpright(png: Buffer, recognize: (image: Buffer) => Promise<OcrOutput>, engine: OcrEngineName, opts: ReadOptions) {
  const first = await recognize(png);
  const sparse = first.text.replace(/[^\p{L}\d]/gu, '').length < SPARSE_READING_CHARS;
  if (opts.autoRotate === false || (first.confidence >= ROTATION_CHECK_BELOW[engine] && first.lines.length >= 3 && !sparse)) return { output: first, rotation: 0, image: png };
  // A page that reads badly may be upside down or sideways. Tesseract's OSD is unreliable on small receipt print
  // (measured: it called an upright receipt 180°), so it only proposes; each candidate turn is OCRed and the
  // reading with the best confidence-weighted length wins.
  const candidates = new Set<number>();
  const osd = await opts.pool.detectOrientation(png, opts.signal);
  if (osd && osd.degrees !== 0 && osd.confidence >= 1.5) candidates.add((360 - osd.degrees) % 360);
  candidates.add(180);
  const { width = 0, height = 0 } = await sharp(png).metadata();
  // a portrait page scanned sideways, or a page whose reading is all but empty (sideways in any frame)
  if (width > height * 1.2 || sparse) [90, 270].forEach((d) => candidates.add(d));
  const upright = { output: first, rotation: 0, image: png };
  const turns = [];
  for (const rotation of candidates) {
    opts.signal?.throwIfAborted();
    const image = await rotateImage(png, rotation);
    turns.push({ output: await recognize(image), rotation, image });
  }
  return chooseTurn(upright, turns);
}

/** How much better a turned reading must score than the upright one to be taken: OCR of a page turned wrongly still
 * finds specks, so a small lead is noise. */
const TURN_MARGIN = 1.1;

/** The best-scoring turn, when it beats the upright reading by the margin; else the upright reading. The margin is
 * against the upright reading only: among turns the best wins, whatever order OSD proposed them in. */
export function chooseTurn<T extends { output: OcrOutput; rotation: number }>(upright: T, turns: readonly T[]): T {
  const best = turns.reduce<T | null>((b, t) => (!b || turnScore(t.output) > turnScore(b.output) || (turnScore(t.output) === turnScore(b.output) && t.rotation < b.rotation) ? t : b), null);
  return best && turnScore(best.output) > turnScore(upright.output) * TURN_MARGIN ? best : upright;
}

/** The size of a `width` × `height` image turned by `rotation` degrees. */
export function turnedFrame(width: number, height: number, rotation: number): [number, number] {
  return rotation % 180 === 0 ? [width, height] : [height, width];
}

/** A reading's worth when choosing a turn: confidence weighted by how much it read. */
const turnScore = (o: OcrOutput) => o.confidence * Math.log1p(o.text.replace(/\s/g, '').length);

function toPageText(
  page: number, ocr: { output: OcrOutput; rotation: number; engine?: OcrEngineName }, width: number, height: number, toOriginal: number, offset = { x: 0, y: 0 },
): PageText {
  const lines = ocr.output.lines.map((line) => ({
    ...line,
    bbox: {
      x0: line.bbox.x0 * toOriginal + offset.x, y0: line.bbox.y0 * toOriginal + offset.y,
      x1: line.bbox.x1 * toOriginal + offset.x, y1: line.bbox.y1 * toOriginal + offset.y,
    },
  }));
  return { page, source: 'ocr', ocrEngine: ocr.engine, width, height, rotation: ocr.rotation, confidence: ocr.output.confidence, text: ocr.output.text, lines };
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

