// A labelled date whose separators OCR damaged (dates.ts repairOcrDate, read by keydates.ts collect) is repaired only
// from the digits straight after its label, on a day-first page, in a plausible year. Made-up slips; each negative is
// a document that fooled the repair when it read from the first digit of any cell ending in a label.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { emptyFields } from '../../../src/contract.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { docFromCells } from './helpers.js';

const docAt = (rows: [number, string][][]): ReadDocument =>
  docFromCells(rows.map((cells) => cells.map(([x0, text]): [string, number, number] => [text, x0, x0 + text.length * 5])));
const dateOf = (rows: [number, string][][], order: 'DMY' | 'MDY' = 'DMY') =>
  extractDates(buildRows(docAt([[[40, 'KEDAI RUNCIT MAJU']], ...rows, [[40, 'TOTAL'], [330, '12.50']]])), order, '2019-06-01').date.value;

test('a slash read as a 7 in the digits after the date label is repaired, day first', () => {
  assert.equal(dateOf([[[40, 'DATE: 13707/2017']]]), '2017-07-13');
  assert.equal(dateOf([[[40, 'Date:'], [200, '13707/2017']]]), '2017-07-13');
});

test('digits that do not stand straight after the date label are no repaired date', () => {
  // the label ends the cell; the digits before it are a bill's number
  assert.equal(dateOf([[[40, 'Bill No: 12712/2017 Date:']]]), null);
  // the cell after the label starts with another label
  assert.equal(dateOf([[[40, 'Date:'], [200, 'Inv No: 12712/2017']]]), null);
  // a cell whose text merely ends in a label's word
  assert.equal(dateOf([[[40, 'Mobile Data'], [200, '12712/2017']]]), null);
});

test('a slash read as a digit is repaired on day-first pages only, and in a plausible year', () => {
  assert.equal(dateOf([[[40, 'DATE: 07712/2017']]], 'MDY'), null);
  assert.equal(dateOf([[[40, 'DATE: 12712/2048']]]), null);
});

test('a repaired date carries the evidence of a date whose day-first reading was assumed', () => {
  const rows = buildRows(docAt([[[40, 'KEDAI RUNCIT MAJU']], [[40, 'DATE: 13707/2017']], [[40, 'TOTAL'], [330, '12.50']]]));
  const d = extractDates(rows, 'DMY', '2019-06-01');
  const fields = { ...emptyFields(), date: d.date };
  const text = 'KEDAI RUNCIT MAJU\nDATE: 13707/2017\nTOTAL 12.50';
  const ev = collectEvidence({ fields, lines: [], text, ocrLines: [], ranking: { date: d.explain.date }, now: new Date('2019-06-01T12:00:00Z') });
  assert.ok(ev.date?.includes('date-ambiguous'), `date-ambiguous: ${ev.date}`);
});
