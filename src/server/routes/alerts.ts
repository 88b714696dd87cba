import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BUSINESS_ROLES, type Role } from '../../shared/roles.ts';
import { requireUser, scopeOrg } from '../guard.ts';
import { principalOf } from '../principal.ts';
import { readDb } from '../read.ts';
import { contentDisposition } from '../../files/disposition.ts';
import { actOnAlert, countOpen, listComputed, listStored, summarize, type AlertFilter } from '../../alerts/query.ts';
import { ALERT_HANDLER_ROLES } from '../../alerts/access.ts';
import { digestFor } from '../../alerts/digest.ts';
import { exportAlerts } from '../../alerts/export.ts';
import { runAlertJob } from '../../alerts/background.ts';
import { DAILY_AT } from '../../alerts/schedule.ts';
import { today } from '../../shared/today.ts';
import { CALENDAR_KEY, getNotifySettings, publicNotifySettings } from '../../alerts/config.ts';
import { ruleList, saveNotifySettings, saveSetting, setRuleParams } from '../../alerts/settings.ts';
import { sendTestEmail } from '../../alerts/notify.ts';
import { getSetting } from '../../auth/settings.ts';
import { actorOfRequest } from '../guard.ts';
import { SEVERITIES, type Severity } from '../../alerts/types.ts';
import { HOLIDAYS } from '../../alerts/holidays.ts';
import { assignees } from '../../alerts/assignees.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const listQuery = z.object({
  org: z.string().max(64).optional(),
  date: isoDate.optional(),
  severity: z.string().max(40).optional(),
  rule: z.string().max(80).optional(),
  status: z.enum(['open', 'acknowledged', 'resolved', 'active', 'all']).optional(),
  assignee: z.string().max(60).optional(),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});
const CONFIG_ROLES: Role[] = ['admin', 'countyReviewer'];
const RECOMPUTE_ROLES: Role[] = ['secretary', 'discipline', 'countyReviewer'];

function filterOf(q: z.infer<typeof listQuery>): AlertFilter {
  const severity = (q.severity ?? '').split(',').filter((s): s is Severity => (SEVERITIES as readonly string[]).includes(s));
  return { severity, rule: q.rule, status: q.status, assignee: q.assignee, q: q.q, page: q.page, pageSize: q.pageSize };
}

