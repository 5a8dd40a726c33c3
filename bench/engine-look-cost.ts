// What the other engine's look at a receipt's total (src/pipeline/extract/engine-look.ts, ENGINE_LOOK) costs and
// buys, under OCR_ENGINE=auto and --lang auto (the defaults):
// - time: N tune receipts of each corpus (SROIE's tune split, and the fixtures' receipts2 tune split; evenly spread
//   over each, the same ones every run) are scanned with real OCR, no cache, once per ENGINE_LOOK mode, the modes
//   interleaved per document (the order rotating from one document to the next), so that the load of a shared
//   machine (2 cores, several people) falls on every mode alike. One scanner per mode, one OCR worker each, each
//   seeing the documents in the same order (the language chooser's first guess is the previous document's language,
//   as in a run of mixed uploads). Per document: wall time and the process's CPU time (Tesseract's worker threads and
//   onnxruntime's included: the steadier figure on a loaded machine); per mode: the median per document, and the
//   median of the per-document ratios to `off`, and the ratio of the summed CPU times (a look on fewer than half the
//   documents leaves the median ratio at 1). Progress on stderr, figures on stdout.
// - accuracy (--accuracy): every tune receipt of both corpora scanned in each mode from the OCR cache (--ocr-cache,
//   which holds both engines' readings): amount_total right, written (shipped table and threshold) and written wrong,
//   and the engines-* evidence each mode leaves.
//   npm run -s bench:engine-look-cost -- [--n 8] [--modes off,when-needed,always] [--sroie DIR] [--fixtures DIR]
//   npm run -s bench:engine-look-cost -- --accuracy --ocr-cache DIR [--n N] [--modes …] [--sroie DIR] [--fixtures DIR]
import os from 'node:os';
import path from 'node:path';
import type { ScanResult } from '../src/contract.js';
import { type EngineLookMode, parseEngineLook } from '../src/pipeline/extract/engine-look.js';
import { createScanner, type Scanner } from '../src/pipeline/scan.js';
import { type CorpusDoc, fieldMatches, selectDocuments } from './accuracy.js';
import { median, spread } from './proc.js';

const IMAGE = /\.(jpe?g|png|webp|tiff?|bmp)$/i;
const args = process.argv.slice(2);
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const n = Number(value('--n') ?? 8);
const modes: EngineLookMode[] = value('--modes')?.split(',').map((m) => parseEngineLook(m, '--modes')) ?? ['off', 'when-needed', 'always'];
const sroieDir = path.resolve(value('--sroie') ?? '/work/corpus/sroie');
const fixturesDir = path.resolve(value('--fixtures') ?? 'fixtures/documents');
const accuracy = args.includes('--accuracy');
const cacheDir = value('--ocr-cache');
if (accuracy && !cacheDir) throw new Error('--accuracy reads from the OCR cache: give --ocr-cache DIR');

