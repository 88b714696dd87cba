/**
 * Notifications of newly opened alerts: in the app they show as the badge and the digest; when
 * the county configures a webhook (setting `alerts.notify`), they are POSTed there as JSON.
 * Discipline-only alerts are left out unless the setting includes them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getNotifySettings, type NotifySettings } from './config.ts';
import { getRule } from './rules/index.ts';
import { severityRank, type Finding } from './types.ts';

export interface WebhookPayload {
  event: 'alerts.opened';
  at: string;
  count: number;
  alerts: { key: string; rule: string; title: string; severity: string; org: string; orgName: string; message: string; dueOn: string | null }[];
}

export function selectForWebhook(opened: Finding[], s: NotifySettings): Finding[] {
  return opened.filter((f) => severityRank(f.severity) >= severityRank(s.minSeverity ?? 'warning') && (s.includeDisciplineOnly || !getRule(f.rule)?.disciplineOnly));
}

export async function notifyOpened(db: Kysely<Database>, opened: Finding[]): Promise<{ sent: number; status?: number; error?: string }> {
  if (!opened.length) return { sent: 0 };
  const s = await getNotifySettings(db);
  if (!s.webhookUrl || !/^https?:\/\//.test(s.webhookUrl)) return { sent: 0 };
  const chosen = selectForWebhook(opened, s);
  if (!chosen.length) return { sent: 0 };
  const orgIds = [...new Set(chosen.map((f) => f.orgId))];
  const orgs = new Map((await db.selectFrom('orgs').select(['id', 'code', 'name']).where('id', 'in', orgIds).execute()).map((o) => [o.id, o]));
  const payload: WebhookPayload = {
    event: 'alerts.opened',
    at: new Date().toISOString(),
    count: chosen.length,
    alerts: chosen.slice(0, 500).map((f) => ({
      key: f.key, rule: f.rule, title: getRule(f.rule)?.title ?? f.rule, severity: f.severity,
      org: orgs.get(f.orgId)?.code ?? '', orgName: orgs.get(f.orgId)?.name ?? '', message: f.message, dueOn: f.dueOn,
    })),
  };
  try {
    const res = await fetch(s.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'luoshi-alerts/1' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    return { sent: chosen.length, status: res.status };
  } catch (e) {
    process.stderr.write(`预警推送失败（${s.webhookUrl}）：${(e as Error).message}\n`);
    return { sent: 0, error: (e as Error).message };
  }
}
