// The ORM methods the fake answers, with their Python signatures so both transports bind arguments the way
// Odoo does (JSON-RPC: ids first, then positional + keyword; JSON-2: everything by name).
import type { Row } from './domain.js';
import { compileDomain } from './domain.js';
import { attributeError, FakeOdooException, typeError, valueError } from './exceptions.js';
import { pyRepr } from './python.js';
import { nowUtc, type FakeModel, type Store } from './store.js';

export type Operation = 'read' | 'write' | 'create' | 'unlink';

export interface CallEnv {
  store: Store;
  model: FakeModel;
  ids: number[];
  args: Record<string, unknown>;
  uid: number;
  context: Record<string, unknown>;
  /** Odoo major version the fake plays. */
  major: number;
}

export interface MethodSpec {
  /** @api.model: no recordset (JSON-2 refuses ids). */
  apiModel: boolean;
  params: string[];
  required: string[];
  /** Keyword-only arguments (message_post): positional ones are refused. */
  keywordOnly?: boolean;
  /** Accepts any keyword argument (methods registered by tests). */
  anyKeyword?: boolean;
  /** Access right the call needs, checked against the fake's access rules. */
  operation?: Operation;
  run(env: CallEnv): unknown;
}

function fieldList(model: FakeModel, fields: unknown): string[] {
  if (fields === undefined || fields === null || fields === false || (Array.isArray(fields) && fields.length === 0)) {
    return Object.keys(model.fields).filter((f) => f !== 'id');
  }
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) throw valueError(`Invalid fields ${pyRepr(fields)}`);
  for (const f of fields as string[]) {
    if (!model.fields[f]) throw valueError(`Invalid field ${pyRepr(f)} on model ${pyRepr(model.name)}`);
  }
  return fields as string[];
}

function searchRows(env: CallEnv, domain: unknown, offset: unknown, limit: unknown, order: unknown): Row[] {
  const predicate = compileDomain(domain ?? [], env.store.schema(env.model));
  // Odoo hides archived rows unless the domain names `active` or the context says active_test: false.
  const active = env.model.fields.active?.type === 'boolean' && env.context.active_test !== false && !JSON.stringify(domain ?? []).includes('"active"');
  let rows = [...env.model.rows.values()].filter((row) => (!active || row.active !== false) && predicate(row));
  rows = env.store.sort(env.model, rows, order);
  const start = typeof offset === 'number' && offset > 0 ? offset : 0;
  const end = typeof limit === 'number' && limit > 0 ? start + limit : undefined;
  return rows.slice(start, end);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}

const SUBTYPES: Record<string, number> = { 'mail.mt_comment': 1, 'mail.mt_note': 2 };

