// Accuracy harness: runs the real scan pipeline on every document in DIR (recursively) that has an
// `X.truth.json` beside it, and prints per-folder, per-field accuracy and throughput, then what the write policy
// does: per field accuracy, written share, written precision, expected calibration error, and the touchless rate.
// Usage: see USAGE below. Only fields whose truth is non-null count. With --no-embedded, fields a manifest.json
// entry lists under `text_layer_lacks` are skipped (the visible page does not print them). A document's split
// (tune/holdout) follows its manifest `family` (calibration-report.ts#splitOf).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DocType, FIELD_NAMES, type ExtractedFields, type FieldName, type ScanResult } from '../src/contract.js';
import { type CalibrationTable, loadCalibrationTable, shippedTable } from '../src/pipeline/confidence/calibrate.js';
import type { EvidenceName } from '../src/pipeline/confidence/evidence.js';
import { crossCheckReasons, DEFAULT_WRITE_THRESHOLD, kindOf } from '../src/pipeline/confidence/policy.js';
import { type DocRecord, evaluate, type FieldStats, formatReport, type Split, splitOf } from './calibration-report.js';

export type Truth = Partial<Record<FieldName, unknown>>;

const LEGAL_FORMS = new Set([
  'gmbh', 'ag', 'kg', 'ohg', 'mbh', 'ug', 'ev', 'ek', 'sarl', 'sas', 'sasu', 'sa', 'eurl', 'srl', 'spa', 'snc', 'sl',
  'ltd', 'limited', 'llc', 'inc', 'corp', 'plc', 'pvt', 'co', 'sdn', 'bhd', 'berhad', 'bv', 'nv', 'de', 'cv', 'sc',
  'the', 'und', 'and', '&',
]);

/** Letters and digits only, upper case. */
export function alnum(s: string): string {
  return s.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function nameTokens(s: string): string[] {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1') // "a.g." -> "ag", "s.r.l." -> "srl"
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t && !LEGAL_FORMS.has(t));
}

/** Vendor names match loosely: after dropping case, punctuation and legal forms, most tokens overlap. */
export function sameName(got: string, want: string): boolean {
  const a = nameTokens(got);
  const b = nameTokens(want);
  if (b.length === 0) return alnum(got) === alnum(want);
  if (a.length === 0) return false;
  const setA = new Set(a);
  const common = b.filter((t) => setA.has(t)).length;
  // most of the true name's words must be there, and most of what we found must be name: "Lieferant GmbH"
  // matches "LIEFERANT GMBH", "MR D.T.Y. (M) SON BHD" (OCR) matches "MR D.I.Y. (M) SDN BHD", "France" does not
  // match "Akretion France"
  return common / b.length >= 0.6 && common / a.length >= 0.5;
}

export function fieldMatches(field: FieldName, got: unknown, want: unknown): boolean {
  if (got === null || got === undefined) return false;
  switch (field) {
    case 'amount_total':
    case 'amount_untaxed':
    case 'amount_tax':
      return typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) <= 0.01 + 1e-9;
    case 'date':
    case 'due_date':
    case 'doc_type':
    case 'currency':
      return got === want;
    case 'vendor_name':
      return sameName(String(got), String(want));
    default:
      return alnum(String(got)) === alnum(String(want));
  }
}

export interface DocScore {
  file: string;
  folder: string;
  results: Partial<Record<FieldName, { ok: boolean; got: unknown; want: unknown }>>;
  error?: string;
}

export function scoreDocument(file: string, folder: string, fields: ExtractedFields | undefined, truth: Truth, skip: string[]): DocScore {
  const results: DocScore['results'] = {};
  for (const name of FIELD_NAMES) {
    const want = truth[name];
    if (want === null || want === undefined || skip.includes(name)) continue;
    const got = fields ? fields[name].value : null;
    results[name] = { ok: fieldMatches(name, got, want), got, want };
  }
  return { file, folder, results };
}

export interface Summary {
  folders: Record<string, { docs: number; fields: Partial<Record<FieldName, { ok: number; n: number }>> }>;
  overall: Partial<Record<FieldName, { ok: number; n: number }>>;
  docs: number;
  seconds: number;
  docsPerSecond: number;
}

export function summarize(scores: DocScore[], seconds: number): Summary {
  const folders: Summary['folders'] = {};
  const overall: Summary['overall'] = {};
  for (const s of scores) {
    const f = (folders[s.folder] ??= { docs: 0, fields: {} });
    f.docs++;
    for (const [name, r] of Object.entries(s.results) as [FieldName, { ok: boolean }][]) {
      const slot = (f.fields[name] ??= { ok: 0, n: 0 });
      slot.n++;
      if (r.ok) slot.ok++;
      const all = (overall[name] ??= { ok: 0, n: 0 });
      all.n++;
      if (r.ok) all.ok++;
    }
  }
  return { folders, overall, docs: scores.length, seconds, docsPerSecond: seconds > 0 ? scores.length / seconds : 0 };
}

