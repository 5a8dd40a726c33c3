// Vendor bills billed against purchase orders, end to end (addon mode, purchase installed): a bill a vendor sends
// for an order (fixtures/po-bills, made from the demo orders of a real Odoo 17) read by the real pipeline, matched
// to its order and linked by complete(); the worker killed after reading Odoo and before writing, and the job taken
// again by another worker: the bill is linked once, the order never confirmed or changed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fromRoot } from '../../src/paths.js';
import type { WriteBack } from '../../src/worker/types.js';
import { prepareWriteBack } from '../../src/writeback/index.js';
import { seedTaxes } from '../support/fake-accounting.js';
import { seedOrder, seedProducts, trackBilling } from '../support/fake-purchase.js';
import { billSuite, PURCHASE_JOURNAL } from './bills-support.js';
import type { Stack } from './harness.js';

const suite = billSuite();
const BILL = fromRoot('fixtures', 'po-bills', 'bill-001-P00001.pdf');

/** The order of the bill as the demo database has it: P00001 of Wood Corner, received in full. */
function seedOrderOfBill(stack: Stack): { orderId: number; lineIds: number[] } {
  const [tax] = seedTaxes(stack.fake, [{ rate: 15 }]);
  const [vendor] = stack.fake.seed('res.partner', [{ name: 'Wood Corner', vat: 'US12345672', is_company: true }]);
  const [chair, screens, drawer] = seedProducts(stack.fake, [
    { code: 'FURN_7777', name: 'Office Chair' }, { code: 'FURN_6666', name: 'Acoustic Bloc Screens' }, { code: 'FURN_8855', name: 'Drawer' },
  ]);
  // another open order of the vendor with one of the same products: the number on the bill decides
  seedOrder(stack.fake, { partner: vendor!, name: 'P00000', lines: [{ product: chair!, qty: 3, price: 79.8, received: 3, taxes: [tax!] }] });
  const order = seedOrder(stack.fake, { partner: vendor!, name: 'P00001', lines: [
    { product: chair!, qty: 15, price: 79.8, received: 15, taxes: [tax!] },
    { product: screens!, qty: 5, price: 286.7, received: 5, taxes: [tax!] },
    { product: drawer!, qty: 4, price: 99, received: 4, taxes: [tax!] },
  ] });
  trackBilling(stack.fake);
  return order;
}

test('addon: a bill with its order number is linked to the order; killed between read and write, linked once by the next worker', async () => {
  const stack = await suite.start({ addon: true, apps: ['purchase', 'stock'] });
  const { orderId, lineIds } = seedOrderOfBill(stack);
  const [billId] = stack.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'draft', journal_id: PURCHASE_JOURNAL, currency_id: 1, company_id: 1, date: '2026-11-01' }]);
  const attachmentId = stack.attach(readFileSync(BILL), 'bill-001-P00001.pdf', 'application/pdf', 'account.move', billId);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });

  // worker 1 reads the document and Odoo, then dies before it writes: no complete, no release, its lease left
  let prepared = 0;
  let unblock: () => void = () => {};
  const dying: WriteBack = {
    prepare: async (...args) => {
      await prepareWriteBack(...args);
      prepared++;
      await new Promise<void>((resolve) => { unblock = resolve; });
      throw new Error('the process is gone');
    },
    apply: async () => { throw new Error('never reached'); },
  };
  const first = await stack.runtime(await stack.config({}, 'w1'), { scanner: suite.scanner.forRuntime, writeback: dying });
  first.worker.start();
  for (let i = 0; i < 400 && prepared === 0; i++) await new Promise((r) => setTimeout(r, 25));
  assert.equal(prepared, 1, 'worker 1 read Odoo for the bill');
  await first.close(); // the connection goes with the process
  stack.jobs!.expireLeases();

  const second = await stack.runtime(await stack.config({}, 'w2'), { scanner: suite.scanner.forRuntime });
  // the expired lease sends the job back after the addon's retry delay
  for (let i = 0; i < 20 && ['pending', 'running'].includes(stack.jobs!.job(jobId).state); i++) {
    await second.worker.runUntilIdle();
    await new Promise((r) => setTimeout(r, 100));
  }
  unblock();
  await first.worker.stop(0);

  const job = stack.jobs!.job(jobId);
  assert.ok(['done', 'review'].includes(job.state), `job ${job.state}`);
  assert.equal(job.completions, 1);
  const lines = stack.fake.records('account.move.line').filter((l) => l.move_id === billId);
  assert.deepEqual(lines.map((l) => l.purchase_line_id).sort(), [...lineIds].sort(), 'each order line once on the bill');
  assert.equal(stack.fake.records('account.move.line').filter((l) => l.purchase_line_id).length, 3, 'no other bill line linked');
  assert.deepEqual(stack.fake.records('purchase.order.line').filter((l) => l.order_id === orderId).map((l) => l.qty_invoiced), [15, 5, 4]);
  const bill = stack.fake.records('account.move').find((m) => m.id === billId)!;
  assert.equal(bill.invoice_origin, 'P00001');
  assert.deepEqual(stack.fake.records('purchase.order').map((o) => o.state), ['purchase', 'purchase'], 'no order confirmed or changed');
  assert.doesNotMatch(String(job.review_reasons ?? ''), /purchase order/, 'nothing on the bill disagrees with its order');
});

test('addon: a public Factur-X bill (FNFE example, no lines) with its buyer order number BC543 takes the lines of that order', async () => {
  const stack = await suite.start({ addon: true, apps: ['purchase'] });
  seedTaxes(stack.fake, [{ rate: 0 }]);
  const [vendor] = stack.fake.seed('res.partner', [{ name: 'Au bon moulin', vat: 'FR11999999998', is_company: true }]);
  const [flour, sugar] = seedProducts(stack.fake, [{ code: 'FAR-T55', name: 'Farine de blé T55' }, { code: 'SUC-01', name: 'Sucre' }]);
  // the buyer's orders of that vendor: the one the bill names, and another still open
  seedOrder(stack.fake, { partner: vendor!, name: 'BC542', currency: 2, lines: [{ product: flour!, qty: 100, price: 1.5, received: 100 }] });
  const { lineIds } = seedOrder(stack.fake, { partner: vendor!, name: 'BC543', currency: 2, lines: [
    { product: flour!, qty: 250, price: 1.5, received: 250 }, { product: sugar!, qty: 89, price: 1.75, received: 89 },
  ] });
  trackBilling(stack.fake);
  const file = fromRoot('fixtures', 'documents', 'facturx', 'ZUGFeRDv2__correct__FNFE-factur-x-examples__Facture_DOM_BASICWL.pdf');
  const [billId] = stack.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'draft', journal_id: PURCHASE_JOURNAL, currency_id: 1, company_id: 1, date: '2017-11-05' }]);
  const attachmentId = stack.attach(readFileSync(file), 'Facture_DOM_BASICWL.pdf', 'application/pdf', 'account.move', billId);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  const rt = await stack.runtime(await stack.config({}, 'w1'), { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();

  const job = stack.jobs!.job(jobId);
  const lines = stack.fake.records('account.move.line').filter((l) => l.move_id === billId);
  assert.deepEqual(lines.map((l) => [l.purchase_line_id, l.quantity, l.price_unit]), [[lineIds[0], 250, 1.5], [lineIds[1], 89, 1.75]], String(job.review_reasons));
  assert.equal(stack.fake.records('account.move').find((m) => m.id === billId)!.invoice_origin, 'BC543');
  assert.doesNotMatch(String(job.review_reasons ?? ''), /purchase order/, 'the order\'s open amount is the document total');
});
