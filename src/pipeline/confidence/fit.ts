// Fits the calibration table from labelled samples (raw score, evidence, right or wrong), per field × source group.
// The corpus is small (tens of samples per field and source outside the SROIE receipts), so every estimate is
// shrunk:
//  1. the score: per field × source, a logistic regression of right/wrong on logit(raw score) and the evidence
//     present, fitted jointly (pieces of evidence that come together, such as a total printed twice and read with
//     high OCR confidence, are not counted twice) with a ridge prior: the raw score's coefficient toward 1, each
//     evidence weight toward 0 with RIDGE pseudo-precision, so rare evidence is worth little; weights are capped at
//     ±MAX_WEIGHT. The score is the fitted log-odds: bias + coefficient·logit(raw) + the weights of the evidence;
//  2. the score is binned (SCORE_EDGES, finer near the write threshold's log-odds);
//  3. each bin's measured rate is shrunk toward what the regression predicts for it (the mean fitted probability of
//     its samples), p = (right + m·p_fitted) / (n + m), so a bin of 25 right values out of 25 does not claim
//     certainty, and the row is then made non-decreasing in the score (pool-adjacent-violators, weighted by n + m).
//     With crossFit, the scores binned in steps 2–3 are out-of-fold: each document's values are scored by a
//     regression fitted without that document, so the bins measure how right values are on documents the regression
//     has not seen (in-sample scores are spread wider than new documents' and the bins then claim too much);
//  4. with pooledPrior, the ridge of step 1 pulls a source's coefficients toward the field's regression over both
//     read sources (ocr and pdf-text), not toward 0: a sum that adds up means the same on a text layer as on a photo,
//     and the text layer's few samples then only move what they measure;
//  5. with kindCells, a field × source also gets a row per kind of document (receipt / bill) where that kind has
//     enough samples: receipts' totals and bills' totals are not right equally often at the same score;
//  6. with biasPrior, the regression's bias has a prior too (toward 0, the raw score taken as it is — never toward a
//     pooled regression's bias, which is the OCR's: a text layer's own offset is what it must keep): without it, a
//     field × source whose few samples were all right (17 text-layer untaxed amounts) drives its bias to +6.
//     A source's pool "|source" is fitted the same way over all its fields: the row used for a field the table never
//     saw with that source;
//  7. with map 'platt', step 3's bins get a Platt map instead: p = sigmoid(a + b·score), a and b fitted on the row's
//     scores (out-of-fold with crossFit; in-sample, the map is close to the regression's own probability) with a weak
//     prior toward 0 and 1 (PLATT_PRECISION), each bin taking the map's mean over its values (with a finite
//     mapStrength, shrunk from its own rate by that many pseudo-samples instead). Two parameters per row instead of
//     one rate per bin: near the write threshold a bin holds a few dozen values, and one wrong tune value moved a bin
//     of 36 Paddle dates from 0.998 to 0.974 (receipts' dates written on holdout 95 -> 90 %); the map moves a little
//     everywhere instead. The bins check the map (checkPlatt): a bin of 10+ values whose own rate's 95 % interval
//     lies below it caps it there (a field that levels off below certainty), then the row is made non-decreasing;
//     the capped bins are in fitted.capped_by_bins, printed by scripts/fit-calibration.ts;
//  8. with familyPrior (default FAMILY_PRIOR; 0: off), a row of a read source (ocr, ocr-paddle, pdf-text) whose values
//     were ALL right is capped at what its vendor families show: the lower bound, at familyConfidence (default
//     PRECISION_CONFIDENCE, the write threshold's own), of its right rate under a Beta posterior with families as the
//     unit — Beta(F + s·r0, s·(1 − r0)), F the row's families, r0 the same field's right rate (families as the unit)
//     over the other read sources, s = familyPrior families (familyCeiling). Such a row is unidentified: its
//     regression's bias and its map run off toward certainty however few documents stand behind it (78 text-layer
//     invoice numbers, all right on tune because the rules were fixed on those documents: bias +7.6, every number at
//     0.999, 19 of 22 right on holdout), and the threshold's bootstrap bound over families says 100 % for it whatever
//     F is. So it may claim only what that many independent families all right show, with the field's readings
//     elsewhere as the prior: where they are never wrong (VAT ids, whose check digits hold) little is needed, where
//     they are often wrong (invoice numbers) many families are. A row with a wrong value identifies its own
//     regression and is left to it. E-invoices are exempt: their values are parsed from the XML's own elements, exact
//     by construction (one parser per format, nothing read off a page whose rules were tuned on tune's layouts),
//     and the same field's reading rate on pages is no prior for them.
//  9. with firstSeen (data/first-seen.json, scripts/first-seen.ts: per field × source, the values the rules read on tune
//     documents they had never seen — each document read by the code of the commit before the one that added it —,
//     right or wrong, with their evidence and vendor family), 8's ceiling is centred on that first-seen right rate
//     (families as the unit) and holds every row of a read source that has one, all right on tune or not: tune values
//     were read by rules fixed on them, so neither an all-right row nor a row whose few wrong values came with the last
//     batch is measured by them (the twelfth batch's fresh wrong invoice numbers made the text-layer row not all
//     right, which lifted 8's ceiling, and the regression's evidence — a number label, a number printed twice — was
//     learned on numbers the rules had been fitted to: 14 of 18 right on holdout). The tune families count at their
//     own right share, Beta(F·r + s·r0, F·(1 − r) + s·(1 − r0)), r0 the first-seen rate and s its own families (the
//     first-seen values are as many pieces of evidence as their families, not FAMILY_PRIOR's two: weighed as two, 52 tune
//     families of untaxed amounts read by rules fixed on them swamped 40 families first seen at 0.78 and the ceiling said
//     0.91), and the ceiling is that posterior's mean — a probability, as calibrate() reports it, not a lower bound: the
//     first-seen families already keep it from certainty (text-layer ceilings of 2026-12-06: untaxed amounts 0.908 ->
//     0.879, taxes 0.978 -> 0.943, numbers without a number label 0.933 -> 0.892, with one 0.997 -> 0.991; none crosses
//     the write threshold 0.99). Values that carry one of
//     calibrate.ts's CHECKS (a sum that adds up: the document's own check, not the rules' liking — a wrong total
//     seldom adds up) are left out of it, to the regression: their rightness is the document's, not the rules' fit
//     (a ceiling from the row's families would hold every checked total under the threshold for one wrong family);
//     the ceiling is from the unchecked values, tune and first-seen. A check counts only where the rules did not choose
//     the value by it (calibrate.ts CHOSEN_BY): the untaxed amount and the tax are the pair of printed amounts the
//     chooser took because they add up to the total or the one is a rate of the other, so any pair that splits the
//     total passes the sum and the rate as surely as the right one — the document's arithmetic, but a criterion the
//     rules selected by, not evidence beside their liking. Their sum and rate are therefore no check of them, and
//     both fields are FIRST_SEEN_FIELDS: held to what the rules read right on documents they had never seen (taxes
//     that added up, 36 of 41), whatever a refit on tune says (71 of 72 right on tune; the refit of 2026-12-06 wrote
//     them on holdout at 89 and 91 %, and the shipped table kept older rows for them). The untaxed amount's line items
//     (lines-ok), one number read apart from the summary, still check it (first seen 16 of 16 right); a total keeps
//     its checks (a wrong total is seldom made up by two printed amounts: first seen with a check, 46 of 48 right).
//     For those two the ceiling is the first-seen families' rate alone: their tune values were chosen by the very check
//     tune's layouts were fitted to pass, so tune's families say how well the chooser fits tune, nothing of a new layout
//     (the invoice number keeps its tune families: its number label is evidence of its own, not its chooser's
//     criterion). Tune records of 2026-12-07 (auto, fixtures and SROIE): text-layer taxes' ceiling 0.942 -> 0.868,
//     untaxed amounts' 0.883 -> 0.785 (neither written either way); on the first-seen values, ECE of text-layer taxes
//     0.075 -> 0.005 (52 at 0.94 -> 0.87, right 0.865), untaxed 0.035 -> 0.044 (65 at 0.87 -> 0.81, right 0.846).
//     It goes into the table (caps) and calibrate()
//     applies it to a value without a check: a row's bins do not know which values carry one. A field with a splitting
//     evidence (FIRST_SEEN_SPLIT: the invoice number's explicit number label) gets two ceilings, each from its side's
//     values, tune and first seen — first-seen values only from code that could give that evidence (first-seen.ts
//     records it, `gave`) —: caps "field|source|evidence" and "field|source" (calibrate.ts capOf). The rules' first
//     readings are not equally often right with and without it (14 of 15 families, 5 of 10), and one ceiling centred
//     on their mix held both under the threshold. Only the groups of FIRST_SEEN_GROUPS (firstSeenGroups) are held: the
//     text layer by default. OCR rows have first-seen rates too (first-seen.ts --ocr: the tune photos and scans read by
//     the code before them, through the OCR cache), one for both engines (FIRST_SEEN_POOLED: the rules that read the
//     text are the same, and the code of the time read with Tesseract, before Paddle existed), but a ceiling at the rate
//     of all of a row's unchecked values held the OCR values its evidence tells apart (FIRST_SEEN_GROUPS says how much);
//     they keep 8, and scripts/fit-calibration.ts prints the table on them. E-invoices keep 8.
// 10. with confirmations, the regression of 1 weighs, beside each piece of evidence, the kinds of independent
//     confirmation it gives (calibrate.ts CONFIRMATIONS, featuresOf: the page's arithmetic, the other engine's reading,
//     something against), each kind one feature shared by its evidence: a check that tune's layouts showed seldom (a
//     delivery invoice's total adding up from its lines, without the payment line tune receipts print) gets part of
//     what its kind is worth, not only its own few samples' (issue #14). A kind's weight has a weak ridge (KIND_RIDGE),
//     so what its pieces have in common goes to it. Tune, six record files of 2026-12-06, leave-family-out (each family
//     scored by a table fitted without it, 5 folds, 3 splits), at 0.99: amount_total written 68 -> 71 % (99.2 -> 99.1 %
//     right), receipts' totals 69 -> 72 % (99.3 -> 99.2 %), the families' mean share 61 -> 65 %; scored as layouts
//     without payment lines (--scored-without paid-ok,paid-off,last-before-payment), receipts' totals 56 -> 63 %
//     (99.6 -> 99.6 %). Other fields as before.
// 11. with signs (default SIGNS), each weight of 1 stays on the side its evidence's definition gives it (evidence.ts
//     EVIDENCE_SIGN; a kind of confirmation by its name) and the raw score's slope ≥ 0: what a check means is known before
//     the fit, and a weight across zero is a few vendor families' accident that a new vendor pays for. A refit of the
//     2026-12-07 tune records (auto, fixtures and SROIE) had a text-layer total's tax line adding up to it at −0.25, a
//     Paddle total's tax table at −0.19 and its failing tax table at +0.06, Tesseract's (the shipped table) a failing
//     payment line at +0.64 and a rounding twin at +0.58. Leave-family-out on those records (5 folds x 3, --options-from
//     the shipped table): amount_total ECE 0.007 -> 0.004, vendor_name 0.027 -> 0.019, 10 -> 9 names and 2 -> 1 numbers
//     written wrong, written shares within a point.
import type { FieldName } from '../../contract.js';
import { createHash } from 'node:crypto';
import { binOf, type CalibrationTable, CHOSEN_BY, CONFIRMATIONS, evidenceOf, featuresOf, type Feature, isChecked, type Linear, logit, score, type SourceGroup } from './calibrate.js';
import type { DocumentKind } from './policy.js';
import { EVIDENCE_SIGN, type EvidenceName } from './evidence.js';

