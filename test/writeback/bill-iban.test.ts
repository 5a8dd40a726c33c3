import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ScanResult } from '../../src/contract.js';
import { createScanner } from '../../src/pipeline/scan.js';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { move, notesOn, POLICY, seedDraftBill, startOdoo, type TestOdoo } from './helpers.js';

// A Swiss bill that prints no VAT number, read by the real pipeline: its QR-bill gives the IBAN
// CH58 0079 1123 0008 8901 2, the creditor reference RF18539007547034 and EUR 480.50.
const QR_BILL = 'fixtures/documents/qr/swiss-gen-02-scor-eur.pdf';
const IBAN = 'CH5800791123000889012';

describe('vendor bills: the bank account of a payment QR code', () => {
  let odoo: TestOdoo;
  let result: ScanResult;
  before(async () => {
    odoo = await startOdoo(17);
    const scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1 });
    try {
      result = await scanner.scanBuffer(readFileSync(QR_BILL), 'bill.pdf');
    } finally {
      await scanner.close();
    }
  });
  after(async () => { await odoo.close(); });
  let n = 0;
  beforeEach(() => {
    n += 1;
    // each case starts without a bank account for the IBAN (the fake's rows persist across cases)
    for (const bank of odoo.fake.records('res.partner.bank').filter((b) => b.sanitized_acc_number === IBAN)) {
      odoo.fake.write('res.partner.bank', [bank.id as number], { acc_number: `XX00 OLD ${n} ${bank.id}` });
    }
  });

  function billTarget(): WorkTarget {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake);
    return { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
  }

  it('the scan found the code: exact IBAN, reference and amount, and no VAT', () => {
    assert.equal(result.fields?.iban?.value, IBAN);
    assert.equal(result.fields?.iban?.source, 'qr:swiss');
    assert.equal(result.fields?.payment_reference?.value, 'RF18539007547034');
    assert.equal(result.fields?.amount_total.confidence, 1);
    assert.equal(result.fields?.vendor_vat.value, null);
  });

  it('finds the vendor by the IBAN on its bank account and sets it as the recipient bank, with the payment reference', async () => {
    const [vendor] = odoo.fake.seed('res.partner', [{ name: `Dubois Graphisme ${n}`, is_company: true }]);
    const [bank] = odoo.fake.seed('res.partner.bank', [{ acc_number: 'CH58 0079 1123 0008 8901 2', partner_id: vendor }]);
    const target = billTarget();
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    assert.equal(prepared.write.partner_id, vendor);
    assert.equal(prepared.write.partner_bank_id, bank);
    assert.equal(prepared.write.payment_reference, 'RF18539007547034');
    assert.match(prepared.note, /matched by iban/);
    await applyWriteBack(odoo.client, target, prepared, POLICY, `qr-iban-${n}-marker`);
    const bill = move(odoo.fake, target.resId!);
    assert.equal(bill.partner_id, vendor);
    assert.equal(bill.partner_bank_id, bank);
    assert.equal(bill.payment_reference, 'RF18539007547034');
    assert.equal(notesOn(odoo.fake, 'account.move', target.resId!).length, 1);
  });

  it('an account held by a contact identifies its company', async () => {
    const [company] = odoo.fake.seed('res.partner', [{ name: `Imprimerie ${n} SA`, is_company: true }]);
    const [contact] = odoo.fake.seed('res.partner', [{ name: 'Jean Dubois', parent_id: company, commercial_partner_id: company }]);
    odoo.fake.seed('res.partner.bank', [{ acc_number: IBAN, partner_id: contact }]);
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(prepared.write.partner_id, company);
  });

  it('never creates a bank account (or a partner) for an unknown vendor, even when the setting allows it', async () => {
    const banks = odoo.fake.records('res.partner.bank').length;
    const partners = odoo.fake.records('res.partner').length;
    const prepared = await prepareWriteBack(odoo.client, billTarget(), result, { ...POLICY, createBankAccounts: true });
    assert.equal('partner_id' in prepared.write, false);
    assert.equal('partner_bank_id' in prepared.write, false);
    assert.equal(odoo.fake.records('res.partner.bank').length, banks);
    assert.equal(odoo.fake.records('res.partner').length, partners);
    assert.equal(odoo.fake.callCount({ model: 'res.partner.bank', method: 'create' }), 0);
    assert.ok(prepared.review_reasons.some((r) => /vendor not found: .*IBAN CH5800791123000889012/.test(r)), prepared.review_reasons.join(' | '));
  });

  it('a known vendor without this IBAN: flagged, not created by default; created and set when CREATE_BANK_ACCOUNTS is on', async () => {
    const [vendor] = odoo.fake.seed('res.partner', [{ name: 'Atelier Graphique Dubois Sàrl', is_company: true }]);
    const off = await prepareWriteBack(odoo.client, billTarget(), result, POLICY);
    assert.equal(off.write.partner_id, vendor);
    assert.equal('partner_bank_id' in off.write, false);
    assert.ok(off.review_reasons.some((r) => r.includes(`IBAN ${IBAN} is not a bank account of the vendor`)));
    assert.equal(odoo.fake.callCount({ model: 'res.partner.bank', method: 'create' }), 0);

    const on = await prepareWriteBack(odoo.client, billTarget(), result, { ...POLICY, createBankAccounts: true });
    const created = odoo.fake.records('res.partner.bank').find((b) => b.sanitized_acc_number === IBAN);
    assert.ok(created);
    assert.equal(created.partner_id, vendor);
    assert.equal(on.write.partner_bank_id, created.id);
    odoo.fake.write('res.partner', [vendor!], { name: `Renamed ${n}` });
  });

  it('an IBAN on another partner than the VAT-matched vendor is flagged and not set', async () => {
    const vat = `CHE${String(100000000 + n)}`;
    const [vendor] = odoo.fake.seed('res.partner', [{ name: `Vat Vendor ${n}`, vat, is_company: true }]);
    const [other] = odoo.fake.seed('res.partner', [{ name: `Someone Else ${n}`, is_company: true }]);
    odoo.fake.seed('res.partner.bank', [{ acc_number: IBAN, partner_id: other }]);
    const withVat = { ...result, fields: { ...result.fields!, vendor_vat: { value: vat, confidence: 1 } } };
    const prepared = await prepareWriteBack(odoo.client, billTarget(), withVat, POLICY);
    assert.equal(prepared.write.partner_id, vendor);
    assert.equal('partner_bank_id' in prepared.write, false);
    assert.ok(prepared.review_reasons.some((r) => r.includes(`is a bank account of Someone Else ${n}, not of the bill's vendor`)));
  });
});
