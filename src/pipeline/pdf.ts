import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageText, TextLine } from './document.js';
import { DocumentError } from './errors.js';
import { OCR_MAX_SIDE } from './limits.js';

// pdfjs-dist reads the text layer with positions and renders pages that have none. Its legacy build is the one meant
// for Node; it renders through @napi-rs/canvas (prebuilt, from npm), so a default install needs no system package
// (pdf2pic would need GraphicsMagick/Ghostscript from apt, which the card's "offline, npm only" rule excludes).
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjsPromise: Promise<PdfJs> | null = null;
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs wants URLs ending with a slash for its bundled font and CMap data (local files: nothing is fetched).
const asDirUrl = (dir: string) => pathToFileURL(path.join(pdfjsRoot, dir)).href + '/';

/** Below this many visible characters a page is treated as a scan and OCRed (page numbers, stamps, headers alone). */
export const MIN_TEXT_LAYER_CHARS = 30;

/** A page rendered for OCR; `blank` when it draws nothing (no text, path or image): no pixels to read. */
export type RenderedPage = { png: Buffer; width: number; height: number; scale: number; blank?: false } | { blank: true };

export interface OpenPdf {
  pageCount: number;
  textLayer(pageNo: number): Promise<PageText>;
  render(pageNo: number, dpi: number, maxPixels: number, opts?: RenderOptions): Promise<RenderedPage>;
  close(): Promise<void>;
}

export interface RenderOptions {
  /** Only the page's top, down to this many points, is rasterised (the same pixels as the whole page's top, in a
   * canvas that ends there: the letterhead look's band costs its share of the page, not the page). The scale is the
   * whole page's, so a band looks the same either way. */
  topPt?: number;
  /** A page that paints no image is not rendered (`blank`): the QR search of a text-layer page for a code held in an
   * image (qr/find.ts) has nothing to look at there. */
  imagesOnly?: boolean;
}

export interface OpenPdfOptions {
  /** Images of more pixels are not decoded (pdfjs' maxImageSize); a page that needed one fails with TOO_MANY_PIXELS. */
  maxImagePixels: number;
}

/** Set by pdfjs' warning when it leaves out an image above maxImageSize (it only warns: see captureImageWarnings). */
let imageRemoved = false;
const IMAGE_REMOVED = /Image exceeded maximum allowed size/;

/** pdfjs reports an image it refused to decode only as a console warning. This module runs in a PDF reader process of
 * its own (pdf-reader-process.ts) whose console goes nowhere, so the warning is caught here to fail the page honestly. */
export function captureImageWarnings(): void {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (IMAGE_REMOVED.test(String(args[0]))) imageRemoved = true;
    else warn(...args);
  };
}

export async function openPdf(data: Uint8Array, opts: OpenPdfOptions): Promise<OpenPdf> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(data), // pdfjs detaches the buffer it is given: hand it a copy
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: asDirUrl('standard_fonts'),
    cMapUrl: asDirUrl('cmaps'),
    cMapPacked: true,
    verbosity: 1, // warnings: the one about a removed image is caught (captureImageWarnings)
    stopAtErrors: false,
    maxImageSize: Math.floor(opts.maxImagePixels),
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw mapPdfError(err);
  }
  const onPage = async <T>(pageNo: number, work: (page: PdfPage) => Promise<T>): Promise<T> => {
    let page: PdfPage | null = null;
    try {
      page = await doc.getPage(pageNo);
      return await work(page);
    } catch (err) {
      throw mapPdfError(err);
    } finally {
      page?.cleanup();
    }
  };
  return {
    pageCount: doc.numPages,
    textLayer: (pageNo) => onPage(pageNo, (page) => readTextLayer(page, pageNo)),
    render: (pageNo, dpi, maxPixels, render = {}) => onPage(pageNo, (page) => renderPage(doc, page, pageNo, dpi, maxPixels, opts.maxImagePixels, render)),
    close: () => doc.destroy(),
  };
}

