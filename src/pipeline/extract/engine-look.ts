// Under OCR_ENGINE=auto a receipt is read by one engine, chosen by its language (../ocr/engines.ts): Paddle for
// English pages, Tesseract for the others. The two engines misread differently — Tesseract loses ≈150 dpi till
// digits and whole total lines, Paddle reads them but has no € or umlauts —, so a receipt's total is also read in the
// other engine's reading of the page (doc.readOtherEngine), and the two are compared:
// - the same total: both engines read it (`engines-agree`, evidence the calibration weighs);
// - another total, which the other reading backs better (a label or the page's arithmetic: a payment, untaxed +
//   tax, the item lines; backed at all) than the first reading backs its own, or the first reading found no total: the other
//   reading's amounts are taken (`engines-changed`, also when the first reading found none); a Paddle reading's total
//   is replaced only when it found none (Tesseract reads till digits worse: on the SROIE holdout, Tesseract's better
//   backed totals replaced 9 right Paddle totals and mended 2 — a rule chosen after that one look, see the README);
// - another total, not taken (`engines-differ`).
// It costs one more OCR of the page: by default (ENGINE_LOOK=when-needed) it runs only when the first reading found no
// total or its page backs the total weakly (needsEngineLook); `always` cost 1.55× the time per receipt (median CPU,
// bench:engine-look-cost), `when-needed` 1.03×, with the same tune totals.
// Measured on the fixtures' tune receipts (docs/ocr.md, "The other engine's total").
import type { ExtractedFields, LineItem } from '../../contract.js';
import { labelledWinner } from '../confidence/evidence.js';
import type { ReadDocument } from '../document.js';
import type { AmountEvidence, FieldExplain } from './explain.js';
import { amountsOf, totalSupport } from './total-backing.js';
import { AMOUNTS_ADD_UP } from './totals.js';
import { misreadSdnBhd } from './legal-forms.js';

/** What the other engine's reading said about the total (`engines-*` evidence). */
export type EngineLookOutcome = 'agreed' | 'changed' | 'differs';

export const ENGINE_LOOK = {
  /** documents of more OCR pages are not read again (a receipt has one or two) */
  maxPages: 2,
  /** ENGINE_LOOK=when-needed: a first total its page backs at least this much (backing(): a label beside it, a
   * payment equal to it, untaxed + tax, the item lines) is not read again */
  neededBelow: 2,
} as const;

/** When the other engine reads a receipt's page (ENGINE_LOOK, `scan`/worker setting; ReadOptions/ScanOptions/
 * ExtractOptions `engineLook`): `always`; `when-needed`, only when the first reading's total needs it
 * (needsEngineLook); `off`, never (one OCR per page, as under OCR_ENGINE=tesseract|paddle). */
export const ENGINE_LOOK_MODES = ['always', 'when-needed', 'off'] as const;
export type EngineLookMode = (typeof ENGINE_LOOK_MODES)[number];
export const DEFAULT_ENGINE_LOOK: EngineLookMode = 'when-needed';

/** An ENGINE_LOOK value (a flag's or the environment's; default DEFAULT_ENGINE_LOOK), or an error naming the modes. */
export function parseEngineLook(value: string | undefined, name = 'ENGINE_LOOK'): EngineLookMode {
  const mode = value ?? DEFAULT_ENGINE_LOOK;
  if (!(ENGINE_LOOK_MODES as readonly string[]).includes(mode)) throw new Error(`${name}: one of ${ENGINE_LOOK_MODES.join(', ')}, not "${mode}"`);
  return mode as EngineLookMode;
}

/** One reading's total and what backs it. */
export interface EngineLookReading {
  fields: ExtractedFields;
  evidence: AmountEvidence;
  /** the rules' ranking of the total (its winner's reasons say whether a label was beside it) */
  total?: FieldExplain;
  /** the rules' ranking of every field, and the document read (the other engine's reading; absent for the first) */
  ranking?: Partial<Record<string, FieldExplain>>;
  doc?: ReadDocument;
  /** the line items the rules read on it */
  lines?: LineItem[];
}

/** Where the amounts taken from the other reading were read: their evidence (printed twice, beside a label, the
 * largest amount, the tax table…) is that reading's, not the first's, where they may not be printed at all. */
