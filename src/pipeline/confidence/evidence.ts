// Evidence that earns or costs a value confidence, computed in one place for every source. Each piece is a short
// name; the calibration table (./calibrate.ts) turns a field's raw score plus its evidence into a probability.
// The write-back adds one more piece of its own (a matching res.partner, ../../writeback/partner-evidence.ts).
import type { EngineLookOutcome } from '../extract/engine-look.js';
import type { ExtractedFields, FieldName, LineItem, VendorAddress } from '../../contract.js';
import type { TextLine } from '../document.js';
import type { AmountEvidence, FieldExplain } from '../extract/explain.js';
import { DATE_WHY } from '../extract/keydates.js';
import { CURRENCY_AFTER_AMOUNT_RE, CURRENCY_BEFORE_AMOUNT_RE, dominantDecimalSeparator, findAmounts, sameAmount } from '../extract/numbers.js';
import { isAmountLabel } from '../extract/totals.js';
import { alnumKey, findVatIds, printedVatKeys, vatChecksumOf, vatKey } from '../extract/vat.js';
import { countryClues, currencyFitsClues } from './country-clues.js';
import { euroGlyphWeight } from '../extract/currency.js';
import { type OcrEngineName, SIGNS_NOT_WRITTEN } from '../ocr/engines.js';
import { COMMON_TAX_RATES, DERIVED_WHY, taxAtRateOver5 } from '../extract/totals-choice.js';
import { COUNT_OR_ID_LABEL, escapeRegExp } from '../extract/words.js';
import { datesIn, hasLegalForm, includedTaxFits, printedRates, isLargestAmount, cashRoundedSum, itemsAddUp, lastBeforePayment, nameInDomain, nameInFooter, nameNearVat, paidExactly, roundingTwin, taxSplitAddsUp, taxTableFits, totalBesideDue } from './page-evidence.js';
import { valueWordConfidence, wordLevel } from './word-evidence.js';
import { ISSUER_ROUTES, VAT_ISSUER_PLACES, VAT_OTHER_PARTY } from '../extract/vendor.js';
import { numberAtTop, numberShaped, otherIdShaped, quotedForPayment } from './number-evidence.js';
import { customerLabelNear, sellerIdElsewhere } from './vat-evidence.js';
import { currencyDoubts } from './currency-doubt.js';

/** What may agree with a value (+) or speak against it (−); what each is worth for a field and source is measured
 * (the calibration table's weights), not assumed. */
