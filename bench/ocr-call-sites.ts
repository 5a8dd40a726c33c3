// node --import tsx bench/ocr-call-sites.ts [--only NAME,NAME]
// Where a document's OCR goes, by the pass that asks for it (#13's time bound): the tune sample of bench/pipeline-time.ts
// (`--sample tune`, 43 documents; `--only` keeps those whose path holds one of the names) is scanned in one process
// with one OCR worker and no cache, as that bench's runner does, and every OCR call (recognize, OSD) is timed and
// named by its caller: the first page reading, the language look, the language chooser's re-read, the orientation
// turns, the band, header, date and total looks, the other engine's reading, the letterhead look. Per document: CPU of
// the process tree (PDF readers included) and each call's time; at the end each pass's share of all OCR call time.
// A call's time is its wall time (a shared machine's load stretches every call alike), so shares, not seconds, are
// the figures to quote.
import path from 'node:path';
import { selectDocuments } from './accuracy.js';
import { TUNE_SAMPLE_FOLDERS } from './pipeline-time.js';
import { spread, treeCpuSeconds } from './proc.js';
import { fromRoot } from '../src/paths.js';
import { OcrPool } from '../src/pipeline/ocr/pool.js';
import { createScanner } from '../src/pipeline/scan.js';

/** The pass a call was made for, from the functions on its stack. */
const PASSES: [RegExp, string][] = [
  [/lookText/, 'language look'],
  [/LanguageChooser\.settle/, "language chooser's re-read"],
  [/readOtherEngine/, "other engine's reading"],
  [/headerLook/, 'header look'],
  [/second-look/, 'band look'],
  [/date-look/, 'date look'],
  [/total-look/, 'total look'],
  [/image-band|image-issuer/, 'letterhead look'],
];
/** read.ts readUpright's first call (the lowest line it calls from): the page's first reading; its later calls read
 * the turned page (the orientation check). */
let firstReadingLine = Number.POSITIVE_INFINITY;

function passOf(stack: string): string {
  const frames = stack.split('\n').filter((l) => l.includes('/src/pipeline/') && !/ocr\/(pool|document-ocr)\.ts/.test(l)).join('\n');
  for (const [re, name] of PASSES) if (re.test(frames)) return name;
  const line = Number(/readUpright \(.*read\.ts:(\d+)/.exec(frames)?.[1] ?? NaN);
  if (Number.isNaN(line)) return 'other';
  firstReadingLine = Math.min(firstReadingLine, line);
  return line > firstReadingLine ? 'orientation turn' : 'first page reading';
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : null;
let calls: { pass: string; engine: string; ms: number }[] = [];
const timedCall = <T>(pass: string, engine: string, p: Promise<T>) => {
  const t0 = performance.now();
  p.then(() => calls.push({ pass, engine, ms: performance.now() - t0 }), () => undefined);
  return p;
};
const recognize = OcrPool.prototype.recognize;
OcrPool.prototype.recognize = function (this: OcrPool, image, psm, opts = {}) {
  return timedCall(passOf(new Error().stack ?? ''), opts.engine ?? this.engine, recognize.call(this, image, psm, opts));
};
const detect = OcrPool.prototype.detectOrientation;
OcrPool.prototype.detectOrientation = function (this: OcrPool, image, signal) {
  return timedCall('orientation (OSD)', 'tesseract', detect.call(this, image, signal));
};

const { docs } = await selectDocuments(fromRoot('fixtures', 'documents'), 'tune');
const chosen = TUNE_SAMPLE_FOLDERS.flatMap((f) => spread(docs.filter((d) => d.rel.split(path.sep)[0] === f), 5)).filter((d) => !only || only.some((o) => d.rel.includes(o)));
const scanner = await createScanner({ ocrWorkers: 1, limits: { docTimeoutMs: 900_000 } });
await scanner.whenReady();
if (chosen[0]) await scanner.scanFile(chosen[0].file); // warm-up, not counted (model sessions, pdfjs)
const total = new Map<string, number>();
for (const doc of chosen) {
  calls = [];
  const cpu0 = treeCpuSeconds(process.pid);
  const result = await scanner.scanFile(doc.file);
  console.log(`${doc.rel}  cpu ${(treeCpuSeconds(process.pid) - cpu0).toFixed(2)} s  ${JSON.stringify(result.timings_ms)}`);
  for (const c of calls) {
    console.log(`  ${(c.ms / 1000).toFixed(2).padStart(7)} s  ${c.engine.padEnd(9)} ${c.pass}`);
    total.set(`${c.pass} (${c.engine})`, (total.get(`${c.pass} (${c.engine})`) ?? 0) + c.ms);
  }
}
await scanner.close();
const all = [...total.values()].reduce((a, b) => a + b, 0);
console.log(`\nshare of OCR call time, ${chosen.length} tune documents:`);
for (const [pass, ms] of [...total].sort((a, b) => b[1] - a[1])) console.log(`  ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${pass}`);
