import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { DEFAULT_POLICY, type PasswordPolicy } from './password.ts';
import { audit, type Actor } from '../audit/log.ts';

/** Security policy, owned by the security administrator (安全管理员). */
export interface SecurityPolicy extends PasswordPolicy {
  /** Idle minutes after which a session ends. */
  idleMinutes: number;
  /** Failed logins before the account is locked. */
  maxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_SECURITY: SecurityPolicy = { ...DEFAULT_POLICY, idleMinutes: 30, maxFailures: 5, lockMinutes: 15 };

/**
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

function cachedSetting(db: Kysely<Database>, key: string, scopeOrgId: number | null): Promise<string | undefined> {
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

/** A setting merged over its defaults (a fresh object on every call: callers may change it). */
export async function getSetting<T>(db: Kysely<Database>, key: string, fallback: T, scopeOrgId: number | null = null): Promise<T> {
  const value = await cachedSetting(db, key, scopeOrgId);
  return value === undefined ? fallback : { ...fallback, ...parseJson<T>(value) };
}

export async function putSetting(db: Kysely<Database>, key: string, value: unknown, by: number | null, scopeOrgId: number | null = null): Promise<void> {
  settingsChanged();
  let del = db.deleteFrom('settings').where('key', '=', key);
  del = scopeOrgId == null ? del.where('scope_org_id', 'is', null) : del.where('scope_org_id', '=', scopeOrgId);
  await del.execute();
  await db
    .insertInto('settings')
    .values({ key, scope_org_id: scopeOrgId, value: JSON.stringify(value), updated_at: nowIso(), updated_by: by })
    .execute();
}

/** The security policy (read on every API request for the idle timeout; cached as above). */
export function getSecurityPolicy(db: Kysely<Database>): Promise<SecurityPolicy> {
  return getSetting(db, 'security', DEFAULT_SECURITY);
}

/** The security administrator sets the policy (checked by the route's schema), audited with the one before. */
export async function setSecurityPolicy(db: Kysely<Database>, actor: Actor, by: number, policy: SecurityPolicy): Promise<SecurityPolicy> {
  const before = await getSecurityPolicy(db);
  await db.transaction().execute(async (trx) => {
    await putSetting(trx, 'security', policy, by);
    await audit(trx, actor, { action: 'update', entity: 'securityPolicy', before, after: policy });
  });
  return getSecurityPolicy(db);
}
