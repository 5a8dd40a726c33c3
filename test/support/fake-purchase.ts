// Purchase behaviour of Odoo 17 that the fake needs for bills billed against orders: orders with their lines, and
// each line's billed quantity counted from the bill lines that carry its purchase_line_id (purchase.order.line
// _compute_qty_invoiced), with what is left to bill (received − billed) and the order's billing status.
import type { FakeOdoo } from './fake-odoo/index.js';

export interface OrderLineSpec {
  product: number;
  qty: number;
  price: number;
  received?: number;
  taxes?: number[];
  discount?: number;
  name?: string;
}

export interface OrderSpec {
  partner: number;
  name?: string;
  partnerRef?: string;
  state?: 'draft' | 'sent' | 'purchase' | 'done' | 'cancel';
  company?: number;
  /** res.currency id (default 1, the fake's USD) */
  currency?: number;
  lines: OrderLineSpec[];
}

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** Products with internal references, as the demo's "[FURN_7777] Office Chair". */
export function seedProducts(fake: FakeOdoo, products: Array<{ code: string | null; name: string }>): number[] {
  return products.map((p) => {
    const [template] = fake.seed('product.template', [{ name: p.name }]);
    return fake.seed('product.product', [{ name: p.code ? `[${p.code}] ${p.name}` : p.name, default_code: p.code || false, product_tmpl_id: template }])[0]!;
  });
}

/** The receipt operation type orders of a database with stock need. */
function receiptType(fake: FakeOdoo): number | false {
  if (!fake.hasModel('stock.picking.type')) return false;
  const [found] = fake.records('stock.picking.type');
  return found ? (found.id as number) : fake.seed('stock.picking.type', [{ name: 'Receipts', code: 'incoming', sequence_code: 'IN' }])[0]!;
}

export function seedOrder(fake: FakeOdoo, spec: OrderSpec): { orderId: number; lineIds: number[] } {
  const taxRates = new Map(fake.records('account.tax').map((t) => [t.id as number, t.amount as number]));
  const [orderId] = fake.seed('purchase.order', [{
    name: spec.name ?? `P${String(fake.records('purchase.order').length + 1).padStart(5, '0')}`, partner_id: spec.partner,
    partner_ref: spec.partnerRef ?? false, state: spec.state ?? 'purchase', company_id: spec.company ?? 1, currency_id: spec.currency ?? 1,
    date_order: '2024-04-02 09:00:00', ...('picking_type_id' in fake.fieldsOf('purchase.order') ? { picking_type_id: receiptType(fake) } : {}),
  }]);
  const products = new Map(fake.records('product.product').map((p) => [p.id as number, p.name as string]));
  const lineIds = fake.seed('purchase.order.line', spec.lines.map((l) => {
    const subtotal = round2(l.qty * l.price * (1 - (l.discount ?? 0) / 100));
    const tax = (l.taxes ?? []).reduce((s, id) => s + round2((subtotal * (taxRates.get(id) ?? 0)) / 100), 0);
    return {
      order_id: orderId, product_id: l.product, name: l.name ?? products.get(l.product) ?? 'Product', product_qty: l.qty,
      qty_received: l.received ?? 0, price_unit: l.price, discount: l.discount ?? 0, taxes_id: [[6, 0, l.taxes ?? []]],
      price_subtotal: subtotal, price_total: round2(subtotal + tax), product_uom: 1, display_type: false,
    };
  }));
  recountBilled(fake);
  return { orderId: orderId!, lineIds };
}

/** Billed quantities, open quantities and billing status from the bill lines linked to each order line. */
export function recountBilled(fake: FakeOdoo): void {
  const moves = new Map(fake.records('account.move').map((m) => [m.id as number, m]));
  const billed = new Map<number, number>();
  for (const l of fake.records('account.move.line')) {
    const pl = l.purchase_line_id as number | false;
    const move = moves.get(l.move_id as number);
    if (!pl || !move || move.state === 'cancel') continue;
    billed.set(pl, (billed.get(pl) ?? 0) + ((l.quantity as number) ?? 0) * (move.move_type === 'in_refund' ? -1 : 1));
  }
  for (const line of fake.records('purchase.order.line')) {
    const invoiced = billed.get(line.id as number) ?? 0;
    const toBill = (line.qty_received as number) - invoiced;
    if (line.qty_invoiced !== invoiced || line.qty_to_invoice !== toBill) fake.write('purchase.order.line', [line.id as number], { qty_invoiced: invoiced, qty_to_invoice: toBill }, 1);
  }
  for (const order of fake.records('purchase.order')) {
    const lines = fake.records('purchase.order.line').filter((l) => l.order_id === order.id);
    const status = !['purchase', 'done'].includes(order.state as string) ? 'no'
      : lines.some((l) => (l.qty_to_invoice as number) > 0) ? 'to invoice'
        : lines.every((l) => (l.qty_invoiced as number) >= (l.product_qty as number)) ? 'invoiced' : 'no';
    if (order.invoice_status !== status) fake.write('purchase.order', [order.id as number], { invoice_status: status }, 1);
  }
}

/** Keeps the counts current as bills are created and written (Odoo recomputes them in the same transaction). */
export function trackBilling(fake: FakeOdoo): void {
  fake.registerCompute('account.move', (_row, f) => { recountBilled(f); });
}