export default async function alertRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;
  const schedule = app.alertScheduler;

  r.get(
    '/api/alerts',
    { schema: { tags: ['预警'], summary: '预警列表（默认为预警中心已存储的预警；带 date 时按该日计算）', querystring: listQuery } },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const org = await scopeOrg(req, req.query.org);
      const p = principalOf(req);
      return req.query.date ? listComputed(db(), p, org, req.query.date, filterOf(req.query)) : listStored(db(), p, org, filterOf(req.query));
    },
  );

  r.get(
    '/api/alerts/summary',
    {
      schema: {
        tags: ['预警'],
        summary: '各县（市、省级）或各镇（县级）的预警汇总：同一筛选条件下按等级、状态、逾期计数',
        querystring: listQuery.omit({ date: true, page: true, pageSize: true }),
      },
    },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      const org = await scopeOrg(req, req.query.org);
      return summarize(db(), principalOf(req), org, filterOf(req.query));
    },
  );

  r.get(
    '/api/alerts/count',
    { schema: { tags: ['预警'], summary: '未处理预警数（角标）', querystring: z.object({ org: z.string().max(64).optional() }) } },
    async (req) => {
      requireUser(req, BUSINESS_ROLES);
      return countOpen(db(), principalOf(req), await scopeOrg(req, req.query.org));
    },
  );

  r.get(
    '/api/alerts/digest',
    { schema: { tags: ['预警'], summary: '当前用户的每日预警摘要', querystring: z.object({ date: isoDate.optional() }) } },
    async (req) => {
      const u = requireUser(req, BUSINESS_ROLES);
      return digestFor(db(), principalOf(req), u.name, req.query.date ?? today());
    },
  );

  r.get(
    '/api/alerts/export',
    { schema: { tags: ['预警'], summary: '导出预警（xlsx 或带 BOM 的 CSV）', querystring: listQuery.extend({ format: z.enum(['xlsx', 'csv']).optional() }) } },
    async (req, reply) => {
      requireUser(req, BUSINESS_ROLES);
      const org = await scopeOrg(req, req.query.org);
      const format = req.query.format ?? 'xlsx';
      // Read from the replica when there is one (docs/scale.md); the audit entry goes to the primary.
      const file = await exportAlerts(readDb(req), principalOf(req), org, { date: req.query.date, filter: filterOf(req.query), format }, db());
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.filename))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  r.get('/api/alerts/rules', { schema: { tags: ['预警'], summary: '预警规则及其参数（含县级配置）' } }, async (req) => {
    requireUser(req);
    return ruleList(
      db(),
      principalOf(req),
      req.user!.roles.some((x) => CONFIG_ROLES.includes(x)),
    );
  });

  r.put(
    '/api/alerts/config',
    { schema: { tags: ['预警'], summary: '修改规则参数（县级）', body: z.object({ params: z.record(z.string(), z.record(z.string(), z.number())) }) } },
    async (req) => {
      const u = requireUser(req, CONFIG_ROLES);
      await setRuleParams(db(), actorOfRequest(req), u.id, req.body.params);
      return { ok: true };
    },
  );

  const settingRoute = <T extends z.ZodTypeAny>(path: string, key: string, schema: T, summary: string) => {
    r.get(path, { schema: { tags: ['预警'], summary } }, async (req) => {
      requireUser(req, CONFIG_ROLES);
      return getSetting(db(), key, {});
    });
    r.put(path, { schema: { tags: ['预警'], summary, body: schema } }, async (req) => {
      const u = requireUser(req, CONFIG_ROLES);
      await saveSetting(db(), actorOfRequest(req), u.id, key, req.body);
      return { ok: true };
    });
  };
  const notifyBody = z.object({
    webhookUrl: z.string().url('推送地址应为 http(s) 网址').max(500).optional().or(z.literal('')),
    minSeverity: z.enum(['info', 'warning', 'error']).optional(),
    includeDisciplineOnly: z.boolean().optional(),
    emailTo: z.array(z.string().email('收件人邮箱格式不正确').max(200)).max(50, '收件人最多 50 个').optional(),
    digest: z.boolean().optional(),
    dailyAt: z.string().regex(DAILY_AT, '每日运行时间应为 24 小时制的 HH:MM，如 06:30').optional(),
    smtp: z
      .object({
        host: z.string().trim().min(1, '请填写邮件服务器地址').max(200),
        port: z.number().int().min(1).max(65535, '端口应为 1–65535').optional(),
        secure: z.boolean().optional(),
        user: z.string().max(200).optional(),
        pass: z.string().max(200).optional(),
        from: z.string().trim().min(3, '请填写发件人').max(200),
      })
      .optional()
      .nullable(),
  });
  r.get('/api/alerts/settings/notify', { schema: { tags: ['预警'], summary: '预警推送设置（Webhook、邮件）；不返回邮件密码' } }, async (req) => {
    requireUser(req, CONFIG_ROLES);
    const s = await getNotifySettings(db());
    schedule.follow(s.dailyAt);
    return { ...publicNotifySettings(s), schedule: schedule.status() };
  });
  r.put(
    '/api/alerts/settings/notify',
    { schema: { tags: ['预警'], summary: '预警推送设置（Webhook、邮件）；邮件密码留空则保持不变', body: notifyBody } },
    async (req) => {
      const u = requireUser(req, CONFIG_ROLES);
      const next = await saveNotifySettings(db(), actorOfRequest(req), u.id, { ...req.body, smtp: req.body.smtp ?? undefined });
      schedule.follow(next.dailyAt);
      return { ok: true };
    },
  );
  r.post(
    '/api/alerts/settings/notify/test',
    { schema: { tags: ['预警'], summary: '用已保存的设置发送一封测试邮件' }, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (req) => {
      requireUser(req, CONFIG_ROLES);
      return sendTestEmail(await getNotifySettings(db()));
    },
  );
  settingRoute(
    '/api/alerts/settings/calendar',
    CALENDAR_KEY,
    z.object({ off: z.array(isoDate).max(400).optional(), work: z.array(isoDate).max(400).optional() }),
    '工作日历：补充放假日和调休上班日',
  );

  r.get('/api/alerts/holidays', { schema: { tags: ['预警'], summary: '内置法定节假日和调休安排' } }, async (req) => {
    requireUser(req);
    return HOLIDAYS;
  });

  r.post(
    '/api/alerts/recompute',
    {
      schema: { tags: ['预警'], summary: '立即重新计算预警', body: z.object({ org: z.string().max(64).optional(), all: z.boolean().optional() }) },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req) => {
      const u = requireUser(req, RECOMPUTE_ROLES);
      const job =
        req.body.all && u.org.kind === 'county'
          ? ({ kind: 'all', date: today() } as const)
          : ({ kind: 'org', orgId: (await scopeOrg(req, req.body.org)).id, date: today() } as const);
      const res = await runAlertJob(app.db, job);
      return { total: res.total, opened: res.opened, resolved: res.resolved };
    },
  );

  r.get('/api/alerts/assignees', { schema: { tags: ['预警'], summary: '可指派的人员（本组织范围内的业务账号）' } }, async (req) => {
    const u = requireUser(req, ALERT_HANDLER_ROLES);
    return assignees(db(), u.org);
  });

  for (const action of ['acknowledge', 'assign', 'resolve', 'reopen'] as const) {
    r.post(
      `/api/alerts/:id/${action}`,
      {
        schema: {
          tags: ['预警'],
          summary: { acknowledge: '确认预警', assign: '指派预警', resolve: '办结预警（须填写说明）', reopen: '重新打开预警' }[action],
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({ note: z.string().max(2000).optional(), assignee: z.string().max(60).optional() }),
        },
      },
      async (req) => {
        // Reviewers see alerts and handle none (docs/security.md, "Alerts"); actOnAlert refuses them too.
        requireUser(req, ALERT_HANDLER_ROLES);
        return actOnAlert(db(), principalOf(req), req.params.id, action, req.body);
      },
    );
  }
}
