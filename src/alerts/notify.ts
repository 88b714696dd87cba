/**
 * Notifications of newly opened alerts: in the app they show as the badge and the digest; when
 * the county configures a webhook (setting `alerts.notify`), they are POSTed there as JSON, and
 * when it configures a mail server and recipients, they are e-mailed as plain Chinese text.
 * Discipline-only alerts are left out unless the setting includes them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import os from 'node:os';
import nodemailer from 'nodemailer';
import { getNotifySettings, type NotifySettings, type SmtpSettings } from './config.ts';
import { decrypt, isEncrypted } from '../ledger/secret.ts';
import { digestText, userDigest } from './digest.ts';
import { ADMIN_ROLES, type Role } from '../shared/roles.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { getRule } from './rules/index.ts';
import { SEVERITY_LABELS, severityRank, type AlertFinding } from './types.ts';

export interface WebhookPayload {
  event: 'alerts.opened';
  at: string;
  count: number;
  alerts: { key: string; rule: string; title: string; severity: string; org: string; orgName: string; message: string; dueOn: string | null }[];
}

export function selectForWebhook(opened: AlertFinding[], s: NotifySettings): AlertFinding[] {
  return opened.filter(
    (f) => severityRank(f.severity) >= severityRank(s.minSeverity ?? 'warning') && (s.includeDisciplineOnly || !getRule(f.rule)?.disciplineOnly),
  );
}

export interface NotifyResult {
  /** Alerts posted to the webhook. */
  sent: number;
  status?: number;
  error?: string;
  /** Alerts e-mailed (in one message), and the mail server's refusal if any. */
  emailed?: number;
  emailError?: string;
}

type OrgNames = Map<number, { code: string; name: string }>;

export async function notifyOpened(db: Kysely<Database>, opened: AlertFinding[]): Promise<NotifyResult> {
  if (!opened.length) return { sent: 0 };
  const s = await getNotifySettings(db);
  const hook = Boolean(s.webhookUrl && /^https?:\/\//.test(s.webhookUrl));
  const mail = Boolean(s.smtp?.host && s.smtp.from && s.emailTo?.length);
  if (!hook && !mail) return { sent: 0 };
  const chosen = selectForWebhook(opened, s);
  if (!chosen.length) return { sent: 0 };
  const orgIds = [...new Set(chosen.map((f) => f.orgId))];
  const orgs: OrgNames = new Map((await db.selectFrom('orgs').select(['id', 'code', 'name']).where('id', 'in', orgIds).execute()).map((o) => [o.id, o]));
  const [web, email] = await Promise.all([
    hook ? postWebhook(s.webhookUrl!, chosen, orgs) : { sent: 0 },
    mail ? sendEmail(s.smtp!, s.emailTo!, chosen, orgs) : {},
  ]);
  return { ...web, ...email };
}

async function postWebhook(url: string, chosen: AlertFinding[], orgs: OrgNames): Promise<NotifyResult> {
  const payload: WebhookPayload = {
    event: 'alerts.opened',
    at: new Date().toISOString(),
    count: chosen.length,
    alerts: chosen.slice(0, 500).map((f) => ({
      key: f.key,
      rule: f.rule,
      title: getRule(f.rule)?.title ?? f.rule,
      severity: f.severity,
      org: orgs.get(f.orgId)?.code ?? '',
      orgName: orgs.get(f.orgId)?.name ?? '',
      message: f.message,
      dueOn: f.dueOn,
    })),
  };
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'luoshi-alerts/1' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    return { sent: chosen.length, status: res.status };
  } catch (e) {
    process.stderr.write(`预警推送失败（${url}）：${(e as Error).message}\n`);
    return { sent: 0, error: (e as Error).message };
  }
}

/** The e-mail: subject with the count, one numbered line per alert (at most 200), plain text. */
export function emailText(chosen: AlertFinding[], orgs: OrgNames): { subject: string; text: string } {
  const worst = chosen.some((f) => f.severity === 'error') ? '（含逾期/违规）' : '';
  const lines = chosen.slice(0, 200).map((f, i) => {
    const o = orgs.get(f.orgId);
    return `${i + 1}. 【${SEVERITY_LABELS[f.severity]}】${getRule(f.rule)?.title ?? f.rule} · ${o?.name ?? ''}${f.dueOn ? ` · 期限 ${f.dueOn}` : ''}\n   ${f.message}`;
  });
  const more = chosen.length > 200 ? [`……另有 ${chosen.length - 200} 条，请登录系统在预警中心查看。`] : [];
  return {
    subject: `【落实】新增预警 ${chosen.length} 条${worst}`,
    text: [
      `落实系统新增 ${chosen.length} 条预警：`,
      '',
      ...lines,
      ...more,
      '',
      '请登录系统在“预警中心”确认、指派或办结。本邮件由系统自动发送，请勿回复。',
    ].join('\n'),
  };
}

