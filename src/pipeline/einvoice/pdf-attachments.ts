import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream, EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString,
  type PDFObject,
} from 'pdf-lib';
import type { EmbeddedXml } from '../document.js';
import { decodeXmlBytes } from './encoding.js';
import { detectXmlKind } from './detect.js';

// Factur-X / ZUGFeRD / XRechnung-in-PDF carry the invoice XML as an embedded file. PDF/A-3 lists it twice:
// in the catalog's EmbeddedFiles name tree and in the catalog's /AF (associated files) array; either may be
// missing in the wild, so both are read and de-duplicated. pdf-lib reads both and exposes the raw objects; it
// runs in strict mode because its lenient mode writes warnings to the console. A PDF it rejects gets a second
// chance with pdfjs (which repairs damaged cross-reference tables but only sees the EmbeddedFiles tree).

/** Attachment names the Factur-X, ZUGFeRD 1/2 and XRechnung specifications prescribe (compared case-insensitively). */
const EINVOICE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];
const XML_SUBTYPES = new Set(['text/xml', 'application/xml']);
/** Bounds against hostile PDFs: name-tree depth, number of attachments looked at, bytes inflated per attachment. */
const MAX_TREE_DEPTH = 16;
export const MAX_ATTACHMENTS = 200;
const MAX_XML_BYTES = 50 * 1024 * 1024;

interface FileSpec {
  name: string;
  spec: PDFDict;
}

function decodeName(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return null;
}

/** Walks a name tree; `visited` stops a hostile tree whose /Kids point back at their ancestors. */
function collectNameTree(node: PDFObject | undefined, out: FileSpec[], depth: number, visited: Set<PDFDict>): void {
  if (!(node instanceof PDFDict) || visited.has(node) || depth > MAX_TREE_DEPTH || out.length > MAX_ATTACHMENTS) return;
  visited.add(node);
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    // one more than looked at, to tell that some were left out
    for (let i = 0; i + 1 < names.size() && out.length <= MAX_ATTACHMENTS; i += 2) {
      const spec = names.lookup(i + 1);
      if (spec instanceof PDFDict) out.push({ name: fileName(spec) ?? decodeName(names.lookup(i)) ?? '', spec });
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) collectNameTree(kids.lookup(i), out, depth + 1, visited);
  }
}

/** The file name of a file specification: /UF (Unicode) preferred over /F. */
function fileName(spec: PDFDict): string | null {
  return decodeName(spec.lookup(PDFName.of('UF'))) ?? decodeName(spec.lookup(PDFName.of('F')));
}

function embeddedStream(spec: PDFDict): PDFRawStream | null {
  const ef = spec.lookup(PDFName.of('EF'));
  if (!(ef instanceof PDFDict)) return null;
  const stream = ef.lookup(PDFName.of('UF')) ?? ef.lookup(PDFName.of('F'));
  return stream instanceof PDFRawStream ? stream : null;
}

/** Stream bytes; plain FlateDecode (what every producer uses) is inflated with a size cap against zip bombs. */
function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filterName = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  if (filterName === undefined) return stream.contents;
  if (filterName instanceof PDFName && filterName.asString() === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))) {
    return inflateSync(stream.contents, { maxOutputLength: MAX_XML_BYTES });
  }
  return decodePDFRawStream(stream).decode();
}

function subtypeOf(stream: PDFRawStream): string | null {
  const subtype = stream.dict.lookup(PDFName.of('Subtype'));
  return subtype instanceof PDFName ? subtype.decodeText().toLowerCase() : null;
}

/**
 * The XML e-invoices embedded in a PDF: attachments with a Factur-X/ZUGFeRD/XRechnung name first, then any
 * other XML attachment whose root is a known e-invoice. Never throws: a PDF without attachments gives [], and
 * so does a corrupt or encrypted one (the PDF reader reports those).
 */
export async function findPdfXmlAttachments(pdf: Uint8Array): Promise<EmbeddedXml[]> {
  return (await scanPdfAttachments(pdf)).xml;
}

