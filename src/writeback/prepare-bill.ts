// Vendor bills (account.move in_invoice / in_refund): fill an existing draft bill, or the vals of a new draft bill
// for a bare inbox attachment. Never posts, never touches a bill that is not a draft.
import type { DocType, LineItem, PayableAmounts } from '../contract.js';
import { type DocumentAmounts, type LinePlan, planBillLines } from './bill-lines.js';
import { describeWithholding, loadWithholdingTaxes, placeWithholding, withholdingNotBooked } from './withholding.js';
import { learnedLineDefaults } from './learned-lines.js';
import { type CompanyScope, companyOnly, companyScope } from './company.js';
import { documentCurrency, unstatedCurrencyIsOurs, usableCurrency } from './currency.js';
import { labelNote, WriteDecisions } from './decisions.js';
import { kindVerdict, unsureKindReason } from './doc-kind.js';
import { writeThresholdOf } from './validate.js';
import { billsWithSameRef, movesWithSameFile } from './duplicates.js';
import { OdooAccessError, OdooValidationError } from '../odoo/errors.js';
import { type BankAccount, bankAccountsByIban, type MatchMethod, matchPartner, vendorNotFound } from './partner-match.js';
import { withPartnerMatch } from './partner-evidence.js';
import { writes } from '../pipeline/confidence/policy.js';
import type { EvidenceName } from '../pipeline/confidence/evidence.js';
import { createVendor, describeNewVendor, identifyingVat, type OwnCompany, ownCompanies, vendorToCreate, vendorVat } from './vendor-create.js';
import { documentMarker } from './apply.js';
import {
  type AttachmentInfo, openTarget, type PrepareInput, type PreparedTarget, readAttachment,
} from './prepare-context.js';
import { isWritableMoveType, isWritableState, valueAsEntered } from './rules.js';
import { loadPurchaseTaxes } from './taxes.js';
import { findPurchaseOrder, type LinkedOrder, orderLineCommands } from './purchase-link.js';
import { WriteBackError } from './types.js';
import { isEmptyValue, m2oId, m2oName, type OdooRecord, stringOrNull, x2manyIds } from './values.js';
import { roundMoney } from '../pipeline/rounding.js';
import { reason } from './reasons.js';

const BILL_DOC_TYPES: ReadonlySet<DocType> = new Set(['invoice', 'credit_note', 'receipt']);

export const MOVE_FIELDS = [
  'name', 'state', 'move_type', 'company_id', 'partner_id', 'invoice_date', 'invoice_date_due', 'ref',
  'payment_reference', 'currency_id', 'invoice_line_ids', 'amount_total', 'invoice_payment_term_id', 'partner_bank_id',
  'invoice_origin',
];

interface BillState {
  current: OdooRecord; // {} for a bill to create
  lineIds: number[];
}

function lineName(input: PrepareInput): string {
  const f = input.fields;
  const parts = [f.vendor_name.value, f.invoice_number.value].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : 'Scanned document';
}

/** The vendor chosen for the bill, what the note says of it, and the bank accounts of the IBAN if they were looked up. */
interface PartnerOutcome {
  partnerId: number | null;
  partnerName?: string | null;
  outcome: string | null;
  bankAccounts?: BankAccount[];
  /** The vendor was created from this document (its payment code's IBAN then becomes its bank account). */
  created?: boolean;
}

