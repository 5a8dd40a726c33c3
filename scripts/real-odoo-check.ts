// The new user's run on a real Odoo: uploads documents the way a person does (receipts as expenses through
// hr.expense.create_expense_from_attachments, PDF bills through Vendor Bills > Upload =
// account.journal.create_document_from_attachment), runs `odoo-ocr sync --once` with default settings, then reads
// back what was filled and compares it with each document's truth (X.truth.json beside it).
//   ODOO_URL=http://127.0.0.1:8069 ODOO_DB=h14_real ODOO_USER=admin ODOO_PASSWORD=admin \
//     node --import tsx scripts/real-odoo-check.ts FILE...     (receipts: truth doc_type "receipt"; others are bills)
// Prints per document what was written and whether it is right, and the totals: filled share and wrong values;
// CHECK_NOTES=1 also prints the worker's note on each record (what it held back and why). CHECK_WORKER_USER and
// CHECK_WORKER_API_KEY: the worker logs in as that technical user (odoo-ocr setup) instead of the uploader.
// An amount counts as right only in the document's currency: the one its truth names, else its corpus's (SROIE: MYR). CHECK_STATE_DIR reuses a
// worker state directory (its result cache) between runs of the same code and calibration table: a second run with
// other settings then does not read the documents again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fieldMatches } from '../bench/accuracy.js';
import { corpusCurrency } from '../bench/corpus.js';
import { connectOdoo } from '../src/odoo/index.js';
import { fromRoot } from '../src/paths.js';
import { creatorTimezone, dayIn } from '../src/writeback/creator-tz.js';
import { normaliseVat, sameVat } from '../src/writeback/normalize.js';
import { reviewFlagValues, valueAsEntered } from '../src/writeback/rules.js';

interface Uploaded {
  file: string;
  model: 'hr.expense' | 'account.move';
  id: number;
  truth: Record<string, unknown>;
}

const m2oName = (v: unknown) => (Array.isArray(v) ? String(v[1]) : null);
/** An amount is right only in the document's currency: its truth's, else its corpus's. */
const sameCurrency = (file: string, truth: Record<string, unknown>, currency: unknown) => {
  const want = typeof truth.currency === 'string' ? truth.currency : corpusCurrency(file);
  return !want || m2oName(currency) === want;
};

/** The worker logs in as its technical user when CHECK_WORKER_USER and CHECK_WORKER_API_KEY name one (made by
 * `odoo-ocr setup`): the uploads stay a person's, the worker has only its group's rights, as deployed. */
function workerLogin(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  if (!env.CHECK_WORKER_USER || !env.CHECK_WORKER_API_KEY) return {};
  return { ODOO_USER: env.CHECK_WORKER_USER, ODOO_API_KEY: env.CHECK_WORKER_API_KEY, ODOO_PASSWORD: undefined };
}

