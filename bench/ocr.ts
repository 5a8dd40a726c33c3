// npm run bench:ocr [-- --images N | --text-only | --qr-only | --engines | --documents]: document-engine speed on the repo's fixtures, printed as medians.
// --engines: only the two OCR engines side by side (Tesseract and PaddleOCR, one thread each, both loaded, taking
// turns on each receipt so load and warm-up favour neither): wall and CPU seconds per receipt, and their ratio.
// Text-layer PDF ms/page; OCR s/page with 1 worker and with the pool; pool speed-up; peak RSS; and, when the native
// `tesseract` CLI is installed, the same images through it (same model file, one thread) for the ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { prepareForOcr } from '../src/pipeline/image.js';
import { resolveLimits } from '../src/pipeline/limits.js';
import { defaultPoolSize, OcrPool } from '../src/pipeline/ocr/pool.js';
import { traineddataFile } from '../src/pipeline/ocr/tessdata.js';
import { readDocument } from '../src/pipeline/read.js';
import { fromRoot } from '../src/paths.js';

const fixtures = fromRoot('fixtures', 'documents');
const argImages = process.argv.indexOf('--images');
const imageCount = argImages > 0 ? Number(process.argv[argImages + 1]) : 16;
const textOnly = process.argv.includes('--text-only'); // only the text-layer figure (a quick check of the normal path)
const limits = resolveLimits();
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const files = (dir: string, re: RegExp) => readdirSync(path.join(fixtures, dir)).filter((f) => re.test(f)).map((f) => path.join(fixtures, dir, f));

async function textLayer(pool: OcrPool) {
  const pdfs = ['facturx', 'invoice2data', 'oca-pdf'].flatMap((d) => files(d, /\.pdf$/));
  const perPage: number[] = [];
  for (const round of [0, 1]) {
    for (const file of pdfs) {
      const t0 = performance.now();
      const doc = await readDocument(readFileSync(file), file, { pool, limits, embedded: false });
      if (doc.pages.some((p) => p.source === 'ocr')) continue; // only pure text-layer PDFs
      if (round === 1) perPage.push((performance.now() - t0) / doc.pageCount); // round 0 warms pdfjs up
    }
  }
  return { docs: perPage.length, msPerPage: median(perPage) };
}

/** Time the QR search adds to pages without a code: text-layer PDFs read with and without it (alternating, per
 * page), and ZXing on each OCR'd receipt image (what an OCR page pays on top of its OCR). */
async function qrCost(pool: OcrPool, receiptPngs: Buffer[]) {
  const pdfs = ['facturx', 'invoice2data', 'oca-pdf'].flatMap((d) => files(d, /\.pdf$/));
  const added: number[] = [];
  const onMs: number[] = [];
  const offMs: number[] = [];
  let searchedPages = 0;
  let pages = 0;
  const timed = async (data: Buffer, file: string, qr: boolean) => {
    const t = performance.now();
    const doc = await readDocument(data, file, { pool, limits, embedded: false, qr });
    return { doc, ms: performance.now() - t };
  };
  for (const round of [0, 1, 2]) {
    for (const [i, file] of pdfs.entries()) {
      const data = readFileSync(file);
      // alternate which read goes first, so that warm-up and GC do not favour one side
      const first = (i + round) % 2 === 0;
      const a = await timed(data, file, first);
      const b = await timed(data, file, !first);
      const [on, off] = first ? [a, b] : [b, a];
      if (on.doc.pages.some((p) => p.source === 'ocr') || round === 0) continue;
      added.push((on.ms - off.ms) / on.doc.pageCount);
      onMs.push(on.ms / on.doc.pageCount);
      offMs.push(off.ms / on.doc.pageCount);
      if (round === 1) {
        searchedPages += on.doc.timings.qr_pages ?? 0;
        pages += on.doc.pageCount;
      }
    }
  }
  console.log(`  text-layer PDF ms/page, median: ${median(offMs).toFixed(1)} without QR search, ${median(onMs).toFixed(1)} with`);
  const { decodeQrCodes } = await import('../src/pipeline/qr/zxing.js');
  await decodeQrCodes(receiptPngs[0]); // load the WASM once
  const perImage: number[] = [];
  const cpuPerImage: number[] = []; // CPU time of the process (all threads): steadier than wall time on a shared machine
  for (const png of receiptPngs) {
    const t = performance.now();
    const c = process.cpuUsage();
    const codes = await decodeQrCodes(png);
    const used = process.cpuUsage(c);
    cpuPerImage.push((used.user + used.system) / 1000);
    perImage.push(performance.now() - t);
    if (codes.length) console.log('  (a receipt carries a QR code)');
  }
  return { textAddedMs: median(added), textPages: pages, searchedPages, ocrAddedMs: median(perImage), ocrMaxMs: Math.max(...perImage), ocrCpuMs: median(cpuPerImage) };
}