/** Whatever pdfjs throws on a document is about that document: a typed error, never INTERNAL (a page tree that loops,
 * objects nested 200 000 deep overflowing its recursive parser, a broken stream). */
function mapPdfError(err: unknown): DocumentError {
  if (err instanceof DocumentError) return err;
  const name = (err as { name?: string })?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') return new DocumentError('ENCRYPTED_PDF', 'PDF is password-protected');
  if (err instanceof RangeError) return new DocumentError('CORRUPT_FILE', `PDF is nested too deeply to be read (${message})`);
  return new DocumentError('CORRUPT_FILE', `PDF cannot be parsed: ${message}`);
}

export interface PositionedText {
  str: string;
  x: number;
  top: number;
  bottom: number;
  width: number;
  fontHeight: number;
}

async function readTextLayer(page: PdfPage, pageNo: number): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const pieces: PositionedText[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    // transform = [a, b, c, d, e, f]: (e, f) is the baseline origin in PDF space (origin bottom-left).
    const [a, b, , , e, f] = item.transform as number[];
    const fontHeight = Math.max(Math.hypot(a, b), item.height || 0, 1);
    const [x, baseline] = viewport.convertToViewportPoint(e, f);
    pieces.push({ str: item.str, x, top: baseline - fontHeight, bottom: baseline, width: item.width, fontHeight });
  }
  const lines = groupIntoLines(dropOverprints(pieces));
  const text = lines.map((line) => line.text).join('\n');
  return {
    page: pageNo,
    source: 'pdf-text',
    width: viewport.width,
    height: viewport.height,
    rotation: 0,
    confidence: 1,
    text,
    lines,
  };
}

/** Word processors and report engines fake bold type by drawing the same text two or three times a fraction of a
 * point apart; the text layer then holds every copy ("TENNISMEHL GmbHTENNISMEHL GmbHTENNISMEHL GmbH"). A piece that
 * repeats one of the last few pieces of the same text at (nearly) the same place is such a copy and is dropped. */
export function dropOverprints(pieces: PositionedText[]): PositionedText[] {
  const recent = new Map<string, PositionedText[]>();
  const kept: PositionedText[] = [];
  for (const piece of pieces) {
    const same = recent.get(piece.str) ?? [];
    const near = Math.max(1, piece.fontHeight * 0.2);
    if (same.some((p) => Math.abs(p.x - piece.x) <= near && Math.abs(p.bottom - piece.bottom) <= near)) continue;
    kept.push(piece);
    recent.set(piece.str, [...same.slice(-7), piece]); // copies are drawn one after another: the last few suffice
  }
  return kept;
}

/** Items whose baselines lie within half a font height belong to one visual line; gaps wider than a few
 * characters become several spaces so that columns ("Total      123,45") stay apart for the extractors. */
export function groupIntoLines(pieces: PositionedText[]): TextLine[] {
  const sorted = [...pieces].sort((p, q) => p.bottom - q.bottom || p.x - q.x);
  const rows: PositionedText[][] = [];
  for (const piece of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].bottom - piece.bottom) <= Math.min(row[0].fontHeight, piece.fontHeight) * 0.5) row.push(piece);
    else rows.push([piece]);
  }
  return rows.map((row) => {
    row.sort((p, q) => p.x - q.x);
    let text = '';
    let cursor = -Infinity;
    const runs: NonNullable<TextLine['runs']> = [];
    for (const piece of row) {
      const charWidth = piece.width > 0 && piece.str.length > 0 ? piece.width / piece.str.length : piece.fontHeight * 0.5;
      const gap = piece.x - cursor;
      if (text !== '') {
        if (gap > charWidth * 3) text += '    ';
        else if (gap > charWidth * 0.25 && !text.endsWith(' ') && !piece.str.startsWith(' ')) text += ' ';
      }
      runs.push({ offset: text.length, end: text.length + piece.str.length, x0: piece.x, x1: piece.x + Math.max(0, piece.width) });
      text += piece.str;
      cursor = Math.max(cursor, piece.x + piece.width);
    }
    // A loop, not Math.min(...row): a line of 300 000 pieces would overflow the stack as arguments.
    const bbox = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (const p of row) {
      bbox.x0 = Math.min(bbox.x0, p.x);
      bbox.y0 = Math.min(bbox.y0, p.top);
      bbox.x1 = Math.max(bbox.x1, p.x + p.width);
      bbox.y1 = Math.max(bbox.y1, p.bottom);
    }
    return { text: text.replace(/\s+$/, ''), confidence: 1, bbox, runs };
  });
}

