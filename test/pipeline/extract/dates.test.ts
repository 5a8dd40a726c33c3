import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, findDates, inferDateOrder, parseDate, paymentTermDays } from '../../../src/pipeline/extract/dates.js';

test('numeric dates in every order', () => {
  assert.equal(parseDate('05.03.2018'), '2018-03-05');
  assert.equal(parseDate('2018-10-08'), '2018-10-08');
  assert.equal(parseDate('2018/10/08'), '2018-10-08');
  assert.equal(parseDate('25/12/2018 8:13:39 PM'), '2018-12-25');
  assert.equal(parseDate('12/28/2017'), '2017-12-28'); // second number > 12: month first
  assert.equal(parseDate('03/04/2020', 'MDY'), '2020-03-04');
  assert.equal(parseDate('03/04/2020', 'DMY'), '2020-04-03');
});

test('two-digit years', () => {
  assert.equal(parseDate('25-12-18'), '2018-12-25');
  assert.equal(parseDate('18/03/18'), '2018-03-18');
  assert.equal(parseDate('01.01.99'), '1999-01-01');
});

test('month names in en, de, fr, it, es and English abbreviations', () => {
  assert.equal(parseDate('7. Mai 2014'), '2014-05-07');
  assert.equal(parseDate('11. März 2014'), '2014-03-11');
  assert.equal(parseDate('5 novembre 2017'), '2017-11-05');
  assert.equal(parseDate('1er janvier 2020'), '2020-01-01');
  assert.equal(parseDate('1 de enero de 2020'), '2020-01-01');
  assert.equal(parseDate('3 settembre 2021'), '2021-09-03');
  assert.equal(parseDate('25-DEC-18'), '2018-12-25');
  assert.equal(parseDate('25/Dec/2018'), '2018-12-25');
  assert.equal(parseDate('Dec 25, 2018'), '2018-12-25');
  assert.equal(parseDate('17 Jan 2018'), '2018-01-17');
});

test('a month-name date whose comma OCR read as a period or closed up: "Sep 01.2014", "Dec 25,2018"', () => {
  // a scanned US invoice's "Invoice Date: Sep 01, 2014" as OCR read it
  assert.equal(parseDate('Invoice Date:         Sep 01.2014'), '2014-09-01');
  assert.equal(parseDate('Dec 25,2018'), '2018-12-25');
  // ... but not the head of a longer number
  assert.equal(parseDate('Sep 1.2014.5'), null);
  assert.equal(parseDate('InvoiceSummary Sep 01.2014'), '2014-09-01');
  // a decimal after a month word is no date: the year needs four digits of its own
  assert.equal(parseDate('Mar 3.25'), null);
});

test('impossible dates are refused', () => {
  assert.equal(parseDate('31.02.2018'), null);
  assert.equal(parseDate('13/13/2018'), null);
  assert.equal(parseDate('3/64, Vishwas Khand'), null);
});

test("a four-digit year is read as printed: a form's placeholder 01.01.0001 is no date of 2001", () => {
  assert.equal(parseDate('Invoice date: 01.01.0001'), null);
  assert.equal(parseDate('1 January 0001'), null);
  assert.equal(parseDate('01.01.0024'), null);
  assert.equal(parseDate('01.01.24'), '2024-01-01');
});

test('two dates on a line are both found, in order', () => {
  const found = findDates('Rechnungszeitraum: 01.04.2014 - 30.06.2014');
  assert.deepEqual(found.map((d) => d.iso), ['2014-04-01', '2014-06-30']);
  assert.equal(findDates('03/04/2020')[0].ambiguous, true);
});

test('the document\'s unambiguous dates decide the order of ambiguous ones', () => {
  assert.equal(inferDateOrder('Date 09/01/2019 ... printed 25/01/2019', 'MDY'), 'DMY');
  assert.equal(inferDateOrder('Date 09/01/2019 ... due 12/28/2019', 'DMY'), 'MDY');
  assert.equal(inferDateOrder('09/01/2019', 'DMY'), 'DMY');
});

test('payment terms in five languages', () => {
  assert.equal(paymentTermDays('Payment terms: 30 Days'), 30);
  assert.equal(paymentTermDays('Zahlungsziel 14 Tage netto'), 14);
  assert.equal(paymentTermDays('Pagamento a 60 giorni d.f.'), 60);
  assert.equal(paymentTermDays('Pago a 30 días'), 30);
  assert.equal(paymentTermDays('solde à 45 jours'), 45);
  assert.equal(paymentTermDays('net 30'), 30);
  assert.equal(paymentTermDays('Thank you'), null);
  assert.equal(addDays('2022-09-21', 30), '2022-10-21');
  assert.equal(addDays('2020-02-15', 14), '2020-02-29');
});

test('OCR-damaged labelled dates are repaired, day first', async () => {
  const { repairOcrDate } = await import('../../../src/pipeline/extract/dates.js');
  assert.equal(repairOcrDate('2512/2018'), '2018-12-25');
  assert.equal(repairOcrDate('1210212018'), '2018-02-12');
  assert.equal(repairOcrDate('25122018'), '2018-12-25');
  // one of two slashes read as a 7 or a 1, on either side
  assert.equal(repairOcrDate('9P0397224DATE:13707/2017'), '2017-07-13');
  assert.equal(repairOcrDate('13/0712017'), '2017-07-13');
  assert.equal(repairOcrDate('13/0772017'), '2017-07-13');
  assert.equal(repairOcrDate('99999999'), null);
});

test('a time of day is no evidence of month-first dates; an article code is no date', () => {
  assert.equal(inferDateOrder('Doc No CS00012626 Date: 10/01/2018\nCashier USER Time: 09.20.00', 'DMY'), 'DMY');
  assert.deepEqual(findDates('RC11-23-42 - 12/144').map((d) => d.iso), []);
  assert.deepEqual(findDates('15-03-18 15:41 SH01 B019').map((d) => d.iso), ['2018-03-15']);
});

test('a dotted date with a space after a dot, as a Swiss or German till prints it, is a date; spaced numbers without a four-digit year are not', () => {
  // a Swiss mountain hotel's bill line as Paddle read it
  assert.deepEqual(findDates('Rech.Nr. 4572  |  30. 07.2007/13:29: 17').map((d) => d.iso), ['2007-07-30']);
  assert.deepEqual(findDates('30. 07. 2007').map((d) => d.iso), ['2007-07-30']);
  assert.deepEqual(findDates('30.07.2007').map((d) => d.iso), ['2007-07-30']);
  assert.deepEqual(findDates('1. 12.50  2. 3.99').map((d) => d.iso), []);
});

test("a month's name whose O OCR read as a zero is still the month ('0ct 3, 2016'); a zero in other words changes nothing", () => {
  // a Malaysian shop's date line as Paddle read it (SROIE)
  assert.deepEqual(findDates('Date:  |  0ct 3, 2016 12:16:25 PM').map((d) => [d.iso, d.raw]), [['2016-10-03', '0ct 3, 2016']]);
  assert.deepEqual(findDates('3 N0V 2018').map((d) => d.iso), ['2018-11-03']);
  assert.deepEqual(findDates('B0X 3, 2016  X0 12 2016').map((d) => d.iso), []);
});
