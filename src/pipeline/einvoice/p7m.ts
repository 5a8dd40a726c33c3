import * as asn1js from 'asn1js';
import { EInvoiceError } from './errors.js';

// Italian signed invoices (.xml.p7m) are CAdES envelopes: a CMS ContentInfo holding SignedData whose
// encapsulated content is the invoice XML. We only need that content; the signature itself is the SdI's
// business (it verified it on receipt), so it is not checked here.
//
// ContentInfo ::= SEQUENCE { contentType OID (1.2.840.113549.1.7.2), content [0] EXPLICIT SignedData }
// SignedData  ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo SEQUENCE {
//                   eContentType OID, eContent [0] EXPLICIT OCTET STRING OPTIONAL }, ... }
// Signing tools write BER as often as DER: indefinite lengths and the content split into a constructed
// OCTET STRING of chunks are both common.

const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
/** DER of OBJECT IDENTIFIER 1.2.840.113549.1.7.2 */
const SIGNED_DATA_OID_DER = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const MAX_P7M_BYTES = 100 * 1024 * 1024;
const MAX_NESTED_ENVELOPES = 4;

function looksLikeDer(buf: Buffer): boolean {
  return buf.length > 16 && buf[0] === 0x30 && buf.subarray(0, 32).includes(SIGNED_DATA_OID_DER);
}

/** The base64 text of an envelope with PEM armour and line breaks removed, or null if it is not base64. */
function base64Body(text: string): string | null {
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 #]+-----/g, '').replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(body) ? body : null;
}

/** True for a DER/BER SignedData envelope, or base64 (optionally PEM-armoured) of one. Reads only the start. */
export function looksLikeP7m(data: Buffer): boolean {
  if (looksLikeDer(data)) return true;
  const head = data.subarray(0, 256).toString('latin1');
  const body = head.replace(/-----(BEGIN|END) [A-Z0-9 #]+-----/g, '').replace(/\s+/g, '');
  const prefix = body.slice(0, Math.floor(Math.min(body.length, 64) / 4) * 4);
  return /^[A-Za-z0-9+/]{16,}$/.test(prefix) && looksLikeDer(Buffer.from(prefix, 'base64'));
}

function toDer(data: Buffer): Buffer {
  if (looksLikeDer(data)) return data;
  const body = base64Body(data.toString('latin1'));
  if (body !== null) {
    const decoded = Buffer.from(body, 'base64');
    if (looksLikeDer(decoded)) return decoded;
  }
  throw new EInvoiceError('not a signed (p7m) envelope: neither DER nor base64 of a CMS SignedData');
}

const isContext0 = (b: asn1js.AsnType | undefined) => b?.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0;

function children(block: asn1js.AsnType | undefined): asn1js.AsnType[] {
  const value = (block as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return Array.isArray(value) ? (value as asn1js.AsnType[]) : [];
}

/** Concatenates an OCTET STRING, walking the nested chunks of a constructed (BER) one. */
function octets(block: asn1js.AsnType, depth = 0): Buffer {
  if (!(block instanceof asn1js.OctetString)) throw new EInvoiceError('p7m content is not an OCTET STRING');
  if (depth > 8) throw new EInvoiceError('p7m content nests OCTET STRING chunks too deeply');
  if (!block.idBlock.isConstructed) return Buffer.from(block.valueBlock.valueHexView);
  return Buffer.concat(block.valueBlock.value.map((chunk) => octets(chunk, depth + 1)));
}

/**
 * The signed content of a p7m envelope (DER, BER, or base64 of either, with or without PEM armour).
 * Throws EInvoiceError (CORRUPT_FILE) for anything else, a detached signature, or a damaged envelope.
 */
export function unwrapP7m(data: Buffer): Buffer {
  let content = unwrapOnce(data);
  // Signing a signed file again ("firme a cascata") nests envelopes: peel them all, a bounded number of times.
  for (let level = 1; looksLikeP7m(content); level++) {
    if (level >= MAX_NESTED_ENVELOPES) throw new EInvoiceError('p7m envelopes nested too deeply');
    content = unwrapOnce(content);
  }
  return content;
}

function unwrapOnce(data: Buffer): Buffer {
  if (data.length > MAX_P7M_BYTES) throw new EInvoiceError(`p7m envelope too large (${data.length} bytes)`);
  const der = toDer(data);
  const parsed = asn1js.fromBER(der, { parseEmbedded: false, maxDepth: 64 });
  if (parsed.offset === -1) throw new EInvoiceError(`damaged p7m envelope: ${parsed.result.error || 'invalid BER'}`);

  const [contentType, explicitContent] = children(parsed.result);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== SIGNED_DATA_OID) {
    throw new EInvoiceError('p7m envelope is not CMS SignedData');
  }
  if (!isContext0(explicitContent)) throw new EInvoiceError('p7m envelope lacks its SignedData');
  const signedData = children(explicitContent)[0];
  const encapContentInfo = children(signedData).find((b, i) => i >= 2 && b instanceof asn1js.Sequence);
  const eContent = children(encapContentInfo).find(isContext0);
  if (!eContent) throw new EInvoiceError('p7m is a detached signature: it does not contain the signed document');
  const octetString = children(eContent)[0];
  if (!octetString) throw new EInvoiceError('p7m envelope has an empty content');
  const content = octets(octetString);
  if (content.length === 0) throw new EInvoiceError('p7m envelope has an empty content');
  return content;
}
