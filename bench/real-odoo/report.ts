// After bench/real-odoo/fault-run.sh: jobs by state, records written twice (more than one OCR note by the worker
// user), jobs stuck pending/running, attempts, bills posted.
//   ODOO_URL=… ODOO_DB=… node --import tsx bench/real-odoo/report.ts
import { connectOdoo } from '../../src/odoo/connect.js';

const admin = await connectOdoo({ url: process.env.ODOO_URL!, db: process.env.ODOO_DB!, username: 'admin', password: process.env.ODOO_ADMIN_PASSWORD ?? 'admin' });
const jobs = await admin.searchRead<{ id: number; state: string; attempts: number; res_model: string; res_id: number; error: string | false }>(
  'ocr.job', [], { fields: ['id', 'state', 'attempts', 'res_model', 'res_id', 'error'] });
const byState: Record<string, number> = {};
for (const j of jobs) byState[j.state] = (byState[j.state] ?? 0) + 1;
const [worker] = await admin.searchRead<{ partner_id: [number, string] }>('res.users', [['login', '=', 'ocr-worker']], { fields: ['partner_id'] });
const notes = await admin.searchRead<{ model: string; res_id: number }>('mail.message', [['author_id', '=', worker!.partner_id[0]], ['message_type', '=', 'comment']], { fields: ['model', 'res_id'] });
const perRecord = new Map<string, number>();
for (const n of notes) perRecord.set(`${n.model}:${n.res_id}`, (perRecord.get(`${n.model}:${n.res_id}`) ?? 0) + 1);
const twice = [...perRecord.entries()].filter(([, c]) => c > 1);
const bills = await admin.searchRead<{ id: number; state: string }>('account.move', [['move_type', 'in', ['in_invoice', 'in_refund']], ['state', '=', 'posted'], ['id', 'in', jobs.filter((j) => j.res_model === 'account.move').map((j) => j.res_id)]], { fields: ['id', 'state'] });
console.log(JSON.stringify({
  jobs: jobs.length, byState, stuck: jobs.filter((j) => j.state === 'running' || j.state === 'pending').map((j) => j.id),
  attempts: jobs.reduce((a, j) => a + j.attempts, 0), recordsWithNote: perRecord.size, writtenTwice: twice, posted: bills.length,
  failed: jobs.filter((j) => j.state === 'failed').map((j) => `${j.id}: ${String(j.error).slice(0, 120)}`),
}, null, 1));
admin.close();
