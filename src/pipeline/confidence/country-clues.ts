// Where a document comes from, from what is printed on it: clues that each name the countries they fit. The
// write-back asks it before taking a document whose currency is not printed to be in the company's currency
// (../../writeback/currency.ts): that needs a clue for the company's country and none against it; the calibration
// asks whether the currency read is the one of the countries the clues name (./evidence.ts). Only clues that say something
// about a country are kept: an English text or a "$" fits dozens.
import { printsTunisianTaxId, validateVat } from '../extract/vat.js';
import type { ScanResult } from '../../contract.js';

export interface CountryClue {
  /** what was read, for the review note: "phone +60", "legal form SDN BHD", "postcode and city 43000 KAJANG" */
  clue: string;
  /** ISO 3166 codes the clue fits */
  countries: readonly string[];
  /** a shape many countries share (a postcode of five digits), narrowed to `countries` by the document's language:
   * it places a document in those, but counts against a company only when the company's country is not in the
   * shape's whole list `anyOf` (an English invoice from "69100 Villeurbanne" reads as Malaysian by its language, and
   * still does not count against a French company) */
  weak?: { anyOf: readonly string[] };
}

/** Languages people write business documents in, per country (ISO 3166 → ISO 639-1), for the countries whose
 * companies this worker is likely to serve. A country not listed tells nothing. */
export const COUNTRY_LANGUAGES: Record<string, readonly string[]> = {
  US: ['en', 'es'], GB: ['en'], IE: ['en'], CA: ['en', 'fr'], AU: ['en'], NZ: ['en'], IN: ['en', 'hi'], MY: ['en', 'ms', 'zh'],
  SG: ['en', 'zh', 'ms'], ZA: ['en', 'af'], DE: ['de'], AT: ['de'], CH: ['de', 'fr', 'it'], LI: ['de'], FR: ['fr'],
  BE: ['nl', 'fr', 'de'], LU: ['fr', 'de'], NL: ['nl'], IT: ['it'], ES: ['es', 'ca'], PT: ['pt'], BR: ['pt'], MX: ['es'],
  AR: ['es'], CL: ['es'], CO: ['es'], PE: ['es'], EC: ['es'], PL: ['pl'], CZ: ['cs'], DK: ['da'], SE: ['sv'], NO: ['no', 'nb'],
  FI: ['fi', 'sv'], TN: ['fr', 'ar'],
};

/** The countries of COUNTRY_LANGUAGES where `language` is written; null when the language is unknown. */
export function countriesSpeaking(language: string | null | undefined): string[] | null {
  if (!language) return null;
  const code = language.toLowerCase().slice(0, 2);
  return Object.entries(COUNTRY_LANGUAGES).filter(([, spoken]) => spoken.includes(code)).map(([country]) => country);
}

/** Legal forms that name a vendor's country (distinctive ones only: "S.A." or "Ltd" are everywhere). */
const LEGAL_FORMS: [RegExp, string, readonly string[]][] = [
  [/\bSDN\.?\s*BHD\b/i, 'SDN BHD', ['MY']],
  [/\bPTE\.?\s*LTD\b/i, 'PTE LTD', ['SG']],
  [/\bGmbH\b/, 'GmbH', ['DE', 'AT', 'CH', 'LI']],
  [/\bB\.V\.(?=\s|$)/, 'B.V.', ['NL', 'BE']],
  [/\bS\.?A\.?R\.?L\.?(?=\s|$)/, 'SARL', ['FR', 'BE', 'LU', 'CH', 'TN']],
  [/\bS\.R\.L\.(?=\s|$)/, 'S.R.L.', ['IT', 'RO', 'BE', 'AR']],
  [/\bLda\.?(?=\s|$)/, 'Lda', ['PT']],
];

/** The countries the document's legal forms point to; empty when none is printed. */
export function legalFormCountries(text: string | null | undefined): string[] {
  return [...new Set(legalFormClues(text ?? '').flatMap((c) => c.countries))];
}

function legalFormClues(text: string): CountryClue[] {
  return LEGAL_FORMS.filter(([re]) => re.test(text)).map(([, form, countries]) => ({ clue: `legal form ${form}`, countries }));
}

