// A faithful stand-in for an Odoo server in tests: a real HTTP server on 127.0.0.1 speaking JSON-RPC (/jsonrpc)
// and, when playing 19+, JSON-2 (/json/2/<model>/<method>), with models built from real fields_get dumps.
// Wire shapes follow the recordings in fixtures/odoo/*/wire and wire-recorded (checked by test/odoo/contract).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FieldDef } from '../../../src/odoo/types.js';
import type { Row } from './domain.js';
import {
  FakeOdooException, accessDenied, accessError, json2ErrorBody, json2WerkzeugBody, jsonRpcErrorEnvelope, serializationFailure,
  sessionExpiredEnvelope, unknownDatabase, userError, werkzeug,
} from './exceptions.js';
import { loadModels } from './load.js';
import { BUILTIN_METHODS, USER_METHODS, WRITE_AS_VALUES, WRITE_VALUES_MODELS, accessMessage, bindJson2, bindJsonRpc, type MethodSpec, type Operation } from './orm.js';
import { Store } from './store.js';

export { FakeOdooException } from './exceptions.js';
export { compileDomain, normalizeDomain } from './domain.js';

export interface FakeOdooOptions {
  /** Odoo major version to play: 16, 17 (default), 18 or 19. 19 adds JSON-2 and /web/version. */
  version?: 16 | 17 | 18 | 19;
  db?: string;
  /** Folder holding <series>/fields/*.json (default: the repo's fixtures/odoo). */
  fixturesDir?: string;
  /** Odoo apps beyond accounting to play installed (their models from fixtures/odoo/17.0/fields-apps, their
   * ir.module.module rows); purchase_stock/sale_stock are installed with both of their apps. Default: none. */
  apps?: Array<'purchase' | 'stock' | 'sale'>;
}

export interface FakeCall {
  transport: 'jsonrpc' | 'json2' | 'http';
  service: string | null;
  model: string | null;
  method: string;
  uid: number | null;
  /** 'ok', the Odoo exception name, or 'http <status>' / 'reset' for injected faults. */
  outcome: string;
}

export type MethodHandler = (ctx: { ids: number[]; kwargs: Record<string, unknown>; uid: number; fake: FakeOdoo; context: Record<string, unknown> }) => unknown;

export interface FailureSpec {
  /** HTTP status of a proxy-style failure (default 503); ignored for kind 'reset' and 'serialization'. */
  status?: number;
  retryAfterSeconds?: number;
  /** 'http' (default): a bare HTML error page; 'reset': the connection is dropped; 'serialization': Odoo reports
   * a PostgreSQL serialization failure. */
  kind?: 'http' | 'reset' | 'serialization';
}

export interface FakeUser {
  uid: number;
  login: string;
  password: string;
  apiKeys: string[];
}

