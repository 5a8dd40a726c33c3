// Fits the calibration table from labelled samples (raw score, evidence, right or wrong), per field × source group ×
// evidence level, binned on the raw score. The corpus is small (tens of samples per field and source), so:
//  - rows pool upward: "field|source|level" → "field|source" → "|source" → all samples;
//  - each bin's estimate is shrunk toward its parent row's value for the same bin (beta prior of PRIOR_STRENGTH
//    pseudo-samples): p = (right + m·p_parent) / (n + m), so an empty or thin bin says what its pool says;
//  - each row is then made non-decreasing in the raw score (pool-adjacent-violators, weighted by n + m), since a
//    higher rank must never mean a lower probability;
//  - the top of all: the pooled rate of every sample, shrunk toward 0.5.
import type { FieldName } from '../../contract.js';
import { binOf, type CalibrationTable, EVIDENCE_LEVELS, evidenceLevel, type SourceGroup } from './calibrate.js';
import type { EvidenceName } from './evidence.js';

export interface Sample {
  field: FieldName;
  group: SourceGroup;
  raw: number;
  evidence: EvidenceName[];
  right: boolean;
}

export const DEFAULT_EDGES = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.000001];
export const PRIOR_STRENGTH = 4;

interface Counts {
  n: number[];
  k: number[];
}

function countBins(samples: Sample[], edges: number[]): Counts {
  const n = edges.map(() => 0);
  const k = edges.map(() => 0);
  for (const s of samples) {
    const b = binOf(edges, s.raw);
    n[b]++;
    if (s.right) k[b]++;
  }
  return { n, k };
}

/** Shrunk toward the parent per bin, then made monotone. */
function fitRow(counts: Counts, parent: number[], m: number): number[] {
  const p = counts.n.map((n, i) => (counts.k[i] + m * parent[i]) / (n + m));
  return isotonic(p, counts.n.map((n) => n + m));
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

export function fitCalibration(samples: Sample[], fitted: Record<string, unknown>, edges = DEFAULT_EDGES, m = PRIOR_STRENGTH): CalibrationTable {
  const rows: Record<string, number[]> = {};
  const counts: Record<string, number[]> = {};
  const put = (key: string, c: Counts, row: number[]) => {
    rows[key] = row.map(round4);
    counts[key] = c.n;
  };
  const all = countBins(samples, edges);
  const pooled = (all.k.reduce((a, b) => a + b, 0) + m * 0.5) / (all.n.reduce((a, b) => a + b, 0) + m);
  const top = fitRow(all, edges.map(() => pooled), m);
  const groups = [...new Set(samples.map((s) => s.group))].sort();
  for (const group of groups) {
    const inGroup = samples.filter((s) => s.group === group);
    const groupCounts = countBins(inGroup, edges);
    const groupRow = fitRow(groupCounts, top, m);
    put(`|${group}`, groupCounts, groupRow);
    for (const field of [...new Set(inGroup.map((s) => s.field))].sort()) {
      const ofField = inGroup.filter((s) => s.field === field);
      const fieldCounts = countBins(ofField, edges);
      const fieldRow = fitRow(fieldCounts, groupRow, m);
      put(`${field}|${group}`, fieldCounts, fieldRow);
      for (const level of EVIDENCE_LEVELS) {
        const ofLevel = ofField.filter((s) => evidenceLevel(s.evidence) === level);
        if (ofLevel.length === 0) continue;
        const levelCounts = countBins(ofLevel, edges);
        put(`${field}|${group}|${level}`, levelCounts, fitRow(levelCounts, fieldRow, m));
      }
    }
  }
  return { version: 1, fitted: { ...fitted, samples: samples.length, prior_strength: m }, edges, rows, counts };
}
