// Server version parsing and the probe that picks the transport from what the server actually offers.
import { OdooNotFoundError, OdooProtocolError } from './errors.js';
import type { HttpPort } from './http.js';
import type { JsonRpcWire } from './jsonrpc.js';
import type { ServerVersion } from './types.js';

/** From server_version_info ([17, 0, 0, "final", 0, ""]; SaaS builds say ["saas~17", 2, ...]) and server_version. */
export function parseServerVersion(info: unknown, serverVersion: unknown): ServerVersion {
  if (!Array.isArray(info) || info.length === 0) {
    throw new OdooProtocolError(`the server reported no usable version (server_version_info=${JSON.stringify(info)?.slice(0, 80)})`);
  }
  const first = info[0];
  const major = typeof first === 'number' ? first : Number(String(first).replace(/^saas~/, ''));
  if (!Number.isInteger(major) || major < 8) throw new OdooProtocolError(`cannot read the Odoo major version from ${JSON.stringify(info).slice(0, 80)}`);
  const clean = info.filter((part): part is string | number => typeof part === 'string' || typeof part === 'number');
  return { serverVersion: typeof serverVersion === 'string' ? serverVersion : `${major}.${clean[1] ?? 0}`, major, info: clean };
}

export interface ProbeResult {
  version: ServerVersion;
  /** The server answers the JSON-2 API (it asked for a bearer token on an unauthenticated call). */
  json2: boolean;
}

/** Asks the server, never guesses from the version: /web/version (19+) or common.version, then whether
 * /json/2 exists. `checkJson2` is false when JSON-2 could not be used anyway (no API key, jsonrpc forced). */
export async function probeServer(http: HttpPort, rpc: JsonRpcWire, db: string, timeoutMs: number, checkJson2: boolean): Promise<ProbeResult> {
  let version: ServerVersion | null = null;
  const web = await http.request({ method: 'GET', path: '/web/version', timeoutMs });
  const webBody = web.json as { version_info?: unknown; version?: unknown } | undefined;
  if (web.status === 200 && webBody && Array.isArray(webBody.version_info)) {
    version = parseServerVersion(webBody.version_info, webBody.version);
  } else {
    const result = (await rpc.service('common', 'version', [], timeoutMs)) as { server_version_info?: unknown; server_version?: unknown } | null;
    version = parseServerVersion(result?.server_version_info, result?.server_version);
  }
  let json2 = false;
  if (checkJson2) {
    // Unauthenticated on purpose: a JSON-2 server answers 401 + "WWW-Authenticate: bearer", older ones 404.
    const answer = await http.request({ method: 'POST', path: '/json/2/res.users/context_get', body: {}, timeoutMs, headers: { 'X-Odoo-Database': db } });
    const body = answer.json as { name?: unknown } | undefined;
    json2 = answer.status === 401 && (/bearer/i.test(answer.headers['www-authenticate'] ?? '') || body?.name === 'werkzeug.exceptions.Unauthorized');
  }
  return { version, json2 };
}

export function json2Unavailable(version: ServerVersion): OdooNotFoundError {
  return new OdooNotFoundError(`transport json2 was requested but Odoo ${version.serverVersion} does not offer /json/2 (JSON-2 exists from Odoo 19); use transport auto or jsonrpc`);
}
