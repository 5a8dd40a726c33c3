// The evaluation corpus's bookkeeping: which documents are `tune` (rules may be tuned on them) and which are
// `holdout` (every figure we publish), decided by vendor family so that no vendor or template is on both sides.
// The rule is fixed (other tools and people compute it the same way): a family is in holdout iff the first byte of
// sha256(family id, UTF-8) is below 77, i.e. ≈30 % of families.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type Split = 'tune' | 'holdout';

/** The day the corpora's documents are judged against (evidence date-implausible: a date in the future or more than
 * ten years old), instead of the clock: the fitted calibration table must not drift as the calendar passes the
 * oldest receipts' tenth birthday (a 2016 SROIE receipt turned "years old" at midnight once). The day the corpora
 * were gathered; benchmarks take --now to judge otherwise. */
export const CORPUS_DAY = '2026-12-01';

/** --now's value, or the corpus day, as a Date; an error names a value that is not a day. */
export function judgingDay(value: string | undefined): Date {
  const day = value ?? CORPUS_DAY;
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) throw new Error(`--now is a day (YYYY-MM-DD), not "${day}"`);
  return date;
}
/** The currency of a corpus whose truths name none: SROIE receipts are Malaysian, in ringgit. */
export const CORPUS_CURRENCY: [RegExp, string][] = [[/(^|\/)sroie-\d+\.jpg$/, 'MYR']];

/** The currency of a corpus file whose truth names none (CORPUS_CURRENCY), null when its corpus has none. */
export function corpusCurrency(file: string): string | null {
  return CORPUS_CURRENCY.find(([re]) => re.test(file))?.[1] ?? null;
}

export const SPLITS: readonly Split[] = ['tune', 'holdout'];

export function splitOf(family: string): Split {
  return familyByte(family, 0) < 77 ? 'holdout' : 'tune';
}

/** The two halves of `tune`, for working on rules without fitting them: look at the `design` half's failures to
 * design a rule, then measure the `check` half, whose families the rule's author never looked at — a rule that moves
 * design and not check has fitted the documents it was made on. A tune family is in `design` iff the second byte of
 * sha256(family id) is below 128 (independent of the split's first byte). */
export type TuneHalf = 'design' | 'check';
export const TUNE_HALVES: readonly TuneHalf[] = ['design', 'check'];

export function tuneHalfOf(family: string): TuneHalf {
  return familyByte(family, 1) < 128 ? 'design' : 'check';
}

function familyByte(family: string, index: number): number {
  return createHash('sha256').update(family, 'utf8').digest()[index];
}

/** One manifest.json entry, as far as the benchmarks use it. */
export interface CorpusEntry {
  file: string;
  family?: string;
  split?: Split;
  /** Fields the visible page does not print (Factur-X whose XML carries more): not scored with --no-embedded. */
  text_layer_lacks?: string[];
}

/** manifest.json of a corpus directory by normalised relative path; empty when there is none. A `split` that
 * disagrees with the rule is an error: someone edited a family or a split by hand. */
export async function loadCorpusIndex(dir: string): Promise<Map<string, CorpusEntry>> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw err;
  }
  let entries: CorpusEntry[];
  try {
    entries = JSON.parse(text) as CorpusEntry[];
  } catch (err) {
    throw new Error(`manifest.json in ${dir} is unreadable: ${(err as Error).message}`);
  }
  const index = new Map<string, CorpusEntry>();
  for (const e of entries) {
    if (e.family !== undefined && e.split !== undefined && e.split !== splitOf(e.family))
      throw new Error(`manifest.json in ${dir}: ${e.file} says split "${e.split}" but family "${e.family}" is in ${splitOf(e.family)}`);
    index.set(path.normalize(e.file), e);
  }
  return index;
}

const SROIE_LEGAL_WORDS = new Set(['SDN', 'BHD', 'BERHAD', 'SENDIRIAN', 'SB', 'PLT']);

/** SROIE company labels of images 000–519 that name one shop or chain differently: spelling slips, and a branch
 * written without brackets. */
const SROIE_LABEL_ALIASES: Record<string, string> = {
  'bhpetrol-palekbang': 'bhpetrol',
  'bhpetrol-permas-jaya-2': 'bhpetrol',
  'bhpetrol-subang-airport': 'bhpetrol',
  'domino-s-pizza-taman-universiti': 'domino-s-pizza',
  'gl-handicraft-taii-oring': 'gl-handicraft-tail-oring',
  'rstoran-wan-sheng': 'restoran-wan-sheng',
  'ted-heng-stationery-books': 'teo-heng-stationery-books',
  'western-eastern-st-tionery': 'western-eastern-stationery',
  'y-soon-fatt': 'yong-soon-fatt',
};

/** Family of a SROIE receipt: its company label without branch (in brackets), legal form and punctuation, so that
 * "MR. D.I.Y. (KUCHAI) SDN BHD" and "MR D.I.Y. (M) SDN BHD" are one family: `sroie-mr-d-i-y`. */
export function sroieFamily(company: string): string {
  const words = company
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/\([^)]*\)?/g, ' ')
    .replace(/\bS\/B\b/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !SROIE_LEGAL_WORDS.has(w));
  const slug = words.join('-').toLowerCase() || 'unnamed';
  return `sroie-${SROIE_LABEL_ALIASES[slug] ?? slug}`;
}
