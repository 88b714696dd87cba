import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { ORG_KIND_LABELS, REVIEWER_KIND, ROLE_LABELS, ROLES, type Role } from '../shared/roles.ts';
import { getOrgById, getOrgByCode, toOrg, type Org } from '../org/service.ts';
import { observeOrgStamp } from '../org/cache.ts';
import { audit, type Actor } from '../audit/log.ts';
import { checkPasswordPolicy, dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { formatDateTime } from '../shared/today.ts';
import { getSecurityPolicy } from './settings.ts';

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  roles: Role[];
  org: Org;
  mustChangePassword: boolean;
  csrf: string;
  sessionId: string;
}

export class AuthError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export interface NewUser {
  username: string;
  name: string;
  password: string;
  roles: Role[];
  orgCode: string;
  mustChangePassword?: boolean;
  email?: string | null;
}

/** Why `roles` cannot sit at `org` (a city or province reviewer belongs to a city or province org), or null. */
export function roleOrgMismatch(roles: Role[], org: Pick<Org, 'kind' | 'name'>): string | null {
  for (const r of roles) {
    if (r !== 'cityReviewer' && r !== 'provinceReviewer') continue;
    const kind = REVIEWER_KIND[r];
    if (org.kind !== kind) return `${ROLE_LABELS[r]}账号须属于${ORG_KIND_LABELS[kind]}级组织：${org.name}是${ORG_KIND_LABELS[org.kind]}`;
  }
  return null;
}

export async function createUser(db: Kysely<Database>, actor: Actor, u: NewUser, opts: { skipPolicy?: boolean } = {}): Promise<number> {
  if (!/^[a-zA-Z0-9_.-]{2,32}$/.test(u.username)) throw new AuthError(400, '用户名须为 2–32 位字母、数字、下划线、点或横线');
  for (const r of u.roles) if (!ROLES.includes(r)) throw new AuthError(400, `未知角色：${r}`);
  if (u.roles.length === 0) throw new AuthError(400, '至少选择一个角色');
  if (!opts.skipPolicy) {
    const msg = checkPasswordPolicy(u.password, await getSecurityPolicy(db), u.username);
    if (msg) throw new AuthError(400, msg);
  }
  const org = await getOrgByCode(db, u.orgCode);
  if (!org) throw new AuthError(400, `组织不存在：${u.orgCode}`);
  const wrong = roleOrgMismatch(u.roles, org);
  if (wrong) throw new AuthError(400, wrong);
  const exists = await db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (exists) throw new AuthError(409, `用户名已存在：${u.username}`);
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      name: u.name,
      password_hash: await hashPassword(u.password),
      roles: JSON.stringify(u.roles),
      org_id: org.id,
      must_change_password: u.mustChangePassword ? 1 : 0,
      email: u.email || null,
      failed_count: 0,
      disabled: 0,
      created_at: nowIso(),
      password_changed_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(db, actor, { action: 'create', entity: 'user', entityId: u.username, townId: org.townId, after: { ...u, password: undefined } });
  return row.id;
}

export interface LoginResult {
  token: string;
  user: SessionUser;
}

/**
 * Check the password, throttle and lock on repeated failures, open a session. The hash (scrypt,
 * ~0.3 s on the thread pool) is the cost of a login: the attempt record and the org lookup run
 * while it does, and the writes after it are one transaction (audit entry included, as
 * src/audit/log.ts asks).
 */
