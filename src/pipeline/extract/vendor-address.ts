// The issuer's postal address, for a new vendor in Odoo: read in the block under (or on the line of) the vendor's
// name, in the name's column, never in the buyer's block. A postcode-and-city line anchors it (continental
// "D-10115 Berlin", "1012 AB Amsterdam", "1000-001 Lisboa"; British "London SW1A 1AA"; American "San Jose, CA 95110");
// the street is the line (or the part of the same line) before it that has a house number; the country is a
// country name after it, the postcode's letter prefix, or the VAT id's country. Nothing is guessed beyond that:
// no postcode-and-city line, no address. The result only prefills a form a person checks and saves.
import type { VendorAddress } from '../../contract.js';
import type { Row } from './layout.js';
import { rowRoles } from './blocks.js';

/** Rows under the name's row that may still be its address block. */
const BLOCK_ROWS = 6;

const CITY = "\\p{Lu}[\\p{L}\\p{M}'’.\\- ]{0,38}[\\p{L}.]";
const ZIP_CITY_RES: { re: RegExp; country: string | null }[] = [
  // Dutch "1012 AB Amsterdam", Portuguese "1000-001 Lisboa", Polish "00-950 Warszawa"
  { re: new RegExp(`^(?<zip>\\d{4}\\s?[A-Z]{2})\\s+(?<city>${CITY})$`, 'u'), country: 'NL' },
  { re: new RegExp(`^(?<zip>\\d{4}-\\d{3})\\s+(?<city>${CITY})$`, 'u'), country: 'PT' },
  { re: new RegExp(`^(?<zip>\\d{2}-\\d{3})\\s+(?<city>${CITY})$`, 'u'), country: 'PL' },
  // American "San Jose, CA 95110", "Fremont CA 94538" (the state is left to the person)
  { re: new RegExp(`^(?<city>${CITY}?),?\\s+[A-Z]{2}\\s+(?<zip>\\d{5}(?:-\\d{4})?)$`, 'u'), country: 'US' },
  // British "London SW1A 1AA" / "London, EC1A 1BB"
  { re: new RegExp(`^(?<city>${CITY}?),?\\s+(?<zip>[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})$`, 'u'), country: 'GB' },
  // continental, optional country letter prefix: "D-10115 Berlin", "DE 55232 Mainz", "10115 Berlin", "1010 Wien"
  { re: new RegExp(`^(?:(?<prefix>[A-Z]{1,2})(?:\\s?-\\s?|\\s))?(?<zip>\\d{4,5})\\s+(?<city>${CITY})$`, 'u'), country: null },
];
// "4557 De Silva St" is a street, not a postcode and a city
const STREET_WORD_END_RE = /\b(st|st\.|street|rd|rd\.|road|ave|ave\.|avenue|blvd|lane|drive|way|str\.|stra(ss|ß)e|weg|laan|straat|gasse|platz|allee)$/i;

const PREFIX_COUNTRIES: Record<string, string> = {
  D: 'DE', DE: 'DE', F: 'FR', FR: 'FR', A: 'AT', AT: 'AT', CH: 'CH', I: 'IT', IT: 'IT', B: 'BE', BE: 'BE', L: 'LU',
  LU: 'LU', NL: 'NL', E: 'ES', ES: 'ES', P: 'PT', PT: 'PT', PL: 'PL', DK: 'DK', S: 'SE', SE: 'SE', FI: 'FI', IE: 'IE',
};

const COUNTRY_NAMES: [RegExp, string][] = [
  [/^(germany|deutschland|allemagne|germania|alemania)$/i, 'DE'], [/^(france|frankreich|francia)$/i, 'FR'],
  [/^(italy|italia|italien|italie)$/i, 'IT'], [/^(spain|españa|espana|spanien|espagne|spagna)$/i, 'ES'],
  [/^(netherlands|the netherlands|nederland|niederlande|pays-bas|paesi bassi)$/i, 'NL'],
  [/^(belgium|belgique|belgië|belgie|belgien|belgio)$/i, 'BE'], [/^(austria|österreich|osterreich|autriche)$/i, 'AT'],
  [/^(switzerland|schweiz|suisse|svizzera)$/i, 'CH'], [/^(luxembourg|luxemburg)$/i, 'LU'],
  [/^(portugal)$/i, 'PT'], [/^(poland|polska|polen)$/i, 'PL'], [/^(ireland|éire)$/i, 'IE'],
  [/^(united kingdom|uk|great britain|england|scotland|wales)$/i, 'GB'],
  [/^(united states( of america)?|usa|u\.s\.a\.)$/i, 'US'], [/^(malaysia)$/i, 'MY'], [/^(mexico|méxico)$/i, 'MX'],
  [/^(denmark|danmark)$/i, 'DK'], [/^(sweden|sverige)$/i, 'SE'], [/^(finland|suomi)$/i, 'FI'],
];

