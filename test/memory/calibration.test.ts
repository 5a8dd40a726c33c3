import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { emptyFields } from '../../src/contract.js';
import { anchorBasis, type MemoryCalibration, probabilityOf } from '../../src/memory/calibration.js';
import { fitMemoryCalibration, withheldFills } from '../../src/memory/calibration-fit.js';
import { collectEvidence } from '../../src/memory/evidence.js';
import { matchProfile } from '../../src/memory/match.js';
import { builtReceipt } from './built-receipt.js';
import { MemoryStore, VendorMemory } from '../../src/memory/index.js';
import { SqliteProfileStore } from '../../src/memory/sqlite-store.js';
import { openStateDb } from '../../src/worker/state-db.js';
import { acmeBill } from './acme-bill.js';

// The `learned` source's own calibration: fitted per cell from what the memory did, never less sure with more
// confirmations; a profile that predicts wrong loses weight; one company's profile never reaches another company.

const samples = (basis: string, right: number, wrong: number) => [
  ...Array.from({ length: right }, () => ({ basis, right: true })),
  ...Array.from({ length: wrong }, () => ({ basis, right: false })),
];

test('the fit: each cell is the rate its values were right, shrunk toward its coarser cell, and more confirmations never lower it', () => {
  const table = fitMemoryCalibration([
    ...samples('agree:amount:a1:1:hi', 40, 0),
    ...samples('agree:amount:a1:2:hi', 18, 2), // fewer right than with one confirmation: pooled with it
    ...samples('agree:date:a1:1:hi', 9, 1),
    ...samples('read:amount:a1:0:lo', 3, 7),
  ]);
  const p = (b: string) => probabilityOf(b, table);
  assert.ok(p('agree:amount:a1:1:hi') > 0.9 && p('agree:amount:a1:1:hi') < 1);
  assert.ok(p('agree:amount:a1:2:hi') >= p('agree:amount:a1:1:hi'), 'monotone in confirmations');
  assert.ok(p('read:amount:a1:0:lo') < 0.5, 'a cell that was mostly wrong stays low');
  assert.equal(p('agree:amount:a1:3:hi'), p('agree:amount:a1'), 'a cell never seen takes its coarser cell');
  assert.equal(p('default:currency:2'), 0.8, 'a situation never seen takes the unfitted prior, below any write threshold');
  assert.deepEqual(table.counts['agree:amount'], [58, 60]);
});

/** A table in which each confirmation is worth more, as the fit makes it. */
const TABLE: MemoryCalibration = {
  version: 1, fitted: {}, counts: {},
  cells: { fill: 0.8, 'fill:reference:a1:0': 0.6, 'fill:reference:a1:1': 0.9, 'fill:reference:a1:2': 0.97, 'fill:reference:a1:3': 0.98, vendor: 0.9 },
};

test('a profile that predicts wrong after learning loses weight: its value is believed less, then not supplied at all', async () => {
  const memory = new VendorMemory(new MemoryStore(), TABLE);
  const call = { memory, company: 'A' };
  const rules = emptyFields();
  const post = (n: string, kept = n, extra?: string) => memory.consult(acmeBill(n, extra), rules, { ...call, truth: { vendor_name: 'Acme Tools GmbH', invoice_number: kept } });
  await post('RE-1001');
  await post('RE-1002');
  const trusted = await memory.consult(acmeBill('RE-1003'), rules, call);
  assert.equal(trusted.fields.invoice_number.value, 'RE-1003');
  assert.equal(trusted.info.basis?.invoice_number, 'fill:reference:a1:2:hi:invoice_number');
  assert.equal(trusted.fields.invoice_number.confidence, 0.97);

  // the accountant now posts another reference, printed elsewhere: the memory's pick was wrong
  await post('RE-1003', 'AB-333', 'Ref. AB-333');
  const doubted = await memory.consult(acmeBill('RE-1004'), rules, call);
  assert.equal(doubted.fields.invoice_number.value, 'RE-1004');
  assert.ok(doubted.fields.invoice_number.confidence < trusted.fields.invoice_number.confidence, `loses weight: ${doubted.fields.invoice_number.confidence}`);
  assert.ok(doubted.fields.invoice_number.confidence < 0.97, 'no longer written at the default threshold');

  await post('RE-1004', 'AB-444', 'Ref. AB-444');
  await post('RE-1005', 'AB-555', 'Ref. AB-555');
  const demoted = await memory.consult(acmeBill('RE-1006'), rules, call);
  assert.notEqual(demoted.fields.invoice_number.value, 'RE-1006', 'the anchor that kept being wrong is not read any more');
});

