// Run as a child process by test/pipeline/ocr-quiet.test.ts: OCRs a line holding one thin blob (what Tesseract
// calls "too small to scale") and prints "done"; anything else on stdout or stderr is what the test looks for.
import sharp from 'sharp';
import { OcrPool } from '../../src/pipeline/ocr/pool.js';

const bar = await sharp({ create: { width: 2, height: 30, channels: 3, background: 'black' } }).png().toBuffer();
const png = await sharp({ create: { width: 400, height: 36, channels: 3, background: 'white' } })
  .composite([{ input: bar, left: 100, top: 3 }]).png().toBuffer();
const pool = new OcrPool({ langs: ['eng'], workers: 1 });
try {
  await pool.recognize(png, '7');
  process.stdout.write('done');
} finally {
  await pool.close();
}
