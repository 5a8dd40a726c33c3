// Field detection: the same worker code writes the right field names on Odoo 16, 17, 18 and 19.
import type { FieldDef } from './types.js';

/** fields_get attributes the connector asks for (all of them would be ~10x bigger). */
export const FIELD_ATTRIBUTES = ['string', 'type', 'relation', 'required', 'readonly', 'store', 'selection'] as const;

/** hr.expense amount to write from a receipt: `total_amount_currency` since 17, `unit_amount` on 16. */
export const EXPENSE_AMOUNT_FIELDS = ['total_amount_currency', 'unit_amount'] as const;

/** The first candidate the model has, or null. */
export function pickField(fields: Record<string, FieldDef>, candidates: readonly string[]): string | null {
  for (const name of candidates) if (Object.prototype.hasOwnProperty.call(fields, name)) return name;
  return null;
}

/** Keeps only the values whose field exists and is writable, so a version difference never turns into a
 * ValueError "Invalid field". Returns the kept values and the dropped names (for a warning). */
export function writableValues(fields: Record<string, FieldDef>, values: Record<string, unknown>): { values: Record<string, unknown>; dropped: string[] } {
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const def = fields[name];
    if (!def || (def.readonly && !def.store)) dropped.push(name);
    else kept[name] = value;
  }
  return { values: kept, dropped };
}