export const BUILTIN_METHODS: Record<string, MethodSpec> = {
  search_read: {
    apiModel: true, params: ['domain', 'fields', 'offset', 'limit', 'order'], required: [], operation: 'read',
    run: (env) => {
      const fields = fieldList(env.model, env.args.fields);
      return searchRows(env, env.args.domain, env.args.offset, env.args.limit, env.args.order).map((row) => env.store.formatRow(env.model, row, fields));
    },
  },
  search: {
    apiModel: true, params: ['domain', 'offset', 'limit', 'order'], required: ['domain'], operation: 'read',
    run: (env) => searchRows(env, env.args.domain, env.args.offset, env.args.limit, env.args.order).map((row) => row.id),
  },
  search_count: {
    apiModel: true, params: ['domain', 'limit'], required: ['domain'], operation: 'read',
    run: (env) => searchRows(env, env.args.domain, 0, env.args.limit, 'id').length,
  },
  read: {
    apiModel: false, params: ['fields', 'load'], required: [], operation: 'read',
    // Odoo 17 answers [] for ids that no longer exist (recorded), it does not raise.
    run: (env) => {
      const fields = fieldList(env.model, env.args.fields);
      return env.ids.filter((id) => env.model.rows.has(id)).map((id) => env.store.formatRow(env.model, env.model.rows.get(id)!, fields));
    },
  },
  create: {
    apiModel: true, params: ['vals_list'], required: ['vals_list'], operation: 'create',
    run: (env) => {
      const single = !Array.isArray(env.args.vals_list);
      const ids = env.store.create(env.model, single ? [env.args.vals_list as Row] : (env.args.vals_list as Row[]), env.uid);
      return single ? ids[0] : ids;
    },
  },
  write: {
    apiModel: false, params: ['vals'], required: ['vals'], operation: 'write',
    run: (env) => env.store.write(env.model, env.ids, (env.args.vals ?? env.args.values) as Row, env.uid),
  },
  unlink: {
    apiModel: false, params: [], required: [], operation: 'unlink',
    run: (env) => env.store.unlink(env.model, env.ids, env.uid),
  },
  fields_get: {
    apiModel: true, params: ['allfields', 'attributes'], required: [],
    run: (env) => {
      const names = Array.isArray(env.args.allfields) && env.args.allfields.length ? (env.args.allfields as string[]) : Object.keys(env.model.fields);
      const attributes = Array.isArray(env.args.attributes) && env.args.attributes.length ? (env.args.attributes as string[]) : null;
      const out: Record<string, unknown> = {};
      for (const name of names) {
        const def = env.model.fields[name];
        if (!def) continue;
        out[name] = attributes ? Object.fromEntries(Object.entries(def).filter(([k]) => attributes.includes(k))) : { ...def };
      }
      return out;
    },
  },
  name_search: {
    apiModel: true, params: ['name', 'args', 'operator', 'limit'], required: [], operation: 'read',
    run: (env) => {
      const extra = (env.args.domain ?? env.args.args ?? []) as unknown[];
      const operator = typeof env.args.operator === 'string' ? env.args.operator : 'ilike';
      const name = typeof env.args.name === 'string' ? env.args.name : '';
      const domain = name ? ['&', ['display_name', operator, name], ...(extra.length ? extra : [[1, '=', 1]])] : extra;
      const limit = typeof env.args.limit === 'number' ? env.args.limit : 100;
      return searchRows(env, domain, 0, limit, 'display_name').map((row) => [row.id, env.store.displayName(env.model.name, row.id as number)]);
    },
  },
  message_post: {
    apiModel: false, keywordOnly: true, operation: 'read', required: [],
    params: ['body', 'subject', 'message_type', 'subtype_xmlid', 'subtype_id', 'partner_ids', 'attachment_ids', 'author_id', 'email_from', 'parent_id', 'body_is_html'],
    run: (env) => {
      if (!env.model.mailThread) throw attributeError(`The method 'message_post' does not exist on the model '${env.model.name}'`);
      if (env.ids.length !== 1) throw valueError(`Expected singleton: ${env.model.name}(${env.ids.join(', ')})`);
      const [row] = env.store.existing(env.model, env.ids, env.uid);
      const rawBody = typeof env.args.body === 'string' ? env.args.body : '';
      // 17+ escape a plain str body coming over RPC unless body_is_html; 16 kept it (sanitised).
      const body = env.major >= 17 && !env.args.body_is_html ? (rawBody ? `<p>${escapeHtml(rawBody)}</p>` : '') : rawBody;
      const users = env.store.get('res.users');
      const author = env.args.author_id ?? users?.rows.get(env.uid)?.partner_id ?? false;
      const attachmentIds = Array.isArray(env.args.attachment_ids) ? (env.args.attachment_ids as number[]) : [];
      const messages = env.store.get('mail.message')!;
      const subtype = typeof env.args.subtype_xmlid === 'string' ? SUBTYPES[env.args.subtype_xmlid] ?? false : env.args.subtype_id ?? false;
      const [messageId] = env.store.create(messages, [{
        model: env.model.name, res_id: row!.id, body, message_type: env.args.message_type ?? 'notification', subtype_id: subtype,
        author_id: author, date: nowUtc(), ...(typeof env.args.subject === 'string' ? { subject: env.args.subject } : {}),
        ...(attachmentIds.length ? { attachment_ids: [[6, 0, attachmentIds]] } : {}),
      }], env.uid, false);
      const attachments = env.store.get('ir.attachment');
      if (attachments && attachmentIds.length) {
        env.store.write(attachments, attachmentIds, { res_model: env.model.name, res_id: row!.id }, env.uid);
        if (env.model.fields.message_main_attachment_id && !row!.message_main_attachment_id) {
          env.model.rows.get(row!.id as number)!.message_main_attachment_id = attachmentIds[0];
        }
      }
      return messageId;
    },
  },
};

