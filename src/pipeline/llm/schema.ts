// JSON schema of the model's answer, mirroring ExtractedFields in src/contract.ts (every field optional: a model
// that knows nothing about a field should leave it out rather than invent it).
import { DOC_TYPES, FIELD_NAMES, type FieldName } from '../../contract.js';

const confidence = { type: 'number', minimum: 0, maximum: 1 } as const;

function fieldSchema(name: FieldName): object {
  let value: object;
  switch (name) {
    case 'doc_type':
      value = { enum: [...DOC_TYPES, null] };
      break;
    case 'date':
    case 'due_date':
      value = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
      break;
    case 'currency':
      value = { type: ['string', 'null'], pattern: '^[A-Z]{3}$' };
      break;
    case 'amount_total':
    case 'amount_untaxed':
    case 'amount_tax':
      value = { type: ['number', 'null'] };
      break;
    default:
      value = { type: ['string', 'null'], maxLength: 200 };
  }
  return { type: 'object', required: ['value'], additionalProperties: false, properties: { value, confidence } };
}

export const LLM_ANSWER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(FIELD_NAMES.map((n) => [n, fieldSchema(n)])),
} as const;
