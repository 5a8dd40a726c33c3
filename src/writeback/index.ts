// Write-back of extraction results into Odoo: prepare (read-only, also feeds the addon's ocr.job.complete) and
// apply (the addon-less path).
export { kindOfTarget, prepareWriteBack } from './prepare.js';
export { applyWriteBack, noteWithMarker } from './apply.js';
export {
  type ApplyResult, type PreparedValues, type TargetModel, type WorkTarget, WriteBackError, type WriteBackErrorCode,
  type WritePolicy,
} from './types.js';
export { keepMoveType, TYPE_NOT_CHANGED_REASON } from './move-type.js';
