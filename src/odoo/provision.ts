// `odoo-ocr setup`: from an admin login to a working worker account. Creates (or updates) the technical user in the
// addon's worker group, mints an API key AS that user (Odoo creates keys only for the logged-in user, behind an
// identity check: a web session, the password, then the key), and returns the key for the caller to store.
// Nothing here logs or returns the admin password, the user's throw-away password or the key other than as result.
import { randomBytes } from 'node:crypto';
import { connectOdoo } from './connect.js';
import { OdooAccessError, OdooAuthError, OdooError, OdooNetworkError, OdooProtocolError } from './errors.js';
import type { OdooClient } from './types.js';

export interface ProvisionOptions {
  url: string;
  db: string;
  adminLogin: string;
  adminPassword: string;
  /** Login of the technical user to create or update. */
  login: string;
  /** Groups by XML id; the default is the addon's worker group. */
  groups?: string[];
  /** Description of the API key in the user's preferences. */
  keyName?: string;
  timeoutMs?: number;
}

export interface ProvisionResult {
  userId: number;
  created: boolean;
  apiKey: string;
}

export const WORKER_GROUP = 'ocr_worker.group_ocr_worker';

export class ProvisionError extends Error {
  constructor(message: string, readonly retryable = false) {
    super(message);
    this.name = 'ProvisionError';
  }
}

async function groupIds(admin: OdooClient, xmlIds: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const xmlId of xmlIds) {
    const [module, name] = xmlId.split('.');
    const [row] = await admin.searchRead<{ res_id: number }>('ir.model.data', [['module', '=', module], ['name', '=', name], ['model', '=', 'res.groups']], { fields: ['res_id'], limit: 1 });
    if (!row) {
      throw new ProvisionError(
        xmlId === WORKER_GROUP
          ? 'the ocr_worker addon is not installed in this database (its group "OCR worker" is missing): install it, or pass --no-addon'
          : `group ${xmlId} does not exist in this database`,
        xmlId === WORKER_GROUP, // the addon may still be installing (first start of a stack)
      );
    }
    ids.push(row.res_id);
  }
  return ids;
}

/** The field of res.users listing a user's own groups: `groups_id` up to Odoo 18, renamed `group_ids` in 19 (where
 * `groups_id` is no field any more and a write naming it fails). Read from the server rather than its version number,
 * so a patched or intermediate release answers for itself. */
export async function userGroupsField(admin: OdooClient): Promise<'group_ids' | 'groups_id'> {
  return 'group_ids' in (await admin.fieldsGet('res.users')) ? 'group_ids' : 'groups_id';
}

/** A JSON-RPC client on Odoo's web session (cookie), for the calls that need one (API key creation). */
class WebSession {
  private cookie = '';
  constructor(private readonly url: string, private readonly timeoutMs: number) {}

  private async post(path: string, params: Record<string, unknown>): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new ProvisionError(`cannot reach ${this.url}: ${(err as Error).message}`, true);
    }
    const session = /session_id=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (session) this.cookie = `session_id=${session}`;
    if (!res.ok) throw new ProvisionError(`${path} answered HTTP ${res.status}`, res.status >= 500);
    const body = (await res.json()) as { result?: unknown; error?: { data?: { message?: string }; message?: string } };
    if (body.error) throw new ProvisionError(`${path}: ${body.error.data?.message ?? body.error.message ?? 'error'}`);
    return body.result;
  }

  async login(db: string, login: string, password: string): Promise<void> {
    const result = (await this.post('/web/session/authenticate', { db, login, password })) as { uid?: number | false } | null;
    if (!result?.uid) throw new ProvisionError(`Odoo refused the web login of "${login}"`);
  }

  callKw<T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
    return this.post(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs }) as Promise<T>;
  }
}

interface WindowAction {
  res_model?: string;
  res_id?: number;
  context?: { default_key?: string };
}

/** Mints an API key as `login` (identity check with its password, as the Preferences dialog does). */
async function makeApiKey(opts: ProvisionOptions, password: string): Promise<string> {
  const web = new WebSession(opts.url, opts.timeoutMs ?? 30_000);
  await web.login(opts.db, opts.login, password);
  const description = await web.callKw<number | number[]>('res.users.apikeys.description', 'create', [{ name: opts.keyName ?? 'odoo-ocr worker' }]);
  const descriptionId = Array.isArray(description) ? description[0]! : description;
  let action = await web.callKw<WindowAction>('res.users.apikeys.description', 'make_key', [[descriptionId]]);
  if (action?.res_model === 'res.users.identitycheck' && action.res_id) {
    await web.callKw('res.users.identitycheck', 'write', [[action.res_id], { password }]);
    action = await web.callKw<WindowAction>('res.users.identitycheck', 'run_check', [[action.res_id]]);
  }
  const key = action?.context?.default_key;
  if (!key) throw new ProvisionError('Odoo did not hand out an API key (unexpected answer of make_key)');
  return key;
}

/** An address for the technical user's notes: the login when it is one, else the company's own address. */
async function senderEmail(admin: OdooClient, login: string): Promise<string> {
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(login)) return login;
  const [company] = await admin.searchRead<{ email: string | false }>('res.company', [], { fields: ['email'], limit: 1, order: 'id' });
  return company?.email || 'ocr-worker@localhost';
}

/** The technical user `login`, created or brought back (active, in `groupXmlIds`), with a throw-away password that only
 * serves the identity check of the key creation and is never stored. */