export type EvidenceName =
  | 'sum-ok' // + untaxed + tax = total
  | 'sum-off' // − untaxed + tax ≠ total
  | 'lines-ok' // + line amounts add up to the untaxed amount or the total
  | 'rate-ok' // + tax = a line's rate, or a tax rate the page prints, × the untaxed amount (the total: and untaxed + tax = it)
  | 'paid-ok' // + a payment line (card, cash − change) equals the total, or the cash or card paid it exactly, no change
  //            given (./page-evidence.ts paidExactly)
  | 'paid-off' // − a payment line was read and does not equal the total
  | 'checksum-ok' // + the VAT number's check digits are right
  | 'checksum-bad' // − they are wrong
  | 'date-implausible' // − in the future or more than DATE_MAX_AGE_YEARS old
  | 'date-ambiguous' // − printed with day and month that could be swapped (05/03/2018): the locale decided
  | 'seen-twice' // + the value is printed at least twice (label and summary, page 1 and last page)
  | 'not-printed' // − the value is nowhere in the text (derived, e.g. a total computed as untaxed + tax)
  | 'ocr-high' // + Tesseract read the line holding the value with ≥ OCR_HIGH confidence
  | 'ocr-low' // − … with < OCR_LOW
  | 'words-sure' // + the OCR engine's confidence in each word the value was read from ≥ WORDS_SURE (engines that give word confidences, TextLine.words)
  | 'words-unsure' // − … in one of them < WORDS_UNSURE (./word-evidence.ts)
  | 'second-look-agreed' // + upscaled re-reads agreed with the first reading
  | 'second-look-changed' // ± the re-reads replaced the first reading
  | 'total-reread-agreed' // + the total's lines read again alone (one line each, upscaled) gave the same total
  | 'total-reread-changed' // ± … gave another total, which the page's arithmetic backed better and replaced the first
  | 'total-reread-differs' // − … gave another total (or none), which did not replace the first
  | 'engines-agree' // + the other OCR engine's reading of the page gave the same total (`auto`, ../extract/engine-look.ts),
  //                   and the rules found that total beside a total label (`labelled`)
  | 'engines-agree-unlabelled' // ± … the same total, found by no total label: both engines read the same digits,
  //                              which says nothing of which amount of the slip they are (a subtotal, the cash handed
  //                              over, a largest amount read by both; see engineLookEvidence)
  | 'engines-changed' // ± … gave another total, backed better by its page (or the first gave none), which was taken
  | 'engines-differ' // − … gave another total (or none), which was not taken
  | 'date-reread-agreed' // + the date's lines read again alone (one line each, upscaled) gave the same date
  | 'date-reread-changed' // ± … gave another, plausible date that replaced a first reading out of the page's years
  | 'date-reread-differs' // − … gave another date (or none), which did not replace the first
  | 'labelled' // + the rules found the value beside a label of its kind ("Total", "Invoice no.", "Date")
  | 'rival-none' // + the rules saw no other candidate value for the field
  | 'rival-close' // − the runner-up candidate scored nearly as well (≥ RIVAL_CLOSE of the winner's score)
  | 'date-with-time' // + the date's line also prints a time of day (a till's timestamp)
  | 'date-other-kind' // − the chosen date is also printed as another kind of date: one end of a period, after a delivery,
  //                     activation, supply-start, reading or print label (../extract/keydates.ts)
  | 'date-label-conflict' // − another date is printed under an issue-date label ("Data emissione", "Fattura n. … del")
  | 'total-beside-due' // + the total is printed on a line with the due date: the payment terms' or the slip's amount
  //                      (./page-evidence.ts totalBesideDue)
  | 'code-printed' // + the currency's ISO code is printed (EUR, MYR), not only a symbol
  | 'dollar-sign' // − only "$" speaks for the currency: a dozen currencies print it (R$, CA$, MX$)
  | 'euro-glyph' // ± the euro sign read as the shape an engine without it writes ("E", "∈" beside amounts; ../extract/currency.ts)
  | 'currency-inferred' // ± no currency mark beside an amount on a page whose engine cannot write € or £: the currency is
  //                       where the document is from (../extract/currency-inferred.ts); those clues are not counted again
  | 'symbol-printed' // + a symbol that only this currency uses is printed (€, £, RM before an amount)
  | 'country-fits' // + what the document says of its country (address, phone, tax words; ./country-clues.ts) fits the currency
  | 'country-other' // − … names only countries that pay in another currency
  | 'clues-other-marked' // − the country clues name another currency, which the page marks too (./currency-doubt.ts)
  | 'largest-amount' // + no amount printed outside payment lines exceeds the total (./page-evidence.ts)
  | 'tax-split-ok' // + an amount on a tax line plus another printed amount equals the total
  | 'tax-table-ok' // + the tax table's base + tax (tax at a printed rate of the base; one row or consecutive rows) make up the total
  | 'tax-table-off' // − a tax table was read and no row or run of rows makes up the total
  | 'items-add-up' // + the item lines printed above the total add up to it (or to it less a printed tax)
  | 'included-tax-ok' // + the tax the slip says the total includes is, at its printed rate, the tax in this total
  | 'last-before-payment' // + the total is the last amount printed before the first payment line
  | 'rounding-twin' // − another amount 1–4 cents from the total is printed (a rounded and an unrounded total)
  | 'name-in-domain' // + the vendor's name is what the page's e-mail or web domain is made of
  | 'legal-form' // + the vendor's name carries a legal form (GmbH, SRL, Ltd, Sdn Bhd)
  | 'vat-near' // + the vendor's name is printed a few lines from its VAT id, whose check digits hold (./page-evidence.ts)
  | 'name-in-footer' // + the vendor's name is printed in a page's footer (its last quarter of lines: the legal line, the imprint),
  //                    where no customer, heading or column header stands (./page-evidence.ts nameInFooter)
  | 'issuer-place' // + the VAT id is printed where the issuer prints its own: its block, its legal line, with its register number
  | 'name-near' // + the VAT id is printed a few lines from the vendor's name (./page-evidence.ts nearVatLine): the id of the
  //               party the page names as its issuer, not of a customer's block elsewhere (vat-near, seen from the id)
  | 'customer-side' // − the VAT id is also printed where another party prints its own — a customer's block or column, beside a
  //                   customer's label ("Customer VAT", "USt-IdNr. des Leistungsempfängers"), a principal's "por cuenta y
  //                   orden de" — and nowhere only the issuer prints its own (extract/vendor.ts chooseVat, `other-party-id`)
  | 'seller-id-other' // − another VAT id whose check digits hold is printed behind a supplier's label ("TVA Intracom
  //                     Fournisseur"): the page is its customer's (an order, a self-billed invoice), and the id read where
  //                     its issuer prints its own is the customer's (./vat-evidence.ts sellerIdElsewhere)
  | 'customer-label-near' // − every print of the VAT id stands within CUSTOMER_LABEL_LINES lines of a customer's label
  //                         ("Cliente", "Bill to", "Kunde"): the customer's block (./vat-evidence.ts customerLabelNear)
  | 'issuer-named' // + the vendor's name was read where an issuer names itself: its seller block, sender line, legal line or
  //                  footer imprint, beside its VAT id, as the payee or the signatory (extract/vendor.ts ISSUER_ROUTES), not
  //                  only at the top of the page
  | 'vat-other' // − the vendor's name is printed a few lines from another VAT id, and not near the vendor's own: the
  //               customer's block (its name over its id) taken for the issuer's
  | 'number-label' // + the invoice number was read after an explicit number label ("Invoice no.", "Rechnungsnummer", a "Número"
  //                  heading), not after a bare title word ("Invoice", "Rechnung") or a lone "Nr."
  | 'quoted-for-payment' // + the invoice number is printed again on a line asking for it with the payment ("please quote",
  //                        "Verwendungszweck", "causale"; ./number-evidence.ts)
  | 'number-at-top' // + the invoice number is printed, as whole words, in the first third of the first page's lines: the
  //                   document's heading (./number-evidence.ts numberAtTop)
  | 'number-shaped' // + the invoice number has three digits or more and no more letters than digits, and no other id's shape
  | 'language-other' // ± an OCR reading of a document whose words tell a language other than English: the engines
  //                   read such pages otherwise (Paddle's alphabet has no umlauts or €; Tesseract reads with that
  //                   language's model), and under OCR_ENGINE=auto they are the pages Tesseract reads (docs/ocr.md), so
  //                   a Tesseract reading's calibration must not be an English receipt's (see collectEvidence)
  | 'other-id-shaped'; // − … has the shape of another identifier: a VAT id whose check digits hold, an IBAN, a phone number


