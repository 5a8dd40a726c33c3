// European till slips (issue #13, German, Spanish, Italian, French, Dutch and Portuguese tills): each test pins one
// rule on a few synthetic lines laid out as OCR reads till print, and fails without it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyDocument } from '../../../src/pipeline/extract/classify.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { findDates } from '../../../src/pipeline/extract/dates.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { extractTotals, paidAmounts } from '../../../src/pipeline/extract/totals.js';
import { CASH_WORDS, CHANGE_LINE_RE } from '../../../src/pipeline/extract/words.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const totalOf = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: ',', isReceipt: true }).amount_total.value;
const typeOf = (lines: string[]) => classifyDocument(rowsOf(lines)).value;

test('"to pay" on its own labels the total in each language: "A PAYER", "A ABONAR", "Da pagare", "Zu zahlen"', () => {
  assert.equal(totalOf(['BAGUETTE  |  1,20', 'CROISSANT x2  |  2,40', 'A PAYER  |  3,60', 'ESPECES  |  5,00', 'RENDU  |  1,40']), 3.6);
  assert.equal(totalOf(['1 PAN  |  0,58', '1 LECHE  |  1,15', 'A ABONAR  |  1,73', 'Tarj. Credito  |  1,73']), 1.73);
  assert.equal(totalOf(['CAFFE  |  1,20', 'CORNETTO  |  1,30', 'Da pagare  |  2,50']), 2.5);
  assert.equal(totalOf(['Brötchen  |  0,45', 'Kaffee  |  2,10', 'Zu zahlen  |  2,55']), 2.55);
  // ... after another letter it is no label ("para pagar", to be paid: a card's minimum is not the total)
  const t = extractTotals(rowsOf(['Cafe  |  1,20', 'Tostada  |  2,40', 'Minimo para pagar con tarjeta  |  5,00']), { decimal: ',', isReceipt: true });
  assert.ok(!t.explain.amount_total.winner?.why.some((w) => w.startsWith('total:')));
});

test('German debit cards\' payment lines ("EC-Cash", "EC Karte", "electronic cash", "V PAY") are what was paid', () => {
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  12,49', 'EC-Cash  |  12,49']), ','), [12.49]);
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  12,49', 'EC Karte  |  12,49']), ','), [12.49]);
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  12,49', 'V PAY  |  12,49']), ','), [12.49]);
  // France's "CB" (carte bancaire) heading a payment line
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL TTC  |  23,50', 'CB  |  23,50']), ','), [23.5]);
});

test('Belgium\'s debit card ("Bancontact") heads a payment line: what it paid is the total when the total\'s line is unreadable', () => {
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL  |  10,20 EUR', 'Bancontact  |  10,20 EUR']), ','), [10.2]);
  // the total's label lost to OCR ("tot 1"), an item priced 1,50 above: the card's payment is the total
  assert.equal(totalOf(['THE ART 1  |  1,50', 'PLAT DU JOUR  |  5,90', 'tot 1  |  10,20 EUR', 'Bancontact  |  10, 20 EUR', 'A Rendre:  |  0,00 EUR']), 10.2);
});

test('cash and change under the words tills print them: "Entregado", "Numerário", "Rueckgeld"', () => {
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL  |  12,40', 'Entregado  |  20,00', 'Cambio  |  7,60']), ','), [12.4]);
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL A PAGAR  |  12,40', 'Numerário  |  20,00', 'Troco  |  7,60']), ','), [12.4]);
  // a till without umlauts: "Rueckgeld"
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  15,95', 'BAR  |  20,00', 'Rueckgeld EUR  |  4,05']), ','), [15.95]);
});

test('the lines of a German till\'s security device (TSE, KassenSichV) make a till slip', () => {
  assert.equal(typeOf(['Musterladen', 'Hauptstr. 1', 'TSE-Signatur: Dn2WrORiFXrgecyncdi', 'TSE-Transaktion: 2138055', 'TSE-Seriennummer: 4a3f9c0e']), 'receipt');
});

