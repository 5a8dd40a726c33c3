// npm run -s bench:pipeline-time -- [--base COMMIT] [--also COMMIT] [--sample tune] [--compiled] [--n 6] [--folders sroie,receipts2,…] [--split holdout] [--fixtures DIR] [--help]
// #13's time bound — "time per document at most 1.3 × today's, measured side by side in one run": the whole
// pipeline of this tree against the pipeline of an older commit (default BASE_COMMIT, the code the issue measured),
// on the same documents, in one run. The base commit is unpacked (git archive) into a temporary directory that
// borrows this tree's node_modules. Each tree runs in a process of its own (`--runner TREE`: one Scanner with its
// own defaults, one OCR worker, documents read from stdin one at a time), started and warmed up once, as a worker
// is; the two take turns on each document, the order alternating, so that the load of a shared machine falls on
// both alike. Per document: wall time and CPU time of the runner's process tree (OCR threads, onnxruntime, PDF
// reader processes included), from /proc. Per folder and overall: median seconds of each, median of the
// per-document ratios, ratio of the summed CPU. Real OCR, no cache. Progress on stderr, figures on stdout.
// `--also COMMIT`: a third tree (e.g. the main a branch started from) takes its turns too, the order rotating, and is
// measured against the base alike: a change's before and after ratios come from one run, under one load.
// `--compiled`: each tree is built first (`tsc -p tsconfig.build.json`, into its dist/) and its runner reads with the
// compiled code, as the worker is deployed (the Docker image, the systemd unit). Through tsx, every PDF reader process a
// tree starts transforms pdfjs again (≈2.5 s of CPU, against ≈0.3 s compiled): a reader replaced after a large document
// (its memory, pdf-readers.ts RECYCLE_ABOVE) charged that to the next text-layer bill (one tune bill 2.8 s under tsx
// against 0.1–0.2 s), while 997176c parsed PDFs in its own, warmed-up process.
// `--sample tune`: the fixed tune sample of the twenty-third session (`--split tune --n 5` over TUNE_SAMPLE_FOLDERS:
// 20 receipts — SROIE, European and American till slips, 2 of them text-layer PDFs —, 13 scans, 10 text-layer bills).
// The last lines (`#13:`) are the figures the README quotes: the median of the per-document CPU ratios (CPU of each
// process tree: steadier than wall time on a shared machine), the summed CPU ratio, and the median seconds per
// document of each tree, CPU and wall.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromRoot } from '../src/paths.js';
import { selectDocuments } from './accuracy.js';
import { median, spread, treeCpuSeconds } from './proc.js';

/** The code #13 measured "today" against (2026-12-04): main before that day's first merges. */
export const BASE_COMMIT = '997176c';
const DEFAULT_FOLDERS = ['sroie', 'receipts2', 'invoices2-scan', 'invoices2-text', 'facturx'];
/** `--sample tune`: receipt photos, scans and text-layer bills of the tune split, 5 of each folder (43 documents). */
export const TUNE_SAMPLE_FOLDERS = ['sroie', 'receipts2', 'receipts4', 'receipts7', 'invoices2-scan', 'invoices3-scan', 'invoices7-scan', 'invoices2-text', 'invoices3-text'];

/** The flags this bench takes, with a value or alone. A flag it does not know (`--help` before it was one, a typo) is
 * refused: the bench would otherwise ignore it and run its default sample, minutes of real OCR on the holdout split. */
const VALUE_FLAGS = ['--base', '--also', '--sample', '--n', '--folders', '--split', '--fixtures', '--runner'] as const;
const SWITCHES = ['--compiled', '--help'] as const;

/** `argv`'s flags, checked: an unknown flag, or a value flag without its value, throws (its message says which). */
export function benchArgs(argv: readonly string[]): { value: (flag: (typeof VALUE_FLAGS)[number]) => string | undefined; has: (flag: (typeof SWITCHES)[number]) => boolean } {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if ((SWITCHES as readonly string[]).includes(flag)) switches.add(flag);
    else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      values.set(flag, v);
      i++;
    } else throw new Error(`unknown argument "${flag}" (--help lists the flags)`);
  }
  return { value: (flag) => values.get(flag), has: (flag) => switches.has(flag) };
}

