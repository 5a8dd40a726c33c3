// Currency by ISO code. An inactive currency is activated only when the company said so (addon setting "OCR
// activates currencies" / ACTIVATE_CURRENCIES, default off): activating one is an accounting decision (rates,
// journals). Otherwise the amounts are not written and the note says how to fix it.
import type { OdooClient } from '../odoo/types.js';
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
