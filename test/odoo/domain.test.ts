import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileDomain, normalizeDomain, type DomainSchema, type Row } from '../support/fake-odoo/domain.js';
import { FakeOdooException } from '../support/fake-odoo/exceptions.js';

// A two-model schema in plain objects: partners with a many2one country and a many2many of tags.
const countries: Record<number, Row> = { 1: { id: 1, name: 'Italy', code: 'IT' }, 2: { id: 2, name: 'Germany', code: 'DE' } };
const types: Record<string, string> = { id: 'integer', name: 'char', email: 'char', amount: 'float', date: 'date', active: 'boolean', country_id: 'many2one', tag_ids: 'many2many', 'country_id.code': 'char', 'country_id.name': 'char' };
const schema: DomainSchema = {
  model: 'res.partner',
  fieldType: (path) => types[path] ?? null,
  value: (row, path) => {
    if (path.startsWith('country_id.')) {
      const country = typeof row.country_id === 'number' ? countries[row.country_id] : undefined;
      return country ? country[path.split('.')[1]!] : false;
    }
    return path in row ? row[path] : types[path] === 'many2many' ? [] : false;
  },
  displayName: (row, path) => (path === 'country_id' && typeof row.country_id === 'number' ? (countries[row.country_id]!.name as string) : false),
};

const rows: Row[] = [
  { id: 1, name: 'Azure Interior', email: 'azure@example.com', amount: 10, date: '2024-01-05', active: true, country_id: 1, tag_ids: [1, 2] },
  { id: 2, name: 'Wood Corner', email: false, amount: 25.5, date: '2024-03-01', active: true, country_id: 2, tag_ids: [] },
  { id: 3, name: 'wood_shop 100%', email: 'shop@wood.example', amount: 0, date: false, active: false, country_id: false, tag_ids: [2] },
];

function ids(domain: unknown[]): number[] {
  const predicate = compileDomain(domain, schema);
  return rows.filter(predicate).map((r) => r.id as number);
}

function odooError(fn: () => unknown): FakeOdooException {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof FakeOdooException, `expected an Odoo exception, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

describe('domain normalisation', () => {
  test('adds the implicit & between top-level terms', () => {
    assert.deepEqual(normalizeDomain([['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]), ['&', '&', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]);
    assert.deepEqual(normalizeDomain(['|', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]), ['&', '|', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]);
  });
  test('an empty domain matches everything', () => {
    assert.deepEqual(ids([]), [1, 2, 3]);
  });
  test('an operator without operands is a syntax error', () => {
    assert.match(odooError(() => ids(['|', ['name', '=', 'x']])).message, /syntactically not correct/);
  });
});

describe('domain operators', () => {
  test('= and != follow SQL NULL rules like Odoo (!= also matches empty)', () => {
    assert.deepEqual(ids([['name', '=', 'Wood Corner']]), [2]);
    assert.deepEqual(ids([['email', '=', false]]), [2]);
    assert.deepEqual(ids([['email', '!=', false]]), [1, 3]);
    assert.deepEqual(ids([['email', '!=', 'azure@example.com']]), [2, 3]);
  });
  test('in / not in, including false for empty values', () => {
    assert.deepEqual(ids([['id', 'in', [1, 3]]]), [1, 3]);
    assert.deepEqual(ids([['id', 'not in', [1, 3]]]), [2]);
    assert.deepEqual(ids([['country_id', 'in', [2, false]]]), [2, 3]);
  });
  test('like is case-sensitive and substring; ilike ignores case; =like/=ilike are whole patterns', () => {
    assert.deepEqual(ids([['name', 'like', 'Wood']]), [2]);
    assert.deepEqual(ids([['name', 'ilike', 'wood']]), [2, 3]);
    assert.deepEqual(ids([['name', 'not ilike', 'wood']]), [1]);
    assert.deepEqual(ids([['name', '=like', 'wood%']]), [3]);
    assert.deepEqual(ids([['name', '=ilike', 'wood%']]), [2, 3]);
    assert.deepEqual(ids([['name', '=ilike', 'wood_corner']]), [2], '_ matches one character');
    assert.deepEqual(ids([['email', 'ilike', 'example']]), [1, 3], 'empty values never match ilike');
  });
  test('regular expression characters in like patterns are literal', () => {
    assert.deepEqual(ids([['name', 'ilike', '100%']]), [3]);
    assert.deepEqual(ids([['name', 'ilike', '.*']]), []);
  });
  test('comparisons on numbers and dates; empty values never compare', () => {
    assert.deepEqual(ids([['amount', '>', 5]]), [1, 2]);
    assert.deepEqual(ids([['amount', '>=', 25.5]]), [2]);
    assert.deepEqual(ids([['amount', '<', 10]]), [3]);
    assert.deepEqual(ids([['amount', '<=', 10]]), [1, 3]);
    assert.deepEqual(ids([['date', '<', '2024-02-01']]), [1]);
    assert.deepEqual(ids([['date', '>', '2000-01-01']]), [1, 2]);
  });
  test('=? ignores the leaf when the value is empty', () => {
    assert.deepEqual(ids([['country_id', '=?', false]]), [1, 2, 3]);
    assert.deepEqual(ids([['country_id', '=?', 2]]), [2]);
  });
  test('|, & and ! in prefix notation, nested', () => {
    assert.deepEqual(ids(['|', ['name', 'ilike', 'azure'], ['email', 'ilike', 'wood']]), [1, 3]);
    assert.deepEqual(ids(['!', ['active', '=', true]]), [3]);
    assert.deepEqual(ids(['&', '|', ['id', '=', 1], ['id', '=', 2], '!', ['country_id', '=', 1]]), [2]);
    assert.deepEqual(ids([['active', '=', true], '|', ['amount', '>', 20], ['email', '=', false]]), [2]);
  });
  test('many2one: by id, by display name, and through a dotted path', () => {
    assert.deepEqual(ids([['country_id', '=', 1]]), [1]);
    assert.deepEqual(ids([['country_id', 'ilike', 'germ']]), [2]);
    assert.deepEqual(ids([['country_id.code', '=', 'IT']]), [1]);
  });
  test('many2many: membership by id', () => {
    assert.deepEqual(ids([['tag_ids', 'in', [2]]]), [1, 3]);
    assert.deepEqual(ids([['tag_ids', '=', 1]]), [1]);
    assert.deepEqual(ids([['tag_ids', '=', false]]), [2]);
  });
  test('TRUE_LEAF and FALSE_LEAF', () => {
    assert.deepEqual(ids([[1, '=', 1]]), [1, 2, 3]);
    assert.deepEqual(ids([[0, '=', 1]]), []);
  });
});

describe('domain errors read like Odoo', () => {
  test('unknown field: ValueError naming the model and leaf', () => {
    const err = odooError(() => ids([['nope', '=', 1]]));
    assert.equal(err.odooName, 'builtins.ValueError');
    assert.equal(err.message, "Invalid field res.partner.nope in leaf ('nope', '=', 1)");
  });
  test('unknown operator and malformed leaf', () => {
    assert.equal(odooError(() => ids([['name', 'bogus', 1]])).message, "Invalid leaf ('name', 'bogus', 1)");
    assert.match(odooError(() => ids([['name', '=']])).message, /Invalid leaf/);
    assert.match(odooError(() => compileDomain('name = 1' as unknown as unknown[], schema)).message, /Invalid domain/);
  });
});
