import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { validateConnectionConfig, type OdooConnectionConfig } from './odoo/config.js';
import { OdooConfigError } from './odoo/errors.js';
import { DEFAULT_WRITE_THRESHOLD } from './pipeline/confidence/policy.js';
import { DEFAULT_CREATE_VENDORS } from './write-rules.js';
import { DEFAULT_OCR_ENGINE, OCR_ENGINES, type OcrEngineSetting } from './pipeline/ocr/engines.js';
import { DEFAULT_ENGINE_LOOK, ENGINE_LOOK_MODES, type EngineLookMode } from './pipeline/extract/engine-look.js';
import { AUTO_LANGS, SUPPORTED_LANGS } from './pipeline/ocr/tessdata.js';

// The worker's configuration: environment variables, optionally under a JSON file that uses the SAME names
// (environment wins). Every setting is declared once in SETTINGS below; the ajv schema, the defaults and the
// table in docs/worker.md all come from that list, so they cannot drift apart.

export type OcrMode = 'auto' | 'addon' | 'addonless';

export interface WritePolicyConfig {
  overwrite: boolean;
  /** A field is written when its calibrated confidence is at least this (WRITE_THRESHOLD; REVIEW_THRESHOLD is the
   * deprecated name of the same setting). */
  writeThreshold: number;
  /** Activate an inactive currency found on a document (ACTIVATE_CURRENCIES). */
  activateCurrencies: boolean;
  defaultExpenseProductId?: number;
  purchaseJournalId?: number;
  createBankAccounts: boolean;
  /** Create the vendor of a bill no partner matches, on strong evidence only (CREATE_VENDORS). */
  createVendors: boolean;
  /** Delivery notes: write the received quantities as the receipt's done quantities (DELIVERY_WRITE_DONE). */
  writeDoneQuantities: boolean;
}

/** The records addon-less discovery searches (ADDONLESS_MODELS). */
export type AddonlessModel = 'account.move' | 'hr.expense' | 'sale.order' | 'stock.picking';

export interface RetryConfig {
  attempts: number;
  initialMs: number;
  factor: number;
  maxMs: number;
}

