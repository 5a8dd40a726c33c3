// Accuracy harness: runs the real scan pipeline on every document in DIR (recursively) that has an
// `X.truth.json` beside it, and prints per-folder, per-field accuracy and throughput.
//   npm run bench:accuracy -- DIR [--no-embedded] [--json] [--verbose] [--langs eng+deu+fra+ita+spa]
// Only fields whose truth is non-null count. With --no-embedded, fields a manifest.json entry lists under
// `text_layer_lacks` are skipped (the visible page does not print them).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIELD_NAMES, type ExtractedFields, type FieldName, type ScanResult } from '../src/contract.js';

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

export async function loadManifest(dir: string): Promise<Map<string, string[]>> {
  const lacks = new Map<string, string[]>();
  try {
    const entries = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as { file: string; text_layer_lacks?: string[] }[];
    for (const e of entries) if (e.text_layer_lacks?.length) lacks.set(path.normalize(e.file), e.text_layer_lacks);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`manifest.json in ${dir} is unreadable: ${(err as Error).message}`);
  }
  return lacks;
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

async function main(argv: string[]): Promise<number> {
  const langsAt = argv.indexOf('--langs');
  const langs = langsAt >= 0 ? argv[langsAt + 1] : undefined;
  if (langsAt >= 0 && (!langs || langs.startsWith('--'))) {
    process.stderr.write('--langs needs a value, e.g. --langs eng+deu\n');
    return 2;
  }
  const args = argv.filter((a, i) => !a.startsWith('--') && !(langsAt >= 0 && i === langsAt + 1));
  const noEmbedded = argv.includes('--no-embedded');
  const asJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  if (args.length !== 1) {
    process.stderr.write('usage: npm run bench:accuracy -- DIR [--no-embedded] [--json] [--verbose] [--langs eng+deu]\n');
    return 2;
  }
  const dir = path.resolve(args[0]);
  const files = await findTruthDocs(dir);
  if (files.length === 0) {
    process.stderr.write(`no documents with a .truth.json beside them under ${dir}\n`);
    return 2;
  }
  const lacks = noEmbedded ? await loadManifest(dir) : new Map<string, string[]>();
  const { createScanner } = await import('../src/pipeline/scan.js');
  const scanner = await createScanner({ noEmbedded, langs });
  const scores: DocScore[] = [];
  const started = performance.now();
  try {
    for (const file of files) {
      const rel = path.relative(dir, file);
      const folder = path.dirname(rel) === '.' ? '.' : path.dirname(rel).split(path.sep)[0];
      const truth = JSON.parse(await readFile(`${file}.truth.json`, 'utf8')) as Truth;
      const result: ScanResult = await scanner.scanFile(file);
      const score = scoreDocument(rel, folder, result.fields, truth, lacks.get(path.normalize(rel)) ?? []);
      if (result.error) score.error = `${result.error.code}: ${result.error.message}`;
      scores.push(score);
      if (verbose && !asJson) {
        const misses = Object.entries(score.results).filter(([, r]) => !r.ok);
        for (const [name, r] of misses) process.stderr.write(`${rel}\t${name}\tgot ${JSON.stringify(r.got)}\twant ${JSON.stringify(r.want)}\n`);
      }
    }
  } finally {
    await scanner.close();
  }
  const summary = summarize(scores, (performance.now() - started) / 1000);
  if (asJson) process.stdout.write(`${JSON.stringify({ summary, documents: scores }, null, 1)}\n`);
  else process.stdout.write(`${formatTable(summary)}\n`);
  return 0;
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
