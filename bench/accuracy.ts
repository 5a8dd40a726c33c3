// Accuracy harness: runs the real scan pipeline on every document in DIR (recursively) that has an
// `X.truth.json` beside it and is in the chosen split, and prints per-folder, per-field accuracy and seconds per
// document.
//   npm run bench:accuracy -- DIR [--split holdout|tune|all] [--half design|check] [--only FOLDER,...] [--no-embedded]
//                                 [--json] [--verbose] [--langs auto|eng+deu] [--baseline-langs eng] [--ocr-cache DIR]
//                                 [--ocr-engine tesseract|paddle|auto] [--baseline-ocr-engine E] (default OCR_ENGINE)
// The split (default holdout: every published figure) comes from each document's family in DIR/manifest.json, or
// `family` in its truth file (bench/corpus.ts). --half design|check keeps one half of tune's families (bench/corpus.ts
// tuneHalfOf): design rules on the design half's failures, check them on the other. Only fields whose truth is non-null count. With --no-embedded,
// fields a manifest.json entry lists under `text_layer_lacks` are skipped (the visible page does not print them).
// --ocr-cache keeps OCR results on disk between runs (src/pipeline/ocr/cache.ts): for repeated runs while tuning.
// --baseline-langs scans every document a second time with other OCR languages and prints both, with the time ratio
// (timings are only meaningful without --ocr-cache).
// After the accuracy table it prints what the write policy does (bench/calibration-report.ts): per field accuracy,
// written share, written precision, expected calibration error, and the touchless rate. --records writes the raw
// scores and evidence per document for scripts/fit-calibration.ts; --from-records re-measures them without scanning;
// --calibration draws a reliability diagram per field (PNG) and prints the calibration table.
// --now YYYY-MM-DD: the day dates are judged against (default bench/corpus.ts CORPUS_DAY, not the clock).
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DocType, FIELD_NAMES, PAYMENT_FIELD_NAMES, type ExtractedFields, type FieldName, type PaymentFieldName, type ScanResult } from '../src/contract.js';
import { type CalibrationTable, loadCalibrationTable, shippedTable } from '../src/pipeline/confidence/calibrate.js';
import type { EvidenceName } from '../src/pipeline/confidence/evidence.js';
import { crossCheckReasons, DEFAULT_WRITE_THRESHOLD, kindOf } from '../src/pipeline/confidence/policy.js';
import { type DocRecord, evaluate, type FieldStats, formatReport, uniqueDocuments } from './calibration-report.js';
import { judgingDay, loadCorpusIndex, splitOf, SPLITS, TUNE_HALVES, tuneHalfOf, type CorpusEntry, type Split, type TuneHalf } from './corpus.js';
import { LEGAL_FORM_WORDS } from '../src/pipeline/extract/legal-forms.js';

/** What is scored: the extracted fields, the payment fields, and the document's language (`language` of scan --json). */
export type Scored = FieldName | PaymentFieldName | 'language';
export const SCORED: Scored[] = [...FIELD_NAMES, ...PAYMENT_FIELD_NAMES, 'language'];

export type Truth = Partial<Record<FieldName | PaymentFieldName, unknown>> & { language?: string | null; qr?: { type: string; valid: boolean }[] };

/** What a name's comparison leaves out: legal forms (legal-forms.ts) and fillers ("S.A. de C.V.", "Smith and Sons"). */
const NOT_NAME_WORDS: ReadonlySet<string> = new Set([...LEGAL_FORM_WORDS, 'de', 'the', 'und', 'and', '&']);

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
    .filter((t) => t && !NOT_NAME_WORDS.has(t));
}

