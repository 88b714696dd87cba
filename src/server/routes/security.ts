import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditExport } from '../../audit/export.ts';
import { securityEvents } from '../../auth/security-events.ts';
import { contentDisposition } from '../../files/disposition.ts';
import { today } from '../../shared/today.ts';
import { actorOfRequest, requireUser } from '../guard.ts';
import { readDb } from '../read.ts';

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
    {
      schema: {
        tags: ['审计'],
        summary: '导出审计日志（xlsx 或 CSV，附哈希链校验结果）',
        querystring: z.object({ format: z.enum(['xlsx', 'csv']).optional(), from: day.optional(), to: day.optional(), action: z.string().max(40).optional() }),
      },
    },
    async (req, reply) => {
      const u = requireUser(req, ['auditor']);
      const format = req.query.format ?? 'xlsx';
      // Read and verified on the replica when there is one (docs/scale.md); the export's own entry on the primary.
      const out = await auditExport(readDb(req), actorOfRequest(req), req.query, format, `${u.name}（${u.username}）`, db());
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
        querystring: z.object({
          kind: z.enum(['loginFailed', 'lock', 'keys']).optional(),
          page: z.coerce.number().int().min(1).optional(),
          pageSize: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => {
      requireUser(req, ['securityAdmin']);
      return securityEvents(db(), req.query);
    },
  );
}
