// Label words from a general source, not from documents (issue #13, #14): the words Odoo's account module prints on its
// invoices in each language and EN16931's business-term names (words.ts BILL_LABELS, PAYMENT_DUE_BY, BUYER_ROLE_WORDS,
// SELLER_ROLE_WORDS, ORDER_REFERENCE, ET_*). Made-up rows, none copied from a fixture; each label here was missed
// before it was added.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { BUYER_HEADER_RE, rowRoles, SELLER_HEADER_RE } from '../../../src/pipeline/extract/blocks.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber, extractPoNumber } from '../../../src/pipeline/extract/references.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { cleanName, extractVendor, isNameLike, LEGAL_FORM_RE } from '../../../src/pipeline/extract/vendor.js';
import { docFromCells } from './helpers.js';

const docAt = (rows: [number, string][][]): ReadDocument =>
  docFromCells(rows.map((cells) => cells.map(([x0, text]): [string, number, number] => [text, x0, x0 + text.length * 5])));
const rowsAt = (rows: [number, string][][]) => buildRows(docAt(rows));

/** The total after its label, two item lines above it and a larger figure under it (an account's), so that only the
 * label tells the total. */
function totalAfter(label: string, decimal: ',' | '.'): number | null {
  const amt = (n: number) => (decimal === ',' ? n.toFixed(2).replace('.', ',') : n.toFixed(2));
  return extractTotals(rowsAt([
    [[40, 'Widget A'], [470, amt(60)]],
    [[40, 'Widget B'], [470, amt(62)]],
    [[300, label], [470, amt(122)]],
    [[40, 'Ref 4455'], [470, amt(5000)]],
  ]), { decimal }).amount_total.value;
}

/** The due date after its label, under the issue date's. */
function dueAfter(issueLabel: string, dueLabel: string) {
  return extractDates(rowsAt([[[40, 'Acme Works']], [[330, `${issueLabel}: 14.03.2024`]], [[330, `${dueLabel}: 28.03.2024`]]]), 'DMY');
}

const poAfter = (label: string) => extractPoNumber(rowsAt([[[40, 'Acme Works'], [330, `${label}: 4500012345`]]])).value;

test('Estonian bills: "Arve nr", "Kuupäev", "Tähtaeg", "Kokku", "Klient", "Müüja"', () => {
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Arve nr 1615']], [[40, 'Klient'], [330, 'Kuupäev: 17.04.2026']]])).value, '1615');
  // the title alone before the number, in its cell or the next
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Arve saaja:'], [285, 'Arve'], [400, '7008605']]])).value, '7008605');
  for (const due of ['Maksetähtaeg', 'Tähtaeg', 'Maksta hiljemalt']) {
    const d = dueAfter('Kuupäev', due);
    assert.deepEqual([d.date.value, d.due_date.value], ['2024-03-14', '2024-03-28'], due);
  }
  // "Dok kpv" is the document's date; a stay's arrival ("Saabumine") is another date
  assert.equal(extractDates(rowsAt([[[40, 'Saabumine'], [200, '15.06.2026']], [[40, 'Dok kpv'], [200, '19.06.2026']]]), 'DMY').date.value, '2026-06-19');
  for (const label of ['Kokku', 'Summa kokku', 'Arve kokku', 'Tasuda', 'Tasumisele kuulub', 'Summa KM-ga']) assert.equal(totalAfter(label, ','), 122, label);
  // the tax's total and the amount without it are no bill total
  const t = extractTotals(rowsAt([
    [[40, 'Teenus'], [470, '100,00']],
    [[300, 'Summa käibemaksuta'], [470, '100,00']],
    [[300, 'Käibemaks 22%'], [470, '22,00']],
    [[300, 'Käibemaks kokku'], [470, '22,00']],
    [[300, 'Kokku EUR'], [470, '122,00']],
  ]), { decimal: ',' });
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [122, 100, 22]);
  for (const buyer of ['Klient', 'Ostja', 'Maksja', 'Arve saaja']) assert.ok(BUYER_HEADER_RE.test(buyer), buyer);
  for (const seller of ['Müüja:', 'Tarnija:']) assert.ok(SELLER_HEADER_RE.test(seller), seller);
  assert.equal(poAfter('Tellimuse nr'), '4500012345');
  assert.ok(LEGAL_FORM_RE.test('Meeltemaitsed OÜ'));
  // "KM" alone is a kilometre as often as the tax: only before a rate is it the tax
  assert.equal(extractTotals(rowsAt([[[40, 'Tallinna mnt KM 12'], [470, '5,00']], [[300, 'Kokku'], [470, '5,00']]]), { decimal: ',' }).amount_tax.value, null);
});

