import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageText, TextLine } from './document.js';
import { DocumentError } from './errors.js';

// pdfjs-dist reads the text layer with positions and renders pages that have none. Its legacy build is the one meant
// for Node; it renders through @napi-rs/canvas (prebuilt, from npm), so a default install needs no system package
// (pdf2pic would need GraphicsMagick/Ghostscript from apt, which the card's "offline, npm only" rule excludes).
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// pdfjs wants URLs ending with a slash for its bundled font and CMap data (local files: nothing is fetched).
const asDirUrl = (dir: string) => pathToFileURL(path.join(pdfjsRoot, dir)).href + '/';

/** Below this many visible characters a page is treated as a scan and OCRed (page numbers, stamps, headers alone). */
export const MIN_TEXT_LAYER_CHARS = 30;

export interface OpenPdf {
  pageCount: number;
  textLayer(pageNo: number): Promise<PageText>;
  render(pageNo: number, dpi: number, maxPixels: number): Promise<{ png: Buffer; width: number; height: number; scale: number }>;
  close(): Promise<void>;
}

export async function openPdf(data: Uint8Array): Promise<OpenPdf> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(data), // pdfjs detaches the buffer it is given: hand it a copy
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: asDirUrl('standard_fonts'),
    cMapUrl: asDirUrl('cmaps'),
    cMapPacked: true,
    verbosity: 0,
    stopAtErrors: false,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw mapPdfError(err);
  }
  return {
    pageCount: doc.numPages,
    textLayer: async (pageNo) => {
      const page = await doc.getPage(pageNo);
      try {
        return await readTextLayer(page, pageNo);
      } finally {
        page.cleanup();
      }
    },
    render: async (pageNo, dpi, maxPixels) => {
      const page = await doc.getPage(pageNo);
      try {
        return await renderPage(doc, page, dpi, maxPixels);
      } finally {
        page.cleanup();
      }
    },
    close: () => doc.destroy(),
  };
}

function mapPdfError(err: unknown): DocumentError {
  const name = (err as { name?: string })?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') return new DocumentError('ENCRYPTED_PDF', 'PDF is password-protected');
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException')
    return new DocumentError('CORRUPT_FILE', `PDF cannot be parsed: ${message}`);
  return new DocumentError('CORRUPT_FILE', `PDF cannot be opened: ${message}`);
}

interface PositionedText {
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
  const lines = groupIntoLines(pieces);
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
    for (const piece of row) {
      const charWidth = piece.width > 0 && piece.str.length > 0 ? piece.width / piece.str.length : piece.fontHeight * 0.5;
      const gap = piece.x - cursor;
      if (text !== '') {
        if (gap > charWidth * 3) text += '    ';
        else if (gap > charWidth * 0.25 && !text.endsWith(' ') && !piece.str.startsWith(' ')) text += ' ';
      }
      text += piece.str;
      cursor = Math.max(cursor, piece.x + piece.width);
    }
    return {
      text: text.replace(/\s+$/, ''),
      confidence: 1,
      bbox: {
        x0: Math.min(...row.map((p) => p.x)),
        y0: Math.min(...row.map((p) => p.top)),
        x1: Math.max(...row.map((p) => p.x + p.width)),
        y1: Math.max(...row.map((p) => p.bottom)),
      },
    };
  });
}

async function renderPage(doc: PdfDocument, page: PdfPage, dpi: number, maxPixels: number) {
  const base = page.getViewport({ scale: 1 });
  let scale = dpi / 72;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels); // render smaller rather than refuse a huge page
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.floor(viewport.width));
  const height = Math.max(1, Math.floor(viewport.height));
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const entry = factory.create(width, height);
  try {
    // White background: scanned pages rendered on transparency OCR badly.
    entry.context.fillStyle = '#ffffff';
    entry.context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: entry.context, viewport, canvas: entry.canvas } as never).promise;
    const png = (entry.canvas as unknown as { toBuffer(mime: string): Buffer }).toBuffer('image/png');
    return { png, width, height, scale };
  } finally {
    factory.destroy(entry);
  }
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: CanvasRenderingContext2DLike };
  destroy(entry: unknown): void;
}
interface CanvasRenderingContext2DLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
}
