// The new user's run, on the fake Odoo, in both modes (addon-less, and addon mode with the addon's complete()
// emulated; the real scanner and the shipped calibration, each document read once for both): holdout receipt
// photos uploaded as expenses and holdout text-layer PDF bills, each checked against its truth, in a US-dollar
// company that lets the worker activate the currency a document is in (ACTIVATE_CURRENCIES / the company's
// ocr_activate_currencies, as a company receiving foreign documents sets it). The write policy must write no value
// that is wrong — an amount counts as right only in the document's currency, the one its truth names (SROIE receipts
// are Malaysian: a total booked in dollars is wrong). The target is to fill ≥ 80 % of totals and dates;
// FILLED_FLOOR pins what is measured (README, Accuracy), against regressions, not the target. And Odoo gets what
// `scan --company-country US` says it would write: each total and date is filled exactly when its write flag is set,
// with the value scan read — a value the policy writes that the write-back or the connector loses (a currency, a
// date format, a field taken for a person's entry) is a defect of theirs, not of the reading.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fieldMatches } from '../../bench/accuracy.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import type { WorkerScanner } from '../../src/worker/document-reader.js';
import type { ScanResult } from '../../src/contract.js';
import { holdAmountsForCurrency } from '../../src/cli/scan.js';
import { DEFAULT_WRITE_THRESHOLD } from '../../src/pipeline/confidence/policy.js';
import { computeMoveTotals } from '../support/fake-accounting.js';
import { startStack, type Stack } from './harness.js';

const RECEIPTS = ['sroie/sroie-001.jpg', 'sroie/sroie-007.jpg', 'sroie/sroie-009.jpg', 'sroie/sroie-013.jpg'];
const BILLS = [
  'invoices2-text/bouygues_telecom_11608848301659.pdf', 'invoices2-text/rocvantwente_2209058.pdf',
  'invoices2-text/latex_rechnung_obelix_1978-001.pdf', 'invoices2-text/tech_solutions_srl_2024-001.pdf',
];

const FILLED_FLOOR = 11;

const doc = (rel: string) => readFile(new URL(`../../fixtures/documents/${rel}`, import.meta.url));
const truthOf = async (rel: string) => JSON.parse((await doc(`${rel}.truth.json`)).toString('utf8')) as Record<string, unknown>;

let scanner: Scanner;
/** Each document is read once for both modes: the same scan result meets the worker's and the addon's write-back. */
let reader: WorkerScanner;
/** What each document read gave, by its sha256: the scan result the write-back met. */
const read = new Map<string, ReturnType<Scanner['scanBuffer']>>();
before(async () => {
  scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1 });
  reader = {
    scanBuffer: (data, name, call) => {
      const key = createHash('sha256').update(data).digest('hex');
      if (!read.has(key)) read.set(key, scanner.scanBuffer(data, name, call));
      return read.get(key)!;
    },
    ready: () => scanner.ready(),
    close: async () => {},
  };
});
after(async () => {
  await scanner.close();
});

/** scan's write flags for a US-dollar company (scan --company-country US): the amounts' flags follow the worker's
 * currency rule, as the worker applies it. */
async function scanWrites(data: Buffer): Promise<ScanResult> {
  const result = JSON.parse(JSON.stringify(await read.get(createHash('sha256').update(data).digest('hex'))!)) as ScanResult;
  holdAmountsForCurrency(result, DEFAULT_WRITE_THRESHOLD, { country: 'US', currency: 'USD' });
  return result;
}

/** Uploads the receipts as expenses and the bills as draft bills, runs the worker until idle (addon mode: one job
 * per upload, completed by the fake with the addon's rules and the company's settings) and counts, per total and
 * date with a truth, whether it was filled and whether what was filled is right, and per total and date whether
 * Odoo holds what scan would write (unlike: each that does not). */