/** Which way each piece of evidence speaks, as its definition above says: +1 for a value, −1 against it, 0 either way
 * (±: a re-read that replaced the first reading, an inferred currency, a language). The calibration's regression keeps
 * a weight on its side of zero (fit.ts, 11): what a check means is known before the fit, and a weight that crosses zero
 * is a few vendor families' accident (tune 2026-12-07: a text-layer total's tax line adding up to it weighed −0.25,
 * Tesseract's failing payment line +0.64, its rounding twin +0.58). */
export const EVIDENCE_SIGN: Record<EvidenceName, 1 | -1 | 0> = {
  'sum-ok': 1, 'sum-off': -1, 'lines-ok': 1, 'rate-ok': 1, 'paid-ok': 1, 'paid-off': -1, 'checksum-ok': 1, 'checksum-bad': -1,
  'date-implausible': -1, 'date-ambiguous': -1, 'seen-twice': 1, 'not-printed': -1, 'ocr-high': 1, 'ocr-low': -1, 'words-sure': 1,
  'words-unsure': -1, 'second-look-agreed': 1, 'second-look-changed': 0, 'total-reread-agreed': 1, 'total-reread-changed': 0,
  'total-reread-differs': -1, 'engines-agree': 1, 'engines-agree-unlabelled': 0, 'engines-changed': 0, 'engines-differ': -1,
  'date-reread-agreed': 1, 'date-reread-changed': 0, 'date-reread-differs': -1, labelled: 1, 'rival-none': 1, 'rival-close': -1,
  'date-with-time': 1, 'date-other-kind': -1, 'date-label-conflict': -1, 'total-beside-due': 1, 'code-printed': 1, 'dollar-sign': -1,
  'euro-glyph': 0, 'currency-inferred': 0, 'symbol-printed': 1, 'country-fits': 1, 'country-other': -1,
  'clues-other-marked': -1, 'largest-amount': 1,
  'tax-split-ok': 1, 'tax-table-ok': 1, 'tax-table-off': -1, 'items-add-up': 1, 'included-tax-ok': 1, 'last-before-payment': 1,
  'rounding-twin': -1, 'name-in-domain': 1, 'legal-form': 1, 'vat-near': 1, 'name-in-footer': 1, 'issuer-place': 1, 'name-near': 1,
  'customer-side': -1, 'seller-id-other': -1, 'customer-label-near': -1, 'issuer-named': 1, 'vat-other': -1, 'number-label': 1, 'quoted-for-payment': 1, 'number-at-top': 1,
  'number-shaped': 1, 'language-other': 0, 'other-id-shaped': -1,
};

const ENGINE_LOOK_EVIDENCE = { agreed: 'engines-agree', changed: 'engines-changed', differs: 'engines-differ' } as const satisfies Record<EngineLookOutcome, EvidenceName>;

/** The other engine's verdict on the total as evidence. Two engines reading the same total vouch for its digits, not
 * for its role: both readings go through the same rules, so a subtotal, the cash handed over or the largest amount
 * taken for the total is taken in both. The agreement is therefore two pieces of evidence, weighed apart by the
 * calibration: beside a total label (`engines-agree`), and without one (`engines-agree-unlabelled`). Tune (auto
 * records of d50271e): Paddle's agreed totals were right 271 of 271 times beside a label and 30 of 33 without one;
 * a refit on tune's records of this rule (measured, not shipped: the shipped table predates the split and gives
 * `engines-agree-unlabelled` no weight) weighs the agreement +0.96 beside a label and +0.10 without one on Paddle's
 * rows, where the single evidence weighed +0.70 (Tesseract's: +1.03 and +0.86, where it weighed +1.30). Out of family
 * (each vendor family scored by a table fitted without it, 5 folds, 4 splits into folds), `auto`'s receipt totals
 * written at 0.99 went from 313.8 of 382 (2.5 wrong) to 309.8 (2.0 wrong); amount_total's Brier 0.0488 -> 0.0479 (issue
 * #14). */
export function engineLookEvidence(outcome: EngineLookOutcome, labelled: boolean): EvidenceName {
  return outcome === 'agreed' && !labelled ? 'engines-agree-unlabelled' : ENGINE_LOOK_EVIDENCE[outcome];
}

