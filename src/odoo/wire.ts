// The two ways of talking to Odoo, behind one small interface the client builds on.

export interface WireCall {
  model: string;
  method: string;
  /** The recordset the method runs on; omitted for @api.model methods. */
  ids?: number[];
  /** Arguments by name. */
  kwargs: Record<string, unknown>;
  context?: Record<string, unknown>;
  timeoutMs: number;
}

export interface Wire {
  readonly kind: 'jsonrpc' | 'json2';
  /** Checks the credentials and returns the user's id; throws OdooAuthError when refused. */
  authenticate(timeoutMs: number): Promise<number>;
  /** One model method call; `uid` comes from authenticate (JSON-RPC needs it, JSON-2 does not). */
  execute(call: WireCall, uid: number): Promise<unknown>;
}
