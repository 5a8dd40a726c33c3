// Shared set-up of the vendor-bill end-to-end tests: real documents from fixtures/documents read by the real
// pipeline, the accounting data a small company has (purchase taxes, EUR, a known vendor), bills as Odoo's
// "Upload" button leaves them (an empty draft vendor bill with the file as its main attachment), and what an
// accountant looks at afterwards (partner, dates, reference, currency, lines and taxes, total, chatter).
import { readFileSync } from 'node:fs';
import type { Row } from '../support/fake-odoo/domain.js';
import type { FakeOdoo } from '../support/fake-odoo/index.js';
import { computeMoveTotals, seedTaxes } from '../support/fake-accounting.js';
import { fromRoot } from '../../src/paths.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import type { WorkerScanner } from '../../src/worker/document-reader.js';
import { after, afterEach, before } from 'node:test';
import { startStack, type Stack, type StackOptions } from './harness.js';

export interface Doc {
  file: string;
  name: string;
  mimetype: string;
}

/** Factur-X (EN 16931 "Einfach"): Lieferant GmbH, VAT DE123456789, no. 471102 of 2018-03-05, EUR, 20 × 9.90 at 19 %
 * and 50 × 5.50 at 7 %: untaxed 473.00, tax 56.87, total 529.87. */
export const FACTURX: Doc = { file: 'facturx/XML-Rechnung__FX__EN16931_Einfach.pdf', name: 'EN16931_Einfach.pdf', mimetype: 'application/pdf' };
/** Text PDF of QualityHosting AG (VAT DE 232 446 240), no. 30064443 of 2014-05-07, EUR 34.73 (total read with low
 * confidence by the rules). */
export const QUALITY_HOSTING: Doc = { file: 'invoice2data/QualityHosting.pdf', name: 'QualityHosting.pdf', mimetype: 'application/pdf' };
/** UBL credit note of My Supplier Company N.V. (VAT BE0000000196), no. "018304 / 28865", EUR 100.11 without tax. */
export const UBL_CREDIT_NOTE: Doc = { file: 'ubl/XML-Rechnung__UBL__ubl-tc434-creditnote1.xml', name: 'creditnote1.xml', mimetype: 'application/xml' };
/** Factur-X "Rechnungskorrektur": an invoice with negative amounts (-8.79), i.e. a credit note, whose lines do not
 * add up to its total (a charge the lines do not show). */
export const CORRECTION: Doc = { file: 'facturx/XML-Rechnung__FX__EN16931_Rechnungskorrektur.pdf', name: 'Rechnungskorrektur.pdf', mimetype: 'application/pdf' };

export const EUR = 2; // the fake's base data: USD = 1 (company currency), EUR = 2
export const PURCHASE_JOURNAL = 2;

export function documentBytes(doc: Doc): Buffer {
  return readFileSync(fromRoot('fixtures/documents', doc.file)); // from test/ and from the compiled dist/ (bench) alike
}

/** One real scanner for a whole test file; runtimes get a handle whose close() leaves it running. */
export async function openScanner(): Promise<{ scanner: Scanner; forRuntime: WorkerScanner }> {
  const scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1 });
  return {
    scanner,
    forRuntime: { scanBuffer: (data, name, call) => scanner.scanBuffer(data, name, call), ready: () => scanner.ready(), close: async () => {} },
  };
}

export interface Books {
  /** The vendor of FACTURX, known in Odoo with its VAT number written with spaces. */
  lieferant: number;
  taxes: { t19: number; t7: number; t20: number };
}

/** What the company's books hold before any document arrives. */
export function seedBooks(fake: FakeOdoo): Books {
  computeMoveTotals(fake);
  const [t19, t7, t20] = seedTaxes(fake, [{ rate: 19 }, { rate: 7 }, { rate: 20 }]);
  const [lieferant] = fake.seed('res.partner', [{ name: 'Lieferant GmbH', vat: 'DE 123 456 789', is_company: true }]);
  return { lieferant: lieferant!, taxes: { t19: t19!, t7: t7!, t20: t20! } };
}

