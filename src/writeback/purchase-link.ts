// A vendor bill billed against a purchase order, linked as an accountant does it in Odoo 17 by picking the order on
// the bill: its lines carry purchase_line_id (Odoo then counts them as billed on the order), product, unit and taxes
// of the order line, and invoice_origin names the order. Over RPC the form's onchange does not run, so the lines are
// written as plain invoice_line_ids commands. What the document says stays: its quantities and prices; every way it
// disagrees with the order goes to review. Orders are only read: never created, confirmed or changed here.
import type { LineItem } from '../contract.js';
import { installedApps } from '../odoo/apps.js';
import { writes } from '../pipeline/confidence/policy.js';
import type { CompanyScope } from './company.js';
import type { WriteDecisions } from './decisions.js';
import type { PrepareInput } from './prepare-context.js';
import {
  chooseOpenOrder, docQuantityPrice, netPrice, openQuantity, ORDER_TOTAL_TOLERANCE, pairLines, samePrice, sameVendor,
  type LinePairing,
} from './purchase-match.js';
import { BILLABLE_ORDER_STATES, openOrdersOf, ordersByReference, type PurchaseLine, type PurchaseOrder } from './purchase-orders.js';
import { reason } from './reasons.js';
import { type PurchaseTax, taxesForRate } from './taxes.js';

export interface LinkedOrder {
  order: PurchaseOrder;
  pairing: LinePairing;
  /** How the order was found: the number printed on the bill, or the vendor's open orders by lines or total. */
  by: 'reference' | 'lines' | 'total';
}

