import sharp from 'sharp';
import type { ImageBandReader, PageText, TextLine } from './document.js';
import { isBlankImage } from './image.js';
import { declaredImagePixels } from './qr/pdf-images.js';
import { OCR_MAX_PIXELS, PDF_STEP_TIMEOUT_MS, type Limits } from './limits.js';
import type { OcrEngineName } from './ocr/cache.js';
import type { DocumentOcr } from './ocr/document-ocr.js';
import type { PdfReaders } from './pdf-readers.js';
import { withTimeout } from './timeout.js';

// What a text-layer page prints only in its images: a letterhead logo with the issuer's name, address and VAT id
// while the text layer holds the customer's block. The page is rendered, every text-layer line painted white (that
// text is read already, exactly), and the band asked for is OCRed only when ink is left in it. Used by extraction's
// issuer look (extract/image-issuer.ts) when the text layer names no confident issuer.

/** Rendering resolution: a letterhead's name is large print, 200 dpi reads it (and keeps a page with a large image
 * within the reader's memory bound). */
const RENDER_DPI = 200;
/** The page is rendered this far below the band: an image or stroke crossing the canvas's end is smoothed differently
 * within ≈11 px of it (measured at 200 dpi), and the band's pixels must be those of the whole page's rendering. */
const RENDER_BELOW_PT = 12;
/** The look's work is bounded by what the file's images hold, not by a clock: pdfjs decodes every image a page paints
 * before it draws any of the page (≈0.55 s CPU per megapixel of Flate RGB, measured on a tune utility bill whose first
 * page paints 29 MP: three A4 backgrounds at 300 dpi, 16 s to render its top). A file whose images declare more than
 * this is not rendered for the look. Under the reader's 30 s step limit such a render finished on a quiet machine and
 * not on a loaded one, so the vendor depended on the load; now it depends on the file. (Tune: the text-layer bills the
 * look ran on embed at most 5 MP; one bill of 29 MP is over it.) */
export const LOOK_MAX_IMAGE_PIXELS = 12_000_000;
/** A text-layer line's box is the font's, glyphs reach a little above and below it. */
const MASK_PAD = 0.2;

export interface ImageBandOptions {
  pool: DocumentOcr;
  readers: PdfReaders;
  limits: Limits;
  /** the document's deadline: the look is not queued after it */
  signal?: AbortSignal;
}

/** The engine of the look: Tesseract, whose alphabet has the accents and umlauts a name carries (Paddle's lacks
 * them); under OCR_ENGINE=paddle, Paddle, as every other call. */
export function imageLookEngine(pool: Pick<DocumentOcr, 'engine'>): OcrEngineName {
  return pool.engine === 'paddle' ? 'paddle' : 'tesseract';
}

/** A reader of one text-layer PDF's image text. The PDF is opened again for the look (the first reading's reader is
 * released when the text is read: most documents never need the look). */
export function imageBandReader(data: Buffer, pages: readonly PageText[], opts: ImageBandOptions): ImageBandReader {
  // the file's images are the same for every band read: counted once, at the first read
  let overBudget: boolean | undefined;
  return async (pageNo, y0, y1, { models }) => {
    const page = pages[pageNo - 1];
    if (!page || page.source !== 'pdf-text' || !(page.height > 0) || y1 <= y0) return [];
    if ((overBudget ??= declaredImagePixels(data, LOOK_MAX_IMAGE_PIXELS) > LOOK_MAX_IMAGE_PIXELS)) return [];
    const rendered = await renderPage(data, pageNo, y1 + RENDER_BELOW_PT, opts);
    if (!rendered) return [];
    let top = Math.max(0, Math.floor(y0 * rendered.scale));
    const bottom = Math.min(rendered.height, Math.ceil(y1 * rendered.scale));
    if (bottom - top < 8) return [];
    // the band cut out of the rendering and the text layer's lines painted white over it, in one pass (the same
    // pixels, and PNG bytes, as masking the whole rendering and then cutting the band out)
    const band = await maskedBand(rendered.png, page.lines, rendered.scale, { top, height: bottom - top, width: rendered.width, pageHeight: rendered.height });
    if (await isBlankImage(band)) return []; // nothing but the text layer's own text there: no OCR
    // OCR only the inked part (a logo in a corner: a fraction of the band), with a margin Tesseract needs
    const inked = await inkedRegion(band);
    if (!inked) return [];
    const engine = imageLookEngine(opts.pool);
    const out = await withTimeout(opts.pool.recognize(inked.png, '3', { models, signal: opts.signal, engine }), opts.limits.ocrTimeoutMs, 'OCR of a page image band');
    const toPage = (v: number, offset = 0) => (v + offset) / rendered.scale;
    const left = inked.left;
    top += inked.top;
    return out.lines.map(
      (line): TextLine => ({
        ...line,
        bbox: { x0: toPage(line.bbox.x0, left), x1: toPage(line.bbox.x1, left), y0: toPage(line.bbox.y0, top), y1: toPage(line.bbox.y1, top) },
        ...(line.words ? { words: line.words.map((w) => ({ ...w, bbox: { x0: toPage(w.bbox.x0, left), x1: toPage(w.bbox.x1, left), y0: toPage(w.bbox.y0, top), y1: toPage(w.bbox.y1, top) } })) } : {}),
      }),
    );
  };
}