test('an untitled slip that sums up under "to pay" or a total word OCR misread beside its currency is a till slip', () => {
  assert.equal(typeOf(['Boulangerie du Centre', 'A PAYER 4,20']), 'receipt');
  assert.equal(typeOf(['RESTAURANTE', 'MOQUECA CAPIXABA 1UN', 'IOTAL R$', '89,00']), 'receipt');
});

test('a date glued to the time of sale ("07.08.202514:22": OCR lost the space) is read', () => {
  assert.deepEqual(findDates('Datum 07.08.202514:22', 'DMY').map((d) => d.iso), ['2025-08-07']);
  assert.deepEqual(findDates('28/10/202518:40 715221', 'DMY').map((d) => d.iso), ['2025-10-28']);
  // a longer run of digits is no year and time
  assert.deepEqual(findDates('07.08.20251422', 'DMY').map((d) => d.iso), []);
});

test('a photo whose reading tells nothing (no title, no bill line, no sum) is taken for a till slip, with little confidence', () => {
  const debris = ['Musterladen', 'Hauptstr. 1', '12345 Musterstadt', 'ÖHTHOHHHK SS', '>>>5>5>>5>>> =', 'NDRANwT'];
  const photo = classifyDocument(rowsOf(debris), null, [], { photo: true });
  assert.equal(photo.value, 'receipt');
  assert.ok(photo.confidence <= 0.35);
  // a scan (PDF, TIFF) keeps the unknown type, and so does a photo that prints a line only a bill prints
  assert.equal(classifyDocument(rowsOf(debris)).value, 'other');
  assert.equal(classifyDocument(rowsOf([...debris, 'IBAN DE89 3704 0044 0532 0130 00']), null, [], { photo: true }).value, 'other');
});

test('a photo OCR read nothing on is typed as one read as debris; an empty scan is not typed', async () => {
  const blank = (kind: 'jpeg' | 'pdf') => {
    const doc = docFromLines([]);
    return { ...doc, kind, text: '', pages: doc.pages.map((p) => ({ ...p, source: 'ocr' as const, text: '', lines: [] })) };
  };
  assert.equal((await extractFields(blank('jpeg'))).fields.doc_type.value, 'receipt');
  assert.equal((await extractFields(blank('pdf'))).fields.doc_type.value, null);
});

test('the words stay within what a till means by them: "Entregado a:" is a delivery, "Cambios y devoluciones" a return policy, "Tse" a name', () => {
  assert.ok(!CHANGE_LINE_RE.test('Cambios y devoluciones en 30 dias'));
  assert.ok(CHANGE_LINE_RE.test('Changes RM 50.00'));
  assert.ok(!new RegExp(`^(?:${CASH_WORDS})`, 'i').test('Entregado a: Juan Perez'));
  assert.ok(new RegExp(`^(?:${CASH_WORDS})`, 'i').test('Entregado 20,00'));
  assert.notEqual(typeOf(['Tse & Partners Ltd', '12 Queen Street', 'Invoice', 'Bill to: ACME Ltd', 'Due date 30.06.2025', 'Total  |  1.200,00']), 'receipt');
});

test('the cash handed over under no cash word is the line above the change: tendered − change is paid when a printed amount says so', () => {
  assert.deepEqual(paidAmounts(rowsOf(['Zwischensumme EUR  |  15,95', 'EURO  |  20,00', 'Rückgeld EUR  |  4,05']), ','), [15.95]);
  // no amount above it is tendered − change: no payment read
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  12,00', 'EURO  |  20,00', 'Rückgeld EUR  |  4,05']), ','), []);
  // a card's line above the change hands over no cash
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  15,95', 'Kartenzahlung  |  20,00', 'Rückgeld EUR  |  4,05']), ','), [20]);
  // the total's own line over the change is no tender, and an item's price is not the sum owed that says so
  assert.deepEqual(paidAmounts(rowsOf(['Brot  |  2,00', 'Milch  |  4,00', 'Summe  |  6,00', 'Rückgeld  |  4,00']), ','), []);
});

