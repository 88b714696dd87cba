/**
 * The alert center's reads and actions for a signed-in user: the list (stored alerts, or
 * computed as of a date), the badge count, and acknowledge / assign / resolve / reopen with a
 * note, each audited.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertTable, Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { audit } from '../audit/log.ts';
import { actorOfPrincipal, type Principal } from '../ledger/principal.ts';
import { Forbidden, Invalid, NotFound } from '../util/errors.ts';
import type { Org } from '../org/service.ts';
import { computeFindings } from './engine.ts';
import { mayHandleAlerts, seesRecord, severityOrder, visibility, visibleAlerts, type Visibility } from './access.ts';
import { today } from '../shared/today.ts';
import { pathWithin } from '../access/subtree.ts';
import type { RecordRow } from '../access/records.ts';
import { alertWorkSettled } from './pending.ts';
import { assignees } from './assignees.ts';
import { getRule } from './rules/index.ts';
import type { Severity } from './types.ts';

export interface AlertFilter {
  severity?: Severity[];
  rule?: string;
  /** open | acknowledged | resolved | active (open or acknowledged, the default) | all */
  status?: string;
  assignee?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** What an alert's handling has reached. */
export type { AlertStatus } from '../shared/alerts.ts';
import type { AlertStatus } from '../shared/alerts.ts';

export interface AlertItem {
  id: number | null;
  key: string;
  rule: string;
  ruleTitle: string;
  disciplineOnly: boolean;
  org: string;
  orgName: string;
  record: number | null;
  severity: Severity;
  message: string;
  dueOn: string | null;
  status: AlertStatus;
  assignee: string | null;
  note: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  handledBy: string | null;
  handledAt: string | null;
}

export interface AlertPage {
  items: AlertItem[];
  total: number;
  page: number;
  pageSize: number;
  computed: boolean;
  date: string | null;
  /** Whether the user may handle alerts at all (reviewers may not: ./access.ts, `mayHandleAlerts`). */
  canHandle: boolean;
}

/** A stored alert row with its org, as the API returns it. */
function toItem(r: Selectable<AlertTable> & { org_code: string; org_name: string }): AlertItem {
  return {
    id: r.id,
    key: r.key,
    rule: r.rule,
    ...ruleMeta(r.rule),
    org: r.org_code,
    orgName: r.org_name,
    record: r.record_id,
    severity: r.severity as Severity,
    message: r.message,
    dueOn: r.due_on,
    status: r.status as AlertStatus,
    assignee: r.assignee,
    note: r.note,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    handledBy: r.handled_by,
    handledAt: r.handled_at,
  };
}

const ruleMeta = (id: string) => ({ ruleTitle: getRule(id)?.title ?? id, disciplineOnly: Boolean(getRule(id)?.disciplineOnly) });

/** The stored alerts `p` sees under `scope` that pass the filter (status, severity, rule, assignee, text). */
function filteredAlerts(db: Kysely<Database>, p: Principal, v: Visibility, scope: Org, f: AlertFilter) {
  let q = visibleAlerts(db, p, v, scope);
  const status = f.status ?? 'active';
  if (status === 'active') q = q.where('a.status', '!=', 'resolved');
  else if (status !== 'all') q = q.where('a.status', '=', status);
  if (f.severity?.length) q = q.where('a.severity', 'in', f.severity);
  if (f.rule) q = q.where('a.rule', '=', f.rule);
  if (f.assignee) q = q.where('a.assignee', '=', f.assignee);
  if (f.q) q = q.where('a.message', 'like', `%${f.q.replace(/[%_]/g, '')}%`);
  return q;
}

