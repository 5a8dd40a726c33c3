// The other values the rules weighed for a field, for a reviewer to pick from when the chosen one is wrong: the
// runner-up of `scan --explain`, and the rules' own winner when a later step (second look, LLM) replaced it. Each
// carries where it is printed, so that the preview can box it. No confidence: a candidate's score is a rank among
// the candidates, not a probability that it is right.
import type { ExtractedFields, FieldAlternative } from '../../contract.js';
import type { PageText } from '../document.js';
import type { DateOrder } from './dates.js';
import type { Explanation } from './explain.js';
import { LOCATED_FIELDS, locateValue } from './locate.js';
import type { DecimalSeparator } from './numbers.js';

/** At most this many alternatives per field: the preview lists them next to the box, one click each. */
export const MAX_ALTERNATIVES = 2;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a candidate has the type the field's value has (dates ISO, amounts non-zero numbers, texts non-empty). */
function fits(name: string, value: unknown): value is string | number {
  if (name.startsWith('amount_')) return typeof value === 'number' && Number.isFinite(value) && value !== 0; // 0 is no amount read
  if (name === 'date' || name === 'due_date') return typeof value === 'string' && ISO_DATE.test(value);
  return typeof value === 'string' && value.trim() !== '';
}

/** Sets `alternatives` on the fields whose rules had another candidate than the value chosen. */
export function attachAlternatives(
  pages: PageText[], fields: ExtractedFields, explain: Explanation, order: DateOrder, decimal: DecimalSeparator,
): void {
  for (const name of LOCATED_FIELDS) {
    const field = fields[name];
    const ex = explain.fields[name];
    if (!ex) continue;
    const seen = new Set<unknown>([field.value]);
    const alternatives: FieldAlternative[] = [];
    for (const candidate of [ex.winner, ex.runner_up]) {
      if (!candidate || seen.has(candidate.value) || !fits(name, candidate.value)) continue;
      seen.add(candidate.value);
      const place = locateValue(pages, name, candidate.value, order, decimal);
      alternatives.push({ value: candidate.value, ...(place ?? {}) });
    }
    if (alternatives.length) field.alternatives = alternatives.slice(0, MAX_ALTERNATIVES);
  }
}

/** After a step that may change values (the vendor memory): an alternative that became the value is dropped. */
export function dropChosenAlternatives(fields: ExtractedFields): void {
  for (const field of Object.values(fields) as { value: unknown; alternatives?: FieldAlternative[] }[]) {
    if (!field?.alternatives) continue;
    const rest = field.alternatives.filter((a) => a.value !== field.value);
    if (rest.length) field.alternatives = rest;
    else delete field.alternatives;
  }
}
