import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { listSubtree, villageOf, type Org } from '../org/service.ts';
import { scopedRecords, systemFor } from '../access/records.ts';
import { getSetting } from '../auth/settings.ts';
import { metricCatalog, DEFAULT_PARAMS, type MetricParams } from './catalog.ts';
import { parsePeriod, type Period } from './period.ts';
import { metricJs, metricSql, addYearsText, type Implied, type MetricRow } from './filters.ts';
import { compileAggregate, compileCatalog } from './compile.ts';
import { PROMOTED_COLUMN_NAMES } from '../ledger/types.ts';
import type { RecordVersion } from '../ledger/hooks.ts';
import { ledgerStamps, remember, remembered, type LedgerStamps } from './live-cache.ts';
import type { AggregateMetric, ColumnFilter, CompiledAggregate, ComputedMetric, MetricDecl, MetricValue, MetricsResult, RatioMetric } from './types.ts';

/**
 * Computes metrics for an org subtree and a period. Values of the aggregate metrics come
 * from one aggregate scan per ledger (a CASE expression per metric of that ledger); the few computed
 * metrics read their (small) ledgers once more. Provenance — the record ids behind each
 * value — is an extra pass over the promoted columns with the same filters in JavaScript,
 * taken only when asked (drill-down, submission).
 */
export interface ComputeOptions {
  provenance?: boolean;
  /** Restrict to these metric ids (and what ratios need). */
  only?: string[];
  params?: MetricParams;
  catalog?: MetricDecl[];
  /** Scan every ledger, ignoring remembered values (./live-cache.ts); the result is remembered. */
  fresh?: boolean;
}

export async function metricParams(db: Kysely<Database>): Promise<MetricParams> {
  return getSetting(db, 'metricParams', DEFAULT_PARAMS);
}

/** Metrics count every record of the org's subtree, whoever asks: the system's scope of the org. */
function base(db: Kysely<Database>, root: Org, towns?: number[]) {
  return plain(db, root, towns).leftJoin('orgs as ro', 'ro.id', 'r.ref_org_id');
}

/** The record rows of an org subtree without the ref-org join (most metrics do not need it). */
function plain(db: Kysely<Database>, root: Org, towns?: number[]) {
  return scopedRecords(db, systemFor(root), towns ? { towns } : {});
}

/** Above the town level, the towns of the subtree (the scans also filter by them: src/access/records.ts `towns`). */
async function townsUnder(root: Org, subtree: () => Promise<Org[]>): Promise<number[] | undefined> {
  return root.townId == null ? (await subtree()).filter((o) => o.kind === 'town').map((o) => o.id) : undefined;
}

const usesRefOrg = (fs: ColumnFilter[]): boolean => fs.some((f) => f.op === 'refOrgKind' || (f.op === 'or' && f.groups.some((g) => usesRefOrg(g))));

/**
 * The catalog compiled when this module loads, i.e. at start-up: a metric naming a field that is
 * unknown or not promoted throws here with its id. Metrics of another catalog (dashboard
 * variants) are compiled on first use.
 */
const compiledDecls = new WeakMap<AggregateMetric, CompiledAggregate>();
const compiledCatalog = compileCatalog(metricCatalog);
for (const m of metricCatalog) if (m.type === 'aggregate') compiledDecls.set(m, compiledCatalog.get(m.id)!);
function compiled(m: AggregateMetric): CompiledAggregate {
  let c = compiledDecls.get(m);
  if (!c) compiledDecls.set(m, (c = compileAggregate(m)));
  return c;
}

/** A number per catalog object: remembered values of one catalog are never taken for another's (ids may repeat). */
const catalogIds = new WeakMap<MetricDecl[], number>();
let catalogs = 0;
function catalogId(c: MetricDecl[]): number {
  const id = catalogIds.get(c) ?? ++catalogs;
  catalogIds.set(c, id);
  return id;
}

/**
 * Date bounds every metric of one ledger shares (each mode but `all` needs date_on <= end;
 * quarter and ytd also a lower bound): pushed into WHERE so the index skips what no metric counts.
 */
function sharedBounds(ms: CompiledAggregate[], p: Period): { from?: string; to?: string } {
  if (ms.some((m) => m.mode === 'all')) return {};
  const lows = ms.map((m) => (m.mode === 'quarter' ? p.start : m.mode === 'ytd' ? p.yearStart : null));
  const from = lows.includes(null) ? undefined : (lows as string[]).reduce((a, b) => (a < b ? a : b));
  return { from, to: p.end };
}