/** What Odoo's Upload on Vendor Bills leaves: an empty draft in the company currency, the file as main attachment. */
export function uploadBill(stack: Stack, doc: Doc, values: Row = {}): { billId: number; attachmentId: number } {
  const [billId] = stack.fake.seed('account.move', [{
    move_type: 'in_invoice', state: 'draft', journal_id: PURCHASE_JOURNAL, currency_id: 1, company_id: 1, date: '2026-11-20', ...values,
  }]);
  const attachmentId = stack.attach(documentBytes(doc), doc.name, doc.mimetype, 'account.move', billId);
  stack.fake.write('account.move', [billId!], { message_main_attachment_id: attachmentId });
  return { billId: billId!, attachmentId };
}

/** A loose file (Documents, an e-mail alias without a bill yet): the worker creates the bill. */
export function looseFile(stack: Stack, doc: Doc): number {
  return stack.attach(documentBytes(doc), doc.name, doc.mimetype);
}

export interface BillView {
  move: Row;
  lines: Row[];
  notes: string[];
}

/** A stored row with the fields it never had set as Odoo reads them: False, 0, []. */
function withEmpties(fake: FakeOdoo, model: string, row: Row): Row {
  const empties: Row = {};
  for (const [name, def] of Object.entries(fake.fieldsOf(model))) {
    if (def.store === false) continue;
    empties[name] = ['integer', 'float', 'monetary'].includes(def.type) ? 0 : ['one2many', 'many2many'].includes(def.type) ? [] : false;
  }
  return { ...empties, ...row };
}

export function billView(fake: FakeOdoo, billId: number): BillView {
  const move = fake.records('account.move').find((r) => r.id === billId);
  if (!move) throw new Error(`no account.move ${billId}`);
  return {
    move: withEmpties(fake, 'account.move', move),
    lines: fake.records('account.move.line').filter((l) => l.move_id === billId),
    notes: fake.records('mail.message').filter((m) => m.model === 'account.move' && m.res_id === billId).map((m) => String(m.body)),
  };
}

/** Lines as an accountant reads them: "qty × price @ tax ids". */
export function lineSummary(lines: Row[]): string[] {
  return lines.map((l) => `${String(l.quantity)} x ${String(l.price_unit)} @ [${((l.tax_ids as number[]) ?? []).join(',')}]`).sort();
}

/** The FACTURX bill as the worker must leave it (whatever mode wrote it). */
export function assertFacturxBill(assert: typeof import('node:assert/strict'), view: BillView, books: Books): void {
  assert.equal(view.move.partner_id, books.lieferant, 'vendor matched by VAT');
  assert.equal(view.move.invoice_date, '2018-03-05');
  assert.equal(view.move.ref, '471102');
  assert.equal(view.move.currency_id, EUR);
  assert.equal(view.move.move_type, 'in_invoice');
  assert.equal(view.move.state, 'draft', 'never posted');
  assert.deepEqual(lineSummary(view.lines), [`20 x 9.9 @ [${books.taxes.t19}]`, `50 x 5.5 @ [${books.taxes.t7}]`]);
  assert.equal(view.move.amount_untaxed, 473);
  assert.equal(view.move.amount_total, 529.87, "Odoo's total equals the document's");
  assert.equal(view.notes.length, 1, 'one chatter note');
  assert.match(view.notes[0]!, /matched by vat: Lieferant GmbH/);
}

/** The hooks both bill suites share: one real scanner for the file, a fresh fake Odoo per test (bills, files and
 * duplicate checks must not leak from one case into another), closed after it. */
export function billSuite() {
  let scanner: Awaited<ReturnType<typeof openScanner>> | null = null;
  let stack: Stack | null = null;
  before(async () => {
    scanner = await openScanner();
  });
  after(async () => {
    await scanner?.scanner.close();
  });
  afterEach(async () => {
    await stack?.close();
    stack = null;
  });
  return {
    get scanner() {
      if (!scanner) throw new Error('the scanner opens in before()');
      return scanner;
    },
    async start(opts: StackOptions): Promise<Stack> {
      stack = await startStack(opts);
      return stack;
    },
  };
}