test('Polish parties and order: "Nabywca", "Sprzedawca", "Nr zamówienia"; the amount due "Należność"', () => {
  for (const buyer of ['Nabywca', 'Odbiorca', 'Płatnik']) assert.ok(BUYER_HEADER_RE.test(buyer), buyer);
  for (const seller of ['Sprzedawca:', 'Wystawca:']) assert.ok(SELLER_HEADER_RE.test(seller), seller);
  assert.equal(poAfter('Nr zamówienia'), '4500012345');
  assert.equal(totalAfter('Należność', ','), 122);
  assert.ok(LEGAL_FORM_RE.test('Stolarz Kowal sp. z o.o.'));
});

test('English: "Payment due date" and "Due by" are due dates; "Invoice ref.", "Invoice amount", "Buyer reference", "Bill from"', () => {
  for (const due of ['Payment due date', 'Due by']) assert.equal(dueAfter('Invoice date', due).due_date.value, '2024-03-28', due);
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Acme Works'], [330, 'Invoice ref. K-2024-815']]])).value, 'K-2024-815');
  assert.equal(totalAfter('Invoice amount', '.'), 122);
  assert.equal(poAfter('Buyer reference'), '4500012345');
  assert.ok(SELLER_HEADER_RE.test('Bill from:'));
});

test('German: "Zahlungsfrist", "Fälliger Betrag", "Rechnungssumme", "Auftraggeber", "Auftragnehmer", "Käuferreferenz"', () => {
  assert.equal(dueAfter('Rechnungsdatum', 'Zahlungsfrist').due_date.value, '2024-03-28');
  for (const label of ['Fälliger Betrag', 'Rechnungssumme']) assert.equal(totalAfter(label, ','), 122, label);
  for (const buyer of ['Auftraggeber', 'Besteller']) assert.ok(BUYER_HEADER_RE.test(buyer), buyer);
  assert.ok(SELLER_HEADER_RE.test('Auftragnehmer:'));
  assert.equal(poAfter('Käuferreferenz'), '4500012345');
});

test('French: "Facturé à" and "Facturer à" head the buyer ("à" ends no ASCII word), "Date limite de paiement", "N° de commande"', () => {
  for (const buyer of ['Facturé à', 'Facturer à :', 'Livré à']) assert.ok(BUYER_HEADER_RE.test(buyer), buyer);
  for (const due of ['Date limite de paiement', 'Payable avant']) assert.equal(dueAfter('Date de facture', due).due_date.value, '2024-03-28', due);
  assert.equal(poAfter('N° de commande'), '4500012345');
  assert.equal(poAfter('Numéro de commande'), '4500012345');
});

test('Italian: "Nr. documento", "Da pagare entro", "Importo dovuto", "Acquirente", "Venditore", "Numero ordine"', () => {
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Acme Works'], [330, 'Nr. documento'], [450, 'K-2024-815']]])).value, 'K-2024-815');
  assert.equal(dueAfter('Data fattura', 'Da pagare entro').due_date.value, '2024-03-28');
  assert.equal(totalAfter('Importo dovuto', ','), 122);
  assert.ok(BUYER_HEADER_RE.test('Acquirente'));
  assert.ok(SELLER_HEADER_RE.test('Venditore:'));
  for (const po of ['Numero ordine', 'Riferimento ordine', 'Vs. ordine']) assert.equal(poAfter(po), '4500012345', po);
});

