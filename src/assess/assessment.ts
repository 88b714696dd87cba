/**
 * Scores towns against their county's indicators from their own ledgers: one computeMetrics
 * per town (the batched engine, only the metrics the indicators use), then the scoring rules.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../audit/log.ts';
import { toOrg, type Org } from '../org/service.ts';
import { computeMetrics, metricParams } from '../metrics/engine.ts';
import { getMetric, type MetricParams } from '../metrics/catalog.ts';
import { parsePeriod, type Period } from '../metrics/period.ts';
import type { MetricDecl, MetricValue } from '../metrics/types.ts';
import { snapshotMetrics, type SnapshotValues } from '../metrics/snapshots.ts';
import { ensureDefaults, getAssessSettings, indicatorsOf } from './indicators.ts';
import { effectiveTarget, rankTotals, scoreTown, type TownTotals } from './scoring.ts';
import type { Assessment, ScoredIndicator, TownScore, VetoMode } from './types.ts';
import { isWithin, pathWithin } from '../access/subtree.ts';
import { mapLimit } from '../util/map-limit.ts';

export interface AssessContext {
  county: Org;
  period: Period;
  indicators: ScoredIndicator[];
  vetoMode: VetoMode;
  params: MetricParams;
  /** the metric ids the indicators need */
  metrics: string[];
}

/** The county's indicators for a period (seeding the defaults on first use), ready to score. */
export async function assessContext(db: Kysely<Database>, county: Org, periodId: string, actor: Actor): Promise<AssessContext> {
  return (await assessContexts(db, [county], periodId, actor))[0];
}

/** The same for several counties, their indicators read together (a city's or a province's dashboard). */
export async function assessContexts(db: Kysely<Database>, counties: Org[], periodId: string, actor: Actor): Promise<AssessContext[]> {
  const period = parsePeriod(periodId);
  await mapLimit(counties, 4, (c) => ensureDefaults(db, c, actor)); // a cached settings read each, once seeded
  const [lists, settings, params] = await Promise.all([
    indicatorsOf(db, counties, period.id),
    Promise.all(counties.map((c) => getAssessSettings(db, c))),
    metricParams(db),
  ]);
  return counties.map((county, k) => {
    const indicators = lists[k].map((i): ScoredIndicator => {
      const m = getMetric(i.metric);
      return { ...i, effectiveTarget: effectiveTarget(i, period.quarter), metricLabel: m?.label ?? i.metric, unit: m?.unit ?? '', ratio: m?.unit === '％' };
    });
    return {
      county,
      period,
      indicators,
      vetoMode: settings[k].vetoMode,
      params,
      metrics: [...new Set(indicators.map((i) => i.metric))].filter((id) => getMetric(id)),
    };
  });
}

export function scoreWith(ctx: AssessContext, values: Record<string, { value: number | null } | undefined>): TownTotals {
  return scoreTown(ctx.indicators, (id) => values[id]?.value ?? null, ctx.vetoMode);
}

/** The towns of a county, in their display order. */
export async function countyTowns(db: Kysely<Database>, county: Org): Promise<Org[]> {
  return (await townsOfCounties(db, [county]))[0];
}

/** The towns of each of several counties (one read), each county's in display order. */
export async function townsOfCounties(db: Kysely<Database>, counties: Org[]): Promise<Org[][]> {
  if (!counties.length) return [];
  const rows = await db
    .selectFrom('orgs')
    .selectAll()
    .where((eb) => eb.or(counties.map((c) => pathWithin('path', c))))
    .where('kind', '=', 'town')
    .where('deleted_at', 'is', null)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const towns = rows.map(toOrg);
  return counties.map((c) => towns.filter((t) => isWithin(t, c)));
}

/**
 * Metric values of one town for the assessment plus any `extra` metrics (a derived catalog,
 * e.g. the dashboard's quarter counts), in one engine call.
 */
export async function townValues(db: Kysely<Database>, ctx: AssessContext, town: Org, extra?: { catalog: MetricDecl[]; only: string[] }) {
  const res = await computeMetrics(db, town, ctx.period.id, {
    params: ctx.params,
    only: [...ctx.metrics, ...(extra?.only ?? [])],
    ...(extra ? { catalog: extra.catalog } : {}),
  });
  return res.values;
}

export function townScore(town: Org, t: TownTotals, rank: number | null): TownScore {
  return { org: { code: town.code, name: town.name }, cells: t.cells, total: t.total, max: t.max, rank, vetoed: t.vetoed, vetoes: t.vetoes, lines: t.lines };
}

/** A snapshot's values in the engine's shape (src/metrics/snapshots.ts). */
export function snapshotValues(s: SnapshotValues | undefined): Record<string, MetricValue> {
  return Object.fromEntries(Object.entries(s ?? {}).map(([id, value]) => [id, { value, records: [] }]));
}

/**
 * Score every town of the county from their metric snapshots (src/metrics/snapshots.ts), or
 * only `only`, unranked and computed live, for a town's own view.
 */
export async function assess(db: Kysely<Database>, county: Org, periodId: string, actor: Actor, only?: Org): Promise<Assessment> {
  const ctx = await assessContext(db, county, periodId, actor);
  const towns = only ? [only] : await countyTowns(db, county);
  const snaps = only
    ? null
    : await snapshotMetrics(
        db,
        towns.map((t) => t.id),
        ctx.period.id,
        { params: ctx.params },
      );
  const totals = await mapLimit(towns, 4, async (t) => scoreWith(ctx, snaps ? snapshotValues(snaps.get(t.id)) : await townValues(db, ctx, t)));
  const ranks = only ? towns.map(() => null) : rankTotals(totals);
  return {
    county: { code: county.code, name: county.name },
    period: ctx.period.id,
    vetoMode: ctx.vetoMode,
    indicators: ctx.indicators,
    towns: towns.map((t, i) => townScore(t, totals[i], ranks[i])),
  };
}
