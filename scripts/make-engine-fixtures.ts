// Builds the engine's edge-case fixtures from real corpus documents (kept in fixtures/engine, see README there).
import fs from 'node:fs';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
const D = new URL('../fixtures/documents', import.meta.url).pathname;
const O = new URL('../fixtures/engine', import.meta.url).pathname;
const receipt = fs.readFileSync(`${D}/sroie/sroie-000.jpg`);
const receipt2 = fs.readFileSync(`${D}/sroie/sroie-003.jpg`);
// upside-down receipt
await sharp(receipt).rotate(180).jpeg({ quality: 85 }).toFile(`${O}/receipt-upside-down.jpg`);
await sharp(receipt).png().toFile(`${O}/receipt.png`);
await sharp(receipt).webp({ quality: 85 }).toFile(`${O}/receipt.webp`);
await sharp(receipt).tiff({ compression: 'lzw' }).toFile(`/tmp/p1.tif`);
await sharp(receipt2).tiff({ compression: 'lzw' }).toFile(`/tmp/p2.tif`);
// mixed PDF: page 1 text layer from a real invoice, page 2 a scanned receipt
const src = await PDFDocument.load(fs.readFileSync(`${D}/oca-pdf/` + fs.readdirSync(`${D}/oca-pdf`).find((f) => f.endsWith('.pdf'))));
const mixed = await PDFDocument.create();
const [p1] = await mixed.copyPages(src, [0]);
mixed.addPage(p1);
const jpg = await mixed.embedJpg(receipt);
const page = mixed.addPage([jpg.width * 0.24 * 1.0, jpg.height * 0.24]);
page.drawImage(jpg, { x: 0, y: 0, width: jpg.width * 0.24, height: jpg.height * 0.24 });
fs.writeFileSync(`${O}/mixed-text-and-scan.pdf`, await mixed.save());
// a PDF with a text layer for truncation
const full = fs.readFileSync(`${O}/mixed-text-and-scan.pdf`);
fs.writeFileSync(`${O}/truncated.pdf`, full.subarray(0, Math.floor(full.length / 3)));
// an image that claims 9000x9000 pixels (81 MP) but compresses to little
await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toFile(`${O}/huge-81mp.png`);
// BMP: 24-bit uncompressed, written by hand (libvips has no BMP encoder)
const { data, info } = await sharp(receipt).resize(600).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const row = Math.ceil((info.width * 3) / 4) * 4;
const bmp = Buffer.alloc(54 + row * info.height);
bmp.write('BM', 0); bmp.writeUInt32LE(bmp.length, 2); bmp.writeUInt32LE(54, 10); bmp.writeUInt32LE(40, 14);
bmp.writeInt32LE(info.width, 18); bmp.writeInt32LE(info.height, 22); bmp.writeUInt16LE(1, 26); bmp.writeUInt16LE(24, 28);
bmp.writeUInt32LE(row * info.height, 34);
for (let y = 0; y < info.height; y++) for (let x = 0; x < info.width; x++) {
  const s = (y * info.width + x) * 3, d = 54 + (info.height - 1 - y) * row + x * 3;
  bmp[d] = data[s + 2]; bmp[d + 1] = data[s + 1]; bmp[d + 2] = data[s];
}
fs.writeFileSync(`${O}/receipt.bmp`, bmp);
