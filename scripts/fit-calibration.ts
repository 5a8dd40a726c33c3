// Refits the calibration table (data/calibration.json) from bench:accuracy records, on the tune split only, and
// shows how the fitted table does on tune and on holdout.
//   npm run bench:accuracy -- DIR --records /tmp/records.jsonl      (scan once: raw scores, evidence, truth)
//   node --import tsx scripts/fit-calibration.ts /tmp/records.jsonl [--out data/calibration.json] [--split tune]
// Method (binned per field × source group × evidence level, pooled and shrunk): src/pipeline/confidence/fit.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { chooseThreshold, type DocRecord, evaluate, formatReport, samplesOf } from '../bench/calibration-report.js';
import { fitCalibration } from '../src/pipeline/confidence/fit.js';
import { DEFAULT_WRITE_THRESHOLD } from '../src/pipeline/confidence/policy.js';
import { fromRoot } from '../src/paths.js';

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a, i) => !a.startsWith('--') && !['--out', '--split'].includes(argv[i - 1]));
  if (!file) {
    process.stderr.write('usage: node --import tsx scripts/fit-calibration.ts RECORDS.jsonl [--out FILE] [--split tune]\n');
    return 2;
  }
  const at = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const out = at('--out') ?? fromRoot('data', 'calibration.json');
  const fitSplit = at('--split') ?? 'tune';
  const records = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DocRecord);
  const fitOn = records.filter((r) => r.split === fitSplit);
  const holdout = records.filter((r) => r.split === 'holdout' && fitSplit !== 'holdout');
  if (fitOn.length === 0) {
    process.stderr.write(`no ${fitSplit} documents in ${file}\n`);
    return 2;
  }
  const fit = (docs: DocRecord[]) => fitCalibration(samplesOf(docs), {
    split: fitSplit, documents: docs.length, date: new Date().toISOString().slice(0, 10),
    method: 'per field x source group: evidence weights (shrunk log-odds), score = logit(raw) + weights, binned, beta shrinkage toward the source pool, isotonic',
  });
  const table = fit(fitOn);
  await writeFile(out, `${JSON.stringify(table, null, 1)}\n`);
  process.stdout.write(`wrote ${out} (${fitOn.length} ${fitSplit} documents)\n\n`);
  process.stdout.write(`${formatReport(evaluate(fitOn, table, DEFAULT_WRITE_THRESHOLD), `${fitSplit} (${fitOn.length} documents)`)}\n`);
  process.stdout.write(`lowest threshold with written precision >= 98 % (all fields, 5-fold cross-validation on ${fitSplit}): ${chooseThreshold(fitOn, fit)}\n\n`);
  if (holdout.length) {
    process.stdout.write(`${formatReport(evaluate(holdout, table, DEFAULT_WRITE_THRESHOLD), `holdout (${holdout.length} documents)`)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`fit-calibration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
