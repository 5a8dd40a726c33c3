// Swiss QR-bill payload (Swiss Payment Standards, "Swiss Implementation Guidelines for the QR-bill", version 2.x:
// header SPC / 0200 / 1), with the structured bill information //S1/ (Swico syntax definition).
import { compactIban, isQrIban, isValidCreditorReference, isValidIban, isValidQrReference } from './checks.js';
import type { PaymentCode, PaymentCodeValues } from './types.js';
import { addDays } from '../extract/dates.js';

// Element positions (0-based lines). Creditor: 4-10, ultimate creditor 11-17 (reserved, empty), amount 18,
// currency 19, ultimate debtor 20-26, reference type 27, reference 28, message 29, trailer 30, bill info 31,
// alternative schemes 32-33.
const L = { iban: 3, crType: 4, crName: 5, crLine1: 6, crLine2: 7, crZip: 8, crTown: 9, crCountry: 10, amount: 18, currency: 19, refType: 27, ref: 28, message: 29, trailer: 30, billInfo: 31 } as const;

export const looksSwiss = (text: string): boolean => /^SPC\r?\n/.test(text);

export function parseSwissQr(text: string, page: number): PaymentCode {
  const problems: string[] = [];
  const values: PaymentCodeValues = {};
  const fail = (why: string) => problems.push(why);
  // Lines end with CR LF or LF; the last may or may not end with one.
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  if (lines[0] !== 'SPC') fail('not a Swiss QR-bill (header is not SPC)');
  if (!/^02\d\d$/.test(lines[1] ?? '')) fail(`unsupported QR-bill version ${JSON.stringify(lines[1] ?? '')} (0200 expected)`);
  if (lines[2] !== '1') fail('coding type is not 1 (UTF-8)');
  if (lines.length < 31 || lines.length > 34) fail(`${lines.length} elements, 31 to 34 expected`);
  if (problems.length) return { type: 'swiss', page, valid: false, problems, values };

  const at = (i: number) => (lines[i] ?? '').trim();
  const iban = compactIban(at(L.iban));
  if (!isValidIban(iban) || !/^(CH|LI)/.test(iban)) fail(`account ${iban || '(empty)'} is not a valid CH/LI IBAN`);
  else values.iban = iban;

  const crType = at(L.crType);
  const name = at(L.crName);
  if (crType !== 'S' && crType !== 'K') fail(`creditor address type ${JSON.stringify(crType)} is not S or K`);
  if (!name || name.length > 70) fail('creditor name is missing or longer than 70 characters');
  else values.creditor_name = name;
  const country = at(L.crCountry);
  if (!/^[A-Z]{2}$/.test(country)) fail('creditor country is not a two-letter code');
  values.creditor_address = [at(L.crLine1), at(L.crLine2), [at(L.crZip), at(L.crTown)].filter(Boolean).join(' '), country].filter(Boolean).join(', ');
  if (lines.slice(11, 18).some((l) => l.trim() !== '')) fail('ultimate creditor is filled (reserved for future use)');

  const amount = at(L.amount);
  if (amount !== '') {
    const n = Number(amount);
    if (!/^\d{1,9}\.\d{2}$/.test(amount) || n < 0.01 || n > 999_999_999.99) fail(`amount ${JSON.stringify(amount)} is not 0.01-999999999.99 with two decimals`);
    else values.amount = n;
  }
  const currency = at(L.currency);
  if (currency !== 'CHF' && currency !== 'EUR') fail(`currency ${JSON.stringify(currency)} is not CHF or EUR`);
  else values.currency = currency;

  checkReference(at(L.refType), at(L.ref).replace(/\s+/g, ''), values, fail);
  const message = at(L.message);
  if (message.length > 140) fail('message is longer than 140 characters');
  else if (message) values.message = message;
  if (at(L.trailer) !== 'EPD') fail('trailer EPD is missing');

  const billInfo = at(L.billInfo);
  if (message.length + billInfo.length > 140) fail('message and bill information together exceed 140 characters');
  if (problems.length) return { type: 'swiss', page, valid: false, problems, values };

  // The bill information is the creditor's own data, not checked by banks: when it cannot be read, the payment
  // data stays valid and none of the bill information is used.
  if (billInfo.startsWith('//S1/')) {
    const parsed = parseS1(billInfo);
    if (typeof parsed === 'string') problems.push(`bill information (//S1/) not used: ${parsed}`);
    else Object.assign(values, parsed);
  }
  return { type: 'swiss', page, valid: true, problems, values };
}

