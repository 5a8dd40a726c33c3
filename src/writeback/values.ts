// Reading Odoo's RPC value shapes: many2one comes back as [id, display_name] or false, x2many as id lists,
// empty scalars as false.

export type OdooRecord = Record<string, unknown>;

/** Id of a many2one value ([id, name], a bare id, or false). */
export function m2oId(value: unknown): number | null {
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  if (typeof value === 'number' && value > 0) return value;
  return null;
}

/** Display name of a many2one value, if the server sent one. */
export function m2oName(value: unknown): string | null {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : null;
}

/** x2many ids ([1, 2]); anything else is no ids. */
export function x2manyIds(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
}

/** "Empty" as a person would see it: false/null, '', 0 amounts, no x2many rows. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return value === 0;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

export function sameAmount(a: number, b: number, tolerance = 0.005): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9;
}

/** Compares a current Odoo value with the value we would write (many2one ids vs [id, name]). */
export function sameOdooValue(current: unknown, next: unknown): boolean {
  if (Array.isArray(current) && typeof next === 'number') return m2oId(current) === next;
  if (typeof current === 'number' && typeof next === 'number') return sameAmount(current, next);
  if (current === false && (next === '' || next === null || next === false)) return true;
  return current === next;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
