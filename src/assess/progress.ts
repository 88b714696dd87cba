/**
 * Completion and overdue counts for the dashboards. A town's (or village's) view: ONE grouped
 * query over the rectification, petition and dispute records of its subtree, grouped by (town,
 * org, target org), folded in JavaScript into villages. The county's and region's views: from
 * the towns' snapshots and kept overdue counts (docs/scale.md "Metric snapshots", "Overdue counts").
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import { builtinLedger } from '../ledger/registry.ts';
import { today } from '../shared/today.ts';
import { isVillageLevel, listSubtree, villageOf, type Org } from '../org/service.ts';
import type { Period } from '../metrics/period.ts';
import type { ProgressRow } from './types.ts';
import { scopedRecords, systemFor } from '../access/records.ts';
import type { SnapshotValues } from '../metrics/snapshots.ts';
import { overdueOn, type OverdueCounts } from '../metrics/overdue.ts';
import { PROGRESS_LEDGERS, progressMetricId, type ProgressLedger } from '../metrics/variants.ts';

export interface Group {
  ledger: ProgressLedger;
  town_id: number;
  org_id: number;
  ref_org_id: number | null;
  total: number;
  done: number;
  overdue: number;
}

const emptyRow = (code: string, name: string): ProgressRow => ({
  code,
  name,
  rectification: { done: 0, total: 0 },
  petition: { done: 0, total: 0 },
  dispute: { done: 0, total: 0 },
  overdue: { rectification: 0, petition: 0 },
});

/**
 * In scope: rectifications found up to the period end (as of it); petitions and disputes of
 * the year up to the period end. Done: in a final state with its done date by the period end.
 * Overdue: rectifications and petitions past their due date today and not in a final state
 * (whatever the period), as the kept counts define it (`overdueOn`, src/metrics/overdue.ts). The live
 * count of a town's (or village's) own dashboard; above a town the same figures come from the
 * towns' snapshots and the kept overdue counts (`townProgress`).
 */
export async function progressGroups(db: Kysely<Database>, root: Org, p: Period, on = today()): Promise<Group[]> {
  const ledgers = PROGRESS_LEDGERS.map((key) => builtinLedger(key)!);
  const isFinal = sql.join(
    ledgers.map((l) => sql<SqlBool>`(r.ledger = ${l.key} and r.status in (${sql.join([...l.finalStates])}))`),
    sql` or `,
  );
  const inScope = sql<SqlBool>`((r.ledger = 'rectification' and r.date_on <= ${p.end}) or (r.ledger <> 'rectification' and r.date_on >= ${p.yearStart} and r.date_on <= ${p.end}))`;
  const rows = await scopedRecords(db, systemFor(root))
    .where('r.ledger', 'in', [...PROGRESS_LEDGERS])
    .select([
      'r.ledger',
      'r.town_id',
      'r.org_id',
      'r.ref_org_id',
      sql<number>`count(case when ${inScope} then 1 end)`.as('total'),
      sql<number>`count(case when ${inScope} and (${isFinal}) and r.done_on <= ${p.end} then 1 end)`.as('done'),
      sql<number>`count(case when ${overdueOn(on)} then 1 end)`.as('overdue'),
    ])
    .groupBy(['r.ledger', 'r.town_id', 'r.org_id', 'r.ref_org_id'])
    .execute();
  return rows.map((r) => ({ ...r, ledger: r.ledger as ProgressLedger, total: Number(r.total), done: Number(r.done), overdue: Number(r.overdue) }));
}

function add(row: ProgressRow, g: Group) {
  const rate = row[g.ledger];
  rate.total += g.total;
  rate.done += g.done;
  if (g.ledger === 'rectification') row.overdue.rectification += g.overdue;
  if (g.ledger === 'petition') row.overdue.petition += g.overdue;
}

/** By village (a town's or a village's view); what belongs to no village is 镇本级. */
export async function villageProgress(db: Kysely<Database>, root: Org, p: Period): Promise<ProgressRow[]> {
  const orgs = await listSubtree(db, root);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const villages = orgs.filter((o) => isVillageLevel(o.kind)).sort((a, b) => a.sort - b.sort || a.id - b.id);
  const rows = new Map(villages.map((v) => [v.id, emptyRow(v.code, v.name)]));
  const own = emptyRow(root.code, root.kind === 'town' ? '镇本级' : root.name);
  for (const g of await progressGroups(db, root, p)) {
    // A rectification belongs to its responsible org (targetOrg), other records to where they were filed.
    const at = byId.get(g.ledger === 'rectification' && g.ref_org_id != null ? g.ref_org_id : g.org_id) ?? byId.get(g.org_id);
    const v = at ? villageOf(at, byId) : undefined;
    add((v && rows.get(v.id)) || own, g);
  }
  const out = [...rows.values()];
  const ownHasData = own.rectification.total + own.petition.total + own.dispute.total + own.overdue.rectification + own.overdue.petition > 0;
  return ownHasData || out.length === 0 ? [...out, own] : out;
}

/**
 * By town (the county's and the region's views), without reading the towns' records: done and
 * total from each town's snapshot of the period (`snaps`, the `p:` counts of
 * src/metrics/variants.ts), overdue from the kept counts (src/metrics/overdue.ts).
 */
export function townProgress(towns: Org[], snaps: Map<number, SnapshotValues>, overdue: Map<number, OverdueCounts>): Map<number, ProgressRow> {
  return new Map(
    towns.map((t) => {
      const row = emptyRow(t.code, t.name);
      const s = snaps.get(t.id) ?? {};
      for (const l of PROGRESS_LEDGERS) row[l] = { done: s[progressMetricId(l, 'done')] ?? 0, total: s[progressMetricId(l, 'total')] ?? 0 };
      const o = overdue.get(t.id);
      if (o) row.overdue = { rectification: o.rectification, petition: o.petition };
      return [t.id, row];
    }),
  );
}