export interface AmountsReading {
  text: string;
  ocrLines: ReadDocument['pages'][number]['lines'];
  ranking: Partial<Record<string, FieldExplain>>;
  /** its line items (whether they add up to the total taken) */
  lines: LineItem[];
  /** what its amount rules found (its payments against its total) */
  amounts?: AmountEvidence;
}

export interface EngineLookOptions {
  /** the rules over a document (the same as the first reading's) */
  read: (doc: ReadDocument) => EngineLookReading;
  /** ENGINE_LOOK (default DEFAULT_ENGINE_LOOK) */
  mode?: EngineLookMode;
  /** otherReadingCertain, when the caller has asked it already (extractFields does, before its own looks: they
   * change no document type, so the answer stands) */
  certain?: boolean;
}

export interface EngineLookResult {
  fields: ExtractedFields;
  outcome: EngineLookOutcome | null;
  /** the other reading's amounts' evidence, when its total was taken */
  evidence?: AmountEvidence;
  /** and where they were read */
  reading?: AmountsReading;
  /** the total the other reading gave (null: none, or the page was not read again) */
  other?: number | null;
  /** the other engine's reading itself, whenever the page was read again (./engine-fields.ts weighs its vendor and
   * date against the first reading's) */
  second?: EngineLookReading;
}

/** A document the other engine reads again: a receipt (or a page whose type is not told) read by OCR. */
export function wantsEngineLook(doc: ReadDocument, fields: ExtractedFields): boolean {
  const ocr = doc.pages.filter((p) => p.source === 'ocr');
  if (!doc.readOtherEngine || ocr.length === 0 || ocr.length > ENGINE_LOOK.maxPages || ocr.length !== doc.pages.length) return false;
  const type = fields.doc_type.value;
  return type === 'receipt' || type === null || type === 'other';
}

/** ENGINE_LOOK=when-needed: whether the first reading needs the other engine's reading, decided from the first
 * reading alone (the other OCR costs as much as the first): it found no total, or its page backs the total weakly
 * (backing() under ENGINE_LOOK.neededBelow), or it found no date — the one case where the other reading's date is
 * taken (./engine-fields.ts), so a look skipped there loses it for certain; or its shop's name ends in a misread
 * "Sdn Bhd" (legal-forms.ts misreadSdnBhd). */
export function needsEngineLook(first: EngineLookReading): boolean {
  if (first.fields.amount_total.value === null || first.fields.date.value === null || backing(first) < ENGINE_LOOK.neededBelow) return true;
  // a shop's company form read misspelt: its header line was misread, which the other engine may read clean
  // (./engine-fields.ts weighs the two names)
  const name = first.fields.vendor_name.value;
  return name !== null && misreadSdnBhd(name);
}

/** ENGINE_LOOK=when-needed: a receipt whose pages Tesseract read (under `auto`, one not in English) is read by Paddle
 * too, however well its total is backed: Tesseract loses the logos and large header type Paddle reads, so Paddle's
 * reading gives the shop's name (./engine-fields.ts). Until the language look (../ocr/language-look.ts) such a page
 * was always read by Paddle first, and its reading set aside was taken (doc.otherReadingFree): measured on tune, the
 * look without this rule lost 2 right shop names of 44 receipts2 (and the `words-sure` evidence of others). */
export function readByTesseract(doc: ReadDocument): boolean {
  const ocr = doc.pages.filter((p) => p.source === 'ocr');
  return ocr.length > 0 && ocr.every((p) => p.ocrEngine === 'tesseract');
}

/** Whether the other engine's reading of the document will be taken whatever the first reading's total: `always`, a
 * reading the language choice already made (it costs nothing), or a page Tesseract read (worth Paddle's reading
 * whatever its total, readByTesseract). Known before extraction's own second looks (./looks-by-engine.ts). */
export function otherReadingCertain(doc: ReadDocument, fields: ExtractedFields, mode: EngineLookMode = DEFAULT_ENGINE_LOOK): boolean {
  if (mode === 'off' || !wantsEngineLook(doc, fields)) return false;
  return mode === 'always' || doc.otherReadingFree === true || readByTesseract(doc);
}

