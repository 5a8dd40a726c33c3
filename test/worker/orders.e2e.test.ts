import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { writePolicyOf } from '../../src/worker/runtime.js';
import { billSuite } from './bills-support.js';
import { prepareWriteBack } from '../../src/writeback/index.js';
import { dyingWriteBack } from '../support/dying-write-back.js';
import type { Stack } from './harness.js';

// Customers' orders and suppliers' delivery notes end to end on the fake Odoo (addon-less, and with the addon): real OpenPEPPOL
// BIS 3 documents read by the real pipeline, found in the inbox or on their records, written with plain RPC.

const UBL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/orders/ubl');
const file = (name: string) => readFileSync(path.join(UBL, name));
const INBOX = 'ocr.inbox';
const suite = billSuite();

/** The products and partners the documents name: City Hospital orders three sauces (by code, barcode, name). */
function seedSales(stack: Stack) {
  stack.fake.seed('stock.warehouse', [{ name: 'WH' }]);
  const [hospital] = stack.fake.seed('res.partner', [{ name: 'City Hospital', is_company: true }]);
  const [brown, white, pepper] = stack.fake.seed('product.product', [
    { name: 'Brown sauce', default_code: 'SN-33', sale_ok: true, purchase_ok: true },
    { name: 'Sauce blanche', default_code: 'WS-1', barcode: '08722700575887', sale_ok: true, purchase_ok: true },
    { name: 'Pepper sauce', sale_ok: true, purchase_ok: true },
  ]);
  return { hospital: hospital!, brown: brown!, white: white!, pepper: pepper! };
}

function orderLines(stack: Stack, orderId: number) {
  return stack.fake.records('sale.order.line').filter((l) => l.order_id === orderId);
}

function notesOn(stack: Stack, model: string, id: number): string[] {
  return stack.fake.records('mail.message').filter((m) => m.model === model && m.res_id === id).map((m) => String(m.body));
}

test('a customer order in the inbox becomes one draft quotation: customer, reference, products by code, barcode and name, quantities and prices as read; never confirmed, never twice', async () => {
  const stack = await suite.start({ addon: false, apps: ['purchase', 'stock', 'sale'] });
  const s = seedSales(stack);
  const att = stack.attach(file('peppol-UC1_Order.xml'), 'order-1.xml', 'application/xml', INBOX, 0);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'account.move', INBOX_RES_MODEL: INBOX }, 'orders');

  // first try: the worker dies after creating the quotation, before filing the document on it
  const dead = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime, writeback: dyingWriteBack('attachment-write') });
  const [item] = await dead.source.fetch(1);
  const result = await suite.scanner.scanner.scanBuffer(file('peppol-UC1_Order.xml'), item!.name);
  const prepared = await prepareWriteBack(dead.gate, item!.target, result, writePolicyOf(cfg));
  await assert.rejects(dead.source.complete(item!, result, prepared), /killed/);
  assert.equal(stack.fake.records('sale.order').length, 1, 'created before the crash');
  assert.equal(stack.fake.records('ir.attachment').find((a) => a.id === att)!.res_model, INBOX, '... the document not yet filed');
  await dead.close();

  // the retry finds that quotation by its key instead of creating a second one
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 1, JSON.stringify(summary));
  const orders = stack.fake.records('sale.order');
  assert.equal(orders.length, 1, 'nothing created twice');
  const [order] = orders;
  assert.equal(order!.partner_id, s.hospital);
  assert.equal(order!.client_order_ref, '1');
  assert.equal(order!.state, 'draft', 'never confirmed');
  assert.deepEqual(
    orderLines(stack, order!.id as number).map((l) => [l.product_id, l.product_uom_qty, l.price_unit]),
    [[s.brown, 10, 4], [s.white, 5, 6], [s.pepper, 15, 3]],
  );
  const attachment = stack.fake.records('ir.attachment').find((a) => a.id === att)!;
  assert.deepEqual([attachment.res_model, attachment.res_id], ['sale.order', order!.id]);
  const notes = notesOn(stack, 'sale.order', order!.id as number);
  assert.equal(notes.length, 1, 'one note');
  assert.match(notes[0]!, /Customer order 1/);
  assert.match(notes[0]!, /by barcode/);
});