/** The checks of a total that the page's own arithmetic makes, whichever reading lets it be seen: the item lines
 * adding up to it, the tax table making it up, a payment of it. When the other engine read the same total (`agreed`),
 * those it finds in its reading check the total as well (./index.ts): the digits are both engines', and the item
 * line, tax row or payment line one engine lost or misread is often legible in the other's reading (tune receipts:
 * Paddle reads a Tesseract-read German slip's item prices and tax table where Tesseract loses digits). A check found
 * holding there replaces the first reading's failing verdict on the same line (`paid-off`, `tax-table-off`: its
 * digits misread); the other reading's failing verdicts are not taken (a line it misread says nothing of the page). */
export const PAGE_CHECKS = ['items-add-up', 'tax-table-ok', 'included-tax-ok', 'paid-ok'] as const satisfies readonly EvidenceName[];

export type FieldEvidence = Partial<Record<FieldName, EvidenceName[]>>;

/** The second look's verdict per field it re-read (from the extraction). */
export type SecondLookOutcome = Partial<Record<FieldName, 'agreed' | 'changed'>>;

export const OCR_HIGH = 0.9;
export const OCR_LOW = 0.6;
export const DATE_MAX_AGE_YEARS = 10;
export const RIVAL_CLOSE = 0.8;
const DATE_MAX_AHEAD_DAYS = 7;
const DUE_MAX_AHEAD_DAYS = 400;

export interface EvidenceInput {
  fields: ExtractedFields;
  lines: LineItem[];
  /** The document's text (text layer or OCR). */
  text: string;
  /** OCR lines with Tesseract's confidences; empty for text layers and e-invoices. */
  ocrLines: TextLine[];
  secondLook?: SecondLookOutcome;
  /** The second reading of the total's lines (extraction's `totalReread`). */
  totalReread?: 'agreed' | 'changed' | 'differs' | null;
  /** The other OCR engine's reading of the total (extraction's `engineLook`). */
  engineLook?: EngineLookOutcome | null;
  /** The second reading of the date's lines (extraction's `dateReread`). */
  dateReread?: 'agreed' | 'changed' | 'differs' | null;
  /** What the extraction's amount rules found (payments against the total); absent for e-invoices. */
  amounts?: Pick<AmountEvidence, 'paid_matches_total'>;
  /** The rules' winner and runner-up per field (extraction's explain); absent for e-invoices. */
  ranking?: Partial<Record<string, FieldExplain>>;
  /** "Today" for the date window; the scan time. */
  now?: Date;
  /** The document's language and the vendor's address, for the clues to its country. */
  language?: string | null;
  vendorAddress?: VendorAddress | null;
  /** The engine that read the OCR pages (../document.ts ocrEngineOf): what currency signs it cannot write. */
  ocrEngine?: OcrEngineName | null;
  /** The currency the extraction took from where the document is from, not from a mark on it (extraction's
   * `inferredCurrency`). */
  inferredCurrency?: string | null;
}

