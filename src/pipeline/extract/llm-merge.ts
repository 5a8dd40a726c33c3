// Merging the model's answer into the rules' fields, per field. The model never outranks well-supported rules:
// its confidence is capped, and a value that the document text does not contain is dropped.
import { DOC_TYPES, FIELD_NAMES, type ExtractedFields, type Field, type FieldName } from '../../contract.js';
import { findAmounts } from './numbers.js';
import { findDates, inferDateOrder } from './dates.js';
import { alnumKey } from './vat.js';
import type { LlmFields } from '../llm/types.js';
import { roundHundredths } from '../rounding.js';

export const LLM_CONFIDENCE_CAP = 0.8;

/** Is the model's value visible in the text? Amounts and dates in any printed form, strings on letters/digits. */
export function supportedByText(name: FieldName, value: unknown, text: string): boolean {
  if (value === null || value === undefined) return false;
  if (name === 'doc_type' || name === 'currency') return true; // inferred, not copied
  if (typeof value === 'number') {
    const comma = findAmounts(text, ',');
    const dot = findAmounts(text, '.');
    return [...comma, ...dot].some((a) => Math.abs(Math.abs(a.value) - Math.abs(value)) < 0.005);
  }
  if (name === 'date' || name === 'due_date') {
    // read the text's dates the way the document writes them, so a swapped day and month is not "supported"
    return findDates(text, inferDateOrder(text, 'DMY')).some((d) => d.iso === value);
  }
  const key = alnumKey(String(value));
  if (key.length === 0) return false;
  const hay = alnumKey(text);
  if (hay.includes(key)) return true;
  if (name === 'vendor_name') {
    // names may be abbreviated or reflowed: most of their words must appear
    const words = String(value).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2);
    const lower = text.toLowerCase();
    return words.length > 0 && words.filter((w) => lower.includes(w)).length / words.length >= 0.6;
  }
  return false;
}

function valid(name: FieldName, value: unknown): boolean {
  switch (name) {
    case 'doc_type': return typeof value === 'string' && (DOC_TYPES as readonly string[]).includes(value);
    case 'date': case 'due_date': return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'currency': return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
    case 'amount_total': case 'amount_untaxed': case 'amount_tax': return typeof value === 'number' && Number.isFinite(value);
    default: return typeof value === 'string' && value.trim().length > 0;
  }
}

export function mergeLlmFields(rules: ExtractedFields, llm: LlmFields, text: string): ExtractedFields {
  const merged = { ...rules };
  for (const name of FIELD_NAMES) {
    const answer = llm[name];
    if (!answer || answer.value === null || answer.value === undefined || !valid(name, answer.value)) continue;
    const current = rules[name] as Field<unknown>;
    const claimed = typeof answer.confidence === 'number' ? Math.min(1, Math.max(0, answer.confidence)) : 0.7;
    const supported = supportedByText(name, answer.value, text);
    // unsupported values are hallucinations more often than not: keep them only where rules found nothing
    let conf = Math.min(LLM_CONFIDENCE_CAP, claimed) * (supported ? 1 : 0.4);
    if (!supported && current.value !== null) continue;
    const agrees = current.value !== null && String(current.value) === String(answer.value);
    if (agrees) {
      (merged as Record<FieldName, Field<unknown>>)[name] = {
        value: current.value,
        confidence: roundHundredths(Math.min(0.99, current.confidence + (1 - current.confidence) * 0.5)),
      };
      continue;
    }
    conf = roundHundredths(conf);
    if (current.value === null || conf > current.confidence) {
      (merged as Record<FieldName, Field<unknown>>)[name] = { value: answer.value, confidence: conf };
    }
  }
  return merged;
}
