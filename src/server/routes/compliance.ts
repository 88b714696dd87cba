import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BUSINESS_ROLES, type Role } from '../../shared/roles.ts';
import { actorOfRequest, requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { computeCompliance, computeComplianceRollup, ComplianceError } from '../../alerts/compliance-table.ts';
import { DEFAULT_REQUIREMENTS } from '../../alerts/compliance.ts';
import { COMPLIANCE_KEY } from '../../alerts/config.ts';
import { getSetting, putSetting } from '../../auth/settings.ts';
import { audit } from '../../audit/log.ts';

const period = z.string().regex(/^\d{4}(Q[1-4])?$/, '期间格式应为如 2023Q4 或 2023');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const CONFIG_ROLES: Role[] = ['admin', 'countyReviewer'];

export default async function complianceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  /** A county or below: per branch. A city or a province: per county (each county's own summary). */
  const compute = async (org: Parameters<typeof computeCompliance>[1], p: string, asOf?: string) => {
    try {
      return org.kind === 'city' || org.kind === 'province' ? await computeComplianceRollup(db(), org, p, asOf) : await computeCompliance(db(), org, p, asOf);
    } catch (e) {
      if (e instanceof ComplianceError) throw new HttpError(400, e.message);
      throw e;
    }
  };

  r.get(
    '/api/compliance',
    {
      schema: {
        tags: ['组织生活合规'],
        summary: '组织生活应开与实开对照（县及以下按支部和周期；市、省按县汇总）',
        querystring: z.object({ org: z.string().max(64).optional(), period, asOf: isoDate.optional() }),
      },
    },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      return compute(await scopeOrg(req, req.query.org), req.query.period, req.query.asOf);
    },
  );

  r.get(
    '/api/compliance/summary',
    {
      schema: {
        tags: ['组织生活合规'],
        summary: '组织生活合规概要（供首页和看板）',
        querystring: z.object({ org: z.string().max(64).optional(), period, asOf: isoDate.optional() }),
      },
    },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const t = await compute(await scopeOrg(req, req.query.org), req.query.period, req.query.asOf);
      return { org: t.org, period: t.period, asOf: t.asOf, ...t.summary };
    },
  );

  r.get('/api/compliance/requirements', { schema: { tags: ['组织生活合规'], summary: '合规日历：各类会议的默认频次和县级配置' } }, async (req) => {
    requireUser(req);
    return { defaults: DEFAULT_REQUIREMENTS, overrides: await getSetting(db(), COMPLIANCE_KEY, {}) };
  });

  r.put(
    '/api/compliance/requirements',
    {
      schema: {
        tags: ['组织生活合规'],
        summary: '修改合规日历（县级）',
        body: z.record(z.string(), z.object({ cycle: z.enum(['month', 'quarter', 'year']).optional(), count: z.number().int().min(0).max(31).optional() })),
      },
    },
    async (req) => {
      const u = requireUser(req, CONFIG_ROLES);
      const kinds = new Set(DEFAULT_REQUIREMENTS.map((x) => x.kind));
      for (const k of Object.keys(req.body)) if (!kinds.has(k)) throw new HttpError(400, `未知的会议类型：${k}`);
      const before = await getSetting(db(), COMPLIANCE_KEY, {});
      await putSetting(db(), COMPLIANCE_KEY, req.body, u.id);
      await audit(db(), actorOfRequest(req), { action: 'update', entity: 'setting', entityId: COMPLIANCE_KEY, before, after: req.body });
      return { ok: true };
    },
  );
}
