// Document references: the invoice number and the buyer's order (PO) number, read after their labels or after
// the document title ("Facture FA-2017-0009", "Rechnung Nr. 471102 vom ...").
import type { Field } from '../../contract.js';
import { CELL_GAP, findLabeled, sharesColumn, type Cell, type LabeledValue, type Row } from './layout.js';
import { findDates, monthOf } from './dates.js';
import { explainRanked, type FieldExplain } from './explain.js';
import { roundHundredths } from '../rounding.js';
import { withSeries, withYearSeries, yearSeriesRun } from './series.js';
import { vatIdShaped } from './vat.js';
import { isColumnHeading } from './vendor.js';
import { compactIban, isListedIban } from '../qr/checks.js';
import { billLabels, CREDIT_NOTE_WORDS, DELIVERY_NOTE_WORDS, LATAM_TAX_ID_LABEL, RECEIPT_NUMBER_LABEL, REFERENCE_WORD, ORDER_REFERENCE, PAGE_COUNTER, QUOTATION_WORDS, REGISTER_ENTRY_RE, REGISTER_WORDS, SIMPLIFIED_INVOICE } from './words.js';

const PAGE_COUNTER_START_RE = new RegExp(`^${PAGE_COUNTER}`, 'i');

/** A reference word opening its cell: the document's reference, unless it heads an item table's column (below). */
const REFERENCE_LABEL = new RegExp(String.raw`^\s*(?:${REFERENCE_WORD})\s*[:.#]?\s*(?=$|[a-z]{0,4}[-/.]?\d)`, 'giu');

/** Another cell of the label's row is an item table's column heading ("Référence | Désignation | Qté | Montant"):
 * the reference word heads the articles' codes, not the document's number. */
function headsItemColumn(row: Row, labelCell: Row['cells'][number] | undefined): boolean {
  return row.cells.some((cell) => cell !== labelCell && isColumnHeading(cell.text));
}

/** The strength of the labels that name no document, only a number or a reference ("Nr.", "Nummer", "Reference"):
 * whose number it is, the words before them say. */
const BARE_NUMBER_STRENGTH = 0.5;

