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

export async function getSetting<T>(db: Kysely<Database>, key: string, fallback: T, scopeOrgId: number | null = null): Promise<T> {
  let q = db.selectFrom('settings').select('value').where('key', '=', key);
  q = scopeOrgId == null ? q.where('scope_org_id', 'is', null) : q.where('scope_org_id', '=', scopeOrgId);
  const row = await q.executeTakeFirst();
  return row ? { ...fallback, ...parseJson<T>(row.value) } : fallback;
}

export async function putSetting(db: Kysely<Database>, key: string, value: unknown, by: number | null, scopeOrgId: number | null = null): Promise<void> {
  policyGeneration++;
  let del = db.deleteFrom('settings').where('key', '=', key);
  del = scopeOrgId == null ? del.where('scope_org_id', 'is', null) : del.where('scope_org_id', '=', scopeOrgId);
  await del.execute();
  await db
    .insertInto('settings')
    .values({ key, scope_org_id: scopeOrgId, value: JSON.stringify(value), updated_at: nowIso(), updated_by: by })
    .execute();
}

/**
 * The policy is read on every API request (idle timeout): keep it for a few seconds per
 * database. A change in this process is seen at once; one made by another process (CLI, a
 * second server) within POLICY_TTL_MS.
 */
const POLICY_TTL_MS = 5000;
let policyGeneration = 0;
const policyCache = new WeakMap<object, { at: number; generation: number; value: Promise<SecurityPolicy> }>();

export function getSecurityPolicy(db: Kysely<Database>): Promise<SecurityPolicy> {
  const hit = policyCache.get(db);
  if (hit && hit.generation === policyGeneration && Date.now() - hit.at < POLICY_TTL_MS) return hit.value;
  const value = getSetting(db, 'security', DEFAULT_SECURITY);
  policyCache.set(db, { at: Date.now(), generation: policyGeneration, value });
  value.catch(() => policyCache.delete(db));
  return value;
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
