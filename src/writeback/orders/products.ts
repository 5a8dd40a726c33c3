// Which Odoo product each line of an order or a delivery note is: by its code (the product's internal reference,
// or a vendor's code for it), then its barcode, then its description (the product's name, exactly, then closely).
// A line no product answers for unambiguously stays unmatched: the caller keeps it as text for a person.
import type { LineItem } from '../../contract.js';
import type { Domain, OdooClient } from '../../odoo/types.js';
import { type CompanyScope, companyOrShared } from '../company.js';
import { nameSimilarity } from '../normalize.js';
import { m2oId, stringOrNull } from '../values.js';

export type ProductMethod = 'code' | 'barcode' | 'vendor-code' | 'name' | 'similar-name';

export interface ProductMatch {
  productId: number | null;
  productName: string | null;
  method: ProductMethod | null;
  /** why no product was chosen (several answered), null when matched or nothing answered */
  problem: string | null;
}

interface ProductRow {
  id: number;
  name: string;
  display_name?: string;
  default_code: string | false;
  barcode: string | false;
  product_tmpl_id?: unknown;
}

const PRODUCT_FIELDS = ['id', 'name', 'display_name', 'default_code', 'barcode', 'product_tmpl_id'];
/** A description is this close to a product's name to stand for it when no code does. */
export const SIMILAR_NAME_THRESHOLD = 0.85;
const MAX_TERMS = 60;

function anyOf(field: string, op: string, values: string[]): Domain {
  return [...values.slice(1).map(() => '|'), ...values.map((v): [string, string, unknown] => [field, op, v])];
}

const norm = (s: string) => s.trim().toLowerCase();

export interface ProductSearch {
  /** restrict to products that can be sold (a customer's order) or bought (a delivery note) */
  purpose: 'sale' | 'purchase';
  /** the vendor of a delivery note: its own codes for our products (product.supplierinfo) count too */
  vendorId?: number | null;
}

async function search(client: OdooClient, scope: CompanyScope, search: ProductSearch, domain: Domain, limit: number): Promise<ProductRow[]> {
  const purpose: Domain = [[search.purpose === 'sale' ? 'sale_ok' : 'purchase_ok', '=', true]];
  return client.searchRead<ProductRow>('product.product', [...domain, ...purpose, ...companyOrShared(scope)], {
    fields: PRODUCT_FIELDS, limit, context: scope.context,
  });
}

/** One match per line, in order; at most a few searches whatever the number of lines. */
export async function matchProducts(client: OdooClient, scope: CompanyScope, lines: LineItem[], opts: ProductSearch): Promise<ProductMatch[]> {
  const out: ProductMatch[] = lines.map(() => ({ productId: null, productName: null, method: null, problem: null }));
  const pick = (i: number, rows: ProductRow[], method: ProductMethod, what: string) => {
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    if (unique.length === 1) out[i] = { productId: unique[0].id, productName: unique[0].display_name ?? unique[0].name, method, problem: null };
    else if (unique.length > 1) out[i] = { ...out[i], problem: `${what} matches several products: ${unique.slice(0, 3).map((r) => r.display_name ?? r.name).join(', ')}` };
  };
  const open = () => lines.map((_, i) => i).filter((i) => out[i].productId === null && out[i].problem === null);

  const codes = [...new Set(lines.map((l) => l.product_code?.trim()).filter((c): c is string => !!c))].slice(0, MAX_TERMS);
  if (codes.length) {
    const rows = await search(client, scope, opts, anyOf('default_code', '=ilike', codes), 200);
    for (const i of open()) {
      const code = lines[i].product_code?.trim();
      if (code) pick(i, rows.filter((r) => r.default_code && norm(r.default_code) === norm(code)), 'code', `code ${code}`);
    }
  }
  const barcodes = [...new Set(open().map((i) => lines[i].barcode).filter((b): b is string => !!b))].slice(0, MAX_TERMS);
  if (barcodes.length) {
    const rows = await search(client, scope, opts, [['barcode', 'in', barcodes]], 200);
    for (const i of open()) if (lines[i].barcode) pick(i, rows.filter((r) => r.barcode === lines[i].barcode), 'barcode', `barcode ${lines[i].barcode}`);
  }
  if (opts.vendorId) await byVendorCodes(client, scope, opts, lines, open(), pick);
  const named = open().filter((i) => lines[i].description.trim().length >= 3);
  if (named.length) {
    const descriptions = [...new Set(named.map((i) => lines[i].description.trim()))].slice(0, MAX_TERMS);
    // exact names, and names holding the description's longest word, in one search; scored here
    const words = [...new Set(descriptions.map(longestWord).filter((w): w is string => w !== null))];
    const rows = await search(client, scope, opts, [...(words.length ? ['|'] : []), ...anyOf('name', '=ilike', descriptions), ...(words.length ? anyOf('name', 'ilike', words) : [])], 400);
    for (const i of named) {
      const d = lines[i].description.trim();
      const exact = rows.filter((r) => norm(r.name) === norm(d));
      if (exact.length) {
        pick(i, exact, 'name', `description "${d}"`);
        continue;
      }
      const scored = rows.map((r) => ({ r, s: nameSimilarity(d, r.name) })).filter((x) => x.s >= SIMILAR_NAME_THRESHOLD).sort((a, b) => b.s - a.s);
      if (scored.length === 1 || (scored.length > 1 && scored[0].s - scored[1].s >= 0.05)) pick(i, [scored[0].r], 'similar-name', d);
      else if (scored.length > 1) pick(i, scored.map((x) => x.r), 'similar-name', `description "${d}"`);
    }
  }
  return out;
}

/** The vendor's own product codes (product.supplierinfo.product_code) of a delivery note's lines. */
async function byVendorCodes(
  client: OdooClient, scope: CompanyScope, opts: ProductSearch, lines: LineItem[], open: number[],
  pick: (i: number, rows: ProductRow[], method: ProductMethod, what: string) => void,
): Promise<void> {
  const codes = [...new Set(open.map((i) => lines[i].product_code?.trim()).filter((c): c is string => !!c))].slice(0, MAX_TERMS);
  if (!codes.length) return;
  const infos = await client.searchRead<{ product_code: string | false; product_id: unknown; product_tmpl_id: unknown }>(
    'product.supplierinfo', [['partner_id', '=', opts.vendorId], ...anyOf('product_code', '=ilike', codes)],
    { fields: ['product_code', 'product_id', 'product_tmpl_id'], limit: 200, context: scope.context },
  );
  if (!infos.length) return;
  const templates = [...new Set(infos.map((s) => m2oId(s.product_tmpl_id)).filter((id): id is number => id !== null))];
  const variants = await search(client, scope, opts, [['product_tmpl_id', 'in', templates]], 200);
  const rowsOf = (s: (typeof infos)[number]) => {
    const variant = m2oId(s.product_id);
    return variants.filter((v) => (variant ? v.id === variant : m2oId(v.product_tmpl_id) === m2oId(s.product_tmpl_id)));
  };
  for (const i of open) {
    const code = lines[i].product_code?.trim();
    if (!code) continue;
    const hits = infos.filter((s) => stringOrNull(s.product_code) && norm(String(s.product_code)) === norm(code));
    if (hits.length) pick(i, hits.flatMap(rowsOf), 'vendor-code', `vendor code ${code}`);
  }
}

function longestWord(description: string): string | null {
  const words = description.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4);
  return words.sort((a, b) => b.length - a.length)[0] ?? null;
}
