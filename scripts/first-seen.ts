// Rebuilds data/first-seen.json: what the extraction rules read right on tune documents they had never seen (issue #14).
//   node --import tsx scripts/first-seen.ts [--ocr-cache DIR] [--work DIR] [--out FILE]
// Each corpus document came in a commit; the code of that commit's parent is a rule that never saw it (rules are tuned
// on a batch after it is added). For every tune document of fixtures/documents that is a text-layer PDF (a folder not
// of scans or photos: no OCR, so an old commit's code reads it in seconds and the same as it did then), the script
// finds the commit that first added its bytes (git log --find-object, so a later move does not count), exports that
// commit's parent (git archive, no worktree) into --work (default /tmp/first-seen), runs its bench:accuracy --records
// on those documents (today's truth: corrections since are honoured), and judges each value again with today's
// fieldMatches. Only values the old code read off the text layer (source group pdf-text) are counted: per field ×
// source group, values and right ones, and the same with vendor families as the unit (each family's own rate,
// averaged), with where each count came from, and the values themselves (raw score and evidence as that code gave
// them, right or wrong, family). fit.ts (9) centres the ceiling of a row's values without a check on their rate;
// scripts/fit-calibration.ts reads it by default. Deterministic given the repository's history and the corpus; takes a few minutes, niced.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FIELD_NAMES, type FieldName } from '../src/contract.js';
import { readingOf, sourceGroup } from '../src/pipeline/confidence/calibrate.js';
import { fieldMatches, type Truth } from '../bench/accuracy.js';
import { fromPaymentCode, type DocRecord } from '../bench/calibration-report.js';
import { splitOf } from '../bench/corpus.js';
import { FIRST_SEEN_SPLIT, type FirstSeenCell } from '../src/pipeline/confidence/fit.js';
import type { EvidenceName } from '../src/pipeline/confidence/evidence.js';
import { fromRoot } from '../src/paths.js';

interface Entry { file: string; family?: string; split?: string; companions?: string[] }

/** Folders whose documents are scans or photos (OCR): left out, their reading depends on the OCR of the time. */
const SCANNED = /(^|\/)[^/]*(-scan|-img|photos)(\/|$)/;

const git = (...args: string[]) => execFileSync('git', args, { cwd: fromRoot(), encoding: 'utf8', maxBuffer: 1 << 26 }).trim();

