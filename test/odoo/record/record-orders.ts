// Records the RPC exchanges of the order write-back (customers' orders → quotations, delivery notes → receipts) from
// a real Odoo 17 with purchase, stock and sale and demo data (a copy of tmpl17ps) into
// fixtures/odoo/17.0/wire-recorded-orders/, replayed against the fake (apps on) by test/odoo/contract.test.ts.
// Not a test: run it by hand against a throw-away database. As admin (password in ODOO_ADMIN_PASSWORD, written as
// "<api key>"); the quotation, order and receipt it makes are cancelled and deleted again.
//   ODOO_URL=http://127.0.0.1:8074 ODOO_DB=h18b_db node --import tsx test/odoo/record/record-orders.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8074';
const db = process.env.ODOO_DB!;
const secret = process.env.ODOO_ADMIN_PASSWORD ?? 'admin';
const outDir = process.argv[2] ?? 'fixtures/odoo/17.0/wire-recorded-orders';
mkdirSync(outDir, { recursive: true });
const ctx = { allowed_company_ids: [1] };

function trimDebug(body: any): any {
  if (body?.error?.data && typeof body.error.data.debug === 'string') {
    const lines = body.error.data.debug.trim().split('\n');
    body.error.data.debug = lines[lines.length - 1];
  }
  return body;
}

async function call(name: string | null, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<any> {
  const request = { jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [db, 2, secret, model, method, args, kwargs] }, id: 1 };
  const res = await fetch(`${url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const response = trimDebug(await res.json());
  if (name) {
    const saved = JSON.parse(JSON.stringify(request));
    saved.params.args[2] = '<api key>';
    writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify({ request: saved, response }, null, 1)}\n`);
    console.log('recorded', name);
  }
  if (response.error) console.log(name, response.error.data?.message);
  return response.result;
}

const productFields = ['id', 'name', 'display_name', 'default_code', 'barcode', 'product_tmpl_id'];
await call('search_read.product_product.by_code', 'product.product', 'search_read', [['|', ['default_code', '=ilike', 'FURN_7777'], ['default_code', '=ilike', 'E-COM07'], ['sale_ok', '=', true], ['company_id', 'in', [1, false]]]], { fields: productFields, limit: 200, context: ctx });
await call('search_read.product_product.by_name', 'product.product', 'search_read', [['|', ['name', '=ilike', 'Office Chair'], ['name', 'ilike', 'Chair'], ['purchase_ok', '=', true], ['company_id', 'in', [1, false]]]], { fields: productFields, limit: 400, context: ctx });
await call('search_read.product_supplierinfo.vendor_codes', 'product.supplierinfo', 'search_read', [[['partner_id', '=', 9], ['product_code', '=ilike', 'X-1']]], { fields: ['product_code', 'product_id', 'product_tmpl_id'], limit: 200, context: ctx });
await call('search_read.res_company.partner', 'res.company', 'search_read', [[['id', '=', 1]]], { fields: ['partner_id'], limit: 20, context: ctx });

