// Records a real ocr.job.lookup exchange (the addon installed, a worker user made by `odoo-ocr setup`) into
// fixtures/odoo/17.0/addon-recorded/, for test/odoo/lookup-contract.test.ts. Not a test: run it by hand against a
// throw-away database. The queries are the worker's own plan for the Factur-X scan of fixtures/writeback.
//   ODOO_URL=http://127.0.0.1:8071 ODOO_DB=h12_db ODOO_API_KEY_FILE=/tmp/key node --import tsx test/odoo/record/record-lookup.ts
// The key and the lease token are replaced by "<api key>" / "<token>"; the records it creates are deleted again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScanResult } from '../../../src/contract.js';
import { connectOdoo } from '../../../src/odoo/connect.js';
import { planLookups } from '../../../src/writeback/lookup-plan.js';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8071';
const db = process.env.ODOO_DB!;
const apiKey = readFileSync(process.env.ODOO_API_KEY_FILE!, 'utf8').trim();
const outDir = process.argv[2] ?? 'fixtures/odoo/17.0/addon-recorded';
mkdirSync(outDir, { recursive: true });

const admin = await connectOdoo({ url, db, username: 'admin', password: process.env.ODOO_ADMIN_PASSWORD ?? 'admin' });
const worker = await connectOdoo({ url, db, username: process.env.ODOO_USER ?? 'ocr-worker', apiKey });
const uid = await worker.authenticate();
const scan = JSON.parse(readFileSync('fixtures/writeback/facturx-einfach.scan.json', 'utf8')) as ScanResult;
const pdf = readFileSync('fixtures/documents/facturx/XML-Rechnung__FX__EN16931_Einfach.pdf').toString('base64');

const [vendor] = await admin.create('res.partner', [{ name: 'Lieferant GmbH (recording)', vat: 'DE123456789', is_company: true }]);
const [bank] = await admin.create('res.partner.bank', [{ acc_number: 'DE89 3704 0044 0532 0130 00', partner_id: vendor }]);
const [bill] = await admin.create('account.move', [{ move_type: 'in_invoice' }], { default_move_type: 'in_invoice' });
const [attachment] = await admin.create('ir.attachment', [{ name: 'EN16931_Einfach.pdf', datas: pdf, mimetype: 'application/pdf', res_model: 'account.move', res_id: bill }]);
let token = '';
try {
  await admin.call('account.move', 'action_ocr_digitize', { ids: [bill!] });
  const leases = await worker.call<Array<{ job_id: number; token: string; attachment_id: number; company_id: number }>>('ocr.job', 'claim', { kwargs: { worker_id: 'record-lookup', limit: 20 } });
  const mine = leases.find((l) => l.attachment_id === attachment);
  const others = leases.filter((l) => l !== mine).map((l) => [l.job_id, l.token]);
  if (others.length) await worker.call('ocr.job', 'release', { kwargs: { job_tokens: others } });
  if (!mine) throw new Error('the job of the recorded bill was not claimed');
  token = mine.token;
  const [meta] = await admin.read<{ checksum: string }>('ir.attachment', [attachment!], ['checksum']);
  const queries = await planLookups(worker, { resModel: 'account.move', resId: bill!, attachmentId: attachment!, companyId: mine.company_id }, scan, { checksum: meta!.checksum, moveId: bill! });
  const request = { jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: [db, uid, apiKey, 'ocr.job', 'lookup', [], { job_id: mine.job_id, token, queries }] }, id: 1 };
  const res = await fetch(`${url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const response = await res.json();
  const text = JSON.stringify({ request, response }, null, 1).split(apiKey).join('<api key>').split(token).join('<token>');
  writeFileSync(path.join(outDir, 'ocr_job.lookup.json'), `${text}\n`);
  console.log('recorded ocr_job.lookup', JSON.stringify((response as { result?: { results?: unknown[] } }).result?.results?.map((r) => (Array.isArray(r) ? r.length : r))));
  await worker.call('ocr.job', 'release', { kwargs: { job_tokens: [[mine.job_id, token]] } });
} finally {
  const unlink = (model: string, ids: number[]) => admin.call(model, 'unlink', { ids }).catch(() => undefined);
  await unlink('ocr.job', (await admin.searchRead<{ id: number }>('ocr.job', [['attachment_id', '=', attachment!]], { fields: ['id'] })).map((j) => j.id));
  await unlink('account.move', [bill!]);
  await unlink('ir.attachment', [attachment!]);
  await unlink('res.partner.bank', [bank!]);
  await unlink('res.partner', [vendor!]);
  admin.close();
  worker.close();
}
