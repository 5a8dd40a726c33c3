// What the second reading of the total's lines (src/pipeline/extract/total-look.ts) costs per receipt, side by side:
// each receipt is read and extracted twice, with and without the single-line re-reads (alternating which goes first),
// without any OCR cache. Wall time and the process's CPU time (Tesseract's worker threads included: steadier than
// wall time on a shared machine) are printed per document, with the ratio.
//   node --import tsx bench/total-look-cost.ts FILE...
import { readFile } from 'node:fs/promises';
import type { ReadDocument } from '../src/pipeline/document.js';
import { extractFields } from '../src/pipeline/extract/index.js';
import { resolveLimits } from '../src/pipeline/limits.js';
import { OcrPool } from '../src/pipeline/ocr/pool.js';
import { parseLangs } from '../src/pipeline/ocr/tessdata.js';
import { readDocument } from '../src/pipeline/read.js';

const files = process.argv.slice(2);
const pool = new OcrPool({ langs: parseLangs('eng') });
const limits = resolveLimits({});

async function once(data: Buffer, file: string, lineReads: boolean) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const doc: ReadDocument = await readDocument(data, file, { pool, limits });
  const reread = doc.rereadBand;
  if (reread && !lineReads) doc.rereadBand = (page, y0, y1, scale, opts) => (opts?.line ? Promise.resolve([]) : reread(page, y0, y1, scale, opts));
  await extractFields(doc);
  const used = process.cpuUsage(cpu);
  return { wallS: (performance.now() - wall) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

const sum = { off: { wallS: 0, cpuS: 0 }, on: { wallS: 0, cpuS: 0 } };
try {
  await pool.ready();
  for (const [i, file] of files.entries()) {
    const data = await readFile(file);
    const order = i % 2 === 0 ? [false, true] : [true, false];
    const got: Record<string, { wallS: number; cpuS: number }> = {};
    for (const on of order) got[on ? 'on' : 'off'] = await once(data, file, on);
    for (const k of ['off', 'on'] as const) {
      sum[k].wallS += got[k].wallS;
      sum[k].cpuS += got[k].cpuS;
    }
    console.log(`${file}\twithout ${got.off.wallS.toFixed(2)} s wall ${got.off.cpuS.toFixed(2)} s cpu\twith ${got.on.wallS.toFixed(2)} s wall ${got.on.cpuS.toFixed(2)} s cpu`);
  }
  console.log(`total over ${files.length}: wall ${sum.off.wallS.toFixed(1)} → ${sum.on.wallS.toFixed(1)} s (${(sum.on.wallS / sum.off.wallS).toFixed(2)}×), cpu ${sum.off.cpuS.toFixed(1)} → ${sum.on.cpuS.toFixed(1)} s (${(sum.on.cpuS / sum.off.cpuS).toFixed(2)}×)`);
} finally {
  await pool.close();
}
