import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';

// In addon mode the company's own settings (Settings > OCR) decide the write policy: whether complete() replaces
// values a person entered (res.company.ocr_overwrite), the write threshold (ocr_write_threshold, the same setting as
// WRITE_THRESHOLD) and whether an inactive currency may be activated (ocr_activate_currencies). The write-back plans
// with the same answers, or its chatter note would list values as written that the addon kept, and the addon's
// review rule (job confidence below the company threshold) would disagree with the worker's. One read per company
// per minute, shared by the documents that ask at the same time. An older addon without the newer fields still gives
// its overwrite setting.

const TTL_MS = 60_000;
const SETTINGS = ['ocr_overwrite', 'ocr_write_threshold', 'ocr_activate_currencies'];
/** Newer: delivery notes write the received quantities (Settings > OCR > Delivery notes); vendors created for bills
 * (Settings > OCR > Create vendors). */
const NEWER_SETTINGS = ['ocr_delivery_write_done', 'ocr_create_vendors'];

interface CompanySettings {
  ocr_overwrite?: boolean;
  ocr_delivery_write_done?: boolean;
  ocr_write_threshold?: number;
  ocr_activate_currencies?: boolean;
  ocr_create_vendors?: boolean;
}

export class CompanyOverwrite {
  private readonly known = new Map<number, { settings: Promise<CompanySettings | null>; until: number }>();

  constructor(private readonly client: OdooClient) {}

  async policyFor(companyId: number | null, base: WritePolicy): Promise<WritePolicy> {
    if (companyId === null) return { ...base, activateCurrencies: false };
    let cached = this.known.get(companyId);
    if (!cached || cached.until <= Date.now()) {
      // One read shared by the documents that ask at the same time (a claimed batch starts together).
      cached = { settings: this.read(companyId), until: Date.now() + TTL_MS };
      this.known.set(companyId, cached);
    }
    const settings = await cached.settings;
    if (!settings) {
      this.known.delete(companyId); // not cached: ask again next time
      return { ...base, activateCurrencies: false };
    }
    const threshold = settings.ocr_write_threshold;
    return {
      ...base,
      overwrite: settings.ocr_overwrite === true,
      ...(typeof threshold === 'number' && threshold >= 0 && threshold <= 1 ? { writeThreshold: threshold, reviewThreshold: undefined } : {}),
      // only the company decides: an older addon would refuse the activate_currency_ids it does not know
      activateCurrencies: settings.ocr_activate_currencies === true,
      // likewise: the addon writes done quantities only where its company asks for it
      writeDoneQuantities: settings.ocr_delivery_write_done === true,
      // the company's own answer; an addon without the setting keeps the worker's CREATE_VENDORS
      ...(typeof settings.ocr_create_vendors === 'boolean' ? { createVendors: settings.ocr_create_vendors } : {}),
    };
  }

  private async read(companyId: number): Promise<CompanySettings | null> {
    for (const fields of [[...SETTINGS, ...NEWER_SETTINGS], [...SETTINGS, NEWER_SETTINGS[0]], SETTINGS, ['ocr_overwrite']]) {
      try {
        const [row] = await this.client.read<CompanySettings & { id: number }>('res.company', [companyId], fields);
        return row ?? null;
      } catch {
        // an older addon lacks the newer fields (or access rules refuse): try the overwrite setting alone, then
        // plan with the worker's own settings, as before
      }
    }
    return null;
  }
}
