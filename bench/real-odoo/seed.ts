// Seeds 40 documents into a real Odoo 17 with the addon (a fresh database with demo data, admin/admin) the way people
// add them: 28 vendor bills through Accounting > Vendor Bills > Upload (account.journal.create_document_from_attachment
// with the button's context, default_move_type in_invoice: Odoo fills Factur-X/UBL bills itself, plain PDFs stay
// empty drafts) and 12 receipt photos through Expenses > Upload (hr.expense.create_expense_from_attachments).
// Jobs are queued by the addon (company modes set to auto). For bench/real-odoo/fault-run.sh.
//   ODOO_URL=http://127.0.0.1:8071 ODOO_DB=… node --import tsx bench/real-odoo/seed.ts
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { connectOdoo } from '../../src/odoo/connect.js';
import { fromRoot } from '../../src/paths.js';

const url = process.env.ODOO_URL!;
const db = process.env.ODOO_DB!;
const admin = await connectOdoo({ url, db, username: 'admin', password: process.env.ODOO_ADMIN_PASSWORD ?? 'admin' });
const DOCS = fromRoot('fixtures/documents');
const pick = (dir: string, re: RegExp) => readdirSync(path.join(DOCS, dir)).filter((f) => re.test(f)).sort().map((f) => path.join(DOCS, dir, f));
const bills = [...pick('facturx', /\.pdf$/), ...pick('invoice2data', /\.pdf$/), ...pick('oca-pdf', /\.pdf$/), ...pick('ubl', /\.xml$/)].slice(0, 28);
const receipts = pick('sroie', /\.jpg$/).slice(0, 12);
const [company] = await admin.searchRead<{ id: number }>('res.company', [], { fields: ['id'], limit: 1 });
await admin.write('res.company', [company!.id], { ocr_bill_mode: 'auto', ocr_expense_mode: 'auto' });
const [journal] = await admin.searchRead<{ id: number }>('account.journal', [['type', '=', 'purchase'], ['company_id', '=', company!.id]], { fields: ['id'], limit: 1 });
const mime = (f: string) => (f.endsWith('.pdf') ? 'application/pdf' : f.endsWith('.xml') ? 'application/xml' : 'image/jpeg');
const upload = (file: string, resModel: string | false) =>
  admin.create('ir.attachment', [{ name: path.basename(file), datas: readFileSync(file).toString('base64'), mimetype: mime(file), res_model: resModel, res_id: 0 }]);

for (const file of bills) {
  const [att] = await upload(file, 'account.journal');
  await admin.call('account.journal', 'create_document_from_attachment', { ids: [journal!.id], kwargs: { attachment_ids: [att] }, context: { default_move_type: 'in_invoice' } });
}
for (const file of receipts) {
  const [att] = await upload(file, 'hr.expense');
  await admin.call('hr.expense', 'create_expense_from_attachments', { ids: [], kwargs: { attachment_ids: [att] } }); // a record method, called on no records
}
const jobs = await admin.searchRead<{ state: string; res_model: string }>('ocr.job', [], { fields: ['state', 'res_model'] });
console.log(JSON.stringify({
  bills: bills.length, expenses: receipts.length, jobs: jobs.length, pending: jobs.filter((j) => j.state === 'pending').length,
  byModel: jobs.reduce<Record<string, number>>((m, j) => ({ ...m, [j.res_model]: (m[j.res_model] ?? 0) + 1 }), {}),
}));
admin.close();
