// A text layer whose generator places every glyph on its own prints its amounts and ids with a space between glyphs
// ("T O T A L €:  9 8 4 ,5 8", "B 8 6 7 0 5 1 2 6"): such a cell is one amount, such a run one id. Only on the text
// layer's pages (space-grouping.ts likewise): on a photo's OCR a line of single digits parted by spaces is something
// else — a barcode's digits printed under it, a quantity beside its price ("1 2 ,5 0").
import { CELL_GAP, type Row } from './layout.js';

/** A cell that is one amount spaced glyph by glyph: each piece one or two characters — digits, a separator, a currency
 * sign —, four pieces or more ("9 8 4 ,5 8 €", "1 .2 3 4 ,5 0"), as the same layer prints its labels ("T O T A L €:",
 * layout.ts labelSpellings); a cell of separate numbers has a piece of three characters or more ("6  2,75  16,50"). */
const GLYPH_SPACED_AMOUNT_RE = /^\s*(?:[\d.,€$£]{1,2} ){3,}[\d.,€$£]{1,2}\s*$/;

/** `text` with a glyph-spaced amount's spaces dropped, when what they join is an amount with cents: "984,58". */
export function unspacedAmount(text: string): string {
  if (!GLYPH_SPACED_AMOUNT_RE.test(text)) return text;
  const joined = text.trim().replace(/ /g, '');
  return /\d[.,]\d{2}(?!\d)/.test(joined) ? joined : text;
}

/** An id spaced glyph by glyph, each character alone between spaces, seven digits or more ("B 8 6 7 0 5 1 2 6"). */
const GLYPH_SPACED_ID_RE = /(?<!\S)(?:[\p{Lu}\d] ){7,}[\p{Lu}\d](?!\S)/gu;

/** `text` with each glyph-spaced id's characters joined, the spaces put after them, so that every index stands. */
export function glyphsJoined(text: string): string {
  return text.replace(GLYPH_SPACED_ID_RE, (run) => ((run.match(/\d/g) ?? []).length >= 7 ? run.replace(/ /g, '').padEnd(run.length) : run));
}

/** `rows` with `join` applied to each cell on the pages of `textLayerPages` (page numbers read from the PDF's text
 * layer); rows of other pages as they are. */
export function joinedOnTextLayer(rows: Row[], textLayerPages: ReadonlySet<number>, join: (text: string) => string): Row[] {
  return rows.map((row) => {
    if (!textLayerPages.has(row.page)) return row;
    const cells = row.cells.map((c) => ({ ...c, text: join(c.text) }));
    return cells.every((c, k) => c.text === row.cells[k].text) ? row : { ...row, cells, text: cells.map((c) => c.text).join(CELL_GAP) };
  });
}
