// Builds the fake's models from the recorded fields_get dumps of the Odoo series it plays.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../../src/paths.js';
import type { OdooApp } from '../../../src/odoo/apps.js';
import type { FieldDef } from '../../../src/odoo/types.js';
import type { Store } from './store.js';

const DEFAULT_FIXTURES = fromRoot('fixtures', 'odoo'); // also right when compiled into dist/

// Parsed once per process: the dumps are large and never mutated (models copy what they change).
const dumpCache = new Map<string, Map<string, Record<string, FieldDef>>>();

function readDumps(dir: string): Map<string, Record<string, FieldDef>> {
  const cached = dumpCache.get(dir);
  if (cached) return cached;
  const out = new Map<string, Record<string, FieldDef>>();
  dumpCache.set(dir, out);
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    out.set(file.slice(0, -5), JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, FieldDef>);
  }
  return out;
}

/** Models the dumps do not cover but every database has (the worker's doctor reads them). */
const BASE_MODELS: Record<string, Record<string, FieldDef>> = {
  'res.users': {
    login: { type: 'char', string: 'Login', required: true, store: true },
    name: { type: 'char', string: 'Name', store: true },
    partner_id: { type: 'many2one', string: 'Related Partner', relation: 'res.partner', store: true },
    company_id: { type: 'many2one', string: 'Company', relation: 'res.company', store: true },
    active: { type: 'boolean', string: 'Active', store: true },
    email: { type: 'char', string: 'Email', store: true }, // related to the partner's in Odoo
    password: { type: 'char', string: 'Password', store: true }, // stored hashed in Odoo, read back empty (store.ts formatRow)
    // related partner_id.tz on a real 17 (every IANA zone); a few zones are enough here
    tz: {
      type: 'selection', string: 'Timezone', store: true,
      selection: [['UTC', 'UTC'], ['Europe/Rome', 'Europe/Rome'], ['America/New_York', 'America/New_York'], ['Asia/Kuala_Lumpur', 'Asia/Kuala_Lumpur']],
    },
  },
  'ir.module.module': {
    name: { type: 'char', string: 'Technical Name', required: true, readonly: true, store: true },
    shortdesc: { type: 'char', string: 'Module Name', readonly: true, store: true },
    state: {
      type: 'selection', string: 'Status', readonly: true, store: true,
      selection: [['uninstallable', 'Uninstallable'], ['uninstalled', 'Not Installed'], ['installed', 'Installed'], ['to upgrade', 'To be upgraded'], ['to remove', 'To be removed'], ['to install', 'To be installed']],
    },
    latest_version: { type: 'char', string: 'Installed Version', readonly: true, store: true },
  },
  'ir.config_parameter': {
    key: { type: 'char', string: 'Key', required: true, store: true },
    value: { type: 'text', string: 'Value', required: true, store: true },
  },
  // the vendor a bill creates takes its country from the VAT's prefix
  'res.country': {
    name: { type: 'char', string: 'Country Name', required: true, store: true },
    code: { type: 'char', string: 'Country Code', store: true },
  },
  'mail.message.subtype': { name: { type: 'char', string: 'Message Type', required: true, store: true } },
  'ir.model.data': {
    module: { type: 'char', string: 'Module', required: true, store: true },
    name: { type: 'char', string: 'External Identifier', required: true, store: true },
    model: { type: 'char', string: 'Model Name', required: true, store: true },
    res_id: { type: 'many2one_reference', string: 'Record ID', store: true },
  },
};

/**
 * 17 and 19 come straight from their dumps. 19 lacks dumps of account.tax, mail.message, res.company and
 * res.currency: the 17 ones stand in. 16 and 18 were not recorded: 18 plays 17's fields; 16 plays 17's with the
 * hr.expense amount fields of 16 (unit_amount instead of total_amount_currency/price_unit).
 */
/** The app a model of fields-apps/ belongs to (shared ones, uom and product templates, come with any app). */
function appOfModel(model: string): OdooApp | null {
  for (const app of ['purchase', 'stock', 'sale'] as const) if (model.startsWith(`${app}.`)) return app;
  return null;
}

/**
 * `apps` adds the models of purchase/stock/sale recorded on a real Odoo 17 with all three installed
 * (fields-apps/, by test/odoo/record/record-app-fields.ts) and the fields they add to accounting models. Those
 * added fields are not split by app: with any app, the fake has all of them (account.move.purchase_id and
 * stock.picking.sale_id alike); a model of an app not asked for is left out, and so are fields pointing into it.
 */
export function loadModels(store: Store, major: number, fixturesDir = DEFAULT_FIXTURES, apps: readonly OdooApp[] = []): void {
  const base = readDumps(path.join(fixturesDir, '17.0', 'fields'));
  if (base.size === 0) throw new Error(`no fields_get dumps under ${fixturesDir}/17.0/fields`);
  const dumps = new Map(base);
  if (major >= 19) {
    dumps.delete('hr.expense.sheet');
    for (const [model, fields] of readDumps(path.join(fixturesDir, '19.0', 'fields'))) dumps.set(model, fields);
  }
  if (major <= 16) {
    const expense = { ...dumps.get('hr.expense')! };
    delete expense.total_amount_currency;
    delete expense.price_unit;
    expense.unit_amount = { type: 'float', string: 'Unit Price', required: true, readonly: false, store: true };
    dumps.set('hr.expense', expense);
  }
  if (apps.length) {
    for (const [model, fields] of readDumps(path.join(fixturesDir, '17.0', 'fields-apps'))) {
      const app = appOfModel(model);
      if (app && !apps.includes(app)) continue;
      dumps.set(model, { ...dumps.get(model), ...fields });
    }
    // A field pointing into an app not asked for comes with its bridge module (purchase_stock...): leave it out.
    const absent = (['purchase', 'stock', 'sale'] as const).filter((app) => !apps.includes(app));
    for (const [model, fields] of dumps) {
      const kept = Object.entries(fields).filter(([, def]) => !absent.some((app) => def.relation?.startsWith(`${app}.`)));
      if (kept.length !== Object.keys(fields).length) dumps.set(model, Object.fromEntries(kept));
    }
  }
  for (const [model, fields] of Object.entries(BASE_MODELS)) store.define(model, fields);
  // a user's own groups: renamed in 19 (odoo/addons/base/models/res_users.py: group_ids, same relation table)
  store.define('res.users', { [major >= 19 ? 'group_ids' : 'groups_id']: { type: 'many2many', string: 'Groups', relation: 'res.groups', store: true } });
  for (const [model, fields] of dumps) store.define(model, fields);
  store.addMissingRelationTargets();
}