test('the support of an anchor: its net confirmations, one less when the memory\'s picks were wrong half the time', () => {
  assert.equal(anchorBasis('agree', 'amount', { hits: 2, misses: 0 }, { hits: 1, misses: 0 }, 0.9), 'agree:amount:a1:2:hi');
  assert.equal(anchorBasis('agree', 'amount', { hits: 2, misses: 0 }, { hits: 2, misses: 1 }, 0.9), 'agree:amount:a1:1:hi');
  assert.equal(anchorBasis('read', 'date', { hits: 7, misses: 1 }, { hits: 5, misses: 0 }, 0.5), 'read:date:a1:3:lo');
  assert.equal(anchorBasis('read', 'date', { hits: 1, misses: 2 }, { hits: 0, misses: 0 }, 1), 'read:date:a1:0:hi');
});

test('one company\'s profile never applies to another company, in every store', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'memory-companies-'));
  const db = openStateDb(dir);
  try {
    for (const store of [new MemoryStore(), new SqliteProfileStore(db, 'https://odoo.example|prod')]) {
      const memory = new VendorMemory(store, TABLE);
      const rules = emptyFields();
      for (const n of ['RE-1001', 'RE-1002']) {
        await memory.consult(acmeBill(n), rules, { memory, company: '1', truth: { vendor_name: 'Acme Tools GmbH', invoice_number: n }, partner: { id: 7, name: 'Acme Tools GmbH', vat: null } });
      }
      const own = await memory.consult(acmeBill('RE-1003'), rules, { memory, company: '1' });
      assert.equal(own.info.matched_by, 'domain');
      assert.equal(own.fields.invoice_number.value, 'RE-1003');
      for (const call of [{ memory, company: '2' }, { memory, company: '2', partnerId: 7 }]) {
        const other = await memory.consult(acmeBill('RE-1003'), rules, call);
        assert.equal(other.info.profile, null, 'not matched, not even by the partner id');
        assert.deepEqual(other.info.basis, {});
        assert.deepEqual(other.fields, rules, 'fields as the rules read them');
        assert.equal(other.info.accounting, undefined);
      }
      assert.equal((await store.list('2')).length, 0);
    }
    const otherDatabase = new SqliteProfileStore(db, 'https://odoo.example|test');
    assert.equal((await otherDatabase.list('1')).length, 0, 'nor does a profile reach the same company id in another Odoo database');
  } finally {
    db.close();
  }
});

test('an anchor reading the rules\' own value confirms a sure reading and merely agrees with an unsure one: cells of their own', async () => {
  const table: MemoryCalibration = { version: 1, fitted: {}, counts: {}, cells: { confirm: 0.99, agree: 0.7 } };
  const memory = new VendorMemory(new MemoryStore(), table);
  const rules = emptyFields();
  await memory.consult(acmeBill('RE-1001'), rules, { memory, company: 'A', truth: { vendor_name: 'Acme Tools GmbH', invoice_number: 'RE-1001' } });
  const read = { ...emptyFields(), invoice_number: { value: 'RE-1002', confidence: 0.5 } };
  const sure = { ...emptyFields(), invoice_number: { value: 'RE-1002', confidence: 0.97 } };
  const unsure = { ...emptyFields(), invoice_number: { value: 'RE-1002', confidence: 0.6 } };
  const confirmed = await memory.consult(acmeBill('RE-1002'), read, { memory, company: 'A' }, undefined, sure);
  assert.equal(confirmed.info.basis?.invoice_number, 'confirm:reference:a1:1:hi:invoice_number');
  assert.equal(confirmed.fields.invoice_number.confidence, 0.99);
  const agreed = await memory.consult(acmeBill('RE-1002'), read, { memory, company: 'A' }, undefined, unsure);
  assert.equal(agreed.info.basis?.invoice_number, 'agree:reference:a1:1:hi:invoice_number');
  assert.equal(agreed.fields.invoice_number.confidence, 0.7);
});

