import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { validateScanResult } from '../../src/contract-schema.js';
import type { ScanResult } from '../../src/contract.js';
import { detectFileKind } from '../../src/pipeline/detect-type.js';
import { fitWithin, prepareForOcr } from '../../src/pipeline/image.js';
import { OCR_MAX_SIDE, resolveLimits } from '../../src/pipeline/limits.js';
import { OcrPool } from '../../src/pipeline/ocr/pool.js';
import { groupIntoLines } from '../../src/pipeline/pdf.js';
import { readDocument } from '../../src/pipeline/read.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import * as hostile from '../support/hostile-files.js';

// Hostile documents, each made here: every one must come back as one schema-valid result with a typed code (never
// INTERNAL), cheaply, and must not hold up the other documents. `npm run bench:hostile` runs the full-size attacks.

const root = fileURLToPath(new URL('../../', import.meta.url));
let scanner: Scanner;
before(async () => {
  // small limits, so that the bombs are small too: 1 MP per image, a PDF reader grows by 200 MB at most
  scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1, concurrency: 2, limits: { maxPixels: 1_000_000, pdfMemoryMb: 200 } });
});
after(() => scanner.close());

async function scan(data: Buffer, name: string): Promise<ScanResult> {
  const result = await scanner.scanBuffer(data, name);
  const { ok, errors } = validateScanResult(result);
  assert.ok(ok, `schema: ${errors.join('; ')}`);
  return result;
}

describe('PDFs that would take the machine down', () => {
  test('an image above the pixel limit is not decoded: TOO_MANY_PIXELS', async () => {
    const result = await scan(await hostile.pdfWithImage(1500, 1500), 'image-bomb.pdf');
    assert.equal(result.error?.code, 'TOO_MANY_PIXELS', JSON.stringify(result.error));
  });

  test('a stream that inflates past the reader memory limit: TOO_LARGE, the reader is killed', async () => {
    const result = await scan(await hostile.pdfStreamBomb(600 * 1024 * 1024), 'stream-bomb.pdf');
    assert.equal(result.error?.code, 'TOO_LARGE', JSON.stringify(result.error));
  });

  test('parsing that never yields is stopped at the deadline, and does not hold up another file', async () => {
    const deadlineMs = 10_000;
    const own = await createScanner({ langs: ['eng'], ocrWorkers: 1, concurrency: 2, limits: { docTimeoutMs: deadlineMs } });
    try {
      const text = await hostile.pdfTextPages(1);
      await own.whenReady(); // both PDF readers started
      const started = performance.now();
      let stuckAt = 0;
      const stuck = own.scanBuffer(hostile.pdfNestedQ(100_000), 'nested-q.pdf').then((r) => ((stuckAt = performance.now() - started), r));
      const other = await own.scanBuffer(text, 'fine.pdf'); // while the hostile one is still parsing
      assert.equal(other.error, undefined, JSON.stringify(other.error));
      assert.equal(stuckAt, 0, 'the good file was answered before the hostile one');
      const result = await stuck;
      assert.equal(result.error?.code, 'TIMEOUT', JSON.stringify(result.error));
      assert.ok(stuckAt >= deadlineMs - 50 && stuckAt < deadlineMs + 5_000, `TIMEOUT after ${Math.round(stuckAt)} ms`);
      // the killed reader is replaced: the next PDF reads
      assert.equal((await own.scanBuffer(text, 'after.pdf')).source, 'pdf-text');
    } finally {
      await own.close();
    }
  });

  test('a page tree that loops and arrays nested 200 000 deep are CORRUPT_FILE', async () => {
    assert.equal((await scan(hostile.pdfPageTreeLoop(), 'loop.pdf')).error?.code, 'CORRUPT_FILE');
    assert.equal((await scan(hostile.pdfDeepArray(200_000), 'deep.pdf')).error?.code, 'CORRUPT_FILE');
  });

  test('300 000 text pieces on one line are grouped without overflowing the stack', () => {
    const pieces = Array.from({ length: 300_000 }, (_, i) => ({ str: 'a', x: i * 0.001, top: 390, bottom: 400, width: 0.5, fontHeight: 10 }));
    const [line] = groupIntoLines(pieces);
    assert.equal(line!.bbox.x0, 0);
    assert.equal(line!.bbox.y1, 400);
  });

  test('blank pages are neither rendered nor OCRed', async () => {
    const pool = new OcrPool({ langs: ['eng'], workers: 1 });
    let ocrCalls = 0;
    const recognize = pool.recognize.bind(pool);
    pool.recognize = (...args) => (ocrCalls++, recognize(...args));
    try {
      const doc = await readDocument(await hostile.pdfBlankPages(50), 'blank.pdf', { pool, limits: resolveLimits() });
      assert.equal(doc.pageCount, 50);
      assert.equal(doc.text.replace(/\f/g, ''), '');
      assert.equal(ocrCalls, 0);
    } finally {
      await pool.close();
    }
  });
});

