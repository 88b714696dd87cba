import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkText, readReport, subjectFromOrg, ReportReadError, RuleConfigError, type RuleConfig, type Subject, type Finding } from '../../check/index.ts';
import { getSetting } from '../../auth/settings.ts';
import { BUSINESS_ROLES } from '../../shared/roles.ts';
import { requireUser, scopeOrg } from '../guard.ts';
import { HttpError } from '../errors.ts';
import { ledgerData, reportPeriod } from '../../check/ledger-data.ts';
import type { CheckData } from '../../check/types.ts';

/** The report checker over HTTP: pasted text or an uploaded .docx/.txt/.md. */
export default async function checkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  async function run(req: FastifyRequest, text: string, orgCode?: string, period?: string) {
    requireUser(req, BUSINESS_ROLES);
    let subject: Subject | undefined;
    let data: CheckData | undefined;
    if (orgCode) {
      const org = await scopeOrg(req, orgCode);
      subject = await subjectFromOrg(db(), org.code);
      // The same values GET /api/metrics gives this user: the report's numbers against its ledgers.
      const p = reportPeriod(text, period);
      if (p) data = await ledgerData(db(), org, p);
    }
    const config = await getSetting<RuleConfig>(db(), 'checkRules', {});
    let findings: Finding[];
    try {
      findings = checkText(text, { subject, period, config, data });
    } catch (e) {
      if (e instanceof RuleConfigError) throw new HttpError(500, `核查规则配置有误：${e.message}`);
      throw e;
    }
    return {
      text,
      period: data ? reportPeriod(text, period) : undefined,
      findings: findings.map(({ rule, severity, message, excerpt, line, column, metric }) => ({ rule, severity, message, excerpt, line, column, ...(metric ? { metric } : {}) })),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    };
  }

  r.post(
    '/api/check',
    {
      schema: { tags: ['核查'], summary: '核查粘贴的报告文本', body: z.object({ text: z.string().min(1, '请粘贴报告内容').max(500_000), org: z.string().max(64).optional(), period: z.string().regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4').optional() }) },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => run(req, req.body.text, req.body.org, req.body.period),
  );

  r.post(
    '/api/check/file',
    { schema: { tags: ['核查'], summary: '核查上传的报告（.docx / .txt / .md）', querystring: z.object({ org: z.string().max(64).optional(), period: z.string().regex(/^\d{4}Q[1-4]$/).optional() }) }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const file = await req.file();
      if (!file) throw new HttpError(400, '请选择要核查的报告文件');
      const buf = await file.toBuffer();
      let text: string;
      try {
        text = await readReport(buf, file.filename);
      } catch (e) {
        if (e instanceof ReportReadError) throw new HttpError(400, e.message);
        throw e;
      }
      return { fileName: file.filename, ...(await run(req, text, req.query.org, req.query.period)) };
    },
  );
}