/** Operators that paint an image (pdfjs OPS 83–89: XObject, inline, or an image mask; not 90,
 * paintSolidColorImageMask, a 1×1 mask). */
const IMAGE_OPS = new Set([83, 84, 85, 86, 87, 88, 89]);
/** Operators that put ink on a page; a page with none of them is blank and is not rendered. */
const MARKING_OPS = new Set([20, 21, 22, 23, 24, 25, 26, 27, 44, 45, 46, 47, 62, 63, 66, 80, ...IMAGE_OPS, 90, 94]);
const OP_CONSTRUCT_PATH = 91;
const OP_END_PATH = 28;

async function drawsNothing(page: PdfPage): Promise<boolean> {
  const { fnArray, argsArray } = await page.getOperatorList();
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (MARKING_OPS.has(fn)) return false;
    // pdfjs folds a path and the operator that paints it into constructPath: [paintOp, data, minMax]
    if (fn === OP_CONSTRUCT_PATH && (argsArray[i] as unknown[] | null)?.[0] !== OP_END_PATH) return false;
  }
  return true;
}

/** The page paints an image (form XObjects and annotations are flattened into the operator list). pdfjs keeps the
 * list it built for drawsNothing, so asking again costs nothing. */
async function paintsImage(page: PdfPage): Promise<boolean> {
  const { fnArray } = await page.getOperatorList();
  return fnArray.some((fn) => IMAGE_OPS.has(fn));
}

async function renderPage(doc: PdfDocument, page: PdfPage, pageNo: number, dpi: number, maxPixels: number, maxImagePixels: number, opts: RenderOptions): Promise<RenderedPage> {
  imageRemoved = false; // pdfjs decides on images while it builds the operator list
  const blank = await drawsNothing(page);
  if (imageRemoved) throw tooManyPixels(pageNo, maxImagePixels);
  if (blank || (opts.imagesOnly && !(await paintsImage(page)))) return { blank: true };
  const { topPt } = opts;
  const base = page.getViewport({ scale: 1 });
  let scale = dpi / 72;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels); // render smaller rather than refuse a huge page
  const side = Math.max(base.width, base.height) * scale;
  if (side > OCR_MAX_SIDE) scale *= OCR_MAX_SIDE / side; // a page 100 m long: no wider than Tesseract reads
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const fullHeight = Math.max(1, Math.floor(viewport.height));
  const height = topPt === undefined ? fullHeight : Math.max(1, Math.min(fullHeight, Math.ceil(topPt * scale)));
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const entry = factory.create(width, height);
  try {
    // White background: scanned pages rendered on transparency OCR badly.
    entry.context.fillStyle = '#ffffff';
    entry.context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: entry.context, viewport, canvas: entry.canvas } as never).promise;
    if (imageRemoved) throw tooManyPixels(pageNo, maxImagePixels);
    const png = (entry.canvas as unknown as { toBuffer(mime: string): Buffer }).toBuffer('image/png');
    return { png, width, height, scale };
  } finally {
    factory.destroy(entry);
  }
}

const tooManyPixels = (pageNo: number, maxImagePixels: number) =>
  new DocumentError('TOO_MANY_PIXELS', `page ${pageNo} holds an image above the limit of ${Math.round(maxImagePixels / 1e6)} MP`);

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: CanvasRenderingContext2DLike };
  destroy(entry: unknown): void;
}
interface CanvasRenderingContext2DLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
}
