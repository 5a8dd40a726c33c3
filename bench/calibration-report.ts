// What the write policy does on labelled documents: per field accuracy, written share, written precision and
// expected calibration error, and the touchless rate per kind of document. Works on records (one per document:
// raw scores, evidence, truth) so a refit of the calibration table is re-measured in seconds without re-reading.
import { createHash } from 'node:crypto';
import { type DocType, FIELD_NAMES, type FieldName, type ResultSource } from '../src/contract.js';
import { calibrate, type CalibrationTable, isChecked, type OcrEngineName, readingOf, type SourceGroup, sourceGroup } from '../src/pipeline/confidence/calibrate.js';
import type { EvidenceName } from '../src/pipeline/confidence/evidence.js';
import { PRECISION_CONFIDENCE, READ_GROUPS, type Sample } from '../src/pipeline/confidence/fit.js';
import { type DocumentKind, KEY_ALTERNATIVES, KEY_FIELDS, kindOf } from '../src/pipeline/confidence/policy.js';
import type { Split } from './corpus.js';

export interface RecordField {
  value: unknown;
  raw: number;
  evidence: EvidenceName[];
  /** null: the truth does not say; otherwise whether the value matches it. */
  right: boolean | null;
  /** the field's own source when not the document's (image:<engine>: OCR of a text-layer page's image; qr:<code>: a
   * payment code's value, fromPaymentCode) */
  source?: string;
}

/** A value a valid payment code set (source qr:<code>, src/pipeline/qr/merge.ts): exact, set after calibration at the
 * code's own confidence (1; DISPUTED_CONFIDENCE where the text reads another value), which the record keeps as its raw
 * score. The table never calibrates it, so the policy is measured at that confidence and the fit does not learn from
 * it: it is no reading of the page (a QR-bill's total recalibrated as a text-layer total with no evidence was held
 * back at 0.98 where the scan writes it, and taught the text layer's rows that a raw score of 1 is always right). */
export function fromPaymentCode(f: Pick<RecordField, 'source'>): boolean {
  return f.source?.startsWith('qr:') ?? false;
}

/** The source group a record's field is calibrated in (calibrate.ts readingOf). */
const readingGroup = (r: DocRecord, f: RecordField) => {
  const read = readingOf(f.source, r.source ?? undefined, r.engine);
  return sourceGroup(read.source, read.engine);
};

/** One scanned document with its truth: all a re-measure needs. */
export interface DocRecord {
  file: string;
  folder: string;
  split: Split | null;
  source: ResultSource | null;
  /** the OCR engine that read its scanned pages (ScanResult.ocr_engine; absent: none, or a record of before it was
   * recorded — read as Tesseract's, the only engine then) */
  engine?: OcrEngineName;
  /** the file's bytes: the same document in two corpora is one sample */
  sha256?: string;
  /** the vendor family (bench/corpus.ts): cross-validation keeps a family in one fold, as the split does */
  family?: string;
  /** receipt → expense, anything else → bill (by the truth's doc_type, else the extracted one). */
  kind: DocumentKind;
  fields: Partial<Record<FieldName, RecordField>>;
  /** cross-checks that disagreed (they do not depend on calibration). */
  checks: string[];
  error?: string;
}

export type Group = 'receipts' | 'text-layer bills' | 'scanned bills' | 'e-invoices';

export function groupOf(r: DocRecord): Group {
  if (r.source?.startsWith('einvoice:')) return 'e-invoices';
  if (r.kind === 'expense') return 'receipts';
  return r.source === 'pdf-text' ? 'text-layer bills' : 'scanned bills';
}

export interface FieldStats {
  truths: number; // fields with a truth
  right: number; // extracted and right
  written: number;
  writtenRight: number;
  ece: number | null;
  /** reliability bins of calibrated confidence: [lo, hi) with count and right */
  bins: { lo: number; hi: number; n: number; right: number; meanConf: number }[];
}

export interface PolicyReport {
  threshold: number;
  fields: Partial<Record<FieldName, FieldStats>>;
  touchless: Partial<Record<Group, { docs: number; touchless: number }>>;
  /** The key fields' written share and precision per kind of document (the issue's targets are per kind). */
  byGroup: Partial<Record<Group, Partial<Record<FieldName, { truths: number; written: number; writtenRight: number }>>>>;
  /** Bills' vendor as the key-field rule sees it: identified when its name or a stand-in (its VAT) is written, right
   * when what was written is. */
  vendorKey: Partial<Record<Group, { truths: number; written: number; writtenRight: number }>>;
}

/** The fields whose written share the targets name, per kind of document. */
const GROUP_FIELDS: FieldName[] = ['amount_total', 'date', 'vendor_name', 'invoice_number'];

/** The kind of document as the scan saw it (its extracted type), which is what calibrate() is given in a scan. */
export function extractedKind(r: DocRecord): DocumentKind {
  return kindOf((r.fields.doc_type?.value as DocType | null | undefined) ?? null);
}

export function probability(table: CalibrationTable, r: DocRecord, name: FieldName): number {
  const f = r.fields[name];
  if (!f || f.value === null) return 0;
  if (fromPaymentCode(f)) return f.raw;
  const read = readingOf(f.source, r.source ?? undefined, r.engine);
  return Math.round(calibrate(table, name, read.source, f.raw, f.evidence, extractedKind(r), read.engine) * 100) / 100;
}

const ECE_BINS = 10;

/** `evaluate` takes one table, or a table per document (outOfFold: each family scored by a table fitted without it). */
export type TableOf = CalibrationTable | ((r: DocRecord) => CalibrationTable);