test('a voucher or gift card handed over at the till pays part of the total, as a prepayment: the total is the sum before it', () => {
  assert.equal(totalOf(['Total 6 articles  |  13,88', 'Bon immédiat  |  0,99', 'Reste à payer  |  12,89', 'CB  |  12,89']), 13.88);
  assert.equal(totalOf(['SUMME EUR  |  25,00', 'Gutschein  |  10,00', 'Zu zahlen  |  15,00', 'EC-Karte  |  15,00']), 25);
  // no voucher: what is to pay is the total
  assert.equal(totalOf(['Zwischensumme  |  25,00', 'Zu zahlen  |  25,00', 'EC-Karte  |  25,00']), 25);
  // a discount coupon lowers what is owed: no payment, the total is what the card paid
  assert.equal(totalOf(['Total  |  13,88', 'Bon de réduction  |  2,00', 'Net à payer  |  11,88', 'CB  |  11,88']), 11.88);
  assert.equal(totalOf(['SUMME EUR  |  25,00', 'Rabattgutschein  |  5,00', 'Zu zahlen  |  20,00', 'EC-Karte  |  20,00']), 20);
});

const partsOf = (lines: string[]) => {
  const t = extractTotals(rowsOf(lines), { decimal: ',', isReceipt: true });
  return [t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value];
};

test('a tax table\'s sum row that names its tax first ("MwSt Total", "IVA Total") adds up: net and tax are its parts', () => {
  // two rate rows whose gross amounts also add up to the total: the sum row, not the gross column, holds the parts
  const table = ['SEIFE  |  1,19 A', 'CREME  |  2,04 B', 'SUMME  |  3,23', 'MwSt  |  Netto  |  MwSt  |  Brutto', 'A 19%  |  1,00  |  0,19  |  1,19', 'B 7%  |  1,91  |  0,13  |  2,04'];
  assert.deepEqual(partsOf([...table, 'MwSt Total  |  2,91  |  0,32  |  3,23']), [3.23, 2.91, 0.32]);
  assert.deepEqual(partsOf([...table, 'IVA Total  |  2,91  |  0,32  |  3,23']), [3.23, 2.91, 0.32]);
});

test('a tax table\'s sum row of two amounts (tax, gross) is its tax and total when the columns above add up to them', () => {
  const table = ['BROT  |  10,88', 'OBST  |  6,18', 'zu zahlen  |  17,06', 'Kreditkarte  |  17,06', 'MWST%  |  MWST  |  Netto  |  Brutto', 'A 7%  |  0,71  |  10,17  |  10,88', 'B 19%  |  0,99  |  5,19  |  6,18'];
  assert.deepEqual(partsOf([...table, 'Summe  |  1,70  |  17,06']), [17.06, 15.36, 1.7]);
  // a two-amount total row whose amounts the rows above do not make up tells nothing of the parts
  assert.notEqual(partsOf([...table.slice(0, 4), 'Summe  |  1,70  |  17,06'])[2], 1.7);
});

test('a two-amount sum row under item rows with a quantity or hours column is no tax table: no tax, no untaxed amount', () => {
  const t = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: ',', isReceipt: true });
  const qty = t(['Artikel  |  Menge  |  Betrag', 'Widget  |  1,00  |  10,00', 'Gadget  |  1,00  |  10,00', 'Summe  |  2,00  |  20,00']);
  assert.equal(qty.amount_tax.value, null);
  assert.equal(qty.amount_untaxed.value, null);
  const hours = t(['Leistung  |  Stunden  |  Betrag', 'Beratung  |  3,00  |  240,00', 'Support  |  2,00  |  160,00', 'Total  |  5,00  |  400,00']);
  assert.equal(hours.amount_tax.value, null);
  assert.equal(hours.amount_untaxed.value, null);
});

