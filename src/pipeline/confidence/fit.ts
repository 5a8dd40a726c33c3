// Fits the calibration table from labelled samples (raw score, evidence, right or wrong), per field × source group.
// The corpus is small (tens of samples per field and source outside the SROIE receipts), so every estimate is
// shrunk toward a pool with a beta prior of PRIOR_STRENGTH pseudo-samples:
//  1. weights: what a piece of evidence is worth for a field and source, w = logit(p_e) − logit(p), where p is the
//     field's rate of right values and p_e = (right_e + m·p) / (n_e + m) the rate among values that carry the
//     evidence: rare evidence is worth little, and the weight is capped at ±MAX_WEIGHT;
//  2. the score of a value is logit(raw) + its weights, binned (SCORE_EDGES);
//  3. each bin's rate is shrunk toward its parent row's value for the same bin, p = (right + m·p_parent) / (n + m),
//     rows pooling upward "field|source" → "|source" → all samples; each row is then made non-decreasing in the
//     score (pool-adjacent-violators, weighted by n + m), which also undoes evidence counted twice with the raw
//     score, since the map is measured on the summed score.
import type { FieldName } from '../../contract.js';
import { binOf, type CalibrationTable, logit, score, type SourceGroup } from './calibrate.js';
import type { EvidenceName } from './evidence.js';

export interface Sample {
  field: FieldName;
  group: SourceGroup;
  raw: number;
  evidence: EvidenceName[];
  right: boolean;
}

export const SCORE_EDGES = [-2, -1, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, Infinity];
export const PRIOR_STRENGTH = 4;
const MAX_WEIGHT = 3;

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

const rate = (samples: Sample[]) => samples.filter((s) => s.right).length / Math.max(1, samples.length);
const round4 = (x: number) => Math.round(x * 10000) / 10000;

function fitWeights(samples: Sample[], m: number): Partial<Record<EvidenceName, number>> {
  const p = Math.min(0.99, Math.max(0.01, rate(samples)));
  const out: Partial<Record<EvidenceName, number>> = {};
  for (const e of new Set(samples.flatMap((s) => s.evidence))) {
    const withE = samples.filter((s) => s.evidence.includes(e));
    const pe = (withE.filter((s) => s.right).length + m * p) / (withE.length + m);
    out[e] = round4(Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, logit(pe) - logit(p))));
  }
  return out;
}

function countBins(scores: { s: number; right: boolean }[], edges: number[]): Counts {
  const n = edges.map(() => 0);
  const k = edges.map(() => 0);
  for (const { s, right } of scores) {
    const b = binOf(edges, s);
    n[b]++;
    if (right) k[b]++;
  }
  return { n, k };
}

function fitRow(counts: Counts, parent: number[], m: number): number[] {
  const p = counts.n.map((n, i) => (counts.k[i] + m * parent[i]) / (n + m));
  return isotonic(p, counts.n.map((n) => n + m));
}

export function fitCalibration(samples: Sample[], fitted: Record<string, unknown>, edges = SCORE_EDGES, m = PRIOR_STRENGTH): CalibrationTable {
  const weights: CalibrationTable['weights'] = {};
  const byKey = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.field}|${s.group}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  for (const [key, list] of byKey) weights[key] = fitWeights(list, m);
  const scored = samples.map((s) => ({ ...s, s: score({ weights }, s.field, s.group, s.raw, s.evidence) }));

  const rows: Record<string, number[]> = {};
  const counts: Record<string, number[]> = {};
  const all = countBins(scored, edges);
  const pooled = (all.k.reduce((a, b) => a + b, 0) + m * 0.5) / (all.n.reduce((a, b) => a + b, 0) + m);
  const top = fitRow(all, edges.map(() => pooled), m);
  for (const group of [...new Set(samples.map((s) => s.group))].sort()) {
    const inGroup = scored.filter((s) => s.group === group);
    const groupCounts = countBins(inGroup, edges);
    const groupRow = fitRow(groupCounts, top, m);
    rows[`|${group}`] = groupRow.map(round4);
    counts[`|${group}`] = groupCounts.n;
    for (const field of [...new Set(inGroup.map((s) => s.field))].sort()) {
      const fieldCounts = countBins(inGroup.filter((s) => s.field === field), edges);
      rows[`${field}|${group}`] = fitRow(fieldCounts, groupRow, m).map(round4);
      counts[`${field}|${group}`] = fieldCounts.n;
    }
  }
  return {
    version: 2, fitted: { ...fitted, samples: samples.length, prior_strength: m },
    weights, edges: edges.map((e) => (Number.isFinite(e) ? e : 99)), rows, counts,
  };
}
