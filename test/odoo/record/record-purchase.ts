// Records the RPC exchanges of purchase-order matching from a real Odoo 17 with purchase, stock and sale (a copy of
// tmpl17ps after scripts/po-bills.ts setup, with a worker user made by `odoo-ocr setup`) into
// fixtures/odoo/17.0/wire-recorded-purchase/, replayed against the fake (apps on) by test/odoo/contract.test.ts.
// Not a test: run it by hand against a throw-away database.
//   ODOO_URL=http://127.0.0.1:8073 ODOO_DB=h18a_db ODOO_API_KEY_FILE=/tmp/key node --import tsx test/odoo/record/record-purchase.ts
// The key is replaced by "<api key>"; the bill it creates is deleted again, the worker's email put back.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8073';
const db = process.env.ODOO_DB!;
const apiKey = readFileSync(process.env.ODOO_API_KEY_FILE!, 'utf8').trim();
const workerLogin = process.env.ODOO_USER ?? 'ocr-worker';
const outDir = process.argv[2] ?? 'fixtures/odoo/17.0/wire-recorded-purchase';
mkdirSync(outDir, { recursive: true });

function trimDebug(body: any): any {
  if (body?.error?.data && typeof body.error.data.debug === 'string') {
    const lines = body.error.data.debug.trim().split('\n');
    body.error.data.debug = lines[lines.length - 1];
  }
  return body;
}

async function call(name: string | null, uid: number, secret: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<any> {
  const request = { jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [db, uid, secret, model, method, args, kwargs] }, id: 1 };
  const res = await fetch(`${url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const response = trimDebug(await res.json());
  if (name) {
    const text = JSON.stringify({ request, response }, null, 1).split(apiKey).join('<api key>');
    writeFileSync(path.join(outDir, `${name}.json`), `${text}\n`);
    console.log('recorded', name);
  }
  return response;
}

const login = await (await fetch(`${url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'common', method: 'login', args: [db, workerLogin, apiKey] }, id: 1 }) })).json();
const uid = login.result as number;
const admin = { uid: 2, secret: process.env.ODOO_ADMIN_PASSWORD ?? 'admin' };
const orderFields = ['id', 'name', 'partner_ref', 'partner_id', 'state', 'invoice_status', 'currency_id', 'amount_total', 'amount_untaxed'];
const lineFields = ['id', 'order_id', 'name', 'product_id', 'product_uom', 'product_qty', 'qty_received', 'qty_invoiced', 'qty_to_invoice', 'price_unit', 'discount', 'taxes_id', 'price_subtotal', 'price_total', 'display_type'];

await call('search_read.ir_module_module.apps', uid, apiKey, 'ir.module.module', 'search_read', [[['name', 'in', ['purchase', 'stock', 'sale', 'purchase_stock', 'sale_stock']], ['state', '=', 'installed']]], { fields: ['name'] });
const orders = await call('search_read.purchase_order.reference', uid, apiKey, 'purchase.order', 'search_read', [['|', ['name', '=ilike', 'P00013'], ['partner_ref', '=ilike', 'P00013'], ['company_id', '=', 1]]], { fields: orderFields, limit: 10, order: 'id desc', context: { allowed_company_ids: [1] } });
const order = orders.result[0];
const lines = await call('search_read.purchase_order_line.of_orders', uid, apiKey, 'purchase.order.line', 'search_read', [[['order_id', 'in', [order.id]], ['display_type', '=', false]]], { fields: lineFields, limit: 500, order: 'order_id, sequence, id', context: { allowed_company_ids: [1] } });
const line = lines.result[0];
const billVals = (qty: number) => ({
  invoice_origin: order.name,
  invoice_line_ids: [[0, 0, { display_type: 'product', name: `${order.name}: ${line.name}`, product_id: line.product_id[0], product_uom_id: line.product_uom[0], quantity: qty, price_unit: line.price_unit, discount: 0, tax_ids: [[6, 0, line.taxes_id]], purchase_line_id: line.id }]],
});
const created = await call(null, admin.uid, admin.secret, 'account.move', 'create', [[{ move_type: 'in_invoice', partner_id: order.partner_id[0] }]], { context: { default_move_type: 'in_invoice' } });
const billId = created.result[0] as number;
try {
  await call('write.account_move.purchase_line', uid, apiKey, 'account.move', 'write', [[billId], billVals(1)], { context: { allowed_company_ids: [1] } });
  await call('read.purchase_order_line.billed', uid, apiKey, 'purchase.order.line', 'read', [[line.id]], { fields: ['qty_invoiced', 'qty_to_invoice'] });
  // the same link by a user without an email address: purchase's chatter message refuses it
  const [me] = (await call(null, admin.uid, admin.secret, 'res.users', 'read', [[uid]], { fields: ['email'] })).result;
  await call(null, admin.uid, admin.secret, 'res.users', 'write', [[uid], { email: false }]);
  try {
    await call('write.account_move.purchase_line.no_email', uid, apiKey, 'account.move', 'write', [[billId], { invoice_line_ids: [[5, 0, 0]] }]);
    await call(null, admin.uid, admin.secret, 'account.move', 'write', [[billId], { invoice_line_ids: [[5, 0, 0]] }]);
    await call('write.account_move.purchase_line.no_email', uid, apiKey, 'account.move', 'write', [[billId], billVals(1)], { context: { allowed_company_ids: [1] } });
  } finally {
    await call(null, admin.uid, admin.secret, 'res.users', 'write', [[uid], { email: me.email }]);
  }
} finally {
  await call(null, admin.uid, admin.secret, 'account.move', 'unlink', [[billId]]);
}