export interface BillVendor {
  id: number | null;
  name: string | null;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
const qty = (n: number) => String(Math.round(n * 1000) / 1000);

/** Bills can be linked here: purchase is installed and bill lines have purchase_line_id. */
async function canLink(input: PrepareInput): Promise<boolean> {
  if (!(await installedApps(input.client)).apps.purchase) return false;
  return 'purchase_line_id' in (await input.client.fieldsGet('account.move.line'));
}

/** The bill's item lines: with words and an amount, and not a row that only carries the sum of the rows above it
 * (an "Untaxed Amount" row the table reader took for an item). */
export function usableLines(lines: LineItem[] | undefined, untaxed: number | null = null): LineItem[] {
  const items: LineItem[] = [];
  let sum = 0;
  for (const l of lines ?? []) {
    if (l.description.trim() === '' || (l.amount === null && l.unit_price === null)) continue;
    // after one item only, the row must also be the document's untaxed amount to count as its sum
    const sums = l.amount !== null && items.length > 0 && Math.abs(l.amount - sum) < 0.011
      && (items.length > 1 || (untaxed !== null && Math.abs(l.amount - untaxed) < 0.011));
    const subtotal = l.quantity === null && l.unit_price === null && sums;
    if (subtotal) continue;
    items.push(l);
    sum += l.amount ?? 0;
  }
  return items;
}

/**
 * The order the bill is billed against, or null (said in the note or as a review reason). An order found by its
 * printed number must be the bill's vendor's (when the vendor is known) and confirmed; read unsure, the number
 * must be backed by the vendor or the lines. Without a number, the vendor's open orders are compared line by line.
 */
export async function findPurchaseOrder(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, vendor: BillVendor): Promise<LinkedOrder | null> {
  const docType = input.fields.doc_type.value;
  if (docType === 'credit_note' || !(await canLink(input))) return null;
  const docLines = usableLines(input.result.lines, input.fields.amount_untaxed.value);
  const total = d.confident('amount_total', input.fields.amount_total);
  const field = input.fields.po_number;
  const reference = field.value?.trim() || null;
  if (reference) {
    const found = await ordersByReference(input.client, scope, reference);
    const sure = writes(field, d.threshold); // only a lookup key: never withheld as a value
    if (found.length > 0) {
      const own = vendor.id === null ? found : found.filter((o) => sameVendor(vendor, { id: o.partnerId, name: o.partnerName }));
      if (own.length === 0) {
        if (sure) d.flag(reason('po_vendor_differs', { po: found[0].name, po_vendor: found[0].partnerName ?? '?', vendor: vendor.name ?? `#${vendor.id}` }));
        else d.info(`purchase order ${found[0].name} is of ${found[0].partnerName ?? 'another vendor'}: not linked`);
        return null;
      }
      const order = own.find((o) => BILLABLE_ORDER_STATES.includes(o.state)) ?? own[0];
      if (!BILLABLE_ORDER_STATES.includes(order.state)) {
        d.flag(reason('po_not_confirmed', { po: order.name }));
        return null;
      }
      const pairing = pairLines(docLines, order.lines);
      const backed = sure || vendor.id !== null || pairing.pairs.length * 2 >= Math.max(1, docLines.length);
      if (!backed) {
        d.info(`purchase order ${order.name}: its number was read unsure and nothing else on the bill backs it, not linked`);
        return null;
      }
      return { order, pairing, by: 'reference' };
    }
    if (sure) d.flag(reason('po_not_found', { reference }));
  }
  if (vendor.id === null && docLines.length === 0) return null;
  const choice = chooseOpenOrder(await openOrdersOf(input.client, scope, vendor.id), docLines, total, vendor.id !== null);
  if (choice.kind === 'ambiguous') {
    d.flag(reason('po_ambiguous', { orders: choice.orders.map((o) => o.name).join(', ') }));
    return null;
  }
  return choice.kind === 'matched' ? { order: choice.order, pairing: choice.pairing, by: choice.by } : null;
}

interface BillLine {
  vals: Record<string, unknown>;
  quantity: number;
  price: number;
  discount: number;
  taxIds: number[];
}

/** A bill line for an order line, as Odoo's "pick the order" makes it (purchase.order.line._prepare_account_move_line). */
function orderLine(order: PurchaseOrder, line: PurchaseLine, quantity: number, price: number, discount: number, name: string): BillLine {
  return {
    quantity, price, discount, taxIds: line.taxIds,
    vals: {
      display_type: 'product', name: `${order.name}: ${name}`, product_id: line.productId ?? false, product_uom_id: line.uomId ?? false,
      quantity, price_unit: price, discount, tax_ids: [[6, 0, line.taxIds]], purchase_line_id: line.id,
    },
  };
}

/** The bill's line for a paired document line: the document's quantity and price, the order line's product and taxes. */
function pairedLine(d: WriteDecisions, order: PurchaseOrder, doc: LineItem, line: PurchaseLine): BillLine {
  const read = docQuantityPrice(doc);
  const quantity = read.quantity ?? openQuantity(line);
  const label = line.productName ?? line.name;
  let price = line.priceUnit;
  let discount = line.discount;
  if (read.price !== null && !samePrice(read.price, netPrice(line))) {
    d.flag(reason('po_price_differs', { po: order.name, product: label, price: fmt(read.price), po_price: fmt(netPrice(line)) }));
    price = read.price;
    discount = 0;
  }
  const open = openQuantity(line);
  if (quantity > open + 1e-6) {
    d.flag(reason('po_quantity_exceeds', { po: order.name, product: label, quantity: qty(quantity), open: qty(open), received: qty(line.received), billed: qty(line.billed) }));
  }
  return orderLine(order, line, quantity, price, discount, doc.description.trim() || line.name);
}

/** A document line the order does not have: written as read, with the tax of its rate, and said. */
function unpairedLine(d: WriteDecisions, order: PurchaseOrder, doc: LineItem, taxes: PurchaseTax[]): BillLine {
  const read = docQuantityPrice(doc);
  const quantity = read.quantity ?? 1;
  const price = read.price ?? 0;
  const tax = doc.tax_rate !== null ? taxesForRate(taxes, doc.tax_rate)[0] : undefined;
  d.flag(reason('po_line_not_ordered', { po: order.name, line: doc.description.trim().slice(0, 80) }));
  const taxIds = tax ? [tax.id] : [];
  return { quantity, price, discount: 0, taxIds, vals: { name: doc.description.trim(), quantity, price_unit: price, tax_ids: [[6, 0, taxIds]] } };
}

/** The total Odoo will compute for the lines, or null when one of their taxes is not a plain percentage. */
function computedTotal(lines: BillLine[], taxes: PurchaseTax[]): number | null {
  let total = 0;
  for (const l of lines) {
    const net = Math.round(l.quantity * l.price * (1 - l.discount / 100) * 100) / 100;
    let gross = net;
    for (const id of l.taxIds) {
      const tax = taxes.find((t) => t.id === id);
      if (!tax) return null;
      if (!tax.priceInclude) gross += Math.round(net * tax.rate) / 100;
    }
    total += gross;
  }
  return total;
}

/**
 * The invoice_line_ids commands of a bill linked to `linked.order`. Document lines on the order keep their
 * quantities and prices; a bill read without usable lines takes the order's lines with what is left to bill on
 * them, as Odoo's onchange does (received − billed; ordered − billed, said, when nothing was received yet).
 */
export function orderLineCommands(d: WriteDecisions, linked: LinkedOrder, taxes: PurchaseTax[], docTotal: number | null): unknown[] {
  const { order, pairing } = linked;
  let lines: BillLine[];
  if (pairing.pairs.length > 0) {
    lines = [
      ...pairing.pairs.map((p) => pairedLine(d, order, p.doc, p.line)),
      ...pairing.unpaired.map((doc) => unpairedLine(d, order, doc, taxes)),
    ];
  } else {
    const received = order.lines.filter((l) => l.toBill > 0);
    if (received.length === 0) d.flag(reason('po_not_received', { po: order.name }));
    const source = received.length ? received : order.lines.filter((l) => l.ordered - l.billed > 0);
    lines = source.map((l) => orderLine(order, l, received.length ? openQuantity(l) : l.ordered - l.billed, l.priceUnit, l.discount, l.name));
    if (lines.length === 0) d.flag(reason('po_nothing_to_bill', { po: order.name }));
  }
  const total = computedTotal(lines, taxes);
  if (docTotal !== null && total !== null && Math.abs(total - docTotal) > ORDER_TOTAL_TOLERANCE + 1e-9) {
    d.flag(reason('po_total_differs', { po: order.name, total: fmt(docTotal), po_total: fmt(total) }));
  }
  const linkedCount = lines.filter((l) => 'purchase_line_id' in l.vals).length;
  d.info(`linked to purchase order ${order.name} (${linked.by === 'reference' ? 'its number on the bill' : linked.by === 'lines' ? "the vendor's open order whose lines these are" : "the vendor's open order of this total"}): ${linkedCount} of ${lines.length} line(s) from the order`);
  return lines.map((l) => [0, 0, l.vals]);
}
