// Check digits of payment identifiers. A value whose check digits fail is never used: these are the codes a bank
// would refuse, and a misread that happens to parse is caught here.

/** ISO 7064 mod 97-10 over letters (A=10 … Z=35) and digits, after moving the first four characters to the end:
 * the IBAN check (ISO 13616) and the creditor reference check (ISO 11649) are both this. */
function mod97Ok(value: string): boolean {
  const moved = value.slice(4) + value.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const digits = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

// Lengths per country (SWIFT IBAN registry) for the countries whose bills carry QR payment codes, and their
// neighbours; other countries are checked on the generic shape and the checksum only.
const IBAN_LENGTHS: Record<string, number> = {
  AT: 20, BE: 16, CH: 21, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GR: 27, HR: 21, HU: 28,
  IE: 22, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19,
  SK: 24, SM: 27,
};

/** Upper case, no spaces. */
export const compactIban = (iban: string): string => iban.replace(/\s+/g, '').toUpperCase();

/** An IBAN (compact form) with a valid shape, length for its country, and mod-97 check digits. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  return mod97Ok(iban);
}

/** An IBAN of a country the length table lists, of that length, its check digits holding: an account number found in
 * free text for certain (references.ts: no document's number), where a code of another shape passes mod 97 once in 97. */
export function isListedIban(iban: string): boolean {
  return IBAN_LENGTHS[iban.slice(0, 2)] === iban.length && isValidIban(iban);
}

/** The mod-97 checksum alone (for IBANs found in free text, where the country table would be too strict). */
export const ibanChecksumOk = mod97Ok;

/** A Swiss/Liechtenstein QR-IBAN: its institution id (positions 5-9) is 30000-31999; it requires a QR reference. */
export function isQrIban(iban: string): boolean {
  if (!/^(CH|LI)/.test(iban) || iban.length !== 21) return false;
  const iid = Number(iban.slice(4, 9));
  return iid >= 30000 && iid <= 31999;
}

/** ISO 11649 creditor reference ("RF" + 2 check digits + up to 21 alphanumerics), compact form. */
export function isValidCreditorReference(ref: string): boolean {
  return /^RF\d{2}[A-Z0-9]{1,21}$/.test(ref) && mod97Ok(ref);
}

// Modulo 10 recursive (the Swiss ESR/QR reference check digit): a carry table walked digit by digit.
const MOD10_TABLE = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/** The 27-digit Swiss QR reference, its last digit the mod-10-recursive check of the other 26. */
export function isValidQrReference(ref: string): boolean {
  if (!/^\d{27}$/.test(ref)) return false;
  let carry = 0;
  for (const d of ref.slice(0, 26)) carry = MOD10_TABLE[(carry + Number(d)) % 10];
  return (10 - carry) % 10 === Number(ref[26]);
}
