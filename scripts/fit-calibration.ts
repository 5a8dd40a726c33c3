// Refits the calibration table (data/calibration.json) on the tune split only, suggests the write threshold and
// shows how both do on holdout. One command after any change to the extraction rules:
//   npm run fit:calibration -- --scan [--ocr-cache DIR] [--ocr-engine E] [--sroie DIR] [--records-dir DIR] [--out FILE]
// (--ocr-engine: the engines scanned, comma-separated, default auto,tesseract,paddle — each engine's OCR readings get
// their own rows (source group ocr for Tesseract, ocr-paddle for Paddle), fitted on its own tune readings; `auto`
// reads each page with one of the two, so its readings are calibrated by those rows, and only its readings carry the
// other engine's look (engines-* evidence), so they are listed first and kept where a single-engine scan read the
// same document with the same engine; records given by hand: the auto ones first; --options-from TABLE: fit with
// the options an earlier table chose (its fitted.choice) instead of choosing them again; --overall-out FILE
// also writes the table one choice of options over all sources would have made, to compare)
// --scan reads fixtures/documents and the SROIE corpus (default /work/corpus/sroie, skipped when absent) with
// bench:accuracy --records (both splits, one process per corpus and split, niced), then fits on their records.
// Without --scan it fits records written earlier:
//   node --import tsx scripts/fit-calibration.ts RECORDS.jsonl... [--out FILE] [--split tune]
// Method: src/pipeline/confidence/fit.ts; its options (out-of-fold scores in the bins, the ridge, rows per kind of
// document, a ridge centred on the field's regression over both read sources) are chosen from FIT_GRID by the lowest mean Brier score (a proper score: calibration and resolution; ECE alone favours flat tables) in 5-fold cross-validation on
// tune, folds by vendor family (as the holdout split is), so the choice never looks at holdout: per source group, and
// per field × source group where the field has enough values and scores clearly better under other options than its
// group's choice (chooseByCell; fitted.cell_choice, reused by --options-from). The threshold: the
// lowest at which written values are right ≥ 98 % (all fields together and each field with enough written values)
// in 5-fold cross-validation on tune, folds by vendor family — chosen on tune, like the table; holdout only checks
// it (the lowest threshold that would have held there is printed beside it, never used). The script says whether
// DEFAULT_WRITE_THRESHOLD (odoo_addon/ocr_worker/data/writeback_rules.json) still matches it.
// "Right ≥ 98 %" is a lower bound (--precision-confidence C, default 0.9: bootstrap over vendor families; 0: the point
// estimate). The map from score to probability per source group (fit.ts, 7: Platt or bins) is kept from
// --options-from when that table recorded it, else chosen (chooseMap); --map bins|platt|choose forces it.
// --leave-out-families N: refits N times without one of the N largest tune families and prints how far the holdout's
// written share and wrong values move (steadiness).
// --family-prior S: the strength, in vendor families, of the ceiling on a read source's rows whose tune values were all
// right (fit.ts, 8; default FAMILY_PRIOR; 0: none); the rows it capped are printed. --new-vendors K: the write policy
// on tune with each vendor family scored by a table fitted without it (K folds by family): how the table does on
// vendors it has not seen, without looking at holdout. --held-back K: on tune, each family scored the same way, the
// right values the policy holds back per field × source and what holds them, with the wrong values each limit holds
// back beside (the ceiling on all-right rows, the margin of the threshold's bound, the values' own score).
// --leave-family-out K: per field and per kind of document's key fields, the written share, precision, wrong values and
// ECE in-sample beside out of family — each vendor family scored by a table fitted without it, K folds by family, over
// CV_REPEATS splits into folds — and the families' mean written share (a vendor of 80 receipts is one layout): what the
// table gives layouts it never saw, measured on tune alone (issue #14). --scored-without E1,E2 (with it): the same
// again, every value scored as a layout that never shows that evidence would be (paid-ok,paid-off,last-before-payment:
// a layout without payment lines). --reliability F1,F2 (with it): those fields' out-of-family values per source group,
// kind of document and check (a first-seen cap holds only the unchecked), mean confidence against right rate, and
// each one's share of the field's ECE: where a field's miscalibration sits. --confirmations on|off: fit with or without the kinds of confirmation (fit.ts, 10),
// whatever the options say (the grid weighs them; a table records its choice, which --options-from keeps).
// --first-seen FILE|none: what the rules read right on documents they had never seen (fit.ts, 9; default
// data/first-seen.json, rebuilt by scripts/first-seen.ts): the centre of the ceiling of a read source's field that has
// one, for its values without a check of the document, all right on tune or not; printed with the all-right rows' ceilings.
// --first-seen-groups G1,G2: the source groups so held (default the text layer; ocr,ocr-paddle,pdf-text to hold OCR
// rows too, fit.ts FIRST_SEEN_GROUPS). The table on the first-seen values of every group is printed (firstSeenCalibration).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  chooseByCell, chooseBySource, familyFits, firstSeenCalibration, formatFirstSeenCalibration, formatLeaveFamilyOut, formatReliability, formatWrongWritten, reliabilityOutOfFamily, wrongWrittenOutOfFamily, leaveFamilyOut, chooseFitOptions, chooseMap, type FitChoice, chooseThreshold, formatSteadiness, groupKey, PRECISION_CONFIDENCE, composeBySource, crossValidatedScores, type DocRecord, evaluate, formatHeldBack, formatReport, heldBack, lowestPreciseThreshold,
  MIN_VALUES_PER_CELL, outOfFold, samplesOf, uniqueDocuments,
} from '../bench/calibration-report.js';
import { FIELD_NAMES, type FieldName } from '../src/contract.js';
import type { CalibrationTable, SourceGroup } from '../src/pipeline/confidence/calibrate.js';
import { FAMILY_PRIOR, type FirstSeenCell, fitCalibration, type FitOptions } from '../src/pipeline/confidence/fit.js';
import { DEFAULT_WRITE_THRESHOLD } from '../src/pipeline/confidence/policy.js';
import { fromRoot } from '../src/paths.js';

