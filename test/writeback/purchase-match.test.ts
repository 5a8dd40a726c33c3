// The pure part of bill-to-order matching: which order line a bill line is, which open order a bill is for.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LineItem } from '../../src/contract.js';
import { usableLines } from '../../src/writeback/purchase-link.js';
import { chooseOpenOrder, descriptionSimilarity, lineScore, pairLines, productCodes, sameVendor } from '../../src/writeback/purchase-match.js';
import type { PurchaseLine, PurchaseOrder } from '../../src/writeback/purchase-orders.js';

const doc = (description: string, quantity: number | null, unit_price: number | null, amount: number | null = quantity !== null && unit_price !== null ? quantity * unit_price : null): LineItem =>
  ({ description, quantity, unit_price, amount, tax_rate: null });

let nextId = 1;
function poLine(orderId: number, product: string, ordered: number, price: number, toBill = ordered): PurchaseLine {
  return {
    id: nextId++, orderId, name: product, productId: nextId, productName: product, uomId: 1, ordered, received: toBill, billed: 0, toBill,
    priceUnit: price, discount: 0, taxIds: [], priceSubtotal: ordered * price, priceTotal: ordered * price * 1.15,
  };
}
function order(id: number, lines: PurchaseLine[]): PurchaseOrder {
  return { id, name: `P${String(id).padStart(5, '0')}`, partnerRef: null, partnerId: 9, partnerName: 'Wood Corner', state: 'purchase', invoiceStatus: 'to invoice', currency: 'USD', amountTotal: 0, lines };
}

describe('bill lines to order lines', () => {
  test('a product code printed anywhere in the description, with or without brackets, underscores or spaces', () => {
    const line = poLine(1, '[FURN_7777] Office Chair', 10, 80);
    assert.deepEqual(productCodes(line), ['FURN_7777']);
    for (const description of ['FURN_7777 Office Chair', 'Art. FURN 7777 Bürostuhl', '[FURN_7777]']) assert.ok(lineScore(doc(description, 10, 80), line) >= 3, description);
    assert.equal(lineScore(doc('Desk lamp', 3, 12), line), 0, 'no code, other words, other price');
  });

  test('without a code: similar words, or the same price with the same quantity or a shared word', () => {
    const line = poLine(1, 'Acoustic Bloc Screens', 5, 286.7);
    assert.ok(descriptionSimilarity('Acoustic bloc screens (grey)', line.name) >= 0.5);
    assert.ok(lineScore(doc('Acoustic bloc screens (grey)', 5, 286.7), line) > 0);
    assert.ok(lineScore(doc('Item 4711', 5, 286.7), line) > 0, "the vendor's own words, at the ordered price and quantity");
    assert.equal(lineScore(doc('Item 4711', 4, 286.7), line), 0, 'the price alone, no shared word: not this line');
    assert.ok(lineScore(doc('Bloc screen panel', 5, 286.7), line) > 0, 'price, quantity and a shared word');
  });

  test('each bill line to at most one order line, best fits first; the rest said as not ordered', () => {
    const lines = [poLine(1, '[A1] Chair', 2, 10), poLine(1, '[B2] Chair cushion', 2, 4)];
    const { pairs, unpaired } = pairLines([doc('B2 Chair cushion', 2, 4), doc('A1 Chair', 2, 10), doc('Freight', 1, 15)], lines);
    assert.deepEqual(pairs.map((p) => [p.doc.description, p.line.name]), [['B2 Chair cushion', '[B2] Chair cushion'], ['A1 Chair', '[A1] Chair']]);
    assert.deepEqual(unpaired.map((u) => u.description), ['Freight']);
  });

  test('an "Untaxed Amount" row carrying the sum of the items is no item', () => {
    const rows = [doc('Chair', 2, 10), doc('Lamp', 1, 5), doc('Untaxed Amount', null, null, 25)];
    assert.deepEqual(usableLines(rows).map((r) => r.description), ['Chair', 'Lamp']);
    assert.deepEqual(usableLines([doc('Chair', 2, 10), doc('Untaxed Amount', null, null, 20)], 20).map((r) => r.description), ['Chair']);
    assert.deepEqual(usableLines([doc('Chair', 2, 10), doc('Cleaning', null, null, 20)], null).map((r) => r.description), ['Chair', 'Cleaning'], 'one item and no untaxed amount to tell: kept');
  });
});

describe('the open order a bill without order number is for', () => {
  test("the vendor's order whose lines the bill's are; two that fit equally: ambiguous", () => {
    const a = order(1, [poLine(1, '[A1] Chair', 5, 80)]);
    const b = order(2, [poLine(2, '[B2] Lamp', 2, 132.5), poLine(2, '[C3] Drawer', 3, 99)]);
    const chosen = chooseOpenOrder([a, b], [doc('Lamp', 2, 132.5), doc('Drawer', 3, 99)], null);
    assert.equal(chosen.kind === 'matched' && chosen.order.name, 'P00002');
    const twin = order(3, [poLine(3, '[A1] Chair', 5, 80)]);
    assert.equal(chooseOpenOrder([a, b, twin], [doc('A1 Chair', 5, 80)], null).kind, 'ambiguous');
  });

  test('the vendor unknown: every line must be on the order at its price', () => {
    const a = order(1, [poLine(1, '[A1] Chair', 5, 80), poLine(1, '[B2] Lamp', 1, 20)]);
    assert.equal(chooseOpenOrder([a], [doc('A1 Chair', 5, 80)], null, false).kind, 'matched');
    assert.equal(chooseOpenOrder([a], [doc('A1 Chair', 5, 85)], null, false).kind, 'none', 'another price: not without a vendor');
    assert.equal(chooseOpenOrder([a], [doc('A1 Chair', 5, 80), doc('Freight', 1, 9)], null, false).kind, 'none', 'a line not ordered');
    assert.equal(chooseOpenOrder([a], [doc('A1 Chair', 5, 85), doc('Lamp', 1, 20)], null, true).kind, 'matched', 'with the vendor known, a price difference is a review, not another order');
  });

  test('a bill without lines: the one open order of its total, only with the vendor known', () => {
    const a = order(1, [poLine(1, 'Chair', 5, 80)]); // 400 + 15 % = 460
    const b = order(2, [poLine(2, 'Lamp', 2, 100)]); // 230
    const chosen = chooseOpenOrder([a, b], [], 460);
    assert.equal(chosen.kind === 'matched' && chosen.order.name, 'P00001');
    assert.equal(chooseOpenOrder([a, b], [], 460, false).kind, 'none');
    assert.equal(chooseOpenOrder([a, b], [], 999).kind, 'none');
  });

  test('the same vendor: the same partner or one of its contacts', () => {
    assert.ok(sameVendor({ id: 9, name: 'Wood Corner' }, { id: 9, name: null }));
    assert.ok(sameVendor({ id: 9, name: 'Wood Corner' }, { id: 30, name: 'Wood Corner, Ron Gibson' }));
    assert.ok(!sameVendor({ id: 9, name: 'Wood Corner' }, { id: 14, name: 'Azure Interior' }));
  });
});

describe('order numbers as printed', () => {
  test('spaces dropped, and a zero-padded number also without its padding', async () => {
    const { referenceForms } = await import('../../src/writeback/purchase-orders.js');
    assert.deepEqual(referenceForms(' P 00042 '), ['P 00042', 'P00042']);
    assert.deepEqual(referenceForms('00000001023456789'), ['00000001023456789', '1023456789']);
    assert.deepEqual(referenceForms('P00042'), ['P00042'], 'letters first: no padding to drop');
  });
});