export interface FakeOdoo {
  readonly url: string;
  readonly db: string;
  /** The admin user's API key (admin's password is "admin"). */
  readonly apiKey: string;
  readonly version: number;
  readonly users: FakeUser[];
  /** Every RPC in order. */
  readonly calls: FakeCall[];
  close(): Promise<void>;
  /** Stops the server as an Odoo restart or outage does: the port refuses connections, open ones are cut. */
  stop(): Promise<void>;
  /** Serves again on the same port (and URL), with the same data, after stop(). */
  restart(): Promise<void>;
  seed(model: string, records: Record<string, unknown>[]): number[];
  /** Current rows as stored: many2one as id or false, x2many as id lists. */
  records(model: string): Record<string, unknown>[];
  /** Rows as `read` answers them (many2one as [id, name], attachment content as base64), with no access check:
   * what a server-side method reading with sudo sees. */
  readRows(model: string, ids: number[], fields: string[]): Record<string, unknown>[];
  registerMethod(model: string, method: string, handler: MethodHandler, opts?: { apiModel?: boolean; params?: string[] }): void;
  /** Runs after every create/write on the model; returned values are stored (e.g. account.move totals). */
  registerCompute(model: string, compute: (row: Record<string, unknown>, fake: FakeOdoo) => Record<string, unknown> | void): void;
  defineModel(name: string, fields: Record<string, FieldDef>): void;
  hasModel(name: string): boolean;
  /** The model's field definitions (as fields_get returns them). */
  fieldsOf(model: string): Record<string, FieldDef>;
  addUser(user: { login: string; password: string; apiKey?: string; name?: string }): FakeUser;
  /** Number of RPCs, optionally only those for a model and/or method. */
  callCount(filter?: { model?: string; method?: string; transport?: FakeCall['transport'] }): number;
  resetCalls(): void;
  setLatency(ms: number): void;
  failNext(count: number, spec?: FailureSpec): void;
  /** The next `count` JSON-RPC calls answer "Odoo Session Expired" (error code 100). */
  expireSessions(count: number): void;
  /** The next `count` calls matching the filter are carried out (Odoo commits them) but their answer never
   * arrives: the connection drops, as when a proxy or the network fails after the server did the work. */
  loseAnswers(count: number, filter?: { model?: string; method?: string }): void;
  /** search_read as a server-side method running with `uid`'s rights does it (access rules apply, no RPC logged):
   * the same rows the RPC would answer, or the same exception. */
  searchReadAs(model: string, kwargs: Record<string, unknown>, uid: number, context?: Record<string, unknown>): Record<string, unknown>[];
  /** Writes rows the way a server-side method does (ORM write: coercion, x2many commands, computes), as `uid`. */
  write(model: string, ids: number[], vals: Record<string, unknown>, uid?: number): void;
  /** Refuse these operations on a model (for every user but uid 1, or only for `uid`). */
  denyAccess(model: string, operations?: Operation[], uid?: number): void;
}

