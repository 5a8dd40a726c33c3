// Withholding on a vendor bill (Italian ritenuta d'acconto), as an Italian accountant books it in Odoo: the Italian
// localisation's withholding taxes (l10n_it_edi_withholding: purchase taxes with a negative rate and a withholding
// type RT01–RT06) on the lines subject to it, so the bill's total is what the vendor is paid and the withheld amount
// sits on the withholding account. An Odoo without such taxes gets the invoice's total before withholding, and the
// note says what to pay the vendor and what to the tax authority: never a total that is neither.
import type { LineItem, PayableAmounts, WithholdingTax } from '../contract.js';
import type { OdooClient } from '../odoo/types.js';
import { roundMoney } from '../pipeline/rounding.js';
import type { PlannedLine } from './bill-lines.js';
import { type CompanyScope, companyOnly } from './company.js';
import { sameAmount } from './values.js';

export interface WithholdingTaxRecord {
  id: number;
  name: string;
  rate: number; // percent, negative
  type: string | null;
  reason: string | null;
}

const TYPE_FIELD = 'l10n_it_withholding_type';
const REASON_FIELD = 'l10n_it_withholding_reason';

/** The company's purchase withholding taxes; null when this Odoo has no withholding taxes at all (the Italian
 * localisation's withholding module is not installed). */
export async function loadWithholdingTaxes(client: OdooClient, scope: CompanyScope): Promise<WithholdingTaxRecord[] | null> {
  const defs = await client.fieldsGet('account.tax');
  if (!(TYPE_FIELD in defs)) return null;
  const fields = ['id', 'name', 'amount', TYPE_FIELD, ...(REASON_FIELD in defs ? [REASON_FIELD] : [])];
  const rows = await client.searchRead(
    'account.tax',
    [['type_tax_use', '=', 'purchase'], ['amount_type', '=', 'percent'], [TYPE_FIELD, '!=', false], ...companyOnly(scope)],
    { fields, order: 'sequence, id', limit: 200, context: scope.context },
  );
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return rows.filter((r) => typeof r.amount === 'number').map((r) => ({
    id: r.id as number, name: text(r.name) ?? `#${String(r.id)}`, rate: r.amount as number, type: text(r[TYPE_FIELD]), reason: text(r[REASON_FIELD]),
  }));
}

export interface WithholdingPlacement {
  /** per planned line (same index), the withholding taxes to add to its taxes */
  taxIdsByLine: number[][];
  placed: { withholding: WithholdingTax; tax: WithholdingTaxRecord }[];
  missing: WithholdingTax[];
}

/** A line that is a pension fund contribution not itself subject to withholding (its amount and VAT rate). */
function isUnwithheldContribution(item: LineItem | undefined, payable: PayableAmounts): boolean {
  if (!item) return false;
  return payable.pension_funds.some((f) => !f.withholding && item.amount !== null && sameAmount(item.amount, f.amount, 0.001) && item.tax_rate === f.tax_rate);
}

/**
 * Which planned lines each withholding applies to, and with which of the company's withholding taxes: the lines the
 * document marks (Ritenuta SI), else every line but unwithheld pension fund contributions (files that mark none),
 * and a tax of the document's type (and reason, when the tax has one) whose rate on those lines gives the
 * document's withheld amount to the cent. `items` are the document lines behind an itemised plan (same order).
 */
export function placeWithholding(lines: PlannedLine[], items: (LineItem | undefined)[], payable: PayableAmounts, taxes: WithholdingTaxRecord[]): WithholdingPlacement {
  const taxIdsByLine = lines.map((): number[] => []);
  const placed: WithholdingPlacement['placed'] = [];
  const missing: WithholdingTax[] = [];
  const marked = lines.map((_, i) => items[i]?.withholding === true);
  const subject = marked.some(Boolean) ? marked : lines.map((_, i) => !isUnwithheldContribution(items[i], payable));
  const base = lines.reduce((s, l, i) => (subject[i] ? s + roundMoney(l.quantity * l.priceUnit) : s), 0);
  for (const w of payable.withholding) {
    const fits = taxes.filter((t) => (w.type === null || t.type === w.type) && (t.reason === null || w.reason === null || t.reason === w.reason) &&
      sameAmount(roundMoney((base * -t.rate) / 100), w.amount, 0.01));
    // the document's own rate first: another rate fits only a reduced base (agents' commissions)
    const tax = fits.find((t) => w.rate !== null && sameAmount(-t.rate, w.rate, 0.001)) ?? fits[0];
    if (!tax) {
      missing.push(w);
      continue;
    }
    placed.push({ withholding: w, tax });
    lines.forEach((_, i) => { if (subject[i]) taxIdsByLine[i]!.push(tax.id); });
  }
  return { taxIdsByLine, placed, missing };
}

const money = (n: number) => n.toFixed(2);

export function describeWithholding(w: WithholdingTax): string {
  return [w.type, w.rate !== null ? `${Number(w.rate.toFixed(2))} %` : null, money(w.amount)].filter(Boolean).join(' ');
}

/** What the note says when withholding is not booked: what the bill's total is, and whom to pay what. */
export function withholdingNotBooked(payable: PayableAmounts, missing: WithholdingTax[], why: string): string {
  const withheld = roundMoney(missing.reduce((s, w) => s + w.amount, 0));
  return `withholding tax ${missing.map(describeWithholding).join(', ')} not booked: ${why}; the bill's total ` +
    `${money(payable.total_before_withholding)} is before withholding: pay the vendor ${money(roundMoney(payable.total_before_withholding - payable.withholding_total))} ` +
    `and the ${money(withheld)} withheld to the tax authority`;
}
