import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { TEMPLATE_ROLES } from '../../report/service.ts';
import { readReport, ReportReadError } from '../../check/read.ts';
import { learnForTown, readForTown } from '../../reader/service.ts';
import type { Org } from '../../org/service.ts';
import { getMetric } from '../../metrics/catalog.ts';

const period = z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4');
const TEXT_MAX = 500_000;
const limit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

/** The town a report is read for: the given one or the user's own; it must be a town. */
async function town(req: FastifyRequest, code: string | undefined): Promise<Org> {
  requireUser(req, TEMPLATE_ROLES);
  const org = await scopeOrg(req, code);
  if (org.kind !== 'town') throw new HttpError(400, '请选择一个镇（街道）：数字要与该镇的台账对应');
  return org;
}

/** The number reader and template learning over HTTP (the 学习模板 page). */
export default async function readerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  r.post(
    '/api/reader/read',
    {
      schema: {
        tags: ['报告模板'],
        summary: '识读报告中的每个数字：对应的台账指标、把握与本期台账数值',
        body: z.object({ text: z.string().min(1, '请粘贴报告内容').max(TEXT_MAX), org: z.string().max(64).optional(), period }),
      },
      config: limit,
    },
    async (req) => readForTown(db(), await town(req, req.body.org), req.body.period, req.body.text),
  );

  r.post(
    '/api/reader/file',
    {
      schema: {
        tags: ['报告模板'],
        summary: '上传往期报告（.docx / .txt / .md）并识读其中的数字',
        querystring: z.object({ org: z.string().max(64).optional(), period }),
      },
      config: limit,
    },
    async (req) => {
      const org = await town(req, req.query.org);
      const file = await req.file();
      if (!file) throw new HttpError(400, '请选择往期报告文件');
      let text: string;
      try {
        text = await readReport(await file.toBuffer(), file.filename);
      } catch (e) {
        if (e instanceof ReportReadError) throw new HttpError(400, e.message);
        throw e;
      }
      return { fileName: file.filename, text, ...(await readForTown(db(), org, req.query.period, text)) };
    },
  );

  r.post(
    '/api/reader/learn',
    {
      schema: {
        tags: ['报告模板'],
        summary: '由往期报告生成模板正文（按用户的选择绑定指标，名称变为变量）',
        body: z.object({
          text: z.string().min(1, '请粘贴报告内容').max(TEXT_MAX),
          org: z.string().max(64).optional(),
          period,
          name: z.string().trim().min(1).max(100).optional(),
          /** "line:offset" → metric id, or null to keep the number as text. */
          choices: z.record(z.string().regex(/^\d+:\d+$/), z.string().max(80).nullable()).optional(),
        }),
      },
      config: limit,
    },
    async (req) => {
      const org = await town(req, req.body.org);
      const unknown = Object.values(req.body.choices ?? {}).find((m) => m !== null && !getMetric(m));
      if (unknown) throw new HttpError(400, `未知的指标：${unknown}`);
      return learnForTown(db(), org, req.body.period, req.body.text, req.body.choices, req.body.name);
    },
  );
}
