// EPC069-12 "SEPA Credit Transfer" QR code (GiroCode): service tag BCD, version 001 or 002.
import { compactIban, isValidCreditorReference, isValidIban } from './checks.js';
import type { PaymentCode, PaymentCodeValues } from './types.js';

// Character sets by the code's own number (line 3).
const CHARSETS: Record<string, string> = {
  '1': 'utf-8', '2': 'iso-8859-1', '3': 'iso-8859-2', '4': 'iso-8859-4', '5': 'iso-8859-5', '6': 'iso-8859-7', '7': 'iso-8859-10', '8': 'iso-8859-15',
};
const BIC_RE = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

export const looksEpc = (text: string): boolean => /^BCD\r?\n/.test(text);

/** The payload as text in the character set it declares (ZXing's guess may differ for ISO 8859 codes). */
export function epcText(bytes: Uint8Array, fallback: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  const charset = CHARSETS[head.split(/\r?\n/)[2]?.trim() ?? ''];
  if (!charset || bytes.length === 0) return fallback;
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return fallback;
  }
}

/** The structured remittance: an ISO 11649 reference must check out, as must a Belgian structured communication
 * (12 digits, the last two the first ten mod 97); other schemes (EPC069-12 allows them) are taken as printed. */
function structuredReferenceProblem(ref: string): string | null {
  if (ref.length > 35) return 'structured reference is longer than 35 characters';
  if (/^RF/.test(ref) && !isValidCreditorReference(ref)) return `structured reference ${ref} is not a valid ISO 11649 creditor reference`;
  const ogm = /^\+{3}(\d{3})\/(\d{4})\/(\d{5})\+{3}$|^\*{3}(\d{3})\/(\d{4})\/(\d{5})\*{3}$/.exec(ref);
  if (ogm) {
    const digits = ogm.slice(1).filter(Boolean).join('');
    const check = Number(digits.slice(0, 10)) % 97 || 97;
    if (check !== Number(digits.slice(10))) return `Belgian structured communication ${ref} has wrong check digits`;
  }
  return null;
}

export function parseEpcQr(text: string, page: number): PaymentCode {
  const problems: string[] = [];
  const values: PaymentCodeValues = {};
  const fail = (why: string) => problems.push(why);
  const lines = text.replace(/(\r?\n)+$/, '').split(/\r?\n/).map((l) => l.trim());
  const version = lines[1];
  if (lines[0] !== 'BCD') fail('not an EPC code (service tag is not BCD)');
  if (version !== '001' && version !== '002') fail(`unsupported EPC version ${JSON.stringify(version ?? '')}`);
  if (!CHARSETS[lines[2] ?? '']) fail(`character set ${JSON.stringify(lines[2] ?? '')} is not 1-8`);
  if (lines[3] !== 'SCT') fail('identification is not SCT');
  if (lines.length < 7 || lines.length > 12) fail(`${lines.length} elements, 7 to 12 expected`);
  if (new TextEncoder().encode(text).length > 331) fail('payload longer than 331 bytes');
  if (problems.length) return { type: 'epc', page, valid: false, problems, values };

  const bic = lines[4];
  if (bic) {
    if (!BIC_RE.test(bic)) fail(`BIC ${bic} is malformed`);
    else values.bic = bic;
  } else if (version === '001') fail('BIC is required in version 001');
  const name = lines[5];
  if (!name || name.length > 70) fail('beneficiary name is missing or longer than 70 characters');
  else values.creditor_name = name;
  const iban = compactIban(lines[6]);
  if (!isValidIban(iban)) fail(`account ${iban || '(empty)'} is not a valid IBAN`);
  else values.iban = iban;

  const amount = lines[7] ?? '';
  if (amount !== '') {
    const m = /^EUR(\d{1,9}(?:\.\d{1,2})?)$/.exec(amount);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n < 0.01 || n > 999_999_999.99) fail(`amount ${JSON.stringify(amount)} is not EUR0.01-EUR999999999.99`);
    else Object.assign(values, { amount: n, currency: 'EUR' });
  }
  const purpose = lines[8] ?? '';
  if (purpose && !/^[A-Z0-9]{1,4}$/.test(purpose)) fail(`purpose ${JSON.stringify(purpose)} is not a 4-character code`);
  else if (purpose) values.purpose = purpose;
  const structured = (lines[9] ?? '').replace(/\s+/g, '');
  const unstructured = lines[10] ?? '';
  if (structured && unstructured) fail('both a structured and an unstructured remittance');
  if (structured) {
    const problem = structuredReferenceProblem(structured);
    if (problem) fail(problem);
    else Object.assign(values, { reference_type: structured.startsWith('RF') ? 'RF' : 'TEXT', reference: (lines[9] ?? '').trim() });
  } else if (unstructured) {
    if (unstructured.length > 140) fail('unstructured remittance is longer than 140 characters');
    else Object.assign(values, { reference_type: 'TEXT', reference: unstructured });
  }
  const info = lines[11] ?? '';
  if (info.length > 70) fail('beneficiary-to-originator information is longer than 70 characters');
  else if (info) values.message = info;
  return { type: 'epc', page, valid: problems.length === 0, problems, values };
}