test('each placed field is a cell of its own, finest, shrunk toward its kind\'s: a document\'s one total is not confirmed as wrongly as one rate\'s tax line', () => {
  assert.equal(anchorBasis('confirm', 'amount', { hits: 1, misses: 0 }, { hits: 0, misses: 0 }, 0.9, 1, 'amount_total'), 'confirm:amount:a1:1:hi:amount_total');
  assert.equal(anchorBasis('confirm', 'amount', { hits: 1, misses: 0 }, { hits: 0, misses: 0 }, 0.9, 1, 'amount_tax'), 'confirm:amount:a1:1:hi:amount_tax');
  const table = fitMemoryCalibration([
    ...samples('confirm:amount:a1:1:hi:amount_total', 30, 0),
    ...samples('confirm:amount:a1:1:hi:amount_tax', 8, 2),
  ]);
  const p = (b: string) => probabilityOf(b, table);
  assert.ok(p('confirm:amount:a1:1:hi:amount_total') >= 0.99, `the totals' cell is theirs: ${p('confirm:amount:a1:1:hi:amount_total')}`);
  assert.ok(p('confirm:amount:a1:1:hi:amount_tax') < 0.9, 'the taxes\' wrong confirmations lower the taxes\' cell');
  assert.ok(p('confirm:amount:a1:1:hi') < 0.99, 'pooled, neither would be written');
  // a table fitted before the fields were told apart reads a field's cell as its kind's
  assert.equal(probabilityOf('confirm:amount:a1:1:hi:amount_total', { version: 1, fitted: {}, counts: {}, cells: { 'confirm:amount:a1:1:hi': 0.97 } }), 0.97);
});

test('the fit measures fills where the rules read the value too: each placed field they read, withheld, is what the anchors would have filled', async () => {
  const header = ['KEDAI MAKMUR JAYA SDN BHD', 'GST ID : 000381399040', 'NO 12 JALAN BESAR'];
  const memory = new VendorMemory(new MemoryStore());
  const read = (total: number | null, date: string | null) => {
    const f = emptyFields();
    f.amount_total = { value: total, confidence: total === null ? 0 : 0.99 };
    f.date = { value: date, confidence: date === null ? 0 : 0.99 };
    return f;
  };
  const receipt = (date: string, total: string) => builtReceipt(header, [['DATE', date], ['ITEM A', total], ['TOTAL', total], ['CASH', '50.00']]);
  await memory.consult(receipt('14/03/2018', '10.60'), read(10.6, '2018-03-14'), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', date: '2018-03-14', amount_total: 10.6 } });
  const ev = collectEvidence(receipt('02/05/2018', '21.20'));
  const match = matchProfile(await memory.store.list('A'), ev)!;
  // the rules read the total, not the date: the total withheld is a fill sample; the date, which the rules lacked, is
  // measured by the document's own outcome (a fill it made), not twice
  const fills = withheldFills(match, ev, read(21.2, null), null);
  assert.deepEqual(fills.map((f) => [f.name, f.value]), [['amount_total', 21.2]]);
  assert.match(fills[0]!.basis, /^fill:amount:a\d:\d:hi:amount_total$/);
  // consult gives the match it made, before it learned from the document, and the document's evidence: a measurement
  // applies them again (bench:memory), not a match of its own
  const consulted = await memory.consult(receipt('02/05/2018', '21.20'), read(21.2, null), { memory, company: 'A', truth: { vendor_name: 'Kedai Makmur Jaya Sdn Bhd', date: '2018-05-02', amount_total: 21.2 } });
  assert.equal(consulted.match?.profile.documents, 1, 'the profile as matched, before this document');
  assert.equal((await memory.store.list('A'))[0]!.documents, 2);
  assert.deepEqual(withheldFills(consulted.match!, consulted.evidence, read(21.2, null), null), fills);
});
