// Amounts printed in two currencies side by side, each column headed by its currency's code ("USD | EUR" over
// "119.95 | 109.15"): a bill that converts its amounts into its reader's currency as a courtesy. The bill's amount is
// the one in its own currency's column, not the rightmost one.
import { ISO_CODES } from './currency.js';
import type { Cell, Row } from './layout.js';

/** A currency's code alone in its cell, perhaps in brackets: a column's heading. */
const CODE_CELL_RE = new RegExp(`^\\s*\\(?(${ISO_CODES.join('|')})\\)?\\s*$`);
/** How many rows above an amount its table's currency headings may stand. */
const HEADING_REACH = 12;

/** A cell holding an amount with cents: a table's row fills its currency columns with such cells. */
const AMOUNT_CELL_RE = /\d[.,]\d{2}(?!\d)/;

const codeOf = (cell: Cell): string | null => CODE_CELL_RE.exec(cell.text)?.[1] ?? null;
/** A row opening on a total's own label ("TOTAL", "Grand total"; not a subtotal): a table's last row. */
const TOTAL_ROW_RE = /^\s*(?:grand\s*)?total(?!\p{L})/iu;
const amountCells = (row: Row): number => row.cells.filter((c) => AMOUNT_CELL_RE.test(c.text)).length;
const centre = (cell: Cell): number => (cell.x0 + cell.x1) / 2;

/** The headings of currency columns over `row`: on the nearest row above on its page whose cells hold two or more
 * distinct codes alone in their cells. null when no such row stands within HEADING_REACH rows, or when the headings'
 * table ends before `row`: a row between opens on a total's label (the table's last row; a summary below is another
 * table), or `row` or a row of amounts between is not of the table's shape (as many amount cells as headings: a
 * table fills each currency's column on every row). */
function currencyHeadings(rows: Row[], row: Row): Cell[] | null {
  const at = rows.indexOf(row);
  const shapes: number[] = [amountCells(row)];
  for (let i = at - 1; i >= 0 && i >= at - HEADING_REACH; i--) {
    if (rows[i].page !== row.page) break;
    const headings = rows[i].cells.filter((c) => codeOf(c) !== null);
    if (new Set(headings.map(codeOf)).size >= 2) return shapes.every((n) => n === headings.length) ? headings : null;
    if (TOTAL_ROW_RE.test(rows[i].text)) return null;
    if (amountCells(rows[i]) > 0) shapes.push(amountCells(rows[i]));
  }
  return null;
}

/** The cell of `row`, among `candidates`, that stands in `currency`'s column under currency headings (nearer its
 * heading than any other's); null when the row has no such headings over it, or the currency no column. */
export function ownCurrencyCell(rows: Row[], row: Row, candidates: Cell[], currency: string): Cell | null {
  const headings = currencyHeadings(rows, row);
  const own = headings?.find((h) => codeOf(h) === currency);
  if (!headings || !own || candidates.length === 0) return null;
  const nearest = (c: Cell) => headings.reduce((best, h) => (Math.abs(centre(h) - centre(c)) < Math.abs(centre(best) - centre(c)) ? h : best));
  const inColumn = candidates.filter((c) => nearest(c) === own);
  if (inColumn.length === 0) return null;
  return inColumn.reduce((best, c) => (Math.abs(centre(c) - centre(own)) < Math.abs(centre(best) - centre(own)) ? c : best));
}
