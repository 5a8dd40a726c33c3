// Generators of hostile documents, shared by the tests (small sizes, so a test stays fast) and by
// `npm run bench:hostile` (the sizes of the attacks they stand for). Every file is made from a few lines of code:
// no committed blobs. PDFs are written by hand (rawPdf) where pdf-lib would refuse to write the broken structure.
import { constants, crc32, createDeflate, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A PDF from its object bodies (object n is bodies[n - 1]), with a correct cross-reference table. Object 1 must be
 * the catalog. A body is a string, or a dictionary string plus stream bytes. */
export function rawPdf(bodies: (string | { dict: string; stream: Buffer })[], opts: { header?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(opts.header ?? '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(offset);
    const chunk =
      typeof body === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n${body.dict.replace(/>>\s*$/, ` /Length ${body.stream.length} >>`)}\nstream\n`, 'latin1'),
            body.stream,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = ['xref', `0 ${bodies.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)];
  parts.push(Buffer.from(`${xref.join('\n')}\ntrailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** One A4 page whose content stream is `content` (deflated), with Helvetica as /F1 and `extra` objects after it
 * (object 5 onwards) that `resources` may refer to. */
export function onePagePdf(content: Buffer | string, resources = '', extra: (string | { dict: string; stream: Buffer })[] = []): Buffer {
  const stream = deflateSync(Buffer.isBuffer(content) ? content : Buffer.from(content, 'latin1'));
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 ${FONT} >> ${resources} >> >>`,
    { dict: '<< /Filter /FlateDecode >>', stream },
    ...extra,
  ]);
}

/** A text page a person could have made: enough characters for the text layer to count. */
export const TEXT_PAGE = 'BT /F1 12 Tf 72 760 Td (Invoice 2026-117 from Hostile Test GmbH, total 123.45 EUR) Tj ET';

/** Deflates `size` bytes of `fill` without ever holding them: a stream bomb of any size in a few MB. */
export async function deflatedFill(size: number, fill = 0): Promise<Buffer> {
  const chunk = Buffer.alloc(Math.min(size, 1 << 20), fill);
  const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  for (let left = size; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/** A page that draws one width×height RGB image (all black): a pixel bomb in a small file. */
export async function pdfWithImage(width: number, height: number): Promise<Buffer> {
  const image = await deflatedFill(width * height * 3);
  return onePagePdf(`q 595 0 0 842 0 0 cm /Im0 Do Q`, '/XObject << /Im0 5 0 R >>', [
    { dict: `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode >>`, stream: image },
  ]);
}

/** A content stream that inflates to `size` bytes of spaces (a zip bomb inside a PDF). */
export async function pdfStreamBomb(size: number): Promise<Buffer> {
  const stream = await deflatedFill(size, 0x20);
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 ${FONT} >> >> >>`,
    { dict: '<< /Filter /FlateDecode >>', stream },
  ]);
}

/** `depth` nested save-state operators around a line of text. */
export const pdfNestedQ = (depth: number) => onePagePdf(`${'q '.repeat(depth)}${TEXT_PAGE}${' Q'.repeat(depth)}`);

/** `count` text pieces drawn on one line (one Tj each). */
export const pdfManyPieces = (count: number) =>
  onePagePdf(`BT /F1 1 Tf 10 400 Td ${Array.from({ length: count }, () => '(a) Tj 0.001 0 Td').join(' ')} ET`);

/** A page whose dictionary holds arrays nested `depth` deep (parsed with the page). */
export const pdfDeepArray = (depth: number) =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Deep ${'['.repeat(depth)}${']'.repeat(depth)} /Resources << /Font << /F1 ${FONT} >> >> >>`,
    { dict: '<< >>', stream: Buffer.from(TEXT_PAGE, 'latin1') },
  ]);

/** A page tree whose /Kids point back at the tree itself. */
export const pdfPageTreeLoop = () =>
  rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 3 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 ${FONT} >> >> >>`,
    { dict: '<< >>', stream: Buffer.from(TEXT_PAGE, 'latin1') },
  ]);

/** `pages` empty pages. */
export async function pdfBlankPages(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

/** `pages` pages with a line of text each. */
export async function pdfTextPages(pages: number, text = 'Invoice 2026-117 from Hostile Test GmbH, total 123.45 EUR'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 12, font });
  return Buffer.from(await doc.save());
}

/** A text PDF with `count` attachments; `xml` (if given) is attached last, as factur-x.xml. */
export async function pdfWithAttachments(count: number, xml?: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Invoice 2026-117 from Hostile Test GmbH, total 123.45 EUR', { x: 72, y: 760, size: 12, font });
  for (let i = 0; i < count; i++) await doc.attach(Buffer.from(`note ${i}`), `note-${i}.txt`, { mimeType: 'text/plain' });
  if (xml !== undefined) await doc.attach(Buffer.from(xml), 'factur-x.xml', { mimeType: 'text/xml', afRelationship: 'Alternative' as never });
  return Buffer.from(await doc.save());
}

/** A Factur-X-style PDF whose factur-x.xml is not well-formed, with a readable invoice on its page. */
export async function facturxMalformedXml(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = ['ACME Supplies GmbH', 'Invoice', 'Invoice number: RE-2026-0042', 'Invoice date: 12.03.2026', 'Net 100.00 EUR', 'VAT 19% 19.00 EUR', 'Total 119.00 EUR'];
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 20, size: 12, font }));
  await doc.attach(
    Buffer.from('<?xml version="1.0"?><rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"><rsm:ExchangedDocument><unclosed>'),
    'factur-x.xml',
    { mimeType: 'text/xml' },
  );
  return Buffer.from(await doc.save());
}

/** A BMP header declaring width×height at 8 bits with RLE8 compression, followed by `body` bytes of RLE data
 * (end-of-bitmap), or an uncompressed 24-bit one when `rle` is false. */
export function bmpHeader(width: number, height: number, opts: { rle?: boolean; body?: number } = {}): Buffer {
  const rle = opts.rle ?? true;
  const palette = rle ? 256 * 4 : 0;
  const body = Buffer.alloc(opts.body ?? 64);
  if (rle) for (let i = 0; i + 1 < body.length; i += 2) body[i + 1] = i + 2 >= body.length ? 1 : 0; // end-of-line…, end-of-bitmap
  const header = Buffer.alloc(54 + palette);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(header.length + body.length, 2);
  header.writeUInt32LE(54 + palette, 10);
  header.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(rle ? 8 : 24, 28);
  header.writeUInt32LE(rle ? 1 : 0, 30); // BI_RLE8 / BI_RGB
  header.writeUInt32LE(body.length, 34);
  header.writeUInt32LE(rle ? 256 : 0, 46);
  return Buffer.concat([header, body]);
}

/** A minimal JPEG-looking file whose comment segment says %PDF-. */
export function jpegWithPdfComment(jpeg: Buffer): Buffer {
  const comment = Buffer.from('%PDF-1.4 this is a comment, not a PDF');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, comment, jpeg.subarray(2)]);
}

/** A ZIP archive storing `name` uncompressed (method 0): the stored file's bytes appear verbatim near the start. */
export function zipStoring(name: string, content: Buffer): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, Buffer.from(name), content]);
}

/** UTF-16 text with its byte-order mark. */
export function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

export const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text x="10" y="20">Invoice total 123.45</text></svg>\n';

/** A grayscale TIFF with one page per size, PackBits-compressed (so a 100 MP page is ≈1.6 MB); page content is a
 * mid-grey field with a dark band, so it is not blank. */
export function multiPageTiff(sizes: { width: number; height: number }[]): Buffer {
  const strips = sizes.map(({ width, height }) => {
    const rows: Buffer[] = [];
    for (let y = 0; y < height; y++) {
      const value = y % 20 < 4 ? 0x20 : 0xe0;
      for (let left = width; left > 0; left -= 128) {
        const run = Math.min(128, left);
        rows.push(run === 1 ? Buffer.from([0, value]) : Buffer.from([257 - run, value]));
      }
    }
    return Buffer.concat(rows);
  });
  const ENTRIES = 9;
  const ifdSize = 2 + ENTRIES * 12 + 4;
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  parts.push(header);
  let offset = 8;
  const ifdOffsets = sizes.map((_, i) => 8 + i * ifdSize);
  let dataOffset = 8 + sizes.length * ifdSize;
  sizes.forEach(({ width, height }, i) => {
    const ifd = Buffer.alloc(ifdSize);
    ifd.writeUInt16LE(ENTRIES, 0);
    const entry = (n: number, tag: number, type: number, value: number) => {
      const at = 2 + n * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      if (type === 3) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    };
    [[256, 4, width], [257, 4, height], [258, 3, 8], [259, 3, 32773], [262, 3, 1], [273, 4, dataOffset], [277, 3, 1], [278, 4, height], [279, 4, strips[i]!.length]]
      .forEach(([tag, type, value], n) => entry(n, tag!, type!, value!));
    ifd.writeUInt32LE(i + 1 < sizes.length ? ifdOffsets[i + 1]! : 0, 2 + ENTRIES * 12);
    parts.push(ifd);
    offset += ifdSize;
    dataOffset += strips[i]!.length;
  });
  return Buffer.concat([...parts, ...strips]);
}

/** A PNG whose header declares width×height, with a few bytes of image data: a pixel bomb of 100 bytes. */
export function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG declaring width×height (at most 65535 each): a real small JPEG with its frame header rewritten. */
export async function jpegDeclaring(width: number, height: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#fff' } }).jpeg().toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** XML entity expansion ("billion laughs"). */
export const BILLION_LAUGHS =
  '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
  ']>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol9;</Invoice>\n';

/** An external entity that would read a local file. */
export const XXE = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>\n';

/** A UBL invoice root with elements nested `depth` deep. */
export const deepXml = (depth: number) =>
  `<?xml version="1.0"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Invoice>\n`;
