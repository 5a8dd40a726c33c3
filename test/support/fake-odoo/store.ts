// In-memory models and rows: field definitions from real fields_get dumps, values coerced and validated the
// way Odoo's ORM does for the types the worker touches, reads formatted as Odoo sends them.
import { createHash } from 'node:crypto';
import type { FieldDef } from '../../../src/odoo/types.js';
import type { DomainSchema, Row } from './domain.js';
import { missingError, validationError, valueError } from './exceptions.js';
import { pyRepr } from './python.js';

export type FakeFieldDef = FieldDef & Record<string, unknown>;

export interface FakeModel {
  name: string;
  fields: Record<string, FakeFieldDef>;
  rows: Map<number, Row>;
  nextId: number;
  /** Has chatter (message_post), i.e. inherits mail.thread. */
  mailThread: boolean;
}

const MAGIC_FIELDS: Record<string, FakeFieldDef> = {
  id: { type: 'integer', string: 'ID', readonly: true, store: true },
  display_name: { type: 'char', string: 'Display Name', readonly: true, store: false },
  create_date: { type: 'datetime', string: 'Created on', readonly: true, store: true },
  write_date: { type: 'datetime', string: 'Last Updated on', readonly: true, store: true },
  create_uid: { type: 'many2one', string: 'Created by', relation: 'res.users', readonly: true, store: true },
  write_uid: { type: 'many2one', string: 'Last Updated by', relation: 'res.users', readonly: true, store: true },
};

export const nowUtc = () => new Date().toISOString().slice(0, 19).replace('T', ' ');
const today = () => new Date().toISOString().slice(0, 10);

export function emptyValue(type: string): unknown {
  if (type === 'integer' || type === 'float' || type === 'monetary') return 0;
  if (type === 'one2many' || type === 'many2many') return [];
  return false;
}

/** Required fields real Odoo fills itself on create (a sequence's placeholder, the partner's own addresses). */
const SERVER_DEFAULTS: Record<string, Record<string, (vals: Row, first: (model: string) => number | false) => unknown>> = {
  'sale.order': {
    name: () => 'New', state: () => 'draft', partner_invoice_id: (v) => v.partner_id ?? false, partner_shipping_id: (v) => v.partner_id ?? false,
    warehouse_id: (_v, first) => first('stock.warehouse'),
  },
  'purchase.order': { name: () => 'New' },
  'stock.picking': { name: () => '/' },
};

export class Store {
  models = new Map<string, FakeModel>();
  /** Post-create/write hooks (e.g. account.move totals) registered by tests. */
  computes = new Map<string, Array<(row: Row, store: Store) => Record<string, unknown> | void>>();

  define(name: string, fields: Record<string, FieldDef>): FakeModel {
    const existing = this.models.get(name);
    const merged: Record<string, FakeFieldDef> = { ...MAGIC_FIELDS, ...(existing?.fields ?? {}), ...(fields as Record<string, FakeFieldDef>) };
    const model: FakeModel = existing ?? { name, fields: merged, rows: new Map(), nextId: 1, mailThread: false };
    model.fields = merged;
    model.mailThread = 'message_ids' in merged;
    this.models.set(name, model);
    return model;
  }

  get(name: string): FakeModel | undefined {
    return this.models.get(name);
  }

  /** Relation targets named by loaded models but not loaded themselves get a minimal {name} model. */
  addMissingRelationTargets(): void {
    for (const model of [...this.models.values()]) {
      for (const def of Object.values(model.fields)) {
        if (def.relation && !this.models.has(def.relation)) {
          this.define(def.relation, { name: { type: 'char', string: 'Name', store: true } });
        }
      }
    }
  }

  displayName(modelName: string, id: number): string {
    const model = this.models.get(modelName);
    const row = model?.rows.get(id);
    if (!model || !row) return `${modelName},${id}`;
    const own = typeof row.name === 'string' && row.name ? row.name : typeof row.display_name === 'string' ? row.display_name : `${modelName},${id}`;
    // res.partner shows contacts as "Company, Person", as Odoo does.
    if (modelName === 'res.partner' && typeof row.parent_id === 'number' && typeof row.name === 'string') {
      return `${this.displayName('res.partner', row.parent_id)}, ${own}`;
    }
    if (modelName === 'product.product' && typeof row.default_code === 'string' && row.default_code) return `[${row.default_code}] ${own}`;
    return own;
  }

