// Evidence for an invoice number read from the page: what the page says of it besides the label it was read after.
// Two kinds: printed again where the vendor asks customers to quote it with their payment ("please quote", "Verwendungs-
// zweck", "référence à rappeler", "causale"), which only the document's own number is; and its shape — a run of digits
// with at most a short series or prefix is what numbering systems print, while a value that is mostly letters (a label
// word read as the value), or that is another identifier's shape (a VAT id whose check digits hold, an IBAN, a phone
// number) was taken from the wrong place.
import { isValidIban } from '../qr/checks.js';
import { alnumKey, vatIdShaped } from '../extract/vat.js';

/** Lines that ask for the document's number as the payment's reference, in the bundled languages. */
const PAYMENT_REFERENCE_RE = new RegExp(
  [
    'please\\s+(quote|use|include|reference)', 'payment\\s+reference', 'reference\\s+(on|with)\\s+(your\\s+)?payment', 'when\\s+paying',
    'verwendungszweck', 'zahlungsreferenz', 'bitte\\s+(immer\\s+)?(die\\s+)?(rechnungs(nummer|nr)|nummer)', 'bei\\s+zahlung',
    'r[ée]f[ée]rence\\s+(de\\s+|du\\s+|[àa]\\s+)?(paiement|virement|rappeler)', 'lors\\s+de\\s+votre\\s+r[èe]glement', 'merci\\s+de\\s+(rappeler|mentionner|pr[ée]ciser)',
    'causale', 'indicare\\s+(il\\s+)?(numero|n\\.)', 'concepto\\s*:', 'referencia\\s+(de\\s+|del\\s+)?pago', 'indique\\s+(el\\s+)?n[úu]mero',
    'betalingskenmerk', 'onder\\s+vermelding', 'o\\.v\\.v\\.', 'refer[êe]ncia\\s+(de\\s+|do\\s+)?pagamento', 'indique\\s+o\\s+n[úu]mero',
  ].join('|'),
  'i',
);

/** The invoice number is printed on a line that asks for it with the payment, as whole words: a run of the line's
 * words (or one of them) that is the number, not a number inside an amount or an IBAN ("1.250,00" holds no "125"). */
export function quotedForPayment(text: string, value: string): boolean {
  const key = alnumKey(value);
  if (key.length < 4 || !/\d/.test(key)) return false;
  return text.split(/\n|\f/).some((line) => PAYMENT_REFERENCE_RE.test(line) && holdsWords(line, key));
}

/** Whether consecutive words of the line (split at spaces, colons and commas) make up exactly `key`. */
function holdsWords(line: string, key: string): boolean {
  const words = line.split(/[\s:;,]+/).map(alnumKey).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    let joined = '';
    for (let j = i; j < words.length && joined.length < key.length; j++) {
      joined += words[j];
      if (joined === key) return true;
    }
  }
  return false;
}

/** The share of the first page's lines, from its top, that is its heading (numberAtTop). */
export const HEADING_SHARE = 1 / 3;
/** A first page shorter than this many lines has no heading apart from its body (a note of a few lines). */
const HEADING_MIN_LINES = 6;

/** `number-at-top`: the invoice number is printed, as whole words, in the heading of the first page (its first third of
 * lines): where a bill prints its title, number and date. A number read elsewhere — an authorisation code at the foot
 * (Argentina's CAE), a control number of a tax authority, a customer or order number in the body, a number cut short
 * and printed nowhere as read — is far more often not the document's. First seen (tune text layers read by the code
 * before each was added, scripts/first-seen-evidence.ts): 43 of 45 numbers with it right, 6 of 18 without it. */
export function numberAtTop(text: string, value: string): boolean {
  const key = alnumKey(value);
  if (key.length < 2 || !/\d/.test(key)) return false;
  const lines = text.split('\f')[0].split('\n').filter((l) => l.trim());
  if (lines.length < HEADING_MIN_LINES) return false;
  return lines.slice(0, Math.ceil(lines.length * HEADING_SHARE)).some((line) => holdsWords(line, key));
}

/** Another identifier's shape: a VAT id whose check digits hold, a valid IBAN, a phone number (a leading +, or four
 * groups of digits and more). */
export function otherIdShaped(value: string): boolean {
  const compact = value.replace(/[\s.\-/]/g, '');
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/i.test(compact) && isValidIban(compact.toUpperCase())) return true;
  if (vatIdShaped(value)) return true;
  // (not a leading 00 alone: "0008-00021658" is an Argentine point of sale and number)
  return /^\+\d[\d\s()/-]{7,}$/.test(value.trim()) || /^\d{2,4}([\s-]\d{2,4}){3,}$/.test(value.trim());
}

/** What numbering systems print: three digits or more, and digits at least as many as letters (a series or a prefix
 * beside the running number: "FA-2017-0009", "02F 3973", "INV/2023/00042"). */
export function numberShaped(value: string): boolean {
  const digits = (value.match(/\d/g) ?? []).length;
  const letters = (value.match(/\p{L}/gu) ?? []).length;
  return digits >= 3 && digits >= letters && !otherIdShaped(value);
}
