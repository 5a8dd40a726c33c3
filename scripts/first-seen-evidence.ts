// Would a piece of evidence have told right from wrong on documents the rules had never seen? (issue #14)
//   node --import tsx scripts/first-seen-evidence.ts [--work DIR] [--field F]
// scripts/first-seen.ts leaves in --work (default /tmp/first-seen) the records of each tune text-layer PDF read by the
// code of the commit before the one that added it: values the rules read before they were fitted to that document. This
// script takes those values, reads each document's text layer with today's reader, computes today's evidence for them
// (collectEvidence: what the page says of a value — printed twice, a sum that adds up, the largest amount, a due date's
// line …; not the ranking's, which the old code gave: labelled, rival-none, number-label) and judges them with today's
// truth, and prints per field and evidence how many first-seen values with it were right and wrong. Tune values were
// read by rules fitted to them (text-layer totals: 108 of 110 right), so a new evidence cannot show there whether it
// separates right from wrong; first seen, text-layer totals were right 64 of 75. Prints counts only, never a value.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FIELD_NAMES } from '../src/contract.js';
import { fieldMatches, type Truth } from '../bench/accuracy.js';
import { fromPaymentCode, type DocRecord } from '../bench/calibration-report.js';
import { splitOf } from '../bench/corpus.js';
import { readingOf, sourceGroup } from '../src/pipeline/confidence/calibrate.js';
import { pageEvidence, textLayerOf } from './first-seen-page.js';
import { fromRoot } from '../src/paths.js';

interface Entry { file: string; family?: string }

async function main(argv: string[]): Promise<number> {
  const opt = (name: string, def: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
  const work = opt('--work', '/tmp/first-seen');
  const only = opt('--field', '');
  if (!existsSync(work)) {
    process.stderr.write(`${work}: no first-seen records (run scripts/first-seen.ts --work ${work} first)\n`);
    return 2;
  }
  const corpus = fromRoot('fixtures', 'documents');
  const manifest = new Map((JSON.parse(await readFile(path.join(corpus, 'manifest.json'), 'utf8')) as Entry[]).map((e) => [e.file, e]));
  const tally = new Map<string, { right: number; wrong: number }>();
  const count = (key: string, right: boolean) => {
    const t = tally.get(key) ?? { right: 0, wrong: 0 };
    if (right) t.right++;
    else t.wrong++;
    tally.set(key, t);
  };
  let documents = 0;
  const left: string[] = [];
  for (const name of (await readdir(work)).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of (await readFile(path.join(work, name), 'utf8')).split('\n').filter((l) => l.trim())) {
      const record = JSON.parse(line) as DocRecord & { file: string };
      const entry = manifest.get(record.file);
      // the documents first-seen.ts counts: tune, with a vendor family, read off the text layer
      if (!entry?.family || splitOf(entry.family) !== 'tune' || record.source !== 'pdf-text') continue;
      const text = await textLayerOf(path.join(corpus, record.file));
      if (text === null) {
        left.push(record.file);
        continue;
      }
      documents++;
      const truth = JSON.parse(await readFile(path.join(corpus, `${record.file}.truth.json`), 'utf8')) as Truth;
      const evidence = pageEvidence(record, text);
      for (const field of FIELD_NAMES) {
        const f = record.fields[field];
        const want = truth[field];
        if ((only && field !== only) || !f || f.value === null || want === null || want === undefined || fromPaymentCode(f)) continue;
        const read = readingOf(f.source, record.source ?? undefined, record.engine);
        if (sourceGroup(read.source, read.engine) !== 'pdf-text') continue;
        const right = fieldMatches(field, f.value, want);
        count(`${field}\t(all)`, right);
        for (const e of evidence[field] ?? []) count(`${field}\t${e}`, right);
      }
    }
  }
  process.stdout.write(`first-seen text-layer values (${documents} documents of ${work}${left.length ? `; ${left.length} left out, a page needs OCR` : ''}) with today's evidence, judged with today's truth:\n`);
  process.stdout.write(`${'field'.padEnd(16)} ${'evidence'.padEnd(22)} right wrong\n`);
  for (const [key, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
    const [field, e] = key.split('\t');
    process.stdout.write(`${field.padEnd(16)} ${e.padEnd(22)} ${String(t.right).padStart(5)} ${String(t.wrong).padStart(5)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
