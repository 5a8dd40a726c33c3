// A document number printed as a series and a running number in a table's heading row ("FECHA | SERIE | NÚMERO" over
// "29/11/2025 | 02F | 3973"; "DOCUMENTO | NÚMERO" over "Factura | 1 | 250231", the series in a column left without a
// heading): Spanish and Portuguese vendors number per series, and the reference such a document prints, the one the
// customer books and quotes, is the series and the number read together, in that order. A series printed after the
// number ("Nº 83067882 - SÉRIE 0", "Número // Serie") or under a label of its own ("Série: 1") is not joined: those
// documents quote the number alone.
import { type LabeledValue, labelSpellings, sharesColumn } from './layout.js';

const SERIES_HEADING = /^s[ée]ri[ea]s?$/iu;
/** a series code under its heading: letters and digits, short ("02F", "A", "FV-2") */
const SERIES_CODE = /^[A-Z0-9][A-Z0-9-]{0,5}$/i;
/** a code in a column without a heading: shorter still, so a quantity or an amount is never taken for one */
const UNHEADED_CODE = /^[A-Z0-9]{1,4}$/i;

/** The number read below a heading, with the series printed right before it in that heading's table row when there
 * is one; else the number as read. */
export function withSeries(hit: LabeledValue<string>): string {
  const { labelRow, labelCell, cell, row } = hit;
  if (hit.distance < 2 || !labelRow || !labelCell || !cell || cell.text.trim() !== hit.value) return hit.value;
  // the heading spans a short code and the running number after it, both under it and under no other heading: the
  // code read first is the series
  const underOwnHeading = (c: typeof cell) => sharesColumn(c, labelCell) && !labelRow.cells.some((h) => h !== labelCell && sharesColumn(c, h));
  const after = row.cells[row.cells.indexOf(cell) + 1];
  if (UNHEADED_CODE.test(hit.value) && after && after.x0 >= cell.x1 && underOwnHeading(cell) && underOwnHeading(after) && /^\d{3,}$/.test(after.text.trim())) {
    return `${hit.value} ${after.text.trim()}`;
  }
  const before = row.cells[row.cells.indexOf(cell) - 1];
  if (!before || before.x1 > cell.x0) return hit.value;
  const headingBefore = labelRow.cells[labelRow.cells.indexOf(labelCell) - 1];
  const code = before.text.trim();
  // a "Serie" heading right before the number's, and the cell under it right before the number
  const seriesHeading = headingBefore && labelSpellings(headingBefore.text).some((t) => SERIES_HEADING.test(t.trim()));
  if (seriesHeading) return sharesColumn(before, headingBefore) && SERIES_CODE.test(code) ? `${code} ${hit.value}` : hit.value;
  // a short code in a column no heading of the row stands over, between the previous heading and the number's
  const unheaded = labelRow.cells.length >= 3 && UNHEADED_CODE.test(code) && !labelRow.cells.some((c) => sharesColumn(before, c));
  const inGap = !headingBefore || before.x0 >= headingBefore.x1;
  // ... or under the number's own heading with it
  return (unheaded && inGap) || (UNHEADED_CODE.test(code) && underOwnHeading(before)) ? `${code} ${hit.value}` : hit.value;
}

/** A Spanish year series: the year's two digits ("25"), then a running number ("000123"; a year after a small number,
 * "12 2025", is no running number). The reference is both, read together. */
export function yearSeriesRun(series: string, run: string): boolean {
  return /^[1-3]\d$/.test(series) && /^\d{3,10}$/.test(run) && !/^(19|20)\d{2}$/.test(run);
}

/** The year's two digits as a series in a cell of their own, the running number in the next cell of the row
 * ("Nº Factura | 25 | 000123"): yearSeriesRun across two cells. */
export function withYearSeries(hit: LabeledValue<string>): string {
  const { cell, row } = hit;
  if (!cell || cell.text.trim() !== hit.value) return hit.value;
  const next = row.cells[row.cells.indexOf(cell) + 1];
  const run = next?.text.trim() ?? '';
  // (in a table read under its heading, a cell under another heading is that column's value — a customer's number
  // beside the invoice's, "Rechnung | Kunde" over "11 | 100452" —, not the run of a year series; a cell under the
  // label's own heading too is the label's, grazing the next heading: "Nº Factura | Fecha" over "25 | 000123")
  const { labelRow, labelCell } = hit;
  const otherColumn = hit.distance >= 2 && !!labelRow && !!next && labelRow.cells.some((h) => h !== labelCell && sharesColumn(next, h)) && !(labelCell && sharesColumn(next, labelCell));
  return yearSeriesRun(hit.value, run) && next.x0 >= cell.x1 && !otherColumn ? `${hit.value} ${run}` : hit.value;
}
