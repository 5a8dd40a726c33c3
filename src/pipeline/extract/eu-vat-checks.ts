// Check digits of the EU VAT ids of the member states vat.ts does not check itself: each country's published rule
// (weighted sums modulo 11, 10, 23, 37 or 89; Luhn; ISO 7064). A valid check tells a real id from an OCR slip, and is
// evidence the calibration weighs; `null` where a country's form has no check a printed id can be held to (a Latvian
// person's code, a Czech person's birth number of 9 digits).

import { checkLuhn, digits, weighted } from './check-digits.js';

/** Denmark (CVR): the eight digits weighted 2 7 6 5 4 3 2 1 sum to a multiple of 11. */
export function checkDanishCvr(n: string): boolean {
  return /^[1-9]\d{7}$/.test(n) && weighted(n, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0;
}

/** Finland (Y-tunnus): 11 − (weighted sum mod 11) is the eighth digit (0 when the remainder is 0, none when 1). */
export function checkFinnishVat(n: string): boolean {
  if (!/^\d{8}$/.test(n)) return false;
  const r = weighted(n, [7, 9, 10, 5, 8, 4, 2]) % 11;
  if (r === 1) return false;
  return (r === 0 ? 0 : 11 - r) === Number(n[7]);
}

/** Sweden: an organisation number (10 digits, Luhn) followed by 01 — the one suffix issued for VAT, so a slip in it
 * is no id. */
export function checkSwedishVat(n: string): boolean {
  return /^\d{10}01$/.test(n) && checkLuhn(n.slice(0, 10));
}

/** Poland (NIP): the first nine weighted 6 5 7 2 3 4 5 6 7, mod 11, is the tenth (10 never is). */
export function checkPolishNip(n: string): boolean {
  return /^\d{10}$/.test(n) && weighted(n, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === Number(n[9]);
}

/** Slovenia: 11 − (first seven weighted 8…2 mod 11) is the eighth (10 → 0; 11 never). */
export function checkSlovenianVat(n: string): boolean {
  if (!/^[1-9]\d{7}$/.test(n)) return false;
  const c = 11 - (weighted(n, [8, 7, 6, 5, 4, 3, 2]) % 11);
  if (c === 11) return false;
  return c % 10 === Number(n[7]);
}

/** Hungary: the first seven weighted 9 7 3 1 9 7 3; the eighth makes the sum a multiple of 10. */
export function checkHungarianVat(n: string): boolean {
  return /^\d{8}$/.test(n) && (10 - (weighted(n, [9, 7, 3, 1, 9, 7, 3]) % 10)) % 10 === Number(n[7]);
}

/** Czechia (DIČ): a company's eight digits (11 − weighted sum mod 11, 10 → 0, 11 → 1); a person's ten-digit birth
 * number is a multiple of 11; nine digits (births before 1954) carry no check. */
export function checkCzechVat(n: string): boolean | null {
  if (/^\d{8}$/.test(n)) {
    if (n[0] === '9') return null; // a special (non-legal-person) range whose check differs
    const c = 11 - (weighted(n, [8, 7, 6, 5, 4, 3, 2]) % 11);
    return c % 10 === Number(n[7]);
  }
  if (/^\d{10}$/.test(n)) return Number(n) % 11 === 0 || (Number(n.slice(0, 9)) % 11 === 10 && n[9] === '0');
  return null;
}

/** Slovakia (IČ DPH): ten digits, a multiple of 11. */
export function checkSlovakVat(n: string): boolean {
  return /^[1-9]\d{9}$/.test(n) && Number(n) % 11 === 0;
}

/** Estonia (KMKR): the first eight weighted 3 7 1 3 7 1 3 7; the ninth makes the sum a multiple of 10. */
export function checkEstonianVat(n: string): boolean {
  return /^\d{9}$/.test(n) && (10 - (weighted(n, [3, 7, 1, 3, 7, 1, 3, 7]) % 10)) % 10 === Number(n[8]);
}

/** Greece (AFM): the first eight weighted by powers of two (256 … 2), mod 11, mod 10, is the ninth. */
export function checkGreekVat(n: string): boolean {
  return /^\d{9}$/.test(n) && (weighted(n, [256, 128, 64, 32, 16, 8, 4, 2]) % 11) % 10 === Number(n[8]);
}

/** Croatia (OIB): ISO 7064 MOD 11,10 over the first ten digits gives the eleventh. */
export function checkCroatianOib(n: string): boolean {
  if (!/^\d{11}$/.test(n)) return false;
  let p = 10;
  for (const d of digits(n.slice(0, 10))) {
    const s = (p + d) % 10 || 10;
    p = (2 * s) % 11;
  }
  return (11 - p) % 10 === Number(n[10]);
}

/** Lithuania (PVM, 9 or 12 digits): weights 1…9 repeating, mod 11; a remainder of 10 is weighed again from 3. */
export function checkLithuanianVat(n: string): boolean {
  if (!/^(?:\d{9}|\d{12})$/.test(n)) return false;
  const body = digits(n.slice(0, -1));
  let c = body.reduce((sum, d, i) => sum + (1 + (i % 9)) * d, 0) % 11;
  if (c === 10) c = body.reduce((sum, d, i) => sum + (1 + ((i + 2) % 9)) * d, 0) % 11;
  return c % 10 === Number(n[n.length - 1]);
}

/** Latvia (PVN): a company's eleven digits (first digit above 3) weighted 9 1 4 8 3 10 2 5 7 6 1 leave 3 mod 11; a
 * person's code carries a birth date, not a check this can hold it to. */
export function checkLatvianVat(n: string): boolean | null {
  if (!/^\d{11}$/.test(n)) return false;
  if (Number(n[0]) <= 3) return null;
  return weighted(n, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 === 3;
}

/** Malta: the first six weighted 3 4 6 7 8 9, plus the last two read as a number, make a multiple of 37. */
export function checkMalteseVat(n: string): boolean {
  if (!/^[1-9]\d{7}$/.test(n)) return false;
  return (weighted(n, [3, 4, 6, 7, 8, 9]) + Number(n.slice(6))) % 37 === 0;
}

/** Bulgaria: a company's nine digits — weights 1…8 mod 11, or 3…10 when that leaves 10 (then mod 10). Ten digits
 * (a person or a foreigner) follow other rules: no check here. */
export function checkBulgarianVat(n: string): boolean | null {
  if (/^\d{10}$/.test(n)) return null;
  if (!/^\d{9}$/.test(n)) return false;
  let c = weighted(n, [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
  if (c === 10) c = (weighted(n, [3, 4, 5, 6, 7, 8, 9, 10]) % 11) % 10;
  return c === Number(n[8]);
}

/** Romania (CIF, 2–10 digits): the digits before the last, right-aligned under 7 5 3 2 1 7 5 3 2, times 10, mod 11,
 * mod 10, are the last. */
export function checkRomanianCif(n: string): boolean {
  if (!/^[1-9]\d{1,9}$/.test(n)) return false;
  const body = n.slice(0, -1).padStart(9, '0');
  return ((weighted(body, [7, 5, 3, 2, 1, 7, 5, 3, 2]) * 10) % 11) % 10 === Number(n[n.length - 1]);
}

const IRISH_LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV';

/** Ireland: seven digits weighted 8…2, plus 9 × the value of a second letter (new form, W = 0), mod 23, name the
 * check letter; the old form "8Z49289F" (a letter, + or * second) is the same number written '0' + digits 3–7 +
 * digit 1. */
export function checkIrishVat(n: string): boolean {
  let body = n;
  if (/^\d[A-Z+*]\d{5}[A-Z]$/.test(body)) body = `0${body.slice(2, 7)}${body[0]}${body[7]}`;
  const m = /^(\d{7})([A-W])([A-IW]?)$/.exec(body);
  if (!m) return false;
  const sum = weighted(m[1], [8, 7, 6, 5, 4, 3, 2]) + 9 * (m[3] ? IRISH_LETTERS.indexOf(m[3]) : 0);
  return IRISH_LETTERS[sum % 23] === m[2];
}

/** Cyprus: eight digits and a letter — the digits in odd places mapped 0→1 1→0 2→5 3→7 4→9 5→13 6→15 7→17 8→19
 * 9→21, the others as they are, summed mod 26, name the letter (A = 0). */
export function checkCypriotVat(n: string): boolean {
  const m = /^(\d{8})([A-Z])$/.exec(n);
  if (!m || m[1].startsWith('12')) return false; // no id is issued from 12
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
  const sum = digits(m[1]).reduce((s, d, i) => s + (i % 2 === 0 ? odd[d] : d), 0);
  return String.fromCharCode(65 + (sum % 26)) === m[2];
}
