// The vendor of a bill: ONE rule for matching and creating it, in both modes (README, "Confidence and the write
// policy"; docs/writeback.md, the write-policy table's "the vendor" row):
//
// - The VAT id says WHO the vendor is. A VAT read as the issuer's (`vendorVat`: not printed where another party
//   prints its own — evidence `customer-side` —, not one of this database's companies) is looked up among the
//   partners by VAT (partner-match.ts); one that is also checksum-valid and written by the policy (confidence ≥ the
//   write threshold: `identifyingVat`) makes a new partner when none has it (CREATE_VENDORS). Such a VAT also refuses
//   a partner found only by its name whose stored VAT is another (partner-match.ts): two companies, one name.
// - The name only LABELS it (`vendorToCreate`): the name read at the label bar (write-rules.ts NAME_LABEL_THRESHOLD,
//   the expense title's; calibrated, its evidence — printed beside the VAT id, in the issuer's own places — already
//   counted) that looks like a company's and is no bank's nor this company's; otherwise the VAT id itself. An
//   accountant opening a contact named "DE813307548" sees at once that it is to be named, and every later bill of the
//   vendor still finds it by its VAT; a guessed name (the customer's address block, a bank in the footer) would be
//   kept, unnoticed, on all of them. Below the write threshold either label is said in the note and the bill goes to
//   review (its vendor name is held back): the accountant names the new vendor once.
// - A name alone (no VAT, or a VAT that is not the issuer's) never creates a partner, and matches an existing one
//   only as the policy writes it: exactly and uniquely (odds × 20), or by its own confidence (partner-match.ts,
//   partner-evidence.ts, prepare-bill.ts vendorWithMatch).
// - Never a wrong partner: a VAT that is the customer's never matches nor creates a vendor.
//
// Besides a VAT, a payment QR code's IBAN (exact, and the payee's by definition of the code) identifies a vendor to
// create with a name at the label bar. An IBAN printed in the text is not enough: it may be the customer's own (a
// direct debit mandate). A junk or duplicate partner costs an accountant more than an empty vendor field, hence
// checksums, the write threshold and one partner per VAT (`createVendor`).
import type { OdooClient } from '../odoo/types.js';
import { baseClient } from '../odoo/types.js';
import { validateVat } from '../pipeline/extract/vat.js';
import type { Field } from '../contract.js';
import type { EvidenceName } from '../pipeline/confidence/evidence.js';
import { writes } from '../pipeline/confidence/policy.js';
import { isBankName, isNameLike } from '../pipeline/extract/vendor.js';
import { type CompanyScope, companyOrShared, ownPartnersQuery } from './company.js';
import { searchLookup } from './lookups.js';
import { nameSimilarity, normaliseVat, odooVat, sameVat } from './normalize.js';
import { byVat, FUZZY_NAME_THRESHOLD } from './partner-match.js';
import { escapeHtml } from './note.js';
import { m2oId, stringOrNull } from './values.js';

export interface VendorToCreate {
  /** What the new partner is called: the name read, or its VAT id when no name read is fit to label it. */
  name: string;
  /** Compact, with its country prefix ("DE123456789"); null when the IBAN is the identifier. */
  vat: string | null;
  /** ISO code of the VAT's country; null when not certain. */
  countryCode: string | null;
  iban: string | null;
  /** The label is the VAT id, not a name read (the note asks to name the vendor). */
  namedByVat?: true;
}

/** What identifies and labels a vendor to create: the identifying VAT (`identifyingVat`), a payment code's IBAN,
 * and the name read at the label bar (null: none). */
export interface SureVendorEvidence {
  name: string | null;
  vat: string | null;
  /** From a valid payment code only. */
  iban: string | null;
}

export interface OwnCompany {
  name: string;
  vat: string | null;
  /** The company's own partner (res.company.partner_id). */
  partnerId?: number | null;
}

export type CreateVerdict = { create: VendorToCreate } | { refused: string };