export async function login(db: Kysely<Database>, username: string, password: string, ip: string | null): Promise<LoginResult> {
  const policy = await getSecurityPolicy(db);
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const now = new Date();
  const attempt = () => db.insertInto('login_attempts').values({ username, ip, at: now.toISOString(), ok: 0 }).execute();
  if (!user || user.disabled) {
    await Promise.all([verifyPassword(password, dummyHash()), attempt()]); // equalise timing
    throw new AuthError(401, '用户名或密码错误');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await attempt();
    throw new AuthError(423, `登录失败次数过多，账号已锁定至 ${formatDateTime(new Date(user.locked_until))}，请稍后再试或联系管理员`);
  }
  // verifyPassword first: its scrypt is on the thread pool before the queries start.
  const [ok, , org] = await Promise.all([verifyPassword(password, user.password_hash), attempt(), getOrgById(db, user.org_id)]);
  if (!ok) {
    const failed = user.failed_count + 1;
    const lock = failed >= policy.maxFailures;
    const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    const note = lock ? `连续 ${policy.maxFailures} 次密码错误，锁定至 ${formatDateTime(lockedUntil)}` : `密码错误（连续第 ${failed} 次）`;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_count: lock ? 0 : failed, locked_until: lock ? lockedUntil.toISOString() : null })
        .where('id', '=', user.id)
        .execute();
      await audit(trx, { id: user.id, username, ip }, { action: lock ? 'lock' : 'loginFailed', entity: 'user', entityId: username, note });
    });
    if (lock) throw new AuthError(423, `连续 ${policy.maxFailures} 次密码错误，账号已锁定 ${policy.lockMinutes} 分钟（至 ${formatDateTime(lockedUntil)}）`);
    throw new AuthError(401, `用户名或密码错误（还可尝试 ${policy.maxFailures - failed} 次）`);
  }
  // A hash made with older parameters is replaced now, while the password is at hand.
  const rehash = needsRehash(user.password_hash) ? await hashPassword(password) : null;
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(24).toString('base64url');
  const sid = sha256(token);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_count: 0, locked_until: null, last_login_at: now.toISOString(), ...(rehash ? { password_hash: rehash } : {}) })
      .where('id', '=', user.id)
      .execute();
    if (rehash)
      await audit(
        trx,
        { id: user.id, username, ip },
        { action: 'rehashPassword', entity: 'user', entityId: username, note: `口令哈希参数升级为 ${rehash.split('$').slice(0, 4).join('$')}` },
      );
    await trx.insertInto('sessions').values({ id: sid, user_id: user.id, csrf, created_at: now.toISOString(), last_seen_at: now.toISOString(), ip }).execute();
    await audit(trx, { id: user.id, username, ip }, { action: 'login', entity: 'session', entityId: sid.slice(0, 12) });
  });
  return {
    token,
    user: {
      id: user.id,
      username: user.username,
      name: user.name,
      roles: parseJson<Role[]>(user.roles),
      org: org!,
      mustChangePassword: !!user.must_change_password,
      csrf,
      sessionId: sid,
    },
  };
}

/**
 * Resolve a session token; ends sessions idle longer than the policy allows. Runs on every API
 * request: one query (session, user and org joined, and the org stamp) plus the cached policy.
 */
export async function userFromToken(db: Kysely<Database>, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const sid = sha256(token);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['s.csrf', 's.last_seen_at', 'u.id as user_id', 'u.username', 'u.name as user_name', 'u.roles', 'u.disabled', 'u.must_change_password'])
    .select(['o.id', 'o.code', 'o.name', 'o.kind', 'o.parent_id', 'o.town_id', 'o.path', 'o.profile', 'o.sort'])
    // The org stamp, for the org lookups the server remembers (src/org/cache.ts).
    .select((eb) => eb.selectFrom('ledger_versions').select('version').where('town_id', '=', 0).where('ledger', '=', '*').as('org_stamp'))
    .where('s.id', '=', sid)
    .executeTakeFirst();
  if (!row) return null;
  observeOrgStamp(db, row.org_stamp);
  const policy = await getSecurityPolicy(db);
  const now = Date.now();
  if (now - new Date(row.last_seen_at).getTime() > policy.idleMinutes * 60_000) {
    await db.deleteFrom('sessions').where('id', '=', sid).execute();
    return null;
  }
  if (row.disabled) return null;
  // Touch at most once a minute to keep writes low.
  if (now - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', sid)
      .execute();
  }
  return {
    id: row.user_id,
    username: row.username,
    name: row.user_name,
    roles: parseJson<Role[]>(row.roles),
    org: toOrg(row),
    mustChangePassword: !!row.must_change_password,
    csrf: row.csrf,
    sessionId: sid,
  };
}

export async function logout(db: Kysely<Database>, user: SessionUser, ip: string | null): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', user.sessionId).execute();
  await audit(db, { id: user.id, username: user.username, ip }, { action: 'logout', entity: 'session', entityId: user.sessionId.slice(0, 12) });
}

export async function changePassword(db: Kysely<Database>, user: SessionUser, oldPw: string, newPw: string, ip: string | null): Promise<void> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(oldPw, row.password_hash))) throw new AuthError(400, '原密码不正确');
  if (oldPw === newPw) throw new AuthError(400, '新密码不能与原密码相同');
  const msg = checkPasswordPolicy(newPw, await getSecurityPolicy(db), user.username);
  if (msg) throw new AuthError(400, msg);
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(newPw), must_change_password: 0, password_changed_at: nowIso() })
    .where('id', '=', user.id)
    .execute();
  await audit(db, { id: user.id, username: user.username, ip }, { action: 'changePassword', entity: 'user', entityId: user.username });
}
