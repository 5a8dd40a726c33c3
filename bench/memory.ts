// Vendor memory benchmark: documents grouped by vendor, each vendor's documents in order, learning from the truth
// after each one (as posting would); accuracy, written share, touchless rate (key fields written and right, no
// review: policy.ts, as bench:accuracy counts it) and exact rate (every field) on every vendor's 2nd and later
// documents with the memory and without it, and on first documents (which the memory must leave as they were).
//   npm run bench:memory -- [DIR...] [--help] [--no-embedded] [--ocr-cache DIR] [--max-per-vendor N] [--json FILE] [--verbose]
//                           [--fit FILE] [--calibration FILE] [--capture FILE | --replay FILE] [--split tune|holdout]
//                           [--half design|check] (with --split tune: one half of tune's families, bench/corpus.ts tuneHalfOf)
//                           [--ocr-engine tesseract|paddle|auto] (default OCR_ENGINE, as the worker reads it) [--blockers]
//                           [--now YYYY-MM-DD] (the day dates are judged against; default bench/corpus.ts CORPUS_DAY)
//                           [--only FOLDER[,FOLDER]] (documents under those top folders of a DIR, or a DIR's own name
//                           for the files at its root: a tuning aid while the OCR cache is filled; a vendor whose
//                           documents stand in several folders is read from the selected ones only)
// Tune vendors are read first. --fit FILE fits the `learned` source's calibration on the tune vendors' outcomes,
// writes it to FILE (data/memory-calibration.json ships it) and reads the holdout vendors with it: holdout figures
// are those of a scan with that file shipped. --calibration FILE reads every vendor with FILE instead of the shipped
// one. --capture FILE also saves what the memory was given per document (rows, the rules' fields raw and calibrated,
// lines); --replay FILE reads those instead of scanning (tuning only: the memory is replayed in seconds; a field the
// memory changed keeps the rules' calibration of the other fields, which a real scan may move slightly).
// --split reads one split's vendors only (a look at tune without reading holdout). --blockers lists every later
// document that is not exact with its blockers (and the cell of each field held back or wrong). Every run counts
// false vendor matches per split, and again with each document's own vendor's profiles left out. Default DIR: fixtures/documents. Families: the manifest's named `family` (a vendor or one template), else the
// truth's vendor name (also for the corpus's per-document ids `F…`: renderings of one document are not a vendor's
// second bill); within a family, documents are grouped by the truth's vendor (bench/vendor-groups.ts: a template
// family holds several vendors, and one's first document is not another's second). Split (fixed, bench/corpus.ts): a family is holdout iff int(sha256(family)[0:2], 16) < 77, else tune.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkArgs, headComment } from './args.js';
import { FIELD_NAMES, type DocType, type ExtractedFields, type FieldName, type LineItem, type ResultSource, type ScanResult } from '../src/contract.js';
import type { ReadDocument } from '../src/pipeline/document.js';
import type { Row } from '../src/pipeline/extract/layout.js';
import { alnum, fieldMatches, findTruthDocs, type Truth } from './accuracy.js';
import { DEFAULT_WRITE_THRESHOLD, KEY_ALTERNATIVES, KEY_FIELDS as POLICY_KEY_FIELDS, kindOf } from '../src/pipeline/confidence/policy.js';
import { judgingDay, loadCorpusIndex, splitOf, TUNE_HALVES, tuneHalfOf } from './corpus.js';
import { vendorIds } from './vendor-groups.js';
import { creditNoteAsSizes } from '../src/pipeline/credit-note-sign.js';

/** The write policy's default threshold (WRITE_THRESHOLD): a value at or above it is written unattended. */
export const WRITE_THRESHOLD = DEFAULT_WRITE_THRESHOLD;
const TARGET_FIELDS: FieldName[] = ['amount_total', 'date', 'invoice_number'];

/** What the memory was given for one document (--capture), to replay it without scanning (--replay). */
interface Captured {
  rel: string;
  pages: { page: number; width: number }[];
  rows: Row[];
  rules: ExtractedFields;
  calibrated: ExtractedFields;
  lines: LineItem[];
  source: ResultSource;
  qrCodes?: ReadDocument['qrCodes'];
}

interface Doc {
  file: string;
  rel: string;
  family: string;
  /** the truth's vendor within the family (bench/vendor-groups.ts): the family itself, or `family~N` in a family of
   * several vendors */
  vendor: string;
  truth: Truth;
  skip: string[];
}