function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { reject(new Error('request too large')); req.destroy(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const SYSTEM_ONLY_MODELS = new Set(['ir.config_parameter']);

const HTML_404 = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

export async function startFakeOdoo(opts: FakeOdooOptions = {}): Promise<FakeOdoo> {
  const major = opts.version ?? 17;
  const db = opts.db ?? 'acceptance';
  const store = new Store();
  loadModels(store, major, opts.fixturesDir, opts.apps ?? []);
  const serverVersion = major === 19 ? '19.0-20251216' : `${major}.0`;
  const versionInfo = [major, 0, 0, 'final', 0, ''];
  const users: FakeUser[] = [];
  const calls: FakeCall[] = [];
  const custom = new Map<string, MethodSpec>();
  const denied = new Set<string>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let latencyMs = 0;
  let failures: Array<Required<Pick<FailureSpec, 'kind' | 'status'>> & { retryAfterSeconds?: number }> = [];
  let sessionExpiries = 0;
  const lostAnswers: Array<{ model?: string; method?: string }> = [];

  const userByLogin = (login: unknown) => users.find((u) => u.login === login);
  const checkSecret = (user: FakeUser | undefined, secret: unknown) => !!user && typeof secret === 'string' && (secret === user.password || user.apiKeys.includes(secret));

  function methodSpec(model: string, method: string): MethodSpec | undefined {
    const own = custom.get(`${model}/${method}`);
    if (own) return own;
    if (model === 'res.users' && USER_METHODS[method]) return USER_METHODS[method];
    if (method === 'write' && WRITE_VALUES_MODELS.has(model)) return WRITE_AS_VALUES;
    const spec = BUILTIN_METHODS[method];
    if (spec && method === 'name_search' && major >= 18) return { ...spec, params: ['name', 'domain', 'operator', 'limit'] };
    if (spec && method === 'message_post' && major < 17) return { ...spec, params: spec.params.filter((p) => p !== 'body_is_html') };
    return spec;
  }

  function checkAccess(model: string, operation: Operation | undefined, uid: number): void {
    if (!operation || uid === 1) return;
    // Like Odoo's ir.model.access: some models are for the Settings group (admin) only.
    if (SYSTEM_ONLY_MODELS.has(model) && uid !== 2) throw accessError(accessMessage(model, operation));
    if (denied.has(`*/${model}/${operation}`) || denied.has(`${uid}/${model}/${operation}`)) throw accessError(accessMessage(model, operation));
  }

  /** Runs one model method; `bind` turns the transport's arguments into ids + named args. */
  function execute(modelName: string, method: string, uid: number, context: Record<string, unknown>, bind: (spec: MethodSpec) => { ids: number[]; named: Record<string, unknown> }): unknown {
    const model = store.get(modelName);
    if (!model) throw userError(`Object ${modelName} doesn't exist`);
    const spec = methodSpec(modelName, method);
    if (!spec) throw new FakeOdooException('builtins.AttributeError', `The method '${method}' does not exist on the model '${modelName}'`, 404);
    const { ids, named } = bind(spec);
    checkAccess(modelName, spec.operation, uid);
    if (modelName === 'account.move' && (method === 'write' || method === 'create')) checkPurchaseMessageAuthor(named, uid);
    return spec.run({ store, model, ids, args: named, uid, context, major });
  }

  /** purchase's account.move create/write posts "This vendor bill has been created/modified from: P…" as the user
   * when lines get a purchase_line_id, and mail refuses an author without an email address (recorded on 17). */
  function checkPurchaseMessageAuthor(named: Record<string, unknown>, uid: number): void {
    if (!store.get('purchase.order') || uid === 1) return;
    const valsList = Array.isArray(named.vals_list) ? named.vals_list : [named.vals ?? named.values];
    const links = valsList.some((vals) => {
      const lines = (vals as Row | undefined)?.invoice_line_ids;
      return Array.isArray(lines) && lines.some((c) => Array.isArray(c) && c[0] === 0 && (c[2] as Row | undefined)?.purchase_line_id);
    });
    const user = store.get('res.users')?.rows.get(uid);
    if (links && !user?.email) throw userError("Unable to send message, please configure the sender's email address.");
  }

  const fake: FakeOdoo = {
    url: '',
    db,
    apiKey: randomBytes(20).toString('hex'),
    version: major,
    users,
    calls,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async restart() {
      const port = Number(new URL(fake.url).port);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    seed(model, records) {
      const m = store.get(model);
      if (!m) throw new Error(`fake Odoo has no model ${model}; defineModel() it first`);
      return store.create(m, records as Row[], 2, false);
    },
    records(model) {
      const m = store.get(model);
      if (!m) throw new Error(`fake Odoo has no model ${model}`);
      return [...m.rows.values()].map(({ __raw: _raw, ...row }) => ({ ...row }));
    },
    readRows(model, ids, fields) {
      const m = store.get(model);
      if (!m) throw new Error(`fake Odoo has no model ${model}`);
      return ids.flatMap((id) => {
        const row = m.rows.get(id);
        return row ? [store.formatRow(m, row, fields)] : [];
      });
    },
    registerMethod(model, method, handler, options = {}) {
      // Arguments of registered methods are free-form: any name is accepted, `params` names positional ones.
      custom.set(`${model}/${method}`, {
        apiModel: options.apiModel ?? false,
        params: options.params ?? [],
        required: [],
        anyKeyword: true,
        run: (env) => handler({ ids: env.ids, kwargs: env.args, uid: env.uid, fake, context: env.context }),
      });
    },
    registerCompute(model, compute) {
      const list = store.computes.get(model) ?? [];
      list.push((row) => compute(row, fake));
      store.computes.set(model, list);
    },
    defineModel(name, fields) {
      store.define(name, fields);
      store.addMissingRelationTargets();
    },
    hasModel: (name) => store.models.has(name),
    fieldsOf(model) {
      const m = store.get(model);
      if (!m) throw new Error(`fake Odoo has no model ${model}`);
      return Object.fromEntries(Object.entries(m.fields).map(([k, v]) => [k, { ...v }]));
    },
    addUser({ login, password, apiKey, name }) {
      const uid = Math.max(0, ...users.map((u) => u.uid)) + 1;
      const partners = store.get('res.partner')!;
      const [partnerId] = store.create(partners, [{ name: name ?? login }], 2, false);
      store.create(store.get('res.users')!, [{ id: uid, login, name: name ?? login, partner_id: partnerId }], 2, false);
      const user: FakeUser = { uid, login, password, apiKeys: apiKey ? [apiKey] : [] };
      users.push(user);
      return user;
    },
    callCount(filter = {}) {
      return calls.filter((c) => (filter.model === undefined || c.model === filter.model) && (filter.method === undefined || c.method === filter.method)
        && (filter.transport === undefined || c.transport === filter.transport)).length;
    },
    resetCalls() { calls.length = 0; },
    setLatency(ms) { latencyMs = ms; },
    failNext(count, spec = {}) {
      for (let i = 0; i < count; i++) failures.push({ kind: spec.kind ?? 'http', status: spec.status ?? 503, ...(spec.retryAfterSeconds !== undefined ? { retryAfterSeconds: spec.retryAfterSeconds } : {}) });
    },
    expireSessions(count) { sessionExpiries = count; },
    loseAnswers(count, filter = {}) {
      for (let i = 0; i < count; i++) lostAnswers.push({ ...filter });
    },
    searchReadAs(model, kwargs, uid, context = {}) {
      return execute(model, 'search_read', uid, context, () => ({ ids: [], named: kwargs })) as Record<string, unknown>[];
    },
    write(model, ids, vals, uid = 2) {
      const m = store.get(model);
      if (!m) throw new Error(`fake Odoo has no model ${model}`);
      store.write(m, ids, vals, uid);
    },
    denyAccess(model, operations = ['read', 'write', 'create', 'unlink'], uid) {
      for (const op of operations) denied.add(`${uid ?? '*'}/${model}/${op}`);
    },
  };

  seedBaseData(store, major, opts.apps ?? []);
  users.push({ uid: 2, login: 'admin', password: 'admin', apiKeys: [fake.apiKey] });
  users.push({ uid: 6, login: 'demo', password: 'demo', apiKeys: [] });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
    res.end(text);
  }

  /** True (and the connection dropped) when this successful call's answer is to be lost. */
  function loseAnswer(log: FakeCall, res: ServerResponse): boolean {
    const i = lostAnswers.findIndex((f) => (f.model === undefined || f.model === log.model) && (f.method === undefined || f.method === log.method));
    if (i < 0) return false;
    lostAnswers.splice(i, 1);
    log.outcome = 'ok, answer lost';
    res.socket?.destroy();
    return true;
  }

  function handleJsonRpc(payload: any, res: ServerResponse): void {
    const id = payload?.id ?? null;
    const params = payload?.params ?? {};
    const service = String(params.service ?? '');
    const method = String(params.method ?? '');
    const args: unknown[] = Array.isArray(params.args) ? params.args : [];
    const log: FakeCall = { transport: 'jsonrpc', service, model: null, method, uid: null, outcome: 'ok' };
    calls.push(log);
    try {
      if (sessionExpiries > 0) {
        sessionExpiries--;
        log.outcome = 'odoo.http.SessionExpiredException';
        send(res, 200, sessionExpiredEnvelope(id));
        return;
      }
      let result: unknown;
      if (service === 'common' && method === 'version') {
        result = { server_version: serverVersion, server_version_info: versionInfo, server_serie: `${major}.0`, protocol_version: 1 };
      } else if (service === 'common' && (method === 'authenticate' || method === 'login')) {
        const [dbName, login, secret] = args;
        if (dbName !== db) throw unknownDatabase(String(dbName));
        const user = userByLogin(login);
        result = checkSecret(user, secret) ? user!.uid : false;
      } else if (service === 'object' && method === 'execute_kw') {
        const [dbName, uid, secret, model, modelMethod, callArgs, kwargs] = args as [unknown, unknown, unknown, unknown, unknown, unknown, unknown];
        if (dbName !== db) throw unknownDatabase(String(dbName));
        const user = users.find((u) => u.uid === uid);
        log.model = String(model);
        log.method = String(modelMethod);
        log.uid = typeof uid === 'number' ? uid : null;
        if (!checkSecret(user, secret)) throw accessDenied();
        const kw = (kwargs && typeof kwargs === 'object' ? kwargs : {}) as Record<string, unknown>;
        const context = (kw.context && typeof kw.context === 'object' ? kw.context : {}) as Record<string, unknown>;
        result = execute(String(model), String(modelMethod), user!.uid, context,
          (spec) => bindJsonRpc(String(modelMethod), spec, Array.isArray(callArgs) ? callArgs : [], kw));
      } else {
        throw new FakeOdooException('builtins.NameError', `service ${pyName(service)} or method ${pyName(method)} not found`, 500);
      }
      if (loseAnswer(log, res)) return;
      send(res, 200, { jsonrpc: '2.0', id, result: result === undefined ? null : result });
    } catch (err) {
      const exc = err instanceof FakeOdooException ? err : new FakeOdooException('builtins.Exception', String((err as Error).message ?? err), 500);
      log.outcome = exc.odooName;
      send(res, 200, jsonRpcErrorEnvelope(id, exc));
    }
  }

  function handleJson2(req: IncomingMessage, model: string, method: string, payload: unknown, res: ServerResponse): void {
    const log: FakeCall = { transport: 'json2', service: null, model, method, uid: null, outcome: 'ok' };
    calls.push(log);
    try {
      const auth = String(req.headers.authorization ?? '');
      const match = /^bearer\s+(\S+)$/i.exec(auth);
      const user = match ? users.find((u) => u.apiKeys.includes(match[1]!)) : undefined;
      if (!user) {
        const exc = werkzeug(401, 'Invalid apikey');
        log.outcome = exc.odooName;
        send(res, 401, json2WerkzeugBody(exc), { 'WWW-Authenticate': 'bearer' });
        return;
      }
      log.uid = user.uid;
      const dbHeader = req.headers['x-odoo-database'];
      if (dbHeader !== undefined && dbHeader !== db) {
        const exc = werkzeug(404, `database ${pyName(String(dbHeader))} not found`); // shape guessed, not recorded
        log.outcome = exc.odooName;
        send(res, 404, json2WerkzeugBody(exc));
        return;
      }
      if (!store.get(model)) {
        const exc = werkzeug(404, `the model '${model}' does not exist`);
        log.outcome = exc.odooName;
        send(res, 404, json2WerkzeugBody(exc));
        return;
      }
      if (!methodSpec(model, method)) {
        const exc = werkzeug(404, `the method '${method}' does not exist on the model '${model}'`);
        log.outcome = exc.odooName;
        send(res, 404, json2WerkzeugBody(exc));
        return;
      }
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new FakeOdooException('werkzeug.exceptions.BadRequest', 'the request body must be a JSON object', 400);
      const body = payload as Record<string, unknown>;
      const context = (body.context && typeof body.context === 'object' ? body.context : {}) as Record<string, unknown>;
      const result = execute(model, method, user.uid, context, (spec) => bindJson2(spec, body));
      if (loseAnswer(log, res)) return;
      send(res, 200, result === undefined ? null : result);
    } catch (err) {
      const exc = err instanceof FakeOdooException ? err : new FakeOdooException('builtins.Exception', String((err as Error).message ?? err), 500);
      log.outcome = exc.odooName;
      send(res, exc.json2Status, json2ErrorBody(exc));
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const text = req.method === 'POST' ? await readBody(req) : '';
    if (latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { timers.delete(t); resolve(); }, latencyMs);
        timers.add(t);
      });
    }
    const failure = failures.shift();
    if (failure) {
      calls.push({ transport: 'http', service: null, model: null, method: url.pathname, uid: null, outcome: failure.kind === 'reset' ? 'reset' : failure.kind === 'http' ? `http ${failure.status}` : 'serialization' });
      if (failure.kind === 'reset') { req.socket.destroy(); return; }
      if (failure.kind === 'http') {
        send(res, failure.status, `<html><body><h1>${failure.status} Service Unavailable</h1></body></html>`, failure.retryAfterSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterSeconds) } : {});
        return;
      }
      const exc = serializationFailure();
      if (url.pathname.startsWith('/json/2/')) send(res, 500, json2ErrorBody(exc));
      else send(res, 200, jsonRpcErrorEnvelope(safeId(text), exc));
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/web/version' || url.pathname === '/json/version')) {
      if (major >= 19) send(res, 200, { version_info: versionInfo, version: serverVersion });
      else send(res, 404, HTML_404);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/web/webclient/version_info') {
      send(res, 200, { jsonrpc: '2.0', id: safeId(text), result: { server_version: serverVersion, server_version_info: versionInfo, server_serie: `${major}.0`, protocol_version: 1 } });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/jsonrpc') {
      let payload: unknown;
      try { payload = JSON.parse(text); } catch { payload = null; }
      if (!payload) {
        send(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error', data: { name: 'werkzeug.exceptions.BadRequest', debug: '', message: 'Invalid JSON data', arguments: [], context: {} } } });
        return;
      }
      handleJsonRpc(payload, res);
      return;
    }
    const json2 = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (json2 && major >= 19 && req.method === 'POST') {
      let payload: unknown;
      try { payload = text ? JSON.parse(text) : {}; } catch { payload = null; }
      handleJson2(req, decodeURIComponent(json2[1]!), decodeURIComponent(json2[2]!), payload, res);
      return;
    }
    send(res, 404, HTML_404);
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, `<html><body>${String((err as Error).message)}</body></html>`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (fake as { url: string }).url = `http://127.0.0.1:${port}`;
  return fake;
}

