// The optional LLM extractor's interface: extraction depends on this, never on a concrete HTTP client.
import type { DocType } from '../../contract.js';

/** What the model may answer: every field optional, each a value and the model's own confidence. */
export interface LlmFieldValue<T> {
  value: T | null;
  confidence?: number;
}

export interface LlmFields {
  doc_type?: LlmFieldValue<DocType>;
  vendor_name?: LlmFieldValue<string>;
  vendor_vat?: LlmFieldValue<string>;
  invoice_number?: LlmFieldValue<string>;
  date?: LlmFieldValue<string>;
  due_date?: LlmFieldValue<string>;
  currency?: LlmFieldValue<string>;
  amount_total?: LlmFieldValue<number>;
  amount_untaxed?: LlmFieldValue<number>;
  amount_tax?: LlmFieldValue<number>;
  po_number?: LlmFieldValue<string>;
}

export type LlmMode = 'fallback' | 'always';

export interface LlmClient {
  readonly mode: LlmMode;
  /** Fields read by the model from the document text; null on any failure (already logged, without the text). */
  extract(text: string, hints: { language: string | null }): Promise<LlmFields | null>;
}