test('a till\'s date stamp with its first separator lost ("2105/2022 21:57") or a year digit read as its look-alike ("17-05-?022 13:28") is read by the time after it', () => {
  const dateOf = (lines: string[]) => extractDates(rowsOf(lines), 'DMY', '2026-12-01').date.value;
  assert.equal(dateOf(['CAFE DEL PUERTO', '9  |  2105/2022 21:57', 'Total  |  35,00']), '2022-05-21');
  assert.equal(dateOf(['SUPERMERCADO', '17-05-?022 13:28 01081', 'TOTAL  |  0,70']), '2022-05-17');
  // without the time of sale after it, a number over a year is no date ("Ticket 2105/2022")
  assert.equal(dateOf(['CAFE DEL PUERTO', 'Ticket 2105/2022', 'Total  |  35,00']), null);
});

test('a tax table\'s rate rows that each add up (net + tax = gross) and whose gross column makes the total give the untaxed amount and the tax', () => {
  // the gross column (2,80 + 3,60) adds up to the total as well: the rows' arithmetic says which amounts are parts
  const slip = ['1 CAFE CREME  |  3,60 A', '1 CROISSANT  |  2,80 B', 'Total (EURO)  |  6,40', 'BANCONTACT  |  -6,40', '% TVA  |  Excl  |  TVA  |  Incl'];
  assert.deepEqual(partsOf([...slip, 'B  12  |  2,50  |  0,30  |  2,80', 'A  21  |  2,98  |  0,62  |  3,60']), [6.4, 5.48, 0.92]);
  // ... also above a sum row under a label the rules do not know
  assert.deepEqual(partsOf([...slip, 'B  12  |  2,50  |  0,30  |  2,80', 'A  21  |  2,98  |  0,62  |  3,60', 'Gesamtbetrag  |  5,48  |  0,92  |  6,40']), [6.4, 5.48, 0.92]);
  // rows whose gross amounts do not make a total read are no tax table of this slip
  assert.notDeepEqual(partsOf([...slip.slice(0, 2), 'Total (EURO)  |  7,40', '% TVA  |  Excl  |  TVA  |  Incl', 'B  12  |  2,50  |  0,30  |  2,80', 'A  21  |  2,98  |  0,62  |  3,60']).slice(1), [5.48, 0.92]);
});

test('a till slip\'s own number follows its receipt-number label: "Bon-Nr.", "Scontrino n.", "N.º talão", "Ticket #", "Nº ticket", "Număr bon"', () => {
  const numberOf = (lines: string[]) => extractInvoiceNumber(rowsOf(lines), { tillSlip: true }).value;
  assert.equal(numberOf(['SUMME  |  3,00', 'Bonnummer  |  0815']), '0815');
  assert.equal(numberOf(['TOTALE  |  5,00', 'Scontrino n. 0305-0001']), '0305-0001');
  assert.equal(numberOf(['N.º talão 4455', 'TOTAL  |  2,00']), '4455');
  assert.equal(numberOf(['PARKING', 'Ticket #: 00005883']), '00005883');
  assert.equal(numberOf(['Nº ticket: 2231-014-55', 'TOTAL  |  4,00']), '2231-014-55');
  assert.equal(numberOf(['TOTAL  |  5,00', 'NUMAR BON:  |  1081-00024']), '1081-00024');
  // "no" is no number sign before a word ("this ticket is not valid as an invoice"), nor is an order's "Bon de commande n°"
  assert.equal(numberOf(['Este ticket no es valido como factura', 'TOTAL  |  4,00']), null);
  assert.equal(numberOf(['Bon de commande n° 5512']), null);
  // an invoice's own number label outranks a support ticket's it quotes
  assert.equal(numberOf(['Invoice No. INV-2024-118', 'Support ticket #4521']), 'INV-2024-118');
});

