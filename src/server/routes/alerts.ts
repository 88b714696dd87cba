import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BUSINESS_ROLES, type Role } from '../../shared/roles.ts';
import { requireUser, scopeOrg } from '../guard.ts';
import { principalOf } from '../principal.ts';
import { HttpError } from '../errors.ts';
import { contentDisposition } from '../../files/disposition.ts';
import { installAlertHooks } from '../../alerts/register.ts';
import { actOnAlert, countOpen, listComputed, listStored, type AlertFilter } from '../../alerts/query.ts';
import { digestFor } from '../../alerts/digest.ts';
import { alertsCsv, alertsXlsx } from '../../alerts/export.ts';
import { runAlertJob, startAlertWorker, stopAlertJobs } from '../../alerts/background.ts';
import { DAILY_AT, DailySchedule, passedToday } from '../../alerts/schedule.ts';
import { runElected } from '../../alerts/elect.ts';
import { today } from '../../shared/today.ts';
import { alertRules } from '../../alerts/rules/index.ts';
import { CALENDAR_KEY, getNotifySettings, loadConfig, mergeNotifySettings, NOTIFY_KEY, publicNotifySettings, ruleEnabled, ruleParams, saveParamOverrides, type ParamOverrides } from '../../alerts/config.ts';
import { sendTestEmail } from '../../alerts/notify.ts';
import { getSetting, putSetting } from '../../auth/settings.ts';
import { audit } from '../../audit/log.ts';
import { actorOfRequest } from '../guard.ts';
import { SEVERITIES, type Severity } from '../../alerts/types.ts';
import { visibility } from '../../alerts/access.ts';
import { HOLIDAYS } from '../../alerts/holidays.ts';
import { pathWithin } from '../../access/subtree.ts';

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
  installAlertHooks();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db.kysely;

  // The daily computation, in a worker thread (src/alerts/background.ts): once when the server
  // starts (alerts are current after a restart; the digest too when its time has passed today
  // and no process has sent it yet), then every day at the configured local time.
  let started = false;
  const daily = async (digest: boolean) => {
    try {
      const res = await runAlertJob(app.db, { kind: 'all', date: today(), digest });
      app.log.info({ alerts: res.total, opened: res.opened, resolved: res.resolved }, 'alerts recomputed');
      if (res.digests?.sent || res.digests?.failed) app.log.info(res.digests, 'alert digests e-mailed');
    } catch (e) {
      app.log.error(e, 'alerts recomputation failed');
    }
  };
  // Elected among server processes on one PostgreSQL (docs/scale.md): one runs it, once a day.
  const schedule = new DailySchedule(() => daily(true), { db: app.db, onSkip: (m) => app.log.info(m) });
  app.addHook('onListen', async () => {
    startAlertWorker(app.db); // a write's town-wide recomputation goes to it from now on
    if (process.env.LUOSHI_ALERTS_DAILY === '0' || started) return;
    started = true;
    const at = (await getNotifySettings(db())).dailyAt;
    schedule.set(at);
    schedule.start();
    setImmediate(() => void runElected(app.db, 'alerts.startup', () => daily(passedToday(at))).then((r) => !r.ran && app.log.info(r.reason)));
  });
  app.addHook('onClose', async () => {
    schedule.stop();
    await stopAlertJobs(app.db);
  });

  r.get('/api/alerts', { schema: { tags: ['预警'], summary: '预警列表（默认为预警中心已存储的预警；带 date 时按该日计算）', querystring: listQuery } }, async (req) => {
    requireUser(req, BUSINESS_ROLES);
    const org = await scopeOrg(req, req.query.org);
    const p = principalOf(req);
    return req.query.date ? listComputed(db(), p, org, req.query.date, filterOf(req.query)) : listStored(db(), p, org, filterOf(req.query));
  });

  r.get('/api/alerts/count', { schema: { tags: ['预警'], summary: '未处理预警数（角标）', querystring: z.object({ org: z.string().max(64).optional() }) } }, async (req) => {
    requireUser(req, BUSINESS_ROLES);
    return countOpen(db(), principalOf(req), await scopeOrg(req, req.query.org));
  });

  r.get('/api/alerts/digest', { schema: { tags: ['预警'], summary: '当前用户的每日预警摘要', querystring: z.object({ date: isoDate.optional() }) } }, async (req) => {
    const u = requireUser(req, BUSINESS_ROLES);
    return digestFor(db(), principalOf(req), u.name, req.query.date ?? today());
  });

  r.get('/api/alerts/export', { schema: { tags: ['预警'], summary: '导出预警（xlsx 或带 BOM 的 CSV）', querystring: listQuery.extend({ format: z.enum(['xlsx', 'csv']).optional() }) } }, async (req, reply) => {
    requireUser(req, BUSINESS_ROLES);
    const org = await scopeOrg(req, req.query.org);
    const p = principalOf(req);
    const f = { ...filterOf(req.query), page: 1, pageSize: 20_000 };
    const page = req.query.date ? await listComputed(db(), p, org, req.query.date, f) : await listStored(db(), p, org, f);
    const title = `${org.name}预警清单（${req.query.date ? `截至${req.query.date}` : `导出于${today()}`}）`;
    await audit(db(), actorOfRequest(req), { action: 'export', entity: 'alert', townId: org.townId, note: `${title}，${page.items.length}条` });
    const csv = req.query.format === 'csv';
    const body = csv ? alertsCsv(page.items) : await alertsXlsx(page.items, title);
    return reply
      .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`${title}.${csv ? 'csv' : 'xlsx'}`))
      .header('cache-control', 'no-store')
      .send(body);
  });

  r.get('/api/alerts/rules', { schema: { tags: ['预警'], summary: '预警规则及其参数（含县级配置）' } }, async (req) => {
    requireUser(req);
    const cfg = await loadConfig(db());
    const v = req.user!.roles.some((x) => CONFIG_ROLES.includes(x)) ? null : await visibility(db(), principalOf(req));
    return alertRules
      .filter((x) => !v || v.rules.includes(x.id))
      .map((x) => ({
        id: x.id, title: x.title, severity: x.severity, source: x.source, description: x.description, ledgers: x.ledgers, disciplineOnly: Boolean(x.disciplineOnly),
        enabled: ruleEnabled(x, cfg.overrides), params: Object.entries(x.params).map(([key, p]) => ({ key, ...p, value: ruleParams(x, cfg.overrides)[key] })),
      }));
  });

  r.put('/api/alerts/config', { schema: { tags: ['预警'], summary: '修改规则参数（县级）', body: z.object({ params: z.record(z.string(), z.record(z.string(), z.number())) }) } }, async (req) => {
    const u = requireUser(req, CONFIG_ROLES);
    const known = new Map(alertRules.map((x) => [x.id, x]));
    const clean: ParamOverrides = {};
    for (const [id, ps] of Object.entries(req.body.params)) {
      const rule = known.get(id);
      if (!rule) throw new HttpError(400, `未知的预警规则：${id}`);
      for (const [k, v] of Object.entries(ps)) {
        if (k !== 'enabled' && !(k in rule.params)) throw new HttpError(400, `规则 ${id} 没有参数 ${k}`);
        if (v < 0) throw new HttpError(400, `参数不能为负数：${id}.${k}`);
        (clean[id] ??= {})[k] = v;
      }
    }
    const before = (await loadConfig(db())).overrides;
    await saveParamOverrides(db(), clean, u.id);
    await audit(db(), actorOfRequest(req), { action: 'update', entity: 'setting', entityId: 'alerts.params', before, after: clean });
    return { ok: true };
  });

  const settingRoute = <T extends z.ZodTypeAny>(path: string, key: string, schema: T, summary: string) => {
    r.get(path, { schema: { tags: ['预警'], summary } }, async (req) => {
      requireUser(req, CONFIG_ROLES);
      return getSetting(db(), key, {});
    });
    r.put(path, { schema: { tags: ['预警'], summary, body: schema } }, async (req) => {
      const u = requireUser(req, CONFIG_ROLES);
      const before = await getSetting(db(), key, {});
      await putSetting(db(), key, req.body, u.id);
      await audit(db(), actorOfRequest(req), { action: 'update', entity: 'setting', entityId: key, before, after: req.body });
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
    schedule.set(s.dailyAt);
    return { ...publicNotifySettings(s), schedule: schedule.status() };
  });
  r.put('/api/alerts/settings/notify', { schema: { tags: ['预警'], summary: '预警推送设置（Webhook、邮件）；邮件密码留空则保持不变', body: notifyBody } }, async (req) => {
    const u = requireUser(req, CONFIG_ROLES);
    const before = await getNotifySettings(db());
    const next = mergeNotifySettings(before, { ...req.body, smtp: req.body.smtp ?? undefined });
    await putSetting(db(), NOTIFY_KEY, next, u.id);
    await audit(db(), actorOfRequest(req), { action: 'update', entity: 'setting', entityId: NOTIFY_KEY, before: publicNotifySettings(before), after: publicNotifySettings(next) });
    schedule.set(next.dailyAt);
    return { ok: true };
  });
  r.post('/api/alerts/settings/notify/test', { schema: { tags: ['预警'], summary: '用已保存的设置发送一封测试邮件' }, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async (req) => {
    requireUser(req, CONFIG_ROLES);
    return sendTestEmail(await getNotifySettings(db()));
  });
  settingRoute('/api/alerts/settings/calendar', CALENDAR_KEY, z.object({ off: z.array(isoDate).max(400).optional(), work: z.array(isoDate).max(400).optional() }), '工作日历：补充放假日和调休上班日');

  r.get('/api/alerts/holidays', { schema: { tags: ['预警'], summary: '内置法定节假日和调休安排' } }, async (req) => {
    requireUser(req);
    return HOLIDAYS;
  });

  r.post('/api/alerts/recompute', { schema: { tags: ['预警'], summary: '立即重新计算预警', body: z.object({ org: z.string().max(64).optional(), all: z.boolean().optional() }) }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req) => {
    const u = requireUser(req, RECOMPUTE_ROLES);
    const job = req.body.all && u.org.kind === 'county' ? ({ kind: 'all', date: today() } as const) : ({ kind: 'org', orgId: (await scopeOrg(req, req.body.org)).id, date: today() } as const);
    const res = await runAlertJob(app.db, job);
    return { total: res.total, opened: res.opened, resolved: res.resolved };
  });

  r.get('/api/alerts/assignees', { schema: { tags: ['预警'], summary: '可指派的人员（本组织范围内的业务账号）' } }, async (req) => {
    const u = requireUser(req, BUSINESS_ROLES);
    const rows = await db()
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select(['users.username', 'users.name', 'users.roles', 'orgs.name as org_name'])
      .where('users.disabled', '=', 0)
      .where((eb) => eb.or([pathWithin('orgs.path', u.org), eb('orgs.id', '=', u.org.townId ?? u.org.id)]))
      .orderBy('users.username')
      .execute();
    return rows.filter((x) => (JSON.parse(x.roles) as Role[]).some((role) => BUSINESS_ROLES.includes(role))).map((x) => ({ username: x.username, name: x.name, orgName: x.org_name }));
  });

  for (const action of ['acknowledge', 'assign', 'resolve', 'reopen'] as const) {
    r.post(
      `/api/alerts/:id/${action}`,
      { schema: { tags: ['预警'], summary: { acknowledge: '确认预警', assign: '指派预警', resolve: '办结预警（须填写说明）', reopen: '重新打开预警' }[action], params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ note: z.string().max(2000).optional(), assignee: z.string().max(60).optional() }) } },
      async (req) => {
        requireUser(req, BUSINESS_ROLES);
        return actOnAlert(db(), principalOf(req), req.params.id, action, req.body);
      },
    );
  }
}