interface Outcome {
  doc: Doc;
  position: number; // 0 = the vendor's first document
  split: 'holdout' | 'tune';
  with: Scored;
  without: Scored;
  changed: FieldName[];
  matchedBy: string | null;
  /** matched to a profile learned from another vendor (bench/vendor-groups.ts), or whose partner named the vendor or its VAT wrong */
  falseMatch: boolean;
  /** the memory's calibration cell per field it supplied or confirmed */
  basis: Partial<Record<FieldName, string>>;
  /** learned readings not used (the rules' value was likelier): their cell and whether they were right */
  declined: Partial<Record<FieldName, { basis: string; right: boolean; value?: unknown }>>;
  /** why the document (read with the memory) goes to review */
  reasons: string[];
  /** the placed fields (types.ts PLACED_FIELDS) the matched profile had anchors for when the document was read */
  anchored: FieldName[];
  /** per placed field the rules read: what the memory would have filled had they not (withheldFills), its cell and
   * whether it was right */
  withheld: { basis: string; right: boolean }[];
}

interface Scored {
  right: Partial<Record<FieldName, boolean>>;
  written: Partial<Record<FieldName, boolean>>;
  /** every field with a truth right and written, no review: the document is exact */
  exact: boolean;
  /** the product's touchless (policy.ts KEY_FIELDS, as bench:accuracy counts it): every key field of its kind (or one
   * that stands for it) right and written, no review; null when the truth lacks a key field (not counted) */
  touchless: boolean | null;
  fields: ExtractedFields | null;
}

function score(fields: ExtractedFields | undefined, truth: Truth, skip: string[], needsReview: boolean): Scored {
  const right: Scored['right'] = {};
  const written: Scored['written'] = {};
  let exact = Boolean(fields) && !needsReview;
  for (const name of FIELD_NAMES) {
    const want = truth[name];
    if (want === null || want === undefined || skip.includes(name)) continue;
    const f = fields?.[name];
    right[name] = fields ? fieldMatches(name, f?.value ?? null, want) : false;
    written[name] = Boolean(f && f.value !== null && f.confidence >= WRITE_THRESHOLD);
    if (!right[name] || !written[name]) exact = false;
  }
  const writtenRight = (name: FieldName) => right[name] === true && written[name] === true;
  const truthType = typeof truth.doc_type === 'string' ? (truth.doc_type as DocType) : null;
  const keys = POLICY_KEY_FIELDS[kindOf(truthType ?? fields?.doc_type.value ?? null)];
  // (a document whose truth lacks a key field is not counted, as bench:accuracy does not: the truth does not say)
  const judged = keys.every((k) => truth[k] !== null && truth[k] !== undefined && !skip.includes(k));
  const touchless = !judged ? null : Boolean(fields) && !needsReview && keys.every((k) => writtenRight(k) || (KEY_ALTERNATIVES[k] ?? []).some(writtenRight));
  return { right, written, exact, touchless, fields: fields ?? null };
}

async function collect(dirs: string[], noEmbedded: boolean): Promise<Doc[]> {
  const docs: Doc[] = [];
  const seen = new Set<string>();
  // another rendering of a business document already in (same vendor, number, date and total) is not a next bill
  const businessDocs = new Set<string>();
  for (const dir of dirs) {
    const index = await loadCorpusIndex(dir);
    for (const file of await findTruthDocs(dir)) {
      if (/\.(xml|p7m)$/i.test(file)) continue; // e-invoices are read exactly; the memory is for what is read visually
      const sha = createHash('sha256').update(await readFile(file)).digest('hex');
      if (seen.has(sha)) continue;
      seen.add(sha);
      const rel = path.relative(dir, file);
      const truth = JSON.parse(await readFile(`${file}.truth.json`, 'utf8')) as Truth;
      const entry = index.get(path.normalize(rel));
      const named = entry?.family ?? (truth as { family?: string }).family;
      // the corpus's per-document ids (F + hex) are not vendors: those documents group by the vendor's name
      const family = named && !/^F[0-9a-f]{10}$/.test(named) ? named : truth.vendor_name ? `vendor:${alnum(String(truth.vendor_name))}` : null;
      if (!family) continue;
      const business = truth.invoice_number ? JSON.stringify([family, alnum(String(truth.invoice_number)), truth.date, truth.amount_total]) : null;
      if (business && businessDocs.has(business)) continue;
      if (business) businessDocs.add(business);
      docs.push({ file, rel, family, vendor: family, truth, skip: noEmbedded ? entry?.text_layer_lacks ?? [] : [] });
    }
  }
  // a template family holds several vendors: each document is its truth's vendor's (none when that cannot be told)
  const vendors = vendorIds(docs);
  return docs.flatMap((d, i) => (vendors[i] ? [{ ...d, vendor: vendors[i]! }] : []));
}

interface Agg { n: number; right: Partial<Record<FieldName | 'all', [number, number]>>; written: [number, number]; writtenWrong: number; touchless: [number, number]; exact: number }