/** How the samples are weighed (samplesOf's familyCap: 0, every document counts once) and fitted. */
type Choice = FitOptions & { familyCap: number };
/** The options tried, simplest first; the one with the lowest cross-validated Brier score on tune is used. All weigh the
 * kinds of confirmation (fit.ts 10; --confirmations off fits without them, to compare). */
// biasPrior (fit.ts) is not offered: on the merged rules of 2026-12-05 it held text-layer untaxed amounts and PO
// numbers at 0.78–0.9 (17 of 17 right on tune) and a fixture bill's order link was lost (test/worker/po-bills)
const FIT_GRID: Choice[] = [false].flatMap((biasPrior) => [false, true].flatMap((pooledPrior) => [0, 5].flatMap((familyCap) => [0, 5].flatMap((crossFit) => [2, 4, 8].flatMap((ridge) => [0, 30].map((kindCells) => ({ familyCap, crossFit, ridge, kindCells, pooledPrior, biasPrior, confirmations: true })))))));

/** The 5-fold cross-validation that chooses the options is run on this many different splits into folds, averaged. */
const CV_REPEATS = 3;

const VALUED = ['--first-seen-groups', '--out', '--overall-out', '--split', '--ocr-cache', '--ocr-engine', '--sroie', '--records-dir', '--options-from', '--map', '--precision-confidence', '--leave-out-families', '--keep-cells', '--family-prior', '--new-vendors', '--held-back', '--first-seen', '--leave-family-out', '--confirmations', '--scored-without', '--reliability'];
const DEFAULT_SROIE = '/work/corpus/sroie';

/** bench:accuracy --records on one corpus and split, as a child process (its table goes to a log beside it). */
function scanRecords(dir: string, split: string, file: string, ocrCache: string | undefined, ocrEngine: string | undefined): Promise<void> {
  const args = ['-n', '10', process.execPath, '--import', 'tsx', fromRoot('bench', 'accuracy.ts'), dir, '--split', split, '--records', file];
  if (ocrCache) args.push('--ocr-cache', ocrCache);
  if (ocrEngine) args.push('--ocr-engine', ocrEngine);
  return new Promise((resolve, reject) => {
    const child = spawn('nice', args, { cwd: fromRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    const log: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => log.push(b));
    child.stderr.on('data', (b: Buffer) => log.push(b));
    child.on('error', reject);
    child.on('exit', (code) => {
      void writeFile(`${file}.log`, Buffer.concat(log)).then(() => (code === 0 ? resolve() : reject(new Error(`bench:accuracy on ${dir} (${split}) exited ${code}: see ${file}.log`))));
    });
  });
}

const PROGRESS_EVERY_MS = 60_000;

/** Documents recorded so far per job, and how many OCR results the scan had to compute (entries the cache did not
 * hold before the scan began): a refit meant to run on a warm cache should show none, or a few band re-reads. */
async function reportProgress(files: string[], cacheDir: string | undefined, since: number): Promise<void> {
  const counts = await Promise.all(files.map(async (f) => (await readFile(f, 'utf8').catch(() => '')).split('\n').filter((l) => l.trim()).length));
  let fresh = 0;
  if (cacheDir) {
    for (const sub of await readdir(cacheDir).catch(() => [] as string[])) {
      const dir = path.join(cacheDir, sub);
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (((await stat(path.join(dir, name)).catch(() => null))?.mtimeMs ?? 0) > since) fresh++;
      }
    }
  }
  const done = files.map((f, i) => `${path.basename(f, '.jsonl')} ${counts[i]}`).join(', ');
  process.stdout.write(`${Math.round((Date.now() - since) / 60000)} min: ${done}${cacheDir ? `; OCR results computed (not in the cache): ${fresh}` : ''}\n`);
}

