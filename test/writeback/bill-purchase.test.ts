// Vendor bills billed against purchase orders (purchase installed): found by the number on the bill or, failing it,
// among the vendor's open orders by their lines; linked as picking the order in Odoo 17 does (purchase_line_id on
// the lines, invoice_origin); the document's quantities and prices kept, every disagreement a review reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LineItem, ScanResult } from '../../src/contract.js';
import { connectOdoo } from '../../src/odoo/index.js';
import { applyWriteBack, prepareWriteBack } from '../../src/writeback/index.js';
import { startFakeOdoo } from '../support/fake-odoo/index.js';
import { answersByKey } from '../../src/worker/lookup-prefetch.js';
import { withPrefetched } from '../../src/worker/prefetched-client.js';
import { planLookups } from '../../src/writeback/lookup-plan.js';
import type { WorkTarget } from '../../src/writeback/index.js';
import { installFakeOcrJobs } from '../support/fake-ocr-job.js';
import { recountBilled, seedOrder, seedProducts, trackBilling } from '../support/fake-purchase.js';
import { POLICY, scan, seedAttachment, seedDraftBill, seedTaxes } from './helpers.js';

const line = (description: string, quantity: number | null, unit_price: number | null, tax_rate: number | null = 15): LineItem =>
  ({ description, quantity, unit_price, amount: quantity !== null && unit_price !== null ? Math.round(quantity * unit_price * 100) / 100 : null, tax_rate });

function bill(opts: { po?: string | null; poConfidence?: number; vendor?: string; vat?: string | null; lines?: LineItem[]; total: number; untaxed?: number; tax?: number; docType?: 'invoice' | 'credit_note' }): ScanResult {
  const sure = (value: unknown, confidence = 0.99) => (value === null || value === undefined ? { value: null, confidence: 0 } : { value, confidence });
  return scan('facturx-einfach', {
    source: 'pdf-text',
    lines: opts.lines ?? [],
    fields: {
      doc_type: sure(opts.docType ?? 'invoice'), vendor_name: sure(opts.vendor ?? 'Wood Corner'), vendor_vat: sure(opts.vat ?? null),
      invoice_number: sure('INV-2024-0042'), date: sure('2024-05-02'), currency: sure('USD'), amount_total: sure(opts.total),
      amount_untaxed: sure(opts.untaxed ?? null), amount_tax: sure(opts.tax ?? null),
      po_number: sure(opts.po ?? null, opts.poConfidence ?? 0.99),
    } as never,
  });
}

