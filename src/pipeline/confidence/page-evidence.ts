// Evidence read off the whole page rather than off the value's own line: whether the total is the largest amount
// printed, whether a printed tax amount and another printed amount make up the total, whether the vendor's name is
// the one in the page's e-mail or web domain, and whether it carries a legal form. Each says something about the
// rules' pick that the rules themselves did not use; what it is worth is fitted (data/calibration.json).
import { type DateMatch, findDates } from '../extract/dates.js';
import { type AmountMatch, dominantDecimalSeparator, findAmounts, sameAmount } from '../extract/numbers.js';
import { COMMON_TAX_RATES, taxAtRate } from '../extract/totals-choice.js';
import { CARD_BRANDS, CARD_WORDS, CASH_HANDED, CHANGE_LINE_RE, DISCOUNT_WORDS, escapeRegExp, INCLUDED_TAX, PAYMENT_WORDS, ROUNDING_WORDS, SUBTOTAL } from '../extract/words.js';
import { LEGAL_FORMS } from '../extract/legal-forms.js';
import { printedVatKeys } from '../extract/vat.js';
import { foldCase as fold } from '../accents.js';

/** Lines that print what was paid or handed back (extract/words.ts), or an earlier balance, not what is owed: a cash
 * line may exceed the total. */
const PAYMENT_LINE = new RegExp(String.raw`\b(?:${PAYMENT_WORDS}|saldo|balance|previous|vorher|prec[ée]dent)`, 'i');
/** A company's share capital, printed in the legal footer of European invoices ("SAS au capital de 22 550 €",
 * "Capitale sociale € 80.000,00", "Stammkapital 25.000 EUR", "capital social"): an amount larger than most totals
 * that no document owes. */
const SHARE_CAPITAL_LINE = /\b(capital(?:e)?\s+(?:social(?:e)?|souscrit|versato)|au\s+capital|share\s+capital|stammkapital|grundkapital|capitale\s+sociale|capital\s+de|maatschappelijk\s+kapitaal)\b/i;
/** Lines that print a tax amount. */
const TAX_LINE = /\b(gst|sst|vat|tax|tva|iva|mwst|ust|btw|moms|impuesto|imposta|imposto|steuer)\b/i;

interface LineAmounts {
  text: string;
  amounts: AmountMatch[];
}

/** Amounts with two decimals (prices, not quantities, years or phone numbers), per text line. */
function amountsByLine(text: string): LineAmounts[] {
  const decimal = dominantDecimalSeparator(text);
  return text.split(/\n|\f/).map((line) => ({ text: line, amounts: findAmounts(line, decimal).filter((a) => a.decimals === 2) }));
}

/** `largest-amount`: no amount printed outside payment lines (cash handed over, change, card, earlier balance) and
 * the company's share capital exceeds the total. A total read from a subtotal, a line item or a misread digit is
 * often below another amount. */
export function isLargestAmount(text: string, total: number): boolean {
  const lines = amountsByLine(text);
  if (!lines.some((l) => l.amounts.some((a) => sameAmount(Math.abs(a.value), Math.abs(total))))) return false;
  // a total rounded for cash may lie a few cents below the unrounded one printed above it ("Total 33.92 / Total
  // Rounded 33.90"); a payment's amount read as a line of its own stays a payment's ("CASH" / "50.00")
  const roles = lineRoles(lines);
  const bound = Math.abs(total) + (Math.round(Math.abs(total) * 100) % 5 === 0 ? 0.045 : 0.005);
  return lines.every((l, i) => PAYMENT_LINE.test(roles[i]) || SHARE_CAPITAL_LINE.test(l.text) || l.amounts.every((a) => Math.abs(a.value) <= bound));
}

/** `tax-split-ok`: an amount printed on a tax line plus another printed amount (the base) equals the total — the
 * receipt's GST summary or the invoice's tax block confirms it even when the rules read no untaxed amount. A till's
 * cash rounding is allowed ("Sub Total (Excluded GST) 106.10 / Total GST 6.37" under a total of 112.45: on SROIE tune
 * 5 right totals, none wrong, that the exact sum missed). */