function aggregate(outcomes: Outcome[], pick: (o: Outcome) => Scored): Agg {
  const agg: Agg = { n: outcomes.length, right: {}, written: [0, 0], writtenWrong: 0, touchless: [0, 0], exact: 0 };
  for (const o of outcomes) {
    const s = pick(o);
    for (const [name, ok] of Object.entries(s.right) as [FieldName, boolean][]) {
      for (const k of [name, 'all'] as const) {
        const slot = (agg.right[k] ??= [0, 0]);
        slot[1]++;
        if (ok) slot[0]++;
      }
      agg.written[1]++;
      if (s.written[name]) {
        agg.written[0]++;
        if (!ok) agg.writtenWrong++;
      }
    }
    if (s.touchless !== null) agg.touchless[1]++;
    if (s.touchless) agg.touchless[0]++;
    if (s.exact) agg.exact++;
  }
  return agg;
}

const pct = (x: [number, number] | undefined) => (x && x[1] ? `${((100 * x[0]) / x[1]).toFixed(1)}%`.padStart(6) : '     -');

/** Width of a figure's column: the widest heading ('touchless') and a space. */
const COLUMN = 10;

function table(title: string, outcomes: Outcome[]): string {
  const lines = [title];
  const head = ['', 'docs', 'total', 'date', 'number', 'vendor', 'allflds', 'written', 'wr.wrong', 'touchless', 'exact'];
  lines.push(head.map((h, i) => (i === 0 ? h.padEnd(22) : h.padStart(COLUMN))).join(''));
  for (const [label, subset] of [['first documents', outcomes.filter((o) => o.position === 0)], ['2nd and later', outcomes.filter((o) => o.position > 0)]] as const) {
    for (const [cond, pick] of [['without memory', (o: Outcome) => o.without], ['with memory', (o: Outcome) => o.with]] as const) {
      const a = aggregate(subset, pick);
      const cells = [
        `${label === 'first documents' ? '1st' : '2nd+'} ${cond}`.padEnd(22), String(a.n).padStart(COLUMN),
        pct(a.right.amount_total).padStart(COLUMN), pct(a.right.date).padStart(COLUMN), pct(a.right.invoice_number).padStart(COLUMN),
        pct(a.right.vendor_name).padStart(COLUMN), pct(a.right.all).padStart(COLUMN), pct(a.written).padStart(COLUMN),
        pct([a.writtenWrong, a.written[1]]).padStart(COLUMN), pct(a.touchless).padStart(COLUMN), pct([a.exact, a.n]).padStart(COLUMN),
      ];
      lines.push(cells.join(''));
    }
  }
  return lines.join('\n');
}

/** Every field the memory supplied or confirmed, with its calibration cell and whether the value was right; every
 * learned reading it declined (else the cells of readings against the rules' would never be measured: a cell
 * unmeasured stays below the rules' value, so it would never be used, so never measured); and every fill it would
 * have made where the rules read the value (withheldFills: else the fill cells are measured only where the rules
 * missed — seldom on the split the rules were tuned on — and held below the write threshold on the splits where they
 * miss more). */
function samplesOf(outcomes: Outcome[]): { basis: string; right: boolean }[] {
  return outcomes.flatMap((o) => [
    ...(Object.entries(o.basis) as [FieldName, string][]).filter(([name]) => o.with.right[name] !== undefined).map(([name, basis]) => ({ basis, right: o.with.right[name]! })),
    ...Object.values(o.declined),
    ...o.withheld,
  ]);
}

/** The `learned` source's calibration per cell: right/seen on each split, the probability given, and how right the
 * values it wrote were. */
function calibration(outcomes: Outcome[]): string {
  const cells = new Map<string, Record<'tune' | 'holdout', [number, number]>>();
  for (const o of outcomes) {
    for (const [name, basis] of Object.entries(o.basis) as [FieldName, string][]) {
      const right = o.with.right[name];
      if (right === undefined) continue;
      const row = cells.get(basis) ?? cells.set(basis, { tune: [0, 0], holdout: [0, 0] }).get(basis)!;
      row[o.split][1]++;
      if (right) row[o.split][0]++;
    }
    for (const [d, tag] of [...Object.values(o.declined).map((d) => [d, 'declined'] as const), ...o.withheld.map((d) => [d, 'withheld'] as const)]) {
      const key = `${d.basis} (${tag})`;
      const row = cells.get(key) ?? cells.set(key, { tune: [0, 0], holdout: [0, 0] }).get(key)!;
      row[o.split][1]++;
      if (d.right) row[o.split][0]++;
    }
  }
  const lines = ['learned calibration cells (right/seen): tune | holdout'];
  for (const [basis, row] of [...cells.entries()].sort()) lines.push(`  ${basis.padEnd(26)} ${`${row.tune[0]}/${row.tune[1]}`.padStart(8)} | ${`${row.holdout[0]}/${row.holdout[1]}`.padStart(6)}`);
  for (const split of ['tune', 'holdout'] as const) {
    const written = outcomes.filter((o) => o.split === split).flatMap((o) => (Object.keys(o.basis) as FieldName[]).filter((n) => o.with.right[n] !== undefined && o.with.written[n]).map((n) => o.with.right[n]));
    lines.push(`  ${split}: values the memory supplied or confirmed that were written: ${written.filter(Boolean).length}/${written.length} right`);
  }
  return lines.join('\n');
}