export interface Sample {
  field: FieldName;
  group: SourceGroup;
  raw: number;
  evidence: EvidenceName[];
  right: boolean;
  /** the document it comes from (cross-fitting keeps a document's values in one fold) */
  doc?: string;
  /** receipt (expense) or bill, by the extracted document type, as calibrate() sees it */
  kind?: DocumentKind;
  /** what the sample counts for (default 1): less for a vendor family with many documents */
  weight?: number;
}

export interface FitOptions {
  edges?: number[];
  /** m: pseudo-samples of the regression's prediction in each bin */
  priorStrength?: number;
  ridge?: number;
  /** folds for out-of-fold scores in the bins (0 or absent: in-sample scores) */
  crossFit?: number;
  /** least samples for a row per kind of document (0 or absent: no such rows) */
  kindCells?: number;
  /** shrink each source's regression toward the field's regression over the read sources (ocr and pdf-text
   * together) instead of toward "evidence worth nothing": a source with few samples of a field (text-layer totals)
   * then borrows what a sum that adds up or a labelled value is worth from the others */
  pooledPrior?: boolean;
  /** a prior on the regression's bias (see 6 above) */
  biasPrior?: boolean;
  /** weigh the kinds of confirmation (calibrate.ts CONFIRMATIONS) beside the evidence that gives them (see 10 above) */
  confirmations?: boolean;
  /** the map from score to probability (see 7 above): 'bins' (default) shrinks each bin toward the regression's
   * prediction with priorStrength; 'platt' fits sigmoid(a + b·score) to the (out-of-fold) scores and shrinks each
   * bin toward it with mapStrength */
  map?: 'bins' | 'platt';
  /** with map 'platt': pseudo-samples of the Platt map in each bin (Infinity: the Platt map alone) */
  mapStrength?: number;
  /** the ceiling of a read source's row whose values were all right (see 8 above): the Beta prior's strength in vendor
   * families (default FAMILY_PRIOR; 0: no ceiling) */
  familyPrior?: number;
  /** the ceiling's confidence (default PRECISION_CONFIDENCE; 0: the posterior mean) */
  familyConfidence?: number;
  /** what the rules read right on documents they had never seen, per `field|group` (see 9 above; absent: no such cap) */
  firstSeen?: Record<string, FirstSeenCell>;
  /** the source groups whose rows 9 holds to their first-seen rate (default FIRST_SEEN_GROUPS: the text layer) */
  firstSeenGroups?: readonly SourceGroup[];
  /** keep each evidence's weight on the side its definition gives it (see 11 above; default SIGNS) */
  signs?: boolean;
}

