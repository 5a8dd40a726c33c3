// Under OCR_ENGINE=auto a receipt's page is read by both engines when the other engine's look runs (./engine-look.ts,
// which weighs the two readings' totals). The two engines also misread the shop's name and the date differently:
// Tesseract, which reads the non-English slips first, loses logos and large header type ("LODL", "SEM", an address
// or a payment line taken for the name) and whole date lines that Paddle reads; Paddle, first on English slips,
// misspells a header Tesseract reads clean ("LIGHIROO GALLERSDN BHD"). So, once the other reading exists:
// - the shop's name the rules trust more is taken: the other reading's when the first found none, or when the rules
//   gave the other's a higher confidence — unless both spell the same name and the other runs words together the
//   first keeps apart (sameNameRead: the confidence weighs readings of different lines, not spellings of one);
// - a date, or a currency, is taken from the other reading only when the first found none;
// - the issuer's tax id when its check digits hold and the first found none or one whose do not.
// Measured on tune under auto (bench:accuracy, same OCR cache): the fixtures' receipts (receipts2, receipts3, sroie;
// 69) vendor 41 -> 48 (11 mended, 4 broken: a town or a slogan the other reading trusted more), date 48 -> 56 of 60
// (8 mended, none broken); the SROIE receipts (345) vendor 309 -> 313 (6 mended, 2 broken), date 332 -> 335 (3
// mended, one missing date now another wrong one). Totals unchanged.
// Evidence for a value taken is computed on the reading it came from (../confidence/index.ts).
import type { ExtractedFields, FieldName } from '../../contract.js';
import { type AmountsReading, type EngineLookReading, readingOf } from './engine-look.js';
import type { FieldExplain } from './explain.js';
import { LETTERHEAD_ROUTE } from './vendor.js';
import { validateVat } from './vat.js';
import { withoutAccents } from '../accents.js';
import { editDistance } from '../edit-distance.js';

/** Whether a tax id's check digits hold (null: no check known for its shape). */
const checksumHolds = (vat: string): boolean | null => validateVat(vat)?.checksum ?? null;

/** A name's letters and digits, accents, case, spaces and punctuation aside. */
const spelling = (name: string): string => withoutAccents(name).toUpperCase().replace(/[^A-Z0-9]/g, '');
/** Letters per edit two readings of one name may differ by. */
const LETTERS_PER_EDIT = 8;

/** Both readings spell the same name, spaces, accents and a misread letter per LETTERS_PER_EDIT aside ("F E BERTINO
 * MACIEL RESTAURANTE ME" / "FEBERTINO HACIELRESTAURANTEME", "SC AUCHAN ROMANIA SA" / "SCAUCHAN ROMANIA SA"): the
 * other reading names no other line than the first's. */
export function sameNameRead(first: string, other: string): boolean {
  const [a, b] = [spelling(first), spelling(other)];
  return a.length > 0 && editDistance(a, b) <= Math.max(1, Math.floor(a.length / LETTERS_PER_EDIT));
}

/** How many words a name is read as (OCR runs words together, or splits one). */
const wordCount = (name: string): number => name.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;

/** The other reading read the first's name too, as its runner-up, and put another line over it for its place at the top
 * alone (its winner's only reason is the letterhead route's rank: a logo read as debris, "JXTETXEX", over "Bar
 * Restaurante LA VIÑA"; a hotel's name over its place): both readings rank the same lines by the same rule, and the
 * other engine reading one more line above tells nothing of which is the name. The other reading mends a line the
 * first lost or misspelt, or names one for a reason of its own (a legal form, its domain, its registration). */
function outrankedByPlaceOnly(firstName: string, other: FieldExplain | undefined): boolean {
  const { winner, runner_up: runnerUp } = other ?? { winner: null, runner_up: null };
  if (!winner || typeof runnerUp?.value !== 'string' || !sameNameRead(firstName, runnerUp.value)) return false;
  return winner.why.length > 0 && winner.why.every((w) => w.startsWith(`${LETTERHEAD_ROUTE}:`));
}

/** The fields the other engine's reading may give, and when. */
export const ENGINE_FIELDS = {
  /** the more trusted name of the two readings (a tie keeps the first's); where both spell the same name, the other's
   * spelling only if it runs no words together that the first keeps apart — Paddle drops the spaces of a till's
   * header ("FEBERTINO HACIELRESTAURANTEME", "Fritz WahrEnergieGmbH&Co.KG"), and the confidence that weighs two
   * readings of different lines (a logo against a town) says nothing of which of two spellings of one line is right */
  vendor_name: (first: ExtractedFields['vendor_name'], other: ExtractedFields['vendor_name'], otherRanking?: FieldExplain) =>
    other.value !== null &&
    (first.value === null ||
      (other.confidence > first.confidence && (!sameNameRead(first.value, other.value) || wordCount(other.value) >= wordCount(first.value)) && !outrankedByPlaceOnly(first.value, otherRanking))),
  /** the other reading's date, only when the first found none */
  date: (first: ExtractedFields['date'], other: ExtractedFields['date']) => first.value === null && other.value !== null,
  /** the other reading's currency, only when the first found none: one page prints one currency, and the engines lose
   * its mark apart (Tesseract a till's small "EUR" over the amounts' column, Paddle every "€") */
  currency: (first: ExtractedFields['currency'], other: ExtractedFields['currency']) => first.value === null && other.value !== null,
  /** the issuer's tax id, when the other's check digits hold and the first reading found none or one whose check digits fail (an id of no known check stays) — a
   * tax id checks itself, and the two engines misread its digits apart ("DE812706084" / "DE812706034"; Tesseract drops
   * a till's "UID Nr.: DE…" line Paddle reads). An id without check digits (a Malaysian GST number) checks nothing:
   * the other engine's misread of it ('600381399040' for '000381399040') would pass for the shop's */
  vendor_vat: (first: ExtractedFields['vendor_vat'], other: ExtractedFields['vendor_vat']) =>
    other.value !== null && checksumHolds(other.value) === true && (first.value === null || checksumHolds(first.value) === false),
} as const satisfies Partial<Record<FieldName, (first: never, other: never) => boolean>>;

export interface EngineFieldsResult {
  fields: ExtractedFields;
  /** the fields taken from the other reading */
  taken: FieldName[];
  /** where they were read (their evidence is that reading's) */
  reading: AmountsReading | null;
}

/** The first reading's fields with the vendor's name and the date the other engine's reading gives better. */
export function takeEngineFields(first: ExtractedFields, second: EngineLookReading): EngineFieldsResult {
  const fields = { ...first };
  const taken: FieldName[] = [];
  if (ENGINE_FIELDS.vendor_name(first.vendor_name, second.fields.vendor_name, second.ranking?.vendor_name)) {
    fields.vendor_name = second.fields.vendor_name;
    taken.push('vendor_name');
  }
  if (ENGINE_FIELDS.vendor_vat(first.vendor_vat, second.fields.vendor_vat)) {
    fields.vendor_vat = second.fields.vendor_vat;
    taken.push('vendor_vat');
  }
  if (ENGINE_FIELDS.date(first.date, second.fields.date)) {
    fields.date = second.fields.date;
    taken.push('date');
  }
  if (ENGINE_FIELDS.currency(first.currency, second.fields.currency)) {
    fields.currency = second.fields.currency;
    taken.push('currency');
  }
  const reading = taken.length ? readingOf(second) : null;
  return { fields, taken, reading };
}
