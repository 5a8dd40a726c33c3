// A PDF's CCITT Group 4 fax image (/CCITTFaxDecode, /K < 0) is the same bit stream a TIFF stores under its
// compression 4: wrapped in a TIFF header, the image decoder already at hand (sharp's libtiff) reads it, and the QR
// search needs no page rendered for it. Till slips scanned into PDFs are stored so (one image of 2–12 MP a page).
// Only the parameters a TIFF can say the same way are taken; any other form is left to the renderer.

/** The DecodeParms of a fax image, written in its dictionary (a reference to another object is not followed). */
function decodeParms(dict: string): string | null {
  const at = /\/DecodeParms\s*\[?\s*<</.exec(dict);
  if (!at) return null;
  const end = dict.indexOf('>>', at.index + at[0].length);
  return end < 0 ? null : dict.slice(at.index + at[0].length, end);
}

function numberParm(parms: string, name: string): number | undefined {
  const m = new RegExp(`/${name}\\s+(-?\\d+)`).exec(parms);
  return m ? Number(m[1]) : undefined;
}

function isTrue(parms: string, name: string): boolean {
  return new RegExp(`/${name}\\s+true\\b`).test(parms);
}

/** The fax stream `data` of a `width` × `height` image as a one-strip TIFF, or null when its dictionary says a form
 * this does not carry over (Group 3, rows aligned to bytes, a width other than its columns, a stencil mask, a
 * /Decode other than [0 1] or [1 0]). */
export function faxAsTiff(data: Buffer, dict: string, width: number, height: number): Buffer | null {
  const parms = decodeParms(dict);
  if (parms === null) return null;
  if (!((numberParm(parms, 'K') ?? 0) < 0)) return null; // Group 3 (K ≥ 0) has end-of-line codes a TIFF says otherwise
  if ((numberParm(parms, 'Columns') ?? 1728) !== width) return null;
  const rows = numberParm(parms, 'Rows') ?? 0;
  if (rows !== 0 && rows !== height) return null;
  if (isTrue(parms, 'EncodedByteAlign')) return null; // TIFF's Group 4 has no byte-aligned rows
  if (/\/ImageMask\s+true/.test(dict)) return null; // a stencil paints the fill colour, which only the page knows
  const bits = Number(/\/BitsPerComponent\s+(\d+)/.exec(dict)?.[1] ?? 1);
  if (bits !== 1 || !/\/ColorSpace\s*\/(DeviceGray|CalGray)\b/.test(dict)) return null;
  const decode = /\/Decode\s*\[([^\]]*)\]/.exec(dict)?.[1]?.trim().split(/\s+/).map(Number) ?? [0, 1];
  if (decode.length !== 2 || !((decode[0] === 0 && decode[1] === 1) || (decode[0] === 1 && decode[1] === 0))) return null;
  // The fax code's white runs decode to 1 under PDF's default (/BlackIs1 false) and DeviceGray shows 1 as white; each
  // of /BlackIs1 true and /Decode [1 0] flips that once. TIFF's white-is-zero shows a white run white.
  const whiteRunsBlack = isTrue(parms, 'BlackIs1') !== (decode[0] === 1);
  return tiff(data, width, height, whiteRunsBlack ? 1 : 0);
}

/** A little-endian TIFF of one strip: `data` compressed as Group 4, 1 bit a pixel, `photometric` 0 (white is zero)
 * or 1 (black is zero). */
function tiff(data: Buffer, width: number, height: number, photometric: 0 | 1): Buffer {
  const SHORT = 3;
  const LONG = 4;
  const entries: [tag: number, type: number, value: number][] = [
    [256, LONG, width], // ImageWidth
    [257, LONG, height], // ImageLength
    [258, SHORT, 1], // BitsPerSample
    [259, SHORT, 4], // Compression: CCITT T.6 (Group 4)
    [262, SHORT, photometric], // PhotometricInterpretation
    [273, LONG, 0], // StripOffsets: set below
    [277, SHORT, 1], // SamplesPerPixel
    [278, LONG, height], // RowsPerStrip: the whole image
    [279, LONG, data.length], // StripByteCounts
  ];
  const dataAt = 8 + 2 + entries.length * 12 + 4;
  const out = Buffer.alloc(dataAt + data.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4); // the one directory follows the header
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? dataAt : value;
    if (type === SHORT) out.writeUInt16LE(v, at + 8);
    else out.writeUInt32LE(v, at + 8);
  });
  out.writeUInt32LE(0, 10 + entries.length * 12); // no next directory
  data.copy(out, dataAt);
  return out;
}
