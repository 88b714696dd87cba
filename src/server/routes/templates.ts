import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { actorOfRequest, requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import type { Org } from '../../org/service.ts';
import { computeMetrics } from '../../metrics/engine.ts';
import { metricCatalog } from '../../metrics/catalog.ts';
import type { MetricValue } from '../../metrics/types.ts';
import { TEMPLATE_ROLES } from '../../report/service.ts';
import { compileTemplate, generateReport, narrativeFields } from '../../report/template/generate.ts';
import { buildVars, VARIABLE_LABELS } from '../../report/template/context.ts';
import { defaultFormat } from '../../report/template/evaluate.ts';
import { formatValue } from '../../report/template/format.ts';
import { QUARTERLY_KEY, effectiveTemplate, getTemplate, listTemplates, saveTemplate } from '../../report/template/store.ts';
import { renderHtmlFragment } from '../../report/render/html.ts';

const period = z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4');
const BODY_MAX = 200_000;

/** Metric values per town and quarter for the live preview, kept 30 s (the editor re-renders on every pause). */
const valueCache = new Map<string, { at: number; values: Record<string, MetricValue> }>();
async function cachedValues(db: Kysely<Database>, org: Org, p: string): Promise<Record<string, MetricValue>> {
  const key = `${org.id}:${p}`;
  const hit = valueCache.get(key);
  if (hit && Date.now() - hit.at < 30_000) return hit.values;
  const values = (await computeMetrics(db, org, p)).values;
  if (valueCache.size > 200) valueCache.clear();
  valueCache.set(key, { at: Date.now(), values });
  return values;
}

/** The town a preview is computed for: the given org or the user's own; it must be a town. */
async function previewTown(req: FastifyRequest, code: string | undefined): Promise<Org> {
  const org = await scopeOrg(req, code);
  if (org.kind !== 'town') throw new HttpError(400, '请选择一个镇（街道）来预览模板');
  return org;
}

export default async function templateRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get('/api/templates', { schema: { tags: ['报告模板'], summary: '可见的报告模板及其各版本' } }, async (req) => {
    const u = requireUser(req, TEMPLATE_ROLES);
    return listTemplates(db(), u.org);
  });

  r.get(
    '/api/templates/effective',
    { schema: { tags: ['报告模板'], summary: '某镇当前使用的模板', querystring: z.object({ org: z.string().max(64).optional() }) } },
    async (req) => {
      requireUser(req, TEMPLATE_ROLES);
      const org = await scopeOrg(req, req.query.org);
      return effectiveTemplate(db(), org);
    },
  );

  r.get(
    '/api/templates/:id',
    { schema: { tags: ['报告模板'], summary: '模板某一版本（含正文与语法检查结果）', params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req) => {
      const u = requireUser(req, TEMPLATE_ROLES);
      const t = await getTemplate(db(), u.org, req.params.id);
      return { ...t, diagnostics: compileTemplate(t.body).diagnostics };
    },
  );

  r.post(
    '/api/templates',
    {
      schema: {
        tags: ['报告模板'],
        summary: '保存为新版本（镇党委书记：本镇；县级审核：全县）',
        body: z.object({
          key: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,40}$/)
            .default(QUARTERLY_KEY),
          name: z.string().trim().min(1, '请填写模板名称').max(100),
          body: z.string().min(1, '模板不能为空').max(BODY_MAX),
        }),
      },
    },
    async (req, reply) => {
      const u = requireUser(req, ['secretary', 'countyReviewer']);
      const scope =
        u.roles.includes('secretary') && u.org.kind === 'town' ? u.org : u.roles.includes('countyReviewer') && u.org.kind === 'county' ? u.org : null;
      if (!scope) throw new HttpError(403, '只有镇党委书记（本镇模板）或县级审核人员（全县模板）可以保存模板');
      const saved = await saveTemplate(db(), actorOfRequest(req), { key: req.body.key, name: req.body.name, body: req.body.body, scope });
      return reply.code(201).send(saved);
    },
  );

  r.post(
    '/api/templates/preview',
    {
      schema: {
        tags: ['报告模板'],
        summary: '实时预览：模板正文 → HTML 与错误（行:列）',
        body: z.object({
          body: z.string().max(BODY_MAX),
          org: z.string().max(64).optional(),
          period,
          narrative: z.record(z.string().max(60), z.string().max(20000)).optional(),
        }),
      },
      config: { rateLimit: { max: 240, timeWindow: '1 minute' } },
    },
    async (req) => {
      requireUser(req, TEMPLATE_ROLES);
      const org = await previewTown(req, req.body.org);
      const values = await cachedValues(db(), org, req.body.period);
      const g = await generateReport(db(), org, req.body.period, {
        template: { body: req.body.body, id: null, version: null },
        narrative: req.body.narrative ?? {},
        values,
      });
      return { title: g.model.title, html: renderHtmlFragment(g.model), diagnostics: g.model.diagnostics, narrative: narrativeFields(g) };
    },
  );

  r.get(
    '/api/templates/metrics',
    { schema: { tags: ['报告模板'], summary: '模板可用的指标（含本期数值）与变量', querystring: z.object({ org: z.string().max(64).optional(), period }) } },
    async (req) => {
      requireUser(req, TEMPLATE_ROLES);
      const org = await previewTown(req, req.query.org);
      const values = await cachedValues(db(), org, req.query.period);
      const vars = await buildVars(db(), org, req.query.period);
      return {
        metrics: metricCatalog.map((m) => {
          const v = values[m.id]?.value ?? null;
          const format = defaultFormat({ ...m, type: m.type });
          return { id: m.id, label: m.label, unit: m.unit, line: m.line, value: v, text: formatValue(v, format), format };
        }),
        variables: Object.entries(VARIABLE_LABELS).map(([name, label]) => ({ name, label, value: vars.get(name) ?? null })),
        filters: [
          { name: 'int', label: '整数（默认）' },
          { name: 'pct', label: '百分数，取整（模板中写 ％）' },
          { name: 'pct:1', label: '百分数，一位小数' },
          { name: 'yu', label: '“余”：≥20 且非整十时写作 340余' },
        ],
      };
    },
  );
}