describe('images', () => {
  test('a BMP is refused from its header: a 1 KB RLE BMP of 16000×16000 and a 30000×30000 one', async () => {
    for (const bmp of [hostile.bmpHeader(16000, 16000), hostile.bmpHeader(30000, 30000, { rle: false })]) {
      const result = await scan(bmp, 'bomb.bmp');
      assert.equal(result.error?.code, 'TOO_MANY_PIXELS', JSON.stringify(result.error));
    }
  });

  test('a multi-page TIFF whose second page is over the limit fails before OCR, and nothing runs after close', async () => {
    const tiff = hostile.multiPageTiff([{ width: 400, height: 300 }, { width: 1200, height: 1000 }]);
    const own = await createScanner({ langs: ['eng'], ocrWorkers: 1, limits: { maxPixels: 1_000_000 } });
    const result = await own.scanBuffer(tiff, 'two-pages.tif');
    await own.close();
    assert.equal(result.error?.code, 'TOO_MANY_PIXELS', JSON.stringify(result.error));
    await new Promise((resolve) => setTimeout(resolve, 200)); // an OCR retry after close would throw here
  });

  test('a closed OCR pool answers with OCR_FAILED instead of crashing', async () => {
    const pool = new OcrPool({ langs: ['eng'], workers: 1 });
    await pool.close();
    await assert.rejects(pool.recognize(Buffer.alloc(10)), (err: { code?: string }) => err.code === 'OCR_FAILED');
  });

  test('a 100×12000 strip is not upscaled past what Tesseract reads; longer images are scaled down', async () => {
    const strip = await sharp({ create: { width: 100, height: 12000, channels: 3, background: '#fff' } }).png().toBuffer();
    const prepared = await prepareForOcr(strip, 0, resolveLimits(), { preprocess: true });
    assert.ok(prepared.height <= OCR_MAX_SIDE && prepared.height > 12000, `${prepared.width}×${prepared.height}`);
    const long = await sharp({ create: { width: 20, height: 40000, channels: 3, background: '#fff' } }).png().toBuffer();
    const fitted = await fitWithin(long, 12_000_000);
    const meta = await sharp(fitted.image).metadata();
    assert.ok(meta.height! <= OCR_MAX_SIDE, `${meta.width}×${meta.height}`);
  });
});

describe('type detection', () => {
  test('%PDF- counts at the start, or after text junk, never inside another format', async () => {
    const pdf = await hostile.pdfTextPages(1);
    assert.equal(detectFileKind(Buffer.concat([Buffer.from('From: scanner@example.com\r\n\r\n'), pdf])), 'pdf');
    assert.equal(detectFileKind(hostile.zipStoring('invoice.pdf', pdf)), null, 'a ZIP is not the PDF it stores');
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    assert.equal(detectFileKind(hostile.jpegWithPdfComment(jpeg)), 'jpeg');
    assert.equal(detectFileKind(Buffer.concat([Buffer.alloc(600), pdf])), null, 'binary junk before the header');
  });

  test('UTF-16 XML with a BOM is XML and reads; SVG and HTML are not invoices', async () => {
    const ubl = readFileSync(path.join(root, 'fixtures/documents/ubl/en16931__ubl-tc434-example9.xml'), 'utf8').replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
    for (const endian of ['be', 'le'] as const) {
      const result = await scan(hostile.utf16(ubl, endian), `ubl-utf16${endian}.xml`);
      assert.equal(result.source, 'einvoice:ubl', JSON.stringify(result.error));
    }
    assert.equal((await scan(Buffer.from(hostile.SVG), 'drawing.svg')).error?.code, 'UNSUPPORTED_TYPE');
    assert.equal(detectFileKind(Buffer.from('<html><body>Invoice</body></html>')), null);
  });
});

describe('e-invoices inside PDFs', () => {
  test('a Factur-X PDF whose XML is malformed is read from its pages, with a review reason', async () => {
    const result = await scan(await hostile.facturxMalformedXml(), 'facturx-broken.pdf');
    assert.equal(result.source, 'pdf-text', JSON.stringify(result.error));
    assert.equal(result.fields?.amount_total.value, 119);
    assert.equal(result.needs_review, true);
    assert.match(result.review_reasons![0]!, /embedded e-invoice factur-x\.xml cannot be read/);
  });

  test('more attachments than are looked at: said in the review reasons', async () => {
    const result = await scan(await hostile.pdfWithAttachments(201), 'many-attachments.pdf');
    assert.equal(result.source, 'pdf-text');
    assert.ok(result.review_reasons!.some((r) => /more than 200 attachments/.test(r)), JSON.stringify(result.review_reasons));
    const few = await scan(await hostile.pdfWithAttachments(3), 'few-attachments.pdf');
    assert.ok(!few.review_reasons!.some((r) => /attachments/.test(r)));
  });
});

for (const spec of ['k!ngon', 'auto+eng']) {
  test(`scan --lang ${spec}: a malformed spec is a usage error, exit 2 with one line before any file is read`, () => {
    const xml = path.join(root, 'fixtures/documents/ubl/en16931__ubl-tc434-example9.xml');
    const res = spawnSync(process.execPath, ['bin/odoo-ocr.js', 'scan', '--json', '--lang', spec, xml], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(res.status, 2, res.stderr);
    assert.equal(res.stdout, '', 'no file was read');
    assert.match(res.stderr, /^odoo-ocr scan: OCR languages: .+\n$/);
    assert.ok(res.stderr.includes(spec === 'auto+eng' ? 'stands alone' : '"k!ngon" is not a language model name'), res.stderr);
  });
}

test('scan --lang klingon: a clear message, and every file still gets its JSON line', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hostile-lang-'));
  const image = path.join(dir, 'receipt.png');
  writeFileSync(image, readFileSync(path.join(root, 'fixtures/engine/receipt.png')));
  const xml = path.join(root, 'fixtures/documents/ubl/en16931__ubl-tc434-example9.xml');
  const res = spawnSync(process.execPath, ['bin/odoo-ocr.js', 'scan', '--json', '--lang', 'klingon', xml, image], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.match(res.stderr, /OCR language "klingon" is not installed/);
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
  const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as ScanResult);
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.source, 'einvoice:ubl');
  assert.equal(lines[1]!.error?.code, 'OCR_FAILED');
  assert.equal(res.status, 1);
});
