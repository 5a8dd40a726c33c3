// The reads a document's write-back will most likely make, planned from what was read and what the queue said of
// the target, so they can be sent to Odoo in one batch (the addon's ocr.job.lookup) before the write-back runs.
// The plan decides nothing: it asks the same queries the rules would ask (built by the same functions), a few more
// than needed rather than fewer (e.g. the name search even when the VAT will match). Whatever the plan missed, the
// write-back still asks Odoo for itself; whatever it asked in vain costs Odoo a search, not the worker an RPC.
import type { ScanResult } from '../contract.js';
import type { OdooClient } from '../odoo/types.js';
import { expectedDocType } from './orders/index.js';
import { companyScope, type CompanyScope, ownPartnersQuery } from './company.js';
import { companyCountryQuery, currencyQuery, unprintedCurrencyCode } from './currency.js';
import { movesOfFilesQuery, sameFileQuery, sameRefQuery } from './duplicates.js';
import { type LookupQuery, UNPLACED } from './lookups.js';
import { findIbans } from './normalize.js';
import {
  bankAccountQuery, bankHoldersQuery, bankSearchable, earlierBillsQuery, nameQuery, nameWords, textIbanAccountsQuery, vatPatterns,
  vatQuery,
} from './partner-match.js';
import { MOVE_FIELDS } from './prepare-bill.js';
import { anyOpenOrdersQuery, openOrdersQuery, orderLinesQuery, ordersByReferenceQuery } from './purchase-orders.js';
import { installedApps } from '../odoo/apps.js';
import { recordQuery, targetFields } from './prepare-context.js';
import { EXPENSE_FIELDS } from './prepare-expense.js';
import { creditNoteFromNegativeTotal } from './signs.js';
import type { WorkTarget } from './types.js';

/** What the worker already knows of the job's file (read with its content). */
export interface PlannedAttachment {
  checksum: string | null;
  /** The move the file sits on (a bare attachment's earlier try may have created it). */
  moveId: number | null;
}

class Plan {
  readonly queries: LookupQuery[] = [];
  add(query: LookupQuery | null): number {
    if (!query) return UNPLACED;
    this.queries.push(query);
    return this.queries.length - 1;
  }
  /** A query depending on `on` (skipped when that one was not planned). */
  addFrom(on: number, query: LookupQuery): void {
    if (on !== UNPLACED && query.from) this.add({ ...query, from: { ...query.from, query: on } });
  }
}

/** A document that prints no currency: the one its country clues allow (corroboratedCurrency looks it up). */
function planUnprintedCurrency(plan: Plan, scope: CompanyScope, result: ScanResult): void {
  const code = unprintedCurrencyCode(result);
  const query = code ? currencyQuery(scope, code) : null;
  if (query) plan.add(query);
}

/** Plans the vendor searches; returns the VAT search's place (UNPLACED without one), which names one vendor. */
async function planVendor(plan: Plan, client: OdooClient, scope: CompanyScope, result: ScanResult): Promise<number> {
  const f = result.fields!;
  const patterns = f.vendor_vat.value ? vatPatterns(f.vendor_vat.value) : [];
  const byVat = patterns.length ? plan.add(vatQuery(scope, patterns)) : UNPLACED;
  const banks = await bankSearchable(client);
  const iban = f.iban?.value;
  if (banks && iban) plan.addFrom(plan.add(bankAccountQuery(scope, iban)), bankHoldersQuery(scope, UNPLACED));
  const printed = result.text ? findIbans(result.text) : [];
  if (banks && printed.length) {
    plan.addFrom(plan.add(textIbanAccountsQuery(scope, printed)), earlierBillsQuery(scope, { query: UNPLACED, field: 'id', as: 'partner_bank_id' }));
  }
  const words = f.vendor_name.value ? nameWords(f.vendor_name.value) : [];
  if (words.length) plan.add(nameQuery(scope, words));
  return byVat;
}

/** The purchase orders a bill may be billed against (purchase-link): by the number read, else the open orders of
 * the vendor its VAT names, each with its lines. */
