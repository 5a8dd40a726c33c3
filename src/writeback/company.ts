// Multi-company scoping: every read and write happens in the company of the target record, so Odoo's record
// rules and company-dependent defaults (journals, taxes, properties) resolve for that company and not for the
// user's current one.
import type { Domain } from '../odoo/types.js';

export interface CompanyScope {
  companyId: number | null;
  context: Record<string, unknown>;
}

export function companyScope(companyId: number | null): CompanyScope {
  return { companyId, context: companyId ? { allowed_company_ids: [companyId] } : {} };
}

/** Records of the company or shared by all companies (company_id false). */
export function companyOrShared(scope: CompanyScope): Domain {
  return scope.companyId ? [['company_id', 'in', [scope.companyId, false]]] : [];
}

/** Records of exactly this company (for models whose company_id is required, like taxes and journals). */
export function companyOnly(scope: CompanyScope): Domain {
  return scope.companyId ? [['company_id', '=', scope.companyId]] : [];
}

/** The companies the user can see, with their partners, names and VATs (a bill's vendor is never one of them). */
export function ownPartnersQuery(): { model: string; domain: Domain; opts: { fields: string[]; limit: number } } {
  return { model: 'res.company', domain: [], opts: { fields: ['partner_id', 'name', 'vat'], limit: 200 } };
}
