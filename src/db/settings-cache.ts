import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The settings table's reads, kept a few seconds (used by src/auth/settings.ts; in the db layer
 * so that lower layers writing the table, e.g. key rotation, can say they changed it).
 *
 * Settings are read on many requests (the security policy's idle timeout on every one, the
 * metric parameters on every metrics page, the alert rules' on every write): outside a
 * transaction each is kept for SETTINGS_TTL_MS per database. A change made through putSetting
 * (or settingsChanged) in this process is seen at once; one made by another process (the CLI, a
 * second server) within SETTINGS_TTL_MS. Inside a transaction the row is always read, and for
 * a moment after a change nothing is kept (the change's transaction may not have committed yet).
 */
const SETTINGS_TTL_MS = 5000;
const SETTLE_MS = 2000;
let generation = 0;
let changedAt = 0;
type Cached = { at: number; generation: number; value: Promise<string | undefined> };
const cache = new WeakMap<object, Map<string, Cached>>();

/** Forget every cached setting of this process (after writing the settings table directly). */
export function settingsChanged(): void {
  generation++;
  changedAt = Date.now();
}

function readSetting(db: Kysely<Database>, key: string, scopeOrgId: number | null): Promise<string | undefined> {
  let q = db.selectFrom('settings').select('value').where('key', '=', key);
  q = scopeOrgId == null ? q.where('scope_org_id', 'is', null) : q.where('scope_org_id', '=', scopeOrgId);
  return q.executeTakeFirst().then((r) => r?.value);
}

export function cachedSetting(db: Kysely<Database>, key: string, scopeOrgId: number | null): Promise<string | undefined> {
  if (db.isTransaction || Date.now() - changedAt < SETTLE_MS) return readSetting(db, key, scopeOrgId);
  const byKey = cache.get(db) ?? cache.set(db, new Map()).get(db)!;
  const k = `${scopeOrgId ?? ''}|${key}`;
  const hit = byKey.get(k);
  if (hit && hit.generation === generation && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
  const value = readSetting(db, key, scopeOrgId);
  byKey.set(k, { at: Date.now(), generation, value });
  value.catch(() => byKey.delete(k));
  return value;
}
