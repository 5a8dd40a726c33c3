// A bill's field labels per language from general sources (words.ts BILL_LABELS: Odoo's account module translations,
// EN 16931's business-term names, each country's VAT-law words), read as explicit labels by the number, date and total
// rules. Made-up rows, none copied from a fixture; most labels here were missed (or read as another kind) before, the
// others (e.g. "Zahlbetrag", "Montant à payer", "Fakturadato") guard what older lists already read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { invoiceNumberChoice } from '../../../src/pipeline/extract/references.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { BILL_LABELS, billLabels, DATE_WORD_NORDIC_CS, TAX_WORD_NORDIC_CS } from '../../../src/pipeline/extract/words.js';
import { docFromCells } from './helpers.js';

const docAt = (rows: [number, string][][]): ReadDocument =>
  docFromCells(rows.map((cells) => cells.map(([x0, text]): [string, number, number] => [text, x0, x0 + text.length * 5])));
const rowsAt = (rows: [number, string][][]) => buildRows(docAt(rows));

/** The number after its label, with a customer number under a bare "Nr." beside it (so that only an explicit label
 * marks the document's number). */
function numberAfter(label: string) {
  const rows = rowsAt([[[40, 'Acme Works']], [[40, `${label} 2024-0173`], [330, 'Nr. 55102']]]);
  const c = invoiceNumberChoice(rows);
  return { value: c.field.value, explain: c.explain };
}

/** The total after its label, two item lines above it and a larger figure under it (an account's). */
function totals(label: string, lines: [string, string][] = []) {
  return extractTotals(rowsAt([
    [[40, 'Widget A'], [470, '60,00']],
    [[40, 'Widget B'], [470, '62,00']],
    ...lines.map(([l, v]): [number, string][] => [[300, l], [470, v]]),
    [[300, label], [470, '122,00']],
    [[40, 'Ref 4455'], [470, '5000,00']],
  ]), { decimal: ',' });
}

test('every language has each kind of label, and each compiles as a whole word', () => {
  for (const [lang, labels] of Object.entries(BILL_LABELS)) {
    for (const kind of ['number', 'issue', 'due', 'total', 'untaxed', 'tax'] as const) assert.ok(labels[kind], `${lang} ${kind}`);
  }
  const number = new RegExp(billLabels('number'), 'iu');
  assert.ok(number.test('Číslo faktury: 5'));
  assert.ok(!number.test('Proformafakturanummer'), 'inside a longer word');
});

test('invoice numbers after the Czech, Finnish and French labels are read after an explicit number label', () => {
  for (const label of ['Číslo faktury:', 'Faktura č.', 'Faktura - daňový doklad č.', 'Laskun numero:', 'Laskun nro:', 'Numéro de la facture :', 'Número da fatura:']) {
    const got = numberAfter(label);
    assert.equal(got.value, '2024-0173', label);
    assert.ok(got.explain.winner?.why.includes('number-label'), label);
  }
});

test('Czech dates: issue "Datum vystavení", due "Datum splatnosti", DUZP is the taxable supply\'s date', () => {
  const d = extractDates(rowsAt([
    [[40, 'Acme s.r.o.']],
    [[330, 'DUZP: 10.03.2024']],
    [[330, 'Datum splatnosti: 28.03.2024']],
    [[330, 'Datum vystavení: 14.03.2024']],
  ]), 'DMY');
  assert.deepEqual([d.date.value, d.due_date.value], ['2024-03-14', '2024-03-28']);
  const e = extractDates(rowsAt([
    [[40, 'Acme s.r.o.']],
    [[330, 'Datum uskutečnění zdanitelného plnění: 02.03.2024']],
    [[330, 'Datum splatnosti: 28.03.2024']],
    [[330, 'Datum: 14.03.2024']],
  ]), 'DMY');
  assert.deepEqual([e.date.value, e.due_date.value], ['2024-03-14', '2024-03-28']);
});

test('Nordic and Finnish dates: "Fakturadato", "Forfaldsdato", "Laskun päiväys", "Leveransdatum"', () => {
  for (const [issue, due] of [['Fakturadato', 'Forfaldsdato'], ['Fakturadatum', 'Betalas senast'], ['Laskun päiväys', 'Eräpäivä'], ['Päivämäärä', 'Eräpäivä']]) {
    const d = extractDates(rowsAt([[[40, 'Acme']], [[330, `Leveransdatum: 02.03.2024`]], [[330, `${due}: 28.03.2024`]], [[330, `${issue}: 14.03.2024`]]]), 'DMY');
    assert.deepEqual([d.date.value, d.due_date.value], ['2024-03-14', '2024-03-28'], issue);
  }
});

