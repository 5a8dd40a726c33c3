import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { DEFAULT_LIMITS } from '../../src/pipeline/limits.js';
import { PdfReaders } from '../../src/pipeline/pdf-readers.js';

// The letterhead look (image-band.ts) renders only the top of a page, from a PDF opened again without its text.
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/documents/${p}`, import.meta.url));
const readers = new PdfReaders({ size: 1, maxRssMb: DEFAULT_LIMITS.pdfMemoryMb });
after(() => readers.close());

test("a page's top rendered alone has the whole page's pixels there, at the whole page's scale", async () => {
  const data = await readFile(fixture('invoices2-text/liot_2051426.pdf'));
  const pdf = await readers.open(data, { maxImagePixels: DEFAULT_LIMITS.maxPixels, maxPages: 5, attachments: false, textLayers: false, stepMs: 60_000 });
  try {
    assert.deepEqual(pdf.pages, []); // opened to render only: its text is not read again
    const full = await pdf.render(1, 200, 4_000_000);
    const top = await pdf.render(1, 200, 4_000_000, { topPt: 200 });
    assert.ok(!full.blank && !top.blank);
    assert.equal(top.scale, full.scale);
    assert.equal(top.width, full.width);
    assert.equal(top.height, Math.ceil(200 * full.scale));
    assert.ok(top.height < full.height / 3);
    // a margin above the canvas's end: pixels there are smoothed against nothing below (image-band.ts RENDER_BELOW_PT)
    const rows = top.height - 40;
    const a = await sharp(full.png).extract({ left: 0, top: 0, width: full.width, height: rows }).raw().toBuffer();
    const b = await sharp(top.png).extract({ left: 0, top: 0, width: top.width, height: rows }).raw().toBuffer();
    assert.ok(a.equals(b));
  } finally {
    pdf.close();
  }
});

test('a PDF opened with its text reads every page as before', async () => {
  const data = await readFile(fixture('invoices2-text/liot_2051426.pdf'));
  const pdf = await readers.open(data, { maxImagePixels: DEFAULT_LIMITS.maxPixels, maxPages: 5, attachments: false, stepMs: 60_000 });
  try {
    assert.equal(pdf.pages.length, pdf.pageCount);
    assert.ok(pdf.pages[0].text.length > 100);
  } finally {
    pdf.close();
  }
});

test('a page looked at for a code held in an image is rendered only when it paints an image', async () => {
  const render = async (file: string) => {
    const pdf = await readers.open(await readFile(fixture(file)), { maxImagePixels: DEFAULT_LIMITS.maxPixels, maxPages: 5, attachments: false, textLayers: false, stepMs: 60_000 });
    try {
      return [await pdf.render(1, 150, 4_000_000, { imagesOnly: true }), await pdf.render(1, 150, 4_000_000)];
    } finally {
      pdf.close();
    }
  };
  const [textOnly, textOnlyAnyway] = await render('facturx/XML-Rechnung__FX__EN16931_Einfach.pdf'); // text and lines, no image
  assert.equal(textOnly.blank, true);
  assert.notEqual(textOnlyAnyway.blank, true);
  const [withImage] = await render('qr/swiss-gen-01-qrr.pdf'); // a QR-bill pasted as an image
  assert.notEqual(withImage.blank, true);
});
