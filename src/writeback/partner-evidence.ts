// The write-back's own evidence for the vendor: the name or VAT read from the document matches a res.partner.
// A misread name or VAT seldom matches an existing partner exactly, so such a match raises the vendor's
// probability by a likelihood ratio (odds × LR). The ratios are set, not fitted: the corpus holds no Odoo partner
// data to measure them on (docs/extraction.md#calibration says so). Fuzzy name matches earn nothing.
import { MAX_PROBABILITY } from '../pipeline/confidence/calibrate.js';
import type { MatchMethod } from './partner-match.js';
import { roundHundredths } from '../pipeline/rounding.js';

const LIKELIHOOD_RATIO: Record<MatchMethod, number> = { vat: 50, iban: 50, name: 20, 'earlier-bills': 10, fuzzy: 1 };

export function withPartnerMatch(probability: number, method: MatchMethod | null): number {
  if (!method || probability <= 0) return probability;
  const odds = (Math.min(probability, MAX_PROBABILITY) / (1 - Math.min(probability, MAX_PROBABILITY))) * LIKELIHOOD_RATIO[method];
  return roundHundredths(Math.min(MAX_PROBABILITY, Math.max(probability, odds / (1 + odds))));
}
