// `odoo-ocr doctor`: checks, in order, everything the worker needs from Odoo and says how to fix what is wrong.
import type { Command } from 'commander';
import { ConfigError, connectionConfigOf } from '../config.js';
import { EXIT_FAILED, EXIT_OK, loadCommandConfig, runCommand } from './run-command.js';
import { connectOdoo, type ConnectOptions } from '../odoo/connect.js';
import type { OdooConnectionConfig } from '../odoo/config.js';
import {
  OdooAccessError, OdooAuthError, OdooConfigError, OdooDatabaseError, OdooError, OdooNetworkError, OdooNotFoundError,
  OdooProtocolError, OdooTimeoutError,
} from '../odoo/errors.js';
import { describeApps, installedApps, type OdooApp } from '../odoo/apps.js';
import { EXPENSE_AMOUNT_FIELDS, pickField } from '../odoo/fields.js';
import type { FieldDef, OdooClient } from '../odoo/types.js';
import { JOB_MODEL } from '../worker/types.js';
import { ACTIVATE_HINT } from '../writeback/currency.js';
import { IMAGE_RESIZE_PARAM, imageResizeParam, RESIZE_DEFAULT, RESIZE_OFF_RE } from '../odoo/provision.js';

export interface DoctorResult {
  ok: boolean;
  problems: string[];
  addon: { installed: boolean; version: string | null };
  /** Odoo apps beyond accounting the worker uses when present (null: not checked, e.g. Odoo unreachable). */
  apps: Record<OdooApp, boolean> | null;
}

/** Models the worker reads or writes, the fields it relies on, and the Odoo app that brings them. */
const REQUIRED_MODELS: Array<{ model: string; fields: string[]; app: string }> = [
  { model: 'ir.attachment', fields: ['name', 'datas', 'file_size', 'mimetype', 'res_model', 'res_id'], app: 'base' },
  { model: 'hr.expense', fields: ['name', 'date', 'employee_id', 'currency_id'], app: 'Expenses (hr_expense)' },
  { model: 'account.move', fields: ['move_type', 'partner_id', 'invoice_date', 'invoice_date_due', 'ref', 'invoice_line_ids', 'currency_id', 'state'], app: 'Invoicing (account)' },
  { model: 'account.move.line', fields: ['move_id', 'name', 'quantity', 'price_unit', 'tax_ids'], app: 'Invoicing (account)' },
  { model: 'res.partner', fields: ['name', 'vat'], app: 'base' },
  { model: 'account.tax', fields: ['name', 'amount', 'type_tax_use'], app: 'Invoicing (account)' },
  { model: 'mail.message', fields: ['body', 'model', 'res_id'], app: 'Discuss (mail)' },
];

const ADDON = 'ocr_worker';

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

interface Report {
  ok: (line: string) => void;
  note: (line: string) => void;
  fail: (line: string, fix: string) => void;
}

/**
 * Only the addon's worker group may call the job API; a user outside it logs in fine and is then refused every claim.
 * A heartbeat without leases is the cheapest call that Odoo checks like any other job call, and it changes nothing.
 */
async function checkWorkerGroup(client: OdooClient, username: string, report: Report): Promise<void> {
  try {
    await client.call(JOB_MODEL, 'heartbeat', { kwargs: { job_tokens: [] }, idempotent: true });
    report.ok(`user "${username}" may call the OCR job API (group "OCR worker (technical)")`);
  } catch (err) {
    if (err instanceof OdooAccessError) {
      report.fail(`user "${username}" is not in the group "OCR worker (technical)": Odoo refuses its every job call`,
        `in Odoo, Settings > Users > ${username} (developer mode): add the group "OCR worker (technical)"`);
    } else if (err instanceof OdooNotFoundError) {
      report.note('the addon has no job heartbeat to check the worker group with; upgrade it');
    } else {
      throw err;
    }
  }
}

/** Purchase posts a chatter message as the user when bill lines are linked to an order, and Odoo refuses an
 * author without an email address: the link would fail on every bill. */
async function checkSenderEmail(client: OdooClient, uid: number, username: string, fail: Report['fail']): Promise<void> {
  const [me] = await client.read<{ email: string | false }>('res.users', [uid], ['email']);
  if (me && !me.email) {
    fail(`user "${username}" has no email address: Odoo refuses the message purchase posts when a bill is linked to its order`,
      `in Odoo, Settings > Users > ${username}: set an email address (or run odoo-ocr setup --force, which sets one)`);
  }
}

