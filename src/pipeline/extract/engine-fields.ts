// Under OCR_ENGINE=auto a receipt's page is read by both engines when the other engine's look runs (./engine-look.ts,
// which weighs the two readings' totals). The two engines also misread the shop's name and the date differently:
// Tesseract, which reads the non-English slips first, loses logos and large header type ("LODL", "SEM", an address
// or a payment line taken for the name) and whole date lines that Paddle reads; Paddle, first on English slips,
// misspells a header Tesseract reads clean ("LIGHIROO GALLERSDN BHD"). So, once the other reading exists:
// - the shop's name the rules trust more is taken: the other reading's when the first found none, or when the rules
//   gave the other's a higher confidence; of one name both read, the reading that keeps its words apart, whatever
//   the confidences (runsWordsTogether: Paddle drops the gaps of a line it reads tight, "FEBERTINO HACIELRESTAURANTEME");
// - a date is taken from the other reading only when the first found none.
// Measured on tune under auto (bench:accuracy, same OCR cache): the fixtures' receipts (receipts2, receipts3, sroie;
// 69) vendor 41 -> 48 (11 mended, 4 broken: a town or a slogan the other reading trusted more), date 48 -> 56 of 60
// (8 mended, none broken); the SROIE receipts (345) vendor 309 -> 313 (6 mended, 2 broken), date 332 -> 335 (3
// mended, one missing date now another wrong one). Totals unchanged.
// Evidence for a value taken is computed on the reading it came from (../confidence/index.ts).
import type { ExtractedFields, FieldName } from '../../contract.js';
import { withoutAccents } from '../accents.js';
import { editDistance } from '../edit-distance.js';
import { type AmountsReading, type EngineLookReading, readingOf } from './engine-look.js';
import { LEGAL_FORM_WORDS } from './legal-forms.js';

/** Letters and digits of a name, accents and case aside. */
const letters = (name: string): string => withoutAccents(name).toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
/** A name's runs of letters: its words, whatever stands between them (a space, a parenthesis, a dot, a digit misread
 * for a letter) — "GARDENIA BAKERIES(KL)SDN BHD" has five, as "GARDENIA BAKERIES (KL) SDN BHD" has. */
const letterRuns = (name: string): number => name.split(/[^\p{L}]+/u).filter(Boolean).length;

/** Letters per misread letter under which two readings spell one name ("F E BERTINO MACIEL RESTAURANTE ME" and
 * "FEBERTINO HACIELRESTAURANTEME": one in 28). */
const LETTERS_PER_SLIP = 8;
/** Letter runs one reading must have fewer than the other to read as words run together: one run is as often a word
 * an engine split ("Kauf land") as a gap the other lost ("SCAUCHAN ROMANIA SA"). */
const RUN_TOGETHER = 2;

const LEGAL_FORM_WORD_SET: ReadonlySet<string> = new Set(LEGAL_FORM_WORDS);
/** A name's words as written: how many are legal forms ("SDN BHD": two; "SDN 8HD", "SDN BID": one), and how many
 * mix letters and digits ("8HD", "Sc0op": a letter read as a digit). */
function wordsOf(name: string): { forms: number; mixed: number } {
  const words = withoutAccents(name).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return { forms: words.filter((w) => LEGAL_FORM_WORD_SET.has(w)).length, mixed: words.filter((w) => /\p{L}/u.test(w) && /\d/.test(w)).length };
}

/** The two readings spell one name and `glued` runs at least RUN_TOGETHER of `spaced`'s words together: an engine
 * that reads a line's spacing wrong drops the gaps between words, it does not invent them. Words are counted as runs
 * of letters, not by spaces: a parenthesis or a dot parts two words as a space does. The spaced reading must spell
 * its words no worse than the glued one: no legal form lost ("SDN BHD" read "SDN 8HD"), no letter read as a digit. */
export function runsWordsTogether(glued: string, spaced: string): boolean {
  const [g, s] = [letters(glued), letters(spaced)];
  if (g.length < LETTERS_PER_SLIP || editDistance(g, s) > Math.floor(Math.max(g.length, s.length) / LETTERS_PER_SLIP)) return false;
  if (letterRuns(spaced) - letterRuns(glued) < RUN_TOGETHER) return false;
  const [wg, ws] = [wordsOf(glued), wordsOf(spaced)];
  return ws.forms >= wg.forms && ws.mixed <= wg.mixed;
}

/** The fields the other engine's reading may give, and when. */
export const ENGINE_FIELDS = {
  /** the more trusted name of the two readings (a tie keeps the first's); of one name read by both, the reading that
   * keeps its words apart (runsWordsTogether) */
  vendor_name: (first: ExtractedFields['vendor_name'], other: ExtractedFields['vendor_name']) =>
    other.value !== null &&
    (first.value === null || (!runsWordsTogether(other.value, first.value) && (other.confidence > first.confidence || runsWordsTogether(first.value, other.value)))),
  /** the other reading's date, only when the first found none */
  date: (first: ExtractedFields['date'], other: ExtractedFields['date']) => first.value === null && other.value !== null,
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
  if (ENGINE_FIELDS.vendor_name(first.vendor_name, second.fields.vendor_name)) {
    fields.vendor_name = second.fields.vendor_name;
    taken.push('vendor_name');
  }
  if (ENGINE_FIELDS.date(first.date, second.fields.date)) {
    fields.date = second.fields.date;
    taken.push('date');
  }
  const reading = taken.length ? readingOf(second) : null;
  return { fields, taken, reading };
}
