import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword, login, logout } from '../../auth/service.ts';
import { SESSION_COOKIE, type AppOptions } from '../app.ts';
import { requireUser } from '../guard.ts';
import { ROLE_LABELS } from '../../shared/roles.ts';
import type { SessionUser } from '../../auth/service.ts';
import { healthBody } from '../health.ts';

export function meBody(u: SessionUser) {
  return {
    username: u.username,
    name: u.name,
    roles: u.roles,
    roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
    org: { code: u.org.code, name: u.org.name, kind: u.org.kind },
    mustChangePassword: u.mustChangePassword,
    csrfToken: u.csrf,
  };
}

export default async function authRoutes(app: FastifyInstance, opts: AppOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['账号'],
        summary: '登录',
        body: z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) }),
      },
      config: { rateLimit: { max: opts.loginRateLimit ?? 30, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, user } = await login(app.db.kysely, req.body.username, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookie ?? req.protocol === 'https',
        path: '/',
      });
      return meBody(user);
    },
  );
  r.post('/api/auth/logout', { schema: { tags: ['账号'], summary: '退出登录' } }, async (req, reply) => {
    const u = requireUser(req);
    await logout(app.db.kysely, u, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  r.post(
    '/api/auth/password',
    {
      schema: { tags: ['账号'], summary: '修改密码', body: z.object({ oldPassword: z.string().min(1), newPassword: z.string().min(1).max(256) }) },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      const u = requireUser(req);
      await changePassword(app.db.kysely, u, req.body.oldPassword, req.body.newPassword, req.ip);
      return { ok: true };
    },
  );
  r.get('/api/me', { schema: { tags: ['账号'], summary: '当前用户' } }, async (req) => meBody(requireUser(req)));
  r.get('/api/health', { schema: { tags: ['系统'], summary: '健康检查（运维人员另见事件循环延迟、后台预警计算）' } }, async (req) => healthBody(app, req));
}
