// Order-type documents: UBL Order / DespatchAdvice read exactly (real OpenPEPPOL BIS 3 examples), and Odoo's own
// printed purchase order and receipt read from their text layer, by column.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { validateScanResult } from '../../../src/contract-schema.js';
import { parseEInvoice } from '../../../src/pipeline/einvoice/index.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractOrderLines, isGtin } from '../../../src/pipeline/extract/order-lines.js';
import { createScanner } from '../../../src/pipeline/scan.js';
import { docFromLines } from '../extract/helpers.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/orders');
const xml = (name: string) => readFileSync(path.join(DIR, 'ubl', name), 'utf8');

describe('UBL ordering documents', () => {
  test('an Order: its number, the buyer with its VAT, lines with seller, buyer and GTIN codes', () => {
    const r = parseEInvoice(xml('peppol-Order_Example.xml'), 'file')!;
    assert.equal(r.fields.doc_type.value, 'purchase_order');
    assert.equal(r.order?.number.value, '34');
    assert.equal(r.fields.po_number.value, '34');
    assert.equal(r.order?.buyer_name.value, 'Helseforetak');
    assert.equal(r.order?.buyer_vat.value, 'NO9311867455MVA');
    assert.equal(r.order?.delivery_number.value, null);
    assert.deepEqual(
      r.lines.map((l) => [l.product_code, l.buyer_code, l.barcode, l.quantity, l.unit_price]),
      [['121212', '123456', '7560000012345', 120, 50], ['SItemNo011', null, null, 15, 15]],
    );
  });

  test('a DespatchAdvice is a delivery note: the order it delivers, its own number, quantities delivered', () => {
    const r = parseEInvoice(xml('peppol-DespatchAdvice_Example.xml'), 'file')!;
    assert.equal(r.fields.doc_type.value, 'delivery_note');
    assert.equal(r.fields.vendor_name.value, 'Consortial');
    assert.deepEqual([r.order?.number.value, r.order?.delivery_number.value], ['AEG012345', '565899']);
    assert.deepEqual(r.lines.map((l) => [l.description, l.quantity, l.product_code, l.barcode]), [['beeswax', 10, '17589683', '1234567891234']]);
  });

  test('every OpenPEPPOL example is read with an order number and at least one line with a quantity', () => {
    for (const name of ['peppol-UC1_Order.xml', 'peppol-UC4_Order.xml', 'peppol-DespatchAdvice-BIS3_UseCase2.xml', 'peppol-DespatchAdvice-BIS3_UseCase4.xml']) {
      const r = parseEInvoice(xml(name), 'file')!;
      assert.ok(r.order?.number.value, name);
      assert.ok(r.lines.length > 0 && r.lines.every((l) => l.quantity !== null && l.quantity > 0), name);
    }
  });
});

describe('printed order lines, by column', () => {
  test('a wrapped description continues its line; codes in brackets; prices and amounts from their columns', () => {
    const doc = docFromLines([
      'Purchase Order #PO-77',
      'Description  |  Qty  |  Unit Price  |  Amount',
      '[A-100] Steel  |  4.00  |  12.50  |  50.00',
      'bracket, zinc  |    |    |  ',
      '[B-7]  |  2.00  |  3.00  |  6.00',
      'Total  |    |    |  56.00',
      'Thank you',
    ]);
    const lines = extractOrderLines(buildRows(doc), '.');
    assert.deepEqual(lines.map((l) => [l.product_code, l.description, l.quantity, l.unit_price, l.amount]), [
      ['A-100', 'Steel bracket, zinc', 4, 12.5, 50],
      ['B-7', '', 2, 3, 6],
    ]);
  });

  test('a delivery note with ordered and delivered columns: quantity is what was delivered', () => {
    const doc = docFromLines(['Article  |  Ordered  |  Delivered', 'Chair blue  |  10  |  8', 'Table oak  |  2  |  2']);
    const lines = extractOrderLines(buildRows(doc), '.');
    assert.deepEqual(lines.map((l) => [l.description, l.ordered_quantity, l.quantity]), [['Chair blue', 10, 8], ['Table oak', 2, 2]]);
  });

  test('no table header, no lines', () => {
    assert.deepEqual(extractOrderLines(buildRows(docFromLines(['Dear customer', '4 chairs were sent'])), '.'), []);
  });

  test('GTIN check digits', () => {
    assert.ok(isGtin('7611104117056'));
    assert.ok(!isGtin('7611104117057'));
    assert.ok(!isGtin('12345'));
  });
});