/** A field × source's first-seen reading (data/first-seen.json): values read and right, vendor families and the right
 * rate with families as the unit (each family's own share, averaged), and the values themselves. */
export interface FirstSeenCell {
  values: number;
  right: number;
  families: number;
  family_rate: number;
  samples?: FirstSeenValue[];
}

/** One first-seen value: its raw score and evidence as the code of the time gave them, right or wrong, its family. */
export interface FirstSeenValue {
  /** null: a code of before raw scores were recorded (read through its bench:accuracy --json, first-seen.ts) */
  raw: number | null;
  evidence: EvidenceName[];
  right: boolean;
  family: string;
  /** of the evidence that splits its field's ceiling (FIRST_SEEN_SPLIT), what the code of the time could give (absent:
   * not recorded; a value read by a code that could not give it belongs to neither side) */
  gave?: EvidenceName[];
  /** the evidence today's code finds for the value on the page (scripts/first-seen-page.ts: collectEvidence on its text
   * layer; no ranking, no line items; absent: not recorded, an OCR reading) */
  page?: EvidenceName[];
}

export const SCORE_EDGES = [-2, -1, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, Infinity];
export const PRIOR_STRENGTH = 4;
/** mapStrength's default: the Platt map alone (finite: pseudo-samples of the map per bin, which a bin's own values
 * then pull from) */
export const MAP_STRENGTH = Infinity;
/** Precision of the ridge prior on each weight (a weight of 1 costs as much as RIDGE/2 in log-likelihood). */
export const RIDGE = 2;
/** Precision of the bias's prior with biasPrior: weak (a shift of 2 in log-odds costs 1 in log-likelihood), so a
 * few dozen samples that are not all right still move it where they say. */
export const BIAS_PRECISION = 0.5;
const MAX_WEIGHT = 4;
/** The ridge on a kind of confirmation's weight (see 10 above), as a share of RIDGE: weak, so what a kind's pieces of
 * evidence have in common goes to the kind, and a piece moves off it only as far as its own values say. Tune,
 * leave-family-out (3 splits of 5 folds), amount_total at 0.99: kinds at the full ridge 70 % written (99.0 %), at a
 * quarter 71 % (99.0 %), at a tenth 71 % (99.1 %); scored as layouts without payment lines 62, 64, 64 % (99.3, 99.2, 99.4 %). */
export const KIND_RIDGE = 0.1;
const isKind = (f: Feature) => Object.prototype.hasOwnProperty.call(CONFIRMATIONS, f);
/** signs' default (see 11 above): on. */
export const SIGNS = true;
/** familyPrior's default: two families' worth of the field's rate elsewhere — the strength of Laplace's rule of
 * succession (Beta(1, 1)), with vendor families as the unit and centred on what the field's readings elsewhere
 * measure instead of on 1/2. */
export const FAMILY_PRIOR = 2;

/** The fields 9 holds to their first-seen rate: the invoice number, whose evidence (a number label, a number printed
 * twice) is all the rules' own reading of layouts they were fitted to, and the untaxed amount and the tax, whose sum and
 * rate are what the rules chose them by (calibrate.ts CHOSEN_BY), so that only their line items' sum checks them (the
 * untaxed amount's). The other fields carry checks of their own that the regression weighs — check digits, a total's
 * sums, a plausible date, a currency that fits the country —, and held to their first-seen rates they were never written
 * on text layers: tune, 2026-12-06, all fields capped, text-layer VAT ids at most 0.90, currencies 0.97, doc types 0.92,
 * vendor (name or VAT) written 9 %, touchless text-layer bills 8 %. */
