import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { POLICY, scan, seedDraftBill, startOdoo, type TestOdoo } from './helpers.js';

/** A review reason that says the vendor was held back. */
const VENDOR_HELD = /\bVendor \d+ %|Vendor not written/;

describe('vendor matching on bills', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(17); });
  after(async () => { await odoo.close(); });
  // Each case gets fresh partners: the fake's rows persist across cases, so names are made unique per case.
  let n = 0;
  beforeEach(() => { n += 1; });

  function billTarget(): WorkTarget {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake);
    return { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
  }

  it('matches by VAT first, whatever the formatting and the name on the document', async () => {
    const vat = `DE${String(100000000 + n)}`;
    const [decoy] = odoo.fake.seed('res.partner', [{ name: `Lieferant ${n} GmbH`, is_company: true }]);
    const [right] = odoo.fake.seed('res.partner', [{ name: `Supplier Holding ${n}`, vat: `${vat.slice(0, 2)} ${vat.slice(2, 5)} ${vat.slice(5, 8)} ${vat.slice(8)}`, is_company: true }]);
    const result = scan('facturx-einfach', { fields: { vendor_name: { value: `Lieferant ${n} GmbH` }, vendor_vat: { value: vat } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, right);
    assert.notEqual(prepared.write.partner_id, decoy);
    assert.match(prepared.note, /matched by vat/);
  });

  it('one VAT stored on two partners, once with separators and once without, is an ambiguity, not a match', async () => {
    const vat = `DE${String(200000000 + n)}`;
    odoo.fake.seed('res.partner', [
      { name: `Twin A ${n}`, vat, is_company: true },
      { name: `Twin B ${n}`, vat: `${vat.slice(0, 2)} ${vat.slice(2, 5)} ${vat.slice(5, 8)} ${vat.slice(8)}`, is_company: true },
    ]);
    const result = scan('facturx-einfach', { fields: { vendor_name: { value: `Twin ${n}` }, vendor_vat: { value: vat } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, undefined);
    assert.match(prepared.note, new RegExp(`VAT ${vat} matches several partners`));
  });

  it('matches a VAT stored without its country prefix, and the commercial partner of a contact', async () => {
    const core = String(20000000000 + n);
    const [company] = odoo.fake.seed('res.partner', [{ name: `Alpha ${n} Srl`, vat: core, is_company: true }]);
    odoo.fake.seed('res.partner', [{ name: 'Mario Rossi', parent_id: company, commercial_partner_id: company, vat: core }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_vat: { value: `IT${core}` } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, company);
  });

  it('does not match a VAT of another country with the same digits', async () => {
    const core = String(30000000000 + n);
    odoo.fake.seed('res.partner', [{ name: `Gamma ${n} SARL`, vat: `FR${core}` }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `Unknown Vendor ${n}` }, vendor_vat: { value: `IT${core}` } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal('partner_id' in prepared.write, false);
    assert.ok(prepared.review_reasons.includes(`vendor not found: Unknown Vendor ${n} (IT${core})`));
    assert.equal(prepared.needs_review, true);
    assert.equal(prepared.write.to_check, true);
  });

  it('names the VAT it looked for when the vendor name was not read with confidence', async () => {
    const core = String(40000000000 + n);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: 'Smudged', confidence: 0.2 }, vendor_vat: { value: `IT${core}` } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal('partner_id' in prepared.write, false);
    assert.ok(prepared.review_reasons.includes(`vendor not found: VAT IT${core}`), String(prepared.review_reasons));
  });

  it('matches by name when the document has no VAT, ignoring legal form and case', async () => {
    const [rossi] = odoo.fake.seed('res.partner', [{ name: `Rossi Forniture${n} S.r.l.`, is_company: true }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `ROSSI FORNITURE${n} SRL` }, vendor_vat: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, rossi);
    assert.match(prepared.note, /matched by name/);
  });

  it('accepts a close fuzzy name match', async () => {
    const [acme] = odoo.fake.seed('res.partner', [{ name: `Acmeco Trading ${n} Ltd`, is_company: true }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `ACMECO TRADNG ${n} LIMITED` }, vendor_vat: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, acme);
    assert.match(prepared.note, /matched by fuzzy/);
  });

  it('leaves the partner empty and flags an ambiguous name', async () => {
    odoo.fake.seed('res.partner', [{ name: `Bianchi${n} Srl`, is_company: true }, { name: `Bianchi${n} S.p.A.`, is_company: true }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `Bianchi${n}` }, vendor_vat: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal('partner_id' in prepared.write, false);
    assert.ok(prepared.review_reasons.some((r) => r.startsWith(`vendor name Bianchi${n} is ambiguous: `)));
    assert.equal(prepared.needs_review, true);
  });

  it('resolves a name shared by two partners to the one earlier bills went to', async () => {
    const [, billed] = odoo.fake.seed('res.partner', [{ name: `Verdi${n} Srl`, is_company: true }, { name: `Verdi${n} SpA`, is_company: true }]);
    odoo.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'posted', partner_id: billed, journal_id: 2, currency_id: 1, company_id: 1, date: '2024-01-10', ref: 'OLD-1' }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `VERDI${n}` }, vendor_vat: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, billed);
    assert.match(prepared.note, /matched by earlier-bills/);
  });

  it('finds the vendor of earlier bills paid to the IBAN printed on the document', async () => {
    const [vendor] = odoo.fake.seed('res.partner', [{ name: `Totally Different Name ${n}`, is_company: true }]);
    const [bank] = odoo.fake.seed('res.partner.bank', [{ acc_number: 'DE89 3704 0044 0532 0130 00', partner_id: vendor }]);
    odoo.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'posted', partner_id: vendor, partner_bank_id: bank, journal_id: 2, currency_id: 1, company_id: 1, date: '2024-01-10' }]);
    const result = scan('facturx-einfach', { fields: { vendor_name: { value: `Nobody Known ${n}` }, vendor_vat: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, vendor);
    assert.match(prepared.note, /matched by iban/);
  });

  it('a vendor read with low confidence is written once its VAT matches a partner (partner evidence)', async () => {
    const vat = `DE${String(400000000 + n)}`;
    const [lowconf] = odoo.fake.seed('res.partner', [{ name: `Lowconf ${n} GmbH`, vat, is_company: true }]);
    const result = scan('facturx-einfach', { fields: { vendor_name: { value: `Lowconf ${n} GmbH`, confidence: 0.5 }, vendor_vat: { value: vat, confidence: 0.3 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, lowconf);
    assert.equal(prepared.review_reasons.some((r) => /\bVendor \d+ %|Vendor not written/.test(r)), false, String(prepared.review_reasons));
  });

  it('does not use a vendor read with low confidence that matches no partner, or only fuzzily', async () => {
    odoo.fake.seed('res.partner', [{ name: `Fuzzyco Trading ${n} Ltd`, is_company: true }]);
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `FUZZYC0 TRADNG ${n} LIMITED`, confidence: 0.5 }, vendor_vat: { value: null, confidence: 0 } } });
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal('partner_id' in prepared.write, false, `${JSON.stringify(prepared.write)} ${prepared.note}`);
    assert.ok(prepared.review_reasons.some((r) => /\bVendor 50 %/.test(r)), String(prepared.review_reasons));
  });

  it('never creates a partner', async () => {
    const before = odoo.fake.records('res.partner').length;
    const result = scan('fatturapa-fpr12', { fields: { vendor_name: { value: `Brand New Vendor ${n}` }, vendor_vat: { value: `IT${String(90000000000 + n)}` } } });
    await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(odoo.fake.records('res.partner').length, before);
    assert.equal(odoo.fake.callCount({ model: 'res.partner', method: 'create' }), 0);
  });

  it('a VAT read with confidence that matches one partner exactly names the vendor: the vendor counts as written, however unsure the name', async () => {
    const vat = `DE${String(500000000 + n)}`;
    const [vendor] = odoo.fake.seed('res.partner', [{ name: `Nordwind ${n} GmbH`, vat, is_company: true }]);
    // the name read off the page is unsure (a product line, a customer's address block): the VAT is what identifies
    const result = scan('facturx-einfach', { fields: { vendor_name: { value: `Nordwind ${n} Lieferung`, confidence: 0.4 }, vendor_vat: { value: vat, confidence: 0.99 } } });
    const strict = { ...POLICY, writeThreshold: 0.99 }; // the default threshold
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, strict);
    assert.equal(prepared.write.partner_id, vendor);
    assert.ok(!prepared.review_reasons.some((r) => VENDOR_HELD.test(r)), String(prepared.review_reasons));
    // an unsure VAT that happens to match is evidence for the name, not a vendor on its own
    const unsure = scan('facturx-einfach', { fields: { vendor_name: { value: `Nordwind ${n} Lieferung`, confidence: 0.4 }, vendor_vat: { value: vat, confidence: 0.5 } } });
    const held = await prepareWriteBack(odoo.client, billTarget(), unsure, strict);
    assert.equal(held.write.partner_id, undefined);
    assert.ok(held.review_reasons.some((r) => VENDOR_HELD.test(r)), String(held.review_reasons));
  });
});
