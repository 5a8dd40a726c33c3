// Currency by ISO code. Inactive currencies are reported, never activated: activating one is an accounting
// decision (rates, journals), not something a scanned document should trigger.
import type { OdooClient } from '../odoo/types.js';
import type { CompanyScope } from './company.js';

export type CurrencyLookup =
  | { status: 'active'; id: number; code: string }
  | { status: 'inactive'; code: string }
  | { status: 'unknown'; code: string };

export async function findCurrency(client: OdooClient, scope: CompanyScope, isoCode: string): Promise<CurrencyLookup> {
  const code = isoCode.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return { status: 'unknown', code };
  // Naming `active` in the domain turns Odoo's implicit active filter off, so inactive ones are found too.
  const rows = await client.searchRead('res.currency', [['name', '=', code], ['active', 'in', [true, false]]], {
    fields: ['id', 'name', 'active'], limit: 1, context: scope.context,
  });
  const row = rows[0];
  if (!row) return { status: 'unknown', code };
  return row.active === false ? { status: 'inactive', code } : { status: 'active', id: row.id as number, code };
}
