// A supplier's delivery note → the purchase order it delivers against and its receipt (stock.picking): found by the
// order number the note cites (our PO's name, or the vendor's own order reference), else by the vendor's open
// orders whose products the note's lines name. One chatter note then says, line by line, what was ordered, what
// the receipt expects and what the note says arrived, with every difference flagged for review. The receipt's done
// quantities are written only when the company asks for it (writeDoneQuantities); nothing is ever validated.
import type { LineItem, ScanResult } from '../../contract.js';
import type { OdooClient } from '../../odoo/types.js';
import { type CompanyScope, companyOnly, companyScope } from '../company.js';
import { matchPartner } from '../partner-match.js';
import { readOne } from '../prepare-context.js';
import type { PreparedValues, WorkTarget, WritePolicy } from '../types.js';
import { m2oId, m2oName, x2manyIds } from '../values.js';
import { sourceLabel } from '../words.js';
import { noteHead, noteItems, noteReasons, noteTable, type NoteRow } from './note.js';
import { orderOf } from './order-info.js';
import { matchProducts, type ProductMatch } from './products.js';

type Row = Record<string, unknown>;

const PO_FIELDS = ['id', 'name', 'partner_id', 'partner_ref', 'state', 'picking_ids', 'company_id'];
const PICKING_FIELDS = ['id', 'name', 'state', 'partner_id', 'purchase_id', 'origin', 'picking_type_code', 'company_id'];
const OPEN_PO_STATES = ['purchase', 'done'];
/** A vendor's open order stands for the note when at least this share of the note's products are on it. */
const LINES_MATCH_SHARE = 0.5;
const QTY_TOLERANCE = 1e-6;

export interface DeliveryMatch {
  order: Row | null;
  /** how the order was found: 'number' (our PO's name), 'vendor-reference', 'receipt' (the receipt uploaded to),
   * 'vendor-lines' (the vendor's open order holding the note's products) */
  method: string | null;
  receipt: Row | null;
}

async function ordersByNumber(client: OdooClient, scope: CompanyScope, number: string): Promise<{ rows: Row[]; method: string }> {
  const byName = await client.searchRead('purchase.order', [['name', '=ilike', number], ...companyOnly(scope)], { fields: PO_FIELDS, limit: 5, context: scope.context });
  if (byName.length) return { rows: byName, method: 'number' };
  const byRef = await client.searchRead('purchase.order', [['partner_ref', '=ilike', number], ['state', '!=', 'cancel'], ...companyOnly(scope)], { fields: PO_FIELDS, limit: 5, context: scope.context });
  return { rows: byRef, method: 'vendor-reference' };
}

/** The vendor's confirmed orders not yet fully received that hold most of the note's products: the one best. */
async function orderByVendorLines(client: OdooClient, scope: CompanyScope, vendorId: number, productIds: number[]): Promise<Row[]> {
  if (!productIds.length) return [];
  const lines = await client.searchRead('purchase.order.line', [
    ['partner_id', '=', vendorId], ['product_id', 'in', productIds], ['state', 'in', OPEN_PO_STATES], ...companyOnly(scope),
  ], { fields: ['order_id', 'product_id', 'product_qty', 'qty_received'], limit: 500, context: scope.context });
  const score = new Map<number, Set<number>>();
  for (const l of lines) {
    if (Number(l.qty_received) >= Number(l.product_qty)) continue; // already received in full
    const order = m2oId(l.order_id);
    const product = m2oId(l.product_id);
    if (order && product) score.set(order, (score.get(order) ?? new Set()).add(product));
  }
  const ranked = [...score.entries()].map(([id, p]) => ({ id, share: p.size / productIds.length })).sort((a, b) => b.share - a.share || b.id - a.id);
  const [best, second] = ranked;
  if (!best || best.share < LINES_MATCH_SHARE || (second && second.share === best.share)) return [];
  return client.searchRead('purchase.order', [['id', '=', best.id]], { fields: PO_FIELDS, limit: 1, context: scope.context });
}

/** The receipt to compare with: the one uploaded to, else the order's first receipt not done or cancelled (else its last). */
async function receiptOf(client: OdooClient, scope: CompanyScope, order: Row): Promise<Row | null> {
  const ids = x2manyIds(order.picking_ids);
  if (!ids.length) return null;
  const pickings = await client.searchRead('stock.picking', [['id', 'in', ids], ['picking_type_code', '=', 'incoming']], { fields: PICKING_FIELDS, order: 'id asc', context: scope.context });
  return pickings.find((p) => !['done', 'cancel'].includes(String(p.state))) ?? pickings[pickings.length - 1] ?? null;
}

interface Compared {
  rows: NoteRow[];
  reasons: string[];
  moveQuantities: Array<{ move_id: number; quantity: number }>;
}