export function evaluate(records: DocRecord[], tables: TableOf, threshold: number): PolicyReport {
  const tableOf = typeof tables === 'function' ? tables : () => tables;
  const probabilityIn = (r: DocRecord, name: FieldName) => probability(tableOf(r), r, name);
  const fields: PolicyReport['fields'] = {};
  for (const name of FIELD_NAMES) {
    const bins = Array.from({ length: ECE_BINS }, (_, i) => ({ lo: i / ECE_BINS, hi: (i + 1) / ECE_BINS, n: 0, right: 0, meanConf: 0 }));
    const s: FieldStats = { truths: 0, right: 0, written: 0, writtenRight: 0, ece: null, bins };
    for (const r of records) {
      const f = r.fields[name];
      if (!f || f.right === null) continue;
      s.truths++;
      if (f.right) s.right++;
      if (f.value === null) continue;
      const p = probabilityIn(r, name);
      const bin = bins[Math.min(ECE_BINS - 1, Math.floor(p * ECE_BINS))];
      bin.n++;
      bin.meanConf += p;
      if (f.right) bin.right++;
      if (p >= threshold) {
        s.written++;
        if (f.right) s.writtenRight++;
      }
    }
    const predicted = bins.reduce((a, b) => a + b.n, 0);
    for (const b of bins) if (b.n) b.meanConf /= b.n;
    s.ece = predicted ? bins.reduce((a, b) => a + (b.n ? (b.n / predicted) * Math.abs(b.right / b.n - b.meanConf) : 0), 0) : null;
    if (s.truths) fields[name] = s;
  }
  const byGroup: PolicyReport['byGroup'] = {};
  for (const r of records) {
    for (const name of GROUP_FIELDS) {
      const f = r.fields[name];
      if (!f || f.right === null) continue;
      const slot = ((byGroup[groupOf(r)] ??= {})[name] ??= { truths: 0, written: 0, writtenRight: 0 });
      slot.truths++;
      if (f.value !== null && probabilityIn(r, name) >= threshold) {
        slot.written++;
        if (f.right) slot.writtenRight++;
      }
    }
  }
  const vendorKey: PolicyReport['vendorKey'] = {};
  for (const r of records) {
    const name = r.fields.vendor_name;
    if (r.kind !== 'bill' || !name || name.right === null) continue;
    const slot = (vendorKey[groupOf(r)] ??= { truths: 0, written: 0, writtenRight: 0 });
    slot.truths++;
    const written = ['vendor_name' as const, ...(KEY_ALTERNATIVES.vendor_name ?? [])].filter((n) => r.fields[n] && r.fields[n]!.value !== null && probabilityIn(r, n) >= threshold);
    if (!written.length) continue;
    slot.written++;
    if (written.some((n) => r.fields[n]!.right === true) && !written.some((n) => r.fields[n]!.right === false)) slot.writtenRight++;
  }
  const touchless: PolicyReport['touchless'] = {};
  for (const r of records) {
    const keys = KEY_FIELDS[r.kind];
    if (r.error || keys.some((k) => r.fields[k]?.right === null || !r.fields[k])) continue; // truth does not say
    const t = (touchless[groupOf(r)] ??= { docs: 0, touchless: 0 });
    t.docs++;
    // a key field is written and right, or one that stands for it is (a bill's VAT for its vendor: KEY_ALTERNATIVES)
    const writtenRight = (k: FieldName) => r.fields[k]?.right === true && probabilityIn(r, k) >= threshold;
    const allWrittenRight = keys.every((k) => writtenRight(k) || (KEY_ALTERNATIVES[k] ?? []).some(writtenRight));
    if (allWrittenRight && r.checks.length === 0) t.touchless++;
  }
  return { threshold, fields, touchless, byGroup, vendorKey };
}

/** One record per document: the same file scanned from two corpora (the SROIE receipts copied into fixtures) would
 * count twice in a fit and could sit in tune in one corpus and holdout in the other; the first one is kept. */
