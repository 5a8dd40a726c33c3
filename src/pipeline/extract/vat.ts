// Tax identifiers: EU VAT numbers (with the national check digits where the format defines them), Italian
// Partita IVA, Spanish NIF/CIF/NIE, Mexican RFC, UK VAT, Malaysian GST registration numbers, Argentine CUIT,
// Salvadoran NIT and DUI, Chilean RUT, Colombian NIT, Tunisian matricule fiscal.

import {
  checkBulgarianVat, checkCroatianOib, checkCypriotVat, checkCzechVat, checkDanishCvr, checkEstonianVat, checkFinnishVat, checkGreekVat,
  checkHungarianVat, checkIrishVat, checkLatvianVat, checkLithuanianVat, checkMalteseVat, checkPolishNip, checkRomanianCif,
  checkSlovakVat, checkSlovenianVat, checkSwedishVat,
} from './eu-vat-checks.js';
import { checkLuhn, digits, weighted } from './check-digits.js';
import { digitLookalikes } from './digit-lookalikes.js';

export { checkLuhn };

export interface VatMatch {
  value: string; // normalised: country prefix + identifier, no spaces (a Chilean RUT keeps its dots and hyphen, a DUI and a Colombian NIT their hyphen, as printed)
  country: string; // ISO 3166 alpha-2 (GR is EL in VAT numbers; kept as printed)
  /** true: check digits verified; false: check digits wrong; null: the format has no check digit we verify */
  checksum: boolean | null;
  index: number;
  raw: string;
  /** a national id printed without its country prefix in a shape common in other codes (a Spanish NIF "12345678Z") */
  bare?: boolean;
}

export function checkItalianPiva(n: string): boolean {
  if (!/^\d{11}$/.test(n)) return false;
  let sum = 0;
  digits(n).forEach((d, i) => {
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  });
  return sum % 10 === 0;
}

/** ISO 7064 MOD 11,10, used by German USt-IdNr. */
export function checkGermanVat(n: string): boolean {
  if (!/^\d{9}$/.test(n)) return false;
  let product = 10;
  for (const d of digits(n.slice(0, 8))) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(n[8]);
}

/** French TVA: 2-character key + SIREN; numeric keys are (12 + 3 * (SIREN mod 97)) mod 97. */
export function checkFrenchVat(n: string): boolean | null {
  const m = /^([0-9A-HJ-NP-Z]{2})(\d{9})$/.exec(n);
  if (!m) return false;
  if (!/^\d{2}$/.test(m[1])) return null; // alphabetic keys use another scheme
  return Number(m[1]) === frenchVatKey(m[2]);
}

