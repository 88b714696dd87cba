/**
 * Metric snapshots (docs/scale.md, "Metric snapshots"): every metric of one town for one quarter,
 * as last computed from its records, in `metric_snapshots`. Views above a town — the county's
 * assessment, dashboard and comparison, and the city and province levels — read them instead of
 * computing every town live; a town's own report and dashboard still compute live.
 *
 * Kept current by the write path: after each committed write (create, update, transition,
 * remove, restore, import) the written towns' stored quarters are recomputed — in the server's
 * background worker (src/alerts/background.ts, the queue the alert center's town jobs use, so
 * `alertWorkSettled` waits for both) or, without a worker (the CLI, an in-memory database),
 * inline. A town's stored quarters are all recomputed, not only those of the record's old and
 * new dates: year-to-date, as-of and period-free metrics (and the 'between' filters on other
 * date fields) make a record count in quarters far from its own date. Only the metrics a write's
 * ledgers can change are recomputed. A quarter is stored the first time a view asks for it
 * (`snapshotMetrics`), or by `luoshi metrics --rebuild`, which also repairs them after a change
 * the write path does not see (org tree, metric parameters, a catalog change on upgrade).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { getOrgById, listSubtree, type Org } from '../org/service.ts';
import { Coalescer } from '../util/coalesce.ts';
import { offloadWork } from '../util/offload.ts';
import { today } from '../shared/today.ts';
import { metricCatalog, type MetricParams } from './catalog.ts';
import { QUARTER_VARIANTS } from './variants.ts';
import { computeMetrics, computeMetricsOver, metricParams, plainValues } from './engine.ts';
import { parsePeriod, quartersBetween } from './period.ts';
import type { MetricDecl } from './types.ts';
import { scopedRecords, systemFor } from '../access/records.ts';
import { pathWithin } from '../access/subtree.ts';

/** What a snapshot holds: the catalog and the dashboards' quarter-only counts. */
export const SNAPSHOT_CATALOG: MetricDecl[] = [...metricCatalog, ...QUARTER_VARIANTS];

const SNAPSHOT_IDS = SNAPSHOT_CATALOG.map((m) => m.id);

/** One town's snapshot of one quarter: metric id → value (null: a ratio without a denominator). */
export type SnapshotValues = Record<string, number | null>;

/** The background job that brings a town's snapshots up to date (run by src/alerts/jobs.ts). */
export type SnapshotWork = {
  kind: 'snapshots';
  townId: number;
  /** Only the metrics these ledgers can change (all metrics without). */
  ledgers?: string[];
  /** Quarters to store besides those already stored (a view asked for them). */
  periods?: string[];
};

/**
 * The snapshot metrics a write to these ledgers can change: their aggregate and computed
 * metrics, and the ratios over those. (The branch count reads the org tree only.)
 */
export function metricsOfLedgers(ledgers: Iterable<string>): string[] {
  const set = new Set(ledgers);
  const out = new Set(SNAPSHOT_CATALOG.filter((m) => m.type !== 'ratio' && m.ledger != null && set.has(m.ledger)).map((m) => m.id));
  for (const m of SNAPSHOT_CATALOG) if (m.type === 'ratio' && (out.has(m.numerator) || out.has(m.denominator))) out.add(m.id);
  return [...out];
}

/** The quarters stored for a town, oldest first. */
export async function storedPeriods(db: Kysely<Database>, townId: number): Promise<string[]> {
  const rows = await db.selectFrom('metric_snapshots').select('period').distinct().where('town_id', '=', townId).execute();
  return rows.map((r) => r.period).sort();
}

/** Computes a town's snapshot of one quarter live (only `only` and what they need, if given). */
export async function computeSnapshot(db: Kysely<Database>, town: Org, period: string, params?: MetricParams, only?: string[]): Promise<SnapshotValues> {
  return plainValues(await computeMetrics(db, town, period, { catalog: SNAPSHOT_CATALOG, ...(params ? { params } : {}), ...(only ? { only } : {}) }));
}

interface Batch {
  period: string;
  values: SnapshotValues;
  /** the quarter's other rows of the town go (a whole snapshot) */
  replace: boolean;
}

/** The same for several quarters at once (one scan per ledger for up to 8 quarters), as store batches. */
async function computeBatches(db: Kysely<Database>, town: Org, periods: string[], replace: boolean, params: MetricParams, only?: string[]): Promise<Batch[]> {
  if (!periods.length) return [];
  const rs = await computeMetricsOver(db, town, periods, { catalog: SNAPSHOT_CATALOG, params, ...(only ? { only } : {}) });
  return rs.map((r) => ({ period: r.period, values: plainValues(r), replace }));
}

