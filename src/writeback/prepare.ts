// prepareWriteBack: from an extraction result to the values for Odoo. Reads Odoo, never writes it.
import type { ExtractedFields, FieldName, ScanResult } from '../contract.js';
import { crossCheckReasons, type DocumentKind, KEY_FIELDS, keyConfidence, keyFieldReasons } from '../pipeline/confidence/policy.js';
import type { OdooClient } from '../odoo/types.js';
import { WriteDecisions } from './decisions.js';
import { buildNote, escapeHtml } from './note.js';
import { prepareBillCreate, prepareBillUpdate } from './prepare-bill.js';
import type { PrepareInput, PreparedTarget } from './prepare-context.js';
import { prepareExpense } from './prepare-expense.js';
import { reviewFlagValues } from './rules.js';
import { creditNoteFromNegativeTotal } from './signs.js';
import { type PreparedValues, type WorkTarget, WriteBackError, type WritePolicy } from './types.js';
import { orderRoute, prepareOrderWriteBack } from './orders/index.js';
import { validatePolicy, validateTarget } from './validate.js';
import { rememberSeen } from './typed-between.js';
import { reasonInWords } from './words.js';
import { reasonText, type ReviewCode, textReason } from './reasons.js';

/** Expenses are paid by employees; bills (to fill or to create) by the company: their key fields differ. */
export function kindOfTarget(target: WorkTarget): DocumentKind {
  return target.resModel === 'hr.expense' ? 'expense' : 'bill';
}

function unreadable(result: ScanResult): PreparedValues {
  const reason = result.error
    ? `document could not be read (${result.error.code}): ${result.error.message}`
    : 'document could not be read: no fields extracted';
  return {
    write: {}, create_move: null,
    note: `<p><b>OCR failed</b></p><ul><li>${escapeHtml(reason)}</li></ul>`,
    needs_review: true, review_reasons: [reason], review_codes: [textReason(reason)], doc_type: null, confidence: 0,
    duration_ms: result.timings_ms?.total ?? 0,
  };
}

function prepareTarget(input: PrepareInput): Promise<PreparedTarget> {
  switch (input.target.resModel) {
    case 'hr.expense': return prepareExpense(input);
    case 'account.move': return prepareBillUpdate(input);
    case 'ir.attachment': return prepareBillCreate(input);
    default: throw new WriteBackError('INVALID_TARGET', `${input.target.resModel} documents are prepared as orders`);
  }
}

/** Sets Odoo's own "to check" flag on a bill under review (the rules table's review_flag). */
function flagForReview(d: WriteDecisions): void {
  for (const [field, value] of Object.entries(reviewFlagValues(d.fieldDefs, true) ?? {})) d.set(field, value);
}

/** Each reason once (by its sentence), codes and sentences in the same order. */
function uniqueReasons(codes: ReviewCode[]): ReviewCode[] {
  const seen = new Set<string>();
  return codes.filter((c) => {
    const text = reasonText(c);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

export async function prepareWriteBack(
  client: OdooClient, target: WorkTarget, scanned: ScanResult, policy: WritePolicy,
): Promise<PreparedValues> {
  validateTarget(target);
  validatePolicy(policy);
  if (scanned.error || !scanned.fields) return unreadable(scanned);
  // customers' orders and suppliers' delivery notes have their own write-back (./orders)
  const route = await orderRoute(client, target, scanned);
  if (route) return prepareOrderWriteBack(route, client, target, scanned, policy);

  const { result, flipped } = creditNoteFromNegativeTotal(scanned);
  const fields = result.fields as ExtractedFields;
  const prepared = await prepareTarget({ client, target, result, fields, policy });
  const d = prepared.decisions;
  if (flipped) d.info('negative total: handled as a credit note with positive amounts');
  // The write policy, with this worker's (or this company's) threshold: key fields not written, cross-checks that
  // disagree, and what the preparation found (possible duplicates, unusable currency, …) — each said once, in an
  // accountant's words: a key field held back for its confidence is named in the one "not written" reason.
  const kind = kindOfTarget(target);
  const confidenceOf = (n: FieldName) => d.adjusted[n] ?? fields[n].confidence;
  const withheld = d.withheldReason();
  const withheldNames = new Set(d.withheld.map((w) => w.name));
  // the worker's vendor is the partner it found: a VAT that matched one raised the vendor's probability already
  // (prepare-bill.ts), one that matched none is a review reason of its own — so no alternative stands in for it here
  const keyReasons = prepared.mode === 'none' ? [] : keyFieldReasons(fields, kind, d.threshold, (n) => confidenceOf(n) >= d.threshold || withheldNames.has(n), false);
  const checks = [...keyReasons, ...crossCheckReasons(fields, result.lines ?? [], result.source, result.payable)];
  const inWords = checks.map((r) => reasonInWords(r, withheldNames)).filter((r): r is ReviewCode => r !== null);
  // Fields held back for their confidence send the record to review only when one is a key field (bills: total,
  // date, vendor; expenses: total, date): a vendor name or reference left empty on a receipt whose total and date
  // were written is said in the note, not flagged.
  const keyWithheld = prepared.mode !== 'none' && d.withheld.some((w) => (KEY_FIELDS[kind] as readonly string[]).includes(w.name));
  const needsReview = inWords.length > 0 || d.reasonCodes.length > 0 || keyWithheld;
  const codes = uniqueReasons([...inWords, ...d.reasonCodes, ...(withheld && needsReview ? [withheld] : [])]);
  const reasons = codes.map(reasonText);
  const withheldText = withheld ? reasonText(withheld) : null;
  if (needsReview && prepared.canFlagReview) flagForReview(d);

  const confidence = keyConfidence(fields, kind, d.adjusted); // the job's figure, the same in the note and the banner
  const note = buildNote({
    fields, source: result.source ?? null, partnerOutcome: prepared.partnerOutcome,
    decisions: d, reasons: reasons.filter((r) => r !== withheldText), action: prepared.action, confidence,
  });
  const out: PreparedValues = {
    write: prepared.mode === 'write' ? { ...d.values } : {},
    create_move: prepared.mode === 'create' ? { ...d.values } : null,
    note,
    needs_review: needsReview,
    review_reasons: reasons,
    review_codes: codes,
    doc_type: fields.doc_type.value,
    confidence,
    ...(d.activateCurrencyIds.length ? { activate_currency_ids: [...d.activateCurrencyIds] } : {}),
    duration_ms: result.timings_ms?.total ?? 0,
  };
  if (prepared.current) rememberSeen(out, prepared.current); // the addon-less write tells typed values apart by it
  return out;
}
