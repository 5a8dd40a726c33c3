// The `learned` source's own calibration, in two parts kept apart:
//  - trust: which anchors are read at all and which of their readings is the learned value (an anchor's reliability
//    from its hits and misses, the memory's track record for the vendor's field) — never a confidence;
//  - probability: how often a value the memory supplied or confirmed was right, measured per *basis* (what the
//    memory did × the field's kind × how many documents confirmed it × how well the cell was read), fitted on the
//    tune split of `npm run bench:memory -- --fit` into data/memory-calibration.json and checked on holdout.
// One place: a re-fit changes only the data file; a new kind of evidence changes only basisOf.
import { readFileSync } from 'node:fs';
import { fromRoot } from '../paths.js';
import type { MatchedBy } from './match.js';
import type { Anchor, PlacedField, Tally, ValueKind } from './types.js';

// ---- trust: which value is chosen ----

/** An anchor that read the kept value h times and another one m times. */
export function anchorReliability(a: Pick<Anchor, 'hits' | 'misses'>): number {
  return (a.hits + 0.5) / (a.hits + a.misses + 1);
}

/** Anchors below this are not read any more: the profile lost trust in them. */
export const MIN_ANCHOR_RELIABILITY = 0.5;

/** A field whose learned picks were wrong more often than right is left to the rules. */
export function memoryDemoted(t: Tally): boolean {
  return t.misses > t.hits + 1;
}

/** A default (document type, currency) the vendor's documents had at least this often is offered. */
export const DEFAULT_SHARE = 0.8;

// ---- probability: how sure a value the memory supplied or confirmed is ----

/** What the memory did for a field: its anchors read the rules' own value, which the rules were already sure of
 * (`confirm`: their calibrated confidence at least RULES_SURE) or not (`agree`), read another value than the rules'
 * (`read`: a contest) or one the rules lacked (`fill`), the matched profile's partner named the vendor (`vendor`), or
 * the vendor's usual document type or currency was taken (`default`). Agreement with a sure reading and with an unsure
 * one are right at different rates (tune: 70/70 against 12/15 below 0.8), so they are cells of their own; so are a
 * fill and a contest (tune, round 18: 7/7 against 3/11) — where the rules found nothing the learned place is the only
 * reading, where they read another value the page holds two candidates and the learned place's is often a misread or
 * another line's. Where no anchor read a reference, the vendor's learned pattern (shape and digit counts) still tells
 * its number from the page's others: the rules' own number in it (`pattern`: an agreement), or the one of the rules'
 * other candidates in it where their pick is not (`choose`: a contest) — situations of their own, unfitted until
 * measured: a contest never borrows an agreement's odds. A reference OCR garbled that the vendor's pattern repairs
 * (`repair`: apply.ts repairReference) is a situation of its own too; so is a fill read from a printing OCR damaged
 * beyond the rules' reading (`damaged`: a till stamp "13707/2017", values.ts ValueReading): such readings happen where
 * the rules fail, so the fills measured where the rules read the value (calibration-fit.ts withheldFills) do not measure
 * them — unfitted until their own fills are measured; an amount read glued to letters (`glued`: "M1.00", values.ts
 * gluedToMark) is such a reading too, in cells of its own, never fitted (calibration-fit.ts): its mark's damage may
 * have reached its digits, where a lost digit's reading must match the rules' amount. An amount contest the page's arithmetic settled for the learned
 * reading (`page`: apply.ts settleByPage) is a situation of its own too, unfitted until measured. */
export type Situation = 'confirm' | 'agree' | 'read' | 'fill' | 'damaged' | 'glued' | 'vendor' | 'default' | 'pattern' | 'choose' | 'repair' | 'page';

/** The rules' calibrated confidence from which an anchor's agreement is a `confirm`ation. */
export const RULES_SURE = 0.95;

/** Whether the anchors reading the rules' own value confirm it or only agree: the rules were sure (their calibrated
 * confidence at least RULES_SURE), or the anchors read it in two cells of the page — the vendor's total printed beside
 * "Subtotal" and "Total incl. GST" read alike twice is two readings, not the rules' one misread seen again (tune:
 * such agreements with unsure rules right 3 of 3, confirmations from two places 44 of 44). */
export function agreement(rulesCalibrated: number, places: number): 'confirm' | 'agree' {
  return rulesCalibrated >= RULES_SURE || places >= MAX_PLACES ? 'confirm' : 'agree';
}

/** An OCR cell read at least this sure counts as well read (text layers are 1). */
const OCR_WELL_READ = 0.85;
/** Confirmations are counted up to this many; more say nothing new on the corpus. */
export const MAX_SUPPORT = 3;

/** Cells of the page a value was read in, counted up to this: read where two learned labels stand, a value is
 * corroborated (tune, readings against the rules': right 4/4 from two places, 1/9 from one with PaddleOCR; 2/2 and
 * 1/7 with Tesseract). */
export const MAX_PLACES = 2;

/**
 * The calibration cell of a value the anchors read: `situation:kind:aN:support:ocr:field`. N is how many cells of the
 * page the anchors read it in (1, or 2 for two and more); support is how many earlier documents the anchor read the
 * kept value on, net of its misses, minus one when the memory's own picks for this field were wrong as often as
 * half the time (a profile that predicts wrong loses weight). The field, finest, is measured on its own and shrunk
 * toward its kind's cell: fields of one kind are not wrong alike — a document prints one total, and its tax and
 * untaxed amount once per tax rate (a learned "MwSt" reads one rate's line; tune: confirmed totals 78/78 right,
 * confirmed taxes and untaxed amounts 21/22), one invoice date and sometimes several due dates.
 */
