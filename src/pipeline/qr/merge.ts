// Payment codes into the result's fields. A valid code's values are exact: they replace what the text reading found,
// with confidence 1 and a `source`. Where the text reads a different value, neither is trusted: the field keeps
// the code's value at a confidence below any write threshold, and the document goes to review with the reason.
// An invalid code is reported and not used at all.
import type { ExtractedFields, Field, FieldSource, PaymentCodeResult } from '../../contract.js';
import { emptyField } from '../../contract.js';
import { editDistance } from '../edit-distance.js';
import { parsePaymentCodes } from './parse.js';
import type { PaymentCode, PaymentCodeValues, RawCode } from './types.js';
import { withoutAccents } from '../accents.js';

/** Confidence of a field where the code and the text disagree: never written unattended. */
export const DISPUTED_CONFIDENCE = 0.5;
/** A text reading at least this sure that differs from the code is a contradiction (the extraction's review line). */
const CONTRADICTS_FROM = 0.6;

const LABEL: Record<PaymentCode['type'], string> = { swiss: 'Swiss QR-bill', epc: 'EPC QR code', sat: 'CFDI SAT QR code' };

type Mapped = 'vendor_name' | 'vendor_vat' | 'invoice_number' | 'date' | 'due_date' | 'currency' | 'amount_total' | 'iban' | 'payment_reference';

/** Field ← code value. The creditor of a payment code is the account holder: the vendor of a bill. */
function fieldValues(v: PaymentCodeValues): Partial<Record<Mapped, string | number>> {
  const out: Partial<Record<Mapped, string | number>> = {
    vendor_name: v.creditor_name, vendor_vat: v.vat, invoice_number: v.invoice_number, date: v.date, due_date: v.due_date,
    currency: v.currency, amount_total: v.amount, iban: v.iban,
    payment_reference: v.reference_type && v.reference_type !== 'NON' ? v.reference : undefined,
  };
  for (const k of Object.keys(out) as Mapped[]) if (out[k] === undefined) delete out[k];
  return out;
}

export interface CodeMerge {
  payment_codes: PaymentCodeResult[];
  review_reasons: string[];
}

/** Parses the raw codes and folds the valid one into `fields` (in place). */
export function mergePaymentCodes(fields: ExtractedFields, raws: RawCode[] | undefined): CodeMerge {
  const codes = parsePaymentCodes(raws ?? []);
  const reasons: string[] = [];
  for (const c of codes.filter((c) => !c.valid)) reasons.push(`${LABEL[c.type]} on page ${c.page} is invalid, not used: ${c.problems.join('; ')}`);
  const valid = codes.filter((c) => c.valid);
  const chosen = valid[0];
  if (chosen && valid.some((c) => c.values.iban !== chosen.values.iban || c.values.amount !== chosen.values.amount || c.values.vat !== chosen.values.vat)) {
    reasons.push(`${valid.length} payment codes with different accounts or amounts: none used`);
  } else if (chosen) {
    const source = `qr:${chosen.type}` as FieldSource;
    for (const [name, value] of Object.entries(fieldValues(chosen.values)) as [Mapped, string | number][]) {
      const current = (fields[name] as Field<string | number> | undefined) ?? emptyField();
      const disagreement = disagrees(name, current, value);
      if (disagreement) reasons.push(`${name}: the ${LABEL[chosen.type]} says ${value}, the text reads ${current.value}`);
      (fields as unknown as Record<string, Field<string | number>>)[name] = { value, confidence: disagreement ? DISPUTED_CONFIDENCE : 1, source };
    }
  }
  return { payment_codes: codes.map(toResult), review_reasons: reasons };
}

/** Whether the text's reading contradicts the code. A vendor name is compared loosely (the code holds the
 * account holder's legal name, the page a letterhead); other values exactly, after normal forms. */
function disagrees(name: Mapped, text: Field<string | number>, code: string | number): boolean {
  // a reading the text path itself doubts is no contradiction: the exact value simply replaces it
  if (text.value === null || text.value === undefined || text.confidence < CONTRADICTS_FROM) return false;
  if (typeof code === 'number') return typeof text.value !== 'number' || (Math.abs(text.value - code) > 0.005 && !misreadSeparator(text.value, code));
  const a = alnum(String(text.value));
  const b = alnum(code);
  if (name === 'vendor_name') return !(a.includes(b) || b.includes(a) || sharedWords(String(text.value), code) || misreadLetters(a, b));
  if (name === 'vendor_vat') return a.replace(/\D/g, '') !== b.replace(/\D/g, ''); // CHE-106.017.086 MWST = CHE106017086
  return a !== b;
}

/** The same digits with the decimal separator lost or moved (OCR read 75.25 as 7525): a misreading, not another
 * amount. A different digit (1949.75 against 1950.75) is still a contradiction. */
function misreadSeparator(text: number, code: number): boolean {
  const digits = (n: number) => String(Math.abs(n)).replace(/\D/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return digits(text) !== '' && digits(text) === digits(code);
}

/** OCR dropped or changed a few letters of the name ("Electrcite efevre SRL" for "Électricité Lefèvre SPRL"): at most
 * one letter in six differs, as a misreading does; another company's name differs in most of its letters. */
function misreadLetters(text: string, code: string): boolean {
  return Math.min(text.length, code.length) >= 6 && editDistance(text, code) <= Math.floor(Math.max(text.length, code.length) / 6);
}

const alnum = (s: string) => withoutAccents(s).toUpperCase().replace(/[^A-Z0-9]/g, '');

function sharedWords(a: string, b: string): boolean {
  const words = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3));
  const wa = words(a);
  const wb = words(b);
  const common = [...wb].filter((w) => wa.has(w)).length;
  return wb.size > 0 && common / wb.size >= 0.5;
}

function toResult(c: PaymentCode): PaymentCodeResult {
  const values = Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  return { type: c.type, page: c.page, valid: c.valid, problems: c.problems, values };
}