  schema(model: FakeModel): DomainSchema {
    const resolve = (path: string): { model: FakeModel; field: string; def: FakeFieldDef }[] | null => {
      const parts = path.split('.');
      const chain: { model: FakeModel; field: string; def: FakeFieldDef }[] = [];
      let current: FakeModel | undefined = model;
      for (const part of parts) {
        const def: FakeFieldDef | undefined = current?.fields[part];
        if (!current || !def) return null;
        chain.push({ model: current, field: part, def });
        current = def.relation ? this.models.get(def.relation) : undefined;
      }
      return chain;
    };
    const valueAt = (row: Row, path: string): unknown => {
      const chain = resolve(path);
      if (!chain) return false;
      let values: unknown[] = [row];
      for (const [i, step] of chain.entries()) {
        const next: unknown[] = [];
        for (const r of values) {
          const v = this.rawValue(step.model, r as Row, step.field);
          if (i === chain.length - 1) next.push(v);
          else for (const id of Array.isArray(v) ? v : typeof v === 'number' ? [v] : []) {
            const target = step.def.relation ? this.models.get(step.def.relation)?.rows.get(id as number) : undefined;
            if (target) next.push(target);
          }
        }
        values = next;
      }
      if (values.length === 1) return values[0];
      return values.flatMap((v) => (Array.isArray(v) ? v : isEmptyValue(v) ? [] : [v]));
    };
    return {
      model: model.name,
      fieldType: (path) => {
        const chain = resolve(path);
        return chain ? chain[chain.length - 1]!.def.type : null;
      },
      value: valueAt,
      displayName: (row, path) => {
        const chain = resolve(path);
        const id = valueAt(row, path);
        const relation = chain?.[chain.length - 1]?.def.relation;
        return typeof id === 'number' && relation ? this.displayName(relation, id) : false;
      },
    };
  }

  /** Stored value, with computed ones (display_name, attachment size) derived. */
  rawValue(model: FakeModel, row: Row, field: string): unknown {
    if (field === 'display_name') return this.displayName(model.name, row.id as number);
    if (field in row) return row[field];
    const def = model.fields[field];
    return def ? emptyValue(def.type) : false;
  }

  /** A row as `read` returns it. */
  formatRow(model: FakeModel, row: Row, fields: string[]): Row {
    const out: Row = { id: row.id };
    for (const field of fields) {
      if (field === 'id') continue;
      // Odoo stores a user's password hashed and reads it back empty
      if (model.name === 'res.users' && field === 'password') {
        out[field] = '';
        continue;
      }
      const def = model.fields[field]!;
      const value = this.rawValue(model, row, field);
      if (def.type === 'many2one') {
        out[field] = typeof value === 'number' && def.relation ? [value, this.displayName(def.relation, value)] : false;
      } else if (def.type === 'binary') {
        out[field] = row.__raw instanceof Buffer && field === 'datas' ? (row.__raw as Buffer).toString('base64') : value;
      } else {
        out[field] = Array.isArray(value) ? [...value] : value;
      }
    }
    return out;
  }