const INVOICE_NO_LABELS: [RegExp, number][] = [
  // (an Italian utility's "bolletta" is its bill: "Bolletta n.", "Numero bolletta")
  [/(invoice|inv\.?|bill|receipt|document|doc\.?|credit\s*note|tax\s*invoice)\s*(no\.?|number|num\.?|nr\.?|nbr\.?|#|n°)|invoice\s*ref(erence|\.|\b)|rechnungs?-?\s*(nr\.?|nummer|no\.?)|rechnung\s*(nr\.?|#|no\.?)|beleg-?\s*(nr\.?|nummer)|belegnummer|n[°º]\s*(de\s*)?factur[ea]|num[ée]ro\s*(de\s*)?factur[ea]|factur[ea]\s*(nro\.?|n[°ºo]\.?|n\.\s*[°º]\.?|num[ée]ro|n[úu]mero|n[úu]m\.?)|(fattura|bolletta)\s*(numero|num\.?|nr\.?|n\.?\s*ro\b\.?|n\.?)|num(ero|\.)?\s*(della\s*|di\s*)?(fattura|bolletta)|\bn\.?\s*ro\.?\s*(fattura|bolletta)|\bnr?\.?\s*[°º]?\s*(fattura|bolletta)|n[úu]mero\s*(de\s*)?factura|folio|factuur\s*-?\s*(nr\.?|nummer|no\.?)|factuurnummer|notanummer|fatura(-recibo)?\s*(n\.?\s*[ºo°]\.?|nro\.?|nr\.?|n[úu]mero)|n\.?\s*[ºo°]\.?\s*(da\s*)?fatura|n[úu]mero\s*(da\s*)?fatura|n[úu]mero\s+(del\s+|do\s+|de\s+)?documento/gi, 1],
  // abbreviated and national labels (English "Invoice Nbr", Portuguese and Spanish "Factura n.º" in the first pattern):
  // Dutch "Fact.nr.", "Factuurnr", "Notanr."; Spanish "Fra. nº"; Portuguese "N.º Doc.",
  // "Documento n.º", "Nº do documento", "Fatura/Recibo n.º", Brazilian "NF-e Nº"; Italian "Documento n.", "Doc. n.",
  // "N. documento", "Nr. documento" — not "Num. Doc.", Latin America's label of the customer's identity number — (not a "documento di trasporto" nor "documento DDT", the delivery note: words.ts DELIVERY_NOTE_WORDS)
  // German "Rg.-Nr.", "Rechn.-Nr.", "Re.-Nr." / "RE-Nr." (Rechnungsnummer); Spanish and French "Núm. factura",
  // "N.º factura", "Nº. Factura", "No. de facture"; "Invoice ID", "Receipt ID", "Rechnungs-ID", "Beleg-ID"
  [new RegExp(String.raw`(?<![\p{L}])((rg|rechn)\.?\s*-?\s*nr\.?|re\.?\s*-\s*nr\.?|(n\.?\s*[°º]|nro|no|n[úu]m)\.?\s*(de\s*)?factur[ea]|(invoice|receipt|rechnungs?|beleg)\s*-?\s*id(?![\p{L}]))`, 'giu'), 1],
  [new RegExp(String.raw`(?<![\p{L}])(fact\.?\s*-?\s*(nr|no|nummer)\.?|nota\s*-?\s*(nr|nummer)\.?|fra\.\s*n[ºo°]\.?|n\.?\s*[ºo°]\.?\s*(do\s+|de\s+|del\s+)?doc(umento)?\.?|doc(umento)?\.?\s*(n\.?\s*[ºo°]|n\.|nr\.?|nummer|num\.?)|document(nummer|nr\.?)|fatura\s*[\/-]\s*recibo\s*(n\.?\s*[ºo°]\.?|nr\.?)?|n[ºo°]\.?\s*(de\s*)?fra\.|nf-?e\s*n[ºo°]\.?|(?:n|nr)\.\s*(?!${DELIVERY_NOTE_WORDS})doc(umento)?(?![\p{L}])(?!\.?\s*${DELIVERY_NOTE_WORDS}))`, 'giu'), 1],
  // a credit note's number after its name or before it, in each bundled language (words.ts CREDIT_NOTE_WORDS):
  // "Credit note no.", "Credit memo #", "Gutschrift Nr.", "Gutschriftsnummer", "Nota di credito n.", "Nota de crédito
  // n.º", "Avoir n°", "Creditnota nummer", "Creditnotanummer"; "N° d'avoir", "Numero nota di credito", "Nº da nota de
  // crédito"
  [new RegExp(String.raw`(?<![\p{L}])(?:${CREDIT_NOTE_WORDS})s?\s*-?\s*(?:nummer|number|num[ée]ro|n[úu]mero|num\.|nro\.?|nr\.?|no\.?(?![\p{L}])|n\.?\s*[°º]\.?|n\.(?![\p{L}])|#)|(?<![\p{L}])(?:n\.?\s*[°º]|num[ée]ro|n[úu]mero|numero|nr\.?)\s*(?:de\s+la\s+|de\s+|della\s+|da\s+|do\s+|d['’]\s*)?(?:${CREDIT_NOTE_WORDS})`, 'giu'), 1],
  // the invoice number's label in each language as Odoo and EN 16931 (BT-1) name it, Czech "Faktura č.", Polish
  // "Faktura VAT nr", Estonian "Arve nr", Nordic "Fakturanr." (words.ts BILL_LABELS)
  [new RegExp(billLabels('number'), 'giu'), 1],
  // AFIP's voucher number beside its point of sale: "Punto de Venta: 00003  Comp. Nro: 00000128", "Compr. Nro:
  // 00010-00000010"
  [/(?<![\p{L}])compr?\.?\s*(nro|n[°º]|n[úu]m(ero)?)\.?/giu, 1],
  // a Salvadoran DTE's "Número de Control: DTE-03-M001P001-000000000000103" (just under an explicit invoice label: a
  // Venezuelan invoice prints its "Factura N°" beside its "N° de Control"; not a Brazilian bill's "Nº de controle")
  [/(?<![\p{L}])(n[úu]mero|no\.?|n[°º])\s*de\s*control(?![\p{L}])/giu, 0.95],
  // a cell that is only "Numero" / "Número" / "Numéro" beside or over its value, as Italian, Iberian and French headers
  // print it ("Numero | 13"), or that starts with it and goes on with the number ("Número 2500377 | Fecha 08/07/2025",
  // "Numéro : FA-2024-118": a short series code glued to its digits, not a word);
  // a German "Nummer" cell is as often the customer's ("Kunde | Nummer | : 549910"); "Número // Serie" heads the number
  // and its series after it (the number alone is the reference); a Dutch "Volgnummer" heading on an invoice numbers it
  [/^\s*(numero|num[ée]ro|número)(\s*\/+\s*serie)?\s*:?\s*(?=$|\d|[a-z]{1,4}[-/.]?\d)|^\s*volgnummer\s*:?\s*(?=$|\d)/giu, 1],
  // a Brazilian fiscal note's "SÉRIE ÚNICA:" (one series only) is followed by its number
  [/s[ée]rie\s+[úu]nica\s*:/giu, 0.9],
  // a title with a qualifier before its number: "Teilrechnung Bau (875) Nr. 210111", "Facture d'acompte n° 12",
  // "fattura elettronica n. 5012345678", "FATTURA DI CORTESIA N. 12"
  // (or a colon: "FATURA DE PAGAMENTO: 5117894506", "Factura de venta: 123")
  // (the "n." sign only after an Italian, Spanish or Portuguese title: "Invoice to John n. 4455" is no number)
  [/(rechnung|gutschrift|invoice|facture|fattura|bolletta|factura|factuur|fatura)(\s+[a-zäöüçãéè'’]+){1,2}\s*(\(\d+\))?\s*((nr\.?|nummer|no\.?|n[°º]|#)(?![a-z])|:)|(fattura|bolletta|factura|fatura)(\s+[a-zäöüçãéè'’]+){1,2}\s*(\(\d+\))?\s*n\.(?![a-z])/gi, 0.95],
  // "Rechnung" as a word, not inside "Rechnungen" / "eRechnungsstandard" (a heading that merely mentions invoices);
  // Estonia's "Arve" is its title too, opening its cell ("ARVE 7008605"; a Norwegian "Vår referanse: Arve 4455" is a
  // person);
  // "bolletta" not as the bill's amount, due date or receipt ("Importo bolletta", "Ricevuta bolletta")
  // (a Spanish or Portuguese simplified invoice, the till slip, prints its series and number right after its title:
  // "Fatura Simplificada FS 0489/040546"; words.ts SIMPLIFIED_INVOICE)
  [new RegExp(String.raw`(handels|waren|kosten|beitrags|schluss|teil)?(rechnungskorrektur|rechnung|gutschrift)(?![a-zäöüß])\)?(\s*\(\d+\))?\s*(nr\.?|#|no\.?)?|\b(${SIMPLIFIED_INVOICE}|invoice|facture|fattura|(?<!(importo|totale|ricevuta|scadenza)\s+)bolletta|factura|factuur|fatura|avoir|credit\s*note|(?<=^\W*)arve)\b(?!\s*(date|datum|data|to|address|adres))`, 'gi'), 0.8],
  // the issuer's own reference is its invoice number when nothing says otherwise; a Brazilian "Nota Fiscal Nº"
  [/\b(our|onze|notre|unsere?|nostro|nuestra)\s*(reference|referentie|r[ée]f[ée]rence|referenz|zeichen|riferimento|referencia|ref\.?)|nota\s*fiscal(\s*eletr[ôo]nica)?\s*(n[ºo°]\.?)?/gi, 0.6],
  // a bare "Nr." / "No." is weak evidence: the exclusions keep customer, order and tax numbers out. Without a dot,
  // colon or # it must be followed by a digit: "no" / "num" are words too ("Consumo medido no mês: 148")
  [/(?<![\p{L}])(n°|nº|(nro|nr|no|num)(?=\s*[.:#]|\s+\d))\.?\s*:?/giu, BARE_NUMBER_STRENGTH],
  // a reference word opening its cell (words.ts REFERENCE_WORD) over or before a value, as weak as a bare "Nr."
  [REFERENCE_LABEL, BARE_NUMBER_STRENGTH],
  // ... and so is a cell that opens with the bare word "Number" / "Nummer" / "Numer" (Polish) before its value or over
  // it, beside a title ("FACTUUR" over "Nummer: F240311"): whose number it is, the row's other words say (a customer's,
  // "Kunde | Nummer | : 549910", an order's, a phone's: NOT_INVOICE_NO_WEAK)
  [/^\s*(?:nummer|number|numer)\s*[:.#]?\s*(?=$|\d|[a-z]{1,4}[-/.]?\d)/giu, BARE_NUMBER_STRENGTH],
];
const PO_LABELS: RegExp[] = [
  /purchase\s*order\s*(no\.?|number|#|ref\w*)?|\bp\.?\s?o\.?\s*(no\.?|number|#)|order\s*(no\.?|number|ref\w*)|your\s*(order|ref\w*)|bestellung|bestell-?\s*(nr\.?|nummer)|ihre\s*bestellung|auftragsnummer|votre\s*r[ée]f[ée]rence|votre\s*commande|bon\s*de\s*commande|r[ée]f[ée]rence\s*commande|n\.?\s*ordine|ordine\s*(n\.?|nr\.?)|pedido\s*(n[ºo°]\.?)?|orden\s*de\s*compra|bestelnummer|ordernummer|uw\s*(referentie|bestelling|order)|inkooporder|encomenda\s*(n\.?\s*[ºo°]\.?)?|nota\s*de\s*encomenda|sua\s*refer[êe]ncia/gi,
  // the order reference's common forms in each language (words.ts ORDER_REFERENCE: EN16931 BT-13, BT-10)
  new RegExp(ORDER_REFERENCE, 'giu'),
];

/** A glyph the text layer could not map to a character (a font without a Unicode table for it: NUL, or U+FFFD) inside
 * a number is one of the number's joiners — Stripe's hosted invoices print "76253815-0004" with an unmapped hyphen, so
 * the text reads "76253815", NUL, "0004" and the number was cut to its first half (4 tune invoices, one family). It is
 * read as "-", the commonest joiner; the number's letters and digits are the document's either way. */
const UNMAPPED_GLYPHS = /[\u0000\uFFFD]+/g;

/** One part of a number printed in parts: a short code, its digits perhaps grouped in thousands ("11.474"). */
const NUMBER_PART = '[A-Za-z0-9]{1,12}(?:\\.\\d{3})*';
/** A number's parts spaced around their separators ("FA / 2024 / 001", "25 - 11.474"); a part grouped in thousands
 * only where the cell ends. */
const SPACED_NUMBER_RE = new RegExp(
  `^([A-Za-z0-9]{1,12})((?: [/-] [A-Za-z0-9]{1,12})*(?: [/-] ${NUMBER_PART}(?=[\\s.,;]*$)| [/-] [A-Za-z0-9]{1,12}))(?![\\p{L}\\d/-]|[.,]\\d)`,
  'u',
);

/** First token that looks like a document number: has a digit, 3-40 characters, not a date, not an amount. */
export function parseReference(text: string, opts: { short?: boolean } = {}): string | null {
  const t = text
    // (PaddleOCR reads a colon as the full-width "：")
    // (OCR reads the number sign "°" / "º" as "*", "ª", "'", "’" or '"', its "o" as "0", the colon as ";" or ",")
    // (a masked card number's stars are no punctuation: "Cartão nº: ****035" reads nothing; a dash as OCR reads it, "—"
    // or "–", is: "SÉRIE ÚNICA: — 000.020.357.385"; a lone "N" before the digits is the sign without its "º": "N 2469")
    .replace(/^[\s:：#.,;|°ºª'’"—–-]*(n[°º*ª'’"](?!\*)|n\.|n0(?=[\s.:;,])|n(?=\s\d)|no\.?|nro\.?|nr\.?|number|num[ée]ro|n[úu]mero)?[\s:：#.,;°ºª'’"—–]*/i, '')
    // OCR reads the colon between label and value as "1", "l" or "!": "Invoice Number | 1 10592"
    .replace(/^[1lI!]\s+(?=[A-Za-z0-9/_.\-]*\d[A-Za-z0-9/_.\-]{2,}(?:\s|$))/, '');
  // a page counter is no number: "Fattura generata con: | Pag.1/1"
  if (PAGE_COUNTER_START_RE.test(t)) return null;
  // an Argentine point of sale, then the voucher's number, printed with spaces around the dash: "Nº 0003 - 00003435"
  const pointOfSale = /^(\d{4,5}) ?- ?(\d{8})(?![\d/.,-])/.exec(t);
  if (pointOfSale) return `${pointOfSale[1]}-${pointOfSale[2]}`;
  // a year, then the running number, printed with spaces around the dash: "FACTURE No 2020 - 001295"
  const yearRun = /^((?:19|20)\d{2}) ?([-/]) ?(\d{3,10})(?![\d/.,-])/.exec(t);
  if (yearRun && / /.test(yearRun[0])) return `${yearRun[1]}${yearRun[2]}${yearRun[3]}`;
  // a series and its number, or a number and its year, printed with spaces around the slash or the dash: "A5 / 3127",
  // "Fattura n. 123 / 2024 del", "FV / 2024 / 118" (not a date after a number: "4711 - 12/03/2024")
  // (a sentence's full stop or comma may follow: "A5 / 3127."; two one- or two-digit parts, "1 / 2", are a page or a
  // fraction unless an explicit number label stands before them, as for a lone short number below)
  // (a part may group its digits in thousands, as a running number printed as an amount is: "25 - 11.474")
  // (a part grouped in thousands ends the cell: "4711 - 1.234 EUR" is a number and an amount)
  const spaced = SPACED_NUMBER_RE.exec(t);
  if (spaced && (/\d/.test(spaced[1]) || /^[A-Z]{1,4}$/.test(spaced[1])) && spaced[2].split(/ [/-] /).slice(1).every((p) => /\d/.test(p))) {
    const joined = spaced[0].replace(/ ([/-]) /g, '$1');
    const digits = joined.replace(/\D/g, '').length;
    const years = /^(?:19|20)\d{2}[/-](?:19|20)\d{2}$/.test(joined); // a period: "2024 - 2025"
    if ((opts.short || digits >= 3) && !years && !findDates(joined).some((d) => d.raw === joined)) return joined;
  }
  // a Spanish year series in one cell: "Nº Factura: 25 000123", "25 / 1234" (the two digits alone are no reference)
  const shortYearRun = /^(\d{2})(?: ?([-/]) ?| )(\d{3,10})(?![\d/.,:-])/.exec(t);
  if (shortYearRun && yearSeriesRun(shortYearRun[1], shortYearRun[3])) return `${shortYearRun[1]}${shortYearRun[2] ?? ' '}${shortYearRun[3]}`;
  // a series code before the number, as Portuguese and Spanish invoices print it: "FT 2024/118", "A 1234", "FT A/123"
  const series = /^([A-Z]{1,4}) ((?:\d|[A-Z0-9]{1,6}\/\d)[A-Za-z0-9/_.\-]{0,30})/.exec(t);
  // (not a code that names another number: a purchase order's "PO 4500012345", a phone's "TEL", a tax id's "NIF", "VAT")
  if (series && !/^(NO|NR|N|NUM|PO|TEL|FAX|NIF|CIF|NIE|VAT|BTW|KVK|UID|IVA|TVA|ABN|GST|BIC)$/.test(series[1])) {
    const groups = groupsAfter(t.slice(series[0].length), opts);
    return groups === null ? null : `${series[1]} ${series[2].replace(/[.\-/]+$/, '')}${groups}`;
  }
  // an IBAN is the account to pay into, never a document's number ("DE89 3704 0044 0532 0130 00" under a title)
  // after a weak label (a title word, a bare "Nr."), a postcode joined to its town by a hyphen is an address
  // ("28005-MADRID"), as "10115 Berlin" is (POSTCODE_TOWN_RE); after an explicit number label it is the number
  if (!opts.short && POSTCODE_TOWN_RE.test(t) && /^\s*\d{4,5}-/.test(t)) return null;
  const iban = /^[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/.exec(t);
  if (iban && isListedIban(compactIban(iban[0]))) return null;
  const m = /^#?\s?([A-Za-z0-9][A-Za-z0-9/_.\-\u0000\uFFFD]{0,39})/.exec(t);
  if (!m) return null;
  const token = m[1].replace(UNMAPPED_GLYPHS, '-').replace(/[.\-/]+$/, '');
  const groups = groupsAfter(t.slice(m[0].length), opts);
  if (groups === null) return null;
  // a one- or two-digit number is an invoice number only right after an explicit number label ("Fattura n° 2": small
  // businesses number from 1 each year); anywhere else it is a page, a quantity or a day
  if (opts.short && /^\d{1,2}$/.test(token) && !/^0+$/.test(token)) return token;
  if (token.length < 3 || !/\d/.test(token)) return null;
  // fewer than three digits and no letter ("2.0", "1-2", "3/4") is a version, a page or a fraction: a document's
  // number that short is read only after an explicit number label
  if (!opts.short && !/\p{L}/u.test(token) && token.replace(/\D/g, '').length < 3) return null;
  // after a weak label (a title word, a bare "Nr."), a month's name and a year is a period ("GEN.2017", "MAR-2024",
  // "Jan/2023"), not a number; an explicit number label names it a number ("Invoice No.: MAR-2024", "SET-2024")
  const period = /^(\p{L}{3,9})[.\-/]?((?:19|20)\d{2})$/u.exec(token);
  if (!opts.short && period && monthOf(period[1]) !== null) return null;
  // (a run of eight digits that reads as a date, "20240117", is a number when an explicit number label names it: vendors
  // number their bills by the day; a date printed under such a label keeps its separators)
  if (findDates(token).some((d) => d.raw === token) && !(opts.short && /^\d{8}$/.test(token))) return null;
  if (/^[-−]?\d{1,3}([.,' ]\d{3})*[.,]\d{2}(?!\d)/.test(t)) return null; // an amount
  if (/^\d+(st|nd|rd|th)?$/i.test(token) && token.length < 3) return null;
  return `${token}${groups}`;
}

/** The digit groups that go on after a number in its cell, each of two or more digits, up to a word, a date or the
 * cell's end: a number the document prints in groups ("Rechnungsnummer: 2026 0001 vom", "Invoice No. INV 2024 0113").
 * After an explicit number label (`short`) they are the number's, read with it; after a weaker label (a title word, a
 * bare "Nr.") a number that goes on so is no document's number but a phone's or an account's ("030 1234567",
 * "FT 1234 56 78"): null. "" when nothing follows. A year series ("25 000123") is read before this. */
function groupsAfter(rest: string, opts: { short?: boolean }): string | null {
  let out = '';
  for (;;) {
    const g = /^ (\d{2,})(?=\s|$)/.exec(rest);
    // a date is another field ("Nr. 4711 15 March 2024")
    if (!g || findDates(rest.trimStart()).some((d) => rest.trimStart().startsWith(d.raw))) break;
    out += g[0];
    rest = rest.slice(g[0].length);
  }
  return out && !opts.short ? null : out;
}

/** A cell that is a postcode and its town: "10115 Berlin", "75008 Paris", "28013 Madrid", "3526 KL Utrecht" (a Dutch
 * postcode's letters), "D-80331 München". */
// (a word's letters and its separators are disjoint classes: a hyphen in both let "10115 A-a-a-a…" backtrack
// exponentially)
// (joined by a hyphen, "28005-MADRID": a town's upper-case name with a vowel, "4711-FRST" is a code; not after a year,
// "2024-ACME" is a year's series)
const POSTCODE_TOWN_RE = /^\s*(?:(?:[A-Z]{1,2}-)?\d{4,5}\s+|(?!(?:19|20)\d\d-)\d{4,5}-(?=\p{Lu}*[AEIOUY])(?=\p{Lu}{4,}(?![\p{L}\d\/-])))\p{Lu}[\p{L}'’.]+(?:[\s-]+\p{L}[\p{L}'’.]*)*\s*$/u;

/** The label stands at the start of its cell and the cell before it on the row, words only, says whose number it is. */
function leftWords(row: Row, cell: Row['cells'][number], labelText: string, excluded: RegExp): boolean {
  if (!cell.text.trimStart().toLowerCase().startsWith(labelText.trimStart().toLowerCase())) return false;
  const before = row.cells[row.cells.indexOf(cell) - 1];
  return before !== undefined && !/\d/.test(before.text) && excluded.test(before.text);
}

/** The label's own clause, before it, holds a company register entry's words (words.ts REGISTER_ENTRY): "Inscrita en el
 * R.M. de Lugo, Tomo 1822, Folio 48". A clause ends at a sentence's full stop, a semicolon, a bar or a spaced dash:
 * "Inscrita en el R.M. Tomo 1 - Folio: 4471", "Iscritta al Registro delle Imprese di Milano - Fattura n. 4512" are
 * the bill's. Read in the spelling the label was matched in, at the match's own place. */
function inRegisterEntry(h: LabeledValue<string>): boolean {
  if (h.labelIn === undefined || h.labelAt === undefined || !h.labelCell) return false;
  // (the entry's words as printed: a compacted spelling glues them to their neighbours, "en el tomo" → "eneltomo"; a
  // spelling only drops spaces, so the label's place in the printed text is after as many other characters)
  const printed = h.labelCell.text;
  let left = h.labelIn.slice(0, h.labelAt).replace(/ /g, '').length;
  let at = 0;
  for (; at < printed.length && (left > 0 || printed[at] === ' '); at++) if (printed[at] !== ' ') left--;
  const clause = printed.slice(0, at).split(CLAUSE_BREAK_RE).pop() ?? '';
  return REGISTER_ENTRY_RE.test(clause);
}

/** A clause's end inside a line: a full stop after a word (not an abbreviation's, "R.M."), ";", "|", a spaced dash. */
const CLAUSE_BREAK_RE = /(?<=\p{L}{3})\.\s|[;|]|\s[-–—]\s/u;

export interface ReferenceChoice {
  field: Field<string>;
  explain: FieldExplain;
}

/** Where a labelled value is printed: its row and the left edge of the cell it was read from. */
function printingOf(h: LabeledValue<string>): string {
  return `${h.row.index}:${Math.round(h.cell?.x0 ?? h.x0)}`;
}

const REPEAT_BONUS = 0.05;
const MAX_REPEATS = 3;

// `exclude`: what in the label's row (or clause) says the number is another's; a function gives it by the label's strength
function pick(rows: Row[], labels: [RegExp, number][], exclude?: RegExp | ((strength: number) => RegExp), series = false, excludeClause = false): ReferenceChoice {
  const found: { value: string; score: number; conf: number; why: string[]; at: string }[] = [];
  for (const [re, strength] of labels) {
    // an explicit number label may carry a short number; values below a label come from its own column only, up
    // to two rows down (a title "RECHNUNG" over its number with a delivery-address line beside them)
    const parse = (text: string) => {
      const value = parseReference(text, { short: strength >= 1 });
      // a VAT id whose check digits hold is the party's tax id, not a document number ("St.-Nr. / USt-IdNr. DE124899692")
      return value !== null && vatIdShaped(value) ? null : value;
    };
    const excluded = typeof exclude === 'function' ? exclude(strength) : exclude;
    for (const h of findLabeled(rows, re, parse, { below: 2, exclude: excluded, excludeClause, alignedBelow: true, nextValueOnly: true })) {
      // a weak label opening its cell ("Nummer", "Nr.") reads on from the wordy cell before it: "Kunde | Nummer |
      // : 549910" is the customer's number — but a document's name heading a table's column ("Datum | Kunde |
      // Rechnung" over "15.03.2023 | 10044 | 4567") is a heading of its own: the cell before it heads another column
      const ownHeading = h.distance >= 2 && strength > BARE_NUMBER_STRENGTH;
      if (strength < 1 && !ownHeading && excluded && h.labelRow && h.labelCell && leftWords(h.labelRow, h.labelCell, h.labelText, excluded)) continue;
      if (re === REFERENCE_LABEL && h.labelRow && headsItemColumn(h.labelRow, h.labelCell)) continue;
      // a label inside a company register's entry, after its words, numbers the register ("Inscrita en el R.M. de
      // Pontevedra, Libro 1928, Folio 48")
      if (inRegisterEntry(h)) continue;
      // after a weak label (a title word, a bare "Nr."), a year alone is the heading's year ("Rechnung 2024"), and a
      // cell below or beside it holding four or five digits and a town is an address's postcode ("RECHNUNG" over
      // "10115 Berlin")
      if (strength < 1 && (/^(?:19|20)\d{2}$/.test(h.value) || (h.distance > 0 && POSTCODE_TOWN_RE.test(h.cell?.text ?? '')))) continue;
      const top = h.row.page === rows[0]?.page && h.row.top < 0.5 ? 1 : 0.85;
      const why = [`label:${h.labelText.trim()}`, h.distance === 0 ? 'same-cell' : h.distance === 1 ? 'right-of-label' : 'below-label'];
      // an explicit number label ("Invoice no.", "Rechnungsnummer", a "Número" heading), not a title word or a lone "Nr."
      if (strength >= 1) why.push('number-label');
      const value = series ? withYearSeries({ ...h, value: withSeries(h) }) : h.value;
      const short = /^\d{1,2}$/.test(value) ? 0.9 : 1;
      if (value !== h.value) why.push('series');
      found.push({ value, score: strength * top * short * (h.distance >= 3 ? 0.8 : h.distance === 2 ? 0.9 : 1), conf: h.confidence, why, at: printingOf(h) });
    }
  }
  if (found.length === 0) return { field: { value: null, confidence: 0 }, explain: { winner: null, runner_up: null } };
  // `at` holds the value's printings (distinct places), not its label matches: one "Faktura nr. 12" read by the title
  // word, the bare "nr" and the Polish label is one printing, and only a value printed again elsewhere (header and
  // footer, page 1 and page 2) is seen twice
  const byValue = new Map<string, { value: string; score: number; conf: number; at: Set<string>; why: string[] }>();
  for (const f of found) {
    const r = byValue.get(f.value);
    if (r) {
      r.score = Math.max(r.score, f.score);
      r.at.add(f.at);
      // the value read after an explicit number label anywhere keeps that label's mark
      if (f.why.includes('number-label') && !r.why.includes('number-label')) r.why = [...r.why, 'number-label'];
    } else byValue.set(f.value, { ...f, at: new Set([f.at]) });
  }
  // repeats support a value (header and footer), up to MAX_REPEATS: a running header on every page of a long
  // statement ("Fatura: 5117872949" on 9 pages) does not outweigh a stronger label on page 1
  const support = (r: { score: number; at: Set<string> }) => r.score + REPEAT_BONUS * Math.min(r.at.size, MAX_REPEATS);
  const ranked = [...byValue.values()].sort((a, b) => support(b) - support(a));
  const best = ranked[0];
  const contested = ranked.length > 1 && ranked[1].score >= best.score - 0.05 ? 0.8 : 1;
  const conf = Math.min(0.95, best.score * (best.at.size > 1 ? 1.05 : 0.95)) * best.conf * contested;
  return {
    field: { value: best.value, confidence: roundHundredths(conf) },
    explain: explainRanked(ranked.map((r) => ({ value: r.value, score: r.score, why: r.at.size > 1 ? [...r.why, `printed-${r.at.size}x`] : r.why }))),
  };
}

// a tax label excludes its row ("GST No"), a number that merely starts with the tax's letters ("GST-3525-26") does not;
// the company register's entry ("inscrita en el tomo 6049, folio 97, hoja MA-161884") numbers a register page; AFIP's
// authorisation code ("CAE N°: 73074974187800", "C.A.E. Nro.: 73075542026320") is no voucher number; nor is a number
// under an order reference's label (words.ts ORDER_REFERENCE: "Ihre Referenz", "Zamówienie nr", "Tellimuse nr")
const NOT_INVOICE_NO = new RegExp(
  String.raw`ursprung|original|storn|bezug|kunden|customer|client|order|auftrag|steuer|tax\s*id|\bust\b|\btel\b|\bfax\b|konto|account|reg\.?\s*no|\bgst\b(?![-/]\d)|(?<!faktur[ay]\s+)\bvat\b|contract|vertrag|lieferschein|delivery|seite|page|btw|kvk|klant|iban|bestel|nif\b|nipc|contribuinte|encomenda|pedido|pagina|p[áa]gina|\btomo\b|\bhoja\b|inscrip|${ORDER_REFERENCE}|viite?(?:number|nr)|registro\s+mercantil|\bc\.?\s?a\.?\s?e\b|\b(?:${LATAM_TAX_ID_LABEL})\b`, 'i');
// ... and before a label weaker than an explicit number label (the bare "Nr." / "N°", a title word), other parties'
// and other documents' numbers in the bundled languages, each word at a word's start (a "Smartphone Invoice No." or a
// "Telefonrechnung Nr." is read by its explicit label all the same): the customer's ("Kd.-Nr.", "Debitor",
// "Debiteurnummer"), a contract's ("Contratto", "Contrato", "Contrat"), an order's ("N° commande", "Ordine n."), a
// quotation's (words.ts QUOTATION_WORDS; not "please quote", which asks for the invoice's), a delivery note's (words.ts
// DELIVERY_NOTE_WORDS), a SEPA mandate's and creditor's ("Mandatsreferenz", "Gläubiger-ID"), a meter's ("Zählernummer",
// "Contatore", "Contador", "Compteur"), an article's ("Art.-Nr.", "Item No"), the company register's (words.ts
// REGISTER_WORDS, "Company No"), a phone's, a bank's ("BLZ", "BIC", "ABI", "CAB") and the Austrian VAT's ("UID-Nr.")
const NOT_INVOICE_NO_WEAK = new RegExp(
  String.raw`${NOT_INVOICE_NO.source}|(?<![\p{L}])(?:kd\.?\s*-?\s*nr|kunde\b|debit(?:or|eur)|contra(?:t|tt?o)|commande|ordine\b|${QUOTATION_WORDS}|${DELIVERY_NOTE_WORDS}` +
  String.raw`|mandat|gl[äa]ubiger|z[äa]hler|contatore|contador|compteur|meter\b|artikel|art\.?\s*-?\s*nr|item\b|(?:${REGISTER_WORDS})(?![\p{L}])|company\s*(?:no|number)|(?:tele)?phone|telefon|blz\b|bic\b|swift\b|abi\b|cab\b|uid\b)`,
  'iu',
);
const notInvoiceNo = (strength: number) => (strength < 1 ? NOT_INVOICE_NO_WEAK : NOT_INVOICE_NO);

/** The explicit number labels (strength 1 and up): a label wrapped in a narrow column is joined when it is one of them. */
const EXPLICIT_NO_LABELS = INVOICE_NO_LABELS.filter(([, strength]) => strength >= 1).map(([re]) => new RegExp(re.source, re.flags.replace('g', '')));

/** A label wrapped onto two lines of a narrow column ("Invoice" / "number", "Rechnungs-" / "nummer", "N° de" /
 * "facture", "Numero" / "fattura") labels the value under its second line: that line's cell reads as both lines
 * together when neither line alone is an explicit number label and the two are. Rows are copied, not changed. */
export function joinWrappedLabels(rows: Row[]): Row[] {
  const explicit = (text: string) => EXPLICIT_NO_LABELS.some((re) => re.test(text));
  const wordy = (text: string) => !/\d/.test(text) && text.length <= 24;
  const out = [...rows];
  for (let i = 0; i + 1 < rows.length; i++) {
    const row = rows[i];
    if (out[i + 1].page !== row.page) continue;
    for (const first of row.cells) {
      if (!wordy(first.text) || explicit(first.text)) continue;
      // (the row below as joined so far: a second wrapped label on the same pair of rows keeps the first's join)
      const next = out[i + 1];
      const second = next.cells.find((c) => sharesColumn(c, first));
      if (!second || !wordy(second.text) || explicit(second.text)) continue;
      const joined = `${first.text.trim()} ${second.text.trim()}`;
      if (!explicit(joined)) continue;
      const cells = next.cells.map((c) => (c === second ? { ...c, text: joined } : c));
      out[i + 1] = { ...next, cells, text: cells.map((c) => c.text).join(CELL_GAP) };
    }
  }
  return out;
}

/** A separator alone in its cell ("/", "-") between two short codes ("FA | / | 2024 | / | 001", "25 | - |
 * 11.474"): a number typeset in parts, each placed on its own, as generated PDFs print a series, its year and its
 * running number. */
const LONE_SEPARATOR_RE = /^\s*[/-]\s*$/;
const NUMBER_PART_RE = new RegExp(`^\\s*${NUMBER_PART}\\s*$`);
/** A number typeset in parts keeps its parts close: a gap of a few characters' width, no more (a lone "-" far off is
 * a column's placeholder: "4711 | - | 10025" under "Invoice No. | Order No. | Customer No."). */
const PART_GAP_CHARS = 3;

/** A number printed in parts across cells (NUMBER_PART_RE, LONE_SEPARATOR_RE, the part after each separator holding a
 * digit) is one cell, its parts spaced around their separators as parseReference reads a spaced number ("FA / 2024 /
 * 001"). Rows are copied, not changed. */
export function joinSeparatedParts(rows: Row[]): Row[] {
  return rows.map((row, r) => {
    const above = r > 0 && rows[r - 1].page === row.page ? rows[r - 1] : null;
    const cells: Cell[] = [];
    for (let i = 0; i < row.cells.length; i++) {
      const c = row.cells[i];
      const prev = cells[cells.length - 1];
      const next = row.cells[i + 1];
      if (prev && next && LONE_SEPARATOR_RE.test(c.text) && NUMBER_PART_RE.test(next.text) && /\d/.test(next.text) && partsOnly(prev.text) && closeParts(prev, c, next, above)) {
        cells[cells.length - 1] = { ...prev, text: `${prev.text.trim()} ${c.text.trim()} ${next.text.trim()}`, x1: next.x1, confidence: Math.min(prev.confidence, next.confidence) };
        i++;
        continue;
      }
      cells.push(c);
    }
    return cells.length === row.cells.length ? row : { ...row, cells, text: cells.map((c) => c.text).join(CELL_GAP) };
  });
}

/** The separator sits close to the parts on either side (PART_GAP_CHARS of the parts' character width) and no heading
 * cell in the row above starts between them: the parts are one number, not neighbouring columns' values. */
function closeParts(prev: Cell, sep: Cell, next: Cell, above: Row | null): boolean {
  const charWidth = Math.max(...[prev, next].map((c) => (c.x1 - c.x0) / Math.max(1, c.text.trim().length)));
  const limit = PART_GAP_CHARS * charWidth;
  if (sep.x0 - prev.x1 > limit || next.x0 - sep.x1 > limit) return false;
  return !above?.cells.some((h) => h.x0 > prev.x1 && h.x0 <= next.x0);
}

/** A cell that is a number's part, or parts already joined around their separators. */
function partsOnly(text: string): boolean {
  return text.trim().split(/ [/-] /).every((p) => NUMBER_PART_RE.test(p));
}

/** A till slip's own number ("Bon-Nr.", "Scontrino n.", "N.º talão", "Ticket #", "Número bon"; words.ts
 * RECEIPT_NUMBER_LABEL), read on a till slip only: on a bill a "Ticket #" is the support ticket it quotes, on an order
 * confirmation an event's or a flight's ticket. Below a title's own number (0.8): a simplified invoice's "FACTURA
 * SIMPLIFICADA FS25-004512" is the legal number, the slip's "Ticket nº" or "Talão n.º" beside it the till's count. */
const RECEIPT_NUMBER: [RegExp, number] = [new RegExp(RECEIPT_NUMBER_LABEL, 'giu'), 0.75];
const TILL_SLIP_NO_LABELS = [...INVOICE_NO_LABELS, RECEIPT_NUMBER];

/** `tillSlip`: the document is typed a till slip (classify.ts isTillSlip): its own receipt-number labels count. */
export function invoiceNumberChoice(rows: Row[], opts: { tillSlip?: boolean } = {}): ReferenceChoice {
  return pick(joinWrappedLabels(joinSeparatedParts(rows)), opts.tillSlip ? TILL_SLIP_NO_LABELS : INVOICE_NO_LABELS, notInvoiceNo, true, true);
}

export function extractInvoiceNumber(rows: Row[], opts: { tillSlip?: boolean } = {}): Field<string> {
  return invoiceNumberChoice(rows, opts).field;
}

export function poNumberChoice(rows: Row[]): ReferenceChoice {
  return pick(rows, PO_LABELS.map((re) => [re, 0.9] as [RegExp, number]), /datum|date|fecha|data\b/i);
}

export function extractPoNumber(rows: Row[]): Field<string> {
  return poNumberChoice(rows).field;
}
