// Creating the vendor of a bill that no partner matches (CREATE_VENDORS / the company's OCR setting). One rule for
// both modes: the worker decides and creates here, during the bill's preparation, as it adds a vendor's bank account.
//
// A partner is created only on strong evidence, because a junk or duplicate partner costs an accountant more than an
// empty vendor field: an identifier that cannot be a misread — a VAT read at the write threshold whose checksum is
// valid for its country, or the IBAN of a valid payment QR code (exact, and the payee's by definition of the code) —
// plus a name that looks like a company's. The identifier says who the vendor is; the name only labels the new
// partner, so it may be read at the label bar (write-rules.ts NAME_LABEL_THRESHOLD, as an expense's title) and the
// note then asks to check it. An IBAN printed in the text is not enough: it may be the customer's own (a direct debit
// mandate). Never from a name alone, never the company itself (its name or VAT read off its own address block).
import type { OdooClient } from '../odoo/types.js';
import { baseClient } from '../odoo/types.js';
import { validateVat } from '../pipeline/extract/vat.js';
import { isNameLike } from '../pipeline/extract/vendor.js';
import { type CompanyScope, companyOrShared } from './company.js';
import { nameSimilarity, normaliseVat, odooVat, sameVat } from './normalize.js';
import { byVat, FUZZY_NAME_THRESHOLD } from './partner-match.js';
import { escapeHtml } from './note.js';
import { stringOrNull } from './values.js';

export interface VendorToCreate {
  name: string;
  /** Compact, with its country prefix ("DE123456789"); null when the IBAN is the identifier. */
  vat: string | null;
  /** ISO code of the VAT's country; null when not certain. */
  countryCode: string | null;
  iban: string | null;
}

/** What was read at the write threshold (null: not read, or below it). */
export interface SureVendorEvidence {
  name: string | null;
  vat: string | null;
  /** From a valid payment code only. */
  iban: string | null;
}

export interface OwnCompany {
  name: string;
  vat: string | null;
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

/** Whether the evidence is strong enough to create the vendor, and what it would be: a pure rule, no Odoo. */
export function vendorToCreate(ev: SureVendorEvidence, own: OwnCompany[]): CreateVerdict {
  if (!ev.name) return { refused: 'no vendor name read with confidence' };
  if (!isCompanyName(ev.name)) return { refused: `"${ev.name}" does not look like a company name` };
  let vat: string | null = null;
  let countryCode: string | null = null;
  if (ev.vat) {
    const checked = validateVat(ev.vat);
    if (!checked || checked.checksum !== true) return { refused: `VAT ${ev.vat} has no checksum that can be verified` };
    // a bare id recognised by its country's shape (a Spanish CIF "B86249711") is stored as VIES writes it
    vat = odooVat(checked.prefixed ?? ev.vat.toUpperCase().replace(/[^A-Z0-9]/g, ''));
    countryCode = VAT_COUNTRY[checked.country] ?? checked.country;
  } else if (!ev.iban) {
    return { refused: 'a name alone is not enough (no VAT or payment code IBAN read with confidence)' };
  }
  const vatForm = vat ? normaliseVat(vat) : null;
  for (const company of own) {
    const ownVat = company.vat ? normaliseVat(company.vat) : null;
    if (vatForm && ownVat && sameVat(vatForm, ownVat)) return { refused: `VAT ${vat} is this company's own (${company.name})` };
    if (nameSimilarity(ev.name, company.name) >= FUZZY_NAME_THRESHOLD) return { refused: `"${ev.name}" is this company's own name` };
  }
  return { create: { name: ev.name.trim(), vat, countryCode, iban: ev.iban } };
}

/** The companies of this database (name and VAT): a bill's vendor is never one of them. */
export async function ownCompanies(client: OdooClient): Promise<OwnCompany[]> {
  const rows = await client.searchRead('res.company', [], { fields: ['name', 'vat'], limit: 200 });
  return rows.map((r) => ({ name: stringOrNull(r.name) ?? '', vat: stringOrNull(r.vat) }));
}

/** "Acme GmbH (DE123456789)" */
export function describeNewVendor(v: VendorToCreate): string {
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