describe('Odoo 17 prints (text layer)', () => {
  const scanner = createScanner({ ocrWorkers: 1, langs: 'eng' });
  after(async () => (await scanner).close());
  const scan = async (name: string, expect: 'purchase_order' | 'delivery_note') =>
    (await scanner).scanFile(path.join(DIR, 'odoo-print', name), name, { expect });

  test('a request for quotation uploaded as an order: number, codes, quantities and prices as printed', async () => {
    const r = await scan('odoo17-rfq-P00004.pdf', 'purchase_order');
    assert.ok(validateScanResult(r).ok, validateScanResult(r).errors.join('; '));
    assert.equal(r.order?.number.value, 'P00004');
    assert.deepEqual(r.lines?.map((l) => [l.product_code, l.description, l.quantity, l.unit_price]), [
      ['FURN_8888', 'Office Lamp', 6, 85.5], ['FURN_9001', 'Flipover', 5, 1690], ['E-COM07', 'Large Cabinet', 7, 800],
    ]);
  });

  test('a receipt slip uploaded as a delivery note: the order it cites and what was delivered', async () => {
    const r = await scan('odoo17-receipt-WH-IN-00006.pdf', 'delivery_note');
    assert.ok(validateScanResult(r).ok, validateScanResult(r).errors.join('; '));
    assert.equal(r.order?.number.value, 'P00011');
    assert.deepEqual(r.lines?.map((l) => [l.product_code, l.description, l.ordered_quantity, l.quantity]), [['FURN_6666', 'Acoustic Bloc Screens', 20, 20]]);
  });

  test('a purchase order whose title the classifier finds too weak is still read as an order (kind), its lines spread over several text rows', async () => {
    const r = await (await scanner).scanFile(path.join(DIR, 'odoo-print', 'odoo17-customer-po-P00014.pdf'));
    assert.equal(r.order?.kind, 'purchase_order');
    assert.deepEqual([r.order?.number.value, r.order?.buyer_name.value], ['P00014', 'Deco Addict']);
    assert.deepEqual(r.lines?.map((l) => [l.product_code, l.description, l.quantity, l.unit_price]), [
      ['FURN_7777', 'Office Chair', 17, 55], ['FURN_0096', 'Customizable Desk (Steel, White)', 10, 500],
    ]);
  });

  test('a receipt slip with three lines, uploaded as a delivery note', async () => {
    const r = await scan('odoo17-receipt-of-P00013.pdf', 'delivery_note');
    assert.equal(r.order?.number.value, 'P00013');
    assert.deepEqual(r.lines?.map((l) => [l.product_code, l.quantity]), [['E-COM12', 1], ['DESK0005', 5], ['FURN_7777', 8]]);
  });

  test('without an expectation, an untitled slip citing its order keeps its type; its order block says which order, not what it is', async () => {
    const r = await (await scanner).scanFile(path.join(DIR, 'odoo-print', 'odoo17-receipt-WH-IN-00006.pdf'));
    assert.equal(r.fields?.doc_type.value, 'other');
    assert.equal(r.order?.number.value, 'P00011');
    assert.equal(r.order?.kind, undefined);
  });

  test('an invoice gets no order block', async () => {
    const r = await (await scanner).scanFile(path.resolve(DIR, '../documents/oca-pdf', readdirSync(path.resolve(DIR, '../documents/oca-pdf')).find((f) => f.endsWith('.pdf'))!));
    assert.notEqual(r.fields?.doc_type.value, 'other');
    assert.equal(r.order, undefined);
  });
});
