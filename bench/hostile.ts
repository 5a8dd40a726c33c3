// npm run bench:hostile — a generated hostile corpus (test/support/hostile-files.ts at the sizes of the attacks)
// through the compiled `odoo-ocr scan --json`, one child process per file: per file its code, wall seconds and the
// peak RSS of the process tree (the scan and its PDF reader processes, /proc sampled every 50 ms), then a summary
// against the targets: exactly one JSON line with a typed code (no INTERNAL), within DOC_TIMEOUT_SECONDS + 5 s,
// peak RSS ≤ 1 GB. Then one scan of several files with hostile ones first (no file waits beyond a hostile one's
// deadline), and a worker (`odoo-ocr sync --once` against the fake Odoo) on a batch mixing hostile and good documents.
//   BENCH_ONLY=regex  runs only the files whose name matches
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { DEFAULT_LIMITS } from '../src/pipeline/limits.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import * as h from '../test/support/hostile-files.js';
import { treeRssMb } from './proc.js';
import { startStack } from '../test/worker/harness.js';

const ROOT = PACKAGE_ROOT;
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');
const fixture = (rel: string) => readFileSync(path.join(ROOT, 'fixtures', rel));
const TIMEOUT_S = DEFAULT_LIMITS.docTimeoutMs / 1000;
const RSS_TARGET_MB = 1024;

interface Case {
  name: string;
  make: () => Buffer | Promise<Buffer> | 'symlink-dev-zero' | 'directory' | 'sparse-300mb';
  expect: string; // the code we expect ('ok' for a result without error; a|b: either): shown, not a target
  args?: string[];
  env?: Record<string, string>;
}

const UBL = fixture('documents/ubl/en16931__ubl-tc434-example9.xml').toString('utf8');
const UBL16 = UBL.replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
const TEXT_PDF = fixture('documents/oca-pdf/oca-edi__akretion_france-test.pdf');
const MB = 1024 * 1024;