test('a receipt-number label counts on a till slip only, and below a title\'s own number', async () => {
  const numberOf = async (lines: string[], kind: 'pdf' | 'jpeg' = 'jpeg') => {
    const d = docFromLines(lines);
    const doc = { ...d, kind, pages: d.pages.map((p) => ({ ...p, source: kind === 'jpeg' ? ('ocr' as const) : p.source })) };
    return (await extractFields(doc)).fields.invoice_number.value;
  };
  // a simplified invoice's series number is the legal number; the slip's ticket or talão count is the till's
  assert.equal(await numberOf(['SUPERMERCADO LUNA SL', 'CIF B12345678', 'FACTURA SIMPLIFICADA FS25-004512', 'Ticket nº: 4455', 'PAN  |  1,20', 'TOTAL  |  1,20', 'Tarjeta  |  1,20']), 'FS25-004512');
  assert.equal(await numberOf(['PASTELARIA BELEM', 'NIF 501234567', 'Fatura Simplificada FS 0489/040546', 'Talão n.º 7788', 'PASTEL  |  1,20', 'TOTAL  |  1,20']), 'FS 0489/040546');
  // an invoice quotes the support ticket it bills
  assert.equal(await numberOf(['ACME IT Ltd', '1 High St, London', 'VAT GB123456789', 'INVOICE INV-2024-118', 'Date 03/02/2025', 'Remote support re Ticket #4521  |  100.00', 'Subtotal  |  100.00', 'VAT 20%  |  20.00', 'Total  |  120.00'], 'pdf'), 'INV-2024-118');
  assert.equal(await numberOf(['ACME IT GmbH', 'Hauptstr. 1, 10115 Berlin', 'USt-IdNr. DE123456789', 'RECHNUNG 2024-118', 'Datum 03.02.2025', 'Leistung: Support Ticket #4521, Fernwartung  |  100,00', 'Netto  |  100,00', 'MwSt 19%  |  19,00', 'Gesamt  |  119,00'], 'pdf'), '2024-118');
  assert.equal(await numberOf(['Helpdesk Services BV', 'Amsterdam', 'BTW NL123456789B01', 'FACTUUR 2024-118', 'Datum 03-02-2025', 'Werkzaamheden ticket nr. 4521  |  100,00', 'Subtotaal  |  100,00', 'BTW 21%  |  21,00', 'Totaal  |  121,00'], 'pdf'), '2024-118');
  // a bill's or a travel document's "Ticket number" is no invoice number
  assert.equal(extractInvoiceNumber(rowsOf(['Passenger Receipt', 'Ticket number: 220 2412345678', 'Total  |  250,00'])).value, null);
  // on a till slip it is the slip's number
  assert.equal(extractInvoiceNumber(rowsOf(['BAR PEPE', 'Ticket nº: 4455', 'TOTAL  |  2,00']), { tillSlip: true }).value, '4455');
});

test('an Estonian till\'s "Netosumma" is its untaxed amount, also when its tax line is unreadable', () => {
  const t = extractTotals(rowsOf(['Vahesumma:  |  11,90', 'Netosumma:  |  9,92', 'K#lbemaks (20%):  |  1,98', 'Kokku €:  |  11,90']), { decimal: ',', isReceipt: true });
  assert.equal(t.amount_untaxed.value, 9.92);
});

test('a till of one rate prints one tax table row (rate, net, tax, gross): it gives the untaxed amount and the tax when its tax is its rate of its net', () => {
  // the rate column printed with decimals ("20,00"), under headings the rules do not read ("KM%  EUR KM-ta  KM  EUR kokku")
  assert.deepEqual(partsOf(['FUTURA 95  |  40,82', 'EUR kokku:  |  40,82 EUR', 'KM%  |  Neto  |  KM  |  Kokku', '20,00  |  34,02  |  6,80  |  40,82', 'Visa Credit']), [40.82, 34.02, 6.8]);
  assert.deepEqual(partsOf(['Pan  |  11,90', 'TOTAL  |  11,90', 'IVA%  |  Base  |  Cuota  |  Total', '10,00  |  10,82  |  1,08  |  11,90']), [11.9, 10.82, 1.08]);
  // ... or with its % sign
  assert.deepEqual(partsOf(['Brot  |  11,90', 'SUMME EUR  |  11,90', 'MwSt-%  |  Netto  |  Steuer  |  Brutto', 'B 19%  |  10,00  |  1,90  |  11,90']), [11.9, 10, 1.9]);
  // a row whose smaller part is not its rate of the larger is no tax table: three amounts adding up say nothing alone
  assert.equal(partsOf(['Brot  |  11,90', 'SUMME EUR  |  11,90', 'MwSt-%  |  Netto  |  Steuer  |  Brutto', '19,00  |  10,40  |  1,50  |  11,90'])[2], null);
});

