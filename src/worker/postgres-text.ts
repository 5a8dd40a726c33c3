// PostgreSQL cannot store U+0000 in text or JSON ("unsupported Unicode escape sequence": the whole complete() is
// rolled back). Some PDFs' text layers map a glyph to it; what the worker sends to be stored is cleaned of it.

const NUL = /\u0000/g;

/** A deep copy of plain JSON data with every U+0000 removed from its strings (keys included). */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replace(NUL, '') as T;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(NUL, ''), withoutNul(v)])) as T;
  }
  return value;
}