/** Line by line: the order's lines and the receipt's moves against the note's lines (by product). */
async function compare(client: OdooClient, scope: CompanyScope, order: Row, receipt: Row | null, lines: LineItem[], matches: ProductMatch[]): Promise<Compared> {
  const poLines = await client.searchRead('purchase.order.line', [['order_id', '=', order.id as number], ['display_type', '=', false]], {
    fields: ['product_id', 'name', 'product_qty', 'qty_received'], limit: 500, context: scope.context,
  });
  const moves = receipt
    ? await client.searchRead('stock.move', [['picking_id', '=', receipt.id as number], ['state', '!=', 'cancel']], {
      fields: ['id', 'product_id', 'product_uom_qty', 'quantity', 'state'], limit: 500, context: scope.context,
    })
    : [];
  const rows: NoteRow[] = [];
  const reasons: string[] = [];
  const moveQuantities: Compared['moveQuantities'] = [];
  const delivered = new Map<number, number>();
  lines.forEach((l, i) => {
    const p = matches[i].productId;
    if (p !== null) delivered.set(p, (delivered.get(p) ?? 0) + (l.quantity ?? 0));
  });
  const ordered = new Map<number, number>();
  for (const l of poLines) {
    const p = m2oId(l.product_id);
    if (p) ordered.set(p, (ordered.get(p) ?? 0) + Number(l.product_qty));
  }
  const expected = new Map<number, { qty: number; moveId: number }>();
  for (const m of moves) {
    const p = m2oId(m.product_id);
    if (p && !expected.has(p)) expected.set(p, { qty: Number(m.product_uom_qty), moveId: m.id as number });
  }
  const seen = new Set<number>();
  lines.forEach((l, i) => {
    const match = matches[i];
    const p = match.productId;
    const label = p !== null ? match.productName : [l.product_code && `[${l.product_code}]`, l.description].filter(Boolean).join(' ');
    if (p === null) {
      rows.push({ cells: [label, null, null, l.quantity, match.problem ?? 'product not found'], flagged: true });
      reasons.push(`delivered line not matched to a product: ${label}`);
      return;
    }
    if (seen.has(p)) return; // a product on two lines of the note: compared once, on its total
    seen.add(p);
    const got = delivered.get(p) ?? 0;
    const onOrder = ordered.get(p) ?? null;
    const onReceipt = expected.get(p)?.qty ?? null;
    const compareTo = onReceipt ?? onOrder;
    let status = 'as expected';
    if (onOrder === null) status = 'not on the order';
    else if (compareTo !== null && got > compareTo + QTY_TOLERANCE) status = `more than expected (+${round(got - compareTo)})`;
    else if (compareTo !== null && got < compareTo - QTY_TOLERANCE) status = `less than expected (−${round(compareTo - got)})`;
    const flagged = status !== 'as expected';
    if (flagged) reasons.push(`${match.productName}: ${status}`);
    rows.push({ cells: [label, onOrder, onReceipt, got, status], flagged });
    const move = expected.get(p);
    if (move) moveQuantities.push({ move_id: move.moveId, quantity: got });
  });
  for (const [p, qty] of (receipt ? expected : new Map([...ordered].map(([k, v]) => [k, { qty: v, moveId: 0 }])))) {
    if (seen.has(p)) continue;
    const name = m2oName(moves.find((m) => m2oId(m.product_id) === p)?.product_id) ?? m2oName(poLines.find((l) => m2oId(l.product_id) === p)?.product_id) ?? `#${p}`;
    rows.push({ cells: [name, ordered.get(p) ?? null, receipt ? qty.qty : null, 0, 'not on the delivery note'], flagged: true });
    reasons.push(`${name}: expected but not on the delivery note`);
  }
  return { rows, reasons, moveQuantities };
}

