// OpenAI-compatible chat client (OpenRouter, Ollama, vLLM, llama.cpp server...) used as an optional field
// extractor. Never required: every failure returns null and logs a warning that holds no document text.
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { Ajv } from 'ajv';
import { FIELD_NAMES } from '../../contract.js';
import { createLogger } from '../../log.js';
import { LLM_ANSWER_SCHEMA } from './schema.js';
import type { LlmClient, LlmFields, LlmMode } from './types.js';

export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number; // per attempt, default 30 s
  retries?: number; // extra attempts on 429/5xx/network errors, default 2
  mode?: LlmMode; // default 'fallback'
  /** Only for tests: base of the exponential backoff, default 500 ms. */
  backoffMs?: number;
  /** Characters of document text sent at most; long documents are cut (totals sit at the end, so keep both ends). */
  maxChars?: number;
  /** Defaults to the project's JSON logger (which also redacts secrets and document content). */
  logger?: { warn(message: string, meta?: Record<string, unknown>): void };
}

export class LlmConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LlmConfigError';
  }
}

const SYSTEM_PROMPT = [
  'You extract fields from the text of one business document (invoice, credit note, receipt, purchase order,',
  'delivery note or other). Answer with ONE JSON object and nothing else: no prose, no code fences.',
  `Keys (all optional): ${FIELD_NAMES.join(', ')}. Each key maps to {"value": ..., "confidence": 0..1}.`,
  'doc_type is one of invoice, credit_note, receipt, purchase_order, delivery_note, other.',
  'vendor_name and vendor_vat belong to the ISSUER (seller), never to the customer.',
  'Dates as YYYY-MM-DD; currency as an ISO 4217 code; amounts as JSON numbers with a dot as decimal separator',
  '(amount_total includes tax; amount_untaxed excludes it). Copy identifiers exactly as printed.',
  'Use null for anything the text does not state. Never guess.',
].join(' ');

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
const MAX_BACKOFF_MS = 10_000;

export function createLlmClient(cfg: LlmConfig): LlmClient {
  let base: URL;
  try {
    base = new URL(cfg.baseUrl);
  } catch {
    throw new LlmConfigError('LLM base URL is not a valid URL');
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new LlmConfigError('LLM base URL must be http(s)');
  if (!cfg.model || !cfg.model.trim()) throw new LlmConfigError('LLM model name is empty');
  const timeoutMs = positive(cfg.timeoutMs, 30_000, 'timeoutMs');
  const retries = Math.min(5, Math.max(0, Math.floor(cfg.retries ?? 2)));
  const backoffMs = cfg.backoffMs ?? 500;
  const maxChars = cfg.maxChars ?? 12_000;
  const mode: LlmMode = cfg.mode ?? 'fallback';
  const log = cfg.logger ?? createLogger({ defaultMeta: { component: 'llm' } });

  const http: AxiosInstance = axios.create({
    baseURL: base.href.replace(/\/+$/, ''),
    timeout: timeoutMs,
    headers: {
      'content-type': 'application/json',
      ...(cfg.apiKey ? { authorization: `Bearer ${cfg.apiKey}` } : {}),
    },
    // never let axios throw on status: we classify statuses ourselves
    validateStatus: () => true,
    maxContentLength: 2 * 1024 * 1024,
  });
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile<LlmFields>(LLM_ANSWER_SCHEMA);
  // servers that reject response_format (older vLLM/llama.cpp) get asked again without it, once per client
  let useResponseFormat = true;

  async function post(text: string, language: string | null): Promise<{ status: number; data: unknown }> {
    const body: Record<string, unknown> = {
      model: cfg.model,
      temperature: 0,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: `${language ? `Document language: ${language}.\n` : ''}Document text:\n${clip(text, maxChars)}` },
      ],
    };
    if (useResponseFormat) body.response_format = { type: 'json_object' };
    const res = await http.post('/chat/completions', body);
    return { status: res.status, data: res.data };
  }

  return {
    mode,
    async extract(text, hints) {
      for (let attempt = 0; attempt <= retries; attempt++) {
        let res: { status: number; data: unknown };
        try {
          res = await post(text, hints.language);
        } catch (err) {
          const reason = describeError(err);
          if (attempt < retries) {
            await sleep(backoff(backoffMs, attempt));
            continue;
          }
          log.warn('LLM request failed; using rules only', { reason, attempts: attempt + 1 });
          return null;
        }
        if (res.status === 400 && useResponseFormat) {
          useResponseFormat = false;
          attempt--; // not a failure of the endpoint, a capability probe
          continue;
        }
        if (RETRYABLE_STATUS.has(res.status)) {
          if (attempt < retries) {
            await sleep(backoff(backoffMs, attempt));
            continue;
          }
          log.warn('LLM endpoint kept failing; using rules only', { status: res.status, attempts: attempt + 1 });
          return null;
        }
        if (res.status < 200 || res.status >= 300) {
          log.warn('LLM endpoint refused the request; using rules only', { status: res.status });
          return null;
        }
        const content = messageContent(res.data);
        if (content === null) {
          log.warn('LLM answer has no message content; using rules only');
          return null;
        }
        const parsed = parseJsonObject(content);
        if (parsed === null) {
          log.warn('LLM answer is not a JSON object; using rules only', { chars: content.length });
          return null;
        }
        if (!validate(parsed)) {
          const first = validate.errors?.[0];
          log.warn('LLM answer does not match the field schema; using rules only', {
            path: first?.instancePath ?? '',
            rule: first?.keyword ?? '',
          });
          return null;
        }
        return parsed;
      }
      return null;
    },
  };
}

function positive(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v <= 0) throw new LlmConfigError(`LLM ${name} must be a positive number`);
  return v;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  return `${text.slice(0, head)}\n[...]\n${text.slice(text.length - (max - head))}`;
}

function backoff(base: number, attempt: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, base * 2 ** attempt);
  return exp / 2 + Math.random() * (exp / 2); // jitter so workers do not retry in lockstep
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function messageContent(data: unknown): string | null {
  const choices = (data as { choices?: unknown })?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const content = (choices[0] as { message?: { content?: unknown } })?.message?.content;
  return typeof content === 'string' ? content : null;
}

/** The JSON object in a model's message; tolerates a code fence around it, nothing else. */
export function parseJsonObject(content: string): Record<string, unknown> | null {
  const trimmed = content.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    const v: unknown = JSON.parse(trimmed);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function describeError(err: unknown): string {
  if (err instanceof AxiosError) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 'timeout';
    return err.code ?? 'network error';
  }
  return err instanceof Error ? err.name : 'unknown error';
}
