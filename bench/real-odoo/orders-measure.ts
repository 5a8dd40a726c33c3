// The order write-back's measure on a real Odoo 17 (issue #18), addon-less, with the documents orders-make.ts made:
// delivery notes uploaded to their receipts (even ones) or to the inbox (odd ones), customer orders uploaded to an
// empty draft quotation of their customer (even ones) or to the inbox (odd ones). The worker (`sync --once`) is
// killed with SIGKILL at random moments KILLS times, then run to the end; the records are then compared with the truth:
//   - delivery notes: the note posted on the right receipt names the right purchase order;
//   - customer orders: one quotation per document, draft, of the right customer, lines on the right product and
//     quantity (a line counts once; an extra or missing line is a miss).
//   ODOO_URL=http://127.0.0.1:8074 DB=h18b_db OUT=/tmp/h18b/orders KILLS=4 node --import tsx bench/real-odoo/orders-measure.ts
// MODE=addon (the addon and its bridges installed, a worker user made by `odoo-ocr setup`, its key in KEY_FILE): the
// documents are sent with Digitize (the record's button; a loose file's server action) and the worker runs in
// addon mode as that user, under one WORKER_ID (a killed worker's presence would otherwise keep its share of the
// channel for the presence window).
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { connectOdoo } from '../../src/odoo/connect.js';
import { fromRoot } from '../../src/paths.js';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8074';
const db = process.env.DB!;
const out = process.env.OUT ?? '/tmp/orders';
const kills = Number(process.env.KILLS ?? 4);
const addon = process.env.MODE === 'addon';
const INBOX = 'ocr.inbox';
const odoo = await connectOdoo({ url, db, username: 'admin', password: 'admin' });
type Row = Record<string, unknown>;
const m2o = (v: unknown) => (Array.isArray(v) ? (v[0] as number) : typeof v === 'number' ? v : null);

interface Line { product_id: number; default_code: string; quantity: number }
const deliveries = JSON.parse(readFileSync(path.join(out, 'delivery', 'truth.json'), 'utf8')) as Array<{ file: string; purchase_order: string; receipt_id: number; lines: Line[] }>;
const orders = JSON.parse(readFileSync(path.join(out, 'customer', 'truth.json'), 'utf8')) as Array<{ file: string; customer_id: number; order_number: string; lines: Line[] }>;

const upload = async (file: string, resModel: string, resId: number) => {
  const [id] = await odoo.create('ir.attachment', [{ name: path.basename(file), datas: readFileSync(file).toString('base64'), mimetype: 'application/pdf', ...(addon && resModel === INBOX ? {} : { res_model: resModel, res_id: resId }) }]);
  if (addon) {
    // Digitize: on the record, or (a loose file) the attachment's own action
    if (resModel === INBOX) await odoo.call('ir.attachment', 'action_ocr_digitize', { ids: [id!] });
    else await odoo.call(resModel, 'action_ocr_digitize', { ids: [resId] });
  }
  return id!;
};

const deliveryAtt = new Map<string, number>();
for (const [i, d] of deliveries.entries()) {
  deliveryAtt.set(d.file, await upload(path.join(out, 'delivery', d.file), i % 2 === 0 ? 'stock.picking' : INBOX, i % 2 === 0 ? d.receipt_id : 0));
}
const orderAtt = new Map<string, { att: number; quotation: number | null }>();
for (const [i, o] of orders.entries()) {
  let quotation: number | null = null;
  if (i % 2 === 0) [quotation] = await odoo.create('sale.order', [{ partner_id: o.customer_id }]);
  orderAtt.set(o.file, { att: await upload(path.join(out, 'customer', o.file), quotation ? 'sale.order' : INBOX, quotation ?? 0), quotation: quotation ?? null });
}

const state = path.join(out, 'state');
rmSync(state, { recursive: true, force: true });
const env = addon
  ? { ...process.env, OCR_MODE: 'addon', WORKER_ID: 'orders-measure', ODOO_URL: url, ODOO_DB: db, ODOO_USER: 'ocr-worker', ODOO_API_KEY_FILE: process.env.KEY_FILE!, STATE_DIR: state, OCR_LANGS: 'eng', LOG_LEVEL: 'warn', LEASE_SECONDS: '20' }
  : {
    ...process.env, OCR_MODE: 'addonless', ODOO_URL: url, ODOO_DB: db, ODOO_USER: 'admin', ODOO_API_KEY: 'admin',
    ADDONLESS_MODELS: 'sale.order,stock.picking', INBOX_RES_MODEL: INBOX, STATE_DIR: state, OCR_LANGS: 'eng', LOG_LEVEL: 'warn',
  };
