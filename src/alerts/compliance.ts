/**
 * 组织生活合规日历: per branch (and per town for 中心组学习) and cycle, the expected number of
 * each kind of meeting against the number held. Frequencies default to the rules and a county
 * may change them (setting `alerts.compliance`).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getSetting } from '../auth/settings.ts';
import type { Org } from '../org/service.ts';
import { scopedRecords, systemFor } from '../access/records.ts';
import { COMPLIANCE_KEY } from './config.ts';
import { lastDayOfMonth, monthsBetween } from '../shared/dates.ts';

export type Cycle = 'month' | 'quarter' | 'year';
export const CYCLE_LABELS: Record<Cycle, string> = { month: '每月', quarter: '每季度', year: '每年' };

export interface Requirement {
  kind: string;
  label: string;
  cycle: Cycle;
  count: number;
  level: 'branch' | 'town';
  source: string;
  /** Branches below this many full members have no 支委会 (a 书记 only). */
  minMembers?: number;
  /** Only branches with 党小组 (child orgs of kind group). */
  needsGroups?: boolean;
  /** Yearly items usually held in this quarter (组织生活会: Q4); alerts start at its beginning. */
  dueQuarter?: number;
}

export const DEFAULT_REQUIREMENTS: Requirement[] = [
  { kind: 'memberAssembly', label: '支部党员大会', cycle: 'quarter', count: 1, level: 'branch', source: '《支部工作条例》第十一条' },
  { kind: 'committee', label: '支委会', cycle: 'month', count: 1, level: 'branch', minMembers: 7, source: '《支部工作条例》第十二条' },
  { kind: 'groupMeeting', label: '党小组会', cycle: 'month', count: 1, level: 'branch', needsGroups: true, source: '《支部工作条例》三会一课' },
  { kind: 'partyLecture', label: '党课', cycle: 'quarter', count: 1, level: 'branch', source: '三会一课（地方做法：每季度至少1次）' },
  { kind: 'themeDay', label: '主题党日', cycle: 'month', count: 1, level: 'branch', source: '主题党日每月相对固定1天' },
  {
    kind: 'lifeMeeting',
    label: '组织生活会',
    cycle: 'year',
    count: 1,
    level: 'branch',
    dueQuarter: 4,
    source: '《支部工作条例》第十七条（一般安排在第四季度）',
  },
  { kind: 'democraticReview', label: '民主评议党员', cycle: 'year', count: 1, level: 'branch', dueQuarter: 4, source: '民主评议党员一般每年1次' },
  {
    kind: 'centerGroupStudy',
    label: '理论学习中心组集中学习',
    cycle: 'month',
    count: 1,
    level: 'town',
    source: '党委（党组）理论学习中心组学习规则（每月集中学习）',
  },
];

export async function loadRequirements(db: Kysely<Database>): Promise<Requirement[]> {
  const o = await getSetting<Record<string, { cycle?: Cycle; count?: number }>>(db, COMPLIANCE_KEY, {});
  return DEFAULT_REQUIREMENTS.map((r) => ({
    ...r,
    ...(o[r.kind]?.cycle ? { cycle: o[r.kind].cycle! } : {}),
    ...(o[r.kind]?.count != null ? { count: Number(o[r.kind].count) } : {}),
  })).filter((r) => r.count > 0);
}

/** A cycle id: '2023-10' (month), '2023Q4' (quarter) or '2023' (year), with its first and last day. */
export interface CycleSpan {
  id: string;
  start: string;
  end: string;
}

export function cycleOf(cycle: Cycle, date: string): CycleSpan {
  const y = date.slice(0, 4);
  if (cycle === 'month') return { id: date.slice(0, 7), start: `${date.slice(0, 7)}-01`, end: lastDayOfMonth(date.slice(0, 7)) };
  if (cycle === 'year') return { id: y, start: `${y}-01-01`, end: `${y}-12-31` };
  const q = Math.ceil(Number(date.slice(5, 7)) / 3);
  const sm = String(q * 3 - 2).padStart(2, '0');
  return { id: `${y}Q${q}`, start: `${y}-${sm}-01`, end: lastDayOfMonth(`${y}-${String(q * 3).padStart(2, '0')}`) };
}