async function findTruthDocs(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    if (depth > 20) return; // bounded: symlink loops or absurd trees
    const entries = await readdir(d, { withFileTypes: true });
    const names = new Set(entries.map((e) => e.name));
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && !e.name.endsWith('.json') && !e.name.endsWith('.txt') && names.has(`${e.name}.truth.json`)) out.push(p);
    }
  };
  await walk(dir, 0);
  return out;
}

interface ManifestEntry {
  lacks: string[];
  family: string | null;
}

async function loadManifest(dir: string): Promise<Map<string, ManifestEntry>> {
  const out = new Map<string, ManifestEntry>();
  try {
    const entries = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { file: string; text_layer_lacks?: string[]; family?: string }[];
    for (const e of entries) out.set(path.normalize(e.file), { lacks: e.text_layer_lacks ?? [], family: e.family ?? null });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`manifest.json in ${dir} is unreadable: ${(err as Error).message}`);
  }
  return out;
}

function pct(x: { ok: number; n: number } | undefined): string {
  if (!x || x.n === 0) return '    -';
  return `${((100 * x.ok) / x.n).toFixed(0).padStart(3)}%`;
}

export function formatTable(sum: Summary): string {
  const cols = FIELD_NAMES;
  const short: Record<string, string> = {
    doc_type: 'type', vendor_name: 'vendor', vendor_vat: 'vat', invoice_number: 'number', date: 'date',
    due_date: 'due', currency: 'cur', amount_total: 'total', amount_untaxed: 'untax', amount_tax: 'tax', po_number: 'po',
  };
  const head = ['folder'.padEnd(18), 'docs', ...cols.map((c) => short[c].padStart(6))].join(' ');
  const lines = [head];
  for (const [folder, f] of Object.entries(sum.folders).sort()) {
    lines.push([folder.padEnd(18), String(f.docs).padStart(4), ...cols.map((c) => pct(f.fields[c]).padStart(6))].join(' '));
  }
  lines.push(['ALL'.padEnd(18), String(sum.docs).padStart(4), ...cols.map((c) => pct(sum.overall[c]).padStart(6))].join(' '));
  lines.push(`${sum.docs} documents in ${sum.seconds.toFixed(1)} s (${sum.docsPerSecond.toFixed(2)} docs/s)`);
  return lines.join('\n');
}

/** The record of one scanned document: raw scores, evidence and, per field, right or wrong against the truth. */
export function recordOf(rel: string, folder: string, split: Split | null, result: ScanResult, truth: Truth, skip: string[]): DocRecord {
  const fields: DocRecord['fields'] = {};
  for (const name of FIELD_NAMES) {
    const f = result.fields?.[name];
    const want = truth[name];
    const known = want !== null && want !== undefined && !skip.includes(name);
    if (!f || (f.value === null && !known)) continue;
    fields[name] = {
      value: f.value,
      raw: f.raw_confidence ?? f.confidence,
      evidence: (f.evidence ?? []) as EvidenceName[],
      right: known ? fieldMatches(name, f.value, want) : null,
    };
  }
  const truthType = typeof truth.doc_type === 'string' ? (truth.doc_type as DocType) : null;
  return {
    file: rel, folder, split, source: result.source ?? null,
    kind: kindOf(truthType ?? result.fields?.doc_type.value ?? null),
    fields,
    checks: result.fields ? crossCheckReasons(result.fields, result.lines ?? []) : [],
    ...(result.error ? { error: result.error.code } : {}),
  };
}

interface Args {
  dir: string | null;
  noEmbedded: boolean;
  asJson: boolean;
  verbose: boolean;
  langs?: string;
  split: Split | 'all';
  records: string | null;
  fromRecords: string | null;
  calibration: string | null;
  table: string | null;
  threshold: number;
}

const USAGE = `usage: npm run bench:accuracy -- DIR [--split tune|holdout|all] [--no-embedded] [--json] [--verbose] [--langs eng+deu]
         [--records FILE] [--from-records FILE] [--table FILE] [--threshold T] [--calibration [OUTDIR]]
  --records FILE       also write one JSON line per document (raw scores, evidence, right/wrong) for scripts/fit-calibration.ts
  --from-records FILE  measure from such records instead of scanning (a refit is re-measured in seconds)
  --table FILE         calibration table to measure (default data/calibration.json)
  --calibration [DIR]  write a reliability diagram per field (PNG, default docs/calibration) and print the table
`;