export interface WorkerConfig {
  odoo: {
    url: string;
    db: string;
    user: string;
    apiKey?: string;
    password?: string;
    timeoutMs: number;
  };
  mode: OcrMode;
  workerId: string;
  ocr: { langs?: string[]; engine: OcrEngineSetting; concurrency: number; noEmbedded: boolean; imageLook: boolean; engineLook: EngineLookMode };
  odooConcurrency: number;
  /** claimFileBytes: files handed over with a claim at most (addon 17.0.1.4.0) */
  poll: { intervalSeconds: number; jitter: number; cron?: string; batchSize: number; claimFileBytes: number };
  leaseSeconds: number;
  channels: string[];
  http: { port: number; host: string };
  stateDir: string;
  resultCache: boolean;
  vendorMemory: boolean;
  writePolicy: WritePolicyConfig;
  llm?: { baseUrl: string; model: string; apiKey?: string; mode: 'fallback' | 'always'; timeoutMs?: number };
  limits: { maxBytes: number; maxPages: number; maxPixels: number; docTimeoutMs: number; pdfMemoryMb: number };
  retry: RetryConfig;
  maxAttempts: number;
  shutdownGraceSeconds: number;
  addonless: { models: AddonlessModel[]; inboxResModel?: string; inboxResId?: number; shard?: { index: number; count: number } };
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

type Kind = 'string' | 'url' | 'secret' | 'int' | 'number' | 'bool' | 'list' | 'enum' | 'cron';

export interface SettingSpec {
  name: string;
  kind: Kind;
  description: string;
  default?: string | number | boolean | string[];
  values?: readonly string[]; // enum members, or allowed list items
  min?: number;
  max?: number;
}

export const SETTINGS: readonly SettingSpec[] = [
  { name: 'ODOO_URL', kind: 'url', description: 'Base URL of Odoo, e.g. https://erp.example.com (required)' },
  { name: 'ODOO_DB', kind: 'string', description: 'Database name (required)' },
  { name: 'ODOO_USER', kind: 'string', description: 'Login of the technical user (required)' },
  { name: 'ODOO_API_KEY', kind: 'secret', description: 'API key of that user (this or ODOO_PASSWORD is required)' },
  { name: 'ODOO_PASSWORD', kind: 'secret', description: 'Password, when no API key is used' },
  { name: 'ODOO_TIMEOUT_MS', kind: 'int', default: 30000, min: 1000, description: 'Timeout of one RPC' },
  { name: 'ODOO_CONCURRENCY', kind: 'int', default: 4, min: 1, max: 64, description: 'Odoo RPCs in flight at once' },
  {
    name: 'OCR_MODE', kind: 'enum', values: ['auto', 'addon', 'addonless'], default: 'auto',
    description: 'auto: addon mode when model ocr.job exists, else addon-less (Odoo Online)',
  },
  { name: 'WORKER_ID', kind: 'string', description: 'Name of this worker in leases and logs (default: host-pid)' },
  {
    name: 'OCR_LANGS', kind: 'list', values: [AUTO_LANGS, ...SUPPORTED_LANGS], default: [AUTO_LANGS],
    description: 'OCR language models: auto reads each scanned page with the model of the language it is in; or a fixed list, comma separated (slower when several)',
  },
  {
    name: 'OCR_ENGINE', kind: 'enum', values: OCR_ENGINES, default: DEFAULT_OCR_ENGINE,
    description: 'OCR engine of scanned pages and photos: tesseract; paddle (PaddleOCR PP-OCRv4: far better on receipt digits, no ö ß € ñ ç ê â £); auto: Paddle on English pages, Tesseract in their language on the others',
  },
  {
    name: 'ENGINE_LOOK', kind: 'enum', values: ENGINE_LOOK_MODES, default: DEFAULT_ENGINE_LOOK,
    description: "OCR_ENGINE=auto: a one- or two-page receipt is also read by the other engine (one more OCR of each page) for its total, shop name and date: always; when-needed, only when the first reading found no total or date, or its page backs the total weakly; off",
  },
  {
    name: 'IMAGE_LOOK', kind: 'bool', default: true,
    description: "Text-layer PDFs whose text leaves the issuer in doubt (no confident name, none printed where an issuer names itself): OCR the letterhead's images (page 1's top quarter, text masked out) for the vendor's name and VAT id; not for files whose images declare more than 12 MP",
  },
  { name: 'OCR_CONCURRENCY', kind: 'int', default: 2, min: 1, max: 64, description: 'Documents scanned at once (OCR threads)' },
  { name: 'OCR_NO_EMBEDDED', kind: 'bool', default: false, description: 'Ignore embedded e-invoice XML and read the pixels/text' },
  { name: 'POLL_INTERVAL', kind: 'number', default: 30, min: 1, description: 'Seconds between polls when idle' },
  { name: 'POLL_JITTER', kind: 'number', default: 0.2, min: 0, max: 1, description: 'Random extra fraction of the interval, so workers spread out' },
  { name: 'WORKER_CRON', kind: 'cron', description: 'Poll on this cron schedule instead of the interval, e.g. */5 * * * *' },
  { name: 'CLAIM_BATCH', kind: 'int', default: 8, min: 1, max: 100, description: 'Jobs claimed per poll at most' },
  {
    name: 'CLAIM_FILES_MB', kind: 'number', default: 16, min: 0, max: 64,
    description: 'Files read together with a claim (addon 17.0.1.4.0) or a poll (addon-less), in MB at most; the others are downloaded one by one (0: all of them)',
  },
  { name: 'LEASE_SECONDS', kind: 'int', default: 300, min: 10, max: 86400, description: 'Lease length; renewed once half of it is gone, on a call going to Odoo anyway, or by a heartbeat when a third is left' },
  { name: 'OCR_CHANNELS', kind: 'list', default: [], description: 'Job channels this worker takes (empty: all)' },
  { name: 'MAX_ATTEMPTS', kind: 'int', default: 3, min: 1, max: 20, description: 'Attempts per document before it is failed (addon-less mode; the addon keeps its own max_attempts)' },
  { name: 'HTTP_PORT', kind: 'int', default: 8080, min: 0, max: 65535, description: 'Port of /live /ready /health /metrics (0: any free port)' },
  { name: 'HTTP_HOST', kind: 'string', default: '127.0.0.1', description: 'Address the HTTP server binds (0.0.0.0 in containers)' },
  { name: 'STATE_DIR', kind: 'string', default: '.state', description: 'Directory of the SQLite state (result cache, addon-less ledger)' },
  { name: 'RESULT_CACHE', kind: 'bool', default: true, description: 'Reuse the result of a file already read (sha256)' },
  { name: 'VENDOR_MEMORY', kind: 'bool', default: true, description: "Learn from posted bills/expenses and use each vendor's profile (docs/memory.md); the result cache is then not used" },
  { name: 'OVERWRITE', kind: 'bool', default: false, description: "Overwrite values a person already entered (addon-less mode; with the addon, the company's OCR setting decides)" },
  {
    name: 'WRITE_THRESHOLD', kind: 'number', default: DEFAULT_WRITE_THRESHOLD, min: 0, max: 1,
    description: 'A value is written when its confidence (the measured probability that it is right) is at least this; a document whose key field is not written goes to review',
  },
  { name: 'REVIEW_THRESHOLD', kind: 'number', min: 0, max: 1, description: 'Deprecated name of WRITE_THRESHOLD, used when WRITE_THRESHOLD is not set' },
  { name: 'ACTIVATE_CURRENCIES', kind: 'bool', default: false, description: 'Activate the currency found on a document when it is inactive in Odoo (addon-less mode; with the addon, the company\'s OCR setting decides)' },
  { name: 'DEFAULT_EXPENSE_PRODUCT_ID', kind: 'int', min: 1, description: 'product.product used for expenses created from receipts' },
  { name: 'PURCHASE_JOURNAL_ID', kind: 'int', min: 1, description: 'account.journal for bills created from inbox attachments' },
  { name: 'DELIVERY_WRITE_DONE', kind: 'bool', default: false, description: "Delivery notes: write the quantities a note says arrived as its receipt's done quantities (never validated; off: the comparison is only posted in the receipt's chatter)" },
  { name: 'CREATE_VENDORS', kind: 'bool', default: DEFAULT_CREATE_VENDORS, description: "Create a bill's vendor when no partner matches its VAT, IBAN or name, only from a checksum-valid VAT (or a payment QR code's IBAN) read at the write threshold and a name read at the label bar (0.9, the expense title's); never the company itself (addon-less mode; with the addon, the company's OCR setting decides)" },
  { name: 'CREATE_BANK_ACCOUNTS', kind: 'bool', default: false, description: "Create the bank account of a payment QR code's IBAN for a known vendor that lacks it (never for an unknown vendor; off: flagged for review)" },
  { name: 'LLM_BASE_URL', kind: 'url', description: 'OpenAI-compatible endpoint for the optional LLM fallback (the worker, `scan` and `learn` alike)' },
  { name: 'LLM_MODEL', kind: 'string', description: 'Model name for the LLM fallback (needed with LLM_BASE_URL)' },
  { name: 'LLM_API_KEY', kind: 'secret', description: 'API key of the LLM endpoint' },
  { name: 'LLM_MODE', kind: 'enum', values: ['fallback', 'always'], default: 'fallback', description: 'fallback: ask the LLM only when rules miss fields; always: for every document' },
  { name: 'LLM_TIMEOUT_MS', kind: 'int', min: 1000, description: 'Timeout of one LLM request (default: the LLM client\'s)' },
  { name: 'MAX_FILE_MB', kind: 'number', default: 20, min: 0.1, max: 1024, description: 'Larger attachments fail with TOO_LARGE without being downloaded' },
  { name: 'MAX_PAGES', kind: 'int', default: 50, min: 1, description: 'More pages fail with TOO_MANY_PAGES' },
  { name: 'MAX_PIXELS', kind: 'int', default: 50000000, min: 1, description: 'Pixels per page at most (images, and images inside PDFs)' },
  { name: 'DOC_TIMEOUT_SECONDS', kind: 'int', default: 120, min: 1, description: 'Time one document may take, read, OCR and extraction (then TIMEOUT; a PDF parsing step has 30 s)' },
  { name: 'PDF_MEMORY_MB', kind: 'int', default: 400, min: 64, description: 'Memory the process parsing a PDF may grow by for one PDF (then TOO_LARGE)' },
  { name: 'RETRY_ATTEMPTS', kind: 'int', default: 3, min: 1, max: 20, description: 'Tries of a failing Odoo call before giving up' },
  { name: 'RETRY_INITIAL_MS', kind: 'int', default: 1000, min: 1, description: 'First backoff delay' },
  { name: 'RETRY_FACTOR', kind: 'number', default: 2, min: 1, max: 10, description: 'Backoff multiplier' },
  { name: 'RETRY_MAX_MS', kind: 'int', default: 30000, min: 1, description: 'Backoff cap (also while Odoo is down)' },
  { name: 'SHUTDOWN_GRACE_SECONDS', kind: 'int', default: 30, min: 0, max: 3600, description: 'On SIGTERM, time to finish in-flight jobs before releasing them' },
  {
    name: 'ADDONLESS_MODELS', kind: 'list', values: ['account.move', 'hr.expense', 'sale.order', 'stock.picking'], default: ['account.move', 'hr.expense'],
    description: 'Addon-less mode: records searched for work (draft bills/refunds, draft expenses; sale.order: draft quotations without lines, stock.picking: open receipts, each with a document attached)',
  },
  { name: 'INBOX_RES_MODEL', kind: 'string', description: 'Addon-less mode: also read attachments with this res_model (a bill is created for each)' },
  { name: 'INBOX_RES_ID', kind: 'int', min: 0, description: 'Addon-less mode: ...and this res_id (the inbox folder/record)' },
  {
    name: 'WORKER_SHARD', kind: 'string',
    description: 'Addon-less mode: k/N, this worker takes only the documents whose record id is k-1 modulo N (N workers, one per shard)',
  },
  { name: 'LOG_LEVEL', kind: 'enum', values: ['error', 'warn', 'info', 'debug'], default: 'info', description: 'Log level' },
];

const LLM_SETTINGS = SETTINGS.filter((s) => s.name.startsWith('LLM_'));
/** What the document engine reads without Odoo (`scan`): the LLM, the limits and the write threshold. */
const ENGINE_SETTINGS = SETTINGS.filter((s) =>
  s.name.startsWith('LLM_') || ['MAX_FILE_MB', 'MAX_PAGES', 'MAX_PIXELS', 'DOC_TIMEOUT_SECONDS', 'PDF_MEMORY_MB', 'WRITE_THRESHOLD', 'REVIEW_THRESHOLD', 'OCR_ENGINE', 'ENGINE_LOOK', 'IMAGE_LOOK'].includes(s.name));
const SECRET_NAMES = new Set(SETTINGS.filter((s) => s.kind === 'secret').map((s) => s.name));
const BY_NAME = new Map(SETTINGS.map((s) => [s.name, s]));

/** Raised with every mistake found, one line each, so a user fixes them all in one go. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function schemaFor(spec: SettingSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'string':
    case 'secret':
      return { type: 'string', minLength: 1 };
    case 'url':
      return { type: 'string', format: 'uri', pattern: '^https?://' };
    case 'cron':
      return { type: 'string', minLength: 1 };
    case 'int':
      return { type: 'integer', ...(spec.min !== undefined && { minimum: spec.min }), ...(spec.max !== undefined && { maximum: spec.max }) };
    case 'number':
      return { type: 'number', ...(spec.min !== undefined && { minimum: spec.min }), ...(spec.max !== undefined && { maximum: spec.max }) };
    case 'bool':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: spec.values };
    case 'list':
      return { type: 'array', items: spec.values ? { type: 'string', enum: spec.values } : { type: 'string', minLength: 1 } };
  }
}

const SCHEMA = {
  type: 'object',
  properties: Object.fromEntries(SETTINGS.map((s) => [s.name, schemaFor(s)])),
  required: ['ODOO_URL', 'ODOO_DB', 'ODOO_USER'],
  additionalProperties: false,
};

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);
const subsetValidator = (specs: readonly SettingSpec[]) =>
  ajv.compile({ type: 'object', properties: Object.fromEntries(specs.map((s) => [s.name, schemaFor(s)])), additionalProperties: false });
const validateLlm = subsetValidator(LLM_SETTINGS);
const validateEngine = subsetValidator(ENGINE_SETTINGS);

function llmProblems(raw: Record<string, unknown>): string[] {
  return raw.LLM_BASE_URL && !raw.LLM_MODEL ? ['LLM_MODEL is required when LLM_BASE_URL is set'] : [];
}

function llmOf(v: Record<string, unknown>): WorkerConfig['llm'] {
  const str = (k: string) => v[k] as string | undefined;
  return str('LLM_BASE_URL')
    ? { baseUrl: str('LLM_BASE_URL')!, model: str('LLM_MODEL')!, apiKey: str('LLM_API_KEY'), mode: v.LLM_MODE as 'fallback' | 'always', timeoutMs: v.LLM_TIMEOUT_MS as number | undefined }
    : undefined;
}

/**
 * The optional LLM's settings (LLM_*) alone, read and checked through the same table as every setting: for the
 * commands that need no Odoo (scan, learn). Undefined when LLM_BASE_URL is unset; throws ConfigError.
 */
export async function loadLlmConfig(env: Record<string, string | undefined> = process.env): Promise<WorkerConfig['llm']> {
  return llmOf(withDefaults(await readSettings(LLM_SETTINGS, validateLlm, env)));
}

/** The settings the document engine reads without Odoo (`scan`), through the same table as every setting. */
export interface EngineSettings {
  llm: WorkerConfig['llm'];
  limits: WorkerConfig['limits'];
  writeThreshold: number;
  ocrEngine: OcrEngineSetting;
  imageLook: boolean;
  engineLook: EngineLookMode;
}

/** EngineSettings from the environment, defaults from the table; throws ConfigError listing every mistake. */
export async function loadEngineConfig(env: Record<string, string | undefined> = process.env): Promise<EngineSettings> {
  const v = withDefaults(await readSettings(ENGINE_SETTINGS, validateEngine, env));
  return { llm: llmOf(v), limits: limitsOf(v), writeThreshold: v.WRITE_THRESHOLD as number, ocrEngine: v.OCR_ENGINE as OcrEngineSetting, imageLook: v.IMAGE_LOOK as boolean, engineLook: v.ENGINE_LOOK as EngineLookMode };
}

/** A part of the table read from the environment (secret files included) and checked; throws ConfigError. */
async function readSettings(
  specs: readonly SettingSpec[], check: ReturnType<typeof subsetValidator>, env: Record<string, string | undefined>,
): Promise<Record<string, unknown>> {
  const problems: string[] = [];
  const secrets = await readSecretFiles(env, problems, specs.filter((s) => s.kind === 'secret').map((s) => s.name));
  const raw: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = secrets[spec.name] ?? env[spec.name];
    if (value !== undefined && value !== '') raw[spec.name] = coerce(spec, value);
  }
  if (!check(raw)) problems.push(...(check.errors ?? []).map(describeError));
  problems.push(...llmProblems(raw));
  if (problems.length > 0) throw new ConfigError(problems);
  return raw;
}

