/**
 * City and province levels (docs/assessment.md, "City and province levels"): a city's or a
 * province's counties side by side. Each county's row is that county's own numbers — its
 * dashboard's towns summed — so a row always equals what the county reviewer sees, and the
 * region's total is the sum of its rows. The per-county numbers are the counties' dashboards,
 * read together (`countyDashboards` in ./dashboard.ts: the towns' metric snapshots and kept
 * overdue counts, no record read); how they add up is decided in one function, `summarizeCounty`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../audit/log.ts';
import { toOrg, type Org } from '../org/service.ts';
import { pathWithin } from '../access/subtree.ts';
import { getMetric } from '../metrics/catalog.ts';
import { parsePeriod, previousPeriod } from '../metrics/period.ts';
import { today } from '../shared/today.ts';
import { countyDashboards, KEY_METRICS } from './dashboard.ts';
import { rankTotals, round2 } from './scoring.ts';
import { ASSESS_LINES, type CountyDashboard, type LineScore, type Rate, type RegionCountyRow, type RegionDashboard } from './types.ts';

/** The counties in a city's or a province's subtree, each with its city, in display order. */
export async function regionCounties(db: Kysely<Database>, region: Org): Promise<{ county: Org; city: Org | null }[]> {
  const rows = (
    await db
      .selectFrom('orgs')
      .selectAll()
      .where(pathWithin('path', region))
      .where('kind', 'in', ['city', 'county'])
      .where('deleted_at', 'is', null)
      .orderBy('sort')
      .orderBy('id')
      .execute()
  ).map(toOrg);
  const cities = new Map(rows.filter((o) => o.kind === 'city').map((o) => [o.id, o]));
  const counties = rows.filter((o) => o.kind === 'county');
  // Group a province's counties by city (cities in their own order), keeping each city's county order.
  const cityOrder = [...cities.keys()];
  const cityOf = (c: Org) => (c.parentId != null ? (cities.get(c.parentId) ?? null) : null);
  return counties
    .map((county, i) => ({ county, city: cityOf(county), i }))
    .sort((a, b) => (a.city ? cityOrder.indexOf(a.city.id) : -1) - (b.city ? cityOrder.indexOf(b.city.id) : -1) || a.i - b.i)
    .map(({ county, city }) => ({ county, city }));
}

const addRate = (a: Rate, b: Rate): Rate => ({ done: a.done + b.done, total: a.total + b.total });
const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x != null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null);

/** One county's row: its towns' numbers added up (scores and maxima, rates' numerators and denominators, counts). */
export function summarizeCounty(d: CountyDashboard, city: { code: string; name: string } | null): Omit<RegionCountyRow, 'rank'> {
  const zero: Rate = { done: 0, total: 0 };
  const lines: Partial<Record<(typeof ASSESS_LINES)[number], LineScore>> = {};
  for (const t of d.towns) {
    for (const l of ASSESS_LINES) {
      const s = t.lines[l];
      if (!s) continue;
      const acc = (lines[l] ??= { score: 0, max: 0 });
      acc.score = round2(acc.score + s.score);
      acc.max = round2(acc.max + s.max);
    }
  }
  const total = round2(d.towns.reduce((s, t) => s + t.total, 0));
  const max = round2(d.towns.reduce((s, t) => s + t.max, 0));
  return {
    code: d.org.code,
    name: d.org.name,
    city,
    towns: d.towns.length,
    total,
    max,
    score: max > 0 ? round2((total / max) * 100) : null,
    vetoed: d.towns.filter((t) => t.vetoed).length,
    lines,
    rectification: d.towns.reduce((r, t) => addRate(r, t.rectification), zero),
    petition: d.towns.reduce((r, t) => addRate(r, t.petition), zero),
    dispute: d.towns.reduce((r, t) => addRate(r, t.dispute), zero),
    overdue: { rectification: d.towns.reduce((n, t) => n + t.overdue.rectification, 0), petition: d.towns.reduce((n, t) => n + t.overdue.petition, 0) },
    compare: Object.fromEntries(d.compare.map((c) => [c.id, [c.current, c.previous]])),
  };
}

/** A city's or a province's dashboard: every county's row, ranked by score rate, and the region's sums. */
export async function regionDashboard(db: Kysely<Database>, region: Org, periodId: string, actor: Actor): Promise<RegionDashboard> {
  const period = parsePeriod(periodId);
  const list = await regionCounties(db, region);
  const numbers = await countyDashboards(
    db,
    list.map((c) => c.county),
    period.id,
    actor,
  );
  const rows = numbers.map((d, i) => summarizeCounty(d, list[i].city ? { code: list[i].city!.code, name: list[i].city!.name } : null));
  const scored = rows.map((r) => r.score != null);
  const ranks = rankTotals(rows.filter((_, i) => scored[i]).map((r) => ({ total: r.score!, vetoed: false })));
  let k = 0;
  return {
    org: { code: region.code, name: region.name, kind: region.kind },
    period: period.id,
    previous: previousPeriod(period).id,
    today: today(),
    counties: rows.map((r, i) => ({ ...r, rank: scored[i] ? ranks[k++] : null })),
    compare: KEY_METRICS.map((m) => ({
      id: m.id,
      label: m.label,
      unit: getMetric(m.id)?.unit ?? '',
      current: sumOrNull(rows.map((r) => r.compare[m.id]?.[0] ?? null)),
      previous: sumOrNull(rows.map((r) => r.compare[m.id]?.[1] ?? null)),
    })),
  };
}