export function collectEvidence(input: EvidenceInput): FieldEvidence {
  const { fields } = input;
  const out: FieldEvidence = {};
  const add = (name: FieldName, e: EvidenceName | null) => {
    if (e && fields[name].value !== null) (out[name] ??= []).includes(e) || out[name]!.push(e);
  };
  for (const [name, e] of amountEvidence(fields, input.lines, input.text, input.ranking)) add(name, e);
  const paid = input.amounts?.paid_matches_total;
  if (paid !== null && paid !== undefined) add('amount_total', paid ? 'paid-ok' : 'paid-off');
  // the extraction's payments are card, or cash less change: cash handed over exactly, with no change line, is a
  // payment of the total too (no verdict when it differs: the change may be unread)
  else if (fields.amount_total.value !== null && input.text.trim() && paidExactly(input.text, fields.amount_total.value)) add('amount_total', 'paid-ok');
  const vat = fields.vendor_vat.value;
  // the VAT's check digits: its own evidence, and what lets its line vouch for the vendor's name (vat-near)
  const vatChecksum = vat !== null ? vatChecksumOf(vat) : undefined;
  add('vendor_vat', vatChecksum === true ? 'checksum-ok' : vatChecksum === false ? 'checksum-bad' : null);
  if (vat !== null && input.text.trim()) {
    if (sellerIdElsewhere(input.text, vat)) add('vendor_vat', 'seller-id-other');
    if (customerLabelNear(input.text, vat)) add('vendor_vat', 'customer-label-near');
  }
  const now = input.now ?? new Date();
  if (fields.date.value !== null && !plausibleDate(fields.date.value, now, DATE_MAX_AHEAD_DAYS)) add('date', 'date-implausible');
  if (fields.due_date.value !== null && !plausibleDate(fields.due_date.value, now, DUE_MAX_AHEAD_DAYS)) add('due_date', 'date-implausible');

  const textDates = datesIn(input.text); // once for both date fields
  const lineDates = input.ocrLines.map((l) => ({ confidence: l.confidence, dates: datesIn(l.text) }));
  for (const name of ['date', 'due_date'] as const) {
    const iso = fields[name].value;
    if (iso === null) continue;
    const found = textDates.filter((d) => d.iso === iso);
    if (found.length >= 2) add(name, 'seen-twice');
    if (found.length && found.every((d) => d.ambiguous)) add(name, 'date-ambiguous');
    const confs = lineDates.filter((l) => l.dates.some((d) => d.iso === iso)).map((l) => l.confidence);
    if (confs.length) add(name, ocrLevel(Math.max(...confs)));
    add(name, wordLevel(valueWordConfidence(input.ocrLines, (line) => {
      const printed = datesIn(line.text).find((d) => d.iso === iso);
      return printed ? { whole: (word) => datesIn(word).some((d) => d.iso === iso), key: alnumKey(printed.raw) } : null;
    })));
  }
  for (const name of LOCATABLE) {
    const value = fields[name].value;
    if (value === null) continue;
    const probe = probeFor(name, value as string | number);
    if (!probe) continue;
    const printed = countIn(input.text, probe);
    if (printed >= 2) add(name, 'seen-twice');
    else if (printed === 0 && input.text.trim() && !(typeof value === 'number' && printedWithoutCents(input.text, value))) add(name, 'not-printed');
    const confs = input.ocrLines.filter((l) => probe.test(normaliseLine(l.text, probe))).map((l) => l.confidence);
    if (confs.length) add(name, ocrLevel(Math.max(...confs)));
    const key = typeof value === 'number' ? Math.abs(value).toFixed(2).replace('.', '') : alnumKey(value as string);
    const whole = (word: string) => probe.test(normaliseLine(word, probe));
    // the words of the id as the line prints it: with its prefix, or without (a VAT id's prefix the reader added)
    const printedKey = (line: string) => (name === 'vendor_vat' && !alnumKey(line).includes(key) ? printedVatKeys(value as string).find((k) => alnumKey(line).includes(k)) ?? vatKey(value as string) : key);
    add(name, wordLevel(valueWordConfidence(input.ocrLines, (line) => (probe.test(normaliseLine(line.text, probe)) ? { whole, key: printedKey(line.text) } : null))));
  }
  const total = fields.amount_total.value;
  if (total !== null && input.text.trim()) {
    if (isLargestAmount(input.text, total)) add('amount_total', 'largest-amount');
    if (taxSplitAddsUp(input.text, total)) add('amount_total', 'tax-split-ok');
    const table = taxTableFits(input.text, total);
    if (table) add('amount_total', `tax-table-${table}`);
    if (itemsAddUp(input.text, total)) add('amount_total', 'items-add-up');
    if (includedTaxFits(input.text, total) === 'ok') add('amount_total', 'included-tax-ok');
    if (lastBeforePayment(input.text, total)) add('amount_total', 'last-before-payment');
    if (roundingTwin(input.text, total)) add('amount_total', 'rounding-twin');
    if (fields.due_date.value !== null && totalBesideDue(input.text, total, fields.due_date.value)) add('amount_total', 'total-beside-due');
  }
  const vendor = fields.vendor_name.value;
  if (vendor !== null) {
    if (hasLegalForm(vendor)) add('vendor_name', 'legal-form');
    if (nameInDomain(input.text, vendor)) add('vendor_name', 'name-in-domain');
    const nearOwn = vat !== null && nameNearVat(input.text, vendor, vat);
    if (nearOwn && vatChecksum === true) add('vendor_name', 'vat-near');
    if (nearOwn) add('vendor_vat', 'name-near');
    if (nameInFooter(input.text, vendor)) add('vendor_name', 'name-in-footer');
    if (!nearOwn && input.text.trim() && nearOtherVat(input.text, vendor, vat)) add('vendor_name', 'vat-other');
  }
  const invoiceNumber = fields.invoice_number.value;
  if (invoiceNumber !== null) {
    if (quotedForPayment(input.text, invoiceNumber)) add('invoice_number', 'quoted-for-payment');
    if (numberAtTop(input.text, invoiceNumber)) add('invoice_number', 'number-at-top');
    add('invoice_number', numberShaped(invoiceNumber) ? 'number-shaped' : otherIdShaped(invoiceNumber) ? 'other-id-shaped' : null);
  }
  const currency = fields.currency.value;
  if (currency !== null && input.text.trim()) {
    if (new RegExp(`(?<![\\p{L}])${escapeRegExp(currency)}(?![\\p{L}])`, 'u').test(input.text)) add('currency', 'code-printed');
    else if (/\$/.test(input.text) && DOLLAR_CURRENCIES.has(currency)) add('currency', 'dollar-sign');
    if (UNIQUE_SYMBOLS[currency]?.test(input.text)) add('currency', 'symbol-printed');
    const signsNotWritten = input.ocrEngine ? SIGNS_NOT_WRITTEN[input.ocrEngine] : [];
    if (currency === 'EUR' && signsNotWritten.includes('€') && euroGlyphWeight(input.text) > 0) add('currency', 'euro-glyph');
    const clues = countryClues({ text: input.text, language: input.language, vendor_address: input.vendorAddress ?? undefined, fields });
    if (input.inferredCurrency === currency) add('currency', 'currency-inferred');
    else {
      const fits = currencyFitsClues(currency, clues);
      if (fits !== null) add('currency', fits ? 'country-fits' : 'country-other');
    }
    for (const doubt of currencyDoubts(input.text, currency, clues, { signsNotWritten })) add('currency', doubt);
  }
  for (const [name, ranked] of Object.entries(input.ranking ?? {}) as [FieldName, FieldExplain][]) {
    if (!(name in fields)) continue;
    for (const e of rankingEvidence(ranked, fields[name].value)) add(name, e);
    if (name === 'vendor_name' && issuerNamed(ranked, fields[name].value)) add(name, 'issuer-named');
  }
  if (fields.date.value !== null && textDates.some((d) => d.iso === fields.date.value && TIME_NEAR.test(lineAround(input.text, d.index)))) {
    add('date', 'date-with-time');
  }
  const dateRanked = input.ranking?.date;
  if (dateRanked?.winner && dateRanked.replaced_by == null && String(dateRanked.winner.value) === fields.date.value) {
    if (dateRanked.winner.why.includes(DATE_WHY.otherKind)) add('date', 'date-other-kind');
    if (dateRanked.winner.why.includes(DATE_WHY.labelConflict)) add('date', 'date-label-conflict');
    // rebuilt from a damaged print, day first by assumption: as uncertain as a date whose day and month could swap
    if (dateRanked.winner.why.includes(DATE_WHY.repaired)) add('date', 'date-ambiguous');
  }
  for (const [name, outcome] of Object.entries(input.secondLook ?? {}) as [FieldName, 'agreed' | 'changed'][]) {
    add(name, outcome === 'agreed' ? 'second-look-agreed' : 'second-look-changed');
  }
  if (input.totalReread) add('amount_total', `total-reread-${input.totalReread}`);
  // after the ranking's evidence: whether the total was found beside a label (`labelled`) splits the agreement
  if (input.engineLook) add('amount_total', engineLookEvidence(input.engineLook, out.amount_total?.includes('labelled') ?? false));
  if (input.dateReread) add('date', `date-reread-${input.dateReread}`);
  // every value of an OCR reading of a non-English document: each engine's rows are fitted on its readings of every
  // tune document, mostly the SROIE receipts (English), but under `auto` Tesseract reads only the others — there its
  // receipts' vendor names were right 44 % of the time where its row said 58 % (tune, each family scored by a table
  // fitted without it). The regression learns what this is worth per field and engine (issue #14)
  if (input.ocrLines.length && input.language && input.language !== 'en') {
    for (const name of Object.keys(fields) as FieldName[]) add(name, 'language-other');
  }
  return out;
}

