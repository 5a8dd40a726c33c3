// Records fields_get of the purchase, stock and sale models (and the fields those apps add to accounting models)
// from a real Odoo that has them installed, into fixtures/odoo/<series>/fields-apps/, for the fake Odoo's `apps`
// option. Not a test: run it by hand against a copy of tmpl17ps.
//   ODOO_URL=http://127.0.0.1:8073 ODOO_DB=h18a_db node --import tsx test/odoo/record/record-app-fields.ts
// For a model the base dumps (fields/) already hold, only the fields they lack are written; this project's own
// addon's fields (ocr_*) are left out, the fake adds those itself where a test installs the addon.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectOdoo } from '../../../src/odoo/connect.js';
import { FIELD_ATTRIBUTES } from '../../../src/odoo/fields.js';

const url = process.env.ODOO_URL ?? 'http://127.0.0.1:8073';
const db = process.env.ODOO_DB!;
const series = process.env.ODOO_SERIES ?? '17.0';
const baseDir = path.join('fixtures/odoo', series, 'fields');
const outDir = path.join('fixtures/odoo', series, 'fields-apps');
mkdirSync(outDir, { recursive: true });

const MODELS = [
  'purchase.order', 'purchase.order.line', 'stock.picking', 'stock.move', 'stock.move.line', 'stock.picking.type',
  'sale.order', 'sale.order.line', 'uom.uom', 'product.template',
  'account.move', 'account.move.line', 'res.partner', 'product.product', 'res.company',
];

const admin = await connectOdoo({ url, db, username: 'admin', password: process.env.ODOO_ADMIN_PASSWORD ?? 'admin' });
for (const model of MODELS) {
  const fields = await admin.call<Record<string, Record<string, unknown>>>(model, 'fields_get', { kwargs: { attributes: [...FIELD_ATTRIBUTES] } });
  const basePath = path.join(baseDir, `${model}.json`);
  const base = existsSync(basePath) ? (JSON.parse(readFileSync(basePath, 'utf8')) as Record<string, unknown>) : null;
  const ours = (name: string, def: Record<string, unknown>) => name.startsWith('ocr_') || String(def.relation ?? '').startsWith('ocr.');
  const kept = Object.fromEntries(Object.entries(fields).filter(([name, def]) => (!base || !(name in base)) && !ours(name, def)).sort(([a], [b]) => a.localeCompare(b))
    .map(([name, def]) => [name, Object.fromEntries(Object.entries(def).sort(([a], [b]) => a.localeCompare(b)))]));
  writeFileSync(path.join(outDir, `${model}.json`), JSON.stringify(kept, null, 1) + '\n');
  console.log(model, Object.keys(kept).length, base ? 'added fields' : 'fields');
}
admin.close();