export function uniqueDocuments(records: DocRecord[]): DocRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    // one reading per engine: the same receipt read by Tesseract and by Paddle is two samples, one of each group
    const key = `${r.sha256 ?? `${r.folder}/${r.file}`}|${r.engine ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What cross-validation keeps together: the vendor family where the corpus names one (the holdout split is by
 * family, so folds by family measure a table on vendors it was not fitted on, as the holdout does), else the file. */
export function groupKey(r: DocRecord): string {
  return r.family ?? r.sha256 ?? `${r.folder}/${r.file}`;
}

/** Labelled samples for the fit: every extracted value whose truth is known. With `familyCap`, a vendor family with
 * more documents than that counts as `familyCap` documents (each weighs familyCap / its size): the table is then
 * about a vendor it has not seen, not about the few vendors with dozens of receipts in the corpus. */
export function samplesOf(records: DocRecord[], familyCap = 0): Sample[] {
  const sizes = new Map<string, number>();
  for (const r of records) sizes.set(groupKey(r), (sizes.get(groupKey(r)) ?? 0) + 1);
  const out: Sample[] = [];
  for (const r of records) {
    const size = sizes.get(groupKey(r))!;
    const weight = familyCap > 0 && size > familyCap ? familyCap / size : 1;
    for (const [name, f] of Object.entries(r.fields) as [FieldName, RecordField][]) {
      if (f.value === null || f.right === null || fromPaymentCode(f)) continue;
      out.push({
        field: name, group: readingGroup(r, f), raw: f.raw, evidence: f.evidence, right: f.right,
        doc: groupKey(r), kind: extractedKind(r), ...(weight < 1 ? { weight } : {}),
      });
    }
  }
  return out;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');

export function formatReport(rep: PolicyReport, label: string): string {
  const lines = [`write policy on ${label}: WRITE_THRESHOLD ${rep.threshold}`];
  lines.push(['field'.padEnd(15), 'truths', 'accuracy', 'written', 'w.precision', '  ECE'].join(' '));
  for (const name of FIELD_NAMES) {
    const s = rep.fields[name];
    if (!s) continue;
    lines.push([
      name.padEnd(15), String(s.truths).padStart(6), pct(s.right, s.truths).padStart(8),
      pct(s.written, s.truths).padStart(7), `${pct(s.writtenRight, s.written)} (${s.writtenRight}/${s.written})`.padStart(11),
      s.ece === null ? '    -' : s.ece.toFixed(3).padStart(5),
    ].join(' '));
  }
  for (const [group, byField] of Object.entries(rep.byGroup)) {
    const shares = Object.entries(byField).map(([name, g]) => `${name} ${pct(g.written, g.truths)} written, ${pct(g.writtenRight, g.written)} right (${g.writtenRight}/${g.written}/${g.truths})`);
    const t = rep.touchless[group as Group];
    const v = rep.vendorKey[group as Group];
    if (v) shares.push(`vendor (name or VAT) ${pct(v.written, v.truths)} written, ${pct(v.writtenRight, v.written)} right (${v.writtenRight}/${v.written}/${v.truths})`);
    lines.push(`${group}: ${shares.join('; ')}${t ? `; touchless ${pct(t.touchless, t.docs)} (${t.touchless}/${t.docs})` : ''}`);
  }
  return lines.join('\n');
}

/** How far refits move the write policy: per kind of document and key field, and per field, the written share and
 * wrong values written by the full fit beside their range over `refits` (the same fit on less data). */
export function formatSteadiness(full: PolicyReport, refits: PolicyReport[]): string {
  const line = (label: string, pick: (r: PolicyReport) => { truths: number; written: number; writtenRight: number } | undefined) => {
    const f = pick(full);
    if (!f || !f.truths) return null;
    const shares = refits.map((r) => (100 * (pick(r)?.written ?? 0)) / f.truths);
    const wrong = refits.map((r) => (pick(r)?.written ?? 0) - (pick(r)?.writtenRight ?? 0));
    return `  ${label.padEnd(32)} written ${pct(f.written, f.truths).padStart(4)} (${f.written - f.writtenRight} wrong); refits ${Math.min(...shares).toFixed(0)}-${Math.max(...shares).toFixed(0)} % (${Math.min(...wrong)}-${Math.max(...wrong)} wrong)`;
  };
  const lines: (string | null)[] = [];
  for (const [group, byField] of Object.entries(full.byGroup)) {
    for (const name of Object.keys(byField!) as FieldName[]) lines.push(line(`${group} ${name}`, (r) => r.byGroup[group as Group]?.[name]));
  }
  for (const name of FIELD_NAMES) lines.push(line(name, (r) => r.fields[name]));
  return lines.filter(Boolean).join('\n');
}

/** Fields with fewer written values than this do not decide the threshold on their own (one miss in ten is noise,
 * not a measured precision); they still count in the pool of all fields. */
export const MIN_WRITTEN_TO_DECIDE = 30;

type Tally = Partial<Record<FieldName, { w: number; r: number }>>;

function tally(reports: PolicyReport[]): Tally {
  const written: Tally = {};
  for (const rep of reports) {
    for (const [name, s] of Object.entries(rep.fields) as [FieldName, FieldStats][]) {
      const slot = (written[name] ??= { w: 0, r: 0 });
      slot.w += s.written;
      slot.r += s.writtenRight;
    }
  }
  return written;
}

/** Fields that decide: enough written values, and right at least `target` of the time at the highest threshold —
 * a field whose wrong values sit in the top bin is not helped by any threshold (it is reported, not chased). */
function deciding(top: Tally, target: number): FieldName[] {
  return (Object.entries(top) as [FieldName, { w: number; r: number }][])
    .filter(([, s]) => s.w >= MIN_WRITTEN_TO_DECIDE && s.r / s.w >= target).map(([name]) => name);
}

/** How precise written values of some fields are: the point estimate, or a lower bound (precisionBound). */
type RateOf = (names: FieldName[]) => number;

const pointRate = (written: Tally): RateOf => (names) => {
  const sum = names.reduce((a, n) => ({ w: a.w + (written[n]?.w ?? 0), r: a.r + (written[n]?.r ?? 0) }), { w: 0, r: 0 });
  return sum.w > 0 ? sum.r / sum.w : 1;
};

/** Whether written values are right at least `target` of the time: all fields together and every deciding field;
 * and no field that misses the target even at the highest threshold (`top`) is made worse than it is there — a
 * lower threshold may not add wrong values to a field that is already below the target. Such a field (enough written
 * values, below the target at the top) is left out of "all fields together": no threshold helps it, so counted there
 * it failed every threshold and the choice fell back to the highest (vendor names and currencies at 93 % in
 * cross-validation on the tune of 2026-12-05). `rateOf` measures "right at least target" (default: the point
 * estimate; chooseThreshold can give a lower bound), "made worse" is always on point estimates. */
function precise(written: Tally, fields: FieldName[], target: number, top: Tally = {}, rateOf: RateOf = pointRate(written)): boolean {
  const rate = (t: { w: number; r: number } | undefined) => (t && t.w > 0 ? t.r / t.w : 1);
  const missing = new Set((Object.keys(top) as FieldName[]).filter((n) => top[n]!.w >= MIN_WRITTEN_TO_DECIDE && rate(top[n]) < target));
  const pooled = (Object.keys(written) as FieldName[]).filter((n) => !missing.has(n));
  const anyWritten = pooled.some((n) => written[n]!.w > 0);
  const notWorse = (Object.keys(top) as FieldName[]).every((n) => fields.includes(n) || rate(written[n]) >= Math.min(target, rate(top[n])) - 1e-9);
  return anyWritten && rateOf(pooled) >= target && notWorse && fields.every((n) => !written[n] || written[n]!.w === 0 || rateOf([n]) >= target);
}

const THRESHOLDS = Array.from({ length: 50 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);

/** Uniform numbers in [0, 1) from a seed (mulberry32): a rerun on the same records draws the same. */
function seededRandom(seed: string): () => number {
  let state = parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws eceFloor averages over. */
const FLOOR_REPLICATES = 200;

/** ECE's noise floor: the mean ECE that confidences which are exactly right would show on these values — each value
 * right with its own confidence as probability, FLOOR_REPLICATES draws. Over a few dozen values spread across ten bins,
 * each bin's rate is off its confidence by sampling alone (70 values at about 0.9: about 0.04), so a field's ECE is
 * read against it: an ECE near its floor is no evidence of miscalibration, however far above 0.05 it is. */
export function eceFloor(confidences: number[], replicates = FLOOR_REPLICATES): number | null {
  if (!confidences.length) return null;
  const next = seededRandom(`ece-floor:${confidences.length}`);
  let sum = 0;
  for (let rep = 0; rep < replicates; rep++) sum += expectedCalibrationError(confidences.map((p): [number, boolean] => [p, next() < p]))!;
  return sum / replicates;
}

/** Bootstrap replicates over vendor families: how many times each family is drawn in each (seeded, so a refit on the
 * same records chooses the same). */
export function familyReplicates(families: number, replicates: number, seed = 'precision-bound'): Uint16Array[] {
  const next = seededRandom(seed);
  return Array.from({ length: replicates }, () => {
    const counts = new Uint16Array(families);
    for (let i = 0; i < families; i++) counts[Math.floor(next() * families)]++;
    return counts;
  });
}

/** A lower confidence bound on written precision: the (1 − confidence) quantile of the precision over bootstrap
 * replicates that draw whole vendor families (a family's values are right or wrong together — one bakery's 46 slips
 * are one piece of evidence, not 46), given per family its written and right counts. */
export function precisionBound(byFamily: { w: number; r: number }[], replicates: Uint16Array[], confidence: number): number {
  const rates = replicates.map((c) => {
    let w = 0;
    let r = 0;
    byFamily.forEach((f, i) => {
      w += c[i] * f.w;
      r += c[i] * f.r;
    });
    return w > 0 ? r / w : 1;
  }).sort((a, b) => a - b);
  return rates[Math.min(rates.length - 1, Math.floor((1 - confidence) * rates.length))];
}

/** The confidence of the lower bound on written precision that chooses the write threshold (fit-calibration
 * --precision-confidence; 0: the point estimate, as before 2026-12-05 17:00); fit.ts's, which the ceiling of a row
 * whose values were all right shares. */
export { PRECISION_CONFIDENCE };

/** Replicates drawn for precisionBound by chooseThreshold. */
const BOUND_REPLICATES = 400;

/** Each document's table in k-fold cross-validation by vendor family: fitted on the other folds, so every family is
 * scored by a table that never saw it (a new vendor, as the holdout's are). */
export function outOfFold(records: DocRecord[], fit: (train: DocRecord[]) => CalibrationTable, folds = 5, salt = ''): (r: DocRecord) => CalibrationTable {
  const foldOf = (r: DocRecord) => parseInt(createHash('sha256').update(`${salt}${groupKey(r)}`).digest('hex').slice(0, 8), 16) % folds;
  const tables = Array.from({ length: folds }, (_, k) => fit(records.filter((r) => foldOf(r) !== k)));
  return (r) => tables[foldOf(r)];
}

/** Leave-family-out: the write policy on `records` with each vendor family scored by a table fitted without it (k folds
 * by family, `repeats` different splits into folds: one report per split), beside the table fitted on all of them
 * (in-sample). What a table claims on layouts it was fitted on is not what it gives a vendor it never saw (issue #14:
 * receipts' totals written 82 % on tune and 54 % on holdout, at the same precision, one holdout vendor family's
 * layout carrying none of the payment lines the tune receipts' regression leaned on); this measures the latter on tune. */
export interface LeaveFamilyOut {
  inSample: PolicyReport;
  outOfFamily: PolicyReport[];
  /** per field, the written share with each vendor family weighing one (the mean of the families' own shares),
   * in-sample and out of family (mean over the splits) */
  familyShare: { inSample: Partial<Record<FieldName, number>>; outOfFamily: Partial<Record<FieldName, number>> };
  /** per field, the ECE that exactly right confidences would show on the out-of-family values (eceFloor, mean over the
   * splits) */
  eceFloor: Partial<Record<FieldName, number>>;
}

/** The tables leaveFamilyOut scores with: one fitted on every record, and per split into `folds` folds by family
 * (`repeats` splits) each family's table fitted without it. Fitted once, scored as often as wanted. */
export interface FamilyFits {
  table: CalibrationTable;
  splits: ((r: DocRecord) => CalibrationTable)[];
}

export function familyFits(records: DocRecord[], fit: (train: DocRecord[]) => CalibrationTable, folds = 5, repeats = 3): FamilyFits {
  return { table: fit(records), splits: Array.from({ length: repeats }, (_, rep) => outOfFold(records, fit, folds, rep === 0 ? '' : `repeat${rep}:`)) };
}

export function leaveFamilyOut(records: DocRecord[], fits: FamilyFits, threshold: number, without: readonly string[] = []): LeaveFamilyOut {
  const { table, splits } = fits;
  // scored as a layout without that evidence would be (the tables are fitted on the records as they are)
  if (without.length) records = records.map((r) => withoutEvidence(r, without));
  return {
    inSample: evaluate(records, table, threshold),
    outOfFamily: splits.map((tableOf) => evaluate(records, tableOf, threshold)),
    familyShare: { inSample: familyShares(records, () => table, threshold), outOfFamily: meanOf(splits.map((tableOf) => familyShares(records, tableOf, threshold))) },
    eceFloor: meanOf(splits.map((tableOf) => Object.fromEntries(FIELD_NAMES.flatMap((name) => {
      const confidences = records.flatMap((r) => (r.fields[name] && r.fields[name]!.right !== null && r.fields[name]!.value !== null ? [probability(tableOf(r), r, name)] : []));
      return confidences.length ? [[name, eceFloor(confidences)!]] : [];
    })))),
  };
}

/** A record as a layout that never shows `names` would read: its values without that evidence. */
export function withoutEvidence(r: DocRecord, names: readonly string[]): DocRecord {
  const fields = Object.fromEntries((Object.entries(r.fields) as [FieldName, RecordField][]).map(([n, f]) => [n, { ...f, evidence: f.evidence.filter((e) => !names.includes(e)) }]));
  return { ...r, fields };
}

/** Per field, the mean over vendor families of the share of their values with a truth that `tableOf` writes. */
function familyShares(records: DocRecord[], tableOf: (r: DocRecord) => CalibrationTable, threshold: number): Partial<Record<FieldName, number>> {
  const byFamily = new Map<string, Partial<Record<FieldName, { t: number; w: number }>>>();
  for (const r of records) {
    const family = byFamily.get(groupKey(r)) ?? byFamily.set(groupKey(r), {}).get(groupKey(r))!;
    for (const [name, f] of Object.entries(r.fields) as [FieldName, RecordField][]) {
      if (f.right === null) continue;
      const slot = (family[name] ??= { t: 0, w: 0 });
      slot.t++;
      if (f.value !== null && probability(tableOf(r), r, name) >= threshold) slot.w++;
    }
  }
  return Object.fromEntries(FIELD_NAMES.map((name) => {
    const shares = [...byFamily.values()].flatMap((f) => (f[name] ? [f[name]!.w / f[name]!.t] : []));
    return [name, shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : 0];
  }).filter(([name]) => [...byFamily.values()].some((f) => f[name as FieldName])));
}

const meanOf = (list: Partial<Record<FieldName, number>>[]): Partial<Record<FieldName, number>> =>
  Object.fromEntries(Object.keys(list[0] ?? {}).map((n) => [n, list.reduce((a, x) => a + (x[n as FieldName] ?? 0), 0) / list.length]));

/** leaveFamilyOut's figures per field and per kind of document's key fields: written share, written precision and
 * wrong values written, in-sample and out of family (summed over the splits into folds), and per field the written
 * share with each family weighing one (a vendor with 80 receipts is one layout). */
export function formatLeaveFamilyOut(lfo: LeaveFamilyOut, label: string): string {
  const sum = (list: ({ truths: number; written: number; writtenRight: number } | undefined)[]) => list.reduce((a, s) => ({ t: a.t + (s?.truths ?? 0), w: a.w + (s?.written ?? 0), r: a.r + (s?.writtenRight ?? 0) }), { t: 0, w: 0, r: 0 });
  const cell = (s: { t: number; w: number; r: number }) => `${pct(s.w, s.t).padStart(4)} ${(s.w ? `${((100 * s.r) / s.w).toFixed(1)}%` : '-').padStart(6)} ${String(s.w - s.r).padStart(3)}`;
  const share = (x: number | undefined) => (x === undefined ? '' : `${(100 * x).toFixed(0)}%`.padStart(5));
  const ece = (x: number | null) => (x === null ? '    -' : x.toFixed(3));
  const lines = [`leave-family-out on ${label} (threshold ${lfo.inSample.threshold}; out of family: ${lfo.outOfFamily.length} splits into folds by family, summed): written share, precision, wrong written; per family: the families' mean written share; ECE in-sample, out of family (every split's values in one set of bins) and its floor (what exactly right confidences would show on those values: eceFloor)`];
  lines.push(`${''.padEnd(34)} ${'in-sample'.padEnd(16)} ${'out of family'.padEnd(16)} per family   ECE in, out (floor)`);
  for (const name of FIELD_NAMES) {
    if (!lfo.inSample.fields[name]) continue;
    lines.push(`  ${name.padEnd(32)} ${cell(sum([lfo.inSample.fields[name]]))}  ${cell(sum(lfo.outOfFamily.map((r) => r.fields[name])))}  ${share(lfo.familyShare.inSample[name])} ${share(lfo.familyShare.outOfFamily[name])}  ${ece(lfo.inSample.fields[name]!.ece)} ${ece(pooledEce(lfo.outOfFamily.map((r) => r.fields[name])))} (${ece(lfo.eceFloor[name] ?? null)})`);
  }
  for (const group of Object.keys(lfo.inSample.byGroup) as Group[]) {
    for (const name of Object.keys(lfo.inSample.byGroup[group]!) as FieldName[]) {
      lines.push(`  ${`${group} ${name}`.padEnd(32)} ${cell(sum([lfo.inSample.byGroup[group]![name]]))}  ${cell(sum(lfo.outOfFamily.map((r) => r.byGroup[group]?.[name])))}`);
    }
  }
  return lines.join('\n');
}

/** A field's ECE over several reports' values together (each report's reliability bins summed): the out-of-family
 * splits of leaveFamilyOut score every value once each, so their bins pool to the ECE of all their values. */
export function pooledEce(stats: (FieldStats | undefined)[]): number | null {
  const bins = Array.from({ length: ECE_BINS }, () => ({ n: 0, right: 0, conf: 0 }));
  for (const s of stats) {
    s?.bins.forEach((b, i) => {
      bins[i].n += b.n;
      bins[i].right += b.right;
      bins[i].conf += b.meanConf * b.n;
    });
  }
  const n = bins.reduce((a, b) => a + b.n, 0);
  return n ? bins.reduce((sum, b) => sum + (b.n ? Math.abs(b.right - b.conf) / n : 0), 0) : null;
}

/** A value written wrong out of family (leaveFamilyOut's tables): its document, vendor family, field, source group, kind of
 * document, evidence, and per split into folds the confidence its family's table gave it — how many of the splits wrote
 * it and at what. What a refit over-trusts on vendors it never saw: the evidence these values share, and whether one
 * family makes them (issue #14). No values: the scan's records hold them, the report names documents and evidence. */
export interface WrongWritten {
  file: string;
  family: string;
  field: FieldName;
  group: SourceGroup;
  kind: DocumentKind;
  evidence: EvidenceName[];
  raw: number;
  /** the confidence per split, in the order of fits.splits */
  confidences: number[];
}

export function wrongWrittenOutOfFamily(records: DocRecord[], fits: FamilyFits, threshold: number): WrongWritten[] {
  const out: WrongWritten[] = [];
  for (const r of records) {
    for (const [name, f] of Object.entries(r.fields) as [FieldName, RecordField][]) {
      if (f.value === null || f.right !== false) continue;
      const confidences = fits.splits.map((tableOf) => probability(tableOf(r), r, name));
      if (!confidences.some((p) => p >= threshold)) continue;
      out.push({ file: `${r.folder}/${r.file}`, family: groupKey(r), field: name, group: readingGroup(r, f), kind: r.kind, evidence: f.evidence, raw: f.raw, confidences });
    }
  }
  return out.sort((a, b) => a.field.localeCompare(b.field) || a.group.localeCompare(b.group) || a.family.localeCompare(b.family));
}

export function formatWrongWritten(list: WrongWritten[], threshold: number, label: string): string {
  const lines = [`values written wrong out of family on ${label} (at ${threshold} in at least one split): field, source group, kind, vendor family, document, raw score, confidence per split, evidence`];
  for (const w of list) {
    lines.push(`  ${w.field.padEnd(15)} ${w.group.padEnd(10)} ${w.kind.padEnd(7)} ${w.family.padEnd(14)} ${w.file}  raw ${w.raw.toFixed(2)}  ${w.confidences.map((p) => p.toFixed(2)).join('/')}  ${w.evidence.join(',')}`);
  }
  return lines.join('\n');
}

/** Where a field's out-of-family miscalibration sits: its values per source group and per check (checked: one of the
 * CHECKS the rules did not choose the value by, calibrate.ts isChecked; a first-seen cap holds only the others), each
 * scored by the tables of `fits.splits` (every split once), with their mean confidence, right rate, signed gap
 * (confidence − rate: > 0 claims too much) and their share of the field's ECE (their own |gap| per reliability bin,
 * over the field's values) — an upper bound: cells' gaps of opposite signs in one bin cancel in the field's ECE, so
 * the shares can add up to more than it. */
export interface ReliabilityCell {
  n: number;
  right: number;
  conf: number;
  /** the cell's part of the field's pooled ECE: Σ over its bins |right − Σconf| / the field's values */
  eceShare: number;
  bins: { lo: number; n: number; right: number; conf: number }[];
}

export function reliabilityOutOfFamily(records: DocRecord[], fits: FamilyFits, fields: readonly FieldName[]): Partial<Record<FieldName, Record<string, ReliabilityCell>>> {
  const out: Partial<Record<FieldName, Record<string, ReliabilityCell>>> = {};
  for (const name of fields) {
    const cells: Record<string, ReliabilityCell> = {};
    let total = 0;
    for (const tableOf of fits.splits) {
      for (const r of records) {
        const f = r.fields[name];
        if (!f || f.right === null || f.value === null) continue;
        const p = probability(tableOf(r), r, name);
        const key = `${readingGroup(r, f)} ${r.kind === 'expense' ? 'receipt' : 'bill'} ${isChecked(f.evidence, name) ? 'checked' : 'unchecked'}`;
        const c = (cells[key] ??= { n: 0, right: 0, conf: 0, eceShare: 0, bins: Array.from({ length: ECE_BINS }, (_, i) => ({ lo: i / ECE_BINS, n: 0, right: 0, conf: 0 })) });
        const b = c.bins[Math.min(ECE_BINS - 1, Math.floor(p * ECE_BINS))];
        c.n++;
        b.n++;
        c.conf += p;
        b.conf += p;
        if (f.right) {
          c.right++;
          b.right++;
        }
        total++;
      }
    }
    for (const c of Object.values(cells)) c.eceShare = c.bins.reduce((sum, b) => sum + Math.abs(b.right - b.conf), 0) / Math.max(1, total);
    out[name] = cells;
  }
  return out;
}

export function formatReliability(cells: Partial<Record<FieldName, Record<string, ReliabilityCell>>>, label: string): string {
  const lines = [`out-of-family reliability on ${label}, per source group, kind and check: values (over every split), mean confidence, right rate, gap (confidence − rate), share of the field's ECE; bins with values: lower edge n@confidence→rate`];
  for (const [name, byCell] of Object.entries(cells) as [FieldName, Record<string, ReliabilityCell>][]) {
    for (const key of Object.keys(byCell).sort((a, b) => byCell[b].eceShare - byCell[a].eceShare)) {
      const c = byCell[key];
      const bins = c.bins.filter((b) => b.n).map((b) => `${b.lo.toFixed(1)} ${b.n}@${(b.conf / b.n).toFixed(2)}→${(b.right / b.n).toFixed(2)}`).join(', ');
      lines.push(`  ${name.padEnd(15)} ${key.padEnd(30)} ${String(c.n).padStart(5)} ${(c.conf / c.n).toFixed(3)} ${(c.right / c.n).toFixed(3)} ${((c.conf - c.right) / c.n >= 0 ? '+' : '') + ((c.conf - c.right) / c.n).toFixed(3)} ${c.eceShare.toFixed(3)}  ${bins}`);
    }
  }
  return lines.join('\n');
}

