// Thousands grouped by a space before a decimal point ("2 668.24"): ISO 80000 and the SI write a space between digit
// groups whatever the decimal mark, and many a bill prints its amounts so. numbers.ts reads "1 718.00" as two numbers (on a photo's OCR line a quantity and a price are parted by one space
// as well); an amount alone in its cell — the text layer parts cells at a wide gap — is one number, and a document
// that prints several such cells writes its amounts so.
import type { Row } from './layout.js';
import { joinedOnTextLayer } from './glyph-spacing.js';

/** A cell that is one space-grouped amount with a point and cents, a currency's mark around it at most. */
const GROUPED_CELL_RE = /^(\W{0,2}(?:[A-Z]{3}\s)?)(\d{1,3}(?: \d{3})+\.\d{2})((?:\s?[A-Z]{3}|\s?[€$£])?\W{0,2})$/u;

/** How many such cells make the document's way of writing amounts (one could be a quantity beside a price). */
const MIN_CELLS = 2;

/** `rows` with each space-grouped amount alone in its cell written without its spaces, when the document prints at
 * least MIN_CELLS of them and reads a decimal point; else the rows as they are. Only on the pages of
 * `textLayerPages` (page numbers read from the PDF's text layer): there a cell is parted from the next by the layer's
 * own gap, while a photo's OCR line keeps a quantity and its price in one cell parted by one space ("2 150.00"). */
export function withSpaceGroupedAmounts(rows: Row[], decimal: ',' | '.', textLayerPages: ReadonlySet<number>): Row[] {
  if (decimal !== '.') return rows;
  const count = rows.reduce((n, r) => n + (textLayerPages.has(r.page) ? r.cells.filter((c) => GROUPED_CELL_RE.test(c.text.trim())).length : 0), 0);
  return count < MIN_CELLS ? rows : joinedOnTextLayer(rows, textLayerPages, ungrouped);
}

/** A space-grouped amount alone in its cell written without its spaces; any other cell as it is. */
function ungrouped(text: string): string {
  const m = GROUPED_CELL_RE.exec(text.trim());
  return m ? `${m[1]}${m[2].replace(/ /g, '')}${m[3]}` : text;
}