/** The usage: this file's head comment, as written. */
export function usage(): string {
  const head = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  return head.slice(0, head.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
const parsed = (() => {
  try {
    return benchArgs(isMain ? process.argv.slice(2) : []);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();
const value = parsed.value;
const args = { includes: (flag: (typeof SWITCHES)[number]) => parsed.has(flag) };

/** Runner: scans the files named on stdin with TREE's own pipeline and defaults, a line of JSON per file. */
async function runner(tree: string): Promise<void> {
  const entry = args.includes('--compiled') ? path.join(tree, 'dist', 'src', 'pipeline', 'scan.js') : path.join(tree, 'src', 'pipeline', 'scan.ts');
  const scan = (await import(entry)) as typeof import('../src/pipeline/scan.js');
  // a timing, not a time-out test: a loaded machine takes minutes on a page
  const scanner = await scan.createScanner({ ocrWorkers: 1, limits: { docTimeoutMs: 900_000 } });
  await scanner.whenReady();
  process.stdout.write('{"ready":true}\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const t0 = performance.now();
    const result = await scanner.scanFile(line);
    process.stdout.write(`${JSON.stringify({ wall: (performance.now() - t0) / 1000, error: result.error?.code ?? null })}\n`);
  }
  await scanner.close();
}

interface Runner {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<{ wall: number; error: string | null; ready?: boolean }>;
}

function startRunner(tree: string, compiled: boolean): Runner {
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('bench', 'pipeline-time.ts'), '--runner', tree, ...(compiled ? ['--compiled'] : [])], { cwd: tree, stdio: 'pipe' });
  child.stderr.on('data', () => {}); // a runner's log lines are not the figures
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    async next() {
      const { value: line, done } = await lines.next();
      if (done) throw new Error(`the runner of ${tree} stopped (exit ${child.exitCode})`);
      return JSON.parse(line);
    },
  };
}

async function timed(r: Runner, file: string): Promise<{ wall: number; cpu: number; error: string | null }> {
  const cpu0 = treeCpuSeconds(r.child.pid!);
  r.child.stdin.write(`${file}\n`);
  const got = await r.next();
  return { wall: got.wall, cpu: treeCpuSeconds(r.child.pid!) - cpu0, error: got.error };
}

/** `--compiled`: the tree built into its dist/ (type errors of an older tree against today's node_modules still emit). */
function build(tree: string): void {
  // a dist/ left from an earlier build would be timed as this tree's if the build failed: start from none
  rmSync(path.join(tree, 'dist'), { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [fromRoot('node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(tree, 'tsconfig.build.json')], { cwd: tree, stdio: 'ignore' });
  } catch {
    /* reported below if nothing was emitted */
  }
  if (!existsSync(path.join(tree, 'dist', 'src', 'pipeline', 'scan.js'))) throw new Error(`--compiled: ${tree} did not build`);
}

/** The base commit's files in a temporary directory, with this tree's node_modules (no shell: the commit is an argument;
 * a marker written last, so an unpack cut short is done again). */
function unpackBase(commit: string): string {
  const dir = path.join(os.tmpdir(), `odoo-ocr-base-${commit.replace(/[^\w.-]/g, '_')}`);
  const done = path.join(dir, '.unpacked');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tar = path.join(dir, 'base.tar');
    execFileSync('git', ['-C', fromRoot(), 'archive', '-o', tar, commit]);
    execFileSync('tar', ['-xf', tar, '-C', dir]);
    rmSync(tar);
    writeFileSync(done, `${commit}\n`);
  }
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(fromRoot('node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

async function main(): Promise<void> {
  const commit = value('--base') ?? BASE_COMMIT;
  const sample = value('--sample');
  if (sample !== undefined && sample !== 'tune') throw new Error(`--sample: only "tune", not "${sample}"`);
  const n = Number(value('--n') ?? (sample ? 5 : 6));
  const folders = value('--folders')?.split(',') ?? (sample ? TUNE_SAMPLE_FOLDERS : DEFAULT_FOLDERS);
  const split = (value('--split') ?? (sample ? 'tune' : 'holdout')) as 'holdout' | 'tune';
  const fixtures = path.resolve(value('--fixtures') ?? fromRoot('fixtures', 'documents'));
  const { docs } = await selectDocuments(fixtures, split);
  const chosen = folders.flatMap((folder) => spread(docs.filter((d) => d.rel.split(path.sep)[0] === folder), n));
  const also = value('--also');
  const baseTree = unpackBase(commit);
  const alsoTree = also ? unpackBase(also) : null;
  const compiled = args.includes('--compiled');
  if (compiled) for (const tree of [fromRoot(), baseTree, ...(alsoTree ? [alsoTree] : [])]) build(tree);
  console.log(`pipeline time: this tree vs ${commit} (unpacked in ${baseTree})${also ? `, and ${also} vs it too` : ''}, ${chosen.length} ${split} documents of ${folders.join(', ')}, real OCR, one OCR worker each, turns alternating${compiled ? ', compiled code' : ', through tsx'}`);
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
  type Side = 'now' | 'base' | 'also';
  const runners: Partial<Record<Side, Runner>> = { now: startRunner(fromRoot(), compiled), base: startRunner(baseTree, compiled), ...(alsoTree ? { also: startRunner(alsoTree, compiled) } : {}) };
  const sides = Object.keys(runners) as Side[];
  const rows: ({ folder: string } & Partial<Record<Side, Awaited<ReturnType<typeof timed>>>>)[] = [];
  try {
    await Promise.all(sides.map((s) => runners[s]!.next()));
    // one warm-up document each, not counted (first-use costs: model sessions, pdfjs)
    if (chosen[0]) for (const s of sides) await timed(runners[s]!, chosen[0].file);
    for (const [i, doc] of chosen.entries()) {
      process.stderr.write(`[${i + 1}/${chosen.length}] ${doc.rel}\n`);
      // the order rotates, so that each tree goes first as often as the others
      const order = sides.map((_, k) => sides[(i + k) % sides.length]);
      const row: (typeof rows)[number] = { folder: doc.rel.split(path.sep)[0] };
      for (const s of order) row[s] = await timed(runners[s]!, doc.file);
      rows.push(row);
      const err = (e: string | null) => (e ? ` (${e})` : '');
      const [a, b] = [row.now!, row.base!];
      const c = row.also ? `  also cpu ${row.also.cpu.toFixed(2)} s${err(row.also.error)} = ${(row.also.cpu / b.cpu).toFixed(2)}x` : '';
      console.log(`${doc.rel.padEnd(60)} now cpu ${a.cpu.toFixed(2)} s${err(a.error)}  base cpu ${b.cpu.toFixed(2)} s${err(b.error)}  = ${(a.cpu / b.cpu).toFixed(2)}x  wall ${(a.wall / b.wall).toFixed(2)}x${c}`);
    }
  } finally {
    for (const s of sides) runners[s]!.child.stdin.end();
  }
  for (const side of sides.filter((s) => s !== 'base')) {
    console.log(`\nper folder, ${side === 'now' ? 'this tree' : also} against ${commit}: median seconds per document, median of per-document ratios, ratio of summed CPU:`);
    for (const folder of [...folders, 'ALL']) {
      const mine = rows.filter((r) => folder === 'ALL' || r.folder === folder);
      if (!mine.length) continue;
      const m = (k: 'cpu' | 'wall', s: Side) => median(mine.map((r) => r[s]![k])).toFixed(2);
      const ratio = (k: 'cpu' | 'wall') => median(mine.map((r) => r[side]![k] / r.base![k])).toFixed(2);
      const summed = mine.reduce((t, r) => t + r[side]!.cpu, 0) / mine.reduce((t, r) => t + r.base!.cpu, 0);
      console.log(
        `  ${folder.padEnd(15)} ${String(mine.length).padStart(2)} docs  cpu ${m('cpu', side)} / ${m('cpu', 'base')} s = ${ratio('cpu')}x (summed ${summed.toFixed(2)}x)  wall ${m('wall', side)} / ${m('wall', 'base')} s = ${ratio('wall')}x`,
      );
    }
  }
  for (const side of sides.filter((s) => s !== 'base')) {
    const m = (k: 'cpu' | 'wall', s: Side) => median(rows.map((r) => r[s]![k])).toFixed(2);
    const ratio = (k: 'cpu' | 'wall') => median(rows.map((r) => r[side]![k] / r.base![k])).toFixed(2);
    const summed = rows.reduce((t, r) => t + r[side]!.cpu, 0) / rows.reduce((t, r) => t + r.base!.cpu, 0);
    console.log(
      `#13: ${side === 'now' ? 'this tree' : also} against ${commit}, ${rows.length} ${split} documents: median CPU ratio per document ${ratio('cpu')}x (summed ${summed.toFixed(2)}x; bound 1.3x), ` +
        `median CPU ${m('cpu', side)} s against ${m('cpu', 'base')} s, median wall ${m('wall', side)} s against ${m('wall', 'base')} s (ratio ${ratio('wall')}x)`,
    );
  }
  console.log(`load average after: ${load()}`);
}

if (isMain) {
  const runnerTree = value('--runner');
  if (args.includes('--help')) console.log(usage());
  else
    (runnerTree ? runner(runnerTree) : main()).catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