/** Models whose write() names its argument `values` (Odoo 17 base: res_company.py, res_users.py): JSON-RPC keywords
 * and JSON-2 bodies must use that name; a position works for every model. */
export const WRITE_VALUES_MODELS = new Set(['res.company', 'res.users']);
export const WRITE_AS_VALUES: MethodSpec = { ...BUILTIN_METHODS.write!, params: ['values'], required: ['values'] };

export const USER_METHODS: Record<string, MethodSpec> = {
  context_get: {
    apiModel: true, params: [], required: [],
    run: (env) => ({ lang: 'en_US', tz: 'Europe/Brussels', uid: env.uid }),
  },
};

/** Binds JSON-RPC positional + keyword arguments to a method's parameters, raising Python's TypeErrors. */
export function bindJsonRpc(method: string, spec: MethodSpec, args: unknown[], kwargs: Record<string, unknown>): { ids: number[]; named: Record<string, unknown> } {
  let rest = args;
  let ids: number[] = [];
  if (!spec.apiModel) {
    const first = args[0];
    if (first === undefined) throw typeError(`${method}() missing 1 required positional argument: 'self'`);
    ids = typeof first === 'number' ? [first] : Array.isArray(first) && first.every((v) => typeof v === 'number') ? (first as number[]) : [];
    if (!Array.isArray(first) && typeof first !== 'number') throw valueError(`Invalid record ids ${pyRepr(first)}`);
    rest = args.slice(1);
  }
  // Odoo's call_kw reads create's vals_list from args[0] and fails without it (recorded on 17).
  if (method === 'create' && spec.apiModel && rest.length === 0) throw new FakeOdooException('builtins.IndexError', 'tuple index out of range', 500);
  if (spec.keywordOnly && rest.length) throw typeError(`${method}() takes 1 positional argument but ${rest.length + 1} were given`);
  if (rest.length > spec.params.length) throw typeError(`${method}() takes ${spec.params.length + 1} positional arguments but ${rest.length + 1} were given`);
  const named: Record<string, unknown> = {};
  rest.forEach((value, i) => { named[spec.params[i]!] = value; });
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'context') continue;
    if (key in named) throw typeError(`${method}() got multiple values for argument '${key}'`);
    if (!spec.anyKeyword && !spec.params.includes(key)) throw typeError(`${method}() got an unexpected keyword argument '${key}'`);
    named[key] = value;
  }
  const missing = spec.required.filter((p) => !(p in named));
  if (missing.length) throw typeError(`${method}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `'${m}'`).join(' and ')}`);
  return { ids, named };
}

/** Binds a JSON-2 body (arguments by name plus ids and context). */
export function bindJson2(spec: MethodSpec, body: Record<string, unknown>): { ids: number[]; named: Record<string, unknown> } {
  const { ids: rawIds, context: _context, ...named } = body;
  if (spec.apiModel && rawIds !== undefined) throw typeError('cannot call a @api.model method on records (unexpected argument: ids)');
  const ids = Array.isArray(rawIds) ? (rawIds as number[]) : [];
  // inspect.Signature.bind goes through the parameters first (a missing one is named), then refuses what is left
  const missing = spec.required.filter((p) => !(p in named));
  if (missing.length) throw typeError(`missing a required argument: '${missing[0]}'`);
  for (const key of Object.keys(named)) {
    if (!spec.anyKeyword && !spec.params.includes(key)) throw typeError(`got an unexpected keyword argument '${key}'`);
  }
  return { ids, named };
}

export function accessMessage(model: string, operation: Operation): string {
  const verb = { read: 'access', write: 'modify', create: 'create', unlink: 'delete' }[operation];
  return `You are not allowed to ${verb} '${model}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary.`;
}
