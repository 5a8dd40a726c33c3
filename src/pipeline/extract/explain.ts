import { roundHundredths } from '../rounding.js';
// Why a field got its value: the winning candidate and the runner-up, each with its score and the rules that
// scored it. Shown by `scan --explain`; the evidence flags are data for confidence calibration.

export interface ExplainedCandidate {
  value: string | number;
  score: number;
  /** the rules that found or scored this candidate, in the order they applied */
  why: string[];
}

export interface FieldExplain {
  winner: ExplainedCandidate | null;
  runner_up: ExplainedCandidate | null;
  /** the value that finally replaced the rules' winner (second look at the image, or the LLM) */
  replaced_by?: string | number | null;
  /** what replaced it, when a look says: `other-engine`, the other OCR engine's reading (./engine-look.ts) */
  replaced_in?: 'other-engine';
}

/** Cross-checks the amounts passed or failed; null when the check could not be made (a part was missing). */
export interface AmountEvidence {
  /** untaxed + tax (+ cash rounding) = total for the chosen values */
  adds_up: boolean | null;
  /** the line items' amounts sum to the chosen untaxed amount (or, with tax-inclusive prices, to the total) */
  lines_sum: 'untaxed' | 'total' | false | null;
  /** a payment line (card, cash − change) equals the chosen total */
  paid_matches_total: boolean | null;
  /** total − a prepayment printed on the page = another amount labelled as payable */
  payable_after_prepaid: boolean;
}

export interface Explanation {
  fields: Partial<Record<string, FieldExplain>>;
  evidence: AmountEvidence;
}

/** Winner and runner-up of a ranked list whose first element won (a distinct value for the runner-up). */
export function explainRanked<T extends { value: string | number; score: number; why: string[] }>(ranked: T[]): FieldExplain {
  const [winner] = ranked;
  if (!winner) return { winner: null, runner_up: null };
  const runner = ranked.slice(1).find((c) => c.value !== winner.value) ?? null;
  const shown = (c: T): ExplainedCandidate => ({ value: c.value, score: roundHundredths(c.score), why: [...c.why] });
  return { winner: shown(winner), runner_up: runner ? shown(runner) : null };
}
