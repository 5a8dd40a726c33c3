// Currency by ISO code. An inactive currency is activated only when the company said so (addon setting "OCR
// activates currencies" / ACTIVATE_CURRENCIES, default off): activating one is an accounting decision (rates,
// journals). Otherwise the amounts are not written and the note says how to fix it.
import type { Field } from '../contract.js';
import type { Domain, OdooClient } from '../odoo/types.js';
import { writes } from '../pipeline/confidence/policy.js';
import type { CompanyScope } from './company.js';
import type { WriteDecisions } from './decisions.js';
import { cluesCurrency, countryClues, weighClues } from '../pipeline/confidence/country-clues.js';
import { namesCurrency, printsCurrency } from '../pipeline/extract/currency.js';
import { SIGNS_NOT_WRITTEN } from '../pipeline/ocr/engines.js';
import { identifyingVat } from './vendor-create.js';
import { type LookupQuery, searchLookup } from './lookups.js';

/** What the currency rules below record as they decide: the write-back's WriteDecisions, or scan's offline collector
 * (offlineAmountsHold). */
export type CurrencyNotes = Pick<WriteDecisions, 'threshold' | 'confident' | 'confirmed' | 'info' | 'flag'>;

export type CurrencyLookup =
  | { status: 'active'; id: number; code: string }
  | { status: 'inactive'; id: number; code: string }
  | { status: 'unknown'; code: string };

/** The currency with this ISO code, active or not; null for what cannot be an ISO code. */
export function currencyQuery(scope: CompanyScope, isoCode: string): LookupQuery | null {
  const code = isoCode.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return null;
  // Naming `active` in the domain turns Odoo's implicit active filter off, so inactive ones are found too.
  return { model: 'res.currency', domain: [['name', '=', code], ['active', 'in', [true, false]]], opts: { fields: ['id', 'name', 'active'], limit: 1, context: scope.context } };
}

export async function findCurrency(client: OdooClient, scope: CompanyScope, isoCode: string): Promise<CurrencyLookup> {
  const code = isoCode.trim().toUpperCase();
  const query = currencyQuery(scope, code);
  if (!query) return { status: 'unknown', code };
  const rows = await searchLookup(client, query);
  const row = rows[0];
  if (!row) return { status: 'unknown', code };
  return { status: row.active === false ? 'inactive' : 'active', id: row.id as number, code };
}

export const ACTIVATE_HINT = 'activate it in Accounting > Configuration > Currencies, or let OCR do it (Settings > OCR ' +
  '"Activate currencies" with the addon, ACTIVATE_CURRENCIES=true without), then re-run OCR';

/** The id of the document's currency when amounts may be written in it (an inactive one is planned for activation
 * if allowed); null after flagging why not. */
export async function usableCurrency(client: OdooClient, scope: CompanyScope, code: string, d: WriteDecisions, activate: boolean): Promise<number | null> {
  const found = await findCurrency(client, scope, code);
  if (found.status === 'active') return found.id;
  if (found.status === 'inactive' && activate) {
    if (!d.activateCurrencyIds.includes(found.id)) d.activateCurrencyIds.push(found.id);
    d.info(`currency ${code} was not active in Odoo: activated`);
    return found.id;
  }
  d.flag(found.status === 'inactive'
    ? `currency ${code} is not active in Odoo: amounts not written; ${ACTIVATE_HINT}`
    : `currency ${code} is unknown in Odoo: amounts not written`);
  return null;
}

/** The country code of the record's company (or the user's first one, when the record names none); null when not
 * set. res.company.country_code comes with the account module. */
export function companyCountryQuery(scope: CompanyScope): LookupQuery {
  const domain: Domain = scope.companyId ? [['id', '=', scope.companyId]] : [];
  return { model: 'res.company', domain, opts: { fields: ['country_code'], limit: 1, context: scope.context } };
}

export async function companyCountry(client: OdooClient, scope: CompanyScope): Promise<string | null> {
  const [company] = await searchLookup<Record<string, unknown>>(client, companyCountryQuery(scope));
  return typeof company?.country_code === 'string' && company.country_code ? company.country_code : null;
}

/** The currency the document's amounts are in as far as the document itself says: read with confidence, or read
 * uncertainly and confirmed by where the document is from, or printed nowhere and given by its country
 * (corroboratedCurrency); `code` null when it says too little (`shown`: what it showed, for the rules that follow). */
export function documentCurrency(d: CurrencyNotes, field: Field<string> | undefined, doc: UnprintedDocument): { shown: string | null; code: string | null } {
  const shown = shownCurrency(field, d.threshold);
  return { shown, code: d.confident('currency', field) ?? corroboratedCurrency(d, shown, doc) };
}

