// Stress check of the total: half A's (tune, design half: bench/corpus.ts tuneHalfOf; holdout and the check half are
// never read) text-layer bills (their own rows), the total's label swapped for another
// language's (words.ts BILL_LABELS and bare words) or dropped, to see what the summary arithmetic carries alone.
//   node --import tsx bench/stress-total.ts RECORDS.jsonl fixtures/documents
import { readFileSync } from 'node:fs';
import { tuneHalfOf } from './corpus.js';
import { resolveLimits } from '../src/pipeline/limits.js';
import { readDocument } from '../src/pipeline/read.js';
import { buildRows, CELL_GAP, type Row } from '../src/pipeline/extract/layout.js';
import { extractTotals } from '../src/pipeline/extract/totals.js';
import { extractLines } from '../src/pipeline/extract/lines.js';
import { dominantDecimalSeparator } from '../src/pipeline/extract/numbers.js';

const [recordsFile, fixtures] = process.argv.slice(2);
const folders = new Set(['invoices2-text', 'invoices3-text', 'invoices4-text', 'invoices5-text', 'invoices6-text', 'invoices7-text', 'invoices9-text']);
const recs = readFileSync(recordsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.split === 'tune' && typeof r.family === 'string' && tuneHalfOf(r.family) === 'design' && folders.has(r.folder) && r.fields.amount_total?.right === true);
const LABELS = ['Total', 'Amount due', 'Total amount', 'Gesamtbetrag', 'Rechnungsbetrag', 'Zahlbetrag', 'Summe', 'Total TTC', 'Montant à payer', 'Net à payer', 'Totale documento', 'Totale', 'Importe total', 'Total a pagar', 'Totaal', 'Te betalen', 'Total a pagar', 'Do zapłaty', 'Att betala', 'Yhteensä', 'Balance due', 'Grand total', ''];
const reindex = (rows: Row[]) => rows.map((r, i) => ({ ...r, index: i, text: r.cells.map((c) => c.text).join(CELL_GAP) }));
const stats: Record<string, [number, number]> = {};
const fails: string[] = [];
const read = (rows: Row[], text: string) => extractTotals(rows, { decimal: dominantDecimalSeparator(text), lines: extractLines(rows, dominantDecimalSeparator(text)) }).amount_total.value;
for (const r of recs) {
  const truth = r.fields.amount_total.value as number;
  let doc;
  try { doc = await readDocument(readFileSync(`${fixtures}/${r.file}`), r.file, { pool: undefined as never, limits: resolveLimits({}), embedded: false, qr: false, imageLook: false }); } catch { continue; }
  const rows = buildRows(doc);
  let base;
  try { base = read(rows, doc.text); } catch (e) { console.log('ERR', r.file, String(e).slice(0, 80)); continue; }
  if (base !== truth) { console.log('BASE differs', r.file, base, truth); continue; }
  const cents = String(Math.round(Math.abs(truth) * 100));
  // the rows printing the total with a word before it: their wordy cells are its labels
  const at = rows.flatMap((row, ri) => row.cells.map((c, ci) => ({ ri, ci, c })).filter(({ c }) => c.text.replace(/\D/g, '') === cents || c.text.replace(/\D/g, '').endsWith(cents) && /\p{L}{3}/u.test(c.text)));
  for (const L of LABELS) {
    const v = rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c })) }));
    for (const { ri, ci, c } of at) {
      const cells = v[ri].cells;
      if (/\p{L}{3}/u.test(c.text)) cells[ci].text = `${L} ${c.text.replace(/^[^\d-]*/, '')}`.trim();
      else for (let k = 0; k < ci; k++) if (/\p{L}{3}/u.test(cells[k].text) && !/\d/.test(cells[k].text)) cells[k].text = L || '.';
    }
    const got = (() => { try { return read(reindex(v), doc.text); } catch { return 'ERR'; } })();
    const kind = L === '' ? 'no-label' : 'label';
    stats[kind] ??= [0, 0]; stats[kind][1]++;
    if (got === truth) stats[kind][0]++; else fails.push(`${r.file}\t${kind}:${L}\t${truth} -> ${got}`);
  }
}
for (const [k, [a, n]] of Object.entries(stats)) console.log(k, `${a}/${n}`);
console.log(fails.join('\n'));
process.exit(0);