test('an order line no product answers for is kept as a note line and the quotation goes to review; an unknown customer creates nothing', async () => {
  const stack = await suite.start({ addon: false, apps: ['purchase', 'stock', 'sale'] });
  stack.fake.seed('stock.warehouse', [{ name: 'WH' }]);
  stack.fake.seed('res.partner', [{ name: 'City Hospital', is_company: true }]); // no products in Odoo yet
  stack.attach(file('peppol-UC4_Order.xml'), 'order-5.xml', 'application/xml', INBOX, 0); // City Hospital: a snow shovel
  stack.attach(file('peppol-UC5_Order.xml'), 'region.xml', 'application/xml', INBOX, 0); // Region West: unknown
  const cfg = await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'account.move', INBOX_RES_MODEL: INBOX }, 'orders');
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.review, 2, JSON.stringify(summary));
  const orders = stack.fake.records('sale.order');
  assert.equal(orders.length, 1, 'no quotation without a customer');
  const lines = orderLines(stack, orders[0]!.id as number);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.display_type, 'line_note');
  assert.match(String(lines[0]!.name), /SN-33.*Snow shovel.*50/);
  const rows = rt.ledger!.list({});
  assert.ok(rows.every((r) => r.state === 'review'));
  assert.equal(stack.fake.records('ir.attachment').find((a) => a.name === 'region.xml')!.res_model, INBOX, 'left in the inbox');
});

/** A confirmed order 4321 of Consortial for two items, and its receipt expecting them. */
function seedPurchase(stack: Stack) {
  const [vendor] = stack.fake.seed('res.partner', [{ name: 'Consortial', is_company: true }]);
  const [item123, item456] = stack.fake.seed('product.product', [
    { name: 'Item123', default_code: '010120401', purchase_ok: true },
    { name: 'Item456', barcode: '7622204117051', purchase_ok: true },
  ]);
  const [receipt] = stack.fake.seed('stock.picking', [{ name: 'WH/IN/00007', state: 'assigned', picking_type_code: 'incoming', partner_id: vendor }]);
  const [po] = stack.fake.seed('purchase.order', [{ name: '4321', partner_id: vendor, state: 'purchase', picking_ids: [receipt!] }]);
  stack.fake.seed('purchase.order.line', [
    { order_id: po, partner_id: vendor, product_id: item123, name: 'Item123', product_qty: 10, qty_received: 0, state: 'purchase' },
    { order_id: po, partner_id: vendor, product_id: item456, name: 'Item456', product_qty: 12, qty_received: 0, state: 'purchase' },
  ]);
  const [vendors, stock] = stack.fake.seed('stock.location', [{ name: 'Vendors' }, { name: 'WH/Stock' }]);
  const [unit] = stack.fake.seed('uom.uom', [{ name: 'Units' }]);
  const move = { picking_id: receipt, location_id: vendors, location_dest_id: stock, product_uom: unit, quantity: 0, state: 'assigned' };
  const moves = stack.fake.seed('stock.move', [
    { ...move, product_id: item123, product_uom_qty: 10, name: 'Item123' },
    { ...move, product_id: item456, product_uom_qty: 12, name: 'Item456' },
  ]);
  return { vendor: vendor!, receipt: receipt!, po: po!, moves };
}

test('a delivery note on a receipt: the order it cites is found, what arrived is compared with what was ordered, the shortfall flagged; nothing written by default', async () => {
  const stack = await suite.start({ addon: false, apps: ['purchase', 'stock', 'sale'] });
  const p = seedPurchase(stack);
  stack.attach(file('peppol-DespatchAdvice-BIS3_UseCase1.xml'), 'dn-1234.xml', 'application/xml', 'stock.picking', p.receipt);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'stock.picking' }, 'receipts');
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.review, 1, JSON.stringify(summary));
  const [note] = notesOn(stack, 'stock.picking', p.receipt);
  assert.ok(note, 'a note on the receipt');
  assert.match(note, /Purchase order: 4321 \(found by number\)/);
  assert.match(note, /Item456: less than expected \(−2\)/);
  assert.doesNotMatch(note, /Item123: /, 'the line that arrived in full is not a reason');
  assert.deepEqual(stack.fake.records('stock.move').map((m) => m.quantity), [0, 0], 'done quantities untouched (setting off)');
  assert.deepEqual(stack.fake.records('stock.picking').map((r) => r.state), ['assigned'], 'never validated');
});

