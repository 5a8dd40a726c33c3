// Rebuilds data/first-seen.json: what the extraction rules read right on tune documents they had never seen (issue #14).
//   node --import tsx scripts/first-seen.ts [--ocr-cache DIR] [--work DIR] [--out FILE]
//   node --import tsx scripts/first-seen.ts --ocr --ocr-cache DIR [--sroie DIR --sroie-sample N] [--work DIR] [--out FILE]
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
// --ocr: the same for the scanned and photographed tune documents (receipts, scans, images), keeping the values read
// by OCR (source groups ocr and ocr-paddle) and replacing only those groups' cells in --out. The old code reads them with
// its own image preparation and OCR (OCR_ENGINE=auto, Tesseract before Paddle existed) through --ocr-cache: entries
// are keyed by the prepared image and the OCR call, so where the old code prepared an image as today's does the cache
// answers, elsewhere it reads afresh (pass a copy of a shared cache, cp -al, to keep the old code's entries out of it).
// --cached-only builds the file from the records an earlier run left in --work, reading nothing (a run cut short).
// --sroie DIR adds a sample of N (default 100) tune receipts of the SROIE corpus (at most two per vendor family, chosen
// by a hash of the file name, none that fixtures/documents holds too), which came in with the commit that added its
// builder (scripts/sroie-corpus.ts). A code that wrote no records yet (before bench:accuracy --records) is read through
// its bench:accuracy --json (each document's values, got and want): such values carry no raw score and no evidence
// (raw null), so they count as values without a check.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIELD_NAMES, type FieldName } from '../src/contract.js';
import { readingOf, type SourceGroup, sourceGroup } from '../src/pipeline/confidence/calibrate.js';
import { fieldMatches, type Truth } from '../bench/accuracy.js';
import { fromPaymentCode, type DocRecord } from '../bench/calibration-report.js';
import { splitOf } from '../bench/corpus.js';
import { FIRST_SEEN_SPLIT, type FirstSeenCell } from '../src/pipeline/confidence/fit.js';
import type { EvidenceName } from '../src/pipeline/confidence/evidence.js';
import { fromRoot } from '../src/paths.js';
import { pageEvidence, textLayerOf } from './first-seen-page.js';

interface Entry { file: string; family?: string; split?: string; companions?: string[]; sha256?: string }

/** A document to read: a manifest entry of its corpus (fixtures/documents, or the SROIE corpus). */
interface Doc extends Entry { corpus: string }

/** Folders whose documents are scans or photos (OCR): left out of the text-layer reading, which is the same whatever
 * the OCR of the time; what --ocr reads, with a receipts folder's PDFs and every image. */
const SCANNED = /(^|\/)[^/]*(-scan|-img|photos)(\/|$)/;
const isScanned = (file: string) => !file.endsWith('.xml') && (SCANNED.test(file) || !file.endsWith('.pdf') || /^receipts/.test(file));
/** The source groups of values read by OCR (calibrate.ts sourceGroup): what --ocr keeps and replaces in --out. */
const OCR_GROUPS: readonly SourceGroup[] = ['ocr', 'ocr-paddle'];

/** A sample of a corpus's tune receipts, at most two per vendor family (a family is one layout), in the order of a hash
 * of their file names (deterministic, no choice of ours), leaving out the ones fixtures/documents holds too. */
export function sroieSample(entries: Entry[], size: number, leaveOut: ReadonlySet<string | undefined>): Entry[] {
  const order = (e: Entry) => createHash('sha256').update(`first-seen:${e.file}`).digest('hex');
  const perFamily = new Map<string, number>();
  const out: Entry[] = [];
  for (const e of entries.filter((x) => x.family && splitOf(x.family) === 'tune' && !leaveOut.has(x.sha256)).sort((a, b) => order(a).localeCompare(order(b)))) {
    const n = perFamily.get(e.family!) ?? 0;
    if (n >= 2 || out.length >= size) continue;
    perFamily.set(e.family!, n + 1);
    out.push(e);
  }
  return out;
}

