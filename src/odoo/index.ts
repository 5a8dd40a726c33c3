// Public surface of the Odoo connector.
export { connectOdoo, type ConnectOptions } from './connect.js';
export { validateConnectionConfig, CONFIG_DEFAULTS, type OdooConnectionConfig, type OdooLogger, type OdooTransportChoice } from './config.js';
export {
  OdooError, OdooAuthError, OdooAccessError, OdooValidationError, OdooMissingError, OdooSessionExpiredError,
  OdooServerError, OdooConcurrencyError, OdooNetworkError, OdooTimeoutError, OdooNotFoundError, OdooDatabaseError,
  OdooProtocolError, OdooConfigError, OdooAttachmentTooLargeError, type OdooErrorCode,
} from './errors.js';
export { pickField, writableValues, EXPENSE_AMOUNT_FIELDS, FIELD_ATTRIBUTES } from './fields.js';
export { parseServerVersion } from './version.js';
export { installedApps, describeApps, ODOO_APPS, type InstalledApps, type OdooApp } from './apps.js';
export { OdooConnection } from './client.js';
export type { CallSpec, Domain, FieldDef, OdooClient, SearchReadOptions, ServerVersion } from './types.js';
