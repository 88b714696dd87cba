/**
 * Dashboards: a town's (or a village's) and a county's. Per town one engine call computes the
 * assessment metrics and this quarter's key counts together, one more the previous quarter's;
 * completion and overdue counts come from one grouped query for the whole view (a town's) or
 * from the towns' snapshots and kept overdue counts (the county's).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../audit/log.ts';
import type { Org } from '../org/service.ts';
import { today } from '../shared/today.ts';
import { computeMetrics } from '../metrics/engine.ts';
import { getMetric, metricCatalog } from '../metrics/catalog.ts';
import { parsePeriod, periodOf, previousPeriod } from '../metrics/period.ts';
import type { MetricDecl, MetricValue } from '../metrics/types.ts';
import { PROGRESS_VARIANTS, QUARTER_KEY_IDS, QUARTER_PREFIX, QUARTER_VARIANTS } from '../metrics/variants.ts';
import { snapshotMetrics } from '../metrics/snapshots.ts';
import { overdueCounts } from '../metrics/overdue.ts';
import { assessContext, assessContexts, scoreWith, snapshotValues, townsOfCounties, townValues, type AssessContext } from './assessment.ts';
import { countyOf } from './indicators.ts';
import { scopedRecords, systemFor } from '../access/records.ts';
import { townProgress, villageProgress } from './progress.ts';
import { rankTotals, type TownTotals } from './scoring.ts';
import { ASSESS_LINES, type CompareItem, type CountyDashboard, type DashboardPeriods, type LineProgress, type TownDashboard } from './types.ts';

/** Short chart labels of the key counts compared quarter on quarter (src/metrics/variants.ts). */
const KEY_LABELS: Record<string, string> = {
  'discipline.supervision.count': '专项监督',
  'discipline.talk.integrityDuty.count': '廉政谈话',
  'discipline.clue.count': '问题线索',
  'organization.development.newMembers': '发展党员',
  'organization.demand.resolvedTimely': '及时解决诉求',
  'publicity.study.sessions': '中心组学习',
  'publicity.article.count': '原创文章',
  'publicity.volunteer.activities': '志愿服务',
  'legal.petition.transferred': '县转信访',
  'legal.dispute.registered': '矛盾纠纷登记',
  'legal.reception.batches': '接访下访',
};
export const KEY_METRICS: { id: string; label: string }[] = QUARTER_KEY_IDS.map((id) => ({ id, label: KEY_LABELS[id] ?? getMetric(id)?.label ?? id }));

const Q = QUARTER_PREFIX;
const VARIANT_IDS = QUARTER_VARIANTS.map((m) => m.id);
const PROGRESS_IDS = PROGRESS_VARIANTS.map((m) => m.id);
const MERGED: MetricDecl[] = [...metricCatalog, ...QUARTER_VARIANTS];

type Values = Record<string, MetricValue>;

async function currentAndPrevious(db: Kysely<Database>, ctx: AssessContext | null, org: Org, periodId: string): Promise<[Values, Values]> {
  const prev = previousPeriod(parsePeriod(periodId)).id;
  const extra = { catalog: MERGED, only: VARIANT_IDS };
  const [cur, before] = await Promise.all([
    ctx ? townValues(db, ctx, org, extra) : computeMetrics(db, org, periodId, extra).then((r) => r.values),
    computeMetrics(db, org, prev, { ...extra, ...(ctx ? { params: ctx.params } : {}) }).then((r) => r.values),
  ]);
  return [cur, before];
}

const compareItems = (cur: (id: string) => number | null, prev: (id: string) => number | null): CompareItem[] =>
  KEY_METRICS.map((k) => ({ id: k.id, label: k.label, unit: getMetric(k.id)?.unit ?? '', current: cur(Q + k.id), previous: prev(Q + k.id) }));

function lineProgress(ctx: AssessContext, t: TownTotals): LineProgress[] {
  return ASSESS_LINES.filter((l) => t.lines[l]).map((line) => {
    const inds = ctx.indicators.filter((i) => i.line === line);
    return { line, score: t.lines[line]!.score, max: t.lines[line]!.max, met: inds.filter((i) => t.cells[i.id]?.met !== false).length, count: inds.length };
  });
}