export const FIRST_SEEN_FIELDS: readonly FieldName[] = ['invoice_number', 'amount_untaxed', 'amount_tax', 'amount_total'];
/** The evidence that splits a first-seen field's ceiling in two (see 9 above): a value with it is held to what the rules
 * read right with it, on tune and first seen, one without it to what they read right without it. The invoice number:
 * read after an explicit number label ("Invoice no.", "Rechnungsnummer", "Fattura n."), or after a title word, a lone
 * "Nr.", an issuer's reference. First seen by the six versions of the code that gave the evidence (2026-12-05 18:26
 * on), 14 of 15 families right with it — the wrong one Stripe's unmapped hyphen, a parse, not a label — and 5 of 10
 * without it (AFIP's CAE numbers and a Salvadoran control number taken for the voucher's): a number label of the
 * document's language is what tells a number the rules read right from a guess, and one ceiling for both held every
 * number under the threshold (tune 2026-12-06: 0.967, text-layer bills' numbers 2 % written). The tax: a runner-up that
 * scored nearly as well (rival-close) — the tax is one of two or more printed amounts that split the total with an
 * untaxed amount (CHOSEN_BY), and where another split scored nearly as well the rules' choice between them is the
 * layout's coin: first seen (data/first-seen.json of batch 21) 9 of 19 right with it (16 families), 43 of 47 without (45
 * families); one cap for both, 0.81, held the text-layer receipts' taxes, mostly with a close rival, where tune out of
 * family shows 0.45 right, and the bills' where it shows 1.00. Tune, leave-family-out (5 folds x 3), the same first-seen
 * file: amount_tax ECE 0.113 -> 0.081; on the first-seen taxes 0.068 -> 0.053; none written either way.
 * The invoice number's side is a number label AND the number printed in the first page's heading (number-at-top,
 * page evidence): rebuilt first seen with today's page evidence (129 documents, 30 code versions), numbers read after a
 * number label and printed at the top 24 of 24 right (23 families), after a label but not at the top 2 of 6, at the top
 * without a label 6 of 6, neither 3 of 9; the label alone let the 2 of 6 through at the label's cap (0.99).
 * A split of several pieces of evidence is their conjunction: a value with all of them is on its side. */
export const FIRST_SEEN_SPLIT: Partial<Record<FieldName, readonly EvidenceName[]>> = {
  invoice_number: ['number-label', 'number-at-top'], amount_total: ['largest-amount'], amount_tax: ['rival-close'],
};
/** The cap key's suffix of a split (calibrate.ts capOf reads it back): its evidence joined by "+". */
export const splitKey = (split: readonly EvidenceName[]) => split.join('+');
/** Splitting evidence read off the page (page-evidence.ts), not from the rules' ranking: the first-seen values are split
 * by the evidence they carry, `gave` or not. A code of before it (largest-amount: 2026-12-05 02:21) gave it to no value,
 * so its right totals that were the largest amount count on the side without — which only raises that side's rate. */
export const FIRST_SEEN_CARRIED: readonly EvidenceName[] = ['largest-amount', 'number-at-top'];
/** The source groups 9 holds by default: the text layer. OCR rows have first-seen rates too (first-seen.ts --ocr), and
 * held to them (firstSeenGroups with ocr, ocr-paddle) they were believed less than both tune out of family and the
 * first-seen values themselves show: an OCR row's untaxed amounts and taxes are often wrong at low scores (Tesseract's
 * tune receipts: 65 % right over all unchecked values, 91 % of those the row put at 0.96), and one ceiling per row, at
 * the rate of all its unchecked values, cut the ones its evidence tells apart. Tune, 2026-12-07 (fixtures and SROIE
 * tune, auto; 89 first-seen OCR documents), Tesseract's untaxed amounts capped at 0.73, taxes at 0.75: out of family
 * (5 folds x 3) ECE untaxed 0.057 -> 0.085, taxes 0.057 -> 0.083, taxes written 21 -> 18 (new vendors); on the
 * first-seen OCR values, mean confidence of untaxed amounts 0.66 -> 0.55 against 0.83 right. (Numbers gained: 2 wrong
 * written out of family -> 0; docs/extraction.md, "First-seen rates of OCR readings".) */
export const FIRST_SEEN_GROUPS: readonly SourceGroup[] = ['pdf-text'];

/** A first-seen value's evidence as today's code gives it where that is recorded: its code's evidence, the page evidence
 * that splits a ceiling (FIRST_SEEN_CARRIED) taken from what today's code finds on the page (`page`, scripts/first-seen-
 * page.ts). The split is the one calibrate() applies to today's values, so a first-seen value is put on the side today's
 * code would put it: a total the code of the time read before largest-amount existed, or judged by an earlier version of
 * it, is on the side today's test says. */
export function carriedEvidence(v: FirstSeenValue): EvidenceName[] {
  if (!v.page) return v.evidence;
  return [...v.evidence.filter((e) => !FIRST_SEEN_CARRIED.includes(e)), ...v.page.filter((e) => FIRST_SEEN_CARRIED.includes(e))];
}

/** Source groups whose first-seen values are one reading (see 9 above): the OCR engines. The rules that read a photo's
 * text are the same whichever engine read it, and the code of the time read most first-seen documents with Tesseract
 * (Paddle came later): Paddle's rows, SROIE's English receipts under OCR_ENGINE=auto, have few first-seen values of
 * their own. Pessimistic for Paddle, which misreads less than the Tesseract of the time. */
export const FIRST_SEEN_POOLED: readonly SourceGroup[] = ['ocr', 'ocr-paddle'];

/** A first-seen value as a sample of its field × group, its vendor family the unit (familyRate); a raw score the code of
 * the time did not record counts as 0.5 (familyRate weighs families, not scores). */
function firstSeenSample(v: FirstSeenValue, field: FieldName, group: SourceGroup): Sample {
  return { field, group, raw: v.raw ?? 0.5, evidence: v.evidence, right: v.right, doc: v.family };
}

/** A field × source group's first-seen reading: its own cell, or for a group of FIRST_SEEN_POOLED, every such group's
 * values together (their families merged: a family read by both engines is one). */
export function firstSeenCell(cells: Record<string, FirstSeenCell>, field: FieldName, group: SourceGroup): FirstSeenCell | undefined {
  if (!FIRST_SEEN_POOLED.includes(group)) return cells[`${field}|${group}`];
  const parts = FIRST_SEEN_POOLED.map((g) => cells[`${field}|${g}`]).filter((c): c is FirstSeenCell => !!c);
  if (!parts.length) return undefined;
  const samples = parts.flatMap((c) => c.samples ?? []);
  const { rate, families } = familyRate(samples.map((v) => firstSeenSample(v, field, group)));
  return { values: samples.length, right: samples.filter((v) => v.right).length, families, family_rate: round4(rate), samples };
}

/** The confidence of the lower bounds on a rate: the write threshold's (written precision ≥ 98 % at this confidence,
 * bench/calibration-report.ts chooseThreshold) and the ceiling of a row whose values were all right (see 8 above). */
export const PRECISION_CONFIDENCE = 0.9;

