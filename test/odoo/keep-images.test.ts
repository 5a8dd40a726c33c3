// `odoo-ocr setup --keep-images`: with the admin's consent, Odoo stops shrinking uploaded photos
// (base.image_autoresize_max_px = 0), as the addon does for the files it reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMAGE_RESIZE_PARAM, keepUploadedImages, ProvisionError } from '../../src/odoo/provision.js';
import { startFakeOdoo } from '../support/fake-odoo/index.js';

const paramOf = (rows: Record<string, unknown>[]) => rows.filter((r) => r.key === IMAGE_RESIZE_PARAM).map((r) => r.value);

/** A fake Odoo for one test, closed after it. */
async function withFake(run: (fake: Awaited<ReturnType<typeof startFakeOdoo>>) => Promise<void>): Promise<void> {
  const fake = await startFakeOdoo();
  try {
    await run(fake);
  } finally {
    await fake.close();
  }
}

test('keep-images creates the parameter at 0 where Odoo uses its default, and says there was none', () => withFake(async (fake) => {
  const before = await keepUploadedImages({ url: fake.url, db: fake.db, adminLogin: 'admin', adminPassword: 'admin' });
  assert.equal(before, null);
  assert.deepEqual(paramOf(fake.records('ir.config_parameter')), ['0']);
}));

test('keep-images sets a bound to 0 and returns it; a parameter already off is left as it is', () => withFake(async (fake) => {
  fake.seed('ir.config_parameter', [{ key: IMAGE_RESIZE_PARAM, value: '2560x2560' }]);
  assert.equal(await keepUploadedImages({ url: fake.url, db: fake.db, adminLogin: 'admin', adminPassword: 'admin' }), '2560x2560');
  assert.deepEqual(paramOf(fake.records('ir.config_parameter')), ['0']);
  const writes = fake.callCount({ model: 'ir.config_parameter', method: 'write' });
  assert.equal(await keepUploadedImages({ url: fake.url, db: fake.db, adminLogin: 'admin', adminPassword: 'admin' }), '0');
  assert.equal(fake.callCount({ model: 'ir.config_parameter', method: 'write' }), writes, 'no second write');
}));

test('a login that may not change system parameters gets a ProvisionError naming the parameter', () => withFake(async (fake) => {
  await assert.rejects(keepUploadedImages({ url: fake.url, db: fake.db, adminLogin: 'demo', adminPassword: 'demo' }),
    (err: unknown) => err instanceof ProvisionError && err.message.includes(IMAGE_RESIZE_PARAM));
  assert.deepEqual(paramOf(fake.records('ir.config_parameter')), []);
}));

test('a value Odoo does not read as off ("0 " with its space: Odoo does not trim it) is set to 0', () => withFake(async (fake) => {
  fake.seed('ir.config_parameter', [{ key: IMAGE_RESIZE_PARAM, value: '0 ' }]);
  assert.equal(await keepUploadedImages({ url: fake.url, db: fake.db, adminLogin: 'admin', adminPassword: 'admin' }), '0 ');
  assert.deepEqual(paramOf(fake.records('ir.config_parameter')), ['0']);
}));
