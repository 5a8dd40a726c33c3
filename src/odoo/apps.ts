// Which of the Odoo apps beyond accounting are installed: purchase, stock, sale and their bridges. Asked once per
// connection and cached: purchase-order matching, delivery notes and customer orders are only planned when their
// app is there.
//
// ir.module.module is readable by every employee only through base_install_request (auto-installed with mail);
// without it only Settings users may read it. The fallback asks fields_get, which Odoo answers for any model
// that exists whatever the user's rights (the client caches those definitions, which the write-back needs anyway).
import { OdooAccessError } from './errors.js';
import type { OdooClient } from './types.js';

export const ODOO_APPS = ['purchase', 'stock', 'sale', 'purchase_stock', 'sale_stock'] as const;
export type OdooApp = (typeof ODOO_APPS)[number];

export interface InstalledApps {
  apps: Record<OdooApp, boolean>;
  /** How it was learnt: the module list, or the models and fields the apps bring. */
  source: 'ir.module.module' | 'models';
}

/** What each app adds that a user without Settings rights can see: a model, or a field of another app's model. */
const APP_MARKS: Record<OdooApp, { model: string; field?: string }> = {
  purchase: { model: 'purchase.order' },
  stock: { model: 'stock.picking' },
  sale: { model: 'sale.order' },
  purchase_stock: { model: 'stock.picking', field: 'purchase_id' },
  sale_stock: { model: 'stock.picking', field: 'sale_id' },
};

// Kept on the client object itself (under a symbol, so per-document views of it that forward properties share it).
const CACHE = Symbol('odoo installed apps');
type Cached = { [CACHE]?: Promise<InstalledApps> };

export function installedApps(client: OdooClient): Promise<InstalledApps> {
  const holder = client as OdooClient & Cached;
  let cached = holder[CACHE];
  if (!cached) {
    cached = detect(client);
    holder[CACHE] = cached;
    cached.catch(() => { if (holder[CACHE] === cached) delete holder[CACHE]; }); // failures are not cached
  }
  return cached;
}

async function detect(client: OdooClient): Promise<InstalledApps> {
  try {
    const rows = await client.searchRead<{ name: string }>('ir.module.module', [['name', 'in', [...ODOO_APPS]], ['state', '=', 'installed']], { fields: ['name'] });
    const names = new Set(rows.map((r) => r.name));
    return { apps: Object.fromEntries(ODOO_APPS.map((app) => [app, names.has(app)])) as Record<OdooApp, boolean>, source: 'ir.module.module' };
  } catch (err) {
    if (!(err instanceof OdooAccessError)) throw err;
  }
  const apps = {} as Record<OdooApp, boolean>;
  for (const app of ODOO_APPS) {
    const mark = APP_MARKS[app];
    if (!(await client.hasModel(mark.model))) apps[app] = false;
    else if (!mark.field) apps[app] = true;
    else apps[app] = mark.field in (await client.fieldsGet(mark.model).catch(() => ({})));
  }
  return { apps, source: 'models' };
}

/** One line for doctor and the logs: "purchase, stock installed; sale not installed". */
export function describeApps(found: InstalledApps): string {
  const main = (['purchase', 'stock', 'sale'] as const);
  const on = main.filter((a) => found.apps[a]);
  const off = main.filter((a) => !found.apps[a]);
  return [on.length ? `${on.join(', ')} installed` : '', off.length ? `${off.join(', ')} not installed` : ''].filter(Boolean).join('; ');
}
