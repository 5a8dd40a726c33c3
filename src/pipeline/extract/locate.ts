// Where each read value is printed on the document, for a reviewer's highlight: the page and the box of the first
// line (in reading order) that holds the value as it was read. That is a place the value is printed, not
// necessarily the occurrence a rule took it from (a total printed twice is boxed where it appears first). Only
// values with at least three characters (strings) or a non-zero amount are located, so that a "1" is never boxed
// at random; e-invoices (no pages) get no boxes.
import { AMOUNT_FIELDS, type ExtractedFields, type FieldBox, type FieldName } from '../../contract.js';
import type { PageText, TextLine } from '../document.js';
import { findDates, type DateOrder } from './dates.js';
import { findAmounts, sameAmount, type DecimalSeparator } from './numbers.js';

const TEXT_FIELDS: FieldName[] = ['vendor_name', 'vendor_vat', 'invoice_number', 'po_number'];
const DATE_FIELDS: FieldName[] = ['date', 'due_date'];

/** Letters and digits only, lower case: "FR 40 303 265 045" and "fr40303265045" are the same printed value. */
function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

type Matcher = (line: TextLine) => boolean;

function matcher(name: FieldName, value: unknown, order: DateOrder, decimal: DecimalSeparator): Matcher | null {
  if (TEXT_FIELDS.includes(name) && typeof value === 'string') {
    const wanted = compact(value);
    return wanted.length >= 3 ? (line) => compact(line.text).includes(wanted) : null;
  }
  if (DATE_FIELDS.includes(name) && typeof value === 'string') {
    return (line) => findDates(line.text, order).some((d) => d.iso === value);
  }
  if ((AMOUNT_FIELDS as readonly FieldName[]).includes(name) && typeof value === 'number' && value !== 0) {
    return (line) => findAmounts(line.text, decimal).some((a) => sameAmount(Math.abs(a.value), Math.abs(value)));
  }
  return null;
}

function boxOf(line: TextLine, page: PageText): FieldBox {
  const w = page.width > 0 ? page.width : 1;
  const h = page.height > 0 ? page.height : 1;
  const clamp = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10000) / 10000;
  return [clamp(line.bbox.x0 / w), clamp(line.bbox.y0 / h), clamp((line.bbox.x1 - line.bbox.x0) / w), clamp((line.bbox.y1 - line.bbox.y0) / h)];
}

/** The fields that get a place on the page (the others are not printed as one value: doc_type, currency). */
export const LOCATED_FIELDS: FieldName[] = [...TEXT_FIELDS, ...DATE_FIELDS, ...AMOUNT_FIELDS];

/** Page and box of the first line (reading order) that holds `value` as a value of field `name`, or null. */
export function locateValue(
  pages: PageText[], name: FieldName, value: unknown, order: DateOrder, decimal: DecimalSeparator,
): { page: number; box: FieldBox } | null {
  const matches = matcher(name, value, order, decimal);
  if (!matches) return null;
  for (const page of pages) {
    const lines = [...page.lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
    for (const line of lines) {
      if (typeof line.text === 'string' && matches(line)) return { page: page.page, box: boxOf(line, page) };
    }
  }
  return null;
}

/** Sets `page` and `box` on every field whose value is found on a line of the document; the others stay without. */
export function locateFields(pages: PageText[], fields: ExtractedFields, order: DateOrder, decimal: DecimalSeparator): void {
  for (const name of LOCATED_FIELDS) {
    const field = fields[name];
    const found = locateValue(pages, name, field.value, order, decimal);
    if (found) {
      field.page = found.page;
      field.box = found.box;
    }
  }
}
