// Dev harness (tuning only): capture what the document engine read (pages, and every band the second look re-read)
// once, then replay extraction on it in milliseconds per document.
//   [OCR_ENGINE=paddle] node --import tsx bench/replay.ts capture DIR OUT.json [--split tune] [--half design|check] [--ocr-cache DIR] [--reverse] [--only PREFIX,...]
//   node --import tsx bench/replay.ts replay OUT.json [--fields a,b] [--verbose] [--only substr] [--no-line-reads] [--no-date-look]
//   node --import tsx bench/replay.ts gap OUT.json [--verbose] [--only substr]
// `gap` measures what OCR read against what the rules picked: for total, date and vendor, how many documents are
// right, wrong with the true value present in the text (the rules' miss), or wrong with it absent (OCR's miss);
// --verbose lists the rules' misses with the winner and runner-up, to classify them.
// --no-date-look replays without the date's second reading (extract/date-look.ts); --verbose also lists the documents
// whose bands were not captured (capture them again with --only).
// A band the rules ask for that was not captured reads as nothing (reported as `missing bands`).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BandReadOptions, PageText, ReadDocument, TextLine } from '../src/pipeline/document.js';
import { extractFields } from '../src/pipeline/extract/index.js';
import { buildRows, type Row } from '../src/pipeline/extract/layout.js';
import { findAmounts, sameAmount } from '../src/pipeline/extract/numbers.js';
import { findDates } from '../src/pipeline/extract/dates.js';
import { fieldMatches, selectDocuments, type Scored } from './accuracy.js';
import type { Split, TuneHalf } from './corpus.js';

interface Captured {
  rel: string;
  truth: Record<string, unknown>;
  kind: ReadDocument['kind'];
  pages: PageText[];
  bands: Record<string, TextLine[]>;
  /** `auto`: the other engine's reading of each page, when extraction asked for it (engine-look.ts) */
  others?: Record<number, PageText | null>;
  otherReadingFree?: boolean;
  /** false: the document offered no band re-reads (a scanned PDF's pages); absent in older captures */
  rereads?: boolean;
}

const bandKey = (page: number, y0: number, y1: number, scale: number, opts?: BandReadOptions) =>
  `${page}:${y0.toFixed(1)}:${y1.toFixed(1)}:${scale}${opts?.line ? `:line${opts.heightPx ?? ''}` : ''}`;

async function capture(dir: string, out: string, split: Split | 'all', cacheDir: string | undefined, reverse: boolean, only: string[] | undefined, half?: TuneHalf) {
  const { readDocument } = await import('../src/pipeline/read.js');
  const { OcrPool } = await import('../src/pipeline/ocr/pool.js');
  const { OcrCache } = await import('../src/pipeline/ocr/cache.js');
  const { LanguageChooser } = await import('../src/pipeline/ocr/auto-language.js');
  const { AUTO_LANGS, parseLangs } = await import('../src/pipeline/ocr/tessdata.js');
  const { resolveLimits } = await import('../src/pipeline/limits.js');
  const { parseOcrEngine } = await import('../src/pipeline/ocr/engines.js');
  const langs = parseLangs(undefined);
  // OCR_ENGINE=paddle|auto captures what that engine reads (the OCR cache keeps the engines apart)
  const pool = new OcrPool({ langs, engine: parseOcrEngine(process.env.OCR_ENGINE), cache: cacheDir ? new OcrCache(cacheDir) : undefined });
  const languages = langs === AUTO_LANGS ? new LanguageChooser() : undefined;
  const limits = resolveLimits({});
  const { docs } = await selectDocuments(dir, split, half);
  const list = docs.filter((d) => /\.(jpe?g|png|tiff?|webp|bmp|pdf)$/i.test(d.file) && (!only || only.some((o) => d.rel.startsWith(o))));
  if (reverse) list.reverse();
  const captured: Captured[] = [];
  try {
    for (const [i, d] of list.entries()) {
      let doc: ReadDocument;
      try {
        doc = await readDocument(await readFile(d.file), d.file, { pool, languages, limits });
      } catch (err) {
        process.stderr.write(`${i + 1}/${list.length} ${d.rel} failed: ${(err as Error).message}\n`);
        continue;
      }
      const bands: Record<string, TextLine[]> = {};
      const reader = doc.rereadBand;
      if (reader) {
        doc.rereadBand = async (page, y0, y1, scale, o) => (bands[bandKey(page, y0, y1, scale, o)] = await reader(page, y0, y1, scale, o));
      }
      const others: Record<number, PageText | null> = {};
      const otherReader = doc.readOtherEngine;
      if (otherReader) doc.readOtherEngine = async (page, done) => (others[page] = await otherReader(page, done));
      await extractFields(doc);
      captured.push({ rel: d.rel, truth: d.truth, kind: doc.kind, pages: doc.pages, bands, rereads: reader !== undefined, ...(otherReader ? { others, otherReadingFree: doc.otherReadingFree === true } : {}) });
      process.stderr.write(`${i + 1}/${list.length} ${d.rel}\n`);
      if (i % 10 === 9) await writeFile(out, JSON.stringify(captured));
    }
  } finally {
    await writeFile(out, JSON.stringify(captured));
    await pool.close();
  }
}