const CASES: Case[] = [
  { name: 'pdf-image-20000x20000.pdf', make: () => h.pdfWithImage(20000, 20000), expect: 'TOO_MANY_PIXELS' },
  { name: 'pdf-image-8000x8000.pdf', make: () => h.pdfWithImage(8000, 8000), expect: 'TOO_MANY_PIXELS' },
  // pdfjs needs ≈22 bytes per pixel to decode and draw a page image (a 35 MP one: 770 MB): beyond ≈18 MP a page image
  // needs more than PDF_MEMORY_MB (400). An A4 colour scan at 400 dpi (15.5 MP) reads; at 600 dpi (35 MP) it does not.
  { name: 'pdf-image-7000x7000.pdf', make: () => h.pdfWithImage(7000, 7000), expect: 'TOO_LARGE' },
  { name: 'pdf-image-a4-600dpi.pdf', make: () => h.pdfWithImage(4960, 7016), expect: 'TOO_LARGE' },
  { name: 'pdf-image-a4-400dpi.pdf', make: () => h.pdfWithImage(3307, 4677), expect: 'ok' },
  // the memory limit or the 30 s step deadline, whichever the machine's speed reaches first
  { name: 'pdf-flate-1.5GB.pdf', make: () => h.pdfStreamBomb(1536 * MB), expect: 'TOO_LARGE|TIMEOUT' },
  { name: 'pdf-flate-300MB.pdf', make: () => h.pdfStreamBomb(300 * MB), expect: 'TOO_LARGE|TIMEOUT' },
  { name: 'pdf-nested-q-100000.pdf', make: () => h.pdfNestedQ(100_000), expect: 'TIMEOUT' },
  { name: 'pdf-nested-q-1000.pdf', make: () => h.pdfNestedQ(1_000), expect: 'ok' },
  { name: 'pdf-300000-text-pieces.pdf', make: () => h.pdfManyPieces(300_000), expect: 'ok' },
  { name: 'pdf-arrays-200000-deep.pdf', make: () => h.pdfDeepArray(200_000), expect: 'CORRUPT_FILE' },
  { name: 'pdf-page-tree-loop.pdf', make: () => h.pdfPageTreeLoop(), expect: 'CORRUPT_FILE' },
  { name: 'pdf-50-blank-pages.pdf', make: () => h.pdfBlankPages(50), expect: 'ok' },
  { name: 'pdf-51-pages.pdf', make: () => h.pdfTextPages(51), expect: 'TOO_MANY_PAGES' },
  { name: 'pdf-5000-pages.pdf', make: () => h.pdfBlankPages(5000), expect: 'TOO_MANY_PAGES' },
  { name: 'pdf-facturx-malformed-xml.pdf', make: () => h.facturxMalformedXml(), expect: 'ok' },
  { name: 'pdf-1000-attachments.pdf', make: () => h.pdfWithAttachments(1000), expect: 'ok' },
  { name: 'pdf-junk-before-header.pdf', make: () => Buffer.concat([Buffer.from('Content-Type: application/pdf\r\n\r\n'), TEXT_PDF]), expect: 'ok' },
  { name: 'pdf-truncated.pdf', make: () => TEXT_PDF.subarray(0, Math.floor(TEXT_PDF.length / 3)), expect: 'CORRUPT_FILE' },
  { name: 'pdf-encrypted.pdf', make: () => fixture('engine/encrypted.pdf'), expect: 'ENCRYPTED_PDF' },
  { name: 'pdf-header-only.pdf', make: () => Buffer.from('%PDF-1.7\n%%EOF\n'), expect: 'CORRUPT_FILE' },
  { name: 'zip-storing-a-pdf.zip', make: () => h.zipStoring('invoice.pdf', TEXT_PDF), expect: 'UNSUPPORTED_TYPE' },
  { name: 'binary-junk-then-pdf.bin', make: () => Buffer.concat([Buffer.alloc(512), TEXT_PDF]), expect: 'UNSUPPORTED_TYPE' },
  { name: 'jpeg-with-pdf-comment.jpg', make: async () => h.jpegWithPdfComment(await sharp({ create: { width: 300, height: 200, channels: 3, background: '#fff' } }).jpeg().toBuffer()), expect: 'ok' },
  { name: 'bmp-rle-16000x16000.bmp', make: () => h.bmpHeader(16000, 16000), expect: 'TOO_MANY_PIXELS' },
  { name: 'bmp-30000x30000.bmp', make: () => h.bmpHeader(30000, 30000, { rle: false }), expect: 'TOO_MANY_PIXELS' },
  { name: 'bmp-zero-width.bmp', make: () => h.bmpHeader(0, 100, { rle: false }), expect: 'CORRUPT_FILE' },
  { name: 'png-header-20000x20000.png', make: () => h.pngHeader(20000, 20000), expect: 'TOO_MANY_PIXELS' },
  { name: 'png-81mp.png', make: () => fixture('engine/huge-81mp.png'), expect: 'TOO_MANY_PIXELS' },
  { name: 'jpeg-header-60000x60000.jpg', make: () => h.jpegDeclaring(60000, 60000), expect: 'TOO_MANY_PIXELS' },
  { name: 'png-strip-100x12000.png', make: () => sharp({ create: { width: 100, height: 12000, channels: 3, background: '#fff' } }).png().toBuffer(), expect: 'ok' },
  { name: 'png-strip-20x40000.png', make: () => sharp({ create: { width: 20, height: 40000, channels: 3, background: '#fff' } }).png().toBuffer(), expect: 'ok' },
  { name: 'tiff-page2-100mp.tif', make: () => h.multiPageTiff([{ width: 800, height: 600 }, { width: 10000, height: 10000 }]), expect: 'TOO_MANY_PIXELS' },
  { name: 'tiff-60-pages.tif', make: () => h.multiPageTiff(Array.from({ length: 60 }, () => ({ width: 100, height: 100 }))), expect: 'TOO_MANY_PAGES' },
  { name: 'xml-ubl-utf16be.xml', make: () => h.utf16(UBL16, 'be'), expect: 'ok' },
  { name: 'xml-ubl-utf16le.xml', make: () => h.utf16(UBL16, 'le'), expect: 'ok' },
  { name: 'svg-drawing.svg', make: () => Buffer.from(h.SVG), expect: 'UNSUPPORTED_TYPE' },
  { name: 'html-page.html', make: () => Buffer.from('<html><body><p>Invoice 12, total 100.00</p></body></html>'), expect: 'UNSUPPORTED_TYPE' },
  { name: 'xml-billion-laughs.xml', make: () => Buffer.from(h.BILLION_LAUGHS), expect: 'CORRUPT_FILE' },
  { name: 'xml-xxe.xml', make: () => Buffer.from(h.XXE), expect: 'CORRUPT_FILE' },
  { name: 'xml-200000-deep.xml', make: () => Buffer.from(h.deepXml(200_000)), expect: 'CORRUPT_FILE' },
  { name: 'p7m-garbage.p7m', make: () => Buffer.concat([Buffer.from('3080' + '06092a864886f70d010702' + 'a080', 'hex'), Buffer.alloc(200, 7)]), expect: 'CORRUPT_FILE' },
  { name: 'empty.pdf', make: () => Buffer.alloc(0), expect: 'EMPTY_FILE' },
  { name: 'random.bin', make: () => fixture('engine/random.bin'), expect: 'UNSUPPORTED_TYPE' },
  { name: 'sparse-300MB.pdf', make: () => 'sparse-300mb', expect: 'TOO_LARGE' },
  { name: 'symlink-to-dev-zero.pdf', make: () => 'symlink-dev-zero', expect: 'UNSUPPORTED_TYPE' },
  { name: 'a-directory.pdf', make: () => 'directory', expect: 'UNSUPPORTED_TYPE' },
  { name: 'lang-klingon-ubl.xml', make: () => Buffer.from(UBL), expect: 'ok', args: ['--lang', 'klingon'] },
  { name: 'env-ocr-langs-klingon.png', make: () => fixture('engine/receipt.png'), expect: 'OCR_FAILED', env: { OCR_LANGS: 'klingon' } },
];

