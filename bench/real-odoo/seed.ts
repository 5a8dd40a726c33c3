// Seeds 40 documents into a real Odoo 17 with the addon (a fresh database with demo data, admin/admin): 26 draft
// bills (PDF / Factur-X / UBL), 2 loose files digitized from the attachment, 12 draft expenses with receipt photos.
// Jobs are queued by the addon (company modes set to auto). For bench/real-odoo/fault-run.sh.
//   ODOO_URL=http://127.0.0.1:8072 ODOO_DB=… node --import tsx bench/real-odoo/seed.ts
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
const [employee] = await admin.searchRead<{ id: number }>('hr.employee', [['user_id', '=', 2]], { fields: ['id'], limit: 1 });
const mime = (f: string) => (f.endsWith('.pdf') ? 'application/pdf' : f.endsWith('.xml') ? 'application/xml' : 'image/jpeg');
const loose: number[] = [];
for (const [i, file] of bills.entries()) {
  const datas = readFileSync(file).toString('base64');
  if (i >= 26) {
    const [att] = await admin.create('ir.attachment', [{ name: path.basename(file), datas, mimetype: mime(file) }]);
    loose.push(att!);
    continue;
  }
  const [bill] = await admin.create('account.move', [{ move_type: 'in_invoice' }], { default_move_type: 'in_invoice' });
  await admin.create('ir.attachment', [{ name: path.basename(file), datas, mimetype: mime(file), res_model: 'account.move', res_id: bill }]);
}
if (loose.length) await admin.call('ir.attachment', 'action_ocr_digitize', { ids: loose });
for (const [i, file] of receipts.entries()) {
  const [expense] = await admin.create('hr.expense', [{ name: `fault-run receipt ${i}`, employee_id: employee!.id }]);
  await admin.create('ir.attachment', [{ name: path.basename(file), datas: readFileSync(file).toString('base64'), mimetype: 'image/jpeg', res_model: 'hr.expense', res_id: expense }]);
}
const jobs = await admin.searchRead<{ state: string }>('ocr.job', [], { fields: ['state'] });
console.log(JSON.stringify({ bills: 26, loose: loose.length, expenses: receipts.length, jobs: jobs.length, pending: jobs.filter((j) => j.state === 'pending').length }));
admin.close();
