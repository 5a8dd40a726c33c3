import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { FAX_QR_MAX_PIXELS } from '../../../src/pipeline/qr/find.js';
import { embeddedImages } from '../../../src/pipeline/qr/pdf-images.js';
import { decodeQrCodes } from '../../../src/pipeline/qr/zxing.js';

// An image XObject as PDF writers store one: Flate with PNG row filters (one filter type byte per row).
function pngFiltered(pixels: Buffer, width: number, height: number): Buffer {
  const out: number[] = [];
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : pixels[y * width + x]);
  for (let y = 0; y < height; y++) {
    const type = y % 5; // None, Sub, Up, Average, Paeth in turn
    out.push(type);
    for (let x = 0; x < width; x++) {
      const [a, b, c] = [at(x - 1, y), at(x, y - 1), at(x - 1, y - 1)];
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][type];
      out.push((at(x, y) - pred) & 0xff);
    }
  }
  return Buffer.from(out);
}

test('decodes a Flate image with PNG predictors back to its pixels', () => {
  const [w, h] = [60, 50];
  const pixels = Buffer.from(Array.from({ length: w * h }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff));
  const stream = deflateSync(pngFiltered(pixels, w, h));
  const pdf = Buffer.concat([
    Buffer.from(`%PDF-1.7\n4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /Columns ${w} >> /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  const { images, undecodable } = embeddedImages(pdf);
  assert.equal(undecodable, 0);
  assert.equal(images.length, 1);
  const image = images[0];
  assert.equal(image.kind, 'raw');
  if (image.kind === 'raw') {
    assert.equal(image.channels, 1);
    assert.ok(image.data.equals(pixels));
  }
});

test('decodes a Flate image whose output spans several zlib output chunks', () => {
  // a bill's logos, 429,390 bytes decoded (a zlib stream with an 8 KiB window): Node's inflateSync bounded by
  // maxOutputLength alone failed on it ("invalid distance too far back"), and the page was rendered instead (≈1 s CPU)
  const bill = embeddedImages(readFileSync(new URL('../../../fixtures/documents/invoices3-text/edison_energia_5752579729.pdf', import.meta.url)));
  assert.equal(bill.undecodable, 0);
  assert.deepEqual(bill.images.map((i) => [i.kind, i.width, i.height, i.kind === 'raw' ? i.channels : 0]), [['raw', 1101, 130, 3], ['raw', 548, 308, 3]]);
});

test('JPEG logos are handed over as they are; tiny images and other forms are told apart', () => {
  const logos = embeddedImages(readFileSync(new URL('../../../fixtures/documents/facturx/ZUGFeRDv2__correct__FNFE-factur-x-examples__Facture_DOM_BASICWL.pdf', import.meta.url)));
  assert.deepEqual(logos.images.map((i) => [i.kind, i.width, i.height]), [['jpeg', 94, 94], ['jpeg', 150, 143]]);
  assert.equal(logos.images[0].data.subarray(0, 2).toString('hex'), 'ffd8'); // a JPEG's start of image
  const ccitt = Buffer.from('1 0 obj << /Subtype /Image /Width 800 /Height 600 /BitsPerComponent 1 /Filter /CCITTFaxDecode /Length 3 >>\nstream\nabc\nendstream', 'latin1');
  assert.deepEqual(embeddedImages(ccitt), { images: [], undecodable: 1 });
  const icon = Buffer.from('1 0 obj << /Subtype /Image /Width 16 /Height 16 /Filter /DCTDecode /Length 3 >>\nstream\nabc\nendstream', 'latin1');
  assert.deepEqual(embeddedImages(icon), { images: [], undecodable: 0 });
});

test('palette images (an indirect Flate palette, 4-bit indices, PNG predictors) and 1-bit grey decode to their pixels', () => {
  // a bill's logo stored as /Indexed: before, counted undecodable and its page rendered for the QR search (≈0.3 s CPU)
  const [w, h] = [50, 44];
  const indices = Array.from({ length: w * h }, (_, i) => (i * 7 + (i >> 4)) % 3);
  const rowBytes = Math.ceil((w * 4) / 8);
  const packed = Buffer.alloc(rowBytes * h);
  indices.forEach((v, i) => {
    const [x, y] = [i % w, Math.floor(i / w)];
    packed[y * rowBytes + (x >> 1)] |= x % 2 ? v : v << 4;
  });
  const stream = deflateSync(pngFiltered(packed, rowBytes, h));
  const palette = deflateSync(Buffer.from([255, 255, 255, 0, 0, 0, 200, 10, 20]));
  const bits = [1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0].flatMap((b, i, all) => (i % 8 === 0 ? [all.slice(i, i + 8).reduce((t, v) => t * 2 + v, 0)] : []));
  const grey = deflateSync(Buffer.concat(Array.from({ length: 42 }, () => Buffer.from([...bits, 0, 0, 0, 0]))));
  const pdf = Buffer.concat([
    Buffer.from(`%PDF-1.7\n3 0 obj\n<< /Length ${palette.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), palette, Buffer.from('\nendstream\nendobj\n', 'latin1'),
    Buffer.from(`4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace [/Indexed /DeviceRGB 2 3 0 R] /BitsPerComponent 4 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 4 /Columns ${w} >> /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream, Buffer.from('\nendstream\nendobj\n', 'latin1'),
    Buffer.from(`5 0 obj\n<< /Type /XObject /Subtype /Image /Width 42 /Height 42 /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [0 1] /Filter /FlateDecode /Length ${grey.length} >>\nstream\n`, 'latin1'),
    grey, Buffer.from('\nendstream\nendobj\n', 'latin1'),
    Buffer.from(`6 0 obj\n<< /Type /XObject /Subtype /Image /Width 42 /Height 42 /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode /Length ${grey.length} >>\nstream\n`, 'latin1'),
    grey, Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
  const { images, undecodable } = embeddedImages(pdf);
  assert.equal(undecodable, 1); // inverted samples are left to the renderer
  assert.equal(images.length, 2);
  const [logo, mark] = images;
  assert.ok(logo.kind === 'raw' && logo.channels === 3);
  const colours = [[255, 255, 255], [0, 0, 0], [200, 10, 20]];
  assert.ok(logo.data.equals(Buffer.from(indices.flatMap((v) => colours[v]))));
  assert.ok(mark.kind === 'raw' && mark.channels === 1 && mark.width === 42);
  assert.deepEqual([...mark.data.subarray(0, 16)], [1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0].map((b) => b * 255));
  // a tune bill's logo whose palette is an object of its own: decoded from the file, no page rendered
  const bill = embeddedImages(readFileSync(new URL('../../../fixtures/documents/invoices2-text/oz_export_2452493.pdf', import.meta.url)));
  assert.equal(bill.undecodable, 0);
});

/** One Flate image object of `w`×`h` at `bits`, its colour space as given. */
const imageObject = (num: number, cs: string, data: Buffer, w = 50, h = 50, bits = 8) => Buffer.concat([
  Buffer.from(`${num} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace ${cs} /BitsPerComponent ${bits} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'),
  data, Buffer.from('\nendstream\nendobj\n', 'latin1'),
]);

test('a palette object is found in one pass over the file, however many images refer to it', () => {
  // 20 MB of "1 " and 200 palette images referring to "1 1 R": one regex over the file per image took 25 s
  const parts = [Buffer.from('1 '.repeat(10 * 1024 * 1024))];
  const image = `<< /Subtype /Image /Width 50 /Height 50 /ColorSpace [/Indexed /DeviceRGB 1 1 1 R] /BitsPerComponent 8 /Filter /FlateDecode /Length 1 >>\nstream\nx\nendstream\n`;
  for (let i = 0; i < 200; i++) parts.push(Buffer.from(image));
  const started = performance.now();
  assert.equal(embeddedImages(Buffer.concat(parts)).undecodable, 200);
  assert.ok(performance.now() - started < 5000, `${Math.round(performance.now() - started)} ms`);
});

test('a colour space given by reference is read where it stands: an /Indexed one is a palette, not grey', () => {
  const indices = deflateSync(Buffer.alloc(2500, 1));
  const pdf = Buffer.concat([Buffer.from('7 0 obj\n[/Indexed /DeviceRGB 1 <ffffff102030>]\nendobj\n'), imageObject(8, '7 0 R', indices)]);
  const { images } = embeddedImages(pdf);
  assert.equal(images.length, 1);
  const [logo] = images;
  assert.ok(logo.kind === 'raw' && logo.channels === 3);
  assert.deepEqual([...logo.data.subarray(0, 6)], [16, 32, 48, 16, 32, 48]);
  // a reference that does not resolve (an object stream's): one sample a pixel may be a palette's index — rendered
  assert.equal(embeddedImages(imageObject(8, '9 0 R', indices)).undecodable, 1);
  // ... three are no palette's: decoded as before
  assert.equal(embeddedImages(imageObject(8, '9 0 R', deflateSync(Buffer.alloc(7500, 1)))).images.length, 1);
});

test('a palette stream is its /Length bytes, and one with /DecodeParms is left to the renderer', () => {
  const indices = deflateSync(Buffer.alloc(2500, 1));
  // five palette bytes for two RGB entries (six): the line break before endstream is no sixth
  const short = Buffer.concat([Buffer.from('9 0 obj\n<< /Length 5 >>\nstream\n'), Buffer.from([1, 2, 3, 4, 5]), Buffer.from('\nendstream\nendobj\n'), imageObject(10, '[/Indexed /DeviceRGB 1 9 0 R]', indices)]);
  assert.equal(embeddedImages(short).undecodable, 1);
  // a length given by reference ("/Length 12 0 R": no length of 1) ends the data before the line break
  const whole = Buffer.concat([Buffer.from('9 0 obj\n<< /Length 12 0 R >>\nstream\n'), Buffer.from([1, 2, 3, 4, 5, 6]), Buffer.from('\nendstream\nendobj\n'), imageObject(10, '[/Indexed /DeviceRGB 1 9 0 R]', indices)]);
  const [read] = embeddedImages(whole).images;
  assert.ok(read?.kind === 'raw' && read.data.subarray(0, 3).equals(Buffer.from([4, 5, 6])));
  const predicted = deflateSync(Buffer.from([0, 255, 0, 0, 0, 0, 255]));
  const withParms = Buffer.concat([
    Buffer.from(`9 0 obj\n<< /Length ${predicted.length} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 6 >> >>\nstream\n`), predicted, Buffer.from('\nendstream\nendobj\n'),
    imageObject(10, '[/Indexed /DeviceRGB 1 9 0 R]', indices),
  ]);
  assert.equal(embeddedImages(withParms).undecodable, 1);
});

test('a packed image larger than the decoding budget left is not decoded (its page is rendered)', () => {
  // six 5000×5000 1-bit palette images over grey (25 MB decoded each, under the one-image cap): a few KB asking for
  // 150 MB pixel by pixel; the file's budget (128 MB) stops the sixth
  const side = 5000;
  const data = deflateSync(Buffer.alloc((side / 8) * side));
  const pdf = Buffer.concat([1, 2, 3, 4, 5, 6].map((n) => imageObject(n, '[/Indexed /DeviceGray 1 <ff00>]', data, side, side, 1)));
  const { images, undecodable } = embeddedImages(pdf);
  assert.equal(images.length, 5);
  assert.equal(undecodable, 1);
});

test('one packed image that would expand past the one-image cap is left to the renderer, in the main process nothing is decoded', () => {
  // a 5000×5000 1-bit palette image over RGB: 9.7 KB asking for 75 MB and half a second of pixel-by-pixel decoding
  const side = 5000;
  const data = deflateSync(Buffer.alloc((side / 8) * side));
  const { images, undecodable } = embeddedImages(imageObject(1, '[/Indexed /DeviceRGB 1 <ffffff000000>]', data, side, side, 1));
  assert.equal(images.length, 0);
  assert.equal(undecodable, 1);
  // a 300 dpi A4 page's palette image (26 MB over RGB) is still read from the file
  const [w, h] = [2480, 3508];
  const a4 = deflateSync(Buffer.alloc(Math.ceil(w / 8) * h));
  assert.equal(embeddedImages(imageObject(1, '[/Indexed /DeviceRGB 1 <ffffff000000>]', a4, w, h, 1)).images.length, 1);
});

// Till slips scanned into PDFs as one CCITT Group 4 image a page: wrapped as a TIFF (qr/fax-tiff.ts) instead of
// rendering each page at 150 dpi (≈1–3 s of CPU a slip) to look for a code.
const tuneSlip = (name: string) => readFileSync(new URL(`../../../fixtures/documents/receipts7/${name}`, import.meta.url));

test('decodes a CCITT Group 4 till slip from the file\'s bytes, and the QR code printed on it', async () => {
  const { images, undecodable } = embeddedImages(tuneSlip('bioburger_montparnasse_20240317.pdf'));
  assert.equal(undecodable, 0);
  assert.deepEqual(images.map((i) => [i.kind, i.width, i.height]), [['tiff', 1854, 6290], ['tiff', 1854, 6290]]);
  // read as the QR search reads a fax image: scaled down to FAX_QR_MAX_PIXELS (this one 11.7 MP, its code still read)
  const found = await decodeQrCodes(images[0]!.data, { maxPixels: FAX_QR_MAX_PIXELS });
  assert.equal(found.length, 1); // the slip's loyalty code (no payment code: no page needs rendering)
});

/** The mean grey of a decoded image: a till slip is mostly white paper. */
async function meanGrey(pdf: Buffer): Promise<number> {
  const [image] = embeddedImages(pdf).images;
  assert.ok(image && image.kind === 'tiff');
  return (await sharp(image.data).greyscale().stats()).channels[0]!.mean;
}

test('a fax image\'s /BlackIs1 and /Decode each flip its grey, as the renderer draws it', async () => {
  // this slip says /Decode [ 1 0 ] with /BlackIs1 true: the two flips undo each other, the paper is white
  const slip = tuneSlip('dia_valencia_00036631.pdf');
  assert.ok(slip.includes('/Decode [ 1 0 ]') && slip.includes('/BlackIs1 true'));
  assert.ok((await meanGrey(slip)) > 200);
  // one flip alone (same length: the file's offsets hold): the paper is black
  const flipped = Buffer.from(slip.toString('latin1').replace('/Decode [ 1 0 ]', '/Decode [ 0 1 ]'), 'latin1');
  assert.ok((await meanGrey(flipped)) < 55);
});

test('fax forms a TIFF does not say the same way are left to the renderer', () => {
  const slip = tuneSlip('horeto_paul_puteaux_R866460.2760.pdf').toString('latin1');
  assert.equal(embeddedImages(Buffer.from(slip, 'latin1')).undecodable, 0);
  const variants = [
    slip.replace('/K -1', '/K 0 '), // Group 3
    slip.replace('/K -1 /Columns 1846', '/K -1 /Columns 1845'), // columns other than the width
    slip.replace('/K -1', '/K -1 /EncodedByteAlign true'), // rows aligned to bytes
    slip.replace('/Decode [ 0 1 ]', '/Decode [ 0 0 ]'),
  ];
  for (const variant of variants) {
    assert.notEqual(variant, slip);
    assert.equal(embeddedImages(Buffer.from(variant, 'latin1')).undecodable, 1);
  }
});

test('a fax image of a shape far from a page\'s, or past the file\'s pixel budget, is left to the renderer', () => {
  // (review) a few hundred bytes of fax code declaring 595000×42 made the resize before the QR search peak at ≈380 MB
  const slip = tuneSlip('horeto_paul_puteaux_R866460.2760.pdf').toString('latin1');
  const [w, h] = [/\/Width (\d+)/.exec(slip)![1], /\/Height (\d+)/.exec(slip)![1]];
  const reshaped = (width: number, height: number) =>
    Buffer.from(slip.replace(`/Width ${w}`, `/Width ${width}`).replace(`/Height ${h}`, `/Height ${height}`).replace(`/Columns ${w}`, `/Columns ${width}`), 'latin1');
  assert.equal(embeddedImages(reshaped(59500, 420)).undecodable, 1, 'a strip 140 times as long as wide');
  assert.equal(embeddedImages(reshaped(17000, 1400)).undecodable, 1, 'a side past 16000');
  // the file's decoding budget counts a fax image's pixels, not its few compressed bytes: 200 slips of 4.9 MP each
  // (5.6 MP apiece counted) are not all decoded
  const objects = slip.slice(slip.lastIndexOf('obj', slip.indexOf('CCITTFaxDecode')) - 6, slip.indexOf('endobj', slip.indexOf('CCITTFaxDecode')) + 6);
  const many = Buffer.from(Array.from({ length: 40 }, () => objects).join('\n'), 'latin1');
  const { images, undecodable } = embeddedImages(many);
  assert.ok(undecodable > 0 && images.length < 40, `${images.length} decoded, ${undecodable} left`);
});

