import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { EUR, notesOn, POLICY, scan, seedAttachment, startOdoo, type TestOdoo, USD } from './helpers.js';

function seedExpense(odoo: TestOdoo, values: Record<string, unknown>, fileName = 'receipt_0001.jpg'): WorkTarget {
  const [id] = odoo.fake.seed('hr.expense', [{
    name: fileName.replace(/\.[^.]+$/, ''), employee_id: 1, currency_id: USD, company_id: 1, quantity: 1, state: 'draft', ...values,
  }]);
  const attachmentId = seedAttachment(odoo.fake, { name: fileName, resModel: 'hr.expense', resId: id! });
  return { resModel: 'hr.expense', resId: id!, attachmentId, companyId: null };
}

const expense = (odoo: TestOdoo, id: number) => odoo.fake.records('hr.expense').find((r) => r.id === id)!;

describe('hr.expense on Odoo 17', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(17); });
  after(async () => { await odoo.close(); });

  it('writes the receipt amount into total_amount_currency; the description is the vendor and the date, never the receipt number', async () => {
    const target = seedExpense(odoo, { total_amount_currency: 0, price_unit: 0 });
    const result = scan('sroie-000', { fields: { currency: { value: 'EUR', confidence: 0.95 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.deepEqual(prepared.write, {
      name: 'BOOK TA .K (TAMAN DAYA) SDN BHD, 2018-12-25',
      description: 'Vendor: BOOK TA .K (TAMAN DAYA) SDN BHD',
      date: '2018-12-25',
      currency_id: EUR,
      total_amount_currency: 9,
    });
    assert.equal(prepared.create_move, null);
    assert.equal('unit_amount' in prepared.write, false);
    assert.equal(prepared.needs_review, false);
    assert.equal(prepared.doc_type, 'receipt');
    assert.equal(prepared.duration_ms, 2310);
    assert.equal(prepared.confidence, Math.min(result.fields!.amount_total.confidence, result.fields!.date.confidence), 'the weakest key field of an expense');

    const applied = await applyWriteBack(odoo.client, target, prepared, POLICY, 'sha256-expense-17-aaaa');
    assert.deepEqual(applied.written.sort(), ['currency_id', 'date', 'description', 'name', 'total_amount_currency']);
    const row = expense(odoo, target.resId!);
    assert.equal(row.total_amount_currency, 9);
    assert.equal(row.currency_id, EUR);
    assert.equal(row.date, '2018-12-25');
    assert.equal(notesOn(odoo.fake, 'hr.expense', target.resId!).length, 1);
  });

  it('keeps what the employee typed and only fills the empty fields', async () => {
    const target = seedExpense(odoo, { name: 'Taxi to client', total_amount_currency: 12.5, description: false, date: false });
    const prepared = await prepareWriteBack(odoo.client, target, scan('sroie-000'), POLICY);
    assert.deepEqual(Object.keys(prepared.write).sort(), ['date', 'description']);
    assert.match(prepared.note, /<li>Left as entered: Description, Total In Currency<\/li>/);
    assert.equal(prepared.needs_review, false);
  });

  it('sets the default expense product only where none is chosen, and keeps a name the employee gave', async () => {
    const [product] = odoo.fake.seed('product.product', [{ name: 'Expenses', default_code: 'EXP_GEN' }]);
    const [other] = odoo.fake.seed('product.product', [{ name: 'Meals' }]);
    const empty = seedExpense(odoo, { total_amount_currency: 0 });
    const chosen = seedExpense(odoo, { total_amount_currency: 0, product_id: other, name: 'Lunch with client' }, 'IMG_2231.jpg');
    const policy = { ...POLICY, defaultExpenseProductId: product! };
    const a = await prepareWriteBack(odoo.client, empty, scan('sroie-000'), policy);
    const b = await prepareWriteBack(odoo.client, chosen, scan('sroie-000'), policy);
    assert.equal(a.write.product_id, product);
    assert.equal(a.write.name, 'BOOK TA .K (TAMAN DAYA) SDN BHD, 2018-12-25'); // "receipt_0001" was only the file name
    assert.equal('product_id' in b.write, false);
    assert.equal('name' in b.write, false);
  });

  it('replaces the date Odoo defaulted at creation, but not a date the employee picked', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const defaulted = seedExpense(odoo, { total_amount_currency: 0, date: today });
    const picked = seedExpense(odoo, { total_amount_currency: 0, date: '2018-12-24' });
    const a = await prepareWriteBack(odoo.client, defaulted, scan('sroie-000'), POLICY);
    const b = await prepareWriteBack(odoo.client, picked, scan('sroie-000'), POLICY);
    assert.equal(a.write.date, '2018-12-25');
    assert.equal('date' in b.write, false);
    assert.match(b.note, /Left as entered: Expense Date/);
  });

  it('does not change an expense that was already submitted', async () => {
    const target = seedExpense(odoo, { state: 'submitted', total_amount_currency: 0 });
    const prepared = await prepareWriteBack(odoo.client, target, scan('sroie-000'), POLICY);
    assert.deepEqual(prepared.write, {});
    assert.ok(prepared.review_reasons.includes('expense is submitted: not changed'));
    const applied = await applyWriteBack(odoo.client, target, prepared, POLICY, 'sha256-expense-17-subm');
    assert.deepEqual(applied.written, []);
    assert.equal(expense(odoo, target.resId!).total_amount_currency, 0);
  });

  it('does not put a credit note into an expense', async () => {
    const target = seedExpense(odoo, { total_amount_currency: 0 });
    const prepared = await prepareWriteBack(odoo.client, target, scan('rechnungskorrektur'), POLICY);
    assert.deepEqual(prepared.write, {});
    assert.equal(prepared.needs_review, true);
    assert.match(prepared.review_reasons.join('\n'), /credit note, not a receipt/);
  });

  it('withholds an amount read with low confidence and says so', async () => {
    const target = seedExpense(odoo, { total_amount_currency: 0 });
    const result = scan('sroie-000', { fields: { amount_total: { value: 9, confidence: 0.4 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal('total_amount_currency' in prepared.write, false);
    assert.equal(prepared.write.date, '2018-12-25');
    assert.ok(prepared.review_reasons.includes('Not written, read with less than 80 % confidence: Total 40 %'));
    assert.equal(prepared.confidence, 0.4);
  });

  it('refuses an inactive document currency together with the amount', async () => {
    odoo.fake.seed('res.currency', [{ name: 'CHF', symbol: 'CHF', active: false }]);
    const target = seedExpense(odoo, { total_amount_currency: 0 });
    const result = scan('sroie-000', { fields: { currency: { value: 'CHF', confidence: 0.95 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal('total_amount_currency' in prepared.write, false);
    assert.equal('currency_id' in prepared.write, false);
    assert.ok(prepared.review_reasons.some((r) => r.startsWith('currency CHF is not active in Odoo: amounts not written')), String(prepared.review_reasons));
  });
});

describe('a receipt whose currency is not stated', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(17); });
  after(async () => { await odoo.close(); });

  const noCurrency = (language: string, text = 'BOOK TA .K\nTOTAL 9.00') => {
    const result = scan('sroie-000', { fields: { currency: { value: null, confidence: 0 } } });
    return { ...result, language, text };
  };

  it('is in the company\'s currency when its language is spoken in the company\'s country, and not written otherwise', async () => {
    odoo.fake.write('res.company', [1], { country_code: 'US' });
    const english = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), noCurrency('en'), POLICY);
    assert.equal(english.write.total_amount_currency, 9);
    const german = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), noCurrency('de'), POLICY);
    assert.equal('total_amount_currency' in german.write, false);
    assert.ok(german.review_reasons.includes('currency not stated on a document in de while the company is in US: amount not written (check the currency)'), String(german.review_reasons));
    assert.equal(german.write.date, '2018-12-25', 'the rest is still filled');
    const malaysian = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), noCurrency('en', 'BOOK TA .K (TAMAN DAYA) SDN BHD\nTOTAL 9.00'), POLICY);
    assert.equal('total_amount_currency' in malaysian.write, false, 'an English receipt of a Malaysian company is not in dollars');
    assert.ok(malaysian.review_reasons.some((r) => r.includes('legal form is from MY while the company is in US')), String(malaysian.review_reasons));
  });
});

