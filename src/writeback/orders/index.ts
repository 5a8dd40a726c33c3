// Order-type documents in the write-back: where a customer's order or a supplier's delivery note goes. A document
// uploaded to a quotation or a receipt is that kind of document, whatever its title; one in the inbox goes by its
// type, when the app it needs is installed (else it stays on the bill path, as before).
import type { ScanResult } from '../../contract.js';
import { installedApps } from '../../odoo/apps.js';
import type { OdooClient } from '../../odoo/types.js';
import { companyOnly, companyScope } from '../company.js';
import type { PreparedValues, WorkTarget, WritePolicy } from '../types.js';
import { prepareDelivery } from './delivery.js';
import { prepareQuotation } from './quotation.js';

export { quotationKey } from './quotation.js';

export type OrderRoute = 'quotation' | 'delivery';

export async function orderRoute(client: OdooClient, target: WorkTarget, result: ScanResult): Promise<OrderRoute | null> {
  if (target.resModel === 'sale.order') return 'quotation';
  if (target.resModel === 'stock.picking') return 'delivery';
  if (target.resModel !== 'ir.attachment' || result.error || !result.fields) return null;
  // an order-type document, or one the classifier could not name (left as 'other', or taken for an untitled till
  // slip) whose order block (title and number) was read
  const classified = result.fields.doc_type.value;
  const other = classified !== 'purchase_order' && classified !== 'delivery_note' && result.order?.number.value ? result.order : null;
  const type = other ? other.kind : result.fields.doc_type.value;
  const { apps } = await installedApps(client);
  // an untitled document that cites one of our purchase orders (a supplier's slip: "Order: P00011") and is neither
  // a bill nor an order: what arrived against that order
  if (other && !other.kind && apps.purchase && apps.stock) return (await citesOurOrder(client, target, other.number.value!)) ? 'delivery' : null;
  if (type !== 'purchase_order' && type !== 'delivery_note') return null;
  if (type === 'purchase_order' && apps.sale) return 'quotation';
  if (type === 'delivery_note' && apps.purchase && apps.stock) return 'delivery';
  return null;
}

async function citesOurOrder(client: OdooClient, target: WorkTarget, number: string): Promise<boolean> {
  const scope = companyScope(target.companyId);
  const found = await client.searchRead('purchase.order', [['name', '=ilike', number], ['state', 'in', ['purchase', 'done']], ...companyOnly(scope)], { fields: ['id'], limit: 1, context: scope.context });
  return found.length > 0;
}

export function prepareOrderWriteBack(route: OrderRoute, client: OdooClient, target: WorkTarget, result: ScanResult, policy: WritePolicy): Promise<PreparedValues> {
  return route === 'quotation' ? prepareQuotation(client, target, result) : prepareDelivery(client, target, result, policy);
}

/** What a document uploaded to this model is known to be (the scanner then reads its order and lines). */
export function expectedDocType(resModel: string): 'purchase_order' | 'delivery_note' | null {
  return resModel === 'sale.order' ? 'purchase_order' : resModel === 'stock.picking' ? 'delivery_note' : null;
}