/** Environment strings → typed values; leaves values from the JSON file (already typed) alone. */
function coerce(spec: SettingSpec, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  switch (spec.kind) {
    case 'int':
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : raw;
    case 'bool':
      if (/^(1|true|yes|on)$/i.test(text)) return true;
      if (/^(0|false|no|off)$/i.test(text)) return false;
      return raw;
    case 'list':
      return text === '' ? [] : text.split(/[,+\s]+/).filter(Boolean);
    default:
      return text;
  }
}

function describeError(err: ErrorObject): string {
  const name = err.instancePath.replace(/^\//, '').split('/')[0] || '(config)';
  const spec = BY_NAME.get(name);
  switch (err.keyword) {
    case 'required':
      return `${String(err.params.missingProperty)} is required: ${BY_NAME.get(String(err.params.missingProperty))?.description ?? ''}`.trim();
    case 'additionalProperties':
      return `${String(err.params.additionalProperty)} is not a known setting (see docs/worker.md)`;
    case 'enum':
      return `${name}: must be one of ${(err.params.allowedValues as string[]).join(', ')}`;
    case 'type':
      return `${name}: must be ${spec?.kind === 'bool' ? 'true or false' : spec?.kind === 'list' ? 'a comma-separated list' : `a${err.params.type === 'integer' ? 'n integer' : ` ${String(err.params.type)}`}`}`;
    case 'format':
    case 'pattern':
      return `${name}: must be an http(s) URL`;
    default:
      return `${name}: ${err.message ?? 'invalid'}`;
  }
}

async function readSecretFiles(env: Record<string, string | undefined>, problems: string[], names: Iterable<string> = SECRET_NAMES): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set: keep one`);
      continue;
    }
    try {
      out[name] = (await readFile(file, 'utf8')).trim();
      if (!out[name]) problems.push(`${name}_FILE: ${file} is empty`);
    } catch (err) {
      problems.push(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return out;
}

async function readConfigFile(file: string, problems: string[]): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    problems.push(`config file ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    problems.push(`config file ${file}: must hold a JSON object of settings`);
  } catch (err) {
    problems.push(`config file ${file}: not valid JSON (${(err as Error).message})`);
  }
  return {};
}

