import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';

// In addon mode the company's own setting (Settings > OCR > "OCR Overwrites Values", res.company.ocr_overwrite)
// decides whether complete() replaces values a person entered. The write-back plans with the same answer, or its
// chatter note would list values as written that the addon kept. One read per company per minute.

const TTL_MS = 60_000;

export class CompanyOverwrite {
  private readonly known = new Map<number, { overwrite: boolean; until: number }>();

  constructor(private readonly client: OdooClient) {}

  async policyFor(companyId: number | null, base: WritePolicy): Promise<WritePolicy> {
    if (companyId === null) return base;
    const cached = this.known.get(companyId);
    if (cached && cached.until > Date.now()) return { ...base, overwrite: cached.overwrite };
    try {
      const [row] = await this.client.read<{ id: number; ocr_overwrite?: boolean }>('res.company', [companyId], ['ocr_overwrite']);
      if (!row) return base;
      const overwrite = row.ocr_overwrite === true;
      this.known.set(companyId, { overwrite, until: Date.now() + TTL_MS });
      return { ...base, overwrite };
    } catch {
      // unreadable (an older addon, access rules): plan with the worker's own setting, as before
      return base;
    }
  }
}
