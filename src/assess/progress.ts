/**
 * Completion and overdue counts for the dashboards: ONE grouped query over the rectification,
 * petition and dispute records of an org subtree, grouped by (town, org, target org), then
 * folded in JavaScript into villages (a town's view) or towns (the county's view).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import { allLedgers } from '../ledger/registry.ts';
import { today } from '../shared/today.ts';
import { isVillageLevel, listSubtree, villageOf, type Org } from '../org/service.ts';
import type { Period } from '../metrics/period.ts';
import type { ProgressRow } from './types.ts';
import { scopedRecords, systemFor } from '../access/records.ts';

const LEDGERS = ['rectification', 'petition', 'dispute'] as const;
type Ledger = (typeof LEDGERS)[number];

interface Group {
  ledger: Ledger;
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

async function finalStates(db: Kysely<Database>): Promise<Record<Ledger, string[]>> {
  const ls = new Map((await allLedgers(db)).map((l) => [l.key, [...l.finalStates]]));
  return {
    rectification: ls.get('rectification') ?? ['done'],
    petition: ls.get('petition') ?? ['closed'],
    dispute: ls.get('dispute') ?? ['resolved', 'referred'],
  };
}

/**
 * In scope: rectifications found up to the period end (as of it); petitions and disputes of
 * the year up to the period end. Done: in a final state with its done date by the period end.
 * Overdue: past its due date today and not in a final state (whatever the period).
 */
export async function progressGroups(
  db: Kysely<Database>,
  root: Org,
  p: Period,
  on = today(),
  towns?: number[],
  /** 'town': one group per town and ledger (the county's view needs no more; a fraction of the grouping work). */
  by: 'org' | 'town' = 'org',
): Promise<Group[]> {
  const finals = await finalStates(db);
  const isFinal = sql.join(
    LEDGERS.map((l) => sql<SqlBool>`(r.ledger = ${l} and r.status in (${sql.join(finals[l])}))`),
    sql` or `,
  );
  const inScope = sql<SqlBool>`((r.ledger = 'rectification' and r.date_on <= ${p.end}) or (r.ledger <> 'rectification' and r.date_on >= ${p.yearStart} and r.date_on <= ${p.end}))`;
  const counts = [
    sql<number>`count(case when ${inScope} then 1 end)`.as('total'),
    sql<number>`count(case when ${inScope} and (${isFinal}) and r.done_on <= ${p.end} then 1 end)`.as('done'),
    sql<number>`count(case when r.due_on < ${on} and (r.status is null or not (${isFinal})) then 1 end)`.as('overdue'),
  ];
  const base = scopedRecords(db, systemFor(root), towns ? { towns } : {}).where('r.ledger', 'in', [...LEDGERS]);
  const rows =
    by === 'town'
      ? (
          await base
            .select(['r.ledger', 'r.town_id', ...counts])
            .groupBy(['r.town_id', 'r.ledger'])
            .execute()
        ).map((r) => ({
          ...r,
          org_id: r.town_id,
          ref_org_id: null,
        }))
      : await base
          .select(['r.ledger', 'r.town_id', 'r.org_id', 'r.ref_org_id', ...counts])
          .groupBy(['r.ledger', 'r.town_id', 'r.org_id', 'r.ref_org_id'])
          .execute();
  return rows.map((r) => ({ ...r, ledger: r.ledger as Ledger, total: Number(r.total), done: Number(r.done), overdue: Number(r.overdue) }));
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

/** By town (the county's view). */
export async function townProgress(db: Kysely<Database>, county: Org, towns: Org[], p: Period): Promise<Map<number, ProgressRow>> {
  const rows = new Map(towns.map((t) => [t.id, emptyRow(t.code, t.name)]));
  // By the towns' ids too: the town-leading index, not the ledger across every county of a province.
  for (const g of await progressGroups(
    db,
    county,
    p,
    undefined,
    towns.map((t) => t.id),
    'town',
  )) {
    const row = rows.get(g.town_id);
    if (row) add(row, g);
  }
  return rows;
}
