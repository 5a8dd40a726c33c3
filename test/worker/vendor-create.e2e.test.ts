import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyField } from '../../src/contract.js';
import type { WorkerScanner } from '../../src/worker/document-reader.js';
import { NAME_LABEL_THRESHOLD } from '../../src/write-rules.js';
import { writePolicyOf } from '../../src/worker/runtime.js';
import { prepareWriteBack } from '../../src/writeback/index.js';
import { computeMoveTotals, seedTaxes } from '../support/fake-accounting.js';
import { billSuite, billView, documentBytes, FACTURX, UBL_CREDIT_NOTE, uploadBill } from './bills-support.js';
import type { Stack } from './harness.js';

// Vendor creation (CREATE_VENDORS, default on; the addon's company setting ocr_create_vendors), end to end: a new
// company's books with no vendors yet, real documents read by the real pipeline, and what the accountant finds
// afterwards — the vendor on the bill, one partner per vendor, nothing made from weak evidence.

const suite = billSuite();

/** My Supplier Company N.V., VAT BE0000000196 (valid checksum), read from a UBL credit note. */
const SUPPLIER = { name: 'My Supplier Company N.V.', vat: 'BE0000000196' };

/** A fresh company's books: purchase taxes, no vendor. */
function freshBooks(stack: Stack): void {
  computeMoveTotals(stack.fake);
  seedTaxes(stack.fake, [{ rate: 19 }, { rate: 7 }, { rate: 21 }]);
}

async function addonless(config: Record<string, string> = {}) {
  const stack = await suite.start({ addon: false });
  freshBooks(stack);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ...config }, 'ledger');
  return { stack, cfg };
}

function partnersNamed(stack: Stack, pattern: RegExp) {
  return stack.fake.records('res.partner').filter((p) => pattern.test(String(p.name)));
}

/** The real scanner, with one field not read (a document that prints no VAT id; a logo-only letterhead). */
function without(field: 'vendor_vat' | 'vendor_name'): WorkerScanner {
  const real = suite.scanner.forRuntime;
  return {
    ...real,
    scanBuffer: async (data, name, call) => {
      const result = await real.scanBuffer(data, name, call);
      return result.fields ? { ...result, fields: { ...result.fields, [field]: emptyField() } } : result;
    },
  };
}
const withoutVat = () => without('vendor_vat');

test('addon-less: a vendor no partner matches, read with its name and a checksum-valid VAT, is created once and set on the bill', async () => {
  const { stack, cfg } = await addonless();
  const { billId } = uploadBill(stack, UBL_CREDIT_NOTE);
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();

  const [vendor, ...others] = partnersNamed(stack, /My Supplier/);
  assert.ok(vendor, 'the vendor was created');
  assert.equal(others.length, 0);
  assert.equal(vendor.vat, SUPPLIER.vat);
  assert.equal(vendor.is_company, true);
  assert.equal(vendor.supplier_rank, 1);
  assert.ok(!vendor.company_id, 'shared by the companies, as Odoo creates partners');
  const belgium = stack.fake.records('res.country').find((c) => c.code === 'BE');
  assert.equal(vendor.country_id, belgium!.id, 'country from the VAT prefix');
  const view = billView(stack.fake, billId);
  assert.equal(view.move.partner_id, vendor.id);
  assert.equal(view.notes.length, 1);
  assert.match(view.notes[0]!, /vendor created: My Supplier Company N\.V\. \(BE0000000196\)/);
  assert.doesNotMatch(view.notes[0]!, /vendor not found/);
});

test('addon-less: a retry after a crash, and a second bill of the same vendor, create no second partner', async () => {
  const { stack, cfg } = await addonless();
  const first = uploadBill(stack, UBL_CREDIT_NOTE);
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const target = { resModel: 'account.move' as const, resId: first.billId, attachmentId: first.attachmentId, companyId: null };
  const result = await suite.scanner.scanner.scanBuffer(documentBytes(UBL_CREDIT_NOTE), UBL_CREDIT_NOTE.name);
  // the first run created the vendor while preparing, then died before writing the bill
  await prepareWriteBack(rt.gate, target, result, writePolicyOf(cfg));
  assert.equal(partnersNamed(stack, /My Supplier/).length, 1);
  // the retry prepares again; so does a run of the same document whose VAT search comes back empty (a person
  // cleared the VAT meanwhile): the partner is found again by the document's key in its notes
  const [created] = partnersNamed(stack, /My Supplier/);
  stack.fake.write('res.partner', [created!.id as number], { vat: false });
  await prepareWriteBack(rt.gate, target, result, writePolicyOf(cfg));
  assert.equal(partnersNamed(stack, /My Supplier/).length, 1, 'found again by the document key');
  stack.fake.write('res.partner', [created!.id as number], { vat: SUPPLIER.vat });

  const second = uploadBill(stack, UBL_CREDIT_NOTE);
  await rt.worker.runUntilIdle();
  const vendors = partnersNamed(stack, /My Supplier/);
  assert.equal(vendors.length, 1, 'one partner for the vendor');
  assert.equal(billView(stack.fake, first.billId).move.partner_id, vendors[0]!.id);
  assert.equal(billView(stack.fake, second.billId).move.partner_id, vendors[0]!.id, 'the second bill matches it by VAT');
});

