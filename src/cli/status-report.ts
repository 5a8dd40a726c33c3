import type { AddonlessModel } from '../config.js';
import type { OdooClient } from '../odoo/types.js';
import { discoveryDomain } from '../worker/addonless-source.js';
import type { Ledger } from '../worker/ledger.js';
import { JOB_MODEL, type WorkerMode } from '../worker/types.js';

export interface StatusRow {
  state: string;
  channel: string;
  count: number;
}

export interface StatusReport {
  mode: WorkerMode;
  rows: StatusRow[];
  /** Addon-less: records in Odoo that match the discovery domain (waiting or not yet readable). */
  waiting?: Record<string, number>;
}

function addRow(rows: Map<string, StatusRow>, state: string, channel: string, count: number): void {
  const key = `${state}\u0000${channel}`;
  const row = rows.get(key) ?? { state, channel, count: 0 };
  row.count += count;
  rows.set(key, row);
}

/** Job counts by state and channel: read_group when the server offers it, else one paged search_read. */
async function jobCounts(odoo: OdooClient): Promise<StatusRow[]> {
  const rows = new Map<string, StatusRow>();
  try {
    const groups = await odoo.call<Array<{ state: string; channel: string | false; __count: number }>>(JOB_MODEL, 'read_group', {
      kwargs: { domain: [], fields: ['state', 'channel'], groupby: ['state', 'channel'], lazy: false },
    });
    for (const g of groups) addRow(rows, g.state, g.channel || 'root', g.__count);
  } catch (err) {
    if ((err as { retryable?: boolean }).retryable) throw err;
    // read_group is deprecated/renamed on newer servers: count the rows ourselves.
    const all = await odoo.searchRead<{ state: string; channel: string | false }>(JOB_MODEL, [], { fields: ['state', 'channel'] });
    for (const r of all) addRow(rows, r.state, r.channel || 'root', 1);
  }
  return sortRows(rows);
}

function sortRows(rows: Map<string, StatusRow>): StatusRow[] {
  return [...rows.values()].sort((a, b) => a.state.localeCompare(b.state) || a.channel.localeCompare(b.channel));
}

export async function collectStatus(mode: WorkerMode, odoo: OdooClient, ledger: Ledger | null, models: string[]): Promise<StatusReport> {
  if (mode === 'addon') return { mode, rows: await jobCounts(odoo) };
  const rows = new Map<string, StatusRow>();
  for (const r of ledger?.counts() ?? []) addRow(rows, r.state, r.res_model, r.count);
  const waiting: Record<string, number> = {};
  for (const model of models) waiting[model] = await odoo.searchCount(model, discoveryDomain(model as AddonlessModel));
  return { mode, rows: sortRows(rows), waiting };
}

export function formatStatus(report: StatusReport): string {
  const header = ['state', report.mode === 'addon' ? 'channel' : 'model', 'count'];
  const body = report.rows.map((r) => [r.state, r.channel, String(r.count)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`mode: ${report.mode}`, line(header), ...body.map(line)];
  if (!body.length) out.push('(no documents yet)');
  if (report.waiting) for (const [model, count] of Object.entries(report.waiting)) out.push(`waiting in Odoo (${model}): ${count}`);
  return `${out.join('\n')}\n`;
}
