// Collects, field by field, what the write-back will write, what it leaves because a person filled it, and what it
// withholds because the extraction was not sure enough. The note and the review reasons are built from this.
import type { Field, FieldName } from '../contract.js';
import { writes } from '../pipeline/confidence/policy.js';
import type { FieldDef } from '../odoo/types.js';
import { NAME_LABEL_THRESHOLD, type RuleTarget } from '../write-rules.js';
import { overwriteApplies } from './rules.js';
import { isEmptyValue, sameOdooValue } from './values.js';
import { reason as reasonOf, reasonText, textReason, type ReviewCode } from './reasons.js';

export interface WithheldField {
  name: string; // extraction field name, e.g. "date"
  confidence: number;
}

export class WriteDecisions {
  readonly values: Record<string, unknown> = {};
  /** Labels of Odoo fields that will be written. */
  readonly written: string[] = [];
  /** Labels of Odoo fields left as a person entered them. */
  readonly kept: string[] = [];
  readonly withheld: WithheldField[] = [];
  /** Review reasons in English, and the same as codes (src/writeback/reasons.ts), in the same order. */
  readonly reasons: string[] = [];
  readonly reasonCodes: ReviewCode[] = [];
  readonly notes: string[] = [];
  /** Confidences raised by the write-back's own evidence (a vendor matched to a res.partner). */
  readonly adjusted: Partial<Record<FieldName, number>> = {};
  /** Inactive currencies to activate before writing (ACTIVATE_CURRENCIES). */
  readonly activateCurrencyIds: number[] = [];

  constructor(
    readonly threshold: number,
    private readonly overwrite: boolean,
    readonly fieldDefs: Record<string, FieldDef>,
    /** The model whose rules (src/write-rules.ts) say where overwrite applies. */
    private readonly model: RuleTarget,
  ) {}

  label(field: string): string {
    return this.fieldDefs[field]?.string ?? field;
  }

  has(field: string): boolean {
    return field in this.fieldDefs;
  }

  /** The extracted value if it is confident enough; a present but unsure value is recorded as withheld. */
  confident<T>(name: string, field: Field<T> | undefined): T | null {
    if (!field || field.value === null || field.value === undefined) return null;
    if (!writes(field, this.threshold)) {
      if (!this.withheld.some((w) => w.name === name)) this.withheld.push({ name, confidence: field.confidence });
      return null;
    }
    return field.value;
  }

  /** A name read at the label bar (write-rules.ts NAME_LABEL_THRESHOLD; the write threshold when that is lower): fit
   * to label what people read — an expense's title, a vendor an exact identifier names — never to fill the vendor
   * field itself. The caller that uses a name below the write threshold says so (`labelNote`). */
  labelName(field: Field<string> | undefined): string | null {
    if (!field || !field.value || field.confidence < Math.min(this.threshold, NAME_LABEL_THRESHOLD)) return null;
    return field.value;
  }

  /** A withheld value that other evidence confirmed after all (no longer listed as held back). */
  confirmed(name: string): void {
    const at = this.withheld.findIndex((w) => w.name === name);
    if (at >= 0) this.withheld.splice(at, 1);
  }

  /** Writes `next` into `field` when the record's value is empty (or overwrite is on and applies to the field);
   * otherwise keeps it. `current` is the value as a person entered it (rules.valueAsEntered). */
  offer(field: string, current: unknown, next: unknown): boolean {
    if (!this.has(field) || next === null || next === undefined) return false;
    if (sameOdooValue(current, next)) return false;
    if (!isEmptyValue(current) && !(this.overwrite && overwriteApplies(this.model, field))) {
      this.keep(field);
      return false;
    }
    this.set(field, next);
    return true;
  }

  /** Unconditional value (e.g. the review flag, create vals); still only for fields this Odoo has. */
  set(field: string, value: unknown): void {
    if (!this.has(field)) return;
    this.values[field] = value;
    const label = this.label(field);
    if (!this.written.includes(label)) this.written.push(label);
  }

  keep(field: string): void {
    const label = this.label(field);
    if (!this.kept.includes(label)) this.kept.push(label);
  }

  flag(reason: string | ReviewCode): void {
    const code = typeof reason === 'string' ? textReason(reason) : reason;
    const text = reasonText(code);
    if (this.reasons.includes(text)) return;
    this.reasons.push(text);
    this.reasonCodes.push(code);
  }

  info(text: string): void {
    this.notes.push(text);
  }

  /** One review reason listing every withheld field, e.g. "Not written, read with less than 80 % confidence: Date 42 %". */
  withheldReason(): ReviewCode | null {
    if (this.withheld.length === 0) return null;
    const fields = this.withheld.map((w) => ({ field: w.name, confidence: w.confidence }));
    return reasonOf('not_written_low_confidence', { threshold: this.threshold, fields });
  }
}

/** The note beside a name used as a label below the write threshold: "title from the shop name read with 92 %
 * confidence: check it". */
export function labelNote(what: string, confidence: number): string {
  return `${what} read with ${Math.round(confidence * 100)} % confidence: check it`;
}
