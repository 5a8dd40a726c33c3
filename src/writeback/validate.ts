// Input checks at the public boundary: a wrong id or policy is a caller bug and gets a typed error, not a
// confusing Odoo fault halfway through a write.
import { DEFAULT_WRITE_THRESHOLD } from '../pipeline/confidence/policy.js';
import { type TargetModel, type WorkTarget, WriteBackError, type WritePolicy } from './types.js';

const TARGET_MODELS: ReadonlySet<string> = new Set<TargetModel>(['hr.expense', 'account.move', 'ir.attachment', 'sale.order', 'stock.picking']);

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

export function validateTarget(target: WorkTarget): void {
  if (!target || !TARGET_MODELS.has(target.resModel)) {
    throw new WriteBackError('INVALID_TARGET', `unsupported target model: ${String(target?.resModel)}`);
  }
  if (!isId(target.attachmentId)) throw new WriteBackError('INVALID_TARGET', 'attachmentId must be a positive integer');
  if (target.resModel !== 'ir.attachment' && !isId(target.resId)) {
    throw new WriteBackError('INVALID_TARGET', `${target.resModel} target needs a positive integer resId`);
  }
  if (target.companyId !== null && !isId(target.companyId)) {
    throw new WriteBackError('INVALID_TARGET', 'companyId must be null or a positive integer');
  }
}

/** The policy's write threshold: writeThreshold, else the deprecated reviewThreshold, else the default. */
export function writeThresholdOf(policy: WritePolicy): number {
  return policy.writeThreshold ?? policy.reviewThreshold ?? DEFAULT_WRITE_THRESHOLD;
}

export function validatePolicy(policy: WritePolicy): void {
  if (!policy || typeof policy.overwrite !== 'boolean') throw new WriteBackError('INVALID_POLICY', 'overwrite must be a boolean');
  const t = writeThresholdOf(policy);
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > 1) {
    throw new WriteBackError('INVALID_POLICY', 'writeThreshold must be a number in [0, 1]');
  }
  if (policy.writeDoneQuantities !== undefined && typeof policy.writeDoneQuantities !== 'boolean') {
    throw new WriteBackError('INVALID_POLICY', 'writeDoneQuantities must be a boolean');
  }
  for (const key of ['createBankAccounts', 'createVendors'] as const) {
    if (policy[key] !== undefined && typeof policy[key] !== 'boolean') throw new WriteBackError('INVALID_POLICY', `${key} must be a boolean`);
  }
  for (const key of ['defaultExpenseProductId', 'purchaseJournalId'] as const) {
    const v = policy[key];
    if (v !== undefined && v !== null && !isId(v)) throw new WriteBackError('INVALID_POLICY', `${key} must be a positive integer`);
  }
}

// The marker ends up inside the note's html and in a search domain: keep it to a safe alphabet.
const MARKER_RE = /^[A-Za-z0-9._:-]{8,128}$/;

export function validateMarker(marker: string): void {
  if (typeof marker !== 'string' || !MARKER_RE.test(marker)) {
    throw new WriteBackError('INVALID_MARKER', 'marker must be 8-128 characters of [A-Za-z0-9._:-] (e.g. a sha256)');
  }
}