async function planPurchaseOrders(plan: Plan, client: OdooClient, scope: CompanyScope, result: ScanResult, byVat: number): Promise<void> {
  if (result.fields!.doc_type.value === 'credit_note' || !(await installedApps(client)).apps.purchase) return;
  const reference = result.fields!.po_number.value?.trim();
  const orders = reference ? plan.add(ordersByReferenceQuery(scope, reference)) : UNPLACED;
  if (orders !== UNPLACED) plan.addFrom(orders, orderLinesQuery(scope, UNPLACED));
  // without a VAT the vendor may stay unknown: then every open order is compared with the bill's lines
  const open = plan.add(byVat === UNPLACED ? (reference ? null : anyOpenOrdersQuery(scope)) : openOrdersQuery(scope, { query: byVat, field: 'id' }));
  if (open !== UNPLACED) plan.addFrom(open, orderLinesQuery(scope, UNPLACED));
}

function planDuplicates(plan: Plan, scope: CompanyScope, result: ScanResult, attachmentId: number, file: PlannedAttachment,
  moveId: number | null, withMainAttachment: boolean): void {
  const ref = result.fields!.invoice_number.value;
  if (ref) plan.add(sameRefQuery(scope, ref, moveId, withMainAttachment));
  if (file.checksum) plan.addFrom(plan.add(sameFileQuery(scope, attachmentId, file.checksum)), movesOfFilesQuery(scope, UNPLACED, moveId));
}

/** The queries to send ahead for this document; [] when there is nothing worth planning (no company known yet:
 * the record's own company decides the searches' scope, and reading it is the first query). */
export async function planLookups(client: OdooClient, target: WorkTarget, scanned: ScanResult, file: PlannedAttachment): Promise<LookupQuery[]> {
  if (scanned.error || !scanned.fields || !target.companyId) return [];
  // orders and delivery notes (./orders) search for themselves: nothing of a bill's searches applies
  if (expectedDocType(target.resModel) || ['purchase_order', 'delivery_note'].includes(scanned.fields.doc_type.value ?? '')) return [];
  const { result } = creditNoteFromNegativeTotal(scanned);
  const scope = companyScope(target.companyId);
  const plan = new Plan();
  const currency = result.fields!.currency.value;
  if (target.resModel === 'hr.expense' && target.resId) {
    plan.add(recordQuery('hr.expense', target.resId, await targetFields(client, 'hr.expense', EXPENSE_FIELDS), scope.context));
    if (currency) plan.add(currencyQuery(scope, currency));
    // a currency not written may count as not printed (an inferred one, shownCurrency; one read from no mark beside an
    // amount, corroboratedCurrency): the clues' own is then looked up too
    if (!result.fields!.currency.write) planUnprintedCurrency(plan, scope, result);
    if (!result.fields!.currency.write) plan.add(companyCountryQuery(scope)); // unstatedCurrencyIsOurs asks it
    if ('vendor_id' in (await client.fieldsGet('hr.expense'))) await planVendor(plan, client, scope, result);
    return plan.queries;
  }
  const moveDefs = await client.fieldsGet('account.move');
  const withMainAttachment = 'message_main_attachment_id' in moveDefs;
  const moveId = target.resModel === 'account.move' ? target.resId : file.moveId;
  if (target.resModel === 'account.move' && target.resId) {
    plan.add(recordQuery('account.move', target.resId, await targetFields(client, 'account.move', MOVE_FIELDS), scope.context));
  }
  const byVat = await planVendor(plan, client, scope, result);
  // the buyer's name and VAT are never the vendor's
  if (result.fields!.vendor_name.value || result.fields!.vendor_vat.value) plan.add(ownPartnersQuery());
  await planPurchaseOrders(plan, client, scope, result, byVat);
  if (currency) plan.add(currencyQuery(scope, currency));
  // a currency not written may count as not printed (see above): the clues' own is then looked up too
  if (!result.fields!.currency.write) planUnprintedCurrency(plan, scope, result);
  if (!result.fields!.currency.write) plan.add(companyCountryQuery(scope)); // unstatedCurrencyIsOurs asks it
  planDuplicates(plan, scope, result, target.attachmentId, file, moveId, withMainAttachment);
  return plan.queries;
}