export async function engineLook(doc: ReadDocument, first: EngineLookReading, opts: EngineLookOptions): Promise<EngineLookResult> {
  const none: EngineLookResult = { fields: first.fields, outcome: null };
  const mode = opts.mode ?? DEFAULT_ENGINE_LOOK;
  if (mode === 'off' || !wantsEngineLook(doc, first.fields)) return none;
  if (!(opts.certain ?? otherReadingCertain(doc, first.fields, mode)) && !needsEngineLook(first)) return none;
  const read = doc.readOtherEngine!;
  const done = new AbortController(); // a page's OCR still running when the look ends (another page failed) stops
  try {
    const others = await Promise.all(doc.pages.map((p) => read(p.page, done.signal)));
    if (others.some((p) => !p)) return none;
    const pages = others.map((p) => p!);
    const other: ReadDocument = { ...doc, pages, text: pages.map((p) => p.text).join('\f') };
    const second: EngineLookReading = { ...opts.read(other), doc: other };
    return { ...compareTotals(first, second, doc.pages.every((p) => p.ocrEngine === 'tesseract')), second };
  } catch {
    // the other engine failing (its model, an OCR timeout), or the rules failing on its reading, leaves the first
    // reading as it was: it read the page; past the document's deadline the scan stops anyway
    return none;
  } finally {
    done.abort();
  }
}

/** The two readings' totals compared (see the file's head). `replaceable`: the first reading is Tesseract's, whose
 * till digits Paddle reads better; a Paddle reading's total is replaced by Tesseract's only when it found none. */
export function compareTotals(first: EngineLookReading, second: EngineLookReading, replaceable = true): EngineLookResult {
  const a = first.fields.amount_total.value;
  const b = second.fields.amount_total.value;
  if (b === null) return { fields: first.fields, outcome: a === null ? null : 'differs', other: null };
  if (a !== null && Math.abs(a - b) < 0.005) return { fields: first.fields, outcome: 'agreed', other: b };
  if (a === null || (replaceable && backing(second) > 0 && backing(second) > backing(first))) {
    const reading = readingOf(second) ?? undefined;
    return { fields: { ...first.fields, ...amountsOf(second.fields), ...currencyWithTotal(first, second) }, outcome: 'changed', evidence: second.evidence, other: b, ...(reading ? { reading } : {}) };
  }
  return { fields: first.fields, outcome: 'differs', other: b };
}

/** The currency goes with the total it was read beside: a page that prints its total in two currencies (a Swiss
 * till's "Total CHF 54.50" and "Entspricht in Euro 36.35 EUR") gives each reading the currency of the total it chose,
 * so amounts taken from the other reading take its currency when it names one the first reading does not. A reading
 * that names none (Paddle writes no €) leaves the first reading's. */
export function currencyWithTotal(first: EngineLookReading, second: EngineLookReading): Pick<ExtractedFields, 'currency'> | Record<string, never> {
  const theirs = second.fields.currency;
  return theirs.value !== null && theirs.value !== first.fields.currency.value ? { currency: theirs } : {};
}

/** Where values taken from the other engine's reading were read (their evidence is computed there); null for a
 * reading without its document (the first). */
export function readingOf(r: EngineLookReading): AmountsReading | null {
  if (!r.doc) return null;
  return { text: r.doc.text, ocrLines: r.doc.pages.filter((p) => p.source === 'ocr').flatMap((p) => p.lines), ranking: r.ranking ?? {}, lines: r.lines ?? [], amounts: r.evidence };
}

/** How much a reading's page backs its total: a label beside it, the summary's arithmetic (./total-backing.ts), or,
 * on a slip whose total's label was lost, the amounts above it adding up to it (totals.ts amountsAddingUp: worth what
 * the item lines adding up to it are worth). */
export function backing(r: EngineLookReading): number {
  const itemsAddUp = !r.evidence.lines_sum && !!r.total?.winner?.why.includes(AMOUNTS_ADD_UP);
  return (labelledWinner(r.total) ? 1 : 0) + totalSupport(r.evidence) + (itemsAddUp ? 1 : 0);
}
