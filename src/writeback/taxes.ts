// Purchase taxes of a company, matched by rate. Only plain percentage taxes qualify: group, fixed and division
// taxes cannot be chosen from a document's rate alone.
import type { OdooClient } from '../odoo/types.js';
import { type CompanyScope, companyOnly } from './company.js';

export interface PurchaseTax {
  id: number;
  name: string;
  rate: number; // percent
  priceInclude: boolean;
}

const RATE_EPSILON = 0.001;

export async function loadPurchaseTaxes(client: OdooClient, scope: CompanyScope): Promise<PurchaseTax[]> {
  const rows = await client.searchRead(
    'account.tax',
    [['type_tax_use', '=', 'purchase'], ['amount_type', '=', 'percent'], ...companyOnly(scope)],
    { fields: ['id', 'name', 'amount', 'price_include'], order: 'sequence, id', limit: 500, context: scope.context },
  );
  return rows
    .filter((r) => typeof r.amount === 'number')
    .map((r) => ({
      id: r.id as number,
      name: typeof r.name === 'string' ? r.name : `#${String(r.id)}`,
      rate: r.amount as number,
      priceInclude: r.price_include === true,
    }));
}

/** Taxes with this rate, tax-excluded ones first (a document's net amounts map onto them directly). */
export function taxesForRate(taxes: PurchaseTax[], rate: number): PurchaseTax[] {
  const same = taxes.filter((t) => Math.abs(t.rate - rate) < RATE_EPSILON);
  return [...same.filter((t) => !t.priceInclude), ...same.filter((t) => t.priceInclude)];
}
