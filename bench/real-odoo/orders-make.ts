// Documents for the order write-back's measure (issue #18), made from a real Odoo 17's demo records (purchase,
// purchase_stock, sale, sale_stock, stock, demo data) and printed by Odoo's own reports:
//   - delivery notes: N purchase orders of demo vendors with demo products are confirmed in $DB; each receipt's
//     delivery slip (stock.report_deliveryslip) is the supplier's note for it (it cites the order number);
//   - customer orders: in a second copy of the same template ($CUSTOMER_DB) the company takes the name and VAT of a
//     demo customer of $DB and issues N purchase orders (purchase.report_purchaseorder): what that customer sends us.
// Reports are rendered as HTML by Odoo and printed to PDF by headless Chromium (no wkhtmltopdf on this machine).
// Truth (which order, which products and quantities) is written from the records beside the PDFs.
//   ODOO_URL=http://127.0.0.1:8074 DB=h18b_db CUSTOMER_DB=h18b_cust OUT=/tmp/h18b/orders N=20 SEED=18 \
//     node --import tsx bench/real-odoo/orders-make.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectOdoo } from '../../src/odoo/connect.js';
import type { OdooClient } from '../../src/odoo/types.js';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8074';
const db = process.env.DB!;
const customerDb = process.env.CUSTOMER_DB!;
const out = process.env.OUT ?? '/tmp/orders';
const n = Number(process.env.N ?? 20);
mkdirSync(path.join(out, 'delivery'), { recursive: true });
mkdirSync(path.join(out, 'customer'), { recursive: true });

// a fixed pseudo-random sequence: the same documents on every run
let seed = Number(process.env.SEED ?? 18);
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pickN = <T>(xs: T[], k: number) => [...xs].sort(() => rand() - 0.5).slice(0, k);

async function session(database: string): Promise<string> {
  const res = await fetch(`${url}/web/session/authenticate`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: database, login: 'admin', password: 'admin' } }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function printPdf(cookie: string, report: string, id: number, file: string): Promise<void> {
  const res = await fetch(`${url}/report/html/${report}/${id}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`report ${report}/${id}: HTTP ${res.status}`);
  const html = (await res.text()).replace('<head>', `<head><base href="${url}/">`);
  const htmlFile = `${file}.html`;
  writeFileSync(htmlFile, html);
  execFileSync('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${file}`, `file://${htmlFile}`], { stdio: 'ignore', timeout: 60_000 });
}

type Row = Record<string, unknown>;
const m2o = (v: unknown) => (Array.isArray(v) ? (v[0] as number) : null);

async function products(odoo: OdooClient): Promise<Row[]> {
  return odoo.searchRead('product.product', [['purchase_ok', '=', true], ['sale_ok', '=', true], ['default_code', '!=', false], ['type', '=', 'product']], {
    fields: ['id', 'default_code', 'name'], order: 'id',
  });
}

async function makeOrders(odoo: OdooClient, vendors: number[], catalogue: Row[], count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const lines = pickN(catalogue, 1 + Math.floor(rand() * 4)).map((p) => [0, 0, { product_id: p.id, product_qty: 1 + Math.floor(rand() * 20) }]);
    const [id] = await odoo.create('purchase.order', [{ partner_id: vendors[i % vendors.length], order_line: lines }]);
    await odoo.call('purchase.order', 'button_confirm', { ids: [id!] });
    ids.push(id!);
  }
  return ids;
}

async function orderTruth(odoo: OdooClient, id: number) {
  const [po] = await odoo.searchRead('purchase.order', [['id', '=', id]], { fields: ['name', 'partner_id', 'picking_ids'] });
  const lines = await odoo.searchRead('purchase.order.line', [['order_id', '=', id]], { fields: ['product_id', 'product_qty'] });
  const codes = await odoo.searchRead('product.product', [['id', 'in', lines.map((l) => m2o(l.product_id)!)]], { fields: ['default_code'] });
  const code = (pid: number) => String(codes.find((c) => c.id === pid)?.default_code ?? '');
  return { po: po!, lines: lines.map((l) => ({ product_id: m2o(l.product_id), default_code: code(m2o(l.product_id)!), quantity: l.product_qty })) };
}

// delivery notes: orders of the demo vendors in $DB, their receipts' slips
const odoo = await connectOdoo({ url, db, username: 'admin', password: 'admin' });
const vendors = (await odoo.searchRead('res.partner', [['name', 'in', ['Wood Corner', 'Ready Mat', 'Gemini Furniture', 'Azure Interior', 'Deco Addict']]], { fields: ['id'] })).map((r) => r.id as number);
const catalogue = await products(odoo);
const cookie = await session(db);
const deliveries = [];
for (const id of await makeOrders(odoo, vendors, catalogue, n)) {
  const truth = await orderTruth(odoo, id);
  const receipt = (truth.po.picking_ids as number[])[0]!;
  const file = path.join(out, 'delivery', `slip-${String(truth.po.name)}.pdf`);
  await printPdf(cookie, 'stock.report_deliveryslip', receipt, file);
  deliveries.push({ file: path.basename(file), purchase_order_id: id, purchase_order: truth.po.name, receipt_id: receipt, lines: truth.lines });
}
writeFileSync(path.join(out, 'delivery', 'truth.json'), JSON.stringify(deliveries, null, 1));

// customer orders: the company of $CUSTOMER_DB is a demo customer of $DB; its purchase orders are what it sends us
const customers = await odoo.searchRead('res.partner', [['name', 'in', ['Deco Addict', 'Gemini Furniture']]], { fields: ['id', 'name', 'vat', 'street', 'city', 'zip'] });
const buyer = await connectOdoo({ url, db: customerDb, username: 'admin', password: 'admin' });
const buyerCookie = await session(customerDb);
const buyerVendors = (await buyer.searchRead('res.partner', [['name', 'in', ['Wood Corner', 'Ready Mat', 'Azure Interior']]], { fields: ['id'] })).map((r) => r.id as number);
const buyerCatalogue = await products(buyer);
const [company] = await buyer.searchRead('res.company', [['id', '=', 1]], { fields: ['partner_id'] });
const orders = [];
for (const [k, customer] of customers.entries()) {
  // the same demo template: product ids and codes are the same in both databases
  await buyer.write('res.partner', [m2o(company!.partner_id)!], { name: customer.name, vat: customer.vat, street: customer.street, city: customer.city, zip: customer.zip });
  for (const id of await makeOrders(buyer, buyerVendors, buyerCatalogue, Math.ceil(n / customers.length))) {
    const truth = await orderTruth(buyer, id);
    const file = path.join(out, 'customer', `po-${k}-${String(truth.po.name)}.pdf`);
    await printPdf(buyerCookie, 'purchase.report_purchaseorder', id, file);
    orders.push({ file: path.basename(file), customer_id: customer.id, customer: customer.name, order_number: truth.po.name, lines: truth.lines });
  }
}
writeFileSync(path.join(out, 'customer', 'truth.json'), JSON.stringify(orders, null, 1));
console.log(JSON.stringify({ deliveries: deliveries.length, customerOrders: orders.length, out }));
odoo.close();
buyer.close();