// A rule that found the value next to a label of its kind: "label:Invoice no", "total:TOTAL", "issue-label", …
// an invoice number read after an explicit number label (extract/references.ts)
const NUMBER_LABEL_RULE = 'number-label';
// (a VAT id's pick says "labelled": a VAT label beside it)
const LABEL_RULE = /^(?:label|total|untaxed|tax):|^(?:issue|due|date)-label|^labelled$/;
const DOLLAR_CURRENCIES = new Set(['USD', 'MXN', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'BRL', 'ARS', 'CLP', 'COP', 'TWD']);
/** Symbols no other currency prints ("$", "kr" or "¥" are shared). */
const UNIQUE_SYMBOLS: Record<string, RegExp> = {
  EUR: /€/, GBP: /£/, INR: /₹/, MYR: /(?<![\p{L}])RM ?\d/u, PLN: /\dz[łl](?![\p{L}])|\d ?zł/u, CZK: /Kč/, ILS: /₪/, KRW: /₩/, NGN: /₦/, UAH: /₴/, TRY: /₺/,
};
const TIME_NEAR = /(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)/;

/** The rules' winner was found beside a label of its kind (evidence `labelled`). */
export function labelledWinner(ranked: FieldExplain | undefined): boolean {
  return !!ranked?.winner?.why.some((w) => LABEL_RULE.test(w));
}

/** What the rules' ranking says about the final value: found by a label, and how close its runner-up came. A value
 * the rules did not choose (replaced by a second look, the LLM or a memory) gets nothing from their ranking. */
function rankingEvidence(ranked: FieldExplain, value: unknown): EvidenceName[] {
  const { winner, runner_up: runner } = ranked;
  if (!winner || value === null || String(winner.value) !== String(value) || ranked.replaced_by != null) return [];
  const out: EvidenceName[] = [];
  if (labelledWinner(ranked)) out.push('labelled');
  if (winner.why.some((w) => VAT_ISSUER_PLACES.has(w))) out.push('issuer-place');
  if (winner.why.includes(VAT_OTHER_PARTY)) out.push('customer-side');
  if (winner.why.includes(NUMBER_LABEL_RULE)) out.push('number-label');
  if (!runner) out.push('rival-none');
  else if (winner.score > 0 && runner.score >= RIVAL_CLOSE * winner.score) out.push('rival-close');
  return out;
}

/** The rules' winning name was found by a route that reads the issuer where it names itself (a name's reasons start
 * with its route: "seller-block:0.85"). */
function issuerNamed(ranked: FieldExplain, value: unknown): boolean {
  const { winner } = ranked;
  if (!winner || value === null || String(winner.value) !== String(value) || ranked.replaced_by != null) return false;
  return winner.why.some((w) => ISSUER_ROUTES.has(w.split(':')[0]));
}

/** The name is printed a few lines from a VAT id other than the vendor's (`vat`; nearVatLine). */
function nearOtherVat(text: string, name: string, vat: string | null): boolean {
  // without the vendor's own id, any id may be its own; another party's is one whose check digits hold (a German
  // Steuernummer has none)
  if (!vat) return false;
  const own = alnumKey(vat);
  const others = new Set(findVatIds(text, { labelled: false }).filter((m) => m.checksum === true).map((m) => m.value).filter((id) => alnumKey(id) !== own));
  return [...others].some((id) => nameNearVat(text, name, id));
}