export function taxSplitAddsUp(text: string, total: number): boolean {
  if (total <= 0) return false;
  const lines = amountsByLine(text);
  const all = lines.flatMap((l) => l.amounts.map((a) => a.value)).filter((v) => v > 0 && !sameAmount(v, total));
  const taxes = lines.filter((l) => TAX_LINE.test(l.text)).flatMap((l) => l.amounts.map((a) => a.value)).filter((v) => v > 0 && v < total);
  return taxes.some((x) => all.some((u) => u !== x && sameOrCashRounded(u + x, total)));
}

/** Cash handed over (or tendered, or what was paid) opening a line: "CASH 9.00", "Cash Received : 8.00", "PAYMENT
 * MODE: CASH 250.00", "TENDER 9.00", "Paid RM3.00", "Paid Amount: 20.00". */
const CASH_PAYMENT_LINE = new RegExp(String.raw`^\W*(?:payment\s*mode\W*)?(?:${CASH_HANDED})(?![\p{L}])`, 'iu');
/** A card payment: a card brand anywhere on the line ("EDC MASTER RM 41.95", "{4553…}VISA : 616.60", "Geg.
 * Mastercard"), or a card word opening it, after at most a short word ("DEBIT CARD 78.10", "TEF-CREDITO"). */
const CARD_PAYMENT_LINE = new RegExp(String.raw`(?<![\p{L}])(?:${CARD_BRANDS})(?![\p{L}])|^\W*(?:\p{L}{1,4}[.\-]?\s*)?(?:${CARD_WORDS})(?![\p{L}])`, 'iu');

/** What `paid-ok` also counts (evidence.ts), beside the extraction's payments (card, cash − change): the cash or card
 * line pays exactly the total and no change is given back — no change line, or one of 0.00 — the total printed again
 * as what was paid ("TOTAL 8.00 / CASH 8.00"). A change line whose amount was not read may hide the change: then no
 * verdict. On the tune receipts read under `auto` the extraction's payments miss these (cash−change needs a change
 * line): 19 right totals gain it, no wrong one (SROIE and the fixtures' receipts). */
export function paidExactly(text: string, total: number): boolean {
  if (total <= 0) return false;
  const lines = amountsByLine(text);
  if (lines.some((l) => CHANGE_LINE_RE.test(l.text) && (!l.amounts.length || l.amounts.some((a) => Math.abs(a.value) > 0.005)))) return false;
  return lines.some((l) => l.amounts.length > 0 && (CASH_PAYMENT_LINE.test(l.text) || CARD_PAYMENT_LINE.test(l.text)) && sameAmount(Math.abs(l.amounts[l.amounts.length - 1].value), total));
}

/** A line that starts with a payment (cash handed over, change, card): where the till's summary ends. */
const PAYMENT_START = new RegExp(`^\\W*${PAYMENT_LINE.source}`, 'i');

/** `last-before-payment`: the total is the last amount printed before the first payment line (cash, change, card) —
 * where a till prints what is owed. A subtotal, an item or a tax sits higher up; a misread total is usually printed
 * here too, so this speaks for the line the total was read from, not for its digits. On the SROIE tune receipts
 * (`auto`'s text) it holds for 274 true totals of 344 (233 before payments read apart from their labels counted) and
 * for 25 of the 2013 other amounts they print (19; the new ones taxes and change, which precede a label Paddle read
 * after its amount). */
export function lastBeforePayment(text: string, total: number): boolean {
  const lines = amountsByLine(text);
  // (a payment's amount read on a line of its own under its label, "CASH" / "50.00", opens the payments as well)
  const roles = lineRoles(lines);
  const pay = lines.findIndex((l, i) => l.amounts.length > 0 && PAYMENT_START.test(roles[i]));
  for (let i = pay - 1; i >= 0; i--) {
    if (lines[i].amounts.length) return lines[i].amounts.some((a) => sameAmount(Math.abs(a.value), Math.abs(total)));
  }
  return false;
}

/** `rounding-twin`: another amount within a till's cash rounding of the total (1 to 4 cents off) is printed on a line
 * that is not a payment — a rounded and an unrounded total side by side ("Total 72.93 / Rounded 72.95"); which of the
 * two a receipt's total is depends on the reader's convention, so the pick is less sure. */
export function roundingTwin(text: string, total: number): boolean {
  return amountsByLine(text).some((l) => !PAYMENT_LINE.test(l.text) && l.amounts.some((a) => {
    const d = Math.abs(Math.abs(a.value) - Math.abs(total));
    return d > 0.005 && d < 0.045;
  }));
}

