// Builds the SROIE receipt corpus (training images 000–519 of zzzDavid/ICDAR-2019-SROIE, with their labels) from a
// local copy of that repository, at a pinned commit, checking every file against a pinned sha256. Images 520–625 are
// kept for acceptance tests: this script never reads them.
//
//   node --import tsx scripts/sroie-corpus.ts SRC [DEST] [--first N] [--last N]
//   npm run -s bench:accuracy -- DEST --split tune|holdout|all
//
// SRC is a clone, a bare git directory (e.g. the mirror of github:zzzDavid/ICDAR-2019-SROIE), or a plain copy with
// data/img and data/key. DEST (default /work/corpus/sroie) gets sroie-NNN.jpg, sroie-NNN.jpg.truth.json and a
// manifest.json with each receipt's family (its normalised company, bench/corpus.ts) and split.
// Truth follows the corpus's rules (fixtures/documents/SOURCES.md): company as labelled, total with everything but
// digits and the dot removed, dates day-first unless the second number is above 12, unpadded d/m with both ≤ 12
// left null as ambiguous, currency MYR: the labels name none, but every SROIE receipt is from a Malaysian shop
// (ringgit, "RM"), so the currency a scan reads can be checked and calibrated on them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sroieFamily, splitOf } from '../bench/corpus.js';
import { FIELD_NAMES } from '../src/contract.js';

export const SROIE_REPO = 'zzzDavid/ICDAR-2019-SROIE';
export const SROIE_COMMIT = '27be4271b251c256f695acbade9a801bffe85994';
export const SROIE_LICENSE = 'MIT (repository); SROIE images and labels: ICDAR 2019 RRC-SROIE dataset, research use';
/** The training images this project may use; 520–625 are reserved for acceptance tests. */
export const SROIE_USABLE = { first: 0, last: 519 } as const;
export const SROIE_RESERVED = { first: 520, last: 625 } as const;
const PINS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sroie-corpus.sha256');
export const DEFAULT_DEST = '/work/corpus/sroie';
/** Every SROIE receipt is Malaysian (the dataset's shops, addresses and GST ids are), so in ringgit. */
export const SROIE_CURRENCY = 'MYR';

const MONTHS = 'JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC'.split(' ');

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const fullYear = (y: string) => (Number(y) < 100 ? Number(y) + 2000 : Number(y));

/** A SROIE date label as ISO, or null when it is unreadable or its day/month order is ambiguous. */
export function convertDate(label: string): string | null {
  const s = label.trim().toUpperCase();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(s);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), fullYear(m[3])];
    if (b > 12) return iso(y, a, b);
    if (m[1].length === 1 && m[2].length === 1 && a !== b) return null;
    return iso(y, b, a);
  }
  if ((m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s))) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})[ /-]?([A-Z]{3})[A-Z]*[ /-]?,?\s*(\d{2,4})$/.exec(s)) && MONTHS.includes(m[2]))
    return iso(fullYear(m[3]), MONTHS.indexOf(m[2]) + 1, Number(m[1]));
  if ((m = /^([A-Z]{3})[A-Z]*\s+(\d{1,2}),?\s*(\d{4})$/.exec(s)) && MONTHS.includes(m[1]))
    return iso(Number(m[3]), MONTHS.indexOf(m[1]) + 1, Number(m[2]));
  if ((m = /^(20\d\d)(\d\d)(\d\d)$/.exec(s))) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d\d)(\d\d)(20\d\d)$/.exec(s))) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

export interface SroieLabel {
  company?: string;
  date?: string;
  total?: string;
}

export function convertTruth(n: number, label: SroieLabel): Record<string, unknown> {
  const truth: Record<string, unknown> = { source: `github.com/${SROIE_REPO}@${SROIE_COMMIT.slice(0, 10)} data/img/${pad(n)}.jpg`, license: SROIE_LICENSE };
  for (const name of FIELD_NAMES) truth[name] = null;
  const digits = (label.total ?? '').replace(/[^0-9.]/g, '');
  const total = digits ? Number(digits) : NaN;
  Object.assign(truth, {
    doc_type: 'receipt',
    vendor_name: label.company || null,
    date: convertDate(label.date ?? ''),
    amount_total: Number.isFinite(total) ? Math.round(total * 100) / 100 : null,
    currency: SROIE_CURRENCY,
    language: 'en',
  });
  return truth;
}

