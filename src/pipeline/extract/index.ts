// Visual-path extraction: document engine text (lines with positions and OCR confidence) -> contract fields.
import { emptyFields, type ExtractedFields, type LineItem } from '../../contract.js';
import type { ReadDocument } from '../document.js';
import type { LlmClient } from '../llm/types.js';
import { mergeLlmFields } from '../llm/merge.js';
import { classifyDocument } from './classify.js';
import { detectCurrency } from './currency.js';
import { inferDateOrder, type DateOrder } from './dates.js';
import { extractDates } from './keydates.js';
import { detectLanguage } from './language.js';
import { buildRows, type Row } from './layout.js';
import { extractLines } from './lines.js';
import { dominantDecimalSeparator } from './numbers.js';
import { extractInvoiceNumber, extractPoNumber } from './references.js';
import { compareReadings, type SecondLookOutcome } from '../confidence/evidence.js';
import { assessReview, DEFAULT_REVIEW_THRESHOLD } from './review.js';
import { secondLook } from './second-look.js';
import { extractTotals } from './totals.js';
import { extractVendor } from './vendor.js';

export { assessReview } from './review.js';
export { detectLanguage } from './language.js';

export interface Extraction {
  fields: ExtractedFields;
  lines: LineItem[];
  language: string | null;
  needs_review: boolean;
  review_reasons: string[];
  /** Per field the second look re-read: did it agree with the first reading (evidence for calibration). */
  secondLook: SecondLookOutcome;
}

export interface ExtractOptions {
  llm?: LlmClient | null;
  reviewThreshold?: number; // default 0.6
}

/** Reads the contract fields from the document's text layer or OCR lines; the LLM (if any) only refines. */
export async function extractFields(doc: ReadDocument, opts: ExtractOptions = {}): Promise<Extraction> {
  const threshold = opts.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  const rules = readRules(doc);
  const { text, language, lines } = rules;
  let fields = rules.fields;
  let secondLookOutcome: SecondLookOutcome = {};
  if (doc.rereadBand) {
    fields = await secondLook(doc, fields, { read: (variant) => readRules(variant).fields, order: rules.order });
    secondLookOutcome = compareReadings(rules.fields, fields);
  }

  const llm = opts.llm ?? null;
  if (llm && text.trim() !== '') {
    const weak = assessReview(fields, lines, threshold).needs_review;
    if (llm.mode === 'always' || weak) {
      try {
        const answer = await llm.extract(doc.text || text, { language });
        if (answer) fields = mergeLlmFields(fields, answer, text);
      } catch (err) {
        // the model is an optional helper: whatever goes wrong, the rules' result stands
        console.warn(`[extract] LLM client failed (${err instanceof Error ? err.name : 'error'}); using rules only`);
      }
    }
  }
  normaliseConfidences(fields);
  const review = assessReview(fields, lines, threshold);
  return { fields, lines, language, ...review, secondLook: secondLookOutcome };
}

/** One pass of the rules over a document's rows. */
function readRules(doc: ReadDocument) {
  const rows = buildRows(doc);
  const text = rows.map((r) => r.text).join('\n');
  const language = detectLanguage(text);
  const lines = extractLines(rows, dominantDecimalSeparator(text));
  const { fields, order } = rulesFields(doc, rows, text, language, lines);
  return { fields, order, text, language, lines };
}

/** The contract: confidence in [0, 1] with two decimals, and exactly 0 for a null value. */
function normaliseConfidences(fields: ExtractedFields): void {
  for (const f of Object.values(fields) as { value: unknown; confidence: number }[]) {
    const c = Number.isFinite(f.confidence) ? Math.min(1, Math.max(0, f.confidence)) : 0;
    f.confidence = f.value === null ? 0 : Math.round(c * 100) / 100;
  }
}

function rulesFields(doc: ReadDocument, rows: Row[], text: string, language: string | null, lines: LineItem[]): { fields: ExtractedFields; order: DateOrder } {
  const fields = emptyFields();
  if (rows.length === 0) return { fields, order: 'DMY' };
  const decimal = dominantDecimalSeparator(text);
  const first = doc.pages[0];
  fields.doc_type = classifyDocument(rows, first && first.width > 0 ? first.height / first.width : null);
  const vendor = extractVendor(rows);
  fields.vendor_name = vendor.vendor_name;
  fields.vendor_vat = vendor.vendor_vat;
  fields.currency = detectCurrency(text, { country: vendor.country });
  // month-first only for US-dollar English documents, and only when the currency evidence is solid
  const usStyle = language === 'en' && fields.currency.value === 'USD' && fields.currency.confidence >= 0.7;
  const order: DateOrder = inferDateOrder(text, usStyle ? 'MDY' : 'DMY');
  const dates = extractDates(rows, order);
  fields.date = dates.date;
  fields.due_date = dates.due_date;
  fields.invoice_number = extractInvoiceNumber(rows);
  fields.po_number = extractPoNumber(rows);
  const totals = extractTotals(rows, decimal, fields.doc_type.value === 'receipt', lines);
  fields.amount_total = totals.amount_total;
  fields.amount_untaxed = totals.amount_untaxed;
  fields.amount_tax = totals.amount_tax;
  return { fields, order };
}
