// npm run -s bench:pipeline-time -- [--base COMMIT] [--n 6] [--folders sroie,receipts2,…] [--split holdout]
// #13's time bound — "time per document at most 1.3 × today's, measured side by side in one run": the whole
// pipeline of this tree against the pipeline of an older commit (default BASE_COMMIT, the code the issue measured),
// on the same documents, in one run. The base commit is unpacked (git archive) into a temporary directory that
// borrows this tree's node_modules. Each tree runs in a process of its own (`--runner TREE`: one Scanner with its
// own defaults, one OCR worker, documents read from stdin one at a time), started and warmed up once, as a worker
// is; the two take turns on each document, the order alternating, so that the load of a shared machine falls on
// both alike. Per document: wall time and CPU time of the runner's process tree (OCR threads, onnxruntime, PDF
// reader processes included), from /proc. Per folder and overall: median seconds of each, median of the
// per-document ratios, ratio of the summed CPU. Real OCR, no cache. Progress on stderr, figures on stdout.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fromRoot } from '../src/paths.js';
import { selectDocuments } from './accuracy.js';
import { median, spread, treeCpuSeconds } from './proc.js';

/** The code #13 measured "today" against (2026-12-04): main before that day's first merges. */
export const BASE_COMMIT = '997176c';
const DEFAULT_FOLDERS = ['sroie', 'receipts2', 'invoices2-scan', 'invoices2-text', 'facturx'];

const args = process.argv.slice(2);
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);

/** Runner: scans the files named on stdin with TREE's own pipeline and defaults, a line of JSON per file. */
async function runner(tree: string): Promise<void> {
  const scan = (await import(path.join(tree, 'src', 'pipeline', 'scan.ts'))) as typeof import('../src/pipeline/scan.js');
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

function startRunner(tree: string): Runner {
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('bench', 'pipeline-time.ts'), '--runner', tree], { cwd: tree, stdio: 'pipe' });
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
  const n = Number(value('--n') ?? 6);
  const folders = value('--folders')?.split(',') ?? DEFAULT_FOLDERS;
  const split = (value('--split') ?? 'holdout') as 'holdout' | 'tune';
  const fixtures = path.resolve(value('--fixtures') ?? fromRoot('fixtures', 'documents'));
  const { docs } = await selectDocuments(fixtures, split);
  const chosen = folders.flatMap((folder) => spread(docs.filter((d) => d.rel.split(path.sep)[0] === folder), n));
  const baseTree = unpackBase(commit);
  console.log(`pipeline time: this tree vs ${commit} (unpacked in ${baseTree}), ${chosen.length} ${split} documents of ${folders.join(', ')}, real OCR, one OCR worker each, turns alternating`);
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`load average before: ${load()} (${os.cpus().length} cores)`);
  const now = startRunner(fromRoot());
  const base = startRunner(baseTree);
  const rows: { folder: string; now: Awaited<ReturnType<typeof timed>>; base: Awaited<ReturnType<typeof timed>> }[] = [];
  try {
    await Promise.all([now.next(), base.next()]);
    // one warm-up document each, not counted (first-use costs: model sessions, pdfjs)
    if (chosen[0]) for (const r of [now, base]) await timed(r, chosen[0].file);
    for (const [i, doc] of chosen.entries()) {
      process.stderr.write(`[${i + 1}/${chosen.length}] ${doc.rel}\n`);
      const order = i % 2 === 0 ? [now, base] : [base, now];
      const first = await timed(order[0], doc.file);
      const second = await timed(order[1], doc.file);
      const [a, b] = order[0] === now ? [first, second] : [second, first];
      rows.push({ folder: doc.rel.split(path.sep)[0], now: a, base: b });
      const err = (e: string | null) => (e ? ` (${e})` : '');
      console.log(`${doc.rel.padEnd(60)} now cpu ${a.cpu.toFixed(2)} s${err(a.error)}  base cpu ${b.cpu.toFixed(2)} s${err(b.error)}  = ${(a.cpu / b.cpu).toFixed(2)}x  wall ${(a.wall / b.wall).toFixed(2)}x`);
    }
  } finally {
    for (const r of [now, base]) r.child.stdin.end();
  }
  console.log('\nper folder: median seconds per document (now / base), median of per-document ratios, ratio of summed CPU:');
  for (const folder of [...folders, 'ALL']) {
    const mine = rows.filter((r) => folder === 'ALL' || r.folder === folder);
    if (!mine.length) continue;
    const m = (k: 'cpu' | 'wall', side: 'now' | 'base') => median(mine.map((r) => r[side][k])).toFixed(2);
    const ratio = (k: 'cpu' | 'wall') => median(mine.map((r) => r.now[k] / r.base[k])).toFixed(2);
    const summed = mine.reduce((t, r) => t + r.now.cpu, 0) / mine.reduce((t, r) => t + r.base.cpu, 0);
    console.log(
      `  ${folder.padEnd(15)} ${String(mine.length).padStart(2)} docs  cpu ${m('cpu', 'now')} / ${m('cpu', 'base')} s = ${ratio('cpu')}x (summed ${summed.toFixed(2)}x)  wall ${m('wall', 'now')} / ${m('wall', 'base')} s = ${ratio('wall')}x`,
    );
  }
  console.log(`load average after: ${load()}`);
}

const runnerTree = value('--runner');
(runnerTree ? runner(runnerTree) : main()).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