/** The page rendered down to `bottomPt` only (the band's end: the rest of the page is neither rasterised nor masked),
 * from the PDF opened again without its text (the first reading has it). */
async function renderPage(data: Buffer, pageNo: number, bottomPt: number, opts: ImageBandOptions) {
  const pdf = await opts.readers.open(data, {
    maxImagePixels: opts.limits.maxPixels, maxPages: opts.limits.maxPages, attachments: false, textLayers: false, stepMs: PDF_STEP_TIMEOUT_MS, signal: opts.signal,
  });
  try {
    const rendered = await pdf.render(pageNo, RENDER_DPI, Math.min(opts.limits.maxPixels, OCR_MAX_PIXELS), { topPt: bottomPt });
    return rendered.blank ? null : rendered;
  } finally {
    pdf.close();
  }
}

/** White margin kept around the inked region (pixels): Tesseract reads text touching the image's edge badly. */
const INK_MARGIN = 16;

/** The band cropped to where ink is (white trimmed off), with its offset in the band; null when nothing is left. */
async function inkedRegion(band: Buffer): Promise<{ png: Buffer; left: number; top: number } | null> {
  const { data, info } = await sharp(band).trim({ background: '#ffffff', threshold: 24 }).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  if (info.width < 4 || info.height < 4) return null;
  // sharp gives the trimmed-off offsets as negative numbers; the margin added back shifts the origin by INK_MARGIN
  const left = -(info.trimOffsetLeft ?? 0) - INK_MARGIN;
  const top = -(info.trimOffsetTop ?? 0) - INK_MARGIN;
  const png = await sharp(data).extend({ top: INK_MARGIN, bottom: INK_MARGIN, left: INK_MARGIN, right: INK_MARGIN, background: '#ffffff' }).png({ compressionLevel: 1 }).toBuffer();
  return { png, left, top };
}

/** The band `top`…`top + height` of the rendered page (`pageHeight` pixels tall), with a white box over each
 * text-layer line (page units × scale = pixels). */
export function maskedBand(
  png: Buffer, lines: readonly TextLine[], scale: number, band: { top: number; height: number; width: number; pageHeight: number },
): Promise<Buffer> {
  return sharp(png)
    .extract({ left: 0, top: band.top, width: band.width, height: band.height })
    .composite([{ input: maskSvg(lines, scale, band.width, band.height, band.top, band.pageHeight), left: 0, top: 0 }])
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** White boxes over the text-layer lines of a page `pageHeight` pixels tall, on a canvas `width` × `height` whose
 * top is `top` pixels down the page (each box where it falls on the whole page, moved up by `top`; boxes wholly above
 * the canvas left out). */
function maskSvg(lines: readonly TextLine[], scale: number, width: number, height: number, top: number, pageHeight: number): Buffer {
  const rects = lines
    .filter((l) => l.text.trim() !== '')
    .map((l) => {
      const pad = (l.bbox.y1 - l.bbox.y0) * MASK_PAD;
      const x = Math.max(0, (l.bbox.x0 - pad) * scale);
      const y = Math.max(0, (l.bbox.y0 - pad) * scale);
      const w = Math.min(width - x, (l.bbox.x1 - l.bbox.x0 + 2 * pad) * scale);
      const h = Math.min(pageHeight - y, (l.bbox.y1 - l.bbox.y0 + 2 * pad) * scale);
      if (!(w > 0 && h > 0) || y + h <= top || y >= top + height) return '';
      // the page's coordinates as written for the whole page, then moved by whole pixels: the same pixels covered
      const atY = (Number(y.toFixed(1)) - top).toFixed(1);
      return `<rect x="${x.toFixed(1)}" y="${atY}" width="${w.toFixed(1)}" height="${h.toFixed(1)}"/>`;
    })
    .join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g fill="#fff">${rects}</g></svg>`);
}
