import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineItem } from '../../src/contract.js';
import { computeTotal, planBillLines } from '../../src/writeback/bill-lines.js';
import type { PurchaseTax } from '../../src/writeback/taxes.js';

const taxes: PurchaseTax[] = [
  { id: 11, name: '19% incl.', rate: 19, priceInclude: true },
  { id: 10, name: '19%', rate: 19, priceInclude: false },
  { id: 12, name: '7%', rate: 7, priceInclude: false },
  { id: 13, name: '22%', rate: 22, priceInclude: false },
];
const line = (description: string, quantity: number | null, unit_price: number | null, amount: number | null, tax_rate: number | null): LineItem =>
  ({ description, quantity, unit_price, amount, tax_rate });

describe('planBillLines', () => {
  it('keeps extracted lines when they reproduce the total, with the tax-excluded tax of each rate', () => {
    const items = [line('Widget', 10, 9.9, 99, 19), line('Book', 2, 13.5, 27, 7)];
    const plan = planBillLines(items, { total: 146.7, untaxed: 126, tax: 20.7 }, taxes, 'X');
    assert.equal(plan.shape, 'itemised');
    assert.equal(plan.problem, null);
    assert.deepEqual(plan.lines.map((l) => [l.name, l.quantity, l.priceUnit, l.tax?.id]), [['Widget', 10, 9.9, 10], ['Book', 2, 13.5, 12]]);
    assert.equal(plan.computedTotal, 146.7);
  });
  it('falls back to one line with the untaxed total and the rate that gives the document tax', () => {
    const plan = planBillLines([], { total: 122, untaxed: 100, tax: 22 }, taxes, 'Vendor 42');
    assert.equal(plan.shape, 'single');
    assert.equal(plan.problem, null);
    assert.deepEqual(plan.lines, [{ name: 'Vendor 42', quantity: 1, priceUnit: 100, tax: taxes[3] }]);
  });
  it('uses the single-line plan when the extracted lines do not add up', () => {
    const plan = planBillLines([line('Garbled', 1, 5, 5, 19)], { total: 119, untaxed: 100, tax: 19 }, taxes, 'V');
    assert.equal(plan.shape, 'single');
    assert.equal(plan.lines[0].tax?.id, 10);
  });
  it('derives the untaxed amount from total and tax', () => {
    const plan = planBillLines([], { total: 107, untaxed: null, tax: 7 }, taxes, 'V');
    assert.equal(plan.problem, null);
    assert.equal(plan.lines[0].priceUnit, 100);
    assert.equal(plan.lines[0].tax?.id, 12);
  });
  it('books a rate no purchase tax has inside the amount (the total stays right) and says so', () => {
    const plan = planBillLines([], { total: 107.7, untaxed: 100, tax: 7.7 }, taxes, 'V');
    assert.match(plan.problem ?? '', /no purchase tax at 7\.7 %: the tax is booked in the line amounts/);
    assert.deepEqual(plan.lines.map((l) => [l.priceUnit, l.tax]), [[107.7, null]]);
    assert.equal(plan.computedTotal, 107.7);
  });
  it('books the total of a mixed-rate document without lines in one line without tax, flagged: no rate invented, the total right', () => {
    const plan = planBillLines([], { total: 529.87, untaxed: 473, tax: 56.87 }, taxes, 'V');
    assert.equal(plan.shape, 'single');
    assert.deepEqual(plan.lines.map((l) => [l.quantity, l.priceUnit, l.tax]), [[1, 529.87, null]]);
    assert.equal(plan.computedTotal, 529.87);
    assert.match(plan.problem ?? '', /untaxed 473\.00 and tax 56\.87 fit no single purchase tax of the company \(a blend of rates\?\): one line with the total, no tax/);
  });
  it('does not take a ratio of small amounts for a rate the company lacks (any ratio is some rate to the cent)', () => {
    const plan = planBillLines([], { total: 8.79, untaxed: 7.67, tax: 1.12 }, taxes, 'V'); // 14.6 %: a blend
    assert.doesNotMatch(plan.problem ?? '', /no purchase tax at/);
    assert.match(plan.problem ?? '', /a blend of rates/);
    assert.equal(plan.computedTotal, 8.79);
  });
  it('books the total when the document lines misadd and the untaxed and tax give no single rate', () => {
    const plan = planBillLines([line('A', 1, 100, 100, 5.5), line('B', 1, 50, 50, 0)], { total: 188, untaxed: 160, tax: 28 }, taxes, 'V');
    assert.deepEqual(plan.lines.map((l) => [l.priceUnit, l.tax]), [[188, null]]);
    assert.match(plan.problem ?? '', /a blend of rates/);
  });
  it('writes an untaxed document as one line without tax', () => {
    const plan = planBillLines([], { total: 50, untaxed: 50, tax: 0 }, taxes, 'V');
    assert.equal(plan.problem, null);
    assert.equal(plan.lines[0].tax, null);
  });
  it('flags a total that is all it knows', () => {
    const plan = planBillLines([], { total: 50, untaxed: null, tax: null }, taxes, 'V');
    assert.match(plan.problem ?? '', /untaxed amount and tax not found/);
  });
  it('uses a tax-included purchase tax with the gross amount when no excluded one fits', () => {
    const inclOnly = [{ id: 5, name: '10% incl.', rate: 10, priceInclude: true }];
    const plan = planBillLines([], { total: 110, untaxed: 100, tax: 10 }, inclOnly, 'V');
    assert.equal(plan.problem, null);
    assert.deepEqual([plan.lines[0].priceUnit, plan.lines[0].tax?.id], [110, 5]);
  });
  it('keeps the document lines when a line rate has no tax, that line carrying its tax inside', () => {
    const items = [line('A', 1, 100, 100, 19), line('B', 2, 25, 50, 5.5)];
    const plan = planBillLines(items, { total: 171.75, untaxed: 150, tax: 21.75 }, taxes, 'V');
    assert.equal(plan.shape, 'itemised');
    assert.match(plan.problem ?? '', /no purchase tax at 5\.5 %/);
    assert.deepEqual(plan.lines.map((l) => [l.name, l.quantity, l.priceUnit, l.tax?.id ?? null]), [['A', 1, 100, 10], ['B', 1, 52.75, null]]);
    assert.equal(plan.computedTotal, 171.75);
  });
});