/** The text line holding position `index`. */
function lineAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('\n', index - 1), text.lastIndexOf('\f', index - 1)) + 1;
  const ends = [text.indexOf('\n', index), text.indexOf('\f', index)].filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length);
}

function ocrLevel(confidence: number): EvidenceName | null {
  return confidence >= OCR_HIGH ? 'ocr-high' : confidence < OCR_LOW ? 'ocr-low' : null;
}

/** The second look's verdict: a re-read field (its confidence was recomputed) that kept its value agreed, one whose
 * value the re-reads replaced changed. A value the re-reads only filled in has no verdict. */
export function compareReadings(first: ExtractedFields, final: ExtractedFields): SecondLookOutcome {
  const out: SecondLookOutcome = {};
  for (const name of ['date', 'amount_total', 'vendor_name'] as const) {
    const a = first[name];
    const b = final[name];
    if (a.value === null || b.value === null) continue;
    if (a.value !== b.value) out[name] = 'changed';
    else if (a.confidence !== b.confidence) out[name] = 'agreed';
  }
  return out;
}

const AMOUNT_PARTS = ['amount_total', 'amount_untaxed', 'amount_tax'] as const;
const DERIVED_MARKS: readonly string[] = Object.values(DERIVED_WHY);

/** The final value is the rules' winner and they computed it from the other two amounts (totals-choice.ts DERIVED_WHY). */
function computedPart(ranked: FieldExplain | undefined, value: number | null): boolean {
  const winner = ranked?.winner;
  return !!winner && value !== null && ranked.replaced_by == null && sameAmount(Number(winner.value), value) && winner.why.some((w) => DERIVED_MARKS.includes(w));
}

/** untaxed + tax = total; lines = untaxed (or total); tax = rate × base. */
function amountEvidence(fields: ExtractedFields, lines: LineItem[], text = '', ranking?: EvidenceInput['ranking']): [FieldName, EvidenceName][] {
  const out: [FieldName, EvidenceName][] = [];
  const t = fields.amount_total.value;
  const u = fields.amount_untaxed.value;
  const x = fields.amount_tax.value;
  // a zero tax with untaxed = total adds up whatever was read: no evidence either way. A triple one of whose parts the
  // rules computed from the other two (an untaxed amount made as total − tax) adds up because it was made to: no
  // sum-ok; if it no longer adds up, a later step replaced another part, and that is sum-off all the same
  const made = AMOUNT_PARTS.some((name) => computedPart(ranking?.[name], fields[name].value));
  if (t !== null && u !== null && x !== null && !(x === 0 && sameAmount(u, t))) {
    const adds = sameAmount(u + x, t);
    // a sum that misses the total by the cash rounding the till prints says nothing: the total is the rounded sum
    const rounded = !adds && cashRoundedSum(text, u + x, t);
    if (!(adds && made) && !rounded) for (const name of AMOUNT_PARTS) out.push([name, adds ? 'sum-ok' : 'sum-off']);
  }
  const amounts = lines.map((l) => l.amount).filter((a): a is number => a !== null);
  if (amounts.length >= 1) {
    const sum = amounts.reduce((s, a) => s + a, 0);
    if (u !== null && sameAmount(sum, u)) out.push(['amount_untaxed', 'lines-ok']);
    if (t !== null && (sameAmount(sum, t) || (u !== null && sameAmount(sum, u) && x !== null && sameAmount(u + x, t)))) out.push(['amount_total', 'lines-ok']);
  }
  if (u !== null && x !== null && x > 0) {
    const rates = new Set(lines.map((l) => l.tax_rate).filter((r): r is number => r !== null && r > 0));
    // a rounding cent per line is allowed
    // ... or at a tax rate the page prints ("IVA 22%", "Total TVA 20,0 %" over the summary; a rate in use, not a
    // discount's or a penalty's), of a base of 5 or more (taxAtRateOver5: below it every tax is some rate of its base)
    const pageRates = printedRates(text).filter((r) => COMMON_TAX_RATES.includes(r));
    if ([...rates].some((r) => Math.abs((u * r) / 100 - x) <= 0.01 * Math.max(1, lines.length) + 1e-9) || taxAtRateOver5(u, x, pageRates)) {
      out.push(['amount_tax', 'rate-ok'], ['amount_untaxed', 'rate-ok']);
      // ... and the two add up to the total: the total is checked twice over (the tax a rate of the base, the sum)
      if (t !== null && sameAmount(u + x, t)) out.push(['amount_total', 'rate-ok']);
    }
  }
  return out;
}

export function plausibleDate(iso: string, now: Date, maxAheadDays: number): boolean {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(t)) return false;
  const day = 86_400_000;
  const oldest = Date.UTC(now.getUTCFullYear() - DATE_MAX_AGE_YEARS, now.getUTCMonth(), now.getUTCDate());
  return t <= now.getTime() + maxAheadDays * day && t >= oldest;
}

// Fields whose printed form can be found again in the text.
const LOCATABLE: FieldName[] = ['vendor_name', 'vendor_vat', 'invoice_number', 'amount_total', 'amount_untaxed', 'amount_tax', 'po_number'];

