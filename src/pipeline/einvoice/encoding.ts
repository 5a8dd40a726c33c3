import { EInvoiceError } from './errors.js';

// Bytes to XML text. The XML spec lets a document pick its encoding (BOM, then the declaration); Italian and
// Mexican producers still emit ISO-8859-1 / windows-1252, and some of them declare UTF-8 while writing latin-1.

const ENCODING_DECL = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/** Decodes an XML document's bytes to a string, honouring a BOM or the encoding declaration. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return decodeUtf8Lenient(b.subarray(3));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return new TextDecoder('utf-16le').decode(b);
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return new TextDecoder('utf-16be').decode(b);

  const head = Buffer.from(b.subarray(0, 256)).toString('latin1').trimStart();
  const declared = ENCODING_DECL.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8') return decodeUtf8Lenient(b);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared);
  } catch {
    throw new EInvoiceError(`unsupported XML encoding "${declared}"`);
  }
  return decoder.decode(b);
}

/** UTF-8, falling back to windows-1252 when the bytes are not valid UTF-8 (a mislabelled latin-1 file). */
function decodeUtf8Lenient(b: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('windows-1252').decode(b);
  }
}
