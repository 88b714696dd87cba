import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, ROLE_LABELS, type Role } from '../../shared/roles.ts';
import { createUser, roleOrgMismatch } from '../../auth/service.ts';
import { hashPassword, checkPasswordPolicy } from '../../auth/password.ts';
import { getSecurityPolicy, putSetting } from '../../auth/settings.ts';
import { audit, verifyAuditChain } from '../../audit/log.ts';
import { getOrgByCode, getOrgById } from '../../org/service.ts';
import { parseJson } from '../../db/kysely.ts';
import { actorOfRequest, inSubtree, requireUser } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { isWithin } from '../../access/subtree.ts';

/**
 * The three separated administrators (三员分立): admin manages accounts and the org tree,
 * securityAdmin the security policy, auditor reads the audit log. None reads business data.
 */
export default async function adminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;
  /** Optional; an empty string clears it. */
  const emailField = z.string().trim().email('邮箱格式不正确').max(200).optional().or(z.literal(''));

  r.get('/api/users', { schema: { tags: ['系统管理'], summary: '账号列表（系统管理员）' } }, async (req) => {
    const u = requireUser(req, ['admin']);
    const rows = await db()
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select(['users.username', 'users.name', 'users.email', 'users.roles', 'users.disabled', 'users.locked_until', 'users.last_login_at', 'users.must_change_password', 'orgs.code as org', 'orgs.name as orgName', 'orgs.path'])
      .orderBy('users.id')
      .execute();
    return rows
      .filter((x) => isWithin(x, u.org))
      .map((x) => ({
        username: x.username,
        name: x.name,
        email: x.email ?? null,
        roles: parseJson<Role[]>(x.roles),
        roleLabels: parseJson<Role[]>(x.roles).map((k) => ROLE_LABELS[k]),
        org: x.org,
        orgName: x.orgName,
        disabled: !!x.disabled,
        locked: !!x.locked_until && new Date(x.locked_until) > new Date(),
        lastLoginAt: x.last_login_at,
        mustChangePassword: !!x.must_change_password,
      }));
  });

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['系统管理'],
        summary: '新建账号',
        body: z.object({ username: z.string().trim().min(2).max(32), name: z.string().trim().min(1, '请填写姓名').max(50), password: z.string().min(1).max(256), roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色'), org: z.string().min(1), email: emailField }),
      },
    },
    async (req, reply) => {
      const u = requireUser(req, ['admin']);
      const org = await getOrgByCode(db(), req.body.org);
      if (!org || !inSubtree(u, org)) throw new HttpError(400, '所属组织不在您的管理范围内');
      await createUser(db(), actorOfRequest(req), { username: req.body.username, name: req.body.name, password: req.body.password, roles: req.body.roles, orgCode: org.code, mustChangePassword: true, email: req.body.email || null });
      return reply.code(201).send({ ok: true });
    },
  );

  r.patch(
    '/api/users/:username',
    {
      schema: {
        tags: ['系统管理'],
        summary: '修改账号（角色、组织、停用、重置密码、解锁）',
        params: z.object({ username: z.string().max(64) }),
        body: z.object({ name: z.string().trim().min(1).max(50).optional(), roles: z.array(z.enum(ROLES)).min(1).optional(), org: z.string().optional(), disabled: z.boolean().optional(), resetPassword: z.string().max(256).optional(), unlock: z.boolean().optional(), email: emailField }),
      },
    },
    async (req) => {
      const u = requireUser(req, ['admin']);
      const target = await db().selectFrom('users').selectAll().where('username', '=', req.params.username).executeTakeFirst();
      const targetOrg = target ? await getOrgById(db(), target.org_id) : undefined;
      if (!target || !targetOrg || !inSubtree(u, targetOrg)) throw new HttpError(404, '账号不存在');
      if (target.id === u.id && (req.body.disabled || (req.body.roles && !req.body.roles.includes('admin')))) throw new HttpError(400, '不能停用自己或撤销自己的管理员角色');
      const patch: Record<string, unknown> = {};
      if (req.body.name) patch.name = req.body.name;
      if (req.body.email !== undefined) patch.email = req.body.email || null;
      if (req.body.roles) patch.roles = JSON.stringify(req.body.roles);
      let newOrg = targetOrg;
      if (req.body.org) {
        const org = await getOrgByCode(db(), req.body.org);
        if (!org || !inSubtree(u, org)) throw new HttpError(400, '所属组织不在您的管理范围内');
        patch.org_id = org.id;
        newOrg = org;
      }
      const wrong = roleOrgMismatch(req.body.roles ?? parseJson<Role[]>(target.roles), newOrg);
      if (wrong) throw new HttpError(400, wrong);
      if (req.body.disabled != null) patch.disabled = req.body.disabled ? 1 : 0;
      if (req.body.unlock) Object.assign(patch, { locked_until: null, failed_count: 0 });
      if (req.body.resetPassword) {
        const msg = checkPasswordPolicy(req.body.resetPassword, await getSecurityPolicy(db()), target.username);
        if (msg) throw new HttpError(400, msg);
        Object.assign(patch, { password_hash: await hashPassword(req.body.resetPassword), must_change_password: 1 });
      }
      await db().transaction().execute(async (trx) => {
        await trx.updateTable('users').set(patch).where('id', '=', target.id).execute();
        if (req.body.disabled || req.body.resetPassword || req.body.roles || req.body.org) await trx.deleteFrom('sessions').where('user_id', '=', target.id).execute();
        await audit(trx, actorOfRequest(req), { action: 'update', entity: 'user', entityId: target.username, townId: targetOrg.townId, before: { roles: parseJson(target.roles), disabled: !!target.disabled }, after: { ...req.body, resetPassword: req.body.resetPassword ? '***' : undefined } });
      });
      return { ok: true };
    },
  );

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['审计'],
        summary: '审计日志（审计管理员）',
        querystring: z.object({ page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(200).optional(), action: z.string().max(40).optional(), entity: z.string().max(40).optional(), actor: z.string().max(64).optional() }),
      },
    },
    async (req) => {
      requireUser(req, ['auditor']);
      const { page = 1, pageSize = 50, action, entity, actor } = req.query;
      let q = db().selectFrom('audit_log');
      if (action) q = q.where('action', '=', action);
      if (entity) q = q.where('entity', '=', entity);
      if (actor) q = q.where('actor', '=', actor);
      const [total, items] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
        q.select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'note', 'ip', 'hash']).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      ]);
      return { total: Number(total?.n ?? 0), items: items.map((i) => ({ ...i, entityId: i.entity_id, hash: i.hash.slice(0, 16) })) };
    },
  );

  r.get('/api/audit/verify', { schema: { tags: ['审计'], summary: '校验审计日志哈希链' } }, async (req) => {
    requireUser(req, ['auditor']);
    return verifyAuditChain(db());
  });

  const policy = z.object({
    minLength: z.number().int().min(8, '密码长度不能低于 8 位').max(64),
    minClasses: z.number().int().min(3, '至少要求 3 类字符').max(4),
    idleMinutes: z.number().int().min(5).max(480),
    maxFailures: z.number().int().min(3).max(20),
    lockMinutes: z.number().int().min(1).max(1440),
  });
  r.get('/api/security/policy', { schema: { tags: ['安全'], summary: '安全策略（安全管理员）' } }, async (req) => {
    requireUser(req, ['securityAdmin', 'admin']);
    return getSecurityPolicy(db());
  });
  r.put('/api/security/policy', { schema: { tags: ['安全'], summary: '修改安全策略', body: policy } }, async (req) => {
    const u = requireUser(req, ['securityAdmin']);
    const before = await getSecurityPolicy(db());
    await db().transaction().execute(async (trx) => {
      await putSetting(trx as never, 'security', req.body, u.id);
      await audit(trx, actorOfRequest(req), { action: 'update', entity: 'securityPolicy', before, after: req.body });
    });
    return getSecurityPolicy(db());
  });
}