async function main(argv: string[]): Promise<number> {
  const opt = (name: string, def: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
  const work = opt('--work', '/tmp/first-seen');
  const out = opt('--out', fromRoot('data', 'first-seen.json'));
  const cache = opt('--ocr-cache', '');
  const corpus = fromRoot('fixtures', 'documents');
  const manifest = JSON.parse(await readFile(path.join(corpus, 'manifest.json'), 'utf8')) as Entry[];
  const chosen = manifest.filter((e) => e.family && splitOf(e.family) === 'tune' && e.file.endsWith('.pdf') && !SCANNED.test(e.file));
  // the commit that first added each document's bytes, and the code before it
  const added = new Map<string, Entry[]>();
  const byParent = new Map<string, Entry[]>();
  const skipped: string[] = [];
  for (const e of chosen) {
    const blob = git('rev-parse', `HEAD:fixtures/documents/${e.file}`);
    const [intro, parent] = git('log', '--reverse', '--format=%H %P', `--find-object=${blob}`, 'HEAD').split('\n')[0].split(' ');
    if (!parent) {
      skipped.push(`${e.file} (in the first commit)`);
      continue;
    }
    (added.get(parent) ?? added.set(parent, []).get(parent)!).push(e);
  }
  // a parent whose bench:accuracy could not write records yet is read by the earliest commit that could and has the
  // same src/ (the extraction rules; a commit that only added documents or changed the bench leaves it alone)
  const hasRecords = (c: string) => git('show', `${c}:bench/accuracy.ts`).includes("'--records'");
  const firstWithRecords = git('log', '--reverse', '--format=%H', "-S'--records'", 'HEAD', '--', 'bench/accuracy.ts').split('\n')[0];
  for (const [parent, entries] of added) {
    let code: string | undefined = parent;
    if (!hasRecords(parent)) {
      const src = git('rev-parse', `${parent}:src`);
      code = git('log', '--reverse', '--format=%H', '--ancestry-path', `${firstWithRecords}^..HEAD`).split('\n')
        .find((c) => git('rev-parse', `${c}:src`) === src && hasRecords(c));
    }
    if (!code) {
      skipped.push(...entries.map((e) => `${e.file} (the code before it, ${parent.slice(0, 7)}, wrote no records and no later commit has its src/)`));
      continue;
    }
    byParent.set(code, [...(byParent.get(code) ?? []), ...entries]);
  }
  const judged: { commit: string; date: string; entry: Entry; record: DocRecord }[] = [];
  for (const [parent, entries] of byParent) {
    const code = path.join(work, 'code', parent.slice(0, 12));
    const docs = path.join(work, 'docs', parent.slice(0, 12));
    const records = path.join(work, `${parent.slice(0, 12)}.jsonl`);
    if (!existsSync(records)) {
      await rm(code, { recursive: true, force: true });
      await mkdir(code, { recursive: true });
      // no shell: --work is a path of the user's
      const tar = path.join(work, `${parent.slice(0, 12)}.tar`);
      execFileSync('git', ['archive', '-o', tar, parent], { cwd: fromRoot() });
      execFileSync('tar', ['-xf', tar, '-C', code, '--exclude=fixtures/documents']);
      await rm(tar);
      await symlink(fromRoot('node_modules'), path.join(code, 'node_modules'));
      // the documents (copies: the bench walks regular files only) with today's truth and a manifest of only them
      await rm(docs, { recursive: true, force: true });
      for (const e of entries) {
        for (const f of [e.file, `${e.file}.truth.json`, ...(e.companions ?? []).map((c) => path.join(path.dirname(e.file), c))]) {
          if (!existsSync(path.join(corpus, f))) continue;
          await mkdir(path.dirname(path.join(docs, f)), { recursive: true });
          await copyFile(path.join(corpus, f), path.join(docs, f));
        }
      }
      await writeFile(path.join(docs, 'manifest.json'), JSON.stringify(entries));
      const bench = await readFile(path.join(code, 'bench', 'accuracy.ts'), 'utf8');
      const args = ['-n', '10', process.execPath, '--import', 'tsx', 'bench/accuracy.ts', docs, '--records', `${records}.part`];
      if (bench.includes("'--split'")) args.push('--split', 'tune');
      if (cache && bench.includes("'--ocr-cache'")) args.push('--ocr-cache', cache);
      const run = spawnSync('nice', args, { cwd: code, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OCR_ENGINE: 'tesseract' } });
      await writeFile(`${records}.log`, `${run.stdout}\n${run.stderr}`);
      if (run.status !== 0 || !existsSync(`${records}.part`)) {
        skipped.push(...entries.map((e) => `${e.file} (the code of ${parent.slice(0, 7)} failed: see ${records}.log)`));
        continue;
      }
      execFileSync('mv', [`${records}.part`, records]);
    }
    const date = git('log', '-1', '--format=%cs', parent);
    const byFile = new Map(entries.map((e) => [path.normalize(e.file), e]));
    for (const line of (await readFile(records, 'utf8')).split('\n').filter((l) => l.trim())) {
      const record = JSON.parse(line) as DocRecord;
      const entry = byFile.get(path.normalize(record.file));
      if (entry) judged.push({ commit: parent, date, entry, record });
    }
  }
  // of the evidence that splits a field's ceiling (fit.ts FIRST_SEEN_SPLIT), what each version of the code could give:
  // a value without it from a code that could not give it is on neither side
  const gaveOf = new Map<string, EvidenceName[]>();
  const gave = (commit: string, name: FieldName) => {
    const split = FIRST_SEEN_SPLIT[name];
    if (!split) return undefined;
    if (!gaveOf.has(commit)) {
      const declared = git('show', `${commit}:src/pipeline/confidence/evidence.ts`);
      gaveOf.set(commit, [...new Set(Object.values(FIRST_SEEN_SPLIT))].filter((e) => declared.includes(`'${e}'`)));
    }
    return gaveOf.get(commit)!.filter((e) => e === split);
  };
  // today's truth and today's judge; only values read off the text layer
  const cells: Record<string, FirstSeenCell & { from: Record<string, string> }> = {};
  const families: Record<string, Map<string, { n: number; k: number }>> = {};
  for (const { commit, date, entry, record } of judged) {
    const truth = JSON.parse(await readFile(path.join(corpus, `${entry.file}.truth.json`), 'utf8')) as Truth;
    for (const name of FIELD_NAMES as readonly FieldName[]) {
      const f = record.fields[name];
      const want = truth[name];
      if (!f || f.value === null || want === null || want === undefined || fromPaymentCode(f)) continue;
      const read = readingOf(f.source, record.source ?? undefined, record.engine);
      const group = sourceGroup(read.source, read.engine);
      if (group !== 'pdf-text') continue;
      const right = fieldMatches(name, f.value, want);
      const key = `${name}|${group}`;
      const cell = (cells[key] ??= { values: 0, right: 0, families: 0, family_rate: 0, from: {} });
      const from = `${commit.slice(0, 7)} (${date})`;
      const [k, n] = (cell.from[from] ?? '0/0').split('/').map(Number);
      cell.from[from] = `${k + (right ? 1 : 0)}/${n + 1}`;
      const fam = (families[key] ??= new Map()).get(entry.family!) ?? { n: 0, k: 0 };
      fam.n++;
      if (right) fam.k++;
      families[key].set(entry.family!, fam);
      const could = gave(commit, name);
      (cell.samples ??= []).push({ raw: f.raw, evidence: f.evidence, right, family: entry.family!, ...(could ? { gave: could } : {}) });
    }
  }
  for (const [key, cell] of Object.entries(cells)) {
    const fams = [...families[key].values()];
    const rate = fams.reduce((sum, f) => sum + f.k / f.n, 0) / fams.length;
    Object.assign(cell, { values: fams.reduce((n, f) => n + f.n, 0), right: fams.reduce((n, f) => n + f.k, 0), families: fams.length, family_rate: Math.round(rate * 10000) / 10000 });
  }
  const sorted = Object.fromEntries(Object.keys(cells).sort().map((k) => [k, cells[k]]));
  const result = {
    about: 'Values read right by the rules on tune documents they had never seen: each text-layer PDF of fixtures/documents (tune) read by the code of the commit before the one that added it, judged with today\'s truth and fieldMatches; per field x source group, values and vendor families (from: the code\'s commit, right/values) and the values (raw score and evidence as that code gave them; gave: of the evidence that splits the field\'s ceiling, fit.ts FIRST_SEEN_SPLIT, what that code could give). Built by scripts/first-seen.ts; used by fit.ts (9: the centre of the ceiling of a text-layer field\'s values without a check of the document).',
    documents: judged.length,
    code_versions: byParent.size,
    cells: sorted,
    skipped,
  };
  // one line per first-seen value
  const text = JSON.stringify(result, (k, v: unknown) => (k === 'samples' ? (v as unknown[]).map((x) => JSON.stringify(x)) : v), 1)
    .replace(/"(\{\\"raw\\".*?\})"(,?)$/gm, (_, s: string, comma: string) => `${JSON.parse(`"${s}"`) as string}${comma}`);
  await writeFile(out, `${text}\n`);
  process.stdout.write(`${judged.length} documents read by ${byParent.size} earlier versions of the code (${skipped.length} skipped); ${out}\n`);
  for (const [k, c] of Object.entries(sorted)) process.stdout.write(`  ${k}: ${c.right}/${c.values} right, ${c.families} families at ${c.family_rate}\n`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`first-seen failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