describe('planBillLines, Odoo\'s total to the cent', () => {
  it('prefers the one line that gives the document\'s total over lines grossed up one by one that lose a cent', () => {
    // seven lines of 6.80 at 19 %, a rate the company has no tax for: each grossed to 8.09 makes 56.63, the document says 56.64
    const items = Array.from({ length: 7 }, () => line('Parking', null, 1, 6.8, 19));
    const plan = planBillLines(items, { total: 56.64, untaxed: 47.6, tax: 9.04 }, taxes.filter((t) => t.rate !== 19), 'V');
    assert.equal(plan.computedTotal, 56.64);
    assert.equal(plan.shape, 'single');
    assert.match(plan.problem ?? '', /no purchase tax at 19 %/);
  });
  it('keeps problem-free itemised lines a cent off by per-line rounding over one line to the cent', () => {
    // three lines of 0.35 at 19 %: each line's tax 0.07 makes 1.26, the document (tax on the sum) says 1.25
    const items = Array.from({ length: 3 }, () => line('Clip', 1, 0.35, 0.35, 19));
    const plan = planBillLines(items, { total: 1.25, untaxed: 1.05, tax: 0.2 }, taxes, 'V');
    assert.equal(plan.shape, 'itemised');
    assert.equal(plan.problem, null);
    assert.equal(plan.lines.length, 3);
  });
  it('keeps problem-free itemised lines of two rates over one untaxed line with no tax', () => {
    const items = [line('Cable', 1, 2.35, 2.35, 19), line('Plug', 1, 2.35, 2.35, 19), line('Manual', 1, 12.5, 12.5, 7)];
    const plan = planBillLines(items, { total: 18.97, untaxed: 17.2, tax: 1.77 }, taxes, 'V');
    assert.equal(plan.shape, 'itemised');
    assert.equal(plan.problem, null);
    assert.deepEqual(plan.lines.map((l) => l.tax?.id), [10, 10, 12]);
  });
  it('still keeps itemised lines that give the total to the cent', () => {
    const items = [line('A', 1, 10, 10, 22), line('B', 1, 20, 20, 22)];
    const plan = planBillLines(items, { total: 36.6, untaxed: 30, tax: 6.6 }, taxes, 'V');
    assert.equal(plan.shape, 'itemised');
    assert.equal(plan.computedTotal, 36.6);
  });
});

describe('computeTotal', () => {
  it('rounds tax per line', () => {
    const t = taxes[1];
    assert.equal(computeTotal([{ name: 'a', quantity: 1, priceUnit: 0.05, tax: t }, { name: 'b', quantity: 1, priceUnit: 0.05, tax: t }]), 0.12);
  });
});