export async function ensureWorkerUser(admin: OdooClient, login: string, groupXmlIds: string[]): Promise<{ userId: number; created: boolean; password: string }> {
  const groups = await groupIds(admin, groupXmlIds);
  const password = randomBytes(24).toString('base64url');
  const [existing] = await admin.searchRead<{ id: number; email: string | false }>('res.users', [['login', '=', login]], { fields: ['id', 'email'], limit: 1, context: { active_test: false } });
  // Odoo posts chatter messages as the user on some writes (purchase: "This vendor bill has been modified from
  // P00042" when bill lines are linked to an order) and refuses an author without an email address.
  const email = existing?.email ? {} : { email: await senderEmail(admin, login) };
  const membership = { [await userGroupsField(admin)]: groups.map((id) => [4, id]) };
  if (existing) {
    await admin.write('res.users', [existing.id], { active: true, password, ...membership, ...email });
    return { userId: existing.id, created: false, password };
  }
  const [userId] = (await admin.create('res.users', [{ name: 'OCR worker (technical)', login, password, ...membership, ...email }])) as [number];
  return { userId, created: true, password };
}

export async function provisionWorkerUser(opts: ProvisionOptions): Promise<ProvisionResult> {
  let admin: OdooClient;
  try {
    admin = await connectOdoo({ url: opts.url, db: opts.db, username: opts.adminLogin, password: opts.adminPassword, timeoutMs: opts.timeoutMs, retries: 0 });
    await admin.authenticate();
  } catch (err) {
    if (err instanceof OdooAuthError) throw new ProvisionError(`Odoo refused the admin login "${opts.adminLogin}" on database "${opts.db}"`);
    if (err instanceof OdooNetworkError || err instanceof OdooProtocolError || (err instanceof OdooError && err.retryable)) {
      throw new ProvisionError(`Odoo at ${opts.url} is not answering yet: ${err.message}`, true);
    }
    // An unknown database (still being created on a first start) is worth waiting for too.
    throw new ProvisionError(`connecting as admin failed: ${(err as Error).message}`, err instanceof OdooError && err.code === 'DATABASE');
  }
  try {
    const { userId, created, password } = await ensureWorkerUser(admin, opts.login, opts.groups ?? [WORKER_GROUP]);
    return { userId, created, apiKey: await makeApiKey(opts, password) };
  } catch (err) {
    if (err instanceof OdooAccessError) throw new ProvisionError(`"${opts.adminLogin}" may not manage users: use an administrator (Settings > Users: Administration)`);
    throw err;
  } finally {
    admin.close();
  }
}

/** Odoo's system parameter bounding every uploaded image (default 1920x1920): a larger photo is shrunk to fit and
 * re-encoded before the worker reads it; '0' keeps uploads as they are. */
export const IMAGE_RESIZE_PARAM = 'base.image_autoresize_max_px';
/** The values of IMAGE_RESIZE_PARAM that turn the shrinking off (Odoo reads the parameter as a boolean first). */
export const RESIZE_OFF_RE = /^(0|n|no|false|f|off)$/i;
/** Odoo's bound when IMAGE_RESIZE_PARAM is unset. */
export const RESIZE_DEFAULT = '1920x1920';

/** IMAGE_RESIZE_PARAM's stored row, its value as Odoo reads it (untrimmed: '0 ' is no off value); undefined when none
 * is stored (Odoo's default, RESIZE_DEFAULT). For setup --keep-images and doctor. */
export async function imageResizeParam(client: OdooClient): Promise<{ id: number; value: string | false } | undefined> {
  const [row] = await client.searchRead<{ id: number; value: string | false }>('ir.config_parameter', [['key', '=', IMAGE_RESIZE_PARAM]], { fields: ['id', 'value'], limit: 1 });
  return row;
}

/** `setup --keep-images`, the admin's consent: sets IMAGE_RESIZE_PARAM to 0 so receipt photos reach the worker as
 * taken (without the addon nothing else keeps them; it applies to every image uploaded to the database). Returns the
 * value it replaced (null: Odoo's default). */
export async function keepUploadedImages(opts: Pick<ProvisionOptions, 'url' | 'db' | 'adminLogin' | 'adminPassword' | 'timeoutMs'>): Promise<string | null> {
  const admin = await connectOdoo({ url: opts.url, db: opts.db, username: opts.adminLogin, password: opts.adminPassword, timeoutMs: opts.timeoutMs, retries: 0 });
  try {
    const row = await imageResizeParam(admin);
    if (row && typeof row.value === 'string' && RESIZE_OFF_RE.test(row.value)) return row.value;
    if (row) await admin.write('ir.config_parameter', [row.id], { value: '0' });
    else await admin.create('ir.config_parameter', [{ key: IMAGE_RESIZE_PARAM, value: '0' }]);
    return row && typeof row.value === 'string' ? row.value : null;
  } catch (err) {
    if (err instanceof OdooAccessError) throw new ProvisionError(`"${opts.adminLogin}" may not change system parameters: use an administrator (Settings), or set ${IMAGE_RESIZE_PARAM} to 0 by hand`);
    throw err;
  } finally {
    admin.close();
  }
}

/** Whether `apiKey` logs `login` in (a key file from an earlier setup may still be good). */
export async function apiKeyWorks(url: string, db: string, login: string, apiKey: string, timeoutMs = 30_000): Promise<boolean> {
  try {
    const client = await connectOdoo({ url, db, username: login, apiKey, timeoutMs, retries: 0 });
    try {
      await client.authenticate();
      return true;
    } finally {
      client.close();
    }
  } catch (err) {
    if (err instanceof OdooAuthError) return false;
    throw err;
  }
}
