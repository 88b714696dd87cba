import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../principal.ts';
import { scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import {
  checkReport,
  currentModel,
  factRecords,
  listReports,
  loadReport,
  openReport,
  reportDetail,
  reviewReport,
  submitReport,
  updateNarrative,
  versionDocx,
} from '../../report/service.ts';
import { CONTENT_TYPES, REPORT_FORMATS, PdfConversionError, PdfUnavailableError, docxToPdf, renderReport } from '../../report/render/index.ts';

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
async function renderFormat(
  format: (typeof REPORT_FORMATS)[number],
  model: Parameters<typeof renderReport>[0],
  frozenDocx: (() => Promise<Buffer>) | null,
): Promise<Buffer> {
  try {
    if (frozenDocx && format === 'docx') return await frozenDocx();
    if (frozenDocx && format === 'pdf') return await docxToPdf(await frozenDocx());
    return await renderReport(model, format);
  } catch (e) {
    if (e instanceof PdfUnavailableError || e instanceof PdfConversionError) throw new HttpError(e.status, e.message);
    throw e;
  }
}

export default async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.get(
    '/api/reports',
    { schema: { tags: ['报告'], summary: '可见的季度报告', querystring: z.object({ org: z.string().max(64).optional(), period: period.optional() }) } },
    async (req) => {
      const org = await scopeOrg(req, req.query.org);
      return listReports(db(), principalOf(req), { org, period: req.query.period });
    },
  );

  r.post(
    '/api/reports',
    { schema: { tags: ['报告'], summary: '打开（或新建）某镇某季度的报告草稿', body: z.object({ org: z.string().min(1).max(64), period }) } },
    async (req, reply) => {
      const id = await openReport(db(), principalOf(req), req.body.org, req.body.period);
      return reply.code(201).send({ id });
    },
  );

  r.get(
    '/api/reports/:id',
    { schema: { tags: ['报告'], summary: '报告详情：草稿为实时计算，已提交为冻结内容；含各版本', params: idParams, querystring: versionQuery } },
    async (req) => reportDetail(db(), principalOf(req), req.params.id, req.query.version),
  );

  r.patch(
    '/api/reports/:id',
    {
      schema: {
        tags: ['报告'],
        summary: '修改叙述段落（null 恢复模板默认）',
        params: idParams,
        body: z.object({ narrative: z.record(z.string().max(60), z.string().max(20000).nullable()) }),
      },
    },
    async (req) => {
      await updateNarrative(db(), principalOf(req), req.params.id, req.body.narrative);
      return reportDetail(db(), principalOf(req), req.params.id);
    },
  );

  r.get(
    '/api/reports/:id/render',
    {
      schema: {
        tags: ['报告'],
        summary: '导出报告（docx、pdf、html、md、txt、json；pdf 需服务器安装 LibreOffice）',
        params: idParams,
        querystring: versionQuery.extend({ format: z.enum(REPORT_FORMATS) }),
      },
    },
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

  r.post(
    '/api/reports/:id/submit',
    { schema: { tags: ['报告'], summary: '提交报告（冻结数字、来源记录、叙述、模板、文本与 Word）', params: idParams } },
    async (req) => {
      const version = await submitReport(db(), principalOf(req), req.params.id);
      return { version };
    },
  );

  r.post(
    '/api/reports/:id/versions/:v/review',
    {
      schema: {
        tags: ['报告'],
        summary: '县级审核：退回（须填意见）或通过',
        params: versionParams,
        body: z.object({ decision: z.enum(['return', 'accept']), comment: z.string().max(2000).default('') }),
      },
    },
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
    {
      schema: {
        tags: ['报告'],
        summary: '提交时某个数字背后的记录（按权限过滤）',
        params: versionParams,
        querystring: z.object({ metric: z.string().max(80) }),
      },
    },
    async (req) => {
      return factRecords(db(), principalOf(req), req.params.id, req.params.v, req.query.metric);
    },
  );
}