/**
 * Stores a town's quarters computed from data read after `startedAt` (an ISO time taken before
 * the first read), in one transaction. A row keeps the newer of two computations: with several
 * server processes (docs/scale.md) two upkeep jobs of one town may finish in the other order
 * than they started, and the later-started one has read every write the other had. A whole
 * snapshot (`replace`) also drops metrics that are no longer in the catalog. `force` (the
 * rebuild) replaces the quarters' rows whatever they hold.
 */
async function store(db: Kysely<Database>, townId: number, batches: Batch[], startedAt: string, force = false): Promise<void> {
  const rows = batches.flatMap((b) =>
    Object.entries(b.values).map(([metric, v]) => ({
      town_id: townId,
      period: b.period,
      metric,
      value: v != null && Number.isFinite(v) ? v : null,
      computed_at: startedAt,
    })),
  );
  const replaced = batches.filter((b) => b.replace).map((b) => b.period);
  await db.transaction().execute(async (trx) => {
    if (replaced.length) {
      let del = trx.deleteFrom('metric_snapshots').where('town_id', '=', townId).where('period', 'in', replaced);
      if (!force) del = del.where('metric', 'not in', SNAPSHOT_IDS);
      await del.execute();
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('metric_snapshots')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc
            .columns(['town_id', 'period', 'metric'])
            .doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), computed_at: eb.ref('excluded.computed_at') }))
            .where((eb) => eb('metric_snapshots.computed_at', '<=', eb.ref('excluded.computed_at'))),
        )
        .execute();
    }
  });
}

/**
 * Recomputes a town's stored quarters (the metrics of `ledgers`, or all) and stores `periods`
 * too (whole). A town that is gone, or an org that is not a town, loses its rows.
 */
export async function refreshTownSnapshots(db: Kysely<Database>, townId: number, o: Omit<SnapshotWork, 'kind' | 'townId'> = {}): Promise<{ periods: number }> {
  const town = await getOrgById(db, townId);
  if (!town || town.kind !== 'town') {
    await db.deleteFrom('metric_snapshots').where('town_id', '=', townId).execute();
    return { periods: 0 };
  }
  const only = o.ledgers ? metricsOfLedgers(o.ledgers) : undefined;
  const stored = only?.length === 0 ? [] : await storedPeriods(db, townId);
  const extra = [...new Set(o.periods ?? [])].filter((p) => !stored.includes(p));
  if (!stored.length && !extra.length) return { periods: 0 };
  const startedAt = nowIso();
  const params = await metricParams(db);
  const asked = stored.filter((p) => o.periods?.includes(p)); // asked for: recomputed whole
  const batches = [
    ...(await computeBatches(
      db,
      town,
      stored.filter((p) => !asked.includes(p)),
      false,
      params,
      only,
    )),
    ...(await computeBatches(db, town, asked, false, params)),
    ...(await computeBatches(db, town, extra, true, params)),
  ];
  await store(db, townId, batches, startedAt);
  return { periods: stored.length + extra.length };
}

const inlineRuns = new Coalescer<unknown>();

/**
 * Bring a town's stored snapshots up to date — the metrics of `ledgers`, or all of them — in
 * the background worker when the database has one, else here (callers for the same town and
 * ledgers that arrive meanwhile share one more run that starts after the current one:
 * src/util/coalesce.ts).
 */
export async function upkeepTown(db: Kysely<Database>, townId: number, ledgers?: string[]): Promise<void> {
  const work: SnapshotWork = { kind: 'snapshots', townId, ...(ledgers ? { ledgers } : {}) };
  if (offloadWork(db, work, `metric snapshot upkeep (town ${townId})`)) return;
  await inlineRuns.run(db, `${townId}|${ledgers?.join(',') ?? '*'}`, () => refreshTownSnapshots(db, townId, ledgers ? { ledgers } : {}));
}

/** After a committed write: the written towns' snapshots, for the metrics of the written ledgers. */
export async function upkeepAfterWrite(db: Kysely<Database>, writes: { townId: number; ledger: string }[]): Promise<void> {
  const byTown = new Map<number, Set<string>>();
  for (const w of writes) (byTown.get(w.townId) ?? byTown.set(w.townId, new Set()).get(w.townId)!).add(w.ledger);
  for (const [townId, set] of byTown) {
    const ledgers = [...set].sort();
    if (metricsOfLedgers(ledgers).length) await upkeepTown(db, townId, ledgers);
  }
}

/**
 * Every snapshot metric of `period` for each of `townIds` (the entry point for views above a
 * town: county, city, province). A town whose quarter is not stored yet is computed live for
 * this answer, and its snapshot is stored — by the background worker when there is one (so it
 * cannot race a write's upkeep: both run in one queue), else here. Ids that are not towns are
 * left out of the map.
 */
