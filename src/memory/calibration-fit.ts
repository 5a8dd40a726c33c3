// Fitting the `learned` source's calibration (src/memory/calibration.ts) from what the memory did on documents
// whose truth is known: per cell, the rate at which its values were right, shrunk toward its coarser cell (a cell
// seen a few times says little on its own), and non-decreasing in the number of confirmations (one more document
// that confirmed an anchor never makes it less sure). Used by `npm run bench:memory -- --fit FILE` on tune only.
import type { MemoryCalibration } from './calibration.js';

export interface CalibrationSample {
  basis: string;
  right: boolean;
}

/** How many samples a coarser cell's rate is worth inside a finer cell. */
export const PRIOR_STRENGTH = 4;
const EVEN = 0.5;

export function fitMemoryCalibration(samples: CalibrationSample[], fitted: Record<string, unknown> = {}): MemoryCalibration {
  const counts: Record<string, [number, number]> = {};
  for (const s of samples) {
    const parts = s.basis.split(':');
    for (let n = 1; n <= parts.length; n++) {
      const slot = (counts[parts.slice(0, n).join(':')] ??= [0, 0]);
      slot[1]++;
      if (s.right) slot[0]++;
    }
  }
  const cells: Record<string, number> = {};
  // coarse cells first, so each finer cell shrinks toward its parent's fitted rate
  for (const key of Object.keys(counts).sort((a, b) => a.split(':').length - b.split(':').length || a.localeCompare(b))) {
    const [right, seen] = counts[key]!;
    // what the memory did is its own kind of evidence: a situation seen rarely starts from even odds, not from
    // how right the other situations were (else values it seldom supplies would borrow their trust)
    const parent = key.includes(':') ? cells[key.slice(0, key.lastIndexOf(':'))]! : EVEN;
    cells[key] = (right + PRIOR_STRENGTH * parent) / (seen + PRIOR_STRENGTH);
  }
  monotoneInSupport(cells, counts);
  for (const key of Object.keys(cells)) cells[key] = Math.round(cells[key]! * 1000) / 1000;
  return { version: 1, fitted: { ...fitted, samples: samples.length, prior_strength: PRIOR_STRENGTH, method: 'per cell: right/seen shrunk toward the coarser cell (a situation toward even odds), pooled adjacent violators over confirmations' }, cells, counts };
}

/** Anchor cells (`situation:kind:aN:support[:ocr]`, or `situation:kind:support[:ocr]` in tables fitted before the
 * places were counted): more confirmations never lower the rate (weighted pooling of adjacent violators, per
 * situation:kind:aN and per situation:kind:aN:*:ocr). */
function monotoneInSupport(cells: Record<string, number>, counts: Record<string, [number, number]>): void {
  const groups = new Map<string, { key: string; support: number }[]>();
  for (const key of Object.keys(cells)) {
    const parts = key.split(':');
    if (!['confirm', 'agree', 'read', 'fill'].includes(parts[0]!)) continue;
    const at = /^a\d$/.test(parts[2] ?? '') ? 3 : 2;
    if (parts.length <= at) continue;
    const support = Number(parts[at]);
    const group = `${parts.slice(0, at).join(':')}|${parts.slice(at + 1).join(':')}`;
    (groups.get(group) ?? groups.set(group, []).get(group)!).push({ key, support });
  }
  for (const members of groups.values()) {
    members.sort((a, b) => a.support - b.support);
    const blocks: { keys: string[]; weight: number; value: number }[] = [];
    for (const m of members) {
      blocks.push({ keys: [m.key], weight: counts[m.key]![1] + 1, value: cells[m.key]! });
      while (blocks.length > 1 && blocks[blocks.length - 2]!.value > blocks[blocks.length - 1]!.value) {
        const b = blocks.pop()!;
        const a = blocks.pop()!;
        const weight = a.weight + b.weight;
        blocks.push({ keys: [...a.keys, ...b.keys], weight, value: (a.value * a.weight + b.value * b.weight) / weight });
      }
    }
    for (const b of blocks) for (const k of b.keys) cells[k] = b.value;
  }
}