  /** Odoo's coercion of one written value; raises the ValueErrors Odoo raises. */
  coerce(model: FakeModel, field: string, value: unknown): unknown {
    const def = model.fields[field]!;
    if (value === null || value === undefined) value = false;
    switch (def.type) {
      case 'integer':
      case 'many2one_reference':
        if (value === false) return 0;
        if (typeof value === 'number') return Math.trunc(value);
        if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
        throw valueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
      case 'float':
      case 'monetary':
        if (value === false) return 0;
        if (typeof value === 'number') return value;
        if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
        throw valueError(`could not convert string to float: ${pyRepr(value)}`);
      case 'boolean':
        return Boolean(value);
      case 'char':
      case 'text':
      case 'html':
        return value === false ? false : String(value);
      case 'selection': {
        if (value === false) return false;
        const keys = (def.selection ?? []).map(([key]) => key);
        if (keys.length && !keys.includes(value as string)) throw valueError(`Wrong value for ${model.name}.${field}: ${pyRepr(value)}`);
        return value;
      }
      case 'date':
        if (value === false) return false;
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
        throw valueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d'`);
      case 'datetime':
        if (value === false) return false;
        if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(value)) return value.length === 10 ? `${value} 00:00:00` : value;
        throw valueError(`time data ${pyRepr(value)} does not match format '%Y-%m-%d %H:%M:%S'`);
      case 'many2one':
        if (value === false || value === 0) return false;
        if (typeof value === 'number' && Number.isInteger(value)) return value;
        throw valueError(`invalid literal for int() with base 10: ${pyRepr(value)}`);
      default:
        return value;
    }
  }

  /** Applies x2many commands ([6,0,ids], [4,id], [3,id], [5], [0,0,vals], [1,id,vals], [2,id]) or a plain id list. */
  applyX2many(model: FakeModel, field: string, current: number[], commands: unknown, parentId: number, uid: number): number[] {
    const def = model.fields[field]!;
    if (!Array.isArray(commands)) throw valueError(`Wrong value for ${model.name}.${field}: ${pyRepr(commands)}`);
    let ids = [...current];
    const target = def.relation ? this.models.get(def.relation) : undefined;
    for (const command of commands) {
      if (typeof command === 'number') { if (!ids.includes(command)) ids.push(command); continue; }
      if (!Array.isArray(command)) throw valueError(`Wrong value for ${model.name}.${field}: ${pyRepr(commands)}`);
      const [op, id, vals] = command as [number, number, unknown];
      if (op === 0 && target) {
        const inverse = this.inverseField(model, field);
        const childVals = { ...(vals as Row), ...(inverse ? { [inverse]: parentId } : {}) };
        ids.push(...this.create(target, [childVals], uid, true));
      } else if (op === 1 && target) this.write(target, [id], vals as Row, uid);
      else if (op === 2 && target) { this.unlink(target, [id]); ids = ids.filter((x) => x !== id); }
      else if (op === 3) ids = ids.filter((x) => x !== id);
      else if (op === 4) { if (!ids.includes(id)) ids.push(id); }
      else if (op === 5) ids = [];
      else if (op === 6) ids = [...((vals as number[]) ?? [])];
      else throw valueError(`Wrong value for ${model.name}.${field}: ${pyRepr(commands)}`);
    }
    return ids;
  }

  /** The many2one on the child model that points back (relation_field when the dump has it). */
  inverseField(model: FakeModel, field: string): string | null {
    const def = model.fields[field]!;
    if (typeof def.relation_field === 'string') return def.relation_field;
    // mail.thread's One2many('mail.message', 'res_id'): a many2one_reference, which the guess below does not see
    if (field === 'message_ids' && def.relation === 'mail.message') return 'res_id';
    const target = def.relation ? this.models.get(def.relation) : undefined;
    if (!target || def.type !== 'one2many') return null;
    const candidates = Object.entries(target.fields).filter(([, d]) => d.type === 'many2one' && d.relation === model.name).map(([n]) => n);
    const guess = `${model.name.split('.').pop()}_id`;
    return candidates.includes(guess) ? guess : candidates.length === 1 ? candidates[0]! : null;
  }

  #checkFields(model: FakeModel, vals: Row): void {
    for (const field of Object.keys(vals)) {
      if (!model.fields[field]) throw valueError(`Invalid field ${pyRepr(field)} on model ${pyRepr(model.name)}`);
    }
  }

  #assign(model: FakeModel, row: Row, vals: Row, uid: number): void {
    for (const [field, value] of Object.entries(vals)) {
      const def = model.fields[field]!;
      if (field === 'id' || field === 'display_name') continue;
      if (def.type === 'one2many' || def.type === 'many2many') {
        row[field] = this.applyX2many(model, field, (row[field] as number[] | undefined) ?? [], value, row.id as number, uid);
      } else if (model.name === 'ir.attachment' && (field === 'datas' || field === 'raw')) {
        this.#setAttachmentContent(row, value, field);
      } else {
        row[field] = this.coerce(model, field, value);
      }
    }
  }

  #setAttachmentContent(row: Row, value: unknown, field: string): void {
    let raw: Buffer;
    if (value === false || value === null) raw = Buffer.alloc(0);
    else if (typeof value !== 'string') throw valueError(`Wrong value for ir.attachment.${field}: ${pyRepr(value)}`);
    else if (field === 'raw') raw = Buffer.from(value, 'latin1');
    else {
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value)) throw valueError('Incorrect padding');
      raw = Buffer.from(value, 'base64');
    }
    row.__raw = raw;
    if (!row.mimetype) row.mimetype = guessMimetype(typeof row.name === 'string' ? row.name : '', raw);
    row.file_size = raw.length;
    row.checksum = raw.length ? createHash('sha1').update(raw).digest('hex') : false;
    row.type = 'binary';
  }

  #applyDefaults(model: FakeModel, vals: Row, uid: number): Row {
    const out: Row = { ...vals };
    for (const [field, def] of Object.entries(model.fields)) {
      if (field in out || def.store === false || MAGIC_FIELDS[field]) continue;
      const serverDefault = SERVER_DEFAULTS[model.name]?.[field];
      if (serverDefault) {
        out[field] = serverDefault(out, (name) => ([...(this.models.get(name)?.rows.keys() ?? [])][0] as number | undefined) ?? false);
        continue;
      }
      if (field === 'active' && def.type === 'boolean') out[field] = true;
      else if (!def.required) continue;
      else if (def.type === 'selection' && def.selection?.length) out[field] = model.name === 'ir.attachment' && field === 'type' ? 'binary' : def.selection[0]![0];
      else if (def.type === 'date') out[field] = today();
      else if (def.type === 'datetime') out[field] = nowUtc();
      else if (def.type === 'float' || def.type === 'integer' || def.type === 'monetary') out[field] = field === 'quantity' ? 1 : 0;
      else if (def.type === 'many2one' && def.relation) {
        // Context defaults Odoo derives from the user: company, currency, the user's employee, a journal.
        if (def.relation === 'res.company' || def.relation === 'res.currency') out[field] = 1;
        else if (def.relation === 'res.users') out[field] = uid;
        else if (def.relation === 'hr.employee') {
          const employee = [...(this.models.get('hr.employee')?.rows.values() ?? [])].find((r) => r.user_id === uid);
          if (employee) out[field] = employee.id;
        } else if (def.relation === 'account.journal') {
          const journals = [...(this.models.get('account.journal')?.rows.values() ?? [])];
          const wanted = String(out.move_type ?? '').startsWith('in_') ? 'purchase' : String(out.move_type ?? '').startsWith('out_') ? 'sale' : null;
          const journal = journals.find((j) => wanted === null || j.type === wanted) ?? journals[0];
          if (journal) out[field] = journal.id;
        }
      }
    }
    return out;
  }

  #checkRequired(model: FakeModel, row: Row): void {
    for (const [field, def] of Object.entries(model.fields)) {
      // Readonly required fields are computed by the server; only user-settable ones can be "not set".
      if (!def.required || def.readonly || def.store === false || def.type === 'boolean' || MAGIC_FIELDS[field]) continue;
      const value = row[field];
      if (value === undefined || value === false || value === null || value === '') {
        throw validationError('The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n'
          + '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n'
          + `Model: ${model.name} (${model.name})\nField: ${def.string ?? field} (${field})\n`);
      }
    }
  }

  /** SQL constraints of real Odoo that the worker can trip over. */
  #checkConstraints(model: FakeModel, row: Row): void {
    if (model.name === 'res.partner' && !row.name && (row.type ?? 'contact') === 'contact') {
      throw validationError('The operation cannot be completed: Contacts require a name');
    }
  }

  #runComputes(model: FakeModel, row: Row): void {
    for (const compute of this.computes.get(model.name) ?? []) {
      const update = compute({ ...row }, this);
      if (update) for (const [k, v] of Object.entries(update)) row[k] = v;
    }
  }

  create(model: FakeModel, valsList: Row[], uid: number, checkRequired = true): number[] {
    const ids: number[] = [];
    for (const vals of valsList) {
      if (!vals || typeof vals !== 'object' || Array.isArray(vals)) throw valueError(`Wrong value for ${model.name}.create: ${pyRepr(vals)}`);
      this.#checkFields(model, vals);
      const requested = typeof vals.id === 'number' ? vals.id : undefined; // seeds may pin ids
      const id = requested ?? model.nextId;
      if (model.rows.has(id)) throw valueError(`duplicate id ${id} for ${model.name}`);
      model.nextId = Math.max(model.nextId, id + 1);
      const now = nowUtc();
      const row: Row = { id, create_date: now, write_date: now, create_uid: uid, write_uid: uid };
      const { id: _ignored, ...rest } = this.#applyDefaults(model, vals, uid);
      model.rows.set(id, row);
      try {
        this.#assign(model, row, rest, uid);
        if (checkRequired) {
          this.#checkRequired(model, row);
          this.#checkConstraints(model, row);
        }
      } catch (err) {
        model.rows.delete(id);
        throw err;
      }
      this.#runComputes(model, row);
      ids.push(id);
    }
    return ids;
  }

  write(model: FakeModel, ids: number[], vals: Row, uid: number): true {
    if (!vals || typeof vals !== 'object' || Array.isArray(vals)) throw valueError(`Wrong value for ${model.name}.write: ${pyRepr(vals)}`);
    this.#checkFields(model, vals);
    const rows = this.existing(model, ids, uid);
    // Validate everything on copies first: a failed write changes nothing, like a rolled-back transaction.
    const updated = rows.map((row) => {
      const copy: Row = { ...row };
      this.#assign(model, copy, vals, uid);
      this.#checkRequired(model, copy);
      this.#checkConstraints(model, copy);
      copy.write_date = nowUtc();
      copy.write_uid = uid;
      return copy;
    });
    for (const row of updated) {
      model.rows.set(row.id as number, row);
      this.#runComputes(model, row);
    }
    return true;
  }

  unlink(model: FakeModel, ids: number[], uid = 2): true {
    this.existing(model, ids, uid);
    for (const id of ids) model.rows.delete(id);
    return true;
  }

  /** The rows for ids, or Odoo's MissingError naming the missing ones. */
  existing(model: FakeModel, ids: number[], uid: number): Row[] {
    const missing = ids.filter((id) => !model.rows.has(id));
    if (missing.length) {
      const record = `${model.name}(${missing.join(', ')}${missing.length === 1 ? ',' : ''})`;
      throw missingError(`Record does not exist or has been deleted.\n(Record: ${record}, User: ${uid})`);
    }
    return ids.map((id) => model.rows.get(id)!);
  }

  /** Sorts rows by an Odoo order clause ("name desc, id"). */
  sort(model: FakeModel, rows: Row[], order: unknown): Row[] {
    const clause = typeof order === 'string' && order.trim() ? order : 'id';
    const keys = clause.split(',').map((part) => {
      const [field = 'id', direction = 'asc'] = part.trim().split(/\s+/);
      if (!model.fields[field]) throw valueError(`Invalid field ${pyRepr(field)} on model ${pyRepr(model.name)}`);
      if (!/^(asc|desc)$/i.test(direction)) throw valueError(`Invalid order ${pyRepr(clause)} for model ${model.name}`);
      return { field, desc: direction.toLowerCase() === 'desc' };
    });
    const sortValue = (row: Row, field: string): unknown => {
      const def = model.fields[field]!;
      const v = this.rawValue(model, row, field);
      if (def.type === 'many2one' && typeof v === 'number' && def.relation) return this.displayName(def.relation, v).toLowerCase();
      return typeof v === 'string' ? v.toLowerCase() : v;
    };
    return [...rows].sort((a, b) => {
      for (const { field, desc } of keys) {
        const va = sortValue(a, field);
        const vb = sortValue(b, field);
        if (va === vb) continue;
        // Odoo sorts NULLs last in ascending order (PostgreSQL default).
        if (isEmptyValue(va)) return desc ? -1 : 1;
        if (isEmptyValue(vb)) return desc ? 1 : -1;
        const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va) < String(vb) ? -1 : 1;
        return desc ? -c : c;
      }
      return 0;
    });
  }
}

function isEmptyValue(v: unknown): boolean {
  return v === false || v === null || v === undefined;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp', xml: 'application/xml', txt: 'text/plain', p7m: 'application/pkcs7-mime',
};

/** Odoo guesses the mimetype from the content, then the name; a few signatures cover the worker's inputs. */
function guessMimetype(name: string, raw: Buffer): string {
  if (raw.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (raw.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (raw[0] === 0xff && raw[1] === 0xd8) return 'image/jpeg';
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[ext] ?? 'application/octet-stream';
}
