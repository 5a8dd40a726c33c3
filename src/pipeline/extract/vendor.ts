// The issuer: its tax id (labelled, check digits verified, outside the buyer's block) and its name (seller block,
// letterhead at the top, sender line, or the name printed next to its tax id and in the legal footer).
import type { Field } from '../../contract.js';
import { sharesColumn, type Cell, type Row } from './layout.js';
import { headingText, isBuyerColumnHeader, isSellerHeader, isStaffLine, mentionsBuyer, LEGAL_LINE_RE, LETTERHEAD_TOP, rowRoles, TAX_ID_LINE_RE, type BlockRole, BUYER_HEADER_RE, SELLER_HEADER_RE } from './blocks.js';
import { alnumKey, failedBareNips, findVatIds, frenchVatKey, SPANISH_ID, validateVat, type VatMatch } from './vat.js';
import { cellPlaces } from './issuer-place.js';
import { explainRanked, type FieldExplain } from './explain.js';
import { roundHundredths } from '../rounding.js';
import { nearVatLine } from '../confidence/page-evidence.js';
import { CAPITALS_ONLY_FORMS, COMPANY_FORMS, LEGAL_FORMS } from './legal-forms.js';
import { ADDRESS_LABEL, AFTER_TOTAL_WORDS, BILL_TITLE_WORDS, BUYER_ROLE_WORDS, SELLER_ROLE_WORDS, COLUMN_HEADING_WORDS, CREDIT_NOTE_WORDS, DELIVERY_NOTE_WORDS, QUOTATION_WORDS, STATEMENT_TITLES, escapeRegExp, NUMBER_WORD, IT_TAX_CODE_LABEL, LEAD_PREPOSITIONS, OWNER_WORDS, OTHER_FIRM_LEAD, LATAM_TAX_ID_LABEL, PAGE_COUNTER, PO_BOX_WORDS, RECEIPT_TITLES, REGISTER_ENTRY_RE, REGISTER_WORDS, SEAT_ONLY_WORDS, SEAT_WORDS, SIMPLIFIED_INVOICE, STAFF_ROLES, TAX_NAME, THIRD_PARTY_ROLE } from './words.js';
import { plainLetters } from '../accents.js';
import { zerosAsO } from './ocr-zero.js';
import { glyphsJoined, joinedOnTextLayer } from './glyph-spacing.js';

// The labels of a tax id, in two kinds: those that name a VAT id (P.IVA, Partita IVA, USt-IdNr., NIF/CIF, TVA, BTW,
// NIPC, CNPJ, RFC, GSTIN, Polish NIP …) and a national tax code that is no VAT id (Codice Fiscale, Steuernummer, Steuer-ID, CPF).
// A company in an Italian VAT group prints the group's Partita IVA, the one its invoices are issued under, and its
// own Codice Fiscale (also its Registro Imprese number): the VAT id is the one its label names.
const OTHER_VAT_NAME_LABEL =
  String.raw`vat|tva|ust|ust-?id|ustid|ust\.?-?id\.?-?nr|umsatzsteuer|mwst|uid|iva|p\.?\s*iva|p\.\s?i(?=\.)|partita\s*iva|nif|cif|n\.?i\.?f|c\.\s?i\.\s?f|rfc|gst|sst|btw|tax\s*(id|reg|no|number)|reg\.?\s*no|vat\s*reg|siret|btw-?\s*(nr|nummer|id)|omzetbelasting|nipc|contribuinte|n\.?\s*i\.?\s*f\.?|gstin|cnpj|m\.?\s?f(?=\s*[:/.])|matricule\s+fiscal|nip`;
// (the Italian Codice Fiscale's labels also mark the issuer's tax-id and legal lines, below; a CPF is a person's, a buyer's)
const TAX_CODE_LABEL = String.raw`steuer-?id|${IT_TAX_CODE_LABEL}|steuer-?nummer|steuer-?nr|st\.?-?nr|cpf`;
// (a Spanish id's label may be printed glued to it, the space lost in print or OCR: "CIFB86590841" — only before a
// Spanish id's shape, a letter and seven digits and a control or eight digits and a letter: another label glued to a
// number is no label, "TVA20%", a model's name "MF3010")
const GLUED_ID = String.raw`(?:c\.?\s?i\.?\s?f|n\.?\s?i\.?\s?f)\.?(?=(?:${SPANISH_ID})(?![\p{L}\d]))`;
const VAT_NAME_LABEL_RE = new RegExp(String.raw`\b(?:(${LATAM_TAX_ID_LABEL}|${OTHER_VAT_NAME_LABEL})\b|${GLUED_ID})`, 'iu');
const OTHER_VAT_NAME_LABEL_RE = new RegExp(String.raw`\b(?:(${OTHER_VAT_NAME_LABEL})\b|${GLUED_ID})`, 'iu');
// the countries a Latin American id's label ("CUIT", "NIT", "RUT", "DUI") names: behind it alone, an unprefixed number
// is not another country's bare id (a Uruguayan RUT is no Malaysian GST number, a Guatemalan NIT no Partita IVA)
const LATAM_ID_COUNTRIES = new Set(['AR', 'SV', 'CL', 'CO']);
const TAX_CODE_LABEL_RE = new RegExp(String.raw`\b(${TAX_CODE_LABEL})\b`, 'i');

/** Which label a tax id is printed behind: the text before it since the last digit (another id, a number, a
 * postcode ends the previous field), on its cell and the cell before. 'vat' when that names a VAT id ("Codice Fiscale
 * e Partita IVA"), 'tax-code' when it names only a tax code. */
export function taxIdLabelKind(before: string): 'vat' | 'tax-code' | null {
  // (a digit inside a word is no number: OCR reads "GST ID" as "GST 1D", as layout.ts findLabeled cuts a clause)
  const segment = before.replace(/^[\s\S]*\d(?![\p{L}\d])/u, '').slice(-60);
  if (VAT_NAME_LABEL_RE.test(segment)) return 'vat';
  return TAX_CODE_LABEL_RE.test(segment) ? 'tax-code' : null;
}
// a tax id printed with the issuer's register entry or bank account sits on its legal line
const REGISTER_OR_BANK_RE = new RegExp(String.raw`\b(iban|${REGISTER_WORDS})\b`, 'i');
// a Brazilian "CONSUMIDOR" (the shopper) is the buyer; "CPF/CNPJ" (or "CNPJ/CPF") asks for whoever is billed, a person (CPF) or a company: the issuer prints its CNPJ alone
// (a bill-to block on one line, "Facturar a: ACME, S.L. - CIF …"; "KD.USt-IdNr.": the Kunde's; "Ihre USt-IdNr.",
// "votre n° TVA", "your VAT no.": the addressee's — those words only right before the VAT label: "Thank you for your
// business. VAT Reg No …" is the issuer's footer). Not the customer's: "Kunden-Nr." (the customer's number, printed
// beside the issuer's id in an info box) and "Steuerschuldnerschaft des Leistungsempfängers" (the reverse-charge note)
const BUYER_VAT_RE = /\b(client|customer|kunden?(?![\s.\-]*(?:nr|no|nummer|id)\b)|cliente|buyer|acheteur|destinatario|receptor|acquirente|klant|afnemer|adquirente|rechnungsempf\p{L}*|(?<!steuerschuld\p{L}*\s+(?:des\s+)?)leistungsempf\p{L}*|consumidor|bill(ed)?\s+to|invoice\s+to|sold\s+to|factur(ar|ado)\s+a)\b|factur[ée]e?\s+[àa](?![\p{L}])|\b(kd|your|ihre|votre|vostra|uw)\b[\s.\-]*(n[°º.]?\s*(de\s*)?)?(vat|ust|uid|tva|btw|iva|p\.?\s?iva|partita\s+iva|tax)|cpf\s*\/\s*cnpj|cnpj\s*\/\s*cpf/iu;

// an Argentine sale on a principal's account ("Por cuenta y orden de ADAMA ARGENTINA S.A. - Cuit: 30-…"): the
// principal's id, not the issuer's
const ON_BEHALF_RE = /\bpor\s+cuenta\s+y\s+orden\s+de\b/i;
// the countries whose tax ids print no country prefix and share their shape with other numbers (vat.ts): Malaysia's
// and those a Latin American id's label names
const UNPREFIXED_NATIONAL = new Set(['MY', ...LATAM_ID_COUNTRIES]);

/** Words of a trade that end a shop's name on a till slip ("… RESTAURANT", "… HARDWARE", "… TRADING"): a name's mark, like a legal form.
 * "Company" in the bundled languages too, after a word of the name ("… ADDAMO SOCIEDAD", "… Gesellschaft"): leading
 * a name ("Société Générale …") it ends nothing. */
const BUSINESS_WORDS = String.raw`company|(?<=\p{L}\S*\s+)(?:sociedad|sociedade|soci[ée]t[ée]|societ[àa]|gesellschaft)|enterprise|trading|restoran|restaurant|hardware|stationery|mart|market|store|shop`;
/** Legal forms and nothing else, one or a run of them ("SDN BHD" read on a line of its own under a name OCR lost, "GmbH &
 * Co. KG"): they name nobody (a shop's business word alone may still be its name on a slip). */
// (a separator, or a form's own closing dot, between two forms: "SAAB" is not "sa" + "ab")
const LEGAL_FORM_ALONE_RE = new RegExp(String.raw`^\W*(?:${LEGAL_FORMS})(?:(?:[\s&,+-]+|(?<=\.))(?:${LEGAL_FORMS}))*\W*$`, 'iu');
export const LEGAL_FORM_RE = new RegExp(String.raw`(?<![\p{L}\d])(${LEGAL_FORMS}|${BUSINESS_WORDS})(?![\p{L}\d])`, 'iu');

const NOT_A_NAME_RE = new RegExp(
  String.raw`(@|www\.|https?:|\b(tel|fax|phone|telefon|e-?mail|iban|bic|swift|page|seite|p[áa]gina|${BILL_TITLE_WORDS}|kassabon|kas(sa)?ticket|kassenbon|recibo|receipt|date|datum|total|cashier|document[oa]?|danfe|nummer|number|n[úu]mero|${PO_BOX_WORDS})\b|\b(no|nr)\.\s*\d|^\s*\d)`, 'i');
// "TOTAL" between two words of a line without a digit, colon or parenthesis ("RELAIS TOTAL OULMES", a fuel brand's
// station): a word of a name. A total's label leads or ends its line ("TOTAL", "GRAND TOTAL"), carries its amount or a
// colon, or goes on to a word about the amount ("TOTAL INCL. GST", "TOTAL RM", "NET TOTAL DUE")
const INNER_TOTAL_RE = new RegExp(
  String.raw`(?<=\p{L}{2})\s+total\s+(?!(?:${AFTER_TOTAL_WORDS})(?![\p{L}]))(?=\p{L}{2})`,
  'iu');
const withoutNameTotal = (t: string): string => (/[\d:()]/.test(t) ? t : t.replace(INNER_TOTAL_RE, ' '));

// street words only mark an address when a house number comes with them ("Jalan Sagu 18"); "TAMAN DAYA" can be a name
// OCR reads ß as B or 8: "Warburger StraBe 130"; Spain abbreviates calle "C/"
// English addresses abbreviate road, avenue and highway ("2378 PINE RD NW", "191 E 3rd Ave", "45 London Rd"; "St" is
// also a German tax number's "St.-Nr." and a saint, so not it);
// a street word stands as a word of its own ("TRUE FITNESS" holds no "rue", "CAFE PILOT" no "lot"); only the words that
// German and Dutch join to the street's name count inside a word too ("Bentelerstraße", "Kosenweg", "Keizersgracht")
const STREET_WORD = '(?<![\\p{L}])(c\\/|street|road|rd\\.|jalan|jln|rue|via|viale|piazza|corso|calle|carrer|plaza|paseo|avenue|avenida|av\\.|boulevard|bd\\.|blvd|rua|travessa|alameda|rodovia|estrada|lot|taman|laan|plein|kade|(?<![\\d])(?:rd|ave|hwy)(?![\\p{L}]))';
const STREET_COMPOUND = '(stra(ss|ß|b|8)e|str(\\.|(?![\\p{L}]))|straat|gracht|allee|gasse|platz|weg)';
const STREET = `(${STREET_WORD}|${STREET_COMPOUND})`;
const HOUSE_NO = '(?<![\\p{L}\\d])\\d{1,5}[A-Za-z]?(?![\\p{L}\\d])';
const ADDRESS_RE = new RegExp(`${STREET}(?![\\p{L}]).{0,40}?${HOUSE_NO}|${HOUSE_NO}.{0,40}?(?<![\\p{L}])${STREET}`, 'iu');
// "Camino del Puente del Palo s/n": a street "sin número" / "sem número" has no house number, only this mark
const NO_HOUSE_NUMBER_RE = /(?<![\p{L}\d])s\/n[º°.]?(?![\p{L}\d])/iu;
/** One word within one letter of a document title (DOC_TITLES, its words of six letters or more): "FACTURI"; or a
 * title of several words OCR read glued, a letter or two off (one per eight): "FACTURASIMPIIFICADA", "TAXINVQICE". */
function misreadTitle(text: string): boolean {
  const word = text.trim().toUpperCase();
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 9 && GLUED_TITLES.some((title) => Math.abs(title.length - letters.length) <= 2 && editDistance(letters, title) <= Math.floor(title.length / 8))) return true;
  if (!/^\p{L}{6,10}$/u.test(word)) return false;
  return DOC_TITLES.split('|').filter((w) => !/\s/.test(w)).some((title) => Math.abs(title.length - word.length) <= 1 && editDistance(word, title) <= 1);
}

/** A cell that holds only a postcode ("51370", "D-63571", "1234 AB"): the next cell is its town. */
const POSTCODE_ONLY_RE = /^\s*(?:[A-Z]{1,2}-)?(?:\d{4,5}|\d{4}\s?[A-Z]{2})\s*$/;
const POSTCODE_RE = /\b(\d{5}|[A-Z]{1,2}\d[\dA-Z]?\s?\d[A-Z]{2})\b/;

export interface VendorResult {
  vendor_name: Field<string>;
  vendor_vat: Field<string>;
  country: string | null;
  explain: { vendor_name: FieldExplain; vendor_vat: FieldExplain };
}

/** `tillSlip`: the document was classified as a till slip; the receipt-only name rules (the row an address hangs
 * from, place names inside the address) apply only then. */
/** `textLayerPages`: the page numbers read from the PDF's text layer, where an id spaced glyph by glyph is one id
 * (glyph-spacing.ts). */
export function extractVendor(rowsAsRead: Row[], opts: { tillSlip?: boolean; textLayerPages?: ReadonlySet<number> } = {}): VendorResult {
  const rows = joinedOnTextLayer(rowsAsRead, opts.textLayerPages ?? new Set<number>(), glyphsJoined);
  const roles = rowRoles(rows);
  const vat = chooseVat(rows, roles);
  const name = chooseName(rows, {
    roles,
    vatRow: vat?.rowIndex ?? null,
    vatRows: vat ? ownVatRows(rows, vat.match.value) : [],
    otherVatRows: vat ? otherVatRows(rows, vat.match.value) : [],
    tillSlip: opts.tillSlip,
  });
  return {
    vendor_vat: vat ? { value: vat.match.value, confidence: vat.confidence } : { value: null, confidence: 0 },
    vendor_name: name.field,
    country: vat?.match.country ?? null,
    explain: { vendor_name: name.explain, vendor_vat: vat?.explain ?? { winner: null, runner_up: null } },
  };
}

/** Rows that print the issuer's VAT id (`issuerVat`): its header and its legal line at the foot both name it. */
function ownVatRows(rows: Row[], issuerVat: string): number[] {
  const key = alnumKey(issuerVat);
  return rows.flatMap((r, i) => (findVatIds(r.text, { labelled: true }).some((m) => alnumKey(m.value) === key) ? [i] : []));
}

/** Rows that print a VAT id other than the issuer's (`issuerVat`): the customer's block holds one. */
function otherVatRows(rows: Row[], issuerVat: string): number[] {
  return rows.flatMap((r, i) => (findVatIds(r.text, { labelled: false }).some((m) => alnumKey(m.value) !== alnumKey(issuerVat)) ? [i] : []));
}

interface VatPick {
  match: VatMatch;
  rowIndex: number;
  confidence: number;
  explain: FieldExplain;
}

/** How a VAT id candidate is scored: the issuer's id is labelled, checks out, and is printed more than once. */
export const VAT_WEIGHTS = {
  base: 0.5,
  labelled: 0.25,
  checksumValid: 0.25,
  checksumInvalid: -0.2,
  /** an unlabelled id in a shape other codes share (a Spanish NIF without "ES": "87654321X (GTIN)") */
  bareUnlabelled: -0.3,
  inSellerBlock: 0.15,
  /** printed on the issuer's legal line, with its register or bank account ("KVK 08113875, BTW …, IBAN …") */
  onLegalLine: 0.15,
  /** the id holds the company register number printed on the page (a French VAT id is FR + key + the SIREN of "RCS
   * Annonay B 345 052 286" / the SIRET; a Belgian one its KBO number; an Italian one its Registro Imprese number):
   * the issuer prints its own register entry, a customer's VAT id beside it does not hold it */
  holdsRegisterNo: 0.2,
  /** an id printed only behind a tax code's label (Codice Fiscale, Steuernummer) where another id is printed behind a
   * label that names the VAT id (Partita IVA, USt-IdNr.): a tax code, not the VAT id */
  taxCodeOnly: -0.5,
  /** an id also printed in another party's block or beside its label (a customer's, a principal's), never where only
   * the issuer prints its own: that party's */
  othersId: -0.5,
  /** per repeat of the same id (header and footer), up to maxRepeats */
  perRepeat: 0.05,
  maxRepeats: 3,
  /** another id within this much of the winner's score halves the doubt ... */
  rivalMargin: 0.1,
  /** ... and scales the confidence by this */
  rivalFactor: 0.75,
} as const;