/**
 * Loads and validates the configuration. `file` (or OCR_WORKER_CONFIG) names an optional JSON object using the
 * setting names as keys; environment variables override it. Throws ConfigError listing every mistake.
 */
export async function loadConfig(env: Record<string, string | undefined> = process.env, file?: string): Promise<WorkerConfig> {
  const problems: string[] = [];
  const configFile = file ?? env.OCR_WORKER_CONFIG;
  const fromFile = configFile ? await readConfigFile(configFile, problems) : {};
  const secrets = await readSecretFiles(env, problems);

  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fromFile)) {
    const spec = BY_NAME.get(name);
    raw[name] = spec ? coerce(spec, value) : value; // unknown keys are reported by the schema
  }
  for (const spec of SETTINGS) {
    const value = secrets[spec.name] ?? env[spec.name];
    if (value !== undefined && value !== '') raw[spec.name] = coerce(spec, value);
  }

  if (!validate(raw)) {
    for (const err of validate.errors ?? []) problems.push(describeError(err));
  }
  if (!raw.ODOO_API_KEY && !raw.ODOO_PASSWORD) problems.push('ODOO_API_KEY (or ODOO_PASSWORD) is required');
  problems.push(...llmProblems(raw));
  if (typeof raw.WORKER_SHARD === 'string' && !parseShard(raw.WORKER_SHARD)) {
    problems.push(`WORKER_SHARD: "${raw.WORKER_SHARD}" must be k/N with 1 <= k <= N <= 1000, e.g. 2/3`);
  }
  if (typeof raw.WORKER_CRON === 'string' && !(await isValidCron(raw.WORKER_CRON))) {
    problems.push(`WORKER_CRON: "${raw.WORKER_CRON}" is not a valid cron expression`);
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const config = toWorkerConfig(withDefaults(raw));
  // The connector's own checks (e.g. a URL carrying credentials) are configuration mistakes too: found here, they
  // exit 2 before anything starts instead of failing at the first connection.
  try {
    validateConnectionConfig(connectionConfigOf(config));
  } catch (err) {
    if (err instanceof OdooConfigError) throw new ConfigError(err.problems.map(settingOfConnectionProblem));
    throw err;
  }
  return config;
}