/** A percentage printed on the page (the tax rates a summary uses), above 0 and up to 30. */
export const RATE_RE = /(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g;
// a discount's percentage is no tax rate
const DISCOUNT_LINE = new RegExp(String.raw`(?<![\p{L}])(?:${DISCOUNT_WORDS})`, 'iu');

/** Tax rates printed on the page ("22 %", "MwSt 19,00%", "IVA 21%"), in percent, above 0 and up to 30. */
export function printedRates(text: string): number[] {
  const out = new Set<number>();
  const taxLines = text.split('\n').filter((line) => !DISCOUNT_LINE.test(line)).join('\n');
  for (const m of taxLines.matchAll(RATE_RE)) {
    const r = Number(m[1].replace(',', '.'));
    if (r > 0 && r <= 30) out.add(r);
  }
  return [...out];
}

/** A rate's table row: two amounts on one line where one is a printed rate of the other, as base and tax
 * ("SR @6%  68.82  4.13") or as gross and the tax it includes ("MwSt 19% 11,90 1,90"). */
export interface TaxRow {
  base: number;
  tax: number;
  /** the tax is as well the rate's share of `base` read as a gross amount (a small tax fits both readings within a
   * cent: "SR (06%) 1.20 0.07"): the row may make up `base` alone, the tax included */
  orGross?: true;
}

/** A zero-rated row of a tax table: "ZRL 0% 100.00 0.00", "Z=0% 23.70 0.00", "ZR/OS/EZ 0.00 0.00". */
const ZERO_RATE = /(?<![\d.,])0(?:[.,]0{1,2})?\s?%|\b(?:zr\w*|z\s?=|exempt|exempted|befreit|exon[ée]r\w*|esente)\b/i;

/** The rows of the page's tax table, in page order: per line, the first pair of amounts where one is the tax at a
 * printed rate of the other (a base, or a gross amount that includes it), or a zero-rated base with a tax of 0.
 * Payment lines are not tax rows. */
export function taxRows(text: string): TaxRow[] {
  const pageRates = printedRates(text);
  const out: TaxRow[] = [];
  for (const line of amountsByLine(text)) {
    if (line.amounts.length < 2 || PAYMENT_LINE.test(line.text)) continue;
    // a tax code's row may print its rate as a bare number ("SR 6.00 26.00 1.56", "SR 27.27 6 1.64"): the rate counts
    // for its own row, and is no amount of it
    const own = TAX_CODE_ROW.test(line.text) ? rowRates(line.text) : [];
    const rates = [...pageRates, ...own];
    // a row read both ways must fit one rate both ways, and that the row's own (printed on it) or the page's only one:
    // two rates fit two readings of any pair (20 % of 100 is 25 % of 80), so a second rate on the page — a deposit's,
    // another row's — would let the base alone pass for a total
    const rowOwn = [...printedRates(line.text), ...own];
    const grossRates = rowOwn.length ? rowOwn : pageRates.length === 1 ? pageRates : [];
    const values = line.amounts.map((a) => Math.abs(a.value)).filter((v, i, all) => !(all.length > 2 && own.includes(v) && all.indexOf(v) === i));
    const pairs = values.flatMap((b, i) => values.slice(i + 1).map((x) => [Math.max(b, x), Math.min(b, x)] as const));
    const row = pairs
      .map(([big, small]): TaxRow | null => {
        if (small <= 0) return big > 0 && ZERO_RATE.test(line.text) ? { base: big, tax: 0 } : null;
        if (taxAtRate(big, small, rates)) return grossRates.some((r) => taxAtRate(big, small, [r]) && taxAtRate(big - small, small, [r])) ? { base: big, tax: small, orGross: true } : { base: big, tax: small };
        if (taxAtRate(big - small, small, rates)) return { base: roundCents(big - small), tax: small };
        return null;
      })
      .find((r) => r !== null);
    if (row) out.push(row);
  }
  return out;
}

const roundCents = (v: number) => Math.round(v * 100) / 100;

/** A row of a tax table, opening with its code or tax word: "SR", "ZRL", "S=", "GST", "VAT" (an item line of a till
 * ends with its code: "TOWEL ROD 4.00 20.00 SR" is no row of the table). */
const TAX_CODE_ROW = /^\W*(?:sr|zr\w*|[sz]\s?=|gst|sst|vat|tva|iva|mwst|ust|btw)(?![\p{L}])/iu;
/** The row's rate printed without its %: the first whole number on it ("6", "6.00", "19,0") that is a common tax
 * rate — the rate column comes before the base and the tax ("SR 6.00 24.00 1.44"). */
function rowRates(line: string): number[] {
  for (const m of line.matchAll(/(?<![\d.,])(\d{1,2})(?:[.,]0{1,2})?(?![\d.,]|\s?%)/g)) {
    const r = Number(m[1]);
    if ((COMMON_TAX_RATES as readonly number[]).includes(r)) return [r];
  }
  return [];
}

/** Within a till's cash rounding: the total a multiple of 5 cents less than 5 cents from the sum. */
function sameOrCashRounded(sum: number, total: number): boolean {
  if (sameAmount(sum, total)) return true;
  const cents = Math.round(total * 100);
  return cents % 5 === 0 && Math.abs(sum - total) < 0.05 - 1e-9;
}

/** A line that opens with the till's cash rounding ("Rounding Adj 0.01", "Rounding : -0.01", words.ts ROUNDING_WORDS). */
const ROUNDING_LINE = new RegExp(String.raw`^\W*(?:${ROUNDING_WORDS})`, 'iu');

/** The most a till's rounding to 5 cents moves a total: 2 cents, and half a cent of the sum's own rounding. */
const CASH_ROUNDING_MAX = 0.025;

/** untaxed + tax misses the total only by the till's cash rounding, which the page prints: a till that rounds its
 * total to 5 cents prints the adjustment on a line of its own ("SubTotal 179.00 / GST 10.74 / Rounding Adj 0.01 /
 * Net Total 189.75"), so the sum was the total before rounding, not a sign that a part or the total was misread. The
 * adjustment printed must be the miss itself (its sign as the till prints it: "-0.01", "0.01-", "(0.01)"): a notice
 * of the rounding rule or an adjustment of 0.00 does not explain a miss. */
export function cashRoundedSum(text: string, sum: number, total: number): boolean {
  const miss = total - sum;
  if (sameAmount(sum, total) || Math.abs(miss) > CASH_ROUNDING_MAX + 1e-9 || Math.round(total * 100) % 5 !== 0) return false;
  const lines = amountsByLine(text);
  const roles = lineRoles(lines);
  // (a till may print the cents alone: "Rounding Adjustment .02")
  const printed = (l: LineAmounts) => [...l.amounts.map((a) => a.value), ...[...l.text.matchAll(BARE_CENTS)].map((m) => Number(m[1]) / 100)];
  // an adjustment printed with its minus lowered the total; one printed bare may go either way
  const explains = (v: number) => sameAmount(Math.abs(v), Math.abs(miss)) && !(v < 0 && miss > 0);
  return lines.some((l, i) => ROUNDING_LINE.test(roles[i]) && printed(l).some(explains));
}
const BARE_CENTS = /(?<![\d.,])[.,](\d{2})(?![\d.,])/g;

/** `tax-table-ok` / `tax-table-off`: the page's tax table (base and tax at a printed rate, per rate) against the
 * total: one row's base + tax, or consecutive rows' together (a standard-rated and a zero-rated row), make up the
 * total (till rounding allowed) — printed numbers that agree with each other and with the total, which a misread
 * total or a subtotal does not — or none does. Null without a tax table. */
export function taxTableFits(text: string, total: number): 'ok' | 'off' | null {
  if (total <= 0) return null;
  const rows = taxRows(text);
  if (!rows.some((r) => r.tax > 0)) return null;
  const cents = (v: number) => Math.round(v * 100);
  for (let i = 0; i < rows.length; i++) {
    // the run's two readings, in whole cents: a table prints either bases or gross amounts in its amount column, the
    // same for every row, so its rows read both ways (orGross) make up their base and tax all together, or their base
    // alone all together — two sums however many rows (a mix of readings per row doubles with each row)
    let asBases = 0;
    let asGross = 0;
    for (let j = i; j < rows.length; j++) {
      const row = rows[j];
      asBases += cents(row.base + row.tax);
      asGross += row.orGross ? cents(row.base) : cents(row.base + row.tax);
      if (sameOrCashRounded(asBases / 100, total) || sameOrCashRounded(asGross / 100, total)) return 'ok';
    }
  }
  return 'off';
}

/** A line naming the tax the total includes: "GST @6% included in total", "inkl. 19% MwSt", "darin enthaltene MwSt",
 * "davon MwSt", "dont TVA 20 %", "di cui IVA 22%", "IVA incluido", "BTW inbegrepen" (extract/words.ts). */
const INCLUDED_TAX_LINE = new RegExp(INCLUDED_TAX, 'iu');

const TOTAL_LINE_START = /^\W*(total|summe|gesamt\w*|totale|totaal|importe|montant)\b/i;

/** `included-tax-ok`: the one line naming the tax the total includes, with its rate, against the total: its amount is
 * the tax that rate leaves in the total (total × rate / (100 + rate), to the cent) — 'ok' — or none of its amounts is
 * — 'off' (not evidence: on tune it did not tell right totals from wrong ones). Null without such a line (or with
 * several: one per rate, each of a part). A lost or misread digit of the total rarely keeps that relation. */
export function includedTaxFits(text: string, total: number): 'ok' | 'off' | null {
  if (total < 5) return null; // below 5 units of money every tax is some rate of its base
  // ("Total Incl. GST@6% 12.72" is the total's own line)
  const lines = amountsByLine(text).filter((l) => INCLUDED_TAX_LINE.test(l.text) && !TOTAL_LINE_START.test(l.text) && l.amounts.length > 0 && printedRates(l.text).length > 0);
  if (lines.length !== 1) return null;
  const [line] = lines;
  const taxes = line.amounts.map((a) => Math.abs(a.value)).filter((v) => v > 0 && v < total);
  if (!taxes.length) return null;
  const fits = taxes.some((x) => taxAtRate(total - x, x, printedRates(line.text)));
  return fits ? 'ok' : 'off';
}

/** Lines that sum up rather than list an item: a subtotal, a total, a tax or a rounding line. */
const SUMMARY_LINE = /\b(sub\s*-?\s*total|total|totale|totaal|summe|gesamt|nett?|amount|rounding|round|adj|gst|sst|vat|tax|tva|iva|mwst|ust|btw|service|discount|saving|qty|item\(?s\)?)\b/i;

/** A total's label, and a subtotal's (the total's line is the first line printing it under a total's label). */
const TOTAL_WORD = /tota|amount|nett?|jumlah|summe|gesamt|importe|montant|importo|bedrag/i;
const SUBTOTAL_WORD = new RegExp(SUBTOTAL, 'i');

/** `items-add-up`: the item lines printed above the total (each line's last amount, two or more consecutive item
 * lines) add up to the total, or to the total less a tax printed on the page (the subtotal before tax), the till's
 * cash rounding allowed: the till's own arithmetic, which a misread total or a subtotal read as the total does not
 * satisfy. An engine that reads a label and its amount as two lines ("TOTAL" / "153.35", Paddle on a wide slip) has
 * the amount's line stand for its label's. On the 344 SROIE tune receipts (`auto`'s text) it holds for 113 true totals
 * where the same-line reading without rounding held for 96, and for 16 of the 2013 other amounts they print (13
 * before; 10 of the 16 the unrounded twin of a rounded total, the arithmetic's own sum). */
export function itemsAddUp(text: string, total: number): boolean {
  if (total <= 0) return false;
  const lines = amountsByLine(text);
  const roles = lineRoles(lines);
  // the total's line: its last amount (a table's total row prints the base and the tax before it), under a total's
  // label or the rounded total's ("Rounding RM 52.10" under "Rounding Adjustment .02")
  const at = lines.findIndex((l, i) => l.amounts.length > 0 && sameAmount(Math.abs(l.amounts[l.amounts.length - 1].value), total) && (TOTAL_WORD.test(roles[i]) || ROUNDED_TOTAL.test(roles[i])) && !SUBTOTAL_WORD.test(roles[i]));
  if (at < 2) return false;
  const taxes = lines.filter((l, i) => TAX_LINE.test(roles[i])).flatMap((l) => l.amounts.map((a) => a.value)).filter((v) => v > 0 && v < total);
  const taxed = [0, ...taxes, ...taxRows(text).map((r) => r.tax)];
  // the item lines just above the total: lines with an amount that do not sum anything up, up to the first summary line
  const items: number[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const l = lines[i];
    // a quantity times its unit price, under the item's line that printed their product ("@2 X RM 24.35")
    if (!l.amounts.length || UNIT_PRICE_LINE.test(l.text)) continue;
    if (SUMMARY_LINE.test(roles[i]) || PAYMENT_LINE.test(roles[i])) {
      if (items.length) break;
      continue;
    }
    items.push(l.amounts[l.amounts.length - 1].value);
  }
  let sum = 0;
  for (const [n, v] of items.entries()) {
    sum += v;
    // one item is the total already, unless a tax is added to it
    if (taxed.some((x) => (n >= 1 || (x > 0 && v > 0)) && sameOrCashRounded(sum + x, total))) return true;
  }
  return false;
}

/** A rounded total's line: "Rounding RM 52.10", "Total Rounded 29.30". */
const ROUNDED_TOTAL = /\bround(?:ed|ing)?\b/i;
/** A line of a quantity and its unit price alone: "@2 X RM 24.35", "3  X  RH  22.60", "02 X RN 4.19". */
const UNIT_PRICE_LINE = /^\W*@?\s*\d{1,3}\s*[xX]\s*(?:\p{L}{1,3}\s*)?\d*[.,]\d{2}\s*$/u;

/** What each line says it is: its own text, or for a line of bare amounts under a line of words without digits, that
 * line's text too (a label read apart from its amount: "SUB-TOTAL" / "144.68", "ROUNDING" / "-0.01"). */
function lineRoles(lines: LineAmounts[]): string[] {
  return lines.map((l, i) => {
    const prev = lines[i - 1];
    // (a label line with a figure of its own counts something else: "Total Qty. : 18")
    return l.amounts.length > 0 && !/\p{L}{2}/u.test(l.text) && prev && !/\d/.test(prev.text) && /\p{L}{2}/u.test(prev.text) ? `${prev.text} ${l.text}` : l.text;
  });
}

const LEGAL_FORM = new RegExp(String.raw`(?<![\p{L}])(${LEGAL_FORMS})\.?(?![\p{L}])`, 'iu');

const LEGAL_FORM_GLOBAL = new RegExp(LEGAL_FORM.source, 'giu');

/** `legal-form`: the name carries a company's legal form (GmbH, SRL, Ltd, Sdn Bhd, B.V.): it is a company's name,
 * not a heading, a product line or a person's address line. */
export function hasLegalForm(name: string): boolean {
  return LEGAL_FORM.test(name);
}

// (legal forms are hasLegalForm's)
const GENERIC_WORDS = new Set([
  'company', 'services', 'service', 'group', 'store', 'shop', 'trading', 'enterprise', 'enterprises', 'restaurant',
  'international', 'invoice', 'mail', 'info', 'online', 'solutions', 'systems', 'the', 'and', 'und', 'www', 'http',
  'https', 'email',
]);


/** The labels of every e-mail and web domain on the page, without top-level domain, hyphens or "www". */
function domainLabels(text: string): string[] {
  const domains = [
    ...[...text.matchAll(/[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1]),
    ...[...text.matchAll(/(?:https?:\/\/|www\.)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1]),
  ];
  return [...new Set(domains.flatMap((d) => fold(d).split('.').slice(0, -1).filter((l) => l !== 'www').map((l) => l.replace(/-/g, ''))))].filter((l) => l.length >= 3);
}

/** `name-in-domain`: the vendor's name is the one its e-mail or web address is made of (a word of it of four
 * letters or more in a domain, a shorter one as a whole label, or the whole name run together): the page's sender, not its customer or a heading. */
export function nameInDomain(text: string, name: string): boolean {
  const labels = domainLabels(text);
  if (!labels.length) return false;
  const words = fold(name).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w) && !hasLegalForm(w));
  const joined = fold(name).replace(LEGAL_FORM_GLOBAL, '').replace(/[^\p{L}\p{N}]+/gu, '');
  // a short word only as the whole label ("bol" in bol.com), a longer one anywhere in it ("bouygues" in bouyguestelecom)
  return labels.some((l) => words.some((w) => l === w || (w.length >= 4 && l.includes(w))) || (joined.length >= 3 && l === joined));
}

