import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { computeMetrics, plainValues } from '../../metrics/engine.ts';
import { computeBreakdown, sumOfChildren } from '../../metrics/snapshots.ts';
import { getMetric, metricCatalog } from '../../metrics/catalog.ts';
import { parsePeriod } from '../../metrics/period.ts';
import { requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { readDb } from '../read.ts';
import { principalOf } from '../principal.ts';
import { recordsBehind } from '../../ledger/operations.ts';
import { BUSINESS_ROLES } from '../../shared/roles.ts';

const period = z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4');

export default async function metricRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get(
    '/api/metrics',
    {
      schema: {
        tags: ['指标'],
        summary: '某组织某季度的全部指标',
        querystring: z.object({ org: z.string().optional(), period, breakdown: z.enum(['0', '1']).optional() }),
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const org = await scopeOrg(req, req.query.org);
      parsePeriod(req.query.period);
      // A comparison view: lag-tolerant, on the read replica when there is one (src/server/read.ts).
      // With the breakdown, a county's own figures are its towns' (snapshots) added up, not a
      // live computation over every town's records.
      const children = req.query.breakdown === '1' ? await computeBreakdown(readDb(req), org, req.query.period) : undefined;
      const own = children ? await sumOfChildren(readDb(req), org, children) : null;
      return {
        org: org.code,
        orgName: org.name,
        period: parsePeriod(req.query.period).id,
        metrics: own ?? plainValues(await computeMetrics(readDb(req), org, req.query.period)),
        defs: metricCatalog.map(({ id, label, unit, line }) => ({ id, label, unit, line })),
        ...(children ? { children } : {}),
      };
    },
  );

  r.get(
    '/api/metrics/:id/records',
    {
      schema: {
        tags: ['指标'],
        summary: '指标背后的记录（按权限过滤）',
        params: z.object({ id: z.string().max(80) }),
        querystring: z.object({ org: z.string().optional(), period }),
      },
    },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const m = getMetric(req.params.id);
      if (!m) throw new HttpError(404, `指标不存在：${req.params.id}`);
      const org = await scopeOrg(req, req.query.org);
      const res = await computeMetrics(db(), org, req.query.period, { provenance: true, only: [m.id] });
      const v = res.values[m.id];
      const behind = await recordsBehind(db(), principalOf(req), v.records);
      return { metric: { id: m.id, label: m.label, unit: m.unit }, value: v.value, ...behind };
    },
  );
}
