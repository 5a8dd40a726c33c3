import type Database from 'better-sqlite3';
import type { ProfileStore } from './store.js';
import type { VendorProfile } from './types.js';

/** Addon-less mode: profiles in the worker's SQLite state (table vendor_profile, see src/worker/state-db.ts), those
 * of one Odoo database (`scope`, the ledger's: URL + database) apart from another's. */
export class SqliteProfileStore implements ProfileStore {
  constructor(private readonly db: Database.Database, private readonly scope: string) {}

  async list(company: string): Promise<VendorProfile[]> {
    const rows = this.db.prepare<[string, string], { data: string }>('SELECT data FROM vendor_profile WHERE scope = ? AND company = ?').all(this.scope, company);
    return rows.map((r) => JSON.parse(r.data) as VendorProfile);
  }

  async save(profile: VendorProfile): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO vendor_profile (scope, id, company, partner_id, data, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.scope, profile.id, profile.company, profile.partner.id, JSON.stringify(profile), Date.now());
  }

  /** Forgets a vendor: every profile of the partner in that company. */
  forget(company: string, partnerId: number): number {
    return this.db.prepare('DELETE FROM vendor_profile WHERE scope = ? AND company = ? AND partner_id = ?').run(this.scope, company, partnerId).changes;
  }
}