const pad = (n: number) => String(n).padStart(3, '0');

/** Refuses any image number outside 000–519, loudly for the reserved 520–625. */
export function checkUsable(n: number): void {
  if (n >= SROIE_RESERVED.first && n <= SROIE_RESERVED.last)
    throw new Error(`SROIE image ${pad(n)} is reserved for acceptance tests (520–625): it is never read here`);
  if (!Number.isInteger(n) || n < SROIE_USABLE.first || n > SROIE_USABLE.last)
    throw new Error(`SROIE image ${n} is outside the usable training images 000–519`);
}

/** Reads data/img and data/key files of the pinned commit from a git directory, or from a plain copy. */
function openSource(src: string): (file: string) => Buffer {
  const dotGit = path.join(src, '.git');
  const gitDir = fs.existsSync(dotGit) ? dotGit : fs.existsSync(path.join(src, 'objects')) && fs.existsSync(path.join(src, 'HEAD')) ? src : null;
  if (!gitDir) return (file) => fs.readFileSync(path.join(src, file));
  try {
    execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${SROIE_COMMIT}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${src} does not have commit ${SROIE_COMMIT} of ${SROIE_REPO}`);
  }
  return (file) => execFileSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', `${SROIE_COMMIT}:${file}`], { maxBuffer: 64 << 20 });
}

export function loadPins(file = PINS_FILE): Map<string, string> {
  const pins = new Map<string, string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line.trim());
    if (m) pins.set(m[2], m[1]);
  }
  return pins;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function build(src: string, dest: string, first: number, last: number): { written: number; holdout: number; tune: number } {
  checkUsable(first);
  checkUsable(last);
  if (first > last) throw new Error(`--first ${first} is after --last ${last}`);
  const read = openSource(src);
  const pins = loadPins();
  fs.mkdirSync(dest, { recursive: true });
  const manifest: Record<string, unknown>[] = [];
  for (let n = first; n <= last; n++) {
    checkUsable(n);
    const img = `data/img/${pad(n)}.jpg`;
    const key = `data/key/${pad(n)}.json`;
    const bytes = new Map<string, Buffer>();
    for (const file of [img, key]) {
      const pinned = pins.get(file);
      if (!pinned) throw new Error(`no pinned sha256 for ${file}`);
      const data = read(file);
      if (sha256(data) !== pinned) throw new Error(`${file} in ${src} does not match its pinned sha256: not the pinned ${SROIE_REPO}@${SROIE_COMMIT.slice(0, 10)}`);
      bytes.set(file, data);
    }
    const label = JSON.parse(bytes.get(key)!.toString('utf8')) as SroieLabel;
    const truth = convertTruth(n, label);
    const name = `sroie-${pad(n)}.jpg`;
    fs.writeFileSync(path.join(dest, name), bytes.get(img)!);
    fs.writeFileSync(path.join(dest, `${name}.truth.json`), `${JSON.stringify(truth, null, 1)}\n`);
    const family = sroieFamily(label.company ?? '');
    manifest.push({ file: name, family, split: splitOf(family), repo: SROIE_REPO, commit: SROIE_COMMIT, path: img, sha256: pins.get(img), bytes: bytes.get(img)!.length, truth });
  }
  fs.writeFileSync(path.join(dest, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  const holdout = manifest.filter((e) => e.split === 'holdout').length;
  return { written: manifest.length, holdout, tune: manifest.length - holdout };
}

function main(argv: string[]): number {
  const option = (name: string, fallback: number) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const positional = argv.filter((a, i) => !a.startsWith('--') && !['--first', '--last'].includes(argv[i - 1] ?? ''));
  if (positional.length < 1 || positional.length > 2) {
    process.stderr.write('usage: node --import tsx scripts/sroie-corpus.ts SRC [DEST] [--first 0] [--last 519]\n');
    return 2;
  }
  const [src, dest = DEFAULT_DEST] = positional;
  const { written, holdout, tune } = build(src, dest, option('--first', SROIE_USABLE.first), option('--last', SROIE_USABLE.last));
  process.stdout.write(`${written} SROIE receipts in ${dest}: ${holdout} holdout, ${tune} tune\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`sroie-corpus: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
