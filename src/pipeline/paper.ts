import sharp from 'sharp';

// The paper of a scan where a light receipt lies on a darker background (a till slip on an A4 flatbed, its lid
// grey or black; a receipt photographed on a table). Read whole, the page is mostly background: Tesseract's page
// layout finds little text on it, and the narrow strip is read at the scale of the whole sheet. Cropped to the paper,
// it is read as the strip it is.

export interface PaperBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The image is looked at this many cells wide: enough to place a 5 cm receipt on an A4 sheet. */
const GRID_WIDTH = 128;
/** A pixel is paper when it is within this many levels of the brightest paper (the 99th percentile). */
const PAPER_BAND = 30;
/** A column (row) belongs to the paper when this share of its cells is paper; print and logos take the rest. The paper
 * spans from the first such column (row) to the last. */
const COLUMN_PAPER_SHARE = 0.25;
const ROW_PAPER_SHARE = 0.1;
/** Only a paper that leaves this much of the image to background is worth a crop. */
const MAX_PAPER_AREA = 0.6;
/** ...and only when the background holds hardly any paper-bright pixels, and nine tenths of it are this many levels
 * below the paper (a grey lid or a black one, not the rest of the same paper in a shadow). */
const MAX_BRIGHT_OUTSIDE = 0.08;
const MIN_BACKGROUND_CONTRAST = 35;
/** The paper must be a till slip's strip (height / width, as the OCR layout's strip): a wide bright band is more often
 * the lit half of a photo than a paper. */
const MIN_SLIP_ASPECT = 1.6;
/** ...and no longer than this many widths: a till roll is 57–80 mm wide, so a slip eight widths long is half a metre; a
 * narrower bright band is the lit edge of a slip whose rest lies in shade (a phone photo), and cut to it the slip's lines
 * lose all but their last characters. */
const MAX_SLIP_ASPECT = 8;
/** The crop keeps a margin of this share of the image around the paper (a tilted slip's corners). */
const MARGIN = 0.015;

/** The paper's box in the image's pixels (after EXIF orientation), or null when the image is not a light paper on a
 * darker background. */
export async function findPaper(image: Buffer, page = 0): Promise<PaperBox | null> {
  const { data, info } = await sharp(image, { page, limitInputPixels: false })
    .rotate()
    .grayscale()
    .resize(GRID_WIDTH, null, { kernel: 'cubic' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = info;
  if (w < 16 || h < 16) return null;
  const gray = (x: number, y: number) => data[(y * w + x) * channels];
  const levels = new Array<number>(256).fill(0);
  for (let i = 0; i < w * h; i++) levels[data[i * channels]]++;
  let seen = 0;
  let p99 = 255;
  for (let v = 0; v < 256; v++) {
    seen += levels[v];
    if (seen >= 0.99 * w * h) {
      p99 = v;
      break;
    }
  }
  const threshold = p99 - PAPER_BAND;
  const paper = (x: number, y: number) => gray(x, y) >= threshold;

  const colShare = Array.from({ length: w }, (_, x) => {
    let n = 0;
    for (let y = 0; y < h; y++) if (paper(x, y)) n++;
    return n / h;
  });
  const cols = span(colShare.map((s) => s >= COLUMN_PAPER_SHARE));
  if (!cols) return null;
  const rowShare = Array.from({ length: h }, (_, y) => {
    let n = 0;
    for (let x = cols.start; x <= cols.end; x++) if (paper(x, y)) n++;
    return n / (cols.end - cols.start + 1);
  });
  const rows = span(rowShare.map((s) => s >= ROW_PAPER_SHARE));
  if (!rows) return null;

  const boxCells = (cols.end - cols.start + 1) * (rows.end - rows.start + 1);
  if (boxCells > MAX_PAPER_AREA * w * h) return null;
  const outside: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) if (x < cols.start || x > cols.end || y < rows.start || y > rows.end) outside.push(gray(x, y));
  const brightOutside = outside.filter((v) => v >= threshold).length;
  if (brightOutside > MAX_BRIGHT_OUTSIDE * outside.length) return null;
  outside.sort((a, b) => a - b);
  if (p99 - outside[Math.floor(outside.length * 0.9)] < MIN_BACKGROUND_CONTRAST) return null;

  // cells back to the image's pixels, with a margin
  const meta = await sharp(image, { page, limitInputPixels: false }).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const fullW = (turned ? meta.pageHeight ?? meta.height : meta.width) ?? 0;
  const fullH = (turned ? meta.width : meta.pageHeight ?? meta.height) ?? 0;
  const perCellX = fullW / w;
  const perCellY = fullH / h;
  const left = Math.max(0, Math.floor((cols.start - MARGIN * w) * perCellX));
  const top = Math.max(0, Math.floor((rows.start - MARGIN * h) * perCellY));
  const right = Math.min(fullW, Math.ceil((cols.end + 1 + MARGIN * w) * perCellX));
  const bottom = Math.min(fullH, Math.ceil((rows.end + 1 + MARGIN * h) * perCellY));
  if (right - left < 16 || bottom - top < 16 || (bottom - top) / (right - left) < MIN_SLIP_ASPECT || (bottom - top) / (right - left) > MAX_SLIP_ASPECT) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** From the first true cell to the last: the paper is never cut where a band of dense print reads darker. */
function span(flags: boolean[]): { start: number; end: number } | null {
  const start = flags.indexOf(true);
  return start < 0 ? null : { start, end: flags.lastIndexOf(true) };
}
