// Ground-truth comparison for the e-invoice corpus (fixtures/documents, see its SOURCES.md for how truth was made).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractedFields, FieldName } from '../../../src/contract.js';
import { FIELD_NAMES } from '../../../src/contract.js';
import {
  decodeXmlBytes, findPdfXmlAttachments, parseEInvoice, unwrapP7m, type EInvoiceResult,
} from '../../../src/pipeline/einvoice/index.js';

export const CORPUS = path.resolve(import.meta.dirname, '../../../fixtures/documents');
export const OWN_FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/einvoice');
export const EINVOICE_FOLDERS = ['facturx', 'cii', 'ubl', 'fatturapa', 'cfdi', 'non-invoice'];

export type Truth = Partial<Record<FieldName, string | number | null>>;

export interface CorpusCase {
  folder: string;
  file: string; // absolute path of the document to read
  truthFile: string;
}

export async function listCorpusCases(): Promise<CorpusCase[]> {
  const cases: CorpusCase[] = [];
  for (const folder of EINVOICE_FOLDERS) {
    for (const name of (await readdir(path.join(CORPUS, folder))).sort()) {
      if (!name.endsWith('.truth.json')) continue;
      const file = path.join(CORPUS, folder, name.slice(0, -'.truth.json'.length));
      cases.push({ folder, file, truthFile: path.join(CORPUS, folder, name) });
    }
  }
  // Our own signed envelopes (fixtures/einvoice/signs.json) take the truth of the corpus XML they sign.
  const signs = JSON.parse(await readFile(path.join(OWN_FIXTURES, 'signs.json'), 'utf8')) as Record<string, string>;
  for (const [envelope, signed] of Object.entries(signs)) {
    cases.push({ folder: 'p7m', file: path.join(OWN_FIXTURES, envelope), truthFile: path.join(CORPUS, `${signed}.truth.json`) });
  }
  return cases;
}

/** Reads a corpus document the way the scan pipeline will: PDF attachments, p7m envelopes, plain XML. */
export async function readEInvoice(file: string): Promise<EInvoiceResult | null> {
  const bytes = await readFile(file);
  if (file.endsWith('.pdf')) {
    for (const attachment of await findPdfXmlAttachments(bytes)) {
      const result = parseEInvoice(attachment.xml, 'pdf-attachment');
      if (result) return result;
    }
    return null;
  }
  if (file.endsWith('.p7m')) return parseEInvoice(decodeXmlBytes(unwrapP7m(bytes)), 'p7m');
  return parseEInvoice(decodeXmlBytes(bytes), 'file');
}

const alnum = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
const loose = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Does an extracted value match the truth, under the corpus's comparison rules? */
export function matches(field: FieldName, expected: string | number, actual: unknown): boolean {
  if (actual === null || actual === undefined) return false;
  switch (field) {
    case 'amount_total':
    case 'amount_untaxed':
    case 'amount_tax':
      return typeof actual === 'number' && Math.abs(actual - Number(expected)) <= 0.01 + 1e-9;
    case 'invoice_number':
    case 'vendor_vat':
    case 'po_number':
      return alnum(String(actual)) === alnum(String(expected));
    case 'vendor_name':
      return loose(String(actual)) === loose(String(expected));
    default:
      return actual === expected;
  }
}

export interface Mismatch {
  field: FieldName;
  expected: string | number;
  actual: unknown;
}

export function compareWithTruth(truth: Truth, fields: ExtractedFields): { checked: number; mismatches: Mismatch[] } {
  let checked = 0;
  const mismatches: Mismatch[] = [];
  for (const field of FIELD_NAMES) {
    const expected = truth[field];
    if (expected === null || expected === undefined) continue;
    checked++;
    const actual = fields[field].value;
    if (!matches(field, expected, actual)) mismatches.push({ field, expected, actual });
  }
  return { checked, mismatches };
}
