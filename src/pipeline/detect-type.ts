import type { FileKind } from './document.js';

// File type from the bytes, never from the name: uploads arrive as "scan.pdf" that are JPEGs, or with no extension.

const startsWith = (buf: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => buf[offset + i] === b);

/** The ASN.1 DER encoding of the PKCS#7 signedData OID 1.2.840.113549.1.7.2 */
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

function looksLikeDerSignedData(buf: Buffer): boolean {
  return buf[0] === 0x30 && buf.subarray(0, 64).includes(SIGNED_DATA_OID);
}

function looksLikeBase64SignedData(buf: Buffer): boolean {
  const head = buf.subarray(0, 512).toString('latin1').replace(/-----BEGIN [A-Z0-9 ]+-----/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/=]{32,}/.test(head)) return false;
  const decoded = Buffer.from(head.slice(0, Math.floor(head.length / 4) * 4), 'base64');
  return looksLikeDerSignedData(decoded);
}

/** The start of a text file, decoded by its byte-order mark (UTF-8, UTF-16LE/BE) or the UTF-16 pattern of "<". */
function textHead(buf: Buffer): string {
  const head = buf.subarray(0, 1024);
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2, 2 + ((head.length - 2) & ~1))).swap16().toString('utf16le');
  if (head[0] === 0x3c && head[1] === 0x00) return head.toString('utf16le');
  if (head[0] === 0x00 && head[1] === 0x3c) return Buffer.from(head.subarray(0, head.length & ~1)).swap16().toString('utf16le');
  const text = head.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Markup that is a picture or a web page, not data: an SVG with "Total 12.00" drawn in it is no invoice. */
const NOT_DATA_ROOTS = new Set(['svg', 'html']);

function xmlRoot(buf: Buffer): string | null {
  // after the declaration, comments and processing instructions: the root element's local name
  const head = textHead(buf).trimStart();
  const text = head.replace(/^(<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)+/, '');
  const match = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]/.exec(text);
  if (match) return match[1]!;
  return /^<\?xml/.test(head) ? '' : null; // a declaration and a root further on than 1 KB
}

/** Where a PDF header may start. ISO 32000 puts it at byte 0, but Acrobat (PDF Reference 1.7, implementation note
 * 13) accepts it anywhere in the first 1024 bytes and real files use that (a mail or HTTP header left in front). */
const PDF_HEADER_WINDOW = 1024;

/** `%PDF-` at the start, or after leading junk that is text: a binary prefix (a ZIP or TAR entry header, an image)
 * means the PDF is stored inside another file, which is not a PDF upload. */
function isPdf(buf: Buffer): boolean {
  const at = buf.subarray(0, PDF_HEADER_WINDOW).indexOf('%PDF-');
  if (at < 0) return false;
  return !buf.subarray(0, at).some((b) => b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f);
}

export function detectFileKind(buf: Buffer): FileKind | null {
  // Signatures at byte 0 first: a JPEG whose comment says %PDF- is a JPEG.
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(buf, [0x42, 0x4d]) && buf.length > 26) return 'bmp';
  if (buf.length >= 5 && isPdf(buf)) return 'pdf';
  if (looksLikeDerSignedData(buf) || looksLikeBase64SignedData(buf)) return 'p7m';
  const root = xmlRoot(buf);
  if (root !== null && !NOT_DATA_ROOTS.has(root.toLowerCase())) return 'xml';
  return null;
}

export const IMAGE_KINDS: ReadonlySet<FileKind> = new Set(['jpeg', 'png', 'webp', 'tiff', 'bmp']);