/** A town's dashboard, or a village's (no assessment: towns are assessed, villages are not). */
export async function townDashboard(db: Kysely<Database>, org: Org, periodId: string, actor: Actor): Promise<TownDashboard> {
  const period = parsePeriod(periodId);
  const county = org.kind === 'town' ? await countyOf(db, org) : undefined;
  const ctx = county ? await assessContext(db, county, period.id, actor) : null;
  const [[cur, prev], rows] = await Promise.all([currentAndPrevious(db, ctx, org, period.id), villageProgress(db, org, period)]);
  const totals = ctx ? scoreWith(ctx, cur) : null;
  return {
    org: { code: org.code, name: org.name, kind: org.kind },
    period: period.id,
    previous: previousPeriod(period).id,
    today: today(),
    rows,
    compare: compareItems(
      (id) => cur[id]?.value ?? null,
      (id) => prev[id]?.value ?? null,
    ),
    lines: ctx && totals ? lineProgress(ctx, totals) : null,
    assessment: totals ? { total: totals.total, max: totals.max, vetoed: totals.vetoed } : null,
  };
}

/**
 * The county's dashboard: every town's completion, overdue, assessment and key counts. The
 * metrics of both quarters and the completion counts are read from the towns' snapshots
 * (src/metrics/snapshots.ts), the overdue counts from src/metrics/overdue.ts: no record is read.
 */
export async function countyDashboard(db: Kysely<Database>, county: Org, periodId: string, actor: Actor): Promise<CountyDashboard> {
  return (await countyDashboards(db, [county], periodId, actor))[0];
}

/**
 * The dashboards of several counties (a city's or a province's view is made of them), their
 * reads batched: the counties' indicators, their towns, this and last quarter's snapshot rows
 * the view shows and the overdue counts, each in one read for all of them — a handful of
 * queries whatever the number of counties.
 */
export async function countyDashboards(db: Kysely<Database>, counties: Org[], periodId: string, actor: Actor): Promise<CountyDashboard[]> {
  const [ctxs, townsBy] = await Promise.all([assessContexts(db, counties, periodId, actor), townsOfCounties(db, counties)]);
  const ids = townsBy.flat().map((t) => t.id);
  const period = parsePeriod(periodId);
  // Only what the view shows: the indicators' metrics and the key and completion counts of this
  // quarter, the key counts of the last (a tenth of a snapshot's rows).
  const shown = [...new Set(ctxs.flatMap((c) => c.metrics)), ...VARIANT_IDS, ...PROGRESS_IDS];
  const [curs, prevs, overdue] = await Promise.all([
    snapshotMetrics(db, ids, period.id, { params: ctxs[0]?.params, only: shown }),
    snapshotMetrics(db, ids, previousPeriod(period).id, { params: ctxs[0]?.params, only: VARIANT_IDS }),
    overdueCounts(db, ids),
  ]);
  return counties.map((county, k) => {
    const ctx = ctxs[k];
    const towns = townsBy[k];
    const progress = townProgress(towns, curs, overdue);
    const per = towns.map((t) => {
      const cur = snapshotValues(curs.get(t.id));
      return { cur, prev: snapshotValues(prevs.get(t.id)), totals: scoreWith(ctx, cur) };
    });
    const ranks = rankTotals(per.map((p) => p.totals));
    const sum = (which: 'cur' | 'prev') => (id: string) => per.reduce((s, p) => s + (p[which][id]?.value ?? 0), 0);
    return {
      org: { code: county.code, name: county.name, kind: county.kind },
      period: ctx.period.id,
      previous: previousPeriod(ctx.period).id,
      today: today(),
      towns: towns.map((t, i) => ({
        ...progress.get(t.id)!,
        total: per[i].totals.total,
        max: per[i].totals.max,
        rank: ranks[i],
        vetoed: per[i].totals.vetoed,
        lines: per[i].totals.lines,
        compare: Object.fromEntries(KEY_METRICS.map((k) => [k.id, [per[i].cur[Q + k.id]?.value ?? null, per[i].prev[Q + k.id]?.value ?? null]])),
      })),
      compare: compareItems(sum('cur'), sum('prev')),
    };
  });
}

/** Quarters to offer in the period picker: from the first record to today; the latest with records is the default. */
export async function dashboardPeriods(db: Kysely<Database>, org: Org, on = today()): Promise<DashboardPeriods> {
  const r = await scopedRecords(db, systemFor(org))
    .where('r.date_on', '<=', on)
    .select((eb) => [eb.fn.min('r.date_on').as('first'), eb.fn.max('r.date_on').as('last')])
    .executeTakeFirst();
  const now = periodOf(on);
  const latest = r?.last ? periodOf(String(r.last)) : now;
  let p = r?.first ? periodOf(String(r.first)) : now;
  const periods: string[] = [];
  while (p.id <= now.id) {
    periods.unshift(p.id);
    p = parsePeriod(p.quarter === 4 ? `${p.year + 1}Q1` : `${p.year}Q${p.quarter + 1}`);
  }
  return { periods: periods.slice(0, 24).concat(periods.length > 24 && !periods.slice(0, 24).includes(latest.id) ? [latest.id] : []), latest: latest.id };
}