export async function runDoctor(cfg: OdooConnectionConfig, out: (line: string) => void, connectOptions: ConnectOptions = {}): Promise<DoctorResult> {
  const problems: string[] = [];
  const addon: DoctorResult['addon'] = { installed: false, version: null };
  let apps: DoctorResult['apps'] = null;
  const ok = (line: string) => out(`ok    ${line}`);
  const note = (line: string) => out(`note  ${line}`);
  const fail = (line: string, fix: string) => {
    problems.push(line);
    out(`FAIL  ${line}`);
    out(`      fix: ${fix}`);
  };
  const finish = (): DoctorResult => {
    out(problems.length ? `${problems.length} problem(s) found` : 'all checks passed');
    return { ok: problems.length === 0, problems, addon, apps };
  };

  // 1. URL, server version and transport (no credentials needed yet).
  let client: OdooClient;
  try {
    client = await connectOdoo({ ...cfg, retries: Math.min(cfg.retries ?? 1, 1) }, { ...connectOptions, authenticate: false });
  } catch (err) {
    if (err instanceof OdooConfigError) for (const p of err.problems) fail(`configuration: ${p}`, 'correct the ODOO_* settings');
    else if (err instanceof OdooNetworkError || err instanceof OdooTimeoutError) fail(`cannot reach ${cfg.url}: ${describe(err)}`, 'check ODOO_URL, that Odoo runs, and firewalls/proxies between here and Odoo');
    else if (err instanceof OdooProtocolError || err instanceof OdooNotFoundError) fail(`${cfg.url} does not answer like Odoo: ${describe(err)}`, 'point ODOO_URL at the Odoo base URL (without /web or /odoo), or set transport auto');
    else fail(`connecting to ${cfg.url} failed: ${describe(err)}`, 'check ODOO_URL and the Odoo server log');
    return finish();
  }
  try {
    const version = await client.version();
    ok(`reached ${cfg.url}: Odoo ${version.serverVersion}`);
    if (version.major < 16) fail(`Odoo ${version.serverVersion} is older than 16, which this worker supports`, 'upgrade Odoo to 16 or newer');
    ok(`transport: ${client.transport === 'json2' ? 'JSON-2 (/json/2)' : 'JSON-RPC (/jsonrpc)'}`);
    if (client.transport === 'jsonrpc' && version.major >= 19) {
      note(cfg.apiKey ? 'JSON-2 was not used: /jsonrpc is deprecated in 19 and removed in 20' : 'set ODOO_API_KEY to use JSON-2: /jsonrpc is deprecated in 19 and removed in 20');
    }

    // 2. Database and credentials.
    let uid: number;
    try {
      uid = await client.authenticate();
      ok(`database "${cfg.db}": logged in as "${cfg.username}" (uid ${uid}) with ${cfg.apiKey ? 'an API key' : 'a password'}`);
      if (!cfg.apiKey) note('prefer an API key (Preferences > Account Security > New API Key) over a password');
    } catch (err) {
      if (err instanceof OdooDatabaseError) fail(`database "${cfg.db}" does not exist on this server`, 'set ODOO_DB to an existing database name');
      else if (err instanceof OdooAuthError) fail(`Odoo refused the credentials of "${cfg.username}" on "${cfg.db}"`, 'check ODOO_USER; create a new API key for that user in this database and set ODOO_API_KEY');
      else fail(`logging in failed: ${describe(err)}`, 'check the Odoo server log');
      return finish();
    }

    // 3. Models and fields.
    for (const need of REQUIRED_MODELS) {
      let fields: Record<string, FieldDef>;
      try {
        fields = await client.fieldsGet(need.model);
        // fields_get does not check read rights; an empty search does, cheaply.
        await client.searchCount(need.model, [['id', '=', 0]]);
      } catch (err) {
        if (err instanceof OdooNotFoundError) fail(`model ${need.model} is missing`, `install the ${need.app} app`);
        else if (err instanceof OdooAccessError) fail(`user "${cfg.username}" may not read ${need.model}`, 'give the user the matching access group (e.g. Accounting / Expenses)');
        else fail(`reading the fields of ${need.model} failed: ${describe(err)}`, 'check the Odoo server log');
        continue;
      }
      const missing = need.fields.filter((f) => !fields[f]);
      if (missing.length) fail(`${need.model} lacks field(s) ${missing.join(', ')}`, `update the ${need.app} app; the worker expects stock Odoo 16-19 fields`);
      else ok(`${need.model}: fields present`);
      if (need.model === 'hr.expense') {
        const amount = pickField(fields, EXPENSE_AMOUNT_FIELDS);
        if (amount) ok(`hr.expense amount field: ${amount}`);
        else fail(`hr.expense has none of ${EXPENSE_AMOUNT_FIELDS.join(', ')}`, 'the worker cannot write expense amounts on this version; report it');
      }
      if (need.model === 'account.move') {
        const flag = pickField(fields, ['checked', 'to_check']);
        if (flag) ok(`account.move review flag: ${flag}`);
        else note('account.move has neither checked nor to_check: bills needing review are flagged in the chatter only');
      }
    }

    // 4. Apps beyond accounting: what the worker does with bills and other documents depends on them.
    const found = await installedApps(client);
    apps = found.apps;
    ok(`Odoo apps: ${describeApps(found)}${found.apps.purchase ? ' (vendor bills are matched to purchase orders)' : ''}`);
    if (found.apps.purchase) await checkSenderEmail(client, uid, cfg.username, fail);

    // 5. Companion addon.
    try {
      const [module] = await client.searchRead<{ state: string; latest_version: string | false }>('ir.module.module', [['name', '=', ADDON]], { fields: ['state', 'latest_version'], limit: 1 });
      if (!module) {
        note(`addon ${ADDON} is not available on the server: the worker finds work by domain with a local ledger (add odoo_addon to the addons path to enable leases)`);
      } else if (module.state === 'installed') {
        addon.installed = true;
        addon.version = module.latest_version || null;
        ok(`addon ${ADDON} installed${addon.version ? ` (version ${addon.version})` : ''}`);
      } else if (module.state === 'to upgrade' || module.state === 'to install' || module.state === 'to remove') {
        fail(`addon ${ADDON} is in state "${module.state}"`, `finish the operation: Apps > ${ADDON}, or run odoo-bin -u ${ADDON} -d ${cfg.db}`);
      } else {
        note(`addon ${ADDON} is ${module.state}: the worker finds work by domain (install it from Apps to enable job leases)`);
      }
    } catch (err) {
      if (err instanceof OdooAccessError) note(`cannot read installed modules as "${cfg.username}"; checking for ocr.job only`);
      else throw err;
    }
    const hasJobs = await client.hasModel(JOB_MODEL);
    if (hasJobs) {
      ok('model ocr.job present');
      await checkWorkerGroup(client, cfg.username, { ok, note, fail });
    } else if (addon.installed) fail(`addon ${ADDON} is installed but model ocr.job is missing`, `upgrade the addon: odoo-bin -u ${ADDON} -d ${cfg.db}`);

    // 6. Currencies documents were read in that Odoo has inactive (their amounts were not written).
    await checkInactiveCurrencies(client, note, ok);

    // 7. Whether Odoo keeps the photos the worker reads as they were taken.
    await checkImageResize(client, addon.installed, note, ok);
  } catch (err) {
    fail(`unexpected error: ${err instanceof OdooError ? `${err.code} ${err.message}` : describe(err)}`, 'check the Odoo server log');
  } finally {
    client.close();
  }
  return finish();
}

