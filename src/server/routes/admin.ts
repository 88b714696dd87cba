import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../shared/roles.ts';
import { addUser, listUsers, updateUser } from '../../auth/users.ts';
import { getSecurityPolicy, setSecurityPolicy } from '../../auth/settings.ts';
import { verifyAuditChain } from '../../audit/log.ts';
import { listAudit } from '../../audit/query.ts';
import { actorOfRequest, requireUser } from '../guard.ts';

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
    return listUsers(db(), u.org);
  });

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['系统管理'],
        summary: '新建账号',
        body: z.object({
          username: z.string().trim().min(2).max(32),
          name: z.string().trim().min(1, '请填写姓名').max(50),
          password: z.string().min(1).max(256),
          roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色'),
          org: z.string().min(1),
          email: emailField,
        }),
      },
    },
    async (req, reply) => {
      const u = requireUser(req, ['admin']);
      const { org, ...rest } = req.body;
      await addUser(db(), actorOfRequest(req), u, { ...rest, orgCode: org });
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
        body: z.object({
          name: z.string().trim().min(1).max(50).optional(),
          roles: z.array(z.enum(ROLES)).min(1).optional(),
          org: z.string().optional(),
          disabled: z.boolean().optional(),
          resetPassword: z.string().max(256).optional(),
          unlock: z.boolean().optional(),
          email: emailField,
        }),
      },
    },
    async (req) => {
      const u = requireUser(req, ['admin']);
      await updateUser(db(), actorOfRequest(req), u, req.params.username, req.body);
      return { ok: true };
    },
  );

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['审计'],
        summary: '审计日志（审计管理员）',
        querystring: z.object({
          page: z.coerce.number().int().min(1).optional(),
          pageSize: z.coerce.number().int().min(1).max(200).optional(),
          action: z.string().max(40).optional(),
          entity: z.string().max(40).optional(),
          actor: z.string().max(64).optional(),
        }),
      },
    },
    async (req) => {
      requireUser(req, ['auditor']);
      return listAudit(db(), req.query);
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
    return setSecurityPolicy(db(), actorOfRequest(req), u.id, req.body);
  });
}
