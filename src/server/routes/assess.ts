import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOfRequest, inSubtree, requireUser } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { readDb } from '../read.ts';
import { BUSINESS_ROLES, REVIEWER_ROLES, type Role } from '../../shared/roles.ts';
import { getOrgByCode, townOf, type Org } from '../../org/service.ts';
import { metricCatalog } from '../../metrics/catalog.ts';
import { assess } from '../../assess/assessment.ts';
import {
  countyOf,
  createIndicator,
  deleteIndicator,
  ensureDefaults,
  indicatorCounty,
  getAssessSettings,
  listIndicators,
  putAssessSettings,
  updateIndicator,
} from '../../assess/indicators.ts';
import { ASSESS_LINES, COMPARATORS, SCORINGS, VETO_MODES } from '../../assess/types.ts';
import { isWithin } from '../../access/subtree.ts';

const period = z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4');
const orgCode = z.string().max(64).optional();
const fields = {
  line: z.enum(ASSESS_LINES, { message: '请选择条线' }),
  name: z.string().trim().min(1, '请填写指标名称').max(60, '指标名称不超过 60 字'),
  metric: z.string().min(1, '请选择统计口径').max(80),
  comparator: z.enum(COMPARATORS, { message: '比较方式无效' }),
  target: z.number({ message: '目标值须为数字' }).finite().min(0, '目标值不能为负数'),
  weight: z.number({ message: '分值须为数字' }).positive('分值须大于 0').max(100, '分值不超过 100'),
  scoring: z.enum(SCORINGS, { message: '计分方式无效' }),
  veto: z.boolean(),
  perQuarter: z.boolean(),
  note: z.string().max(300, '说明不超过 300 字').nullable().optional(),
  period: z.union([z.literal('*'), period]),
  sort: z.number().int().min(0).max(100000).optional(),
};
const createBody = z.object({
  org: orgCode,
  ...fields,
  veto: fields.veto.default(false),
  perQuarter: fields.perQuarter.default(false),
  period: fields.period.default('*'),
});
const patchBody = z.object(fields).partial();
const idParams = z.object({ id: z.coerce.number().int().positive('指标编号无效') });

const TOWN_ROLES: Role[] = ['secretary', 'discipline', 'organization', 'publicity', 'legal', ...REVIEWER_ROLES];
const isReviewer = (roles: Role[]) => roles.some((r) => (REVIEWER_ROLES as readonly Role[]).includes(r));

/** A county the user may read: their org lies in it, or it lies in their org's subtree. */
async function readableCounty(req: FastifyRequest, code?: string): Promise<Org> {
  const user = requireUser(req, BUSINESS_ROLES);
  const db = req.server.db.kysely;
  const county = code ? await getOrgByCode(db, code) : await countyOf(db, user.org);
  if (!county) throw new HttpError(404, code ? `组织不存在：${code}` : '当前账号不属于任何县');
  if (county.kind !== 'county') throw new HttpError(400, `考核指标由县级设置：${county.name}不是县`);
  if (!inSubtree(user, county) && !isWithin(user.org, county)) throw new HttpError(403, `无权访问该组织：${county.name}`);
  return county;
}

/** A county the user may edit the indicators of: a county reviewer of it (or above it). */
async function editableCounty(req: FastifyRequest, county: Org): Promise<Org> {
  const user = requireUser(req);
  if (!user.roles.includes('countyReviewer') || !inSubtree(user, county)) throw new HttpError(403, '只有本县的县级审核人员可以设置考核指标');
  return county;
}

async function countyOfIndicator(req: FastifyRequest, id: number): Promise<Org> {
  const county = await indicatorCounty(req.server.db.kysely, id);
  if (!county) throw new HttpError(404, `考核指标不存在：${id}`);
  await readableCounty(req, county.code);
  return editableCounty(req, county);
}

export default async function assessRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get(
    '/api/indicators',
    {
      schema: {
        tags: ['考核'],
        summary: '县级考核指标（首次使用时写入默认指标）',
        querystring: z.object({ org: orgCode, period: z.union([z.literal('*'), period]).optional() }),
      },
    },
    async (req) => {
      const county = await readableCounty(req, req.query.org);
      await ensureDefaults(db(), county, actorOfRequest(req));
      const user = requireUser(req);
      const p = req.query.period && req.query.period !== '*' ? req.query.period : undefined;
      return {
        county: { code: county.code, name: county.name },
        items: await listIndicators(db(), county, p),
        settings: await getAssessSettings(db(), county),
        canEdit: user.roles.includes('countyReviewer') && inSubtree(user, county),
        metrics: metricCatalog.map(({ id, label, unit, line }) => ({ id, label, unit, line })),
      };
    },
  );

  r.post('/api/indicators', { schema: { tags: ['考核'], summary: '新增考核指标', body: createBody } }, async (req, reply) => {
    const { org, ...d } = req.body;
    const county = await editableCounty(req, await readableCounty(req, org));
    await ensureDefaults(db(), county, actorOfRequest(req));
    return reply.code(201).send(await createIndicator(db(), actorOfRequest(req), county, d));
  });

  r.patch('/api/indicators/:id', { schema: { tags: ['考核'], summary: '修改考核指标', params: idParams, body: patchBody } }, async (req) => {
    const county = await countyOfIndicator(req, req.params.id);
    return updateIndicator(db(), actorOfRequest(req), county, req.params.id, req.body);
  });

  r.delete('/api/indicators/:id', { schema: { tags: ['考核'], summary: '删除考核指标', params: idParams } }, async (req) => {
    const county = await countyOfIndicator(req, req.params.id);
    await deleteIndicator(db(), actorOfRequest(req), county, req.params.id);
    return { ok: true };
  });

  r.put(
    '/api/indicators/settings',
    { schema: { tags: ['考核'], summary: '一票否决的处理方式', body: z.object({ org: orgCode, vetoMode: z.enum(VETO_MODES, { message: '否决方式无效' }) }) } },
    async (req) => {
      const county = await editableCounty(req, await readableCounty(req, req.body.org));
      return putAssessSettings(db(), actorOfRequest(req), county, { vetoMode: req.body.vetoMode });
    },
  );

  r.get(
    '/api/assessment',
    {
      schema: { tags: ['考核'], summary: '按县级指标为各镇自动评分、排名（镇级账号只看本镇）', querystring: z.object({ org: orgCode, period }) },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => {
      const user = requireUser(req, TOWN_ROLES);
      const code = req.query.org ?? (user.org.kind === 'county' ? user.org.code : (await townOf(db(), user.org))?.code);
      const org = code ? await getOrgByCode(db(), code) : undefined;
      if (!org) throw new HttpError(404, code ? `组织不存在：${code}` : '当前账号不属于任何镇');
      if (!inSubtree(user, org)) throw new HttpError(403, `无权访问该组织：${org.name}`);
      if (org.kind === 'county') {
        if (!isReviewer(user.roles)) throw new HttpError(403, '只有县级（或其上的市级、省级）审核人员可以查看各镇考核对比');
        // The comparison reads the replica when there is one (docs/scale.md); seeding defaults is a transaction, on the primary.
        return assess(readDb(req), org, req.query.period, actorOfRequest(req));
      }
      if (org.kind !== 'town') throw new HttpError(400, `考核以镇为单位：${org.name}不是镇`);
      const county = await countyOf(db(), org);
      if (!county) throw new HttpError(400, `${org.name}不属于任何县，无考核指标`);
      return assess(readDb(req), county, req.query.period, actorOfRequest(req), org);
    },
  );
}
