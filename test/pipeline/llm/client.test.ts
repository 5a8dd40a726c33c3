// The LLM client against a real HTTP server on 127.0.0.1 playing an OpenAI-compatible endpoint.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { createLlmClient, LlmConfigError } from '../../../src/pipeline/llm/index.js';

type Handler = (req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let requests: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[] = [];
let warnings: { message: string; meta?: Record<string, unknown> }[] = [];
const logger = { warn: (message: string, meta?: Record<string, unknown>) => warnings.push({ message, meta }) };

const SECRET_TEXT = 'Rechnung Nr. 4711 ACME GmbH Gesamtbetrag 119,00 EUR';

function chat(content: string): Record<string, unknown> {
  return { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}
function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ headers: req.headers, body });
      if (req.url !== '/v1/chat/completions' || req.method !== 'POST') return send(res, 404, { error: 'not found' });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  requests = [];
  warnings = [];
});

const GOOD = {
  vendor_name: { value: 'ACME GmbH', confidence: 0.9 },
  invoice_number: { value: '4711', confidence: 0.95 },
  amount_total: { value: 119, confidence: 0.9 },
  date: { value: null },
};

test('good answer: JSON object validated and returned; request is OpenAI-shaped with JSON mode and the key', async () => {
  handler = (_req, _body, res) => send(res, 200, chat(JSON.stringify(GOOD)));
  const llm = createLlmClient({ baseUrl, model: 'test-model', apiKey: 'sk-test', logger });
  const out = await llm.extract(SECRET_TEXT, { language: 'de' });
  assert.deepEqual(out, GOOD);
  assert.equal(requests.length, 1);
  const { headers, body } = requests[0];
  assert.equal(headers.authorization, 'Bearer sk-test');
  assert.equal(body.model, 'test-model');
  assert.deepEqual(body.response_format, { type: 'json_object' });
  const messages = body.messages as { role: string; content: string }[];
  assert.equal(messages[0].role, 'system');
  assert.match(messages[0].content, /JSON/);
  assert.match(messages[1].content, /ACME GmbH/);
  assert.equal(llm.mode, 'fallback');
});

test('a code fence around the JSON is tolerated', async () => {
  handler = (_req, _body, res) => send(res, 200, chat('```json\n' + JSON.stringify(GOOD) + '\n```'));
  const out = await createLlmClient({ baseUrl, model: 'm', logger }).extract(SECRET_TEXT, { language: null });
  assert.equal(out?.invoice_number?.value, '4711');
});

test('invalid JSON -> null and a warning without the document text', async () => {
  handler = (_req, _body, res) => send(res, 200, chat('Sure! The vendor is ACME GmbH.'));
  const out = await createLlmClient({ baseUrl, model: 'm', logger }).extract(SECRET_TEXT, { language: null });
  assert.equal(out, null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0].message, /not a JSON object/);
  assert.doesNotMatch(JSON.stringify(warnings), /ACME|4711|119/);
});

test('schema-violating answer -> null and a warning naming the rule, not the value', async () => {
  handler = (_req, _body, res) => send(res, 200, chat(JSON.stringify({ date: { value: '05.03.2018' }, amount_total: { value: '119,00' } })));
  const out = await createLlmClient({ baseUrl, model: 'm', logger }).extract(SECRET_TEXT, { language: null });
  assert.equal(out, null);
  assert.match(warnings[0].message, /schema/);
  assert.doesNotMatch(JSON.stringify(warnings), /05\.03|119/);
  handler = (_req, _body, res) => send(res, 200, chat(JSON.stringify({ doc_type: { value: 'bill' } })));
  assert.equal(await createLlmClient({ baseUrl, model: 'm', logger }).extract(SECRET_TEXT, { language: null }), null);
  handler = (_req, _body, res) => send(res, 200, chat(JSON.stringify({ surprise: { value: 1 } })));
  assert.equal(await createLlmClient({ baseUrl, model: 'm', logger }).extract(SECRET_TEXT, { language: null }), null);
});

test('slow answer -> time-out, retried, then null', async () => {
  handler = (_req, _body, res) => {
    const t = setTimeout(() => send(res, 200, chat(JSON.stringify(GOOD))), 2000);
    res.on('close', () => clearTimeout(t));
  };
  const started = Date.now();
  const out = await createLlmClient({ baseUrl, model: 'm', timeoutMs: 150, retries: 1, backoffMs: 10, logger }).extract(SECRET_TEXT, { language: null });
  assert.equal(out, null);
  assert.equal(requests.length, 2);
  assert.ok(Date.now() - started < 1500, 'gave up long before the server answered');
  assert.match(warnings[0].message, /failed/);
  assert.equal(warnings[0].meta?.reason, 'timeout');
});

test('500 then success: retried with backoff', async () => {
  let calls = 0;
  handler = (_req, _body, res) => (++calls === 1 ? send(res, 500, { error: 'boom' }) : send(res, 200, chat(JSON.stringify(GOOD))));
  const out = await createLlmClient({ baseUrl, model: 'm', retries: 2, backoffMs: 10, logger }).extract(SECRET_TEXT, { language: null });
  assert.equal(out?.vendor_name?.value, 'ACME GmbH');
  assert.equal(requests.length, 2);
  assert.equal(warnings.length, 0);
});

test('429 on every attempt -> null after retries; 401 -> null at once', async () => {
  handler = (_req, _body, res) => send(res, 429, { error: 'slow down' });
  assert.equal(await createLlmClient({ baseUrl, model: 'm', retries: 2, backoffMs: 5, logger }).extract(SECRET_TEXT, { language: null }), null);
  assert.equal(requests.length, 3);
  requests = [];
  handler = (_req, _body, res) => send(res, 401, { error: 'bad key' });
  assert.equal(await createLlmClient({ baseUrl, model: 'm', retries: 2, backoffMs: 5, logger }).extract(SECRET_TEXT, { language: null }), null);
  assert.equal(requests.length, 1);
});

test('a server that rejects response_format is asked again without it', async () => {
  handler = (_req, body, res) => (body.response_format ? send(res, 400, { error: 'response_format unsupported' }) : send(res, 200, chat(JSON.stringify(GOOD))));
  const out = await createLlmClient({ baseUrl, model: 'm', logger }).extract(SECRET_TEXT, { language: null });
  assert.equal(out?.invoice_number?.value, '4711');
  assert.equal(requests.length, 2);
});

test('connection refused -> null, never a throw', async () => {
  const llm = createLlmClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', retries: 0, logger });
  assert.equal(await llm.extract(SECRET_TEXT, { language: null }), null);
  assert.equal(warnings.length, 1);
});

test('bad configuration is a typed error', () => {
  assert.throws(() => createLlmClient({ baseUrl: 'not a url', model: 'm' }), LlmConfigError);
  assert.throws(() => createLlmClient({ baseUrl: 'ftp://x', model: 'm' }), LlmConfigError);
  assert.throws(() => createLlmClient({ baseUrl, model: ' ' }), LlmConfigError);
  assert.throws(() => createLlmClient({ baseUrl, model: 'm', timeoutMs: -1 }), LlmConfigError);
});