// what a name read off a page must not be: an e-mail address, a web address, a document's heading
const ADDRESS_LIKE_RE = /@|\bwww\.|https?:|\.(com|de|fr|nl|it|es|net|org|eu)\b/i;
const HEADING_RE = /^\W*(tax\s+)?(invoice|bill|receipt|credit\s+note|rechnung|gutschrift|facture|avoir|factuur|fattura|factura|fatura|faktura|quittung|beleg|proforma)\b/i;

// VAT prefixes that are not ISO country codes
const VAT_COUNTRY: Record<string, string> = { EL: 'GR', XI: 'GB' };

export function isCompanyName(name: string): boolean {
  const t = name.trim();
  return isNameLike(t) && !ADDRESS_LIKE_RE.test(t) && !HEADING_RE.test(t);
}

/** The evidence of a VAT id printed where another party prints its own (evidence.ts; extract/vendor.ts chooseVat). */
const CUSTOMER_SIDE: EvidenceName = 'customer-side';

/** The VAT read, as far as it may be the vendor's: to look partners up by (sure or not). Null with the reason when it
 * is the customer's — printed where another party prints its own, or one of this database's companies. */
export function vendorVat(field: Field<string>, own: OwnCompany[]): { vat: string | null; refused: string | null } {
  const vat = field.value;
  if (!vat) return { vat: null, refused: null };
  if (field.evidence?.includes(CUSTOMER_SIDE)) return { vat: null, refused: `VAT ${vat} is printed where the customer prints its own: not the vendor's` };
  const company = companyWithVat(vat, own);
  if (company) return { vat: null, refused: `VAT ${vat} is this company's own (${company.name}): not the vendor's` };
  return { vat, refused: null };
}

/** The company of this database whose VAT this is: a bill's vendor is never one of them. */
function companyWithVat(vat: string, own: OwnCompany[]): OwnCompany | undefined {
  const form = normaliseVat(vat);
  if (!form) return undefined;
  return own.find((c) => {
    const theirs = c.vat ? normaliseVat(c.vat) : null;
    return theirs !== null && sameVat(form, theirs);
  });
}

/** The VAT that says who the vendor is, sure enough to create it by: the vendor's (`vendorVat`, or what the caller
 * already read with it), written by the policy, its check digits valid. */
export function identifyingVat(field: Field<string>, threshold: number, own: OwnCompany[], read = vendorVat(field, own)): string | null {
  const { vat } = read;
  if (!vat || !writes(field, threshold)) return null;
  return validateVat(vat)?.checksum === true ? vat : null;
}

/** A name fit to label a new partner: a company's name, not a bank's (printed beside the VAT id in a footer's account
 * line, it names where the issuer banks), not this company's own; else why not. */
function labelOf(name: string | null, own: OwnCompany[]): { label: string } | { unfit: string } {
  if (!name) return { unfit: 'no vendor name read with confidence' };
  if (!isCompanyName(name)) return { unfit: `"${name}" does not look like a company name` };
  if (isBankName(name)) return { unfit: `"${name}" is a bank's name` };
  if (own.some((c) => nameSimilarity(name, c.name) >= FUZZY_NAME_THRESHOLD)) return { unfit: `"${name}" is this company's own name` };
  return { label: name.trim() };
}

/** Whether the evidence is strong enough to create the vendor, and what it would be: a pure rule, no Odoo. */
export function vendorToCreate(ev: SureVendorEvidence, own: OwnCompany[]): CreateVerdict {
  let vat: string | null = null;
  let countryCode: string | null = null;
  if (ev.vat) {
    const checked = validateVat(ev.vat);
    if (!checked || checked.checksum !== true) return { refused: `VAT ${ev.vat} has no checksum that can be verified` };
    // a bare id recognised by its country's shape (a Spanish CIF "B86249711") is stored as VIES writes it
    vat = odooVat(checked.prefixed ?? ev.vat.toUpperCase().replace(/[^A-Z0-9]/g, ''));
    countryCode = VAT_COUNTRY[checked.country] ?? checked.country;
    const company = companyWithVat(vat, own);
    if (company) return { refused: `VAT ${vat} is this company's own (${company.name})` };
  } else if (!ev.iban) {
    return { refused: 'a name alone is not enough (no VAT or payment code IBAN read with confidence)' };
  }
  const label = labelOf(ev.name, own);
  if ('label' in label) return { create: { name: label.label, vat, countryCode, iban: ev.iban } };
  // the VAT says who the vendor is; without a name fit to label it, the partner is called by its VAT id
  if (vat) return { create: { name: vat, vat, countryCode, iban: ev.iban, namedByVat: true } };
  return { refused: label.unfit };
}

