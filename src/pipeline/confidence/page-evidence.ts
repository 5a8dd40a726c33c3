// Evidence read off the whole page rather than off the value's own line: whether the total is the largest amount
// printed, whether a printed tax amount and another printed amount make up the total, whether the vendor's name is
// the one in the page's e-mail or web domain, and whether it carries a legal form. Each says something about the
// rules' pick that the rules themselves did not use; what it is worth is fitted (data/calibration.json).
import { type AmountMatch, dominantDecimalSeparator, findAmounts, sameAmount } from '../extract/numbers.js';

/** Lines that print what was paid or handed back, not what is owed: a cash line may exceed the total. */
const PAYMENT_LINE = /\b(cash|tunai|tender(?:ed)?|change|baki|card|visa|master\s?card|amex|debit|credit|paid|payment|bayar|received|bezahlt|gegeben|r[üu]ckgeld|bar\b|esp[eè]ces|rendu|contanti|resto|efectivo|cambio|troco|dinheiro|wisselgeld|contant|pin\b|saldo|balance|previous|vorher|prec[ée]dent)/i;
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
  return lines.every((l) => PAYMENT_LINE.test(l.text) || SHARE_CAPITAL_LINE.test(l.text) || l.amounts.every((a) => Math.abs(a.value) <= Math.abs(total) + 0.005));
}

/** `tax-split-ok`: an amount printed on a tax line plus another printed amount (the base) equals the total — the
 * receipt's GST summary or the invoice's tax block confirms it even when the rules read no untaxed amount. */
export function taxSplitAddsUp(text: string, total: number): boolean {
  if (total <= 0) return false;
  const lines = amountsByLine(text);
  const all = lines.flatMap((l) => l.amounts.map((a) => a.value)).filter((v) => v > 0 && !sameAmount(v, total));
  const taxes = lines.filter((l) => TAX_LINE.test(l.text)).flatMap((l) => l.amounts.map((a) => a.value)).filter((v) => v > 0 && v < total);
  return taxes.some((x) => all.some((u) => u !== x && sameAmount(u + x, total)));
}

const LEGAL_FORM = /(?<![\p{L}])(gmbh|ag|kg|ohg|ug|e\.\s?k|sarl|s\.?à\s?r\.?l|sas|sasu|eurl|srl|s\.r\.l|spa|s\.p\.a|sl|slu|s\.l|lda|ltda|ltd|limited|llc|inc|corp|plc|bv|b\.v|nv|n\.v|sdn\.?\s?bhd|bhd|berhad|pvt|oy|ab|aps|as|a\/s|s\.?r\.?o|sp\.?\s?z\s?o\.?\s?o|sa|s\.a)\.?(?![\p{L}])/iu;

const LEGAL_FORM_GLOBAL = new RegExp(LEGAL_FORM.source, 'giu');

/** `legal-form`: the name carries a company's legal form (GmbH, SRL, Ltd, Sdn Bhd, B.V.): it is a company's name,
 * not a heading, a product line or a person's address line. */
export function hasLegalForm(name: string): boolean {
  return LEGAL_FORM.test(name);
}

const GENERIC_WORDS = new Set([
  'company', 'services', 'service', 'group', 'store', 'shop', 'trading', 'enterprise', 'enterprises', 'restaurant',
  'international', 'invoice', 'mail', 'info', 'online', 'solutions', 'systems', 'gmbh', 'limited', 'berhad', 'the',
  'and', 'und', 'bhd', 'sdn', 'www', 'http', 'https', 'email',
]);

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

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

/** Lines either side of the vendor's VAT id within which its name counts as printed beside it. */
export const VAT_NEAR_LINES = 4;

/** `vat-near`: the vendor's name is printed within VAT_NEAR_LINES lines of the vendor's VAT id (its issuer block, or
 * the legal line at the foot: "ACME S.L. · CIF B86249711"). The caller passes only a VAT whose check digits hold: a
 * name beside a real tax id is a company that identifies itself as the document's issuer, not a heading, a product
 * or an address line. The id is found on letters and digits, with or without its country prefix ("P.IVA
 * 11463300969" for IT11463300969). */
export function nameNearVat(text: string, name: string, vat: string): boolean {
  const wanted = name.toUpperCase().replace(/\s+/g, ' ').trim();
  if (wanted.length < 3) return false;
  const id = vat.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const keys = [id, /^[A-Z]{2}/.test(id) ? id.slice(2) : ''].filter((k) => k.length >= 8);
  if (!keys.length) return false;
  const lines = text.split(/\n|\f/);
  const vatLines = lines.flatMap((l, i) => (keys.some((k) => l.toUpperCase().replace(/[^A-Z0-9]/g, '').includes(k)) ? [i] : []));
  if (!vatLines.length) return false;
  return lines.some((l, i) => l.toUpperCase().replace(/\s+/g, ' ').includes(wanted) && vatLines.some((v) => Math.abs(v - i) <= VAT_NEAR_LINES));
}