/** The write-back's note says "currency XYZ is not active in Odoo" on every document it could not fill for that
 * reason (both modes); the ones still inactive are listed with the fix. */
export const INACTIVE_CURRENCY_NOTE_RE = /currency ([A-Z]{3}) is not active in Odoo/g;

async function checkInactiveCurrencies(client: OdooClient, note: (l: string) => void, ok: (l: string) => void): Promise<void> {
  let bodies: string[];
  try {
    const rows = await client.searchRead<{ body: string | false }>('mail.message', [
      ['model', 'in', ['account.move', 'hr.expense']], ['body', 'ilike', 'is not active in Odoo'],
    ], { fields: ['body'], order: 'id desc', limit: 500 });
    bodies = rows.map((r) => (typeof r.body === 'string' ? r.body : ''));
  } catch (err) {
    if (err instanceof OdooAccessError) return note('cannot read chatter notes: inactive currencies on pending documents not checked');
    throw err;
  }
  const seen = new Map<string, number>();
  for (const body of bodies) for (const m of body.matchAll(INACTIVE_CURRENCY_NOTE_RE)) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
  if (seen.size === 0) return ok('no document waits for an inactive currency');
  const rows = await client.searchRead<{ name: string; active: boolean }>('res.currency', [
    ['name', 'in', [...seen.keys()]], ['active', 'in', [true, false]],
  ], { fields: ['name', 'active'] });
  const inactive = rows.filter((r) => r.active === false).map((r) => r.name).sort();
  if (inactive.length === 0) return ok('currencies of pending documents are active now (re-run OCR on those documents)');
  note(`inactive currencies seen on pending documents: ${inactive.map((c) => `${c} (${seen.get(c)} note(s))`).join(', ')}; their amounts were not written`);
  note(`      fix: ${ACTIVATE_HINT}`);
}

