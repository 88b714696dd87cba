/**
 * Accounts as the system administrator (系统管理员) manages them: the list of the accounts in
 * the administrator's org subtree, a new one there, and changes to one of them (name, e-mail,
 * roles, org, disabling, password reset, unlocking).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseJson } from '../db/kysely.ts';
import { ROLE_LABELS, type Role } from '../shared/roles.ts';
import { getOrgByCode, getOrgById, type Org } from '../org/service.ts';
import { audit, type Actor } from '../audit/log.ts';
import { isWithin, pathWithin, type OrgPath } from '../access/subtree.ts';
import { Invalid, NotFound } from '../util/errors.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import { getSecurityPolicy } from './settings.ts';
import { createUser, roleOrgMismatch, type NewUser } from './service.ts';

export interface UserOut {
  username: string;
  name: string;
  email: string | null;
  roles: Role[];
  roleLabels: string[];
  org: string;
  orgName: string;
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
}

/** The accounts whose org lies in `within`'s subtree, in the order they were created. */
export async function listUsers(db: Kysely<Database>, within: OrgPath): Promise<UserOut[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'users.username',
      'users.name',
      'users.email',
      'users.roles',
      'users.disabled',
      'users.locked_until',
      'users.last_login_at',
      'users.must_change_password',
      'orgs.code as org',
      'orgs.name as orgName',
    ])
    .where(pathWithin('orgs.path', within))
    .orderBy('users.id')
    .execute();
  const now = new Date();
  return rows.map((x) => {
    const roles = parseJson<Role[]>(x.roles);
    return {
      username: x.username,
      name: x.name,
      email: x.email ?? null,
      roles,
      roleLabels: roles.map((k) => ROLE_LABELS[k]),
      org: x.org,
      orgName: x.orgName,
      disabled: !!x.disabled,
      locked: !!x.locked_until && new Date(x.locked_until) > now,
      lastLoginAt: x.last_login_at,
      mustChangePassword: !!x.must_change_password,
    };
  });
}

/** The administrator acting: their account and org (whose subtree they manage). */
export interface UserAdmin {
  id: number;
  org: Org;
}

export interface UserPatch {
  name?: string;
  /** An empty string clears it. */
  email?: string;
  roles?: Role[];
  /** The code of the new org. */
  org?: string;
  disabled?: boolean;
  resetPassword?: string;
  unlock?: boolean;
}

/** An org the administrator may put accounts in, by code. */
export async function managedOrg(db: Kysely<Database>, admin: UserAdmin, code: string): Promise<Org> {
  const org = await getOrgByCode(db, code);
  if (!org || !isWithin(org, admin.org)) throw new Invalid('所属组织不在您的管理范围内');
  return org;
}

/** Creates an account in an org of the administrator's subtree; it must change its initial password. */
export async function addUser(db: Kysely<Database>, actor: Actor, admin: UserAdmin, u: Omit<NewUser, 'mustChangePassword'>): Promise<number> {
  const org = await managedOrg(db, admin, u.orgCode);
  return createUser(db, actor, { ...u, orgCode: org.code, mustChangePassword: true, email: u.email || null });
}

/**
 * Changes an account in the administrator's subtree. Disabling it, resetting its password or
 * changing its roles or org ends its sessions; the change is audited (a new password as ***).
 */
export async function updateUser(db: Kysely<Database>, actor: Actor, admin: UserAdmin, username: string, body: UserPatch): Promise<void> {
  const target = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const targetOrg = target ? await getOrgById(db, target.org_id) : undefined;
  if (!target || !targetOrg || !isWithin(targetOrg, admin.org)) throw new NotFound('账号不存在');
  if (target.id === admin.id && (body.disabled || (body.roles && !body.roles.includes('admin')))) throw new Invalid('不能停用自己或撤销自己的管理员角色');
  const patch: Record<string, unknown> = {};
  if (body.name) patch.name = body.name;
  if (body.email !== undefined) patch.email = body.email || null;
  if (body.roles) patch.roles = JSON.stringify(body.roles);
  const newOrg = body.org ? await managedOrg(db, admin, body.org) : targetOrg;
  if (body.org) patch.org_id = newOrg.id;
  const wrong = roleOrgMismatch(body.roles ?? parseJson<Role[]>(target.roles), newOrg);
  if (wrong) throw new Invalid(wrong);
  if (body.disabled != null) patch.disabled = body.disabled ? 1 : 0;
  if (body.unlock) Object.assign(patch, { locked_until: null, failed_count: 0 });
  if (body.resetPassword) {
    const msg = checkPasswordPolicy(body.resetPassword, await getSecurityPolicy(db), target.username);
    if (msg) throw new Invalid(msg);
    Object.assign(patch, { password_hash: await hashPassword(body.resetPassword), must_change_password: 1 });
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set(patch).where('id', '=', target.id).execute();
    if (body.disabled || body.resetPassword || body.roles || body.org) await trx.deleteFrom('sessions').where('user_id', '=', target.id).execute();
    await audit(trx, actor, {
      action: 'update',
      entity: 'user',
      entityId: target.username,
      townId: targetOrg.townId,
      before: { roles: parseJson(target.roles), disabled: !!target.disabled },
      after: { ...body, resetPassword: body.resetPassword ? '***' : undefined },
    });
  });
}
