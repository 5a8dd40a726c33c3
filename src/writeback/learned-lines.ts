// The accounts, taxes and products an accountant chose on a vendor's posted bills (the vendor memory,
// ScanMemory.accounting), used on the lines of that vendor's next bill as the accountant chose them — only when the
// bill is filled with that very partner, only what still exists and is usable in the bill's company, and a learned
// tax set only when the lines still add up to the document's total with it (the write policy's cross-check).
import type { LearnedAccounting } from '../contract.js';
import type { OdooClient } from '../odoo/types.js';
import { computeTotal, type LinePlan, totalTolerance } from './bill-lines.js';
import { roundMoney } from '../pipeline/rounding.js';
import type { CompanyScope } from './company.js';
import type { PurchaseTax } from './taxes.js';
import { sameAmount } from './values.js';

export interface LineDefaults {
  /** extra values of every line: account_id, product_id */
  values: Record<string, number>;
  /** the learned tax set replaced the plan's taxes */
  plan: LinePlan;
  /** what the note says about it; null when nothing was learned for this vendor */
  info: string | null;
}

export async function learnedLineDefaults(
  client: OdooClient, scope: CompanyScope, learned: LearnedAccounting | undefined, partnerId: number | null,
  plan: LinePlan, taxes: PurchaseTax[], total: number,
): Promise<LineDefaults> {
  const none: LineDefaults = { values: {}, plan, info: null };
  if (!learned || partnerId === null || learned.partner_id !== partnerId) return none;
  const values: Record<string, number> = {};
  const used: string[] = [];
  if (learned.account_id !== null && (await usable(client, scope, 'account.account', learned.account_id))) {
    values.account_id = learned.account_id;
    used.push('account');
  }
  if (learned.product_id !== null && (await usable(client, scope, 'product.product', learned.product_id))) {
    values.product_id = learned.product_id;
    used.push('product');
  }
  const withTaxes = learned.tax_ids === null ? null : planWithTaxes(plan, learned.tax_ids, taxes, total);
  if (withTaxes) used.push('taxes');
  if (!used.length) return none;
  return { values, plan: withTaxes ?? plan, info: `${used.join(', ')} as on the vendor's posted bills` };
}

/** The plan with the learned tax set on every line, if each of its taxes is a usable purchase tax of the company
 * (at most one per line, as the plan computes) and the lines still add up to the document's total. */
function planWithTaxes(plan: LinePlan, taxIds: number[], taxes: PurchaseTax[], total: number): LinePlan | null {
  if (taxIds.length > 1) return null;
  const tax = taxIds.length ? taxes.find((t) => t.id === taxIds[0]) ?? null : null;
  if (taxIds.length && !tax) return null;
  const lines = splitByLearnedTax(plan, tax, total) ?? plan.lines.map((l) => ({ ...l, tax }));
  const computedTotal = computeTotal(lines);
  if (!sameAmount(computedTotal, total, totalTolerance(lines.length))) return null;
  if (lines.every((l, i) => l.tax?.id === plan.lines[i]!.tax?.id)) return null; // nothing changes
  return { ...plan, lines, computedTotal, problem: null };
}

/** One line holding the whole total because the document's untaxed amount and tax were not read surely enough (the
 * plan's problem says so; not a split that was read but fits no company tax, `splitRead`): the vendor's learned tax
 * splits it — the net amount that, with the tax, gives the total to the cent (118.65 at 13 % is 105.00 + 13.65), as
 * the accountant booked this vendor's bills. */
function splitByLearnedTax(plan: LinePlan, tax: PurchaseTax | null, total: number): LinePlan['lines'] | null {
  const [line] = plan.lines;
  if (!tax || plan.shape !== 'single' || plan.splitRead || plan.lines.length !== 1 || plan.problem === null || line!.tax !== null || !sameAmount(line!.priceUnit, total, 0.001)) return null;
  const priceUnit = tax.priceInclude ? total : roundMoney(total / (1 + tax.rate / 100));
  const lines = [{ ...line!, quantity: 1, priceUnit, tax }];
  // exactly: a net amount derived from the total that misses it by a cent is a split the document does not print
  return sameAmount(computeTotal(lines), total, 0.001) ? lines : null;
}

/** The record exists, is active (an account not deprecated) and visible in the bill's company. */
async function usable(client: OdooClient, scope: CompanyScope, model: 'account.account' | 'product.product', id: number): Promise<boolean> {
  const fields = await client.fieldsGet(model);
  const domain: [string, string, unknown][] = [['id', '=', id]];
  if (model === 'account.account' && 'deprecated' in fields) domain.push(['deprecated', '=', false]);
  const rows = await client.searchRead(model, domain, { fields: ['id'], limit: 1, context: scope.context });
  return rows.length === 1;
}
