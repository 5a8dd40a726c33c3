// Runs scripts/check_addon.py (Python stdlib only, what CI runs) on the real addon and on
// copies of it with one mistake each: every check must pass on the addon and catch its mistake.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(repo, 'scripts/check_addon.py');
const addon = path.join(repo, 'odoo_addon/ocr_worker');

interface Run { code: number; stdout: string; stderr: string }

function check(dir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile('python3', [script, dir], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

async function edit(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `fixture edit did not apply to ${file}`);
  await writeFile(file, changed);
}

describe('scripts/check_addon.py', () => {
  let work: string;
  let copies = 0;
  before(async () => { work = await mkdtemp(path.join(tmpdir(), 'check-addon-')); });
  after(async () => { await rm(work, { recursive: true, force: true }); });

  async function brokenCopy(breakIt: (dir: string) => Promise<void>): Promise<Run> {
    const dir = path.join(work, String(copies++), 'ocr_worker');
    await cp(addon, dir, { recursive: true });
    await breakIt(dir);
    return check(dir);
  }

  it('accepts the addon as it is', async () => {
    const run = await check(addon);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /1 addon\(s\) OK: ocr_worker/);
  });

  const cases: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
    ['a Python syntax error', (d) => appendFile(path.join(d, 'models/ocr_job.py'), '\ndef broken(:\n'),
      /models\/ocr_job\.py: does not compile/],
    ['an XML file that does not parse', (d) => appendFile(path.join(d, 'views/ocr_job_views.xml'), '<odoo>'),
      /ocr_job_views\.xml: does not parse/],
    ['a data file missing', (d) => edit(path.join(d, '__manifest__.py'), '"views/ocr_worker_menus.xml",',
      '"views/ocr_worker_menus.xml", "views/gone.xml",'), /data file 'views\/gone\.xml' does not exist/],
    ['an access row for an unknown model', (d) => edit(path.join(d, 'security/ir.model.access.csv'),
      'model_ocr_job_channel,group_ocr_user', 'model_ocr_nothing,group_ocr_user'),
      /model 'model_ocr_nothing' is not defined by the addon/],
    ['an access row for an unknown group', (d) => edit(path.join(d, 'security/ir.model.access.csv'),
      'model_ocr_job,group_ocr_worker', 'model_ocr_job,group_ocr_nobody'),
      /group 'group_ocr_nobody' is not defined/],
    ['an attrs= attribute (gone in Odoo 17)', (d) => edit(path.join(d, 'views/ocr_job_views.xml'),
      /invisible="state != 'review'"/, `attrs="{'invisible': [('state', '!=', 'review')]}"`),
      /<div attrs=\.\.\.> is not valid in Odoo 17/],
    ['a reference to an undefined XML id', (d) => edit(path.join(d, 'views/ocr_job_views.xml'),
      'ref="ocr_job_view_search"', 'ref="ocr_job_view_nowhere"'), /reference to 'ocr_job_view_nowhere'/],
    ['a model file not imported', (d) => writeFile(path.join(d, 'models/orphan.py'),
      'from odoo import models\n\n\nclass Orphan(models.Model):\n    _inherit = "res.partner"\n'),
      /models\/orphan\.py: defines a model but is not imported/],
    ['a version not like 17.0.1.0.0', (d) => edit(path.join(d, '__manifest__.py'), '"17.0.1.2.0"', '"1.0"'),
      /version '1\.0' is not like/],
  ];
  for (const [what, breakIt, message] of cases) {
    it(`rejects ${what}`, async () => {
      const run = await brokenCopy(breakIt);
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /1 problem\(s\) in 1 addon\(s\)/);
    });
  }

  it('refuses a folder that is not an addon', async () => {
    const run = await check(work);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /has no __manifest__\.py/);
  });
});
