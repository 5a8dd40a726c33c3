// A customer's order (their purchase order) → a draft quotation (sale.order): the customer by VAT then name,
// client_order_ref = the order's number, each line on the product its code (then its description) names, with the
// quantity and price as read; a line no product answers for is kept as a note line. Never confirmed. A quotation
// uploaded to is filled only while it is a draft without lines; an inbox document gets a new quotation whose
// `origin` is the document's key, so a retry finds that quotation instead of creating a second one.
import type { LineItem, OrderInfo, ScanResult } from '../../contract.js';
import type { OdooClient } from '../../odoo/types.js';
import { companyScope } from '../company.js';
import { matchPartner } from '../partner-match.js';
import { readOne } from '../prepare-context.js';
import { isWritableState } from '../rules.js';
import type { PreparedValues, WorkTarget } from '../types.js';
import { m2oId, m2oName, stringOrNull, x2manyIds } from '../values.js';
import { sourceLabel } from '../words.js';
import { noteHead, noteItems, noteReasons, noteTable, type NoteRow } from './note.js';
import { matchProducts, type ProductMatch } from './products.js';
import { orderOf } from './order-info.js';

const ORDER_FIELDS = ['state', 'partner_id', 'client_order_ref', 'order_line', 'company_id', 'origin'];

/** The key an inbox document's quotation carries (sale.order.origin): how a retry recognises it. */
export function quotationKey(attachmentId: number): string {
  return `OCR attachment ${attachmentId}`;
}

function lineCommand(line: LineItem, match: ProductMatch): unknown[] {
  if (match.productId !== null) {
    // the product's own name, as Odoo writes it for a line entered by hand (the field is required over RPC)
    const vals: Record<string, unknown> = { product_id: match.productId, name: match.productName ?? line.description, product_uom_qty: line.quantity ?? 1 };
    if (line.unit_price !== null) vals.price_unit = line.unit_price;
    return [0, 0, vals];
  }
  // kept for a person: everything the document says of the line
  const parts = [line.product_code ? `[${line.product_code}]` : null, line.description || null, line.quantity !== null ? `× ${line.quantity}` : null, line.unit_price !== null ? `@ ${line.unit_price}` : null];
  return [0, 0, { display_type: 'line_note', name: `Not matched: ${parts.filter(Boolean).join(' ')}` }];
}

function methodWords(m: ProductMatch): string {
  if (m.productId === null) return m.problem ?? 'not matched: kept as a note line';
  return `${m.productName} (by ${m.method === 'similar-name' ? 'similar description' : m.method})`;
}

