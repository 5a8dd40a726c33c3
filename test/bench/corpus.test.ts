// The evaluation corpus's bookkeeping (bench/corpus.ts, scripts/corpus-split.ts, scripts/sroie-corpus.ts): the
// tune/holdout rule, a manifest that follows it, SROIE families, and a SROIE builder that refuses reserved images.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CORPUS_DAY, judgingDay, loadCorpusIndex, sroieFamily, splitOf } from '../../bench/corpus.js';
import { selectDocuments } from '../../bench/accuracy.js';
import { withSplit } from '../../scripts/corpus-split.js';
import { build, checkUsable, convertDate, convertTruth } from '../../scripts/sroie-corpus.js';

const DOCS = path.resolve('fixtures/documents');
const manifest = JSON.parse(readFileSync(path.join(DOCS, 'manifest.json'), 'utf8')) as Record<string, unknown>[];

test('a family is in holdout iff the first byte of its sha256 is below 77', () => {
  assert.equal(splitOf('bouygues-telecom'), 'holdout'); // first byte 34
  assert.equal(splitOf('Fdbc26c803b'), 'holdout'); // 3
  assert.equal(splitOf('sroie-mr-d-i-y'), 'tune'); // 166
  assert.equal(splitOf('hubdoc'), 'tune'); // 224
});

test('the manifest is up to date: every entry has a family and the split the rule gives it', () => {
  for (const entry of manifest) assert.deepEqual(withSplit(entry as never), entry, `${entry.file}: run scripts/corpus-split.ts`);
});

test('every document with a truth file is in the manifest, and every manifest file exists', () => {
  const listed = new Set(manifest.map((e) => e.file as string));
  for (const file of listed) assert.ok(existsSync(path.join(DOCS, file)), file);
  for (const folder of readdirSync(DOCS, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(path.join(DOCS, folder.name)).filter((n) => n.endsWith('.truth.json')))
      assert.ok(listed.has(`${folder.name}/${name.slice(0, -'.truth.json'.length)}`), `${folder.name}/${name} is not in manifest.json`);
  }
});

test('one family never spans both splits, and both splits have documents', async () => {
  const index = await loadCorpusIndex(DOCS);
  const sides = new Map<string, Set<string>>();
  for (const e of index.values()) (sides.get(e.family!) ?? sides.set(e.family!, new Set()).get(e.family!)!).add(e.split!);
  for (const [family, set] of sides) assert.equal(set.size, 1, family);
  const { docs: holdout, total } = await selectDocuments(DOCS, 'holdout');
  const { docs: tune } = await selectDocuments(DOCS, 'tune');
  assert.ok(holdout.length > 0 && tune.length > 0);
  assert.equal(holdout.length + tune.length, total);
});

test('a manifest whose split contradicts the rule is refused', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify([{ file: 'a.pdf', family: 'hubdoc', split: 'holdout' }]));
  await assert.rejects(loadCorpusIndex(dir), /family "hubdoc" is in tune/);
});

test('documents without a family can only be measured with --split all', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  writeFileSync(path.join(dir, 'a.pdf'), '%PDF');
  writeFileSync(path.join(dir, 'a.pdf.truth.json'), '{}');
  await assert.rejects(selectDocuments(dir, 'holdout'), /have no family/);
  assert.equal((await selectDocuments(dir, 'all')).docs.length, 1);
  writeFileSync(path.join(dir, 'a.pdf.truth.json'), JSON.stringify({ family: 'bouygues-telecom' }));
  assert.equal((await selectDocuments(dir, 'holdout')).docs.length, 1);
});

test('SROIE receipts of one shop share a family whatever the branch, legal form or punctuation', () => {
  const diy = ['MR D.I.Y. (JOHOR) SDN BHD', 'MR. D. I. Y. (KUCHAI) SDN BHD', 'MR.D.I.Y(M)SDN BHD', 'MR. D.I.Y. SDN BHD'];
  assert.deepEqual(new Set(diy.map(sroieFamily)), new Set(['sroie-mr-d-i-y']));
  assert.equal(sroieFamily('SEGI CASH & CARRY SDN.BHD'), sroieFamily('SEGI CASH & CARRY SDN. BHD.'));
  assert.equal(sroieFamily('TED HENG STATIONERY & BOOKS'), sroieFamily('TEO HENG STATIONERY & BOOKS'));
  assert.notEqual(sroieFamily('SEGI CASH & CARRY SDN BHD'), sroieFamily('SLF CASH & CARRY'));
});

test('SROIE images 520-625 are refused, 000-519 allowed', () => {
  assert.throws(() => checkUsable(520), /reserved/);
  assert.throws(() => checkUsable(625), /reserved/);
  assert.throws(() => checkUsable(626), /outside/);
  assert.doesNotThrow(() => checkUsable(0));
  assert.doesNotThrow(() => checkUsable(519));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sroie-'));
  assert.throws(() => build(dir, path.join(dir, 'out'), 510, 530), /reserved/);
  assert.equal(existsSync(path.join(dir, 'out')), false, 'nothing is written before the range is checked');
});

test('a SROIE copy that does not match the pinned sha256 is refused', () => {
  const src = mkdtempSync(path.join(os.tmpdir(), 'sroie-'));
  mkdirSync(path.join(src, 'data', 'img'), { recursive: true });
  mkdirSync(path.join(src, 'data', 'key'), { recursive: true });
  copyFileSync(path.join(DOCS, 'sroie', 'sroie-000.jpg'), path.join(src, 'data', 'img', '000.jpg')); // the pinned bytes
  writeFileSync(path.join(src, 'data', 'key', '000.json'), '{"company": "SOMEONE ELSE", "total": "1.00"}');
  assert.throws(() => build(src, path.join(src, 'out'), 0, 0), /data\/key\/000.json .* does not match its pinned sha256/);
});

test('SROIE labels convert by the corpus rules, as the committed receipts were', () => {
  assert.equal(convertDate('25/12/2018'), '2018-12-25');
  assert.equal(convertDate('12/25/2018'), '2018-12-25'); // second number above 12: month first
  assert.equal(convertDate('3/4/2018'), null); // unpadded, both ≤ 12: ambiguous
  assert.equal(convertDate('02 JAN 2018'), '2018-01-02');
  assert.equal(convertDate('31/02/2018'), null);
  const labels = JSON.parse(readFileSync(path.join(DOCS, 'sroie', 'sroie-000.jpg.source-labels.json'), 'utf8'));
  const committed = JSON.parse(readFileSync(path.join(DOCS, 'sroie', 'sroie-000.jpg.truth.json'), 'utf8'));
  assert.deepEqual(convertTruth(0, labels), committed);
});

test('benchmarks judge dates against the corpus day, not the clock; --now another day; a non-day is refused', () => {
  assert.equal(judgingDay(undefined).toISOString(), `${CORPUS_DAY}T00:00:00.000Z`);
  assert.equal(judgingDay('2030-06-15').toISOString(), '2030-06-15T00:00:00.000Z');
  assert.throws(() => judgingDay('yesterday'), /--now is a day/);
  assert.throws(() => judgingDay('2030-13-45'), /--now is a day/);
});
