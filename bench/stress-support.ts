// What the stress benches (bench/stress-*.ts) share: the design half's records of a field read right, and a
// document's rows as read, cached between runs. Holdout and the check half are never read.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tuneHalfOf } from './corpus.js';
import { resolveLimits } from '../src/pipeline/limits.js';
import { readDocument } from '../src/pipeline/read.js';
import { buildRows, CELL_GAP, type Row } from '../src/pipeline/extract/layout.js';

/** The folders of text-layer bills. */
export const TEXT_BILL_FOLDERS: readonly string[] = ['invoices2-text', 'invoices3-text', 'invoices4-text', 'invoices5-text', 'invoices6-text', 'invoices7-text', 'invoices9-text'];

/** bench/accuracy.ts --records lines of tune's design half, in the folders `inFolder` takes, whose `field` was read
 * right. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function designHalfRightRecords(recordsFile: string, inFolder: (folder: string) => boolean, field: string): any[] {
  return readFileSync(recordsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((r) => r.split === 'tune' && typeof r.family === 'string' && tuneHalfOf(r.family) === 'design' && inFolder(r.folder) && r.fields[field]?.right === true);
}

/** Rows after a perturbation: numbered in order again, each row's text its cells' joined as buildRows joins them. */
export const reindex = (rows: Row[]): Row[] => rows.map((r, i) => ({ ...r, index: i, text: r.cells.map((c) => c.text).join(CELL_GAP) }));

/** The document's rows as read (and its text), kept in `rowsCache` (an optional folder) between runs. */
export async function rowsOf(fixtures: string, file: string, rowsCache?: string): Promise<{ rows: Row[]; text: string }> {
  const at = rowsCache ? `${rowsCache}/${file.replace(/\//g, '__')}.json` : '';
  if (at && existsSync(at)) return JSON.parse(readFileSync(at, 'utf8'));
  const doc = await readDocument(readFileSync(`${fixtures}/${file}`), file, { pool: undefined as never, limits: resolveLimits({}), embedded: false, qr: false, imageLook: false });
  const out = { rows: buildRows(doc), text: doc.text };
  if (at && rowsCache) { mkdirSync(rowsCache, { recursive: true }); writeFileSync(at, JSON.stringify(out)); }
  return out;
}