const CONNECTION_SETTING: Record<string, string> = { url: 'ODOO_URL', db: 'ODOO_DB', username: 'ODOO_USER', timeoutMs: 'ODOO_TIMEOUT_MS' };

/** "url must not contain credentials" → "ODOO_URL: must not contain credentials". */
export function settingOfConnectionProblem(problem: string): string {
  const [first, ...rest] = problem.split(' ');
  const name = CONNECTION_SETTING[first!];
  return name ? `${name}: ${rest.join(' ')}` : problem;
}

/** The connector's view of the settings. */
export function connectionConfigOf(config: WorkerConfig): OdooConnectionConfig {
  const { url, db, user, apiKey, password, timeoutMs } = config.odoo;
  return { url, db, username: user, apiKey, password, timeoutMs };
}

/** "2/3" → { index: 2, count: 3 }; null when malformed or out of range. */
export function parseShard(text: string): { index: number; count: number } | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count && count <= 1000 ? { index, count } : null;
}

async function isValidCron(expression: string): Promise<boolean> {
  const cron = await import('node-cron');
  return cron.validate(expression);
}

function withDefaults(raw: Record<string, unknown>): Record<string, unknown> {
  const out = { ...raw };
  // REVIEW_THRESHOLD is the old name of WRITE_THRESHOLD: existing configurations keep working
  if (out.WRITE_THRESHOLD === undefined && out.REVIEW_THRESHOLD !== undefined) out.WRITE_THRESHOLD = out.REVIEW_THRESHOLD;
  for (const spec of SETTINGS) if (out[spec.name] === undefined && spec.default !== undefined) out[spec.name] = spec.default;
  return out;
}