async function scanAll(values: Record<string, string>): Promise<string[]> {
  const dir = values['--records-dir'] ?? path.join(fromRoot(), '.calibration-records');
  await mkdir(dir, { recursive: true });
  const corpora: [string, string][] = [['fixtures', fromRoot('fixtures', 'documents')]];
  const sroie = values['--sroie'] ?? DEFAULT_SROIE;
  if (existsSync(sroie)) corpora.push(['sroie', sroie]);
  else process.stderr.write(`no SROIE corpus at ${sroie} (scripts/sroie-corpus.ts builds it): fitting on fixtures/documents only\n`);
  // every engine the product may read with: each engine's readings are calibrated on its own (calibrate.ts); one
  // engine's four scans at a time (the machine's cores are few). `auto` first: its readings (the default's, with the
  // other engine's look at a receipt's total, evidence engines-*) are the ones kept for a document read the same way
  // twice (uniqueDocuments keeps the first reading per engine); the single-engine scans add each document's other
  // engine's reading
  const engines = (values['--ocr-engine'] ?? 'auto,tesseract,paddle').split(',').map((e) => e.trim()).filter(Boolean);
  const files: string[] = [];
  const t0 = Date.now();
  for (const engine of engines) {
    const jobs = corpora.flatMap(([name, corpus]) => ['tune', 'holdout'].map((split) => ({ corpus, split, file: path.join(dir, `${name}-${split}-${engine}.jsonl`) })));
    const progress = setInterval(() => void reportProgress(jobs.map((j) => j.file), values['--ocr-cache'], t0), PROGRESS_EVERY_MS);
    try {
      await Promise.all(jobs.map((j) => scanRecords(j.corpus, j.split, j.file, values['--ocr-cache'], engine)));
    } finally {
      clearInterval(progress);
    }
    files.push(...jobs.map((j) => j.file));
  }
  process.stdout.write(`scanned ${corpora.map(([n]) => n).join(' and ')} with ${engines.join(', ')} in ${Math.round((Date.now() - t0) / 60000)} min; records in ${dir}\n`);
  return files;
}

/** --reliability F1,F2: field names of the scan's contract; a misspelt one is an error, not an empty report. */
function reliabilityFields(value: string | undefined): FieldName[] {
  const fields = (value ?? '').split(',').filter(Boolean);
  const unknown = fields.filter((f) => !(FIELD_NAMES as readonly string[]).includes(f));
  if (unknown.length) throw new Error(`--reliability: unknown field(s) ${unknown.join(', ')}; one of ${FIELD_NAMES.join(', ')}`);
  return fields as FieldName[];
}