// the labels of a company register entry on an issuer's legal line, whose number its VAT id may hold (RCS, SIREN/SIRET,
// KBO/RPM, Registro Imprese); not a codice fiscale or a CIF, which SdI renderings and Spanish bills print for every party
const REGISTER_NO_LABEL_RE = /\b(rcs|r\.c\.s\.?|siren|siret|kbo|ondernemingsn(ummer|r)|rpm|rpr|reg(istro)?\.?\s*(delle\s*)?imprese)\b/i;

/** Digit runs (9 to 14 digits, groups joined: "345 052 286", "0123.456.789") on rows that print a register label. */
function registerNumbers(rows: Row[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    if (!REGISTER_NO_LABEL_RE.test(row.text)) continue;
    for (const m of row.text.matchAll(/\d(?:[\d]|[ .](?=\d{3}))*\d/g)) {
      const run = m[0].replace(/\D/g, '');
      if (run.length >= 9 && run.length <= 14) out.push(run);
    }
  }
  return out;
}

/** Whether a VAT id's national number (a French one without its two key digits) starts a printed register number. */
export function holdsRegisterNumber(m: VatMatch, registerNos: string[]): boolean {
  const national = m.value.replace(/^[A-Z]{2}/, '');
  const core = m.country === 'FR' ? national.slice(2) : national;
  if (!/^\d{8,}$/.test(core)) return false;
  return registerNos.some((r) => r.startsWith(core));
}

// a French VAT id as read: FR, its two key digits, the SIREN's nine
const FR_VAT_READ_RE = /(?<![\p{L}\d])FR\s?(\d{2})\s?(\d{3}\s?\d{3}\s?\d{3})(?!\d)/gu;

/** A French VAT id OCR misread by one digit of its SIREN ("FR69902446968" for FR69902446988), mended by the register
 * number the page prints (`registerNos`: its SIRET or SIREN, 902 446 988 00021): the VAT id is FR, a key computed from
 * the SIREN, and the SIREN — when the key read is that of the SIREN printed, the two readings agree but for the one
 * digit. */
export function frenchVatBySiren(text: string, registerNos: string[]): VatMatch[] {
  const out: VatMatch[] = [];
  for (const m of text.toUpperCase().matchAll(FR_VAT_READ_RE)) {
    const read = m[2].replace(/\s/g, '');
    if (validateVat(`FR${m[1]}${read}`)?.checksum !== false) continue;
    for (const siren of new Set(registerNos.map((r) => r.slice(0, 9)))) {
      const differ = [...siren].filter((d, i) => d !== read[i]).length;
      const key = String(frenchVatKey(siren)).padStart(2, '0');
      if (differ === 1 && key === m[1]) out.push({ value: `FR${key}${siren}`, country: 'FR', checksum: true, index: m.index ?? 0, raw: m[0] });
    }
  }
  return out;
}

/** A footer's legal line in one run: a name with its legal form, the id and an address, after the id ("PORVAZ
 * VILAGARCÍA, S.L. - C.I.F.: B36281087 - Rúa García Caamaño, Nº 23 - 36600 Vilagarcía") or before it. A customer block names its party on other
 * lines; a third party printed with its id beside other text (a carrier's name and its note number) has no address. */
function namedLegalLine(text: string, id: string): boolean {
  const at = text.indexOf(id);
  if (at < 0) return false;
  const before = text.slice(0, at);
  const after = text.slice(at + id.length);
  const legalForm = LEGAL_FORM_RE.exec(before);
  if (!legalForm) return false;
  // the address after the id, or between the name and the id ("WEX Europe Services SRL, Via Carlo Veneziani, 58,
  // 00148 Roma, Italia - Partita IVA: IT…")
  const between = before.slice(legalForm.index + legalForm[0].length);
  return [after, between].some((t) => POSTCODE_RE.test(t) || ADDRESS_RE.test(t));
}

/** A label wrapped onto two lines: the line above, a label alone (one cell, no digit, starting where this one does),
 * when this cell goes on with its sentence in small letters ("Codice fiscale, partita Iva e n. iscrizione / nel
 * Registro delle Imprese di Roma: 17851171003"); else nothing. */
function labelAbove(rows: Row[], i: number, cell: Cell): string {
  const above = rows[i - 1];
  if (!above || above.page !== rows[i].page || above.cells.length !== 1 || /\d/.test(above.text)) return '';
  if (!/^\s*\p{Ll}/u.test(cell.text) || Math.abs(above.cells[0].x0 - cell.x0) > 10) return '';
  return `${above.text} `;
}

/** Where the issuer prints its own ids: its block of the page, its legal line (register, bank account, its name with a
 * legal form), its register number held in the VAT id — a chosen VAT id's reasons (evidence.ts: issuer-place). */
export const VAT_ISSUER_PLACES: ReadonlySet<string> = new Set(['seller-block', 'legal-line', 'register-number']);
/** The reason of a VAT id also printed in another party's place, never in the issuer's (evidence.ts: customer-side). */
export const VAT_OTHER_PARTY = 'other-party-id';

/** A Polish NIP printed without its PL prefix (vat.ts PL_BARE_RE): every party's NIP is printed so, the buyer's too
 * ("NIP nabywcy: …" at a receipt's foot), so it is the vendor's only where the issuer prints its own. */
const isBareNip = (m: VatMatch): boolean => m.country === 'PL' && !/^\W*PL/i.test(m.raw);
const BUYER_ROLE_RE = new RegExp(String.raw`(?<![\p{L}])(?:${BUYER_ROLE_WORDS})(?![\p{L}])`, 'iu');
const SELLER_ROLE_RE = new RegExp(String.raw`(?<![\p{L}])(?:${SELLER_ROLE_WORDS})(?![\p{L}])`, 'iu');

/** Whether row `i` stands in a buyer's part of its page: the nearest party label on its row or above it on its page
 * names the buyer ("Nabywca", "Odbiorca", "NIP nabywcy"), not the seller ("Sprzedawca"). */
function inBuyerPart(rows: Row[], i: number): boolean {
  for (let k = i; k >= 0 && rows[k].page === rows[i].page; k--) {
    const seller = SELLER_ROLE_RE.test(rows[k].text);
    if (BUYER_ROLE_RE.test(rows[k].text) && !seller) return true;
    if (seller) return false;
  }
  return false;
}

function chooseVat(rows: Row[], roles: BlockRole[]): VatPick | null {
  const V = VAT_WEIGHTS;
  const registerNos = registerNumbers(rows);
  const places = new Map(cellPlaces(rows, { allPages: true }).map((p) => [p.cell, p]));
  const picks: { match: VatMatch; rowIndex: number; score: number; why: string[]; kind: 'vat' | 'tax-code' | null }[] = [];
  // the ids printed where another party prints its own: a customer's block or column, beside a customer's label, a
  // principal's "por cuenta y orden de"
  const othersIds = new Set<string>();
  rows.forEach((row, i) => {
    row.cells.forEach((cell, ci) => {
      const placed = places.get(cell);
      const context = `${labelAbove(rows, i, cell)}${row.cells.slice(Math.max(0, ci - 1), ci + 1).map((c) => c.text).join(' ')}`;
      // only a label that names a VAT id makes a bare number one: a tax code's label (a Brazilian shopper's CPF, a
      // Codice Fiscale) says which kind an id is, not that 11 digits behind it are a Partita IVA; it still labels an
      // id printed with its country prefix ("St.-Nr. … DE123…")
      const vatNamed = VAT_NAME_LABEL_RE.test(context);
      const labelled = vatNamed || TAX_CODE_LABEL_RE.test(context);
      // ... and a Latin American id's label alone makes a bare number one of its own countries' ids only
      const latamOnly = vatNamed && !OTHER_VAT_NAME_LABEL_RE.test(context);
      const unlabelled = labelled && (!vatNamed || latamOnly) ? new Set(findVatIds(cell.text, { labelled: false }).map((v) => v.value)) : null;
      const previous = ci > 0 ? `${row.cells[ci - 1].text} ` : '';
      for (const m of [...findVatIds(cell.text, { labelled }), ...frenchVatBySiren(cell.text, registerNos)]) {
        const bareOnly = unlabelled && !unlabelled.has(m.value) && !/^\s*\p{L}{2}/u.test(m.raw);
        if (bareOnly && !(latamOnly && LATAM_ID_COUNTRIES.has(m.country))) continue;
        if (BUYER_VAT_RE.test(context) || ON_BEHALF_RE.test(context) || (placed ? placed.block === 'other' : roles[i] === 'buyer')
          || (isBareNip(m) && (BUYER_ROLE_RE.test(context) || inBuyerPart(rows, i)))) {
          othersIds.add(alnumKey(m.value));
          continue;
        }
        // a Malaysian GST number, and a Latin American id without its label (AFIP and the DTE print the issuer's behind
        // "CUIT" / "NIT"; an unlabelled one is the customer's block's, "Responsable inscripto  30-64243841-3")
        if (UNPREFIXED_NATIONAL.has(m.country) && !labelled) continue;
        const why: string[] = [];
        let score = V.base;
        const rule = (on: boolean, weight: number, name: string): void => {
          if (!on) return;
          score += weight;
          why.push(name);
        };
        rule(labelled, V.labelled, 'labelled');
        rule(m.checksum === true, V.checksumValid, 'checksum-valid');
        rule(m.checksum === false, V.checksumInvalid, 'checksum-invalid');
        rule(m.bare === true && !labelled, V.bareUnlabelled, 'bare-unlabelled');
        rule(roles[i] === 'seller' || placed?.block === 'issuer', V.inSellerBlock, 'seller-block');
        rule(REGISTER_OR_BANK_RE.test(row.text) || namedLegalLine(row.text, m.raw), V.onLegalLine, 'legal-line');
        rule(holdsRegisterNumber(m, registerNos), V.holdsRegisterNo, 'register-number');
        picks.push({ match: m, rowIndex: row.index, score, why, kind: taxIdLabelKind(previous + cell.text.slice(0, m.index)) });
      }
    });
  });
  if (picks.length === 0) return null;
  // a NIP behind its label whose check fails is the page's misread id (a seller's, perhaps): never written, but the
  // chosen id is not the page's only one
  const misread = rows.flatMap((r) => failedBareNips(r.text)).filter((m) => !picks.some((p) => p.match.value === m.value));
  // an id also printed in another party's place is that party's, wherever else it stands (a customer's id printed
  // again bare in the header, "VAT Number DE…" over its "Bill to" block) — unless one of its prints stands where
  // only the issuer prints its own: its seller block, its legal line, its register number
  const issuerSide = new Set(picks.filter((p) => p.why.some((w) => VAT_ISSUER_PLACES.has(w))).map((p) => alnumKey(p.match.value)));
  for (const p of picks) {
    const key = alnumKey(p.match.value);
    if (!othersIds.has(key) || issuerSide.has(key)) continue;
    p.score += V.othersId;
    p.why.push(VAT_OTHER_PARTY);
  }
  // an id printed behind a tax code's label only, where another is printed behind the VAT id's own label
  const vatNamed = new Set(picks.filter((p) => p.kind === 'vat').map((p) => p.match.value));
  const taxCoded = new Set(picks.filter((p) => p.kind === 'tax-code' && !vatNamed.has(p.match.value)).map((p) => p.match.value));
  if (vatNamed.size > 0) {
    for (const p of picks) {
      if (!taxCoded.has(p.match.value)) continue;
      p.score += V.taxCodeOnly;
      p.why.push('tax-code-label');
    }
  }
  // the issuer's id is usually printed more than once (header and footer); count repeats as support
  const counts = new Map<string, number>();
  for (const p of picks) counts.set(p.match.value, (counts.get(p.match.value) ?? 0) + 1);
  for (const p of picks) {
    const repeats = Math.min(V.maxRepeats, (counts.get(p.match.value) ?? 1) - 1);
    if (repeats > 0) {
      p.score += V.perRepeat * repeats;
      p.why.push(`repeated+${repeats}`);
    }
  }
  picks.sort((a, b) => b.score - a.score || a.rowIndex - b.rowIndex);
  const best = picks[0];
  const distinctRivals = new Set(picks.filter((p) => p.score >= best.score - V.rivalMargin).map((p) => p.match.value)).size;
  const conf = Math.min(0.99, best.score) * rows[best.rowIndex].confidence * (distinctRivals > 1 ? V.rivalFactor : 1);
  const misreadScore = Math.min(best.score - 0.01, V.base + V.labelled + V.checksumInvalid);
  const explain = explainRanked([...picks.map((p) => ({ value: p.match.value, score: p.score, why: p.why })),
    ...misread.map((m) => ({ value: m.value, score: misreadScore, why: ['labelled', 'checksum-invalid'] }))]);
  return { match: best.match, rowIndex: best.rowIndex, confidence: round(conf), explain };
}

const COUNTRY_RE =
  /^(france|deutschland|germany|italia|italy|espa[ñn]a|spain|malaysia|india|united\s+kingdom|uk|england|[öo]sterreich|austria|schweiz|suisse|svizzera|switzerland|belgi[eë]|belgique|belgium|nederland|netherlands|m[ée]xico|usa|united\s+states|hong\s+kong|singapore|luxembourg|portugal)\.?$/i;

// a copy mark ("ORIGINAL", the Italian and Spanish "Originale", "Triplicado"), a sheet counter ("Hoja 1 de 1", "Pag. 1 di 2"), a
// layout's version ("Ver.3"): no name
const COPY_MARK_RE = new RegExp(
  String.raw`^\W*((original[e]?|duplicate|duplicato|triplicate|triplicado|triplicato)(\s+(for|copy)\b.*)?|(customer|office|extra)\s+copy|copia|kopie|duplicado|duplicata|segunda\s+via|2\s*[ªa]\s*via|${PAGE_COUNTER}|ver(sion|si[óo]n)?\.?\s*\d+)\W*$`,
  'i',
);

// a document title glued in front of the name on one line: "FACTUUR Welplast B.V.", "Rechnung ACME GmbH" (only
// before a name with a legal form: "Factura Simplificada" stays a title)
const DOC_TITLES = 'TAX INVOICE|INVOICE|RECHNUNG|FACTURE|FATTURA|FACTURA|FACTUUR|FATURA|RECEIPT|QUITTUNG';
/** The titles of several words (DOC_TITLES, words.ts SIMPLIFIED_INVOICE), their letters only, upper case. */
const GLUED_TITLES: readonly string[] = [...DOC_TITLES.split('|').filter((t) => /\s/.test(t)), ...SIMPLIFIED_INVOICE.split('|')]
  .map((t) => t.replace(/\\s\+|\s+/g, '').toUpperCase());
const TITLE_BEFORE_NAME_RE = /^\s*(tax\s+invoice|invoice|rechnung|facture|fattura|factura|factuur|fatura|nota\s+fiscal|receipt|quittung)\s+(?=\p{Lu})/iu;

// ... or glued to it, the text layer having no space between two runs: "FACTURAGarda Import S.L.", "RechnungACME GmbH"
// (the case changes where the title ends: a title in capitals before a capital and a small letter, a title in small
// letters before a capital)
const TITLE_GLUED_RE = new RegExp(
  `^\\s*(?:(?:${DOC_TITLES})(?=\\p{Lu}\\p{Ll})|(?:${DOC_TITLES.replace(/(^|\|)(\w)([^|]*)/g, (_m, bar: string, first: string, rest: string) => `${bar}${first.toUpperCase()}${rest.toLowerCase()}`)})(?=\\p{Lu}))`,
  'u',
);

/** An address's label alone in its cell (words.ts ADDRESS_LABEL). */
const ADDRESS_LABEL_ALONE_RE = new RegExp(String.raw`^\W*(?:${ADDRESS_LABEL})\W*$`, 'iu');

/** A bill's title (two joined by a dash: "Faktura - daňový doklad"), a number's label and a number: "Faktura nr FV
 * 7/2021", "Invoice No. 12", "Rechnung Nr. 5", "Faktura č. 123". */
const TITLE_WITH_NUMBER_RE = new RegExp(String.raw`^\W*(?:${BILL_TITLE_WORDS})(?:\s*[-–]\s*(?:${BILL_TITLE_WORDS}))?\s+(?:${NUMBER_WORD})(?![\p{L}])\.?\s*[:#]?\s*[\p{L}/-]{0,4}\s?\d`, 'iu');

const AFIP_LETTER_TITLE_RE = /\s+[ABCEM]\s+(?:FACTURA|NOTA\s+DE\s+\p{Lu}+|RECIBO)(?:\s+DE\s+\p{Lu}+)?\s*$/u;
const TITLE_AFTER_NAME_RE = new RegExp(String.raw`\s+(${BILL_TITLE_WORDS})\s*$`, 'iu');

