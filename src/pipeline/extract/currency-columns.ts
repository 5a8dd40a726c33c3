// A table that prints each amount in two currencies, a column for each headed by its ISO code ("USD | EUR" over
// "119.95 | 109.15"): the bill's own currency's column holds its amounts, the other's are conversions, a courtesy to a
// reader who counts in the other currency (as isConversion in totals.ts reads "16,80 € / 71,73 zł" on one line).
import { CELL_GAP, type Cell, type Row } from './layout.js';
import { ISO_CODES } from './currency.js';

const CODE_CELL_RE = new RegExp(String.raw`^\W*(${ISO_CODES.join('|')})\W*$`);

interface CodeColumn {
  code: string;
  centre: number;
}

const centre = (c: Cell): number => (c.x0 + c.x1) / 2;

/** The code columns a row heads: two cells or more that are each an ISO code alone, the codes distinct. */
function codeColumns(row: Row): CodeColumn[] | null {
  const columns = row.cells.flatMap((c) => {
    const m = CODE_CELL_RE.exec(c.text);
    return m ? [{ code: m[1], centre: centre(c) }] : [];
  });
  if (columns.length < 2 || new Set(columns.map((c) => c.code)).size !== columns.length) return null;
  return columns;
}

/**
 * `rows` with the amounts under another currency's column dropped from each row below a heading of code columns (on
 * its page) that also prints an amount under the bill's `currency`'s column. A cell belongs to the column whose
 * centre is nearest its own, within half the narrowest spacing of the columns (a cell far from every code column —
 * the label, a quantity — is none's). Without such a heading, or a currency that is none of its codes, the rows are
 * returned as they are.
 */
export function withoutOtherCurrencyColumns(rows: Row[], currency: string | null, isAmount: (text: string) => boolean): Row[] {
  if (!currency) return rows;
  let heading: { page: number; columns: CodeColumn[]; reach: number } | null = null;
  return rows.map((row) => {
    if (heading && heading.page !== row.page) heading = null;
    const heads = codeColumns(row);
    if (heads) {
      const centres = heads.map((c) => c.centre).sort((a, b) => a - b);
      const spacing = Math.min(...centres.slice(1).map((c, i) => c - centres[i]));
      heading = heads.some((c) => c.code === currency) ? { page: row.page, columns: heads, reach: spacing / 2 } : null;
      return row;
    }
    if (!heading) return row;
    const { columns, reach } = heading;
    const columnOf = (c: Cell): string | null => {
      const nearest = columns.reduce((best: CodeColumn, col: CodeColumn) => (Math.abs(col.centre - centre(c)) < Math.abs(best.centre - centre(c)) ? col : best));
      return Math.abs(nearest.centre - centre(c)) < reach ? nearest.code : null;
    };
    const amounts = row.cells.filter((c) => isAmount(c.text)).map((c) => ({ c, code: columnOf(c) }));
    if (!amounts.some((a) => a.code === currency) || !amounts.some((a) => a.code !== null && a.code !== currency)) return row;
    const others = new Set(amounts.filter((a) => a.code !== null && a.code !== currency).map((a) => a.c));
    const cells = row.cells.filter((c) => !others.has(c));
    return { ...row, cells, text: cells.map((c) => c.text).join(CELL_GAP) };
  });
}