/** Records (one JSON line per document) from a code of before --records: its bench:accuracy --json's documents, each
 * value as got. Such a code read images with Tesseract (it had no other engine) and gave no raw score or evidence. */
export function recordsFromJson(stdout: string): string {
  const { documents } = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { documents: { file: string; results: Record<string, { got: unknown }> }[] };
  return documents.map((d) => JSON.stringify({
    file: d.file, folder: path.dirname(d.file), split: 'tune', source: d.file.endsWith('.pdf') ? null : 'ocr', engine: 'tesseract', kind: 'bill', checks: [],
    fields: Object.fromEntries(Object.entries(d.results).map(([name, r]) => [name, { value: r.got ?? null, raw: null, evidence: [] }])),
  })).join('\n');
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: fromRoot(), encoding: 'utf8', maxBuffer: 1 << 26 }).trim();

async function main(argv: string[]): Promise<number> {
  const opt = (name: string, def: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
  const ocr = argv.includes('--ocr');
  // records are kept per code version in --work: the OCR reading's own place, so that neither reuses the other's
  const work = opt('--work', ocr ? '/tmp/first-seen-ocr' : '/tmp/first-seen');
  const out = opt('--out', fromRoot('data', 'first-seen.json'));
  const cache = opt('--ocr-cache', '');
  // --cached-only: only the code versions whose records --work already holds (a run cut short, finished from what it read)
  const cachedOnly = argv.includes('--cached-only');
  const groups: readonly SourceGroup[] = ocr ? OCR_GROUPS : ['pdf-text'];
  const corpus = fromRoot('fixtures', 'documents');
  const manifest = JSON.parse(await readFile(path.join(corpus, 'manifest.json'), 'utf8')) as Entry[];
  const chosen: Doc[] = manifest
    .filter((e) => e.family && splitOf(e.family) === 'tune' && (ocr ? isScanned(e.file) : e.file.endsWith('.pdf') && !SCANNED.test(e.file)))
    .map((e) => ({ ...e, corpus }));
  // the commit that first added each document's bytes, and the code before it
  const added = new Map<string, Doc[]>();
  const byParent = new Map<string, Doc[]>();
  const skipped: string[] = [];
  for (const e of chosen) {
    const blob = git('rev-parse', `HEAD:fixtures/documents/${e.file}`);
    const [, parent] = git('log', '--reverse', '--format=%H %P', `--find-object=${blob}`, 'HEAD').split('\n')[0].split(' ');
    if (!parent) {
      skipped.push(`${e.file} (in the first commit)`);
      continue;
    }
    (added.get(parent) ?? added.set(parent, []).get(parent)!).push(e);
  }
  const sroie = ocr ? opt('--sroie', '') : '';
  if (sroie) {
    // the SROIE corpus is built outside the repository; its receipts came in with the commit that added the builder
    const builder = git('log', '--reverse', '--diff-filter=A', '--format=%H %P', 'HEAD', '--', 'scripts/sroie-corpus.ts').split('\n')[0].split(' ')[1];
    const inFixtures = new Set(manifest.map((e) => e.sha256).filter(Boolean));
    const sample = sroieSample(JSON.parse(await readFile(path.join(sroie, 'manifest.json'), 'utf8')) as Entry[], Number(opt('--sroie-sample', '100')), inFixtures);
    (added.get(builder) ?? added.set(builder, []).get(builder)!).push(...sample.map((e) => ({ ...e, corpus: sroie })));
  }
  // a parent whose bench:accuracy could not write records yet is read by the earliest commit that could and has the
  // same src/ (the extraction rules; a commit that only added documents or changed the bench leaves it alone)
  const hasRecords = (c: string) => git('show', `${c}:bench/accuracy.ts`).includes("'--records'");
  const firstWithRecords = git('log', '--reverse', '--format=%H', "-S'--records'", 'HEAD', '--', 'bench/accuracy.ts').split('\n')[0];
  // (OCR: a code without records is read through its --json instead, the same code that never saw the documents)
  const hasJson = (c: string) => git('show', `${c}:bench/accuracy.ts`).includes("'--json'");
  for (const [parent, entries] of added) {
    let code: string | undefined = parent;
    if (!hasRecords(parent)) {
      const src = git('rev-parse', `${parent}:src`);
      code = git('log', '--reverse', '--format=%H', '--ancestry-path', `${firstWithRecords}^..HEAD`).split('\n')
        .find((c) => git('rev-parse', `${c}:src`) === src && hasRecords(c)) ?? (ocr && hasJson(parent) ? parent : undefined);
    }
    if (!code) {
      skipped.push(...entries.map((e) => `${e.file} (the code before it, ${parent.slice(0, 7)}, wrote no records and no later commit has its src/)`));
      continue;
    }
    byParent.set(code, [...(byParent.get(code) ?? []), ...entries]);
  }
  const judged: { commit: string; date: string; entry: Doc; record: DocRecord }[] = [];
  // the newest code first: where it prepares images as today's code does, the OCR cache answers, and a run cut short
  // has read what is cheap; a code without records (read through --json, the oldest) last
  const order = [...byParent].sort(([a], [b]) => Number(hasRecords(b)) - Number(hasRecords(a)) || Number(git('log', '-1', '--format=%ct', b)) - Number(git('log', '-1', '--format=%ct', a)));
  for (const [parent, entries] of order) {
    const code = path.join(work, 'code', parent.slice(0, 12));
    const docs = path.join(work, 'docs', parent.slice(0, 12));
    const records = path.join(work, `${parent.slice(0, 12)}.jsonl`);
    if (!existsSync(records) && cachedOnly) {
      skipped.push(...entries.map((e) => `${e.file} (not read: --cached-only, no records of ${parent.slice(0, 7)} in ${work})`));
      continue;
    }
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
          if (!existsSync(path.join(e.corpus, f))) continue;
          await mkdir(path.dirname(path.join(docs, f)), { recursive: true });
          await copyFile(path.join(e.corpus, f), path.join(docs, f));
        }
      }
      await writeFile(path.join(docs, 'manifest.json'), JSON.stringify(entries.map(({ corpus: _, ...e }) => e)));
      const bench = await readFile(path.join(code, 'bench', 'accuracy.ts'), 'utf8');
      const json = !bench.includes("'--records'");
      const args = ['-n', '10', process.execPath, '--import', 'tsx', 'bench/accuracy.ts', docs, ...(json ? ['--json'] : ['--records', `${records}.part`])];
      if (bench.includes("'--split'")) args.push('--split', 'tune');
      if (cache && bench.includes("'--ocr-cache'")) args.push('--ocr-cache', cache);
      // the engine whose readings today's cache holds for the corpus (auto); a code before Paddle reads with Tesseract
      const run = spawnSync('nice', args, { cwd: code, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, OCR_ENGINE: ocr ? 'auto' : 'tesseract', DOC_TIMEOUT_SECONDS: process.env.DOC_TIMEOUT_SECONDS ?? '900' } });
      await writeFile(`${records}.log`, json ? run.stderr : `${run.stdout}\n${run.stderr}`);
      if (json && run.status === 0) await writeFile(`${records}.part`, recordsFromJson(run.stdout));
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
      // a code of before the evidence (2026-12-04 17:40) gave none
      let declared = '';
      try {
        declared = execFileSync('git', ['show', `${commit}:src/pipeline/confidence/evidence.ts`], { cwd: fromRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        declared = '';
      }
      gaveOf.set(commit, [...new Set(Object.values(FIRST_SEEN_SPLIT).flat())].filter((e) => declared.includes(`'${e}'`)));
    }
    return gaveOf.get(commit)!.filter((e) => split.includes(e));
  };
  // today's truth and today's judge; only values read off the text layer
  const cells: Record<string, FirstSeenCell & { from: Record<string, string> }> = {};
  const families: Record<string, Map<string, { n: number; k: number }>> = {};
  for (const { commit, date, entry, record } of judged) {
    const truth = JSON.parse(await readFile(path.join(entry.corpus, `${entry.file}.truth.json`), 'utf8')) as Truth;
    // today's page evidence for the text layer's values (first-seen-page.ts): what splits a ceiling by the page
    // (fit.ts FIRST_SEEN_CARRIED) is judged as today's code would judge it, whatever the code of the time could say
    const text = ocr ? null : await textLayerOf(path.join(entry.corpus, entry.file));
    const page = text === null ? null : pageEvidence(record, text);
    for (const name of FIELD_NAMES as readonly FieldName[]) {
      const f = record.fields[name];
      const want = truth[name];
      if (!f || f.value === null || want === null || want === undefined || fromPaymentCode(f)) continue;
      const read = readingOf(f.source, record.source ?? undefined, record.engine);
      const group = sourceGroup(read.source, read.engine);
      if (!groups.includes(group)) continue;
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
      (cell.samples ??= []).push({ raw: f.raw, evidence: f.evidence, right, family: entry.family!, ...(could ? { gave: could } : {}), ...(page ? { page: page[name] ?? [] } : {}) });
    }
  }
  for (const [key, cell] of Object.entries(cells)) {
    const fams = [...families[key].values()];
    const rate = fams.reduce((sum, f) => sum + f.k / f.n, 0) / fams.length;
    Object.assign(cell, { values: fams.reduce((n, f) => n + f.n, 0), right: fams.reduce((n, f) => n + f.k, 0), families: fams.length, family_rate: Math.round(rate * 10000) / 10000 });
  }
  // the other reading's cells (text layer, or OCR) are kept from --out as they were
  const earlier = existsSync(out) ? (JSON.parse(await readFile(out, 'utf8')) as { cells?: Record<string, FirstSeenCell>; documents?: number; code_versions?: number; skipped?: string[]; ocr?: unknown }) : {};
  const kept = Object.entries(earlier.cells ?? {}).filter(([k]) => !groups.includes(k.split('|')[1] as SourceGroup));
  const all: Record<string, FirstSeenCell> = { ...Object.fromEntries(kept), ...cells };
  const sorted = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]]));
  const run = { documents: judged.length, code_versions: new Set(judged.map((j) => j.commit)).size, skipped };
  const result = {
    about: 'Values read right by the rules on tune documents they had never seen: each text-layer PDF of fixtures/documents (tune) read by the code of the commit before the one that added it, judged with today\'s truth and fieldMatches; per field x source group, values and vendor families (from: the code\'s commit, right/values) and the values (raw score and evidence as that code gave them, raw null where that code recorded none; gave: of the evidence that splits the field\'s ceiling, fit.ts FIRST_SEEN_SPLIT, what that code could give; page: the evidence today\'s code finds for the value on the page, scripts/first-seen-page.ts). ocr: the same for the scanned and photographed tune documents and a sample of SROIE tune receipts, values read by OCR (source groups ocr, ocr-paddle). Built by scripts/first-seen.ts (--ocr for the OCR cells); used by fit.ts (9: the centre of the ceiling of a read source\'s field\'s values without a check of the document).',
    ...(ocr ? { documents: earlier.documents, code_versions: earlier.code_versions, skipped: earlier.skipped, ocr: run } : { ...run, ...(earlier.ocr ? { ocr: earlier.ocr } : {}) }),
    cells: sorted,
  };
  // one line per first-seen value
  const text = JSON.stringify(result, (k, v: unknown) => (k === 'samples' ? (v as unknown[]).map((x) => JSON.stringify(x)) : v), 1)
    .replace(/"(\{\\"raw\\".*?\})"(,?)$/gm, (_, s: string, comma: string) => `${JSON.parse(`"${s}"`) as string}${comma}`);
  await writeFile(out, `${text}\n`);
  process.stdout.write(`${judged.length} documents read by ${run.code_versions} earlier versions of the code (${skipped.length} skipped); ${out}\n`);
  for (const [k, c] of Object.entries(cells)) process.stdout.write(`  ${k}: ${c.right}/${c.values} right, ${c.families} families at ${c.family_rate}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`first-seen failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