const sync = (killAfterMs: number | null) => new Promise<number | null>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src/cli.ts'), 'sync', '--once', '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (b) => (text += b));
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  child.on('exit', (code) => {
    if (timer) clearTimeout(timer);
    if (killAfterMs === null) console.log(text.trim().split('\n').pop());
    resolve(code);
  });
});
const started = Date.now();
for (let k = 0; k < kills; k++) await sync(4000 + Math.floor(Math.random() * 8000)); // killed mid-run, wherever it is
// addon: the jobs a killed worker held come back when their lease runs out, then after their retry delay
await sync(null);
// addon-less: what a killed run was writing is retried after its backoff (the ledger), by a later run
for (let round = 0; !addon && round < 3; round++) {
  await new Promise((r) => setTimeout(r, 15_000));
  await sync(null);
}
for (let round = 0; addon && round < 6; round++) {
  const waiting = await odoo.searchRead('ocr.job', [['state', 'in', ['pending', 'running']], ['attachment_id', 'in', [...deliveryAtt.values(), ...[...orderAtt.values()].map((o) => o.att)]]], { fields: ['id'] });
  if (!waiting.length) break;
  await new Promise((r) => setTimeout(r, 20_000));
  await sync(null);
}
const seconds = Math.round((Date.now() - started) / 1000);

// delivery notes: the receipt's note names the right order
let deliveryRight = 0;
const byRoute = { receipt: { documents: 0, matched: 0 }, inbox: { documents: 0, matched: 0 } };
const deliveryMisses: string[] = [];
for (const [i, d] of deliveries.entries()) {
  const route = i % 2 === 0 ? byRoute.receipt : byRoute.inbox;
  route.documents++;
  // the note of this document (its marker names the attachment), on the document's receipt
  const notes = await odoo.searchRead('mail.message', [['model', '=', 'stock.picking'], ['res_id', '=', d.receipt_id], addon
    ? ['body', 'ilike', 'OCR: Delivery note'] : ['body', 'ilike', `odoo-ocr:${deliveryAtt.get(d.file)}:`]], { fields: ['body'] });
  const right = notes.length === 1 && String(notes[0]!.body).includes(`Purchase order: ${d.purchase_order} (found by`);
  if (right) {
    deliveryRight++;
    route.matched++;
  }
  else deliveryMisses.push(`${d.file}: ${notes.length} notes${notes[0] ? ` ${String(notes[0].body).slice(0, 300)}` : ''}`);
}

// customer orders: one draft quotation each, right customer, lines on the right product and quantity
let linesTotal = 0;
let linesRight = 0;
let customerRight = 0;
let quotations = 0;
let confirmed = 0;
let twice = 0;
const orderMisses: string[] = [];
for (const o of orders) {
  const { att, quotation } = orderAtt.get(o.file)!;
  const [attachment] = await odoo.searchRead('ir.attachment', [['id', '=', att]], { fields: ['res_model', 'res_id'] });
  const id = quotation ?? (attachment?.res_model === 'sale.order' ? m2o(attachment.res_id) : null);
  const keyed = await odoo.searchRead('sale.order', [['origin', '=', `OCR attachment ${att}`]], { fields: ['id'] });
  if (keyed.length > 1) twice++;
  if (addon && quotation === null) {
    const jobs = await odoo.searchRead('ocr.job', [['attachment_id', '=', att]], { fields: ['state', 'res_model', 'res_id', 'error'] });
    if (jobs.length !== 1) orderMisses.push(`${o.file}: ${jobs.length} jobs`);
  }
  linesTotal += o.lines.length;
  if (!id) {
    orderMisses.push(`${o.file}: no quotation`);
    continue;
  }
  quotations++;
  const [so] = await odoo.searchRead('sale.order', [['id', '=', id]], { fields: ['state', 'partner_id', 'client_order_ref'] });
  if (so!.state !== 'draft' && so!.state !== 'sent') confirmed++;
  if (m2o(so!.partner_id) === o.customer_id) customerRight++;
  const lines = await odoo.searchRead('sale.order.line', [['order_id', '=', id], ['display_type', '=', false]], { fields: ['product_id', 'product_uom_qty'] });
  const pool: Row[] = [...lines];
  for (const t of o.lines) {
    const k = pool.findIndex((l) => m2o(l.product_id) === t.product_id && Number(l.product_uom_qty) === t.quantity);
    if (k >= 0) {
      linesRight++;
      pool.splice(k, 1);
    } else orderMisses.push(`${o.file}: ${t.default_code} x${t.quantity} missing (ref ${String(so!.client_order_ref)})`);
  }
  if (pool.length) orderMisses.push(`${o.file}: ${pool.length} extra lines`);
}
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
console.log(JSON.stringify({
  mode: addon ? 'addon' : 'addonless', kills, seconds,
  delivery_notes: { documents: deliveries.length, matched_to_their_order: deliveryRight, pct: pct(deliveryRight, deliveries.length), uploaded_to_receipt: byRoute.receipt, inbox: byRoute.inbox },
  customer_orders: {
    documents: orders.length, quotations, right_customer: customerRight, lines: linesTotal, lines_right: linesRight,
    lines_pct: pct(linesRight, linesTotal), confirmed, created_twice: twice,
  },
}, null, 1));
if (deliveryMisses.length || orderMisses.length) console.log([...deliveryMisses, ...orderMisses].join('\n'));
odoo.close();
