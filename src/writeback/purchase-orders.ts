// The purchase orders a vendor bill may be billed against, as lookups (lookups.ts): by the order number printed on
// the bill (Odoo's name, e.g. P00042, or the vendor's own reference, partner_ref), or the vendor's confirmed orders
// that still have something to bill. The lookup plan sends the same queries ahead in one batch.
import type { Domain, OdooClient } from '../odoo/types.js';
import { type CompanyScope, companyOnly } from './company.js';
import { type LookupQuery, searchLookup, UNPLACED, withIds } from './lookups.js';
import { m2oId, m2oName, type OdooRecord } from './values.js';

/** Orders a bill may be linked to: confirmed (purchase) or locked (done). RFQs are never billed, nor confirmed here. */
export const BILLABLE_ORDER_STATES = ['purchase', 'done'];
/** Billing statuses of an order a bill may still be for: something received to bill, or nothing received yet (a
 * bill may come before the goods); the same two Odoo's own bill-to-order matching searches. */
const OPEN_BILLING = ['to invoice', 'no'];

const ORDER_FIELDS = ['id', 'name', 'partner_ref', 'partner_id', 'state', 'invoice_status', 'currency_id', 'amount_total', 'amount_untaxed'];
const LINE_FIELDS = [
  'id', 'order_id', 'name', 'product_id', 'product_uom', 'product_qty', 'qty_received', 'qty_invoiced', 'qty_to_invoice',
  'price_unit', 'discount', 'taxes_id', 'price_subtotal', 'price_total', 'display_type',
];

export interface PurchaseOrder {
  id: number;
  name: string;
  partnerRef: string | null;
  partnerId: number | null;
  partnerName: string | null;
  state: string;
  invoiceStatus: string | null;
  currency: string | null;
  amountTotal: number;
  lines: PurchaseLine[];
}

export interface PurchaseLine {
  id: number;
  orderId: number;
  name: string;
  productId: number | null;
  /** The product's display name, "[FURN_7777] Office Chair" when it has an internal reference. */
  productName: string | null;
  uomId: number | null;
  ordered: number;
  received: number;
  billed: number;
  /** What Odoo would put on a bill made from the order: received (or ordered, by the product's policy) − billed. */
  toBill: number;
  priceUnit: number;
  discount: number;
  taxIds: number[];
  priceSubtotal: number;
  priceTotal: number;
}

/** The order number as printed and the forms Odoo may hold it in (spaces dropped: "P 00042" → "P00042"; a
 * zero-padded number without its padding). */
export function referenceForms(reference: string): string[] {
  const trimmed = reference.trim();
  const compact = trimmed.replace(/\s+/g, '');
  // a number some systems print zero-padded to a fixed width: "00000001023456789" is order 1023456789
  const unpadded = /^0+\d/.test(compact) && /^\d+$/.test(compact) ? compact.replace(/^0+/, '') : compact;
  return [...new Set([trimmed, compact, unpadded].filter((r) => r.length >= 3))];
}

/** Orders of the company whose number or vendor reference is the one read (any state: an RFQ is said, not linked). */
export function ordersByReferenceQuery(scope: CompanyScope, reference: string): LookupQuery | null {
  const forms = referenceForms(reference);
  if (forms.length === 0) return null;
  const terms: Array<[string, string, unknown]> = forms.flatMap((r): Array<[string, string, unknown]> => [['name', '=ilike', r], ['partner_ref', '=ilike', r]]);
  const anyTerm: Domain = [...terms.slice(1).map(() => '|'), ...terms];
  return { model: 'purchase.order', domain: [...anyTerm, ...companyOnly(scope)], opts: { fields: ORDER_FIELDS, limit: 10, order: 'id desc', context: scope.context } };
}