/** The lowest threshold at which written values were right at least `target` of the time (precise(), deciding()), measured by
 * k-fold cross-validation over the given records (each fold scored with a table fitted on the others, folds by vendor
 * family), so the choice is not flattered by scoring the data the table was fitted on. With `confidence` (> 0), "at
 * least target" must hold for the lower bound of that confidence (precisionBound over vendor families), not only the
 * point estimate: the point estimate of cross-validation on tune chose 0.95 once, 93 % precise on holdout. */
export function chooseThreshold(records: DocRecord[], fit: (train: DocRecord[]) => CalibrationTable, target = 0.98, folds = 5, confidence = 0): number {
  const tableOf = outOfFold(records, fit, folds);
  // every out-of-fold value once: its family, field, probability and whether it was right
  const families = new Map<string, number>();
  const values: { family: number; name: FieldName; p: number; right: boolean }[] = [];
  records.forEach((r) => {
    const table = tableOf(r);
    const family = families.get(groupKey(r)) ?? families.set(groupKey(r), families.size).get(groupKey(r))!;
    for (const [name, f] of Object.entries(r.fields) as [FieldName, RecordField][]) {
      if (f.value === null || f.right === null) continue;
      values.push({ family, name, p: probability(table, r, name), right: f.right });
    }
  });
  const replicates = confidence > 0 ? familyReplicates(families.size, BOUND_REPLICATES) : [];
  const perFamily = (t: number) => {
    const out = Array.from({ length: families.size }, () => ({}) as Tally);
    for (const v of values) {
      if (v.p < t) continue;
      const slot = (out[v.family][v.name] ??= { w: 0, r: 0 });
      slot.w++;
      if (v.right) slot.r++;
    }
    return out;
  };
  const at = (t: number) => {
    const byFamily = perFamily(t);
    const written: Tally = {};
    for (const fields of byFamily) {
      for (const [name, s] of Object.entries(fields) as [FieldName, { w: number; r: number }][]) {
        const slot = (written[name] ??= { w: 0, r: 0 });
        slot.w += s.w;
        slot.r += s.r;
      }
    }
    const rateOf: RateOf = confidence > 0
      ? (names) => precisionBound(byFamily.map((f) => names.reduce((a, n) => ({ w: a.w + (f[n]?.w ?? 0), r: a.r + (f[n]?.r ?? 0) }), { w: 0, r: 0 })), replicates, confidence)
      : pointRate(written);
    return { written, rateOf };
  };
  const top = at(THRESHOLDS[THRESHOLDS.length - 1]).written;
  const fields = deciding(top, target);
  return THRESHOLDS.find((t) => {
    const { written, rateOf } = at(t);
    return precise(written, fields, target, top, rateOf);
  }) ?? 0.99;
}

