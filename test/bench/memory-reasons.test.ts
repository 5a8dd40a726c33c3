// bench:memory's account of why a later document's field is not right and written (bench/memory.ts fieldReason):
// no profile matched, no value, a wrong value (whose), or the right one held back (and why the memory did not lift it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldReason, namesAnotherVendor } from '../../bench/memory.js';

const outcome = (over: Partial<Parameters<typeof fieldReason>[0]>, value: unknown, right: boolean, written: boolean) => ({
  matchedBy: 'name',
  basis: {},
  declined: {},
  anchored: [],
  with: { right: { amount_total: right }, written: { amount_total: written }, fields: { amount_total: { value, confidence: 0.9 } } as never },
  ...over,
}) as Parameters<typeof fieldReason>[0];

test('a field right and written, or without a truth, has no reason', () => {
  assert.equal(fieldReason(outcome({}, 12, true, true), 'amount_total'), null);
  assert.equal(fieldReason(outcome({}, 12, true, false), 'date'), null);
});

test('unmatched, absent, wrong: told apart, and whose wrong value it was', () => {
  assert.equal(fieldReason(outcome({ matchedBy: null }, 12, true, false), 'amount_total'), 'no vendor match');
  assert.equal(fieldReason(outcome({}, null, false, false), 'amount_total'), 'value absent');
  assert.equal(fieldReason(outcome({}, 13, false, false), 'amount_total'), 'wrong (rules)');
  assert.equal(fieldReason(outcome({ basis: { amount_total: 'read:amount:a1:1:hi' } }, 13, false, true), 'amount_total'), 'wrong (memory)');
});

test('a right value held back: under the memory cell, declined, an anchor missed, or nothing learned', () => {
  assert.equal(fieldReason(outcome({ basis: { amount_total: 'agree:amount:a1:1:hi' } }, 12, true, false), 'amount_total'), 'held (memory cell)');
  assert.equal(fieldReason(outcome({ declined: { amount_total: { basis: 'read:amount:a1:0:hi', right: false } } }, 12, true, false), 'amount_total'), 'held (declined)');
  assert.equal(fieldReason(outcome({ anchored: ['amount_total'] }, 12, true, false), 'amount_total'), 'held (anchor missed)');
  assert.equal(fieldReason(outcome({}, 12, true, false), 'amount_total'), 'held (nothing learned)');
});

test('a false match names another vendor: a wrong VAT id, or a wrong name without the vendor\'s VAT id right', () => {
  const fields = (name: string, vat: string | null) => ({ vendor_name: { value: name, confidence: 0.99 }, vendor_vat: { value: vat, confidence: 0.99 } }) as never;
  const supplied = { vendor_name: 'vendor:name:id', vendor_vat: 'confirm:vat' };
  const truth = { vendor_name: 'Musterbetrieb Kaffee AG', vendor_vat: 'DE09687654321' };
  assert.equal(namesAnotherVendor(truth, fields('Musterbetrieb AG Demodaten', 'DE09687654321'), supplied, []), false);
  assert.equal(namesAnotherVendor(truth, fields('Musterbetrieb AG Demodaten', 'DE111111111'), supplied, []), true);
  assert.equal(namesAnotherVendor({ vendor_name: 'Holzbau Gerber AG' }, fields('Verein Bergwald Schutz', null), { vendor_name: 'vendor:name:name' }, []), true);
  assert.equal(namesAnotherVendor({ vendor_name: 'Holzbau Gerber AG' }, fields('Holzbau Gerber AG', null), { vendor_name: 'vendor:name:name' }, []), false);
});