async function main(argv: string[]): Promise<number> {
  const values: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUED.includes(argv[i])) values[argv[i]] = argv[++i];
    else if (!argv[i].startsWith('--')) files.push(argv[i]);
  }
  reliabilityFields(values['--reliability']); // a misspelt field fails now, not after the fit
  if (argv.includes('--scan')) files.push(...(await scanAll(values)));
  if (!files.length) {
    process.stderr.write('usage: npm run fit:calibration -- --scan [--ocr-cache DIR] [--ocr-engine tesseract,paddle] [--sroie DIR] [--records-dir DIR] [--out FILE] [--options-from TABLE]\n' +
      '       node --import tsx scripts/fit-calibration.ts RECORDS.jsonl... [--out FILE] [--split tune] [--options-from TABLE]\n' +
      '       [--map bins|platt|choose] [--precision-confidence 0.9] [--leave-out-families N]\n');
    return 2;
  }
  const out = values['--out'] ?? fromRoot('data', 'calibration.json');
  const fitSplit = values['--split'] ?? 'tune';
  const read: DocRecord[] = [];
  for (const file of files) {
    read.push(...(await readFile(file, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DocRecord));
  }
  const records = uniqueDocuments(read);
  if (records.length < read.length) process.stdout.write(`${read.length - records.length} documents found twice (same bytes) counted once\n`);
  const fitOn = records.filter((r) => r.split === fitSplit);
  const holdout = records.filter((r) => r.split === 'holdout' && fitSplit !== 'holdout');
  if (fitOn.length === 0) {
    process.stderr.write(`no ${fitSplit} documents in ${files.join(', ')}\n`);
    return 2;
  }
  const method = 'per field x source group (and kind of document where chosen): ridge logistic regression of right/wrong on logit(raw) and the evidence, binned (out-of-fold scores where chosen), shrinkage toward the regression, isotonic';
  const confidence = Number(values['--precision-confidence'] ?? PRECISION_CONFIDENCE);
  if (!(confidence >= 0 && confidence < 1)) {
    process.stderr.write(`--precision-confidence ${values['--precision-confidence']}: a number in [0, 1)\n`);
    return 2;
  }
  const familyPrior = Number(values['--family-prior'] ?? FAMILY_PRIOR);
  if (!(familyPrior >= 0)) {
    process.stderr.write(`--family-prior ${values['--family-prior']}: a number >= 0 (vendor families; 0: no ceiling)\n`);
    return 2;
  }
  const firstSeenFile = values['--first-seen'] ?? fromRoot('data', 'first-seen.json');
  const firstSeen = firstSeenFile === 'none' ? undefined : (JSON.parse(await readFile(firstSeenFile, 'utf8')) as { cells: Record<string, FirstSeenCell> }).cells;
  process.stdout.write(`first-seen rates: ${firstSeen ? `${firstSeenFile} (${Object.keys(firstSeen).length} field x source cells)` : 'none'}\n`);
  // --first-seen-groups G1,G2: the source groups held to their first-seen rate (fit.ts FIRST_SEEN_GROUPS: the text layer)
  const groups: SourceGroup[] = ['einvoice', 'ocr', 'ocr-paddle', 'pdf-text'];
  const firstSeenGroups = values['--first-seen-groups']?.split(',').filter(Boolean) as SourceGroup[] | undefined;
  if (firstSeenGroups?.some((g) => !groups.includes(g))) {
    process.stderr.write(`--first-seen-groups ${values['--first-seen-groups']}: source groups among ${groups.join(', ')}\n`);
    return 2;
  }
  // `prior` (default --family-prior): the ceiling's strength, 0 to fit without it (--held-back)
  const fitWith = (docs: DocRecord[], options: Choice, prior = familyPrior) => fitCalibration(samplesOf(docs, options.familyCap), {}, { ...options, familyPrior: prior, familyConfidence: confidence, firstSeen, ...(firstSeenGroups ? { firstSeenGroups } : {}) });
  const shown = (o: Choice) => `familyCap ${o.familyCap}, crossFit ${o.crossFit}, ridge ${o.ridge}, kindCells ${o.kindCells}${o.pooledPrior ? ', pooled' : ''}${o.biasPrior ? ', bias prior' : ''}${o.map === 'platt' ? ', platt' : ''}${o.confirmations ? ', kinds of confirmation' : ''}`;
  const forcedMap = values['--map'];
  if (forcedMap && !['bins', 'platt', 'choose'].includes(forcedMap)) {
    process.stderr.write(`--map ${forcedMap}: bins, platt or choose\n`);
    return 2;
  }
  // --options-from TABLE: the options a earlier fit chose (its fitted.choice), without choosing again (the grid's
  // cross-validation takes minutes on the shared cores; a refit after a change of rules keeps the method's choice)
  const reused = values['--options-from'] ? (JSON.parse(await readFile(values['--options-from'], 'utf8')) as CalibrationTable).fitted.choice as Partial<Record<SourceGroup, Choice>> | undefined : null;
  if (reused === undefined) {
    process.stderr.write(`${values['--options-from']} records no choice of options (fitted.choice)\n`);
    return 2;
  }
  let optionsOf: (group: SourceGroup) => Choice;
  // --confirmations on|off: weigh the kinds of confirmation beside the evidence (fit.ts, 10) in every fit, whatever
  // the options' table or the grid say (without it: as they say — the grid weighs them, a table records its choice)
  const confirmations = values['--confirmations'] === undefined ? undefined : values['--confirmations'] === 'on';
  const withKinds = (o: Choice): Choice => (confirmations === undefined ? o : { ...o, confirmations });
  // field × source groups fitted with options of their own (chooseByCell); absent from tables fitted before
  // field × source groups whose pooled prior is chosen on their own (chooseByCell); a table that records them
  // (fitted.cell_choice) is reused as it is by --options-from, otherwise they are chosen below
  let cellOptions: Record<string, Choice> | null = null;
  if (reused) {
    optionsOf = (group) => reused[group] ?? reused.ocr!;
    cellOptions = ((JSON.parse(await readFile(values['--options-from']!, 'utf8')) as CalibrationTable).fitted.cell_choice ?? null) as Record<string, Choice> | null;
    process.stdout.write(`options per source group from ${values['--options-from']}: ${groups.map((g) => `${g}: ${shown(optionsOf(g))}`).join('; ')}\n`);
    for (const [cell, o] of Object.entries(cellOptions ?? {})) process.stdout.write(`  ${cell}: ${shown(o)}\n`);
  } else {
    const t0 = Date.now();
    const { best, all } = chooseFitOptions(fitOn, FIT_GRID, fitWith, 5, CV_REPEATS);
    process.stdout.write(`fitting options by 5-fold cross-validated Brier score on ${fitSplit} (folds by vendor family, mean of ${CV_REPEATS} splits; ${Math.round((Date.now() - t0) / 1000)} s):\n`);
    for (const c of all) process.stdout.write(`  ${c === best ? '*' : ' '} ${shown(c.options).padEnd(54)} mean Brier ${c.mean.toFixed(4)}  ECE ${Object.entries(c.perField).map(([n, e]) => `${n} ${e!.toFixed(3)}`).join(', ')}\n`);
    // each source group's rows with the options its own values chose (chooseBySource); a group with no field measured
    // enough (the tune e-invoices) keeps the overall choice
    const bySource = chooseBySource(all);
    process.stdout.write(`options per source group, by the cross-validated Brier score of its own values:\n`);
    for (const group of groups) {
      const chosen = bySource[group];
      const overall = all.find((c) => c.options === best.options)!;
      const cells = chosen ? Object.keys(chosen.cells) : [];
      const n = cells.reduce((sum, k) => sum + overall.cells[k].n, 0);
      const mean = (c: FitChoice<Choice>['cells']) => cells.reduce((sum, k) => sum + c[k].brier * c[k].n, 0) / Math.max(1, n);
      process.stdout.write(`  ${group.padEnd(9)} ${chosen ? `${shown(chosen.options).padEnd(54)} Brier ${chosen.mean.toFixed(4)} (overall choice ${mean(overall.cells).toFixed(4)}; ${n} values): ${cells.map((k) => `${k.split('|')[0]} ${chosen.cells[k].brier.toFixed(4)}`).join(', ')}` : 'no values: the overall choice'}\n`);
    }
    for (const group of groups) {
      const ranked = bySource[group]?.ranked ?? [];
      if (ranked.length) process.stdout.write(`  ${group} best five: ${ranked.slice(0, 5).map((c) => `${shown(c.options)} ${c.mean.toFixed(4)}`).join(' | ')}\n`);
    }
    optionsOf = (group) => bySource[group]?.options ?? best.options;
  }
  if (!cellOptions) {
    // each group's options and the same with the pooled prior the other way, cross-validated like the grid (the
    // grid's runs are not reused: with --options-from there are none, and the choice must not depend on it)
    const t0 = Date.now();
    const candidates: Choice[] = [];
    const instance = (o: Choice) => candidates.find((c) => JSON.stringify(c) === JSON.stringify(o)) ?? (candidates.push(o), o);
    const chosen = Object.fromEntries(groups.map((g) => [g, { options: instance(optionsOf(g)) }]));
    for (const g of groups) instance({ ...optionsOf(g), pooledPrior: !optionsOf(g).pooledPrior });
    const { all: runs } = chooseFitOptions(fitOn, candidates, fitWith, 5, CV_REPEATS);
    const byCell = chooseByCell(runs, chosen);
    process.stdout.write(`fields whose pooled prior is chosen on their own (${MIN_VALUES_PER_CELL}+ values, cross-validated Brier clearly better than under their group's choice; ${Math.round((Date.now() - t0) / 1000)} s):\n`);
    for (const [cell, c] of Object.entries(byCell)) process.stdout.write(`  ${cell.padEnd(28)} ${shown(c.options).padEnd(54)} Brier ${c.brier.toFixed(4)} (group's choice ${c.groupBrier.toFixed(4)})\n`);
    cellOptions = Object.fromEntries(Object.entries(byCell).map(([cell, c]) => [cell, c.options]));
  }
  // the map from score to probability per source group (fit.ts, 7): kept from --options-from where that table chose
  // one, else chosen (or forced with --map bins|platt; --map choose chooses again)
  const mapped = (o: Choice, map: 'bins' | 'platt'): Choice => withKinds({ ...o, map });
  let mapOf: (group: SourceGroup) => 'bins' | 'platt';
  if (forcedMap === 'bins' || forcedMap === 'platt') mapOf = () => forcedMap;
  else if (forcedMap !== 'choose' && groups.every((g) => optionsOf(g).map)) mapOf = (g) => optionsOf(g).map!;
  else {
    const t0 = Date.now();
    const cellsOf = cellOptions;
    const composedWith = (map: 'bins' | 'platt') => (docs: DocRecord[]) => composeBySource(
      Object.fromEntries(groups.map((g) => [g, fitWith(docs, mapped(optionsOf(g), map))])),
      {}, Object.fromEntries(Object.entries(cellsOf).map(([cell, o]) => [cell, fitWith(docs, mapped(o, map))])),
    );
    const brierOf = (map: 'bins' | 'platt') => {
      const runs = Array.from({ length: CV_REPEATS }, (_, rep) => crossValidatedScores(fitOn, undefined, composedWith(map), 5, rep === 0 ? 'choose:' : `choose${rep}:`));
      return Object.fromEntries(groups.map((g) => {
        let sum = 0;
        let n = 0;
        for (const r of runs) for (const [cell, c] of Object.entries(r.cells)) if (cell.split('|')[1] === g) { sum += c.brier * c.n; n += c.n; }
        return [g, n ? sum / n : 0];
      })) as Record<SourceGroup, number>;
    };
    const bins = brierOf('bins');
    const platt = brierOf('platt');
    const choice = chooseMap(bins, platt);
    mapOf = (g) => choice[g];
    process.stdout.write(`map from score to probability per source group, by cross-validated Brier score (Platt's two parameters unless the bins are clearly better; ${Math.round((Date.now() - t0) / 1000)} s): ${groups.map((g) => `${g} ${choice[g]} (bins ${bins[g].toFixed(4)}, platt ${platt[g].toFixed(4)})`).join('; ')}\n`);
  }
  const groupOptions = Object.fromEntries(groups.map((g) => [g, mapped(optionsOf(g), mapOf(g))])) as Record<SourceGroup, Choice>;
  optionsOf = (g) => groupOptions[g];
  // a field × source group with options of its own keeps its group's map
  const cellChoice = Object.fromEntries(Object.entries(cellOptions).map(([cell, o]) => [cell, mapped(o, mapOf(cell.split('|')[1] as SourceGroup))]));
  process.stdout.write(`options: ${groups.map((g) => `${g}: ${shown(optionsOf(g))}`).join('; ')}\n`);
  const compose = (docs: DocRecord[], meta: Record<string, unknown> = {}, prior = familyPrior): CalibrationTable => {
    const byOptions = new Map<string, CalibrationTable>();
    const tableFor = (o: Choice) => {
      const key = JSON.stringify(o);
      if (!byOptions.has(key)) byOptions.set(key, fitWith(docs, o, prior));
      return byOptions.get(key)!;
    };
    const tables: Partial<Record<SourceGroup, CalibrationTable>> = {};
    for (const group of groups) tables[group] = tableFor(optionsOf(group));
    const cells = Object.fromEntries(Object.entries(cellChoice).map(([cell, o]) => [cell, tableFor(o)]));
    return composeBySource(tables, { ...meta, samples: byOptions.values().next().value!.fitted.samples }, cells);
  };
  // the shipped table's own cross-validated scores (the same repeated folds as the choice)
  const runs = Array.from({ length: CV_REPEATS }, (_, rep) => crossValidatedScores(fitOn, undefined, (docs) => compose(docs), 5, rep === 0 ? 'choose:' : `choose${rep}:`));
  const averaged = (pick: (r: (typeof runs)[number]) => Partial<Record<string, number>>, digits: number) =>
    Object.fromEntries(Object.keys(pick(runs[0])).map((n) => [n, Math.round((runs.reduce((sum, r) => sum + (pick(r)[n] ?? 0), 0) / runs.length) * 10 ** digits) / 10 ** digits]));
  const composedBrier = averaged((r) => r.brier, 4);
  process.stdout.write(`options per source joined: cross-validated Brier ${Object.entries(composedBrier).map(([n, e]) => `${n} ${e.toFixed(4)}`).join(', ')}\n`);
  const fit = (docs: DocRecord[]) => compose(docs, {
    split: fitSplit, documents: docs.length, date: new Date().toISOString().slice(0, 10), method,
    options: Object.fromEntries(groups.map((g) => [g, shown(optionsOf(g))])),
    choice: Object.fromEntries(groups.map((g) => [g, optionsOf(g)])),
    cell_options: Object.fromEntries(Object.entries(cellChoice).map(([cell, o]) => [cell, shown(o)])), cell_choice: cellChoice,
    family_prior: familyPrior,
    cross_validated_ece: averaged((r) => r.ece, 3),
    cross_validated_brier: composedBrier,
  });
  const table = fit(fitOn);
  // --keep-cells TABLE:field|group,...: those cells as an earlier table had them (rows, regression, evidence weights,
  // first-seen caps), and none of the refit's own for them (its kind rows, its caps): the earlier table's behaviour on
  // those fields, whole. Used once for a cell whose tune values were all right (its fit unidentified), a choice made
  // after seeing holdout; such cells are now capped by the fit itself (fit.ts, 8: --family-prior). Since: a refit that
  // holds written precision out of family on some fields only ships for those (the rest kept, issue #14)
  if (values['--keep-cells']) {
    const [file, list] = values['--keep-cells'].split(/:(?=[^:]*$)/);
    const earlier = JSON.parse(await readFile(file, 'utf8')) as CalibrationTable;
    const kept: string[] = [];
    table.caps ??= {};
    for (const cell of list.split(',').filter(Boolean)) {
      const ofCell = (k: string) => k === cell || k.startsWith(`${cell}|`);
      for (const part of ['rows', 'linear', 'weights', 'counts', 'caps'] as const) {
        const from = (earlier[part] ?? {}) as Record<string, unknown>;
        const to = table[part] as Record<string, unknown> | undefined;
        if (!to) continue;
        for (const key of Object.keys(to).filter(ofCell)) delete to[key];
        for (const key of Object.keys(from).filter(ofCell)) to[key] = from[key];
      }
      kept.push(cell);
    }
    (table.fitted as Record<string, unknown>).kept_cells = { from: file, cells: kept };
    process.stdout.write(`cells kept from ${file}: ${kept.join(', ')}\n`);
  }
  await writeFile(out, `${JSON.stringify(table, null, 1)}\n`);
  if (values['--overall-out']) {
    // for comparison only: the table the single choice over all values would have made
    await writeFile(values['--overall-out'], `${JSON.stringify(fitWith(fitOn, best.options), null, 1)}\n`);
  }
  process.stdout.write(`wrote ${out} (${fitOn.length} ${fitSplit} documents)\n\n`);
  const cv = chooseThreshold(fitOn, (docs) => compose(docs), 0.98, 5, confidence);
  process.stdout.write(`${formatReport(evaluate(fitOn, table, DEFAULT_WRITE_THRESHOLD), `${fitSplit} (${fitOn.length} documents, fitted on them)`)}\n\n`);
  const pointThreshold = confidence > 0 ? chooseThreshold(fitOn, (docs) => compose(docs)) : cv;
  if (confidence > 0) process.stdout.write(`(point estimate) lowest threshold with written precision >= 98 % in 5-fold cross-validation on ${fitSplit}: ${pointThreshold}\n`);
  process.stdout.write(`lowest threshold with written precision >= 98 %${confidence > 0 ? ` at ${Math.round(confidence * 100)} % confidence (bootstrap over vendor families)` : ''} in 5-fold cross-validation on ${fitSplit}: ${cv}\n`);
  const chosen = cv;
  if (holdout.length) {
    // a check, not a choice: the threshold is chosen on tune like the table
    process.stdout.write(`(check) lowest threshold that would have held on holdout (${holdout.length} documents): ${lowestPreciseThreshold(holdout, table)}\n`);
  }
  process.stdout.write(`write threshold: ${chosen}; DEFAULT_WRITE_THRESHOLD is ${DEFAULT_WRITE_THRESHOLD}` +
    `${chosen === DEFAULT_WRITE_THRESHOLD ? '' : ': change write_threshold_default in odoo_addon/ocr_worker/data/writeback_rules.json'}\n\n`);
  if (holdout.length) {
    process.stdout.write(`${formatReport(evaluate(holdout, table, chosen), `holdout (${holdout.length} documents)`)}\n`);
  }
  // the check of the Platt map (fit.ts, 7): bins whose own rate capped it
  for (const group of groups.filter((g) => optionsOf(g).map === 'platt')) {
    const capped = Object.entries((fitWith(fitOn, optionsOf(group)).fitted.capped_by_bins ?? {}) as Record<string, string[]>)
      .filter(([k]) => k.split('|')[1] === group && !cellChoice[k.split('|').slice(0, 2).join('|')]);
    process.stdout.write(`Platt map of ${group}: ${capped.length ? `capped where a bin's own rate says clearly less: ${capped.map(([k, d]) => `${k} ${d.join(', ')}`).join('; ')}` : 'no bin of 10+ values says clearly less'}\n`);
  }
  // the ceiling on rows whose values were all right (fit.ts, 8): which rows of the shipped table it capped
  const ceilings = groups.flatMap((g) => Object.entries((fitWith(fitOn, optionsOf(g)).fitted.family_ceilings ?? {}) as Record<string, string>)
    .filter(([k]) => k.split('|')[1] === g && !cellChoice[k.split('|').slice(0, 2).join('|')]));
  for (const [cell, o] of Object.entries(cellChoice)) {
    ceilings.push(...Object.entries((fitWith(fitOn, o).fitted.family_ceilings ?? {}) as Record<string, string>).filter(([k]) => k.split('|').slice(0, 2).join('|') === cell));
  }
  process.stdout.write(`rows whose ${fitSplit} values were all right, capped at their families' rate (prior ${familyPrior} families), and rows with a first-seen rate, capped at it and their families' (checked values apart): ${ceilings.length ? ceilings.map(([k, d]) => `${k} ${d}`).join('; ') : 'none'}\n`);
  // the table on documents the rules had never seen: the first-seen values, calibrated by it (issue #14)
  if (firstSeen) process.stdout.write(`\n${formatFirstSeenCalibration(firstSeenCalibration(table, firstSeen, chosen), `the table fitted on ${fitSplit} (their code's raw scores and evidence)`)}\n`);
  const newVendors = Number(values['--new-vendors'] ?? 0);
  if (newVendors > 1) {
    // each tune family scored by a table fitted without it: the policy on vendors the table never saw, on tune alone
    process.stdout.write(`\n${formatReport(evaluate(fitOn, outOfFold(fitOn, (docs) => compose(docs), newVendors), chosen), `${fitSplit}, each vendor family scored by a table fitted without it (${newVendors} folds by family)`)}\n`);
  }
  const lfoFolds = Number(values['--leave-family-out'] ?? 0);
  if (lfoFolds > 1) {
    // what the table gives vendors it never saw, on tune alone: each family scored by a table fitted without it, over
    // CV_REPEATS splits into folds, beside the table fitted on all (issue #14)
    const fits = familyFits(fitOn, (docs) => compose(docs), lfoFolds, CV_REPEATS);
    process.stdout.write(`\n${formatLeaveFamilyOut(leaveFamilyOut(fitOn, fits, chosen), `${fitSplit} (${fitOn.length} documents, ${new Set(fitOn.map(groupKey)).size} vendor families, ${lfoFolds} folds)`)}\n`);
    // --scored-without E1,E2: the same, every value scored as a layout that never shows that evidence would be (the
    // same tables, fitted as they are): how much the table leans on one way of confirming a value
    const without = (values['--scored-without'] ?? '').split(',').filter(Boolean);
    if (without.length) process.stdout.write(`\n${formatLeaveFamilyOut(leaveFamilyOut(fitOn, fits, chosen, without), `${fitSplit}, scored without ${without.join(', ')}`)}\n`);
    // --reliability F1,F2 (with it): where those fields' out-of-family miscalibration sits, per source, kind and check
    const reliable = reliabilityFields(values['--reliability']);
    if (reliable.length) process.stdout.write(`\n${formatReliability(reliabilityOutOfFamily(fitOn, fits, reliable), `${fitSplit} (${lfoFolds} folds)`)}\n`);
    // --wrong-written (with it): every value written wrong out of family, with its family and evidence: what a refit
    // over-trusts on vendors it never saw
    if (argv.includes('--wrong-written')) process.stdout.write(`\n${formatWrongWritten(wrongWrittenOutOfFamily(fitOn, fits, chosen), chosen, `${fitSplit} (${lfoFolds} folds)`)}\n`);
  }
  const heldFolds = Number(values['--held-back'] ?? 0);
  if (heldFolds > 1) {
    // right values the policy holds back on vendors the table never saw, and what holds them (issue #14)
    const tables = outOfFold(fitOn, (docs) => compose(docs), heldFolds);
    const uncapped = outOfFold(fitOn, (docs) => compose(docs, {}, 0), heldFolds);
    const lower = Math.min(chosen, pointThreshold);
    process.stdout.write(`\n${fitSplit}, each vendor family scored by a table fitted without it (${heldFolds} folds by family): ${formatHeldBack(heldBack(fitOn, tables, uncapped, chosen, lower), chosen, lower)}\n`);
  }
  const leaveOut = Number(values['--leave-out-families'] ?? 0);
  if (leaveOut > 0 && holdout.length) {
    // steadiness: the same fit with one of the largest tune families left out, measured on holdout
    const sizes = new Map<string, number>();
    for (const r of fitOn) sizes.set(groupKey(r), (sizes.get(groupKey(r)) ?? 0) + 1);
    const families = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, leaveOut).map(([f]) => f);
    const reports = families.map((f) => evaluate(holdout, fit(fitOn.filter((r) => groupKey(r) !== f)), chosen));
    process.stdout.write(`\nsteadiness: refitted ${families.length} times, each time without one of the largest ${fitSplit} families (${families.map((f) => `${f} ${sizes.get(f)}`).join(', ')}); holdout at ${chosen}:\n`);
    process.stdout.write(`${formatSteadiness(evaluate(holdout, table, chosen), reports)}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`fit-calibration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
