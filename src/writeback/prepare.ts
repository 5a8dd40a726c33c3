// prepareWriteBack: from an extraction result to the values for Odoo. Reads Odoo, never writes it.
import type { ExtractedFields, FieldName, ScanResult } from '../contract.js';
import type { OdooClient } from '../odoo/types.js';
import { WriteDecisions } from './decisions.js';
import { buildNote, escapeHtml } from './note.js';
import { prepareBillCreate, prepareBillUpdate } from './prepare-bill.js';
import type { PrepareInput, PreparedTarget } from './prepare-context.js';
import { prepareExpense } from './prepare-expense.js';
import { creditNoteFromNegativeTotal } from './signs.js';
import type { PreparedValues, WorkTarget, WritePolicy } from './types.js';
import { validatePolicy, validateTarget } from './validate.js';
import { reasonInWords } from './words.js';

// The fields every document's trust depends on; the job's confidence is the weakest of those present.
const KEY_FIELDS: FieldName[] = ['doc_type', 'vendor_name', 'invoice_number', 'date', 'amount_total'];

export function overallConfidence(fields: ExtractedFields | undefined): number {
  if (!fields) return 0;
  const present = KEY_FIELDS.map((k) => fields[k]).filter((f) => f && f.value !== null);
  if (present.length === 0) return 0;
  return Math.round(Math.min(...present.map((f) => f.confidence)) * 100) / 100;
}

function unreadable(result: ScanResult): PreparedValues {
  const reason = result.error
    ? `document could not be read (${result.error.code}): ${result.error.message}`
    : 'document could not be read: no fields extracted';
  return {
    write: {}, create_move: null,
    note: `<p><b>OCR failed</b></p><ul><li>${escapeHtml(reason)}</li></ul>`,
    needs_review: true, review_reasons: [reason], doc_type: null, confidence: 0,
    duration_ms: result.timings_ms?.total ?? 0,
  };
}

function prepareTarget(input: PrepareInput): Promise<PreparedTarget> {
  switch (input.target.resModel) {
    case 'hr.expense': return prepareExpense(input);
    case 'account.move': return prepareBillUpdate(input);
    case 'ir.attachment': return prepareBillCreate(input);
  }
}

/** Sets Odoo's own "to check" flag on a bill under review: to_check up to 17, checked = false from 18 on. */
function flagForReview(d: WriteDecisions): void {
  if (d.has('to_check')) d.set('to_check', true);
  else if (d.has('checked')) d.set('checked', false);
}

export async function prepareWriteBack(
  client: OdooClient, target: WorkTarget, scanned: ScanResult, policy: WritePolicy,
): Promise<PreparedValues> {
  validateTarget(target);
  validatePolicy(policy);
  if (scanned.error || !scanned.fields) return unreadable(scanned);

  const { result, flipped } = creditNoteFromNegativeTotal(scanned);
  const fields = result.fields as ExtractedFields;
  const prepared = await prepareTarget({ client, target, result, fields, policy });
  const d = prepared.decisions;
  if (flipped) d.info('negative total: handled as a credit note with positive amounts');
  const withheld = d.withheldReason();
  const withheldNames = new Set(d.withheld.map((w) => w.name));
  const extractionReasons = (result.review_reasons ?? []).map((r) => reasonInWords(r, withheldNames)).filter((r): r is string => r !== null);
  const reasons = [...new Set([...extractionReasons, ...d.reasons, ...(withheld ? [withheld] : [])])];
  const needsReview = result.needs_review === true || reasons.length > 0;
  if (needsReview && prepared.canFlagReview) flagForReview(d);

  const confidence = overallConfidence(fields);
  const note = buildNote({
    fields, source: result.source ?? null, partnerOutcome: prepared.partnerOutcome,
    decisions: d, reasons: reasons.filter((r) => r !== withheld), action: prepared.action, confidence,
  });
  return {
    write: prepared.mode === 'write' ? { ...d.values } : {},
    create_move: prepared.mode === 'create' ? { ...d.values } : null,
    note,
    needs_review: needsReview,
    review_reasons: reasons,
    doc_type: fields.doc_type.value,
    confidence,
    duration_ms: result.timings_ms?.total ?? 0,
  };
}
