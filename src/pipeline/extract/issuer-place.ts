// Where a document's issuer prints its own name: its letterhead, its seller block ("Verkäufer", "Seller", "From")
// and its legal line (tax id, trade register, bank account). Not the buyer's block ("Bill to", "Rechnungsempfänger")
// nor the parties of a shipment that a haulier's or forwarder's bill names ("Shipper", "Consignee"): a company
// named there did not issue the document.
import { isBuyerColumnHeader, rowRoles, SELLER_HEADER_RE } from './blocks.js';
import type { Cell, Row } from './layout.js';
import { LEGAL_LINE_RE, LETTERHEAD_TOP, TAX_ID_LINE_RE } from './vendor.js';

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

/** The place of every cell of the first page. */
export function cellPlaces(rows: Row[]): { row: Row; cell: Cell; place: Place }[] {
  const firstPage = rows[0]?.page;
  const roles = rowRoles(rows);
  const out: { row: Row; cell: Cell; place: Place }[] = [];
  // a block whose header stands in a later cell is a column of its own ("Seller | Buyer" side by side)
  let column: { x0: number; place: Place; until: number } | null = null;
  let party = -1; // row index where a shipment party's block opened, by its first cell
  rows.forEach((row, i) => {
    if (row.page !== firstPage) return;
    const first = row.cells[0]?.text ?? '';
    if (SHIPMENT_PARTY_HEADER_RE.test(first)) party = i;
    else if (SELLER_HEADER_RE.test(first) || roles[i] === 'buyer') party = -1;
    row.cells.forEach((cell, k) => {
      if (k === 0) return;
      const place: Place = SELLER_HEADER_RE.test(cell.text) ? 'issuer' : isBuyerColumnHeader(cell.text) || SHIPMENT_PARTY_HEADER_RE.test(cell.text) ? 'other' : null;
      if (place) column = { x0: cell.x0, place, until: i + BLOCK_REACH };
    });
    if (column && i > column.until) column = null;
    const inParty = party >= 0 && i - party <= BLOCK_REACH;
    const rowPlace: Place = roles[i] === 'seller' ? 'issuer' : roles[i] === 'buyer' || inParty ? 'other' : isIssuerLine(rows, i) ? 'issuer' : null;
    for (const cell of row.cells) {
      const inColumn = column && cell.x1 > column.x0 ? column.place : null;
      out.push({ row, cell, place: inColumn ?? rowPlace });
    }
  });
  return out;
}

/** Outside any block: a row of the letterhead, or the legal line (a tax id's or register's line, or beside one). */
function isIssuerLine(rows: Row[], i: number): boolean {
  const row = rows[i]!;
  if (row.top <= LETTERHEAD_TOP) return true;
  return [rows[i - 1], row, rows[i + 1]].some((r) => r && r.page === row.page && (LEGAL_LINE_RE.test(r.text) || TAX_ID_LINE_RE.test(r.text)));
}
