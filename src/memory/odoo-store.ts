import type { OdooClient } from '../odoo/types.js';
import type { ProfileStore } from './store.js';
import type { VendorProfile } from './types.js';

export const PROFILE_MODEL = 'ocr.vendor.profile';

interface ProfileRow {
  id: number;
  key: string;
  data: string | false;
}

/** Addon mode: profiles are `ocr.vendor.profile` records, one per partner and company, which Odoo users can see
 * on the partner and forget. The worker reads a company's profiles and writes back the ones it learned into. */
export class OdooProfileStore implements ProfileStore {
  /** a company's profiles, read once a minute at most: one read per document would cost an RPC and, for a company
   * with many vendors, megabytes per document; a profile saved here replaces its copy at once */
  private readonly cached = new Map<string, { at: number; profiles: VendorProfile[] }>();

  constructor(private readonly odoo: OdooClient, private readonly maxAgeMs = 60_000, private readonly now = () => Date.now()) {}

  async list(company: string): Promise<VendorProfile[]> {
    const hit = this.cached.get(company);
    if (hit && this.now() - hit.at < this.maxAgeMs) return hit.profiles;
    const profiles = await this.read(company);
    this.cached.set(company, { at: this.now(), profiles });
    return profiles;
  }

  private async read(company: string): Promise<VendorProfile[]> {
    const rows = await this.odoo.searchRead<ProfileRow>(PROFILE_MODEL, [['company_id', '=', Number(company)]], { fields: ['key', 'data'] });
    const out: VendorProfile[] = [];
    for (const r of rows) {
      try {
        if (r.data) out.push({ ...(JSON.parse(r.data) as VendorProfile), id: r.key, company });
      } catch {
        // a profile someone edited into invalid JSON is skipped, not fatal: it is rebuilt from the next posting
      }
    }
    return out;
  }

  async save(p: VendorProfile): Promise<void> {
    const values = {
      key: p.id,
      company_id: Number(p.company),
      partner_id: p.partner.id || false,
      data: JSON.stringify(p),
      document_count: p.documents,
      field_count: Object.keys(p.fields).length,
    };
    const [existing] = await this.odoo.searchRead<{ id: number }>(PROFILE_MODEL, [['key', '=', p.id]], { fields: ['id'], limit: 1 });
    if (existing) await this.odoo.write(PROFILE_MODEL, [existing.id], values);
    else if (p.documents > 1) {
      // it had been learned before and is gone: someone pressed Forget since it was read; it stays forgotten
      this.cached.delete(p.company);
      return;
    } else await this.odoo.create(PROFILE_MODEL, [values]);
    const hit = this.cached.get(p.company);
    if (hit) hit.profiles = [...hit.profiles.filter((x) => x.id !== p.id), p];
  }
}