const DEFAULT_FIELDS: Scored[] = ['doc_type', 'vendor_name', 'date', 'amount_total'];

/** `noLineReads`: the single-line re-reads (the total's second reading) read nothing, as before it existed. */
async function replay(file: string, fields: Scored[], verbose: boolean, only: string | undefined, noLineReads = false, dateLook = true) {
  const all = JSON.parse(await readFile(file, 'utf8')) as Captured[];
  const stats: Record<string, { ok: number; n: number }> = {};
  let missing = 0;
  for (const c of all) {
    if (only && !c.rel.includes(only)) continue;
    const doc = replayDoc(c, { noLineReads, onMissing: () => {
      missing++;
      if (verbose) process.stderr.write(`missing band ${c.rel}\n`);
    } });
    const { fields: got } = await extractFields(doc, { dateLook });
    for (const f of fields) {
      const want = c.truth[f];
      if (want === null || want === undefined) continue;
      const value = (got as unknown as Record<string, { value: unknown }>)[f]?.value;
      const ok = fieldMatches(f, value, want);
      const s = (stats[f] ??= { ok: 0, n: 0 });
      s.n++;
      if (ok) s.ok++;
      if (!ok && verbose) process.stdout.write(`${c.rel}\t${f}\tgot ${JSON.stringify(value)}\twant ${JSON.stringify(want)}\n`);
    }
  }
  const line = Object.entries(stats).map(([f, s]) => `${f} ${((100 * s.ok) / s.n).toFixed(1)}% (${s.ok}/${s.n})`).join('  ');
  process.stdout.write(`${line}${missing ? `  missing bands ${missing}` : ''}\n`);
}

/** A captured document as extraction reads it: its pages, the bands re-read (a band not captured reads as nothing,
 * `onMissing`), and under `auto` the other engine's reading of its pages (a page not captured reads as none). */
function replayDoc(c: Captured, opts: { noLineReads?: boolean; onMissing?: () => void } = {}): ReadDocument {
  const doc: ReadDocument = {
    kind: c.kind, sha256: '', bytes: 0, pages: c.pages, pageCount: c.pages.length, xml: [], timings: {},
    text: c.pages.map((p) => p.text).join('\f'),
  };
  if (c.rereads !== false && c.pages.some((p) => p.source === 'ocr')) {
    doc.rereadBand = async (page, y0, y1, scale, o) => {
      if (opts.noLineReads && o?.line) return [];
      const got = c.bands[bandKey(page, y0, y1, scale, o)];
      if (!got) opts.onMissing?.();
      return got ?? [];
    };
  }
  const others = c.others;
  if (others) {
    doc.readOtherEngine = async (page) => others[page] ?? null;
    if (c.otherReadingFree) doc.otherReadingFree = true;
  }
  return doc;
}

/** Is the true value of a field anywhere in what OCR read (any row, any cell, any reading of its amounts/dates)? */
function presentInText(field: Scored, want: unknown, rows: Row[]): boolean {
  if (field === 'amount_total') {
    return rows.some((r) => (['.', ','] as const).some((d) => findAmounts(r.text.replace(/(\d)([.,]) (\d{2})(?!\d)/g, '$1$2$3'), d).some((a) => sameAmount(a.value, want as number))));
  }
  if (field === 'date') return rows.some((r) => (['DMY', 'MDY'] as const).some((o) => findDates(r.text, o).some((m) => m.iso === want)));
  if (field === 'vendor_name') return rows.some((r) => [r.text, ...r.cells.map((c) => c.text)].some((t) => fieldMatches(field, t, want)) || rows.some((n) => n.index === r.index + 1 && fieldMatches(field, `${r.text} ${n.text}`, want)));
  return true;
}