test('two bills of one new vendor prepared at the same time create one partner (the race seen on a real Odoo 17)', async () => {
  const { stack, cfg } = await addonless();
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const result = await suite.scanner.scanner.scanBuffer(documentBytes(UBL_CREDIT_NOTE), UBL_CREDIT_NOTE.name);
  const targets = [uploadBill(stack, UBL_CREDIT_NOTE), uploadBill(stack, UBL_CREDIT_NOTE)]
    .map((b) => ({ resModel: 'account.move' as const, resId: b.billId, attachmentId: b.attachmentId, companyId: null }));
  const prepared = await Promise.all(targets.map((t) => prepareWriteBack(rt.gate, t, result, writePolicyOf(cfg))));
  const vendors = partnersNamed(stack, /My Supplier/);
  assert.equal(vendors.length, 1);
  assert.deepEqual(prepared.map((p) => p.write.partner_id), [vendors[0]!.id, vendors[0]!.id]);
  assert.match(prepared[1]!.note, /created meanwhile from another bill/);
});

/** The real scanner, with the vendor's name believed only `confidence` and carrying `evidence` (its VAT as read: at
 * the threshold). */
function nameAt(confidence: number, evidence: string[] = ['vat-near'], value?: string): WorkerScanner {
  const real = suite.scanner.forRuntime;
  return {
    ...real,
    scanBuffer: async (data, name, call) => {
      const result = await real.scanBuffer(data, name, call);
      const read = result.fields?.vendor_name;
      return result.fields && read ? { ...result, fields: { ...result.fields, vendor_name: { ...read, value: value ?? read.value, confidence, evidence } } } : result;
    },
  };
}

test('addon-less: a checksum-valid VAT written by the policy makes the vendor, whatever its name: a name at 0.85 (or a bank\'s) leaves it named by its VAT id, to review; the next bill finds it by VAT', async () => {
  const { stack, cfg } = await addonless();
  const { billId: weak } = uploadBill(stack, UBL_CREDIT_NOTE);
  await (await stack.runtime(cfg, { scanner: nameAt(0.85) })).worker.runUntilIdle();
  const [byVat, ...others] = stack.fake.records('res.partner').filter((p) => p.vat === SUPPLIER.vat);
  assert.ok(byVat, 'the vendor is created from its VAT');
  assert.equal(others.length, 0);
  assert.equal(byVat.name, SUPPLIER.vat, 'a name under the label bar does not label it: the VAT id does');
  const view = billView(stack.fake, weak);
  assert.equal(view.move.partner_id, byVat.id, 'the bill gets its vendor');
  assert.equal(view.move.to_check, true, 'the bill goes to review: the new vendor is to be named');
  assert.match(view.notes[0]!, /the new vendor is named by its VAT id BE0000000196: give it its name/);
  // a bank's name beside the VAT id (a footer's account line) at the label bar labels nothing either
  const { billId: bank } = uploadBill(stack, UBL_CREDIT_NOTE);
  await (await stack.runtime(cfg, { scanner: nameAt(NAME_LABEL_THRESHOLD + 0.02, ['vat-near'], 'Deutsche Bank AG') })).worker.runUntilIdle();
  assert.equal(partnersNamed(stack, /Deutsche Bank/).length, 0, 'a bank read as the vendor names no partner');
  assert.equal(billView(stack.fake, bank).move.partner_id, byVat.id, 'the second bill finds the vendor by its VAT');
  assert.equal(stack.fake.records('res.partner').filter((p) => p.vat === SUPPLIER.vat).length, 1, 'one partner per VAT');
});