/** Vendor names match loosely: after dropping case, punctuation and legal forms, most tokens overlap. */
export function sameName(got: string, want: string): boolean {
  // the same letters and digits are the same name, however spaced or punctuated ("MR.D.I.Y(M)SDN BHD")
  if (alnum(got) !== '' && alnum(got) === alnum(want)) return true;
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

/** Tax ids on letters and digits; an id printed without its country prefix ("BTW 813941155B01") is the same id as
 * the prefixed form the scan gives (NL813941155B01, as Odoo stores it). */
export function sameTaxId(got: string, want: string): boolean {
  const [g, w] = [alnum(got), alnum(want)];
  return g === w || (/^[A-Z]{2}\d/.test(g) && !/^[A-Z]{2}/.test(w) && g.slice(2) === w);
}

export function fieldMatches(field: Scored, got: unknown, want: unknown): boolean {
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
    case 'vendor_vat':
      return sameTaxId(String(got), String(want));
    default:
      return alnum(String(got)) === alnum(String(want));
  }
}

export interface DocScore {
  file: string;
  folder: string;
  results: Partial<Record<Scored, { ok: boolean; got: unknown; want: unknown; written?: boolean }>>;
  /** Payment codes the truth expects, and how many of them came out as expected (found, valid or invalid). */
  qr?: { expected: number; decoded: number; photo: boolean };
  /** Wall time of this document's scan. */
  seconds?: number;
  error?: string;
}

export function scoreDocument(
  file: string, folder: string, fields: ExtractedFields | undefined, truth: Truth, skip: string[], language?: string | null,
  codes?: ScanResult['payment_codes'],
): DocScore {
  const results: DocScore['results'] = {};
  for (const name of [...FIELD_NAMES, ...PAYMENT_FIELD_NAMES]) {
    const want = truth[name];
    if (want === null || want === undefined || skip.includes(name)) continue;
    const field = fields?.[name];
    const got = field ? field.value : null;
    results[name] = { ok: fieldMatches(name, got, want), got, want, written: !!field && field.value !== null && (field.write ?? field.confidence >= DEFAULT_WRITE_THRESHOLD) };
  }
  if (truth.language && language !== undefined) results.language = { ok: language === truth.language, got: language, want: truth.language };
  const score: DocScore = { file, folder, results };
  if (truth.qr) {
    const decoded = truth.qr.filter((want) => (codes ?? []).some((c) => c.type === want.type && c.valid === want.valid)).length;
    score.qr = { expected: truth.qr.length, decoded, photo: /\.(jpe?g|png|webp)$/i.test(file) && file.includes('photo') };
  }
  return score;
}

/** Payment codes decoded as expected (PDFs and clean images apart from photo renderings), and values that would be
 * written unattended (confidence >= the write threshold) but are wrong, over every scored field. */
export function qrSummary(scores: DocScore[]): string | null {
  const withQr = scores.filter((s) => s.qr);
  if (withQr.length === 0) return null;
  const part = (photo: boolean) => {
    const xs = withQr.filter((s) => s.qr!.photo === photo);
    const expected = xs.reduce((n, s) => n + s.qr!.expected, 0);
    const decoded = xs.reduce((n, s) => n + s.qr!.decoded, 0);
    return `${decoded}/${expected} (${expected ? ((100 * decoded) / expected).toFixed(0) : '-'} %)`;
  };
  const wrong = withQr.flatMap((s) => Object.entries(s.results).filter(([, r]) => r.written && !r.ok).map(([name, r]) => `${s.file} ${name}: ${JSON.stringify(r.got)} for ${JSON.stringify(r.want)}`));
  const written = withQr.reduce((n, s) => n + Object.values(s.results).filter((r) => r.written).length, 0);
  return [
    `payment codes decoded as expected: documents ${part(false)}, photo renderings ${part(true)}`,
    `values the write policy writes: ${written}, wrong: ${wrong.length}`,
    ...wrong.map((w) => `  wrong: ${w}`),
  ].join('\n');
}

type Tally = Partial<Record<Scored, { ok: number; n: number }>>;

export interface Summary {
  folders: Record<string, { docs: number; fields: Tally; seconds: number }>;
  overall: Tally;
  docs: number;
  seconds: number;
  docsPerSecond: number;
}

