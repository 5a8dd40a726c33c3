// The worker's learning hook: records it wrote to that a person has since validated (bill posted, expense
// submitted or approved) are read again and the values kept are learned into the vendor's profile (src/memory,
// the same code as `odoo-ocr learn`). Addon mode finds them as ocr.job rows the addon marked `learn_state =
// pending` when the record was posted; addon-less mode checks the records its ledger wrote to.
import type { ScanResult } from '../contract.js';
import type { Logger } from '../log.js';
import type { PostedAccounting, Truth, VendorMemory } from '../memory/index.js';
import { OdooNotFoundError } from '../odoo/errors.js';
import type { OdooClient } from '../odoo/types.js';
import type { ScanCall } from '../pipeline/scan.js';
import { expenseAmountField } from '../writeback/prepare-expense.js';
import { describeError } from './errors.js';
import type { StateDb } from './state-db.js';
import { JOB_MODEL } from './types.js';

export interface PostedRecord {
  resModel: 'account.move' | 'hr.expense';
  resId: number;
  attachmentId: number;
  companyId: number | null;
  jobId?: number;
}

/** Where validated records come from, and how one is marked as learned (so it is read once). */
export interface PostedFeed {
  pending(limit: number): Promise<PostedRecord[]>;
  learned(rec: PostedRecord, ok: boolean): Promise<void>;
}

export interface Validated {
  truth: Truth;
  partner?: { id: number | null; name: string | null; vat: string | null };
  accounting?: PostedAccounting;
}

type M2o = [number, string] | false;
// 'reported' is an expense in a report still in draft: not validated yet
const EXPENSE_VALIDATED = ['submitted', 'approved', 'done', 'posted'];

/** The company's key in the memory: profiles never cross companies. */
export function companyKey(companyId: number | null): string {
  return String(companyId ?? 0);
}

/** What a validated record kept, in the scan's field names; null while it is still a draft. */
export async function validatedValues(odoo: OdooClient, rec: PostedRecord): Promise<Validated | null> {
  if (rec.resModel === 'hr.expense') {
    const amountField = expenseAmountField(await odoo.fieldsGet('hr.expense')) ?? 'total_amount_currency';
    const [e] = await odoo.read<{ state: string; date: string | false; currency_id: M2o } & Record<string, unknown>>('hr.expense', [rec.resId], ['state', 'date', 'currency_id', amountField]);
    if (!e || !EXPENSE_VALIDATED.includes(e.state)) return null;
    return { truth: { date: e.date || null, amount_total: Number(e[amountField]) || null, currency: e.currency_id ? e.currency_id[1] : null } };
  }
  const [m] = await odoo.read<{
    state: string; move_type: string; partner_id: M2o; ref: string | false; invoice_date: string | false; invoice_date_due: string | false;
    currency_id: M2o; amount_total: number; amount_untaxed: number; amount_tax: number; invoice_line_ids: number[];
  }>('account.move', [rec.resId], ['state', 'move_type', 'partner_id', 'ref', 'invoice_date', 'invoice_date_due', 'currency_id', 'amount_total', 'amount_untaxed', 'amount_tax', 'invoice_line_ids']);
  if (!m || m.state !== 'posted') return null;
  let partner: Validated['partner'];
  if (m.partner_id) {
    const [p] = await odoo.read<{ name: string; vat: string | false }>('res.partner', [m.partner_id[0]], ['name', 'vat']);
    partner = { id: m.partner_id[0], name: p?.name ?? m.partner_id[1], vat: p?.vat || null };
  }
  const lines = m.invoice_line_ids.length
    ? await odoo.read<{ account_id: M2o; tax_ids: number[]; product_id: M2o; display_type: string | false }>('account.move.line', m.invoice_line_ids, ['account_id', 'tax_ids', 'product_id', 'display_type'])
    : [];
  return {
    truth: {
      doc_type: m.move_type === 'in_refund' ? 'credit_note' : m.move_type === 'in_receipt' ? 'receipt' : 'invoice',
      vendor_name: partner?.name ?? null,
      vendor_vat: partner?.vat ?? null,
      invoice_number: m.ref || null,
      date: m.invoice_date || null,
      due_date: m.invoice_date_due && m.invoice_date_due !== m.invoice_date ? m.invoice_date_due : null,
      currency: m.currency_id ? m.currency_id[1] : null,
      amount_total: m.amount_total,
      amount_untaxed: m.amount_untaxed,
      amount_tax: m.amount_tax,
    },
    partner,
    accounting: {
      lines: lines
        .filter((l) => !l.display_type || l.display_type === 'product')
        .map((l) => ({ account_id: l.account_id ? l.account_id[0] : null, tax_ids: l.tax_ids, product_id: l.product_id ? l.product_id[0] : null })),
    },
  };
}

export interface LearnerDeps {
  odoo: OdooClient;
  memory: VendorMemory;
  feed: PostedFeed;
  scan: (data: Buffer, name: string, call: ScanCall) => Promise<ScanResult>;
  logger: Logger;
  batch?: number;
}

export class PostedLearner {
  private running = false;
  constructor(private readonly deps: LearnerDeps) {}