test('totals under the labels of each language; the untaxed and the tax total are no bill total', () => {
  for (const label of ['Celkem k úhradě', 'K úhradě', 'Maksettava', 'Att betala', 'Beløb i alt', 'Å betale', 'Importo dovuto', 'Valor em dívida', 'Montant dû']) {
    assert.equal(totals(label).amount_total.value, 122, label);
  }
  // EN 16931's national renderings (XRechnung, Factur-X) and a language's abbreviation or compound of its words
  for (const label of ['Zahlbetrag', 'Montant à payer', 'Tot. documento', 'Factuurtotaal', 'Rekeningbedrag']) {
    assert.equal(totals(label).amount_total.value, 122, label);
  }
  const fr = totals('Montant total TTC', [['Montant total hors TVA', '100,00'], ['Montant total de TVA', '22,00']]);
  assert.deepEqual([fr.amount_total.value, fr.amount_untaxed.value, fr.amount_tax.value], [122, 100, 22]);
  const de = totals('Gesamtbetrag', [['Gesamtbetrag ohne Umsatzsteuer', '100,00'], ['Summe Umsatzsteuer', '22,00']]);
  assert.deepEqual([de.amount_total.value, de.amount_untaxed.value, de.amount_tax.value], [122, 100, 22]);
  const cs = totals('Celkem', [['Celkem bez DPH', '100,00'], ['Celkem DPH', '22,00']]);
  assert.deepEqual([cs.amount_total.value, cs.amount_untaxed.value, cs.amount_tax.value], [122, 100, 22]);
  const sv = totals('Totalt', [['Summa exkl. moms', '100,00'], ['Momsbelopp', '22,00']]);
  assert.deepEqual([sv.amount_total.value, sv.amount_untaxed.value, sv.amount_tax.value], [122, 100, 22]);
  const fi = totals('Yhteensä', [['Veroton summa', '100,00'], ['ALV 22 %', '22,00']]);
  assert.deepEqual([fi.amount_total.value, fi.amount_untaxed.value, fi.amount_tax.value], [122, 100, 22]);
});

test('label words that are also words of running text label only where they open the line (review)', () => {
  const total = new RegExp(billLabels('total'), 'iu');
  assert.equal(total.test('Vi beder dig at betale 100,00 inden fristen'), false, 'Danish "to pay" inside a sentence');
  assert.equal(total.test('Husk å betale innen fristen'), false, 'Norwegian "to pay" inside a sentence');
  assert.ok(total.test('At betale') && total.test('Beløb at betale') && total.test('Å betale') && total.test('Sum å betale'));
  assert.equal(total.test('Montant du acompte versé'), false, 'French "amount of the …" is no amount due');
  assert.ok(total.test('Montant dû'));
  const tax = new RegExp(TAX_WORD_NORDIC_CS, 'iu');
  assert.equal(tax.test('Happy Moms Bakery'), false);
  assert.ok(tax.test('Moms 25%') && tax.test('ALV 24 %') && tax.test('DPH'));
  const date = new RegExp(DATE_WORD_NORDIC_CS, 'iu');
  assert.equal(date.test('Il dato 12/03/2024'), false, 'Italian "datum"');
  assert.ok(date.test('Dato: 12.03.2024'));
});

test('a deposit paid under "Montant du acompte" is not the total', () => {
  const t = extractTotals(rowsAt([
    [[40, 'Widget A'], [470, '600,00']],
    [[40, 'Widget B'], [470, '600,00']],
    [[300, 'Total TTC'], [470, '1200,00']],
    [[300, 'Montant du acompte versé'], [470, '300,00']],
  ]), { decimal: ',' });
  assert.equal(t.amount_total.value, 1200);
});

test('a due date under a compound ending in the due word or a glued field name ("Zahlungsfälligkeit", "InvoiceDueDate") is the due date', () => {
  for (const [issue, due] of [['Rechnungsdatum', 'Zahlungsfälligkeit'], ['Rechnungsdatum', 'zahlungsfällig am'], ['Data fattura', 'DataScadenza'], ['Invoice date', 'InvoiceDueDate'], ['Arve kuupäev', 'Tasumistähtaeg']]) {
    const d = extractDates(rowsAt([[[40, 'Acme']], [[330, `${issue}: 14.03.2024`]], [[40, 'Lieferung 02.03.2024']], [[330, `${due}: 28.03.2024`]]]), 'DMY');
    assert.equal(d.due_date.value, '2024-03-28', due);
  }
  const due = new RegExp(billLabels('due'), 'iu');
  assert.ok(!due.test('Auffälligkeiten'), 'a word with the due word inside but no compound of it');
});

test('a total under a compound of the invoice sum ("Gesamtrechnungssumme") is the total; a net one is not', () => {
  assert.equal(totals('Gesamtrechnungssumme').amount_total.value, 122);
  const total = new RegExp(billLabels('total'), 'iu');
  assert.ok(!total.test('Nettorechnungssumme'));
});

