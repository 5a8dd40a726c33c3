// Stress check of the invoice number: half A's (tune, design half: bench/corpus.ts tuneHalfOf) text-layer bills,
// their rows perturbed the ways unseen layouts differ; holdout and the check half are never read.
//   node --import tsx bench/stress-number.ts RECORDS.jsonl fixtures/documents   (RECORDS: bench/accuracy.ts --records)
import { designHalfRightRecords, reindex, rowsOf, TEXT_BILL_FOLDERS } from './stress-support.js';
import type { Row } from '../src/pipeline/extract/layout.js';
import { invoiceNumberChoice } from '../src/pipeline/extract/references.js';

const [recordsFile, fixtures, rowsCache] = process.argv.slice(2);
const folders = new Set(TEXT_BILL_FOLDERS);
const recs = designHalfRightRecords(recordsFile, (f) => folders.has(f), 'invoice_number');
const LABELS = ['Rechnungsnr.', 'Belegnummer', 'Inv. No.', 'Invoice Ref.', 'Fra. Nº', 'Nr faktury', 'Lasku nro', 'Réf. facture', 'Ref. factura', 'Numéro', 'Número', 'Nummer', 'Tax invoice no.', 'Invoice no', 'Factura No.', 'Faktura nr.', 'Fattura N°', 'Invoice number', 'Invoice No.', 'Invoice #', 'Rechnungsnummer', 'Rechnung Nr.', 'Rechnungs-Nr.', 'N° de facture', 'Numéro de facture', 'Facture n°', 'Numero fattura', 'Fattura n.', 'N. fattura', 'Número de factura', 'Factura Nº', 'Nº Factura', 'Factuurnummer', 'Factuur nr.', 'Número da fatura', 'Fatura n.º', 'Numer faktury', 'Faktura nr', 'Fakturanummer', 'Fakturanr.', 'Laskun numero', 'Invoice ID', 'Document No.', 'Bill No.'];
const NOISE = ['Customer No. 4711081', 'Order number: PO-99812', 'Kundennummer: 30045', 'Tel. +49 30 1234567', 'Your reference: AB-77120', 'Contract no. 88-1201', 'Delivery note 5512340', 'N° client : C00451', 'Codice cliente 004512', 'VAT: DE811907980'];
const SHAPES = ['INV-2024-0042', 'FA/2024/118', '2024.0015', 'R24-00123', '0000123', 'A-1234', 'F2024-77', '24/0456', 'RE-10045', '2024-11', 'FV 12/2024', 'No123456'];
const TABLES: [string[], string[], number][] = [
  [['Customer No.', 'Invoice No.', 'Date'], ['100452', '#', '12.03.2024'], 1],
  [['Kundennummer', 'Rechnungsnummer', 'Datum'], ['30045', '#', '12.03.2024'], 1],
  [['Invoice date', 'Invoice number', 'Order number'], ['2024-03-12', '#', 'PO-4500012'], 1],
  [['Date', 'N° client', 'N° facture'], ['12/03/2024', 'C0451', '#'], 2],
  [['Fecha', 'Nº Cliente', 'Nº Factura'], ['12/03/2024', '4451', '#'], 2],
  [['Data', 'Cod. cliente', 'Numero fattura'], ['12/03/2024', '4451', '#'], 2],
  [['Factuurdatum', 'Klantnummer', 'Factuurnummer'], ['12-03-2024', '4451', '#'], 2],
  [['Invoice', 'Page', 'Date'], ['#', '1 / 2', '12.03.2024'], 0],
  [['Rechnung', 'Kunde', 'Datum'], ['#', '10044', '12.03.2024'], 0],
  [['Facture', 'Client', 'Date'], ['#', 'C10044', '12/03/2024'], 0],
];
// the invoice number's label as general sources name it in each language the corpus is written in (EN 16931 BT-1
// "Invoice number" in its national renderings, Odoo's translations of "Invoice Number", and each language's common
// abbreviation of it), not as a tune bill prints it
const GENERAL_LABELS = ['Invoice number', 'Invoice No:', 'Inv. #', 'Invoice nr.', 'Rechnungs-Nr.', 'Re.-Nr.', 'Rg.-Nr.', 'Rechnung-Nr.', 'N° facture', 'Fact. N°', 'Facture No', 'Numero documento', 'Nr. fattura', 'Fatt. n.', 'Núm. factura', 'Nº Fra.', 'Factura número', 'Factuurnr.', 'Fact.nr.', 'N.º fatura', 'Nº Fatura', 'Číslo faktury', 'Faktura č.', 'Numer faktury', 'Faktura nr', 'Laskunumero', 'Laskun numero', 'Fakturanr', 'Faktura nr.', 'Arve number', 'Arve nr'];
// a number printed in parts, each in its own cell or spaced in one, joined by its separator: the parts are one number
const SPLIT_SHAPES: string[][] = [['FA', '/', '2024', '/', '001'], ['25', '-', '11.474'], ['2024', '-', '0042'], ['INV', '-', '00123'], ['F', '/', '24', '/', '0815'], ['A5', '/', '3127']];
const alnum = (s: string | null) => (s ?? '').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
const clone = (rows: Row[]) => rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c })) }));
const stats: Record<string, [number, number]> = {};
const fails: string[] = [];
for (const r of recs) {
  const truth = r.fields.invoice_number.value as string;
  let rows: Row[];
  try { ({ rows } = await rowsOf(fixtures, r.file, rowsCache)); } catch { console.log('SKIP', r.file); continue; }
  const base = invoiceNumberChoice(rows);
  if (base.field.value !== truth) { console.log('BASE differs', r.file, base.field.value, truth); continue; }
  // where is the value printed: the row and cell holding it
  const ri = rows.findIndex((row) => row.cells.some((c) => c.text.includes(truth)));
  if (ri < 0) continue;
  const ci = rows[ri].cells.findIndex((c) => c.text.includes(truth));
  const cell = rows[ri].cells[ci];
  const variants: [string, Row[], string?][] = [];
  for (const L of [...LABELS, ...GENERAL_LABELS]) {
    // label and value in one cell
    let v = clone(rows); v[ri].cells[ci] = { ...cell, text: `${L}: ${truth}` }; variants.push([`same:${L}`, v]);
    // label cell, value cell right of it
    v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: L, x1: cell.x0 + 60 }, { ...cell, text: truth, x0: cell.x0 + 80, x1: cell.x0 + 150 });
    variants.push([`right:${L}`, v]);
    // label above, value below in the same column
    v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: L, x1: cell.x0 + 60 });
    v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: [{ ...cell, text: truth, x1: cell.x0 + 60 }] });
    variants.push([`below:${L}`, reindex(v)]);
    // table: heading row "Date | <label> | Customer No." over values
    v = clone(rows); v[ri].cells.splice(ci, 1);
    v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: [{ ...cell, text: 'Date', x0: 300, x1: 330 }, { ...cell, text: L, x0: 380, x1: 450 }, { ...cell, text: 'Customer No.', x0: 480, x1: 540 }] },
      { ...v[ri], top: v[ri].top + 0.02, cells: [{ ...cell, text: '12.03.2024', x0: 300, x1: 345 }, { ...cell, text: truth, x0: 380, x1: 440 }, { ...cell, text: '100452', x0: 480, x1: 510 }] });
    variants.push([`table:${L}`, reindex(v)]);
    // a two-column letterhead: the label alone on its line, the value on the next line (its own column's), the other
    // column's lines beside both (the issuer's name and street)
    v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: `${L}:`, x1: cell.x0 + 60 }, { ...cell, text: 'Musterfirma GmbH', x0: cell.x0 + 220, x1: cell.x0 + 300 });
    v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: [{ ...cell, text: truth, x0: cell.x0, x1: cell.x0 + 55 }, { ...cell, text: 'Hauptstraße 12', x0: cell.x0 + 220, x1: cell.x0 + 290 }] });
    variants.push([`nextline:${L}`, reindex(v)]);
    // a header table whose value is right-aligned under its heading (starts under the heading's middle)
    v = clone(rows); v[ri].cells.splice(ci, 1);
    v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: [{ ...cell, text: 'Date', x0: 300, x1: 330 }, { ...cell, text: L, x0: 380, x1: 450 }, { ...cell, text: 'Page', x0: 480, x1: 500 }] },
      { ...v[ri], top: v[ri].top + 0.02, cells: [{ ...cell, text: '12.03.2024', x0: 300, x1: 345 }, { ...cell, text: truth, x0: 415, x1: 450 }, { ...cell, text: '1', x0: 495, x1: 500 }] });
    variants.push([`table-right:${L}`, reindex(v)]);
  }
  // the number printed in parts: each part its own cell after the label, or the parts spaced in one cell
  for (const parts of SPLIT_SHAPES) {
    const want = parts.join('');
    for (const L of ['Invoice No.', 'Rechnungsnummer', 'N° facture', 'Fattura n.', 'Nº Factura', 'Factuurnummer', 'Numer faktury']) {
      let v = clone(rows);
      v[ri].cells.splice(ci, 1, { ...cell, text: L, x1: cell.x0 + 60 }, ...parts.map((p, k) => ({ ...cell, text: p, x0: cell.x0 + 80 + k * 22, x1: cell.x0 + 80 + k * 22 + 16 })));
      variants.push([`split-cells:${L}:${parts.join(' ')}`, reindex(v), want]);
      v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: `${L} ${parts.join(' ')}` });
      variants.push([`split-spaced:${L}:${parts.join(' ')}`, reindex(v), want]);
      v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: L, x1: cell.x0 + 60 });
      v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: parts.map((p, k) => ({ ...cell, text: p, x0: cell.x0 + k * 22, x1: cell.x0 + k * 22 + 16 })) });
      variants.push([`split-below:${L}:${parts.join(' ')}`, reindex(v), want]);
    }
  }
  // other number shapes in the number's place, after a few labels: the mechanism, not the vendor's shape
  for (const shape of SHAPES) {
    const swap = (v: Row[]) => v.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, text: c.text.split(truth).join(shape) })) }));
    for (const L of ['Invoice No.', 'Rechnungsnummer', 'N° facture', 'Fattura n.', 'Factura Nº']) {
      let v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: L, x1: cell.x0 + 60 }, { ...cell, text: shape, x0: cell.x0 + 80, x1: cell.x0 + 150 });
      variants.push([`shape-right:${L}:${shape}`, v, shape]);
      v = clone(rows); v[ri].cells.splice(ci, 1, { ...cell, text: L, x1: cell.x0 + 60 });
      v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: [{ ...cell, text: shape, x1: cell.x0 + 60 }] });
      variants.push([`shape-below:${L}:${shape}`, reindex(v), shape]);
    }
    variants.push([`shape-inplace:${shape}`, swap(clone(rows)), shape]);
  }
  // headings whose other columns hold other numbers, the invoice's among them
  for (const [hs, vs] of TABLES) {
    const v = clone(rows); v[ri].cells.splice(ci, 1);
    v.splice(ri + 1, 0, { ...v[ri], top: v[ri].top + 0.01, cells: hs.map((h, k) => ({ ...cell, text: h, x0: 60 + k * 120, x1: 60 + k * 120 + 90 })) },
      { ...v[ri], top: v[ri].top + 0.02, cells: vs.map((x, k) => ({ ...cell, text: x === '#' ? truth : x, x0: 60 + k * 120, x1: 60 + k * 120 + 60 })) });
    variants.push([`heads:${hs.join('|')}`, reindex(v)]);
  }
  for (const N of NOISE) {
    // another reference just above and just below the number's row
    let v = clone(rows); v.splice(ri, 0, { ...v[ri], cells: [{ ...cell, text: N }] }); variants.push([`noise-above:${N}`, reindex(v)]);
    v = clone(rows); v.splice(ri + 1, 0, { ...v[ri], cells: [{ ...cell, text: N }] }); variants.push([`noise-below:${N}`, reindex(v)]);
  }
  for (const [name, v, want = truth] of variants) {
    const kind = name.split(':')[0];
    const got = invoiceNumberChoice(v).field.value;
    if (got !== want && kind.startsWith('shape') && truth.includes(want)) continue;
    stats[kind] ??= [0, 0]; stats[kind][1]++;
    // (the number's letters and digits are the number: separators and spaces as the scorer reads them)
    if (alnum(got) === alnum(want)) stats[kind][0]++; else fails.push(`${r.file}\t${name}\t${want} -> ${got}`);
  }
}
for (const [k, [a, n]] of Object.entries(stats)) console.log(k, `${a}/${n}`);
console.log(fails.join('\n'));
process.exit(0);
