// Stress check of a till slip's total: half A's (tune, design half: bench/corpus.ts tuneHalfOf; holdout and the check
// half are never read) receipts (folders receipts2…receipts7), their rows as the OCR cache holds them (the page's own
// engine, no second looks), the total's line relabelled with the other words a till of the receipt's language prints
// for its total, or its label dropped, the amount kept on the line ("swap") or moved to the line below ("below"): to
// see whether the rules hold beyond the exact documents they were designed on.
//   node --import tsx bench/stress-receipt-total.ts RECORDS.jsonl fixtures/documents --ocr-cache DIR
import { readFileSync } from 'node:fs';
import { designHalfRightRecords, reindex } from './stress-support.js';
import { resolveLimits } from '../src/pipeline/limits.js';
import { readDocument } from '../src/pipeline/read.js';
import { buildRows, type Row } from '../src/pipeline/extract/layout.js';
import { extractTotals } from '../src/pipeline/extract/totals.js';
import { extractLines } from '../src/pipeline/extract/lines.js';
import { dominantDecimalSeparator } from '../src/pipeline/extract/numbers.js';
import { CARD_WORDS, PAYMENT_LINE_START } from '../src/pipeline/extract/words.js';
import { OcrCache } from '../src/pipeline/ocr/cache.js';
import { OcrPool } from '../src/pipeline/ocr/pool.js';
import { LanguageChooser } from '../src/pipeline/ocr/auto-language.js';
import { AUTO_LANGS, parseLangs } from '../src/pipeline/ocr/tessdata.js';
import { PdfReaders } from '../src/pipeline/pdf-readers.js';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--ocr-cache');
const cacheDir = cacheAt >= 0 ? args.splice(cacheAt, 2)[1] : undefined;
const [recordsFile, fixtures] = args;
// the words tills print before their total, per language (the total's own words, with and without the currency)
const LABELS: Record<string, string[]> = {
  de: ['Summe', 'SUMME EUR', 'Gesamt', 'Gesamtsumme', 'Zu zahlen', 'Total', 'Endsumme', 'Gesamtbetrag', 'Zu zahlender Betrag', 'Endbetrag'],
  fr: ['Total', 'TOTAL TTC', 'Montant', 'Net à payer', 'A payer', 'Total à payer', 'Montant TTC', 'Total EUR', 'Montant total'],
  it: ['Totale', 'TOTALE COMPLESSIVO', 'Totale EURO', 'Da pagare', 'Totale documento', 'Importo totale', 'TOTALE EUR'],
  es: ['Total', 'Importe', 'Total a pagar', 'TOTAL EUROS', 'Importe total', 'Total compra', 'Total €', 'TOTAL (EUR)', 'Total factura', 'A pagar'],
  nl: ['Totaal', 'Te betalen', 'Totaalbedrag', 'Totaal EUR', 'Eindtotaal', 'Totaal te betalen'],
  pt: ['Total', 'Total a pagar', 'Valor total', 'Total EUR', 'Valor a pagar', 'Montante', 'Total geral'],
  en: ['Total', 'Total due', 'Amount due', 'Balance due', 'Total to pay', 'Grand total', 'Total GBP', 'TOTAL AMOUNT', 'Amount payable', 'Total payable'],
  et: ['Kokku', 'Summa', 'Tasuda', 'Kokku tasuda', 'Summa kokku', 'Kokku EUR'],
};
const CARD_RE = new RegExp(String.raw`(?<![\p{L}])(?:${CARD_WORDS})`, 'iu');
const recs = designHalfRightRecords(recordsFile, (folder) => /^receipts\d/.test(folder), 'amount_total');
const pool = new OcrPool({ langs: parseLangs(AUTO_LANGS), engine: 'auto', cache: cacheDir ? new OcrCache(cacheDir) : undefined });
const pdfReaders = new PdfReaders({ size: 1, maxRssMb: 400 });
const read = (rows: Row[], text: string) => {
  const decimal = dominantDecimalSeparator(text);
  return extractTotals(rows, { decimal, isReceipt: true, lines: extractLines(rows, decimal) }).amount_total.value;
};
const stats: Record<string, [number, number]> = {};
const fails: string[] = [];
for (const r of recs) {
  const truth = JSON.parse(readFileSync(`${fixtures}/${r.file}.truth.json`, 'utf8'));
  const want = truth.amount_total as number;
  const doc = await readDocument(readFileSync(`${fixtures}/${r.file}`), r.file, { pool, languages: new LanguageChooser(), limits: resolveLimits({ docTimeoutMs: 900_000 }), pdfReaders, qr: false, imageLook: false, engineLook: 'off' });
  const rows = buildRows(doc);
  const base = read(rows, doc.text);
  if (base !== want) { console.log('base differs (the page engine alone)', r.file, base, want); continue; }
  const cents = String(Math.round(Math.abs(want) * 100));
  // the total's lines: its amount alone after words, no payment line
  const at = rows.map((row, ri) => ({ row, ri })).filter(({ row }) => row.text.replace(/\D/g, '').endsWith(cents) && /\p{L}{3}/u.test(row.text)
    && !/\d[.,]\d{2}.*\d[.,]\d{2}/.test(row.text) && !PAYMENT_LINE_START.test(row.text) && !CARD_RE.test(row.text));
  if (at.length === 0) continue;
  const lang = truth.language ?? 'en';
  for (const label of [...(LABELS[lang] ?? LABELS.en), '']) {
    for (const mode of ['swap', 'below'] as const) {
      const v: Row[] = rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c })) }));
      const moved: { at: number; row: Row }[] = [];
      for (const { ri } of at) {
        const row = v[ri];
        const amountCell = [...row.cells].reverse().find((c) => c.text.replace(/\D/g, '').endsWith(cents))!;
        const amount = (amountCell.text.match(/[-\d.,\s]*\d[.,]\s?\d{2}\s*$/)?.[0] ?? amountCell.text).trim();
        if (mode === 'swap') row.cells = [{ ...row.cells[0], text: label || '.' }, { ...amountCell, text: amount }];
        else {
          row.cells = [{ ...row.cells[0], text: label || '.' }];
          moved.push({ at: ri + 1, row: { ...row, cells: [{ ...amountCell, text: amount }] } });
        }
      }
      for (const m of moved.reverse()) v.splice(m.at, 0, m.row);
      let got: number | string | null;
      try { got = read(reindex(v), doc.text); } catch (e) { got = `error ${String(e).slice(0, 60)}`; }
      const kind = `${lang} ${mode}${label === '' ? ', no label' : ''}`;
      stats[kind] ??= [0, 0];
      stats[kind][1]++;
      if (got === want) stats[kind][0]++;
      else fails.push(`${r.file}\t${mode}:${label || '(none)'}\t${want} -> ${got}`);
    }
  }
}
await pool.close();
for (const [k, [a, n]] of Object.entries(stats).sort()) console.log(k.padEnd(20), `${a}/${n}`);
console.log(fails.join('\n'));
process.exit(0);