/** A test message through the configured mail server, to check the settings. */
export async function sendTestEmail(s: NotifySettings): Promise<Pick<NotifyResult, 'emailed' | 'emailError'>> {
  if (!s.smtp?.host || !s.smtp.from || !s.emailTo?.length) return { emailed: 0, emailError: '尚未设置邮件服务器、发件人和收件人' };
  const r = await sendMessage(s.smtp, s.emailTo, '【落实】预警邮件设置测试', '这是一封测试邮件：收到即表示预警邮件设置正确。本邮件由系统自动发送，请勿回复。');
  return r.ok ? { emailed: 1 } : { emailed: 0, emailError: r.error };
}

/**
 * The daily digest by e-mail: every enabled account with an address and a business role gets its
 * own digest (what is assigned to it, new since yesterday, due within 7 days), when there is
 * something in it. Once per date, however often the daily run starts: the date's row in
 * `alert_digest_runs` is claimed first (insert … on conflict do nothing), and only the process
 * whose insert took it sends (a second server or a restart finds it taken). A run that dies
 * midway is not resumed: a missing digest is better than a second one.
 */
export async function sendDigests(db: Kysely<Database>, date: string): Promise<{ sent: number; failed: number; skipped?: string }> {
  const s = await getNotifySettings(db);
  if (!s.digest || !s.smtp?.host || !s.smtp.from) return { sent: 0, failed: 0, skipped: '未开启邮件摘要' };
  if (!(await claimDigest(db, date))) return { sent: 0, failed: 0, skipped: '今日已发送' };
  const users = (
    await db.selectFrom('users').select(['username', 'email', 'roles']).where('disabled', '=', 0).where('email', 'is not', null).orderBy('id').execute()
  ).filter((u) => u.email && parseJson<Role[]>(u.roles).some((r) => !ADMIN_ROLES.includes(r)));
  let sent = 0;
  let failed = 0;
  for (const u of users) {
    const d = await userDigest(db, u.username, date);
    if (!d || d.assigned.length + d.fresh.length + d.dueSoon.length === 0) continue;
    const subject = `【落实】${date} 预警摘要：指派给您 ${d.assigned.length} 条，新增 ${d.fresh.length} 条，7日内到期 ${d.dueSoon.length} 条`;
    const r = await sendMessage(s.smtp, [u.email!], subject, `${digestText(d)}\n\n请登录系统在“预警中心”处理。本邮件由系统自动发送，请勿回复。`);
    if (r.ok) sent++;
    else failed++;
  }
  await db.updateTable('alert_digest_runs').set({ finished_at: nowIso(), sent, failed }).where('date', '=', date).execute();
  return { sent, failed };
}

/** Takes the date's digest for this process; false when another (or an earlier) run has it. */
export async function claimDigest(db: Kysely<Database>, date: string): Promise<boolean> {
  const row = await db
    .insertInto('alert_digest_runs')
    .values({ date, claimed_at: nowIso(), claimed_by: `${os.hostname()}:${process.pid}`, finished_at: null, sent: null, failed: null })
    .onConflict((oc) => oc.column('date').doNothing())
    .returning('date')
    .executeTakeFirst();
  return row !== undefined;
}

async function sendEmail(smtp: SmtpSettings, to: string[], chosen: AlertFinding[], orgs: OrgNames): Promise<Pick<NotifyResult, 'emailed' | 'emailError'>> {
  const m = emailText(chosen, orgs);
  const r = await sendMessage(smtp, to, m.subject, m.text);
  return r.ok ? { emailed: chosen.length } : { emailed: 0, emailError: r.error };
}

/** One plain-text message through the county's mail server; a failure is logged and returned, never thrown. */
async function sendMessage(smtp: SmtpSettings, to: string[], subject: string, text: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const pass = smtp.pass ? (isEncrypted(smtp.pass) ? decrypt(smtp.pass) : smtp.pass) : undefined;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port ?? (smtp.secure ? 465 : 25),
    secure: Boolean(smtp.secure),
    auth: smtp.user ? { user: smtp.user, pass } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: smtp.from, to, subject, text });
    return { ok: true };
  } catch (e) {
    process.stderr.write(`预警邮件发送失败（${smtp.host}）：${(e as Error).message}\n`);
    return { ok: false, error: (e as Error).message };
  } finally {
    transport.close();
  }
}