// Country names as printed in addresses (English and the country's own), and Malaysia's states, which its
// addresses end with instead of the country.
const COUNTRY_WORDS: [RegExp, string][] = [
  [/\b(germany|deutschland)\b/i, 'DE'], [/\b(france)\b/i, 'FR'], [/\b(italy|italia)\b/i, 'IT'], [/\b(spain|españa)\b/i, 'ES'],
  [/\b(netherlands|nederland)\b/i, 'NL'], [/\b(belgium|belgique|belgië)\b/i, 'BE'], [/\b(austria|österreich)\b/i, 'AT'],
  [/\b(switzerland|schweiz|suisse|svizzera)\b/i, 'CH'], [/\b(luxembourg|luxemburg)\b/i, 'LU'], [/\b(portugal)\b/i, 'PT'],
  [/\b(poland|polska)\b/i, 'PL'], [/\b(ireland)\b/i, 'IE'], [/\b(united kingdom|great britain)\b/i, 'GB'],
  [/\b(united states|U\.S\.A\.|USA)\b/, 'US'], [/\b(malaysia)\b/i, 'MY'], [/\b(singapore)\b/i, 'SG'], [/\b(méxico|mexico)\b/i, 'MX'],
  [/\b(denmark|danmark)\b/i, 'DK'], [/\b(sweden|sverige)\b/i, 'SE'], [/\b(finland|suomi)\b/i, 'FI'], [/\b(norway|norge)\b/i, 'NO'],
  [/\b(australia)\b/i, 'AU'], [/\b(new zealand)\b/i, 'NZ'], [/\b(canada)\b/i, 'CA'], [/\b(india)\b/i, 'IN'],
  [/\b(selangor|johor|kuala lumpur|pulau pinang|penang|melaka|negeri sembilan|perak|kedah|pahang|terengganu|kelantan|sabah|sarawak|putrajaya)\b/i, 'MY'],
];

// International dialling codes, printed as "+49 30 …" or "(+60) 3-…", followed by a phone number ("0049" is left
// out: receipts print tax ids that start with 00).
const DIAL_CODES: Record<string, readonly string[]> = {
  1: ['US', 'CA'], 27: ['ZA'], 31: ['NL'], 32: ['BE'], 33: ['FR'], 34: ['ES'], 351: ['PT'], 352: ['LU'], 353: ['IE'],
  358: ['FI'], 39: ['IT'], 41: ['CH'], 423: ['LI'], 43: ['AT'], 44: ['GB'], 45: ['DK'], 46: ['SE'], 47: ['NO'], 48: ['PL'],
  49: ['DE'], 52: ['MX'], 55: ['BR'], 60: ['MY'], 61: ['AU'], 64: ['NZ'], 65: ['SG'], 91: ['IN'], 216: ['TN'],
};
const PHONE_RE = /(?<![\d\w])\(?\+ ?(\d{1,3})\)?[ \-./]*\(?\d[\d \-./()]{5,16}\d/g;

const US_STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
// Where the postcode stands before the city ("10115 Berlin", "43000 KAJANG"), its shape fits a few countries; the
// document's language narrows them ("10115 Berlin" in German: Germany, not Austria).
const POSTCODES: [RegExp, string, readonly string[], boolean?][] = [
  [/(?<![\w-])\d{4}\s?[A-Z]{2}\s+\p{Lu}\p{L}{2,}/u, 'Dutch postcode', ['NL']],
  [/(?<![\w-])\d{4}-\d{3}\s+\p{Lu}\p{L}{2,}/u, 'Portuguese postcode', ['PT']],
  [/(?<![\w-])\d{2}-\d{3}\s+\p{Lu}\p{L}{2,}/u, 'Polish postcode', ['PL']],
  [new RegExp(`\\p{Lu}\\p{L}+,?\\s+(?:${US_STATES})\\s+\\d{5}(?:-\\d{4})?(?![\\w-])`, 'u'), 'American ZIP code', ['US']],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/, 'British postcode', ['GB']],
  [/(?<!\S)\d{5},?\s+\p{Lu}\p{L}{2,}(?!\s*\d)/u, 'five-digit postcode before the city', ['DE', 'FR', 'IT', 'ES', 'FI', 'MY', 'MX'], true],
  [/(?<!\S)\d{4}\s+\p{Lu}\p{L}{2,}(?!\s*\d)/u, 'four-digit postcode before the city', ['AT', 'CH', 'BE', 'LU', 'LI', 'DK', 'NO'], true],
];
// "4557 De Silva St", "1200 Main Street": a house number and a street, not a postcode and a city; "9872 FAX",
// "2685 JLN": a number before a label or a street word
const STREET_AFTER = /^\s*\p{L}+\s+(st|st\.|street|rd|road|ave|avenue|blvd|lane|drive|way|jalan|jln)\b/iu;
const NOT_CITY = /^\s*(fax|tel|phone|jalan|jln|lot|no|unit|blok|block|total|qty|invoice|receipt|date|time|cash|change|iban|bic|swift|vat|tax|ust|steuer\w*|konto\w*)\b/iu;

