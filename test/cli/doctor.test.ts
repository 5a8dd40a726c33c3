// `doctor` against a healthy fake Odoo and against broken set-ups: each problem is named with a fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Command } from 'commander';
import { registerDoctorCommand, runDoctor } from '../../src/cli/doctor.js';
import { harness } from '../odoo/helpers.js';
import { accessError } from '../support/fake-odoo/exceptions.js';

const fast = { backoff: { sleep: async () => {} } };

function installAddon(fake: Awaited<ReturnType<typeof harness>>['fake'], state = 'installed'): void {
  fake.seed('ir.module.module', [{ name: 'ocr_worker', state, latest_version: `${fake.version}.0.1.2.0` }]);
  fake.defineModel('ocr.job', {
    state: { type: 'selection', string: 'State', store: true, selection: [['pending', 'Pending'], ['running', 'Running']] },
    attachment_id: { type: 'many2one', string: 'Attachment', relation: 'ir.attachment', store: true },
  });
}

describe('doctor: the worker group', () => {
  for (const allowed of [true, false]) {
    test(`a user ${allowed ? 'in' : 'outside'} the worker group: ${allowed ? 'ok' : 'a problem with its fix'}`, async () => {
      const h = await harness({ version: 17 });
      try {
        installAddon(h.fake);
        // Odoo's answer to a job call of a user outside the group (the addon's access rule, tested in its Odoo tests).
        h.fake.registerMethod('ocr.job', 'heartbeat', () => {
          if (!allowed) throw accessError('Only OCR workers may call this.');
          return [];
        }, { apiModel: true });
        const lines: string[] = [];
        const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
        assert.equal(result.ok, allowed);
        const text = lines.join('\n');
        if (allowed) assert.match(text, /may call the OCR job API/);
        else {
          assert.equal(result.problems.length, 1);
          assert.match(result.problems[0]!, /not in the group "OCR worker \(technical\)"/);
          assert.match(text, /fix: .*add the group/);
          assert.doesNotMatch(text, /all checks passed/);
        }
      } finally { await h.close(); }
    });
  }
});

describe('doctor: Odoo apps', () => {
  test('says which of purchase, stock and sale are installed, also in --json', async () => {
    for (const apps of [['purchase', 'stock'], []] as const) {
      const h = await harness({ version: 17, apps: [...apps] });
      try {
        h.fake.write('res.users', [2], { email: false }, 1);
        const lines: string[] = [];
        const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
        const text = lines.join('\n');
        if (apps.length) {
          assert.match(text, /ok {4}Odoo apps: purchase, stock installed; sale not installed \(vendor bills are matched to purchase orders\)/);
          assert.deepEqual(result.apps, { purchase: true, stock: true, sale: false, purchase_stock: true, sale_stock: false });
          assert.ok(result.problems.some((p) => /has no email address: Odoo refuses the message purchase posts/.test(p)), result.problems.join('; '));
          h.fake.write('res.users', [2], { email: 'admin@example.com' }, 1);
          const again = await runDoctor(h.config(), () => {}, fast);
          assert.ok(!again.problems.some((p) => /email/.test(p)));
        } else {
          assert.match(text, /Odoo apps: purchase, stock, sale not installed$/m);
          assert.equal(result.apps?.purchase, false);
        }
      } finally { await h.close(); }
    }
  });
});