export function anchorBasis(
  situation: 'confirm' | 'agree' | 'read' | 'fill' | 'damaged' | 'glued', kind: ValueKind, anchor: Pick<Anchor, 'hits' | 'misses'>, learned: Tally, ocrConfidence: number, places = 1, field?: PlacedField,
): string {
  let support = Math.max(0, anchor.hits - anchor.misses);
  if (learned.misses > 0 && 2 * learned.misses >= learned.hits) support -= 1;
  support = Math.min(MAX_SUPPORT, Math.max(0, support));
  return `${situation}:${kind}:a${Math.min(MAX_PLACES, Math.max(1, places))}:${support}:${ocrConfidence >= OCR_WELL_READ ? 'hi' : 'lo'}${field ? `:${field}` : ''}`;
}

/** The cell of the vendor the matched profile names: the field (name or VAT; `renamed`: the partner's name where the
 * rules read another name of the vendor fairly surely, a cell of its own so that it does not lower the name's) and how
 * the document was matched —
 * for the VAT, `printed` when the page prints the vendor's own VAT id, whatever matched it, and `confirm:vat` when
 * the rules read that very id and were sure of it (`rulesCalibrated` at least RULES_SURE): the profile's partner
 * then confirms a sure reading, as an anchor reading a sure value does, not a VAT id the memory supplies (tune:
 * 12 of 12 right, where the partner's id printed but not read surely by the rules was right 3 of 4). */
export function vendorBasis(field: 'name' | 'vat' | 'renamed', by: MatchedBy, printed = false, rulesCalibrated = 0): string {
  if (field === 'vat' && printed && rulesCalibrated >= RULES_SURE) return 'confirm:vat';
  if (field === 'vat' && printed) return 'vendor:vat:printed';
  return `vendor:${field}:${by === 'partner' || by === 'vat' || by === 'iban' ? 'id' : by}`;
}

/** The cell of a vendor's usual document type or currency, or of its documents carrying no tax (`notax`: the
 * untaxed amount and the tax it gives), seen on n of its documents. */
export function defaultBasis(field: 'doc_type' | 'currency' | 'notax', n: number): string {
  return `default:${field}:${Math.min(MAX_SUPPORT, n)}`;
}

export interface MemoryCalibration {
  version: 1;
  /** How and on what it was fitted: for people, not read by code. */
  fitted: Record<string, unknown>;
  /** probability per cell and per coarser cell (a prefix of it): `agree`, `agree:amount`, `agree:amount:2`, … */
  cells: Record<string, number>;
  /** [right, seen] behind each cell, on the split it was fitted on */
  counts: Record<string, [number, number]>;
}

/** Before any fit, or a situation the fit never saw: nothing the memory does alone reaches a write threshold, and
 * a read value replaces none of the rules'. */
const UNFITTED: Record<Situation, number> = { confirm: 0.9, agree: 0.9, read: 0.5, fill: 0.5, damaged: 0.5, glued: 0.5, vendor: 0.85, default: 0.8, pattern: 0.5, choose: 0.5, repair: 0.5, page: 0.5 };

/** A learned value replaces one the rules read only when values like it (its cell) were right more often than this
 * and more often than the rules' value is (their calibrated confidence). */
export const REPLACE_AT = 0.5;

/** Most a learned value is ever believed. */
export const MAX_LEARNED_PROBABILITY = 0.99;

/** The probability of a cell: the finest fitted cell that is a prefix of it. */
export function probabilityOf(basis: string, table: MemoryCalibration | null = shippedMemoryCalibration()): number {
  const parts = basis.split(':');
  // a table fitted before fills and contests were told apart measured fills in its `read` cells: they stand for them
  if (parts[0] === 'fill' && table && table.cells.fill === undefined && table.cells.read !== undefined) parts[0] = 'read';
  for (let n = parts.length; n >= 1; n--) {
    const p = table?.cells[parts.slice(0, n).join(':')];
    if (p !== undefined) return Math.min(MAX_LEARNED_PROBABILITY, p);
  }
  return UNFITTED[parts[0] as Situation] ?? 0.5;
}

let shipped: MemoryCalibration | null | undefined;
export function shippedMemoryCalibration(): MemoryCalibration | null {
  if (shipped === undefined) {
    try {
      shipped = loadMemoryCalibration(fromRoot('data', 'memory-calibration.json'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      shipped = null;
    }
  }
  return shipped;
}

export function loadMemoryCalibration(file: string): MemoryCalibration {
  const table = JSON.parse(readFileSync(file, 'utf8')) as MemoryCalibration;
  if (table.version !== 1 || typeof table.cells !== 'object') throw new Error(`${file} is not a memory calibration (version 1)`);
  return table;
}

/** The confidence of a field the memory supplied or confirmed, given the rules' own calibrated reading: a value the
 * rules read too keeps the surer of the two probabilities; a value only the memory had takes the memory's. */
export function memoryConfidence(rules: { value: unknown; confidence: number }, learned: { value: unknown; confidence: number }): number {
  return rules.value === learned.value ? Math.max(rules.confidence, learned.confidence) : learned.confidence;
}