test('a bill\'s one-rate VAT breakdown is no till\'s table: its gross leaves out what the total adds after the tax (a city tax)', () => {
  const bill = extractTotals(rowsOf(['Logies  |  1.477,00', 'City Tax  |  91,18', 'Total  |  1.568,18', 'BTW  |  Net  |  BTW  |  Total', '9%  |  1.355,05  |  121,95  |  1.477,00']), { decimal: ',', isReceipt: false });
  assert.equal(bill.amount_total.value, 1568.18);
  assert.ok(!bill.explain.amount_tax.winner?.why.includes('table-rows-add-up'));
});

test('a one-rate row of a service charge, a tip or a card surcharge is no tax table: the row or its heading must name a tax', () => {
  const head = ['Restaurante Sol', 'NIF B12345678', 'FACTURA SIMPLIFICADA'];
  const slip = (lines: string[]) => extractTotals(rowsOf([...head, ...lines]), { decimal: ',', isReceipt: true });
  for (const charge of ['Servicio 10%  |  100,00  |  10,00  |  110,00', 'Propina 10%  |  100,00  |  10,00  |  110,00']) {
    const t = slip(['MENU  |  55,00', 'VINO  |  45,00', charge, 'TOTAL  |  110,00', 'IVA incluido', 'VISA  |  110,00']);
    assert.equal(t.amount_total.value, 110);
    assert.ok(!t.explain.amount_tax.winner?.why.includes('table-rows-add-up'));
    assert.notEqual(t.amount_untaxed.value, 100);
  }
  const card = slip(['MENU  |  40,00', 'Recargo tarjeta 2,5%  |  40,00  |  1,00  |  41,00', 'TOTAL  |  41,00', 'VISA  |  41,00']);
  assert.notEqual(card.amount_tax.value, 1);
  // a tax's name in the heading row (IVA, KM, MwSt, a "Service Tax") keeps the till's table
  const sst = extractTotals(rowsOf(['Nasi  |  106.00', 'TOTAL  |  106.00', 'Service Tax  |  Amount  |  Tax  |  Total', 'S 6%  |  100.00  |  6.00  |  106.00']), { decimal: '.', isReceipt: true });
  assert.ok(sst.explain.amount_tax.winner?.why.includes('table-rows-add-up'));
  assert.deepEqual(partsOf(['Pan  |  11,90', 'TOTAL  |  11,90', 'IVA%  |  Base  |  Cuota  |  Total', '10,00  |  10,82  |  1,08  |  11,90']), [11.9, 10.82, 1.08]);
});

test('a one-rate row is the till\'s tax table only when its gross is the payable total, not another amount on the page', () => {
  // a hotel bill photographed as a receipt: the VAT row's gross is the lodging, the city tax added after it
  const hotel = extractTotals(rowsOf(['Leonardo Hotel', 'BTW NL123456789B01', 'Kassabon', 'Logies  |  1.477,00', 'City Tax  |  91,18', 'Total  |  1.568,18', 'PIN  |  1.568,18', 'BTW  |  Net  |  BTW  |  Total', '9%  |  1.355,05  |  121,95  |  1.477,00']), { decimal: ',', isReceipt: true });
  assert.equal(hotel.amount_total.value, 1568.18);
  assert.notEqual(hotel.amount_untaxed.value, 1355.05);
  assert.ok(!hotel.explain.amount_untaxed.winner?.why.includes('table-rows-add-up'));
});

test('an Estonian "Netosumma" equal to the total is the sum after a discount, no untaxed amount', () => {
  const t = extractTotals(rowsOf(['Brutosumma:  |  12,00', 'Allahindlus:  |  1,00', 'Netosumma:  |  11,00', 'K#ibemaks (20%):  |  1,83', 'Kokku €:  |  11,00', 'Kaart  |  11,00']), { decimal: ',', isReceipt: true });
  assert.equal(t.amount_total.value, 11);
  assert.notEqual(t.amount_untaxed.value, 11);
});
