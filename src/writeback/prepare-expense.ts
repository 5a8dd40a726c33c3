// hr.expense: a receipt (or invoice) paid by an employee. Field names differ per version and are picked from
// fields_get: the amount is total_amount_currency on 17+ and unit_amount on 16; only 16 has `reference`, only 19
// has `vendor_id`, so the vendor and the number otherwise go into the description.
import { creatorTimezone } from './creator-tz.js';
import { documentCurrency, unstatedCurrencyIsOurs, usableCurrency } from './currency.js';
import type { CompanyScope } from './company.js';
import { labelNote, WriteDecisions } from './decisions.js';
import { kindVerdict, unsureKindReason } from './doc-kind.js';
import { matchPartner } from './partner-match.js';
import { openTarget, type PrepareInput, type PreparedTarget, readAttachment } from './prepare-context.js';
import { isWritableState, valueAsEntered } from './rules.js';
import { isEmptyValue, m2oId, m2oName } from './values.js';
import { roundMoney } from '../pipeline/rounding.js';

const EXPENSE_DOC_TYPES: ReadonlySet<string> = new Set(['receipt', 'invoice']);

export const EXPENSE_FIELDS = [
  'name', 'description', 'date', 'currency_id', 'state', 'company_id', 'quantity', 'product_id', 'product_has_cost',
  'total_amount_currency', 'unit_amount', 'reference', 'vendor_id', 'create_date', 'create_uid',
];

/** The field that holds the amount the employee paid, in the expense's currency. */
export function expenseAmountField(defs: Record<string, unknown>): 'total_amount_currency' | 'unit_amount' | null {
  if ('total_amount_currency' in defs) return 'total_amount_currency';
  if ('unit_amount' in defs) return 'unit_amount';
  return null;
}

function describeVendor(vendor: string | null, vat: string | null, number: string | null): string | null {
  const parts = [
    vendor ? `Vendor: ${vendor}${vat ? ` (VAT ${vat})` : ''}` : vat ? `Vendor VAT: ${vat}` : null,
    number ? `Receipt/invoice no.: ${number}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join('\n') : null;
}

/** "Vendor, 2024-03-15", or the vendor alone when the date is not sure; null without a vendor. */
export function expenseTitle(vendor: string | null, date: string | null): string | null {
  if (!vendor) return null;
  return date ? `${vendor}, ${date}` : vendor;
}

export async function prepareExpense(input: PrepareInput): Promise<PreparedTarget> {
  const { client, target, policy, fields } = input;
  const { defs, current, scope, decisions: d } = await openTarget(input, 'hr.expense', EXPENSE_FIELDS);
  const done = (action: string, partnerOutcome: string | null = null): PreparedTarget =>
    ({ decisions: d, mode: 'write', canFlagReview: false, partnerOutcome, action, current });

  if (typeof current.state === 'string' && !isWritableState('hr.expense', current.state)) {
    d.flag(`expense is ${current.state}: not changed`);
    return done('expense not changed');
  }
  // The expense was made for this file: only a document the reader is sure is of another kind stays out of it.
  const kind = kindVerdict(fields.doc_type, EXPENSE_DOC_TYPES, d.threshold);
  if (!kind.fits && kind.sure) {
    d.flag(`document is ${kind.what}, not a receipt: expense not changed`);
    return done('expense not changed');
  }
  if (!kind.fits) d.flag(unsureKindReason(kind, fields.doc_type, 'expense'));

  const vendor = d.confident('vendor_name', fields.vendor_name);
  const vat = d.confident('vendor_vat', fields.vendor_vat);
  const number = d.confident('invoice_number', fields.invoice_number);
  const date = d.confident('date', fields.date);
  const attachment = await readAttachment(client, target.attachmentId, scope.context);
  const amountField = expenseAmountField(defs);
  // Odoo's own defaults (a name after the file, the creation day, the currency of an expense without amount) count
  // as empty: the rules table says which.
  const creatorTz = await creatorTimezone(client, current);
  const entered = (field: string) => valueAsEntered('hr.expense', field, { current, attachmentName: attachment?.name ?? null, amountField, creatorTz });

  // The expense's Description (name) says what an accountant recognises: the shop, and the day when known, as
  // Odoo's own digitization does; the receipt's number goes to the internal notes or the reference.
  const shop = vendor ?? d.labelName(fields.vendor_name);
  if (d.offer('name', entered('name'), expenseTitle(shop, date)) && shop !== vendor) {
    d.info(labelNote('title from the shop name', fields.vendor_name.confidence));
  }

  d.offer('description', current.description, describeVendor(vendor, vat, 'reference' in defs ? null : number));
  d.offer('reference', current.reference, number);
  d.offer('date', entered('date'), date);

  let partnerOutcome: string | null = null;
  if ('vendor_id' in defs && (vendor || vat)) {
    if (!isEmptyValue(current.vendor_id) && !policy.overwrite) {
      d.keep('vendor_id');
    } else {
      const match = await matchPartner(client, scope, { name: vendor, vat, text: input.result.text ?? null });
      // Shops on receipts are rarely partners: a missing vendor is noted, not a reason to review.
      partnerOutcome = match.partnerId ? `matched by ${match.method}: ${match.partnerName}` : match.problem;
      if (match.partnerId) d.offer('vendor_id', current.vendor_id, match.partnerId);
    }
  }

  if (policy.defaultExpenseProductId && isEmptyValue(current.product_id)) d.set('product_id', policy.defaultExpenseProductId);

  const total = d.confident('amount_total', fields.amount_total);
  if (amountField && total !== null) {
    if (current.product_has_cost === true) {
      d.flag('the expense product has a fixed cost: amount not written');
    } else if (!isEmptyValue(current[amountField]) && !policy.overwrite) {
      d.keep(amountField);
    } else {
      // 16: total = unit_amount × quantity, so a person's quantity divides the total.
      const qty = amountField === 'unit_amount' && typeof current.quantity === 'number' && current.quantity > 0 ? current.quantity : 1;
      const amount = roundMoney(total / qty);
      if (roundMoney(amount * qty) !== roundMoney(total)) d.flag(`total ${total.toFixed(2)} cannot be split over quantity ${qty}: amount not written`);
      else if (await fillExpenseCurrency(input, d, scope, current.currency_id, entered('currency_id'))) d.set(amountField, amount);
    }
  }
  return done(d.written.length ? 'expense filled' : 'expense not changed', partnerOutcome);
}

/** The currency goes with the amount; an unusable document currency means the amount is not written either. */
async function fillExpenseCurrency(
  input: PrepareInput, d: WriteDecisions, scope: CompanyScope, currentCurrency: unknown, enteredCurrency: unknown,
): Promise<boolean> {
  const { context } = scope;
  const field = input.fields.currency;
  const { shown, code } = documentCurrency(d, field, input.result);
  if (code === null) {
    return unstatedCurrencyIsOurs(input.client, scope, d, shown, input.result, m2oName(currentCurrency), 'expense');
  }
  const currencyId = await usableCurrency(input.client, { companyId: null, context }, code, d, input.policy.activateCurrencies === true);
  if (currencyId === null) return false;
  if (m2oId(currentCurrency) !== currencyId) d.offer('currency_id', enteredCurrency, currencyId);
  return true;
}