/** Why one document read with the memory is not exact (every field right and written): no vendor match, a field wrong, or right but held below
 * the write threshold (key fields by name, the others together), the write policy's cross-check of the amounts. */
function blockersOf(o: Outcome): Set<string> {
  const found = new Set<string>();
  if (o.with.exact) return found;
  if (!o.matchedBy) found.add('no vendor match');
  for (const [name, right] of Object.entries(o.with.right) as [FieldName, boolean][]) {
    const field = ['amount_total', 'date', 'invoice_number', 'vendor_name', 'vendor_vat'].includes(name) ? name : 'other fields';
    if (!right) found.add(`${field} wrong`);
    else if (!o.with.written[name]) found.add(`${field} held back`);
  }
  if (o.reasons.some((r) => /^inconsistent totals|^line amounts/.test(r))) found.add('amounts cross-check');
  if (!found.size) found.add('review: ' + (o.reasons[0] ?? 'unknown'));
  return found;
}

/** Whether the profile a document was matched to named another vendor: it supplied a wrong VAT id, or a wrong
 * name where the page's vendor has no VAT id the profile had right (one VAT id is one vendor, bench/vendor-groups.ts:
 * a vendor's documents printing two names under its VAT id — a division, a sample renamed — are a name wrong, not
 * another vendor's profile). */
export function namesAnotherVendor(truth: Truth, fields: ExtractedFields | undefined, supplied: Partial<Record<FieldName, string>>, skip: string[]): boolean {
  const wrong = (n: 'vendor_name' | 'vendor_vat') => Boolean(supplied[n]) && truth[n] != null && !skip.includes(n) && !fieldMatches(n, fields?.[n]?.value ?? null, truth[n]);
  const vatRight = truth.vendor_vat != null && !skip.includes('vendor_vat') && fieldMatches('vendor_vat', fields?.vendor_vat?.value ?? null, truth.vendor_vat);
  return wrong('vendor_vat') || (wrong('vendor_name') && !vatRight);
}

/** Why one field of a later document read with the memory is not right and written (null when it is):
 *  - `no vendor match`: the document matched no profile (the memory had nothing to offer);
 *  - `value absent`: neither the rules nor the memory had a value;
 *  - `wrong (memory)` / `wrong (rules)`: a wrong value, supplied or confirmed by the memory or left to the rules;
 *  - `held (memory cell)`: the right value, the memory's cell for it under the write threshold;
 *  - `held (declined)`: the right value, the rules', held; the memory read another one and did not use it;
 *  - `held (anchor missed)`: the right value, the rules', held; the profile had anchors for the field, none read it;
 *  - `held (nothing learned)`: the right value, the rules', held; the profile had no anchor for the field (or the
 *    field is not one read at a place: currency, type, the vendor of an unmatched page…). */
export function fieldReason(
  o: Pick<Outcome, 'matchedBy' | 'basis' | 'declined' | 'anchored'> & { with: Pick<Scored, 'right' | 'written' | 'fields'> }, name: FieldName,
): string | null {
  const right = o.with.right[name];
  if (right === undefined || (right && o.with.written[name])) return null;
  if (!o.matchedBy) return 'no vendor match';
  const value = o.with.fields?.[name]?.value;
  if (value === null || value === undefined) return 'value absent';
  if (!right) return o.basis[name] ? 'wrong (memory)' : 'wrong (rules)';
  if (o.basis[name]) return 'held (memory cell)';
  if (o.declined[name]) return 'held (declined)';
  return o.anchored.includes(name) ? 'held (anchor missed)' : 'held (nothing learned)';
}