async function ocrImages(images: Buffer[], workers: number) {
  const pool = new OcrPool({ langs: ['eng'], workers });
  await pool.ready();
  await Promise.all(Array.from({ length: workers }, (_, i) => pool.recognize(images[i % images.length]))); // warm every worker
  const each: number[] = [];
  const t0 = performance.now();
  if (workers === 1) {
    for (const img of images) {
      const t = performance.now();
      await pool.recognize(img);
      each.push((performance.now() - t) / 1000);
    }
  } else {
    await Promise.all(images.map((img) => pool.recognize(img)));
  }
  const wall = (performance.now() - t0) / 1000;
  rssSamples.push(process.memoryUsage().rss);
  await pool.close();
  return { medianS: median(each), wallS: wall, perPageS: wall / images.length };
}

function nativeTesseract(pngs: string[]) {
  const version = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return null;
  const tessdata = mkdtempSync(path.join(os.tmpdir(), 'bench-tessdata-'));
  writeFileSync(path.join(tessdata, 'eng.traineddata'), gunzipSync(readFileSync(traineddataFile('eng'))));
  const each: number[] = [];
  for (const png of [pngs[0], ...pngs]) {
    const t = performance.now();
    execFileSync('tesseract', [png, '-', '--tessdata-dir', tessdata, '-l', 'eng', '--oem', '1'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    each.push((performance.now() - t) / 1000);
  }
  return { version: version.stdout.split('\n')[0], medianS: median(each.slice(1)) };
}

async function preprocessingEffect(receipts: string[], pool: OcrPool) {
  // Does sharp's preprocessing help? Share of receipts whose labelled total appears in the OCR text, and confidence.
  const rows: Record<string, { hits: number; conf: number[]; secs: number[] }> = { raw: { hits: 0, conf: [], secs: [] }, preprocessed: { hits: 0, conf: [], secs: [] } };
  for (const file of receipts) {
    const total = JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')).amount_total as number | null;
    for (const [mode, preprocess] of [['raw', false], ['preprocessed', true]] as const) {
      const t = performance.now();
      const doc = await readDocument(readFileSync(file), file, { pool, limits, preprocess, autoRotate: false });
      rows[mode].secs.push((performance.now() - t) / 1000);
      rows[mode].conf.push(doc.pages[0].confidence);
      if (total != null && doc.text.includes(total.toFixed(2))) rows[mode].hits++;
    }
  }
  return rows;
}

const receipts = files('sroie', /\.jpg$/).slice(0, imageCount);
const prepared = await Promise.all(receipts.map(async (f) => (await prepareForOcr(readFileSync(f), 0, limits, { preprocess: true })).png));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-ocr-'));
const pngPaths = prepared.map((png, i) => {
  const p = path.join(tmp, `r${i}.png`);
  writeFileSync(p, png);
  return p;
});

/** Tesseract and Paddle on the same prepared receipts, one thread each, alternating which reads first. */
/** `--documents`: whole scans (read, OCR, extraction with its second looks), one scanner per engine with one OCR
 * thread and no cache, the engines taking turns on each receipt: CPU and wall seconds per document, and where the
 * wall time went (page OCR vs extraction, which holds the band re-reads). */
async function documentTimes(files: string[]) {
  const { createScanner } = await import('../src/pipeline/scan.js');
  const engines = ['tesseract', 'paddle'] as const;
  const scanners = Object.fromEntries(
    await Promise.all(engines.map(async (e) => [e, await createScanner({ ocrEngine: e, ocrWorkers: 1, concurrency: 1 })] as const)),
  ) as Record<(typeof engines)[number], Awaited<ReturnType<typeof createScanner>>>;
  await Promise.all(engines.map((e) => scanners[e].scanFile(files[0]!))); // warm up
  const times = Object.fromEntries(engines.map((e) => [e, { wall: [] as number[], cpu: [] as number[], ocr: [] as number[], extract: [] as number[] }]));
  for (const [i, file] of files.entries()) {
    for (const engine of i % 2 === 0 ? engines : [...engines].reverse()) {
      const t = performance.now();
      const c = process.cpuUsage();
      const result = await scanners[engine].scanFile(file);
      const used = process.cpuUsage(c);
      const row = times[engine]!;
      row.cpu.push((used.user + used.system) / 1e6);
      row.wall.push((performance.now() - t) / 1000);
      row.ocr.push((result.timings_ms?.ocr ?? 0) / 1000);
      row.extract.push((result.timings_ms?.extract ?? 0) / 1000);
    }
  }
  await Promise.all(engines.map((e) => scanners[e].close()));
  const load = os.loadavg()[0]!.toFixed(1);
  for (const engine of engines) {
    const row = times[engine]!;
    console.log(
      `${engine.padEnd(9)}: median ${median(row.wall).toFixed(2)} s wall, ${median(row.cpu).toFixed(2)} s CPU per document ` +
        `(wall: page OCR ${median(row.ocr).toFixed(2)} s, extraction ${median(row.extract).toFixed(2)} s; ${files.length} receipts)`,
    );
  }
  const ratio = (k: 'wall' | 'cpu') => (median(times.paddle![k]) / median(times.tesseract![k])).toFixed(2);
  console.log(`paddle / tesseract per document: ${ratio('wall')}x wall, ${ratio('cpu')}x CPU (load average ${load} on ${os.cpus().length} cores)`);
}

async function engineTimes(images: Buffer[]) {
  const pools = { tesseract: new OcrPool({ langs: ['eng'], engine: 'tesseract', workers: 1 }), paddle: new OcrPool({ langs: ['eng'], engine: 'paddle', workers: 1 }) };
  await Promise.all(Object.values(pools).map((p) => p.ready()));
  await Promise.all(Object.values(pools).map((p) => p.recognize(images[0], '6'))); // warm up
  const times = { tesseract: { wall: [] as number[], cpu: [] as number[] }, paddle: { wall: [] as number[], cpu: [] as number[] } };
  for (const [i, img] of images.entries()) {
    const order = i % 2 === 0 ? (['tesseract', 'paddle'] as const) : (['paddle', 'tesseract'] as const);
    for (const engine of order) {
      const t = performance.now();
      const c = process.cpuUsage();
      await pools[engine].recognize(img, '6');
      const used = process.cpuUsage(c);
      times[engine].cpu.push((used.user + used.system) / 1e6);
      times[engine].wall.push((performance.now() - t) / 1000);
    }
  }
  await Promise.all(Object.values(pools).map((p) => p.close()));
  const load = os.loadavg()[0]!.toFixed(1);
  for (const engine of ['tesseract', 'paddle'] as const) {
    console.log(`${engine.padEnd(9)}: median ${median(times[engine].wall).toFixed(2)} s wall, ${median(times[engine].cpu).toFixed(2)} s CPU per receipt (${images.length} receipts)`);
  }
  const stats = pools.paddle.paddleStats!; // includes the warm-up receipt
  const reads = images.length + 1;
  console.log(
    `paddle inference per receipt (mean): detection ${(stats.detMs / reads / 1000).toFixed(2)} s at ${(stats.detPixels / reads / 1e6).toFixed(2)} MP, ` +
      `recognition ${(stats.recMs / reads / 1000).toFixed(2)} s in ${(stats.recCalls / reads).toFixed(0)} segments of ${(stats.recColumns / Math.max(1, stats.recCalls)).toFixed(0)} columns mean`,
  );
  const ratio = (k: 'wall' | 'cpu') => (median(times.paddle[k]) / median(times.tesseract[k])).toFixed(2);
  console.log(`paddle / tesseract: ${ratio('wall')}x wall, ${ratio('cpu')}x CPU (load average ${load} on ${os.cpus().length} cores)`);
}

if (process.argv.includes('--engines')) {
  await engineTimes(prepared);
  process.exit(0);
}
if (process.argv.includes('--documents')) {
  await documentTimes(receipts);
  process.exit(0);
}

if (process.argv.includes('--qr-only')) {
  const pool = new OcrPool({ langs: ['eng'], workers: 1 });
  const qr = await qrCost(pool, prepared);
  await pool.close();
  printQr(qr);
  process.exit(0);
}
function printQr(qr: Awaited<ReturnType<typeof qrCost>>) {
  console.log(`QR search added to a text-layer PDF page: median ${qr.textAddedMs.toFixed(1)} ms (${qr.searchedPages} of ${qr.textPages} pages had images or QR-bill headings and were rendered and searched)`);
  console.log(`QR search added to an OCR page (ZXing on the receipt image): median ${qr.ocrAddedMs.toFixed(1)} ms wall (${qr.ocrCpuMs.toFixed(1)} ms CPU), max ${qr.ocrMaxMs.toFixed(0)} ms (target <= 50 ms median)`);
}

const cores = defaultPoolSize();
const rssSamples: number[] = [];
console.log(`bench:ocr on ${os.cpus()[0]?.model ?? 'cpu'}, ${cores} cores, node ${process.version}`);
// One pool alive at a time, so that peak RSS is what a worker with `cores` OCR threads really holds.
const textPool = new OcrPool({ langs: ['eng'], workers: 1 });
const text = await textLayer(textPool);
await textPool.close();
console.log(`  (RSS after the text-layer run: ${Math.round(process.memoryUsage().rss / 1048576)} MB)`);
console.log(`text-layer PDF: median ${text.msPerPage.toFixed(1)} ms/page over ${text.docs} PDFs (target <= 50)`);
if (textOnly) process.exit(0);
{
  const qrPool = new OcrPool({ langs: ['eng'], workers: 1 });
  printQr(await qrCost(qrPool, prepared));
  await qrPool.close();
}
const one = await ocrImages(prepared, 1);
console.log(`OCR, 1 worker: median ${one.medianS.toFixed(2)} s/page over ${prepared.length} receipts (wall ${one.wallS.toFixed(1)} s)`);
const many = await ocrImages(prepared, cores);
console.log(`OCR, pool of ${cores}: ${many.perPageS.toFixed(2)} s/page throughput (wall ${many.wallS.toFixed(1)} s)`);
console.log(`pool speed-up: ${(one.wallS / many.wallS).toFixed(2)}x (target >= 1.8 on 2 cores)`);
const native = nativeTesseract(pngPaths);
if (native) {
  console.log(`native ${native.version}: median ${native.medianS.toFixed(2)} s/page (same images, model and 1 thread)`);
  console.log(`tesseract.js / native: ${(one.medianS / native.medianS).toFixed(2)}x (target <= 1.3)`);
} else {
  console.log('native tesseract: not installed (apt-get install tesseract-ocr to compare)');
}
await engineTimes(prepared);
const sharedPool = new OcrPool({ langs: ['eng'], workers: cores });
const effect = await preprocessingEffect(receipts, sharedPool);
for (const [mode, row] of Object.entries(effect)) {
  console.log(`preprocessing ${mode.padEnd(12)}: total found in text ${row.hits}/${receipts.length}, median confidence ${median(row.conf).toFixed(2)}, median ${median(row.secs).toFixed(2)} s/receipt`);
}
await sharedPool.close();
console.log(`RSS with the OCR pool loaded and busy: ${rssSamples.map((b) => Math.round(b / 1048576)).join(' / ')} MB (1 worker / pool)`);
console.log(`peak RSS over the whole run: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (target <= 600)`);