/** The lowest threshold at which the table's written values on `records` (the holdout) were right at least
 * `target` of the time (precise()). */
export function lowestPreciseThreshold(records: DocRecord[], table: CalibrationTable, target = 0.98): number {
  const at = (t: number) => tally([evaluate(records, table, t)]);
  const top = at(THRESHOLDS[THRESHOLDS.length - 1]);
  const fields = deciding(top, target);
  return THRESHOLDS.find((t) => precise(at(t), fields, target, top)) ?? 0.99;
}

/** Expected calibration error of (probability, right) pairs over ECE_BINS equal bins, as evaluate() computes it. */
export function expectedCalibrationError(pairs: [number, boolean][]): number | null {
  const bins = Array.from({ length: ECE_BINS }, () => ({ n: 0, right: 0, conf: 0 }));
  for (const [p, right] of pairs) {
    const b = bins[Math.min(ECE_BINS - 1, Math.floor(p * ECE_BINS))];
    b.n++;
    b.conf += p;
    if (right) b.right++;
  }
  if (!pairs.length) return null;
  return bins.reduce((sum, b) => sum + (b.n ? (b.n / pairs.length) * Math.abs(b.right - b.conf) / b.n : 0), 0);
}

/** A table on documents the rules had never seen (issue #14): each first-seen value (data/first-seen.json, values with
 * the raw score their code recorded) calibrated by `table` as a value of its field × source group, with the evidence
 * that code gave — per cell the values, mean confidence, right rate, ECE and the values written at `threshold`. Tune
 * values were read by rules fixed on them, so no fit on tune, in-sample or out of family, shows how the table does on
 * a new vendor's layout; these values do, with the caveat that an older code's raw scores and evidence are not today's. */
