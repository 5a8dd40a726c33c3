// npm run -s bench:language-cost -- DIR [--split holdout|tune] [--only FOLDER,…] [--baseline-langs eng]
// What `--lang auto` costs against a fixed language, side by side in one process: every scanned image of the split is
// scanned by an `auto` scanner and by a baseline scanner (alternating which goes first), one OCR worker each, and
// both the wall time and the process CPU time (tesseract.js threads included) of each scan are taken. CPU time is
// what a loaded machine distorts least (the wall clock of a shared 2-core box swings 0.6–1.9× on identical work);
// printed as per-document ratios, median per folder and overall. The auto scanner sees the documents in corpus order,
// so its first guess for each is the previous document's language, as in a run of mixed uploads.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createScanner, type Scanner } from '../src/pipeline/scan.js';
import { loadCorpusIndex } from './corpus.js';
import { median } from './proc.js';

const IMAGE = /\.(jpe?g|png|webp|tiff?|bmp)$/i;

async function listImages(dir: string, only: string[] | null, split: string): Promise<string[]> {
  const index = await loadCorpusIndex(dir);
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(rel, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (IMAGE.test(entry.name) && index.get(path.normalize(file))?.split === split && (!only || only.includes(file.split(path.sep)[0]))) out.push(file);
    }
  };
  await walk('');
  return out;
}

async function timed(scanner: Scanner, file: string): Promise<{ wall: number; cpu: number; language: string | null | undefined }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await scanner.scanFile(file);
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, language: result.language };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!dir) throw new Error('usage: bench:language-cost -- DIR [--split holdout|tune] [--only FOLDER,…] [--baseline-langs eng]');
  const files = await listImages(dir, value('--only')?.split(',') ?? null, value('--split') ?? 'holdout');
  const baselineLangs = value('--baseline-langs') ?? 'eng';
  const limits = { docTimeoutMs: 900_000 }; // a timing, not a time-out test: a loaded machine takes minutes on a page
  const auto = await createScanner({ langs: 'auto', ocrWorkers: 1, concurrency: 1, limits });
  const fixed = await createScanner({ langs: baselineLangs, ocrWorkers: 1, concurrency: 1, limits });
  await Promise.all([auto.whenReady(), fixed.whenReady()]);
  const rows: { folder: string; cpu: number; wall: number }[] = [];
  for (const [i, rel] of files.entries()) {
    const file = path.join(dir, rel);
    const order = i % 2 === 0 ? [auto, fixed] : [fixed, auto];
    const [first, second] = [await timed(order[0], file), await timed(order[1], file)];
    const [a, b] = order[0] === auto ? [first, second] : [second, first];
    rows.push({ folder: rel.split(path.sep)[0], cpu: a.cpu / b.cpu, wall: a.wall / b.wall });
    console.log(`${rel.padEnd(58)} ${a.language ?? '-'}  cpu ${a.cpu.toFixed(1)} s vs ${b.cpu.toFixed(1)} s = ${(a.cpu / b.cpu).toFixed(2)}x  wall ${(a.wall / b.wall).toFixed(2)}x`);
  }
  console.log(`\nauto vs ${baselineLangs}, median of per-document ratios:`);
  for (const folder of [...new Set(rows.map((r) => r.folder)), 'ALL']) {
    const mine = rows.filter((r) => folder === 'ALL' || r.folder === folder);
    console.log(`  ${folder.padEnd(16)} ${String(mine.length).padStart(3)} docs  cpu ${median(mine.map((r) => r.cpu)).toFixed(2)}x  wall ${median(mine.map((r) => r.wall)).toFixed(2)}x`);
  }
  await Promise.all([auto.close(), fixed.close()]);
}

await main();
