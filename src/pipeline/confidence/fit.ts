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
//     saw with that source.
import type { FieldName } from '../../contract.js';
import { createHash } from 'node:crypto';
import { binOf, type CalibrationTable, type Linear, logit, score, type SourceGroup } from './calibrate.js';
import type { DocumentKind } from './policy.js';
import type { EvidenceName } from './evidence.js';

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
}

export const SCORE_EDGES = [-2, -1, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, Infinity];
export const PRIOR_STRENGTH = 4;
/** Precision of the ridge prior on each weight (a weight of 1 costs as much as RIDGE/2 in log-likelihood). */
export const RIDGE = 2;
/** Precision of the bias's prior with biasPrior: weak (a shift of 2 in log-odds costs 1 in log-likelihood), so a
 * few dozen samples that are not all right still move it where they say. */
export const BIAS_PRECISION = 0.5;
const MAX_WEIGHT = 4;

interface Counts {
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

type Fitted = { linear: Linear; weights: Partial<Record<EvidenceName, number>> };

/** Ridge logistic regression, by Newton's method: right ~ bias + raw·logit(raw score) + Σ weight·evidence. */
export function fitLinear(samples: Sample[], ridge = RIDGE, center?: Fitted, biasPrior = false): Fitted {
  const names = [...new Set(samples.flatMap((s) => s.evidence))].sort();
  const dim = 2 + names.length;
  const rows = samples.map((s) => [1, logit(s.raw), ...names.map((e) => (s.evidence.includes(e) ? 1 : 0))]);
  const y = samples.map((s) => (s.right ? 1 : 0));
  // the ridge pulls toward `center` (the field's regression over every source, with pooledPrior) or toward
  // "the raw score as it is, evidence worth nothing"
  // the bias's prior is 0 ("the raw score as it is") even with a pooled centre: the bias is where sources differ (a
  // text layer reads exactly what a photo misreads), so it never borrows the pooled regression's, OCR-heavy one
  const prior = [0, center?.linear.raw ?? 1, ...names.map((e) => center?.weights[e] ?? 0)];
  const precision = [biasPrior ? BIAS_PRECISION : 1e-3, ridge, ...names.map(() => ridge)];
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
    const step = solve(hess, grad);
    const before = loss(beta);
    let scale = 1;
    let next = beta.map((b, j) => b - step[j]);
    while (loss(next) > before + 1e-12 && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, j) => b - scale * step[j]);
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

/** What the regression predicts per bin: the mean fitted probability of the bin's samples, or the probability at
 * the bin's middle when it has none. Each bin's measured rate is shrunk toward it. */
function predicted(list: { s: number; weight?: number }[], edges: number[]): number[] {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  return edges.map((hi, i) => {
    const lo = i === 0 ? hi - 1 : edges[i - 1];
    const inBin = list.filter((x) => binOf(edges, x.s) === i);
    const weight = inBin.reduce((sum, x) => sum + (x.weight ?? 1), 0);
    if (inBin.length) return inBin.reduce((sum, x) => sum + (x.weight ?? 1) * sigmoid(x.s), 0) / weight;
    return sigmoid(Number.isFinite(hi) ? (lo + hi) / 2 : lo + 0.5);
  });
}

function fitRow(counts: Counts, parent: number[], m: number): number[] {
  const p = counts.n.map((n, i) => (counts.k[i] + m * parent[i]) / (n + m));
  return isotonic(p, counts.n.map((n) => n + m));
}

/** Sources whose values are read off a page (not parsed from XML): their evidence means the same thing. */
const READ_GROUPS = new Set(['ocr', 'ocr-paddle', 'pdf-text']);

/** The regressions of every field × source group in `samples`. */
function fitLinears(samples: Sample[], ridge: number, pooledPrior = false, biasPrior = false): Pick<CalibrationTable, 'linear' | 'weights'> {
  const weights: CalibrationTable['weights'] = {};
  const linear: NonNullable<CalibrationTable['linear']> = {};
  const byKey = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.field}|${s.group}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const centers = new Map<string, Fitted>();
  if (pooledPrior) {
    for (const field of new Set(samples.map((s) => s.field))) {
      const read = samples.filter((s) => s.field === field && READ_GROUPS.has(s.group));
      if (read.length) centers.set(field, fitLinear(read, ridge, undefined, biasPrior));
    }
  }
  for (const [key, list] of byKey) {
    const center = READ_GROUPS.has(list[0].group) ? centers.get(list[0].field) : undefined;
    ({ linear: linear[key], weights: weights[key] } = fitLinear(list, ridge, center, biasPrior));
  }
  return { linear, weights };
}

const foldOf = (doc: string, folds: number) => parseInt(createHash('sha256').update(`fit:${doc}`).digest('hex').slice(0, 8), 16) % folds;

/** Each sample's score: in-sample, or out-of-fold (by document) with `folds` ≥ 2. */
function scoresFor(samples: Sample[], fitted: Pick<CalibrationTable, 'linear' | 'weights'>, ridge: number, folds: number, pooledPrior = false, biasPrior = false): number[] {
  const inSample = (s: Sample, t: Pick<CalibrationTable, 'linear' | 'weights'>) => score(t, s.field, s.group, s.raw, s.evidence);
  if (folds < 2) return samples.map((s) => inSample(s, fitted));
  const fold = samples.map((s, i) => foldOf(s.doc ?? String(i), folds));
  const out = samples.map(() => 0);
  for (let k = 0; k < folds; k++) {
    const others = fitLinears(samples.filter((_, i) => fold[i] !== k), ridge, pooledPrior, biasPrior);
    samples.forEach((s, i) => {
      if (fold[i] !== k) return;
      // a field × source the other folds never saw is scored by the full regression
      out[i] = inSample(s, others.linear?.[`${s.field}|${s.group}`] ? others : fitted);
    });
  }
  return out;
}

export function fitCalibration(samples: Sample[], fitted: Record<string, unknown>, opts: FitOptions = {}): CalibrationTable {
  const edges = opts.edges ?? SCORE_EDGES;
  const m = opts.priorStrength ?? PRIOR_STRENGTH;
  const ridge = opts.ridge ?? RIDGE;
  const { linear, weights } = fitLinears(samples, ridge, opts.pooledPrior, opts.biasPrior);
  const binned = scoresFor(samples, { linear, weights }, ridge, opts.crossFit ?? 0, opts.pooledPrior, opts.biasPrior);
  const scored = samples.map((s, i) => ({ ...s, s: binned[i] }));

  const rows: Record<string, number[]> = {};
  const counts: Record<string, number[]> = {};
  const row = (key: string, list: typeof scored) => {
    const c = countBins(list, edges);
    rows[key] = fitRow(c, predicted(list, edges), m).map(round4);
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
    version: 2, fitted: { ...fitted, samples: samples.length, prior_strength: m, ridge, cross_fit: opts.crossFit ?? 0, kind_cells: opts.kindCells ?? 0, pooled_prior: !!opts.pooledPrior, bias_prior: !!opts.biasPrior },
    linear, weights, edges: edges.map((e) => (Number.isFinite(e) ? e : 99)), rows, counts,
  };
}