/** The share of a page's lines, counted from its foot, read as its footer (nameInFooter). */
export const FOOTER_SHARE = 0.25;
/** Pages shorter than this many lines have no footer apart from their body (a till slip, a one-line note). */
const FOOTER_MIN_LINES = 12;

/** `name-in-footer`: the vendor's name is printed in the footer of a page (the last FOOTER_SHARE of its lines): the
 * legal line or imprint where a firm names itself ("ACME GmbH · Hauptstr. 1 · Berlin · HRB 123"). A customer's block,
 * a heading or a column header stands at the top or in the body, not at the foot. */
export function nameInFooter(text: string, name: string): boolean {
  const norm = (s: string) => s.toUpperCase().replace(/\s+/g, ' ').trim();
  const wanted = norm(name);
  if (wanted.length < 3) return false;
  // the name as whole words ("ENI" is not printed in "ENIGMA")
  const whole = new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeRegExp(wanted)}(?![\p{L}\p{N}])`, 'u');
  return text.split('\f').some((page) => {
    const lines = page.split('\n').filter((l) => l.trim());
    if (lines.length < FOOTER_MIN_LINES) return false;
    return lines.slice(Math.floor(lines.length * (1 - FOOTER_SHARE))).some((l) => whole.test(norm(l)));
  });
}

/** Lines from a VAT id within which a name counts as printed beside it. */
export const VAT_NEAR_LINES = 4;

/** Whether a name on line (or row) `name` stands beside the VAT id on line `vat`: within VAT_NEAR_LINES either side,
 * the one notion of near for `vat-near`, `vat-other` and the vendor's `over-other-vat` (extract/vendor.ts). Either
 * side: a block prints its name over its street, town and id, a letterhead over the id, but a legal line puts the name
 * after the id ("CIF B86249711 · ACME S.L.") and a customer's block may open with its number and id over its name
 * ("003428 / B03901360" over "GRELUZ S.L."). */
export function nearVatLine(name: number, vat: number): boolean {
  return Math.abs(vat - name) <= VAT_NEAR_LINES;
}

/** `vat-near`: the vendor's name is printed beside the vendor's VAT id (nearVatLine: its issuer block, or the legal
 * line at the foot: "ACME S.L. · CIF B86249711"). The caller passes only a VAT whose check digits hold: a name beside a
 * real tax id is a company that identifies itself as the document's issuer, not a heading, a product or an address
 * line. The id is found on letters and digits, with or without its country prefix ("P.IVA 11463300969" for
 * IT11463300969). */
export function nameNearVat(text: string, name: string, vat: string): boolean {
  const wanted = name.toUpperCase().replace(/\s+/g, ' ').trim();
  if (wanted.length < 3) return false;
  const id = vat.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const keys = [id, /^[A-Z]{2}/.test(id) ? id.slice(2) : '', ...printedVatKeys(id)].filter((k) => k.length >= 8);
  if (!keys.length) return false;
  const lines = text.split(/\n|\f/);
  const vatLines = lines.flatMap((l, i) => (keys.some((k) => l.toUpperCase().replace(/[^A-Z0-9]/g, '').includes(k)) ? [i] : []));
  if (!vatLines.length) return false;
  return lines.some((l, i) => l.toUpperCase().replace(/\s+/g, ' ').includes(wanted) && vatLines.some((v) => nearVatLine(i, v)));
}

/** Dates as printed, read both day-first and month-first (the evidence does not know the document's locale). */
export function datesIn(text: string): DateMatch[] {
  const seen = new Map<string, DateMatch>();
  for (const d of [...findDates(text, 'DMY'), ...findDates(text, 'MDY')]) seen.set(`${d.index}|${d.iso}`, d);
  return [...seen.values()];
}

/** `total-beside-due`: the total is printed on a line with the due date — the bill's payment terms or its payment slip
 * ("Scadenza 17/03/2026  2.252,00 €", "Vencimento 25/01/2024  R$ 4.600,90", a row "Transferencia 30 días 30/12/2025
 * 307,39"): what the customer is asked to pay by that day, which a subtotal, a line's amount or a tax is not. A due
 * date computed from payment terms is printed nowhere, and gives nothing. On the text layers of tune, 14 totals have it,
 * all right; first seen (each document read by the code before it: data/first-seen.json's records, judged with today's
 * truth), 14 of 75 totals have it, all right, where 11 of the 75 were wrong. What it is worth is the table's to say: in
 * a refit on the lead's tune records (2026-12-06) it weighs +0.08 on the text layers and the write policy is unchanged
 * (the text-layer rows have 2 wrong totals to learn from). */
export function totalBesideDue(text: string, total: number, dueIso: string): boolean {
  return amountsByLine(text).some((l) => l.amounts.some((a) => sameAmount(Math.abs(a.value), Math.abs(total))) && datesIn(l.text).some((d) => d.iso === dueIso));
}
