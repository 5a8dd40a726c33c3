// How images are prepared for OCR, compared side by side (tuning only): every document is scanned once per setting,
// the settings in turn (rotating which goes first), each with its own one-worker scanner and without the OCR cache,
// so accuracy and CPU time per document are measured under the same load.
//   node --import tsx bench/ocr-prep.ts DIR [DIR...] [--split tune] [--every N[,N per DIR]] [--offset K] [--settings base,th20,...] [--verbose]
//   [--ocr-cache DIR] (for settings named NAME:cached)
// Prints per setting: total / date / vendor accuracy, median and mean CPU seconds per document (the whole process:
// the OCR worker threads included) and the median of each document's CPU time over the first setting's.
import path from 'node:path';
import type { ScanResult } from '../src/contract.js';
import { SHIPPED_PREP, type OcrPrep } from '../src/pipeline/image.js';
import { fieldMatches, selectDocuments } from './accuracy.js';
import type { Split } from './corpus.js';

interface Setting {
  prep: OcrPrep;
  params?: Record<string, string>;
}

const NO_INVERT = { tessedit_do_invert: '0' };
export const SETTINGS: Record<string, Setting> = {
  base: { prep: SHIPPED_PREP },
  th20: { prep: { ...SHIPPED_PREP, textHeight: 20 } },
  th28: { prep: { ...SHIPPED_PREP, textHeight: 28 } },
  th24: { prep: { ...SHIPPED_PREP, textHeight: 24 } },
  th24noinv: { prep: { ...SHIPPED_PREP, textHeight: 24 }, params: NO_INVERT },
  noinv: { prep: SHIPPED_PREP, params: NO_INVERT },
  th20noinv: { prep: { ...SHIPPED_PREP, textHeight: 20 }, params: NO_INVERT },
  th28noinv: { prep: { ...SHIPPED_PREP, textHeight: 28 }, params: NO_INVERT },
  th20norm: { prep: { ...SHIPPED_PREP, textHeight: 20, normalise: true } },
  norm: { prep: { ...SHIPPED_PREP, normalise: true } },
  // Tesseract's own binarisation: 0 global Otsu (its default), 1 Leptonica's tiled (adaptive) Otsu, 2 Sauvola
  lotsu: { prep: SHIPPED_PREP, params: { thresholding_method: '1' } },
  sauvola: { prep: SHIPPED_PREP, params: { thresholding_method: '2' } },
};
const FIELDS = ['amount_total', 'date', 'vendor_name'] as const;

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function main(argv: string[]) {
  const dirs = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const split = (option(argv, '--split') ?? 'tune') as Split;
  const everyOf = (option(argv, '--every') ?? '1').split(',').map(Number); // per DIR, the last for the rest
  const names = (option(argv, '--settings') ?? 'base,th20').split(',');
  const verbose = argv.includes('--verbose');
  const offset = Number(option(argv, '--offset') ?? 0); // another subset of the same size: every Nth from the Kth
  const docs = [];
  for (const [k, dir] of dirs.entries()) {
    const every = everyOf[Math.min(k, everyOf.length - 1)];
    const { docs: all } = await selectDocuments(path.resolve(dir), split);
    const receipts = all.filter((d) => d.truth.doc_type === 'receipt' || /sroie|receipt/.test(d.rel));
    docs.push(...receipts.filter((_, i) => i % every === offset % every));
  }
  const { createScanner } = await import('../src/pipeline/scan.js');
  const runs = await Promise.all(
    names.map(async (name) => {
      // "NAME:cached" reads through --ocr-cache DIR: its accuracy is the same, its time is not measured
      const [key, cached] = name.split(':');
      const s = SETTINGS[key];
      if (!s) throw new Error(`unknown setting ${name}`);
      const ocrCacheDir = cached ? option(argv, '--ocr-cache') : undefined;
      const scanner = await createScanner({ ocrWorkers: 1, concurrency: 1, ocrPrep: s.prep, ocrParams: s.params, ocrCacheDir, limits: { docTimeoutMs: 600_000 } });
      await scanner.whenReady();
      return { name, scanner, ok: Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<string, number>, n: Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<string, number>, cpu: [] as number[], wall: [] as number[] };
    }),
  );
  try {
    for (const [i, d] of docs.entries()) {
      const order = runs.map((_, k) => runs[(k + i) % runs.length]);
      const line: string[] = [];
      for (const run of order) {
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const result: ScanResult = await run.scanner.scanFile(d.file);
        const cpu = process.cpuUsage(cpu0);
        run.cpu.push((cpu.user + cpu.system) / 1e6);
        run.wall.push((performance.now() - t0) / 1000);
        for (const f of FIELDS) {
          const want = d.truth[f];
          if (want === null || want === undefined) continue;
          run.n[f]++;
          const ok = fieldMatches(f, result.fields?.[f]?.value ?? null, want);
          if (ok) run.ok[f]++;
          else if (verbose) line.push(`${run.name} ${f} got ${JSON.stringify(result.fields?.[f]?.value ?? null)} want ${JSON.stringify(want)}`);
        }
      }
      process.stderr.write(`${i + 1}/${docs.length} ${d.rel} ${runs.map((r) => `${r.name} ${r.cpu.at(-1)!.toFixed(1)}s`).join(' ')}\n`);
      for (const l of line) process.stderr.write(`  ${l}\n`);
    }
  } finally {
    await Promise.all(runs.map((r) => r.scanner.close()));
  }
  const base = runs[0];
  const out = [`${docs.length} receipts (${split}, every ${everyOf.join('/')}th of ${dirs.join(', ')}); CPU s/doc without the OCR cache`, 'setting      total   date vendor  cpu med  cpu mean  wall med  cpu/base med'];
  for (const run of runs) {
    const pct = (f: string) => `${((100 * run.ok[f]) / Math.max(1, run.n[f])).toFixed(1).padStart(5)}%`;
    const ratios = run.cpu.map((c, k) => c / base.cpu[k]);
    const mean = run.cpu.reduce((a, b) => a + b, 0) / run.cpu.length;
    out.push(`${run.name.padEnd(12)} ${pct('amount_total')} ${pct('date')} ${pct('vendor_name')}  ${median(run.cpu).toFixed(2).padStart(7)}  ${mean.toFixed(2).padStart(8)}  ${median(run.wall).toFixed(2).padStart(8)}  ${median(ratios).toFixed(2).padStart(12)}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`ocr-prep failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
