import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { cachedSetting, settingsChanged } from '../db/settings-cache.ts';
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

/** A setting merged over its defaults (a fresh object on every call: callers may change it). */
export async function getSetting<T>(db: Kysely<Database>, key: string, fallback: T, scopeOrgId: number | null = null): Promise<T> {
  const value = await cachedSetting(db, key, scopeOrgId); // kept a few seconds: src/db/settings-cache.ts
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