// Tax words that only some countries print (a "VAT" is everywhere; "GST" is not American, "MwSt" is not French).
const TAX_WORDS: [RegExp, string, readonly string[]][] = [
  [/\bGST\b/, 'GST', ['MY', 'SG', 'AU', 'NZ', 'IN', 'CA']],
  [/\bSST\b/, 'SST', ['MY']],
  [/\b(MwSt|MWST|USt|UST-?ID|Mehrwertsteuer|Umsatzsteuer)\b/, 'MwSt', ['DE', 'AT', 'CH', 'LI']],
  [/\bTVA\b/, 'TVA', ['FR', 'BE', 'LU', 'CH', 'RO', 'TN']],
  [/\bBTW\b/, 'BTW', ['NL', 'BE']],
  [/\b(IVA|I\.V\.A\.)\b/, 'IVA', ['IT', 'ES', 'PT', 'MX', 'AR', 'CL', 'CO', 'PE', 'EC', 'CH']],
  [/\bsales tax\b/i, 'sales tax', ['US', 'CA']],
  // Argentina's tax id and its tax authority's words: printed for both parties of a domestic invoice
  [/\b(CUIT|C\.U\.I\.T\.|AFIP|Ingresos Brutos|IVA Responsable Inscripto)(?![\p{L}])/iu, 'CUIT', ['AR']],
];

// Street words of one language family: "Jalan Sagu 18", "Jln. Ipoh"; "Hauptstraße 5".
const STREET_WORDS: [RegExp, string, readonly string[]][] = [
  [/\b(jalan|jln\.?)\s+\p{L}/iu, 'street word Jalan', ['MY', 'SG', 'ID', 'BN']],
  [/\p{L}(straße|strasse)\b|\bStr\.\s*\d/u, 'street word Straße', ['DE', 'AT', 'CH', 'LI', 'LU']],
];

const EU_VAT_COUNTRY: Record<string, string> = { EL: 'GR', XI: 'GB' };

type Document = Pick<ScanResult, 'text' | 'language' | 'language_source' | 'vendor_address' | 'fields'>;

/** The language the clues may lean on: one told by the document's words, never one the clues themselves told. */
const wordsLanguage = (doc: Document) => (doc.language_source === 'country' ? null : doc.language);

/** What on the document names a country, one clue per kind (the first of each): legal forms, country and state
 * names, phone numbers' dialling codes, postcode shapes, tax words, the vendor's VAT id and address. */
export function countryClues(doc: Document): CountryClue[] {
  const text = doc.text ?? '';
  const clues: CountryClue[] = [...legalFormClues(text)];
  for (const [re, country] of COUNTRY_WORDS) {
    const m = re.exec(text);
    if (m) clues.push({ clue: `"${m[0]}"`, countries: [country] });
  }
  for (const m of text.matchAll(PHONE_RE)) {
    const code = dialCode(m[1]);
    if (code) {
      clues.push({ clue: `phone +${code}`, countries: DIAL_CODES[code] });
      break;
    }
  }
  const speaking = countriesSpeaking(wordsLanguage(doc));
  for (const line of text.split(/[\n\f]/)) {
    const found = postcodeClue(line, speaking);
    if (found) {
      clues.push(found);
      break;
    }
  }
  for (const [re, word, countries] of [...TAX_WORDS, ...STREET_WORDS]) {
    if (!re.test(text)) continue;
    // a word of a language the document is not in is more likely a misreading ("IVA" read "TVA") than a clue
    if (speaking && !countries.some((c) => speaking.includes(c))) continue;
    clues.push({ clue: word.startsWith('street') ? word : `tax word ${word}`, countries });
  }
  // Tunisia's tax id, which its invoices print for both parties: the issuer's is often misread, the shape stays
  if (printsTunisianTaxId(text)) clues.push({ clue: 'Tunisian tax id (matricule fiscal)', countries: ['TN'] });
  const vat = doc.fields?.vendor_vat?.value;
  const vatCountry = typeof vat === 'string' ? validateVat(vat)?.country : undefined;
  if (vatCountry) clues.push({ clue: `VAT id ${vatCountry}`, countries: [EU_VAT_COUNTRY[vatCountry] ?? vatCountry] });
  const addressCountry = doc.vendor_address?.country;
  if (addressCountry && /^[A-Z]{2}$/i.test(addressCountry)) clues.push({ clue: `vendor address in ${addressCountry.toUpperCase()}`, countries: [addressCountry.toUpperCase()] });
  return clues;
}

/** The longest known dialling code at the start of the digits read after "+" (a "+603" is Malaysia's 60). */
function dialCode(digits: string): string | null {
  for (let n = Math.min(3, digits.length); n >= 1; n--) if (DIAL_CODES[digits.slice(0, n)]) return digits.slice(0, n);
  return null;
}

