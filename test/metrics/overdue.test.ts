import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { importDemoYear } from '../helpers/import.ts';
import type { Db } from '../../src/db/kysely.ts';
import { getOrgByCode, type Org } from '../../src/org/service.ts';
import { progressGroups } from '../../src/assess/progress.ts';
import { parsePeriod } from '../../src/metrics/period.ts';
import { overdueCounts, refreshOverdue } from '../../src/metrics/overdue.ts';

/**
 * The kept overdue counts (src/metrics/overdue.ts, docs/scale.md "Overdue counts"): they equal
 * the town dashboard's live count, a stored row answers while its day and its ledger's change
 * stamp hold, and any write to the town's records — even one behind the application's back — or
 * another day makes it count again.
 */
describe(`${dialectName}: overdue counts kept per town, valid for one day and one change stamp`, () => {
  let db: Db;
  let towns: Org[];
  const ON = '2023-12-31';

  beforeAll(async () => {
    db = await createTestDb();
    await importDemoYear(db.kysely, 12);
    towns = [(await getOrgByCode(db.kysely, 'QH-DH'))!, (await getOrgByCode(db.kysely, 'QH-NP'))!];
  }, 300_000);
  afterAll(async () => {
    await db.close();
  });

  /** The town dashboard's live count (every period gives the same overdue figures). */
  async function live(town: Org, on: string) {
    const out = { rectification: 0, petition: 0 };
    for (const g of await progressGroups(db.kysely, town, parsePeriod('2023Q4'), on)) if (g.ledger !== 'dispute') out[g.ledger] += g.overdue;
    return out;
  }
  const ids = () => towns.map((t) => t.id);
  const stored = () => db.kysely.selectFrom('overdue_counts').selectAll().orderBy('town_id').orderBy('ledger').execute();

  it('counts what the live count counts, and stores a row per town and ledger', async () => {
    expect(await stored()).toEqual([]);
    const got = await overdueCounts(db.kysely, ids(), ON);
    for (const t of towns) expect(got.get(t.id), t.code).toEqual(await live(t, ON));
    expect(towns.some((t) => got.get(t.id)!.rectification > 0) && towns.some((t) => got.get(t.id)!.petition > 0)).toBe(true); // the data exercise it
    const rows = await stored();
    expect(rows.map((r) => `${r.town_id}|${r.ledger}|${r.on_date}`)).toEqual(towns.flatMap((t) => [`${t.id}|petition|${ON}`, `${t.id}|rectification|${ON}`]));
  });

  it('answers from a row while its day and stamp hold; a write behind the app’s back, or another day, counts again', async () => {
    const [dh, np] = towns;
    // A row that still holds is what is answered (a planted figure shows it is not recounted).
    await db.kysely.updateTable('overdue_counts').set({ overdue: 999 }).where('town_id', '=', dh.id).where('ledger', '=', 'rectification').execute();
    expect((await overdueCounts(db.kysely, ids(), ON)).get(dh.id)!.rectification).toBe(999);

    // Close one overdue rectification of 东湖 with plain SQL: the trigger's stamp changes, the row no longer holds.
    const open = await db.kysely
      .selectFrom('records')
      .select('id')
      .where('town_id', '=', dh.id)
      .where('ledger', '=', 'rectification')
      .where('deleted_at', 'is', null)
      .where('due_on', '<', ON)
      .where('status', '<>', 'done')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const before = await live(dh, ON);
    await sql`update records set status = 'done', done_on = '2023-12-01' where id = ${open.id}`.execute(db.kysely);
    const after = await overdueCounts(db.kysely, ids(), ON);
    expect(after.get(dh.id)).toEqual({ rectification: before.rectification - 1, petition: before.petition });
    expect(after.get(dh.id)).toEqual(await live(dh, ON));
    // The other town's rows held and still give its live figures.
    expect(after.get(np.id)).toEqual(await live(np, ON));

    // Another day: counted for that day.
    const later = '2024-06-30';
    const next = await overdueCounts(db.kysely, ids(), later);
    for (const t of towns) expect(next.get(t.id), t.code).toEqual(await live(t, later));
    expect(next.get(dh.id)!.rectification + next.get(dh.id)!.petition).toBeGreaterThan(after.get(dh.id)!.rectification + after.get(dh.id)!.petition);
    expect(new Set((await stored()).map((r) => r.on_date))).toEqual(new Set([later]));
  });

  it('the daily run counts the stored towns for the new day, and only what no longer holds', async () => {
    const day = '2024-09-30';
    expect(await refreshOverdue(db.kysely, day)).toBe(2);
    expect(new Set((await stored()).map((r) => r.on_date))).toEqual(new Set([day]));
    // Planted in a row that holds: the refresh leaves it, the answer is it (nothing recounted).
    await db.kysely.updateTable('overdue_counts').set({ overdue: 777 }).where('town_id', '=', towns[1].id).where('ledger', '=', 'petition').execute();
    expect(await refreshOverdue(db.kysely, day)).toBe(0);
    expect((await overdueCounts(db.kysely, ids(), day)).get(towns[1].id)!.petition).toBe(777);
    // A record deleted behind the app's back: that town is counted again, right.
    await sql`update records set deleted_at = '2024-09-01T00:00:00.000Z' where id = (select min(id) from records where town_id = ${towns[1].id} and ledger = 'petition')`.execute(
      db.kysely,
    );
    expect(await refreshOverdue(db.kysely, day)).toBe(1);
    expect((await overdueCounts(db.kysely, ids(), day)).get(towns[1].id)).toEqual(await live(towns[1], day));
    // A town no dashboard asked for gets no row.
    expect(new Set((await stored()).map((r) => r.town_id))).toEqual(new Set(ids()));
  });
});