function safeId(text: string): unknown {
  try { return (JSON.parse(text) as { id?: unknown }).id ?? null; } catch { return null; }
}

function pyName(value: string): string {
  return `'${value}'`;
}

/** Stored computes of Odoo's own that the worker relies on: res.partner.bank keeps the account number without
 * spaces or punctuation, upper case, in sanitized_acc_number (base/models/res_bank.py, sanitize_account_number). */
function registerBaseComputes(store: Store): void {
  store.computes.set('res.partner.bank', [(row) => ({
    sanitized_acc_number: typeof row.acc_number === 'string' ? row.acc_number.replace(/\W+/g, '').toUpperCase() : false,
  })]);
}

/** The rows every Odoo database has and the worker relies on (company, currencies, admin, journals...). */
function seedBaseData(store: Store, major: number, apps: readonly string[]): void {
  registerBaseComputes(store);
  const seed = (model: string, rows: Row[]) => {
    const m = store.get(model);
    if (m) store.create(m, rows, 1, false);
  };
  seed('res.currency', [{ id: 1, name: 'USD', symbol: '$' }, { id: 2, name: 'EUR', symbol: '€' }]);
  seed('res.partner', [{ id: 1, name: 'YourCompany', is_company: true }, { id: 3, name: 'Mitchell Admin', parent_id: 1 }, { id: 7, name: 'Marc Demo', parent_id: 1 }]);
  seed('res.company', [{ id: 1, name: 'YourCompany', partner_id: 1, currency_id: 1 }]);
  seed('res.users', [{ id: 1, login: '__system__', name: 'OdooBot' }, { id: 2, login: 'admin', name: 'Mitchell Admin', partner_id: 3, email: 'admin@yourcompany.example.com' }, { id: 6, login: 'demo', name: 'Marc Demo', partner_id: 7 }]);
  seed('hr.employee', [{ id: 1, name: 'Mitchell Admin', user_id: 2 }]);
  seed('account.journal', [{ id: 1, name: 'Customer Invoices', code: 'INV', type: 'sale' }, { id: 2, name: 'Vendor Bills', code: 'BILL', type: 'purchase' }]);
  seed('res.country', [['DE', 'Germany'], ['FR', 'France'], ['BE', 'Belgium'], ['NL', 'Netherlands'], ['IT', 'Italy'], ['ES', 'Spain'], ['GB', 'United Kingdom'], ['US', 'United States']]
    .map(([code, name]) => ({ code, name })));
  seed('mail.message.subtype', [{ id: 1, name: 'Discussions' }, { id: 2, name: 'Note' }]);
  seed('ir.model.data', [
    { module: 'mail', name: 'mt_comment', model: 'mail.message.subtype', res_id: 1 },
    { module: 'mail', name: 'mt_note', model: 'mail.message.subtype', res_id: 2 },
  ]);
  const bridges = ['purchase_stock', 'sale_stock'].filter((b) => b.split('_').every((app) => apps.includes(app)));
  seed('ir.module.module', ['base', 'mail', 'account', 'hr_expense', ...apps, ...bridges].map((name) => ({ name, state: 'installed', latest_version: `${major}.0.1.0` })));
}