/** Later documents' fields not right and written, per field and reason (fieldReason). */
function fieldReasons(outcomes: Outcome[]): string {
  const counts = new Map<string, Map<string, number>>();
  for (const o of outcomes.filter((x) => x.position > 0)) {
    for (const name of Object.keys(o.with.right) as FieldName[]) {
      const why = fieldReason(o, name);
      if (!why) continue;
      const row = counts.get(name) ?? counts.set(name, new Map()).get(name)!;
      row.set(why, (row.get(why) ?? 0) + 1);
    }
  }
  const lines = ['  later documents\' fields not right and written, by field and reason:'];
  for (const [name, row] of [...counts.entries()].sort()) lines.push(`    ${name.padEnd(16)} ${[...row.entries()].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w} ${n}`).join(', ')}`);
  return lines.join('\n');
}

/** Per later document not exact: its vendor, position, how it was matched, its blockers and, for a field
 * held back or wrong, the calibration cell the memory gave it (or `rules` when it left it to the rules). */
function blockerList(outcomes: Outcome[]): string {
  const lines = ['later documents not exact (split, vendor, #position, document, matched by: blockers):'];
  for (const o of outcomes.filter((x) => x.position > 0 && !x.with.exact)) {
    const why = [...blockersOf(o)].join(', ');
    const fields = (Object.entries(o.with.right) as [FieldName, boolean][])
      .filter(([name, right]) => !right || !o.with.written[name])
      .map(([name, right]) => `${name}=${right ? 'held' : 'wrong'}@${o.basis[name] ?? (o.declined[name] ? `rules, declined ${o.declined[name]!.basis}` : 'rules')}`);
    const reasons = o.reasons.length ? ` [review: ${o.reasons.join('; ')}]` : '';
    lines.push(`  ${o.split}\t${o.doc.vendor}\t#${o.position}\t${o.doc.rel}\t${o.matchedBy ?? 'unmatched'}: ${why} | ${fields.join(' ')}${reasons}`);
  }
  return lines.join('\n');
}

/** Why later documents read with the memory are not exact: per blocker, how many documents it stops and of how
 * many it is the only blocker (a field wrong, or right but held below the write threshold; no vendor match; the
 * write policy's cross-check of the amounts). Key fields by name, the others together. */
function blockers(outcomes: Outcome[]): string {
  const later = outcomes.filter((o) => o.position > 0);
  const stopped = later.filter((o) => !o.with.exact);
  const counts = new Map<string, [number, number]>();
  for (const o of stopped) {
    const found = blockersOf(o);
    for (const b of found) {
      const c = counts.get(b) ?? counts.set(b, [0, 0]).get(b)!;
      c[0]++;
      if (found.size === 1) c[1]++;
    }
  }
  const lines = [`  ${stopped.length} of ${later.length} later documents not exact; blockers (documents, of which the only blocker):`];
  for (const [b, [n, only]] of [...counts.entries()].sort((a, b) => b[1][0] - a[1][0])) lines.push(`    ${b.padEnd(26)} ${String(n).padStart(3)} ${String(only).padStart(4)}`);
  return lines.join('\n');
}

/** The flags bench:memory takes (bench/args.ts refuses any other: `--help` once ran the default, both splits). */
export const MEMORY_BENCH_FLAGS = {
  values: ['--ocr-cache', '--json', '--max-per-vendor', '--fit', '--calibration', '--capture', '--replay', '--split', '--half', '--ocr-engine', '--now', '--only'],
  switches: ['--no-embedded', '--verbose', '--blockers', '--help'],
  positional: true,
} as const;