async function main(files: string[]): Promise<number> {
  if (!files.length) {
    process.stderr.write('usage: ODOO_URL=… ODOO_DB=… ODOO_USER=… ODOO_PASSWORD=… node --import tsx scripts/real-odoo-check.ts FILE...\n');
    return 2;
  }
  const env = process.env;
  const client = await connectOdoo({ url: env.ODOO_URL!, db: env.ODOO_DB!, username: env.ODOO_USER!, password: env.ODOO_PASSWORD, apiKey: env.ODOO_API_KEY });
  const [journal] = await client.searchRead('account.journal', [['type', '=', 'purchase']], { fields: ['id'], limit: 1 });
  const uploaded: Uploaded[] = [];
  for (const file of files) {
    const truth = JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as Record<string, unknown>;
    const asExpense = truth.doc_type === 'receipt';
    const datas = readFileSync(file).toString('base64');
    const name = path.basename(file);
    // as the web client does: Expenses' Upload gives the file to hr.expense (id 0); Vendor Bills' Upload creates it
    // bare, under the bill's move type and journal, and create_document_from_attachment links it
    const uploadContext = asExpense ? {} : { default_move_type: 'in_invoice', default_journal_id: journal.id as number };
    const [attachmentId] = await client.create('ir.attachment', [asExpense ? { name, datas, res_model: 'hr.expense', res_id: 0 } : { name, datas }], uploadContext);
    if (asExpense) {
      const action = await client.call<{ res_id?: number; domain?: unknown[] }>('hr.expense', 'create_expense_from_attachments', { ids: [], kwargs: { attachment_ids: [attachmentId] } });
      const [row] = await client.searchRead('hr.expense', [['attachment_ids', 'in', [attachmentId]]], { fields: ['id'], limit: 1 });
      uploaded.push({ file, model: 'hr.expense', id: (action?.res_id ?? row?.id) as number, truth });
    } else {
      const action = await client.call<{ res_id?: number; domain?: unknown[] }>('account.journal', 'create_document_from_attachment', {
        ids: [journal.id as number], kwargs: { attachment_ids: [attachmentId] }, context: { default_move_type: 'in_invoice' },
      });
      const [row] = await client.searchRead('ir.attachment', [['id', '=', attachmentId]], { fields: ['res_id', 'res_model'] });
      uploaded.push({ file, model: 'account.move', id: (action?.res_id ?? row.res_id) as number, truth });
    }
  }
  client.close();

  // the worker as a new user runs it: defaults, addon-less (or addon mode when the addon is installed)
  const state = env.CHECK_STATE_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'real-odoo-check-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli.ts'), 'sync', '--once'], {
    env: { ...env, ...workerLogin(env), STATE_DIR: state, HTTP_PORT: '0', LOG_LEVEL: 'warn' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(run.stdout);

  const reader = await connectOdoo({ url: env.ODOO_URL!, db: env.ODOO_DB!, username: env.ODOO_USER!, password: env.ODOO_PASSWORD, apiKey: env.ODOO_API_KEY });
  const tally: Record<string, { truth: number; filled: number; wrong: number }> = {};
  const count = (key: string, want: unknown, got: unknown, ok: boolean) => {
    if (want === null || want === undefined) return;
    const t = (tally[key] ??= { truth: 0, filled: 0, wrong: 0 });
    t.truth++;
    if (got === null || got === false || got === 0 || got === undefined) return;
    t.filled++;
    if (!ok) t.wrong++;
  };
  // the bill's review flag as the worker writes it: to_check up to 17, checked (its inverse) from 18 on
  const [flagField, flagToReview] = Object.entries(reviewFlagValues(await reader.fieldsGet('account.move'), true) ?? {})[0] ?? [];
  for (const u of uploaded) {
    if (u.model === 'hr.expense') {
      const [e] = await reader.searchRead('hr.expense', [['id', '=', u.id]], { fields: ['name', 'date', 'total_amount_currency', 'currency_id', 'create_date', 'create_uid'] });
      // Odoo's default: the upload day in the uploader's time zone (an upload late in the UTC day is dated tomorrow
      // in Europe), read as the worker reads it
      const creatorTz = await creatorTimezone(reader, e);
      const uploadDay = dayIn(String(e.create_date), creatorTz);
      const date = e.date === uploadDay ? null : e.date;
      count('expense total', u.truth.amount_total, e.total_amount_currency, fieldMatches('amount_total', e.total_amount_currency, u.truth.amount_total) && sameCurrency(u.file, u.truth, e.currency_id));
      count('expense date', u.truth.date, date, fieldMatches('date', date, u.truth.date));
      // the title the worker gave ("Shop, 2024-03-15"): its shop part against the truth's vendor; the upload's file name
      // (Odoo's default up to 18) or 19's 'Untitled Expense <day>' is no title
      const titled = valueAsEntered('hr.expense', 'name', { current: e, attachmentName: path.basename(u.file), creatorTz });
      const shop = typeof titled === 'string' ? titled.replace(/, \d{4}-\d{2}-\d{2}$/, '') : null;
      count('expense title', u.truth.vendor_name, shop, fieldMatches('vendor_name', shop, u.truth.vendor_name));
      process.stdout.write(`${path.basename(u.file)}\texpense ${u.id}\t${JSON.stringify(e.name)}\ttotal ${e.total_amount_currency} ${m2oName(e.currency_id)} (want ${u.truth.amount_total} ${u.truth.currency ?? '?'})\tdate ${date} (want ${u.truth.date})\n`);
    } else {
      const [b] = await reader.searchRead('account.move', [['id', '=', u.id]], { fields: ['partner_id', 'invoice_date', 'ref', 'amount_total', 'currency_id', ...(flagField ? [flagField] : [])] });
      count('bill total', u.truth.amount_total, b.amount_total, fieldMatches('amount_total', b.amount_total, u.truth.amount_total) && sameCurrency(u.file, u.truth, b.currency_id));
      count('bill date', u.truth.date, b.invoice_date, fieldMatches('date', b.invoice_date, u.truth.date));
      count('bill number', u.truth.invoice_number, b.ref, fieldMatches('invoice_number', b.ref, u.truth.invoice_number));
      count('bill vendor', u.truth.vendor_name, m2oName(b.partner_id), fieldMatches('vendor_name', m2oName(b.partner_id), u.truth.vendor_name));
      // the vendor as a company, whatever it is called: right by its name, or by its VAT when the worker named a new
      // partner by its VAT id (vendor-create.ts)
      const partnerId = Array.isArray(b.partner_id) ? (b.partner_id[0] as number) : null;
      const [partner] = partnerId ? await reader.searchRead('res.partner', [['id', '=', partnerId]], { fields: ['vat'], context: { active_test: false } }) : [];
      // compared as the worker compares VATs (the stored form may carry a prefix or a Swiss UID's MWST)
      const [stored, wanted] = [typeof partner?.vat === 'string' ? normaliseVat(partner.vat) : null, typeof u.truth.vendor_vat === 'string' ? normaliseVat(u.truth.vendor_vat) : null];
      const vatRight = !!stored && !!wanted && sameVat(stored, wanted);
      count('bill vendor id', u.truth.vendor_name, m2oName(b.partner_id), fieldMatches('vendor_name', m2oName(b.partner_id), u.truth.vendor_name) || vatRight);
      process.stdout.write(`${path.basename(u.file)}\tbill ${u.id}\ttotal ${b.amount_total} ${m2oName(b.currency_id)} (want ${u.truth.amount_total} ${u.truth.currency ?? '?'})\tdate ${b.invoice_date} (want ${u.truth.date})\tref ${b.ref} (want ${u.truth.invoice_number})\tvendor ${JSON.stringify(m2oName(b.partner_id))} (want ${JSON.stringify(u.truth.vendor_name)})\tto review ${flagField ? b[flagField] === flagToReview : '?'}\n`);
    }
  }
  if (env.CHECK_NOTES) {
    // what the worker said it held back and why: its note on each record (the chatter), tags stripped
    for (const u of uploaded) {
      const notes = await reader.searchRead('mail.message', [['model', '=', u.model], ['res_id', '=', u.id], ['body', 'ilike', 'OCR']], { fields: ['body'], order: 'id desc', limit: 1 });
      const text = String(notes[0]?.body ?? '').replace(/<\/(p|li|div)>/g, ' | ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
      process.stdout.write(`note ${path.basename(u.file)}: ${text.slice(0, 600)}\n`);
    }
  }
  reader.close();
  for (const [key, t] of Object.entries(tally)) {
    process.stdout.write(`${key.padEnd(14)} filled ${t.filled}/${t.truth} (${Math.round((100 * t.filled) / t.truth)} %), wrong ${t.wrong}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`real-odoo-check failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