export interface FirstSeenCalibration { n: number; conf: number; right: number; ece: number | null; written: number; writtenRight: number }

export function firstSeenCalibration(table: CalibrationTable, cells: Record<string, { samples?: { raw: number | null; evidence: EvidenceName[]; right: boolean }[] }>, threshold: number): Record<string, FirstSeenCalibration> {
  const out: Record<string, FirstSeenCalibration> = {};
  for (const [key, cell] of Object.entries(cells)) {
    const [field, group] = key.split('|') as [FieldName, SourceGroup];
    const source: ResultSource = group === 'einvoice' ? 'einvoice:ubl' : group === 'pdf-text' ? 'pdf-text' : 'ocr';
    const engine: OcrEngineName | null = group === 'ocr-paddle' ? 'paddle' : group === 'ocr' ? 'tesseract' : null;
    const pairs = (cell.samples ?? []).flatMap((v): [number, boolean][] => (v.raw === null ? [] : [[Math.round(calibrate(table, field, source, v.raw, v.evidence, undefined, engine) * 100) / 100, v.right]]));
    if (!pairs.length) continue;
    const written = pairs.filter(([p]) => p >= threshold);
    out[key] = {
      n: pairs.length, conf: pairs.reduce((s, [p]) => s + p, 0) / pairs.length, right: pairs.filter(([, r]) => r).length / pairs.length,
      ece: expectedCalibrationError(pairs), written: written.length, writtenRight: written.filter(([, r]) => r).length,
    };
  }
  return out;
}

export function formatFirstSeenCalibration(cells: Record<string, FirstSeenCalibration>, label: string): string {
  const lines = [`first-seen values calibrated by ${label}: values, mean confidence, right rate, ECE, written right/written`];
  for (const [key, c] of Object.entries(cells)) {
    lines.push(`  ${key.padEnd(28)} ${String(c.n).padStart(4)} ${c.conf.toFixed(3)} ${c.right.toFixed(3)} ${c.ece === null ? '    -' : c.ece.toFixed(3)} ${c.writtenRight}/${c.written}`);
  }
  return lines.join('\n');
}

/** How much lower a mean Brier score must be to prefer a later (less simple) option of the grid. */
const CLEARLY_BETTER = 0.0005;

/** Fields whose cross-validated scores count in the choice: enough values with a truth to measure one. */
const MIN_VALUES_FOR_ECE = 40;

export interface FitChoice<O> {
  options: O;
  /** mean over the measured fields of the cross-validated Brier score (what chooses), and per field */
  mean: number;
  brier: Partial<Record<FieldName, number>>;
  /** the cross-validated ECE per field (what the targets name; shown, not used to choose) */
  perField: Partial<Record<FieldName, number>>;
  /** the cross-validated Brier score per "field|source group" (chooseBySource) */
  cells: Record<string, Cell>;
}

/** Cross-validated scores of each fitting option on `records` (k folds by vendor family, each fold scored by a table
 * fitted on the others), and the option with the lowest mean Brier score over the fields with enough values. The
 * Brier score (mean squared distance between confidence and right/wrong) is a proper score: it is lowest for
 * confidences that are calibrated *and* tell right values from wrong ones. ECE alone is not: a table that puts every
 * date near the rate of right dates has a low ECE and writes none — chosen by ECE on the merged rules of
 * 2026-12-05, the table wrote 10 % of receipts' dates instead of 66 %. With `repeats`, the cross-validation is run
 * that many times on different splits into folds and averaged: the options differ by less than one split's noise
 * (which vendor families happen to share a fold). */
export function chooseFitOptions<O>(records: DocRecord[], grid: O[], fit: (train: DocRecord[], options: O) => CalibrationTable, folds = 5, repeats = 1): { best: FitChoice<O>; all: FitChoice<O>[] } {
  const all = grid.map((options) => {
    const runs = Array.from({ length: repeats }, (_, rep) => crossValidatedScores(records, options, fit, folds, rep === 0 ? 'choose:' : `choose${rep}:`));
    const average = (pick: (r: CrossValidated) => Partial<Record<FieldName, number>>) => {
      const out: Partial<Record<FieldName, number>> = {};
      for (const name of Object.keys(pick(runs[0])) as FieldName[]) out[name] = runs.reduce((sum, r) => sum + (pick(r)[name] ?? 0), 0) / runs.length;
      return out;
    };
    const brier = average((r) => r.brier);
    const values = Object.values(brier);
    const cells: Record<string, Cell> = {};
    for (const [cell, { n }] of Object.entries(runs[0].cells)) cells[cell] = { brier: runs.reduce((sum, r) => sum + (r.cells[cell]?.brier ?? 0), 0) / runs.length, n };
    return { options, brier, cells, perField: average((r) => r.ece), mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length) };
  });
  // the grid runs from the simplest option; a later one must do better by more than noise to be chosen
  const best = all.reduce((a, b) => (b.mean < a.mean - CLEARLY_BETTER ? b : a));
  return { best, all };
}