test('Spanish, Dutch, Portuguese: due-date, amount-due, party and order words', () => {
  assert.equal(dueAfter('Fecha de factura', 'Fecha límite de pago').due_date.value, '2024-03-28');
  assert.equal(dueAfter('Factuurdatum', 'Betalen voor').due_date.value, '2024-03-28');
  for (const due of ['Vencimento', 'Data limite de pagamento']) assert.equal(dueAfter('Data da fatura', due).due_date.value, '2024-03-28', due);
  assert.equal(totalAfter('Openstaand bedrag', ','), 122);
  assert.equal(totalAfter('Valor em dívida', ','), 122);
  for (const buyer of ['Comprador', 'Adquiriente', 'Debiteur']) assert.ok(BUYER_HEADER_RE.test(buyer), buyer);
  assert.ok(SELLER_HEADER_RE.test('Prestador:'));
  for (const po of ['Su referencia', 'Inkoopordernummer', 'Requisição']) assert.equal(poAfter(po), '4500012345', po);
});

test('a buyer header heads the rows under it, not a row whose first cell stands wholly to its left', () => {
  const roles = rowRoles(rowsAt([
    [[285, 'Facturé à 008278']],
    [[22, 'EKIBOO SAS au capital de 10000 EUR'], [567, 'CHEZ MARTIN']],
    [[300, 'CHEZ MARTIN - GRAP']],
  ]));
  assert.deepEqual(roles, ['buyer', null, 'buyer']);
});

test('a caption over a label column heads the labels too: a bare label whose value stands under the header is the block\'s', () => {
  const roles = rowRoles(rowsAt([
    [[111, 'Customer Detail'], [221, 'Invoice No.']],
    [[35, 'M/S'], [84, 'Shiv Engineering'], [223, 'Challan No']],
    [[35, 'GSTIN'], [92, '32AABBA7890B1ZB']],
    [[35, 'Place of'], [79, 'Kerala ( 32 )']],
    [[35, 'Supply']],
    [[35, 'EKIBOO SAS au capital de 10000 EUR'], [120, 'CHEZ MARTIN']],
  ]));
  // the label column's rows are the buyer's; a long text at its x that is no label still reads as the column's
  assert.deepEqual(roles.slice(0, 5), ['buyer', 'buyer', 'buyer', 'buyer', 'buyer']);
  // no label column: a first cell left of the header is another column's, its value under the header or not
  const other = rowRoles(rowsAt([[[111, 'Customer Detail']], [[35, 'Tel 0475'], [120, '9878789878']], [[35, 'Supply']]]));
  assert.deepEqual(other, ['buyer', null, null]);
});

test('a number\'s label is no name, nor an address line closed by its suite number', () => {
  for (const label of ['Challan No', 'Order Nr.', 'Docket N°']) assert.equal(isNameLike(cleanName(label)), false, label);
  assert.equal(isNameLike('Ref #'), false);
  assert.equal(isNameLike(cleanName('Branch Tax # : 3790016')), false);
  assert.equal(isNameLike('Two Westbrook Corporate Center Suite 500'), false);
  assert.equal(isNameLike('Gujarat Freight Tools'), true);
  assert.equal(isNameLike(cleanName('ASIA MART #7')), true);
});

test('rows shared by the issuer\'s block (left) and a buyer heading\'s column (right): the column says whose each cell is', () => {
  // "Bill to:" alone on its row over the right half; the seller's name, street, town and VAT id run down the left margin
  // on the same rows as the customer's: the customer's name is never the vendor, the issuer's is
  const rows = rowsAt([
    [[285, 'Bill to:']],
    [[22, 'Acme Widgets Ltd'], [300, 'Martin Trading Ltd']],
    [[22, '12 High Street'], [300, '5 Church Road']],
    [[22, 'London SW1A 1AA'], [300, 'Leeds LS1 4AB']],
    [[22, 'VAT GB980780684'], [300, 'VAT GB123456782']],
    [[22, 'Invoice 2024-001']],
  ]);
  const v = extractVendor(rows);
  assert.equal(v.vendor_name.value, 'Acme Widgets Ltd');
  assert.equal(v.vendor_vat.value, 'GB980780684');
});

test('Estonia\'s title "Arve" opens its cell; inside a line it may be a Norwegian person ("Vår referanse: Arve 4455")', () => {
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Meeltemaitsed OÜ']], [[40, 'ARVE 7008605']], [[40, 'Kuupäev 12.03.2024']]])).value, '7008605');
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Nordic Tools AS']], [[40, 'Kvittering']], [[40, 'Vår referanse: Arve 4455']], [[40, 'Dato 12.03.2024']]])).value, null);
});