async function gap(file: string, verbose: boolean, only: string | undefined) {
  const all = JSON.parse(await readFile(file, 'utf8')) as Captured[];
  const fields: Scored[] = ['amount_total', 'date', 'vendor_name'];
  const stats = Object.fromEntries(fields.map((f) => [f, { n: 0, right: 0, missedPresent: 0, absent: 0 }]));
  for (const c of all) {
    if (only && !c.rel.includes(only)) continue;
    const doc: ReadDocument = { kind: c.kind, sha256: '', bytes: 0, pages: c.pages, pageCount: c.pages.length, xml: [], timings: {}, text: c.pages.map((p) => p.text).join('\f') };
    if (c.pages.some((p) => p.source === 'ocr')) doc.rereadBand = async (page, y0, y1, scale, o) => c.bands[bandKey(page, y0, y1, scale, o)] ?? [];
    const rows = buildRows(doc);
    const { fields: got, explain } = await extractFields(doc);
    for (const f of fields) {
      const want = c.truth[f];
      if (want === null || want === undefined) continue;
      const s = stats[f];
      s.n++;
      const value = (got as unknown as Record<string, { value: unknown }>)[f]?.value;
      if (fieldMatches(f, value, want)) s.right++;
      else if (presentInText(f, want, rows)) {
        s.missedPresent++;
        if (verbose) {
          const ex = (explain.fields as Record<string, { winner: unknown; runner_up: unknown } | undefined>)[f];
          process.stdout.write(`${c.rel}\t${f}\tgot ${JSON.stringify(value)}\twant ${JSON.stringify(want)}\t${JSON.stringify(ex?.winner ?? null)}\t${JSON.stringify(ex?.runner_up ?? null)}\n`);
        }
      } else s.absent++;
    }
  }
  for (const [f, s] of Object.entries(stats)) {
    const pct = (x: number) => `${((100 * x) / Math.max(1, s.n)).toFixed(1)}%`;
    process.stdout.write(`${f}: ${s.n} docs, right ${s.right} (${pct(s.right)}), true value in the text but not picked ${s.missedPresent} (${pct(s.missedPresent)}), not in the text ${s.absent} (${pct(s.absent)})\n`);
  }
}

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
if (argv[0] === 'capture') {
  await capture(path.resolve(argv[1]), argv[2], (opt('--split') ?? 'tune') as Split, opt('--ocr-cache'), argv.includes('--reverse'), opt('--only')?.split(','), opt('--half') as TuneHalf | undefined);
} else if (argv[0] === 'replay') {
  await replay(argv[1], (opt('--fields')?.split(',') as Scored[]) ?? DEFAULT_FIELDS, argv.includes('--verbose'), opt('--only'), argv.includes('--no-line-reads'), !argv.includes('--no-date-look'));
} else if (argv[0] === 'gap') {
  await gap(argv[1], argv.includes('--verbose'), opt('--only'));
} else if (argv[0] === 'show') {
  const all = JSON.parse(await readFile(argv[1], 'utf8')) as Captured[];
  for (const c of all.filter((x) => x.rel.includes(argv[2]))) {
    const doc = replayDoc(c);
    process.stdout.write(`== ${c.rel} ${JSON.stringify({ v: c.truth.vendor_name, d: c.truth.date, t: c.truth.amount_total })}\n`);
    const printRows = (pages: PageText[]) => {
      for (const r of buildRows({ ...doc, pages })) process.stdout.write(`${r.index}\t${r.top.toFixed(2)}\t${r.confidence.toFixed(2)}\t${r.cells.map((x) => x.text).join(' | ')}\n`);
    };
    printRows(c.pages);
    const others = Object.values(c.others ?? {}).filter((p): p is PageText => p !== null);
    if (others.length) {
      process.stdout.write(`-- the other engine's reading\n`);
      printRows(others);
    }
    const { explain, fields } = await extractFields(doc);
    process.stdout.write(`taken: ${JSON.stringify({ vendor: fields.vendor_name, date: fields.date.value, total: fields.amount_total.value })}\n`);
    for (const f of ['doc_type', 'vendor_name', 'date', 'amount_total']) process.stdout.write(`${f}: ${JSON.stringify((explain.fields as Record<string, unknown>)[f])}\n`);
  }
} else {
  process.stderr.write('usage: bench/replay.ts capture DIR OUT.json [--split tune] [--ocr-cache DIR] [--reverse] | replay OUT.json [--fields a,b] [--verbose] [--only s]\n');
  process.exit(2);
}
process.exit(0);
