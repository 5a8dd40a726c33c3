// Records real request/response pairs from a running Odoo into fixtures/odoo/<series>/wire-recorded/, for the
// contract tests that replay them against the fake. Not a test: run it by hand against a throw-away database.
//   ODOO_URL=http://127.0.0.1:8069 ODOO_DB=acceptance ODOO_API_KEY_FILE=/work/odoo/apikey.acceptance \
//     node --import tsx test/odoo/record/record-real-odoo.ts fixtures/odoo/17.0/wire-recorded
// Secrets are replaced by "<api key>" / "<password>" before anything is written; every record it creates is deleted.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8069';
const db = process.env.ODOO_DB ?? 'acceptance';
const login = process.env.ODOO_USER ?? 'admin';
const apiKey = readFileSync(process.env.ODOO_API_KEY_FILE ?? '/work/odoo/apikey.acceptance', 'utf8').trim();
const demoLogin = process.env.ODOO_DEMO_USER ?? 'demo';
const demoPassword = process.env.ODOO_DEMO_PASSWORD ?? 'demo';
const outDir = process.argv[2] ?? 'fixtures/odoo/17.0/wire-recorded';
mkdirSync(outDir, { recursive: true });

function redact(value: unknown): unknown {
  const text = JSON.stringify(value);
  return JSON.parse(text.split(apiKey).join('<api key>').split(JSON.stringify(demoPassword)).join('"<password>"'));
}

/** Tracebacks are cut to their last line, as in the shared recordings. */
function trimDebug(body: any): any {
  if (body && body.error && body.error.data && typeof body.error.data.debug === 'string') {
    const lines = body.error.data.debug.trim().split('\n');
    body.error.data.debug = lines[lines.length - 1];
  }
  return body;
}

function save(name: string, record: unknown): void {
  writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(redact(record), null, 1) + '\n');
  console.log('recorded', name);
}