export function summarize(scores: DocScore[], seconds: number): Summary {
  const folders: Summary['folders'] = {};
  const overall: Summary['overall'] = {};
  for (const s of scores) {
    const f = (folders[s.folder] ??= { docs: 0, fields: {}, seconds: 0 });
    f.docs++;
    f.seconds += s.seconds ?? 0;
    for (const [name, r] of Object.entries(s.results) as [Scored, { ok: boolean }][]) {
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

export async function findTruthDocs(dir: string): Promise<string[]> {
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

export interface CorpusDoc {
  file: string;
  rel: string;
  truth: Truth & { family?: string };
  entry: CorpusEntry | undefined;
}

/** The documents of `dir` in `split` (and in one half of tune, if asked); an error names those whose family is unknown
 * when a split is asked for. */
export async function selectDocuments(dir: string, split: Split | 'all', half?: TuneHalf): Promise<{ docs: CorpusDoc[]; total: number }> {
  const index = await loadCorpusIndex(dir);
  const all: CorpusDoc[] = [];
  for (const file of await findTruthDocs(dir)) {
    const rel = path.relative(dir, file);
    const truth = JSON.parse(await readFile(`${file}.truth.json`, 'utf8')) as CorpusDoc['truth'];
    all.push({ file, rel, truth, entry: index.get(path.normalize(rel)) });
  }
  if (split === 'all') return { docs: all, total: all.length };
  const familyOf = (d: CorpusDoc) => d.entry?.family ?? d.truth.family;
  const unknown = all.filter((d) => !familyOf(d));
  if (unknown.length)
    throw new Error(`${unknown.length} document(s) under ${dir} have no family (manifest.json or truth "family"), e.g. ${unknown[0].rel}: add one, or use --split all`);
  return { docs: all.filter((d) => splitOf(familyOf(d)!) === split && (!half || tuneHalfOf(familyOf(d)!) === half)), total: all.length };
}

function pct(x: { ok: number; n: number } | undefined): string {
  if (!x || x.n === 0) return '    -';
  return `${((100 * x.ok) / x.n).toFixed(0).padStart(3)}%`;
}

export function formatTable(sum: Summary): string {
  // the payment columns only when some document has their truth (the corpus before the qr folder has none)
  const cols = SCORED.filter((c) => !(PAYMENT_FIELD_NAMES as string[]).includes(c) || sum.overall[c]);
  const short: Record<Scored, string> = {
    doc_type: 'type', vendor_name: 'vendor', vendor_vat: 'vat', invoice_number: 'number', date: 'date',
    due_date: 'due', currency: 'cur', amount_total: 'total', amount_untaxed: 'untax', amount_tax: 'tax', po_number: 'po',
    iban: 'iban', payment_reference: 'payref', language: 'lang',
  };
  const perDoc = (seconds: number, docs: number) => (docs ? (seconds / docs).toFixed(2) : '-').padStart(6);
  const head = ['folder'.padEnd(18), 'docs', ...cols.map((c) => short[c].padStart(6)), ' s/doc'].join(' ');
  const lines = [head];
  let docSeconds = 0;
  for (const [folder, f] of Object.entries(sum.folders).sort()) {
    docSeconds += f.seconds;
    lines.push([folder.padEnd(18), String(f.docs).padStart(4), ...cols.map((c) => pct(f.fields[c]).padStart(6)), perDoc(f.seconds, f.docs)].join(' '));
  }
  lines.push(['ALL'.padEnd(18), String(sum.docs).padStart(4), ...cols.map((c) => pct(sum.overall[c]).padStart(6)), perDoc(docSeconds, sum.docs)].join(' '));
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
      ...(f.source?.startsWith('image:') || f.source?.startsWith('qr:') ? { source: f.source } : {}),
    };
  }
  const truthType = typeof truth.doc_type === 'string' ? (truth.doc_type as DocType) : null;
  return {
    file: rel, folder, split, source: result.source ?? null, ...(result.ocr_engine ? { engine: result.ocr_engine } : {}), ...(result.sha256 ? { sha256: result.sha256 } : {}),
    kind: kindOf(truthType ?? result.fields?.doc_type.value ?? null),
    fields,
    checks: result.fields ? crossCheckReasons(result.fields, result.lines ?? [], result.source, result.payable) : [],
    ...(result.error ? { error: result.error.code } : {}),
  };
}

/** The calibration table, row by row: probability per raw-score bin and (in brackets) the tune samples behind it. */
export function formatCalibrationTable(table: CalibrationTable): string {
  const head = ['row (score bins: fitted log-odds)'.padEnd(34), ...table.edges.map((e) => `<${e.toFixed(1)}`.padStart(10))].join('');
  const lines = [`calibration table (${JSON.stringify(table.fitted)})`, head];
  for (const key of Object.keys(table.rows).sort()) {
    const counts = table.counts[key] ?? [];
    lines.push([key.padEnd(34), ...table.rows[key].map((p, i) => `${p.toFixed(2)}(${counts[i] ?? 0})`.padStart(10))].join(''));
  }
  return lines.join('\n');
}

const USAGE =
  'usage: npm run bench:accuracy -- DIR [--split holdout|tune|all] [--half design|check] [--only FOLDER,...] [--no-embedded] [--json] [--verbose]\n' +
  '                                     [--langs auto|eng+deu] [--baseline-langs eng] [--ocr-cache DIR]\n' +
  '                                     [--ocr-engine tesseract|paddle|auto] [--baseline-ocr-engine E]\n' +
  '                                     [--engine-look always|when-needed|off]\n' +
  '                                     [--records FILE] [--table FILE] [--threshold T] [--calibration [--png-dir DIR]]\n' +
  '       npm run bench:accuracy -- --from-records FILE [--split …] [--half …] [--table FILE] [--threshold T] [--calibration]\n' +
  '  --half design|check  with --split tune: one half of tune\'s families (look at design\'s failures, check on the other)\n' +
  '  --records FILE       also write one JSON line per document (raw scores, evidence, right/wrong) for scripts/fit-calibration.ts\n' +
  '  --from-records FILE  measure such records instead of scanning (a refit is re-measured in seconds)\n' +
  '  --engine-look MODE   under auto, when the other engine reads a receipt for its total (default ENGINE_LOOK, else the shipped default)\n' +
  '  --table FILE         calibration table to measure (default data/calibration.json)\n' +
  `  --threshold T        write threshold to measure (default ${DEFAULT_WRITE_THRESHOLD})\n` +
  '  --calibration        write a reliability diagram per field (PNG, into --png-dir, default docs/calibration) and print the table\n';
const VALUED = ['--half', '--langs', '--baseline-langs', '--ocr-engine', '--baseline-ocr-engine', '--engine-look', '--split', '--ocr-cache', '--only', '--records', '--from-records', '--table', '--threshold', '--png-dir', '--now'];

async function main(argv: string[]): Promise<number> {
  const values: Record<string, string> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUED.includes(argv[i])) {
      const value = argv[++i];
      if (!value || value.startsWith('--')) {
        process.stderr.write(`${argv[i - 1]} needs a value\n${USAGE}`);
        return 2;
      }
      values[argv[i - 1]] = value;
    } else if (!argv[i].startsWith('--')) args.push(argv[i]);
  }
  const split = (values['--split'] ?? 'holdout') as Split | 'all';
  if (split !== 'all' && !SPLITS.includes(split)) {
    process.stderr.write(`--split is holdout, tune or all, not "${split}"\n`);
    return 2;
  }
  const half = values['--half'] as TuneHalf | undefined;
  if (half !== undefined && (split !== 'tune' || !TUNE_HALVES.includes(half))) {
    process.stderr.write(`--half is design or check, with --split tune\n`);
    return 2;
  }
  const threshold = values['--threshold'] !== undefined ? Number(values['--threshold']) : DEFAULT_WRITE_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    process.stderr.write('--threshold is a number between 0 and 1\n');
    return 2;
  }
  const asJson = argv.includes('--json');
  const fromRecords = values['--from-records'];
  if (args.length !== (fromRecords ? 0 : 1)) {
    process.stderr.write(USAGE);
    return 2;
  }
  let records: DocRecord[];
  if (fromRecords) {
    records = uniqueDocuments((await readFile(fromRecords, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DocRecord))
      .filter((r) => split === 'all' || r.split === split);
    if (half) {
      const unknown = records.filter((r) => r.family === undefined).length;
      if (unknown) {
        process.stderr.write(`--half: ${unknown} record(s) of ${fromRecords} name no family (records made before families were kept?): rescan them\n`);
        return 2;
      }
      records = records.filter((r) => tuneHalfOf(r.family!) === half);
    }
  } else {
    const scanned = await scanDocuments(path.resolve(args[0]), split, half, values, argv);
    if (typeof scanned === 'number') return scanned;
    records = scanned;
  }
  const table = values['--table'] ? loadCalibrationTable(path.resolve(values['--table'])) : shippedTable();
  const report = evaluate(records, table, threshold);
  const label = `${split}${half ? ` (${half} half)` : ''}, ${records.length} documents`;
  if (!asJson) process.stdout.write(`\n${formatReport(report, label)}\n`);
  if (argv.includes('--calibration')) {
    const pngDir = values['--png-dir'] ?? 'docs/calibration';
    await mkdir(pngDir, { recursive: true });
    const { reliabilityPng } = await import('./reliability.js');
    for (const [name, stats] of Object.entries(report.fields) as [FieldName, FieldStats][]) {
      await writeFile(path.join(pngDir, `${name}.png`), await reliabilityPng(name, stats, threshold, label));
    }
    process.stdout.write(`\n${formatCalibrationTable(table)}\nreliability diagrams: ${pngDir}/<field>.png\n`);
  }
  return 0;
}