interface CrossValidated {
  ece: Partial<Record<FieldName, number>>;
  brier: Partial<Record<FieldName, number>>;
  /** Brier score and number of values per "field|source group": what the choice per source reads */
  cells: Record<string, Cell>;
}

/** ECE and Brier score per field (fields with enough values) of one k-fold cross-validation, the folds by vendor
 * family under `salt`; and the Brier score per field × source group. */
export function crossValidatedScores<O>(records: DocRecord[], options: O, fit: (train: DocRecord[], options: O) => CalibrationTable, folds: number, salt = 'choose:'): CrossValidated {
  const foldOf = (r: DocRecord) => parseInt(createHash('sha256').update(`${salt}${groupKey(r)}`).digest('hex').slice(0, 8), 16) % folds;
  const pairs: Partial<Record<FieldName, [number, boolean][]>> = {};
  const byCell: Record<string, [number, boolean][]> = {};
  for (let k = 0; k < folds; k++) {
    const table = fit(records.filter((r) => foldOf(r) !== k), options);
    for (const r of records.filter((x) => foldOf(x) === k)) {
      for (const [name, f] of Object.entries(r.fields) as [FieldName, RecordField][]) {
        if (f.value === null || f.right === null) continue;
        const pair: [number, boolean] = [probability(table, r, name), f.right];
        (pairs[name] ??= []).push(pair);
        (byCell[`${name}|${readingGroup(r, f)}`] ??= []).push(pair);
      }
    }
  }
  const brier = (list: [number, boolean][]) => list.reduce((sum, [p, right]) => sum + (p - (right ? 1 : 0)) ** 2, 0) / list.length;
  const out: CrossValidated = { ece: {}, brier: {}, cells: {} };
  for (const [name, list] of Object.entries(pairs) as [FieldName, [number, boolean][]][]) {
    if (list.length < MIN_VALUES_FOR_ECE) continue;
    out.ece[name] = expectedCalibrationError(list)!;
    out.brier[name] = brier(list);
  }
  for (const [cell, list] of Object.entries(byCell)) out.cells[cell] = { brier: brier(list), n: list.length };
  return out;
}

export interface Cell {
  brier: number;
  n: number;
}

export interface SourceChoice<O> {
  options: O;
  /** the cross-validated Brier score of the source's values alone (every value with a truth counting once) */
  mean: number;
  cells: Record<string, Cell>;
}

/** The fitting options chosen per source group, each by the cross-validated Brier score of that source's values
 * alone: the text layers' few hundred values are then scored against the text layers' truth, not drowned in the
 * receipts' thousands. A table's rows of one source
 * depend only on that source's options (and the pooled centre its own options fit), so the tables fitted with each
 * source's choice are composed into one (composeBySource). The runs are the ones chooseFitOptions made. */
export function chooseBySource<O>(all: FitChoice<O>[]): Partial<Record<SourceGroup, SourceChoice<O> & { ranked: SourceChoice<O>[] }>> {
  const groups = new Set(all.flatMap((c) => Object.keys(c.cells).map((k) => k.split('|')[1] as SourceGroup)));
  const out: Partial<Record<SourceGroup, SourceChoice<O> & { ranked: SourceChoice<O>[] }>> = {};
  for (const group of [...groups].sort()) {
    const scored = all.map((c) => {
      const cells = Object.fromEntries(Object.entries(c.cells).filter(([k]) => k.split('|')[1] === group));
      const values = Object.values(cells);
      const n = values.reduce((a, b) => a + b.n, 0);
      return { options: c.options, cells, mean: values.reduce((a, b) => a + b.brier * b.n, 0) / Math.max(1, n) };
    });
    out[group] = { ...scored.reduce((a, b) => (b.mean < a.mean - CLEARLY_BETTER ? b : a)), ranked: [...scored].sort((a, b) => a.mean - b.mean) };
  }
  return out;
}

/** The map from score to probability per source group (fit.ts, 7): Platt's two parameters per row unless the bins'
 * one rate per bin score clearly better (CLEARLY_BETTER) in cross-validation over the group's values — the simpler
 * map first, as in the grid: near the write threshold a bin's rate rests on a few dozen values and moves with one
 * (leaving one tune vendor family out moved the holdout receipts' totals written between 42 and 53 % under the bins,
 * 48–52 % under the Platt map), which a cross-validated Brier score over thousands of values does not see. */
export function chooseMap<G extends string>(bins: Record<G, number>, platt: Record<G, number>): Record<G, 'bins' | 'platt'> {
  return Object.fromEntries((Object.keys(bins) as G[]).map((g) => [g, bins[g] < (platt[g] ?? Infinity) - CLEARLY_BETTER ? 'bins' : 'platt'])) as Record<G, 'bins' | 'platt'>;
}

/** Values a field × source group needs for options of its own (chooseByCell): fewer, and its cross-validated Brier
 * score is one vendor family's luck. */
export const MIN_VALUES_PER_CELL = 40;
/** How many more values the other read sources must hold for a field × source to count as borrowing (chooseByCell). */
export const LENDERS_PER_VALUE = 4;

/** Whether a field of a read source borrows its evidence weights from the others (the pooled prior) is chosen per
 * field × source group, where the cell has MIN_VALUES_PER_CELL values or more and the others hold LENDERS_PER_VALUE
 * times as many: its group's options, or the same with
 * the pooled prior the other way, whichever scores the cell's own values clearly better (CLEARLY_BETTER) in the same
 * cross-validation runs as chooseFitOptions. Only that one option, not the whole grid: the best of 48 options on one
 * field's few dozen values is the luckiest, not the best (chosen so on the merged rules of 2026-12-05, the receipts'
 * totals were written at 93-95 % precision on holdout). Why per field: a group's choice is the best on average over
 * its fields; on the text layers of 2026-12-05 the pooled prior (what a label or the largest amount printed is worth,
 * learnt from thousands of OCR readings) scored totals clearly better (Brier 0.026 against 0.029, 66 values) but the
 * group as a whole only by 0.0002, so the simpler option stayed and a labelled total that is the largest amount
 * printed was held at 0.96. */