function aggExpr(m: CompiledAggregate, period: Period, params: MetricParams, implied: Implied) {
  const cond = metricSql(m, period, params, implied);
  const a = m.aggregate;
  return a.agg === 'count'
    ? sql<number>`count(case when ${cond} then 1 end)`
    : a.agg === 'sum'
      ? sql<number>`sum(case when ${cond} then ${sql.ref(`r.${a.field}`)} end)`
      : sql<number>`count(distinct case when ${cond} then ${sql.ref(`r.${a.field}`)} end)`;
}

/**
 * One grouped scan per ledger, each with only that ledger's CASE expressions: a row is tested
 * against its own ledger's metrics, not the whole catalog (3x faster on a 20,000-record town).
 * Several periods share the scan (a CASE per metric and period; the snapshots' upkeep recomputes
 * a town's stored quarters at once). The scans run concurrently (PostgreSQL uses several pool
 * connections). Values by period id, then metric id. With `cache`, a ledger whose values are
 * remembered under its current stamp is not scanned (./live-cache.ts).
 */
async function aggregateValues(
  db: Kysely<Database>,
  org: Org,
  periods: Period[],
  params: MetricParams,
  aggs: CompiledAggregate[],
  towns?: number[],
  cache?: { stamps: LedgerStamps; fresh: boolean; catalog: number },
): Promise<Map<string, Map<string, number>>> {
  const byLedger = new Map<string, CompiledAggregate[]>();
  for (const m of aggs) (byLedger.get(m.ledger) ?? byLedger.set(m.ledger, []).get(m.ledger)!).push(m);
  const out = new Map(periods.map((p) => [p.id, new Map<string, number>()]));
  const scope = cache && `${cache.catalog}|${org.id}|${periods.map((p) => p.id).join(',')}|${JSON.stringify(params)}`;
  await Promise.all(
    [...byLedger].map(async ([ledger, ms]) => {
      const key = scope && `${scope}|${ledger}|${ms.map((m) => m.id).join(',')}`;
      const stamp = cache?.stamps.of(ledger);
      const known = key && stamp && !cache.fresh ? remembered(db, key, stamp) : undefined;
      if (known) {
        for (const [p, vs] of known) for (const [id, v] of vs) out.get(p)!.set(id, v);
        return;
      }
      const bounds = periods.map((p) => sharedBounds(ms, p));
      const to = bounds.some((b) => !b.to) ? undefined : bounds.map((b) => b.to!).reduce((a, b) => (a > b ? a : b));
      const from = bounds.some((b) => !b.from) ? undefined : bounds.map((b) => b.from!).reduce((a, b) => (a < b ? a : b));
      // The WHERE below holds the ledger and these date bounds: the CASEs need not test them again.
      const implied: Implied = { ledger: true, ...(from ? { from } : {}), ...(to ? { to } : {}) };
      const select = periods.flatMap((p, j) => ms.map((m, i) => aggExpr(m, p, params, implied).as(`m${j}_${i}`)));
      const join = ms.some((m) => usesRefOrg(m.filters));
      let q = join ? base(db, org, towns).where('r.ledger', '=', ledger).select(select) : plain(db, org, towns).where('r.ledger', '=', ledger).select(select);
      if (to) q = q.where('r.date_on', '<=', to);
      if (from) q = q.where('r.date_on', '>=', from);
      const row = ((await q.executeTakeFirst()) ?? {}) as Record<string, unknown>;
      const values = new Map(periods.map((p, j) => [p.id, new Map(ms.map((m, i) => [m.id, Number(row[`m${j}_${i}`] ?? 0)]))]));
      for (const [p, vs] of values) for (const [id, v] of vs) out.get(p)!.set(id, v);
      if (key && stamp) remember(db, key, stamp, values);
    }),
  );
  return out;
}

function needed(catalog: MetricDecl[], only?: string[]): MetricDecl[] {
  if (!only) return catalog;
  const byId = new Map(catalog.map((m) => [m.id, m]));
  const out = new Map<string, MetricDecl>();
  const add = (id: string) => {
    const m = byId.get(id);
    if (!m || out.has(id)) return;
    out.set(id, m);
    if (m.type === 'ratio') {
      add(m.numerator);
      add(m.denominator);
    }
  };
  only.forEach(add);
  return [...out.values()];
}