/** DOC_TIMEOUT_SECONDS, as the CLI reads it: on a loaded machine the default 120 s per document times documents out. */
/** DOC_TIMEOUT_SECONDS lifts the per-page OCR bound with the document's: warming an OCR cache on a loaded machine
 * (a new engine's first run) must not lose big pages to the 120 s page bound. */
function benchLimits(): { docTimeoutMs: number; ocrTimeoutMs: number } | undefined {
  const seconds = Number(process.env.DOC_TIMEOUT_SECONDS);
  return seconds > 0 ? { docTimeoutMs: seconds * 1000, ocrTimeoutMs: seconds * 1000 } : undefined;
}

/** Scans the split's documents, prints the accuracy table, and returns one record per document of the first OCR
 * setting (or an exit code). */
async function scanDocuments(dir: string, split: Split | 'all', half: TuneHalf | undefined, values: Record<string, string>, argv: string[]): Promise<DocRecord[] | number> {
  const noEmbedded = argv.includes('--no-embedded');
  const asJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  const selected = await selectDocuments(dir, split, half);
  const only = values['--only']?.split(',');
  const docs = only ? selected.docs.filter((d) => only.includes(d.rel.split(path.sep)[0])) : selected.docs;
  const total = selected.total;
  if (docs.length === 0) {
    process.stderr.write(`no documents with a .truth.json beside them in split ${split} under ${dir} (${total} in all)\n`);
    return 2;
  }
  const { createScanner } = await import('../src/pipeline/scan.js');
  // With --baseline-langs, every document is also scanned with those OCR languages, alternating which goes first,
  // so that the two settings are timed side by side under the same load.
  // --ocr-engine (default: OCR_ENGINE, as the worker reads it); --baseline-ocr-engine compares engines the same way
  const { parseOcrEngine } = await import('../src/pipeline/ocr/engines.js');
  const engine = parseOcrEngine(values['--ocr-engine'] ?? process.env.OCR_ENGINE);
  // --engine-look (default: ENGINE_LOOK, as the worker reads it)
  const { parseEngineLook } = await import('../src/pipeline/extract/engine-look.js');
  const engineLook = parseEngineLook(values['--engine-look'] ?? process.env.ENGINE_LOOK, '--engine-look');
  const settings = [{ label: values['--langs'] ?? values['--ocr-engine'] ?? 'default', langs: values['--langs'], engine }];
  if (values['--baseline-langs']) settings.push({ label: `baseline ${values['--baseline-langs']}`, langs: values['--baseline-langs'], engine });
  if (values['--baseline-ocr-engine']) {
    settings.push({ label: `baseline ${values['--baseline-ocr-engine']}`, langs: values['--langs'], engine: parseOcrEngine(values['--baseline-ocr-engine']) });
  }
  const runs = await Promise.all(
    settings.map(async (s) => ({
      ...s, scores: [] as DocScore[],
      scanner: await createScanner({ noEmbedded, langs: s.langs, ocrEngine: s.engine, engineLook, ocrCacheDir: values['--ocr-cache'], limits: benchLimits(), now: judgingDay(values['--now']) }),
    })),
  );
  const records: DocRecord[] = [];
  if (values['--records']) await writeFile(values['--records'], '');
  try {
    for (const [i, { file, rel, truth, entry }] of docs.entries()) {
      const folder = path.dirname(rel) === '.' ? path.basename(dir) : path.dirname(rel).split(path.sep).join('/'); // qr/photos apart from qr
      for (const run of i % 2 ? [...runs].reverse() : runs) {
        const t0 = performance.now();
        const result: ScanResult = await run.scanner.scanFile(file);
        const score = scoreDocument(rel, folder, result.fields, truth, noEmbedded ? (entry?.text_layer_lacks ?? []) : [], result.error ? null : result.language, result.payment_codes);
        score.seconds = (performance.now() - t0) / 1000;
        if (result.error) score.error = `${result.error.code}: ${result.error.message}`;
        run.scores.push(score);
        if (run === runs[0]) {
          const family = entry?.family ?? (truth as { family?: string }).family;
          const record = { ...recordOf(rel, folder, family ? splitOf(family) : null, result, truth, noEmbedded ? (entry?.text_layer_lacks ?? []) : []), ...(family ? { family } : {}) };
          records.push(record);
          // written as it goes: an interrupted run still leaves what it measured
          if (values['--records']) await appendFile(values['--records'], `${JSON.stringify(record)}\n`);
        }
        if (verbose && !asJson) {
          if (score.error) process.stderr.write(`${run.label}\t${rel}\terror\t${score.error}\n`);
          const misses = Object.entries(score.results).filter(([, r]) => !r.ok);
          for (const [name, r] of misses) process.stderr.write(`${run.label}\t${rel}\t${name}\tgot ${JSON.stringify(r.got)}\twant ${JSON.stringify(r.want)}\n`);
        }
      }
    }
  } finally {
    await Promise.all(runs.map((r) => r.scanner.close()));
  }
  const summaries = runs.map((r) => ({ label: r.label, summary: summarize(r.scores, r.scores.reduce((sum, d) => sum + (d.seconds ?? 0), 0)), documents: r.scores }));
  if (asJson) process.stdout.write(`${JSON.stringify({ split, runs: summaries }, null, 1)}\n`);
  else {
    const out = [`split ${split}: ${docs.length} of ${total} documents`];
    for (const { label, summary } of summaries) out.push(`-- OCR languages: ${label}`, formatTable(summary));
    if (summaries.length === 2) out.push(formatTimeRatio(summaries[0].summary, summaries[1].summary));
    const qr = qrSummary(runs[0].scores);
    if (qr) out.push(qr);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return records;
}

/** Seconds per document of `run` over those of `baseline`, per folder and overall. */
export function formatTimeRatio(run: Summary, baseline: Summary): string {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');
  const lines = ['time per document vs baseline:'];
  for (const [folder, f] of Object.entries(run.folders).sort()) {
    const b = baseline.folders[folder];
    if (b) lines.push(`  ${folder.padEnd(18)} ${(f.seconds / f.docs).toFixed(2)} s vs ${(b.seconds / b.docs).toFixed(2)} s = ${ratio(f.seconds, b.seconds)}`);
  }
  lines.push(`  ${'ALL'.padEnd(18)} ${(run.seconds / run.docs).toFixed(2)} s vs ${(baseline.seconds / baseline.docs).toFixed(2)} s = ${ratio(run.seconds, baseline.seconds)}`);
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