export interface Counts {
  n: number[];
  k: number[];
}

/** Pool-adjacent-violators: the closest non-decreasing sequence (weighted least squares). */
export function isotonic(values: number[], weights: number[]): number[] {
  const blocks: { value: number; weight: number; size: number }[] = [];
  values.forEach((v, i) => {
    blocks.push({ value: v, weight: weights[i], size: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].value > blocks[blocks.length - 1].value) {
      const b = blocks.pop()!;
      const a = blocks.pop()!;
      const weight = a.weight + b.weight;
      blocks.push({ value: (a.value * a.weight + b.value * b.weight) / weight, weight, size: a.size + b.size });
    }
  });
  return blocks.flatMap((b) => Array(b.size).fill(b.value) as number[]);
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

type Fitted = { linear: Linear; weights: Partial<Record<Feature, number>> };

/** The options of the regression of 1 (FitOptions' share of them: the ridge, 4's pooled prior, 6's bias prior, 10's
 * kinds of confirmation), passed as one object from fitCalibration down to each field × source's regression. */
export type RegressionOptions = Pick<FitOptions, 'ridge' | 'pooledPrior' | 'biasPrior' | 'confirmations' | 'signs'>;

/** Which way a feature may weigh (see 11 above): a piece of evidence by EVIDENCE_SIGN, a kind of confirmation by its
 * name (against: −, the others +). */
export function featureSign(f: Feature): 1 | -1 | 0 {
  if (isKind(f)) return f === 'kind-against' ? -1 : 1;
  return EVIDENCE_SIGN[f as EvidenceName] ?? 0;
}

/** Ridge logistic regression, by Newton's method: right ~ bias + raw·logit(raw score) + Σ weight·evidence. `center`:
 * what the ridge pulls toward (4; absent: the raw score as it is, evidence worth nothing); pooledPrior is fitLinears'. */
export function fitLinear(samples: Sample[], opts: Omit<RegressionOptions, 'pooledPrior'> & { center?: Fitted } = {}): Fitted {
  const { ridge = RIDGE, center, biasPrior = false, confirmations = false, signs = SIGNS } = opts;
  const featured: readonly Feature[][] = samples.map((s) => (confirmations ? featuresOf(s.evidence, s.field) : evidenceOf(s.evidence, s.field)));
  const names = [...new Set(featured.flat())].sort();
  const dim = 2 + names.length;
  const rows = featured.map((f, n) => [1, logit(samples[n].raw), ...names.map((e) => (f.includes(e) ? 1 : 0))]);
  const y = samples.map((s) => (s.right ? 1 : 0));
  // the ridge pulls toward `center` (the field's regression over every source, with pooledPrior) or toward
  // "the raw score as it is, evidence worth nothing"
  // the bias's prior is 0 ("the raw score as it is") even with a pooled centre: the bias is where sources differ (a
  // text layer reads exactly what a photo misreads), so it never borrows the pooled regression's, OCR-heavy one
  // with signs, each weight stays on its side of zero (and the raw score's slope ≥ 0): a projected Newton's method,
  // from a prior on the allowed side too
  const lower = [-Infinity, signs ? 0 : -Infinity, ...names.map((e) => (signs && featureSign(e) > 0 ? 0 : -Infinity))];
  const upper = [Infinity, Infinity, ...names.map((e) => (signs && featureSign(e) < 0 ? 0 : Infinity))];
  const project = (b: number[]) => b.map((x, j) => Math.min(upper[j], Math.max(lower[j], x)));
  const prior = project([0, center?.linear.raw ?? 1, ...names.map((e) => center?.weights[e] ?? 0)]);
  const precision = [biasPrior ? BIAS_PRECISION : 1e-3, ridge, ...names.map((e) => (isKind(e) ? ridge * KIND_RIDGE : ridge))];
  const beta = [...prior];
  // the penalised negative log-likelihood that Newton's method minimises
  const loss = (b: number[]) => rows.reduce((sum, x, n) => {
    const eta = x.reduce((acc, xi, j) => acc + xi * b[j], 0);
    const softplus = eta > 30 ? eta : Math.log1p(Math.exp(eta));
    return sum + (samples[n].weight ?? 1) * (softplus - y[n] * eta);
  }, 0) + b.reduce((sum, bj, j) => sum + (precision[j] * (bj - prior[j]) ** 2) / 2, 0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = beta.map((b, j) => precision[j] * (b - prior[j]));
    const hess = beta.map((_, i) => beta.map((__, j) => (i === j ? precision[i] : 0)));
    rows.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((sum, xi, j) => sum + xi * beta[j], 0)));
      const weight = samples[n].weight ?? 1;
      const w = weight * p * (1 - p);
      for (let i = 0; i < dim; i++) {
        if (x[i] === 0) continue;
        grad[i] += weight * (p - y[n]) * x[i];
        for (let j = 0; j < dim; j++) hess[i][j] += w * x[i] * x[j];
      }
    });
    // Newton's step, halved until the penalised loss goes down: a full step overshoots when the samples barely
    // separate the raw score from the bias (every value at one rank), and the fit then ran off to ±hundreds
    // a weight held at its bound that the gradient pushes further out stays there: out of the step
    const held = beta.map((b, j) => (b <= lower[j] && grad[j] > 0) || (b >= upper[j] && grad[j] < 0));
    const free = beta.map((_, j) => j).filter((j) => !held[j]);
    const freeStep = solve(free.map((i) => free.map((j) => hess[i][j])), free.map((j) => grad[j]));
    const step = beta.map(() => 0);
    free.forEach((j, k) => (step[j] = freeStep[k]));
    const before = loss(beta);
    let scale = 1;
    let next = project(beta.map((b, j) => b - step[j]));
    while (loss(next) > before + 1e-12 && scale > 1e-6) {
      scale /= 2;
      next = project(beta.map((b, j) => b - scale * step[j]));
    }
    const moved = Math.max(...next.map((b, j) => Math.abs(b - beta[j])));
    next.forEach((b, j) => (beta[j] = b));
    if (moved < 1e-6) break;
  }
  const cap = (w: number) => round4(Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w)));
  return {
    linear: { bias: round4(beta[0]), raw: cap(beta[1]) },
    weights: Object.fromEntries(names.map((e, i) => [e, cap(beta[2 + i])])),
  };
}