export async function prepareQuotation(client: OdooClient, target: WorkTarget, result: ScanResult): Promise<PreparedValues> {
  const order: OrderInfo = orderOf(result);
  const lines = (result.lines ?? []).filter((l) => l.description || l.product_code || l.barcode);
  const reasons: string[] = [];
  const existing = target.resModel === 'sale.order' && target.resId
    ? await readOne(client, 'sale.order', target.resId, ORDER_FIELDS, target.companyId ? companyScope(target.companyId).context : {})
    : null;
  if (target.resModel === 'sale.order' && !existing) reasons.push(`sale.order ${target.resId} no longer exists: nothing written`);
  const scope = companyScope(target.companyId ?? m2oId(existing?.company_id));

  const customer = await matchPartner(client, scope, { name: order.buyer_name.value, vat: order.buyer_vat.value, text: null });
  if (customer.partnerId === null) {
    const what = [order.buyer_name.value, order.buyer_vat.value && `VAT ${order.buyer_vat.value}`].filter(Boolean).join(', ');
    reasons.push(customer.problem ? customer.problem.replace(/^vendor/, 'customer') : `customer not found${what ? `: ${what}` : ' (no name or VAT read)'}`);
  }
  const matches = await matchProducts(client, scope, lines, { purpose: 'sale' });
  const unmatched = matches.filter((m) => m.productId === null).length;
  if (unmatched) reasons.push(`${unmatched} of ${lines.length} lines not matched to a product: kept as note lines`);
  const similar = matches.filter((m) => m.method === 'similar-name').length;
  if (similar) reasons.push(`${similar} lines matched by a similar description only: check the products`);
  if (lines.some((l) => l.quantity === null)) reasons.push('a line without a quantity read: 1 was entered');
  if (!lines.length) reasons.push('no order lines read');
  const number = order.number.value;
  if (!number) reasons.push('no order number read: customer reference left empty');

  const orderLines = lines.map((l, i) => lineCommand(l, matches[i]));
  const vals: Record<string, unknown> = {};
  let action: string;
  let createOrder: Record<string, unknown> | null = null;
  if (existing) {
    if (!isWritableState('sale.order', existing.state)) {
      action = 'the quotation is no longer a draft: nothing written';
      reasons.push(action);
    } else {
      const current = m2oId(existing.partner_id);
      if (customer.partnerId !== null && current !== customer.partnerId) {
        reasons.push(`the document's customer ${customer.partnerName} is not the quotation's ${m2oName(existing.partner_id) ?? `#${current}`}: customer left as entered`);
      }
      if (number && !stringOrNull(existing.client_order_ref)) vals.client_order_ref = number;
      else if (number && stringOrNull(existing.client_order_ref) !== number) reasons.push(`customer reference left as entered (${String(existing.client_order_ref)}); the document says ${number}`);
      if (x2manyIds(existing.order_line).length === 0) vals.order_line = orderLines;
      else if (orderLines.length) reasons.push('the quotation already has lines: the document\'s lines were not added');
      action = vals.order_line ? 'the quotation is filled (not confirmed)' : 'nothing added to the quotation';
    }
  } else if (target.resModel === 'ir.attachment' && customer.partnerId !== null) {
    createOrder = {
      partner_id: customer.partnerId,
      ...(number ? { client_order_ref: number } : {}),
      origin: quotationKey(target.attachmentId),
      order_line: orderLines,
      ...(scope.companyId ? { company_id: scope.companyId } : {}),
    };
    action = 'a draft quotation is created (not confirmed)';
  } else {
    action = 'no quotation created (no customer)';
  }
  if (number && customer.partnerId !== null) {
    const same = await client.searchRead<{ id: number; name: string }>('sale.order', [
      ['partner_id', '=', customer.partnerId], ['client_order_ref', '=', number], ['state', '!=', 'cancel'],
      ...(existing ? [['id', '!=', target.resId] as [string, string, unknown]] : []),
      ['origin', '!=', quotationKey(target.attachmentId)],
    ], { fields: ['id', 'name'], limit: 5, context: scope.context });
    if (same.length) reasons.push(`possible duplicate: ${same.map((s) => s.name).join(', ')} already carry customer reference ${number}`);
  }

  const rows: NoteRow[] = lines.map((l, i) => ({
    cells: [l.product_code ?? l.barcode ?? null, l.description, l.quantity, l.unit_price, methodWords(matches[i])],
    flagged: matches[i].productId === null || matches[i].method === 'similar-name',
  }));
  const note = noteHead(`Customer order${number ? ` ${number}` : ''}`, action, result.source ? sourceLabel(result.source) : null) +
    noteItems([['Customer', customer.partnerId !== null ? `${customer.partnerName} (by ${customer.method})` : order.buyer_name.value], ['Customer reference', number]]) +
    (rows.length ? noteTable(['Code', 'Description', 'Quantity', 'Unit price', 'Product'], rows) : '') +
    noteReasons(reasons);
  // the job's figure: the share of lines on a product, none without a customer
  const confidence = customer.partnerId === null || !lines.length ? 0 : Math.round(((lines.length - unmatched - similar) / lines.length) * 100) / 100;
  return {
    write: vals, create_move: null, ...(createOrder ? { create_order: createOrder } : {}), note, needs_review: reasons.length > 0, review_reasons: reasons,
    doc_type: result.fields?.doc_type.value ?? null, confidence, duration_ms: result.timings_ms?.total ?? 0,
  };
}