test('addon-less: a name at the label bar labels the vendor its VAT makes (the note asks to check it), tied to the issuer by the page or not', async () => {
  const { stack, cfg } = await addonless();
  const { billId } = uploadBill(stack, UBL_CREDIT_NOTE);
  const rt = await stack.runtime(cfg, { scanner: nameAt(NAME_LABEL_THRESHOLD + 0.02, []) });
  await rt.worker.runUntilIdle();
  const [vendor, ...others] = partnersNamed(stack, /My Supplier/);
  assert.ok(vendor, 'created from its VAT, named by the name read at the label bar');
  assert.equal(others.length, 0);
  assert.equal(vendor.vat, SUPPLIER.vat);
  const view = billView(stack.fake, billId);
  assert.equal(view.move.partner_id, vendor.id);
  assert.match(view.notes[0]!, /vendor created: My Supplier Company N\.V\. \(BE0000000196\)/);
  assert.match(view.notes[0]!, /the new vendor(&#39;|')s name read with 92 % confidence: check it/);
  assert.equal(view.move.to_check, true, 'the bill goes to review: its vendor\'s name is to be checked');
});

test('addon-less: no partner from a name alone, from a VAT without a valid checksum, or from the company\'s own VAT', async () => {
  const { stack, cfg } = await addonless();
  const before = stack.fake.records('res.partner').length;
  // the same credit note, its VAT not read: only a name
  const { billId: nameOnly } = uploadBill(stack, UBL_CREDIT_NOTE);
  const rt = await stack.runtime(cfg, { scanner: withoutVat() });
  await rt.worker.runUntilIdle();
  assert.equal(stack.fake.records('res.partner').length, before, 'no partner from a name alone');
  const view = billView(stack.fake, nameOnly);
  assert.equal(view.move.partner_id, false);
  assert.equal(view.move.to_check, true, 'the bill goes to review');
  assert.match(view.notes[0]!, /vendor not created: a name alone is not enough/);
  assert.match(view.notes[0]!, /vendor not found: My Supplier Company N\.V\./);

  // Lieferant GmbH's DE123456789 fails the German check digit: a misread cannot be told apart, nothing is created
  const { billId: badVat } = uploadBill(stack, FACTURX);
  const rt2 = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt2.worker.runUntilIdle();
  assert.deepEqual(partnersNamed(stack, /Lieferant/), [], billView(stack.fake, badVat).notes[0]);
  assert.match(billView(stack.fake, badVat).notes[0]!, /vendor not created: VAT DE123456789 has no checksum/);

  // the VAT read is the company's own (its address block read as the vendor's): never made a vendor
  // (res.company.vat is its partner's, as in Odoo)
  stack.fake.write('res.partner', [1], { vat: 'BE 0000.000.196' });
  const { billId: own } = uploadBill(stack, UBL_CREDIT_NOTE);
  await rt2.worker.runUntilIdle();
  assert.equal(partnersNamed(stack, /My Supplier/).length, 0, billView(stack.fake, own).notes.join('\n'));
  assert.equal(billView(stack.fake, own).move.partner_id, false);
  assert.match(billView(stack.fake, own).notes[0]!, /YourCompany is this company(&#39;|')s own partner, not the vendor/);
});

test('addon-less: an existing partner is matched, not created again', async () => {
  const { stack, cfg } = await addonless();
  const [known] = stack.fake.seed('res.partner', [{ name: 'My Supplier Company NV', vat: 'BE 0000 000 196', is_company: true }]);
  const { billId } = uploadBill(stack, UBL_CREDIT_NOTE);
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();
  assert.equal(billView(stack.fake, billId).move.partner_id, known);
  assert.equal(partnersNamed(stack, /My Supplier/).length, 1);
});

test('addon-less: CREATE_VENDORS=false creates nothing', async () => {
  const off = await addonless({ CREATE_VENDORS: 'false' });
  const { billId: offBill } = uploadBill(off.stack, UBL_CREDIT_NOTE);
  const rtOff = await off.stack.runtime(off.cfg, { scanner: suite.scanner.forRuntime });
  await rtOff.worker.runUntilIdle();
  assert.equal(partnersNamed(off.stack, /My Supplier/).length, 0);
  assert.match(billView(off.stack.fake, offBill).notes[0]!, /vendor not found: My Supplier Company N\.V\. \(BE0000000196\)/);
});

test('addon: the company setting decides: off, nothing is created; on, the vendor is created once and set on the bill by complete()', async () => {
  const stack = await suite.start({ addon: true, jobOptions: { createVendors: false } });
  freshBooks(stack);
  const rt = await stack.runtime(await stack.config({}, 'bills'), { scanner: suite.scanner.forRuntime });
  const off = uploadBill(stack, UBL_CREDIT_NOTE);
  stack.jobs!.enqueue({ attachmentId: off.attachmentId, resModel: 'account.move', resId: off.billId });
  await rt.worker.runUntilIdle();
  assert.equal(partnersNamed(stack, /My Supplier/).length, 0, 'the company has it off: nothing created');
  assert.equal(billView(stack.fake, off.billId).move.partner_id, false);

  stack.fake.write('res.company', [1], { ocr_create_vendors: true });
  const on = uploadBill(stack, UBL_CREDIT_NOTE);
  const jobId = stack.jobs!.enqueue({ attachmentId: on.attachmentId, resModel: 'account.move', resId: on.billId });
  const later = await stack.runtime(await stack.config({}, 'bills-on'), { scanner: suite.scanner.forRuntime });
  await later.worker.runUntilIdle();
  const vendors = partnersNamed(stack, /My Supplier/);
  assert.equal(vendors.length, 1);
  assert.equal(billView(stack.fake, on.billId).move.partner_id, vendors[0]!.id);
  assert.equal(stack.jobs!.job(jobId).completions, 1);
});

test("addon-less: a VAT printed where the customer prints its own never matches nor creates a vendor, however sure", async () => {
  const { stack, cfg } = await addonless();
  // the customer's VAT is a partner's in these books (a customer of ours, say): the bill must not go to it
  const [customer] = stack.fake.seed('res.partner', [{ name: 'Customer Holding SA', vat: SUPPLIER.vat, is_company: true }]);
  const real = suite.scanner.forRuntime;
  const customerSide: WorkerScanner = {
    ...real,
    scanBuffer: async (data, name, call) => {
      const result = await real.scanBuffer(data, name, call);
      const f = result.fields;
      return f ? { ...result, fields: { ...f, vendor_vat: { ...f.vendor_vat, confidence: 0.99, evidence: ['checksum-ok', 'customer-side'] },
        vendor_name: { ...f.vendor_name, confidence: 0.85 } } } : result;
    },
  };
  const before = stack.fake.records('res.partner').length;
  const { billId } = uploadBill(stack, UBL_CREDIT_NOTE);
  await (await stack.runtime(cfg, { scanner: customerSide })).worker.runUntilIdle();
  const view = billView(stack.fake, billId);
  assert.notEqual(view.move.partner_id, customer, 'never the partner holding the customer\'s VAT');
  assert.equal(view.move.partner_id, false);
  assert.equal(stack.fake.records('res.partner').length, before, 'no partner created from the customer\'s VAT');
  assert.match(view.notes[0]!, /VAT BE0000000196 is printed where the customer prints its own: not the vendor(&#39;|')s/);
  assert.equal(view.move.to_check, true);
});

test('addon-less: a partner of the same name with another VAT stored is another company: the VAT read makes the vendor', async () => {
  const { stack, cfg } = await addonless();
  // Belgian enterprise number 0123.456.749 (valid check digits): another company of the same name
  const [namesake] = stack.fake.seed('res.partner', [{ name: 'My Supplier Company N.V.', vat: 'BE0123456749', is_company: true }]);
  const { billId } = uploadBill(stack, UBL_CREDIT_NOTE);
  await (await stack.runtime(cfg, { scanner: suite.scanner.forRuntime })).worker.runUntilIdle();
  const view = billView(stack.fake, billId);
  assert.notEqual(view.move.partner_id, namesake, 'not the namesake with another VAT');
  const [made] = stack.fake.records('res.partner').filter((p) => p.vat === SUPPLIER.vat);
  assert.ok(made, view.notes[0]);
  assert.equal(view.move.partner_id, made.id);
});

test('addon-less: a partner its VAT finds is the bill\'s vendor with no name read; a name printed beside another party\'s VAT labels no new vendor', async () => {
  const { stack, cfg } = await addonless();
  const { billId: first } = uploadBill(stack, UBL_CREDIT_NOTE);
  await (await stack.runtime(cfg, { scanner: nameAt(NAME_LABEL_THRESHOLD + 0.02, ['vat-other'], 'Müller Haustechnik Filiale Nord') })).worker.runUntilIdle();
  const [byVat, ...others] = stack.fake.records('res.partner').filter((p) => p.vat === SUPPLIER.vat);
  assert.ok(byVat && others.length === 0, 'one vendor, made by its VAT');
  assert.equal(byVat.name, SUPPLIER.vat, 'the customer block\'s name does not label it');
  assert.equal(billView(stack.fake, first).move.partner_id, byVat.id);
  const { billId: second } = uploadBill(stack, UBL_CREDIT_NOTE);
  await (await stack.runtime(cfg, { scanner: without('vendor_name') })).worker.runUntilIdle();
  assert.equal(billView(stack.fake, second).move.partner_id, byVat.id, 'found by its VAT, written without a name');
  assert.equal(stack.fake.records('res.partner').filter((p) => p.vat === SUPPLIER.vat).length, 1);
});
