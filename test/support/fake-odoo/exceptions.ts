// Python exceptions as the fake raises them, and the two wire shapes Odoo serialises them into.

/** An exception "raised inside Odoo": `name` is the dotted Python class name Odoo reports. */
export class FakeOdooException extends Error {
  readonly odooName: string;
  readonly json2Status: number;
  readonly args: unknown[];
  constructor(odooName: string, message: string, json2Status: number, args?: unknown[]) {
    super(message);
    this.odooName = odooName;
    this.json2Status = json2Status;
    this.args = args ?? [message];
  }
}

// Statuses of JSON-2 (FACTS.md §5 + recordings): Missing 404, User/Validation 422, Access 403, others 500.
export const valueError = (message: string) => new FakeOdooException('builtins.ValueError', message, 500);
export const typeError = (message: string) => new FakeOdooException('builtins.TypeError', message, 422);
export const userError = (message: string) => new FakeOdooException('odoo.exceptions.UserError', message, 422);
export const validationError = (message: string) => new FakeOdooException('odoo.exceptions.ValidationError', message, 422);
export const missingError = (message: string) => new FakeOdooException('odoo.exceptions.MissingError', message, 404);
export const accessError = (message: string) => new FakeOdooException('odoo.exceptions.AccessError', message, 403);
export const accessDenied = () => new FakeOdooException('odoo.exceptions.AccessDenied', 'Access Denied', 401);
export const attributeError = (message: string) => new FakeOdooException('builtins.AttributeError', message, 404);
export const serializationFailure = () =>
  new FakeOdooException('psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update\n', 500);
export const unknownDatabase = (db: string) => new FakeOdooException('psycopg2.OperationalError',
  `connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "${db}" does not exist\n`, 500);

function debugText(err: FakeOdooException): string {
  const short = err.odooName.replace(/^builtins\./, '');
  return `${short}: ${err.message}`.trim();
}

/** JSON-RPC: always HTTP 200 with {code: 200, message: "Odoo Server Error", data: {...}}. */
export function jsonRpcErrorEnvelope(id: unknown, err: FakeOdooException): unknown {
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: 200,
      message: 'Odoo Server Error',
      data: { name: err.odooName, debug: debugText(err), message: err.message, arguments: err.args, context: {} },
    },
  };
}

export function sessionExpiredEnvelope(id: unknown): unknown {
  return {
    jsonrpc: '2.0',
    id,
    error: {
      code: 100,
      message: 'Odoo Session Expired',
      data: { name: 'odoo.http.SessionExpiredException', debug: 'odoo.http.SessionExpiredException: Session expired', message: 'Session expired', arguments: ['Session expired'], context: {} },
    },
  };
}

/** JSON-2: the status plus {name, message, arguments, context, debug}. */
export function json2ErrorBody(err: FakeOdooException): unknown {
  return { name: err.odooName, message: err.message, arguments: err.args, context: {}, debug: [debugText(err)] };
}

export function werkzeug(status: 401 | 404, message: string): FakeOdooException {
  const name = status === 401 ? 'werkzeug.exceptions.Unauthorized' : 'werkzeug.exceptions.NotFound';
  const title = status === 401 ? 'Unauthorized' : 'Not Found';
  const err = new FakeOdooException(name, message, status, [message, status]);
  Object.defineProperty(err, 'werkzeugDebug', { value: `${name}: ${status} ${title}: ${message}` });
  return err;
}

export function json2WerkzeugBody(err: FakeOdooException): unknown {
  const debug = (err as unknown as { werkzeugDebug?: string }).werkzeugDebug ?? debugText(err);
  return { name: err.odooName, message: err.message, arguments: err.args, context: {}, debug: [debug] };
}