/** Gaussian elimination with partial pivoting (the matrices are small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = Array(n).fill(0) as number[];
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let k = r + 1; k < n; k++) sum -= m[r][k] * x[k];
    x[r] = sum / m[r][r];
  }
  return x;
}

function countBins(scores: { s: number; right: boolean; weight?: number }[], edges: number[]): Counts {
  const n = edges.map(() => 0);
  const k = edges.map(() => 0);
  for (const { s, right, weight = 1 } of scores) {
    const b = binOf(edges, s);
    n[b] += weight;
    if (right) k[b] += weight;
  }
  return { n, k };
}

/** What a map from score to probability (the regression's sigmoid, or a Platt map of it) predicts per bin: the mean
 * of its samples' mapped probabilities, or the probability at the bin's middle when it has none. Each bin's measured
 * rate is shrunk toward it. */
function predicted(list: { s: number; weight?: number }[], edges: number[], map: (s: number) => number = sigmoid): number[] {
  return edges.map((hi, i) => {
    const lo = i === 0 ? hi - 1 : edges[i - 1];
    const inBin = list.filter((x) => binOf(edges, x.s) === i);
    const weight = inBin.reduce((sum, x) => sum + (x.weight ?? 1), 0);
    if (inBin.length) return inBin.reduce((sum, x) => sum + (x.weight ?? 1) * map(x.s), 0) / weight;
    return map(Number.isFinite(hi) ? (lo + hi) / 2 : lo + 0.5);
  });
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Wilson's score interval of k right out of n at z standard deviations. */
export function wilson(k: number, n: number, z: number): [number, number] {
  if (n <= 0) return [0, 1];
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Bins need this many values (weighted) for their own rate to check the Platt map. */
export const MIN_CHECKED = 10;
/** The check's interval: two-sided 95 % (Wilson), so a bin caps the map only when it clearly says less. */
const CHECK_Z = 1.96;

/** The check of the Platt map against each bin's own rate: where a bin of MIN_CHECKED values or more was right
 * clearly less often than the map says (the map above the upper end of the rate's 95 % interval), the bin gets that
 * upper end — a field whose right rate levels off below certainty (Paddle's receipt vendor names: 16 of 18 right
 * where the map said 0.992) is not written on the map's word; a bin right more often than the map says is left
 * alone (the map stays cautious). Returns the capped probabilities and the bins capped, for the fit's report. */
export function checkPlatt(map: number[], counts: Counts): { row: number[]; capped: number[] } {
  const capped: number[] = [];
  const row = map.map((p, i) => {
    if (counts.n[i] < MIN_CHECKED) return p;
    const upper = wilson(counts.k[i], counts.n[i], CHECK_Z)[1];
    if (p <= upper) return p;
    capped.push(i);
    return upper;
  });
  return { row, capped };
}

function fitRow(counts: Counts, parent: number[], m: number): number[] {
  if (!Number.isFinite(m)) return isotonic(parent, counts.n.map((n) => n + 1));
  const p = counts.n.map((n, i) => (counts.k[i] + m * parent[i]) / (n + m));
  return isotonic(p, counts.n.map((n) => n + m));
}

/** Precision of the Platt map's prior (intercept toward 0, slope toward 1: the score taken as the log-odds it is):
 * a field × source with a few dozen values keeps the regression's own probabilities, hundreds move them. */
export const PLATT_PRECISION = 1;

export interface Platt {
  a: number;
  b: number;
}

/** Platt's map p = sigmoid(a + b·score), by penalised Newton's method on (score, right, weight): one smooth,
 * monotone curve over the whole range of scores, so one wrong value near the top moves it by a little everywhere
 * instead of a whole bin by a lot (a bin of 36 Paddle dates went from 0.998 to 0.974 with one). The slope is kept
 * ≥ 0 (a higher score is never worth less). */
export function fitPlatt(list: { s: number; right: boolean; weight?: number }[], precision = PLATT_PRECISION): Platt {
  let a = 0;
  let b = 1;
  for (let iter = 0; iter < 50; iter++) {
    let ga = precision * a;
    let gb = precision * (b - 1);
    let haa = precision;
    let hab = 0;
    let hbb = precision;
    for (const { s, right, weight = 1 } of list) {
      const p = sigmoid(a + b * s);
      const r = weight * (p - (right ? 1 : 0));
      const w = weight * p * (1 - p);
      ga += r;
      gb += r * s;
      haa += w;
      hab += w * s;
      hbb += w * s * s;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // the penalised log-likelihood is strictly concave, so Newton's step converges; a step is only capped to length 1
    // per coordinate so that a pool of values nearly all right does not overshoot in the first iterations
    const shrink = Math.max(1, Math.abs(da), Math.abs(db));
    a -= da / shrink;
    b -= db / shrink;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: round4(a), b: round4(Math.max(0, b)) };
}

/** Sources whose values are read off a page (not parsed from XML): their evidence means the same thing. */
export const READ_GROUPS: ReadonlySet<string> = new Set(['ocr', 'ocr-paddle', 'pdf-text']);

/** The regressions of every field × source group in `samples`. */
function fitLinears(samples: Sample[], opts: RegressionOptions): Pick<CalibrationTable, 'linear' | 'weights'> {
  const weights: CalibrationTable['weights'] = {};
  const linear: NonNullable<CalibrationTable['linear']> = {};
  const byKey = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.field}|${s.group}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const centers = new Map<string, Fitted>();
  if (opts.pooledPrior) {
    for (const field of new Set(samples.map((s) => s.field))) {
      const read = samples.filter((s) => s.field === field && READ_GROUPS.has(s.group));
      if (read.length) centers.set(field, fitLinear(read, { ...opts, center: undefined }));
    }
  }
  for (const [key, list] of byKey) {
    const center = READ_GROUPS.has(list[0].group) ? centers.get(list[0].field) : undefined;
    ({ linear: linear[key], weights: weights[key] } = fitLinear(list, { ...opts, center }));
  }
  return { linear, weights };
}

const foldOf = (doc: string, folds: number) => parseInt(createHash('sha256').update(`fit:${doc}`).digest('hex').slice(0, 8), 16) % folds;

/** Each sample's score: in-sample, or out-of-fold (by document) with crossFit ≥ 2 folds, each fold's regressions
 * fitted with `opts` as `fitted` was. */
function scoresFor(samples: Sample[], fitted: Pick<CalibrationTable, 'linear' | 'weights'>, opts: RegressionOptions & Pick<FitOptions, 'crossFit'>): number[] {
  const folds = opts.crossFit ?? 0;
  const inSample = (s: Sample, t: Pick<CalibrationTable, 'linear' | 'weights'>) => score(t, s.field, s.group, s.raw, s.evidence);
  if (folds < 2) return samples.map((s) => inSample(s, fitted));
  const fold = samples.map((s, i) => foldOf(s.doc ?? String(i), folds));
  const out = samples.map(() => 0);
  for (let k = 0; k < folds; k++) {
    const others = fitLinears(samples.filter((_, i) => fold[i] !== k), opts);
    samples.forEach((s, i) => {
      if (fold[i] !== k) return;
      // a field × source the other folds never saw is scored by the full regression
      out[i] = inSample(s, others.linear?.[`${s.field}|${s.group}`] ? others : fitted);
    });
  }
  return out;
}

/** A family's key: the document's family (samplesOf's doc is the vendor family where the corpus names one), else the
 * sample on its own. */
const familyOf = (s: Sample, i: number) => s.doc ?? `#${i}`;

/** The right rate with vendor families as the unit: each family's own rate (its values weighted), averaged over the
 * families — a vendor with 40 documents is one piece of evidence, as in cross-validation and the threshold's bound. */
export function familyRate(samples: Sample[]): { rate: number; families: number } {
  const byFamily = new Map<string, { n: number; k: number }>();
  samples.forEach((s, i) => {
    const key = familyOf(s, i);
    const f = byFamily.get(key) ?? byFamily.set(key, { n: 0, k: 0 }).get(key)!;
    f.n += s.weight ?? 1;
    if (s.right) f.k += s.weight ?? 1;
  });
  const rates = [...byFamily.values()].filter((f) => f.n > 0).map((f) => f.k / f.n);
  return { rate: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : 0.5, families: rates.length };
}

/** The most a row of F families may claim (see 8 and 9 above): the lower bound at `confidence` of its right rate under
 * the posterior Beta(F·rate + prior·centre, F·(1 − rate) + prior·(1 − centre)) — its families right at `rate` (1: all
 * right), a prior of `prior` families centred on `centre`; with confidence 0, the posterior mean. */
export function familyCeiling(families: number, prior: number, centre: number, confidence = PRECISION_CONFIDENCE, rate = 1): number {
  const a = families * rate + prior * centre;
  const b = families * (1 - rate) + prior * (1 - centre);
  if (b <= 0) return 1;
  if (confidence <= 0) return a / (a + b);
  return betaQuantile(1 - confidence, a, b);
}

/** The q-quantile of Beta(a, b), by bisection. */
function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (incompleteBeta(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** ln Γ(z), z > 0 (Lanczos). */
function lnGamma(z: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = z;
  const t = z + 5.5 - (z + 0.5) * Math.log(z + 5.5);
  let series = 1.000000000190015;
  for (const ci of c) series += ci / ++y;
  return -t + Math.log((2.5066282746310005 * series) / z);
}

/** The regularised incomplete beta function I_x(a, b): P(X ≤ x) for X ~ Beta(a, b) (continued fraction, Lentz). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  const fraction = (a: number, b: number, x: number) => {
    const tiny = 1e-300;
    const clamp = (v: number) => (Math.abs(v) < tiny ? tiny : v);
    let c = 1;
    let d = 1 / clamp(1 - ((a + b) * x) / (a + 1));
    let h = d;
    for (let m = 1; m <= 300; m++) {
      const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 / clamp(1 + even * d);
      c = clamp(1 + even / c);
      h *= d * c;
      const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 / clamp(1 + odd * d);
      c = clamp(1 + odd / c);
      h *= d * c;
      if (Math.abs(d * c - 1) < 1e-12) break;
    }
    return h;
  };
  return x < (a + 1) / (a + b + 2) ? (front * fraction(a, b, x)) / a : 1 - (front * fraction(b, a, 1 - x)) / b;
}

export function fitCalibration(samples: Sample[], fitted: Record<string, unknown>, opts: FitOptions = {}): CalibrationTable {
  const edges = opts.edges ?? SCORE_EDGES;
  const m = opts.priorStrength ?? PRIOR_STRENGTH;
  const ridge = opts.ridge ?? RIDGE;
  const regression = { ridge, pooledPrior: opts.pooledPrior, biasPrior: opts.biasPrior, confirmations: opts.confirmations, signs: opts.signs, crossFit: opts.crossFit };
  const { linear, weights } = fitLinears(samples, regression);
  const binned = scoresFor(samples, { linear, weights }, regression);
  const scored = samples.map((s, i) => ({ ...s, s: binned[i] }));

  const rows: Record<string, number[]> = {};
  const counts: Record<string, number[]> = {};
  const platt: Record<string, Platt> = {};
  const capped: Record<string, string[]> = {};
  const familyPrior = opts.familyPrior ?? FAMILY_PRIOR;
  const ceilings: Record<string, string> = {};
  // a read source's row whose values were all right: capped at its families' right rate (see 8 above); the centre is
  // the same field's rate over the other read sources (for a source's pool, every field's), families as the unit
  const ceiling = (key: string, list: Sample[]) => {
    const [field, group] = key.split('|');
    if (!familyPrior || !READ_GROUPS.has(group) || !list.length || list.some((s) => !s.right)) return 1;
    const elsewhere = samples.filter((s) => READ_GROUPS.has(s.group) && s.group !== group && (!field || s.field === field));
    const centre = familyRate(elsewhere).rate;
    const { families } = familyRate(list);
    const c = familyCeiling(families, familyPrior, centre, opts.familyConfidence ?? PRECISION_CONFIDENCE);
    ceilings[key] = `${families} families all right, centre ${round4(centre)} -> ${round4(c)}`;
    return c;
  };
  // a read source's field with a first-seen rate (see 9 above): a ceiling for its values without a check, centred on
  // their first-seen rate, whatever the tune values. Values with a check are left to the regression: the document's
  // own arithmetic, not the rules' liking, speaks for them, and a ceiling from the row's families would hold every one
  // of them under the threshold for a single wrong family (text-layer totals: 57 tune families, one wrong -> 0.958).
  const caps: NonNullable<CalibrationTable['caps']> = {};
  const firstSeen = (key: string, list: Sample[]) => {
    const [field, group] = key.split('|');
    const seen = field && opts.firstSeen ? firstSeenCell(opts.firstSeen, field as FieldName, group as SourceGroup) : undefined;
    if (!familyPrior || !seen?.samples?.length || !(opts.firstSeenGroups ?? FIRST_SEEN_GROUPS).includes(group as SourceGroup) || !list.length || !FIRST_SEEN_FIELDS.includes(field as FieldName)) return false;
    const unchecked = list.filter((s) => !isChecked(s.evidence, s.field));
    if (!unchecked.length) return true;
    const firstUnchecked = seen.samples.filter((v) => !isChecked(v.evidence, field as FieldName));
    // the ceiling of the values with the splitting evidence (key|evidence) and of the others (key), or of all (key)
    const split = FIRST_SEEN_SPLIT[field as FieldName];
    // first-seen values on a side only where their code could give the evidence; none recorded: all of them, unsplit
    // (a split by page evidence, FIRST_SEEN_CARRIED, takes the first-seen values by the evidence they carry)
    // (a first-seen value is on a side only where its code could give each of the split's ranking evidence, `gave`)
    const couldGive = (v: FirstSeenValue) => !!split && split.every((e) => FIRST_SEEN_CARRIED.includes(e) || v.gave?.includes(e));
    const splitFirst = !!split && firstUnchecked.some(couldGive);
    const has = (e: readonly EvidenceName[]) => !!split && split.every((x) => e.includes(x));
    const sides: [string, (e: readonly EvidenceName[]) => boolean][] = split
      ? [[`${key}|${splitKey(split)}`, has], [key, (e) => !has(e)]]
      : [[key, () => true]];
    for (const [capKey, onSide] of sides) {
      const mine = unchecked.filter((s) => onSide(s.evidence));
      const first = firstUnchecked.filter((v) => !splitFirst || (couldGive(v) && onSide(carriedEvidence(v))));
      // first-seen families as the unit; where first-seen documents had no such values, the field's rate
      const measured = first.length ? familyRate(first.map((v) => firstSeenSample(v, field as FieldName, group as SourceGroup))) : null;
      const centre = measured?.rate ?? seen.family_rate;
      // no tune value on this side: the prior alone (a side the table never saw is not left without a cap)
      // (a field the rules chose by a check, CHOSEN_BY: its tune families are not counted — see 9 above)
      const { families, rate } = mine.length && !CHOSEN_BY[field as FieldName] ? familyRate(mine) : { families: 0, rate: 1 };
      // the first-seen values weigh as the families they are, and the ceiling is their pooled rate's posterior mean (a
      // probability, what calibrate() reports); with none, familyPrior families of the field's rate and the lower bound
      const c = round4(measured
        ? familyCeiling(families, measured.families, centre, 0, rate)
        : familyCeiling(families, familyPrior, centre, opts.familyConfidence ?? PRECISION_CONFIDENCE, rate));
      caps[capKey] = c;
      ceilings[capKey] = `unchecked ${families} families at ${round4(rate)}, centre ${round4(centre)} (${first.filter((v) => v.right).length}/${first.length} first seen, ${measured?.families ?? 0} families) -> ${c}`;
    }
    return true;
  };
  const row = (key: string, list: typeof scored) => {
    const c = countBins(list, edges);
    if (opts.map === 'platt') {
      const fitted = (platt[key] = fitPlatt(list));
      const map = predicted(list, edges, (s) => sigmoid(fitted.a + fitted.b * s));
      const checked = checkPlatt(map, c);
      if (checked.capped.length) capped[key] = checked.capped.map((i) => `score < ${edges[i]}: ${round4(map[i])} -> ${round4(checked.row[i])} (${c.k[i]}/${c.n[i]})`);
      rows[key] = fitRow(c, checked.row, opts.mapStrength ?? MAP_STRENGTH).map(round4);
    } else {
      rows[key] = fitRow(c, predicted(list, edges), m).map(round4);
    }
    // a row per kind of document shares its field × source's first-seen caps (computed with that row, before it)
    const seenCapped = key.split('|').length === 2 ? firstSeen(key, list) : !!caps[key.split('|').slice(0, 2).join('|')];
    const top = seenCapped ? 1 : ceiling(key, list);
    if (top < 1) rows[key] = rows[key].map((p) => Math.min(p, round4(top)));
    counts[key] = c.n.map((n) => Math.round(n * 100) / 100);
  };
  for (const group of [...new Set(samples.map((s) => s.group))].sort()) {
    const inGroup = scored.filter((s) => s.group === group);
    row(`|${group}`, inGroup);
    for (const field of [...new Set(inGroup.map((s) => s.field))].sort()) {
      const ofField = inGroup.filter((s) => s.field === field);
      row(`${field}|${group}`, ofField);
      if (!opts.kindCells) continue;
      for (const kind of ['expense', 'bill'] as const) {
        const ofKind = ofField.filter((s) => s.kind === kind);
        if (ofKind.length >= opts.kindCells && ofKind.length < ofField.length) row(`${field}|${group}|${kind}`, ofKind);
      }
    }
  }
  return {
    version: 2, fitted: { ...fitted, samples: samples.length, prior_strength: m, ridge, cross_fit: opts.crossFit ?? 0, kind_cells: opts.kindCells ?? 0, pooled_prior: !!opts.pooledPrior, bias_prior: !!opts.biasPrior, confirmations: !!opts.confirmations,
      signs: opts.signs ?? SIGNS, ...(opts.map === 'platt' ? { map: 'platt', map_strength: String(opts.mapStrength ?? MAP_STRENGTH), platt, capped_by_bins: capped } : {}),
      family_prior: familyPrior, family_confidence: opts.familyConfidence ?? PRECISION_CONFIDENCE, family_ceilings: ceilings, first_seen: !!opts.firstSeen, ...(opts.firstSeenGroups ? { first_seen_groups: opts.firstSeenGroups } : {}) },
    linear, weights, edges: edges.map((e) => (Number.isFinite(e) ? e : 99)), rows, counts, ...(Object.keys(caps).length ? { caps } : {}),
  };
}

