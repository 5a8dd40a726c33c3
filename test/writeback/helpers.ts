// Shared set-up of the write-back tests: a fake Odoo HTTP server (real JSON-RPC / JSON-2 on 127.0.0.1), a
// connected OdooClient, scan results from fixtures/writeback, and the accounting data the write-back reads.
import { readFileSync } from 'node:fs';
import type { ExtractedFields, ScanResult } from '../../src/contract.js';
import { connectOdoo } from '../../src/odoo/index.js';
import type { OdooClient } from '../../src/odoo/types.js';
import type { WritePolicy } from '../../src/writeback/index.js';
import { type FakeOdoo, startFakeOdoo } from '../support/fake-odoo/index.js';

export interface TestOdoo {
  fake: FakeOdoo;
  client: OdooClient;
  close(): Promise<void>;
}

export async function startOdoo(version: 16 | 17 | 19 = 17): Promise<TestOdoo> {
  const fake = await startFakeOdoo({ version });
  const client = await connectOdoo({ url: fake.url, db: fake.db, username: 'admin', apiKey: fake.apiKey });
  return { fake, client, close: async () => { client.close(); await fake.close(); } };
}

export const POLICY: WritePolicy = { overwrite: false, writeThreshold: 0.8 };

type FieldPatch = { [K in keyof ExtractedFields]?: Partial<ExtractedFields[K]> };

/** A scan result from fixtures/writeback, with some fields changed for the case at hand. */
export function scan(name: string, patch: { fields?: FieldPatch } & Partial<Omit<ScanResult, 'fields'>> = {}): ScanResult {
  const url = new URL(`../../fixtures/writeback/${name}.scan.json`, import.meta.url);
  const base = JSON.parse(readFileSync(url, 'utf8')) as ScanResult;
  const { fields: fieldPatch, ...rest } = patch;
  const fields = { ...base.fields } as ExtractedFields;
  for (const [key, value] of Object.entries(fieldPatch ?? {})) {
    const k = key as keyof ExtractedFields;
    (fields as unknown as Record<string, unknown>)[k] = { ...fields[k], ...value };
  }
  return { ...base, ...rest, fields };
}

// Base data of the fake: company 1 (USD, currency id 1), EUR = currency id 2, purchase journal id 2.
export const USD = 1;
export const EUR = 2;

export function seedCompany2(fake: FakeOdoo): { companyId: number; journalId: number } {
  const [companyId] = fake.seed('res.company', [{ id: 2, name: 'Filiale Italia', currency_id: EUR }]);
  const [journalId] = fake.seed('account.journal', [{ name: 'Fatture fornitori', code: 'FF', type: 'purchase', company_id: companyId }]);
  return { companyId: companyId!, journalId: journalId! };
}

export { computeMoveTotals, seedTaxes, type TaxSpec } from '../support/fake-accounting.js';

export function seedAttachment(
  fake: FakeOdoo, opts: { name?: string; content?: string; resModel?: string | false; resId?: number; companyId?: number },
): number {
  const [id] = fake.seed('ir.attachment', [{
    name: opts.name ?? 'bill.pdf', datas: Buffer.from(opts.content ?? `%PDF-1.4 ${Math.random()}`).toString('base64'),
    res_model: opts.resModel ?? false, res_id: opts.resId ?? 0, mimetype: 'application/pdf',
    ...(opts.companyId ? { company_id: opts.companyId } : {}),
  }]);
  return id!;
}

/** A draft vendor bill with its document attached, as Odoo's upload creates it. */
export function seedDraftBill(fake: FakeOdoo, values: Record<string, unknown> = {}, content?: string): { moveId: number; attachmentId: number } {
  const [moveId] = fake.seed('account.move', [{
    move_type: 'in_invoice', state: 'draft', journal_id: 2, currency_id: USD, company_id: 1, date: '2024-05-01', ...values,
  }]);
  const attachmentId = seedAttachment(fake, { resModel: 'account.move', resId: moveId!, ...(content ? { content } : {}) });
  return { moveId: moveId!, attachmentId };
}

export function move(fake: FakeOdoo, id: number): Record<string, unknown> {
  const row = fake.records('account.move').find((r) => r.id === id);
  if (!row) throw new Error(`no account.move ${id}`);
  return row;
}

export function linesOf(fake: FakeOdoo, moveId: number): Record<string, unknown>[] {
  return fake.records('account.move.line').filter((l) => l.move_id === moveId);
}

export function notesOn(fake: FakeOdoo, model: string, id: number): string[] {
  return fake.records('mail.message').filter((m) => m.model === model && m.res_id === id).map((m) => String(m.body));
}
