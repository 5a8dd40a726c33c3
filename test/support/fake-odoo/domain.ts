// Odoo domain evaluation in memory: prefix notation with implicit '&', the common operators, dotted paths
// through many2one fields, and Odoo's NULL rules (negative operators also match empty values).
import { valueError } from './exceptions.js';
import { pyRepr } from './python.js';

export type Row = Record<string, unknown>;

/** What the evaluator needs to know about a model. */
export interface DomainSchema {
  model: string;
  /** Field type of a (dotted) path, or null when a part does not exist. */
  fieldType(path: string): string | null;
  /** Stored value at a (dotted) path: many2one as id|false, x2many as id lists. */
  value(row: Row, path: string): unknown;
  /** display_name of the record a many2one path points to (for string comparisons on many2one). */
  displayName(row: Row, path: string): string | false;
}

const OPERATORS = new Set(['=', '!=', '<>', 'in', 'not in', 'like', 'ilike', 'not like', 'not ilike', '=like', '=ilike', '<', '<=', '>', '>=', '=?']);

/** Adds the implicit '&' operators so the domain is a single prefix expression (like Odoo's normalize_domain). */
export function normalizeDomain(domain: unknown[]): unknown[] {
  if (domain.length === 0) return [[1, '=', 1]];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (token === '&' || token === '|') expected += 1;
    else if (token === '!') expected += 0;
    else expected -= 1;
    result.push(token);
  }
  if (expected !== 0) throw valueError(`Domain ${pyRepr(domain)} is syntactically not correct.`);
  return result;
}

function likeToRegExp(pattern: string, wrap: boolean, caseInsensitive: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(wrap ? source : `^${source}$`, caseInsensitive ? 'si' : 's');
}

const isEmpty = (v: unknown) => v === false || v === null || v === undefined || (Array.isArray(v) && v.length === 0);

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function evalLeaf(leaf: [string, string, unknown], row: Row, schema: DomainSchema): boolean {
  const [path, rawOp, value] = leaf;
  const op = rawOp === '<>' ? '!=' : rawOp;
  const type = schema.fieldType(path);
  const stored = schema.value(row, path);
  const relational = type === 'many2one' || type === 'one2many' || type === 'many2many';
  // Relational fields compared with text are compared by the target's display name, as name_search does.
  const textual = relational && (typeof value === 'string' || (Array.isArray(value) && value.some((v) => typeof v === 'string')));
  const actual: unknown = textual ? (type === 'many2one' ? schema.displayName(row, path) : stored) : stored;
  const values: unknown[] = Array.isArray(actual) ? actual : [actual];

  switch (op) {
    case '=?':
      return value === false || value === null || value === undefined ? true : evalLeaf([path, '=', value], row, schema);
    case '=':
      if (isEmpty(value)) return isEmpty(actual);
      return values.some((v) => v === value);
    case '!=':
      if (isEmpty(value)) return !isEmpty(actual);
      return !values.some((v) => v === value);
    case 'in':
    case 'not in': {
      const list = Array.isArray(value) ? value : [value];
      const hit = (isEmpty(actual) && list.some((v) => v === false || v === null)) || values.some((v) => !isEmpty(v) && list.includes(v));
      return op === 'in' ? hit : !hit;
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike':
    case '=like':
    case '=ilike': {
      const negative = op.startsWith('not');
      if (isEmpty(value)) return negative ? isEmpty(actual) : true; // ilike '' matches everything, even empty
      if (isEmpty(actual)) return negative;
      const re = likeToRegExp(String(value), !op.startsWith('='), op.includes('ilike'));
      const hit = values.some((v) => !isEmpty(v) && re.test(String(v)));
      return negative ? !hit : hit;
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (isEmpty(actual) || value === false || value === null) return false;
      return values.some((v) => {
        const c = compare(v, value);
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      });
    }
    default:
      throw valueError(`Invalid leaf ${pyRepr(leaf, true)}`);
  }
}

type Predicate = (row: Row) => boolean;

/** Validates and compiles a domain; invalid fields/operators raise Odoo's ValueError texts. */
export function compileDomain(domain: unknown, schema: DomainSchema): Predicate {
  if (!Array.isArray(domain)) throw valueError(`Invalid domain ${pyRepr(domain)}`);
  const tokens = normalizeDomain(domain);
  let pos = 0;
  const parse = (): Predicate => {
    const token = tokens[pos++];
    if (token === '&' || token === '|') {
      const left = parse();
      const right = parse();
      return token === '&' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
    }
    if (token === '!') {
      const inner = parse();
      return (r) => !inner(r);
    }
    if (!Array.isArray(token) || token.length !== 3) throw valueError(`Invalid leaf ${pyRepr(token)}`);
    const [path, op, value] = token as [unknown, unknown, unknown];
    if ((path === 1 || path === 0) && op === '=' && value === 1) {
      const constant = path === 1;
      return () => constant;
    }
    if (typeof path !== 'string' || typeof op !== 'string' || !OPERATORS.has(op.toLowerCase())) {
      throw valueError(`Invalid leaf ${pyRepr(token, true)}`);
    }
    if (schema.fieldType(path) === null) {
      throw valueError(`Invalid field ${schema.model}.${path.split('.')[0]} in leaf ${pyRepr(token, true)}`);
    }
    const leaf: [string, string, unknown] = [path, op.toLowerCase(), value];
    return (r) => evalLeaf(leaf, r, schema);
  };
  const predicate = parse();
  return predicate;
}