async function ownCompanyPartners(client: OdooClient, scope: CompanyScope): Promise<number[]> {
  const companies = await client.searchRead('res.company', scope.companyId ? [['id', '=', scope.companyId]] : [], { fields: ['partner_id'], limit: 20, context: scope.context });
  return companies.map((c) => m2oId(c.partner_id)).filter((id): id is number => id !== null);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export async function prepareDelivery(client: OdooClient, target: WorkTarget, result: ScanResult, policy: WritePolicy): Promise<PreparedValues> {
  const order = orderOf(result);
  const number = order.number.value;
  const lines = (result.lines ?? []).filter((l) => l.description || l.product_code || l.barcode);
  const reasons: string[] = [];
  const uploadedTo = target.resModel === 'stock.picking' && target.resId
    ? await readOne(client, 'stock.picking', target.resId, PICKING_FIELDS, target.companyId ? companyScope(target.companyId).context : {})
    : null;
  if (target.resModel === 'stock.picking' && !uploadedTo) reasons.push(`stock.picking ${target.resId} no longer exists`);
  const scope = companyScope(target.companyId ?? m2oId(uploadedTo?.company_id));
  const f = result.fields;
  const found0 = await matchPartner(client, scope, { name: f?.vendor_name.value ?? null, vat: f?.vendor_vat.value ?? null, text: null });
  // a letterhead read as our own company's (a slip printed here, a forwarded copy) says nothing of the supplier
  const vendor = found0.partnerId !== null && (await ownCompanyPartners(client, scope)).includes(found0.partnerId) ? { ...found0, partnerId: null, partnerName: null } : found0;
  const vendorId = vendor.partnerId ?? m2oId(uploadedTo?.partner_id);
  const matches = await matchProducts(client, scope, lines, { purpose: 'purchase', vendorId });

  const found: DeliveryMatch = { order: null, method: null, receipt: uploadedTo };
  const receiptOrder = m2oId(uploadedTo?.purchase_id);
  if (number) {
    const { rows, method } = await ordersByNumber(client, scope, number);
    if (rows.length === 1) Object.assign(found, { order: rows[0], method });
    else if (rows.length > 1) reasons.push(`order number ${number} matches several purchase orders: ${rows.map((r) => r.name).join(', ')}`);
  }
  if (!found.order && receiptOrder) {
    const rows = await client.searchRead('purchase.order', [['id', '=', receiptOrder]], { fields: PO_FIELDS, limit: 1, context: scope.context });
    if (rows[0]) Object.assign(found, { order: rows[0], method: 'receipt' });
  }
  if (!found.order && vendorId) {
    const rows = await orderByVendorLines(client, scope, vendorId, [...new Set(matches.map((m) => m.productId).filter((id): id is number => id !== null))]);
    if (rows[0]) Object.assign(found, { order: rows[0], method: 'vendor-lines' });
  }
  if (found.order && receiptOrder && found.order.id !== receiptOrder) {
    reasons.push(`the delivery note cites ${String(found.order.name)}, but this receipt belongs to ${m2oName(uploadedTo?.purchase_id) ?? `#${receiptOrder}`}`);
  }
  if (found.order && !found.receipt) found.receipt = await receiptOf(client, scope, found.order);
  if (!found.order) reasons.push(number ? `no purchase order found for order number ${number}` : 'no order number read and no open order of the vendor holds these products');
  if (found.order && vendorId && m2oId(found.order.partner_id) !== vendorId && vendor.partnerId !== null) {
    reasons.push(`the order's vendor is ${m2oName(found.order.partner_id)}, the delivery note's ${vendor.partnerName}`);
  }
  if (found.order && !found.receipt) reasons.push(`${String(found.order.name)} has no receipt to compare with`);
  if (!lines.length) reasons.push('no delivered lines read');

  const compared = found.order ? await compare(client, scope, found.order, found.receipt, lines, matches) : { rows: [], reasons: [], moveQuantities: [] };
  reasons.push(...compared.reasons);
  const receiptOpen = found.receipt && !['done', 'cancel'].includes(String(found.receipt.state));
  const writeDone = Boolean(policy.writeDoneQuantities && receiptOpen && compared.moveQuantities.length);
  // where the note goes: the receipt uploaded to; an inbox document is filed on the receipt found (none found: it
  // stays in the inbox, for review)
  const attachTo = target.resModel === 'ir.attachment' && found.receipt ? { res_model: 'stock.picking', res_id: found.receipt.id as number } : null;
  const action = writeDone ? 'done quantities written on the receipt (not validated)' : 'compared with the order; nothing written';
  const note = noteHead(`Delivery note${order.delivery_number.value ? ` ${order.delivery_number.value}` : ''}`, action, result.source ? sourceLabel(result.source) : null) +
    noteItems([
      ['Supplier', vendor.partnerId !== null ? vendor.partnerName : (f?.vendor_name.value ?? null)],
      ['Order number on the note', number],
      ['Purchase order', found.order ? `${String(found.order.name)} (found by ${found.method})` : 'not found'],
      ['Receipt', found.receipt ? String(found.receipt.name) : null],
    ]) +
    (compared.rows.length ? noteTable(['Product', 'Ordered', 'Expected on the receipt', 'Delivered (note)', 'Check'], compared.rows) : '') +
    noteReasons(reasons);
  const matchedShare = lines.length ? matches.filter((m) => m.productId !== null).length / lines.length : 0;
  return {
    write: {}, create_move: null, note, needs_review: reasons.length > 0, review_reasons: reasons,
    ...(attachTo ? { attach_to: attachTo } : {}),
    ...(writeDone ? { move_quantities: compared.moveQuantities } : {}),
    doc_type: result.fields?.doc_type.value ?? null,
    confidence: found.order ? Math.round(matchedShare * 100) / 100 : 0,
    duration_ms: result.timings_ms?.total ?? 0,
  };
}

