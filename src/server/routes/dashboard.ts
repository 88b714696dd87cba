import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { readDb } from '../read.ts';
import { BUSINESS_ROLES, ORG_KIND_LABELS, REGION_KINDS, REVIEWER_ROLES } from '../../shared/roles.ts';
import { isVillageLevel } from '../../org/service.ts';
import { countyDashboard, dashboardPeriods, townDashboard } from '../../assess/dashboard.ts';
import { regionDashboard } from '../../assess/region.ts';

const period = z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4');
const query = z.object({ org: z.string().max(64).optional(), period });
const limit = { rateLimit: { max: 120, timeWindow: '1 minute' } };

// Lag-tolerant reads: on the read replica when there is one (src/server/read.ts, docs/scale.md).
export default async function dashboardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/dashboard/periods',
    { schema: { tags: ['看板'], summary: '可选的季度（默认最近一个有数据的季度）', querystring: z.object({ org: z.string().max(64).optional() }) } },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      return dashboardPeriods(readDb(req), await scopeOrg(req, req.query.org));
    },
  );

  r.get(
    '/api/dashboard/town',
    { schema: { tags: ['看板'], summary: '镇（或村）看板：各村完成率、季度对比、逾期、各条线考核进度', querystring: query }, config: limit },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const org = await scopeOrg(req, req.query.org);
      if (org.kind !== 'town' && !isVillageLevel(org.kind)) throw new HttpError(400, `镇看板只适用于镇或村（社区）：${org.name}`);
      return townDashboard(readDb(req), org, req.query.period, actorOfRequest(req));
    },
  );

  r.get(
    '/api/dashboard/county',
    { schema: { tags: ['看板'], summary: '县级看板：各镇完成率、逾期、考核得分与季度对比', querystring: query }, config: limit },
    async (req) => {
      // A county's reviewer, or a city's or province's drilling down to one of its counties (scopeOrg: in the subtree).
      requireUser(req, [...REVIEWER_ROLES]);
      const org = await scopeOrg(req, req.query.org);
      if (org.kind !== 'county') throw new HttpError(400, `县级看板只适用于县：${org.name}`);
      return countyDashboard(readDb(req), org, req.query.period, actorOfRequest(req));
    },
  );

  r.get(
    '/api/dashboard/region',
    { schema: { tags: ['看板'], summary: '市级、省级看板：各县考核得分率、完成率、逾期与季度对比（各县之和）', querystring: query }, config: limit },
    async (req) => {
      requireUser(req, ['cityReviewer', 'provinceReviewer']);
      const org = await scopeOrg(req, req.query.org);
      if (!REGION_KINDS.includes(org.kind)) throw new HttpError(400, `市级、省级看板只适用于市或省：${org.name}是${ORG_KIND_LABELS[org.kind]}`);
      return regionDashboard(readDb(req), org, req.query.period, actorOfRequest(req));
    },
  );
}
