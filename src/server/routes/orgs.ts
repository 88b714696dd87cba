import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_KINDS } from '../../shared/roles.ts';
import { listSubtree } from '../../org/service.ts';
import { actorOfRequest, requireUser } from '../guard.ts';
import { listDivisions } from '../../org/division.ts';
import { addOrg, addTownFromDivision, editOrg, onboardUnder } from '../../org/manage.ts';
import { upkeepTown } from '../../metrics/snapshots.ts';

const profileSchema = z.record(z.string(), z.unknown());

export default async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get('/api/orgs', { schema: { tags: ['组织'], summary: '可见的组织（本级及下级）' } }, async (req) => {
    const u = requireUser(req);
    const orgs = await listSubtree(db(), u.org);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    return orgs.map((o) => ({
      code: o.code,
      name: o.name,
      kind: o.kind,
      parent: o.parentId ? (byId.get(o.parentId)?.code ?? null) : null,
      profile: o.profile,
    }));
  });

  r.post(
    '/api/orgs',
    {
      schema: {
        tags: ['组织'],
        summary: '新建组织（部门、支部、党小组等）',
        body: z.object({
          code: z
            .string()
            .trim()
            .min(1, '请填写组织代码')
            .max(64)
            .regex(/^[A-Za-z0-9_-]+$/, '组织代码只能包含字母、数字、下划线和横线'),
          name: z.string().trim().min(1, '请填写名称').max(100),
          kind: z.enum(ORG_KINDS),
          parent: z.string().min(1, '请选择上级组织'),
          profile: profileSchema.optional(),
        }),
      },
    },
    async (req) => {
      const u = requireUser(req, ['admin']);
      const { org, parent } = await addOrg(db(), actorOfRequest(req), u.org, {
        code: req.body.code,
        name: req.body.name,
        kind: req.body.kind,
        parentCode: req.body.parent,
        profile: req.body.profile as never,
      });
      // A new branch or village changes its town's org-based metrics (党支部数, villages without
      // new members): its stored snapshots are brought up to date (docs/scale.md).
      if (org.townId) await upkeepTown(db(), org.townId);
      return { code: org.code, name: org.name, kind: org.kind, parent: parent.code };
    },
  );

  r.patch(
    '/api/orgs/:code',
    {
      schema: {
        tags: ['组织'],
        summary: '修改组织名称或档案',
        params: z.object({ code: z.string() }),
        body: z.object({ name: z.string().trim().min(1).max(100).optional(), profile: profileSchema.optional(), sort: z.number().int().optional() }),
      },
    },
    async (req) => {
      const u = requireUser(req, ['admin', 'secretary']);
      const after = await editOrg(db(), actorOfRequest(req), u.org, req.params.code, req.body as never);
      return { code: after.code, name: after.name, kind: after.kind, profile: after.profile };
    },
  );

  r.get(
    '/api/divisions',
    { schema: { tags: ['组织'], summary: '统计用区划代码：省、市、县、乡镇', querystring: z.object({ parent: z.string().regex(/^\d*$/).optional() }) } },
    async (req) => {
      requireUser(req, ['admin']);
      return listDivisions(req.query.parent ?? '');
    },
  );

  r.post(
    '/api/divisions/towns',
    {
      schema: {
        tags: ['组织'],
        summary: '按统计用区划代码建镇（含所属村、社区）',
        body: z.object({ townCode: z.string().regex(/^\d{9}$/, '请选择乡镇（9 位区划代码）'), parent: z.string().min(1) }),
      },
    },
    async (req) => {
      const u = requireUser(req, ['admin']);
      return addTownFromDivision(db(), actorOfRequest(req), u.org, req.body.townCode, req.body.parent);
    },
  );

  r.post(
    '/api/divisions/onboard',
    {
      schema: {
        tags: ['组织'],
        summary: '按统计用区划代码在本省（市）下一次建立市或县及其下全部县、乡镇、村（社区）',
        body: z.object({
          code: z.string().regex(/^(\d{4}|\d{6})$/, '请选择市或县（4 或 6 位区划代码；省级组织在初始化时建立：luoshi init --division 区划代码）'),
          parent: z.string().min(1).max(64).nullish(),
        }),
      },
    },
    async (req) => {
      const u = requireUser(req, ['admin']);
      return onboardUnder(db(), actorOfRequest(req), u.org, req.body.code, req.body.parent);
    },
  );
}
