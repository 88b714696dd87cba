/**
 * Overdue counts per town (逾期, docs/scale.md "Overdue counts"): how many of a town's
 * rectifications and petitions are past their due date and not closed, for the county and
 * region dashboards. Unlike a metric it depends on today, not on a period, so it is not a
 * snapshot: `overdue_counts` keeps, per (town, ledger), the count, the day it was counted for
 * and the ledger's change stamp read before counting (`ledger_versions`, which triggers replace
 * on every write to the town's records of that ledger, whoever writes them). A row answers only
 * while both still hold — the same day, no write since — so a stored count is never stale: a
 * town whose row does not hold is counted again (one grouped query for all of them) and its row
 * replaced. The daily run counts every stored town in the morning (`refreshOverdue`), so the
 * first dashboard of the day finds them ready.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import { builtinLedger } from '../ledger/registry.ts';
import { overdueSql } from '../ledger/operations.ts';
import { today } from '../shared/today.ts';

/** The ledgers the dashboards count overdue records of. */
export const OVERDUE_LEDGERS = ['rectification', 'petition'] as const;
export type OverdueLedger = (typeof OVERDUE_LEDGERS)[number];

export type OverdueCounts = Record<OverdueLedger, number>;

const zero = (): OverdueCounts => ({ rectification: 0, petition: 0 });

/**
 * A record of `records as r` open and past its due date on `on`, in whichever of the ledgers (the
 * list's 逾期 filter per ledger, src/ledger/records/common.ts): what is counted here, and live in a
 * town's own dashboard (src/assess/progress.ts).
 */
export function overdueOn(on: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    OVERDUE_LEDGERS.map((key) => sql<SqlBool>`(r.ledger = ${key} and ${overdueSql(builtinLedger(key)!, on)})`),
    sql` or `,
  )})`;
}

/**
 * Counts from the records: per town of `townIds`, its open records past their due date on `on`,
 * with the change stamps read before the records (a write in between leaves a row that no
 * longer holds, never one that holds wrongly).
 */
async function countFromRecords(db: Kysely<Database>, townIds: number[], on: string) {
  const stamps = await db
    .selectFrom('ledger_versions')
    .select(['town_id', 'ledger', 'version'])
    .where('town_id', 'in', townIds)
    .where('ledger', 'in', [...OVERDUE_LEDGERS])
    .execute();
  const counts = await db
    .selectFrom('records as r')
    .select(['r.town_id', 'r.ledger', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.town_id', 'in', townIds)
    .where('r.ledger', 'in', [...OVERDUE_LEDGERS])
    .where('r.deleted_at', 'is', null)
    .where(overdueOn(on))
    .groupBy(['r.town_id', 'r.ledger'])
    .execute();
  const stampOf = new Map(stamps.map((s) => [`${s.town_id}|${s.ledger}`, String(s.version)]));
  const n = new Map(counts.map((c) => [`${c.town_id}|${c.ledger}`, Number(c.n)]));
  return townIds.flatMap((town_id) =>
    OVERDUE_LEDGERS.map((ledger) => ({
      town_id,
      ledger,
      on_date: on,
      version: stampOf.get(`${town_id}|${ledger}`) ?? '0',
      overdue: n.get(`${town_id}|${ledger}`) ?? 0,
    })),
  );
}

type Row = Awaited<ReturnType<typeof countFromRecords>>[number];

/**
 * Replaces the towns' rows (in a transaction: on a read replica's handle it runs on the primary).
 * Sorted, so two dashboards storing the same towns at once take the rows' locks in one order.
 */
async function store(db: Kysely<Database>, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const sorted = [...rows].sort((a, b) => a.town_id - b.town_id || a.ledger.localeCompare(b.ledger));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < sorted.length; i += 500)
      await trx
        .insertInto('overdue_counts')
        .values(sorted.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['town_id', 'ledger']).doUpdateSet((eb) => ({
            on_date: eb.ref('excluded.on_date'),
            version: eb.ref('excluded.version'),
            overdue: eb.ref('excluded.overdue'),
          })),
        )
        .execute();
  });
}

/** The stored rows (of `townIds`, or all) with their ledger's current change stamp. */
function storedRows(db: Kysely<Database>, townIds?: number[]) {
  let q = db
    .selectFrom('overdue_counts as o')
    .leftJoin('ledger_versions as v', (j) => j.onRef('v.town_id', '=', 'o.town_id').onRef('v.ledger', '=', 'o.ledger'))
    .select(['o.town_id', 'o.ledger', 'o.on_date', 'o.version', 'o.overdue', 'v.version as current']);
  if (townIds) q = q.where('o.town_id', 'in', townIds);
  return q.execute();
}

/** A stored row answers for `on` while it was counted for that day under the ledger's current stamp ('0': none yet). */
const holds = (r: { on_date: string; version: number | string; current: number | string | null }, on: string) =>
  r.on_date === on && String(r.version) === String(r.current ?? '0');

/**
 * Per town of `townIds` (towns only), its overdue rectifications and petitions on `on` (today):
 * the stored counts that still hold, the others counted from the records and stored.
 */
export async function overdueCounts(db: Kysely<Database>, townIds: number[], on = today()): Promise<Map<number, OverdueCounts>> {
  const out = new Map<number, OverdueCounts>();
  if (!townIds.length) return out;
  const held = new Map<number, Set<string>>();
  for (const r of await storedRows(db, townIds)) {
    if (!holds(r, on) || !(OVERDUE_LEDGERS as readonly string[]).includes(r.ledger)) continue;
    (out.get(r.town_id) ?? out.set(r.town_id, zero()).get(r.town_id)!)[r.ledger as OverdueLedger] = Number(r.overdue);
    (held.get(r.town_id) ?? held.set(r.town_id, new Set()).get(r.town_id)!).add(r.ledger);
  }
  const stale = [...new Set(townIds)].filter((id) => (held.get(id)?.size ?? 0) < OVERDUE_LEDGERS.length);
  if (stale.length) {
    const counted = await countFromRecords(db, stale, on);
    for (const r of counted) (out.get(r.town_id) ?? out.set(r.town_id, zero()).get(r.town_id)!)[r.ledger] = r.overdue;
    try {
      await store(db, counted);
    } catch (e) {
      // The answer is already right; only the next dashboard's work is saved by the row.
      process.stderr.write(`storing overdue counts failed: ${(e as Error).message}\n`);
    }
  }
  return out;
}

/**
 * The daily run: count again every stored town whose rows were counted for another day (or
 * have been written since), 100 towns per query, so the morning's first dashboard finds them
 * ready. Returns the number of towns counted.
 */
export async function refreshOverdue(db: Kysely<Database>, on = today()): Promise<number> {
  const rows = await storedRows(db);
  const towns = [...new Set(rows.filter((r) => !holds(r, on)).map((r) => r.town_id))].sort((a, b) => a - b);
  for (let i = 0; i < towns.length; i += 100) await store(db, await countFromRecords(db, towns.slice(i, i + 100), on));
  return towns.length;
}

/** Forget the rows of towns that are gone (`luoshi metrics --rebuild`). */
export async function dropOverdueExcept(db: Kysely<Database>, towns: number[]): Promise<void> {
  const live = new Set(towns);
  const stale = (await db.selectFrom('overdue_counts').select('town_id').distinct().execute()).map((r) => r.town_id).filter((t) => !live.has(t));
  if (stale.length) await db.deleteFrom('overdue_counts').where('town_id', 'in', stale).execute();
}