test('Hungarian, Romanian, Slovak, Slovenian and Croatian invoice numbers are read after an explicit number label', () => {
  for (const label of ['Számla sorszáma:', 'Număr factură:', 'Nr. factură', 'Factura fiscală nr.', 'Číslo faktúry:', 'Faktúra č.', 'Številka računa:', 'Račun št.', 'Broj računa:', 'Račun br.']) {
    const got = numberAfter(label);
    assert.equal(got.value, '2024-0173', label);
    assert.ok(got.explain.winner?.why.includes('number-label'), label);
  }
  // a Hungarian bank account's number ("Számlaszám") is no invoice number's label
  assert.equal(new RegExp(billLabels('number'), 'iu').test('Számlaszám: 11773016-01234567'), false);
});

test('Hungarian, Romanian, Slovak, Slovenian and Croatian totals, untaxed totals and taxes', () => {
  for (const label of ['Fizetendő összeg', 'Bruttó végösszeg', 'Total de plată', 'Celkom k úhrade', 'Skupaj za plačilo', 'Za plačilo', 'Ukupno za plaćanje', 'Za platiti']) {
    assert.equal(totals(label).amount_total.value, 122, label);
  }
  for (const [total, untaxed, tax] of [['Fizetendő', 'Nettó összeg', 'ÁFA összeg'], ['Total de plată', 'Total fără TVA', 'Valoare TVA'], ['Suma na úhradu', 'Celkom bez DPH', 'DPH celkom'], ['Znesek za plačilo', 'Skupaj brez DDV', 'Znesek DDV'], ['Iznos za plaćanje', 'Iznos bez PDV-a', 'Iznos PDV-a']]) {
    const t = totals(total, [[untaxed, '100,00'], [tax, '22,00']]);
    assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [122, 100, 22], total);
  }
  const total = new RegExp(billLabels('total'), 'iu');
  assert.equal(total.test('Prosimo, da znesek nakažete za plačilo računa'), false, 'Slovenian "to pay" inside a sentence');
});

test('Hungarian, Romanian, Slovak, Slovenian and Croatian dates: the supply date is another kind, the due date its own', () => {
  for (const [issue, other, due] of [['Számla kelte', 'Teljesítés dátuma', 'Fizetési határidő'], ['Data emiterii', 'Data livrării', 'Data scadenței'], ['Dátum vystavenia', 'Dátum dodania', 'Dátum splatnosti'], ['Datum izdaje', 'Datum opravljene storitve', 'Rok plačila'], ['Datum izdavanja', 'Datum isporuke', 'Valuta plaćanja']]) {
    const d = extractDates(rowsAt([[[40, 'Acme']], [[330, `${other}: 02.03.2024`]], [[330, `${due}: 28.03.2024`]], [[330, `${issue}: 14.03.2024`]]]), 'DMY');
    assert.deepEqual([d.date.value, d.due_date.value], ['2024-03-14', '2024-03-28'], issue);
  }
});

test('a bank account\'s labels are no invoice number\'s: "Számla száma", "Žiro račun br.", "Poslovni račun št."', () => {
  const number = new RegExp(billLabels('number'), 'iu');
  for (const line of ['Kedvezményezett számla száma: 11773016-01234567-00000000', 'Žiro račun br. 2360000-1101234567', 'Plaćanje na račun broj 2360000-1101234567', 'Poslovni račun št.: 0201-0001234567', 'Transakcijski račun št. 0201-0001234567']) {
    assert.equal(number.test(line), false, line);
  }
  for (const line of ['Számla sorszáma: 2024-0173', 'Račun br. 17-1-1', 'Račun št. 2024-0173']) assert.ok(number.test(line), line);
});

test('a bare Hungarian "kelte" dates any paper (an order\'s, a contract\'s): only "Számla kelte" / "Kiállítás kelte" is the issue date', () => {
  const issue = new RegExp(billLabels('issue'), 'iu');
  for (const line of ['Megrendelés kelte: 2024.03.01', 'Szerződés kelte: 2023.01.10']) assert.equal(issue.test(line), false, line);
  for (const line of ['Számla kelte: 2024.03.14', 'Kiállítás kelte: 2024.03.14']) assert.ok(issue.test(line), line);
});

test('"Ukupan iznos" and "Celková suma" label the total, with the words that name it, but not a fee\'s or a discount\'s', () => {
  // (under a bare "Ukupno" / "Celkom", labels as weak as a bare "Total")
  for (const [label, line] of [['Ukupno', 'Ukupan iznos naknade'], ['Ukupno', 'Ukupan iznos popusta'], ['Celkom', 'Celková suma zľavy']]) {
    assert.notEqual(totals(label, [[line, '5,00']]).amount_total?.value, 5, line);
  }
  for (const label of ['Ukupan iznos', 'Ukupan iznos:', 'Celková suma']) assert.equal(totals(label).amount_total.value, 122, label);
  // the total's own longer labels (review, 2026-12-08: "no word after it" had refused them)
  const plain = totals('Ukupan iznos').amount_total.confidence;
  for (const label of ['Ukupan iznos računa', 'Ukupan iznos s PDV-om', 'Celková suma s DPH', 'Celková suma: EUR']) {
    assert.equal(totals(label).amount_total.value, 122, label);
    assert.equal(totals(label).amount_total.confidence, plain, label);
  }
});
