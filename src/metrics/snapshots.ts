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
 * inline. Only the metrics a write's ledgers can change are recomputed, and only in the stored
 * quarters where a version of a written record counts for one of them (`quartersReached`: the
 * per-record twin of the metrics' SQL decides, so year-to-date, as-of and period-free metrics,
 * and 'between' filters on other date fields, reach the quarters far from the record's own
 * date that they should); an import of many records recomputes every stored quarter. A quarter is stored the first time a view asks for it
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
import { PROGRESS_VARIANTS, QUARTER_VARIANTS } from './variants.ts';
import { dropOverdueExcept } from './overdue.ts';
import { computeMetrics, computeMetricsOver, metricParams, metricRowsOf, periodsCounting, plainValues } from './engine.ts';
import type { RecordVersion } from '../ledger/hooks.ts';
import { parsePeriod, quartersBetween } from './period.ts';
import type { MetricDecl } from './types.ts';
import { scopedRecords, systemFor } from '../access/records.ts';
import { pathWithin } from '../access/subtree.ts';

/** What a snapshot holds: the catalog, the dashboards' quarter-only counts and their completion counts. */
export const SNAPSHOT_CATALOG: MetricDecl[] = [...metricCatalog, ...QUARTER_VARIANTS, ...PROGRESS_VARIANTS];

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
  /**
   * The written records (ids, and their versions before an update or transition): only the
   * stored quarters where one of their versions counts are recomputed (`quartersReached`).
   * Without it, every stored quarter.
   */
  records?: WrittenRecord[];
};

/** One written record of a snapshot job: its id, and its promoted columns before the write. */
export interface WrittenRecord {
  id: number;
  before?: RecordVersion;
}

/** More written records than this in one job (an import): every stored quarter is recomputed. */
const MAX_RECORDS = 200;

/**
 * Merges `from` into a job of the same town, ledgers and periods that has not started yet (the
 * background queue and the inline path both let later writes ride along with a waiting job).
 */
export function mergeSnapshotWork(into: SnapshotWork, from: SnapshotWork): void {
  if (!into.records) return;
  if (!from.records || into.records.length + from.records.length > MAX_RECORDS) delete into.records;
  else into.records.push(...from.records);
}

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
async function computeBatches(
  db: Kysely<Database>,
  town: Org,
  periods: string[],
  replace: boolean,
  params: MetricParams,
  o: { only?: string[]; fresh?: boolean } = {},
): Promise<Batch[]> {
  if (!periods.length) return [];
  const rs = await computeMetricsOver(db, town, periods, { catalog: SNAPSHOT_CATALOG, params, fresh: o.fresh, ...(o.only ? { only: o.only } : {}) });
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
  const rest = stored.filter((p) => !asked.includes(p));
  const reach = only && o.records ? await quartersReached(db, o.records, rest, only, params) : { reached: rest, others: [] };
  const batches = [
    ...(await computeBatches(db, town, reach.reached, false, params, { only })),
    ...(reach.others.length
      ? await computeBatches(
          db,
          town,
          rest.filter((p) => !reach.reached.includes(p)),
          false,
          params,
          { only: reach.others },
        )
      : []),
    ...(await computeBatches(db, town, asked, false, params)),
    ...(await computeBatches(db, town, extra, true, params)),
  ];
  await store(db, townId, batches, startedAt);
  return { periods: reach.reached.length + asked.length + extra.length };
}

/**
 * Which of a town's stored quarters a write can change, for the metrics `only` (those of the
 * written ledgers): every quarter where a version of a written record — as it is now (created,
 * updated, deleted or restored) or as it was before an update — counts for one of their
 * aggregates. A record counts nowhere else, so the other quarters' aggregates are unchanged (a
 * ytd or asOf metric makes a record count in the later quarters of its year, or in all later
 * ones; a 'between' filter on another date field in the quarters it spans — the per-record
 * test applies every filter). Computed metrics are not per record: they, and the ratios over
 * them (`others`), are recomputed in every quarter.
 */
async function quartersReached(
  db: Kysely<Database>,
  records: WrittenRecord[],
  quarters: string[],
  only: string[],
  params: MetricParams,
): Promise<{ reached: string[]; others: string[] }> {
  const rows = await metricRowsOf(
    db,
    records.map((r) => r.id),
    records.flatMap((r) => (r.before ? [r.before] : [])),
  );
  const hit = periodsCounting(SNAPSHOT_CATALOG, only, rows, quarters, params);
  const byId = new Map(SNAPSHOT_CATALOG.map((m) => [m.id, m]));
  const computed = new Set(only.filter((id) => byId.get(id)?.type === 'computed'));
  for (const m of SNAPSHOT_CATALOG)
    if (m.type === 'ratio' && only.includes(m.id) && (computed.has(m.numerator) || computed.has(m.denominator))) computed.add(m.id);
  return { reached: quarters.filter((q) => hit.has(q)), others: [...computed] };
}

const inlineRuns = new Coalescer<unknown>();
/** Inline path: the work waiting for the next run of each (database, town and ledgers). */
const inlineWaiting = new WeakMap<object, Map<string, SnapshotWork>>();

/**
 * Bring a town's stored snapshots up to date — the metrics of `ledgers`, or all of them — in
 * the background worker when the database has one, else here (callers for the same town and
 * ledgers that arrive meanwhile share one more run that starts after the current one:
 * src/util/coalesce.ts).
 */
