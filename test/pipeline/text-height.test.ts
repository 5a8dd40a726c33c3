import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { prepareForOcr, SHIPPED_PREP } from '../../src/pipeline/image.js';
import { resolveLimits } from '../../src/pipeline/limits.js';
import { estimateTextHeight, otsuThreshold } from '../../src/pipeline/text-height.js';

/** A receipt-like strip: rows of separate dark "letters" `glyph` px tall (each a box and a bar, like a printed
 * character), with a rule across and a few specks, drawn as SVG so the sizes are exact. */
function strip(width: number, glyph: number, opts: { grey?: boolean } = {}): Promise<Buffer> {
  const ink = opts.grey ? '#777777' : '#101010';
  const paper = opts.grey ? '#d8d8d8' : '#fbfbfb';
  const letterWidth = Math.round(glyph * 0.6);
  const rows: string[] = [];
  let y = glyph;
  for (let row = 0; y + glyph * 2 < width * 2.2; row++, y += Math.round(glyph * 1.8)) {
    if (row === 3) rows.push(`<rect x="4" y="${y}" width="${width - 8}" height="2" fill="${ink}"/>`); // a rule: not a letter
    const stroke = Math.max(1, Math.round(glyph / 8));
    for (let x = 8 + (row % 3) * 4; x + letterWidth < width - 8; x += letterWidth + Math.max(2, Math.round(glyph * 0.25))) {
      // the outline's outer edge is `glyph` tall: the stroke is centred on the rectangle's edge
      const box = `x="${x + stroke / 2}" y="${y + stroke / 2}" width="${letterWidth - stroke}" height="${glyph - stroke}"`;
      rows.push(`<rect ${box} fill="none" stroke="${ink}" stroke-width="${stroke}"/>`);
    }
    rows.push(`<rect x="${(row * 37) % width}" y="${y + glyph + 2}" width="1" height="1" fill="${ink}"/>`); // a speck
  }
  const height = Math.round(width * 2.2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${paper}"/>${rows.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

test("the text's height is the median character height, whatever the image's size", async () => {
  for (const [width, glyph] of [[460, 10], [900, 24], [2600, 60]] as const) {
    const estimate = await estimateTextHeight(await strip(width, glyph));
    assert.ok(estimate !== null, `${width} px wide, ${glyph} px letters: no estimate`);
    assert.ok(Math.abs(estimate - glyph) <= Math.max(2, glyph * 0.1), `${width} px wide, ${glyph} px letters: estimated ${estimate}`);
  }
});

test('faint grey print on grey paper is measured too (the ink is split from the paper by its own histogram)', async () => {
  const estimate = await estimateTextHeight(await strip(460, 12, { grey: true }));
  assert.ok(estimate !== null && Math.abs(estimate - 12) <= 2, `estimated ${estimate}`);
});

test('an image with no text, or only a few marks, gives no estimate', async () => {
  const blank = await sharp({ create: { width: 400, height: 900, channels: 3, background: '#ffffff' } }).png().toBuffer();
  assert.equal(await estimateTextHeight(blank), null);
  const marks = await sharp({ create: { width: 400, height: 900, channels: 3, background: '#ffffff' } })
    .composite([{ input: { create: { width: 30, height: 30, channels: 3, background: '#000000' } }, left: 100, top: 100 }])
    .png()
    .toBuffer();
  assert.equal(await estimateTextHeight(marks), null);
});

test("Otsu's threshold falls between the ink's and the paper's grey", () => {
  const gray = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 40 + (i % 7) : 220 - (i % 5)));
  const t = otsuThreshold(gray);
  assert.ok(t >= 46 && t < 216, `threshold ${t}`);
});

test('OCR preparation with a text height target upscales small print to it, and leaves large print as it is', async () => {
  const limits = resolveLimits();
  const prep = { ...SHIPPED_PREP, textHeight: 24 };
  const small = await prepareForOcr(await strip(460, 10), 0, limits, { preprocess: true, prep });
  assert.ok(Math.abs(small.scale - 2.4) < 0.25, `scale ${small.scale}`);
  assert.ok(Math.abs(small.width - 460 * small.scale) <= 1);
  const large = await prepareForOcr(await strip(900, 30), 0, limits, { preprocess: true, prep });
  assert.equal(large.scale, 1);
});