describe('hr.expense on Odoo 16 field names', () => {
  let odoo: TestOdoo;
  before(async () => {
    odoo = await startOdoo(16);
    // 16 also has `reference` (dropped in 17); the fake plays 17's dump with 16's amount field only.
    odoo.fake.defineModel('hr.expense', { reference: { type: 'char', string: 'Bill Reference', store: true } });
  });
  after(async () => { await odoo.close(); });

  it('writes unit_amount (split over the quantity) and puts the receipt number into reference', async () => {
    const target = seedExpense(odoo, { unit_amount: 0, quantity: 2 });
    const result = scan('fatturapa-fpr12', { fields: { doc_type: { value: 'receipt', confidence: 0.9 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal(prepared.write.unit_amount, 610);
    assert.equal('total_amount_currency' in prepared.write, false);
    assert.equal(prepared.write.reference, '14410');
    assert.equal(prepared.write.description, "Vendor: SOCIETA' ALPHA SRL (VAT IT02780790107)");
    await applyWriteBack(odoo.client, target, prepared, POLICY, 'sha256-expense-16-aaaa');
    const row = expense(odoo, target.resId!);
    assert.equal(row.unit_amount, 610);
    assert.equal(row.reference, '14410');
  });
});

describe('hr.expense on Odoo 19 (JSON-2)', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(19); });
  after(async () => { await odoo.close(); });

  it('links the vendor by VAT and keeps the number in the description (no reference field)', async () => {
    const [alpha] = odoo.fake.seed('res.partner', [{ name: 'Società Alpha S.r.l.', vat: 'IT 02780790107', is_company: true }]);
    const target = seedExpense(odoo, { total_amount_currency: 0, payment_mode: 'own_account' });
    const result = scan('fatturapa-fpr12', { fields: { doc_type: { value: 'receipt', confidence: 0.9 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal(odoo.client.transport, 'json2');
    assert.equal(prepared.write.vendor_id, alpha);
    assert.equal(prepared.write.total_amount_currency, 1220);
    assert.equal(prepared.write.description, "Vendor: SOCIETA' ALPHA SRL (VAT IT02780790107)\nReceipt/invoice no.: 14410");
    assert.equal('reference' in prepared.write, false);
    const applied = await applyWriteBack(odoo.client, target, prepared, POLICY, 'sha256-expense-19-aaaa');
    assert.ok(applied.written.includes('vendor_id'));
    assert.equal(expense(odoo, target.resId!).vendor_id, alpha);
  });
});

describe('languageFitsCountry', () => {
  it('says whether a document\'s language is spoken in the company\'s country, and nothing when either is unknown', async () => {
    const { languageFitsCountry } = await import('../../src/writeback/currency.js');
    assert.equal(languageFitsCountry('en', 'US'), true);
    assert.equal(languageFitsCountry('de', 'US'), false);
    assert.equal(languageFitsCountry('fr', 'BE'), true);
    assert.equal(languageFitsCountry(null, 'US'), null);
    assert.equal(languageFitsCountry('en', 'KE'), null);
    const { legalFormCountries } = await import('../../src/writeback/currency.js');
    assert.deepEqual(legalFormCountries('MR D.I.Y. (M) SDN BHD'), ['MY']);
    assert.deepEqual(legalFormCountries('Muster GmbH, Berlin'), ['DE', 'AT', 'CH', 'LI']);
    assert.deepEqual(legalFormCountries('ACME Inc.'), []);
  });
});