export async function upkeepTown(db: Kysely<Database>, townId: number, ledgers?: string[], records?: WrittenRecord[]): Promise<void> {
  const work: SnapshotWork = { kind: 'snapshots', townId, ...(ledgers ? { ledgers } : {}), ...(records ? { records } : {}) };
  if (offloadWork(db, work, `metric snapshot upkeep (town ${townId})`)) return;
  // Writes that arrive while a run is going share the next one (Coalescer): their records are
  // gathered here and taken when it starts.
  const key = `${townId}|${ledgers?.join(',') ?? '*'}`;
  const waiting = inlineWaiting.get(db) ?? inlineWaiting.set(db, new Map()).get(db)!;
  const queued = waiting.get(key);
  if (queued) mergeSnapshotWork(queued, work);
  else waiting.set(key, { ...work, ...(work.records ? { records: [...work.records] } : {}) });
  await inlineRuns.run(db, key, () => {
    const w = waiting.get(key)!;
    waiting.delete(key);
    return refreshTownSnapshots(db, townId, { ...(w.ledgers ? { ledgers: w.ledgers } : {}), ...(w.records ? { records: w.records } : {}) });
  });
}

/** After a committed write: the written towns' snapshots, for the metrics of the written ledgers, in the quarters the records reach. */
export async function upkeepAfterWrite(
  db: Kysely<Database>,
  writes: { townId: number; ledger: string; recordId: number; before?: RecordVersion }[],
): Promise<void> {
  const byTown = new Map<number, { ledgers: Set<string>; records: WrittenRecord[] }>();
  for (const w of writes) {
    const t = byTown.get(w.townId) ?? byTown.set(w.townId, { ledgers: new Set(), records: [] }).get(w.townId)!;
    t.ledgers.add(w.ledger);
    t.records.push({ id: w.recordId, ...(w.before ? { before: w.before } : {}) });
  }
  for (const [townId, t] of byTown) {
    const ledgers = [...t.ledgers].sort();
    if (metricsOfLedgers(ledgers).length) await upkeepTown(db, townId, ledgers, t.records.length <= MAX_RECORDS ? t.records : undefined);
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
  /** `only`: read just these metrics (a view that needs a few of them reads a few rows a town). */
  o: { params?: MetricParams; only?: string[] } = {},
): Promise<Map<number, SnapshotValues>> {
  const period = parsePeriod(periodId).id;
  const out = new Map<number, SnapshotValues>();
  if (!townIds.length) return out;
  const wanted = o.only ? [...new Set(o.only)].filter((id) => SNAPSHOT_IDS.includes(id)) : SNAPSHOT_IDS;
  let q = db.selectFrom('metric_snapshots').select(['town_id', 'metric', 'value']).where('period', '=', period).where('town_id', 'in', townIds);
  if (o.only) q = q.where('metric', 'in', wanted.length ? wanted : ['']);
  for (const r of await q.execute()) (out.get(r.town_id) ?? out.set(r.town_id, {}).get(r.town_id)!)[r.metric] = r.value == null ? null : Number(r.value);
  // A snapshot stored before a metric was added to the catalog (an upgrade) counts as missing.
  const missing = townIds.filter((id) => !out.has(id) || wanted.some((m) => !(m in out.get(id)!)));
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
    // From the records, not from values remembered in this process (src/metrics/live-cache.ts).
    await store(db, id, await computeBatches(db, town, want, true, params, { fresh: true }), startedAt, true);
    periods += want.length;
  }
  if (!o.root && !o.period) {
    // Rows of towns that are gone.
    const live = new Set(towns);
    const stale = (await db.selectFrom('metric_snapshots').select('town_id').distinct().execute()).map((r) => r.town_id).filter((t) => !live.has(t));
    if (stale.length) await db.deleteFrom('metric_snapshots').where('town_id', 'in', stale).execute();
    await dropOverdueExcept(db, towns);
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

/**
 * An org's own figures from its children's (`computeBreakdown`), when the children hold every
 * record of its subtree — an org above the town level whose towns are all its children (a
 * county): counts, sums and computed counts add up; a ratio is the sum of its numerator over the
 * sum of its denominator; a distinct count adds up too (a cadre named in two towns is two
 * people, as the county dashboard's totals count them). Null when the children do not cover the
 * subtree (its figures must be computed live then). Saves the comparison view the county's live
 * computation over every town's records (docs/scale.md, "The province bench").
 */
export async function sumOfChildren(
  db: Kysely<Database>,
  org: Org,
  children: { org: { code: string }; values: Record<string, number | null> }[],
): Promise<Record<string, number | null> | null> {
  if (org.townId != null) return null; // a town's own records belong to no village
  const towns = (await listSubtree(db, org)).filter((o) => o.kind === 'town');
  const direct = new Set(children.map((c) => c.org.code));
  if (!towns.length || towns.some((t) => t.parentId !== org.id || !direct.has(t.code))) return null;
  const out: Record<string, number | null> = {};
  for (const m of metricCatalog) if (m.type !== 'ratio') out[m.id] = children.reduce((s, c) => s + (c.values[m.id] ?? 0), 0);
  for (const m of metricCatalog) {
    if (m.type !== 'ratio') continue;
    const n = out[m.numerator];
    const d = out[m.denominator];
    out[m.id] = d && n != null ? n / d : null;
  }
  return out;
}
