import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { ScanResult } from '../../src/contract.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import type { WorkerScanner } from '../../src/worker/document-reader.js';
import { billView, FACTURX, seedBooks, uploadBill, type Doc } from './bills-support.js';
import { startStack, type Stack } from './harness.js';

// The vendor memory in addon-less mode, end to end on the fake Odoo: the worker fills a bill, an accountant posts
// it, the worker finds the posted record by polling (its ledger knows which records carry its note), reads the
// file again and learns the kept values into the SQLite state; the vendor's next bill is read with the profile.

/** Another invoice of Lieferant GmbH (VAT DE123456789), no. 471102 of 2018-03-05, EUR 529.87. */
const SAME_VENDOR: Doc = { file: 'facturx/XML-Rechnung__FX__EN16931_AbweichenderZahlungsempf.pdf', name: 'Abweichend.pdf', mimetype: 'application/pdf' };

let scanner: Scanner;
let stack: Stack | null = null;
const results: ScanResult[] = [];
// the PDFs' visible pages, not their embedded XML: the memory is for documents read visually
const recording: WorkerScanner = {
  scanBuffer: async (data, name, call) => {
    const r = await scanner.scanBuffer(data, name, call);
    results.push(r);
    return r;
  },
  ready: () => scanner.ready(),
  close: async () => {},
};
before(async () => {
  scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1, noEmbedded: true });
});
after(async () => {
  await scanner.close();
});
afterEach(async () => {
  await stack?.close();
  stack = null;
});

test('addon-less: a posted bill teaches the vendor memory once; the vendor\'s next bill is read with the profile', async () => {
  stack = await startStack({ addon: false });
  const books = seedBooks(stack.fake);
  const cfg = await stack.config({ OCR_MODE: 'addonless', OCR_NO_EMBEDDED: 'true' }, 'ledger');
  const rt = await stack.runtime(cfg, { scanner: recording });
  assert.ok(rt.learner, 'VENDOR_MEMORY is on by default');

  const { billId: first } = uploadBill(stack, FACTURX);
  await rt.worker.runUntilIdle();
  assert.equal(results.at(-1)!.memory?.matched_by, null, 'no profile yet');
  assert.equal(await rt.learner!.runOnce(), 0, 'a draft is not learned from');

  // the accountant checks the bill, types what the write policy held back (its date and number) and posts it
  assert.equal(billView(stack.fake, first).move.partner_id, books.lieferant);
  stack.fake.write('account.move', [first], { ref: '471102', invoice_date: '2018-03-05' });
  stack.fake.write('account.move', [first], { state: 'posted' });
  assert.equal(await rt.learner!.runOnce(), 1);
  assert.equal(await rt.learner!.runOnce(), 0, 'each posted record is learned from once');

  const rows = rt.stateDb.prepare('SELECT company, partner_id, data FROM vendor_profile').all() as { company: string; partner_id: number; data: string }[];
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.partner_id, books.lieferant);
  assert.equal(rows[0]!.company, '1');
  for (const kept of ['529.87', '471102', '2018-03-05']) assert.ok(!rows[0]!.data.includes(kept), `the profile does not hold ${kept}`);

  const { billId: second } = uploadBill(stack, SAME_VENDOR);
  await rt.worker.runUntilIdle();
  const read = results.at(-1)!;
  assert.ok(read.memory?.matched_by, 'the next bill of the vendor meets its profile');
  for (const name of ['invoice_number', 'date'] as const) {
    assert.ok(read.fields![name].confidence >= 0.95, `${name}: ${read.fields![name].confidence} ${JSON.stringify(read.memory)}`);
  }
  const view = billView(stack.fake, second);
  assert.equal(view.move.ref, '471102');
  assert.equal(view.move.invoice_date, '2018-03-05');
  assert.equal(view.move.partner_id, books.lieferant);
});

test('addon-less with VENDOR_MEMORY=false: no profile is kept or used', async () => {
  stack = await startStack({ addon: false });
  seedBooks(stack.fake);
  const cfg = await stack.config({ OCR_MODE: 'addonless', OCR_NO_EMBEDDED: 'true', VENDOR_MEMORY: 'false' }, 'ledger');
  const rt = await stack.runtime(cfg, { scanner: recording });
  assert.equal(rt.learner, null);
  uploadBill(stack, FACTURX);
  await rt.worker.runUntilIdle();
  assert.equal(results.at(-1)!.memory, undefined);
});