function limitsOf(v: Record<string, unknown>): WorkerConfig['limits'] {
  const num = (k: string) => v[k] as number;
  return {
    maxBytes: Math.round(num('MAX_FILE_MB') * 1024 * 1024), maxPages: num('MAX_PAGES'), maxPixels: num('MAX_PIXELS'),
    docTimeoutMs: num('DOC_TIMEOUT_SECONDS') * 1000, pdfMemoryMb: num('PDF_MEMORY_MB'),
  };
}

function toWorkerConfig(v: Record<string, unknown>): WorkerConfig {
  const str = (k: string) => v[k] as string | undefined;
  const num = (k: string) => v[k] as number;
  const optNum = (k: string) => v[k] as number | undefined;
  return {
    odoo: {
      url: str('ODOO_URL')!.replace(/\/+$/, ''),
      db: str('ODOO_DB')!,
      user: str('ODOO_USER')!,
      apiKey: str('ODOO_API_KEY'),
      password: str('ODOO_PASSWORD'),
      timeoutMs: num('ODOO_TIMEOUT_MS'),
    },
    mode: v.OCR_MODE as OcrMode,
    workerId: str('WORKER_ID') ?? `${os.hostname()}-${process.pid}`,
    ocr: { langs: v.OCR_LANGS as string[] | undefined, engine: v.OCR_ENGINE as OcrEngineSetting, concurrency: num('OCR_CONCURRENCY'), noEmbedded: v.OCR_NO_EMBEDDED as boolean, imageLook: v.IMAGE_LOOK as boolean, engineLook: v.ENGINE_LOOK as EngineLookMode },
    odooConcurrency: num('ODOO_CONCURRENCY'),
    poll: { intervalSeconds: num('POLL_INTERVAL'), jitter: num('POLL_JITTER'), cron: str('WORKER_CRON'), batchSize: num('CLAIM_BATCH'), claimFileBytes: Math.round(num('CLAIM_FILES_MB') * 1024 * 1024) },
    leaseSeconds: num('LEASE_SECONDS'),
    channels: v.OCR_CHANNELS as string[],
    http: { port: num('HTTP_PORT'), host: str('HTTP_HOST')! },
    stateDir: path.resolve(str('STATE_DIR')!),
    resultCache: v.RESULT_CACHE as boolean,
    vendorMemory: v.VENDOR_MEMORY as boolean,
    writePolicy: {
      overwrite: v.OVERWRITE as boolean,
      writeThreshold: num('WRITE_THRESHOLD'),
      activateCurrencies: v.ACTIVATE_CURRENCIES as boolean,
      defaultExpenseProductId: optNum('DEFAULT_EXPENSE_PRODUCT_ID'),
      purchaseJournalId: optNum('PURCHASE_JOURNAL_ID'),
      createBankAccounts: v.CREATE_BANK_ACCOUNTS as boolean,
      createVendors: v.CREATE_VENDORS as boolean,
      writeDoneQuantities: v.DELIVERY_WRITE_DONE as boolean,
    },
    llm: llmOf(v),
    limits: limitsOf(v),
    retry: { attempts: num('RETRY_ATTEMPTS'), initialMs: num('RETRY_INITIAL_MS'), factor: num('RETRY_FACTOR'), maxMs: num('RETRY_MAX_MS') },
    maxAttempts: num('MAX_ATTEMPTS'),
    shutdownGraceSeconds: num('SHUTDOWN_GRACE_SECONDS'),
    addonless: {
      models: v.ADDONLESS_MODELS as AddonlessModel[],
      inboxResModel: str('INBOX_RES_MODEL'),
      inboxResId: optNum('INBOX_RES_ID'),
      shard: str('WORKER_SHARD') ? parseShard(str('WORKER_SHARD')!)! : undefined,
    },
    logLevel: v.LOG_LEVEL as WorkerConfig['logLevel'],
  };
}

/** Names of settings holding secrets, for the log redactor. */
export function secretSettingNames(): string[] {
  return [...SECRET_NAMES];
}
