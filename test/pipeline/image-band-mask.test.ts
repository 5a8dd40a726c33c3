// The letterhead look's masking (src/pipeline/image-band.ts): the band is cut out of the rendering and masked in one
// pass, raw; its pixels must be those of masking the whole rendering and then cutting the band (the OCR input, and
// the OCR cache's key, do not change).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import type { TextLine } from '../../src/pipeline/document.js';
import { maskedBand } from '../../src/pipeline/image-band.js';

test('a band masked alone has the pixels of the whole masked rendering there', async () => {
  const [width, height] = [420, 330];
  // a "rendering": grey stripes, so that every white box shows, with fractional edges
  const pixels = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.fill((i % width) % 7 === 0 ? 40 : 190, i * 4, i * 4 + 3).writeUInt8(255, i * 4 + 3);
  const png = await sharp(pixels, { raw: { width, height, channels: 4 } }).png().toBuffer();
  const scale = 200 / 72;
  const line = (y0: number, y1: number, x0 = 10.37, x1 = 120.91): TextLine => ({ text: 'x', confidence: 1, bbox: { x0, x1, y0, y1 } });
  // above the band, crossing its top, inside, crossing its bottom, below it, and one reaching the page's end
  const lines = [line(3.3, 9.7), line(27.15, 35.55), line(50.05, 57.45, 60.2, 140.6), line(86.6, 94.35), line(100.1, 106.7), line(112.3, 130)];
  const [top, bottom] = [83, 251];
  const rects = lines.map((l) => {
    const pad = (l.bbox.y1 - l.bbox.y0) * 0.2;
    const x = Math.max(0, (l.bbox.x0 - pad) * scale);
    const y = Math.max(0, (l.bbox.y0 - pad) * scale);
    const w = Math.min(width - x, (l.bbox.x1 - l.bbox.x0 + 2 * pad) * scale);
    const h = Math.min(height - y, (l.bbox.y1 - l.bbox.y0 + 2 * pad) * scale);
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}"/>`;
  });
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g fill="#fff">${rects.join('')}</g></svg>`);
  const whole = await sharp(png).composite([{ input: svg, left: 0, top: 0 }]).png().toBuffer();
  const expected = await sharp(whole).extract({ left: 0, top, width, height: bottom - top }).raw().toBuffer();
  const band = await sharp(await maskedBand(png, lines, scale, { top, height: bottom - top, width, pageHeight: height })).raw().toBuffer({ resolveWithObject: true });
  assert.equal(band.info.width, width);
  assert.equal(band.info.height, bottom - top);
  assert.ok(band.data.equals(expected), 'the same pixels');
});
