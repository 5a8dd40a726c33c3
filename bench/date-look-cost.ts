// What the second reading of the date's lines (src/pipeline/extract/date-look.ts) costs per receipt, side by side:
// each receipt is read and extracted twice, with and without it (alternating which goes first), without any OCR
// cache. Wall time and the process's CPU time (Tesseract's worker threads included: steadier than wall time on a
// shared machine) are printed per document, with the ratio, and how many receipts it read lines of.
//   node --import tsx bench/date-look-cost.ts FILE...
import { readFile } from 'node:fs/promises';
import { extractFields } from '../src/pipeline/extract/index.js';
import { resolveLimits } from '../src/pipeline/limits.js';
import { OcrPool } from '../src/pipeline/ocr/pool.js';
import { parseLangs } from '../src/pipeline/ocr/tessdata.js';
import { readDocument } from '../src/pipeline/read.js';

const files = process.argv.slice(2);
const pool = new OcrPool({ langs: parseLangs('eng') });
const limits = resolveLimits({});

async function once(data: Buffer, file: string, dateLook: boolean) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const doc = await readDocument(data, file, { pool, limits });
  const { dateReread, dateRereadValue } = await extractFields(doc, { dateLook });
  const used = process.cpuUsage(cpu);
  return { wallS: (performance.now() - wall) / 1000, cpuS: (used.user + used.system) / 1e6, looked: dateReread !== null || dateRereadValue !== null };
}

const sum = { off: { wallS: 0, cpuS: 0 }, on: { wallS: 0, cpuS: 0 } };
let looked = 0;
try {
  await pool.ready();
  for (const [i, file] of files.entries()) {
    const data = await readFile(file);
    const order = i % 2 === 0 ? [false, true] : [true, false];
    const got: Record<string, { wallS: number; cpuS: number; looked: boolean }> = {};
    for (const on of order) got[on ? 'on' : 'off'] = await once(data, file, on);
    for (const k of ['off', 'on'] as const) {
      sum[k].wallS += got[k].wallS;
      sum[k].cpuS += got[k].cpuS;
    }
    if (got.on.looked) looked++;
    console.log(`${file}\twithout ${got.off.wallS.toFixed(2)} s wall ${got.off.cpuS.toFixed(2)} s cpu\twith ${got.on.wallS.toFixed(2)} s wall ${got.on.cpuS.toFixed(2)} s cpu${got.on.looked ? '\t(date look)' : ''}`);
  }
  console.log(`total over ${files.length} (${looked} date looks): wall ${sum.off.wallS.toFixed(1)} → ${sum.on.wallS.toFixed(1)} s (${(sum.on.wallS / sum.off.wallS).toFixed(2)}×), cpu ${sum.off.cpuS.toFixed(1)} → ${sum.on.cpuS.toFixed(1)} s (${(sum.on.cpuS / sum.off.cpuS).toFixed(2)}×)`);
} finally {
  await pool.close();
}
