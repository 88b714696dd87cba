import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../principal.ts';
import { scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { getRecord, type RecordOut } from '../../ledger/operations.ts';
import { PeriodError } from '../../metrics/period.ts';
import {
  STATUS_LABELS, canEditField, checkReport, currentModel, frozenOf, isEditable, isReviewer, showsFrozen, listReports, liveReport, loadReport,
  openReport, previousFacts, reviewReport, submitReport, updateNarrative, versionDocx, type ReportStatus,
} from '../../report/service.ts';
import { compileTemplate, narrativeFields } from '../../report/template/generate.ts';
import { CONTENT_TYPES, REPORT_FORMATS, PdfConversionError, PdfUnavailableError, docxToPdf, renderReport } from '../../report/render/index.ts';
import { renderHtmlFragment } from '../../report/render/html.ts';
import type { Principal } from '../../ledger/principal.ts';

const period = z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4');
const idParams = z.object({ id: z.coerce.number().int().positive('报告编号无效') });
const versionParams = idParams.extend({ v: z.coerce.number().int().positive('版本号无效') });
const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });

function attachment(name: string): string {
  return `attachment; filename="report"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A report's bytes in a format. A submitted version's .docx (and its PDF) comes from the frozen
 * file; a missing LibreOffice becomes a 503 with the Chinese message of what to install.
 */
async function renderFormat(format: (typeof REPORT_FORMATS)[number], model: Parameters<typeof renderReport>[0], frozenDocx: (() => Promise<Buffer>) | null): Promise<Buffer> {
  try {
    if (frozenDocx && format === 'docx') return await frozenDocx();
    if (frozenDocx && format === 'pdf') return await docxToPdf(await frozenDocx());
    return await renderReport(model, format);
  } catch (e) {
    if (e instanceof PdfUnavailableError || e instanceof PdfConversionError) throw new HttpError(e.status, e.message);
    throw e;
  }
}

async function userNames(app: FastifyInstance, ids: (number | null)[]): Promise<Map<number, string>> {
  const list = [...new Set(ids.filter((x): x is number => x != null))];
  if (!list.length) return new Map();
  const rows = await app.db.kysely.selectFrom('users').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function detail(app: FastifyInstance, p: Principal, id: number, version?: number) {
  const db = app.db.kysely;
  const r = await loadReport(db, p, id);
  const status = r.row.status as ReportStatus;
  const versions = await db.selectFrom('report_versions').select(['version', 'template_id', 'submitted_at', 'submitted_by', 'review_status', 'review_comment', 'reviewed_at', 'reviewed_by']).where('report_id', '=', id).orderBy('version', 'desc').execute();
  const names = await userNames(app, versions.flatMap((v) => [v.submitted_by, v.reviewed_by]));
  const showFrozen = version !== undefined || showsFrozen(p, status);
  const frozen = showFrozen ? await frozenOf(db, id, version) : null;
  let model, fields, template;
  if (frozen) {
    const f = frozen.frozen;
    model = f.model;
    template = { id: f.template.id, key: f.template.key, version: f.template.version, name: f.template.name };
    const tpl = compileTemplate(f.template.body);
    fields = tpl.narratives.map((d) => ({ key: d.key, label: d.label, line: d.line, kind: d.kind, points: d.points, default: '', value: f.narrative[d.key] ?? null, editable: false }));
  } else {
    const live = await liveReport(db, r);
    model = live.model;
    template = { id: live.templateRow.id, key: live.templateRow.key, version: live.templateRow.version, name: live.templateRow.name };
    const editable = isEditable(status);
    fields = narrativeFields(live).map((f) => ({ ...f, value: live.narrative[f.key] ?? null, editable: editable && canEditField(p, f) }));
  }
  const latest = versions[0];
  return {
    id,
    org: { code: r.org.code, name: r.org.name },
    period: r.row.period,
    status,
    statusLabel: STATUS_LABELS[status],
    updatedAt: r.row.updated_at,
    template,
    view: { frozen: !!frozen, version: frozen?.version ?? null },
    title: model.title,
    html: renderHtmlFragment(model),
    facts: model.facts.map(({ records, ...f }) => ({ ...f, records: records.length })),
    diagnostics: model.diagnostics,
    narrative: fields,
    versions: versions.map((v) => ({
      version: v.version,
      submittedAt: v.submitted_at,
      submittedBy: v.submitted_by ? (names.get(v.submitted_by) ?? null) : null,
      reviewStatus: v.review_status,
      reviewStatusLabel: v.review_status ? STATUS_LABELS[v.review_status as ReportStatus] : '待审核',
      reviewComment: v.review_comment,
      reviewedAt: v.reviewed_at,
      reviewedBy: v.reviewed_by ? (names.get(v.reviewed_by) ?? null) : null,
    })),
    previous: await previousFacts(db, r),
    can: {
      edit: isEditable(status) && fields.some((f) => f.editable),
      submit: isEditable(status) && p.roles.includes('secretary'),
      review: isReviewer(p) && status === 'submitted' && !!latest && !latest.review_status,
    },
  };
}

export default async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get('/api/reports', { schema: { tags: ['报告'], summary: '可见的季度报告', querystring: z.object({ org: z.string().max(64).optional(), period: period.optional() }) } }, async (req) => {
    const org = await scopeOrg(req, req.query.org);
    return listReports(db(), principalOf(req), { org, period: req.query.period });
  });

  r.post('/api/reports', { schema: { tags: ['报告'], summary: '打开（或新建）某镇某季度的报告草稿', body: z.object({ org: z.string().min(1).max(64), period }) } }, async (req, reply) => {
    try {
      const id = await openReport(db(), principalOf(req), req.body.org, req.body.period);
      return reply.code(201).send({ id });
    } catch (e) {
      if (e instanceof PeriodError) throw new HttpError(400, e.message);
      throw e;
    }
  });

  r.get('/api/reports/:id', { schema: { tags: ['报告'], summary: '报告详情：草稿为实时计算，已提交为冻结内容；含各版本', params: idParams, querystring: versionQuery } }, async (req) =>
    detail(app, principalOf(req), req.params.id, req.query.version),
  );

  r.patch(
    '/api/reports/:id',
    { schema: { tags: ['报告'], summary: '修改叙述段落（null 恢复模板默认）', params: idParams, body: z.object({ narrative: z.record(z.string().max(60), z.string().max(20000).nullable()) }) } },
    async (req) => {
      await updateNarrative(db(), principalOf(req), req.params.id, req.body.narrative);
      return detail(app, principalOf(req), req.params.id);
    },
  );

  r.get(
    '/api/reports/:id/render',
    { schema: { tags: ['报告'], summary: '导出报告（docx、pdf、html、md、txt、json；pdf 需服务器安装 LibreOffice）', params: idParams, querystring: versionQuery.extend({ format: z.enum(REPORT_FORMATS) }) } },
    async (req, reply) => {
      const p = principalOf(req);
      const rep = await loadReport(db(), p, req.params.id);
      const { format, version } = req.query;
      const { model, version: shown } = await currentModel(db(), p, rep, version, format === 'json');
      const body = await renderFormat(format, model, shown ? async () => (await versionDocx(db(), p, rep.row.id, shown)).bytes : null);
      const name = `${rep.row.period}-${rep.org.name}-季度报告${shown ? `-第${shown}版` : '-草稿'}.${format}`;
      return reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', attachment(name)).header('cache-control', 'no-store').send(body);
    },
  );

  r.get('/api/reports/:id/check', { schema: { tags: ['报告'], summary: '核查报告文本', params: idParams, querystring: versionQuery } }, async (req) =>
    checkReport(db(), principalOf(req), req.params.id, req.query.version),
  );

  r.post('/api/reports/:id/submit', { schema: { tags: ['报告'], summary: '提交报告（冻结数字、来源记录、叙述、模板、文本与 Word）', params: idParams } }, async (req) => {
    const version = await submitReport(db(), principalOf(req), req.params.id);
    return { version };
  });

  r.post(
    '/api/reports/:id/versions/:v/review',
    { schema: { tags: ['报告'], summary: '县级审核：退回（须填意见）或通过', params: versionParams, body: z.object({ decision: z.enum(['return', 'accept']), comment: z.string().max(2000).default('') }) } },
    async (req) => {
      await reviewReport(db(), principalOf(req), req.params.id, req.params.v, req.body.decision, req.body.comment);
      return { ok: true };
    },
  );

  r.get('/api/reports/:id/versions/:v/docx', { schema: { tags: ['报告'], summary: '下载某版本的 Word 文件', params: versionParams } }, async (req, reply) => {
    const { bytes, filename } = await versionDocx(db(), principalOf(req), req.params.id, req.params.v);
    return reply.header('content-type', CONTENT_TYPES.docx).header('content-disposition', attachment(filename)).header('cache-control', 'no-store').send(bytes);
  });

  r.get(
    '/api/reports/:id/versions/:v/records',
    { schema: { tags: ['报告'], summary: '提交时某个数字背后的记录（按权限过滤）', params: versionParams, querystring: z.object({ metric: z.string().max(80) }) } },
    async (req) => {
      const p = principalOf(req);
      await loadReport(db(), p, req.params.id);
      const f = await frozenOf(db(), req.params.id, req.params.v);
      const fact = f?.frozen.model.facts.find((x) => x.metric === req.query.metric);
      if (!f || !fact) throw new HttpError(404, '该版本中没有这个数字');
      const ids = f.frozen.values[fact.metric]?.records ?? fact.records;
      const items: RecordOut[] = [];
      let hidden = 0;
      for (const rid of ids.slice(0, 500)) {
        try {
          items.push(await getRecord(db(), p, rid));
        } catch {
          hidden++;
        }
      }
      return { metric: { id: fact.metric, label: fact.label, unit: fact.unit }, value: fact.value, text: fact.text, total: ids.length, hidden, items };
    },
  );
}
