// Where QR codes are looked for, cheaply: every OCRed page (its pixels are at hand), and a text-layer PDF page only
// when something says a code may be there: the page prints the headings of a QR-bill's payment part or a GiroCode's
// caption (codes drawn as vector graphics leave no image), or the file embeds images big enough to be one.
// A page with none of these costs a regular expression.
import { embeddedImages } from './pdf-images.js';
import { parsePaymentCode } from './parse.js';
import type { RawCode } from './types.js';
import { decodeQrCodes, type DecodedSymbol, type RawImage } from './zxing.js';

/** Text-layer pages chosen for a look are rendered at this resolution: a 46 mm QR-bill code is then ≈360 px
 * (≥3 px per module). A page chosen only because the file holds images is rendered at IMAGE_PAGE_DPI: most such
 * images are logos, and rendering is most of the cost (a phone photo is ≈150 dpi too, and reads). */
const HEADING_PAGE_DPI = 200;
const IMAGE_PAGE_DPI = 150;
/** A fax image (≥ 200 dpi; a till slip's is ≈600) is handed to ZXing at most this large: an A4 page at IMAGE_PAGE_DPI,
 * what rendering its page gave it. ZXing's time grows with the pixels (a 5.6 MP slip: ≈150 ms of CPU at 4 MP, ≈75 ms
 * at 2 MP), and a slip's code keeps ≥ 5 px a module. */
export const FAX_QR_MAX_PIXELS = 2_200_000;

/** Time a document may spend on QR search in all; pages beyond it are skipped (ZXing's time per page is bounded
 * by QR_MAX_PIXELS, so this caps a 50-page PDF full of images). */
export const QR_DOCUMENT_BUDGET_MS = 5_000;

// The payment part's mandatory headings (de, fr, it, en, rm) and the captions printed next to EPC codes. Not the
// receipt's heading alone ("Empfangsschein", "Récépissé", "Ricevuta", "Quittanza", "Receipt"): a QR-bill prints its
// payment part's title and "Konto / Zahlbar an" beside it on the same page, while those words are everyday words of
// bills and till receipts ("Totale ricevuta"), on which a page rendered for a code costs ≈1 s of CPU for nothing.
const CODE_CUES = new RegExp(
  [
    'zahlteil', 'section paiement', 'sezione pagamento', 'payment part', 'part da pajament',
    'konto\\s*/\\s*zahlbar an', 'compte\\s*/\\s*payable [àa]', 'conto\\s*/\\s*pagabile a', 'account\\s*/\\s*payable to', 'conto\\s*/\\s*da pajar a',
    'girocode', 'zahlen mit code', 'bezahlcode', 'epc[- ]?qr', 'scan\\w* (?:to|and) pay', 'sello digital del (?:cfdi|sat)',
  ].join('|'),
  'i',
);

export function textSuggestsCode(text: string): boolean {
  return CODE_CUES.test(text);
}

/** The text-layer pages of a PDF are searched when there is a reason: pages printing the headings of a payment
 * part are rendered; if the file embeds images, those are decoded from the file's bytes first (a logo costs a few
 * ms), and pages are rendered only when an image holds a code (to know its page) or cannot be decoded here. */
export async function searchTextPages(
  qr: QrSearch, data: Uint8Array, pages: { page: number; text: string }[], scanned: number[],
  render: (page: number, dpi: number, imagesOnly: boolean) => Promise<Buffer | null>,
): Promise<void> {
  const textPages = pages.filter((p) => !scanned.includes(p.page));
  const rest: number[] = [];
  for (const p of textPages) {
    if (textSuggestsCode(p.text)) await qr.scan(() => render(p.page, HEADING_PAGE_DPI, false), p.page);
    else rest.push(p.page);
  }
  if (rest.length === 0) return;
  const { images, undecodable } = embeddedImages(data);
  if (undecodable === 0) {
    const found: DecodedSymbol[] = [];
    let faxRefused = false;
    for (const image of images) {
      const failed = qr.failed;
      found.push(...(await qr.decode(image.kind === 'raw' ? image : image.data, image.kind === 'tiff' ? FAX_QR_MAX_PIXELS : undefined)));
      // a damaged fax stream stops libtiff at the first bad row, while the renderer draws what it can read of it: its
      // pages are looked at rendered, as before fax images were decoded here
      if (image.kind === 'tiff' && qr.failed > failed) faxRefused = true;
    }
    // only a payment code needs its page told (the page a code was on is reported, parse.ts drops any other code): a
    // web link or a PIX code in a utility bill's images is no reason to render its pages (one tune bill: its 150 dpi
    // render of three full-page images outgrew the reader's memory, ≈5 s of CPU and a reader started again)
    const payment = found.some((symbol) => parsePaymentCode({ page: 0, text: symbol.text, bytes: symbol.bytes }));
    if (!payment && !faxRefused) return;
    if (payment && rest.length === 1) {
      qr.add(found, rest[0]);
      return;
    }
  }
  // looked at for a code held in an image: a page that paints none is not rendered (the renderer returns null)
  for (const page of rest) await qr.scan(() => render(page, IMAGE_PAGE_DPI, true), page);
}

/** Spends a document's QR time budget; once spent, further pages are not looked at. */
export class QrSearch {
  readonly codes: RawCode[] = [];
  private spentMs = 0;
  /** Pages (or embedded images) looked at, and those left unlooked once the budget was spent. */
  searched = 0;
  skipped = 0;
  /** Images whose decoding threw: reported in timings_ms.qr_failed (the worker logs it with the job). */
  failed = 0;

  constructor(private readonly budgetMs = QR_DOCUMENT_BUDGET_MS) {}

  /** Decodes the QR codes of one page image (encoded bytes, or a function that renders it: its time counts too). */
  async scan(image: Buffer | (() => Promise<Buffer | null>), page: number): Promise<void> {
    if (this.spentMs < this.budgetMs) this.searched++;
    this.add(await this.decode(image), page);
  }

  add(symbols: DecodedSymbol[], page: number): void {
    for (const symbol of symbols) this.codes.push({ page, text: symbol.text, bytes: symbol.bytes });
  }

  /** The QR symbols in one image, within the document's budget. A failure here is no failure of the document:
   * the image simply yields no code. */
  async decode(image: Buffer | RawImage | (() => Promise<Buffer | null>), maxPixels?: number): Promise<DecodedSymbol[]> {
    if (this.spentMs >= this.budgetMs) {
      this.skipped++;
      return [];
    }
    const t0 = performance.now();
    try {
      const pixels = typeof image === 'function' ? await image() : image;
      return pixels ? await decodeQrCodes(pixels, { maxPixels }) : [];
    } catch {
      // counted, not printed: the pipeline may run in a PDF reader process, and the caller knows the document
      this.failed++;
      return [];
    } finally {
      this.spentMs += performance.now() - t0;
    }
  }

  /** What the document's timings_ms report: time spent decoding, pages searched (and skipped, and failed, if any). */
  timings(): Record<string, number> {
    return {
      qr: Math.round(this.spentMs), qr_pages: this.searched,
      ...(this.skipped ? { qr_pages_skipped: this.skipped } : {}), ...(this.failed ? { qr_failed: this.failed } : {}),
    };
  }
}