export function chooseByCell<O extends { pooledPrior?: boolean }>(all: FitChoice<O>[], byGroup: Partial<Record<SourceGroup, { options: O }>>): Record<string, { options: O; brier: number; groupBrier: number }> {
  const out: Record<string, { options: O; brier: number; groupBrier: number }> = {};
  const same = (a: O, b: O) => JSON.stringify({ ...a, pooledPrior: !!a.pooledPrior }) === JSON.stringify({ ...b, pooledPrior: !!b.pooledPrior });
  const cells = new Set(all.flatMap((c) => Object.keys(c.cells)));
  for (const cell of [...cells].sort()) {
    const group = cell.split('|')[1] as SourceGroup;
    if (group === 'einvoice') continue; // read from XML: nothing to borrow from the read sources
    const chosen = byGroup[group]?.options;
    const own = all.find((c) => c.options === chosen);
    const base = own?.cells[cell];
    if (!chosen || !own || !base || base.n < MIN_VALUES_PER_CELL) continue;
    // only a field × source that would borrow: the other read sources hold LENDERS_PER_VALUE times its values or
    // more, so the pooled centre is mostly theirs. For a group that makes up much of the pool itself (Tesseract's
    // and Paddle's receipts), the centre is its own regression again and the flip is only a weaker ridge, chosen
    // on one field's luck (so flipped on 2026-12-05, receipts' totals were written at 93 % precision on holdout)
    const field = cell.split('|')[0];
    const lenders = [...cells].filter((k) => k.split('|')[0] === field && k !== cell && READ_GROUPS.has(k.split('|')[1])).reduce((n, k) => n + (own.cells[k]?.n ?? 0), 0);
    if (lenders < LENDERS_PER_VALUE * base.n) continue;
    const flipped = all.find((c) => c.options.pooledPrior !== chosen.pooledPrior && same({ ...c.options, pooledPrior: chosen.pooledPrior }, chosen));
    const other = flipped?.cells[cell];
    if (flipped && other && other.brier < base.brier - CLEARLY_BETTER) out[cell] = { options: flipped.options, brier: other.brier, groupBrier: base.brier };
  }
  return out;
}

/** One table from tables fitted with different options per source group: each group's rows, regressions and
 * counts from its own table (keys "field|group", "field|group|kind", "|group"); with `cells`, a field × source
 * group's (and its kinds') from the table of the options that cell chose (chooseByCell). */
export function composeBySource(tables: Partial<Record<SourceGroup, CalibrationTable>>, fitted: Record<string, unknown>, cells: Record<string, CalibrationTable> = {}): CalibrationTable {
  const first = Object.values(tables)[0]!;
  const pick = <T>(part: (t: CalibrationTable) => Record<string, T> | undefined) => {
    const out: Record<string, T> = {};
    for (const [group, table] of Object.entries(tables)) {
      for (const [key, value] of Object.entries(part(table!) ?? {})) if (key.split('|')[1] === group) out[key] = value;
    }
    for (const [cell, table] of Object.entries(cells)) {
      const [field, group] = cell.split('|');
      for (const key of Object.keys(out)) if (key.split('|')[0] === field && key.split('|')[1] === group) delete out[key];
      for (const [key, value] of Object.entries(part(table) ?? {})) if (key.split('|')[0] === field && key.split('|')[1] === group) out[key] = value;
    }
    return out;
  };
  return {
    version: 2, fitted, edges: first.edges,
    linear: pick((t) => t.linear), weights: pick((t) => t.weights), rows: pick((t) => t.rows), counts: pick((t) => t.counts),
    ...(Object.values(tables).some((t) => t?.caps) ? { caps: pick((t) => t.caps) } : {}),
  };
}

/** What holds right values back, per "field|source group" (issue #14: right values the policy does not write). */
export interface HeldBack {
  values: number;
  right: number;
  written: number;
  writtenWrong: number;
  /** right values below the threshold */
  heldRight: number;
  /** values below the threshold that the table without the ceiling on all-right rows (fit.ts, 8) writes */
  ceiling: { right: number; wrong: number };
  /** values below the threshold at or above `lower` (the point estimate's threshold, where the bound's is higher) */
  margin: { right: number; wrong: number };
  /** the rest below the threshold, whose probability is what their score and evidence measure: at 0.95 or above
   * (close: evidence that tells them from the wrong ones would write them), and below */
  close: { right: number; wrong: number };
  below: { right: number; wrong: number };
}

/** Why right values are held back, every value scored by `tables` (out of fold by vendor family: outOfFold), and
 * what each limit costs in wrong values: the ceiling on rows whose tune values were all right (the values `uncapped`,
 * the same fit without it, writes), the margin of the threshold's bound (values at or above `lower`, the point
 * estimate's threshold, when it is lower), and the rest, held by their own score (its calibrated probability is
 * below the threshold because values with that score and evidence were wrong that often). */
export function heldBack(records: DocRecord[], tables: TableOf, uncapped: TableOf, threshold: number, lower = threshold): Record<string, HeldBack> {
  const tableOf = typeof tables === 'function' ? tables : () => tables;
  const uncappedOf = typeof uncapped === 'function' ? uncapped : () => uncapped;
  const out: Record<string, HeldBack> = {};
  const tallyTo = (slot: { right: number; wrong: number }, right: boolean) => (right ? slot.right++ : slot.wrong++);
  for (const r of records) {
    for (const [name, f] of Object.entries(r.fields) as [FieldName, RecordField][]) {
      if (f.value === null || f.right === null) continue;
      const cell = `${name}|${readingGroup(r, f)}`;
      const h = (out[cell] ??= { values: 0, right: 0, written: 0, writtenWrong: 0, heldRight: 0, ceiling: { right: 0, wrong: 0 }, margin: { right: 0, wrong: 0 }, close: { right: 0, wrong: 0 }, below: { right: 0, wrong: 0 } });
      h.values++;
      if (f.right) h.right++;
      const p = probability(tableOf(r), r, name);
      if (p >= threshold) {
        h.written++;
        if (!f.right) h.writtenWrong++;
        continue;
      }
      if (f.right) h.heldRight++;
      if (probability(uncappedOf(r), r, name) >= threshold) tallyTo(h.ceiling, f.right);
      else if (p >= lower) tallyTo(h.margin, f.right);
      else tallyTo(p >= 0.95 ? h.close : h.below, f.right);
    }
  }
  return out;
}

export function formatHeldBack(held: Record<string, HeldBack>, threshold: number, lower: number): string {
  const rw = (s: { right: number; wrong: number }) => `${s.right}/${s.wrong}`.padStart(8);
  const lines = [`right values held back at ${threshold} and what holds them (right/wrong values each limit holds back; margin: at or above ${lower}, the point estimate's threshold):`,
    `${'field|source'.padEnd(27)} values  right written(wrong) held |  ceiling   margin  >=0.95    <0.95`];
  for (const cell of Object.keys(held).sort()) {
    const h = held[cell];
    if (!h.heldRight && !h.ceiling.wrong && !h.margin.wrong) continue;
    lines.push(`${cell.padEnd(27)} ${String(h.values).padStart(6)} ${String(h.right).padStart(6)} ${`${h.written}(${h.writtenWrong})`.padStart(14)} ${String(h.heldRight).padStart(4)} | ${rw(h.ceiling)} ${rw(h.margin)} ${rw(h.close)} ${rw(h.below)}`);
  }
  const sum = (pick: (h: HeldBack) => { right: number; wrong: number }) => Object.values(held).reduce((a, h) => ({ right: a.right + pick(h).right, wrong: a.wrong + pick(h).wrong }), { right: 0, wrong: 0 });
  lines.push(`${'all'.padEnd(27)} ${''.padStart(6)} ${''.padStart(6)} ${''.padStart(14)} ${String(Object.values(held).reduce((a, h) => a + h.heldRight, 0)).padStart(4)} | ${rw(sum((h) => h.ceiling))} ${rw(sum((h) => h.margin))} ${rw(sum((h) => h.close))} ${rw(sum((h) => h.below))}`);
  return lines.join('\n');
}
