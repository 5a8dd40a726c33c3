// Optional checks against a real Odoo (skipped unless ODOO_TEST_URL is set; CI has none):
//   ODOO_TEST_URL=http://127.0.0.1:8069 ODOO_TEST_DB=acceptance ODOO_TEST_USER=admin \
//   ODOO_TEST_API_KEY_FILE=/work/odoo/apikey.acceptance node --import tsx --test test/odoo/real-odoo.test.ts
// Everything created is deleted again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { connectOdoo } from '../../src/odoo/connect.js';
import { OdooAuthError, OdooMissingError, OdooNotFoundError, OdooValidationError } from '../../src/odoo/errors.js';
import { EXPENSE_AMOUNT_FIELDS, pickField } from '../../src/odoo/fields.js';
import { caught } from './helpers.js';

const url = process.env.ODOO_TEST_URL;
const apiKey = process.env.ODOO_TEST_API_KEY ?? (process.env.ODOO_TEST_API_KEY_FILE ? readFileSync(process.env.ODOO_TEST_API_KEY_FILE, 'utf8').trim() : undefined);
const cfg = { url: url ?? '', db: process.env.ODOO_TEST_DB ?? 'acceptance', username: process.env.ODOO_TEST_USER ?? 'admin', apiKey };

describe('real Odoo', { skip: url && apiKey ? false : 'set ODOO_TEST_URL and ODOO_TEST_API_KEY(_FILE) to run' }, () => {
  test('connect, detect, read, write, post and clean up', async () => {
    const odoo = await connectOdoo(cfg);
    try {
      const version = await odoo.version();
      assert.equal(odoo.transport, version.major >= 19 ? 'json2' : 'jsonrpc');
      assert.ok(pickField(await odoo.fieldsGet('hr.expense'), EXPENSE_AMOUNT_FIELDS));
      assert.equal(await odoo.hasModel('no.such.model'), false);
      const [partner] = await odoo.create('res.partner', [{ name: 'odoo-ocr connector test' }]);
      try {
        await odoo.write('res.partner', [partner!], { phone: '+1 555 0199' });
        const [row] = await odoo.read<{ phone: string }>('res.partner', [partner!], ['phone']);
        assert.equal(row!.phone, '+1 555 0199');
        assert.ok((await caught(() => odoo.write('res.partner', [partner!], { type: 'bogus' }))) instanceof OdooValidationError);
        const [attachment] = await odoo.create('ir.attachment', [{ name: 'c.txt', datas: Buffer.from('connector').toString('base64'), res_model: 'res.partner', res_id: partner }]);
        assert.deepEqual((await odoo.readAttachment(attachment!, 100)).data, Buffer.from('connector'));
        const messageId = await odoo.messagePost('res.partner', partner!, '<p>connector <b>test</b></p>');
        const [message] = await odoo.read<{ body: string }>('mail.message', [messageId], ['body']);
        assert.equal(message!.body, '<p>connector <b>test</b></p>');
        await odoo.call('ir.attachment', 'unlink', { ids: [attachment!] });
      } finally {
        await odoo.call('res.partner', 'unlink', { ids: [partner!] });
      }
      assert.ok((await caught(() => odoo.write('res.partner', [partner!], { name: 'x' }))) instanceof OdooMissingError);
      assert.ok((await caught(() => odoo.searchCount('no.such.model', []))) instanceof OdooNotFoundError);
    } finally {
      odoo.close();
    }
  });

  test('a wrong key is refused with OdooAuthError', async () => {
    assert.ok((await caught(() => connectOdoo({ ...cfg, apiKey: '0'.repeat(40) }))) instanceof OdooAuthError);
  });
});