/** scan's mirror of the write-back's currency rule for a company whose country (and currency) it is told
 * (--company-country, --company-currency): the reasons the worker would hold the amounts back, none when it would
 * write them — the same functions, documentCurrency then unstatedCurrencyFits. What only Odoo knows (an inactive
 * currency, a purchase order's) is not judged. */
export function amountsHeldOffline(
  doc: UnprintedDocument & { fields?: { currency?: Field<string> } }, threshold: number, company: { country: string; currency: string | null }, what: 'bill' | 'expense',
): string[] {
  const held: string[] = [];
  const notes: CurrencyNotes = {
    threshold,
    confident: <T>(_name: string, field: Field<T> | undefined): T | null => (field && writes(field, threshold) ? field.value ?? null : null),
    confirmed: () => {},
    info: () => {},
    flag: (reason) => { if (typeof reason === 'string') held.push(reason); },
  };
  const { shown, code } = documentCurrency(notes, doc.fields?.currency, doc);
  if (code === null) unstatedCurrencyFits(notes, company.country.toUpperCase(), shown, doc, company.currency, what);
  return held;
}

/** The currency a document shows, for the rules below: a currency the extraction inferred from where the document
 * is from (evidence `currency-inferred`: an engine without € or £ read no mark of one,
 * ../pipeline/extract/currency-inferred.ts) is no reading of its own — it comes from the same clues these rules
 * weigh, so it counts as not stated unless the calibration made it sure enough to write. */
export function shownCurrency(field: Field<string> | undefined, threshold: number): string | null {
  if (!field?.value) return null;
  return inferredCurrency(field) && !writes(field, threshold) ? null : field.value;
}

/** Whether the document's currency was inferred, not read (see shownCurrency). */
export function inferredCurrency(field: Field<string> | undefined): boolean {
  return !!field?.evidence?.includes('currency-inferred');
}

/** The rule for a document whose currency was not read with confidence: its amounts are in the record's currency
 * (the company's) only on positive evidence that the document comes from the company's country — a clue on it that
 * fits that country (country or state name, phone prefix, postcode shape, tax word, VAT id, the vendor's address;
 * ../pipeline/confidence/country-clues.ts) and none that does not (a foreign legal form, a language not written there, a foreign
 * currency read even uncertainly). Without such evidence a receipt whose legal form OCR garbled would be booked in
 * the wrong currency. Returns false after flagging why the amounts are not written. */
export async function unstatedCurrencyIsOurs(
  client: OdooClient, scope: CompanyScope, d: WriteDecisions, read: string | null, doc: Parameters<typeof weighClues>[0],
  ownCode: string | null, what: string,
): Promise<boolean> {
  const differs = !!read && !!ownCode && read.toUpperCase() !== ownCode.toUpperCase();
  return unstatedCurrencyFits(d, differs ? null : await companyCountry(client, scope), read, doc, ownCode, what);
}

/** unstatedCurrencyIsOurs with the company's country known (scan's --company-country, or asked of Odoo). */
export function unstatedCurrencyFits(
  d: CurrencyNotes, country: string | null, read: string | null, doc: Parameters<typeof weighClues>[0], ownCode: string | null, what: string,
): boolean {
  const amounts = what === 'bill' ? 'amounts' : 'amount';
  if (read && ownCode && read.toUpperCase() !== ownCode.toUpperCase()) {
    d.flag(`currency ${read} uncertain and different from the ${what}'s ${ownCode}: ${amounts} not written`);
    return false;
  }
  const currency = read ? `${read} uncertain` : 'not stated';
  if (!country) {
    d.flag(`currency ${currency} and the company has no country in Odoo to compare the document's with: ${amounts} not written (check the currency; set the company's country)`);
    return false;
  }
  const clues = weighClues(doc, country);
  if (clues.against.length) {
    const named = clues.against.map((c) => `${c.clue}: ${c.countries.join('/') || 'elsewhere'}`).join('; ');
    d.flag(`currency ${currency} on a document that points outside ${country}, the company's country (${named}): ${amounts} not written (check the currency)`);
    return false;
  }
  if (!clues.for.length) {
    d.flag(`currency ${currency} and nothing read on the document (address, phone, tax id, country name) places it in ${country}, the company's country: ${amounts} not written (check the currency)`);
    return false;
  }
  return true;
}

