import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { prepareLangDir, traineddataFile } from '../../src/pipeline/ocr/tessdata.js';

test('the language directory belongs to this installation, and a stale link is replaced in place', () => {
  const dir = prepareLangDir(['eng']);
  // not the one directory every install of this user shared (two checkouts repointed each other's links there)
  assert.notEqual(dir, path.join(os.tmpdir(), `odoo-ocr-tessdata-${process.getuid?.() ?? 'u'}`));
  const link = path.join(dir, 'eng.traineddata.gz');
  assert.equal(fs.readlinkSync(link), traineddataFile('eng'));
  // a link left pointing elsewhere (an older install) is replaced by a rename: the name never goes missing
  fs.rmSync(link, { force: true });
  fs.symlinkSync(traineddataFile('deu'), link);
  prepareLangDir(['eng']);
  assert.equal(fs.readlinkSync(link), traineddataFile('eng'));
  assert.deepEqual(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
});
