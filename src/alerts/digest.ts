/** The daily digest of one user: what is open in their scope, what is theirs, what is new, what falls due. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getOrgById } from '../org/service.ts';
import type { Principal } from '../ledger/principal.ts';
import type { Role } from '../shared/roles.ts';
import { addDays } from '../shared/dates.ts';
import { severityOrder, visibility, visibleAlerts } from './access.ts';
import { getRule } from './rules/index.ts';
import { SEVERITY_LABELS, type Severity } from './types.ts';

export interface DigestItem {
  id: number;
  rule: string;
  title: string;
  severity: string;
  orgName: string;
  message: string;
  dueOn: string | null;
  status: string;
}

export interface Digest {
  user: string;
  name: string;
  date: string;
  open: Record<Severity, number>;
  assigned: DigestItem[];
  fresh: DigestItem[];
  dueSoon: DigestItem[];
}

export async function digestFor(db: Kysely<Database>, p: Principal, name: string, date: string): Promise<Digest> {
  const v = await visibility(db, p);
  const base = () => visibleAlerts(db, p, v, p.org).where('a.status', '!=', 'resolved');
  const pick = ['a.id', 'a.rule', 'a.severity', 'a.message', 'a.due_on', 'a.status', 'o.name as org_name'] as const;
  const item = (r: { id: number; rule: string; severity: string; message: string; due_on: string | null; status: string; org_name: string }): DigestItem => ({
    id: r.id,
    rule: r.rule,
    title: getRule(r.rule)?.title ?? r.rule,
    severity: r.severity,
    orgName: r.org_name,
    message: r.message,
    dueOn: r.due_on,
    status: r.status,
  });
  const counts = await base()
    .select(['a.severity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.severity')
    .execute();
  const open = { info: 0, warning: 0, error: 0 } as Record<Severity, number>;
  for (const c of counts) open[c.severity as Severity] = Number(c.n);
  const since = `${addDays(date, -1)}T00:00:00`;
  return {
    user: p.username,
    name,
    date,
    open,
    assigned: (
      await base()
        .select([...pick])
        .where('a.assignee', '=', p.username)
        .orderBy(severityOrder)
        .orderBy('a.due_on')
        .limit(50)
        .execute()
    ).map(item),
    fresh: (
      await base()
        .select([...pick])
        .where('a.first_seen', '>=', since)
        .orderBy(severityOrder)
        .orderBy('a.id', 'desc')
        .limit(50)
        .execute()
    ).map(item),
    dueSoon: (
      await base()
        .select([...pick])
        .where('a.due_on', '>=', date)
        .where('a.due_on', '<=', addDays(date, 7))
        .orderBy('a.due_on')
        .limit(50)
        .execute()
    ).map(item),
  };
}

export async function userDigest(db: Kysely<Database>, username: string, date: string): Promise<Digest | null> {
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).where('disabled', '=', 0).executeTakeFirst();
  if (!u) return null;
  const org = await getOrgById(db, u.org_id);
  if (!org) return null;
  const p: Principal = { id: u.id, username: u.username, roles: JSON.parse(u.roles) as Role[], org };
  return digestFor(db, p, u.name, date);
}

export function digestText(d: Digest): string {
  const line = (i: DigestItem) => `  [${SEVERITY_LABELS[i.severity as Severity] ?? i.severity}] ${i.orgName}：${i.message}`;
  return [
    `${d.name}（${d.user}）${d.date} 预警摘要`,
    `未处理预警：逾期/违规 ${d.open.error} 条，预警 ${d.open.warning} 条，提示 ${d.open.info} 条`,
    '',
    `指派给我（${d.assigned.length}）：`,
    ...(d.assigned.length ? d.assigned.map(line) : ['  无']),
    '',
    `近一日新增（${d.fresh.length}）：`,
    ...(d.fresh.length ? d.fresh.map(line) : ['  无']),
    '',
    `7日内到期（${d.dueSoon.length}）：`,
    ...(d.dueSoon.length ? d.dueSoon.map(line) : ['  无']),
  ].join('\n');
}