/** The currency read without confidence when what the document says of its country confirms it: the read code and
 * the one currency all its country clues allow are the same (a Malaysian receipt's "RM" read at 0.52 beside its
 * state, postcode and GST; a German till slip's "EUR" beside its postcode and MwSt). Two independent readings that
 * agree are positive evidence; anything less keeps the amounts back. A currency read from no mark beside an amount or
 * a currency label — a stray token, as Rome's province code "(RM)" in an Italian address read as ringgit — is no
 * printed currency: the document is then taken as one that prints none (unprintedCurrency). Says so in the note. */
export function corroboratedCurrency(d: CurrencyNotes, read: string | null, doc: UnprintedDocument): string | null {
  if (!read) return unprintedCurrency(d, doc, null);
  const clues = countryClues(doc);
  if (cluesCurrency(clues) === read.toUpperCase()) {
    d.confirmed('currency');
    d.info(`currency ${read} read uncertainly, confirmed by where the document is from (${clues.map((c) => c.clue).join('; ')})`);
    return read.toUpperCase();
  }
  return markedNowhere(doc, read) ? unprintedCurrency(d, doc, read) : null;
}

/** The signs some engine cannot write: their stand-ins ("1.000,00 E", "416,00 ∈") count as marks of a currency
 * whichever engine read the text, so a currency is taken as printed whenever it may have been. */
const STAND_INS = [...new Set(Object.values(SIGNS_NOT_WRITTEN).flat())];

/** Whether the text shows no mark of any currency beside an amount or a currency label (extract/currency.ts
 * printsCurrency, the extractor's own test) and does not name the read currency in letters anywhere (namesCurrency:
 * its code in any case, "all prices in USD", or a word of it, "All amounts in Euro", states a currency with no amount
 * beside it): whatever currency was read came from stray tokens. */
function markedNowhere(doc: UnprintedDocument, read: string): boolean {
  if (doc.fields?.currency?.evidence?.includes('code-printed')) return false;
  const text = doc.text ?? '';
  return !!text.trim() && !printsCurrency(text, { signsNotWritten: STAND_INS }) && !namesCurrency(text, read.toUpperCase());
}

type UnprintedDocument = Parameters<typeof countryClues>[0];

/** Least clues, all allowing one currency, that stand for a currency printed nowhere. */
export const UNPRINTED_CURRENCY_CLUES = 2;

/** The currency of a document that prints none at all (no code, no symbol read beside an amount), when what it says
 * of its country allows exactly one: a Malaysian receipt with its state and "GST" but no "RM" is in ringgit, not in
 * the company's dollars. At least two clues, every one allowing that currency and one naming it alone
 * (cluesCurrency); or the issuer's VAT id alone, when it is the one that says who the vendor is (identifyingVat:
 * the vendor's, written by the policy, its check digits valid — what creates the vendor names its country as surely
 * as two clues), every other clue allowing the same. A document that prints a currency beside an amount, even one
 * read uncertainly, is never overruled by its country. Says so in the note. */
function unprintedCurrency(d: CurrencyNotes, doc: UnprintedDocument, read: string | null): string | null {
  const clues = countryClues(doc);
  const code = cluesCurrencyForUnprinted(clues, identifiedVendor(doc, d.threshold));
  if (!code) return null;
  d.confirmed('currency');
  const stray = read ? `currency ${read} read from no mark beside an amount; ` : '';
  d.info(`${stray}currency not printed: ${code}, the one currency of where the document is from (${clues.map((c) => c.clue).join('; ')})`);
  return code;
}

/** Whether the document's VAT id says who its issuer is (identifyingVat at the threshold; without one, as the scan
 * wrote it; this database's companies are not asked: their own VAT would place the document at home, as their
 * country does). */
function identifiedVendor(doc: UnprintedDocument, threshold: number | null): boolean {
  const vat = doc.fields?.vendor_vat;
  if (!vat) return false;
  if (threshold === null) return vat.write === true && identifyingVat(vat, 0, []) !== null;
  return identifyingVat(vat, threshold, []) !== null;
}

/** The currency a document that prints none is taken to be in, from its country clues (null: none). Also what the
 * lookup plan prefetches (with the scan's own write decisions). */
export function unprintedCurrencyCode(doc: UnprintedDocument): string | null {
  return cluesCurrencyForUnprinted(countryClues(doc), identifiedVendor(doc, null));
}

function cluesCurrencyForUnprinted(clues: ReturnType<typeof countryClues>, vatSaysWho: boolean): string | null {
  // (a VAT id that says who the vendor is has a country: countryClues names it among the clues)
  return clues.length >= UNPRINTED_CURRENCY_CLUES || vatSaysWho ? cluesCurrency(clues) : null;
}