function checkReference(type: string, ref: string, values: PaymentCodeValues, fail: (why: string) => void): void {
  const qrIban = values.iban !== undefined && isQrIban(values.iban);
  if (type === 'QRR') {
    if (!isValidQrReference(ref)) fail('QR reference is not 27 digits with a valid mod-10 check digit');
    else if (values.iban && !qrIban) fail('a QR reference needs a QR-IBAN');
    else Object.assign(values, { reference_type: 'QRR', reference: ref });
  } else if (type === 'SCOR') {
    if (!isValidCreditorReference(ref)) fail('creditor reference (ISO 11649) has wrong check digits or form');
    else if (qrIban) fail('a QR-IBAN needs a QR reference, not a creditor reference');
    else Object.assign(values, { reference_type: 'SCOR', reference: ref });
  } else if (type === 'NON') {
    if (ref !== '') fail('reference type NON with a reference');
    else if (qrIban) fail('a QR-IBAN needs a QR reference');
    else values.reference_type = 'NON';
  } else {
    fail(`reference type ${JSON.stringify(type)} is not QRR, SCOR or NON`);
  }
}

/** The //S1/ bill information: tags in ascending order, "\/" escapes a slash. A string means unreadable. */
export function parseS1(info: string): Partial<PaymentCodeValues> | string {
  const parts: string[] = [];
  let current = '';
  const body = info.slice('//S1/'.length);
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && body[i + 1] === '/') {
      current += '/';
      i++;
    } else if (body[i] === '/') {
      parts.push(current);
      current = '';
    } else current += body[i];
  }
  parts.push(current);
  if (parts.length % 2 !== 0) return 'tags and values do not pair up';
  const out: Partial<PaymentCodeValues> = {};
  let last = -1;
  for (let i = 0; i < parts.length; i += 2) {
    const [tag, value] = [parts[i], parts[i + 1]];
    if (!/^\d{2}$/.test(tag)) return `tag ${JSON.stringify(tag)} is not two digits`;
    if (Number(tag) <= last) return `tag ${tag} out of order or repeated`;
    last = Number(tag);
    switch (tag) {
      case '10':
        if (!value) return 'empty invoice number (tag 10)';
        out.invoice_number = value;
        break;
      case '11': {
        const date = yymmdd(value);
        if (!date) return `document date ${JSON.stringify(value)} is not YYMMDD (tag 11)`;
        out.date = date;
        break;
      }
      case '20': case '31': case '32': case '33':
        break; // customer reference, VAT dates and rates: not contract fields
      case '30':
        if (!/^\d{9}$/.test(value)) return `VAT number ${JSON.stringify(value)} is not a 9-digit UID (tag 30)`;
        out.vat = `CHE${value}`;
        break;
      case '40': {
        if (!/^\d+(\.\d+)?:\d+(;\d+(\.\d+)?:\d+)*$/.test(value)) return `conditions ${JSON.stringify(value)} are not discount:days pairs (tag 40)`;
        out.conditions = value;
        break;
      }
      default:
        return `unknown tag ${tag}`;
    }
  }
  // Net payment term: the condition with 0 % discount; the due date needs the document date.
  const net = out.conditions?.split(';').map((c) => c.split(':').map(Number)).find(([discount]) => discount === 0);
  if (net && out.date) out.due_date = addDays(out.date, net[1]);
  return out;
}

function yymmdd(v: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(v);
  if (!m) return null;
  const iso = `20${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

