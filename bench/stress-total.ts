// Stress check of the total: half A's (tune, design half: bench/corpus.ts tuneHalfOf; holdout and the check half are
// never read) text-layer bills (their own rows), the total's label swapped for another
// language's (words.ts BILL_LABELS and bare words) or dropped, to see what the summary arithmetic carries alone.
//   node --import tsx bench/stress-total.ts RECORDS.jsonl fixtures/documents
import { designHalfRightRecords, reindex, rowsOf, TEXT_BILL_FOLDERS } from './stress-support.js';
import type { Row } from '../src/pipeline/extract/layout.js';
import { extractTotals } from '../src/pipeline/extract/totals.js';
import { extractLines } from '../src/pipeline/extract/lines.js';
import { dominantDecimalSeparator } from '../src/pipeline/extract/numbers.js';

const [recordsFile, fixtures, rowsCache] = process.argv.slice(2);
const folders = new Set(TEXT_BILL_FOLDERS);
const recs = designHalfRightRecords(recordsFile, (f) => folders.has(f), 'amount_total');
const LABELS = ['Total', 'Amount due', 'Total amount', 'Gesamtbetrag', 'Rechnungsbetrag', 'Zahlbetrag', 'Summe', 'Total TTC', 'Montant à payer', 'Net à payer', 'Totale documento', 'Totale', 'Importe total', 'Total a pagar', 'Totaal', 'Te betalen', 'Total a pagar', 'Do zapłaty', 'Att betala', 'Yhteensä', 'Balance due', 'Grand total', ''];
// the summary's three labels as general sources name them in each language (EN 16931 BT-109 / BT-110 / BT-112, Odoo's
// "Untaxed Amount" / "Taxes" / "Total" in its translations)
const SUMMARY_WORDS: [string, string, string][] = [
  ['Untaxed Amount', 'Taxes', 'Total'], ['Net amount', 'VAT', 'Total amount'], ['Nettobetrag', 'USt.', 'Gesamtbetrag'], ['Zwischensumme', 'MwSt. 19 %', 'Endbetrag'],
  ['Total HT', 'TVA', 'Total TTC'], ['Imponibile', 'IVA', 'Totale documento'], ['Base imponible', 'IVA', 'Total factura'],
  ['Subtotaal', 'BTW', 'Totaal'], ['Valor tributável', 'IVA', 'Total a pagar'], ['Razem netto', 'Kwota VAT', 'Do zapłaty'],
];
const stats: Record<string, [number, number]> = {};
const fails: string[] = [];
const read = (rows: Row[], text: string) => extractTotals(rows, { decimal: dominantDecimalSeparator(text), lines: extractLines(rows, dominantDecimalSeparator(text)) }).amount_total.value;
for (const r of recs) {
  const truth = r.fields.amount_total.value as number;
  let doc: { rows: Row[]; text: string };
  try { doc = await rowsOf(fixtures, r.file, rowsCache); } catch { continue; }
  const rows = doc.rows;
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
  // the summary's rows (untaxed, tax, total: each the last row printing its amount alone in a cell, the total's row
  // the lowest) laid out the other ways bills print them
  const untaxed = r.fields.amount_untaxed?.right === true ? r.fields.amount_untaxed.value as number : null;
  const tax = r.fields.amount_tax?.right === true ? r.fields.amount_tax.value as number : null;
  if (untaxed === null || tax === null || tax === 0) continue;
  const centsOf = (x: number) => String(Math.round(Math.abs(x) * 100));
  const lastRow = (x: number) => {
    for (let ri = rows.length - 1; ri >= 0; ri--) {
      const ci = rows[ri].cells.findIndex((c) => /^[^\p{L}]*$/u.test(c.text.replace(/eur|usd|chf|gbp|€|\$|£/gi, '')) && c.text.replace(/\D/g, '') === centsOf(x));
      if (ci >= 0) return { ri, ci };
    }
    return null;
  };
  const places = [lastRow(untaxed), lastRow(tax), lastRow(truth)];
  if (places.some((p) => p === null) || new Set(places.map((p) => p!.ri)).size < 3) continue;
  const [pu, pt, px] = places as { ri: number; ci: number }[];
  const amountText = (p: { ri: number; ci: number }) => rows[p.ri].cells[p.ci].text;
  const money = [amountText(pu), amountText(pt), amountText(px)];
  const cell0 = rows[px.ri].cells[px.ci];
  const summaryRows = new Set([pu.ri, pt.ri, px.ri]);
  const first = Math.min(...summaryRows);
  const tally = (kind: string, v: Row[], name: string) => {
    const got = (() => { try { return read(reindex(v), doc.text); } catch { return 'ERR'; } })();
    stats[kind] ??= [0, 0]; stats[kind][1]++;
    if (got === truth) stats[kind][0]++; else fails.push(`${r.file}\t${kind}:${name}\t${truth} -> ${got}`);
  };
  const without = () => rows.filter((_, ri) => !summaryRows.has(ri)).map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c })) }));
  const insertAt = (v: Row[]) => v.findIndex((row) => row.index > first) < 0 ? v.length : v.findIndex((row) => row.index > first);
  const line = (top: number, cells: [string, number, number][]): Row => ({ ...rows[px.ri], top, cells: cells.map(([text, x0, x1]) => ({ ...cell0, text, x0, x1 })) });
  const top = rows[first].top;
  for (const words of SUMMARY_WORDS) {
    // the three rows in each order: total first, tax first, untaxed last (each label beside its amount)
    for (const order of [[2, 0, 1], [1, 0, 2], [0, 2, 1], [2, 1, 0]]) {
      const v = without();
      v.splice(insertAt(v), 0, ...order.map((k, n) => line(top + n * 0.012, [[words[k], 330, 420], [money[k], 480, cell0.x1]])));
      tally('summary-order', v, `${words.join('|')}:${order.join('')}`);
    }
    // a summary table: the labels its header row, the amounts the row below
    let v = without();
    v.splice(insertAt(v), 0, line(top, [[words[0], 250, 320], [words[1], 350, 400], [words[2], 450, 520]]), line(top + 0.012, [[money[0], 260, 320], [money[1], 360, 400], [money[2], 460, 520]]));
    tally('summary-header', v, words.join('|'));
    // each label on its line, its amount alone on the next line, right-aligned
    v = without();
    v.splice(insertAt(v), 0, ...[0, 1, 2].flatMap((k) => [line(top + k * 0.024, [[`${words[k]}:`, 330, 420]]), line(top + k * 0.024 + 0.012, [[money[k], 480, cell0.x1]])]));
    tally('summary-nextline', v, words.join('|'));
  }
}
for (const [k, [a, n]] of Object.entries(stats)) console.log(k, `${a}/${n}`);
console.log(fails.join('\n'));
process.exit(0);
