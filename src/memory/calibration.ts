// The `learned` source's own calibration: how sure a value the memory supplies is, from how often the profile's
// anchors and picks were right before. The constants were fitted on the tune split of `npm run bench:memory`
// (docs/memory.md gives the measured precision per bucket); one place, so a re-fit changes only this file.
import type { MatchedBy } from './match.js';
import type { Anchor, Tally } from './types.js';

/** An anchor that read the kept value h times and another one m times. */
export function anchorReliability(a: Pick<Anchor, 'hits' | 'misses'>): number {
  return (a.hits + 0.5) / (a.hits + a.misses + 1);
}

/** Anchors below this are not read any more: the profile lost trust in them. */
export const MIN_ANCHOR_RELIABILITY = 0.5;

/** How often a source was right for this vendor, with a prior of `prior` worth two documents. */
export function rate(t: Tally, prior: number): number {
  return (t.hits + 2 * prior) / (t.hits + t.misses + 2);
}

/** Prior trust in the memory's pick and in the rules' pick, before a vendor's history says otherwise. */
export const LEARNED_PRIOR = 0.85;
export const RULES_PRIOR = 0.7;

/** A field whose learned picks were wrong more often than right is left to the rules. */
export function memoryDemoted(t: Tally): boolean {
  return t.misses > t.hits + 1;
}

/** Confidence of a learned value that the rules also found. */
export function agreeingConfidence(rulesConfidence: number, reliability: number): number {
  return Math.max(rulesConfidence, Math.min(0.98, 0.9 + 0.1 * reliability));
}

/** Reliability of an anchor that read the kept value on two documents without a miss. */
export const PROVEN_ANCHOR = 0.8;

/** Confidence of a learned value the rules did not find (`gap`) or read differently. */
export function learnedConfidence(reliability: number, learned: Tally, ocrConfidence: number, gap: boolean): number {
  const trust = rate(learned, LEARNED_PRIOR);
  const ocr = Math.min(1, ocrConfidence / 0.85);
  const base = (0.55 + 0.45 * reliability) * (0.6 + 0.4 * trust) * (0.8 + 0.2 * ocr) + 0.1;
  return Math.min(0.95, gap ? base : base - 0.03);
}

/** Confidence of the profile's vendor (the partner's name and VAT) given how the document was matched. */
export function vendorConfidence(by: MatchedBy, similarity: number): number {
  if (by === 'partner' || by === 'vat' || by === 'iban') return 0.97;
  if (by === 'domain' || by === 'name') return 0.92;
  return Math.min(0.95, 0.82 + 0.3 * (similarity - 0.5));
}

/** A default (document type, currency) the vendor's documents had at least this often is offered. */
export const DEFAULT_SHARE = 0.8;
