// Whether a document fits the record it was uploaded as. A person who uploads a file through Vendor Bills › Upload
// or as an expense has said what it is; the reader overrules that only when it is sure (the write policy's own
// threshold) that the document is of another kind — a purchase order, a credit note into an expense. A reading that is
// unsure, or that found no sign of any type, fills the record and asks for a review instead of leaving it empty.
import type { DocType, Field } from '../contract.js';
import { writes } from '../pipeline/confidence/policy.js';

export type KindVerdict =
  | { fits: true }
  | { fits: false; sure: boolean; what: string };

export function kindVerdict(field: Field<DocType> | undefined, expected: ReadonlySet<string>, threshold: number): KindVerdict {
  const docType = field?.value ?? null;
  if (docType !== null && expected.has(docType)) return { fits: true };
  const what = docType ? `a ${docType.replace('_', ' ')}` : 'of unknown type';
  return { fits: false, sure: docType !== null && !!field && writes(field, threshold), what };
}

/** The review reason of a record filled although its document may be of another kind. */
export function unsureKindReason(verdict: { what: string }, field: Field<DocType> | undefined, madeAs: string): string {
  const read = field?.value ? ` (read with ${Math.round((field.confidence ?? 0) * 100)} %)` : '';
  return `document may be ${verdict.what}${read}: filled as the ${madeAs} it was uploaded as`;
}