/** Odoo's system parameter bounding every uploaded image (../odoo/provision.ts): a larger photo is shrunk to fit
 * and re-encoded (JPEG quality 80; a PNG to a 216-colour palette) before anything reads it. */
export const IMAGE_RESIZE_FIX = `install the ocr_worker addon (it keeps files uploaded to bills and expenses as taken), or set the system parameter ${IMAGE_RESIZE_PARAM} to 0: \`odoo-ocr setup --keep-images\` with an admin login, or by hand (Settings > Technical > System Parameters, developer mode)`;

/** A photo shrunk by Odoo reaches the worker with fewer pixels per character: on 75 tune images over 1920 px, those
 * Odoo shrank below 0.6 of their size read 3 fewer totals and dates and wrote 2 wrong at 0.99; again on 48 fixture
 * images, written wrong values 0 → 4 (a date, two currencies, a due date), and on 42 SROIE receipts dates written
 * 40 → 33 (read right, less surely); enlarging small print before OCR did not give it back (docs/worker.md). A
 * note, not a problem: the worker runs either way. */
async function checkImageResize(client: OdooClient, addonInstalled: boolean, note: (l: string) => void, ok: (l: string) => void): Promise<void> {
  let value: string;
  try {
    const row = await imageResizeParam(client);
    value = (row && typeof row.value === 'string' && row.value) || RESIZE_DEFAULT;
  } catch (err) {
    if (!(err instanceof OdooAccessError)) throw err;
    if (addonInstalled) return ok('photos uploaded to bills and expenses are kept as taken (addon)');
    return note(`cannot read system parameters: check that ${IMAGE_RESIZE_PARAM} is 0, or Odoo shrinks receipt photos over 1920 px before they are read`);
  }
  if (RESIZE_OFF_RE.test(value)) return ok(`Odoo keeps uploaded images as they are (${IMAGE_RESIZE_PARAM} = ${value})`);
  if (addonInstalled) return ok(`Odoo shrinks uploaded images over ${value} px; the addon keeps those uploaded to bills and expenses as taken`);
  note(`Odoo shrinks every uploaded image over ${value} px and re-encodes it (${IMAGE_RESIZE_PARAM}): receipt photos are read from that smaller copy, less surely (more dates left for review) and with some dates and currencies wrong that the photo taken reads right`);
  note(`      fix: ${IMAGE_RESIZE_FIX}`);
}

interface DoctorOptions {
  json?: boolean;
  config?: string;
}

async function runDoctorCommand(options: DoctorOptions): Promise<number> {
  let config;
  try {
    ({ config } = await loadCommandConfig(options));
  } catch (err) {
    // The settings themselves are wrong: the same list as every command prints (runCommand), exit 2; --json
    // readers also get the result object.
    if (options.json && err instanceof ConfigError) {
      const result: DoctorResult = { ok: false, problems: err.problems.map((p) => `configuration: ${p}`), addon: { installed: false, version: null }, apps: null };
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    throw err;
  }
  const result = await runDoctor(connectionConfigOf(config), (line) => process.stdout.write(`${line}\n`));
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? EXIT_OK : EXIT_FAILED;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the connection to Odoo, credentials, required models/fields and the ocr_worker addon')
    .option('--json', 'print the result as one JSON object after the checks')
    .option('--config <file>', 'JSON file of settings (same names as the environment variables)')
    .action((options: DoctorOptions) => runCommand(() => runDoctorCommand(options)));
}