/** findPdfXmlAttachments, and whether the PDF has more attachments than were looked at (MAX_ATTACHMENTS). */
export async function scanPdfAttachments(pdf: Uint8Array): Promise<{ xml: EmbeddedXml[]; truncated: boolean }> {
  let listed: { candidates: Candidate[]; total: number };
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: true });
    listed = candidatesFromPdfLib(doc);
  } catch (err) {
    if (err instanceof EncryptedPDFError) return { xml: [], truncated: false };
    listed = await candidatesFromPdfJs(pdf);
  }
  const candidates = listed.candidates;
  const found: (EmbeddedXml & { preferred: boolean })[] = [];
  for (const { name, subtype, bytes } of candidates) {
    try {
      const lower = name.toLowerCase();
      const preferred = EINVOICE_NAMES.includes(lower);
      if (!preferred && !lower.endsWith('.xml') && !(subtype && XML_SUBTYPES.has(subtype))) continue;
      const xml = decodeXmlBytes(bytes());
      if (!preferred && detectXmlKind(xml) === null) continue;
      found.push({ name, xml, origin: 'pdf-attachment', preferred });
    } catch {
      continue; // one undecodable attachment must not hide the others
    }
  }
  found.sort((a, b) => Number(b.preferred) - Number(a.preferred));
  return { xml: found.map(({ name, xml, origin }) => ({ name, xml, origin })), truncated: listed.total > MAX_ATTACHMENTS };
}

/** An embedded file; its bytes are decoded only if its name or type makes it worth reading. */
interface Candidate {
  name: string;
  subtype: string | null;
  bytes: () => Uint8Array;
}

/** The attachments to look at, and how many file specifications were listed (up to MAX_ATTACHMENTS + 1, which
 * means some were left out). */
function candidatesFromPdfLib(doc: PDFDocument): { candidates: Candidate[]; total: number } {
  const specs: FileSpec[] = [];
  const names = doc.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) collectNameTree(names.lookup(PDFName.of('EmbeddedFiles')), specs, 0, new Set());
  const af = doc.catalog.lookup(PDFName.of('AF'));
  if (af instanceof PDFArray) {
    for (let i = 0; i < af.size() && specs.length <= MAX_ATTACHMENTS; i++) {
      const spec = af.lookup(i);
      // PDF/A-3 lists each file in the name tree and in /AF: once is enough (and counts once against the cap)
      if (spec instanceof PDFDict && !specs.some((s) => s.spec === spec)) specs.push({ name: fileName(spec) ?? '', spec });
    }
  }
  const seen = new Set<PDFRawStream>();
  const candidates: Candidate[] = [];
  for (const { name, spec } of specs.slice(0, MAX_ATTACHMENTS)) {
    const stream = embeddedStream(spec);
    if (!stream || seen.has(stream)) continue;
    seen.add(stream);
    candidates.push({ name, subtype: subtypeOf(stream), bytes: () => streamBytes(stream) });
  }
  return { candidates, total: specs.length };
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;

async function candidatesFromPdfJs(pdf: Uint8Array): Promise<{ candidates: Candidate[]; total: number }> {
  let task: ReturnType<PdfJs['getDocument']> | null = null;
  try {
    pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdfjs = await pdfjsPromise;
    // pdfjs detaches the buffer it is given: hand it a copy. No password: an encrypted file fails here.
    task = pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0, stopAtErrors: false });
    const doc = await task.promise;
    const attachments = Object.values(((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: Uint8Array }>);
    const candidates = attachments
      .slice(0, MAX_ATTACHMENTS)
      .filter((a) => a.content instanceof Uint8Array && a.content.length <= MAX_XML_BYTES)
      .map((a) => ({ name: a.filename ?? '', subtype: null, bytes: () => a.content as Uint8Array }));
    return { candidates, total: attachments.length };
  } catch {
    return { candidates: [], total: 0 }; // corrupt beyond repair, or encrypted: the PDF reader reports it
  } finally {
    await task?.destroy().catch(() => undefined);
  }
}