export async function snapshotMetrics(
  db: Kysely<Database>,
  townIds: number[],
  periodId: string,
  o: { params?: MetricParams } = {},
): Promise<Map<number, SnapshotValues>> {
  const period = parsePeriod(periodId).id;
  const out = new Map<number, SnapshotValues>();
  if (!townIds.length) return out;
  const rows = await db
    .selectFrom('metric_snapshots')
    .select(['town_id', 'metric', 'value'])
    .where('period', '=', period)
    .where('town_id', 'in', townIds)
    .execute();
  for (const r of rows) (out.get(r.town_id) ?? out.set(r.town_id, {}).get(r.town_id)!)[r.metric] = r.value == null ? null : Number(r.value);
  // A snapshot stored before a metric was added to the catalog (an upgrade) counts as missing.
  const missing = townIds.filter((id) => !out.has(id) || SNAPSHOT_IDS.some((m) => !(m in out.get(id)!)));
  const params = missing.length ? (o.params ?? (await metricParams(db))) : undefined;
  // Four towns at a time, as the live county views did (PostgreSQL runs them on several connections).
  for (let i = 0; i < missing.length; i += 4) {
    await Promise.all(
      missing.slice(i, i + 4).map(async (id) => {
        const town = await getOrgById(db, id);
        if (!town || town.kind !== 'town') return;
        const startedAt = nowIso();
        const values = await computeSnapshot(db, town, period, params);
        out.set(id, values);
        if (
          !offloadWork(db, { kind: 'snapshots', townId: id, periods: [period] } satisfies SnapshotWork, `storing the metric snapshot of town ${id} ${period}`)
        ) {
          await store(db, id, [{ period, values, replace: true }], startedAt);
        }
      }),
    );
  }
  return out;
}

/**
 * `luoshi metrics --rebuild`: drop and recompute the snapshots of every town under `root` (all
 * towns without one) — the quarters they had, and every quarter from the town's first record up
 * to today's (at most the latest `maxQuarters`), or only `period`.
 */
export async function rebuildSnapshots(
  db: Kysely<Database>,
  o: { root?: Org; period?: string; maxQuarters?: number; on?: string } = {},
): Promise<{ towns: number; periods: number }> {
  let q = db.selectFrom('orgs').select('id').where('kind', '=', 'town').where('deleted_at', 'is', null);
  if (o.root) q = o.root.kind === 'town' ? q.where('id', '=', o.root.id) : q.where(pathWithin('path', o.root));
  const towns = (await q.orderBy('id').execute()).map((r) => r.id);
  const on = o.on ?? today();
  const params = await metricParams(db);
  let periods = 0;
  for (const id of towns) {
    const town = (await getOrgById(db, id))!;
    let want: string[];
    if (o.period) want = [parsePeriod(o.period).id];
    else {
      const first = await scopedRecords(db, systemFor(town))
        .where('r.date_on', '<=', on)
        .select((eb) => eb.fn.min('r.date_on').as('first'))
        .executeTakeFirst();
      const range = first?.first ? quartersBetween(String(first.first), on).slice(-(o.maxQuarters ?? 24)) : [];
      want = [...new Set([...(await storedPeriods(db, id)), ...range])].sort(); // each replaced whole
    }
    const startedAt = nowIso();
    await store(db, id, await computeBatches(db, town, want, true, params), startedAt, true);
    periods += want.length;
  }
  if (!o.root && !o.period) {
    // Rows of towns that are gone.
    const live = new Set(towns);
    const stale = (await db.selectFrom('metric_snapshots').select('town_id').distinct().execute()).map((r) => r.town_id).filter((t) => !live.has(t));
    if (stale.length) await db.deleteFrom('metric_snapshots').where('town_id', 'in', stale).execute();
  }
  return { towns: towns.length, periods };
}

/**
 * Per child org (towns, villages, departments…) of `org`, the catalog's metrics, for the
 * comparison view: a town from its snapshot, any other child live.
 */
export async function computeBreakdown(db: Kysely<Database>, org: Org, periodId: string) {
  const children = (await listSubtree(db, org)).filter((c) => c.parentId === org.id && c.kind !== 'group');
  const snaps = await snapshotMetrics(
    db,
    children.filter((c) => c.kind === 'town').map((c) => c.id),
    periodId,
  );
  const out = [];
  for (const c of children) {
    const s = snaps.get(c.id);
    const values = s ? Object.fromEntries(metricCatalog.map((m) => [m.id, s[m.id] ?? null])) : plainValues(await computeMetrics(db, c, periodId));
    out.push({ org: { code: c.code, name: c.name, kind: c.kind }, values });
  }
  return out;
}
