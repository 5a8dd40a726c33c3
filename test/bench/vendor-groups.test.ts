// bench:memory's "documents grouped by vendor" (bench/vendor-groups.ts): a template family of several vendors is
// split by the truth's vendor; a family of one vendor, whose truths name it with slips or branches, stays whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relatedNames, vendorIds } from '../../bench/vendor-groups.js';

const doc = (rel: string, family: string, vendor_name: string | null, vendor_vat: string | null = null) => ({ rel, family, truth: { vendor_name, vendor_vat } });

test('a template family of several vendors is split by the truth vendor, in the order of their first document', () => {
  const ids = vendorIds([
    doc('qr/b.pdf', 'qr', 'Installateur Huber KG'),
    doc('qr/a.pdf', 'qr', 'Bäckerei Krüger GmbH'),
    doc('qr/c.pdf', 'qr', 'Bäckerei Krüger GmbH'),
    doc('x/1.pdf', 'other', 'Acme GmbH'),
  ]);
  assert.deepEqual(ids, ['qr~2', 'qr~1', 'qr~1', 'other']);
});

test('a VAT id is one vendor whatever its names; two VAT ids are two vendors whatever theirs', () => {
  const ids = vendorIds([
    doc('a', 'f', 'Musterlieferant GmbH', 'DE12435679'),
    doc('b', 'f', 'Lieferant GmbH & Co. KG', 'DE 124 356 79'),
    doc('c', 'f', 'Lieferant GmbH & Co. KG', 'DE946280061'),
    doc('d', 'f', 'Lidl', 'IE9513674T'),
  ]);
  assert.equal(ids[0], ids[1]);
  assert.notEqual(ids[1], ids[2]);
  assert.equal(new Set(ids).size, 3);
});

test('a document without a VAT id joins the one VAT group its name relates to; with several, none', () => {
  const hub = vendorIds([doc('a', 'h', 'Hubdoc', '813417409'), doc('b', 'h', 'Hubdoc Limited'), doc('c', 'h', 'Other Vendor Sarl')]);
  assert.equal(hub[0], hub[1]);
  assert.notEqual(hub[0], hub[2]);
  const lidl = vendorIds([doc('a', 'l', 'Lidl', 'DE814689550'), doc('b', 'l', 'Lidl', 'IE9513674T'), doc('c', 'l', 'Lidl')]);
  assert.equal(new Set(lidl).size, 3);
});

test('a family of one vendor named with slips, branches and spacing stays whole, under its own name', () => {
  const ids = vendorIds([
    doc('1', 's', 'TEO HENG STATIONERY & BOOKS'),
    doc('2', 's', 'TED HENG STATIONERY & BOOKS'),
  ]);
  assert.deepEqual(ids, ['s', 's']);
  assert.deepEqual(vendorIds([doc('1', 'm', 'MR. D.I.Y. (M) SDN BHD'), doc('2', 'm', 'MR.D.I.Y(M)SDN BHD'), doc('3', 'm', 'MR. D.I.Y. (KUCHAI) SDN BHD')]), ['m', 'm', 'm']);
  assert.deepEqual(vendorIds([doc('1', 'b', 'BHPETROL PALEKBANG'), doc('2', 'b', 'BHPETROL PERMAS JAYA 2')]), ['b', 'b']);
});

test('a document naming no vendor is its family\'s only vendor\'s, and nobody\'s in a family of several', () => {
  assert.deepEqual(vendorIds([doc('1', 'a', 'ALBERT HEIJN'), doc('2', 'a', null)]), ['a', 'a']);
  assert.deepEqual(vendorIds([doc('1', 'q', 'Holzbau Gerber AG'), doc('2', 'q', 'Verein Bergwald Schutz'), doc('3', 'q', null)]), ['q~1', 'q~2', null]);
});

test('names relate by a distinctive word or by their bare letters, not by a legal form', () => {
  assert.ok(relatedNames('ENW HARDWARE CENTRE (M) SDN BHD', 'ENW HARDWARE CENTRE (M) SDN. BHD.'));
  assert.ok(!relatedNames('Holzbau Gerber AG', 'Muster Schreinerei AG'));
  assert.ok(!relatedNames('ABC SDN BHD', 'XYZ SDN BHD'));
});
