// The addon never writes `move_type` (a protected field): a credit note read from a file uploaded as a vendor bill
// would make complete() fail as a whole. In addon mode the type is left as it is and a person is asked to switch it;
// the rest of the values (partner, dates, lines with positive amounts, as a refund has them) are still written.
import type { FieldDef } from '../odoo/types.js';
import { escapeHtml } from './note.js';
import { textReason } from './reasons.js';
import { reviewFlagValues } from './rules.js';
import type { PreparedValues } from './types.js';

/** The addon refuses to change a bill's type in `write` (UserError, the whole complete() is rolled back). */
export const TYPE_NOT_CHANGED_REASON =
  'document is a credit note but the bill was created as a vendor bill: use "Switch into refund/credit note" (the addon does not change a bill\'s type)';

/** Whether the prepared values would change the type of the record they are written to. */
export function changesMoveType(prepared: PreparedValues): boolean {
  return prepared.write.move_type !== undefined;
}

/** The prepared values without the type change, under review, with the reason said in the note. */
export function keepMoveType(prepared: PreparedValues, moveFields: Record<string, FieldDef>): PreparedValues {
  const { move_type: _dropped, ...write } = prepared.write;
  Object.assign(write, reviewFlagValues(moveFields, true) ?? {});
  const known = prepared.review_reasons.includes(TYPE_NOT_CHANGED_REASON);
  const reasons = known ? prepared.review_reasons : [...prepared.review_reasons, TYPE_NOT_CHANGED_REASON];
  const codes = prepared.review_codes && !known ? [...prepared.review_codes, textReason(TYPE_NOT_CHANGED_REASON)] : prepared.review_codes;
  return {
    ...prepared,
    write,
    needs_review: true,
    review_reasons: reasons,
    ...(codes ? { review_codes: codes } : {}),
    note: `${prepared.note}<p><b>Type not changed:</b> ${escapeHtml(TYPE_NOT_CHANGED_REASON)}</p>`,
  };
}
