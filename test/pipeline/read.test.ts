import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { readDocument, type ReadOptions } from '../../src/pipeline/read.js';
import { resolveLimits } from '../../src/pipeline/limits.js';
import { OcrPool } from '../../src/pipeline/ocr/pool.js';
import { DocumentError } from '../../src/pipeline/errors.js';
import { findPaper } from '../../src/pipeline/paper.js';

// The real engine on real documents: pdfjs text layers, tesseract.js OCR, sharp preprocessing.
const path = (p: string) => new URL(`../../fixtures/${p}`, import.meta.url);
const load = (p: string) => readFileSync(path(p));
const truth = (p: string) => JSON.parse(readFileSync(path(`${p}.truth.json`), 'utf8')) as { amount_total: number };

let pool: OcrPool;
const opts = (extra: Partial<ReadOptions> = {}): ReadOptions => ({ pool, limits: resolveLimits(), ...extra });
const read = (p: string, extra?: Partial<ReadOptions>) => readDocument(load(p), p, opts(extra));

async function rejectsWith(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof DocumentError, `expected a DocumentError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.ok(err.message.length > 5);
    return true;
  });
}

before(() => {
  pool = new OcrPool({ langs: ['eng'], workers: 2 });
});
after(() => pool.close());

describe('text-layer PDFs', () => {
  test('a Factur-X invoice is read from its text layer, with positions and no OCR', async () => {
    const doc = await read('documents/facturx/XML-Rechnung__FX__EN16931_Einfach.pdf');
    assert.equal(doc.kind, 'pdf');
    assert.equal(doc.pageCount, 2);
    assert.ok(doc.pages.every((p) => p.source === 'pdf-text'));
    assert.match(doc.text, /Rechnung/);
    assert.match(doc.text, /529,87/);
    assert.equal(doc.text.split('\f').length, 2, 'pages are separated by form feeds');
    assert.equal(doc.timings.ocr, undefined);
    const page = doc.pages[0];
    for (const line of page.lines) {
      assert.ok(line.bbox.x0 >= 0 && line.bbox.x1 <= page.width + 1 && line.bbox.y0 >= -5 && line.bbox.y1 <= page.height + 1, JSON.stringify(line.bbox));
    }
    const ordered = page.lines.map((l) => l.bbox.y1);
    assert.deepEqual(ordered, [...ordered].sort((a, b) => a - b), 'lines run top to bottom');
    assert.equal(doc.sha256.length, 64);
  });

  test('a mixed PDF is handled page by page: text layer for page 1, OCR for the scanned page 2', async () => {
    const doc = await read('engine/mixed-text-and-scan.pdf');
    assert.deepEqual(doc.pages.map((p) => p.source), ['pdf-text', 'ocr']);
    assert.match(doc.pages[1].text, /TOTAL/i);
    assert.ok(doc.pages[1].confidence > 0.4 && doc.pages[1].confidence <= 1);
  });

  test('a PDF with only an owner password opens; one with a user password is ENCRYPTED_PDF', async () => {
    const doc = await read('engine/owner-password-only.pdf');
    assert.equal(doc.pageCount, 2);
    await rejectsWith(read('engine/encrypted.pdf'), 'ENCRYPTED_PDF');
  });
});

describe('scanned receipts through OCR', () => {
  test('a SROIE receipt photo yields its lines, confidences, boxes and printed total', async () => {
    const file = 'documents/sroie/sroie-000.jpg';
    const doc = await read(file);
    assert.equal(doc.kind, 'jpeg');
    assert.equal(doc.pages[0].source, 'ocr');
    assert.ok(doc.pages[0].lines.length > 10);
    assert.ok(doc.pages[0].lines.every((l) => l.confidence >= 0 && l.confidence <= 1 && l.bbox.x1 > l.bbox.x0));
    assert.ok(doc.text.includes(truth(file).amount_total.toFixed(2)), 'the printed total is in the text');
    assert.match(doc.text, /TAMAN DAYA/);
  });

  test('an upside-down scan is turned and read', async () => {
    const doc = await read('engine/receipt-upside-down.jpg');
    assert.equal(doc.pages[0].rotation, 180);
    assert.match(doc.text, /TAMAN DAYA/);
    const unturned = await read('engine/receipt-upside-down.jpg', { autoRotate: false });
    assert.ok(unturned.pages[0].confidence < doc.pages[0].confidence);
  });

  test('a receipt lying sideways in a portrait photo is turned and read', async () => {
    // the receipt turned a quarter and laid on a white portrait frame, as a phone photo whose orientation tag says upright
    const sideways = await sharp(load('engine/receipt.png')).rotate(90)
      .extend({ top: 500, bottom: 500, background: '#ffffff' }).flatten({ background: '#ffffff' }).jpeg().toBuffer();
    const meta = await sharp(sideways).metadata();
    assert.ok((meta.height ?? 0) > (meta.width ?? 0), 'a portrait frame');
    const doc = await readDocument(sideways, 'sideways.jpg', opts());
    assert.ok([90, 270].includes(doc.pages[0].rotation), `turned a quarter, got ${doc.pages[0].rotation}`);
    assert.match(doc.text, /TAMAN ?DAYA/);
    // the page is the turned frame the boxes stand in: landscape, every line inside it
    const page = doc.pages[0];
    assert.ok(page.width > page.height, `a turned portrait is landscape, got ${page.width} × ${page.height}`);
    for (const line of page.lines) assert.ok(line.bbox.x1 <= page.width + 1 && line.bbox.y1 <= page.height + 1, JSON.stringify(line.bbox));
  });

  test('a slip lying sideways, lit at one end, is read whole, not cut to its lit end', async () => {
    // a phone photo of a slip on a dark table, its tag upright: the slip lies across the frame, three quarters of it in
    // shade; the lit end alone looks like a tall slip of its own
    const side = await sharp(load('engine/receipt.png')).rotate(90).toBuffer();
    const { width = 0, height = 0 } = await sharp(side).metadata();
    const shade = await sharp({ create: { width: Math.round(width * 0.75), height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.3 } } }).png().toBuffer();
    const photo = await sharp({ create: { width: width + 200, height: height + 300, channels: 3, background: { r: 60, g: 60, b: 60 } } })
      .composite([{ input: await sharp(side).composite([{ input: shade, left: 0, top: 0 }]).png().toBuffer(), left: 100, top: 150 }])
      .jpeg().toBuffer();
    assert.ok(await findPaper(photo), 'the lit end is taken for a paper');
    const doc = await readDocument(photo, 'sideways-lit-end.jpg', opts());
    assert.ok([90, 270].includes(doc.pages[0].rotation), `turned a quarter, got ${doc.pages[0].rotation}`);
    assert.match(doc.text, /TAMAN ?DAYA/, 'the lit end is read');
    assert.match(doc.text, /CASH BILL/i, 'and the shaded rest of the slip');
  });

  test('PNG, WEBP and BMP (decoded without libvips) read the same receipt', async () => {
    for (const file of ['engine/receipt.png', 'engine/receipt.webp', 'engine/receipt.bmp']) {
      const doc = await read(file);
      assert.match(doc.text, /TAMAN DAYA/, file);
    }
  });

  test('a multi-page TIFF gives one OCR page per frame', async () => {
    const doc = await read('engine/receipts-2-pages.tif');
    assert.equal(doc.pageCount, 2);
    assert.match(doc.pages[0].text, /TAMAN DAYA/);
    assert.notEqual(doc.pages[1].text, doc.pages[0].text);
  });
});

describe('bad input gives a typed error, never a crash', () => {
  test('empty, unknown, truncated and oversized files', async () => {
    await rejectsWith(read('engine/empty.pdf'), 'EMPTY_FILE');
    await rejectsWith(read('engine/random.bin'), 'UNSUPPORTED_TYPE');
    await rejectsWith(read('engine/truncated.pdf'), 'CORRUPT_FILE');
    await rejectsWith(read('engine/huge-81mp.png'), 'TOO_MANY_PIXELS');
    await rejectsWith(read('engine/receipt.png', { limits: resolveLimits({ maxBytes: 1000 }) }), 'TOO_LARGE');
    await rejectsWith(read('engine/mixed-text-and-scan.pdf', { limits: resolveLimits({ maxPages: 1 }) }), 'TOO_MANY_PAGES');
    await rejectsWith(read('engine/receipts-2-pages.tif', { limits: resolveLimits({ maxPages: 1 }) }), 'TOO_MANY_PAGES');
  });

  test('a JPEG cut in half is CORRUPT_FILE', async () => {
    const jpeg = load('documents/sroie/sroie-000.jpg');
    await rejectsWith(readDocument(jpeg.subarray(0, jpeg.length >> 1), 'half.jpg', opts()), 'CORRUPT_FILE');
  });

  test('a page whose OCR overruns its time limit is TIMEOUT', async () => {
    await rejectsWith(read('engine/receipt.png', { limits: resolveLimits({ ocrTimeoutMs: 1 }) }), 'TIMEOUT');
  });
});