export async function listStored(db: Kysely<Database>, p: Principal, scope: Org, f: AlertFilter): Promise<AlertPage> {
  await alertWorkSettled(db); // the recomputation of writes made before this request (./pending.ts)
  const v = await visibility(db, p);
  const q = filteredAlerts(db, p, v, scope, f);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const rows = await q
    .selectAll('a')
    .select(['o.code as org_code', 'o.name as org_name'])
    .orderBy(severityOrder)
    .orderBy('a.due_on')
    .orderBy('a.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(toItem), total, page, pageSize, computed: false, date: null, canHandle: mayHandleAlerts(p) };
}

/** Computed as of a date (not stored): the same access rules, applied to the findings. */
export async function listComputed(db: Kysely<Database>, p: Principal, scope: Org, date: string, f: AlertFilter): Promise<AlertPage> {
  const v = await visibility(db, p);
  const rules = f.rule ? v.rules.filter((r) => r === f.rule) : v.rules;
  let found = rules.length ? await computeFindings(db, scope, date, { rules }) : [];
  found = await readableFindings(db, v, found);
  if (f.severity?.length) found = found.filter((x) => f.severity!.includes(x.severity));
  if (f.q) found = found.filter((x) => x.message.includes(f.q!));
  const orgIds = [...new Set(found.map((x) => x.orgId))];
  const orgs = new Map(
    (
      await db
        .selectFrom('orgs')
        .select(['id', 'code', 'name'])
        .where('id', 'in', orgIds.length ? orgIds : [-1])
        .execute()
    ).map((o) => [o.id, o]),
  );
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const items = found.slice((page - 1) * pageSize, page * pageSize).map((x): AlertItem => ({
    id: null,
    key: x.key,
    rule: x.rule,
    ...ruleMeta(x.rule),
    org: orgs.get(x.orgId)?.code ?? '',
    orgName: orgs.get(x.orgId)?.name ?? '',
    record: x.recordId,
    severity: x.severity,
    message: x.message,
    dueOn: x.dueOn,
    status: 'open',
    assignee: null,
    note: null,
    firstSeen: null,
    lastSeen: null,
    resolvedAt: null,
    resolvedBy: null,
    handledBy: null,
    handledAt: null,
  }));
  return { items, total: found.length, page, pageSize, computed: true, date, canHandle: mayHandleAlerts(p) };
}

/** A finding's record that no longer exists: only discipline-only rules still show it. */
const MISSING: RecordRow = { org_path: '', town_id: null, ledger: '', created_by: null };

/** Findings whose record the user may read (own-only ledgers: their own records). */
async function readableFindings<T extends { recordId: number | null; rule: string }>(db: Kysely<Database>, v: Visibility, found: T[]): Promise<T[]> {
  const ids = [...new Set(found.map((x) => x.recordId).filter((x): x is number => x != null))];
  const rowOf = new Map<number, RecordRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('records')
      .select(['id', 'org_path', 'town_id', 'ledger', 'created_by'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) rowOf.set(r.id, r);
  }
  return found.filter((x) => seesRecord(v, x.rule, x.recordId == null ? null : (rowOf.get(x.recordId) ?? MISSING)));
}

export async function countOpen(
  db: Kysely<Database>,
  p: Principal,
  scope: Org,
): Promise<{ total: number; bySeverity: Record<Severity, number>; assignedToMe: number }> {
  await alertWorkSettled(db);
  const v = await visibility(db, p);
  const rows = await visibleAlerts(db, p, v, scope)
    .where('a.status', '=', 'open')
    .select(['a.severity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('a.severity')
    .execute();
  const bySeverity = { info: 0, warning: 0, error: 0 } as Record<Severity, number>;
  for (const r of rows) if (r.severity in bySeverity) bySeverity[r.severity as Severity] = Number(r.n);
  const mine = await visibleAlerts(db, p, v, scope)
    .where('a.status', '!=', 'resolved')
    .where('a.assignee', '=', p.username)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return { total: bySeverity.info + bySeverity.warning + bySeverity.error, bySeverity, assignedToMe: Number(mine?.n ?? 0) };
}

export type AlertAction = 'acknowledge' | 'assign' | 'resolve' | 'reopen';
const ACTION_LABELS: Record<AlertAction, string> = { acknowledge: '确认', assign: '指派', resolve: '办结', reopen: '重新打开' };

export async function actOnAlert(
  db: Kysely<Database>,
  p: Principal,
  id: number,
  action: AlertAction,
  o: { note?: string; assignee?: string },
): Promise<AlertItem> {
  // Reviewers supervise read-only: refused before the alert is even looked up (docs/security.md, "Alerts").
  if (!mayHandleAlerts(p)) throw new Forbidden('审核角色只能查看预警，不能确认、指派、办结或重新打开');
  const v = await visibility(db, p);
  const row = await visibleAlerts(db, p, v, p.org).selectAll('a').where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('预警不存在或无权查看');
  const note = o.note?.trim() || null;
  if (action === 'resolve' && !note) throw new Invalid('办结预警须填写处理说明');
  if (action === 'assign' && !o.assignee?.trim()) throw new Invalid('请选择指派对象');
  if (action === 'assign') {
    // Only someone the assignee list offers this user: an enabled business account of their org's subtree or town.
    const who = o.assignee!.trim();
    if (!(await assignees(db, p.org)).some((a) => a.username === who)) throw new Invalid(`不能指派给“${who}”：只能指派给本单位（本镇）在用的业务账号`);
  }
  if (action === 'reopen' && row.status !== 'resolved') throw new Invalid('该预警尚未办结');
  if (action !== 'reopen' && row.status === 'resolved') throw new Invalid('该预警已办结，如需处理请先重新打开');
  const now = nowIso();
  const set =
    action === 'acknowledge'
      ? { status: 'acknowledged' }
      : action === 'assign'
        ? { assignee: o.assignee!.trim(), status: row.status === 'open' ? 'acknowledged' : row.status }
        : action === 'resolve'
          ? { status: 'resolved', resolved_at: now, resolved_by: p.username }
          : { status: 'open', resolved_at: null, resolved_by: null };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alerts')
      .set({ ...set, ...(note ? { note } : {}), handled_by: p.username, handled_at: now })
      .where('id', '=', id)
      .execute();
    await audit(trx, actorOfPrincipal(p), {
      action: `alert.${action}`,
      entity: 'alert',
      entityId: id,
      townId: row.town_id,
      before: { status: row.status, assignee: row.assignee },
      after: { ...set, rule: row.rule, key: row.key },
      note: note ?? `${ACTION_LABELS[action]}预警`,
    });
  });
  const out = await visibleAlerts(db, p, v, p.org)
    .selectAll('a')
    .select(['o.code as org_code', 'o.name as org_name'])
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow();
  return toItem(out);
}

/** One child org's alerts in the summary (docs/alerts.md, "各县、各镇汇总"). */
export interface AlertSummaryRow {
  org: string;
  orgName: string;
  kind: string;
  /** Alerts that pass the filter. */
  total: number;
  error: number;
  warning: number;
  info: number;
  /** Not yet acknowledged (status open). */
  open: number;
  acknowledged: number;
  resolved: number;
  /** Not resolved and past their deadline (期限 before today). */
  overdue: number;
}

export interface AlertSummary {
  /** The org the rows divide: their parent. */
  org: string;
  orgName: string;
  /** What a row is: a county (under a city or province), else a town. */
  level: 'county' | 'town';
  today: string;
  rows: AlertSummaryRow[];
  /** The rows added up: the list's total under the same filter. */
  total: Omit<AlertSummaryRow, 'org' | 'orgName' | 'kind'>;
}

const COUNTS = ['total', 'error', 'warning', 'info', 'open', 'acknowledged', 'resolved', 'overdue'] as const;
const zero = () => ({ total: 0, error: 0, warning: 0, info: 0, open: 0, acknowledged: 0, resolved: 0, overdue: 0 });

/**
 * The filtered alerts of `scope` counted per child org — its counties when `scope` is a city or
 * province, its towns otherwise — by severity, status and overdue. One GROUP BY over the same
 * query as the list (so the rows add up to the list's total), by town; the towns are then added
 * up into their counties here. Every child appears, those without alerts with zeros.
 */
export async function summarize(db: Kysely<Database>, p: Principal, scope: Org, f: AlertFilter): Promise<AlertSummary> {
  await alertWorkSettled(db);
  const v = await visibility(db, p);
  const day = today();
  const n = (cond: ReturnType<typeof sql>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`;
  const counted = await filteredAlerts(db, p, v, scope, { ...f, page: undefined, pageSize: undefined })
    .select([
      // The org's town (the same as a.town_id): grouping by it keeps the plan of the list, which
      // starts from the orgs of the subtree and reads their alerts from alerts_org (docs/alerts.md).
      'o.town_id',
      (eb) => eb.fn.countAll<number>().as('total'),
      n(sql`a.severity = 'error'`).as('error'),
      n(sql`a.severity = 'warning'`).as('warning'),
      n(sql`a.severity = 'info'`).as('info'),
      n(sql`a.status = 'open'`).as('open'),
      n(sql`a.status = 'acknowledged'`).as('acknowledged'),
      n(sql`a.status = 'resolved'`).as('resolved'),
      n(sql`a.status <> 'resolved' and a.due_on < ${day}`).as('overdue'),
    ])
    .groupBy('o.town_id')
    .execute();
  const level = scope.kind === 'city' || scope.kind === 'province' ? 'county' : 'town';
  const orgs = await db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'kind', 'path', 'sort'])
    .where((eb) => eb.or([pathWithin('path', scope), eb('id', '=', scope.townId ?? scope.id)]))
    .where('kind', 'in', level === 'county' ? ['county', 'town'] : ['town'])
    .where('deleted_at', 'is', null)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const rows = new Map<number, AlertSummaryRow>();
  for (const o of orgs) if (o.kind === level) rows.set(o.id, { org: o.code, orgName: o.name, kind: o.kind, ...zero() });
  // A town's row: itself, or the county on its path.
  const rowOf = new Map<number, AlertSummaryRow>();
  for (const o of orgs) {
    if (o.kind !== 'town') continue;
    const row =
      level === 'town'
        ? rows.get(o.id)
        : o.path
            .split('/')
            .map(Number)
            .map((id) => rows.get(id))
            .find(Boolean);
    if (row) rowOf.set(o.id, row);
  }
  const total = zero();
  for (const c of counted) {
    const row = c.town_id == null ? undefined : rowOf.get(c.town_id);
    for (const k of COUNTS) {
      const x = Number(c[k] ?? 0);
      total[k] += x;
      if (row) row[k] += x;
    }
  }
  return { org: scope.code, orgName: scope.name, level, today: day, rows: [...rows.values()], total };
}