async function writeCase(dir: string, c: Case): Promise<string> {
  const file = path.join(dir, c.name);
  const made = await c.make();
  if (made === 'symlink-dev-zero') symlinkSync('/dev/zero', file);
  else if (made === 'directory') mkdirSync(file);
  else if (made === 'sparse-300mb') {
    writeFileSync(file, TEXT_PDF);
    truncateSync(file, 300 * MB);
  } else writeFileSync(file, made);
  return file;
}

interface Run {
  lines: string[];
  seconds: number;
  peakMb: number;
  lineTimes: number[];
  exit: number | null;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, OCR_LANGS: 'eng', ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let peakMb = 0;
    const sampler = setInterval(() => (peakMb = Math.max(peakMb, treeRssMb(child.pid!))), 50);
    let out = '';
    const lineTimes: number[] = [];
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const count = out.split('\n').length - 1;
      while (lineTimes.length < count) lineTimes.push((performance.now() - started) / 1000);
    });
    child.on('exit', (exit) => {
      clearInterval(sampler);
      resolve({ lines: out.split('\n').filter(Boolean), seconds: (performance.now() - started) / 1000, peakMb, lineTimes, exit });
    });
  });
}

const codeOf = (line: string): string => {
  try {
    const result = JSON.parse(line) as { error?: { code: string } };
    return result.error?.code ?? 'ok';
  } catch {
    return 'NOT_JSON';
  }
};

const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'));
const cases = CASES.filter((c) => !only || only.test(c.name));
console.log(`bench:hostile: ${cases.length} generated files in ${dir}, DOC_TIMEOUT_SECONDS ${TIMEOUT_S}, ${os.availableParallelism()} cores, node ${process.version}`);
const files = new Map<string, string>();
for (const c of cases) files.set(c.name, await writeCase(dir, c));

console.log(`${'file'.padEnd(32)} ${'code'.padEnd(16)} ${'expected'.padEnd(16)} ${'s'.padStart(6)} ${'peak MB'.padStart(8)}  lines`);
const rows: { name: string; code: string; expect: string; seconds: number; peakMb: number; lines: number }[] = [];
for (const c of cases) {
  const run = await runCli(['scan', '--json', ...(c.args ?? []), files.get(c.name)!], c.env);
  const code = run.lines.length === 1 ? codeOf(run.lines[0]!) : `${run.lines.length} LINES`;
  rows.push({ name: c.name, code, expect: c.expect, seconds: run.seconds, peakMb: run.peakMb, lines: run.lines.length });
  console.log(`${c.name.padEnd(32)} ${code.padEnd(16)} ${c.expect.padEnd(16)} ${run.seconds.toFixed(1).padStart(6)} ${String(Math.round(run.peakMb)).padStart(8)}  ${run.lines.length}`);
}

