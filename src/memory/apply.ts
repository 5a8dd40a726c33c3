// Using a matched profile: its anchors read learned candidates, which take part in choosing each field with the
// rules' pick; the partner it belongs to names the vendor; its defaults fill type and currency.
import type { ExtractedFields, Field, FieldName } from '../contract.js';
import { readAtAnchor } from './anchors.js';
import {
  agreeingConfidence, anchorReliability, DEFAULT_SHARE, LEARNED_PRIOR, learnedConfidence, memoryDemoted,
  MIN_ANCHOR_RELIABILITY, PROVEN_ANCHOR, rate, RULES_PRIOR, vendorConfidence,
} from './calibration.js';
import type { DocumentEvidence } from './evidence.js';
import type { ProfileMatch } from './match.js';
import { PLACED_FIELD_NAMES, PLACED_FIELDS, type Counts, type FieldMemory, type PlacedField, type VendorProfile } from './types.js';
import { alnum, sameValue, type Value } from './values.js';

export interface LearnedPick {
  value: Value;
  reliability: number;
  ocrConfidence: number;
}

/** What the profile's anchors read for one field: the value most reliable anchors agree on. */
export function learnedPick(ev: DocumentEvidence, field: PlacedField, fm: FieldMemory): LearnedPick | null {
  const kind = PLACED_FIELDS[field];
  const votes: { value: Value; score: number; reliability: number; ocr: number }[] = [];
  for (const anchor of fm.anchors) {
    const reliability = anchorReliability(anchor);
    if (reliability < MIN_ANCHOR_RELIABILITY) continue;
    const reading = readAtAnchor(ev, anchor, kind, fm);
    if (!reading) continue;
    const vote = votes.find((v) => sameValue(kind, v.value, reading.value));
    if (vote) {
      vote.score += reliability;
      vote.reliability = Math.max(vote.reliability, reliability);
      vote.ocr = Math.min(vote.ocr, reading.confidence);
    } else votes.push({ value: reading.value, score: reliability, reliability, ocr: reading.confidence });
  }
  votes.sort((a, b) => b.score - a.score);
  const best = votes[0];
  if (!best) return null;
  // two readings as strong as each other: the anchors do not know
  if (votes[1] && votes[1].score >= best.score * 0.9) return null;
  return { value: best.value, reliability: best.reliability, ocrConfidence: best.ocr };
}

export interface Applied {
  fields: ExtractedFields;
  /** the rules' value and confidence of every field the memory changed */
  before: Partial<Record<FieldName, Field<unknown>>>;
  /** what the anchors read per field (for learning: was the memory right?) */
  picks: Partial<Record<PlacedField, Value>>;
}

export function applyProfile(match: ProfileMatch, ev: DocumentEvidence, rules: ExtractedFields): Applied {
  const fields = structuredClone(rules);
  const picks: Applied['picks'] = {};
  const p = match.profile;
  for (const name of PLACED_FIELD_NAMES) {
    const fm = p.fields[name];
    if (!fm || memoryDemoted(fm.learned)) continue;
    const pick = learnedPick(ev, name, fm);
    if (!pick) continue;
    picks[name] = pick.value;
    const kind = PLACED_FIELDS[name];
    const current = rules[name] as Field<Value>;
    if (sameValue(kind, current.value, pick.value)) {
      (fields[name] as Field<Value>).confidence = agreeingConfidence(current.confidence, pick.reliability);
      continue;
    }
    if (current.value !== null && !outweighs(pick, fm, current.confidence)) continue;
    fields[name] = { value: pick.value, confidence: learnedConfidence(pick.reliability, fm.learned, pick.ocrConfidence, current.value === null) } as never;
  }
  keepAmountsConsistent(rules, fields);
  applyVendor(fields, p, match);
  offerDefault(fields.doc_type as Field<string>, p.defaults.doc_type, p.documents);
  offerDefault(fields.currency, p.defaults.currency, p.documents);
  return { fields, before: changedFrom(rules, fields), picks };
}

/** Learned amounts that replaced the rules' own and break untaxed + tax = total, where the rules' amounts held
 * together, are not used (an amount filling a gap stays: the rules had nothing to offer). */
function keepAmountsConsistent(rules: ExtractedFields, fields: ExtractedFields): void {
  const adds = (f: ExtractedFields) => {
    const [u, t, g] = [f.amount_untaxed.value, f.amount_tax.value, f.amount_total.value];
    return u === null || t === null || g === null || Math.abs(u + t - g) <= 0.011;
  };
  if (adds(fields) || !adds(rules)) return;
  for (const name of ['amount_untaxed', 'amount_tax', 'amount_total'] as const) {
    if (rules[name].value !== null && fields[name].value !== rules[name].value) fields[name] = { ...rules[name] };
  }
}

/** Whether a learned value may replace a value the rules did read: its anchor was right on two documents or more
 * (one is a coincidence as often as not, measured), or the rules were wrong for this vendor more often than right;
 * and its track record beats the rules'. */
function outweighs(pick: LearnedPick, fm: FieldMemory, rulesConfidence: number): boolean {
  const proven = pick.reliability >= PROVEN_ANCHOR || fm.rules.misses > fm.rules.hits;
  return proven && pick.reliability * rate(fm.learned, LEARNED_PRIOR) > rulesConfidence * rate(fm.rules, RULES_PRIOR);
}

function applyVendor(fields: ExtractedFields, p: VendorProfile, match: ProfileMatch): void {
  const conf = vendorConfidence(match.by, match.similarity);
  if (p.partner.name) fields.vendor_name = { value: p.partner.name, confidence: Math.max(conf, fields.vendor_name.value === p.partner.name ? fields.vendor_name.confidence : 0) };
  // a VAT id the rules read that is one of the vendor's own stays (a vendor may print its VAT or its tax number)
  const known = fields.vendor_vat.value !== null && p.identifiers.vat.includes(alnum(fields.vendor_vat.value));
  if (known) fields.vendor_vat.confidence = Math.max(fields.vendor_vat.confidence, conf);
  else if (p.partner.vat && (fields.vendor_vat.value === null || fields.vendor_vat.confidence < conf)) fields.vendor_vat = { value: p.partner.vat, confidence: conf };
}

/** A value the vendor's documents nearly always had fills in for a missing or unsure one, and backs an equal one. */
function offerDefault(field: Field<string>, counts: Counts, documents: number): void {
  const [value, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0] ?? [];
  if (value === undefined || documents === 0 || n / documents < DEFAULT_SHARE) return;
  const conf = Math.min(0.95, 0.75 + 0.1 * Math.min(n, 2));
  if (field.value === value) field.confidence = Math.max(field.confidence, conf);
  else if (field.value === null || field.confidence < 0.6) {
    field.value = value;
    field.confidence = conf;
  }
}

function changedFrom(rules: ExtractedFields, fields: ExtractedFields): Applied['before'] {
  const before: Applied['before'] = {};
  for (const name of Object.keys(rules) as FieldName[]) {
    const a = rules[name];
    const b = fields[name];
    if (a.value !== b.value || a.confidence !== b.confidence) before[name] = { ...a };
  }
  return before;
}
