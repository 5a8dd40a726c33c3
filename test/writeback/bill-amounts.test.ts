import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import {
  computeMoveTotals, EUR, linesOf, move, POLICY, scan, seedCompany2, seedDraftBill, seedTaxes, startOdoo, type TestOdoo,
} from './helpers.js';

describe('bill lines and taxes', () => {
  let odoo: TestOdoo;
  let company2: { companyId: number; journalId: number };
  let tax19: number;
  let tax7: number;
  let tax22: number;
  let tax22c2: number;
  before(async () => {
    odoo = await startOdoo(17);
    computeMoveTotals(odoo.fake);
    company2 = seedCompany2(odoo.fake);
    // Decoys first in sequence: a sales tax, an included tax, a fixed tax and company 2's tax of the same rate.
    [, , , tax22c2] = seedTaxes(odoo.fake, [
      { rate: 22, use: 'sale', sequence: 1 }, { rate: 22, priceInclude: true, sequence: 2 }, { rate: 22, type: 'fixed', sequence: 3 },
      { rate: 22, company: company2.companyId, sequence: 4 },
    ]);
    [tax19, tax7, tax22] = seedTaxes(odoo.fake, [{ rate: 19 }, { rate: 7 }, { rate: 22 }]);
  });
  after(async () => { await odoo.close(); });

  function target(companyId: number | null = null, values: Record<string, unknown> = {}): WorkTarget {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake, values);
    return { resModel: 'account.move', resId: moveId, attachmentId, companyId };
  }

  it('writes the extracted lines with the purchase tax of each rate, and Odoo computes the document total', async () => {
    odoo.fake.seed('res.partner', [{ name: 'Lieferant GmbH', vat: 'DE123456789', is_company: true }]);
    const t = target();
    const prepared = await prepareWriteBack(odoo.client, t, scan('facturx-einfach'), POLICY);
    assert.deepEqual(prepared.write.invoice_line_ids, [
      [0, 0, { name: 'Trennblätter A4', quantity: 20, price_unit: 9.9, tax_ids: [[6, 0, [tax19]]] }],
      [0, 0, { name: 'Joghurt Banane', quantity: 50, price_unit: 5.5, tax_ids: [[6, 0, [tax7]]] }],
    ]);
    assert.equal(prepared.write.invoice_date, '2018-03-05');
    assert.equal(prepared.write.ref, '471102');
    assert.equal(prepared.write.payment_reference, '471102');
    assert.equal(prepared.write.currency_id, EUR);
    assert.equal(prepared.needs_review, false);
    assert.equal('to_check' in prepared.write, false);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-lines-0001');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 529.87);
    assert.equal(move(odoo.fake, t.resId!).state, 'draft');
    assert.equal(linesOf(odoo.fake, t.resId!).length, 2);
  });

  it('without lines, writes one line with the untaxed total and the purchase tax whose rate gives the total', async () => {
    const t = target();
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-fpr12'), POLICY);
    assert.deepEqual(prepared.write.invoice_line_ids, [
      [0, 0, { name: "SOCIETA' ALPHA SRL 14410", quantity: 1, price_unit: 1000, tax_ids: [[6, 0, [tax22]]] }],
    ]);
    assert.equal(prepared.write.invoice_date_due, '2020-02-29');
    assert.equal(prepared.write.invoice_payment_term_id, false);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-single-0001');
    const row = move(odoo.fake, t.resId!);
    assert.deepEqual([row.amount_untaxed, row.amount_tax, row.amount_total], [1000, 220, 1220]);
  });

  it('books a tax rate the company has no purchase tax for inside the amount, so the total is right, and flags it', async () => {
    const t = target();
    const result = scan('fatturapa-fpr12', { fields: { amount_total: { value: 1077 }, amount_tax: { value: 77 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.deepEqual(prepared.write.invoice_line_ids, [
      [0, 0, { name: "SOCIETA' ALPHA SRL 14410", quantity: 1, price_unit: 1077, tax_ids: [[6, 0, []]] }],
    ]);
    assert.ok(prepared.review_reasons.some((r) => r.startsWith('no purchase tax at 7.7 %: the tax is booked in the line amounts')), prepared.review_reasons.join(' | '));
    assert.equal(prepared.needs_review, true);
    assert.equal(prepared.write.to_check, true);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-gross-00001');
    assert.equal(move(odoo.fake, t.resId!).amount_total, 1077);
  });

  it('writes the total as one line, flagged, when the document lines do not add up to it and no tax is known', async () => {
    const t = target();
    const result = scan('facturx-einfach', { fields: { amount_total: { value: 600 }, amount_untaxed: { value: null, confidence: 0 }, amount_tax: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.ok(prepared.review_reasons.includes('untaxed amount and tax not found: one line with the total, no tax'), prepared.review_reasons.join(' | '));
    const lines = prepared.write.invoice_line_ids as Array<[number, number, { price_unit: number }]>;
    assert.deepEqual(lines.map(([, , l]) => l.price_unit), [600]);
    assert.equal(prepared.write.to_check, true);
  });

  it('books the total of a blend of rates in one line without tax, flagged, so Odoo shows the document\'s total and never another', async () => {
    const t = target();
    // 56.87 on 473.00 is a blend of rates (12.02 %): no purchase tax gives it, and a line of 473.00 would total 473.00
    const result = scan('facturx-einfach', { fields: { amount_total: { value: 529.87 }, amount_untaxed: { value: 473 }, amount_tax: { value: 56.87 } } });
    const prepared = await prepareWriteBack(odoo.client, t, { ...result, lines: [] }, POLICY);
    assert.ok(prepared.review_reasons.some((r) => r.includes('fit no single purchase tax of the company (a blend of rates?): one line with the total, no tax')), prepared.review_reasons.join(' | '));
    const lines = prepared.write.invoice_line_ids as Array<[number, number, { price_unit: number; tax_ids: unknown }]>;
    assert.deepEqual(lines.map(([, , l]) => [l.price_unit, l.tax_ids]), [[529.87, [[6, 0, []]]]]);
    assert.equal(prepared.write.to_check, true);
  });

  it('picks the taxes of the target record company (multi-company) and uses only its partners', async () => {
    const t = target(null, { company_id: company2.companyId, journal_id: company2.journalId, currency_id: EUR });
    // The same vendor exists in both companies: only company 2's record may be used.
    const [, alpha2] = odoo.fake.seed('res.partner', [
      { name: 'Alpha (company 1)', vat: 'IT02780790107', company_id: 1 },
      { name: 'Alpha (company 2)', vat: 'IT02780790107', company_id: company2.companyId },
    ]);
    const prepared = await prepareWriteBack(odoo.client, t, scan('fatturapa-fpr12'), POLICY);
    assert.equal(prepared.write.partner_id, alpha2);
    const [[, , line]] = prepared.write.invoice_line_ids as Array<[number, number, { tax_ids: unknown }]>;
    assert.deepEqual(line.tax_ids, [[6, 0, [tax22c2]]]);
    assert.equal('currency_id' in prepared.write, false); // already EUR
  });

  it('does not write amounts in a currency that is not active', async () => {
    odoo.fake.seed('res.currency', [{ name: 'SEK', symbol: 'kr', active: false }]);
    const t = target();
    const result = scan('fatturapa-fpr12', { fields: { currency: { value: 'SEK' } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.equal('invoice_line_ids' in prepared.write, false);
    assert.equal('currency_id' in prepared.write, false);
    const reason = prepared.review_reasons.find((r) => r.startsWith('currency SEK is not active in Odoo: amounts not written'));
    assert.ok(reason, prepared.review_reasons.join('; '));
    assert.match(reason, /ACTIVATE_CURRENCIES=true/, 'the note says how to fix it');
    assert.equal(prepared.write.ref, '14410'); // the rest is still filled
    assert.equal(prepared.activate_currency_ids, undefined);
  });

  it('activates an inactive document currency when ACTIVATE_CURRENCIES is on, and writes the amounts in it', async () => {
    const [nok] = odoo.fake.seed('res.currency', [{ name: 'NOK', symbol: 'kr', active: false }]);
    const t = target();
    const result = scan('fatturapa-fpr12', { fields: { currency: { value: 'NOK' } } });
    const policy = { ...POLICY, activateCurrencies: true };
    const prepared = await prepareWriteBack(odoo.client, t, result, policy);
    assert.deepEqual(prepared.activate_currency_ids, [nok]);
    assert.equal(prepared.write.currency_id, nok);
    assert.ok('invoice_line_ids' in prepared.write);
    assert.match(prepared.note, /currency NOK was not active in Odoo: activated/);
    await applyWriteBack(odoo.client, t, prepared, policy, 'activate-currency-test');
    assert.equal(odoo.fake.records('res.currency').find((c) => c.id === nok)?.active, true);
  });

  it('leaves fields read with low confidence to a person and lists them in the note', async () => {
    const t = target();
    const result = scan('fatturapa-fpr12', { fields: { date: { confidence: 0.42 }, invoice_number: { confidence: 0.5 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.equal('invoice_date' in prepared.write, false);
    assert.equal('ref' in prepared.write, false);
    assert.ok(prepared.review_reasons.includes('Not written, read with less than 80 % confidence: Date 42 %, Document number 50 %'));
    assert.match(prepared.note, /Not written \(low confidence\): Date 42 %, Document number 50 %/);
    assert.doesNotMatch(prepared.note, /read with less than/, 'the note says it once, not again under "To review"');
    assert.match(prepared.note, /confidence 42 %/, 'the note gives the job confidence that Odoo shows');
    assert.match(prepared.note, /<b>OCR: Invoice<\/b> <small>\(key fields: confidence 42 %\)<\/small>/, 'as the key fields\', not the document type\'s');
  });
});
