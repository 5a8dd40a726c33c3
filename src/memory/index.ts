// The vendor memory as the pipeline sees it: consult a profile for one document (match, apply) and, when what was
// posted is known, learn from it — with one store behind (file, SQLite, or the addon's model).
import type { ExtractedFields, FieldName, ScanMemory } from '../contract.js';
import type { ReadDocument } from '../pipeline/document.js';
import type { Row } from '../pipeline/extract/layout.js';
import { applyProfile, usualAccounting } from './apply.js';
import { type MemoryCalibration, shippedMemoryCalibration } from './calibration.js';
import { collectEvidence, type DocumentEvidence } from './evidence.js';
import { learn, newProfile, profileFor, sameVendor, type Posting, type Truth } from './learn.js';
import { matchProfile, type ProfileMatch } from './match.js';
import type { ProfileStore } from './store.js';
import type { PostedAccounting } from './types.js';

export { JsonFileStore, MemoryStore, MemoryFileError, type ProfileStore } from './store.js';
export type { Truth } from './learn.js';
export type { VendorProfile, PostedAccounting } from './types.js';

/** How one document meets the memory: whose company it is, and (when it was posted) what was kept. */
export interface MemoryCall {
  memory: VendorMemory;
  company: string;
  /** the partner the record already has (a bill whose vendor someone set): its profile is used */
  partnerId?: number | null;
  /** what was posted; present = learn from this document after reading it */
  truth?: Truth;
  partner?: Posting['partner'];
  accounting?: PostedAccounting;
  /** the day the document is judged on (YYYY-MM-DD), as extraction judged it (ExtractOptions.today); default the clock */
  today?: string;
}

export interface Consulted {
  fields: ExtractedFields;
  info: ScanMemory;
  /** the profile the document matched, as it was before this document was learned from, and the document's evidence:
   * what a measurement of the memory applies again (calibration-fit.ts withheldFills) */
  match: ProfileMatch | null;
  evidence: DocumentEvidence;
}

/** What a document is matched to a profile by, besides its evidence: the record's partner and the rules' vendor. */
export function matchHints(rules: ExtractedFields, call: Pick<MemoryCall, 'partnerId'>, calibrated?: ExtractedFields): Parameters<typeof matchProfile>[2] {
  return { partnerId: call.partnerId, vat: rules.vendor_vat, name: rules.vendor_name, issuer: calibrated?.vendor_name };
}

export class VendorMemory {
  /** @param calibration the `learned` source's calibration (default: data/memory-calibration.json) */
  constructor(readonly store: ProfileStore, public calibration: MemoryCalibration | null = shippedMemoryCalibration()) {}

  /** Matches the document (its rows as extraction built them, else built here) to a profile, lets it take part in
   * the fields, and learns when `call.truth` is given. `calibrated`: the rules' fields with calibrated confidence. */
  async consult(doc: ReadDocument, rules: ExtractedFields, call: MemoryCall, rows?: Row[], calibrated?: ExtractedFields): Promise<Consulted> {
    const ev = collectEvidence(doc, rows, call.today);
    const profiles = await this.store.list(call.company);
    const match = matchProfile(profiles, ev, matchHints(rules, call, calibrated));
    const applied = match ? applyProfile(match, ev, rules, this.calibration, calibrated) : null;
    const fields = applied?.fields ?? rules;
    const accounting = match ? usualAccounting(match.profile) : undefined;
    const info: ScanMemory = {
      profile: match?.profile.id ?? null,
      matched_by: match?.by ?? null,
      matched_profile: match?.profile.id ?? null,
      documents: match?.profile.documents ?? 0,
      changed: Object.keys(applied?.before ?? {}) as FieldName[],
      rules: applied?.before ?? {},
      basis: applied?.basis ?? {},
      declined: applied?.declined ?? {},
      ...(accounting ? { accounting } : {}),
      learned: false,
    };
    if (call.truth) {
      const posting: Posting = { company: call.company, truth: call.truth, partner: call.partner, accounting: call.accounting };
      const target = profileFor(profiles, posting) ?? (match && (!hasIdentity(posting) || sameVendor(match.profile, posting)) ? match.profile : null);
      // the anchors' picks only judge the profile they came from
      const picks = target && match && target.id === match.profile.id ? applied!.picks : null;
      const updated = learn(target ?? newProfile(call.company), ev, rules, picks, posting);
      await this.store.save(updated);
      info.learned = true;
      info.profile = updated.id;
    }
    return { fields, info, match, evidence: ev };
  }
}

function hasIdentity(posting: Posting): boolean {
  return Boolean(posting.partner?.id || posting.partner?.name || posting.truth.vendor_name || posting.truth.vendor_vat);
}