/** The cycles overlapping [from, to], in order. */
export function cyclesIn(cycle: Cycle, from: string, to: string): CycleSpan[] {
  const out = new Map<string, CycleSpan>();
  for (const m of monthsBetween(from, to)) {
    const c = cycleOf(cycle, `${m}-01`);
    out.set(c.id, c);
  }
  return [...out.values()];
}

/** The compliance units of a subtree: branches, and towns for town-level requirements. */
export interface Unit {
  org: Org;
  /** Full members on the roster (for the 支委会 threshold). */
  members: number;
  hasGroups: boolean;
}

export async function loadUnits(db: Kysely<Database>, orgs: Org[], root: Org, towns?: number[]): Promise<Unit[]> {
  const q = scopedRecords(db, systemFor(root), towns ? { towns } : {})
    .select(['r.ref_org_id', sql<number>`count(*)`.as('n')])
    .where('r.ledger', '=', 'partyMember')
    .where('r.status', 'in', ['full', 'probationary'])
    .groupBy('r.ref_org_id');
  const counts = new Map((await q.execute()).map((r) => [r.ref_org_id, Number(r.n)]));
  const withGroups = new Set(orgs.filter((o) => o.kind === 'group').map((o) => o.parentId));
  return orgs.filter((o) => o.kind === 'branch' || o.kind === 'town').map((o) => ({ org: o, members: counts.get(o.id) ?? 0, hasGroups: withGroups.has(o.id) }));
}

/** Counts held: unit org id → kind → month ('YYYY-MM') → n, for [from, to]. */
export async function loadHeld(
  db: Kysely<Database>,
  root: Org,
  from: string,
  to: string,
  /** Above the town: the subtree's towns (the reads walk their town-leading indexes). */
  towns?: number[],
): Promise<Map<number, Map<string, Map<string, number>>>> {
  const month = sql<string>`substr(r.date_on, 1, 7)`;
  const scope = systemFor(root);
  const o = towns ? { towns } : {};
  const meetings = scopedRecords(db, scope, o)
    .select([sql<number>`coalesce(r.ref_org_id, r.org_id)`.as('unit'), 'r.kind', month.as('month'), sql<number>`count(*)`.as('n')])
    .where('r.ledger', '=', 'branchMeeting')
    .where('r.date_on', '>=', from)
    .where('r.date_on', '<=', to)
    .groupBy([sql`coalesce(r.ref_org_id, r.org_id)`, 'r.kind', month]);
  const study = scopedRecords(db, scope, o)
    .select([sql<number>`r.town_id`.as('unit'), 'r.kind', month.as('month'), sql<number>`count(*)`.as('n')])
    .where('r.ledger', '=', 'activity')
    .where('r.kind', '=', 'centerGroupStudy')
    .where('r.date_on', '>=', from)
    .where('r.date_on', '<=', to)
    .groupBy(['r.town_id', 'r.kind', month]);
  const out = new Map<number, Map<string, Map<string, number>>>();
  for (const r of [...(await meetings.execute()), ...(await study.execute())]) {
    const u = Number(r.unit);
    if (!out.has(u)) out.set(u, new Map());
    const byKind = out.get(u)!;
    const k = String(r.kind);
    if (!byKind.has(k)) byKind.set(k, new Map());
    byKind.get(k)!.set(String(r.month), (byKind.get(k)!.get(String(r.month)) ?? 0) + Number(r.n));
  }
  return out;
}

export function applies(req: Requirement, u: Unit): boolean {
  if (req.level !== (u.org.kind === 'town' ? 'town' : 'branch')) return false;
  if (req.minMembers && u.members < req.minMembers) return false;
  if (req.needsGroups && !u.hasGroups) return false;
  return true;
}

/** Meetings of `kind` held by the unit within a span (month granularity; spans are whole months). */
export function heldIn(held: Map<number, Map<string, Map<string, number>>>, unit: number, kind: string, span: { start: string; end: string }): number {
  const byMonth = held.get(unit)?.get(kind);
  if (!byMonth) return 0;
  let n = 0;
  for (const m of monthsBetween(span.start, span.end)) n += byMonth.get(m) ?? 0;
  return n;
}
