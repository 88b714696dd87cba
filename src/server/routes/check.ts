import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkText,
  readReport,
  subjectFromOrg,
  ReportReadError,
  RuleConfigError,
  type RuleConfig,
  type Subject,
  type CheckFinding,
} from '../../check/index.ts';
import { getSetting } from '../../auth/settings.ts';
import { BUSINESS_ROLES } from '../../shared/roles.ts';
import { actorOfRequest, requireUser, scopeOrg } from '../guard.ts';
import type { Role } from '../../shared/roles.ts';
import { FORMULATIONS, ORDERED_LISTS } from '../../check/data/formulations.ts';
import { countyOf, getCountyFormulations, putCountyFormulations, withCountyFormulations } from '../../check/county-formulations.ts';

import { HttpError } from '../errors.ts';
import { ledgerData, reportPeriod } from '../../check/ledger-data.ts';
import type { CheckData } from '../../check/types.ts';

/** Who may change a county's formulations (as the alert settings). */
const FORMULATION_ROLES: Role[] = ['admin', 'countyReviewer'];

const hanText = (max: number) => z.string().trim().min(2, '表述至少两个字').max(max, `表述不超过${max}个字`);
const formulationsBody = z.object({
  entries: z
    .array(
      z.object({
        text: hanText(40),
        wrong: z.array(hanText(40)).max(20).optional(),
        near: z.array(hanText(40)).max(20).optional(),
        cue: z
          .string()
          .max(100)
          .regex(/^[\u4e00-\u9fa5|]*$/, '提示词只能是汉字，用“|”分隔')
          .optional(),
      }),
    )
    .max(500, '规范表述最多 500 条'),
  lists: z
    .array(z.object({ name: z.string().trim().min(1, '请填写清单名称').max(60), items: z.array(hanText(30)).min(2, '固定顺序至少两项').max(12) }))
    .max(100),
});
/** The report checker over HTTP: pasted text or an uploaded .docx/.txt/.md. */
export default async function checkRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  async function run(req: FastifyRequest, text: string, orgCode?: string, period?: string) {
    requireUser(req, BUSINESS_ROLES);
    let subject: Subject | undefined;
    let data: CheckData | undefined;
    const org = await scopeOrg(req, orgCode);
    if (orgCode) {
      subject = await subjectFromOrg(db(), org.code);
      // The same values GET /api/metrics gives this user: the report's numbers against its ledgers.
      const p = reportPeriod(text, period);
      if (p) data = await ledgerData(db(), org, p);
    }
    // The county's own formulations (规范表述) join the built-in dictionary.
    const config = withCountyFormulations(await getSetting<RuleConfig>(db(), 'checkRules', {}), await getCountyFormulations(db(), await countyOf(db(), org)));
    let findings: CheckFinding[];
    try {
      findings = checkText(text, { subject, period, config, data });
    } catch (e) {
      if (e instanceof RuleConfigError) throw new HttpError(500, `核查规则配置有误：${e.message}`);
      throw e;
    }
    return {
      text,
      period: data ? reportPeriod(text, period) : undefined,
      findings: findings.map(({ rule, severity, message, excerpt, line, column, metric, fix }) => ({
        rule,
        severity,
        message,
        excerpt,
        line,
        column,
        ...(metric ? { metric } : {}),
        ...(fix ? { fix } : {}),
      })),
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    };
  }

  r.post(
    '/api/check',
    {
      schema: {
        tags: ['核查'],
        summary: '核查粘贴的报告文本',
        body: z.object({
          text: z.string().min(1, '请粘贴报告内容').max(500_000),
          org: z.string().max(64).optional(),
          period: z
            .string()
            .regex(/^\d{4}Q[1-4]$/, '报告期格式应为如 2023Q4')
            .optional(),
        }),
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req) => run(req, req.body.text, req.body.org, req.body.period),
  );

  r.get('/api/check/formulations', { schema: { tags: ['核查'], summary: '规范表述：内置词典与本县增加的表述、固定顺序' } }, async (req) => {
    requireUser(req);
    const county = await countyOf(db(), await scopeOrg(req));
    return {
      county: county ? { code: county.code, name: county.name } : null,
      builtIn: { entries: FORMULATIONS, lists: ORDERED_LISTS },
      ...(await getCountyFormulations(db(), county)),
      editable: !!county && req.user!.roles.some((x) => FORMULATION_ROLES.includes(x)),
    };
  });

  r.put(
    '/api/check/formulations',
    { schema: { tags: ['核查'], summary: '保存本县增加的规范表述和固定顺序（记入审计日志）', body: formulationsBody } },
    async (req) => {
      const u = requireUser(req, FORMULATION_ROLES);
      const county = await countyOf(db(), await scopeOrg(req));
      if (!county) throw new HttpError(400, '当前账号不属于任何县，无法保存本县规范表述');
      await putCountyFormulations(db(), actorOfRequest(req), county, { entries: req.body.entries, lists: req.body.lists }, u.id);
      return { ok: true };
    },
  );

  r.post(
    '/api/check/file',
    {
      schema: {
        tags: ['核查'],
        summary: '核查上传的报告（.docx / .txt / .md）',
        querystring: z.object({
          org: z.string().max(64).optional(),
          period: z
            .string()
            .regex(/^\d{4}Q[1-4]$/)
            .optional(),
        }),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
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
