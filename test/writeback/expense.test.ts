import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { NAME_LABEL_THRESHOLD } from '../../src/write-rules.js';
import { amountsHeldOffline } from '../../src/writeback/currency.js';
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

  it('titles the expense after a shop read below the write threshold but at the title\'s bar, says so, and writes no vendor value', async () => {
    const target = seedExpense(odoo, { total_amount_currency: 0 });
    const sureDate = { value: '2018-12-25', confidence: 0.99 };
    const unsure = scan('sroie-000', { fields: { date: sureDate, vendor_name: { value: 'BOOK TA .K (TAMAN DAYA) SDN BHD', confidence: NAME_LABEL_THRESHOLD } } });
    const strict = { ...POLICY, writeThreshold: 0.99 };
    const prepared = await prepareWriteBack(odoo.client, target, unsure, strict);
    assert.equal(prepared.write.name, 'BOOK TA .K (TAMAN DAYA) SDN BHD, 2018-12-25');
    assert.doesNotMatch(String(prepared.write.description ?? ''), /BOOK TA/, 'the vendor line of the internal notes needs the write threshold');
    assert.match(prepared.note, /title from the shop name read with 90 % confidence: check it/);

    const weak = scan('sroie-000', { fields: { date: sureDate, vendor_name: { value: 'BOOK TA .K (TAMAN DAYA) SDN BHD', confidence: NAME_LABEL_THRESHOLD - 0.01 } } });
    const below = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), weak, strict);
    assert.equal('name' in below.write, false, 'below the title\'s bar the upload\'s name stays');
    const lenient = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), weak, { ...POLICY, writeThreshold: 0.5 });
    assert.equal(lenient.write.name, 'BOOK TA .K (TAMAN DAYA) SDN BHD, 2018-12-25', 'never a higher bar than the write threshold');
  });

  it('reads "dated its creation day" in the creator\'s time zone: Odoo\'s default date is replaced, a day a person chose is kept', async () => {
    const [user] = odoo.fake.seed('res.users', [{ name: 'Kuala Lumpur accountant', login: 'kl', tz: 'Asia/Kuala_Lumpur' }]);
    // created at 20:00 UTC = 04:00 the next day in Kuala Lumpur, where Odoo dated it the 2nd
    const created = { create_uid: user, create_date: '2024-05-01 20:00:00', total_amount_currency: 0 };
    const defaulted = await prepareWriteBack(odoo.client, seedExpense(odoo, { ...created, date: '2024-05-02' }), scan('sroie-000'), POLICY);
    assert.equal(defaulted.write.date, '2018-12-25');
    const chosen = await prepareWriteBack(odoo.client, seedExpense(odoo, { ...created, date: '2024-05-01' }), scan('sroie-000'), POLICY);
    assert.equal('date' in chosen.write, false, 'the 1st is not the creator\'s creation day: a person chose it');
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

  it('fills an expense whose document reads unsurely as another kind, and asks for a review', async () => {
    const target = seedExpense(odoo, { total_amount_currency: 0 });
    const result = scan('sroie-000', { fields: { doc_type: { value: 'other', confidence: 0.5 }, currency: { value: 'EUR', confidence: 0.95 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal(prepared.write.total_amount_currency, 9);
    assert.equal(prepared.needs_review, true);
    assert.ok(prepared.review_reasons.includes('document may be a other (read with 50 %): filled as the expense it was uploaded as'),
      prepared.review_reasons.join(' | '));
  });

  it('does not send an expense to review for a vendor or receipt number held back when its total and date are written', async () => {
    const target = seedExpense(odoo, { total_amount_currency: 0 });
    const result = scan('sroie-000', { fields: { currency: { value: 'EUR', confidence: 0.95 }, vendor_name: { value: 'BOOK TA .K', confidence: 0.4 }, invoice_number: { value: '0501', confidence: 0.3 } } });
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal(prepared.write.total_amount_currency, 9);
    assert.equal(prepared.write.date, '2018-12-25');
    assert.equal(prepared.needs_review, false, prepared.review_reasons.join(' | '));
    assert.deepEqual(prepared.review_reasons, []);
    assert.match(prepared.note, /Not written \(low confidence\): Vendor 40 %/, 'the note still says what was held back');
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

describe('a receipt whose currency is not read with confidence', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(17); });
  after(async () => { await odoo.close(); });
  const companyIn = (country: string | false, currency = USD) => odoo.fake.write('res.company', [1], { country_code: country, currency_id: currency });

  it('is not taken for dollars in a US company when it is Malaysian, even with its legal form unread and a "$" read', async () => {
    companyIn('US');
    // a real SROIE receipt: its currency read as USD at 0.67 from a stray "$", no "SDN BHD" in the text
    const result = scan('sroie-011');
    assert.equal(result.fields!.currency.value, 'USD');
    assert.doesNotMatch(result.text!, /SDN\.?\s*BHD/i);
    const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), result, POLICY);
    assert.equal('total_amount_currency' in prepared.write, false);
    const why = prepared.review_reasons.find((r) => r.startsWith('currency USD uncertain on a document that points outside US'));
    assert.ok(why, String(prepared.review_reasons));
    assert.match(why!, /tax word GST: MY\/SG/);
    assert.ok(prepared.write.date, 'the rest is still filled');
  });

  it('is written in the currency read uncertainly when where the receipt is from confirms it', async () => {
    companyIn('US');
    const [myr] = odoo.fake.seed('res.currency', [{ name: 'MYR', symbol: 'RM', active: false }]);
    const result = scan('sroie-011', { fields: { currency: { value: 'MYR', confidence: 0.52 } } });
    const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), result, { ...POLICY, activateCurrencies: true });
    assert.equal(prepared.write.total_amount_currency, 15, String(prepared.review_reasons));
    assert.equal(prepared.write.currency_id, myr);
    assert.ok(!prepared.review_reasons.some((r) => /Currency/.test(r)), 'the currency is no longer listed as held back');
    const held = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), scan('sroie-011'), { ...POLICY, activateCurrencies: true });
    assert.equal('total_amount_currency' in held.write, false, 'USD read from a stray "$" is not what a Malaysian receipt confirms');
  });

  it('is taken to be in euros in a German company when the receipt says it is German', async () => {
    companyIn('DE', EUR);
    const result = scan('receipt-de-lidl');
    assert.equal(result.fields!.currency.write, false, 'EUR read, below the threshold');
    const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0, currency_id: EUR }), result, { ...POLICY, writeThreshold: 0.9 });
    assert.equal(prepared.write.total_amount_currency, 19.58, String(prepared.review_reasons));
    assert.equal('currency_id' in prepared.write, false);
  });

  it('is in the one currency of where it is from when it prints none at all, on two clues or more', async () => {
    companyIn('US');
    const myr = odoo.fake.records('res.currency').find((c) => c.name === 'MYR')?.id ?? odoo.fake.seed('res.currency', [{ name: 'MYR', symbol: 'RM', active: false }])[0];
    const unprinted = scan('sroie-000', { fields: { currency: { value: null, confidence: 0 } }, language: 'en', text: 'KEDAI BUKU\n43000 KAJANG, SELANGOR\nGST ID 000123456789\nTOTAL 9.00' });
    const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), unprinted, { ...POLICY, activateCurrencies: true });
    assert.equal(prepared.write.total_amount_currency, 9, String(prepared.review_reasons));
    assert.equal(prepared.write.currency_id, myr);
    const oneClue = { ...unprinted, text: 'KEDAI BUKU\nSELANGOR\nTOTAL 9.00' };
    const held = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), oneClue, { ...POLICY, activateCurrencies: true });
    assert.equal('total_amount_currency' in held.write, false, 'one clue is not enough to name a currency printed nowhere');
  });

  it('an inferred currency (no mark read by an engine without € or £) is not a reading of its own: the clues decide as for none', async () => {
    companyIn('US');
    const myr = odoo.fake.records('res.currency').find((c) => c.name === 'MYR')?.id ?? odoo.fake.seed('res.currency', [{ name: 'MYR', symbol: 'RM', active: false }])[0];
    // one clue inferred the ringgit; one clue is not enough to name a currency printed nowhere, as for none read
    const inferred = scan('sroie-000', {
      fields: { currency: { value: 'MYR', confidence: 0.45, evidence: ['currency-inferred'] } }, language: 'en', text: 'KEDAI BUKU\nSELANGOR\nTOTAL 9.00',
    });
    const held = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), inferred, { ...POLICY, activateCurrencies: true });
    assert.equal('total_amount_currency' in held.write, false, 'the inferred MYR is not confirmed by the clue it came from');
    assert.ok(held.review_reasons.some((r) => r.startsWith('currency not stated')), String(held.review_reasons));
    // the same value read (a stray "RM" beside the clue) is confirmed by it
    const read = { ...inferred, fields: { ...inferred.fields!, currency: { value: 'MYR', confidence: 0.45 } } };
    const written = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), read, { ...POLICY, activateCurrencies: true });
    assert.equal(written.write.total_amount_currency, 9, String(written.review_reasons));
    assert.equal(written.write.currency_id, myr);
  });

  it('printing none, is in the currency of the country its issuer\'s VAT id names when that id says who the vendor is', async () => {
    companyIn('US');
    // an Italian café's slip: no currency printed, its own VAT id (check digits valid) read at the threshold (0.8 here)
    const slip = scan('sroie-000', {
      fields: { currency: { value: null, confidence: 0 }, vendor_vat: { value: 'IT12345678903', confidence: 0.995 } }, language: 'it', text: 'BAR ROMA\nCAFFE 1,50\nTOTALE 9,00',
    });
    const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), slip, { ...POLICY, activateCurrencies: true });
    assert.equal(prepared.write.total_amount_currency, 9, String(prepared.review_reasons));
    assert.equal(prepared.write.currency_id, EUR);
    assert.ok(prepared.note.includes('currency not printed: EUR'), prepared.note);
    // the same id read below the threshold, or printed where the customer prints its own, is one clue among others
    for (const vat of [{ value: 'IT12345678903', confidence: 0.7 }, { value: 'IT12345678903', confidence: 0.995, evidence: ['customer-side' as const] }]) {
      const weak = { ...slip, fields: { ...slip.fields!, vendor_vat: vat } };
      const held = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), weak, { ...POLICY, activateCurrencies: true });
      assert.equal('total_amount_currency' in held.write, false, JSON.stringify(vat));
    }
  });

  it('a currency read from no mark beside an amount (Rome\'s "(RM)" in an address) counts as none printed: the place decides', async () => {
    companyIn('US');
    const myr = odoo.fake.records('res.currency').find((c) => c.name === 'MYR')?.id ?? odoo.fake.seed('res.currency', [{ name: 'MYR', symbol: 'RM', active: false }])[0];
    const italian = scan('sroie-000', {
      fields: { currency: { value: 'MYR', confidence: 0.7 }, vendor_vat: { value: 'IT12345678903', confidence: 0.7 } },
      language: 'it', text: 'STUDIO ROSSI\nVia Roma 1\n00054 Fiumicino (RM)\nP.IVA IT12345678903\nTotale fattura 9,00',
    });
    const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), italian, { ...POLICY, activateCurrencies: true });
    assert.equal(prepared.write.total_amount_currency, 9, String(prepared.review_reasons));
    assert.equal(prepared.write.currency_id, EUR);
    assert.ok(prepared.note.includes('currency MYR read from no mark beside an amount; currency not printed: EUR'), prepared.note);
    assert.ok(!prepared.review_reasons.some((r) => /Currency/.test(r)), 'the currency is no longer listed as held back');
    // ringgit printed beside the amount is a reading: never overruled by where the document is from
    const printed = { ...italian, text: italian.text!.replace('Totale fattura 9,00', 'Totale fattura RM 9,00') };
    const held = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), printed, { ...POLICY, activateCurrencies: true });
    assert.equal('total_amount_currency' in held.write, false);
    assert.notEqual(held.write.currency_id, myr);
    assert.ok(held.review_reasons.some((r) => r.startsWith('currency MYR uncertain')), String(held.review_reasons));
    // so is its ISO code printed with no amount beside it ("all prices in MYR")
    const stated = { ...italian, fields: { ...italian.fields!, currency: { value: 'MYR', confidence: 0.7, evidence: ['code-printed' as const] } }, text: `${italian.text}\nAll prices in MYR` };
    const kept = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), stated, { ...POLICY, activateCurrencies: true });
    assert.equal('total_amount_currency' in kept.write, false, String(kept.review_reasons));
    // and a currency named by its word with no amount beside it ("Valuta: Euro" on a British-placed page) is a
    // statement too: its amounts stay held, never booked in the place's pound
    const named = scan('sroie-000', {
      fields: { currency: { value: 'EUR', confidence: 0.4 }, vendor_vat: { value: 'GB980780684', confidence: 0.995 } },
      language: 'en', text: 'ACME Ltd\n1 High Street\nLondon SW1A 1AA\nVAT GB980780684\nAll amounts in Euro\nTotal 9.00',
    });
    const euro = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), named, { ...POLICY, activateCurrencies: true });
    assert.equal('total_amount_currency' in euro.write, false, String(euro.review_reasons));
    assert.ok(!euro.note.includes('currency not printed'), euro.note);
  });

  it('is held back when nothing on it places it in the company\'s country, or the company has none', async () => {
    companyIn('US');
    const bare = scan('sroie-000', { fields: { currency: { value: null, confidence: 0 } }, language: 'en', text: 'BOOK TA .K\nTOTAL 9.00' });
    const unplaced = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), bare, POLICY);
    assert.equal('total_amount_currency' in unplaced.write, false, 'an English text and no clue is no evidence');
    assert.ok(unplaced.review_reasons.includes('currency not stated and nothing read on the document (address, phone, tax id, country name) places it in US, the company\'s country: amount not written (check the currency)'), String(unplaced.review_reasons));
    const american = { ...bare, text: 'CORNER SHOP\n12 Main St\nSan Jose, CA 95110\nTOTAL 9.00' };
    const placed = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), american, POLICY);
    assert.equal(placed.write.total_amount_currency, 9);
    const german = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), { ...american, language: 'de' }, POLICY);
    assert.equal('total_amount_currency' in german.write, false, 'a German text speaks against a US address');
    companyIn(false);
    const nowhere = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), american, POLICY);
    assert.equal('total_amount_currency' in nowhere.write, false);
    assert.ok(nowhere.review_reasons.some((r) => r.includes('the company has no country in Odoo')), String(nowhere.review_reasons));
  });

  it('scan --company-country holds the amounts exactly where the worker does, for the same reason', async () => {
    companyIn('US');
    const bare = scan('sroie-000', { fields: { currency: { value: null, confidence: 0 } }, language: 'en', text: 'BOOK TA .K\nTOTAL 9.00' });
    const american = { ...bare, text: 'CORNER SHOP\n12 Main St\nSan Jose, CA 95110\nTOTAL 9.00' };
    const cases = { 'stray $ on a Malaysian receipt': scan('sroie-011'), 'no clue': bare, 'a US address': american,
      'a German text at a US address': { ...american, language: 'de' }, 'USD read with confidence': scan('sroie-011', { fields: { currency: { value: 'USD', confidence: 0.999 } } }) };
    for (const [what, result] of Object.entries(cases)) {
      const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { total_amount_currency: 0 }), result, POLICY);
      const held = amountsHeldOffline(result, POLICY.writeThreshold!, { country: 'US', currency: 'USD' }, 'expense');
      assert.equal(held.length > 0, !('total_amount_currency' in prepared.write), what);
      for (const reason of held) assert.ok(prepared.review_reasons.includes(reason), `${what}: ${reason} / ${prepared.review_reasons}`);
    }
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

  it('titles an expense Odoo 19 named "Untitled Expense <creation day>" at upload, in any date format; another day\'s, or another title with the day, is a person\'s', async () => {
    const created = { total_amount_currency: 0, create_date: '2026-12-07 10:00:00' };
    for (const name of ['Untitled Expense 12/07/2026', 'Untitled Expense 07.12.2026', 'Untitled Expense 2026-12-07']) {
      const prepared = await prepareWriteBack(odoo.client, seedExpense(odoo, { ...created, name }), scan('sroie-000'), POLICY);
      assert.equal(prepared.write.name, 'BOOK TA .K (TAMAN DAYA) SDN BHD, 2018-12-25', name);
    }
    for (const name of ['Untitled Expense 12/06/2026', 'Hotel Berlin 2026', 'Taxi 12/07/2026 airport', 'Taxi 12/07/2026', 'Dinner with client 07.12.2026']) {
      const kept = await prepareWriteBack(odoo.client, seedExpense(odoo, { ...created, name }), scan('sroie-000'), POLICY);
      assert.equal('name' in kept.write, false, name);
    }
  });
});