interface Probe {
  test(text: string): boolean;
  count(text: string): number;
  alnum: boolean; // compare on letters and digits only
}

/** How a value looks in text: amounts with either decimal separator and optional thousands groups, ids on their
 * letters and digits, names as words. */
function probeFor(name: FieldName, value: string | number): Probe | null {
  if (typeof value === 'number') {
    const abs = Math.abs(value);
    const [int, dec] = abs.toFixed(2).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '[.,\' \u00a0]?');
    // (a currency of three decimals prints 13.36 as "13.360": the Tunisian dinar, and findAmounts reads it so)
    const re = new RegExp(`(?<![\\d.,])${grouped}[.,]${dec}0?(?!\\d)`, 'g');
    return regexProbe(re, false);
  }
  if (name === 'vendor_name') {
    const key = value.toUpperCase().replace(/\s+/g, ' ').trim();
    if (key.length < 3) return null;
    const probe = regexProbe(new RegExp(escapeRegExp(key).replace(/ /g, '\\s+'), 'g'), false);
    return { ...probe, test: (t) => probe.test(t.toUpperCase()), count: (t) => probe.count(t.toUpperCase()) };
  }
  const key = alnumKey(value);
  if (key.length < 3) return null;
  // a VAT id counts printed with its country prefix or without it ("BTW 0458.105.363" is BE0458105363, "P.IVA 01335720775"
  // IT01335720775): the prefix is the reader's, added to ids its label names. Without it, the digits must not run on
  // into others (letters and digits are compared with the separators gone: "Konto 0123456789" holds no id 123456789)
  const bares = name === 'vendor_vat' ? printedVatKeys(value).filter((k) => k !== key) : [];
  const re = new RegExp([escapeRegExp(key), ...bares.map((b) => `(?<!\\d)${escapeRegExp(b)}(?!\\d)`)].join('|'), 'g');
  return regexProbe(re, true);
}

/** Where a whole amount, or one of tens of cents, is printed short: "€600,-", "Total: 557", "$550", "€ 625.0", "12,5"
 * (a till's, a craftsman's or a spreadsheet's invoice prints no zero cents). The probe looks for two decimals only, so
 * such an amount was taken for one printed nowhere (`not-printed`: made up by the rules) — a fact about the page, not
 * the value, and the one that makes its checks count for nothing (calibrate.ts isChecked). A short number is money
 * only where the page says so: beside a currency sign or code, before a dash for its cents (",-"), or labelled as a
 * total, an untaxed amount or a tax (totals.ts LABELS: the words just before it on its line); never on a line that
 * labels a count, a number or a code (words.ts COUNT_OR_ID_LABEL: "Qty: 3", "Invoice No: 150", "Page 1 of 2", "Tel"),
 * nor as a rate ("GST 6%"), nor inside a date ("Date: 12/03/2018"), nor before decimals an OCR reading split off
 * ("RM 10. 0": 10.60 misread). */
export function printedWithoutCents(text: string, value: number): boolean {
  const cents = Math.round(Math.abs(value) * 100) % 100;
  if (cents % 10 !== 0) return false;
  const dates = datesIn(text).map((d) => [d.index, d.index + d.raw.length]);
  return findAmounts(text, dominantDecimalSeparator(text)).some((a) => {
    if (a.decimals > 1 || !sameAmount(Math.abs(a.value), Math.abs(value))) return false;
    const start = a.index;
    const end = start + a.raw.length;
    if (dates.some(([from, to]) => start < to && end > from)) return false;
    const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\f', start - 1)) + 1;
    const before = text.slice(lineStart, start);
    const rest = text.slice(end).split(/\n|\f/)[0];
    if (COUNT_OR_ID_RE.test(before + a.raw + rest) || /^\s?%/.test(rest)) return false;
    // decimals split off by a space ("RM 10. 0", "170. 00"): an OCR reading of a longer print, not a short one
    if (/^[.,]\s+\d/.test(rest)) return false;
    // (the label: the words after the line's last number before the amount)
    const label = before.replace(/^.*\d/, '');
    return /[€$£¥₹]/.test(a.raw) || CURRENCY_BEFORE_AMOUNT_RE.test(before) || CURRENCY_AFTER_AMOUNT_RE.test(rest) || /^[.,][-–—]/.test(rest) || isAmountLabel(label);
  });
}

const COUNT_OR_ID_RE = new RegExp(COUNT_OR_ID_LABEL, 'iu');

function regexProbe(re: RegExp, alnum: boolean): Probe {
  return {
    alnum,
    test: (t) => {
      re.lastIndex = 0;
      return re.test(t);
    },
    count: (t) => (t.match(re) ?? []).length,
  };
}

function normaliseLine(text: string, probe: Probe): string {
  return probe.alnum ? alnumKey(text) : text;
}

function countIn(text: string, probe: Probe): number {
  if (!probe.alnum) return probe.count(text);
  // ids are counted line by line on letters and digits ("FR 86 792" = "FR86792"), so each line counts once
  return text.split(/\n|\f/).reduce((n, line) => n + (probe.test(alnumKey(line)) ? 1 : 0), 0);
}