// a house number with a street: "Hauptstraße 5", "12 rue des Lilas", "Via Roma 10/A", "Jalan Sagu 18"
const STREET_RES = [/^\d{1,5}[A-Za-z]?(?:[-/]\d{1,4})?,?\s+\p{L}{2,}/u, /\p{L}{2,}\.?\s+\d{1,5}(?:\s?[A-Za-z])?(?:[-/]\d{1,4}[A-Za-z]?)?$/u];
// what a line of the letterhead may hold that is not an address
const NOT_ADDRESS_RE =
  /(@|www\.|https?:|\b(tel|fax|phone|telefon|telefono|téléphone|e-?mail|iban|bic|swift|invoice|rechnung|facture|fattura|factura|factuur|receipt|date|datum|total|page|seite|vat|tva|ust|mwst|gst|iva|btw|no\.|nr\.)\b)/i;

// "Anschrift: Hauptstr.", "Address: …": the value after it is the street even without a house number
const ADDRESS_LABEL_RE = /^(anschrift|adresse|address|indirizzo|sede|direcci[oó]n|domicilio|morada|adres|straße|strasse|street)\s*:?$/i;

const PART_SEPARATORS = /\s*[·•|;]\s*|,\s+|\s{3,}|\s[-–]\s/;

function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function countryOfName(text: string): string | null {
  const t = text.trim().replace(/[.,;]+$/, '');
  return COUNTRY_NAMES.find(([re]) => re.test(t))?.[1] ?? null;
}

function zipCity(part: string): { zip: string; city: string; country: string | null } | null {
  const text = part.trim();
  for (const { re, country } of ZIP_CITY_RES) {
    const m = re.exec(text);
    if (!m?.groups) continue;
    const city = m.groups.city.trim().replace(/[\s,.-]+$/, '');
    if (NOT_ADDRESS_RE.test(city) || countryOfName(city) || STREET_WORD_END_RE.test(city)) continue;
    const prefix = m.groups.prefix ? PREFIX_COUNTRIES[m.groups.prefix] : undefined;
    if (m.groups.prefix && !prefix) continue;
    return { zip: m.groups.zip, city, country: prefix ?? country };
  }
  return null;
}

function isStreet(text: string): boolean {
  const t = text.trim();
  return t.length <= 60 && !NOT_ADDRESS_RE.test(t) && STREET_RES.some((re) => re.test(t));
}

/** The text of a row in the column of the name's cell (two blocks side by side are two addresses). */
function inColumn(row: Row, x0: number, x1: number): string {
  const width = Math.max(1, x1 - x0);
  return row.cells
    .filter((c) => c.x1 > x0 - width * 0.25 && c.x0 < x1 + width * 0.25)
    .map((c) => c.text)
    .join('   ');
}

export function extractVendorAddress(rows: Row[], vendorName: string | null, vatCountry: string | null): VendorAddress | null {
  const wanted = compact(vendorName ?? '');
  if (wanted.length < 3) return null;
  const roles = rowRoles(rows);
  const at = rows.findIndex((r, i) => roles[i] !== 'buyer' && r.cells.some((c) => compact(c.text).includes(wanted)));
  if (at < 0) return null;
  const anchor = rows[at].cells.find((c) => compact(c.text).includes(wanted))!;
  let street: string | null = null;
  for (let i = at; i < rows.length && i <= at + BLOCK_ROWS && rows[i].page === rows[at].page; i++) {
    if (roles[i] === 'buyer') break;
    const labelled = rows[i].cells.length > 1 && ADDRESS_LABEL_RE.test(rows[i].cells[0].text.trim());
    const text = inColumn(rows[i], anchor.x0, anchor.x1);
    const parts = text.split(PART_SEPARATORS).map((p) => p.trim()).filter((p) => p && !ADDRESS_LABEL_RE.test(p));
    for (let p = 0; p < parts.length; p++) {
      const found = zipCity(parts[p]);
      if (!found) {
        if (isStreet(parts[p]) || (labelled && p === 0 && !NOT_ADDRESS_RE.test(parts[p]) && /\p{L}{2}/u.test(parts[p]))) street = parts[p];
        continue;
      }
      const after = [...parts.slice(p + 1), ...(rows[i + 1] ? inColumn(rows[i + 1], anchor.x0, anchor.x1).split(PART_SEPARATORS) : [])];
      const named = after.map(countryOfName).find((c) => c !== null) ?? null;
      const vat = vatCountry && /^[A-Z]{2}$/.test(vatCountry) ? (vatCountry === 'EL' ? 'GR' : vatCountry) : null;
      return { street, zip: found.zip, city: found.city, country: named ?? found.country ?? vat, page: rows[i].page };
    }
  }
  return null;
}