/** The tune receipts: SROIE's tune images and the fixtures' receipts2 tune images. */
async function tuneReceipts(): Promise<{ corpus: string; doc: CorpusDoc }[]> {
  const sroie = (await selectDocuments(sroieDir, 'tune')).docs.filter((d) => IMAGE.test(d.file));
  const receipts2 = (await selectDocuments(fixturesDir, 'tune')).docs.filter((d) => IMAGE.test(d.file) && d.rel.split(path.sep)[0] === 'receipts2');
  return [...sroie.map((doc) => ({ corpus: 'sroie', doc })), ...receipts2.map((doc) => ({ corpus: 'receipts2', doc }))];
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
const lookOf = (r: ScanResult) => r.fields?.amount_total.evidence?.find((e) => e.startsWith('engines-')) ?? null;

async function scanners(cache?: string): Promise<Map<EngineLookMode, Scanner>> {
  // a timing, not a time-out test: a loaded machine takes minutes on a page
  const limits = { docTimeoutMs: 900_000 };
  const out = new Map<EngineLookMode, Scanner>();
  for (const mode of modes) {
    out.set(mode, await createScanner({ langs: 'auto', ocrEngine: 'auto', engineLook: mode, ocrWorkers: 1, concurrency: 1, limits, ...(cache ? { ocrCacheDir: cache } : {}) }));
  }
  await Promise.all([...out.values()].map((s) => s.whenReady()));
  return out;
}

async function timing(): Promise<void> {
  const all = await tuneReceipts();
  const docs = [...spread(all.filter((d) => d.corpus === 'sroie'), n), ...spread(all.filter((d) => d.corpus === 'receipts2'), n)];
  console.log(`engine look cost: ${docs.length} tune receipts, modes ${modes.join(', ')} interleaved per document, real OCR (no cache), one OCR worker per mode`);
  console.log(`load average before: ${load()} (${os.cpus().length} cores; a shared machine: the load falls on every mode alike, CPU time is the steadier figure)`);
  const byMode = await scanners();
  const rows: { corpus: string; got: Map<EngineLookMode, { wall: number; cpu: number; look: string | null }> }[] = [];
  try {
    for (const [i, { corpus, doc }] of docs.entries()) {
      const order = modes.map((_, k) => modes[(k + i) % modes.length]);
      const got = new Map<EngineLookMode, { wall: number; cpu: number; look: string | null }>();
      for (const mode of order) {
        process.stderr.write(`[${i + 1}/${docs.length}] ${doc.rel} ${mode}…\n`);
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const result = await byMode.get(mode)!.scanFile(doc.file);
        const cpu = process.cpuUsage(cpu0);
        if (result.error) process.stderr.write(`  ${result.error.code}\n`);
        got.set(mode, { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, look: lookOf(result) });
      }
      rows.push({ corpus, got });
      console.log(`${doc.rel.padEnd(58)} ${modes.map((m) => `${m} cpu ${got.get(m)!.cpu.toFixed(1)} s wall ${got.get(m)!.wall.toFixed(1)} s${got.get(m)!.look ? ` (${got.get(m)!.look})` : ''}`).join('  ')}`);
    }
  } finally {
    await Promise.all([...byMode.values()].map((s) => s.close()));
  }
  const base = modes.includes('off') ? 'off' : modes[0];
  console.log(`\nmedian per document (s), and median of the per-document ratios to ${base} (CPU also as the ratio of the summed CPU times):`);
  for (const corpus of ['sroie', 'receipts2', 'ALL']) {
    const mine = rows.filter((r) => corpus === 'ALL' || r.corpus === corpus);
    if (!mine.length) continue;
    const cells = modes.map((m) => {
      const cpu = median(mine.map((r) => r.got.get(m)!.cpu));
      const wall = median(mine.map((r) => r.got.get(m)!.wall));
      const ratio = (k: 'cpu' | 'wall') => median(mine.map((r) => r.got.get(m)![k] / r.got.get(base)![k])).toFixed(2);
      // the ratio of the sums: a look on fewer than half the documents leaves the median ratio at 1
      const sum = (mode: EngineLookMode) => mine.reduce((t, r) => t + r.got.get(mode)!.cpu, 0);
      const looked = mine.filter((r) => r.got.get(m)!.look).length;
      return `${m}: cpu ${cpu.toFixed(1)} s (${ratio('cpu')}x; summed ${(sum(m) / sum(base)).toFixed(2)}x) wall ${wall.toFixed(1)} s (${ratio('wall')}x) engines-* on ${looked}`;
    });
    console.log(`  ${corpus.padEnd(10)} ${String(mine.length).padStart(2)} docs  ${cells.join('  |  ')}`);
  }
  console.log(`load average after: ${load()}`);
}

async function accuracyEffect(): Promise<void> {
  // every tune receipt, or with --n that many of each corpus (a quick check)
  const all = await tuneReceipts();
  const docs = args.includes('--n') ? [...spread(all.filter((d) => d.corpus === 'sroie'), n), ...spread(all.filter((d) => d.corpus === 'receipts2'), n)] : all;
  console.log(`engine look accuracy: ${docs.length} tune receipts (SROIE tune, receipts2 tune), OCR from the cache ${cacheDir}`);
  const byMode = await scanners(cacheDir);
  type Tally = { n: number; right: number; written: number; writtenWrong: number; evidence: Record<string, number> };
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => tallies.get(key) ?? tallies.set(key, { n: 0, right: 0, written: 0, writtenWrong: 0, evidence: {} }).get(key)!;
  try {
    for (const [i, { corpus, doc }] of docs.entries()) {
      if (i % 25 === 0) process.stderr.write(`[${i + 1}/${docs.length}]\n`);
      const want = doc.truth.amount_total;
      if (want === null || want === undefined) continue;
      for (const mode of modes) {
        const result = await byMode.get(mode)!.scanFile(doc.file);
        const total = result.fields?.amount_total;
        const right = fieldMatches('amount_total', total?.value ?? null, want);
        const written = !!total && total.value !== null && total.write === true;
        const look = lookOf(result) ?? 'none';
        for (const t of [tally(`${corpus}\t${mode}`), tally(`ALL\t${mode}`)]) {
          t.n++;
          if (right) t.right++;
          if (written) t.written++;
          if (written && !right) t.writtenWrong++;
          t.evidence[look] = (t.evidence[look] ?? 0) + 1;
        }
      }
    }
  } finally {
    await Promise.all([...byMode.values()].map((s) => s.close()));
  }
  console.log('amount_total per mode: right / receipts with a total in the truth; written (shipped table), of them wrong; the engines-* evidence left');
  for (const key of ['sroie', 'receipts2', 'ALL'].flatMap((corpus) => modes.map((mode) => `${corpus}\t${mode}`)).filter((k) => tallies.has(k))) {
    const t = tallies.get(key)!;
    const [corpus, mode] = key.split('\t');
    const ev = Object.entries(t.evidence).sort().map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  ${corpus.padEnd(10)} ${mode.padEnd(12)} right ${t.right}/${t.n}  written ${t.written} (wrong ${t.writtenWrong})  ${ev}`);
  }
}

await (accuracy ? accuracyEffect() : timing());