export async function computeMetrics(db: Kysely<Database>, org: Org, periodId: string, o: ComputeOptions = {}): Promise<MetricsResult> {
  return (await computeMetricsOver(db, org, [periodId], o))[0];
}

/** Periods per shared scan: a CASE per metric and period, so a long list is split. */
const PERIODS_PER_SCAN = 8;

/**
 * The same metrics for several periods of one org, in the order given: each ledger is scanned
 * once per (up to) 8 periods and the computed metrics' ledgers read once, instead of once per
 * period — what recomputing a town's stored snapshot quarters needs.
 */
export async function computeMetricsOver(db: Kysely<Database>, org: Org, periodIds: string[], o: ComputeOptions = {}): Promise<MetricsResult[]> {
  const periods = periodIds.map(parsePeriod);
  const params = o.params ?? (await metricParams(db));
  const metrics = needed(o.catalog ?? metricCatalog, o.only);
  const aggs = metrics.filter((m): m is AggregateMetric => m.type === 'aggregate').map(compiled);
  let orgs: Promise<Org[]> | undefined;
  const subtree = () => (orgs ??= listSubtree(db, org));
  const towns = await townsUnder(org, subtree);
  // At a town and below, each ledger's values are remembered while its change stamp holds
  // (./live-cache.ts); the stamps are read before any record. Not inside a transaction: on
  // PostgreSQL its own writes change the stamps only when it commits.
  const cache =
    aggs.length && org.townId != null && !db.isTransaction
      ? { stamps: await ledgerStamps(db, org.townId), fresh: !!o.fresh, catalog: catalogId(o.catalog ?? metricCatalog) }
      : undefined;
  const got = new Map<string, Map<string, number>>();
  if (aggs.length) {
    for (let i = 0; i < periods.length; i += PERIODS_PER_SCAN) {
      for (const [k, v] of await aggregateValues(db, org, periods.slice(i, i + PERIODS_PER_SCAN), params, aggs, towns, cache)) got.set(k, v);
    }
  }

  const read = new Map<string, Promise<Row[]>>(); // a ledger two computed metrics (or periods) read is read once
  const rowsOf = (ledger: string) => {
    if (!read.has(ledger)) {
      read.set(
        ledger,
        plain(db, org, towns)
          .where('r.ledger', '=', ledger)
          .select(['r.id', 'r.org_id', 'r.date_on', 'r.date2', 'r.date3', 'r.sub', 'r.status'])
          .orderBy('r.id')
          .execute() as Promise<Row[]>,
      );
    }
    return read.get(ledger)!;
  };
  const out: MetricsResult[] = [];
  for (const period of periods) {
    const values: Record<string, MetricValue> = {};
    if (aggs.length) {
      const vs = got.get(period.id)!;
      for (const m of aggs) values[m.id] = { value: vs.get(m.id) ?? 0, records: [] };
      if (o.provenance) await fillProvenance(db, org, period, params, aggs, [...new Set(aggs.map((m) => m.ledger))], values, towns);
    }
    for (const m of metrics.filter((m): m is ComputedMetric => m.type === 'computed')) {
      values[m.id] = await computed(db, org, period, params, m, subtree, rowsOf);
    }
    for (const m of metrics.filter((m): m is RatioMetric => m.type === 'ratio')) {
      const n = values[m.numerator];
      const d = values[m.denominator];
      values[m.id] = {
        value: d && n && d.value ? n.value! / d.value : null,
        records: [...new Set([...(n?.records ?? []), ...(d?.records ?? [])])],
      };
    }
    out.push({ org: org.code, period: period.id, values });
  }
  return out;
}

async function fillProvenance(
  db: Kysely<Database>,
  org: Org,
  period: Period,
  params: MetricParams,
  aggs: CompiledAggregate[],
  ledgers: string[],
  values: Record<string, MetricValue>,
  towns?: number[],
) {
  const rows = (await base(db, org, towns)
    .where('r.ledger', 'in', ledgers)
    .select(['r.id', 'r.ledger', 'r.org_id', 'ro.kind as ref_kind', ...PROMOTED_COLUMN_NAMES.map((c) => `r.${c}` as const)])
    .orderBy('r.id')
    .execute()) as MetricRow[];
  const byLedger = new Map<string, MetricRow[]>();
  for (const r of rows) (byLedger.get(r.ledger) ?? byLedger.set(r.ledger, []).get(r.ledger)!).push(r);
  for (const m of aggs) {
    values[m.id].records = (byLedger.get(m.ledger) ?? []).filter((r) => metricJs(m, r, period, params)).map((r) => r.id);
  }
}