async function main(argv: string[]): Promise<number> {
  const args = checkArgs(argv, MEMORY_BENCH_FLAGS);
  if (args.has('--help')) {
    console.log(headComment(import.meta.url));
    return 0;
  }
  const valueOf = (flag: (typeof MEMORY_BENCH_FLAGS.values)[number]) => args.value(flag);
  const cacheDir = valueOf('--ocr-cache');
  const jsonOut = valueOf('--json');
  const maxPerVendor = Number(valueOf('--max-per-vendor') ?? Infinity);
  const noEmbedded = args.has('--no-embedded');
  const verbose = args.has('--verbose');
  const listBlockers = args.has('--blockers');
  const fitFile = valueOf('--fit');
  const onlySplit = valueOf('--split');
  if (onlySplit && onlySplit !== 'tune' && onlySplit !== 'holdout') throw new Error('--split is tune or holdout');
  const half = valueOf('--half');
  if (half && (onlySplit !== 'tune' || !(TUNE_HALVES as readonly string[]).includes(half))) throw new Error('--half is design or check, with --split tune');
  const captureFile = valueOf('--capture');
  const replayFile = valueOf('--replay');
  const only = valueOf('--only')?.split(',');
  const dirs = args.positional;
  const all = await collect(dirs.length ? dirs.map((d) => path.resolve(d)) : [path.resolve('fixtures/documents')], noEmbedded);
  const docs = only ? all.filter((d) => only.includes(d.rel.includes(path.sep) ? d.rel.split(path.sep)[0]! : path.basename(path.dirname(d.file)))) : all;
  // documents grouped by vendor (the split is the vendor's family's)
  const vendors = new Map<string, Doc[]>();
  for (const d of docs) (vendors.get(d.vendor) ?? vendors.set(d.vendor, []).get(d.vendor)!).push(d);
  const splitOfVendor = (vendor: string) => splitOf(vendors.get(vendor)![0]!.family);
  const grouped = [...vendors.entries()]
    .filter(([v, ds]) => ds.length >= 2 && (!onlySplit || splitOfVendor(v) === onlySplit) && (!half || tuneHalfOf(vendors.get(v)![0]!.family) === half))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([f, ds]) => [f, ds.sort((a, b) => a.rel.localeCompare(b.rel)).slice(0, maxPerVendor)] as const);
  process.stderr.write(`${grouped.length} vendors with 2+ documents, ${grouped.reduce((n, [, d]) => n + d.length, 0)} documents\n`);

  const { createScanner } = await import('../src/pipeline/scan.js');
  const { reassess } = await import('../src/pipeline/confidence/index.js');
  const { MemoryStore, VendorMemory } = await import('../src/memory/index.js');
  const { memoryConfidence } = await import('../src/memory/calibration.js');
  const { mergePaymentCodes } = await import('../src/pipeline/qr/merge.js');
  const replayed = replayFile ? new Map((JSON.parse(await readFile(replayFile, 'utf8')) as Captured[]).map((c) => [c.rel, c])) : null;
  const { parseOcrEngine } = await import('../src/pipeline/ocr/engines.js');
  const ocrEngine = parseOcrEngine(valueOf('--ocr-engine') ?? process.env.OCR_ENGINE);
  // ENGINE_LOOK as bench:accuracy reads it (the worker's default unless set)
  const { parseEngineLook } = await import('../src/pipeline/extract/engine-look.js');
  const engineLook = parseEngineLook(process.env.ENGINE_LOOK);
  const day = judgingDay(valueOf('--now'));
  const scanner = replayed ? null : await createScanner({ noEmbedded, writeThreshold: WRITE_THRESHOLD, ocrCacheDir: cacheDir, ocrEngine, engineLook, now: day });
  const captured: Captured[] = [];
  const { fitMemoryCalibration } = await import('../src/memory/calibration-fit.js');
  const { loadMemoryCalibration } = await import('../src/memory/calibration.js');
  const given = valueOf('--calibration');
  const memory = new VendorMemory(new MemoryStore(), ...(given ? [loadMemoryCalibration(path.resolve(given))] : []));
  let given_: Omit<Captured, 'rel' | 'lines' | 'source'> | null = null;
  const { collectEvidence } = await import('../src/memory/evidence.js');
  const { matchProfile } = await import('../src/memory/match.js');
  type Seen = { ev: ReturnType<typeof collectEvidence>; hints: Parameters<typeof matchProfile>[2] };
  const { withheldFills } = await import('../src/memory/calibration-fit.js');
  const { matchHints } = await import('../src/memory/index.js');
  /** What the memory would have filled in each placed field the rules read (calibration-fit.ts withheldFills), on the
   * profile consult matched (before it learned from the document) */
  let withheld: ReturnType<typeof withheldFills> = [];
  // what each document showed the memory, to match it again at the end against every other vendor's profile
  let seen: Seen | null = null;
  const seenDocs: (Seen & { vendor: string; split: 'tune' | 'holdout' })[] = [];
  {
    const consult = memory.consult.bind(memory);
    memory.consult = async (doc, rules, call, rows, calibrated) => {
      if (captureFile) given_ = { pages: doc.pages.map((p) => ({ page: p.page, width: p.width })), qrCodes: doc.qrCodes, rows: rows!, rules: structuredClone(rules), calibrated: structuredClone(calibrated!) };
      const consulted = await consult(doc, rules, call, rows, calibrated);
      seen = { ev: consulted.evidence, hints: matchHints(rules, call, calibrated) };
      withheld = consulted.match ? withheldFills(consulted.match, consulted.evidence, rules, memory.calibration, calibrated) : [];
      return consulted;
    };
  }
  /** The scan's result rebuilt from a capture: the memory consulted as the scan does (scan.ts), the rules' own
   * calibration kept for the fields it left alone. */
  const replay = async (c: Captured, truth: Truth): Promise<ScanResult> => {
    const doc = { pages: c.pages } as unknown as ReadDocument;
    const consulted = await memory.consult(doc, structuredClone(c.rules), { memory, company: 'bench', truth, today: day.toISOString().slice(0, 10) }, c.rows, c.calibrated);
    const fields = structuredClone(c.calibrated);
    for (const name of FIELD_NAMES) {
      const m = consulted.fields[name];
      if (consulted.info.basis?.[name]) fields[name] = { ...m, confidence: memoryConfidence(c.calibrated[name], m) } as never;
      else if (m.value !== c.calibrated[name].value) fields[name] = { ...m } as never;
    }
    let assessed = reassess(fields, c.lines, c.source, WRITE_THRESHOLD);
    // what the memory changed, as the scan tells it: before the payment codes' values
    const changed = FIELD_NAMES.filter((n) => c.calibrated[n].value !== assessed.fields[n].value || c.calibrated[n].confidence !== assessed.fields[n].confidence);
    consulted.info.changed = changed;
    consulted.info.rules = Object.fromEntries(changed.map((n) => [n, c.calibrated[n]]));
    // a code's bytes were saved as JSON ({type: 'Buffer', data}): read back as bytes
    const codes = c.qrCodes?.map((q) => ({ ...q, bytes: Uint8Array.from((q.bytes as unknown as { data?: number[] }).data ?? Object.values(q.bytes)) }));
    const paid = codes?.length ? mergePaymentCodes(assessed.fields, codes) : null;
    if (paid?.payment_codes.length) {
      const again = reassess(assessed.fields, c.lines, c.source, WRITE_THRESHOLD);
      assessed = { ...again, review_reasons: [...again.review_reasons, ...paid.review_reasons], needs_review: again.needs_review || paid.review_reasons.length > 0 };
    }
    // the scan's last step (scan.ts): a credit note's amounts as the credit's size
    return creditNoteAsSizes({ file: c.rel, sha256: '', source: c.source, pages: c.pages.length, fields: assessed.fields, lines: c.lines, needs_review: assessed.needs_review, review_reasons: assessed.review_reasons, memory: consulted.info } as unknown as ScanResult);
  };
  const outcomes: Outcome[] = [];
  // which vendors each profile learned from: a document matched to a profile none of its vendor's documents
  // went into is a false match
  const profileFamilies = new Map<string, Set<string>>();
  const started = performance.now();
  // tune vendors first: a fit on them is in place before the first holdout vendor is read
  grouped.sort(([a], [b]) => (splitOfVendor(a) === splitOfVendor(b) ? 0 : splitOfVendor(a) === 'tune' ? -1 : 1));
  let fitted = false;
  const fit = async () => {
    const tune = outcomes.filter((o) => o.split === 'tune');
    memory.calibration = fitMemoryCalibration(samplesOf(tune), { split: 'tune', documents: tune.length, date: new Date().toISOString().slice(0, 10), corpus: dirs.map((d) => path.basename(d)) });
    await writeFile(fitFile!, JSON.stringify(memory.calibration, null, 1) + '\n');
    fitted = true;
  };
  try {
    for (const [vendor, ds] of grouped) {
      const split = splitOfVendor(vendor);
      if (fitFile && !fitted && split === 'holdout') await fit();
      ds.sort((a, b) => a.rel.localeCompare(b.rel));
      for (const [position, doc] of ds.entries()) {
        const cap = replayed?.get(doc.rel);
        if (replayed && !cap) continue; // not captured (an e-invoice, or a document the capture did not have)
        // the profiles as they were before this document (it is learned from as it is read)
        const known = new Map((await memory.store.list('bench')).map((p) => [p.id, p]));
        const result: ScanResult = cap ? await replay(cap, doc.truth) : await scanner!.scanFile(doc.file, doc.rel, { memory: { memory, company: 'bench', truth: doc.truth } });
        if (result.source?.startsWith('einvoice:')) continue;
        if (captureFile && given_) captured.push({ rel: doc.rel, ...(given_ as Omit<Captured, 'rel' | 'lines' | 'source'>), lines: result.lines ?? [], source: result.source ?? 'ocr' });
        given_ = null;
        if (seen) seenDocs.push({ ...(seen as Seen), vendor, split });
        seen = null;
        const before = structuredClone(result.fields);
        if (before && result.memory) for (const [name, f] of Object.entries(result.memory.rules)) (before as unknown as Record<string, unknown>)[name] = f;
        const reviewBefore = before ? reassess(before, result.lines ?? [], result.source ?? 'ocr', WRITE_THRESHOLD).needs_review : true;
        const matched = result.memory?.matched_profile ?? null;
        const supplied = result.memory?.basis ?? {};
        const wrongVendor = namesAnotherVendor(doc.truth, result.fields, supplied, doc.skip);
        const falseMatch = Boolean(matched) && (!profileFamilies.get(matched!)?.has(vendor) || wrongVendor);
        if (result.memory?.profile) (profileFamilies.get(result.memory.profile) ?? profileFamilies.set(result.memory.profile, new Set()).get(result.memory.profile)!).add(vendor);
        const o: Outcome = {
          falseMatch,
          doc, position, split,
          with: score(result.fields, doc.truth, doc.skip, result.needs_review ?? true),
          without: score(before, doc.truth, doc.skip, reviewBefore),
          changed: result.memory?.changed ?? [], matchedBy: result.memory?.matched_by ?? null, basis: result.memory?.basis ?? {},
          reasons: result.review_reasons ?? [],
          withheld: withheld.filter((w) => !doc.skip.includes(w.name) && doc.truth[w.name] != null).map((w) => ({ basis: w.basis, right: fieldMatches(w.name, w.value as never, doc.truth[w.name]) })),
          anchored: (Object.entries((matched && known.get(matched)?.fields) ?? {}) as [FieldName, { anchors: unknown[] }][]).filter(([, fm]) => fm.anchors.length).map(([n]) => n),
          declined: Object.fromEntries(Object.entries(result.memory?.declined ?? {}).filter(([name]) => !doc.skip.includes(name) && doc.truth[name as FieldName] != null)
            .map(([name, d]) => [name, { basis: d.basis, right: fieldMatches(name as FieldName, d.value, doc.truth[name as FieldName]), value: d.value }])),
        };
        outcomes.push(o);
        withheld = [];
        if (verbose) {
          for (const name of Object.keys(o.with.right) as FieldName[]) {
            if (o.with.right[name] !== o.without.right[name] || (!o.with.right[name] && position > 0))
              process.stderr.write(`${o.split}\t${vendor}\t#${position}\t${doc.rel}\t${name}\twithout ${o.without.right[name] ? 'ok' : 'NO'} with ${o.with.right[name] ? 'ok' : 'NO'} (${JSON.stringify(o.with.fields?.[name]?.value)} ${o.with.fields?.[name]?.confidence}, want ${JSON.stringify(doc.truth[name])}) match=${o.matchedBy}\n`);
          }
        }
      }
    }
    if (fitFile && !fitted) await fit();
  } finally {
    await scanner?.close();
  }
  if (captureFile) await writeFile(captureFile, JSON.stringify(captured));
  // the false-match guard under stress: every document matched again against the profiles of both splits, its own
  // vendor's left out — any match is another vendor's profile
  const allProfiles = await memory.store.list('bench');
  const stress = Object.fromEntries((['holdout', 'tune'] as const).map((split) => {
    const docsOf = seenDocs.filter((d) => d.split === split);
    const wrong = docsOf.filter((d) => matchProfile(allProfiles.filter((p) => !profileFamilies.get(p.id)?.has(d.vendor)), d.ev, d.hints) !== null);
    return [split, `  false vendor matches with the document's own vendor left out (${allProfiles.length} profiles of both splits): ${wrong.length} of ${docsOf.length} documents${wrong.map((d) => `\n    ${d.vendor}`).join('')}`];
  }));
  const seconds = (performance.now() - started) / 1000;
  const out: string[] = [];
  for (const split of ['holdout', 'tune'] as const) {
    const subset = outcomes.filter((o) => o.split === split);
    const fams = new Set(subset.map((o) => o.doc.vendor)).size;
    out.push(table(`${split.toUpperCase()} (${fams} vendors, ${subset.length} documents)`, subset));
    if (subset.length) out.push(blockers(subset), fieldReasons(subset));
    const falses = subset.filter((o) => o.falseMatch);
    out.push(`  false vendor matches (all positions): ${falses.length} of ${subset.filter((o) => o.matchedBy).length} matched${falses.map((o) => `\n    ${o.doc.vendor} #${o.position} ${o.doc.rel} by ${o.matchedBy}`).join('')}`);
    out.push(stress[split]!);
    out.push('');
  }
  if (listBlockers) out.push(blockerList(outcomes), '');
  out.push(calibration(outcomes));
  if (fitFile) out.push(`learned calibration fitted on tune (${samplesOf(outcomes.filter((o) => o.split === 'tune')).length} samples), written to ${fitFile}; holdout read with it`);
  out.push(`target fields (right >= 98 %): ${TARGET_FIELDS.join(', ')}; written = confidence >= ${WRITE_THRESHOLD} (the default WRITE_THRESHOLD); touchless = every key field (policy.ts: bills total, date, vendor or its VAT; expenses total, date) right and written, no review; exact = every field with a truth right and written, no review`);
  out.push(`${outcomes.length} documents in ${seconds.toFixed(0)} s, OCR engine ${ocrEngine}${cacheDir ? ` (OCR results cached in ${cacheDir})` : ''}`);
  process.stdout.write(out.join('\n') + '\n');
  if (jsonOut) await writeFile(jsonOut, JSON.stringify(outcomes.map((o) => ({ ...o, doc: o.doc.rel, family: o.doc.family, vendor: o.doc.vendor })), null, 1));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench:memory failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
