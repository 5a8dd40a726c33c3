import type { Domain, OdooClient } from '../odoo/types.js';
import { type Ledger, type LedgerFilter } from '../worker/ledger.js';
import { JOB_MODEL, type WorkerMode } from '../worker/types.js';

// The rerun command's selection, for both modes: jobs in Odoo (addon) or ledger rows (addon-less). Explicit ids
// win over the default state (failed): `rerun --ids 7` requeues job 7 whatever it ended as, and says why for each
// id it leaves alone (unknown, running under a live lease, or not in the --state asked for).

export interface RerunSelection {
  ids?: number[];
  /** Only documents in this state; undefined: any finished state with --ids, 'failed' without. */
  state?: 'failed' | 'review';
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

/** The state filter in effect: the one asked for, none for explicit ids, failed otherwise. */
export function effectiveState(sel: RerunSelection): 'failed' | 'review' | undefined {
  return sel.state ?? (sel.ids?.length ? undefined : 'failed');
}

export function jobDomain(sel: RerunSelection): Domain {
  const state = effectiveState(sel);
  const domain: Domain = state ? [['state', '=', state]] : [['state', '!=', 'running']];
  if (sel.ids?.length) domain.push(['id', 'in', sel.ids]);
  if (sel.model) domain.push(['res_model', '=', sel.model]);
  if (sel.since) domain.push(['done_at', '>=', odooDatetime(sel.since)]);
  return domain;
}

export function ledgerFilter(sel: RerunSelection): LedgerFilter {
  const models = sel.model ? [sel.model] : ['account.move', 'hr.expense'];
  const state = effectiveState(sel);
  return {
    states: state ? [state] : undefined,
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

/** For each explicit id that the selection leaves alone, one line saying why (empty without --ids). */
export async function explainSkippedIds(mode: WorkerMode, odoo: OdooClient, ledger: Ledger | null, sel: RerunSelection): Promise<string[]> {
  if (!sel.ids?.length) return [];
  const state = effectiveState(sel);
  const found = new Map<number, { ref: string; state: string; resModel: string | null }>();
  if (mode === 'addon') {
    const rows = await odoo.searchRead<{ id: number; state: string; res_model: string | false }>(JOB_MODEL, [['id', 'in', sel.ids]], { fields: ['id', 'state', 'res_model'] });
    for (const r of rows) found.set(r.id, { ref: `job ${r.id}`, state: r.state, resModel: r.res_model || null });
  } else {
    for (const row of ledger!.list({ keys: ledgerFilter({ ids: sel.ids }).keys })) {
      found.set(row.key.startsWith('att:') ? row.attachment_id : row.res_id!, { ref: row.key, state: row.state, resModel: row.res_model });
    }
  }
  const reasons: string[] = [];
  for (const id of sel.ids) {
    const row = found.get(id);
    if (!row) reasons.push(mode === 'addon' ? `job ${id}: no such job` : `${id}: no document with this id in the local ledger of this database`);
    else if (row.state === 'running' || row.state === 'writing') reasons.push(`${row.ref}: being processed now, left alone`);
    else if (state && row.state !== state) reasons.push(`${row.ref}: is ${row.state}, not ${state} (--state ${state})`);
    else if (sel.model && row.resModel !== sel.model) reasons.push(`${row.ref}: belongs to ${row.resModel ?? 'no record'}, not ${sel.model} (--model)`);
  }
  return reasons;
}

/** Puts the selection back in the queue; returns how many documents were requeued. */
export async function requeueSelection(mode: WorkerMode, odoo: OdooClient, ledger: Ledger | null, sel: RerunSelection): Promise<number> {
  if (mode === 'addon') {
    // The addon requeues only what the domain matches and never touches a job whose lease is still live.
    return odoo.call<number>(JOB_MODEL, 'requeue', { kwargs: { ids: sel.ids?.length ? sel.ids : null, domain: jobDomain(sel) } });
  }
  return ledger!.requeue(ledgerFilter(sel));
}
