// Currency by ISO code. An inactive currency is activated only when the company said so (addon setting "OCR
// activates currencies" / ACTIVATE_CURRENCIES, default off): activating one is an accounting decision (rates,
// journals). Otherwise the amounts are not written and the note says how to fix it.
import type { Domain, OdooClient } from '../odoo/types.js';
import type { CompanyScope } from './company.js';
import type { WriteDecisions } from './decisions.js';
import { type LookupQuery, searchLookup } from './lookups.js';

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

/** Languages people write business documents in, per country (ISO 3166 → ISO 639-1), for the countries whose
 * companies this worker is likely to serve. A country not listed tells nothing. */
const COUNTRY_LANGUAGES: Record<string, readonly string[]> = {
  US: ['en', 'es'], GB: ['en'], IE: ['en'], CA: ['en', 'fr'], AU: ['en'], NZ: ['en'], IN: ['en', 'hi'], MY: ['en', 'ms', 'zh'],
  SG: ['en', 'zh', 'ms'], ZA: ['en', 'af'], DE: ['de'], AT: ['de'], CH: ['de', 'fr', 'it'], LI: ['de'], FR: ['fr'],
  BE: ['nl', 'fr', 'de'], LU: ['fr', 'de'], NL: ['nl'], IT: ['it'], ES: ['es', 'ca'], PT: ['pt'], BR: ['pt'], MX: ['es'],
  AR: ['es'], CL: ['es'], CO: ['es'], PE: ['es'], EC: ['es'], PL: ['pl'], CZ: ['cs'], DK: ['da'], SE: ['sv'], NO: ['no', 'nb'],
  FI: ['fi', 'sv'],
};

/** Whether a document in `language` is plausibly from a company in `country`: null when either is unknown. */
export function languageFitsCountry(language: string | null | undefined, country: string | null | undefined): boolean | null {
  const spoken = country ? COUNTRY_LANGUAGES[country.toUpperCase()] : undefined;
  if (!language || !spoken) return null;
  return spoken.includes(language.toLowerCase().slice(0, 2));
}

/** Legal forms that name a vendor's country (distinctive ones only: "S.A." or "Ltd" are everywhere). */
const LEGAL_FORMS: [RegExp, readonly string[]][] = [
  [/\bSDN\.?\s*BHD\b/i, ['MY']],
  [/\bPTE\.?\s*LTD\b/i, ['SG']],
  [/\bGmbH\b/, ['DE', 'AT', 'CH', 'LI']],
  [/\bB\.V\.(?=\s|$)/, ['NL', 'BE']],
  [/\bS\.?A\.?R\.?L\.?(?=\s|$)/, ['FR', 'BE', 'LU', 'CH']],
  [/\bS\.R\.L\.(?=\s|$)/, ['IT', 'RO', 'BE', 'AR']],
  [/\bLda\.?(?=\s|$)/, ['PT']],
];

/** The countries the document's legal forms point to; empty when none is printed. */
export function legalFormCountries(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(LEGAL_FORMS.filter(([re]) => re.test(text)).flatMap(([, countries]) => countries))];
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

/** The rule for a document whose currency was not read with confidence: its amounts are in the record's currency
 * (the company's) only when nothing on it speaks against that — a foreign currency read, even uncertainly, a
 * language not spoken in the company's country (a German invoice in a US company is not in dollars), or only
 * foreign legal forms printed (a Malaysian "SDN BHD" receipt in a US company). Returns false after flagging why the
 * amounts are not written. */
export async function unstatedCurrencyIsOurs(
  client: OdooClient, scope: CompanyScope, d: WriteDecisions, read: string | null, doc: { language?: string | null; text?: string | null },
  ownCode: string | null, what: string,
): Promise<boolean> {
  const amounts = what === 'bill' ? 'amounts' : 'amount';
  if (read && ownCode && read.toUpperCase() !== ownCode.toUpperCase()) {
    d.flag(`currency ${read} uncertain and different from the ${what}'s ${ownCode}: ${amounts} not written`);
    return false;
  }
  const country = await companyCountry(client, scope);
  if (!country) return true;
  const forms = legalFormCountries(doc.text);
  if (forms.length && !forms.includes(country)) {
    d.flag(`currency ${read ? `${read} uncertain` : 'not stated'} on a document whose vendor's legal form is from ${forms.join('/')} while the company is in ${country}: ${amounts} not written (check the currency)`);
    return false;
  }
  if (read) return true; // read, uncertainly, as our own currency
  if (languageFitsCountry(doc.language, country) === false) {
    d.flag(`currency not stated on a document in ${doc.language} while the company is in ${country}: ${amounts} not written (check the currency)`);
    return false;
  }
  return true;
}