/** The numeric key of a French VAT id: computed from its SIREN (nine digits), (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatKey(siren: string): number {
  return (12 + 3 * (Number(siren) % 97)) % 97;
}

/** UK VAT: 9 digits, weighted 8..2 plus the last two digits, valid if the total mod 97 is 0 or 55 (post-2010). */
export function checkUkVat(n: string): boolean {
  if (!/^\d{9}$/.test(n)) return false;
  const sum = weighted(n, [8, 7, 6, 5, 4, 3, 2]) + Number(n.slice(7));
  return sum % 97 === 0 || (sum + 55) % 97 === 0;
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Spanish NIF (DNI), NIE and CIF. */
export function checkSpanishNif(n: string): boolean {
  if (/^\d{8}[A-Z]$/.test(n)) return NIF_LETTERS[Number(n.slice(0, 8)) % 23] === n[8];
  if (/^[XYZ]\d{7}[A-Z]$/.test(n)) {
    const num = 'XYZ'.indexOf(n[0]) + n.slice(1, 8);
    return NIF_LETTERS[Number(num) % 23] === n[8];
  }
  if (/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(n)) {
    const body = digits(n.slice(1, 8));
    let sum = 0;
    body.forEach((d, i) => {
      if (i % 2 === 1) sum += d;
      else {
        const x = d * 2;
        sum += Math.floor(x / 10) + (x % 10);
      }
    });
    const control = (10 - (sum % 10)) % 10;
    const last = n[8];
    return last === String(control) || last === 'JABCDEFGHI'[control];
  }
  return false;
}

/** Mexican RFC: 3-4 letters, date, 3-character homoclave (its last a check character: checkRfc). */
export function isMexicanRfc(n: string): boolean {
  const m = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2}[A\d])$/.exec(n);
  if (!m) return false;
  const month = Number(m[3]);
  const day = Number(m[4]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const RFC_CHARS = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
/** The RFC's check character (SAT): the first 12 characters (a company's 11 led by a space) valued by RFC_CHARS and
 * weighted 13..2, 11 - sum mod 11 (11 gives 0, 10 gives A). True when it holds; null when it does not — some RFCs SAT
 * issued fail it (python-stdnum leaves the check off by default for that reason), so a failing one is "not verified",
 * not wrong — and for the generic RFCs of the public and of foreigners (XAXX010101000, XEXX010101000), which carry
 * none. False only for what is no RFC. */
export function checkRfc(n: string): boolean | null {
  if (!isMexicanRfc(n)) return false;
  if (/^X[AE]XX010101000$/.test(n)) return null;
  const body = (n.length === 12 ? ' ' : '') + n.slice(0, -1);
  const sum = [...body].reduce((s, c, i) => s + RFC_CHARS.indexOf(c) * (13 - i), 0);
  const r = 11 - (sum % 11);
  return (r === 11 ? '0' : r === 10 ? 'A' : String(r)) === n[n.length - 1] ? true : null;
}

const EU_FORMATS: Record<string, RegExp> = {
  // (a Belgian enterprise number of before 2007 has nine digits: today's ten without the leading 0, "BE 885 463 114")
  AT: /^U\d{8}$/, BE: /^(?:[01]\d{9}|[1-9]\d{8})$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/, DE: /^\d{9}$/,
  DK: /^\d{8}$/, EE: /^\d{9}$/, EL: /^\d{9}$/, ES: /^[A-Z\d]\d{7}[A-Z\d]$/, FI: /^\d{8}$/,
  FR: /^[0-9A-HJ-NP-Z]{2}\d{9}$/, GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, HR: /^\d{11}$/, HU: /^\d{8}$/,
  IE: /^\d[A-Z\d+*]\d{5}[A-Z]{1,2}$/, IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/, LU: /^\d{8}$/, LV: /^\d{11}$/,
  MT: /^\d{8}$/, NL: /^\d{9}B\d{2}$/, PL: /^\d{10}$/, PT: /^\d{9}$/, RO: /^\d{2,10}$/, SE: /^\d{12}$/,
  SI: /^\d{8}$/, SK: /^\d{10}$/, XI: /^\d{9}$/, CHE: /^\d{9}(MWST|TVA|IVA)?$/,
  // Norway's VAT id: its organisation number and "MVA" (merverdiavgift), "NO947054600MVA" (NO_VAT_RE finds it)
  NO: /^\d{9}MVA$/,
  // a non-EU business's One-Stop-Shop number ("VAT Number: EU372001951"), printed glued to its prefix
  EU: /^\d{9}$/,
};

/** The VAT prefixes of the EU's member states (Greece's EL), whose ids have one fixed shape each. */
const EU_MEMBER_PREFIXES = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK']);

/** The weights 9..2 over the first eight digits: the Portuguese NIF, the Dutch VAT id's BSN form, the Salvadoran DUI. */
const NINE_TO_TWO = [9, 8, 7, 6, 5, 4, 3, 2];

/** Norwegian organisation number: weights 3 2 7 6 5 4 3 2 over the first eight digits, 11 − the sum mod 11 is the
 * ninth (11 gives 0; 10 is never issued). */
export function checkNorwegianOrg(n: string): boolean {
  const c = 11 - (weighted(n, [3, 2, 7, 6, 5, 4, 3, 2]) % 11);
  return c !== 10 && (c === 11 ? 0 : c) === Number(n[8]);
}

/** Portuguese NIF: weights 9..2 over the first 8 digits, mod 11 check digit (10 and 11 map to 0). */
export function checkPortugueseNif(n: string): boolean {
  const check = 11 - (weighted(n, NINE_TO_TWO) % 11);
  return (check >= 10 ? 0 : check) === Number(n[8]);
}

/** Dutch VAT (NL123456789B01): the BSN-style mod 11 over the 9 digits, or, since 2020, mod 97 over "NL" + body. */
export function checkDutchVat(body: string): boolean {
  const elf = weighted(body, NINE_TO_TWO) % 11 === Number(body[8]);
  const letters = `NL${body}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const mod97 = Number(BigInt(letters) % 97n) === 1;
  return elf || mod97;
}

/** Swiss UID (CHE-123.456.789): the first eight digits weighted 5 4 3 2 7 6 5 4, 11 − the sum mod 11 is the ninth (11
 * gives 0; 10 is never issued). */
export function checkSwissUid(n: string): boolean {
  const c = 11 - (weighted(n, [5, 4, 3, 2, 7, 6, 5, 4]) % 11);
  return (c === 11 ? 0 : c) === Number(n[8]);
}

/** Austrian UID (ATU12345678): the seven digits after the U, every second one doubled and its digits summed, plus 4;
 * the check digit brings the sum to a multiple of 10. */
export function checkAustrianUid(body: string): boolean {
  const d = body.slice(1).split('').map(Number);
  const sum = d.slice(0, 7).reduce((acc, x, i) => acc + (i % 2 === 1 ? Math.floor((2 * x) / 10) + ((2 * x) % 10) : x), 0);
  return (10 - ((sum + 4) % 10)) % 10 === d[7];
}

/** CNPJ check digits: weights 5..2,9..2 then 6..2,9..2, mod 11 (remainders under 2 give 0). */
export function checkCnpj(n: string): boolean {
  if (!/^\d{14}$/.test(n) || /^(\d)\1{13}$/.test(n)) return false;
  const d = digits(n);
  const check = (len: number): number => {
    const weights = len === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const r = weighted(n, weights) % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(12) === d[12] && check(13) === d[13];
}

const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** GSTIN check character: base-36 digits weighted 1, 2, 1, 2 … (products folded by base 36), mod 36. */
export function checkGstin(n: string): boolean {
  if (!/^[0-9A-Z]{15}$/.test(n)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = GSTIN_CHARS.indexOf(n[i]) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS[(36 - (sum % 36)) % 36] === n[14];
}

/** Argentine CUIT/CUIL: 11 digits, a kind prefix (20, 23, 24, 27 persons; 30, 33, 34 companies; 50, 51, 55
 * international), check digit mod 11 over weights 5,4,3,2,7,6,5,4,3,2 (a remainder 0 gives 0, 1 gives 9: AFIP then
 * changes the prefix to 23 or 33). */
export function checkCuit(n: string): boolean {
  if (!/^(2[0347]|3[034]|5[015])\d{9}$/.test(n)) return false;
  const r = weighted(n, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
  return '012345678990'[11 - r] === n[10];
}

/** Australian Business Number: 11 digits whose check the Australian Taxation Office publishes: the first digit less
 * one, then weights 10, 1, 3, 5, … 19, the sum a multiple of 89. */
export function checkAbn(n: string): boolean {
  if (!/^\d{11}$/.test(n)) return false;
  const sum = weighted(n, [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) - 10; // the first digit less one, weighted 10
  return sum % 89 === 0;
}

/** Salvadoran NIT: 14 digits (municipality, date, sequence, check), the first 0, 1 or 9. A sequence up to 100 is
 * checked with weights 14..2, (sum mod 11) mod 10; a later one with 2,7,6,5,4,3,2,7,6,5,4,3,2, (-sum mod 11) mod 10. */
export function checkSalvadoranNit(n: string): boolean {
  if (!/^[019]\d{13}$/.test(n)) return false;
  const old = Number(n.slice(10, 13)) <= 100;
  const weights = old ? [14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2] : [2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weighted(n, weights);
  return (old ? sum % 11 : (11 - (sum % 11)) % 11) % 10 === Number(n[13]);
}

/** Salvadoran DUI (the identity card's number, a person's NIT since 2021): 8 digits and a check digit, weights
 * 9..2, (10 - sum mod 10) mod 10. */
export function checkDui(n: string): boolean {
  if (!/^\d{9}$/.test(n)) return false;
  const sum = weighted(n, NINE_TO_TWO);
  return (10 - (sum % 10)) % 10 === Number(n[8]);
}

/** Chilean RUT: the body's digits from the right weighted 2,3,4,5,6,7,2,3,…, check 11 - sum mod 11 (11 gives 0, 10
 * gives K). */
export function checkChileRut(body: string, check: string): boolean {
  if (!/^\d{6,8}$/.test(body)) return false;
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (2 + (i % 6)), 0);
  const r = 11 - (sum % 11);
  return (r === 11 ? '0' : r === 10 ? 'K' : String(r)) === check.toUpperCase();
}

/** Colombian NIT and its DV: the digits from the right weighted 3,7,13,17,19,23,29,37,41,43,47,53,59,67,71 (DIAN),
 * sum mod 11; a remainder 0 or 1 is the DV, else 11 minus it. */
export function checkColombiaNit(body: string, check: string): boolean {
  if (!/^\d{8,15}$/.test(body) || !/^\d$/.test(check)) return false;
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  const r = [...body].reverse().reduce((s, d, i) => s + Number(d) * weights[i], 0) % 11;
  return (r < 2 ? r : 11 - r) === Number(check);
}

export interface VatCheck {
  country: string;
  checksum: boolean | null;
  /** an id printed without its country prefix, recognised by a shape and check digits only its country uses: the
   * compact id with the prefix VIES gives it ("ESB86249711"), or as printed where the country's ids have none (a
   * Brazilian CNPJ, an Indian GSTIN) */
  prefixed?: string;
}

/** Ids printed without a country prefix whose shape belongs to one country and whose check digits hold: a Spanish
 * NIF, NIE or CIF ("B86249711"), a Brazilian CNPJ (14 digits), an Indian GSTIN, an Argentine CUIT (11 digits behind
 * a kind prefix no Partita IVA starts with), a Salvadoran NIT (14 digits, a CNPJ's shape: the CNPJ's check first). A 9-digit Canadian number or a bare
 * 11-digit Partita IVA are not among them: their shape is any number's (the extraction reads those behind their
 * label and keeps the prefix it infers). The check digits must hold: a bare id that fails them is not known to be
 * of that country at all (null, not a wrong checksum). */
function validateBare(v: string): VatCheck | null {
  if (SPANISH_BARE.test(v) && checkSpanishNif(v)) return { country: 'ES', checksum: true, prefixed: `ES${v}` };
  if (/^\d{14}$/.test(v) && checkCnpj(v)) return { country: 'BR', checksum: true, prefixed: v };
  if (GSTIN_SHAPE.test(v) && checkGstin(v)) return { country: 'IN', checksum: true, prefixed: v };
  if (checkCuit(v)) return { country: 'AR', checksum: true, prefixed: v };
  if (isMexicanRfc(v)) return { country: 'MX', checksum: checkRfc(v), prefixed: v };
  if (checkSalvadoranNit(v)) return { country: 'SV', checksum: true, prefixed: v };
  return null;
}
// The shapes of a Spanish NIF/NIE/CIF (a company's CIF often printed with a hyphen after its letter: "A-46103834") and
// of an Indian GSTIN (state code, PAN, entity number, "Z", check character: "27CORPP3939N1ZQ"): one source each for
// the search in a text (SPANISH_RE, GSTIN_RE) and the validation of a bare id (validateBare, on a compacted id)
export const SPANISH_ID = '[A-HJNPQRSUVW]-?\\d{7}[0-9A-J]|\\d{8}[A-Z]|[XYZ]\\d{7}[A-Z]';
const GSTIN_ID = '\\d{2}[A-Z]{5}\\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]';
const DUI_SHAPE = /^\d{8}-\d$/;
const RUT_SHAPE = /^(\d{1,2}\.\d{3}\.\d{3})-([\dK])$/;
const CO_NIT_SHAPE = /^(\d{9})-(\d)$/;
const SPANISH_BARE = new RegExp(`^(?:${SPANISH_ID})$`);
const GSTIN_SHAPE = new RegExp(`^(?:${GSTIN_ID})$`);

/** A VAT id's check digits: true or false where they are known, null where they are not — and false where the id's
 * prefix names a European country whose format its body does not fit: a Dutch id of eleven digits and no B
 * ("NL82324545080", OCR having dropped a digit and read the B as 8) fails its country's check as surely as wrong check
 * digits do, where validateVat only says it knows no such shape. */
export function vatChecksumOf(value: string): boolean | null {
  const check = validateVat(value);
  if (check) return check.checksum;
  // (a member state's id only, written as one run: "HU12345678-2-41" is the Hungarian domestic form, "NO947054600" a
  // Norwegian organisation number without its MVA)
  if (/[-/]/.test(value)) return null;
  const v = value.toUpperCase().replace(/[\s.]/g, '');
  return v.length > 2 && EU_MEMBER_PREFIXES.has(v.slice(0, 2)) && EU_FORMATS[v.slice(0, 2)] ? false : null;
}

/** Validates a normalised VAT id (prefix + body, or a bare id whose shape names its country: validateBare);
 * returns null when the format is unknown. */
export function validateVat(value: string): VatCheck | null {
  // a Salvadoran DUI is known by its hyphen only ("04468137-7"): 9 digits alone are any country's shape; so are a
  // Chilean RUT by its dots ("76.086.428-5") and a Colombian NIT by its nine digits before the DV ("900123456-7")
  const printed = value.trim().toUpperCase();
  if (DUI_SHAPE.test(printed)) return { country: 'SV', checksum: checkDui(printed.replace('-', '')) };
  const rut = RUT_SHAPE.exec(printed);
  if (rut) return { country: 'CL', checksum: checkChileRut(rut[1].replace(/\./g, ''), rut[2]) };
  const nit = CO_NIT_SHAPE.exec(printed);
  if (nit) return { country: 'CO', checksum: checkColombiaNit(nit[1], nit[2]) };
  const v = value.toUpperCase().replace(/[\s.\-/]/g, '');
  const che = /^CHE(\d{9})/.exec(v);
  if (che) return { country: 'CH', checksum: checkSwissUid(che[1]) };
  const country = v.slice(0, 2);
  const body = v.slice(2);
  const fmt = EU_FORMATS[country];
  if (!fmt || !fmt.test(body)) return validateBare(v);
  switch (country) {
    case 'IT': return { country, checksum: checkItalianPiva(body) };
    case 'DE': return { country, checksum: checkGermanVat(body) };
    case 'FR': return { country, checksum: checkFrenchVat(body) };
    case 'GB': case 'XI': return { country, checksum: body.length === 9 ? checkUkVat(body) : null };
    case 'ES': return { country, checksum: checkSpanishNif(body) };
    case 'BE': {
      const ten = body.padStart(10, '0');
      return { country, checksum: 97 - (Number(ten.slice(0, 8)) % 97) === Number(ten.slice(8)) };
    }
    case 'PT': return { country, checksum: checkPortugueseNif(body) };
    case 'NL': return { country, checksum: checkDutchVat(body) };
    case 'AT': return { country, checksum: checkAustrianUid(body) };
    // Luxembourg: the last two digits are the first six modulo 89
    case 'LU': return { country, checksum: Number(body.slice(0, 6)) % 89 === Number(body.slice(6)) };
    case 'NO': return { country, checksum: checkNorwegianOrg(body.slice(0, 9)) };
    case 'DK': return { country, checksum: checkDanishCvr(body) };
    case 'FI': return { country, checksum: checkFinnishVat(body) };
    case 'SE': return { country, checksum: checkSwedishVat(body) };
    case 'PL': return { country, checksum: checkPolishNip(body) };
    case 'SI': return { country, checksum: checkSlovenianVat(body) };
    case 'HU': return { country, checksum: checkHungarianVat(body) };
    case 'CZ': return { country, checksum: checkCzechVat(body) };
    case 'SK': return { country, checksum: checkSlovakVat(body) };
    case 'EE': return { country, checksum: checkEstonianVat(body) };
    case 'EL': return { country, checksum: checkGreekVat(body) };
    case 'HR': return { country, checksum: checkCroatianOib(body) };
    case 'LT': return { country, checksum: checkLithuanianVat(body) };
    case 'LV': return { country, checksum: checkLatvianVat(body) };
    case 'MT': return { country, checksum: checkMalteseVat(body) };
    case 'BG': return { country, checksum: checkBulgarianVat(body) };
    case 'RO': return { country, checksum: checkRomanianCif(body) };
    case 'IE': return { country, checksum: checkIrishVat(body) };
    case 'CY': return { country, checksum: checkCypriotVat(body) };
    default: return { country, checksum: null };
  }
}

// Prefixed EU VAT ids, digits possibly grouped by spaces or dots ("DE 232 446 240", "FR 86 792377731"), or a group's
// dot read as a comma, as OCR reads a till's small print ("BE 0679.914,471": a comma before a last group of three
// digits, and only where the check digits then hold — an amount's comma has two digits after it)
const EU_VAT_RE =
  /(?<![\p{L}\d])(ATU|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|CHE|EU(?=\d{9}(?![\p{L}\d])))(?:\s?-\s?|[ .])?((?:[0-9A-Z](?:[ .]|(?<=\d),(?=\d{3}(?![\p{L}\d])))?){7,13}[0-9A-Z])(?![\p{L}\d])/gu;
const RFC_RE = /(?<![\p{L}\d])([A-ZÑ&]{3,4}\d{6}[A-Z\d]{3})(?![\p{L}\d])/gu;
// (its label may be printed glued to it, the space lost in print or OCR: "CIFB86590841", "NIF:A80782519")
const SPANISH_RE = new RegExp(`(?:(?<![\\p{L}\\d])|(?<=(?<![\\p{L}])(?:C\\.?I\\.?F|N\\.?I\\.?F)\\.?))(${SPANISH_ID})(?![\\p{L}\\d])`, 'gu');
// a sole trader's NIF (his DNI's eight digits and its control letter) with his name printed right after it, the gap
// lost in print or OCR: "NIF:15941520JSantiago Rivera Jimenez" — the name a capital and small letters (read on the
// text as printed, not upper-cased)
const SPANISH_GLUED_RE = /(?<![\p{L}\d])(\d{8}[A-Z])(?=\p{Lu}\p{Ll}{2})/gu;
const MY_GST_RE = /(?<!\d)(\d{12}|\d{3}-\d{3}-\d{3}-\d{3})(?!\d)/g;
const IT_PIVA_RE = /(?<![\p{L}\d])(\d{11})(?![\p{L}\d])/gu;
// behind a BTW/VAT label, a Dutch id printed without its country prefix: "BTW 813941155B01"
const NL_BARE_RE = /(?<![\p{L}\d])(\d{9}B\d{2})(?![\p{L}\d])/gu;
// right behind a BTW/TVA/VAT label, a Belgian enterprise number printed without its country prefix, as Belgian tills and
// invoices print it: "BTW 0458.105.363", "TVA: 0662 735 276", "BTW-nr. 0458105363" (ten digits from 0 or 1, the last
// two its mod-97 check) — not the head or tail of a longer identifier: a Belgian till's "VAT signing card-ID:
// 0743938827-001" is the register's card, whose operator may be another company
const BE_BARE_RE = /(?<![\p{L}])(?:btw|tva|vat)(?:[\s.-]*(?:nr|n[°ºo]|no|number|num[ée]ro))?[\s.:]*([01]\d{3}[.\s]?\d{3}[.\s]?\d{3})(?![\p{L}\d]|[.\-/]\d)/giu;
// a Norwegian VAT id, known by its "MVA" suffix ("NO 947 054 600 MVA"): "NO" before nine digits alone is many a
// "number" label ("NO. 123456789")
const NO_VAT_RE = /(?<![\p{L}\d])NO\s?(\d{3}\s?\d{3}\s?\d{3})\s?MVA(?![\p{L}\d])/gu;
// right behind a German VAT id's label, the id printed without its country prefix, as some German tills print it:
// "UST-ID-NR: 813388987", "USt-IdNr. 123 456 788" (nine digits, the last its check digit)
const DE_BARE_RE = /(?<![\p{L}])ust\.?[\s-]*id(?:ent\p{L}*)?\.?[\s-]*(?:nr|nummer)?\.?[\s.:]*(\d{3}\s?\d{3}\s?\d{3})(?![\p{L}\d])/giu;
// right behind its own label, a Portuguese NIF printed without its country prefix, as Portuguese invoices and tills
// print it (the law's "NIF", a company's "NIPC", "Contribuinte"): "NIF: 500 829 993", "Matrícula/NIPC: 500829993",
// "Contribuinte N.º 502011475" (nine digits, the last its mod-11 check digit)
const PT_BARE_RE = /(?<![\p{L}])(?:nif|nipc|contribuinte)(?:[\s.]*(?:n\.?\s?[°ºo]\.?|nr\.?|no\.?))?[\s.:]*(\d{3}\s?\d{3}\s?\d{3})(?![\p{L}\d]|[-./]\d)/giu;
// right behind its own label, a Polish NIP printed without its country prefix, as Polish invoices print it (the KSeF
// schema's and the VAT act's "NIP"): "NIP: 5265877635", "NIP 526-587-76-35", "NIP: 526-25-87-635" (ten digits, the last
// its mod-11 check digit)
const PL_BARE_RE = /(?<![\p{L}])nip(?:[\s.]*(?:nr|no)\.?)?[\s.:]*(\d{10}|\d{3}-\d{3}-\d{2}-\d{2}|\d{3}-\d{2}-\d{2}-\d{3}|\d{3} \d{3} \d{2} \d{2})(?![\p{L}\d]|[-./]\d)/giu;
/** The Polish NIPs printed behind their own label whose check digit fails (a misread NIP): no id to write, but a
 * rival the page prints for the vendor's id (vendor.ts chooseVat). */
export function failedBareNips(text: string): VatMatch[] {
  return [...text.matchAll(new RegExp(PL_BARE_RE.source, PL_BARE_RE.flags))]
    .map((m) => ({ body: m[1].replace(/[.\s-]/g, ''), m }))
    .filter(({ body }) => !checkPolishNip(body))
    .map(({ body, m }) => ({ value: 'PL' + body, country: 'PL', checksum: false, index: m.index ?? 0, raw: m[0] }));
}
/** Ids printed without their country prefix behind their own label (or, Dutch, in their own shape), taken when their
 * check digits hold, in this order: the country, whether matched on the upper-cased text, the pattern, the check. */
const BARE_IDS: { country: string; upper: boolean; re: RegExp; check: (digits: string) => boolean }[] = [
  { country: 'NL', upper: true, re: NL_BARE_RE, check: checkDutchVat },
  { country: 'BE', upper: false, re: BE_BARE_RE, check: (digits) => validateVat('BE' + digits)?.checksum === true },
  { country: 'PT', upper: false, re: PT_BARE_RE, check: checkPortugueseNif },
  { country: 'DE', upper: false, re: DE_BARE_RE, check: checkGermanVat },
  { country: 'PL', upper: false, re: PL_BARE_RE, check: checkPolishNip },
];
// Brazilian CNPJ: "02.421.421/0012-74"
const CNPJ_RE = /(?<![\d./-])(\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2})(?![\d./-])/g;
const GSTIN_RE = new RegExp(`(?<![\\p{L}\\d])(${GSTIN_ID})(?![\\p{L}\\d])`, 'gu');
// Canadian business number behind an HST/GST label: "HST/GST # 813417409", "GST/HST No. 123456782 RT0001"
// (between label and number a bounded run of spaces, colons and '#': runs of \s* side by side backtrack cubically on
// a long blank run, and findVatIds reads whole documents)
const CA_BN_RE = /(?<![\p{L}])(?:hst|gst\s*\/\s*hst|hst\s*\/\s*gst)(?:\s*reg\w*\.?)?(?:\s*(?:no\.?|number))?[\s:#]{0,8}(\d{9})(?:\s?RT\s?\d{4})?(?!\d)/giu;
// Australian Business Number behind its own label: "ABN : 16 084 165 328", "A.B.N. 51824753556"
const AU_ABN_RE = /(?<![\p{L}])A\.?B\.?N\.?(?:\s*no\.?)?[\s:#]{0,8}(\d{2}\s?\d{3}\s?\d{3}\s?\d{3})(?![\d])/giu;
// Argentine CUIT, "30-51758323-1" or 11 digits; Salvadoran NIT, "0614-040107-101-4" or 14 digits; Salvadoran DUI,
// "04468137-7" (the hyphenated forms count unlabelled, their check digits holding; the bare ones behind a label)
const CUIT_RE = /(?<![\d-])(\d{2}\s?-\s?\d{8}\s?-\s?\d|\d{11})(?![\d-])/g;
const SV_NIT_RE = /(?<![\d-])(\d{4}-\d{6}-\d{3}-\d|\d{14})(?![\d-])/g;
const DUI_RE = /(?<![\d-])(\d{8}-\d)(?![\d-])/g;
// behind their own labels only: a Chilean RUT, "R.U.T.: 76.086.428-5", and a Colombian NIT, "NIT 900.123.456-7"
const RUT_RE = /(?<![\p{L}])r\.?\s?u\.?\s?t\.?\s*(?:n[°º.]?\s*)?:?\s*(\d{1,2}\.?\d{3}\.?\d{3})\s?-\s?([\dkK])(?![\p{L}\d])/giu;
const CO_NIT_RE = /(?<![\p{L}])n\.?\s?i\.?\s?t\.?\s*(?:n[°º.]?\s*)?:?\s*(\d{3}\.?\d{3}\.?\d{3})\s?-\s?(\d)(?![\d-])/giu;
// Tunisia's tax id (matricule fiscal): seven digits (six on older ones) and a key letter, then the VAT code letter
// (A, B, D, N, P), the category (M company, P person, C, N, E) and a three-digit establishment number, parted by
// slashes or spaces: "1644210V/B/M/000", "1634328D A M 000", "045048 L/A/M/000", "1635163/E/A/M/000" — parted by
// spaces only behind a label ("MF/1634328D A M 000"): unlabelled, digits and single letters are a till's article line
// as well ("Article 1234567 B N E 100")
const TN_MF_RE = /(?<![\p{L}\d])(\d{6,7})\s?\/?\s?([A-Z])\s?[/ ]\s?([ABDNP])\s?[/ ]\s?([MPCNE])\s?[/ ]\s?(\d{3})(?![\p{L}\d])/gu;
const TN_MF_SLASHED = /[A-Z]\s?\/\s?[ABDNP]\s?\/\s?[MPCNE]\s?\/\s?\d{3}$/;
// its label: "Matricule fiscal", or "MF" / "M.F." before its digits, key letter and VAT code letter ("MF:137614M/B/M/00" misread)
// (the label with the id's own shape after it: Algeria's "Matricule fiscal: 000016001234567" is fifteen digits; "MF",
// in capitals, with the key letter and the VAT code letter: "TYPE MF: 100000 W" is a code)
const TN_MF_LABELLED =
  /(?<![\p{L}])[Mm]atricule\s+[Ff]iscale?\s?(?:n[°º.]?\s*)?[:/]?\s?\d{6,7}\s?\/?\s?[A-Z](?![a-z\d])|(?<![\p{L}\d])M\.?\s?F\.?\s?[:/]\s?\d{6,7}\s?\/?\s?[A-Z]\s?[/ ]\s?[ABDNP](?![\p{L}\d])/u;

/** Whether a text prints a Tunisian tax id (matricule fiscal): its slashed shape, or its label. */
export function printsTunisianTaxId(text: string): boolean {
  return TN_MF_LABELLED.test(text) || [...text.toUpperCase().matchAll(TN_MF_RE)].some((m) => TN_MF_SLASHED.test(m[0]));
}
// German Steuernummer, behind its own label: "Steuernummer: 12345/67890", "St.-Nr. 333/4444/4444"
const STEUERNUMMER_RE = /(?:steuer-?\s*(?:nummer|nr\.?)|st\.?-?\s*nr\.?)\s*:?\s*(\d{2,3}\/\d{3,4}\/\d{4,5}|\d{5}\/\d{5})(?!\d)/giu;

export interface VatSearchContext {
  /** the text right before the id names a tax id ("P.IVA", "NIF", "GST Reg No", "RFC") */
  labelled: boolean;
}

/** Finds tax ids in text. Bare numbers (Italian 11 digits, Malaysian 12 digits) only count when `labelled`. */
export function findVatIds(text: string, ctx: VatSearchContext = { labelled: false }): VatMatch[] {
  const out: VatMatch[] = [];
  const upper = text.toUpperCase();
  const euVat = new RegExp(EU_VAT_RE.source, EU_VAT_RE.flags);
  for (let m = euVat.exec(upper); m; m = euVat.exec(upper)) {
    let prefix = m[1];
    let printed = m[2];
    // a non-EU business's One-Stop-Shop number ("EU372001951") only behind a VAT label: "EU" and nine digits are
    // many another reference
    if (prefix === 'EU' && !ctx.labelled) continue;
    // a country code before a word is no id's prefix: "DE VAT DE355369209" (the customer's country, then its id) —
    // the search goes on after the code
    if (/^\p{L}{2,}\s/u.test(printed)) {
      euVat.lastIndex = m.index + m[1].length;
      continue;
    }
    if (prefix === 'ATU') { prefix = 'AT'; printed = 'U' + printed; }
    const commaGrouped = printed.includes(',');
    const body = printed.replace(/[ .,]/g, '');
    // grouped digits may have swallowed a following word or number; cut back to a valid length for the country, at
    // a group boundary only ("DE 232 446 240 12345" → DE232446240; "DE09687654321" is one id, not DE096876543)
    // a Swiss UID's VAT suffix names the tax in a language ("CHE-106.017.086 MWST" / "TVA" / "IVA"): not the id's
    let valid = trimToFormat(prefix, body, groupEnds(printed))?.replace(/(?<=^\d{9})(MWST|TVA|IVA)$/, '') ?? null;
    let repaired = false;
    if (!valid && ctx.labelled) {
      // OCR reads digits as look-alike letters ("DEB14689550"): behind a VAT label, the digit reading counts when
      // its check digits then hold
      valid = trimToFormat(prefix, body.replace(/[OBSIZGQD]/g, (c) => OCR_DIGIT[c] ?? c), groupEnds(printed));
      repaired = valid !== null;
    }
    if (!valid && ctx.labelled && !repaired && !commaGrouped) {
      // behind a VAT label, an id of the wrong length for its country is still what the issuer printed (a typo, a
      // sample's made-up id: "USt-IdNr.: DE12435679"): read as printed, check digits counted as wrong
      const group = printed.split(/[ .]/)[0].length >= 7 ? printed.split(/[ .]/)[0] : body;
      if (/^[0-9A-Z]{7,13}$/.test(group) && (group.match(/\d/g) ?? []).length >= 7)
        out.push({ value: prefix + group, country: prefix === 'CHE' ? 'CH' : prefix, checksum: false, index: m.index ?? 0, raw: m[0] });
      continue;
    }
    if (!valid) continue;
    const check = validateVat(prefix + valid);
    if (!check || check.checksum === false && !ctx.labelled) continue;
    if ((repaired || commaGrouped) && check.checksum !== true) continue;
    // a Belgian number of before 2007 (nine digits) is today's with its leading 0, the form VIES and Odoo hold
    const value = prefix === 'BE' && valid.length === 9 ? `BE0${valid}` : prefix + valid;
    out.push({ value, country: check.country, checksum: check.checksum, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of upper.matchAll(RFC_RE)) {
    if (isMexicanRfc(m[1])) out.push({ value: m[1], country: 'MX', checksum: checkRfc(m[1]), index: m.index ?? 0, raw: m[0] });
  }
  for (const m of upper.matchAll(SPANISH_RE)) {
    if (out.some((o) => o.raw.includes(m[1]))) continue;
    const nif = m[1].replace('-', '');
    if (checkSpanishNif(nif)) out.push({ value: nif, country: 'ES', checksum: true, index: m.index ?? 0, raw: m[0], bare: true });
  }
  for (const m of upper.matchAll(NO_VAT_RE)) {
    const body = m[1].replace(/\s/g, '');
    if (checkNorwegianOrg(body)) out.push({ value: `NO${body}MVA`, country: 'NO', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(SPANISH_GLUED_RE)) {
    if (!out.some((o) => o.raw.includes(m[1])) && checkSpanishNif(m[1])) out.push({ value: m[1], country: 'ES', checksum: true, index: m.index ?? 0, raw: m[0], bare: true });
  }
  for (const m of text.matchAll(CUIT_RE)) {
    const v = m[1].replace(/\D/g, '');
    if ((ctx.labelled || v.length < m[1].length) && checkCuit(v)) out.push({ value: v, country: 'AR', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(SV_NIT_RE)) {
    const v = m[1].replace(/\D/g, '');
    if ((ctx.labelled || v.length < m[1].length) && !checkCnpj(v) && checkSalvadoranNit(v)) out.push({ value: v, country: 'SV', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(RUT_RE)) {
    const body = m[1].replace(/\./g, '');
    const value = `${body.slice(0, -6)}.${body.slice(-6, -3)}.${body.slice(-3)}-${m[2].toUpperCase()}`;
    if (checkChileRut(body, m[2])) out.push({ value, country: 'CL', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(CO_NIT_RE)) {
    const body = m[1].replace(/\./g, '');
    if (checkColombiaNit(body, m[2])) out.push({ value: `${body}-${m[2]}`, country: 'CO', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  if (ctx.labelled) {
    for (const m of text.matchAll(DUI_RE)) {
      if (checkDui(m[1].replace('-', ''))) out.push({ value: m[1], country: 'SV', checksum: true, index: m.index ?? 0, raw: m[0] });
    }
    for (const m of text.matchAll(IT_PIVA_RE)) {
      // behind its label a Partita IVA whose check digit fails is still the printed id, like a prefixed one
      if (!out.some((o) => o.value.endsWith(m[1])))
        out.push({ value: 'IT' + m[1], country: 'IT', checksum: checkItalianPiva(m[1]), index: m.index ?? 0, raw: m[0] });
    }
    for (const bare of BARE_IDS) {
      for (const m of (bare.upper ? upper : text).matchAll(bare.re)) {
        const body = m[1].replace(/[.\s-]/g, '');
        if (!out.some((o) => o.value.endsWith(body)) && bare.check(body))
          out.push({ value: bare.country + body, country: bare.country, checksum: true, index: m.index ?? 0, raw: m[0] });
      }
    }
    for (const m of text.matchAll(MY_GST_RE)) {
      const v = m[1].replace(/-/g, '');
      if (!out.some((o) => o.value.endsWith(v)))
        out.push({ value: v, country: 'MY', checksum: null, index: m.index ?? 0, raw: m[0] });
    }
  }
  // tax ids with their own check digits count labelled or not
  for (const m of text.matchAll(CNPJ_RE)) {
    if (checkCnpj(m[1].replace(/\D/g, ''))) out.push({ value: m[1].replace(/\D/g, ''), country: 'BR', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of upper.matchAll(GSTIN_RE)) {
    const checksum = checkGstin(m[1]);
    if (checksum || ctx.labelled) out.push({ value: m[1], country: 'IN', checksum, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(CA_BN_RE)) {
    if (checkLuhn(m[1])) out.push({ value: m[1], country: 'CA', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(AU_ABN_RE)) {
    const v = m[1].replace(/\s/g, '');
    if (checkAbn(v)) out.push({ value: v, country: 'AU', checksum: true, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of upper.matchAll(TN_MF_RE)) {
    if (!ctx.labelled && !TN_MF_SLASHED.test(m[0])) continue;
    // (its key letter's rule is not published: no check digits verified)
    out.push({ value: `${m[1]}${m[2]}/${m[3]}/${m[4]}/${m[5]}`, country: 'TN', checksum: null, index: m.index ?? 0, raw: m[0] });
  }
  for (const m of text.matchAll(STEUERNUMMER_RE)) {
    // a tax number behind its own label, not a VAT id: no check digit we verify, so a checked VAT id outranks it
    out.push({ value: m[1], country: 'DE', checksum: null, index: m.index ?? 0, raw: m[0] });
  }
  return out.sort((a, b) => a.index - b.index);
}

const OCR_DIGIT = digitLookalikes('ODQBSIZG');

/** Lengths (separators removed) at which a printed group of an id ends: "232 446 240" → 3, 6, 9. */
function groupEnds(printed: string): Set<number> {
  const ends = new Set<number>();
  let n = 0;
  for (const c of printed) {
    if (c === ' ' || c === '.' || c === ',') ends.add(n);
    else n++;
  }
  ends.add(n);
  return ends;
}

/** The id's body cut at a printed group's end to its country's format: the longest cut whose check digits hold, else
 * the longest in the format — a count printed after a Czech id ('CZ 25577581 12 ks') is no part of it. */
function trimToFormat(country: string, body: string, ends: Set<number>): string | null {
  const fmt = EU_FORMATS[country];
  if (!fmt) return null;
  let longest: string | null = null;
  for (let len = body.length; len >= 7; len--) {
    const candidate = body.slice(0, len);
    if (!ends.has(len) || !fmt.test(candidate)) continue;
    if (validateVat(country + candidate)?.checksum === true) return candidate;
    longest ??= candidate;
  }
  return longest;
}

/** A VAT id's shape: a country prefix, then an id whose check digits hold ("DE124899692", "ESB86249711", "IT 013 357
 * 20775"), spaces, dots, dashes and slashes aside. A value of that shape is a party's tax id: the invoice number's
 * reading (extract/references.ts) refuses it and its evidence (confidence/number-evidence.ts) marks it. */
export function vatIdShaped(value: string): boolean {
  const compact = value.replace(/[\s.\-/]/g, '');
  return /^[A-Z]{2}/i.test(compact) && validateVat(compact)?.checksum === true;
}

/** Letters and digits only, upper case: how tax ids and document numbers are compared. */
export function alnumKey(s: string): string {
  return s.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** A VAT id as compared: letters and digits, without an EU country prefix ("IT01335720775" is the partita IVA
 * 01335720775: documents and partners print it with the prefix or without). */
export function vatKey(s: string): string {
  return alnumKey(s).replace(/^[A-Z]{2}(?=\d)/, '');
}

/** The forms a VAT id may be printed in without its country prefix: vatKey's, and a Belgian one's nine digits of
 * before 2007, without the 0 that today's ten lead with ("BE0885463114" printed "BE 885 463 114"). */
export function printedVatKeys(s: string): string[] {
  const bare = vatKey(s);
  return /^BE0\d{9}$/.test(alnumKey(s)) ? [bare, bare.slice(1)] : [bare];
}
