import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';

// In addon mode the company's own setting (Settings > OCR > "OCR Overwrites Values", res.company.ocr_overwrite)
// decides whether complete() replaces values a person entered. The write-back plans with the same answer, or its
// chatter note would list values as written that the addon kept. One read per company per minute, shared by the
// documents that ask at the same time.

const TTL_MS = 60_000;

export class CompanyOverwrite {
  private readonly known = new Map<number, { overwrite: Promise<boolean | null>; until: number }>();

  constructor(private readonly client: OdooClient) {}

  async policyFor(companyId: number | null, base: WritePolicy): Promise<WritePolicy> {
    if (companyId === null) return base;
    let cached = this.known.get(companyId);
    if (!cached || cached.until <= Date.now()) {
      // One read shared by the documents that ask at the same time (a claimed batch starts together).
      cached = { overwrite: this.read(companyId), until: Date.now() + TTL_MS };
      this.known.set(companyId, cached);
    }
    const overwrite = await cached.overwrite;
    if (overwrite === null) this.known.delete(companyId); // not cached: ask again next time
    return overwrite === null ? base : { ...base, overwrite };
  }

  private async read(companyId: number): Promise<boolean | null> {
    try {
      const [row] = await this.client.read<{ id: number; ocr_overwrite?: boolean }>('res.company', [companyId], ['ocr_overwrite']);
      return row ? row.ocr_overwrite === true : null;
    } catch {
      // unreadable (an older addon, access rules): plan with the worker's own setting, as before
      return null;
    }
  }
}
