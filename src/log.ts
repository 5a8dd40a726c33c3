import winston from 'winston';

// JSON logs, one object per line, with job/attachment ids as fields. Two rules enforced here rather than trusted to
// every call site: secrets never reach the output, and neither does document content (text, bytes, extracted values).

export type Logger = winston.Logger;

const SECRET_KEY = /pass(word|wd)?|api[_-]?key|secret|token|authorization|cookie|session[_-]?id|credential/i;
const CONTENT_KEY = /^(text|datas|data|raw|content|body|lines|fields|values|result|index_content)$/i;
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [REDACTED]'],
  [/\b((?:api[_-]?key|password|passwd|token|secret)["']?\s*[:=]\s*["']?)[^"'\s,&}]+/gi, '$1[REDACTED]'],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1[REDACTED]@'], // credentials in URLs
  [/\b[0-9a-f]{40}\b/gi, '[REDACTED]'], // Odoo API keys are 40 hex characters
];
const MAX_DEPTH = 6;

const knownSecrets = new Set<string>();

/** Registers configured secret values so they are masked wherever they show up, even inside free text. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

export function redactString(text: string): string {
  let out = text;
  for (const secret of knownSecrets) out = out.split(secret).join('[REDACTED]');
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Deep copy with secrets masked and document content dropped. Never throws (cycles and depth are cut). */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (depth >= MAX_DEPTH || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), code: (value as { code?: unknown }).code };
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '') out[key] = '[REDACTED]';
    else if (CONTENT_KEY.test(key) && item !== undefined && item !== null) out[key] = '[omitted]';
    else out[key] = redact(item, depth + 1, seen);
  }
  return out;
}

const RESERVED = new Set(['level', 'timestamp']);

/** winston format applying redact() to the message and every metadata field. */
export const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (RESERVED.has(key)) continue;
    if (key === 'message') info.message = typeof info.message === 'string' ? redactString(info.message) : redact(info.message);
    else if (SECRET_KEY.test(key)) info[key] = '[REDACTED]';
    else if (CONTENT_KEY.test(key)) info[key] = '[omitted]';
    else info[key] = redact(info[key]);
  }
  return info;
});

export interface LoggerOptions {
  level?: string;
  /** Where lines go; defaults to stderr so stdout stays free for command output (status tables, JSON). */
  stream?: NodeJS.WritableStream;
  defaultMeta?: Record<string, unknown>;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const transport = opts.stream
    ? new winston.transports.Stream({ stream: opts.stream })
    : new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug', 'verbose', 'silly'] });
  return winston.createLogger({
    level: opts.level ?? 'info',
    defaultMeta: opts.defaultMeta,
    format: winston.format.combine(
      winston.format.errors({ stack: false }),
      redactFormat(),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: [transport],
  });
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