// a customer's order → a draft quotation (then cancelled and deleted)
const chair = (await call(null, 'product.product', 'search_read', [[['default_code', '=', 'FURN_7777']]], { fields: ['id', 'display_name'] }))[0];
const vals = {
  partner_id: 10, client_order_ref: 'REC-ORDER-1', origin: 'OCR attachment 999999', company_id: 1,
  order_line: [[0, 0, { product_id: chair.id, name: chair.display_name, product_uom_qty: 3, price_unit: 55 }], [0, 0, { display_type: 'line_note', name: 'Not matched: [X-1] Desk × 2' }]],
};
await call('search_read.sale_order.same_reference', 'sale.order', 'search_read', [[['partner_id', '=', 10], ['client_order_ref', '=', 'REC-ORDER-1'], ['state', '!=', 'cancel'], ['origin', '!=', 'OCR attachment 999999']]], { fields: ['id', 'name'], limit: 5, context: ctx });
const [orderId] = await call('create.sale_order.quotation', 'sale.order', 'create', [[vals]], { context: ctx });
try {
  await call('search_read.sale_order.by_origin', 'sale.order', 'search_read', [[['origin', '=', 'OCR attachment 999999']]], { fields: ['id'], limit: 1, context: ctx });
  await call('search_read.sale_order.target', 'sale.order', 'search_read', [[['id', '=', orderId]]], { fields: ['state', 'partner_id', 'client_order_ref', 'order_line', 'company_id', 'origin'], limit: 1, context: ctx });
  await call('message_post.sale_order.note', 'sale.order', 'message_post', [[orderId]], { body: '<p>OCR: Customer order REC-ORDER-1</p>', message_type: 'comment', subtype_xmlid: 'mail.mt_note', body_is_html: true, context: ctx });
} finally {
  await call(null, 'sale.order', 'action_cancel', [[orderId]]);
  await call(null, 'sale.order', 'unlink', [[orderId]]);
}

// a delivery note → its order and receipt (a throw-away confirmed order of Wood Corner)
const [poId] = await call(null, 'purchase.order', 'create', [[{ partner_id: 9, order_line: [[0, 0, { product_id: chair.id, product_qty: 4 }]] }]]);
await call(null, 'purchase.order', 'button_confirm', [[poId]]);
const [po] = await call(null, 'purchase.order', 'read', [[poId]], { fields: ['name', 'picking_ids'] });
try {
  await call('search_read.purchase_order.by_name', 'purchase.order', 'search_read', [[['name', '=ilike', po.name], ['company_id', '=', 1]]], { fields: ['id', 'name', 'partner_id', 'partner_ref', 'state', 'picking_ids', 'company_id'], limit: 5, context: ctx });
  await call('search_read.purchase_order_line.of_order', 'purchase.order.line', 'search_read', [[['order_id', '=', poId], ['display_type', '=', false]]], { fields: ['product_id', 'name', 'product_qty', 'qty_received'], limit: 500, context: ctx });
  await call('search_read.purchase_order_line.open_of_vendor', 'purchase.order.line', 'search_read', [[['partner_id', '=', 9], ['product_id', 'in', [chair.id]], ['state', 'in', ['purchase', 'done']], ['company_id', '=', 1]]], { fields: ['order_id', 'product_id', 'product_qty', 'qty_received'], limit: 500, context: ctx });
  await call('search_read.stock_picking.receipts', 'stock.picking', 'search_read', [[['id', 'in', po.picking_ids], ['picking_type_code', '=', 'incoming']]], { fields: ['id', 'name', 'state', 'partner_id', 'purchase_id', 'origin', 'picking_type_code', 'company_id'], order: 'id asc', context: ctx });
  const moves = await call('search_read.stock_move.of_receipt', 'stock.move', 'search_read', [[['picking_id', '=', po.picking_ids[0]], ['state', '!=', 'cancel']]], { fields: ['id', 'product_id', 'product_uom_qty', 'quantity', 'state'], limit: 500, context: ctx });
  await call('write.stock_move.done_quantity', 'stock.move', 'write', [[moves[0].id], { quantity: 3, picked: true }], { context: ctx });
  await call('message_post.stock_picking.note', 'stock.picking', 'message_post', [[po.picking_ids[0]]], { body: '<p>OCR: Delivery note</p>', message_type: 'comment', subtype_xmlid: 'mail.mt_note', body_is_html: true, context: ctx });
  await call('search_read.stock_picking.addonless_discovery', 'stock.picking', 'search_read', [[['picking_type_code', '=', 'incoming'], ['state', 'not in', ['done', 'cancel']]]], { fields: ['id', 'company_id'], limit: 5, order: 'id asc' });
} finally {
  await call(null, 'purchase.order', 'button_cancel', [[poId]]);
  await call(null, 'purchase.order', 'unlink', [[poId]]);
}