const asExpected = (r: { code: string; expect: string }) => r.expect.split('|').includes(r.code);
const typed = rows.filter((r) => r.lines === 1 && r.code !== 'INTERNAL' && r.code !== 'NOT_JSON');
const inTime = rows.filter((r) => r.seconds <= TIMEOUT_S + 5);
const inMemory = rows.filter((r) => r.peakMb <= RSS_TARGET_MB);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const summary = {
  files: rows.length,
  oneTypedJsonLine: `${typed.length}/${rows.length}`,
  withinTimeoutPlus5s: `${inTime.length}/${rows.length}`,
  peakRssAtMost1GB: `${inMemory.length}/${rows.length}`,
  asExpected: `${rows.filter((r) => asExpected(r)).length}/${rows.length}`,
  unexpected: rows.filter((r) => !asExpected(r)).map((r) => `${r.name}: ${r.code} (expected ${r.expect})`),
  maxSeconds: +Math.max(...rows.map((r) => r.seconds)).toFixed(1),
  medianSeconds: +median(rows.map((r) => r.seconds)).toFixed(1),
  maxPeakRssMB: Math.round(Math.max(...rows.map((r) => r.peakMb))),
  medianPeakRssMB: Math.round(median(rows.map((r) => r.peakMb))),
};
console.log(JSON.stringify(summary, null, 2));

// One run with the worst files first: every line must come within the deadline of the hostile ones before it.
if (!only) {
  const order = ['pdf-nested-q-100000.pdf', 'pdf-flate-1.5GB.pdf', 'xml-ubl-utf16be.xml', 'pdf-junk-before-header.pdf', 'bmp-rle-16000x16000.bmp', 'pdf-50-blank-pages.pdf'];
  const run = await runCli(['scan', '--json', ...order.map((n) => files.get(n)!)]);
  console.log(JSON.stringify({
    oneScanOfSeveral: order.map((name, i) => ({ name, code: run.lines[i] ? codeOf(run.lines[i]!) : 'MISSING', atSeconds: +(run.lineTimes[i] ?? NaN).toFixed(1) })),
    seconds: +run.seconds.toFixed(1), peakRssMB: Math.round(run.peakMb),
  }, null, 2));
}

// The worker: one batch of hostile and good documents through `odoo-ocr sync --once` (compiled) on the fake Odoo.
if (!only) {
  const stack = await startStack({ addon: true });
  try {
    const batch = [
      ['pdf-nested-q-100000.pdf', 'TIMEOUT'], ['pdf-flate-1.5GB.pdf', 'TOO_LARGE'], ['pdf-image-20000x20000.pdf', 'TOO_MANY_PIXELS'],
      ['bmp-rle-16000x16000.bmp', 'TOO_MANY_PIXELS'], ['pdf-page-tree-loop.pdf', 'CORRUPT_FILE'], ['tiff-page2-100mp.tif', 'TOO_MANY_PIXELS'],
      ['pdf-50-blank-pages.pdf', 'ok'], ['pdf-junk-before-header.pdf', 'ok'], ['xml-ubl-utf16le.xml', 'ok'], ['pdf-facturx-malformed-xml.pdf', 'ok'],
    ] as const;
    const jobs = batch.map(([name, expect]) => {
      const [expenseId] = stack.fake.seed('hr.expense', [{ name, employee_id: 1, state: 'draft' }]);
      const attachmentId = stack.attach(readFileSync(files.get(name)!), name, 'application/octet-stream', 'hr.expense', expenseId);
      return { name, expect, jobId: stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId, maxAttempts: 1 }) }; // TIMEOUT is retried up to the attempts: one here
    });
    const env = {
      ODOO_URL: stack.fake.url, ODOO_DB: stack.fake.db, ODOO_USER: 'admin', ODOO_API_KEY: stack.fake.apiKey, OCR_MODE: 'addon',
      OCR_CONCURRENCY: '2', RESULT_CACHE: 'false', LOG_LEVEL: 'error', CLAIM_BATCH: '16', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1',
      STATE_DIR: path.join(dir, 'worker-state'),
    };
    const run = await runCli(['sync', '--once'], env);
    const outcome = jobs.map(({ name, expect, jobId }) => {
      const job = stack.jobs!.job(jobId);
      const code = job.state === 'failed' ? String(job.error).split(':')[0] : job.state;
      return { name, state: job.state, code, expected: expect === 'ok' ? 'done|review' : expect };
    });
    console.log(JSON.stringify({
      worker: outcome, seconds: +run.seconds.toFixed(1), exit: run.exit, workerPeakRssMB: Math.round(run.peakMb),
      asExpected: `${outcome.filter((o) => (o.expected === 'done|review' ? /^(done|review)$/.test(o.state) : o.code === o.expected)).length}/${outcome.length}`,
      targets: { workerPeakRssMB: RSS_TARGET_MB },
    }, null, 2));
  } finally {
    await stack.close();
  }
}
rmSync(dir, { recursive: true, force: true });
