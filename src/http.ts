import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

// The operations endpoints. /live never waits on anything (an orchestrator must not kill a worker that is still
// loading OCR data); /health only reads state the worker already keeps; /ready does too, except when the worker has
// not heard from Odoo for a while (idle): then one cheap RPC, at most one at a time, says whether Odoo answers.

export interface Readiness {
  ready: boolean;
  reasons: string[]; // why not ready, e.g. "ocr pool loading", "odoo unreachable"
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  readiness: () => Readiness | Promise<Readiness>;
  health: () => Record<string, unknown>;
  registry?: Registry;
}

export interface RunningHttpServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
    try {
      switch (url) {
        case '/live':
          return send(res, 200, { status: 'ok' });
        case '/ready':
          Promise.resolve(opts.readiness()).then(
            (readiness) => send(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', reasons: readiness.reasons }),
            () => send(res, 503, { status: 'not ready', reasons: ['readiness check failed'] }),
          );
          return;
        case '/health':
          return send(res, 200, opts.health());
        case '/metrics':
          if (!opts.registry) return send(res, 404, { error: 'metrics disabled' });
          opts.registry.metrics().then(
            (text) => send(res, 200, text, opts.registry!.contentType),
            () => send(res, 500, { error: 'metrics unavailable' }),
          );
          return;
        default:
          return send(res, 404, { error: 'not found', endpoints: ['/live', '/ready', '/health', '/metrics'] });
      }
    } catch {
      return send(res, 500, { error: 'internal error' });
    }
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    port: address.port,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