  /** Learns from every validated record waiting; returns how many were learned. Never throws: Odoo down or a bad
   * record is logged and tried again next time. */
  async runOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.learnPending();
    } catch (err) {
      this.deps.logger.warn('could not look for validated records to learn from', { error: describeError(err) });
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async learnPending(): Promise<number> {
    const { odoo, feed, logger } = this.deps;
    let learned = 0;
    for (const rec of await feed.pending(this.deps.batch ?? 20)) {
      try {
        const values = await validatedValues(odoo, rec);
        if (!values) continue; // still a draft: asked again next time
        const [att] = await odoo.read<{ datas: string | false; name: string | false }>('ir.attachment', [rec.attachmentId], ['datas', 'name']);
        if (!att?.datas) {
          await feed.learned(rec, false);
          continue;
        }
        const result = await this.deps.scan(Buffer.from(att.datas, 'base64'), att.name || `attachment-${rec.attachmentId}`, {
          memory: { memory: this.deps.memory, company: companyKey(rec.companyId), truth: values.truth, partner: values.partner, accounting: values.accounting },
        });
        await feed.learned(rec, Boolean(result.memory?.learned));
        if (result.memory?.learned) learned++;
        logger.info('vendor memory learned from a validated record', { resModel: rec.resModel, resId: rec.resId, learned: Boolean(result.memory?.learned) });
      } catch (err) {
        logger.warn('could not learn from a validated record; will try again', { resModel: rec.resModel, resId: rec.resId, error: describeError(err) });
      }
    }
    return learned;
  }
}

/** Addon-less: records the ledger wrote to (they carry the worker's note) and that were not learned from yet. */
export class LedgerFeed implements PostedFeed {
  /** `scope`: the ledger's (URL + database), so a state directory shared by two databases learns each from its own. */
  constructor(private readonly db: StateDb, private readonly odoo: OdooClient, private readonly scope: string, private readonly maxAgeMs = 180 * 86_400_000) {}

  async pending(limit: number): Promise<PostedRecord[]> {
    const rows = this.db
      .prepare<[string, number, number], { res_model: string; res_id: number | null; result_res_id: number | null; attachment_id: number; company_id: number | null }>(
        `SELECT l.res_model, l.res_id, l.result_res_id, l.attachment_id, l.company_id FROM ledger l
         WHERE l.scope = ? AND l.state IN ('done', 'review') AND l.updated_at >= ?
           AND NOT EXISTS (SELECT 1 FROM memory_learned m
                           WHERE m.scope = l.scope AND m.res_model = l.res_model AND m.res_id = COALESCE(l.result_res_id, l.res_id))
         ORDER BY l.updated_at LIMIT ?`,
      )
      .all(this.scope, Date.now() - this.maxAgeMs, limit * 10);
    const records = rows
      .map((r) => ({ resModel: (r.res_model === 'ir.attachment' ? 'account.move' : r.res_model) as PostedRecord['resModel'], resId: r.result_res_id ?? r.res_id ?? 0, attachmentId: r.attachment_id, companyId: r.company_id }))
      .filter((r) => r.resId > 0 && (r.resModel === 'account.move' || r.resModel === 'hr.expense'));
    // one query per model says which of them a person has validated since
    const out: PostedRecord[] = [];
    for (const model of ['account.move', 'hr.expense'] as const) {
      const ids = records.filter((r) => r.resModel === model).map((r) => r.resId);
      if (!ids.length) continue;
      const domain = model === 'account.move' ? [['id', 'in', ids], ['state', '=', 'posted']] : [['id', 'in', ids], ['state', 'in', EXPENSE_VALIDATED]];
      const posted = new Set((await this.odoo.searchRead<{ id: number }>(model, domain as never, { fields: ['id'] })).map((r) => r.id));
      out.push(...records.filter((r) => r.resModel === model && posted.has(r.resId)));
    }
    return out.slice(0, limit);
  }

  async learned(rec: PostedRecord): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO memory_learned (scope, res_model, res_id, learned_at) VALUES (?, ?, ?, ?)')
      .run(this.scope, rec.resModel, rec.resId, Date.now());
  }
}

/** Addon mode: jobs the addon marked when their record was posted / submitted / approved. */
export class AddonFeed implements PostedFeed {
  constructor(private readonly odoo: OdooClient) {}

  async pending(limit: number): Promise<PostedRecord[]> {
    const rows = await this.odoo.searchRead<{ id: number; res_model: string; res_id: number; attachment_id: [number, string] | false; company_id: [number, string] | false }>(
      JOB_MODEL, [['learn_state', '=', 'pending']], { fields: ['res_model', 'res_id', 'attachment_id', 'company_id'], limit },
    );
    return rows
      .filter((r) => r.attachment_id && (r.res_model === 'account.move' || r.res_model === 'hr.expense'))
      .map((r) => ({ resModel: r.res_model as PostedRecord['resModel'], resId: r.res_id, attachmentId: (r.attachment_id as [number, string])[0], companyId: r.company_id ? r.company_id[0] : null, jobId: r.id }));
  }

  async learned(rec: PostedRecord, ok: boolean): Promise<void> {
    if (!rec.jobId) return;
    try {
      // addon ≥ 17.0.1.3.0: the worker account may not write jobs, it marks them through the worker API
      await this.odoo.call(JOB_MODEL, 'learned', { kwargs: { job_ids: [rec.jobId], ok } });
    } catch (err) {
      if (!(err instanceof OdooNotFoundError)) throw err;
      await this.odoo.write(JOB_MODEL, [rec.jobId], { learn_state: ok ? 'done' : 'skipped' }); // an older addon
    }
  }
}
