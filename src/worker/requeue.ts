import type { Domain, OdooClient } from '../odoo/types.js';
import { type Ledger, type LedgerFilter } from './ledger.js';
import { JOB_MODEL } from './runtime.js';
import type { WorkerMode } from './types.js';

// The rerun command's selection, for both modes: jobs in Odoo (addon) or ledger rows (addon-less).

export interface RerunSelection {
  ids?: number[];
  state: 'failed' | 'review';
  model?: 'hr.expense' | 'account.move';
  since?: Date;
}

export interface RerunCandidate {
  ref: string;
  state: string;
  resModel: string | null;
  resId: number | null;
  name: string;
  error: string | null;
}

/** Odoo's datetime format (UTC, no zone): what a Datetime domain compares against. */
export function odooDatetime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

export function jobDomain(sel: RerunSelection): Domain {
  const domain: Domain = [['state', '=', sel.state]];
  if (sel.ids?.length) domain.push(['id', 'in', sel.ids]);
  if (sel.model) domain.push(['res_model', '=', sel.model]);
  if (sel.since) domain.push(['done_at', '>=', odooDatetime(sel.since)]);
  return domain;
}

export function ledgerFilter(sel: RerunSelection): LedgerFilter {
  const models = sel.model ? [sel.model] : ['account.move', 'hr.expense'];
  return {
    states: [sel.state],
    resModel: sel.model,
    sinceMs: sel.since?.getTime(),
    // --ids are record ids in addon-less mode (an inbox attachment's row is keyed by the attachment id).
    keys: sel.ids?.flatMap((id) => [...models.map((m) => `${m}:${id}`), `att:${id}`]),
  };
}

export async function listRerunCandidates(mode: WorkerMode, odoo: OdooClient, ledger: Ledger | null, sel: RerunSelection, limit = 1000): Promise<RerunCandidate[]> {
  if (mode === 'addon') {
    const rows = await odoo.searchRead<{ id: number; state: string; res_model: string | false; res_id: number | false; attachment_name: string | false; error: string | false }>(
      JOB_MODEL, jobDomain(sel), { fields: ['id', 'state', 'res_model', 'res_id', 'attachment_name', 'error'], limit, order: 'id asc' },
    );
    return rows.map((r) => ({ ref: `job:${r.id}`, state: r.state, resModel: r.res_model || null, resId: r.res_id || null, name: r.attachment_name || '', error: r.error || null }));
  }
  return ledger!.list(ledgerFilter(sel), limit).map((r) => ({ ref: r.key, state: r.state, resModel: r.res_model, resId: r.res_id, name: r.name, error: r.error }));
}

/** Puts the selection back in the queue; returns how many documents were requeued. */
export async function requeueSelection(mode: WorkerMode, odoo: OdooClient, ledger: Ledger | null, sel: RerunSelection): Promise<number> {
  if (mode === 'addon') {
    // The addon requeues only what the domain matches and never touches a job whose lease is still live.
    return odoo.call<number>(JOB_MODEL, 'requeue', { kwargs: { ids: sel.ids?.length ? sel.ids : null, domain: jobDomain(sel) } });
  }
  return ledger!.requeue(ledgerFilter(sel));
}
