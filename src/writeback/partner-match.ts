// Finds the existing vendor (res.partner) a document comes from. Never creates partners: a wrong vendor on a
// bill is worse than an empty one, so every ambiguity ends in "no match" plus a review reason.
//
// Order of evidence, strongest first: VAT number; the IBAN of a payment QR code, on a bank account of one partner;
// the partner of earlier bills paid to an IBAN printed in the text; the same name (after dropping legal forms),
// preferring partners already billed; a fuzzy name match.
import { OdooAccessError } from '../odoo/errors.js';
import { compactIban } from '../pipeline/qr/checks.js';
import type { Domain, OdooClient } from '../odoo/types.js';
import { type CompanyScope, companyOnly, companyOrShared } from './company.js';
import { idsOf, type LookupQuery, searchLookup, UNPLACED, withIds } from './lookups.js';
import { findIbans, nameSimilarity, nameTokens, normaliseVat, sameVat } from './normalize.js';
import { BILL_MOVE_TYPES } from './rules.js';
import { m2oId, m2oName, type OdooRecord, stringOrNull } from './values.js';

export const FUZZY_NAME_THRESHOLD = 0.85;
// A runner-up this close to the best fuzzy score makes the match a coin toss.
const FUZZY_AMBIGUITY_MARGIN = 0.05;

export type MatchMethod = 'vat' | 'iban' | 'name' | 'earlier-bills' | 'fuzzy';

/** A bank account of a partner (res.partner.bank), found by IBAN. */
export interface BankAccount {
  id: number;
  partnerId: number; // the commercial partner
  partnerName: string;
}

export interface PartnerMatch {
  partnerId: number | null;
  partnerName: string | null;
  method: MatchMethod | null;
  /** Why there is no partner (null when matched, or when the document names no vendor). */
  problem: string | null;
  /** No partner has the document's VAT, IBAN or name (rather than several, or no evidence at all). */
  notFound?: boolean;
  /** The bank accounts holding the document's IBAN, when they were looked up (the bank account step reuses them). */
  bankAccounts?: BankAccount[];
}

export interface VendorEvidence {
  name: string | null;
  vat: string | null;
  /** `vat` says who the vendor is (vendor-create.ts identifyingVat): a partner found only by its name whose stored VAT
   * is another is another company of that name, not the vendor. */
  vatIdentifies?: boolean;
  /** The payee account of a valid payment QR code: exact, and the vendor's own by definition of the code. */
  iban?: string | null;
  /** Document text, searched for IBANs. */
  text: string | null;
}

interface Candidate {
  id: number; // commercial partner
  name: string;
}

function commercialOf(p: OdooRecord): Candidate {
  const id = m2oId(p.commercial_partner_id) ?? (p.id as number);
  const name = (id === p.id ? stringOrNull(p.name) : m2oName(p.commercial_partner_id)) ?? stringOrNull(p.name) ?? `#${id}`;
  return { id, name };
}

