import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import type { PageText, TextLine } from '../../../src/pipeline/document.js';
import { locateFields } from '../../../src/pipeline/extract/locate.js';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): TextLine => ({ text, confidence: 1, bbox: { x0, y0, x1, y1 } });

function page(n: number, lines: TextLine[]): PageText {
  return { page: n, source: 'pdf-text', width: 600, height: 800, rotation: 0, confidence: 1, text: lines.map((l) => l.text).join('\n'), lines };
}

describe('locateFields: where a read value is printed', () => {
  const pages = [
    page(1, [
      line('Total 1.234,50 EUR', 300, 700, 580, 720),
      line('Rechnung Nr. RE-2024 118', 320, 80, 560, 96),
      line('Datum: 03.05.2024', 320, 100, 500, 116),
      line('USt-IdNr.: DE 123 456 789', 20, 760, 300, 776),
    ]),
    page(2, [line('Bestellung PO-77', 20, 40, 200, 56)]),
  ];

  it('boxes each value on the line that holds it, as fractions of its page', () => {
    const fields = emptyFields();
    fields.invoice_number = { value: 'RE-2024118', confidence: 0.9 };
    fields.date = { value: '2024-05-03', confidence: 0.9 };
    fields.amount_total = { value: 1234.5, confidence: 0.9 };
    fields.vendor_vat = { value: 'DE123456789', confidence: 0.9 };
    fields.po_number = { value: 'PO-77', confidence: 0.9 };
    locateFields(pages, fields, 'DMY', ',');
    assert.deepEqual([fields.invoice_number.page, fields.invoice_number.box], [1, [0.5333, 0.1, 0.4, 0.02]]);
    assert.equal(fields.date.page, 1);
    assert.deepEqual(fields.date.box, [0.5333, 0.125, 0.3, 0.02]);
    assert.deepEqual(fields.amount_total.box, [0.5, 0.875, 0.4667, 0.025]);
    assert.equal(fields.vendor_vat.page, 1, 'spaces in a printed VAT number do not matter');
    assert.equal(fields.po_number.page, 2);
  });

  it('leaves a value without box when it is not printed as read, and never boxes tiny values or nulls', () => {
    const fields = emptyFields();
    fields.invoice_number = { value: 'XX-999', confidence: 0.4 };
    fields.vendor_name = { value: 'AB', confidence: 0.9 };
    fields.amount_tax = { value: 0, confidence: 0.9 };
    locateFields(pages, fields, 'DMY', ',');
    assert.equal(fields.invoice_number.box, undefined);
    assert.equal(fields.vendor_name.box, undefined);
    assert.equal(fields.amount_tax.box, undefined);
    assert.equal(fields.date.box, undefined);
    assert.deepEqual(Object.keys(fields.date).sort(), ['confidence', 'value'], 'absent, not null: the contract stays as it was');
  });
});
