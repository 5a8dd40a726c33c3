// What the document engine hands to extraction: text with positions, per page. (Implementation: ./read.ts)
import type { OcrEngineName } from './ocr/cache.js';
import type { RawCode } from './qr/types.js';

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'tiff' | 'bmp' | 'xml' | 'p7m';

export interface BBox { x0: number; y0: number; x1: number; y1: number }

/** One line of text on a page; coordinates are in the page's own units (PDF points or image pixels), origin top-left. */
export interface TextLine {
  text: string;
  confidence: number; // [0,1]; 1 for a PDF text layer
  bbox: BBox;
  /** Its words with their own boxes and confidences, when the OCR engine gives them (Paddle: ./ocr/paddle/). */
  words?: { text: string; confidence: number; bbox: BBox }[];
  /** Where a text layer placed the line's pieces: each piece's first character in `text` and its horizontal extent.
   * The gaps between pieces are written as a few spaces whatever their width, so x positions read off character
   * offsets drift across a wide gap; these give a cell its true place (layout.ts splitCells). `end` is the offset
   * after the piece's last character. */
  runs?: { offset: number; end: number; x0: number; x1: number }[];
}

export interface PageText {
  page: number; // 1-based
  source: 'pdf-text' | 'ocr';
  width: number;
  height: number;
  rotation: number; // degrees applied before OCR (0, 90, 180, 270)
  /** Which OCR engine read the page (OCR_ENGINE; `auto` picks per page): its confidences are on its own scale. */
  ocrEngine?: OcrEngineName;
  confidence: number; // mean line confidence [0,1]
  text: string;
  lines: TextLine[];
}

/** An XML e-invoice found in the file: the file itself, a p7m's content, or a PDF attachment (Factur-X/ZUGFeRD). */
export interface EmbeddedXml {
  name: string; // attachment file name, or the input's name
  xml: string;
  origin: 'file' | 'p7m' | 'pdf-attachment';
}

/**
 * A second, closer OCR look at a horizontal band of an OCR'd page (page coordinates), upscaled `scale` times; the
 * lines come back in page coordinates. Extraction uses it on the few lines that carry key fields. `line`: the band
 * is one text line, read as such (Tesseract's single-line mode, contrast stretched), not as a block.
 */
export type BandReader = (page: number, y0: number, y1: number, scale: number, opts?: BandReadOptions) => Promise<TextLine[]>;

export interface BandReadOptions {
  line?: boolean;
  /** scale the band to this height in image pixels instead of by `scale` (within 1–4×): a line's text height is
   * known in page units, the page image's resolution only to the engine */
  heightPx?: number;
}

/**
 * The whole page read again by the other OCR engine (`auto` only: Tesseract's page by Paddle, Paddle's by Tesseract
 * with the page's model), in page coordinates; the reading the language choice already made and set aside is
 * returned without a second OCR. Extraction reads a receipt's total in both (./extract/engine-look.ts). `signal`
 * aborts the OCR when the caller no longer needs it.
 */
export type OtherEngineReader = (page: number, signal?: AbortSignal) => Promise<PageText | null>;

/** The text a text-layer page prints only in images (a letterhead logo), in a horizontal band (page coordinates): the
 * page rendered with its text layer masked out, OCRed with `models`; lines in page coordinates (./image-band.ts). */
export type ImageBandReader = (page: number, y0: number, y1: number, opts: { models: string[] }) => Promise<TextLine[]>;

/** The engine that read a document's OCR pages (the one that read most of them; null: no page was OCR'd). Its
 * confidences and its misreads are its own, so the calibration has rows per engine (confidence/calibrate.ts). */
export function ocrEngineOf(pages: readonly PageText[]): OcrEngineName | null {
  const ocr = pages.filter((p) => p.source === 'ocr');
  if (!ocr.length) return null;
  const paddle = ocr.filter((p) => p.ocrEngine === 'paddle').length;
  return paddle * 2 > ocr.length ? 'paddle' : 'tesseract';
}

export interface ReadDocument {
  kind: FileKind;
  sha256: string;
  bytes: number;
  pages: PageText[];
  pageCount: number;
  text: string; // pages joined with \f
  xml: EmbeddedXml[];
  timings: Record<string, number>;
  /** What a reader should know about how the document was read (becomes a review reason): e.g. attachments left out. */
  notes?: string[];
  /** QR codes decoded on the pages (./qr/find.ts); absent when not looked for. */
  qrCodes?: RawCode[];
  /** Present when pages were OCRed from an image (not serialised: it holds the page images until dropped). */
  rereadBand?: BandReader;
  /** Present when pages were OCRed under `auto` (not serialised): the page as the other engine reads it. */
  readOtherEngine?: OtherEngineReader;
  /** `auto`: every page's other reading is already at hand (the one the language choice set aside), so asking
   * readOtherEngine costs no OCR. */
  otherReadingFree?: boolean;
  /** Present for PDFs whose first page has a text layer (not serialised: it holds the file until dropped). */
  readImageBand?: ImageBandReader;
}