async function jsonrpc(name: string | null, service: string, method: string, args: unknown[]): Promise<any> {
  const request = { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 1 };
  const res = await fetch(`${url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const response = trimDebug(await res.json());
  if (name) save(name, { request, response });
  return response;
}

let uid = 0;
async function kw(name: string | null, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}, as?: { uid: number; secret: string }): Promise<any> {
  return jsonrpc(name, 'object', 'execute_kw', [db, as?.uid ?? uid, as?.secret ?? apiKey, model, method, args, kwargs]);
}

async function http(name: string, method: 'GET' | 'POST', urlPath: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const allHeaders = { 'Content-Type': 'application/json', ...headers };
  const res = await fetch(`${url}${urlPath}`, { method, headers: allHeaders, body: body === null ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = null;
  try { parsed = JSON.parse(text); } catch { /* HTML error pages are recorded by content type only */ }
  save(name, {
    request: { method, path: urlPath, headers: allHeaders, body },
    response: { status: res.status, contentType: res.headers.get('content-type'), body: parsed },
  });
}

async function main(): Promise<void> {
  // Probing: what a 17 server answers on the 19+ endpoints.
  await http('probe.get_web_version', 'GET', '/web/version', null);
  await http('probe.get_json_version', 'GET', '/json/version', null);
  await http('probe.json2_search_count', 'POST', '/json/2/res.partner/search_count', { domain: [] }, { Authorization: `bearer ${apiKey}` });
  await http('probe.webclient_version_info', 'POST', '/web/webclient/version_info', { jsonrpc: '2.0', method: 'call', params: {}, id: 1 });

  uid = (await jsonrpc('common.authenticate.apikey', 'common', 'authenticate', [db, login, apiKey, {}])).result;
  await jsonrpc('common.authenticate.bad_key', 'common', 'authenticate', [db, login, '0'.repeat(40), {}]);
  await jsonrpc('common.authenticate.unknown_db', 'common', 'authenticate', ['no_such_db_ocr', login, apiKey, {}]);

  await kw('fields_get.ir_attachment', 'ir.attachment', 'fields_get', [], { attributes: ['string', 'type', 'relation', 'required', 'readonly', 'store', 'selection'] });
  await kw('search_read.res_partner.or_ilike', 'res.partner', 'search_read',
    [['|', ['name', 'ilike', 'azure'], ['email', 'ilike', 'wood']]], { fields: ['name', 'email', 'parent_id', 'country_id', 'is_company'], limit: 5, order: 'name asc' });
  await kw('search.res_partner.not_in_offset', 'res.partner', 'search', [[['id', 'not in', [1, 2, 3]], ['is_company', '=', true]]], { offset: 1, limit: 3, order: 'id desc' });
  await kw('name_search.res_partner', 'res.partner', 'name_search', [], { name: 'wood', limit: 3 });
  // call_kw takes create's vals_list from args[0]: by name it fails (and nothing is created).
  await kw('create.vals_list_by_name', 'res.partner', 'create', [], { vals_list: [{ name: 'never created' }] });
  await kw('search_read.ir_module_module.ocr_worker', 'ir.module.module', 'search_read', [[['name', '=', 'ocr_worker']]], { fields: ['name', 'state', 'latest_version'] });

  const created = await kw('create.res_partner', 'res.partner', 'create', [[{ name: 'OCR contract test partner', email: 'ocr-contract@example.com', is_company: true }]], { context: { lang: 'en_US', tz: 'UTC' } });
  const partnerId: number = created.result[0];
  try {
    await kw('write.res_partner', 'res.partner', 'write', [[partnerId], { phone: '+1 555 0100', comment: 'written by the contract recorder' }]);
    await kw('read.res_partner', 'res.partner', 'read', [[partnerId], ['name', 'phone', 'is_company', 'country_id', 'create_date']]);
    await kw('write.bad_selection', 'res.partner', 'write', [[partnerId], { type: 'bogus' }]);
    await kw('write.bad_integer', 'res.partner', 'write', [[partnerId], { color: 'not a number' }]);
    await kw('write.unknown_field', 'res.partner', 'write', [[partnerId], { no_such_field: 1 }]);
    await kw('read.unknown_field', 'res.partner', 'read', [[partnerId], ['name', 'no_such_field']]);
    await kw('call.unknown_method', 'res.partner', 'no_such_method', [[partnerId]]);
    const posted = await kw('message_post.res_partner', 'res.partner', 'message_post', [[partnerId]], { body: '<p>OCR note</p>', message_type: 'comment', subtype_xmlid: 'mail.mt_note' });
    await kw('read.mail_message', 'mail.message', 'read', [[posted.result], ['model', 'res_id', 'body', 'message_type', 'subtype_id', 'author_id']]);
    // A str body is HTML-escaped by 17's message_post; body_is_html=True (17.0+) keeps the markup.
    const postedHtml = await kw('message_post.body_is_html', 'res.partner', 'message_post', [[partnerId]], { body: '<p>OCR <b>note</b></p>', body_is_html: true, message_type: 'comment', subtype_xmlid: 'mail.mt_note' });
    await kw('read.mail_message.html', 'mail.message', 'read', [[postedHtml.result], ['body', 'subtype_id']]);

    const attachment = await kw('create.ir_attachment', 'ir.attachment', 'create', [[{ name: 'contract.txt', datas: Buffer.from('hello odoo\n').toString('base64'), res_model: 'res.partner', res_id: partnerId, mimetype: 'text/plain' }]]);
    const attachmentId: number = attachment.result[0];
    await kw('read.ir_attachment.size', 'ir.attachment', 'read', [[attachmentId], ['name', 'mimetype', 'file_size', 'type', 'checksum', 'res_model', 'res_id']]);
    await kw('read.ir_attachment.datas', 'ir.attachment', 'read', [[attachmentId], ['datas']]);
    await kw('unlink.ir_attachment', 'ir.attachment', 'unlink', [[attachmentId]]);
    await kw('read.missing_record', 'ir.attachment', 'read', [[attachmentId], ['name']]);
  } finally {
    await kw('unlink.res_partner', 'res.partner', 'unlink', [[partnerId]]);
  }
  // employee_id defaults to the user's employee, so clear it to provoke the not-null error; clean up if it passed.
  const expense = await kw('create.hr_expense.missing_required', 'hr.expense', 'create', [[{ name: 'no employee', employee_id: false }]]);
  if (Array.isArray(expense.result)) await kw(null, 'hr.expense', 'unlink', [expense.result]);

  const demoUid = (await jsonrpc(null, 'common', 'authenticate', [db, demoLogin, demoPassword, {}])).result;
  if (demoUid) {
    await kw('search_read.access_error', 'ir.config_parameter', 'search_read', [[]], { fields: ['key'], limit: 1 }, { uid: demoUid, secret: demoPassword });
  } else {
    console.log('no demo user: access error not recorded');
  }
}

await main();
