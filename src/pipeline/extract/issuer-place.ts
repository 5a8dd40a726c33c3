// Where a document's issuer prints its own name: its letterhead, its seller block ("Verkäufer", "Seller", "From")
// and its legal line (tax id, trade register, bank account). Not the buyer's block ("Bill to", "Rechnungsempfänger")
// nor the parties of a shipment that a haulier's or forwarder's bill names ("Shipper", "Consignee"): a company
// named there did not issue the document.
import { isBuyerColumnHeader, LEGAL_LINE_RE, LETTERHEAD_TOP, rowRoles, SELLER_HEADER_RE, TAX_ID_LINE_RE } from './blocks.js';
import type { Cell, Row } from './layout.js';

/** The parties of a shipment, printed in blocks of a transport bill (English, German, French, Italian, Spanish). */
export const SHIPMENT_PARTY_HEADER_RE =
  /^\s*(shipper|consignor|consignee|notify\s*party|pick\s*-?\s*up(\s*(address|from))?|collection\s*(address|point)|loading\s*(address|place)|place\s*of\s*(loading|delivery|receipt)|versender|verlader|beladestelle|entladestelle|chargeur|exp[ée]diteur\s+marchandises|lieu\s+de\s+(chargement|livraison)|caricatore|luogo\s+di\s+(carico|consegna)|cargador|lugar\s+de\s+(carga|entrega))\b/i;

/** Rows a block header reaches (as rowRoles reads blocks). */
const BLOCK_REACH = 9;

/** `issuer`: the letterhead, a seller block, the legal line; `other`: a buyer's or a shipment party's block; null:
 * anywhere else (line items, totals, notes). */
export type Place = 'issuer' | 'other' | null;

/** Cells of the first page in the issuer's place. */
export function issuerCells(rows: Row[]): Cell[] {
  return cellPlaces(rows).filter((c) => c.place === 'issuer').map((c) => c.cell);
}

export interface PlacedCell {
  row: Row;
  cell: Cell;
  place: Place;
  /** the place a block header gave the cell (its row's or its column's), not the line it is on */
  block: Place;
}

/** The place of every cell of the first page (`allPages`: of every page, each page's blocks read apart). */
export function cellPlaces(rows: Row[], opts: { allPages?: boolean } = {}): PlacedCell[] {
  const firstPage = rows[0]?.page;
  const roles = rowRoles(rows);
  const out: PlacedCell[] = [];
  // blocks whose headers stand side by side on one row, one in a later cell ("Seller | Buyer", "Bill to | Ship to",
  // "Rechnungsadresse | Lieferadresse | Verkauft von"): each header's column runs to the next header
  let columns: { x0: number; x1: number; place: Place }[] = [];
  let until = -1;
  let party = -1; // row index where a shipment party's block opened, by its first cell
  let page = firstPage;
  rows.forEach((row, i) => {
    if (!opts.allPages && row.page !== firstPage) return;
    if (row.page !== page) {
      page = row.page;
      columns = [];
      party = -1;
    }
    const first = row.cells[0]?.text ?? '';
    if (SHIPMENT_PARTY_HEADER_RE.test(first)) party = i;
    else if (SELLER_HEADER_RE.test(first) || roles[i] === 'buyer') party = -1;
    const headers = row.cells.map((cell) => ({ cell, place: headerPlace(cell.text) }));
    if (headers.some((h, k) => k > 0 && h.place)) {
      const opened = headers.filter((h) => h.place);
      columns = opened.map((h, k) => ({ x0: h.cell.x0, x1: opened[k + 1]?.cell.x0 ?? Infinity, place: h.place }));
      until = i + BLOCK_REACH;
    }
    if (i > until) columns = [];
    const inParty = party >= 0 && i - party <= BLOCK_REACH;
    const rowBlock: Place = roles[i] === 'seller' ? 'issuer' : roles[i] === 'buyer' || inParty ? 'other' : null;
    // (the row's line is judged once, and only for a cell outside every block)
    let issuerLine: boolean | undefined;
    for (const cell of row.cells) {
      const block = columnOf(columns, cell)?.place ?? rowBlock;
      out.push({ row, cell, place: block ?? ((issuerLine ??= isIssuerLine(rows, i)) ? 'issuer' : null), block });
    }
  });
  return out;
}

/** The place a block header names: the issuer's (a seller header) or another party's (a buyer's, a shipment party's). */
function headerPlace(text: string): Place {
  return SELLER_HEADER_RE.test(text) ? 'issuer' : isBuyerColumnHeader(text) || SHIPMENT_PARTY_HEADER_RE.test(text) ? 'other' : null;
}

/** The column a cell's centre falls in (none left of them all: a wide cell of the left margin reaching under a
 * header is not in its column). */
function columnOf<C extends { x0: number; x1: number }>(columns: C[], cell: Cell): C | undefined {
  const centre = (cell.x0 + cell.x1) / 2;
  return columns.find((c) => centre >= c.x0 && centre < c.x1);
}

/** Outside any block: a row of the letterhead, or the legal line (a tax id's or register's line, or beside one). */
function isIssuerLine(rows: Row[], i: number): boolean {
  const row = rows[i]!;
  if (row.top <= LETTERHEAD_TOP) return true;
  return [rows[i - 1], row, rows[i + 1]].some((r) => r && r.page === row.page && (LEGAL_LINE_RE.test(r.text) || TAX_ID_LINE_RE.test(r.text)));
}
