// Accounting behaviour of Odoo that the fake needs for vendor bills: purchase taxes, and a bill's totals computed
// from its lines as Odoo computes them (round per line), so a test checks what Odoo would show, not the
// write-back's own arithmetic. Shared by the write-back tests and the worker's end-to-end tests.
import type { FakeOdoo } from './fake-odoo/index.js';

export interface TaxSpec {
  rate: number;
  company?: number;
  priceInclude?: boolean;
  use?: 'purchase' | 'sale';
  type?: 'percent' | 'fixed' | 'group';
  sequence?: number;
}

export function seedTaxes(fake: FakeOdoo, specs: TaxSpec[]): number[] {
  return fake.seed('account.tax', specs.map((s, i) => ({
    name: `${s.rate}%${s.priceInclude ? ' incl.' : ''} ${s.use ?? 'purchase'} c${s.company ?? 1}`,
    amount: s.rate, amount_type: s.type ?? 'percent', type_tax_use: s.use ?? 'purchase',
    price_include: s.priceInclude ?? false, company_id: s.company ?? 1, sequence: s.sequence ?? 10 + i,
  })));
}

function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** Makes the fake compute a bill's totals from its lines and taxes as Odoo does (round per line), so a test can
 * check that what was written adds up in Odoo, not only in the write-back's own arithmetic. */
export function computeMoveTotals(fake: FakeOdoo): void {
  fake.registerCompute('account.move', (row, f) => {
    const lines = f.records('account.move.line').filter((l) => l.move_id === row.id);
    if (lines.length === 0) return;
    const taxes = new Map(f.records('account.tax').map((t) => [t.id as number, t]));
    let untaxed = 0;
    let tax = 0;
    for (const line of lines) {
      const gross = round2((line.quantity as number) * (line.price_unit as number));
      let net = gross;
      for (const id of (line.tax_ids as number[]) ?? []) {
        const t = taxes.get(id)!;
        if (t.price_include) net = round2(gross / (1 + (t.amount as number) / 100));
      }
      for (const id of (line.tax_ids as number[]) ?? []) tax += round2((net * ((taxes.get(id)!.amount as number))) / 100);
      untaxed += net;
    }
    return { amount_untaxed: round2(untaxed), amount_tax: round2(tax), amount_total: round2(untaxed + tax) };
  });
}