type Row = { id: number; org_id: number; date_on: string | null; date2: string | null; date3: string | null; sub: string | null; status: string | null };

async function computed(
  db: Kysely<Database>,
  org: Org,
  p: Period,
  params: MetricParams,
  m: ComputedMetric,
  subtree: () => Promise<Org[]>,
  rowsOf: (ledger: string) => Promise<Row[]>,
): Promise<MetricValue> {
  const orgs = await subtree();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const villages = orgs.filter((o) => o.kind === 'village' || o.kind === 'community');
  const villageIdOf = (r: Row) => {
    const o = byId.get(r.org_id);
    return o ? villageOf(o, byId)?.id : undefined;
  };
  switch (m.fn) {
    case 'branchCount':
      return { value: orgs.filter((o) => o.kind === 'branch').length, records: [] };
    case 'villagesMeetingYouthFarmer': {
      const hits = (await rowsOf('development')).filter(
        (r) =>
          r.date2 != null &&
          r.date2 >= p.yearStart &&
          r.date2 <= p.end &&
          r.sub === '农民' &&
          r.date3 != null &&
          addYearsText(r.date3, params.youngAge) > r.date2,
      );
      const vs = new Set(hits.map(villageIdOf).filter((v): v is number => v != null));
      return { value: vs.size, records: hits.filter((r) => vs.has(villageIdOf(r)!)).map((r) => r.id) };
    }
    case 'villagesNoneTwoYears': {
      const rows = (await rowsOf('development')).filter((r) => r.date_on != null && r.date_on >= p.prevYearStart && r.date_on <= p.end);
      const have = new Set(rows.map(villageIdOf));
      return { value: villages.filter((v) => !have.has(v.id)).length, records: [] };
    }
  }
}

/** Values only, in the CLI's JSON shape. */
/**
 * The periods among `periodIds` in which one of `rows` counts for one of the aggregate metrics
 * `ids` of `catalog`, by the JavaScript twin of the SQL conditions (./filters.ts; provenance
 * uses it too). A record that counts for no aggregate of a period cannot change that period's
 * aggregate values: the snapshots' upkeep recomputes only the quarters a write reaches.
 */
export function periodsCounting(catalog: MetricDecl[], ids: string[], rows: MetricRow[], periodIds: string[], params: MetricParams): Set<string> {
  const want = new Set(ids);
  const aggs = catalog.filter((m): m is AggregateMetric => m.type === 'aggregate' && want.has(m.id)).map(compiled);
  const out = new Set<string>();
  for (const id of periodIds) {
    const p = parsePeriod(id);
    if (rows.some((r) => aggs.some((m) => metricJs(m, r, p, params)))) out.add(id);
  }
  return out;
}

/**
 * Metric rows (./filters.ts MetricRow) of stored records by id, deleted or not, and of record
 * versions given as stored (a record before a write), with the referenced org's kind resolved.
 */
export async function metricRowsOf(db: Kysely<Database>, ids: number[], versions: RecordVersion[] = []): Promise<MetricRow[]> {
  const stored = ids.length
    ? ((await db
        .selectFrom('records as r')
        .leftJoin('orgs as ro', 'ro.id', 'r.ref_org_id')
        .select(['r.id', 'r.ledger', 'r.org_id', 'ro.kind as ref_kind', ...PROMOTED_COLUMN_NAMES.map((c) => `r.${c}` as const)])
        .where('r.id', 'in', ids)
        .execute()) as MetricRow[])
    : [];
  const refs = [...new Set(versions.map((v) => v.ref_org_id).filter((x): x is number => x != null))];
  const kinds = new Map(
    refs.length ? (await db.selectFrom('orgs').select(['id', 'kind']).where('id', 'in', refs).execute()).map((o) => [o.id, o.kind] as const) : [],
  );
  return [...stored, ...versions.map((v) => ({ ...v, ref_kind: v.ref_org_id != null ? (kinds.get(v.ref_org_id) ?? null) : null }))];
}

export function plainValues(r: MetricsResult): Record<string, number | null> {
  return Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v.value]));
}