async function newUsersRun(addon: boolean): Promise<{ truths: number; filled: number; wrong: string[]; unlike: string[] }> {
  const stack: Stack = await startStack({ addon, ...(addon ? { jobOptions: { activateCurrencies: true } } : {}) });
  try {
    stack.fake.seed('res.currency', [{ name: 'MYR', symbol: 'RM', active: false }, { name: 'CHF', symbol: 'CHF', active: false }]);
    stack.fake.write('res.company', [1], { country_code: 'US' });
    computeMoveTotals(stack.fake); // a bill's total is what Odoo computes from the lines written
    const checks: Array<{ rel: string; model: 'hr.expense' | 'account.move'; id: number }> = [];
    const upload = async (rel: string, model: 'hr.expense' | 'account.move', values: Record<string, unknown>, mimetype: string) => {
      const [id] = stack.fake.seed(model, [values]);
      const attachmentId = stack.attach(await doc(rel), rel.split('/').pop()!, mimetype, model, id);
      if (addon) stack.jobs!.enqueue({ attachmentId, resModel: model, resId: id });
      checks.push({ rel, model, id: id! });
    };
    for (const rel of RECEIPTS) await upload(rel, 'hr.expense', { name: rel.split('/').pop(), employee_id: 1, state: 'draft', currency_id: 1 }, 'image/jpeg');
    for (const rel of BILLS) await upload(rel, 'account.move', { move_type: 'in_invoice', state: 'draft', journal_id: 2, currency_id: 1, date: '2026-11-01' }, 'application/pdf');
    const config = await stack.config({ OCR_CONCURRENCY: '1', ...(addon ? {} : { OCR_MODE: 'addonless', ACTIVATE_CURRENCIES: 'true' }) });
    const rt = await stack.runtime(config, { scanner: reader });
    const summary = await rt.worker.runUntilIdle();
    assert.equal(summary.failed, 0, JSON.stringify(summary));

    const currencyName = (id: unknown) => stack.fake.records('res.currency').find((c) => c.id === (Array.isArray(id) ? id[0] : id))?.name;
    let truths = 0;
    let filled = 0;
    const wrong: string[] = [];
    const unlike: string[] = [];
    for (const { rel, model, id } of checks) {
      const truth = await truthOf(rel);
      const row = stack.fake.records(model).find((r) => r.id === id)!;
      const scanned = await scanWrites(await doc(rel));
      for (const [field, kind] of model === 'hr.expense' ? [['total_amount_currency', 'amount_total'], ['date', 'date']] as const : [['amount_total', 'amount_total'], ['invoice_date', 'date']] as const) {
        const flag = scanned.fields?.[kind];
        const got = row[field] === false || row[field] === 0 ? null : row[field] ?? null;
        const want = flag?.write ? flag.value : null;
        if (String(got) !== String(want)) unlike.push(`${rel} ${field}: Odoo got ${JSON.stringify(got)}, scan would write ${JSON.stringify(want)}`);
      }
      const pairs: Array<[string, unknown, 'amount_total' | 'date']> = model === 'hr.expense'
        ? [['total_amount_currency', truth.amount_total, 'amount_total'], ['date', truth.date, 'date']]
        : [['amount_total', truth.amount_total, 'amount_total'], ['invoice_date', truth.date, 'date']];
      for (const [field, want, kind] of pairs) {
        if (want === null || want === undefined) continue;
        truths++;
        const got = row[field];
        if (got === false || got === null || got === 0 || got === undefined) continue;
        filled++;
        const currency = typeof truth.currency === 'string' ? truth.currency : null;
        const inCurrency = kind !== 'amount_total' || !currency || currencyName(row.currency_id) === currency;
        if (!fieldMatches(kind, got, want) || !inCurrency) wrong.push(`${rel} ${field}: wrote ${JSON.stringify(got)} ${kind === 'amount_total' ? currencyName(row.currency_id) : ''}, truth ${JSON.stringify(want)}`);
      }
    }
    return { truths, filled, wrong, unlike };
  } finally {
    await stack.close();
  }
}

for (const addon of [false, true]) {
  test(`${addon ? 'addon' : 'addon-less'}, default threshold: nothing written is wrong, and the totals and dates filled do not fall`, { timeout: 420_000 }, async (t) => {
    const { truths, filled, wrong, unlike } = await newUsersRun(addon);
    t.diagnostic(`filled ${filled} of ${truths} totals and dates`);
    assert.deepEqual(wrong, [], 'no wrong value written');
    assert.deepEqual(unlike, [], 'Odoo got the totals and dates scan would write, and no other');
    assert.ok(filled >= FILLED_FLOOR, `filled ${filled} of ${truths} totals and dates (floor ${FILLED_FLOOR})`);
  });
}