describe('doctor', () => {
  for (const version of [17, 19] as const) {
    test(`healthy Odoo ${version} with the addon: ok, addon version reported, exit 0`, async () => {
      const h = await harness({ version });
      try {
        installAddon(h.fake);
        const lines: string[] = [];
        const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
        assert.deepEqual(result.problems, []);
        assert.equal(result.ok, true);
        assert.deepEqual(result.addon, { installed: true, version: `${version}.0.1.2.0` });
        const text = lines.join('\n');
        assert.match(text, new RegExp(`Odoo ${version}\\.0`));
        assert.match(text, version === 19 ? /JSON-2/ : /JSON-RPC/);
        assert.match(text, /hr\.expense amount field: total_amount_currency/);
        assert.match(text, version === 19 ? /review flag: checked/ : /review flag: to_check/);
        assert.match(text, /model ocr\.job present/);
      } finally { await h.close(); }
    });
  }

  test('Odoo 16 reports unit_amount as the expense amount field', async () => {
    const h = await harness({ version: 16 });
    try {
      const lines: string[] = [];
      const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
      assert.equal(result.ok, true);
      assert.match(lines.join('\n'), /amount field: unit_amount/);
      assert.deepEqual(result.addon, { installed: false, version: null });
    } finally { await h.close(); }
  });

  test('lists the inactive currencies that pending documents wait for, with the fix', async () => {
    const h = await harness({ version: 17 });
    try {
      h.fake.seed('res.currency', [{ name: 'SEK', symbol: 'kr', active: false }, { name: 'NOK', symbol: 'kr', active: true }]);
      h.fake.seed('mail.message', [
        { model: 'account.move', res_id: 1, body: '<ul><li>currency SEK is not active in Odoo: amounts not written; activate it …</li></ul>' },
        { model: 'hr.expense', res_id: 2, body: '<ul><li>currency SEK is not active in Odoo: amounts not written</li></ul>' },
        { model: 'account.move', res_id: 3, body: '<ul><li>currency NOK is not active in Odoo: amounts not written</li></ul>' },
      ]);
      const lines: string[] = [];
      const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
      assert.equal(result.ok, true, 'a note, not a problem of the setup');
      const text = lines.join('\n');
      assert.match(text, /inactive currencies seen on pending documents: SEK \(2 note\(s\)\)/);
      assert.doesNotMatch(text, /NOK \(/, 'activated since: not listed');
      assert.match(text, /ACTIVATE_CURRENCIES=true/);
    } finally { await h.close(); }
  });

  test('says whether Odoo shrinks the photos it will be given, and how to keep them whole', async () => {
    const doctor = async (setUp: (h: Awaited<ReturnType<typeof harness>>) => void) => {
      const h = await harness({ version: 17 });
      try {
        setUp(h);
        const lines: string[] = [];
        const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
        assert.equal(result.ok, true, 'a note, not a problem of the setup');
        return lines.join('\n');
      } finally { await h.close(); }
    };
    // addon-less, Odoo's default (no parameter stored): 1920x1920
    assert.match(await doctor(() => {}), /note {2}Odoo shrinks every uploaded image over 1920x1920 px .*smaller copy, less surely \(more dates left for review\) and with some dates and currencies wrong.*\n.*fix: .*base\.image_autoresize_max_px to 0/);
    assert.match(await doctor((h) => h.fake.seed('ir.config_parameter', [{ key: 'base.image_autoresize_max_px', value: '0' }])), /ok {4}Odoo keeps uploaded images as they are/);
    assert.match(await doctor((h) => h.fake.seed('ir.config_parameter', [{ key: 'base.image_autoresize_max_px', value: '2560x2560' }])), /over 2560x2560 px/);
    const withAddon = await doctor((h) => installAddon(h.fake));
    assert.match(withAddon, /ok {4}Odoo shrinks uploaded images over 1920x1920 px; the addon keeps those uploaded to bills and expenses/);
    assert.doesNotMatch(withAddon, /fix: install the ocr_worker addon/);
    assert.match(await doctor((h) => h.fake.denyAccess('ir.config_parameter', ['read'])), /note {2}cannot read system parameters: check that base\.image_autoresize_max_px is 0/);
  });

  test('wrong API key: one problem naming the credentials and how to fix them', async () => {
    const h = await harness({ version: 17 });
    try {
      const lines: string[] = [];
      const result = await runDoctor(h.config({ apiKey: '0'.repeat(40) }), (l) => lines.push(l), fast);
      assert.equal(result.ok, false);
      assert.equal(result.problems.length, 1);
      assert.match(result.problems[0]!, /refused the credentials/);
      assert.match(lines.join('\n'), /fix: .*API key/);
      assert.ok(!lines.join('\n').includes('0'.repeat(40)));
    } finally { await h.close(); }
  });

  test('unknown database and unreachable URL', async () => {
    const h = await harness({ version: 17 });
    try {
      const db = await runDoctor(h.config({ db: 'nope' }), () => {}, fast);
      assert.match(db.problems[0]!, /database "nope" does not exist/);
      const url = h.fake.url;
      await h.close();
      const down = await runDoctor({ url, db: 'x', username: 'admin', apiKey: 'k'.repeat(40), timeoutMs: 1000 }, () => {}, fast);
      assert.equal(down.ok, false);
      assert.match(down.problems[0]!, /cannot reach/);
    } finally { await h.close().catch(() => {}); }
  });

  test('invalid settings are listed one by one without contacting anything', async () => {
    const lines: string[] = [];
    const result = await runDoctor({ url: 'erp.example.com', db: '', username: 'bot', password: 'secret-pw' }, (l) => lines.push(l), fast);
    assert.equal(result.ok, false);
    assert.equal(result.problems.length, 2);
    assert.ok(result.problems.every((p) => p.startsWith('configuration: ')));
    assert.ok(!lines.join('\n').includes('secret-pw'));
  });

  test('missing access, a pending addon upgrade and an addon without ocr.job are problems', async () => {
    const h = await harness({ version: 17 });
    try {
      h.fake.denyAccess('hr.expense', ['read']);
      h.fake.seed('ir.module.module', [{ name: 'ocr_worker', state: 'to upgrade', latest_version: '17.0.1.0.0' }]);
      const lines: string[] = [];
      const result = await runDoctor(h.config(), (l) => lines.push(l), fast);
      assert.equal(result.ok, false);
      assert.ok(result.problems.some((p) => /ocr_worker is in state "to upgrade"/.test(p)), result.problems.join('; '));
      assert.ok(result.problems.some((p) => /may not read hr\.expense/.test(p)), result.problems.join('; '));
      assert.equal(result.problems.length, 2);
      assert.match(lines.join('\n'), /odoo-bin -u ocr_worker/);
    } finally { await h.close(); }

    const h2 = await harness({ version: 17 });
    try {
      h2.fake.seed('ir.module.module', [{ name: 'ocr_worker', state: 'installed', latest_version: '17.0.1.0.0' }]);
      const result = await runDoctor(h2.config(), () => {}, fast);
      assert.deepEqual(result.addon, { installed: true, version: '17.0.1.0.0' });
      assert.ok(result.problems.some((p) => /ocr\.job is missing/.test(p)));
    } finally { await h2.close(); }
  });

  test('registerDoctorCommand wires a `doctor` command that sets a failing exit code', async () => {
    const h = await harness({ version: 17 });
    const write = process.stdout.write.bind(process.stdout);
    const printed: string[] = [];
    const cfg = h.config();
    const saved = { ...process.env };
    Object.assign(process.env, { ODOO_URL: cfg.url, ODOO_DB: cfg.db, ODOO_USER: cfg.username, ODOO_API_KEY: 'wrong-key-value-123', RETRY_ATTEMPTS: '1' });
    try {
      const program = new Command('odoo-ocr').exitOverride();
      registerDoctorCommand(program);
      (process.stdout as { write: unknown }).write = (chunk: string) => { printed.push(String(chunk)); return true; };
      await program.parseAsync(['node', 'odoo-ocr', 'doctor', '--json']);
      (process.stdout as { write: unknown }).write = write;
      assert.equal(process.exitCode, 1);
      const json = JSON.parse(printed[printed.length - 1]!);
      assert.equal(json.ok, false);
    } finally {
      (process.stdout as { write: unknown }).write = write;
      process.exitCode = 0;
      process.env = saved;
      await h.close();
    }
  });
});