function uniqueById(cands: Candidate[]): Candidate[] {
  const seen = new Map<number, Candidate>();
  for (const c of cands) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

const PARTNER_FIELDS = ['id', 'name', 'vat', 'commercial_partner_id'];

// The searches behind each kind of evidence, as data (lookups.ts): the matching below runs them, and the lookup
// plan sends the same ones ahead in one batch when the addon offers it.

/** The stored-VAT patterns searched: the bare number and one with wildcards between its digits, because stored VATs
 * may carry separators ("DE 123 456 789"; Odoo's ilike treats % as a wildcard). Whatever they find is compared here
 * (sameVat): the same VAT stored twice, with and without separators, is then seen as the ambiguity it is. */
export function vatPatterns(rawVat: string): string[] {
  const vat = normaliseVat(rawVat);
  if (!vat) return [];
  return vat.core.length >= 6 ? [vat.core, vat.core.split('').join('%')] : [vat.core];
}

/** Partners whose stored VAT matches any of the patterns, in one search. */
export function vatQuery(scope: CompanyScope, patterns: string[]): LookupQuery {
  const anyPattern: Domain = [...patterns.slice(1).map(() => '|'), ...patterns.map((p): [string, string, unknown] => ['vat', 'ilike', p])];
  return { model: 'res.partner', domain: [...anyPattern, ...companyOrShared(scope)], opts: { fields: PARTNER_FIELDS, limit: 50 * patterns.length, context: scope.context } };
}

/** The most distinctive words of a vendor name, searched one by one; scoring happens here, not in the database. */
export function nameWords(name: string): string[] {
  return [...new Set(nameTokens(name).filter((t) => t.length >= 3))].sort((a, b) => b.length - a.length).slice(0, 3);
}

/** Partners whose name holds any of the words, in one search (as many rows as one search per word would give). */
export function nameQuery(scope: CompanyScope, words: string[]): LookupQuery {
  const anyWord: Domain = [...words.slice(1).map(() => '|'), ...words.map((w): [string, string, unknown] => ['name', 'ilike', w])];
  return { model: 'res.partner', domain: [...anyWord, ...companyOrShared(scope)], opts: { fields: PARTNER_FIELDS, limit: 80 * words.length, context: scope.context } };
}

/** Bank accounts holding this IBAN, by the sanitized number Odoo keeps beside the printed one. */
export function bankAccountQuery(scope: CompanyScope, iban: string): LookupQuery {
  return { model: 'res.partner.bank', domain: [['sanitized_acc_number', '=', compactIban(iban)]], opts: { fields: ['id', 'partner_id'], limit: 20, context: scope.context } };
}

/** The holders of bank accounts (their partner_id, from query `accounts`): the bill goes to their commercial partner. */
export function bankHoldersQuery(scope: CompanyScope, accounts: number): LookupQuery {
  return {
    model: 'res.partner', domain: companyOrShared(scope), opts: { fields: PARTNER_FIELDS, limit: 20, context: { ...scope.context, active_test: false } },
    from: { query: accounts, field: 'partner_id' },
  };
}

/** Bank accounts of IBANs printed in the text. */
export function textIbanAccountsQuery(scope: CompanyScope, ibans: string[]): LookupQuery {
  return { model: 'res.partner.bank', domain: [['sanitized_acc_number', 'in', ibans]], opts: { fields: ['id'], limit: 20, context: scope.context } };
}

/** Vendors of earlier bills, restricted by `as` in the ids of `field` of query `from` (or given by the caller). */
export function earlierBillsQuery(scope: CompanyScope, restrict: { query: number; field: string; as: string }): LookupQuery {
  return {
    model: 'account.move',
    domain: [['move_type', 'in', BILL_MOVE_TYPES], ['state', '!=', 'cancel'], ['partner_id', '!=', false], ...companyOnly(scope)],
    opts: { fields: ['partner_id'], limit: 200, order: 'id desc', context: scope.context },
    from: restrict,
  };
}

/** Whether bank accounts can be searched by sanitized number here (the model exists and has the field). */
export async function bankSearchable(client: OdooClient): Promise<boolean> {
  if (!(await client.hasModel('res.partner.bank'))) return false;
  return !!(await client.fieldsGet('res.partner.bank')).sanitized_acc_number;
}

/** The partners (their commercial entities) whose stored VAT is this one, in whatever form it was stored. */
export async function byVat(client: OdooClient, scope: CompanyScope, rawVat: string): Promise<Candidate[]> {
  const vat = normaliseVat(rawVat);
  if (!vat) return [];
  const found = await searchLookup(client, vatQuery(scope, vatPatterns(rawVat)));
  const same = found.filter((p) => {
    const stored = typeof p.vat === 'string' ? normaliseVat(p.vat) : null;
    return stored !== null && sameVat(stored, vat);
  });
  return uniqueById(same.map(commercialOf));
}

/** Vendors of earlier bills whose `as` is one of `ids`. */
async function partnersOfEarlierBills(client: OdooClient, scope: CompanyScope, as: string, ids: number[]): Promise<Candidate[]> {
  const query = withIds(earlierBillsQuery(scope, { query: UNPLACED, field: 'id', as }), ids);
  const moves = query ? await searchLookup(client, query) : [];
  return uniqueById(
    moves.flatMap((m) => {
      const id = m2oId(m.partner_id);
      return id ? [{ id, name: m2oName(m.partner_id) ?? `#${id}` }] : [];
    }),
  );
}

async function byIban(client: OdooClient, scope: CompanyScope, text: string): Promise<Candidate[]> {
  const ibans = findIbans(text);
  if (ibans.length === 0 || !(await bankSearchable(client))) return [];
  const banks = await searchLookup(client, textIbanAccountsQuery(scope, ibans));
  // Only bills' bank accounts count: a document may also print the buyer's own IBAN (direct debit).
  return partnersOfEarlierBills(client, scope, 'partner_bank_id', idsOf(banks, 'id'));
}

/** Bank accounts (res.partner.bank) holding this IBAN, by the sanitized number Odoo keeps beside the printed one. */
export async function bankAccountsByIban(client: OdooClient, scope: CompanyScope, iban: string): Promise<BankAccount[]> {
  if (!(await bankSearchable(client))) return [];
  let rows: OdooRecord[];
  try {
    rows = await searchLookup(client, bankAccountQuery(scope, iban));
  } catch (err) {
    if (err instanceof OdooAccessError) return []; // a worker user without accounting rights: no bank evidence
    throw err;
  }
  const holdersQuery = withIds(bankHoldersQuery(scope, UNPLACED), idsOf(rows, 'partner_id'));
  if (!holdersQuery) return [];
  const partners = await searchLookup(client, holdersQuery);
  const byId = new Map(partners.map((p) => [p.id as number, commercialOf(p)]));
  return rows.flatMap((r) => {
    const holder = byId.get(m2oId(r.partner_id) ?? -1);
    return holder ? [{ id: r.id as number, partnerId: holder.id, partnerName: holder.name }] : [];
  });
}

interface Scored extends Candidate {
  score: number;
  /** The VAT stored on the partner found (null: none). */
  vat: string | null;
}

async function byName(client: OdooClient, scope: CompanyScope, name: string): Promise<Scored[]> {
  const words = nameWords(name);
  if (words.length === 0) return [];
  const found = new Map<number, OdooRecord>();
  for (const r of await searchLookup(client, nameQuery(scope, words))) found.set(r.id as number, r);
  const best = new Map<number, Scored>();
  for (const p of found.values()) {
    const own = typeof p.name === 'string' ? p.name : '';
    const c = commercialOf(p);
    const score = Math.max(nameSimilarity(name, own), nameSimilarity(name, c.name));
    const prev = best.get(c.id);
    if (!prev || prev.score < score) best.set(c.id, { ...c, score, vat: stringOrNull(p.vat) });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}

/** "Acme GmbH (DE123…)", or "VAT DE123…" when the document's name was not read with confidence. */
export function describeVendor(ev: VendorEvidence): string {
  if (!ev.name) return ev.vat ? `VAT ${ev.vat}` : 'no name or VAT read';
  return ev.vat ? `${ev.name} (${ev.vat})` : ev.name;
}

/** The review reason for a vendor no partner matches: "vendor not found: Acme GmbH (DE123…), IBAN …". */
export function vendorNotFound(ev: VendorEvidence): string {
  return `vendor not found: ${describeVendor(ev)}${ev.iban ? `, IBAN ${ev.iban}` : ''}`;
}

function list(cands: Candidate[]): string {
  return cands.slice(0, 5).map((c) => c.name).join(', ');
}

const matched = (c: Candidate, method: MatchMethod): PartnerMatch =>
  ({ partnerId: c.id, partnerName: c.name, method, problem: null });
const noMatch = (problem: string | null): PartnerMatch =>
  ({ partnerId: null, partnerName: null, method: null, problem });

export async function matchPartner(client: OdooClient, scope: CompanyScope, ev: VendorEvidence): Promise<PartnerMatch> {
  let bankAccounts: BankAccount[] | undefined;
  const accountsOf = async (iban: string) => (bankAccounts ??= await bankAccountsByIban(client, scope, iban));
  const match = await findPartner(client, scope, ev, accountsOf);
  return bankAccounts ? { ...match, bankAccounts } : match;
}

async function findPartner(
  client: OdooClient, scope: CompanyScope, ev: VendorEvidence, accountsOf: (iban: string) => Promise<BankAccount[]>,
): Promise<PartnerMatch> {
  if (!ev.name && !ev.vat && !ev.iban) return noMatch(null);

  if (ev.vat) {
    const vatHits = await byVat(client, scope, ev.vat);
    if (vatHits.length === 1) return matched(vatHits[0], 'vat');
    if (vatHits.length > 1) return noMatch(`vendor VAT ${ev.vat} matches several partners: ${list(vatHits)}`);
  }

  if (ev.iban) {
    const holders = uniqueById((await accountsOf(ev.iban)).map((b) => ({ id: b.partnerId, name: b.partnerName })));
    if (holders.length === 1) return matched(holders[0], 'iban');
    if (holders.length > 1) return noMatch(`IBAN ${ev.iban} belongs to several partners: ${list(holders)}`);
  }

  if (ev.text) {
    const ibanHits = await byIban(client, scope, ev.text);
    if (ibanHits.length === 1) return matched(ibanHits[0], 'iban');
  }

  if (ev.name) {
    // a VAT that says who the vendor is and that no partner holds: a partner of the same name with another VAT stored
    // is another company (two companies may share a name; a VAT is one company's)
    const otherVat = (s: Scored) => {
      if (!ev.vatIdentifies || !ev.vat || !s.vat) return false;
      const [mine, theirs] = [normaliseVat(ev.vat), normaliseVat(s.vat)];
      return !!mine && !!theirs && !sameVat(mine, theirs);
    };
    const scored = (await byName(client, scope, ev.name)).filter((s) => !otherVat(s));
    const exact = scored.filter((s) => s.score >= 1);
    if (exact.length === 1) return matched(exact[0], 'name');
    if (exact.length > 1) {
      const billed = await partnersOfEarlierBills(client, scope, 'partner_id', exact.map((e) => e.id));
      const billedIds = new Set(billed.map((b) => b.id));
      const exactBilled = exact.filter((e) => billedIds.has(e.id));
      if (exactBilled.length === 1) return matched(exactBilled[0], 'earlier-bills');
      return noMatch(`vendor name ${ev.name} is ambiguous: ${list(exact)}`);
    }
    const [best, runnerUp] = scored;
    if (best && best.score >= FUZZY_NAME_THRESHOLD) {
      if (runnerUp && runnerUp.score >= FUZZY_NAME_THRESHOLD && best.score - runnerUp.score < FUZZY_AMBIGUITY_MARGIN) {
        return noMatch(`vendor name ${ev.name} is ambiguous: ${list(scored.filter((s) => s.score >= FUZZY_NAME_THRESHOLD))}`);
      }
      return matched(best, 'fuzzy');
    }
  }
  return { ...noMatch(vendorNotFound(ev)), notFound: true };
}
