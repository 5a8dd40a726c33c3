// Fitting the `learned` source's calibration (src/memory/calibration.ts) from what the memory did on documents
// whose truth is known: per cell, the rate at which its values were right, shrunk toward its coarser cell (a cell
// seen a few times says little on its own), and non-decreasing in the number of confirmations (one more document
// that confirmed an anchor never makes it less sure). Used by `npm run bench:memory -- --fit FILE` on tune only.
import type { ExtractedFields } from '../contract.js';
import { applyProfile } from './apply.js';
import type { MemoryCalibration } from './calibration.js';
import type { DocumentEvidence } from './evidence.js';
import type { ProfileMatch } from './match.js';
import { PLACED_FIELD_NAMES, type PlacedField } from './types.js';

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
    if (!['confirm', 'agree', 'read', 'fill', 'damaged'].includes(parts[0]!)) continue;
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

/** What the memory would have filled in each placed field the rules read, had they not read it: the document applied
 * again to its matched profile with that one field withheld from the rules (and from their calibrated fields), each
 * `fill` cell with the value it read. Fit samples (bench:memory --fit): a fill is otherwise measured only where the
 * rules missed — seldom on the split they were tuned on (tune, round 23: 7 fills in 101 later documents) — and its
 * cells, shrunk toward even odds, stay below the write threshold on the documents where the rules miss more. The
 * situation is the fill's own: the anchors read with no rules' value to back or break a tie (apply.ts learnedPick). A
 * `damaged` fill (a printing damaged beyond the rules' reading) is no sample: such readings happen where the rules
 * fail, and a document where the rules read the value is not one of those. */
export function withheldFills(
  match: ProfileMatch, ev: DocumentEvidence, rules: ExtractedFields, table: MemoryCalibration | null, calibrated?: ExtractedFields,
): { name: PlacedField; basis: string; value: unknown }[] {
  return PLACED_FIELD_NAMES.flatMap((name) => {
    if (rules[name].value === null) return [];
    const without = (f: ExtractedFields): ExtractedFields => ({ ...f, [name]: { value: null, confidence: 0 } });
    const applied = applyProfile(match, ev, without(rules), table, calibrated && without(calibrated));
    const basis = applied.basis[name];
    return basis?.startsWith('fill:') ? [{ name, basis, value: applied.fields[name].value }] : [];
  });
}