async function fillPartner(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, bill: BillState): Promise<PartnerOutcome> {
  const currentId = m2oId(bill.current.partner_id);
  if (currentId && !input.policy.overwrite) {
    d.keep('partner_id');
    return { partnerId: currentId, partnerName: m2oName(bill.current.partner_id), outcome: `left as entered: ${m2oName(bill.current.partner_id) ?? `#${currentId}`}` };
  }
  const { vendor_name: nameField, vendor_vat: vatField } = input.fields;
  const iban = d.confident('iban', input.fields.iban); // from a valid payment code only: exact
  if (nameField.value === null && vatField.value === null && !iban) return { partnerId: currentId, outcome: null };
  // The vendor rule (vendor-create.ts): the VAT says who the vendor is, the name only labels it; a VAT that is the
  // customer's never matches nor creates one.
  // this database's companies, read once for the bill: their VATs, names and partners are never the vendor's
  let companies: Promise<OwnCompany[]> | undefined;
  const ownOf = () => (companies ??= ownCompanies(input.client));
  const own = vatField.value ? await ownOf() : [];
  const read = vendorVat(vatField, own);
  if (read.refused) d.info(read.refused);
  const idVat = identifyingVat(vatField, d.threshold, own, read);
  // Looked up with what was read, sure or not: a partner that matches by VAT, IBAN or name is evidence for the vendor.
  const match = await matchPartner(input.client, scope, { name: nameField.value, vat: read.vat, vatIdentifies: idVat !== null, iban, text: input.result.text ?? null });
  if (match.partnerId !== null && (await ownOf()).some((c) => c.partnerId === match.partnerId)) {
    // the buyer's own name block read as the vendor: no vendor from the name (a purchase order may still name it)
    d.info(`${match.partnerName ?? 'the name read'} is this company's own partner, not the vendor`);
    return { partnerId: currentId, outcome: null, bankAccounts: match.bankAccounts };
  }
  const vendor = vendorWithMatch(input, d, match.partnerId === null ? null : match.method);
  // only what was read with confidence is worth a review reason, and names the vendor in it (d.confident also lists
  // a VAT held back for its confidence in the note)
  const sureVat = read.vat === null ? null : d.confident('vendor_vat', vatField);
  if (match.partnerId === null) {
    if (vendor === null && sureVat === null && !iban) return { partnerId: currentId, outcome: null };
    if (match.notFound && input.policy.createVendors) {
      // the VAT written by the policy; vendorToCreate refuses it, saying why, unless its check digits hold (idVat)
      // a name printed beside another party's VAT id (the customer's block) labels nobody: the VAT id does
      const label = nameField.evidence?.includes(NAME_OF_OTHER_PARTY) ? null : d.labelName(nameField);
      const created = await newVendor(input, d, scope, { name: vendor ?? label, vat: sureVat, iban }, await ownOf());
      if (created) {
        d.offer('partner_id', bill.current.partner_id, created.partnerId);
        return { ...created, bankAccounts: match.bankAccounts };
      }
    }
    // said with what was read with confidence only
    const problem = match.notFound ? vendorNotFound({ name: vendor, vat: sureVat, iban, text: null }) : match.problem;
    if (problem) d.flag(problem);
    return { partnerId: currentId, outcome: problem, bankAccounts: match.bankAccounts };
  }
  // the partner is the vendor when the vendor's probability, raised by the match, reaches the threshold (a VAT's or a
  // payment code's IBAN's match: as sure as that identifier; an exact name's: odds × 20; a fuzzy one's: no more than
  // the name's own) — an IBAN held by exactly one partner names the vendor as surely as its VAT would
  // ... and a VAT's match writes the partner it found whatever name was read, or none (its VAT written by the policy)
  if (vendor === null && match.method !== 'iban' && !(match.method === 'vat' && sureVat !== null)) {
    return { partnerId: currentId, outcome: `matched by ${match.method}: ${match.partnerName}, not written (vendor unsure)`, bankAccounts: match.bankAccounts };
  }
  d.offer('partner_id', bill.current.partner_id, match.partnerId);
  return { partnerId: match.partnerId, partnerName: match.partnerName, outcome: `matched by ${match.method}: ${match.partnerName}`, bankAccounts: match.bankAccounts };
}

/** The evidence of a vendor name printed a few lines from another party's VAT id, not near the vendor's (evidence.ts). */
const NAME_OF_OTHER_PARTY: EvidenceName = 'vat-other';

/** The vendor created (or found again, on a retry) when the evidence is strong enough (vendor-create.ts); null with
 * the reason in the note when it is not. `sure.name`: the name written, or read at the label bar. */
async function newVendor(input: PrepareInput, d: WriteDecisions, scope: CompanyScope,
  sure: { name: string | null; vat: string | null; iban: string | null }, own: OwnCompany[]): Promise<Omit<PartnerOutcome, 'bankAccounts'> | null> {
  const verdict = vendorToCreate(sure, own);
  if ('refused' in verdict) {
    d.info(`vendor not created: ${verdict.refused}`);
    return null;
  }
  const vendor = verdict.create;
  try {
    const made = await createVendor(input.client, scope, vendor, documentMarker(input.target.attachmentId, input.result.sha256));
    if (!made) {
      d.info(`vendor not created: the partner made for this document earlier was archived`);
      return null;
    }
    if (made.how === 'vat') return { partnerId: made.id, partnerName: vendor.name, outcome: `matched by vat: ${vendor.name} (created meanwhile from another bill)` };
    // a label the policy did not write is said, and the bill goes to review for it (its vendor name is held back, or
    // none was read): the accountant names the new vendor once, every later bill finds it by its VAT
    const nameField = input.fields.vendor_name;
    if (vendor.namedByVat) d.flag(`the new vendor is named by its VAT id ${vendor.vat}: give it its name`);
    else if (!writes(nameField, d.threshold)) d.info(labelNote('the new vendor\'s name', nameField.confidence));
    return { partnerId: made.id, partnerName: vendor.name, outcome: `vendor created: ${describeNewVendor(vendor)}`, created: true };
  } catch (err) {
    if (err instanceof OdooValidationError) {
      // e.g. base_vat refusing a VAT it checks differently: a person creates the vendor
      d.info(`vendor not created: Odoo refused ${describeNewVendor(vendor)}: ${err.message}`);
      return null;
    }
    if (!(err instanceof OdooAccessError)) throw err;
    d.info('vendor not created: the worker user may not create contacts (Contact Creation right)');
    return null;
  }
}

/** The purchase order the bill is billed against (when purchase is installed and the bill gets its lines here); a bill
 * whose vendor was not found takes the vendor of the order its printed number names, as picking the order does. */
async function linkedVendor(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, bill: BillState,
  partner: PartnerOutcome): Promise<PartnerOutcome & { order: LinkedOrder | null }> {
  if (bill.lineIds.length > 0 && !input.policy.overwrite) return { ...partner, order: null };
  // only a vendor bill bills an order (not a refund, nor a purchase receipt)
  if ((d.values.move_type ?? bill.current.move_type) !== 'in_invoice') return { ...partner, order: null };
  const order = await findPurchaseOrder(input, d, scope, { id: partner.partnerId, name: partner.partnerName ?? null });
  if (!order || partner.partnerId !== null || order.order.partnerId === null) return { ...partner, order };
  d.offer('partner_id', bill.current.partner_id, order.order.partnerId);
  // the vendor is the order's, as sure as the order is: its number read with confidence, or every line on it
  const sure = order.by === 'reference' ? input.fields.po_number.confidence : 0.99;
  d.adjusted.vendor_name = Math.max(d.adjusted.vendor_name ?? input.fields.vendor_name.confidence, sure);
  const outcome = `from purchase order ${order.order.name}: ${order.order.partnerName ?? `#${order.order.partnerId}`}`;
  return { ...partner, partnerId: order.order.partnerId, partnerName: order.order.partnerName, outcome, order };
}

/** The vendor name, if confident enough once a partner match (if any) has raised its probability. A partner found by
 * the VAT (or the payment code's IBAN) is the vendor as surely as that identifier was read right, whatever the name
 * read beside it: a text-layer bill's name may be its customer's address block or a product line while its VAT is
 * printed once and exactly. */
function vendorWithMatch(input: PrepareInput, d: WriteDecisions, method: MatchMethod | null): string | null {
  const field = input.fields.vendor_name;
  if (field.value === null) return null;
  const identifier = method === 'vat' ? input.fields.vendor_vat : method === 'iban' ? input.fields.iban : undefined;
  const raised = withPartnerMatch(Math.max(field.confidence, identifier?.value ? identifier.confidence : 0), method);
  if (raised !== field.confidence) d.adjusted.vendor_name = raised;
  return d.confident('vendor_name', { ...field, confidence: raised });
}

/** The bill's value of a field as a person entered it: Odoo's own defaults (the rules table's) count as empty. */
function billValueAsEntered(bill: BillState, field: string): unknown {
  return valueAsEntered('account.move', field, { current: bill.current });
}

function fillDatesAndRefs(input: PrepareInput, d: WriteDecisions, bill: BillState): void {
  const date = d.confident('date', input.fields.date);
  d.offer('invoice_date', bill.current.invoice_date, date);
  const due = d.confident('due_date', input.fields.due_date);
  const invoiceDate = stringOrNull(d.values.invoice_date) ?? stringOrNull(bill.current.invoice_date);
  if (due && invoiceDate && due < invoiceDate) {
    d.flag(reason('due_before_date', { due, date: invoiceDate }));
  } else if (d.offer('invoice_date_due', billValueAsEntered(bill, 'invoice_date_due'), due)) {
    // Odoo 17 recomputes the due date from the partner's payment term; an explicit empty term keeps ours.
    if (d.has('invoice_payment_term_id') && isEmptyValue(bill.current.invoice_payment_term_id)) {
      d.values.invoice_payment_term_id = false;
    }
  }
  const number = d.confident('invoice_number', input.fields.invoice_number);
  d.offer('ref', bill.current.ref, number);
  // what the payment must quote: the code's reference when a payment code gives one, else the invoice number
  const paymentReference = d.confident('payment_reference', input.fields.payment_reference);
  d.offer('payment_reference', bill.current.payment_reference, paymentReference ?? number);
}

/** The vendor's bank account the payment goes to (partner_bank_id), by the IBAN of a payment code. A bank account
 * is created only for a known vendor and only when the setting allows it; an IBAN the vendor does not have in Odoo
 * is flagged (changed bank details are how invoice fraud pays itself). */
async function fillBankAccount(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, bill: BillState, partner: PartnerOutcome): Promise<void> {
  const { partnerId } = partner;
  const iban = d.confident('iban', input.fields.iban);
  if (!iban || !d.has('partner_bank_id')) return;
  if (partnerId === null) {
    d.info(`IBAN ${iban}: no vendor, so no bank account is set or created`);
    return;
  }
  const accounts = partner.bankAccounts ?? (await bankAccountsByIban(input.client, scope, iban)); // matchPartner may have read them
  const own = accounts.find((a) => a.partnerId === partnerId);
  if (own) {
    d.offer('partner_bank_id', bill.current.partner_bank_id, own.id);
    return;
  }
  if (accounts.length > 0) {
    d.flag(`IBAN ${iban} is a bank account of ${accounts[0].partnerName}, not of the bill's vendor: not set`);
    return;
  }
  // a vendor created from this document gets the payment code's IBAN as its bank account: there is no earlier one
  // it could contradict
  if (!input.policy.createBankAccounts && !partner.created) {
    d.flag(`IBAN ${iban} is not a bank account of the vendor in Odoo: not created (CREATE_BANK_ACCOUNTS is off)`);
    return;
  }
  try {
    const [created] = await input.client.create('res.partner.bank', [{ acc_number: iban, partner_id: partnerId }], scope.context);
    d.info(`bank account ${iban} created for the vendor`);
    d.offer('partner_bank_id', bill.current.partner_bank_id, created);
  } catch (err) {
    if (!(err instanceof OdooAccessError)) throw err;
    d.flag(`IBAN ${iban} is not a bank account of the vendor in Odoo: the worker user may not create bank accounts`);
  }
}

/** Currency: set when the bill has no lines yet (its currency is then only Odoo's default). Returns false when
 * amounts must not be written because the document's currency is not usable in this Odoo. */
async function fillCurrency(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, bill: BillState, order: LinkedOrder | null): Promise<boolean> {
  const field = input.fields.currency;
  const stated = documentCurrency(d, field, input.result);
  const shown = stated.shown;
  const code = stated.code ?? currencyOfOrder(d, shown, order);
  const billCode = m2oName(bill.current.currency_id);
  if (code === null) return unstatedCurrencyIsOurs(input.client, scope, d, shown, input.result, billCode, 'bill');
  const currencyId = await usableCurrency(input.client, scope, code, d, input.policy.activateCurrencies === true);
  if (currencyId === null) return false;
  if (m2oId(bill.current.currency_id) === currencyId) return true;
  if (!d.offer('currency_id', billValueAsEntered(bill, 'currency_id'), currencyId)) {
    d.flag(reason('currency_differs', { currency: code, bill_currency: billCode ?? 'currency' }));
    return false;
  }
  return true;
}

/** The currency read without confidence, when the purchase order the bill is linked to is in it: two independent
 * sources agree (the order was found by its number or its lines, not by the currency), and picking the order in
 * Odoo gives the bill the order's currency anyway. */
function currencyOfOrder(d: WriteDecisions, read: string | null, order: LinkedOrder | null): string | null {
  const own = order?.order.currency?.toUpperCase();
  if (!read || !own || read.toUpperCase() !== own) return null;
  d.confirmed('currency');
  d.info(`currency ${read} read uncertainly, confirmed by purchase order ${order!.order.name}`);
  return own;
}

async function fillLines(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, bill: BillState, partnerId: number | null,
  order: LinkedOrder | null): Promise<void> {
  if (bill.lineIds.length > 0 && !input.policy.overwrite) {
    d.keep('invoice_line_ids');
    return;
  }
  const total = d.confident('amount_total', input.fields.amount_total);
  if (order) {
    const commands: unknown[] = bill.lineIds.map((id) => [2, id]); // overwrite: the old lines go
    commands.push(...orderLineCommands(d, order, await loadPurchaseTaxes(input.client, scope), total));
    d.set('invoice_line_ids', commands);
    d.offer('invoice_origin', bill.current.invoice_origin, order.order.name);
    return;
  }
  if (total === null) {
    if (input.fields.amount_total.value === null) d.flag(reason('no_total_no_lines'));
    return;
  }
  const untaxed = d.confident('amount_untaxed', input.fields.amount_untaxed);
  const tax = d.confident('amount_tax', input.fields.amount_tax);
  const taxes = await loadPurchaseTaxes(input.client, scope);
  const { items, amounts, payable } = invoiceAmounts(input.result.lines ?? [], { total, untaxed, tax }, input.result.payable ?? null);
  const planned = planBillLines(items, amounts, taxes, lineName(input));
  if (planned.lines.length === 0) {
    d.flag(planned.problem ?? 'no lines written');
    return;
  }
  // the vendor's usual account, product and taxes, as the accountant chose them on its posted bills
  const learned = await learnedLineDefaults(input.client, scope, input.result.memory?.accounting, partnerId, planned, taxes, amounts.total);
  const plan = learned.plan;
  if (learned.info) d.info(learned.info);
  const withheld = payable ? await withholdingTaxIds(input, d, scope, plan, plan.shape === 'itemised' ? items : [], payable) : null;
  const commands: unknown[] = bill.lineIds.map((id) => [2, id]); // overwrite: the old lines go
  plan.lines.forEach((line, i) => {
    const taxIds = [...(line.tax ? [line.tax.id] : []), ...(withheld?.[i] ?? [])];
    commands.push([0, 0, { name: line.name, quantity: line.quantity, price_unit: line.priceUnit, tax_ids: [[6, 0, taxIds]], ...learned.values }]);
  });
  d.set('invoice_line_ids', commands);
  if (plan.problem) d.flag(plan.problem);
  const taxNames = [...new Set(plan.lines.flatMap((l) => (l.tax ? [l.tax.name] : [])))];
  d.info(`${plan.lines.length} line(s)${taxNames.length ? ` with ${taxNames.join(', ')}` : ''}, computed total ${roundMoney(plan.computedTotal).toFixed(2)}`);
  if (payable?.prepaid) d.info(`prepaid ${payable.prepaid.toFixed(2)} according to the document: amount due ${payable.amount_due.toFixed(2)}`);
}

/**
 * The amounts the lines must reproduce. An e-invoice that states withholding, stamp duty or rounding and whose stated
 * total they explain (einvoice/payable.ts) is booked at its total before withholding: the withholding is a tax of its
 * own (withholdingTaxIds), and a stamp duty or a rounding added outside the lines becomes a line without tax.
 */
function invoiceAmounts(lines: LineItem[], read: DocumentAmounts, payable: PayableAmounts | null): { items: LineItem[]; amounts: DocumentAmounts; payable: PayableAmounts | null } {
  if (!payable || payable.total_is === null || read.untaxed === null || read.tax === null) return { items: lines, amounts: read, payable: null };
  const extras: LineItem[] = [];
  const stamp = payable.stamp_duty_added ? (payable.stamp_duty ?? 0) : 0;
  if (stamp) extras.push({ description: 'Imposta di bollo', quantity: 1, unit_price: stamp, amount: stamp, tax_rate: 0 });
  const rounding = roundMoney(payable.total_before_withholding - read.untaxed - read.tax - stamp);
  if (rounding !== 0) extras.push({ description: 'Arrotondamento', quantity: 1, unit_price: rounding, amount: rounding, tax_rate: 0 });
  const untaxed = roundMoney(read.untaxed + stamp + rounding);
  return { items: [...lines, ...extras], amounts: { total: payable.total_before_withholding, untaxed, tax: read.tax }, payable };
}

/** The withholding taxes per planned line, or null (then flagged) when they cannot be booked: all or none, so the
 * bill's total is either the amount due or the total before withholding, as the note says. */
async function withholdingTaxIds(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, plan: LinePlan, items: LineItem[], payable: PayableAmounts): Promise<number[][] | null> {
  if (payable.withholding.length === 0) return null;
  const taxes = await loadWithholdingTaxes(input.client, scope);
  if (taxes === null) {
    d.flag(withholdingNotBooked(payable, payable.withholding, 'this Odoo has no withholding taxes (the Italian localisation l10n_it_edi_withholding is not installed)'));
    return null;
  }
  const placement = placeWithholding(plan.lines, items, payable, taxes);
  if (placement.missing.length > 0) {
    d.flag(withholdingNotBooked(payable, payable.withholding, `no purchase withholding tax of the company gives ${placement.missing.map(describeWithholding).join(', ')} on the lines subject to it`));
    return null;
  }
  const names = placement.placed.map((p) => p.tax.name).join(', ');
  d.info(`withholding ${payable.withholding.map(describeWithholding).join(', ')} booked with ${names}: the bill's total is the amount due ${payable.amount_due.toFixed(2)}`);
  return placement.taxIdsByLine;
}

async function flagDuplicates(input: PrepareInput, d: WriteDecisions, scope: CompanyScope, moveId: number | null,
  partnerId: number | null, ref: string | null, attachment: AttachmentInfo | null): Promise<void> {
  if (partnerId && ref) {
    const ownAttachment = attachment && d.has('message_main_attachment_id') ? attachment.id : null;
    const same = await billsWithSameRef(input.client, scope, partnerId, ref, moveId, ownAttachment);
    if (same.length) d.flag(reason('possible_duplicate_reference', { reference: ref, documents: same.join(', ') }));
  }
  if (attachment) {
    const same = await movesWithSameFile(input.client, scope, attachment.id, attachment.checksum, moveId);
    if (same.length) d.flag(reason('possible_duplicate_file', { documents: same.join(', ') }));
  }
}

/** A document that is no bill: nothing but the note. A bill a person made by uploading the file (`madeAsBill`) is
 * one unless the reader is sure of another kind (./doc-kind.ts); a file with no bill yet becomes one only when it
 * reads as one. */
function notABill(input: PrepareInput, d: WriteDecisions, madeAsBill: boolean): boolean {
  const field = input.fields.doc_type;
  const verdict = kindVerdict(field, BILL_DOC_TYPES, d.threshold);
  if (verdict.fits) return false;
  if (madeAsBill && !verdict.sure) {
    d.flag(unsureKindReason(verdict, field, 'bill'));
    return false;
  }
  d.flag(`document is ${verdict.what}, not a bill: nothing written`);
  return true;
}

function finalRef(d: WriteDecisions, bill: BillState): string | null {
  return stringOrNull(d.values.ref) ?? stringOrNull(bill.current.ref);
}

export async function prepareBillUpdate(input: PrepareInput): Promise<PreparedTarget> {
  const { client, target, policy } = input;
  const { id: moveId, current, scope, decisions: d } = await openTarget(input, 'account.move', MOVE_FIELDS);
  const name = stringOrNull(current.name) ?? `id ${moveId}`;
  const result = (action: string, canFlagReview: boolean, partnerOutcome: string | null = null): PreparedTarget =>
    ({ decisions: d, mode: 'write', canFlagReview, partnerOutcome, action, current });

  if (!isWritableState('account.move', current.state)) {
    d.flag(`bill ${name} is ${String(current.state)}: not changed`);
    return result('record not changed', false);
  }
  const moveType = String(current.move_type);
  if (!isWritableMoveType(moveType)) {
    d.flag(`record ${name} is a ${moveType} entry, not a vendor bill: not changed`);
    return result('record not changed', false);
  }
  if (notABill(input, d, true)) return result('bill not changed', true);

  const bill: BillState = { current, lineIds: x2manyIds(current.invoice_line_ids) };
  const attachment = await readAttachment(client, target.attachmentId, scope.context);

  // A bill that already has lines was filled by a person or by Odoo's own e-invoice import (Factur-X/UBL):
  // its values stay; the document is only compared with it.
  if (bill.lineIds.length > 0 && !policy.overwrite) {
    d.info('bill already filled: values left as they are');
    const total = input.fields.amount_total;
    const billTotal = typeof current.amount_total === 'number' ? current.amount_total : null;
    // a bill booked with its withholding (Odoo's own FatturaPA import) totals the amount due
    const payable = input.result.payable;
    const totals = [total.value, payable?.total_before_withholding, payable?.amount_due].filter((n): n is number => typeof n === 'number');
    if (total.value !== null && billTotal !== null && !totals.some((n) => Math.abs(n - billTotal) <= 0.01)) {
      d.flag(reason('bill_total_differs', { bill_total: billTotal.toFixed(2), total: total.value.toFixed(2) }));
    }
    await flagDuplicates(input, d, scope, moveId, m2oId(current.partner_id), stringOrNull(current.ref), attachment);
    return result('bill left as filled', true, null);
  }

  const docType = d.confident('doc_type', input.fields.doc_type);
  if (docType === 'credit_note' && moveType === 'in_invoice') {
    if (bill.lineIds.length === 0) d.set('move_type', 'in_refund');
    else d.flag('document is a credit note but the bill already has lines: type not changed');
  } else if (docType === 'credit_note' && moveType === 'in_receipt') {
    d.flag(`document is a credit note but ${name} is a purchase receipt`);
  } else if ((docType === 'invoice' || docType === 'receipt') && moveType === 'in_refund') {
    d.flag(`document is ${docType === 'invoice' ? 'an invoice' : 'a receipt'} but ${name} is a vendor credit note`);
  }

  const partner = await linkedVendor(input, d, scope, bill, await fillPartner(input, d, scope, bill));
  await fillBankAccount(input, d, scope, bill, partner);
  fillDatesAndRefs(input, d, bill);
  if (await fillCurrency(input, d, scope, bill, partner.order)) await fillLines(input, d, scope, bill, partner.partnerId, partner.order);
  await flagDuplicates(input, d, scope, moveId, partner.partnerId, finalRef(d, bill), attachment);
  return result(d.written.length ? 'draft bill filled' : 'bill not changed', true, partner.outcome);
}

async function purchaseJournal(input: PrepareInput, scope: CompanyScope): Promise<{ id: number; companyId: number | null }> {
  const { client, policy } = input;
  const domain: Array<[string, string, unknown]> = policy.purchaseJournalId
    ? [['id', '=', policy.purchaseJournalId], ['type', '=', 'purchase']]
    : [['type', '=', 'purchase']];
  const [journal] = await client.searchRead('account.journal', [...domain, ...companyOnly(scope)], {
    fields: ['id', 'company_id'], order: 'sequence, id', limit: 1, context: scope.context,
  });
  if (!journal) {
    const which = policy.purchaseJournalId ? `journal ${policy.purchaseJournalId} is not a purchase journal of` : 'no purchase journal in';
    throw new WriteBackError('NO_PURCHASE_JOURNAL', `${which} company ${scope.companyId ?? '(user default)'}`);
  }
  return { id: journal.id as number, companyId: m2oId(journal.company_id) };
}

export async function prepareBillCreate(input: PrepareInput): Promise<PreparedTarget> {
  const { client, target, policy } = input;
  const defs = await client.fieldsGet('account.move');
  const baseScope = companyScope(target.companyId);
  const attachment = await readAttachment(client, target.attachmentId, baseScope.context);
  if (!attachment) throw new WriteBackError('TARGET_NOT_FOUND', `ir.attachment ${target.attachmentId} does not exist`);
  const d = new WriteDecisions(writeThresholdOf(policy), policy.overwrite, defs, 'account.move');
  if (notABill(input, d, false)) return { decisions: d, mode: 'none', canFlagReview: false, partnerOutcome: null, action: 'no bill created' };

  let scope = companyScope(target.companyId ?? attachment.companyId);
  const journal = await purchaseJournal(input, scope);
  // Without a known company, the journal's company (the user's current one) is the bill's company.
  if (!scope.companyId && journal.companyId) scope = companyScope(journal.companyId);

  const docType = d.confident('doc_type', input.fields.doc_type);
  d.set('move_type', docType === 'credit_note' ? 'in_refund' : 'in_invoice');
  d.set('journal_id', journal.id);
  if (scope.companyId) d.set('company_id', scope.companyId);

  const bill: BillState = { current: {}, lineIds: [] };
  const partner = await linkedVendor(input, d, scope, bill, await fillPartner(input, d, scope, bill));
  await fillBankAccount(input, d, scope, bill, partner);
  fillDatesAndRefs(input, d, bill);
  if (await fillCurrency(input, d, scope, bill, partner.order)) await fillLines(input, d, scope, bill, partner.partnerId, partner.order);
  // On a retry the file may already sit on the bill an earlier run created: that bill is no duplicate of itself.
  const ownMove = attachment.resModel === 'account.move' ? attachment.resId : null;
  await flagDuplicates(input, d, scope, ownMove, partner.partnerId, finalRef(d, bill), attachment);
  return { decisions: d, mode: 'create', canFlagReview: true, partnerOutcome: partner.outcome, action: 'a draft vendor bill is created' };
}
