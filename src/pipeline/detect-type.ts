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

function looksLikeXml(buf: Buffer): boolean {
  let text = buf.subarray(0, 1024).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (buf[0] === 0xff && buf[1] === 0xfe) text = buf.subarray(2, 1024).toString('utf16le');
  text = text.trimStart();
  return text.startsWith('<?xml') || /^<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s>/]/.test(text);
}

export function detectFileKind(buf: Buffer): FileKind | null {
  if (buf.length >= 5 && buf.subarray(0, 1024).includes(Buffer.from('%PDF-'))) {
    // Real PDFs may carry junk before the header (readers accept up to 1 KB); require it near the start.
    return 'pdf';
  }
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(buf, [0x42, 0x4d]) && buf.length > 26) return 'bmp';
  if (looksLikeDerSignedData(buf) || looksLikeBase64SignedData(buf)) return 'p7m';
  if (looksLikeXml(buf)) return 'xml';
  return null;
}

export const IMAGE_KINDS: ReadonlySet<FileKind> = new Set(['jpeg', 'png', 'webp', 'tiff', 'bmp']);