export function cleanName(text: string): string {
  return text
    .replace(/^\s*(name|firma|company|raison\s+sociale|ragione\s+sociale|denominaci[óo]n|nom)\s*:\s*/i, '')
    .replace(TITLE_GLUED_RE, '')
    .replace(TITLE_BEFORE_NAME_RE, (title: string, _word: string, at: number, whole: string) => (LEGAL_FORM_RE.test(whole.slice(at + title.length)) ? '' : title))
    // ... or after it: "Jansen Bloemen B.V. FACTUUR", "ACME GmbH Rechnung" (after a name with a legal form only:
    // "TAX INVOICE" stays a title)
    .replace(TITLE_AFTER_NAME_RE, (title: string, _word: string, at: number, whole: string) => (LEGAL_FORM_RE.test(whole.slice(0, at)) ? '' : title))
    // ... and the rest of a sender line whose fields a bullet parts ("Acme Ltd. • 42 Milky Way • 1234 Faraway"): no
    // name holds a bullet (after a name with a legal form only)
    .replace(/\s+[•●]\s.*$/u, (tail: string, at: number, whole: string) => (LEGAL_FORM_RE.test(whole.slice(0, at)) ? '' : tail))
    // ... and a sender's address line after its name, from its post-office box on: "Lenze B.V. Postbus 3101, 5203 DC
    // 's-Hertogenbosch" (after a name with a legal form only)
    .replace(PO_BOX_AFTER_NAME_RE, (box: string, at: number, whole: string) => (LEGAL_FORM_RE.test(whole.slice(0, at)) ? '' : box))
    // ... or after AFIP's voucher letter, the text layer gluing the letterhead's three columns: "ESCOBAR LUIS RAMON C
    // FACTURA" (the letter names the voucher's kind: no name ends in a lone capital before a title)
    .replace(AFIP_LETTER_TITLE_RE, '')
    .replace(OWNER_LEAD_RE, '')
    // a logo's round O read as a registered or copyright mark: "R®SSMANN", or as a zero: "Golden Sc0op"
    .replace(/(?<=\p{Lu})[®©](?=\p{Lu})/gu, 'O')
    .replace(/^.*$/su, (all) => zerosAsO(all))
    // OCR debris around a line: "| | ASIA MART", "NAME “#7"
    .replace(/^[\s|\-—–_*'"“”‘’.,;:~=<>»«•]+/, '')
    // (not a number's label with its colon and value, "Branch Tax # : 3790016": a label and a value, no name)
    .replace(/[\s|\-—–_*'"“”‘’,;:~=<>»«•#\d]*$/, (tail) => (/\d/.test(tail) && (!/[“”"#|]/.test(tail) || /#\s*:\s*\d/.test(tail)) ? tail : ''))
    // a registration number printed after the name: "(CO.REG : 860671-D)", "(1072825-A)"; what follows it is
    // another name ("MYNEWS RETAIL SB(306295-X) FKA BISON STORES SB")
    .replace(/\s*\(\s*(?:co\.?\s*)?(?:reg\w*\.?\s*(?:no\.?)?\s*[:.]?\s*)?\d{4,8}\s*-\s*[A-Z]\s*\).*$/i, '')
    .replace(/\s*\([^)]*\d{4,}[^)]*\)?\s*$/, '')
    // ... or printed without parentheses, a branch code after it: "KING'S CONFECTIONERY S/B 273500-U (KSB)"
    .replace(/\s+\d{5,8}\s*-\s*[A-Z](?![\p{L}\d]).*$/u, '')
    .replace(/\s*[,;|]\s*$/, '')
    .replace(/\s+/g, ' ')
    // the share capital printed after the legal form is the legal line, not the name: "EKIBIO SAS au capital de
    // 1114740 EUR" -> "EKIBIO SAS" ("SAS au capital de 150000 €" leaves only a legal form: no name)
    .replace(/^.*$/su, cutShareCapital)
    // a professional title before a freelancer's name is no part of the name: "Ing. Dr. KLITON BYLYKBASHI" (a
    // firm named after its founder keeps it: "Dr. August Oetker KG")
    .replace(/^((ing|dr|dott|dott\.ssa|arch|avv|geom|rag|prof|dipl\.-ing|mag)\.\s+)+(?=\p{L})(.*)$/iu, (whole: string, ...groups: unknown[]) => {
      const rest = groups[2] as string;
      return LEGAL_FORM_RE.test(rest) ? whole : rest;
    })
    .replace(NAME_THEN_ADDRESS_RE, (whole: string, ...groups: unknown[]) => {
      const { name, tail } = groups[groups.length - 1] as { name: string; tail: string };
      return POSTCODE_RE.test(tail) || ADDRESS_RE.test(tail) ? name : whole;
    })
    .trim();
}

// the sender line above an address window holds the name and its address in one run: "TENNISMEHL GmbH Hundsberg 13
// 97950 Großrinderfeld"; what follows the legal form(s) ("Sdn Bhd", "GmbH & Co. KG") is cut when it holds a postcode or a street with its number
// (a comma alone also parts them: "K&K Kommunikationssysteme GmbH,Haunstetter Str 19,86161 Augsburg")
const NAME_THEN_ADDRESS_RE = new RegExp(`^(?<name>.*?(?:${LEGAL_FORM_RE.source})(?:\\s*&?\\s*(?:${LEGAL_FORM_RE.source}))*)(?:\\s*[-–·|]?\\s+|\\s*,\\s*)(?<tail>\\S.*)$`, 'iu');
const LEGAL_FORM_ONLY_RE = new RegExp(`^\\W*(?:${LEGAL_FORM_RE.source})\\W*$`, 'iu');
const SHARE_CAPITAL_RE =
  /[\s,;-]*\b(au\s+capital(\s+social)?\s+de|con\s+capitale(\s+sociale)?|capitale\s+sociale|capital\s+social|(mit\s+einem\s+)?stammkapital|share\s+capital|maatschappelijk\s+kapitaal)\b.*$/iu;

/** "EKIBIO SAS au capital de 1114740 EUR" -> "EKIBIO SAS"; "SAS au capital de 150000 €" -> "" (a legal form alone). */
function cutShareCapital(text: string): string {
  const m = SHARE_CAPITAL_RE.exec(text);
  if (!m) return text;
  const before = text.slice(0, m.index);
  return !before.trim() || LEGAL_FORM_ONLY_RE.test(before) ? '' : before;
}

const LEADING_NUMBER_NAME_RE = new RegExp(`^\\s*\\d{1,4}\\s+\\p{L}[\\p{L}'&.-]+\\s.*(?:${LEGAL_FORM_RE.source})`, 'iu');
// a name has a word of three letters, or is written with an ampersand or initials ("H&M", "S&Y", "D.I.Y.")
const HAS_WORD_RE = /\p{L}{3}|\p{L}\s?&\s?\p{L}|(?:\p{L}\.\s?){2}/u;
// what a till slip prints near its top that is no name: a registration label ("COMPANY NO", "CO. NO.", its O read as a
// zero: "CO. N0."), a tax rate
// ("INC 6% GST"), a slogan ("PLEASE VISIT US AGAIN"), a price column heading ("Preis €"), a title OCR misread
// ("TAX INVQICE")
const RECEIPT_NOT_A_NAME_RE =
  /^\W*(company|co)\.?\s*(n[o0]|reg)\b|%|\b(please|visit\s+us|come\s+again|welcome|goods\s+sold|refund\w*)\b|^\W*(preis|prix|prezzo|precio|pre[çc]o|prijs|price|betrag|importe|montant)\b\W{0,4}(eur|€|chf|\$)?\W*$|^\W*(tax\s*)?inv[o0q]i[cg]e\b/i;
// what a slip tells its holder to do with it, printed as large as the name and often above it: show it behind the
// windscreen ("PLACE FACE UP ON DASH", "Parkschein hinter die Windschutzscheibe legen", "à placer derrière le
// pare-brise", "colocar en el parabrisas", "esporre sul parabrezza", "achter de voorruit leggen"; the place with its
// preposition: "Windscreen Repairs Ltd" is a name) or keep it ("KEEP THIS RECEIPT", "Bon bitte aufbewahren",
// "Conservez votre ticket", "Conserve su ticket", "Conservare lo scontrino", "Bewaar uw kassabon"), or where it does
// not hold ("NOT VALID FOR ONSTREET PARKING", "Nicht gültig als Rechnung", "Non valable comme facture"): a notice
const SLIP_NOTICE_RE =
  /(?<![\p{L}])(face\s+up\s+on|(on|behind|in)\s+(the\s+|your\s+)?(dash(board)?|windscreen|windshield)|hinter\s+(die\s+)?windschutzscheibe|derri[èe]re\s+(le\s+)?pare-?\s?brise|(en|tras)\s+(el\s+)?parabrisas|(sul|dietro\s+il)\s+parabrezza|achter\s+de\s+voorruit|(keep|retain)\s+(this|your)\s+(receipt|ticket|slip)|aufbewahren|conserv(ez|er|e|are|i)\s+(ce|cet|votre|este|su|el|lo|il|questo)\s+\p{L}+|bewaa?r(en)?\s+(deze|uw|de|dit)\s+\p{L}+|(not|nicht|non|no|niet)\s+(valid|g[üu]ltig|valable|v[áa]lido|geldig))(?![\p{L}])/iu;
// a Malaysian address line led by its area word ("TAMAN SRI BINTANG", "PUSAT BANDAR KELANA JAYA", "KG. DUSUN
// NANGING"), and a state line ("SELANGOR DARUL EHSAN"): no name, unless a legal form follows ("(TAMAN DAYA) SDN BHD")
const AREA_LINE_RE = /^\W*(taman|bandar|pusat\s+bandar|kampung|kg\.|mukim|desa|jalan|jln\.?|lorong|persiaran|wilayah\s+persekutuan)\s|\bdarul\s+(ehsan|takzim|aman|naim|khusus|makmur|ridzuan)\b/i;
const TAX_LINE_RE = new RegExp(String.raw`^\W*(?:${TAX_NAME})(?![\p{L}])|responsable\s+inscripto|monotribut\p{L}*|consumidor\s+final`, 'iu');
/** A till slip's title (words.ts RECEIPT_TITLES) opening a line. */
const RECEIPT_TITLE_LEAD_RE = new RegExp(String.raw`^\W*(?:${RECEIPT_TITLES})(?![\p{L}])`, 'iu');
/** A staff member's role leading the text ("Farmacéutico titular: …", "Le atendió MARÍA") or standing alone in the
 * cell before the person's name ("Agente | Roberto Rodríguez"). */
const STAFF_ROLE_LEAD_RE = new RegExp(String.raw`^\W*(?:${STAFF_ROLES})(?![\p{L}])`, 'iu');
const REGISTER_LEAD_RE = new RegExp(String.raw`^\W*(?:${REGISTER_WORDS})(?![\p{L}])`, 'iu');
const STAFF_ROLE_ONLY_RE = new RegExp(String.raw`^\W*(?:${STAFF_ROLES})\W*$`, 'iu');
// ... and a European or Brazilian address line led by its street, building or area word, with no house number: a French lane, building or
// business park ("Allée Jean Marie AMELIN", "Pôle Yvon Morandat", "ZA La Boissonnette", "ZI des Vignes"), a Spanish
// industrial estate ("Polígono Industrial El Inestal", "Pol. Ind."), a German or Italian one ("Gewerbegebiet Nord",
// "Zona Industriale"), a Brazilian district ("SETOR SANTA GENOVEVA", "Bairro Centro")
const AREA_WORD_LINE_RE =
  /^\W*(all[ée]e|impasse|chemin|p[ôo]le|b[âa]timent|b[âa]t\.|immeuble|edificio|palazzo|geb[äa]ude|z\.?\s?[ai]\.?|zac|z\.a\.c\.|zone\s+(industrielle|artisanale|commerciale|d['’]activit[ée]s?)|parc\s+d['’]activit[ée]s?|pol[íi]gono|pol\.\s*ind\.?|gewerbegebiet|industriegebiet|gewerbepark|zona\s+industriale|setor|bairro|loteamento)(?![\p{L}])\s+\p{L}/iu;

export function isNameLike(text: string, opts: { registered?: boolean } = {}): boolean {
  // "99 SPEED MART S/B (519537-X)": a registered company name may start with digits
  // "99 SPEED MART", "32 PUB & BISTRO own by CNU TRADING": so may a name whose legal form or business word follows
  // another word ("3851 SL ERMELO" is a Dutch postcode and its town)
  // (a registered name's number may be read glued to it: "99SPEED MART S/B(519537-X)")
  const t = opts.registered || LEADING_NUMBER_NAME_RE.test(text) ? text.trim().replace(opts.registered ? /^\d{1,4}\s*(?=\p{L}{2})/u : /^\d{1,4}\s+(?=\p{L}{2})/u, '') : text.trim();
  if (t.length < 3 || t.length > 70) return false;
  // a legal form alone ("SARL" of "SARL au capital de …", a cell of its own) names nobody
  if (LEGAL_FORM_ALONE_RE.test(t)) return false;
  if (!HAS_WORD_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false; // "KK S", "CS/ T | RN": logo debris, no word of three letters
  if (RECEIPT_NOT_A_NAME_RE.test(t)) return false;
  if (SLIP_NOTICE_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false; // ("Bewaar de Tijd BV" is a company)
  // a line led by the tax's name ("IVA RESPONSABLE INSCRIPTO", "GST REG NO"), or an Argentine slip's tax status
  // ("Responsable Inscripto", "Monotributo", "A CONSUMIDOR FINAL"): a tax line, no name
  if (TAX_LINE_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false;
  // a till slip's title opening the line ("SCONTRINO FISCALE", "Ticket de caisse", "RICEVUTA N. 12"): no name
  if (RECEIPT_TITLE_LEAD_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false;
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const digits = (t.match(/\d/g) ?? []).length;
  if (letters < 3 || digits > letters / 2) return false;
  if (/:/.test(t)) return false; // "Salesperson : EIRA" is a label and a value
  // two or more labels each with its number after a dash, the number closing its field ("BANCO - 104 - AGÊNCIA - 1011",
  // a bank and its branch): a form's fields, label and value, as a colon parts them above (an imprint's "SARL - 1242
  // chemin de l'olive" is a name and its street)
  if (FIELD_PAIRS_RE.test(t)) return false;
  // Malaysian address lines without a house number: "KAWASAN PERINDUSTRIAN BALAKONG", "SEKSYEN U13"
  if (/\b(kawasan\s+perindustrian|seksyen|persiaran|lorong)\b/i.test(t)) return false;
  // a lot or unit number opening a line ("LOT P.T.2B11, JALAN ANGSA", "UNIT 3A-1"): an address
  if (/^\W*(lot|unit|suite)\s*[\p{L}.]{0,6}\d/iu.test(t)) return false;
  // a suite or unit number closing the line ("Two Westbrook Corporate Center Suite 500"): an address's first line
  if (/(?<![\p{L}])(suite|ste\.|unit|apt\.?)\s*#?\s*\d+[a-z]?\s*$/iu.test(t)) return false;
  // a number's label with its value elsewhere ("Challan No", "Order Nr.", "Ref. #", "Docket N°"): a label, never a name
  if (/(?<![\p{L}])(no|nr|n[°º])\.?\s*:?\s*$|#\s*:?\s*$/iu.test(t)) return false;
  if (AREA_LINE_RE.test(t) && !LEGAL_FORM_RE.test(t.replace(/^\W*kg\./i, ''))) return false;
  if (AREA_WORD_LINE_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false;
  // a document title OCR misread by a letter ("FACTURI", "INVOlCE", "RECHNUNC"): a title, not a name
  if (misreadTitle(t)) return false;
  // the issuer's register entry ("RCS Aix en Provence", "KvK Amsterdam"): its legal line, not its name
  if (REGISTER_LEAD_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false; // "RCS MediaGroup S.p.A." is a name
  // a staff member named on the slip or the bill ("Farmacéutico: …", "Le atendió MARÍA", "Agente | Roberto …")
  if (STAFF_ROLE_LEAD_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false;
  if (/^\(.*\)$/.test(t)) return false; // "(IOI PUCHONG)": a branch or outlet in parentheses, not the name
  if (/^[{[<].*[}\]>]$/.test(t)) return false; // a template's placeholder left in the text layer: "{BARCODE}", "[LOGO]"
  if (/^\W*(eur|usd|gbp|chf|myr|rm|sgd|inr|mxn|euro?s?)\W*$/i.test(t)) return false; // a currency column heading
  if (/^\W*(cash|change|cashier|receipt|tax\s*invoice|simplified|invoice|bill|member|counter|table|item|qty|description|amount|price|total|thank|thanks|tq|terima\s+kasih)\b/i.test(t)) return false;
  if (isColumnHeading(t)) return false;
  // a field's label alone, its value on the next line ("Adres" / "ul. Kępa 332"): a label, not a name
  if (ADDRESS_LABEL_ALONE_RE.test(t)) return false;
  // the document's title with its number's label and number ("Faktura nr FV 7/2021"): a heading, not a name
  if (TITLE_WITH_NUMBER_RE.test(t)) return false;
  // the title of another kind of document alone on its line ("STATEMENT", "Credit note", "Lieferschein", "Angebot"):
  // a heading, like an invoice's own title, not a name
  if (OTHER_TITLE_ALONE_RE.test(t)) return false;
  // a till's copy titles: "Bonkopie", "Kundenbeleg", "Duplicado"
  if (/^\W*(bonkopie|kopie|kundenbeleg|kassenbon|kassenbeleg|h[äa]ndlerbeleg|duplicate|duplikat|duplicado|copia|copie)\b/i.test(t)) return false;
  // which copy of the document this is ("ORIGINAL FOR RECIPIENT", "Duplicado", "Kopie"): a heading, not a name
  if (COPY_MARK_RE.test(t)) return false;
  // a payment method or terms label ("Método de Pag.", "Forma de pago", "Mode de règlement", "Zahlungsart")
  if (PAYMENT_LABEL_RE.test(t)) return false;
  if (NOT_A_NAME_RE.test(withoutNameTotal(t)) || ADDRESS_RE.test(t) || NO_HOUSE_NUMBER_RE.test(t)) return false;
  if (POSTCODE_RE.test(t) && !LEGAL_FORM_RE.test(t)) return false;
  if (mentionsBuyer(t) || isSellerHeader(t) || COUNTRY_RE.test(t)) return false;
  return true;
}

// the label of how or when the bill is paid, in the seven languages (abbreviated too: "Método de Pag.", "Cond. Pagto.")
const PAYMENT_LABEL_RE =
  /^\W*((m[ée]todo|forma|modo|mode|modalit[àa]|condi[çc][õo]es|condiciones|conditions|cond\.|termini|metodo)\s+(de|di|du|des|do|da)\s+(pag|pagto|pago|pagamento|paiement|r[èe]glement)|zahlungs(art|weise|bedingungen|ziel|methode)|payment\s+(method|terms|mode|type)|betaal(wijze|methode|voorwaarden)|betalingsvoorwaarden)(?![\p{L}])/iu;

// a bank's name ("Deutsche Bank AG", "Caja Rural", "Crédit Agricole"): printed beside the bank account, it names where
// the issuer banks, not the issuer
const BANK_NAME_RE =
  /(?<![\p{L}])(\p{L}*bank|banque|banca|banco|sparkasse|raiffeisen\p{L}*|caixa|caja|cr[ée]dit\s+(agricole|mutuel|lyonnais|coop[ée]ratif|du\s+nord)|abn\s*amro|bnp\s+paribas|soci[ée]t[ée]\s+g[ée]n[ée]rale|unicredit|intesa\s+sanpaolo|santander|bbva|bankinter|belfius|kbc)(?![\p{L}])/iu;
// a line of the bank account: its IBAN, BIC, account number or the bank-details heading
const BANK_LINE_RE =
  /(?<![\p{L}])(iban|bic|swift(code)?|blz|bankverbindung|bank\s*(details|account|name)|kontonummer|konto|rib|conto(\s+corrente)?|cuenta|rekening|nib|c\.c\.c\.?|account\s*(no|number))(?![\p{L}])/iu;
/** Whether a name is a bank's ("Deutsche Bank AG", "Caja Rural"): the write-back never creates a vendor under one
 * the rules were not sure of (writeback/prepare-bill.ts). */
export const isBankName = (name: string): boolean => BANK_NAME_RE.test(name);
/** Rows either side of a bank-details line within which a bank's name is read as the issuer's bank. */
const BANK_REACH = 2;

/** Every row that prints the name is a bank's line: within BANK_REACH rows of a bank-details line (IBAN, BIC). */
function onlyAsBank(rows: Row[], name: string): boolean {
  if (!BANK_NAME_RE.test(name)) return false;
  const key = nameKey(name);
  // the rows that print it, or each print a part of it (a name joined over two lines)
  const at = rows.flatMap((r, i) => {
    const k = nameKey(r.text);
    return k.includes(key) || (k.length >= 3 && key.includes(k)) ? [i] : [];
  });
  const bankLine = (i: number) => rows.slice(Math.max(0, i - BANK_REACH), i + BANK_REACH + 1).some((r) => r.page === rows[i].page && BANK_LINE_RE.test(r.text));
  return at.length > 0 && at.every(bankLine);
}

// a third party's role on a bill (words.ts THIRD_PARTY_ROLE), its name printed after it
const THIRD_PARTY_ROLE_RE = new RegExp(String.raw`(?<![\p{L}])${THIRD_PARTY_ROLE}\s*:?\s*$`, 'iu');

/** A name as compared with a third party's: its words up to its legal form ("Stadtwerke Musterstadt Netz GmbH" ->
 * "stadtwerke musterstadt netz", "RETE LUCE S.P.A. Tel. 803500" -> "rete luce"), so a name is the same whole name, not
 * a prefix of another ("Stadtwerke Musterstadt" is not its network operator "Stadtwerke Musterstadt Netz GmbH"). */
function partyKey(text: string): string {
  const form = text.match(LEGAL_FORM_RE);
  return nameKey(form?.index !== undefined && form.index > 0 ? text.slice(0, form.index) : text);
}

/** The names printed in a role (a third party's, THIRD_PARTY_ROLE_RE; the customer's, isCustomerLabel): in the cell
 * after the role's label, or after the label and a colon in the label's cell. */
function namesInRole(rows: Row[], role: (label: string) => boolean): { row: Row; cell: Cell; key: string }[] {
  const out: { row: Row; cell: Cell; key: string }[] = [];
  for (const r of rows) {
    r.cells.forEach((c, ci) => {
      const colon = c.text.indexOf(':');
      if (colon > 0 && role(c.text.slice(0, colon))) out.push({ row: r, cell: c, key: partyKey(c.text.slice(colon + 1)) });
      const next = r.cells[ci + 1];
      if (next !== undefined && role(c.text)) out.push({ row: r, cell: next, key: partyKey(next.text) });
    });
  }
  return out.filter((p) => p.key.length >= 3);
}

/** The names printed in a third party's role: after its label, or on the row under the label alone on its row ("Ihr
 * Netzbetreiber" / "Stadtwerke Musterstadt Netz GmbH"). */
function thirdPartyNames(rows: Row[]): { row: Row; cell: Cell; key: string }[] {
  const role = (label: string) => THIRD_PARTY_ROLE_RE.test(label);
  const under = rows.flatMap((r, i) => {
    const next = rows[i + 1];
    return r.cells.length === 1 && role(r.cells[0].text) && next?.page === r.page ? [{ row: next, cell: next.cells[0], key: partyKey(next.cells[0].text) }] : [];
  });
  return [...namesInRole(rows, role), ...under.filter((p) => p.key.length >= 3)];
}

/** A customer's label and nothing else but a colon, the label of the name after it: "Bill to", "Licensed To:",
 * "Cliente" (blocks.ts BUYER_HEADER_RE; "Customer No." labels a number, "N° TVA client" an id). */
function isCustomerLabel(text: string): boolean {
  const t = text.replace(/[\s:]+$/, '');
  const m = BUYER_HEADER_RE.exec(t);
  return m !== null && `${t.slice(0, m.index)}${t.slice(m.index + m[0].length)}`.replace(/[^\p{L}]/gu, '') === '';
}

/** The page names this party after a customer's label ("Bill to: ACME GmbH", "Licensed To: ACME GmbH") and no route
 * that reads only the issuer's own places found it: it is the customer, wherever else it is printed (an account's
 * summary at the top of a SaaS invoice names the customer beside the issuer's VAT id). */
function customerNamed(name: string, customers: { key: string }[], issuerOnly: ReadonlySet<string>): boolean {
  const key = partyKey(name);
  return key.length >= 3 && customers.some((p) => p.key === key) && !issuerOnly.has(key);
}

/** The page names this party in a third party's role and nowhere at the issuer's own place: a carrier's own bill
 * ("Spedition Huber GmbH" at the top, "Spediteur: Spedition Huber GmbH" below) names its issuer in that role too. The
 * issuer's place: the letterhead (the top of the first page) or a row beside the issuer's VAT id. */
function thirdPartyOnly(context: NameContext, name: string, third: { row: Row; cell: Cell; key: string }[]): boolean {
  const key = partyKey(name);
  if (key.length < 3 || !third.some((p) => p.key === key)) return false;
  const { rows, vatRows } = context;
  const roleCells = new Set(third.map((p) => p.cell));
  const atIssuerPlace = rows.some((r, i) =>
    ((r.page === rows[0]?.page && r.top <= LETTERHEAD_TOP) || vatRows.some((v) => Math.abs(v - i) <= 1)) &&
    r.cells.some((c) => !roleCells.has(c) && !THIRD_PARTY_ROLE_RE.test(c.text) && partyKey(c.text) === key));
  return !atIssuerPlace;
}

// the column headings of an item table or a summary (words.ts COLUMN_HEADING_WORDS): a row of them is no name
const COLUMN_HEADING_WORD_SET: ReadonlySet<string> = new Set(COLUMN_HEADING_WORDS.split(/\s+/));
// German and Dutch compound headings: "Artikelnummer", "Gesamtpreis", "Nettobetrag", "Stückzahl", "Stuksprijs"
const COLUMN_HEADING_COMPOUND_RE = /^\p{L}{2,}(preis|prijs|betrag|bedrag|nummer|summe|menge|zahl|einheit|eenheid|satz)$/u;

/** "Omschrijving Aantal Prijs Bedrag", "Désignation", "Qté | Prix unitaire": every word a column heading. */
export function isColumnHeading(text: string): boolean {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 0);
  const heading = (w: string) => COLUMN_HEADING_WORD_SET.has(w) || COLUMN_HEADING_COMPOUND_RE.test(w);
  // (a word of one or two letters OCR misread among them, "ût Description | Prix | Total" for "Qté", once two headings stand)
  const headings = words.filter(heading);
  return headings.length > 0 && words.some((w) => w.length > 3) && words.every((w) => heading(w) || (w.length <= 2 && headings.length >= 2));
}

interface NameCandidate {
  text: string;
  score: number;
  confidence: number;
  route: string; // which rule found it: agreement between different rules is evidence, repeats of one are not
  why: string[];
}

/** How much each route trusts what it finds, and what raises or lowers a name candidate. */
export const NAME_WEIGHTS = {
  /** named in a third party's role (the energy distributor, a carrier: vendor.ts THIRD_PARTY_ROLE) and nowhere at
   * the issuer's place */
  thirdParty: -0.6,
  /** named after a customer's label elsewhere on the page ("Licensed To: ACME GmbH"), never where only the issuer
   * prints its name: the customer (customerNamed) */
  customerNamed: -0.6,
  /** seller block: "Name: X" under "Verkäufer" / "Supplier" */
  sellerNameLabel: 1,
  /** seller block: the header line itself carries the name ("From: ACME Ltd") */
  sellerInline: 0.9,
  /** seller block: the first name-like line under the header */
  sellerFirstLine: 0.85,
  /** sender line above the window address: "Firm AG - Street 1 - 12345 Town" */
  senderLine: 0.8,
  /** letterhead: the first name-like row at the top of page 1 ... */
  letterhead: 0.6,
  /** ... each later letterhead row scores this much less */
  letterheadStep: 0.06,
  /** a name with a legal form a few rows above the issuer's VAT id */
  nearVat: 0.5,
  /** the line above a legal footer (registered office, capital, commercial register) */
  legalFooter: 0.45,
  /** the holder of the bank account the bill asks to be paid into */
  accountHolder: 0.55,
  /** "Thank you for shopping at X" */
  thanksLine: 0.5,
  /** a logo read as debris that spells the page's web domain within a letter or two ("L$DL", lidl.de) */
  logoDomain: 0.55,
  /** a till slip's logo at the top, one word OCR misread ("LODL", "R®SSMANN"), that a word printed again in the slip's
   * body spells within a letter per four (spellsLike: one for a short logo, two from eight letters; its own-brand items
   * "CONSUM 350" when the logo reads with a glyph, "Rossmann App", "Lidl - 10 Years in Ireland"):
   * that word, in small print, names the shop — above a letterhead row without a legal form (a town, a slogan), below
   * one with */
  logoRepeated: 0.7,
  /** the head of a footer column that goes on with the firm's address, beside its legal ids (KvK, VAT, IBAN): the
   * issuer's imprint, above a letterhead name (the top-left address block of a window envelope is the customer's) */
  footerBlock: 0.7,
  /** a footer line that prints a company with its legal form and then its address: the issuer's imprint (below a
   * letterhead name with its legal form: a footer may name a processor or a parent too) */
  footerImprint: 0.5,
  /** "For Gujarat Freight Tools" over "Authorised Signatory": the firm that signs the invoice issues it */
  signatory: 0.5,
  /** "© 2019 Hubdoc, Inc": the copyright holder of the page is its issuer */
  copyright: 0.55,
  /** the name is the domain of a web or e-mail address printed on the page (www.bol.com, info@acme.de) */
  ownDomain: 0.2,
  /** no name found is a printed domain, but one stands by the issuer's legal line (VAT id, IBAN, register):
   * a vendor printed only as a logo is still named by its domain ("www.welplast.nl" -> "Welplast"); with
   * ownDomain it scores above a letterhead without legal form, below one with */
  footerDomain: 0.45,
  /** a till slip's header: the name-like row right above its street and postcode lines (under a logo OCR read
   * as debris, the shop's name is the row the address hangs from) */
  aboveAddress: 0.6,
  /** a till slip's legal line: a company with its legal form printed on or beside the line of a tax id ("MERCADONA,
   * S.A. A-46103834", "Lidl Dienstleistung GmbH & Co. KG" over "USt-IdNr."), anywhere on the slip. With the legal
   * form's own bonus it outranks a letterhead without one (a logo, a brand, an address read as the name), not one
   * with one */
  legalLine: 0.55,
  /** the company a shop is "owned by" / "operated by", printed under the shop's own name */
  ownerOfShop: -0.3,
  /** a company registration number printed with the name: the legal entity that issues the receipt */
  registered: 0.15,
  /** printed only a few rows over another party's VAT id, far from the issuer's: the customer's block (its name over
   * its id) when the issuer's id stands elsewhere (a footer imprint, a labelled seller id) */
  overOtherVat: -0.3,
  /** led by a salutation (Mr, Herr, Dhr., Mme, Sr.): a person addressed, the customer */
  salutation: -0.4,
  /** the name carries a legal form (GmbH, SARL, Sdn Bhd, ...) */
  legalForm: 0.2,
  /** no capital letter at all: a handwritten note, a stamp or a slogan */
  noCapitals: -0.3,
  /** a fuller spelling of a name found elsewhere scores this much above the shorter one */
  fullerSpelling: 0.05,
  /** per further route that found the same name (up to maxExtraRoutes) */
  perExtraRoute: 0.1,
  maxExtraRoutes: 3,
  /** ranking multiplies the score by ocrFloor + ocrShare * OCR confidence: an unreadable line is not a name */
  ocrFloor: 0.4,
  ocrShare: 0.6,
  maxConfidence: 0.95,
} as const;

const NW = NAME_WEIGHTS;

/** The route that ranks name-like rows by their place at the top of page 1: a candidate's reasons name it
 * ("letterhead:0.60"; engine-fields.ts tells a name ranked by place alone). */
export const LETTERHEAD_ROUTE = 'letterhead';

interface NameContext {
  rows: Row[];
  roles: BlockRole[];
  /** row of the issuer's VAT id, if one was found */
  vatRow: number | null;
  /** every row that prints the issuer's VAT id (a header and a legal line at the foot) */
  vatRows: number[];
  /** rows of the other VAT ids printed (a customer's) */
  otherVatRows: number[];
  /** a till slip: its header is a shop's name over its address (receipt-only rules) */
  tillSlip: boolean;
}

/** `registered`: a company registration number stands with the name ("(728515-H)" after it or alone below);
 * `wordmark`: a till slip's logo printed in small letters (TILL_WORDMARK_RE), which no capital is wanted of. */
type AddName = (text: string, score: number, confidence: number, registered?: boolean, wordmark?: boolean) => void;

interface NameRoute {
  name: string;
  find(ctx: NameContext, add: AddName): void;
}

// the name's own label inside a seller block, in the languages of the bundled models: "Name:", "Denominazione:",
// "Ragione sociale:", "Razão social:", "Razón social:", "Raison sociale:", a Salvadoran DTE's "Nombre o razón social:",
// Polish "Nazwa:" ("Nazwa firmy:"), Dutch "Naam:" ("Bedrijfsnaam:")
const SELLER_NAME_LABEL = '(name|firma|denominazione|ragione\\s+sociale|raz[ãa]o\\s+social|raz[óo]n\\s+social|raison\\s+sociale|nome|nombre(\\s+o\\s+raz[óo]n\\s+social)?|nom|nazwa(\\s+firmy)?|(?:bedrijfs)?naam)';
const SELLER_NAME_LABEL_RE = new RegExp(`^\\s*${SELLER_NAME_LABEL}\\s*:\\s*`, 'i');
const SELLER_NAME_LABEL_ONLY_RE = new RegExp(`^\\s*${SELLER_NAME_LABEL}\\s*:?\\s*$`, 'i');
// the next field label of a labelled block ("Regime fiscale:", "Indirizzo:")
const FIELD_LABEL_RE = /^\s*[\p{L}][\p{L} .'/]{1,30}:/u;

/** A labelled name that runs over two lines of its cell ("Denominazione: ADRIATICA LUCIDANTI DI PETRIZZO" /
 * "GIANLUCA C SNC"): the next row's first cell, when it is not the next label and the name has no legal form yet. */
function withLabelledContinuation(rows: Row[], i: number, name: string): string {
  const next = rows[i + 1]?.cells[0]?.text ?? '';
  if (LEGAL_FORM_RE.test(name) || !next || FIELD_LABEL_RE.test(next) || !LEGAL_FORM_RE.test(next) || /\d/.test(next)) return name;
  return `${name.trim()} ${next.trim()}`;
}

/** Where an issuer's name is found, each route with its own trust (NAME_WEIGHTS). */
export const NAME_ROUTES: NameRoute[] = [
  {
    // seller block: "Name: X" or the first name-like line under the header
    name: 'seller-block',
    find({ rows, roles }, add) {
      rows.forEach((row, i) => {
        // a seller header in a later cell heads its column ("Billed to: | Product(s) provided by:"): under it in that
        // column, the first name with a legal form (a logo or a contact person may stand over the company), else the
        // first name-like cell — on a row of the parties' headers only (a customer's header beside it): a "From | To"
        // of a trip's or a period's columns heads no party
        const partiesRow = row.cells.some((c) => mentionsBuyer(c.text));
        for (const [k, header] of partiesRow ? row.cells.entries() : []) {
          if (k === 0 || !isSellerHeader(header.text) || isStaffLine(header.text)) continue;
          // (the header's column runs to the next cell of its row: a left-aligned heading is narrower than its lines)
          const columnEnd = Math.max(header.x1, row.cells[k + 1]?.x0 ?? Infinity);
          const under = rows.slice(i + 1, i + 6).filter((r) => r.page === row.page)
            .map((r) => r.cells.find((x) => (x.x0 + x.x1) / 2 >= header.x0 && (x.x0 + x.x1) / 2 <= columnEnd))
            .filter((c): c is Cell => c !== undefined && isNameLike(c.text) && !/:/.test(c.text));
          const c = under.find((x) => LEGAL_FORM_RE.test(x.text)) ?? under[0];
          if (c) add(cleanName(c.text), NW.sellerFirstLine, c.confidence);
        }
        if (!isSellerHeader(row.cells[0]?.text ?? '') || isStaffLine(row.cells[0].text)) return;
        // (a letter-spaced header is a cell of its own: what follows it on the row is the next cells')
        const spaced = headingText(row.cells[0].text) !== row.cells[0].text;
        const inline = (spaced ? row.cells.slice(1).map((c) => c.text).join('    ') : row.text).replace(SELLER_HEADER_RE, '').trim();
        if (inline) add(inline.split(/\s{3,}|,/)[0], NW.sellerInline, row.confidence);
        for (let k = i + 1; k < Math.min(rows.length, i + 6); k++) {
          const r = rows[k];
          // a buyer's column ("Billing Address") starting beside the seller's ends the seller's block
          if (roles[k] !== 'seller' || r.cells.some((c) => BUYER_HEADER_RE.test(c.text))) break;
          const nameCell = r.cells.findIndex((c) => SELLER_NAME_LABEL_ONLY_RE.test(c.text));
          if (nameCell >= 0 && r.cells[nameCell + 1]) {
            add(r.cells[nameCell + 1].text, NW.sellerNameLabel, r.cells[nameCell + 1].confidence);
            break;
          }
          if (SELLER_NAME_LABEL_RE.test(r.cells[0].text)) {
            add(withLabelledContinuation(rows, k, r.cells[0].text.replace(SELLER_NAME_LABEL_RE, '')), NW.sellerNameLabel, r.cells[0].confidence);
            break;
          }
          // "Nummer | : 549910" is a label/value row, not the name
          const labelRow = r.cells.length >= 2 && /^\s*:/.test(r.cells[1].text);
          if (!labelRow && isNameLike(r.cells[0].text) && !/:/.test(r.cells[0].text)) {
            add(withContinuation(rows, k, cleanName(r.cells[0].text)), NW.sellerFirstLine, r.cells[0].confidence);
            break;
          }
        }
      });
    },
  },
  {
    // sender line above the window address: "Firm AG - Street 1 - 12345 Town"
    name: 'sender-line',
    find({ rows }, add) {
      for (const [i, row] of rows.slice(0, 12).entries()) {
        if (row.top > 0.3) break;
        // where to return the letter if it cannot be delivered ("In caso di mancato recapito restituire a: Leaderform
        // SpA - Casella Postale …"): the mailing house's address, not the sender's
        if (RETURN_ADDRESS_RE.test(row.text) || (i > 0 && RETURN_ADDRESS_RE.test(rows[i - 1].text))) continue;
        const parts = row.cells[0].text.split(/\s+[-–•●·|]\s+/);
        // a street with its house number comes between the name and the postcode: "Fortaleza - CE - CEP: 60135-040"
        // is a town, a state and a postcode, no sender
        const street = parts.slice(1, -1).some((p) => /\d/.test(p));
        if (parts.length >= 3 && street && POSTCODE_RE.test(row.cells[0].text)) add(parts[0], NW.senderLine, row.confidence);
      }
    },
  },
  {
    // letterhead: name-like rows at the top of the first page, outside the buyer block
    name: LETTERHEAD_ROUTE,
    find({ rows, roles, tillSlip, vatRow }, add) {
      const firstPage = rows[0]?.page;
      let seen = 0;
      // a bill's issuer heads its page with its name, then its ids: under its own VAT id's row the letterhead is over,
      // and a name there is another party's (a customer's block under an issuer who printed its name as a logo) —
      // once the issuer's block stood above that row (a name, or its address under a logo): an ids strip heading the
      // page above the name ("USt-IdNr. … | Steuernr. …", then "Acme Works GmbH") ends nothing
      const letterheadEnd = !tillSlip && vatRow !== null && rows[vatRow]?.page === firstPage ? vatRow : Infinity;
      const addressAboveEnd = letterheadEnd !== Infinity && rows.slice(0, letterheadEnd).some((r) => POSTCODE_RE.test(r.text));
      let namesAboveEnd: number | null = null;
      // on a bill, rows read as the end of a name begun above ("GRUPO TERRITORIO" / "CAMPERO S.L."): no name of their
      // own (a till slip's header may print a brand over its company, "SUSHI MENTAI - MAHKOTA CHERAS" / "MIZU MENTAI
      // SDN. BHD.": the company's line stays a name)
      const continuation = new Set<Row>();
      for (let i = 0; i < rows.length && seen < 8; i++) {
        const row = rows[i];
        if (i > letterheadEnd) namesAboveEnd ??= seen;
        if (row.page !== firstPage || row.top > REGISTERED_ZONE || (namesAboveEnd !== null && (namesAboveEnd > 0 || addressAboveEnd))) break;
        if (!tillSlip && continuation.has(row)) continue;
        // below the letterhead zone only a name printed with its registration number ("MYNEWS RETAIL SB(306295-X)")
        if (row.top > LETTERHEAD_ZONE && !REGISTRATION_RE.test(row.text)) continue;
        if (roles[i] === 'buyer') continue;
        // a till slip's title ends its header: a name under "SIMPLIFIED TAX INVOICE" is the customer billed, once the
        // shop's name stood above it
        if (tillSlip && seen > 0 && SLIP_TITLE_RE.test(row.text.replace(INNER_DOT_RE, ''))) break;
        // a row that carries a price ("Bananen  0,19 A") is an item line: the body has begun, the letterhead is over
        // (logo debris OCR could hardly read is no item line, whatever digits it holds: "3 1902.06")
        if (row.cells.length < 6 && PRICE_RE.test(row.text) && row.confidence >= DEBRIS_CONFIDENCE) break;
        // a currency heading alone ("EUR") tops the price column of the item list: the letterhead is over
        if (/^\W*(eur|euro|chf|gbp|usd|rm|myr|€|\$|£)\W*$/i.test(row.text)) break;
        // the longest name-like cell of the row (letterheads share rows with logos and OCR debris), or the whole
        // row when every cell reads as a name (a name OCR'd in two pieces: "LIGHTROOM GALLERY SDN" | "BHD")
        const named = row.cells
          .filter((c) => isNameLike(cleanName(c.text), { registered: REGISTRATION_RE.test(c.text) }) || LEGAL_FORM_RE.test(c.text))
          .filter((c) => !inBuyerColumn(rows, i, c))
          // a label ending in its colon ("Per informazioni contattare :"); a person named after a staff role in the
          // cell before ("Agente | Roberto Rodríguez Lancha"); a town after its postcode's cell ("51370 | CHAMPIGNY")
          .filter((c) => {
            const at = row.cells.indexOf(c);
            const before = at > 0 ? row.cells[at - 1].text : '';
            return !/:\s*$/.test(c.text) && !STAFF_ROLE_ONLY_RE.test(before) && !POSTCODE_ONLY_RE.test(before);
          });
        // a cell with a legal form first, then the longest; never a person addressed ("Dhr. M el Mathari"), nor a legal
        // form alone (the "BHD" of "LIGHTROOM GALLERY SDN" | "BHD": the row may still be one name, below)
        const rankCell = (c: Row['cells'][number]): number =>
          (LEGAL_FORM_RE.test(c.text) ? 1000 : 0) + (isAddressee(cleanName(c.text)) ? -2000 : 0) + (LEGAL_FORM_ALONE_RE.test(cleanName(c.text)) ? -4000 : 0) + cleanName(c.text).length;
        const cell = [...named].sort((a, b) => rankCell(b) - rankCell(a))[0];
        if (!cell || !isNameLike(cleanName(cell.text), { registered: REGISTRATION_RE.test(cell.text) })) continue;
        // a place name inside the address ("TAMAN BERKELEY" between the street and the postcode) reads cleaner than
        // the logo above it, but is no name
        if (tillSlip && insideAddress(rows, i)) continue;
        // nor is the postcode's line ("30163 | Hannover", its town a cell of its own) or the street over it, its
        // house number or street word misread ("Kosenwag 25/27", "Fauerbacher Str g" over "61169 Friedberg"); a street
        // over its town is no name on a bill either, nor on a slip the rules could not tell for one ("RIVADAVIA 524")
        if ((tillSlip && isTownLine(row.text)) || streetOverTown(rows, i)) continue;
        const whole = cleanName(row.cells.map((c) => c.text).join(' '));
        // under a row of party headers ("FORNITORE | CLIENTE") the cells are the parties' columns, never one name
        const underPartyHeaders = i > 0 && rows[i - 1].cells.length > 1 && rows[i - 1].cells.some((c) => isBuyerColumnHeader(c.text));
        const onePiece = named.length === row.cells.length && row.cells.length > 1 && !underPartyHeaders && isNameLike(whole) && closeCells(row.cells);
        let text = onePiece ? whole : cleanName(cell.text);
        const continued = continuationRows(rows, i, text, tillSlip);
        text = continued.text;
        for (const r of continued.rows) continuation.add(r);
        // the registration number stands below the name's last line ("LIAN CHI PU TIAN VEGETARIAN" / "RESTAURANT SDN
        // BHD" / "(1095514-X)"): it registers the whole name, not only its tail
        const below = rows[i + 1 + continued.rows.length];
        const registered = REGISTRATION_RE.test(cell.text) || isRegistrationLine(below);
        // "Owned By : SANYU SUPPLY SDN BHD" under the address of "SANYU STATIONERY SHOP": the shop's own name heads the
        // slip. Printed in the name block itself, right under the brand and before any address or number ("OLD ASIA" /
        // "OWN BY: CHEF LEE SDN BHD" / "CO.NO. (458592-T)"), the company is the registered issuer the header names
        const ownerRow = OWNER_RE.test(row.text.slice(0, row.text.indexOf(cell.text) + 40)) ? i : i > 0 && OWNER_RE.test(rows[i - 1].cells[0].text) ? i - 1 : -1;
        const owner = ownerRow >= 0 && !inNameBlock(rows, ownerRow);
        // a name read over several lines is as legible as its lines on average
        const confidence = (cell.confidence + continued.rows.reduce((sum, r) => sum + r.confidence, 0)) / (1 + continued.rows.length);
        // a till slip's top rows printing one word in small letters only ("tegut", "toom"): the shop's logo set as a
        // wordmark, not a handwritten note or a slogan (those run to several words)
        const wordmark = tillSlip && i < LOGO_ROWS && TILL_WORDMARK_RE.test(text);
        add(text, NW.letterhead - seen * NW.letterheadStep + (owner ? NW.ownerOfShop : 0), confidence, registered, wordmark);
        seen++;
      }
    },
  },
  {
    // near the issuer's tax id (a few rows above it)
    name: 'near-vat',
    find({ rows, vatRow, vatRows }, add) {
      const near = new Set<number>();
      for (const v of vatRow === null ? vatRows : [vatRow, ...vatRows]) for (let k = Math.max(0, v - 3); k <= v; k++) if (rows[k].page === rows[v].page) near.add(k);
      for (const k of [...near].sort((a, b) => a - b)) {
        for (const c of rows[k].cells) {
          if (!LEGAL_FORM_RE.test(c.text)) continue;
          // a legal line in one run names the company first, up to its legal form, then its address and ids
          // ("COMPAÑÍA VINÍCOLA DEL NORTE DE ESPAÑA S.A. CTRA. LOGROÑO - … 01300 LAGUARDIA … CIF A48002893"); words
          // without digits after the form go on naming it ("Amazon EU S.à r.l., Niederlassung Deutschland")
          const company = COMPANY_NAME_RE.exec(c.text)?.groups?.name;
          const legalLine = company !== undefined && /\d/.test(c.text.slice(c.text.indexOf(company) + company.length));
          add(legalLine ? company : c.text.split(/\s+[-–•●·]\s+/)[0], NW.nearVat, c.confidence);
        }
      }
    },
  },
  {
    name: 'legal-footer',
    find({ rows }, add) {
      rows.forEach((row, i) => {
        if (/si[èe]ge\s+social|capital|registergericht|handelsregister|\bHRB\b|\bRCS\b|\bREA\b|geschäftsführ/i.test(row.text) && i > 0) {
          const prev = rows[i - 1];
          if (prev.cells.length === 1) add(prev.cells[0].text, NW.legalFooter, prev.confidence);
        }
      });
    },
  },
  {
    // receipts thank the customer by the shop's name: "Thank you for shopping at FUYI MINI" / "MARKET"
    name: 'thanks-line',
    find({ rows }, add) {
      rows.forEach((row, i) => {
        // "Vielen Dank für Ihren Einkauf bei REWE", "Gracias por su compra en X", "Merci de votre achat chez X"; a
        // till's sign-off "Ihr Kaufland-Team" / "Your Tesco team" names the shop too
        const m =
          /(?:shopping|dining|visiting|welcome|bienvenue|willkommen|benvenuti|einkauf|besuch|compra|visita|acquisto|achat|visite|aankoop|bezoek)\s+(?:at|to|with|chez|bei|bij|da|en)\s+(.{3,60})$/i.exec(row.text) ??
          /^\W*(?:ihr|euer|dein|your|the)\s+(\p{L}[\p{L}&' .]{1,30}?)(?:-|\s)team\b/iu.exec(row.text);
        if (!m) return;
        let name = m[1].replace(/[!.]+$/, '').trim();
        const next = rows[i + 1];
        if (next && next.cells.length === 1 && /^[\p{Lu}\s&.'-]{3,30}$/u.test(next.cells[0].text.trim())) name = `${name} ${next.cells[0].text.trim()}`;
        add(name, NW.thanksLine, row.confidence);
      });
    },
  },
];

NAME_ROUTES.push({
  // "SATURN ELECTRO HANDELSGES.MBH" / "Kamp 30-32" / "33098 Paderborn": the row an address hangs from, at the top
  name: 'above-address',
  find({ rows, roles, tillSlip }, add) {
    if (!tillSlip) return; // on a bill, a name over an address is as often the customer's window
    const firstPage = rows[0]?.page;
    for (let i = 0; i + 2 < rows.length && rows[i].page === firstPage && rows[i].top < REGISTERED_ZONE; i++) {
      if (roles[i] === 'buyer' || isAddressPart(rows[i].text) || isPostcodeLine(rows[i].text)) continue;
      // a registered company above the shop's name ("TRI SHAAS SDN BHD (728515-H)" / "MYDIN MART …"): the address
      // hangs from both, and the letterhead weighs them
      if (i > 0 && REGISTRATION_RE.test(rows[i - 1].text)) return;
      // the company's registration number may stand alone between its name and its street ("FIVE STAR CASH & CARRY" /
      // "(1365663-P)" / "G.23 & G.22, Plaza …"): the address hangs from the name all the same, and the number registers it
      const numbered = isRegistrationLine(rows[i + 1]);
      const [street, town] = numbered ? [rows[i + 2], rows[i + 3]] : [rows[i + 1], rows[i + 2]];
      if (!street || !town || street.page !== firstPage || !isAddressPart(street.text)) continue;
      // the street's own continuation lines may come first ("TAMAN SRI BINTANG,")
      const from = numbered ? i + 3 : i + 2;
      const rest = rows.slice(from, from + 2).filter((r) => r.page === firstPage);
      if (!isPostcodeLine(town.text) && !rest.some((r) => isPostcodeLine(r.text))) continue;
      const at = rows[i].cells.findIndex((c) => isNameLike(cleanName(c.text), { registered: REGISTRATION_RE.test(c.text) }));
      const cell = rows[i].cells[at];
      // "Data ricevuta | 10 luglio 2020": a label with its value beside it, not a name
      if (!cell || rows[i].cells.slice(at + 1).some((c) => /\d/.test(c.text))) return;
      // a name OCR read in pieces ("FIVE" | "STAR CASH& CARRY"): the whole row, as the letterhead takes it
      const whole = cleanName(rows[i].cells.map((c) => c.text).join(' '));
      const onePiece = rows[i].cells.length > 1 && isNameLike(whole) && closeCells(rows[i].cells);
      // the row over the number may be the last line of a name begun above ("AIK HUAT HARDWARE" / "ENTERPRISE (SETIA" /
      // "ALAM) SDN BHD" / "(822737-X)"): the name from its first line
      const start = numbered ? nameStart(rows, i) : i;
      const text = start < i ? wholeRow(rows[start]) : onePiece ? whole : cleanName(cell.text);
      add(withContinuation(rows, start, text, true), NW.aboveAddress, cell.confidence, numbered || REGISTRATION_RE.test(cell.text));
      return;
    }
  },
});

NAME_ROUTES.push({
  // the payee of the bank account printed for payment is the issuer: "Titulaire du compte : NETPRESSE",
  // "Kontoinhaber: ACME GmbH", "t.n.v. Welplast"
  name: 'account-holder',
  find({ rows, roles }, add) {
    rows.forEach((row, i) => {
      if (roles[i] === 'buyer') return;
      for (const c of row.cells) {
        const m = ACCOUNT_HOLDER_RE.exec(c.text);
        // the name ends at a separator, a bank field or a sentence's end ('… LLC. Thank you for your business!')
        if (m) add(m[1].split(/\s+[-–•|]\s+|,|\s(?=iban|bic|swift)|(?<=\.)\s+(?=\p{Lu}\p{Ll}+\s+\p{Ll})|!/u)[0], NW.accountHolder, c.confidence);
      }
    });
  },
});

NAME_ROUTES.push({
  // a shop's logo at the top OCR'd as debris ("L$DL") that spells its printed web domain (lidl.de) within a letter
  // or two: the domain names the shop
  name: 'logo-domain',
  find({ rows }, add) {
    const top = rows.filter((r) => r.page === rows[0]?.page && r.top < LOGO_ZONE).slice(0, 5);
    for (const domain of printedDomains(rows)) {
      if (domain.length < 3 || /\d/.test(domain) || WEB_SERVICES_RE.test(domain)) continue;
      const logo = top.find((r) => r.cells.some((c) => spellsLike(c.text, domain)));
      if (logo) add(domain[0].toUpperCase() + domain.slice(1), NW.logoDomain, logo.confidence);
    }
  },
});

NAME_ROUTES.push({
  // a till slip's logo OCR misread, spelled by a word the slip prints again below its header (NW.logoRepeated)
  name: 'logo-repeated',
  find({ rows, tillSlip }, add) {
    if (!tillSlip) return;
    const firstPage = rows[0]?.page;
    const top = rows.filter((r) => r.page === firstPage && r.top < LOGO_ZONE).slice(0, LOGO_ROWS);
    const body = rows.filter((r) => !top.includes(r) && !isAddressPart(r.text) && !isTownLine(r.text));
    for (const r of top) {
      // (no street or town line: "30163 | Hannover")
      const i = rows.indexOf(r);
      if (isTownLine(r.text) || isAddressPart(r.text) || isPostcodeLine(r.text) || streetOverTown(rows, i)) continue;
      for (const c of r.cells) {
        // the logo: one word of four letters or more alone in its cell (debris of a letter or two around it aside)
        const words = cleanName(c.text).split(/\s+/).filter((w) => w.replace(/[^\p{L}\p{N}]/gu, '').length >= 4);
        if (words.length !== 1) continue;
        const logo = words[0].toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        // a word that spells the whole logo (not a part of it: "EXPRESS" of "(U)express") and differs from it as read
        const spells = (w: string) => w.length >= logo.length && w.toLowerCase() !== logo && spellsLike(w, logo) && isNameLike(w) && !misreadTitle(w);
        // a row that prints a price is an item or a sum ("1 CAKE slice 3,50"): it spells the logo again only when the
        // logo as read cannot be a word (a glyph or a digit in it: "R@SSMANN", "L1DL") or the row names a firm — a logo
        // read as a word of letters only may be right ("CAFE"), and an item one letter off is no correction of it
        const misread = /[^\p{L}]/u.test(words[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
        const rowsFor = body.filter((b) => !PRICE_RE.test(b.text) || misread || namesFirm(b));
        const again = rowsFor.flatMap((b) => (b.text.match(/\p{L}{4,}/gu) ?? []).map((w) => ({ w, row: b }))).find(({ w }) => spells(w));
        if (again) add(again.w, NW.logoRepeated, again.row.confidence);
        // the logo read right but in small letters or behind debris ("¿e consum"), the word printed again as it is in
        // LOGO_RECURS body rows, price rows too: a chain's name on its own-brand items and loyalty scheme names it
        const same = body.filter((b) => (b.text.match(/\p{L}{4,}/gu) ?? []).some((w) => w.toLowerCase() === logo));
        // (a logo read clean, a word in capitals alone in its cell, is the letterhead's already)
        const clean = cleanName(c.text) === words[0] && /\p{Lu}/u.test(words[0]);
        // (a cell with a number beside its word is a table's or a till's, printed again on the orders: "Tisch 12")
        if (!again && !clean && !/\p{N}/u.test(c.text) && same.length >= LOGO_RECURS && isNameLike(words[0]) && !misreadTitle(words[0])) {
          // (spelt as the best read of those rows prints it)
          const best = same.reduce((a, b) => (b.confidence > a.confidence ? b : a));
          const w = best.text.match(/\p{L}{4,}/gu)!.find((x) => x.toLowerCase() === logo)!;
          add(w, NW.logoRepeated, best.confidence);
        }
      }
    }
  },
});

/** Body rows that print a logo's word again, exactly, for it to name the shop (one may be a product's name). */
const LOGO_RECURS = 2;
/** The rows at the top of a till slip where its logo stands. */
const LOGO_ROWS = 2;

/** A slip's row that names a firm, where a logo's word is printed again as a name: with a legal form ("Dirk Rossmann
 * GmbH") or a web or mail domain ("www.lidl.ie"), not a greeting ("Welcomes you back"). */
function namesFirm(row: Row): boolean {
  DOMAIN_RE.lastIndex = 0;
  return LEGAL_FORM_RE.test(row.text) || DOMAIN_RE.test(row.text);
}

/** The label of a letter's return address, "if undeliverable, return to": "In caso di mancato recapito restituire a",
 * "Bei Unzustellbarkeit zurück an", "En cas de non-distribution, retourner à", "If undelivered, return to", "En caso
 * de no entrega, devolver a", "Onbestelbaar? Retour naar", "Em caso de devolução". */
const RETURN_ADDRESS_RE =
  /mancato\s+recapito|restituire\s+a|unzustellbar\w*|zur[üu]ck\s+an|non[-\s]distribution|retourner\s+[àa]|if\s+undeliver\w*|return\s+to\s*:|no\s+entrega|devolver\s+a|onbestelbaar|retour\s+naar|em\s+caso\s+de\s+devolu[çc][ãa]o/i;

/** Rows under a party heading within which its column is that party's block. */
const COLUMN_BLOCK_ROWS = 6;

/** A cell in the customer's column: under a buyer heading, a few rows up on the same page — printed beside other
 * text ("Invoice | Billing address"), or alone on its row in a column of its own ("Bill to:" over the right half while
 * the issuer's block runs down the left margin, rows shared: rowRoles leaves such rows to neither block, so the
 * column says whose each cell is). */
function inBuyerColumn(rows: Row[], i: number, cell: Row['cells'][number]): boolean {
  for (let j = i - 1; j >= Math.max(0, i - COLUMN_BLOCK_ROWS); j--) {
    const above = rows[j];
    if (above.page !== rows[i].page) return false;
    if (above.cells.some((h) => isBuyerColumnHeader(h.text) && sharesColumn(cell, h))) return true;
  }
  return false;
}

/** Every row that prints the name stands near another party's VAT id (a block prints its name, street, postcode and
 * town, country over its id; a customer's block may print its id first), none near the issuer's: nearVatLine, as the
 * evidence vat-near and vat-other count it. A row that prints the name beside another party's id and not the issuer's
 * is that party's, however near the issuer's id stands ("LA SEGUNDA COOPERATIVA LTDA.   C.U.I.T.: 30-50001770-4" a
 * few lines under the issuer's CUIT). */
function overOtherVat(ctx: NameContext, name: string): boolean {
  const { rows, vatRow, otherVatRows, vatRows } = ctx;
  if (vatRow === null || otherVatRows.length === 0) return false;
  const key = name.toUpperCase().replace(/\s+/g, ' ').trim();
  if (key.length < 3) return false;
  const at = rows.flatMap((r, i) => (r.text.toUpperCase().replace(/\s+/g, ' ').includes(key) ? [i] : []));
  const samePage = (i: number, v: number) => rows[v].page === rows[i].page;
  const over = (i: number, v: number) => samePage(i, v) && nearVatLine(i, v);
  const nearIssuer = (i: number) => samePage(i, vatRow) && nearVatLine(i, vatRow);
  const besideOther = (i: number) => otherVatRows.includes(i) && i !== vatRow && !vatRows.includes(i);
  return at.length > 0 && at.every((i) => otherVatRows.some((v) => over(i, v)) && (!nearIssuer(i) || besideOther(i)));
}

/** The footer: the bottom of a page, where an imprint prints the issuer's name, address and legal ids. */
const FOOTER_ZONE = 0.75;
/** a line that opens with a street and its number (not a name followed by its address) */
const FOOTER_STREET_RE = new RegExp(`^\\W*(?:${ADDRESS_RE.source})`, 'iu');
/** a postcode and town opening a line: "1234AB Stadsnaam", "63571 Gelnhausen", "D-63571 Gelnhausen", "75008 Paris" */
const FOOTER_TOWN_RE = /^\s*([A-Z]{1,2}-)?(\d{4,5}|\d{4}\s?[A-Z]{2})\s+\p{Lu}/u;

NAME_ROUTES.push({
  // an imprint in the footer: "Smith Consulting | Telefoon … | KvK: …" / "Straatnaam 1 | … | Btw nummer: …" /
  // "1234AB Stadsnaam | … | IBAN: …" — a name whose column goes on with a street or postcode, the legal ids beside
  name: 'footer-block',
  find({ rows, roles }, add) {
    rows.forEach((row, i) => {
      if (row.top < FOOTER_ZONE || roles[i] === 'buyer') return;
      // a row with a cell that is an amount is a line item or a sum, however low it is printed: no imprint
      if (row.cells.some((c) => /^[-−]?\d{1,3}(?:[.,' ]?\d{3})*[.,]\d{2}$/.test(c.text.trim()))) return;
      const block = rows.slice(i, i + 4).filter((r) => r.page === row.page && r.top >= row.top);
      if (!block.some((r) => LEGAL_LINE_RE.test(r.text))) return;
      for (const c of row.cells) {
        // a name, not a sentence of the small print or a code: a few words, no clause punctuation, no digits
        if (/[:(),;\d]|\.\s*$/.test(c.text) || c.text.trim().split(/\s+/).length > 6 || !isNameLike(cleanName(c.text))) continue;
        const reach = Math.max(10, 0.15 * (c.x1 - c.x0));
        const address = block.slice(1, 3).some((r) => r.cells.some((d) => Math.abs(d.x0 - c.x0) <= reach && (FOOTER_STREET_RE.test(d.text) || FOOTER_TOWN_RE.test(d.text))));
        if (address) add(c.text, NW.footerBlock, c.confidence);
      }
    });
  },
});

/** A seat's own words (words.ts SEAT_ONLY_WORDS) and a register's (REGISTER_WORDS): no bank, no mere address. */
const SEAT_ONLY_RE = new RegExp(String.raw`(?<![\p{L}])(?:${SEAT_ONLY_WORDS})(?![\p{L}])`, 'iu');
const REGISTER_RE = new RegExp(String.raw`\b(?:${REGISTER_WORDS})\b`, 'i');
/** A firm other than the issuer led in on its line (words.ts OTHER_FIRM_LEAD, LEAD_PREPOSITIONS after a lower-case
 * word). */
const OTHER_FIRM_LEAD_RE = new RegExp(String.raw`(?<![\p{L}])(?:${OTHER_FIRM_LEAD})(?![\p{L}])`, 'iu');
const SENTENCE_LEAD_RE = new RegExp(String.raw`(?<![\p{L}])\p{Ll}+\s+(?:${LEAD_PREPOSITIONS})(?![\p{L}])`, 'u');

/** A footer's label of the firm's seat or account opening a line (words.ts SEAT_WORDS). */
const SEAT_LABEL_RE = new RegExp(String.raw`^\W*(?:${SEAT_WORDS})(?![\p{L}])`, 'iu');

NAME_ROUTES.push({
  // an imprint line in the footer: the company with its legal form, then its address on the same line ("Atlassian Pty
  // Ltd, Level 6, 341 George St, Sydney NSW 2000, Australia", "ACME GmbH · Hauptstr. 1 · 10115 Berlin"): a firm prints
  // its own name and seat at the foot of its pages, never its customer's
  // a firm without a legal form (a sole trader) names itself so on the line of its VAT id or right above it
  // ("Jane Doe — Main Street 19, 3220 Holsbeek" over "BTW BE0703.928.505")
  name: 'footer-imprint',
  find({ rows, roles, vatRows }, add) {
    rows.forEach((row, i) => {
      if (row.top < FOOTER_ZONE || roles[i] === 'buyer') return;
      const byVat = vatRows.some((v) => (v === i || v === i + 1) && rows[v].page === row.page);
      for (const c of row.cells) {
        const m = COMPANY_NAME_RE.exec(c.text);
        const sep = byVat && !m ? /\s*[,|·•–—]\s*|\s+-\s+/.exec(c.text) : null;
        // (a sole trader's name has no digits — "Meeboerserf 6, 3851 SR Ermelo" opens with the street —, looks like a
        // name, and is no label of the seat: "Registered office, 12 High Street", "Siège social – …")
        const head = sep ? c.text.slice(0, sep.index) : '';
        const name = m ? m.groups!.name : sep && !/\d/.test(head) && isNameLike(cleanName(head)) && !SEAT_LABEL_RE.test(head) ? head : null;
        if (name === null) continue;
        const rest = m ? c.text.slice(m.index + m[0].length) : c.text.slice(sep!.index);
        // (or, after a legal form, its seat or its register entry: "Müller Bau GmbH – Sitz der Gesellschaft: Berlin –
        // Registergericht: Amtsgericht Charlottenburg HRB 123456", "ACME SAS - RCS Paris 123 456 789": a firm prints its
        // own register entry, never its customer's)
        // (its own: a name, not led in as its parent's, host's or assignee's, "A member of …", "Hosted by …")
        const entry = m !== null && (REGISTER_RE.test(rest) || SEAT_ONLY_RE.test(rest) || REGISTER_ENTRY_RE.test(rest)) &&
          isNameLike(cleanName(name)) && !OTHER_FIRM_LEAD_RE.test(name) && !SENTENCE_LEAD_RE.test(name);
        if (/^\s*[,|·•–—-]/.test(rest) && (/(?<!\d)\d{4,5}(?!\d)/.test(rest) || POSTCODE_RE.test(rest) || ADDRESS_RE.test(rest) || entry)) add(name, NW.footerImprint, c.confidence);
      }
    });
  },
});

const SIGNATORY_RE = /authori[sz]ed\s*sign|signator|signature/i;
/** how far below "For X" (share of the page height) its signature line may be */
const SIGNATURE_REACH = 0.2;

NAME_ROUTES.push({
  // the signature block of an invoice names the firm it signs for: "For Gujarat Freight Tools" above "Authorised
  // Signatory" (the customer signs for receipt under "Customer Signature", without "For")
  name: 'signatory',
  find({ rows, roles }, add) {
    rows.forEach((row, i) => {
      if (roles[i] === 'buyer') return;
      for (const c of row.cells) {
        const m = /^\s*[Ff](?:or|OR)\s+(\p{Lu}.{2,60}?)\s*:?\s*$/u.exec(c.text);
        if (!m) continue;
        // the signature line sits a little below (a bank-details column beside it may hold many rows)
        const signs = rows.some((r) => r.page === row.page && r.top >= row.top && r.top - row.top <= SIGNATURE_REACH && r.cells.some((x) => SIGNATORY_RE.test(x.text) && !/customer|receiver|client/i.test(x.text)));
        // the signature itself is often an image or a scrawl OCR does not read: "For Bharti Airtel Limited" alone on
        // its line in the lower half, with a legal form, is a signature block too
        const alone = row.cells.length === 1 && row.top > 0.5 && LEGAL_FORM_RE.test(m[1]);
        if (signs || alone) add(m[1], NW.signatory, c.confidence);
      }
    });
  },
});

NAME_ROUTES.push({
  // a till slip whose name is a logo still prints its issuer for the tax office: the company on the tax id's line or
  // beside it, in the header or the footer
  name: 'legal-line',
  find({ rows, roles, tillSlip }, add) {
    if (!tillSlip) return; // a bill's near-vat and legal-footer routes read its imprint
    rows.forEach((row, i) => {
      if (roles[i] === 'buyer') return;
      // the tax id labelled, or printed bare with its check digits holding ("MERCADONA, S.A. A-46103834")
      const beside = [rows[i - 1], row, rows[i + 1]].some((r) => r && r.page === row.page && (TAX_ID_LINE_RE.test(r.text) || findVatIds(r.text).some((v) => v.checksum === true)));
      if (!beside) return;
      for (const c of row.cells) {
        const m = COMPANY_NAME_RE.exec(c.text);
        if (m) add(m.groups!.name, NW.legalLine, c.confidence);
      }
    });
  },
});

/** Routes are tried in this order; `copyright` comes last so equal scores keep the letterhead. */
NAME_ROUTES.push({
  name: 'copyright',
  find({ rows }, add) {
    for (const row of rows) {
      for (const c of row.cells) {
        const m = /(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:by\s+)?([^|•·]{3,60})/iu.exec(c.text);
        if (m) add(m[1].replace(/\s*(all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s).*$/i, ''), NW.copyright, c.confidence);
      }
    }
  },
});

export interface NameChoice {
  field: Field<string>;
  explain: FieldExplain;
}

export function chooseName(
  rows: Row[],
  ctx: { roles?: BlockRole[]; vatRow?: number | null; vatRows?: number[]; otherVatRows?: number[]; tillSlip?: boolean } = {},
): NameChoice {
  const vatRow = ctx.vatRow ?? null;
  const context: NameContext = {
    rows, roles: ctx.roles ?? rowRoles(rows), vatRow, vatRows: ctx.vatRows ?? (vatRow === null ? [] : [vatRow]), otherVatRows: ctx.otherVatRows ?? [], tillSlip: ctx.tillSlip ?? false,
  };
  const cands: NameCandidate[] = [];
  const domains = printedDomains(rows);
  for (const route of NAME_ROUTES) {
    route.find(context, (text, score, confidence, registered = false, wordmark = false) => {
      const t = cleanName(text);
      if (!isNameLike(t, { registered }) || onlyAsBank(rows, t)) return;
      const why = [`${route.name}:${score.toFixed(2)}`];
      let bonus = 0;
      if (registered) {
        bonus += NW.registered;
        why.push('registration-no');
      }
      if (LEGAL_FORM_RE.test(t)) {
        bonus += NW.legalForm;
        why.push('legal-form');
      }
      if (!/\p{Lu}/u.test(t) && !LEGAL_FORM_RE.test(t) && !wordmark) {
        bonus += NW.noCapitals;
        why.push('no-capitals');
      }
      if (wordmark) why.push('wordmark');
      if (isAddressee(t)) {
        bonus += NW.salutation;
        why.push('salutation');
      }
      if (domains.some((d) => nameMatchesDomain(t, d))) {
        bonus += NW.ownDomain;
        why.push('own-domain');
      }
      cands.push({ text: t, score: score + bonus, confidence, route: route.name, why });
    });
  }
  const logo = domainNearLegalLine(context, domains);
  if (logo && !cands.some((c) => c.why.includes('own-domain') || FOOTER_ROUTES.has(c.route))) {
    cands.push({ text: logo.name, score: NW.footerDomain + NW.ownDomain, confidence: logo.confidence, route: 'footer-domain', why: [`footer-domain:${NW.footerDomain.toFixed(2)}`, 'own-domain'] });
  }
  if (cands.length === 0) return { field: { value: null, confidence: 0 }, explain: { winner: null, runner_up: null } };
  // a wordmark printed again inside a longer name ("express" over "U EXPRESS SOULT"): that line spells the shop's name
  // in full, the logo is a part of it — small letters count against it again
  for (const c of cands) {
    if (!c.why.includes('wordmark')) continue;
    const word = new RegExp(String.raw`(?<![\p{L}])${escapeRegExp(c.text)}(?![\p{L}])`, 'iu');
    if (cands.some((o) => o.text.length > c.text.length && word.test(o.text))) {
      c.score += NW.noCapitals;
      c.why.push('no-capitals');
    }
  }
  const third = thirdPartyNames(rows);
  const customers = namesInRole(rows, isCustomerLabel);
  const issuerOnly = new Set(cands.filter((c) => ISSUER_ONLY_ROUTES.has(c.route)).map((c) => partyKey(c.text)));
  // another party's name: a third party's, the customer's, one printed over another party's VAT id
  const otherParty = (c: NameCandidate): void => {
    if (thirdPartyOnly(context, c.text, third)) {
      c.score += NW.thirdParty;
      c.why.push('third-party');
    }
    if (customerNamed(c.text, customers, issuerOnly)) {
      c.score += NW.customerNamed;
      c.why.push('customer-named');
    }
    if (overOtherVat(context, c.text)) {
      c.score += NW.overOtherVat;
      c.why.push('over-other-vat');
    }
  };
  cands.forEach(otherParty);
  // the same name found by several routes is more believable
  const routes = new Map<string, Set<string>>();
  for (const c of cands) {
    const k = nameKey(c.text);
    if (!routes.has(k)) routes.set(k, new Set());
    routes.get(k)!.add(c.route);
  }
  for (const c of cands) {
    const extra = Math.min(NW.maxExtraRoutes, (routes.get(nameKey(c.text))?.size ?? 1) - 1);
    if (extra > 0) {
      c.score += NW.perExtraRoute * extra;
      c.why.push(`routes+${extra}`);
    }
  }
  // (with the standing the brand's routes gave it)
  // (and a company that begins with the issuer's name may be another party: its network operator, "Stadtwerke
  // Musterstadt" / "Netzbetreiber: Stadtwerke Musterstadt Netz GmbH")
  const companies = companiesOfBrands(context, cands);
  companies.forEach(otherParty);
  cands.push(...companies);
  // OCR often cuts a letterhead short ("FUYI MI"): a fuller spelling of the same name found elsewhere inherits
  // the shorter one's standing, with the routes that found the shorter one (the tail of a name read over two lines,
  // "RESTAURANT SDN BHD", is also what the other routes find)
  for (const short of cands) {
    // (accents aside: one engine reads "Café" where the other, or the logo, prints "Cafe"; Paddle has no "ñ" or "ü")
    const k = plainKey(short.text).replace(/[^a-z0-9 ]/g, '');
    // (a logo's word is a whole name: a line that begins with it mentions the shop, "Lidl - 10 Years in Ireland")
    if (k.length < 3 || short.route === 'logo-repeated') continue;
    const fuller: NameCandidate[] = [];
    for (const long of cands) {
      // a third party's name is no fuller spelling of the issuer's ("Stadtwerke Musterstadt Netz GmbH", its network operator)
      if (long.why.includes('third-party') || long.why.includes('customer-named')) continue;
      const lk = plainKey(long.text).replace(/[^a-z0-9 ]/g, '');
      // a prefix cut short ("FUYI MI"), or the tail of a name read over several lines ("ENTERPRISE (SETIA ALAM) SDN BHD")
      // (a tail is a fragment only when it cannot stand alone: led by a legal form or business word, or closing a
      // parenthesis it never opened; "Timeless Kitchenette Sdn Bhd" under a slogan is a name of its own)
      // (a whole name then a comma and its branch's place, "ZARA, CC. LAS GLORIAS, L 404", is no fuller spelling: the
      // place differs from branch to branch, the name does not; it prints the name again, as a second route would)
      if (nameThenPlace(long.text, short.text)) {
        if (!short.why.includes('name-then-place')) {
          short.score += NW.perExtraRoute;
          short.why.push('name-then-place');
        }
        continue;
      }
      // (a brand of three letters only as a whole word: "KFC" over "KFC Groot Bijgaarden Nord", the brand and its
      // branch; "KFC" is no cut-short "KFCX")
      const fragment = (k.length >= 4 && lk.startsWith(k)) || lk.startsWith(`${k} `) || (k.length >= 4 && lk.endsWith(` ${k}`) && cannotStandAlone(short.text)) || (!LEGAL_FORM_RE.test(short.text) && oneWordLost(k, lk));
      if (lk.length > k.length + 2 && fragment && short.score + NW.fullerSpelling > long.score) fuller.push(long);
    }
    // the fuller spellings printed more than once ("KFC Groot Bijgaarden Nord" under the logo, misread again lower
    // down) keep their order: the best placed takes the shorter one's standing, the others stay as far below it
    const top = Math.max(...fuller.map((l) => l.score));
    for (const long of fuller) {
      long.score = short.score + NW.fullerSpelling - (top - long.score);
      long.why.push('fuller-spelling');
    }
  }
  // an unreadable line (OCR confidence near 0) is not a name, however well placed
  const rankOf = (c: NameCandidate): number => c.score * (NW.ocrFloor + NW.ocrShare * c.confidence);
  cands.sort((a, b) => rankOf(b) - rankOf(a));
  const best = cands[0];
  return {
    field: { value: best.text, confidence: round(Math.min(NW.maxConfidence, best.score) * best.confidence) },
    explain: explainRanked(cands.map((c) => ({ value: c.text, score: rankOf(c), why: c.why }))),
  };
}

/** A name ending in a company form that is one only in capitals (legal-forms.ts CAPITALS_ONLY_FORMS): "Elkjøp Norge AS",
 * the line ending there or going on after a dash to the shop's trade name ("KIVIKO Kaubandus OU - KIVIKO": `tail`,
 * taken only where it repeats the brand — "FNAC CARTE CADEAU OU - AVOIR" is a sentence, "ou" French for "or"). */
const CAPITALS_FORM_NAME_RE = new RegExp(String.raw`^\W*(?<name>\p{L}[^:]{1,60}?\s(?:${CAPITALS_ONLY_FORMS}))(?:\s+[-–]\s+(?<tail>[^:\d]+?))?\W*$`, 'u');
/** A shop or a brand is the trade name of a company that prints itself elsewhere on the page with its company form,
 * the brand's words first and more after them ("ZARA" / "ZARA ESPAÑA, S.A.", a domain's "Elkjop" / "Elkjøp Norge AS",
 * "Lidl" / "Lidl Dienstleistung GmbH & Co. KG"): the company is the issuer, under its brand's standing and a little
 * above it (NW.fullerSpelling) — any line, not only the tax id's (a till slip's footer spreads its legal lines). */
function companiesOfBrands({ rows, roles }: NameContext, cands: NameCandidate[]): NameCandidate[] {
  const companies = rows.flatMap((row, i) => (roles[i] === 'buyer' ? [] : row.cells))
    .map((c) => {
      const groups = (COMPANY_NAME_RE.exec(c.text) ?? CAPITALS_FORM_NAME_RE.exec(c.text))?.groups;
      return { name: groups?.name, tail: groups?.tail, confidence: c.confidence };
    })
    .filter((c): c is { name: string; tail: string | undefined; confidence: number } => c.name !== undefined && isNameLike(cleanName(c.name)));
  const out: NameCandidate[] = [];
  for (const brand of cands) {
    const key = plainKey(brand.text);
    if (COMPANY_FORM_RE.test(brand.text) || !/\p{L}{3}/u.test(key)) continue;
    for (const c of companies) {
      const name = cleanName(c.name);
      if (!plainKey(name).startsWith(`${key} `) || out.some((o) => o.text === name && o.score >= brand.score + NW.fullerSpelling)) continue;
      // (a dash's tail names the shop again, or the line is no company's name)
      if (c.tail !== undefined && plainKey(c.tail) !== key) continue;
      // the brand's bank ("Fresko Bank AG") or a sentence that names the brand ("Holiday Inn is a brand of IHG Hotels
      // Limited") is no company behind it
      if ((isBankName(name) && !isBankName(brand.text)) || sentenceAfter(name, key)) continue;
      out.push({ text: name, score: brand.score + NW.fullerSpelling, confidence: c.confidence, route: 'company-of-brand', why: [...brand.why, 'company-of-brand'] });
    }
  }
  return out;
}

/** Small words that link a name's words (Romance and Germanic: "Caffè del Porto", "Bäckerei am Markt", "Müller u.
 * Söhne", "Bank of Scotland"): the only words in small letters a name holds besides its legal form's. */
const NAME_LINK_RE = /^(de|del|della|delle|dei|degli|di|da|das|do|dos|du|des|la|le|les|las|los|el|lo|y|e|et|und|u|van|von|der|den|zu|zur|zum|am|an|im|in|au|aux|of|and|the)$/u;

/** Whether the words of `name` after the brand's (`key`, plainKey's words) hold a word in small letters other than a
 * name's link or legal form: a sentence about the brand, not a company's name. */
function sentenceAfter(name: string, key: string): boolean {
  const words = name.split(/\s+/).slice(key.split(' ').length).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, ''));
  return words.some((w) => /^\p{Ll}/u.test(w) && !NAME_LINK_RE.test(w.replace(/\.$/, '')) && !LEGAL_FORM_RE.test(w));
}

/** The letterhead: the top of the first page; a long receipt header may push the registered name a little lower. */
const LETTERHEAD_ZONE = 0.3;
const REGISTERED_ZONE = 0.45;

/** Whether row `i` stands in a slip's name block: below a first row, and only rows without a digit above it (a
 * brand's words; an address, a phone or a tax id ends the block). */
function inNameBlock(rows: Row[], i: number): boolean {
  return i > 0 && rows.slice(0, i).every((r) => r.page === rows[i].page && !/\d/.test(r.text));
}

const OWNER_RE = new RegExp(String.raw`^\W*(?:${OWNER_WORDS})\b`, 'iu');
/** the owner words leading a name, and their colon: what cleanName drops */
const OWNER_LEAD_RE = new RegExp(String.raw`^\s*(?:${OWNER_WORDS})\s*:?\s*`, 'iu');

// (a French "BP 123" only here, after a legal form: BP alone is a company)
const PO_BOX_AFTER_NAME_RE = new RegExp(String.raw`[\s,;|·–-]+(?:${PO_BOX_WORDS}|b\.?p\.?(?=\s*\d))(?![\p{L}]).*$`, 'iu');

/** A letterhead read with one of its words lost (a logo's stylised word OCR cannot read: "THE | NETWORK" for "THE IVY
 * NETWORK CORPORATION"): the longer name begins with the shorter one's first word and holds its words in order, one
 * word more among them. Two words at least, and the lost word one of letters, not a number; the shorter without a legal
 * form ("ACME GmbH" and "ACME Service GmbH" are a firm and its sister, each spelt in full). */
function oneWordLost(short: string, long: string): boolean {
  const s = short.split(' ');
  const l = long.split(' ');
  if (s.length < 2 || l.length < s.length + 1) return false;
  for (let lost = 1; lost < s.length; lost++) {
    const read = [...s.slice(0, lost), l[lost], ...s.slice(lost)];
    if (/^\p{L}{2,}$/u.test(l[lost]) && read.every((w, i) => l[i] === w)) return true;
  }
  return false;
}

/** A dot OCR put inside a word ("SIMPL.IFIED TAX INVOICE"). */
const INNER_DOT_RE = /(?<=\p{L}{2})\.(?=\p{L}{2})/gu;

/** A till slip's title alone on its line. */
const SLIP_TITLE_RE =
  new RegExp(String.raw`^\W*((simplified\s+|full\s+)?(tax\s+)?invoice|(official\s+|cash\s+)?receipt|${RECEIPT_TITLES}|${SIMPLIFIED_INVOICE}|factura|fatura|fattura|facture)\W*$`, 'i');

/** OCR confidence under which a row near the top is read as logo debris, not text. */
const DEBRIS_CONFIDENCE = 0.4;

const PRICE_RE = /(?<![\d.,])\d{1,6}[.,]\d{2}(?![\d.,%])/;

// company registration numbers printed with a name: "(728515-H)", "(CO.REG : 933109-X)", "(1072825-A)", or on a line
// of their own under it, however the label is spelt: "Company Reg. No. : (583246-A).", "CO.N0. (458592-T)" (a zero
// for the O of "No")
const REG = '(?:co(?:mpany)?\\.?\\s*)?(?:(?:reg(?:istration)?|n[o0])\\.?\\s*(?:n[o0]\\.?)?\\s*[:.]?\\s*)?\\(?\\s*\\d{4,8}\\s*-\\s*[A-Z]';
const REGISTRATION_RE = new RegExp(`\\(\\s*${REG}\\s*\\)?`, 'i');
const REGISTRATION_ONLY_RE = new RegExp(`^\\W*${REG}\\W*$`, 'i');
/** A row that prints a company registration number and nothing else: it follows the registered name's last line. */
const isRegistrationLine = (row: Row | undefined): boolean => row?.cells.length === 1 && REGISTRATION_ONLY_RE.test(row.cells[0].text);

const FIELD_PAIRS_RE = /(?:(?<![\p{L}])\p{L}{3,}\s*[-–]\s*\d{2,}(?=\s*(?:[-–]|$))[\s\S]*){2}/u;
const OTHER_TITLE_ALONE_RE = new RegExp(String.raw`^\W*(?:${STATEMENT_TITLES}|${CREDIT_NOTE_WORDS}|${DELIVERY_NOTE_WORDS}|${QUOTATION_WORDS}|quotation|pro[- ]?forma(?:\s+invoice)?)\W*$`, 'iu');

// a salutation before a name addresses a person, the customer; shop names in capitals ("MR D.I.Y.") are exempt
const SALUTATION_RE = /^(mr|mrs|ms|miss|dr|herr|herrn|frau|hr|fr|dhr|mevr|mevrouw|meneer|de\s+heer|mw|mme|mlle|madame|monsieur|m|sig|sig\.ra|signor|signora|sr|sra|srta|se[ñn]or|se[ñn]ora|senhor|senhora|exmo|exma)\.?\s+\p{Lu}/iu;
const isAddressee = (t: string): boolean => SALUTATION_RE.test(t) && t !== t.toUpperCase() && !LEGAL_FORM_RE.test(t);

/** One word in small letters only: a wordmark ("tegut", "akzenta") when a till slip's logo prints it. */
const TILL_WORDMARK_RE = /^\p{Ll}{3,}$/u;

/** Where a logo stands: the top fifth of the first page. */
const LOGO_ZONE = 0.2;

/** Domains of mail, social and payment services name no issuer. */
const WEB_SERVICES_RE = /^(gmail|googlemail|google|yahoo|hotmail|outlook|live|gmx|web|icloud|aol|facebook|instagram|twitter|youtube|tiktok|linkedin|paypal|apple|whatsapp)$/;

/** A cell whose letters and digits are the domain's within one edit per four letters (and at least one). */
function spellsLike(text: string, domain: string): boolean {
  const seen = text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  if (seen.length < 2 || Math.abs(seen.length - domain.length) > 2) return false;
  return editDistance(seen, domain) <= Math.max(1, Math.floor(domain.length / 4));
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Second-level names of the web and e-mail addresses printed on the page: "www.bol.com" -> "bol". */
export function printedDomains(rows: Row[]): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    for (const m of r.text.matchAll(DOMAIN_RE)) out.add(m[1].toLowerCase());
  }
  return [...out];
}

// ... and whom a cheque is to be made out to, the same payee: "Make checks payable to: ACME Inc."
const ACCOUNT_HOLDER_RE =
  /(?:account\s*(?:holder|name)|kontoinhaber(?:in)?|titulaire(?:\s+du\s+compte)?|intestat(?:ario|o\s+a)|titular(?:\s+da\s+conta|\s+de\s+la\s+cuenta)?|t\.\s?n\.\s?v\.|ten\s+name\s+van|beneficiario|benefici[áa]rio|payee|(?<!\p{L})payable\s+to(?:\s+the\s+order\s+of)?)\s*:?\s*(\p{L}.{2,60})/iu;
/** Routes that find the issuer in its footer: a domain is only a name when none of them found one. */
const FOOTER_ROUTES = new Set(['legal-footer', 'near-vat', 'copyright', 'account-holder', 'footer-block', 'footer-imprint']);
/** Routes that read a name where an issuer names itself (its seller block, sender line, legal line or imprint, beside
 * its VAT id, as the payee or the signatory), not merely at the top of the page: the evidence `issuer-named`. */
export const ISSUER_ROUTES: ReadonlySet<string> = new Set([...FOOTER_ROUTES, 'seller-block', 'sender-line', 'legal-line', 'signatory']);
/** Of those, the routes that read a name where only the issuer prints its own: not beside a tax id (near-vat,
 * legal-line), which may be the customer's (customerNamed). */
const ISSUER_ONLY_ROUTES: ReadonlySet<string> = new Set([...ISSUER_ROUTES].filter((r) => r !== 'near-vat' && r !== 'legal-line'));

/** Company forms proper (legal-forms.ts, not business words like "MART" or "RESTAURANT"): only a registered
 * company signs a legal line. */
const COMPANY_FORM = `(?:${COMPANY_FORMS})`;
const COMPANY_FORM_RE = new RegExp(`(?<![\\p{L}\\d])${COMPANY_FORM}(?![\\p{L}\\d])`, 'iu');
/** A name up to its company form(s) at the start of a cell: "MERCADONA, S.A. A-46103834" -> "MERCADONA, S.A.". */
const COMPANY_NAME_RE = new RegExp(`^\\W*(?<name>\\p{L}[^:]{1,60}?[\\s,](?:${COMPANY_FORM})(?:\\s*[&,]?\\s*(?:co\\.\\s*)?${COMPANY_FORM})*)(?![\\p{L}\\d])`, 'iu');
// mail and web platforms: an address there names the platform, not the issuer
const PLATFORM_DOMAINS = new Set(['gmail', 'googlemail', 'hotmail', 'outlook', 'live', 'msn', 'yahoo', 'gmx', 'web', 't-online', 'icloud', 'me',
  'aol', 'orange', 'free', 'wanadoo', 'libero', 'proton', 'protonmail', 'mail', 'email', 'paypal', 'stripe', 'google', 'facebook', 'instagram',
  'twitter', 'linkedin', 'youtube', 'apple', 'microsoft']);

/** The domain printed within two rows of the issuer's legal line (outside the buyer's block), as a name. */
function domainNearLegalLine({ rows, roles }: NameContext, domains: string[]): { name: string; confidence: number } | null {
  if (domains.length === 0) return null;
  for (let i = rows.length - 1; i >= 0; i--) {
    if (roles[i] === 'buyer' || !LEGAL_LINE_RE.test(rows[i].text)) continue;
    for (let k = Math.max(0, i - 2); k <= Math.min(rows.length - 1, i + 2); k++) {
      if (roles[k] === 'buyer' || rows[k].page !== rows[i].page) continue;
      for (const m of rows[k].text.matchAll(DOMAIN_RE)) {
        const domain = m[1].toLowerCase();
        if (domain.length < 4 || PLATFORM_DOMAINS.has(domain) || !/[a-z]{3}/.test(domain)) continue;
        return { name: domain.charAt(0).toUpperCase() + domain.slice(1), confidence: rows[k].confidence };
      }
    }
  }
  return null;
}

const DOMAIN_RE = /(?:www\.|https?:\/\/(?:www\.)?|@)([a-z0-9-]{2,40})\.[a-z]{2,6}\b/gi;

/** "Hubdoc, Inc" matches hubdoc.com; "bol.com b.v." matches bol.com; "Acme Consulting" matches acme-consulting.com;
 * a common word alone does not count. */
function nameMatchesDomain(name: string, printed: string): boolean {
  const domain = printed.replace(/-/g, '');
  if (domain.length < 3) return false;
  const words = nameKey(name).split(' ').filter((w) => w.length >= 2);
  const joined = words.join('');
  return words.includes(domain) || joined === domain || (words.length > 1 && joined.startsWith(domain) && domain.length >= 5);
}

/** Cells of one name OCR'd in pieces sit a few characters apart and never continue after a complete legal form
 * ("bol.com b.v." | "Dhr. M el Mathari" are two columns; "LIGHTROOM GALLERY SDN" | "BHD" is one name). */
function closeCells(cells: Row['cells']): boolean {
  for (let i = 1; i < cells.length; i++) if (ENDS_WITH_LEGAL_FORM_RE.test(cells[i - 1].text) && !LEGAL_FORM_RE.test(cells[i].text)) return false;
  return nearCells(cells);
}

/** Cells a few characters apart: pieces of one line of print. */
function nearCells(cells: Row['cells']): boolean {
  for (let i = 1; i < cells.length; i++) {
    const prev = cells[i - 1];
    const charWidth = (prev.x1 - prev.x0) / Math.max(1, prev.text.length);
    if (cells[i].x0 - prev.x1 > 6 * charWidth) return false;
  }
  return true;
}

const ENDS_WITH_LEGAL_FORM_RE = new RegExp(`(?:${LEGAL_FORM_RE.source})\\W*$`, 'iu');

/** A name broken over two lines: "MVM Musterhafter" / "Versicherungsverein Musterstadt a.G."; "AIK HUAT HARDWARE
 * ENTERPRISE" / "(SETIA ALAM) SDN BHD". Joined only when the first part lacks a legal form and the second has one.
 * `tillSlip`: on a till slip's header, a company's whole name under a line is its own ("MTB-Tankstelle" / "Fritz Wahr
 * Energie GmbH & Co. KG", "Home of Sticky Banana" / "Timeless Kitchenette Sdn Bhd"): the line above is the shop's brand
 * or slogan (companyOfItsOwn). */
function withContinuation(rows: Row[], i: number, text: string, tillSlip = false): string {
  return continuationRows(rows, i, text, tillSlip).text;
}

/** A company's whole name: a company form (GmbH, Sdn Bhd; not a business word) after a name of its own — a word of
 * three letters outside parentheses, not led by a legal form or a business word, closing no parenthesis opened above
 * ("Fritz Wahr Energie GmbH & Co. KG"; not "RESTAURANT SDN BHD", "(SETIA ALAM) SDN BHD", "ALAM) SDN BHD"). */
function companyOfItsOwn(text: string): boolean {
  const form = COMPANY_FORM_RE.exec(text);
  if (!form || cannotStandAlone(text)) return false;
  return /\p{L}{3}/u.test(text.slice(0, form.index).replace(/\([^)]*\)?/g, ' '));
}

function continuationRows(rows: Row[], i: number, text: string, tillSlip = false): { text: string; rows: Row[] } {
  let joined = text;
  const used: Row[] = [];
  // a letterhead name may run over three lines: "AIK HUAT HARDWARE" / "ENTERPRISE (SETIA" / "ALAM) SDN BHD"
  for (let k = i + 1; k <= i + 2; k++) {
    const next = rows[k];
    if (!next || next.page !== rows[i].page || !/\p{Lu}/u.test(joined)) break;
    // (a slip's header line read in pieces is one line: "ENTERPRISE" | "SETIA")
    const nextText = tillSlip ? wholeRow(next) : cleanName(next.cells[0].text);
    // a line that begins with the name again is the name in full, no second half of it: "Thai Cafe" over "Thai Café
    // Docks sprl" (a brand over its company)
    if (plainKey(nextText).startsWith(`${plainKey(joined)} `)) break;
    // a line led by owner words ("OWN BY: CHEF LEE SDN BHD") names the company behind the shop: another name
    if (OWNER_RE.test(next.text)) break;
    // a slip's company printed whole under its brand or slogan (see above) — not under a name already broken over
    // lines, its last line a fragment ("AIK HUAT HARDWARE" / "ENTERPRISE (SETIA"): that name goes on to its company form
    const broken = used.length > 0 && cannotStandAlone(wholeRow(used[used.length - 1]));
    if (tillSlip && !broken && companyOfItsOwn(nextText)) break;
    const openParen = (joined.match(/\(/g) ?? []).length > (joined.match(/\)/g) ?? []).length;
    // a name without a legal form goes on to a line that has one; one that ends in a business word ("HARDWARE")
    // goes on only to a line that cannot stand alone, led by one ("ENTERPRISE (SETIA"): "KIKU JAPANESE
    // RESTAURANT" / "TK DIVISION KITCHEN SDN BHD" are a shop and its company
    const goesOn = !LEGAL_FORM_RE.test(joined) ? LEGAL_FORM_RE.test(nextText) : ENDS_WITH_BUSINESS_WORD_RE.test(joined) && STARTS_WITH_LEGAL_FORM_RE.test(nextText);
    const closes = openParen && /\)/.test(nextText) && (next.cells[0].text.match(/\p{L}/gu) ?? []).length >= 3 && !REGISTRATION_RE.test(next.cells[0].text);
    // (legal forms alone, "SDN BHD", are no name of their own but end the one above)
    const goesOnTo = isNameLike(nextText) || LEGAL_FORM_ALONE_RE.test(nextText);
    if ((closes || (!openParen && goesOn && goesOnTo && sameLetterCase(joined, nextText))) && isNameLike(`${joined} ${nextText}`)) {
      joined = `${joined} ${nextText}`;
      used.push(next);
    } else if (tillSlip && !COMPANY_FORM_RE.test(joined) && (broken || ENDS_WITH_BUSINESS_WORD_RE.test(joined)) && reachesRegistration(rows, i, k, joined, broken)) {
      // the rows down to a company registration number are one registered name however OCR read its legal form or
      // parenthesis ("AIK HUAT HARDWARE" / "ENTERPRISE CSETIA" / "ALAMY SDN HHU" / "822737-X") — when the name so far
      // is a fragment (its last line cannot stand alone, or it ends in a business word that goes on); a shop's whole
      // name ("KFC", "SUNRISE MART") over its company's line is another name
      joined = `${joined} ${wholeRow(next)}`;
      used.push(next);
    } else break;
  }
  return { text: joined, rows: used };
}

/** A row's cells as one text, when they are pieces of one line ("ENTERPRISE" | "SETIA": a name's line may go on
 * after a business word). */
const wholeRow = (row: Row): string => cleanName(nearCells(row.cells) ? row.cells.map((c) => c.text).join(' ') : row.cells[0].text);

/** The first line of a till slip's name whose last line is row i: the row up to two above whose name goes on to it. */
function nameStart(rows: Row[], i: number): number {
  for (let j = Math.max(0, i - 2); j < i; j++) {
    if (rows[j].page === rows[i].page && isNameLike(wholeRow(rows[j])) && continuationRows(rows, j, wholeRow(rows[j]), true).rows.includes(rows[i])) return j;
  }
  return i;
}

/** Whether the rows from k on, up to the name's third line, run down to a registration number alone on its row (the
 * number follows the registered name's last line: "(1095514-X)"), each a piece of the name in the case of the rows
 * above it: letters, no digits, no label, no company of its own (`broken`: the name's last line so far a fragment,
 * whatever follows ends it). */
function reachesRegistration(rows: Row[], i: number, k: number, joined: string, broken: boolean): boolean {
  for (let j = k; j <= i + 2; j++) {
    const row = rows[j];
    if (!row || row.page !== rows[i].page) return false;
    const text = wholeRow(row);
    if (/[\d:]/.test(text) || !/\p{L}{2}/u.test(text) || (!broken && standsAlone(text)) || !sameLetterCase(joined, text)) return false;
    const below = rows[j + 1];
    if (below?.page === row.page && isRegistrationLine(below)) return true;
  }
  return false;
}

/** A line that is a name of its own: a legal form or business word after words of its own ("LIM BROTHERS ENTERPRISE",
 * "TK DIVISION KITCHEN SDN BHD"; not "ENTERPRISE (SETIA", "ALAM) SDN BHD"). */
const standsAlone = (text: string): boolean => companyOfItsOwn(text) || (LEGAL_FORM_RE.test(text) && !cannotStandAlone(text));

/** One name printed over two lines is printed in one typeface: a line in capitals under one in mixed case, or the
 * reverse, is another text (a slogan or a brand over the company: "Sarang Hae Yo" / "TRENDYMAX (M) SDN. BHD."). A
 * few small letters OCR put into a line in capitals ("alk HUAT HARLWaRD") do not make it mixed case. */
function sameLetterCase(a: string, b: string): boolean {
  const smallShare = (t: string) => {
    const letters = t.replace(/[^\p{L}]/gu, '');
    return letters.length < 3 ? null : letters.replace(/[^\p{Ll}]/gu, '').length / letters.length;
  };
  const [x, y] = [smallShare(a), smallShare(b)];
  if (x === null || y === null) return true;
  return !((x <= 0.1 && y >= 0.5) || (y <= 0.1 && x >= 0.5));
}

/** A street with its number, a lot or unit number ("LOT PT244, JLN …", "NO.19 & 21"), or a line that goes on
 * after a comma: part of an address. */
function isAddressPart(text: string): boolean {
  const t = text.replace(/[\s|\])}]+$/, '');
  return ADDRESS_RE.test(t) || NO_HOUSE_NUMBER_RE.test(t) || /^\W*(lot|no\.?|unit|suite)\s*[\dA-Z]{0,3}\d/i.test(t) || (/,$/.test(t) && !LEGAL_FORM_RE.test(t));
}

const CONTACT_OR_TAX_LINE_RE = /^\W*(tel|telf|tlf|phone|fax|c\.?\s?[i1l]\.?\s?f|n\.?\s?[i1l]\.?\s?f|gst|vat|ust|tva|btw|p\.?\s?iva|st\.?-?nr|steuer)\b/i;
const isPostcodeLine = (text: string): boolean => POSTCODE_RE.test(text) && /\p{L}{3}/u.test(text) && !LEGAL_FORM_RE.test(text);

/** A postcode opening a line, alone or before its town: "30163 Hannover", "D-63571 Gelnhausen", "75012"; never a
 * street's line ("1234 Main Street"). */
const TOWN_LINE_RE = /^\W*(?:[A-Z]{1,2}-)?\d{4,5}(?:\s+\p{L}.*)?$/u;
const isTownLine = (text: string): boolean => TOWN_LINE_RE.test(text.trim()) && !LEGAL_FORM_RE.test(text) && !ADDRESS_RE.test(text);

/** The row over a postcode's line that names a street with its house number ("Dragonerstraße 39", "127, Boulevard
 * SOULT"), also a street named without a street word ("Kamp 30-32", "RIVADAVIA 524": a few words ending in the house
 * number, the postcode's line right under them): the street. A branch numbered after its name ("Backhaus Filiale 12")
 * is no street. */
function streetOverTown(rows: Row[], i: number): boolean {
  const next = rows[i + 1];
  if (!next || next.page !== rows[i].page || !isTownLine(next.text) || LEGAL_FORM_RE.test(rows[i].text)) return false;
  const text = rows[i].text;
  // (the street without its word only under a line a few rows up that could be the name: a name with a number alone
  // over its town may be the shop's, and on a bill the line above it is often the title — "INVOICE" / "Forever 21" /
  // "10115 Berlin")
  const underName = () => rows.slice(Math.max(0, i - STREET_NAME_ROWS), i).some((r) => r.page === rows[i].page && isNameLike(r.text));
  return ADDRESS_RE.test(text) || MISREAD_HOUSE_NO_RE.test(text) || (BARE_STREET_RE.test(text) && !BRANCH_NUMBER_RE.test(text) && underName());
}
/** How far above a street named without a street word its shop's name may stand (a tax id's line between them). */
const STREET_NAME_ROWS = 3;
/** A few words and a house number closing the line (under another line, over the postcode's), a range or a letter after it ("Kamp 30-32", "Langgasse 30a"). */
const BARE_STREET_RE = /^\W*\p{L}[\p{L}'’.\- ]{2,40}?\s\d{1,5}[A-Za-z]?(?:\s*[-/]\s*\d{1,5}[A-Za-z]?)?\W*$/u;
/** A branch's number after its word: "Filiale 12", "Branch 7", "Sucursal 3", "Markt Nr. 1234". */
const BRANCH_NUMBER_RE = /(?<![\p{L}])(filiale|filial|branch|outlet|sucursal|succursale|agence|tienda|loja|negozio|store|shop|markt|nr|no|n[°º])\.?\s*\d+\W*$/iu;
/** A street joined or abbreviated the German way whose house number OCR read as the one letter it makes of a digit
 * ("Fauerbacher Str g": 9 read g). */
const MISREAD_HOUSE_NO_RE = new RegExp(`${STREET_COMPOUND}\\s+[gqslioz]\\W*$`, 'iu');

/** A row between an address part above and the address's next part below (or a row that itself goes on after a
 * comma): "JALAN TEMENGGUNG 23/9" / "BANDAR MAHKOTA CHERAS" / "43200 SELANGOR". */
function insideAddress(rows: Row[], i: number): boolean {
  const row = rows[i];
  const prev = rows[i - 1];
  const next = rows[i + 1];
  if (!prev || prev.page !== row.page || !isAddressPart(prev.text)) return false;
  const own = row.text.replace(/[\s|\])}]+$/, '');
  // the address ends where the phone or the tax id begins: "Churriana de la Vega - Granada" / "C.I.F. B19545508"
  const nextIsAddress = !!next && next.page === row.page && (isPostcodeLine(next.text) || isTownLine(next.text) || isAddressPart(next.text) || CONTACT_OR_TAX_LINE_RE.test(next.text));
  return nextIsAddress || /,/.test(own);
}

const STARTS_WITH_LEGAL_FORM_RE = new RegExp(`^\\W*(?:${LEGAL_FORM_RE.source})`, 'iu');

/** `long` is the name `short` followed by a comma or a dash and more: a shop's name and its branch's place ("ZARA, CC.
 * LAS GLORIAS, L 404", "SUSHI MENTAI - MAHKOTA CHERAS"). */
function nameThenPlace(long: string, short: string): boolean {
  return new RegExp(String.raw`^\W*${escapeRegExp(short.trim())}\s*(?:,|\s[-–|]\s)`, 'iu').test(long);
}

function cannotStandAlone(name: string): boolean {
  const unopened = /^[^(]*\)/.test(name);
  return unopened || STARTS_WITH_LEGAL_FORM_RE.test(name) || LEADING_CONJUNCTION_RE.test(name);
}

/** A line led by '&' and a word goes on from the line above: no name begins with its own conjunction ("THE BOOK" /
 * "& COFFEE SHOP SDN BHD"; a '+' leads phone numbers, so not that). */
const LEADING_CONJUNCTION_RE = /^[^\p{L}\d]*?&\s*\p{L}/u;

/** Words that say what a business does, not its legal form: a name ending in one may go on ("... SDN BHD"). */
const ENDS_WITH_BUSINESS_WORD_RE = new RegExp(String.raw`(${BUSINESS_WORDS})\W*$`, 'iu');

/** nameKey without accents: "Thai Café" and "Thai Cafe" are one name, "Elkjøp" and "Elkjop" too. */
const plainKey = (s: string): string => nameKey(plainLetters(s));

export function nameKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const round = (x: number): number => roundHundredths(Math.min(1, Math.max(0, x)));