function postcodeClue(line: string, speaking: string[] | null): CountryClue | null {
  for (const [re, shape, countries, weak] of POSTCODES) {
    const m = re.exec(line);
    if (!m) continue;
    const after = line.slice(m.index).replace(/^\d+/, '');
    if (STREET_AFTER.test(after) || NOT_CITY.test(after)) continue;
    // the language narrows a shape many countries share; in a language none of them writes, the digits are more
    // likely a unit or house number ("1059 SQUARE" on an English receipt)
    const narrowed = speaking ? countries.filter((c) => speaking.includes(c)) : countries;
    if (narrowed.length) return { clue: `${shape} "${m[0].trim()}"`, countries: narrowed, ...(weak ? { weak: { anyOf: countries } } : {}) };
  }
  return null;
}

export interface CountryVerdict {
  /** clues that fit the company's country */
  for: CountryClue[];
  /** clues that do not */
  against: CountryClue[];
}

/** Which clues fit the company's country. A language not written in that country counts against it. */
export function weighClues(doc: Document, country: string): CountryVerdict {
  const clues = countryClues(doc);
  const speaking = countriesSpeaking(wordsLanguage(doc));
  if (speaking && COUNTRY_LANGUAGES[country] && !speaking.includes(country)) clues.push({ clue: `language ${doc.language}`, countries: speaking });
  return {
    for: clues.filter((c) => c.countries.includes(country)),
    against: clues.filter((c) => !c.countries.includes(country) && !(c.weak && c.weak.anyOf.includes(country))),
  };
}

/** Countries that pay in a currency (ISO 4217 → ISO 3166), for the currencies whose countries the clues can name.
 * A country that changed its currency keeps the old one too, for its older documents: Bulgaria pays in euros since
 * 2026-01-01 and in leva (BGN) before, so a Bulgarian clue alone names no single currency. */
const CURRENCY_COUNTRIES: Record<string, readonly string[]> = {
  EUR: ['DE', 'AT', 'FR', 'IT', 'ES', 'NL', 'BE', 'LU', 'PT', 'FI', 'IE', 'GR', 'SK', 'SI', 'EE', 'LV', 'LT', 'MT', 'CY', 'HR', 'BG'],
  USD: ['US', 'EC', 'SV'], MYR: ['MY'], GBP: ['GB'], CHF: ['CH', 'LI'], SGD: ['SG'], AUD: ['AU'], NZD: ['NZ'], INR: ['IN'], CAD: ['CA'],
  MXN: ['MX'], BRL: ['BR'], PLN: ['PL'], CZK: ['CZ'], DKK: ['DK'], SEK: ['SE'], NOK: ['NO'], ZAR: ['ZA'], ARS: ['AR'],
  CLP: ['CL'], COP: ['CO'], PEN: ['PE'], RON: ['RO'], HUF: ['HU'], BGN: ['BG'], TND: ['TN'],
};

/** The one currency a country pays in, as the table above lists it (null when it lists none, or several: Bulgaria's
 * lev and euro). */
export function countryCurrency(country: string): string | null {
  const codes = Object.entries(CURRENCY_COUNTRIES).filter(([, cs]) => cs.includes(country.toUpperCase())).map(([code]) => code);
  return codes.length === 1 ? codes[0] : null;
}

/** Whether the clues place the document in a country that pays in `currency`: true when every clue fits one of
 * them, false when none does, null when there is no clue, the clues disagree, or the currency is not listed. */
export function currencyFitsClues(currency: string, clues: readonly CountryClue[]): boolean | null {
  const countries = CURRENCY_COUNTRIES[currency.toUpperCase()];
  if (!countries || !clues.length) return null;
  const fits = clues.map((c) => (c.weak?.anyOf ?? c.countries).some((k) => countries.includes(k)));
  if (fits.every(Boolean)) return true;
  return fits.some(Boolean) ? null : false;
}

/** The one currency every clue allows (each clue: the currencies of the countries it names), when at least one clue
 * names a single currency; null otherwise. "43000 KAJANG" (MY), "GST" (MY/SG/AU/…) and "Jalan" (MY/SG/…) → MYR;
 * "MwSt" (DE/AT/CH/LI) alone → EUR or CHF → null. */
export function cluesCurrency(clues: readonly CountryClue[]): string | null {
  const currenciesOf = (countries: readonly string[]) => new Set(Object.entries(CURRENCY_COUNTRIES).filter(([, cs]) => countries.some((k) => cs.includes(k))).map(([code]) => code));
  // one clue must be specific (a shape counts as narrowed by the language: "10115 Berlin" in German is Germany);
  // every clue must allow the currency, a shape by its whole list ("69100 Villeurbanne" in English allows euros)
  if (!clues.some((c) => currenciesOf(c.countries).size === 1)) return null;
  const sets = clues.map((c) => currenciesOf(c.weak?.anyOf ?? c.countries)).filter((set) => set.size > 0);
  const common = [...sets[0]].filter((code) => sets.every((set) => set.has(code)));
  return common.length === 1 ? common[0] : null;
}
