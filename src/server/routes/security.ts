import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit/log.ts';
import { auditExport } from '../../audit/export.ts';
import { contentDisposition } from '../../files/disposition.ts';
import { formatDateTime, today } from '../../shared/today.ts';
import { readKeyState } from '../../crypto/state.ts';
import { schemeOf } from '../../crypto/keys.ts';
import { actorOfRequest, requireUser } from '../guard.ts';

/** What the security administrator watches: failed logins, lockouts, key operations. */
export const SECURITY_EVENTS = {
  loginFailed: ['loginFailed'],
  lock: ['lock'],
  keys: ['keyRotateStart', 'keyRotateFinish', 'rehashPassword'],
} as const;
const ALL_EVENTS = Object.values(SECURITY_EVENTS).flat();

/**
 * 安全管理员: security events and the key state; 审计管理员: the audit log export with its
 * verification result (三员分立, docs/security.md).
 */
export default async function securityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;
  const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

  r.get(
    '/api/audit/export',
    { schema: { tags: ['审计'], summary: '导出审计日志（xlsx 或 CSV，附哈希链校验结果）', querystring: z.object({ format: z.enum(['xlsx', 'csv']).optional(), from: day.optional(), to: day.optional(), action: z.string().max(40).optional() }) } },
    async (req, reply) => {
      const u = requireUser(req, ['auditor']);
      const format = req.query.format ?? 'xlsx';
      const out = await auditExport(db(), req.query, format, `${u.name}（${u.username}）`);
      await audit(db(), actorOfRequest(req), { action: 'export', entity: 'audit', note: `导出审计日志 ${out.count} 条（${format}），校验${out.verify.ok ? '通过' : '失败'}` });
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`审计日志-${today()}.${format}`))
        .header('x-audit-verified', out.verify.ok ? 'ok' : 'broken')
        .send(out.body);
    },
  );

  r.get(
    '/api/security/events',
    {
      schema: {
        tags: ['安全'],
        summary: '安全事件：登录失败、账号锁定、密钥操作（安全管理员）',
        querystring: z.object({ kind: z.enum(['loginFailed', 'lock', 'keys']).optional(), page: z.coerce.number().int().min(1).optional(), pageSize: z.coerce.number().int().min(1).max(200).optional() }),
      },
    },
    async (req) => {
      requireUser(req, ['securityAdmin']);
      const { kind, page = 1, pageSize = 50 } = req.query;
      const actions: string[] = kind ? [...SECURITY_EVENTS[kind]] : ALL_EVENTS;
      const q = db().selectFrom('audit_log').where('action', 'in', actions);
      const [total, items, locked, keys] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
        q.select(['id', 'at', 'actor', 'action', 'entity_id', 'note', 'ip']).orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        db().selectFrom('users').select(['username', 'name', 'locked_until']).where('locked_until', '>', new Date().toISOString()).orderBy('locked_until', 'desc').execute(),
        readKeyState(db()),
      ]);
      return {
        total: Number(total?.n ?? 0),
        items: items.map((i) => ({ id: i.id, at: formatDateTime(new Date(i.at)), actor: i.actor, action: i.action, target: i.entity_id, note: i.note, ip: i.ip })),
        locked: locked.map((l) => ({ username: l.username, name: l.name, lockedUntil: formatDateTime(new Date(l.locked_until!)) })),
        keys: keys && { active: keys.active, scheme: schemeOf(keys.active), rotation: keys.rotation ?? null },
      };
    },
  );
}
