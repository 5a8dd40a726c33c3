import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LearnedAccounting } from '../../src/contract.js';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { computeMoveTotals, linesOf, move, POLICY, scan, seedDraftBill, seedTaxes, startOdoo, type TestOdoo } from './helpers.js';

// The accounts, taxes and products an accountant chose on a vendor's posted bills (the vendor memory) are used on
// the lines of that vendor's next bill — for that partner only, only what is still usable, and a learned tax only
// when the lines still add up to the document's total.
describe('bill lines as the accountant chose them for the vendor', () => {
  let odoo: TestOdoo;
  let vendor: number;
  let other: number;
  let account: number;
  let oldAccount: number;
  let product: number;
  let tax19: number;
  let tax19Reverse: number;
  before(async () => {
    odoo = await startOdoo(17);
    computeMoveTotals(odoo.fake);
    [vendor, other] = odoo.fake.seed('res.partner', [
      { name: 'Lieferant GmbH', vat: 'DE123456789', is_company: true }, { name: 'Someone Else', is_company: true },
    ]) as [number, number];
    [account, oldAccount] = odoo.fake.seed('account.account', [
      { code: '6815', name: 'Office supplies', account_type: 'expense', company_id: 1, deprecated: false },
      { code: '6800', name: 'Old supplies', account_type: 'expense', company_id: 1, deprecated: true },
    ]) as [number, number];
    [product] = odoo.fake.seed('product.product', [{ name: 'Office material' }]) as [number];
    // two purchase taxes of 19 %: the plan takes the first, the accountant chose the second for this vendor
    [tax19, tax19Reverse] = seedTaxes(odoo.fake, [{ rate: 19 }, { rate: 19 }, { rate: 7 }]) as [number, number];
  });
  after(async () => { await odoo.close(); });

  function target(): WorkTarget {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake);
    return { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
  }
  const oneRate = (accounting: LearnedAccounting) => scan('facturx-einfach', {
    fields: { amount_total: { value: 119 }, amount_untaxed: { value: 100 }, amount_tax: { value: 19 } }, lines: [],
    memory: { profile: 'p', matched_by: 'vat', documents: 2, changed: [], rules: {}, learned: false, accounting },
  });

  it('puts the vendor\'s usual account, product and tax on the lines, and the bill still adds up', async () => {
    const t = target();
    const prepared = await prepareWriteBack(odoo.client, t, oneRate({ partner_id: vendor, account_id: account, tax_ids: [tax19Reverse], product_id: product }), POLICY);
    assert.equal(prepared.write.partner_id, vendor);
    assert.deepEqual(prepared.write.invoice_line_ids, [
      [0, 0, { name: 'Lieferant GmbH 471102', quantity: 1, price_unit: 100, tax_ids: [[6, 0, [tax19Reverse]]], account_id: account, product_id: product }],
    ]);
    assert.match(prepared.note, /account, product, taxes as on the vendor&#39;s posted bills/);
    assert.equal(prepared.needs_review, false);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-learned-0001');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 119);
    assert.equal(linesOf(odoo.fake, t.resId!)[0]!.account_id, account);
  });

  it('keeps the document\'s own taxes when the learned ones would not give its total', async () => {
    const result = scan('facturx-einfach', { memory: { profile: 'p', matched_by: 'vat', documents: 2, changed: [], rules: {}, learned: false, accounting: { partner_id: vendor, account_id: account, tax_ids: [tax19Reverse], product_id: null } } });
    const prepared = await prepareWriteBack(odoo.client, target(), result, POLICY);
    const lines = prepared.write.invoice_line_ids as [number, number, Record<string, unknown>][];
    assert.equal(lines.length, 2);
    assert.deepEqual(lines.map((l) => l[2].account_id), [account, account]);
    assert.notDeepEqual(lines[0]![2].tax_ids, [[6, 0, [tax19Reverse]]], 'a 19 % and a 7 % line: one tax set cannot be right');
    assert.deepEqual(prepared.review_reasons.filter((r) => /line|tax/.test(r)), [], 'the lines add up');
  });

  it('splits a total whose untaxed amount and tax were not read surely by the vendor\'s learned tax, when that gives the total to the cent', async () => {
    const unsplit = (total: number) => scan('facturx-einfach', {
      fields: { amount_total: { value: total }, amount_untaxed: { value: null, confidence: 0 }, amount_tax: { value: null, confidence: 0 } }, lines: [],
      memory: { profile: 'p', matched_by: 'vat', documents: 2, changed: [], rules: {}, learned: false, accounting: { partner_id: vendor, account_id: account, tax_ids: [tax19Reverse], product_id: null } },
    });
    const split = await prepareWriteBack(odoo.client, target(), unsplit(119), POLICY);
    assert.deepEqual(split.write.invoice_line_ids, [[0, 0, { name: 'Lieferant GmbH 471102', quantity: 1, price_unit: 100, tax_ids: [[6, 0, [tax19Reverse]]], account_id: account }]]);
    assert.deepEqual(split.review_reasons.filter((r) => /line|tax/.test(r)), [], 'the learned tax explains the total');
    // 1.03 at 19 %: 0.87 + 0.17 = 1.04, the learned tax cannot give this total: one line with the total, to review
    const kept = await prepareWriteBack(odoo.client, target(), unsplit(1.03), POLICY);
    assert.deepEqual(kept.write.invoice_line_ids, [[0, 0, { name: 'Lieferant GmbH 471102', quantity: 1, price_unit: 1.03, tax_ids: [[6, 0, []]], account_id: account }]]);
    assert.ok(kept.review_reasons.some((r) => /untaxed amount and tax not found/.test(r)));
  });

  it('never splits by the learned tax a total whose untaxed amount and tax were read but fit no single tax (a blend of rates)', async () => {
    // 100.00 + 12.75 = 112.75 printed and read surely: no one tax of the company gives 12.75 on 100.00; at the learned
    // 19 % the total would be split 94.75 + 18.00, amounts the page does not print
    const blend = scan('facturx-einfach', {
      fields: { amount_total: { value: 112.75 }, amount_untaxed: { value: 100 }, amount_tax: { value: 12.75 } }, lines: [],
      memory: { profile: 'p', matched_by: 'vat', documents: 2, changed: [], rules: {}, learned: false, accounting: { partner_id: vendor, account_id: account, tax_ids: [tax19Reverse], product_id: null } },
    });
    const prepared = await prepareWriteBack(odoo.client, target(), blend, POLICY);
    assert.deepEqual(prepared.write.invoice_line_ids, [[0, 0, { name: 'Lieferant GmbH 471102', quantity: 1, price_unit: 112.75, tax_ids: [[6, 0, []]], account_id: account }]]);
    assert.ok(prepared.review_reasons.some((r) => /blend of rates/.test(r)), prepared.review_reasons.join(' | '));
  });

  it('uses nothing learned for another partner, nor an account deprecated since', async () => {
    const forOther = await prepareWriteBack(odoo.client, target(), oneRate({ partner_id: other, account_id: account, tax_ids: [tax19Reverse], product_id: product }), POLICY);
    assert.deepEqual(forOther.write.invoice_line_ids, [[0, 0, { name: 'Lieferant GmbH 471102', quantity: 1, price_unit: 100, tax_ids: [[6, 0, [tax19]]] }]]);
    const deprecated = await prepareWriteBack(odoo.client, target(), oneRate({ partner_id: vendor, account_id: oldAccount, tax_ids: null, product_id: null }), POLICY);
    assert.deepEqual(deprecated.write.invoice_line_ids, [[0, 0, { name: 'Lieferant GmbH 471102', quantity: 1, price_unit: 100, tax_ids: [[6, 0, [tax19]]] }]]);
    assert.doesNotMatch(deprecated.note, /as on the vendor/);
  });
});