describe('vendor bills against purchase orders', () => {
  let tax15: number;
  let woodCorner: number;
  let azure: number;
  let chair: number;
  let lamp: number;
  let drawer: number;

  async function setUp() {
    const f = await startFakeOdoo({ version: 17, apps: ['purchase', 'stock'] });
    const c = await connectOdoo({ url: f.url, db: f.db, username: 'admin', apiKey: f.apiKey });
    [tax15] = seedTaxes(f, [{ rate: 15 }]);
    [woodCorner, azure] = f.seed('res.partner', [{ name: 'Wood Corner', is_company: true }, { name: 'Azure Interior', is_company: true }]);
    [chair, lamp, drawer] = seedProducts(f, [{ code: 'FURN_7777', name: 'Office Chair' }, { code: 'FURN_8888', name: 'Office Lamp' }, { code: 'FURN_8855', name: 'Drawer' }]);
    trackBilling(f);
    return { f, c, close: async () => { c.close(); await f.close(); } };
  }

  test('the number on the bill: lines linked to the order lines, document quantities and prices kept, nothing to review', async () => {
    const t = await setUp();
    try {
      const { lineIds } = seedOrder(t.f, { partner: woodCorner, lines: [
        { product: chair, qty: 10, price: 80, received: 10, taxes: [tax15] }, { product: lamp, qty: 4, price: 132.5, received: 4, taxes: [tax15] },
      ] });
      const { moveId, attachmentId } = seedDraftBill(t.f);
      const target = { resModel: 'account.move' as const, resId: moveId, attachmentId, companyId: 1 };
      const scanned = bill({ po: 'P00001', lines: [line('[FURN_7777] Office Chair', 10, 80), line('FURN_8888 Office Lamp', 4, 132.5)], total: 1529.5, untaxed: 1330, tax: 199.5 });
      const prepared = await prepareWriteBack(t.c, target, scanned, POLICY);
      assert.deepEqual(prepared.review_reasons, []);
      const commands = prepared.write.invoice_line_ids as Array<[number, number, Record<string, unknown>]>;
      assert.deepEqual(commands.map((c) => [c[2].purchase_line_id, c[2].product_id, c[2].quantity, c[2].price_unit, c[2].tax_ids]),
        [[lineIds[0], chair, 10, 80, [[6, 0, [tax15]]]], [lineIds[1], lamp, 4, 132.5, [[6, 0, [tax15]]]]]);
      assert.equal(prepared.write.invoice_origin, 'P00001');
      assert.equal(prepared.write.partner_id, woodCorner);
      assert.match(prepared.note, /linked to purchase order P00001/);
      await applyWriteBack(t.c, target, prepared, POLICY, 'job-00001');
      const billed = t.f.records('purchase.order.line').map((l) => l.qty_invoiced);
      assert.deepEqual(billed, [10, 4]);
      assert.equal(t.f.records('purchase.order')[0].invoice_status, 'invoiced');
      assert.equal(t.f.records('purchase.order')[0].state, 'purchase', 'the order is never confirmed or changed by the worker');
    } finally { await t.close(); }
  });

  test('disagreements with the order go to review, each with its reason; the document stays as read', async () => {
    const t = await setUp();
    try {
      seedOrder(t.f, { partner: woodCorner, lines: [
        { product: chair, qty: 10, price: 80, received: 6, taxes: [tax15] }, { product: lamp, qty: 4, price: 132.5, received: 4, taxes: [tax15] },
      ] });
      const { moveId, attachmentId } = seedDraftBill(t.f);
      const scanned = bill({ po: 'P00001', lines: [line('Office Chair', 10, 80), line('Office Lamp', 4, 140), line('Freight', 1, 25)], total: 1592.75 });
      const prepared = await prepareWriteBack(t.c, { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 }, scanned, POLICY);
      const codes = (prepared.review_codes ?? []).map((c) => c.code).sort();
      assert.deepEqual(codes, ['po_line_not_ordered', 'po_price_differs', 'po_quantity_exceeds']);
      assert.match(prepared.review_reasons.join('\n'), /Office Chair billed 10, only 6 open to bill \(received 6, billed 0\)/);
      assert.match(prepared.review_reasons.join('\n'), /Office Lamp billed at 140\.00, ordered at 132\.50/);
      const vals = (prepared.write.invoice_line_ids as Array<[number, number, Record<string, unknown>]>).map((c) => c[2]);
      assert.deepEqual(vals.map((v) => [v.quantity, v.price_unit, v.purchase_line_id !== undefined]), [[10, 80, true], [4, 140, true], [1, 25, false]]);
      assert.equal(prepared.needs_review, true);
    } finally { await t.close(); }
  });

  test("an order of another vendor is not linked; an RFQ is not linked nor confirmed; an unknown number is said", async () => {
    const t = await setUp();
    try {
      seedOrder(t.f, { partner: azure, name: 'P00001', lines: [{ product: chair, qty: 1, price: 80, received: 1 }] });
      seedOrder(t.f, { partner: woodCorner, name: 'P00002', state: 'sent', lines: [{ product: chair, qty: 1, price: 80 }] });
      const { moveId, attachmentId } = seedDraftBill(t.f, { partner_id: woodCorner });
      const target = { resModel: 'account.move' as const, resId: moveId, attachmentId, companyId: 1 };
      const cases: Array<[string, RegExp]> = [
        ['P00001', /P00001 is of Azure Interior, not of the vendor Wood Corner: not linked/],
        ['P00002', /P00002 is not confirmed: not linked/],
        ['P09999', /purchase order P09999 not found in Odoo/],
      ];
      for (const [po, expected] of cases) {
        const prepared = await prepareWriteBack(t.c, target, bill({ po, lines: [line('Office Chair', 1, 80)], total: 80, untaxed: 80, tax: 0 }), POLICY);
        assert.match(prepared.review_reasons.join('\n'), expected, po);
        const vals = (prepared.write.invoice_line_ids as Array<[number, number, Record<string, unknown>]> | undefined ?? []).map((c) => c[2]);
        assert.ok(vals.every((v) => !('purchase_line_id' in v)), po);
      }
      assert.deepEqual(t.f.records('purchase.order').map((o) => o.state), ['purchase', 'sent']);
    } finally { await t.close(); }
  });

  test("no number: the vendor's open order whose lines the bill's are; two orders that fit equally are left to a person", async () => {
    const t = await setUp();
    try {
      seedOrder(t.f, { partner: woodCorner, lines: [{ product: chair, qty: 5, price: 80, received: 5, taxes: [tax15] }] });
      const { orderId } = seedOrder(t.f, { partner: woodCorner, lines: [{ product: drawer, qty: 3, price: 99, received: 3, taxes: [tax15] }, { product: lamp, qty: 2, price: 132.5, received: 2, taxes: [tax15] }] });
      const { moveId, attachmentId } = seedDraftBill(t.f, { partner_id: woodCorner });
      const target = { resModel: 'account.move' as const, resId: moveId, attachmentId, companyId: 1 };
      const prepared = await prepareWriteBack(t.c, target, bill({ lines: [line('Drawer', 3, 99), line('Office Lamp', 2, 132.5)], total: 646.3 }), POLICY);
      assert.deepEqual(prepared.review_reasons, []);
      const order = t.f.records('purchase.order').find((o) => o.id === orderId)!;
      assert.equal(prepared.write.invoice_origin, order.name);
      // a bill without lines: the one open order of that total, with what is left to bill on it
      const byTotal = await prepareWriteBack(t.c, target, bill({ total: 460 }), POLICY);
      assert.equal(byTotal.write.invoice_origin, t.f.records('purchase.order')[0].name);
      // a second order with the same lines: ambiguous, nothing linked
      seedOrder(t.f, { partner: woodCorner, lines: [{ product: chair, qty: 5, price: 80, received: 5, taxes: [tax15] }] });
      const twice = await prepareWriteBack(t.c, target, bill({ lines: [line('Office Chair', 5, 80)], total: 460 }), POLICY);
      assert.match(twice.review_reasons.join('\n'), /several open purchase orders of the vendor fit the bill/);
      assert.equal(twice.write.invoice_origin, undefined);
    } finally { await t.close(); }
  });

  test('a bill without lines takes the order lines with what is left to bill; a retry after the write links nothing twice', async () => {
    const t = await setUp();
    try {
      const { lineIds } = seedOrder(t.f, { partner: woodCorner, lines: [{ product: chair, qty: 10, price: 80, received: 4, taxes: [tax15] }] });
      const attachmentId = seedAttachment(t.f, { name: 'bill.pdf' });
      const target = { resModel: 'ir.attachment' as const, resId: null, attachmentId, companyId: 1 };
      const scanned = bill({ po: 'P00001', total: 368 });
      const first = await prepareWriteBack(t.c, target, scanned, POLICY);
      assert.deepEqual(first.review_reasons, []);
      const vals = (first.create_move!.invoice_line_ids as Array<[number, number, Record<string, unknown>]>).map((c) => c[2]);
      assert.deepEqual(vals.map((v) => [v.purchase_line_id, v.quantity, v.price_unit]), [[lineIds[0], 4, 80]]);
      // killed after reading, before writing: the retry prepares again and writes once
      const again = await prepareWriteBack(t.c, target, scanned, POLICY);
      await applyWriteBack(t.c, target, again, POLICY, 'job-00009');
      await applyWriteBack(t.c, target, first, POLICY, 'job-00009'); // a stale answer arriving late changes nothing
      recountBilled(t.f);
      assert.equal(t.f.records('account.move').length, 1);
      assert.equal(t.f.records('account.move.line').filter((l) => l.purchase_line_id === lineIds[0]).length, 1);
      assert.equal(t.f.records('purchase.order.line')[0].qty_invoiced, 4);
    } finally { await t.close(); }
  });

  test('without purchase installed, or for a credit note, bills are filled as before', async () => {
    const t = await setUp();
    try {
      seedOrder(t.f, { partner: woodCorner, lines: [{ product: chair, qty: 1, price: 80, received: 1 }] });
      const { moveId, attachmentId } = seedDraftBill(t.f);
      const prepared = await prepareWriteBack(t.c, { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 }, bill({ po: 'P00001', docType: 'credit_note', total: 80, untaxed: 80, tax: 0 }), POLICY);
      assert.equal(prepared.write.invoice_origin, undefined);
    } finally { await t.close(); }
    const plain = await startFakeOdoo({ version: 17 });
    const c = await connectOdoo({ url: plain.url, db: plain.db, username: 'admin', apiKey: plain.apiKey });
    try {
      plain.seed('res.partner', [{ name: 'Wood Corner', is_company: true }]);
      const { moveId, attachmentId } = seedDraftBill(plain);
      const prepared = await prepareWriteBack(c, { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 }, bill({ po: 'P00001', total: 80, untaxed: 80, tax: 0 }), POLICY);
      assert.deepEqual(prepared.review_reasons, []);
      assert.equal(plain.callCount({ model: 'purchase.order' }), 0);
    } finally { c.close(); await plain.close(); }
  });

  test('planned into the one ocr.job.lookup call: the same values, and no order searched separately', async () => {
    const t = await setUp();
    try {
      const jobs = installFakeOcrJobs(t.f);
      t.f.write('res.partner', [woodCorner], { vat: 'US12345678' }, 1);
      seedOrder(t.f, { partner: woodCorner, lines: [{ product: chair, qty: 5, price: 80, received: 5, taxes: [tax15] }] });
      seedOrder(t.f, { partner: woodCorner, lines: [{ product: lamp, qty: 2, price: 132.5, received: 2, taxes: [tax15] }] });
      for (const [po, lines] of [['P00002', [line('Office Lamp', 2, 132.5)]], [null, [line('Office Chair', 5, 80)]]] as const) {
        const { moveId, attachmentId } = seedDraftBill(t.f);
        const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 };
        const scanned = bill({ po, vat: 'US12345678', lines: [...lines], total: po ? 304.75 : 460 });
        const own = await prepareWriteBack(t.c, target, scanned, POLICY);
        assert.ok(own.write.invoice_origin, `${po ?? 'open orders'}: linked`);
        const [meta] = t.f.readRows('ir.attachment', [attachmentId], ['checksum', 'res_model', 'res_id']);
        const queries = await planLookups(t.c, target, scanned, { checksum: (meta!.checksum as string) || null, moveId });
        jobs.enqueue({ attachmentId, resModel: 'account.move', resId: moveId, companyId: 1 });
        const [lease] = await t.c.call<Array<{ job_id: number; token: string }>>('ocr.job', 'claim', { kwargs: { worker_id: 'po-plan', limit: 1 } });
        const answer = await t.c.call<{ results: Array<Record<string, unknown>[]> }>('ocr.job', 'lookup', { kwargs: { job_id: lease!.job_id, token: lease!.token, queries } });
        t.f.resetCalls();
        const batched = await prepareWriteBack(withPrefetched(t.c, new Map(), answersByKey(queries, answer.results)), target, scanned, POLICY);
        assert.deepEqual({ ...batched, duration_ms: 0 }, { ...own, duration_ms: 0 });
        const searched = t.f.calls.filter((c) => c.method === 'search_read' && String(c.model).startsWith('purchase.')).length;
        assert.equal(searched, 0, `${po ?? 'open orders'}: every order search answered by the batch`);
      }
    } finally { await t.close(); }
  });
});