/** The vendor's confirmed orders not fully billed (`from`: the vendor's id, e.g. from a VAT search). */
export function openOrdersQuery(scope: CompanyScope, vendor: { query: number; field: string }): LookupQuery {
  return {
    model: 'purchase.order',
    domain: [['state', 'in', BILLABLE_ORDER_STATES], ['invoice_status', 'in', OPEN_BILLING], ...companyOnly(scope)],
    opts: { fields: ORDER_FIELDS, limit: 50, order: 'id desc', context: scope.context },
    from: { ...vendor, as: 'partner_id' },
  };
}

/** Every confirmed order of the company not fully billed: for a bill whose vendor was not found,
 * whose lines may still name its order. */
export function anyOpenOrdersQuery(scope: CompanyScope): LookupQuery {
  return {
    model: 'purchase.order',
    domain: [['state', 'in', BILLABLE_ORDER_STATES], ['invoice_status', 'in', OPEN_BILLING], ...companyOnly(scope)],
    opts: { fields: ORDER_FIELDS, limit: 100, order: 'id desc', context: scope.context },
  };
}

/** The product lines of orders (`from`: their ids). */
export function orderLinesQuery(scope: CompanyScope, orders: number): LookupQuery {
  return {
    model: 'purchase.order.line',
    domain: [['display_type', '=', false]],
    opts: { fields: LINE_FIELDS, limit: 500, order: 'order_id, sequence, id', context: scope.context },
    from: { query: orders, field: 'id', as: 'order_id' },
  };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

function lineOf(row: OdooRecord): PurchaseLine {
  return {
    id: row.id as number, orderId: m2oId(row.order_id) ?? 0, name: text(row.name) ?? '',
    productId: m2oId(row.product_id), productName: m2oName(row.product_id), uomId: m2oId(row.product_uom),
    ordered: num(row.product_qty), received: num(row.qty_received), billed: num(row.qty_invoiced), toBill: num(row.qty_to_invoice),
    priceUnit: num(row.price_unit), discount: num(row.discount),
    taxIds: Array.isArray(row.taxes_id) ? row.taxes_id.filter((t): t is number => typeof t === 'number') : [],
    priceSubtotal: num(row.price_subtotal), priceTotal: num(row.price_total),
  };
}

function orderOf(row: OdooRecord, lines: PurchaseLine[]): PurchaseOrder {
  return {
    id: row.id as number, name: text(row.name) ?? `#${String(row.id)}`, partnerRef: text(row.partner_ref),
    partnerId: m2oId(row.partner_id), partnerName: m2oName(row.partner_id), state: String(row.state),
    invoiceStatus: text(row.invoice_status), currency: m2oName(row.currency_id), amountTotal: num(row.amount_total),
    lines: lines.filter((l) => l.orderId === row.id),
  };
}

/** Runs an orders query and its lines query; orders in the query's order, each with its product lines. */
async function ordersWithLines(client: OdooClient, scope: CompanyScope, orders: LookupQuery | null): Promise<PurchaseOrder[]> {
  if (!orders) return [];
  const rows = await searchLookup(client, orders);
  if (rows.length === 0) return [];
  const linesQuery = withIds(orderLinesQuery(scope, UNPLACED), rows.map((r) => r.id as number));
  const lines = linesQuery ? (await searchLookup(client, linesQuery)).map(lineOf) : [];
  return rows.map((r) => orderOf(r, lines));
}

export function ordersByReference(client: OdooClient, scope: CompanyScope, reference: string): Promise<PurchaseOrder[]> {
  return ordersWithLines(client, scope, ordersByReferenceQuery(scope, reference));
}

/** The vendor's open orders, or every open order when the vendor is not known. */
export function openOrdersOf(client: OdooClient, scope: CompanyScope, partnerId: number | null): Promise<PurchaseOrder[]> {
  const query = partnerId === null ? anyOpenOrdersQuery(scope) : withIds(openOrdersQuery(scope, { query: UNPLACED, field: 'id' }), [partnerId]);
  return ordersWithLines(client, scope, query);
}
