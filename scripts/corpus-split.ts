// Writes each manifest.json entry's `split` (tune/holdout) from its family by the corpus rule (bench/corpus.ts), and
// gives SROIE receipts their family by company (so one shop's receipts are on one side). Run it after adding
// documents; test/bench/corpus.test.ts fails while a manifest is out of date.
//   node --import tsx scripts/corpus-split.ts [fixtures/documents/manifest.json]
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sroieFamily, splitOf, type CorpusEntry } from '../bench/corpus.js';
import { SROIE_REPO } from './sroie-corpus.js';

type Entry = CorpusEntry & { repo?: string; truth?: { vendor_name?: string | null } };

/** The entry with its family settled and its split derived, keys in their usual order (`split` after `family`). */
export function withSplit(entry: Entry): Entry {
  const family = entry.repo === SROIE_REPO && entry.truth?.vendor_name ? sroieFamily(entry.truth.vendor_name) : entry.family;
  if (!family) throw new Error(`${entry.file} has no family`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'split') continue;
    out[key] = key === 'family' ? family : value;
    if (key === 'family') out.split = splitOf(family);
  }
  return out as unknown as Entry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2] ?? 'fixtures/documents/manifest.json';
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as Entry[];
  const updated = entries.map(withSplit);
  fs.writeFileSync(file, `${JSON.stringify(updated, null, 1)}\n`);
  const holdout = updated.filter((e) => e.split === 'holdout').length;
  process.stdout.write(`${file}: ${updated.length} documents, ${holdout} holdout, ${updated.length - holdout} tune\n`);
}