/** The companies of this database (name, VAT, partner): a bill's vendor is never one of them. */
export async function ownCompanies(client: OdooClient): Promise<OwnCompany[]> {
  const rows = await searchLookup(client, ownPartnersQuery());
  return rows.map((r) => ({ name: stringOrNull(r.name) ?? '', vat: stringOrNull(r.vat), partnerId: m2oId(r.partner_id) }));
}

/** "Acme GmbH (DE123456789)" */
export function describeNewVendor(v: VendorToCreate): string {
  if (v.namedByVat) return `${v.vat} (named by its VAT id: no name read fit to label it)`;
  return v.vat ? `${v.name} (${v.vat})` : `${v.name} (IBAN ${v.iban})`;
}

/** The text the created partner's notes carry: where it came from, and the document's key a retry searches for. */
export function provenance(marker: string): string {
  return `<p>Created by OCR from a vendor bill (OCR ref ${escapeHtml(marker)})</p>`;
}

/**
 * The partner for this vendor: the one an earlier run for the same document created (found by the document's key in
 * its notes), or one with this VAT created meanwhile (searched again, not from the batch of lookups), else a new one.
 * Null when the partner made for this document was archived.
 */
export async function createVendor(
  client: OdooClient, scope: CompanyScope, vendor: VendorToCreate, marker: string,
): Promise<MadeVendor | null> {
  // Documents are prepared concurrently: two bills of one new vendor would both search, find nothing and create it
  // twice (seen on a real Odoo 17). One search-and-create at a time per vendor in this process; across worker
  // processes the search right before creating narrows the window but cannot close it.
  return oneAtATime(vendor.vat ?? vendor.iban ?? vendor.name, () => findOrCreate(client, scope, vendor, marker));
}

/** How the vendor was had: created now, created for this document by an earlier run, or created meanwhile by
 * another bill (found by its VAT). */
export interface MadeVendor {
  id: number;
  how: 'created' | 'this-document' | 'vat';
}

const running = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = running.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(run);
  running.set(key, mine);
  try {
    return await mine;
  } finally {
    if (running.get(key) === mine) running.delete(key);
  }
}

async function findOrCreate(client: OdooClient, scope: CompanyScope, vendor: VendorToCreate, marker: string): Promise<MadeVendor | null> {
  const odoo = baseClient(client); // fresh answers: the batch of lookups was read before this decision
  const context = { ...scope.context, active_test: false };
  const earlier = await odoo.searchRead('res.partner', [['comment', 'ilike', marker], ...companyOrShared(scope)], { fields: ['id', 'active'], limit: 1, context });
  // archived by a person since: not wanted, and not made again
  if (earlier[0]) return earlier[0].active === false ? null : { id: earlier[0].id as number, how: 'this-document' };
  if (vendor.vat) {
    const [same] = await byVat(odoo, scope, vendor.vat); // the matching's own VAT search, on fresh answers
    if (same) return { id: same.id, how: 'vat' };
  }
  const countryId = vendor.countryCode ? await countryIdOf(odoo, vendor.countryCode) : null;
  const [id] = await odoo.create('res.partner', [{
    name: vendor.name,
    is_company: true,
    ...(vendor.vat ? { vat: vendor.vat } : {}),
    ...(countryId ? { country_id: countryId } : {}),
    supplier_rank: 1,
    comment: provenance(marker),
  }], scope.context);
  return { id: id as number, how: 'created' };
}

async function countryIdOf(client: OdooClient, code: string): Promise<number | null> {
  if (!(await client.hasModel('res.country'))) return null;
  const [row] = await client.searchRead('res.country', [['code', '=', code]], { fields: ['id'], limit: 1 });
  return row ? (row.id as number) : null;
}
