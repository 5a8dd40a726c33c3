// Stress check of the vendor's name: half A's (tune, design half: bench/corpus.ts tuneHalfOf; holdout and the check half
// are never read) text-layer bills, their letterhead's printings of the issuer's name taken out so that the name stands
// only in the footer — as bills with a logo image for a letterhead print it — in the footer shapes bills use.
//   node --import tsx bench/stress-vendor.ts RECORDS.jsonl fixtures/documents [ROWS_CACHE_DIR]
import { designHalfRightRecords, reindex, rowsOf, TEXT_BILL_FOLDERS } from './stress-support.js';
import { alnum, sameName } from './accuracy.js';
import type { Row } from '../src/pipeline/extract/layout.js';
import { extractVendor } from '../src/pipeline/extract/vendor.js';

const [recordsFile, fixtures, rowsCache] = process.argv.slice(2);
const folders = new Set([...TEXT_BILL_FOLDERS, 'invoice2data', 'oca-pdf']);
const recs = designHalfRightRecords(recordsFile, (f) => folders.has(f), 'vendor_name');


// footers as bills print them, in several languages: the name with the address, with the register entry, as the first
// column of a three-column footer (name, street, town | phone, IBAN, e-mail)
const FOOTERS: [string, (name: string) => string[][]][] = [
  ['address-de', (n) => [[`${n} · Hauptstraße 12 · 10115 Berlin`]]],
  ['register-de', (n) => [[`${n} – Sitz der Gesellschaft: Berlin – Registergericht: Amtsgericht Charlottenburg HRB 123456`]]],
  ['register-fr', (n) => [[`${n} - SAS au capital de 10 000 € - RCS Paris 123 456 789 - 12 rue de la Paix, 75002 Paris`]]],
  ['address-en', (n) => [[`${n}, 1 High Street, London EC1A 1BB, Registered in England No. 01234567`]]],
  // (its e-mail and web address on the firm's own domain, named after its first word)
  ['columns', (n) => [[n, 'Tel. +49 30 1234567', 'IBAN DE89 3704 0044 0532 0130 00'], ['Hauptstraße 12', `info@${domainOf(n)}.com`, 'BIC COBADEFFXXX'], ['10115 Berlin', `www.${domainOf(n)}.com`, 'Amtsgericht Berlin HRB 123456']]],
];

function domainOf(name: string): string {
  return alnum(name.split(/\s+/)[0] ?? 'firm').toLowerCase() || 'firm';
}
const stats: Record<string, [number, number]> = {};
const fails: string[] = [];
for (const r of recs) {
  const truth = r.fields.vendor_name.value as string;
  let rows: Row[];
  try { ({ rows } = await rowsOf(fixtures, r.file, rowsCache)); } catch { console.log('SKIP', r.file); continue; }
  const base = extractVendor(rows).vendor_name.value;
  if (!base || !sameName(base, truth)) { console.log('BASE differs', r.file, base, truth); continue; }
  // the name's printings: cells holding its letters and digits (the first word of it at least, for a name printed
  // with its legal form spelled otherwise)
  const key = alnum(truth);
  const firstWord = alnum(truth.split(/\s+/)[0] ?? '');
  const holds = (text: string) => alnum(text).includes(key) || (firstWord.length >= 4 && alnum(text).includes(firstWord));
  const lastPage = rows[rows.length - 1]?.page ?? 1;
  for (const [kind, footer] of FOOTERS) {
    // every printing of the name goes (letterhead, e-mail and web address too: a logo prints none of them)
    const v = rows.map((row) => ({ ...row, cells: row.cells.filter((c) => !holds(c.text)).map((c) => ({ ...c })) })).filter((row) => row.cells.length > 0);
    const lines = footer(truth);
    const tpl = rows[rows.length - 1];
    lines.forEach((cells, k) => v.push({ ...tpl, page: lastPage, top: 0.93 + k * 0.012, cells: cells.map((text, j) => ({ text, confidence: 1, x0: 40 + j * 180, x1: 40 + j * 180 + 170 })) }));
    const got = extractVendor(reindex(v)).vendor_name.value;
    stats[kind] ??= [0, 0]; stats[kind][1]++;
    if (got && sameName(got, truth)) stats[kind][0]++; else fails.push(`${r.file}\tfooter-${kind}\t${truth} -> ${got}`);
  }
}
for (const [k, [a, n]] of Object.entries(stats)) console.log(k, `${a}/${n}`);
console.log(fails.join('\n'));
process.exit(0);