test('DELIVERY_WRITE_DONE: a delivery note from the inbox is filed on its receipt and the received quantities are written as done (never validated)', async () => {
  const stack = await suite.start({ addon: false, apps: ['purchase', 'stock', 'sale'] });
  const p = seedPurchase(stack);
  const att = stack.attach(file('peppol-DespatchAdvice-BIS3_UseCase1.xml'), 'dn-1234.xml', 'application/xml', INBOX, 0);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'account.move', INBOX_RES_MODEL: INBOX, DELIVERY_WRITE_DONE: 'true' }, 'inbox');
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();
  const attachment = stack.fake.records('ir.attachment').find((a) => a.id === att)!;
  assert.deepEqual([attachment.res_model, attachment.res_id], ['stock.picking', p.receipt]);
  assert.deepEqual(stack.fake.records('stock.move').map((m) => m.quantity), [10, 10]);
  assert.deepEqual(stack.fake.records('stock.picking').map((r) => r.state), ['assigned']);
  assert.equal(notesOn(stack, 'stock.picking', p.receipt).length, 1);
});

test('addon mode: a customer order from the inbox becomes a draft quotation in the addon\'s transaction, a delivery note on its receipt writes done quantities only when the company says so', async () => {
  const stack = await suite.start({ addon: true, apps: ['purchase', 'stock', 'sale'], jobOptions: { deliveryWriteDone: true } });
  const s = seedSales(stack);
  const p = seedPurchase(stack);
  const order = stack.attach(file('peppol-UC1_Order.xml'), 'order-1.xml', 'application/xml');
  const note = stack.attach(file('peppol-DespatchAdvice-BIS3_UseCase1.xml'), 'dn-1234.xml', 'application/xml', 'stock.picking', p.receipt);
  stack.jobs!.enqueue({ attachmentId: order, resModel: 'ir.attachment', resId: order });
  stack.jobs!.enqueue({ attachmentId: note, resModel: 'stock.picking', resId: p.receipt });
  const cfg = await stack.config({ OCR_MODE: 'addon' }, 'addon');
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();
  const [quotation] = stack.fake.records('sale.order');
  assert.ok(quotation, 'a quotation');
  assert.deepEqual([quotation.partner_id, quotation.client_order_ref, quotation.state], [s.hospital, '1', 'draft']);
  assert.equal(orderLines(stack, quotation.id as number).length, 3);
  assert.equal(stack.jobs!.notesOn('stock.picking', p.receipt).length, 1);
  assert.deepEqual(stack.fake.records('stock.move').map((m) => m.quantity), [10, 10], 'the company asked for done quantities');
  assert.deepEqual(stack.fake.records('stock.picking').map((r) => r.state), ['assigned']);
});

test('an untitled slip in the inbox that cites one of our confirmed orders is compared with it and filed on its receipt (no bill made of it)', async () => {
  const stack = await suite.start({ addon: false, apps: ['purchase', 'stock', 'sale'] });
  const [vendor] = stack.fake.seed('res.partner', [{ name: 'Ready Mat', is_company: true }]);
  const [screens] = stack.fake.seed('product.product', [{ name: 'Acoustic Bloc Screens', default_code: 'FURN_6666', purchase_ok: true }]);
  const [receipt] = stack.fake.seed('stock.picking', [{ name: 'WH/IN/00006', state: 'assigned', picking_type_code: 'incoming', partner_id: vendor }]);
  const [po] = stack.fake.seed('purchase.order', [{ name: 'P00011', partner_id: vendor, state: 'purchase', picking_ids: [receipt!] }]);
  stack.fake.seed('purchase.order.line', [{ order_id: po, partner_id: vendor, product_id: screens, name: 'Acoustic Bloc Screens', product_qty: 20, qty_received: 0, state: 'purchase' }]);
  const slip = readFileSync(path.resolve(UBL, '../odoo-print/odoo17-receipt-WH-IN-00006.pdf'));
  const att = stack.attach(slip, 'slip.pdf', 'application/pdf', INBOX, 0);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'account.move', INBOX_RES_MODEL: INBOX }, 'slip');
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();
  const filed = stack.fake.records('ir.attachment').find((a) => a.id === att)!;
  assert.deepEqual([filed.res_model, filed.res_id], ['stock.picking', receipt]);
  const [note] = notesOn(stack, 'stock.picking', receipt!);
  assert.match(note!, /Purchase order: P00011 \(found by number\)/);
  assert.equal(stack.fake.records('account.move').length, 0, 'no bill made of it');
});
