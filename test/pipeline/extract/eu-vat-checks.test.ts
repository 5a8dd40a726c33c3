import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findVatIds, validateVat } from '../../../src/pipeline/extract/vat.js';

// Companies' VAT ids as published online (two per country, as printed), each country's check held; the same id with
// two digits swapped or one digit changed fails it. Before eu-vat-checks.ts these countries' ids checked `null`.
const VALID: Record<string, string[]> = {
  BG: ['BG 124 551 319', 'BG 131202360'], CZ: ['CZ 25577581', 'CZ 61467839'], DK: ['DK 11 97 56 58', 'DK 13 31 04 59'],
  EE: ['EE 100523487', 'EE 100594102'], EL: ['EL 044824428', 'EL 094012834'], FI: ['FI 0982651-1', 'FI 20194885'],
  HU: ['HU 10672101', 'HU 12723650'], IE: ['IE 632 3420 C', 'IE6433435IH', 'IE8D79739I'],
  LT: ['LT 100001509912', 'LT 100001906711'], LV: ['LV 40003189718', 'LV 40003655379'],
  MT: ['MT 1167-9112', 'MT 17025737'], PL: ['PL 5211754253', 'PL 5423074698'], RO: ['RO 13837330', 'RO 16621241'],
  SE: ['SE 390 806 051 401', 'SE 556.383.740.901'], SI: ['SI 29664373', 'SI 50223054'],
  SK: ['SK 202 274 96 19', 'SK 2021 6858 20'], CY: ['CY 10246672X', 'CY-10189098G'],
};
const compact = (s: string) => s.toUpperCase().replace(/[\s.\-]/g, '');

test('the published check of each country holds on real ids', () => {
  for (const [country, ids] of Object.entries(VALID)) {
    for (const id of ids) assert.deepEqual(validateVat(compact(id)), { country, checksum: true }, id);
  }
});

test('a slip of one digit fails the check', () => {
  const misread: [string, string][] = [
    ['PL5211754253', 'PL5211745253'], ['DK11975658', 'DK11975668'], ['FI20194885', 'FI20194855'],
    ['IE6323420C', 'IE6323420D'], ['RO13837330', 'RO13873330'], ['EE100523487', 'EE100523477'],
    ['HR33392005961', 'HR33392005962'], ['LT100001509912', 'LT100001509913'], ['SK2022749619', 'SK2022749629'], ['CY10246672X', 'CY10246672Y'],
  ];
  for (const [right, wrong] of misread) {
    assert.equal(validateVat(right)?.checksum, true, right);
    assert.equal(validateVat(wrong)?.checksum, false, wrong);
  }
});

test('the suffixes and prefixes no id is issued with fail', () => {
  assert.equal(validateVat('SE556383740907')?.checksum, false, 'a Swedish id ends in 01');
  assert.equal(validateVat('CY12000000F')?.checksum, false, 'no Cypriot id starts with 12');
});

test('a count printed after an id of a variable length is no part of it', () => {
  const [id] = findVatIds('DIČ: CZ 25577581 12 ks', { labelled: true });
  assert.equal(id?.value, 'CZ25577581');
  assert.equal(id?.checksum, true);
});

test('forms whose id carries no check a print can be held to stay unchecked', () => {
  assert.equal(validateVat('LV12345678901')?.checksum, null, "a Latvian person's code");
  assert.equal(validateVat('CZ123456789')?.checksum, null, 'a Czech birth number of nine digits');
  assert.equal(validateVat('BG1234567890')?.checksum, null, 'a Bulgarian ten-digit id');
});
