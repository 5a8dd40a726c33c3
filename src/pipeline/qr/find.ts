// Where QR codes are looked for, cheaply: every OCRed page (its pixels are at hand), and a text-layer PDF page only
// when something says a code may be there: the file holds images big enough to be one, or the page prints the
// headings of a QR-bill's payment part or a GiroCode's caption (codes drawn as vector graphics leave no image).
// A page with none of these costs a regular expression.
import type { RawCode } from './types.js';
import { decodeQrCodes } from './zxing.js';

/** Text-layer pages chosen for a look are rendered at this resolution: a 46 mm QR-bill code is then ≈360 px
 * (≥3 px per module). A page chosen only because the file holds images is rendered at IMAGE_PAGE_DPI: most such
 * images are logos, and rendering is most of the cost (a phone photo is ≈150 dpi too, and reads). */
const HEADING_PAGE_DPI = 200;
const IMAGE_PAGE_DPI = 150;

/** Time a document may spend on QR search in all; pages beyond it are skipped (ZXing's time per page is bounded
 * by QR_MAX_PIXELS, so this caps a 50-page PDF full of images). */
export const QR_DOCUMENT_BUDGET_MS = 5_000;

// The payment part's mandatory headings (de, fr, it, en, rm) and the captions printed next to EPC codes.
const CODE_CUES = new RegExp(
  [
    'zahlteil', 'empfangsschein', 'section paiement', 'r[ée]c[ée]piss[ée]', 'sezione pagamento', 'ricevuta', 'payment part', 'part da pajament', 'quittanza',
    'konto\\s*/\\s*zahlbar an', 'compte\\s*/\\s*payable [àa]', 'conto\\s*/\\s*pagabile a', 'account\\s*/\\s*payable to', 'conto\\s*/\\s*da pajar a',
    'girocode', 'zahlen mit code', 'bezahlcode', 'epc[- ]?qr', 'scan\\w* (?:to|and) pay', 'sello digital del (?:cfdi|sat)',
  ].join('|'),
  'i',
);

export function textSuggestsCode(text: string): boolean {
  return CODE_CUES.test(text);
}

/** Smallest side, in pixels, of an embedded image worth decoding (a 21-module QR code at 2 px per module). */
const MIN_IMAGE_SIDE = 42;

/** Whether a PDF embeds an image XObject at least MIN_IMAGE_SIDE px on both sides. Image XObjects are streams,
 * and stream dictionaries are never compressed into object streams, so the raw bytes tell. */
export function pdfHasImages(data: Uint8Array): boolean {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const re = /\/Subtype\s*\/Image\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // the dictionary around the match: from its "<<" to its ">>" (nested dictionaries are small)
    const start = text.lastIndexOf('<<', m.index);
    const end = text.indexOf('stream', m.index);
    const dict = text.slice(Math.max(0, start, m.index - 2000), end < 0 ? m.index + 2000 : Math.min(end, m.index + 2000));
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (width >= MIN_IMAGE_SIDE && height >= MIN_IMAGE_SIDE) return true;
  }
  return false;
}

/** The text-layer pages of a PDF worth rendering for a look, and at what resolution (scanned pages are searched
 * as they are OCRed). */
export function textPagesToSearch(data: Uint8Array, pages: { page: number; text: string }[], scanned: number[]): { page: number; dpi: number }[] {
  const hasImages = pdfHasImages(data);
  return pages.flatMap((p) => {
    if (scanned.includes(p.page)) return [];
    if (textSuggestsCode(p.text)) return [{ page: p.page, dpi: HEADING_PAGE_DPI }];
    return hasImages ? [{ page: p.page, dpi: IMAGE_PAGE_DPI }] : [];
  });
}

/** Spends a document's QR time budget; once spent, further pages are not looked at. */
export class QrSearch {
  readonly codes: RawCode[] = [];
  private spentMs = 0;
  /** Pages looked at, and pages left unlooked once the budget was spent. */
  searched = 0;
  skipped = 0;

  constructor(private readonly budgetMs = QR_DOCUMENT_BUDGET_MS) {}

  /** Decodes the QR codes of one page image (PNG/JPEG bytes, or a function that renders it: its time counts too).
   * A failure here is no failure of the document: the page simply yields no code. */
  async scan(image: Buffer | (() => Promise<Buffer>), page: number): Promise<void> {
    if (this.spentMs >= this.budgetMs) {
      this.skipped++;
      return;
    }
    const t0 = performance.now();
    this.searched++;
    try {
      const pixels = typeof image === 'function' ? await image() : image;
      for (const symbol of await decodeQrCodes(pixels)) this.codes.push({ page, text: symbol.text, bytes: symbol.bytes });
    } catch (err) {
      console.warn(`[qr] page ${page}: QR search failed (${err instanceof Error ? err.message : 'error'})`);
    } finally {
      this.spentMs += performance.now() - t0;
    }
  }

  /** What the document's timings_ms report: time spent decoding, pages searched (and skipped, if any). */
  timings(): Record<string, number> {
    return { qr: Math.round(this.spentMs), qr_pages: this.searched, ...(this.skipped ? { qr_pages_skipped: this.skipped } : {}) };
  }
}
