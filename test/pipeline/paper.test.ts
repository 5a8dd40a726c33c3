import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp, { type OverlayOptions } from 'sharp';
import { prepareForOcr } from '../../src/pipeline/image.js';
import { resolveLimits } from '../../src/pipeline/limits.js';
import { findPaper } from '../../src/pipeline/paper.js';

/** A sheet of `background` grey with a white slip at (left, top) and rows of black "print" on it. */
async function scan(opts: { width: number; height: number; background: number; slip?: { left: number; top: number; width: number; height: number } }): Promise<Buffer> {
  const { width, height, background, slip } = opts;
  const layers: OverlayOptions[] = [];
  if (slip) {
    layers.push({ input: { create: { width: slip.width, height: slip.height, channels: 3, background: '#f4f4f4' } }, left: slip.left, top: slip.top });
    for (let y = slip.top + 40; y < slip.top + slip.height - 40; y += 60)
      layers.push({ input: { create: { width: Math.round(slip.width * 0.7), height: 14, channels: 3, background: '#111111' } }, left: slip.left + 30, top: y });
  }
  return sharp({ create: { width, height, channels: 3, background: { r: background, g: background, b: background } } })
    .composite(layers)
    .png()
    .toBuffer();
}

test('a till slip lying on a grey flatbed lid is found, with a margin', async () => {
  const slip = { left: 1200, top: 0, width: 500, height: 2000 };
  const box = await findPaper(await scan({ width: 1800, height: 2500, background: 160, slip }));
  assert.ok(box);
  assert.ok(box.left <= slip.left && box.left >= slip.left - 80, `left ${box.left}`);
  assert.ok(box.width >= slip.width && box.width <= slip.width + 160, `width ${box.width}`);
  assert.ok(box.top + box.height >= slip.height && box.top + box.height <= slip.height + 120, `bottom ${box.top + box.height}`);
});

test('a page that is all paper, a wide bright band, or a slip on a background as light as it are left whole', async () => {
  assert.equal(await findPaper(await scan({ width: 1700, height: 2300, background: 245 })), null);
  assert.equal(await findPaper(await scan({ width: 1800, height: 2500, background: 150, slip: { left: 0, top: 0, width: 1800, height: 1200 } })), null);
  assert.equal(await findPaper(await scan({ width: 1800, height: 2500, background: 225, slip: { left: 1200, top: 0, width: 500, height: 2000 } })), null);
});

test('a bright band far longer than a slip is wide is the lit edge of a slip, not a slip: the page is left whole', async () => {
  // a phone photo of a slip lying on a dark table, all but its right edge in shade: the edge is 12 times as long as wide
  const edge = { left: 1200, top: 200, width: 160, height: 2000 };
  assert.equal(await findPaper(await scan({ width: 1800, height: 2500, background: 60, slip: edge })), null);
  // a long slip of a till roll's proportions is still found
  assert.ok(await findPaper(await scan({ width: 1800, height: 2500, background: 60, slip: { ...edge, width: 320 } })));
});

test('OCR preparation reads the slip alone as a strip and says where it stands on the page', async () => {
  const prepared = await prepareForOcr(await scan({ width: 1800, height: 2500, background: 40, slip: { left: 1200, top: 300, width: 500, height: 1900 } }), 0, resolveLimits(), { preprocess: true });
  assert.equal(prepared.layout, 'strip');
  assert.ok(prepared.left > 1100 && prepared.left <= 1200);
  assert.ok(prepared.top > 200 && prepared.top <= 300);
  assert.equal(prepared.originalWidth, 1800);
  assert.equal(prepared.originalHeight, 2500);
});