function parseArgs(argv: string[]): Args | string {
  const valueOf = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const takesValue = new Set(['--langs', '--split', '--records', '--from-records', '--table', '--threshold']);
  const positional: string[] = [];
  let calibration: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (takesValue.has(a)) {
      const v = argv[i + 1];
      if (!v || v.startsWith('--')) return `${a} needs a value`;
      i++;
    } else if (a === '--calibration') {
      calibration = 'docs/calibration';
      const v = argv[i + 1];
      if (v && !v.startsWith('--') && argv.slice(i + 2).some((x) => !x.startsWith('--'))) {
        calibration = v;
        i++;
      }
    } else if (!a.startsWith('--')) positional.push(a);
  }
  const split = (valueOf('--split') ?? 'all') as Args['split'];
  if (!['tune', 'holdout', 'all'].includes(split)) return '--split is tune, holdout or all';
  const threshold = valueOf('--threshold') !== undefined ? Number(valueOf('--threshold')) : DEFAULT_WRITE_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) return '--threshold is a number in [0, 1]';
  const fromRecords = valueOf('--from-records') ?? null;
  if (positional.length !== (fromRecords ? 0 : 1)) return USAGE;
  return {
    dir: positional[0] ? path.resolve(positional[0]) : null,
    noEmbedded: argv.includes('--no-embedded'), asJson: argv.includes('--json'), verbose: argv.includes('--verbose'),
    langs: valueOf('--langs'), split, records: valueOf('--records') ?? null, fromRecords, calibration,
    table: valueOf('--table') ?? null, threshold,
  };
}

async function scanAll(args: Args & { dir: string }): Promise<{ scores: DocScore[]; records: DocRecord[]; seconds: number } | string> {
  const files = await findTruthDocs(args.dir);
  if (files.length === 0) return `no documents with a .truth.json beside them under ${args.dir}`;
  const manifest = await loadManifest(args.dir);
  const { createScanner } = await import('../src/pipeline/scan.js');
  const scanner = await createScanner({ noEmbedded: args.noEmbedded, langs: args.langs });
  const scores: DocScore[] = [];
  const records: DocRecord[] = [];
  const started = performance.now();
  try {
    for (const file of files) {
      const rel = path.relative(args.dir, file);
      const entry = manifest.get(path.normalize(rel));
      const split = entry?.family ? splitOf(entry.family) : null;
      if (args.split !== 'all' && split !== args.split) continue;
      const folder = path.dirname(rel) === '.' ? '.' : path.dirname(rel).split(path.sep)[0];
      const truth = JSON.parse(await readFile(`${file}.truth.json`, 'utf8')) as Truth;
      const result: ScanResult = await scanner.scanFile(file);
      const skip = args.noEmbedded ? (entry?.lacks ?? []) : [];
      const score = scoreDocument(rel, folder, result.fields, truth, skip);
      if (result.error) score.error = `${result.error.code}: ${result.error.message}`;
      scores.push(score);
      records.push(recordOf(rel, folder, split, result, truth, skip));
      if (args.verbose && !args.asJson) {
        const misses = Object.entries(score.results).filter(([, r]) => !r.ok);
        for (const [name, r] of misses) process.stderr.write(`${rel}\t${name}\tgot ${JSON.stringify(r.got)}\twant ${JSON.stringify(r.want)}\n`);
      }
    }
  } finally {
    await scanner.close();
  }
  return { scores, records, seconds: (performance.now() - started) / 1000 };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(args.endsWith('\n') ? args : `${args}\n${USAGE}`);
    return 2;
  }
  const table = args.table ? loadCalibrationTable(path.resolve(args.table)) : shippedTable();
  let records: DocRecord[];
  if (args.fromRecords) {
    const text = await readFile(args.fromRecords, 'utf8');
    records = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DocRecord)
      .filter((r) => args.split === 'all' || r.split === args.split);
  } else {
    const scanned = await scanAll(args as Args & { dir: string });
    if (typeof scanned === 'string') {
      process.stderr.write(`${scanned}\n`);
      return 2;
    }
    records = scanned.records;
    const summary = summarize(scanned.scores, scanned.seconds);
    if (args.asJson) process.stdout.write(`${JSON.stringify({ summary, documents: scanned.scores }, null, 1)}\n`);
    else process.stdout.write(`${formatTable(summary)}\n\n`);
    if (args.records) await writeFile(args.records, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  const report = evaluate(records, table, args.threshold);
  const label = `${args.split} (${records.length} documents)`;
  if (!args.asJson) process.stdout.write(`${formatReport(report, label)}\n`);
  if (args.calibration) {
    await mkdir(args.calibration, { recursive: true });
    const { reliabilityPng } = await import('./reliability.js');
    for (const [name, stats] of Object.entries(report.fields) as [FieldName, FieldStats][]) {
      await writeFile(path.join(args.calibration, `${name}.png`), await reliabilityPng(name, stats, args.threshold, label));
    }
    process.stdout.write(`\n${formatCalibrationTable(table)}\nreliability diagrams: ${args.calibration}/<field>.png\n`);
  }
  return 0;
}

/** The shipped table, row by row: probability per raw-score bin and (in brackets) the tune samples behind it. */
export function formatCalibrationTable(table: CalibrationTable): string {
  const head = ['row'.padEnd(34), ...table.edges.map((e, i) => `<${Math.min(1, e).toFixed(2)}`.padStart(i === 0 ? 9 : 10))].join('');
  const lines = [`calibration table (${JSON.stringify(table.fitted)})`, head];
  for (const key of Object.keys(table.rows).sort()) {
    const counts = table.counts[key] ?? [];
    lines.push([key.padEnd(34), ...table.rows[key].map((p, i) => `${p.toFixed(2)}(${counts[i] ?? 0})`.padStart(10))].join(''));
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench:accuracy failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
