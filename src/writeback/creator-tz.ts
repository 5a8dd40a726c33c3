// The time zone an expense's creator works in. Odoo dates a new expense with its creator's today (context_today),
// so whether an expense is still "dated its creation day" must be read in that zone: in UTC, a receipt uploaded in
// Kuala Lumpur before 08:00 looks dated by a person and its date is never written. One read per user, kept for the
// client's life (a user's zone rarely changes); unreadable → UTC, which is what Odoo itself falls back to.
import { baseClient, type OdooClient } from '../odoo/types.js';
import { m2oId, type OdooRecord } from './values.js';

const zones = new WeakMap<OdooClient, Map<number, Promise<string | null>>>();

export function creatorTimezone(client: OdooClient, record: OdooRecord): Promise<string | null> {
  const userId = m2oId(record.create_uid);
  if (!userId) return Promise.resolve(null);
  const connection = baseClient(client);
  const known = zones.get(connection) ?? zones.set(connection, new Map()).get(connection)!;
  let zone = known.get(userId);
  if (!zone) {
    zone = connection.read<{ tz?: string | false }>('res.users', [userId], ['tz'])
      .then(([user]) => (typeof user?.tz === 'string' && user.tz ? user.tz : null))
      .catch(() => null);
    known.set(userId, zone);
  }
  return zone;
}

/** The calendar day of a UTC timestamp as Odoo writes it ("2024-05-01 20:00:00") in `zone` (UTC when null or unknown). */
export function dayIn(utcTimestamp: string, zone: string | null): string {
  const instant = new Date(`${utcTimestamp.replace(' ', 'T')}Z`);
  if (!zone || Number.isNaN(instant.getTime())) return utcTimestamp.slice(0, 10);
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  } catch {
    return utcTimestamp.slice(0, 10); // a zone name this runtime does not know
  }
}
