import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { importDemoYear } from '../helpers/import.ts';
import type { Db } from '../../src/db/kysely.ts';
import type { Database } from '../../src/db/schema.ts';
import { createRecord, removeRecord, updateRecord } from '../../src/ledger/operations.ts';
import { getOrgByCode, type Org } from '../../src/org/service.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import { computeMetrics, plainValues } from '../../src/metrics/engine.ts';
import { DEFAULT_PARAMS } from '../../src/metrics/catalog.ts';

/**
 * A town's live metrics remembered per ledger (src/metrics/live-cache.ts, docs/scale.md): a
 * repeated computation scans no ledger; after any write — through the app, or straight SQL that
 * bypasses it, a hard delete, an org change — the values equal a computation from the records,
 * and only the ledgers written are scanned again.
 */
describe(`${dialectName}: live metrics remembered per ledger while its change stamp holds`, () => {
  let db: Db;
  let counted: Kysely<Database>;
  let p: Principal;
  let dh: Org;
  let np: Org;
  /** The ledgers the aggregate scans of the last computation read (their `ledger = ?` parameter). */
  let scans: string[] = [];

  beforeAll(async () => {
    process.env.LUOSHI_ALERTS_ON_WRITE = '0';
    db = await createTestDb();
    p = await importDemoYear(db.kysely, 5);
    dh = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    np = (await getOrgByCode(db.kysely, 'QH-NP'))!;
    // One instance (so one cache) whose queries are watched: an aggregate scan is a select of
    // count/sum(case …) over records; its ledger is the parameter of `"r"."ledger" = `.
    const watch: KyselyPlugin = {
      transformQuery(args) {
        const q = counted.getExecutor().compileQuery(args.node, args.queryId);
        if (/^select (count|sum)\((distinct )?case/.test(q.sql)) {
          const m = /"r"\."ledger" = (\?|\$(\d+))/.exec(q.sql)!; // SQLite's ? or PostgreSQL's $n
          const at = m[2] ? Number(m[2]) - 1 : q.sql.slice(0, m.index).split('?').length - 1;
          scans.push(String(q.parameters[at]));
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    counted = db.kysely.withPlugin(watch);
  }, 300_000);
  afterAll(async () => {
    delete process.env.LUOSHI_ALERTS_ON_WRITE;
    await db.close();
  });

  /** The town's Q4 metrics through the cache, the ledgers scanned, and the same from the records. */
  async function compute(town: Org, params = DEFAULT_PARAMS) {
    scans = [];
    const got = plainValues(await computeMetrics(counted, town, '2023Q4', { params }));
    const scanned = [...scans].sort();
    const fresh = plainValues(await computeMetrics(db.kysely, town, '2023Q4', { params, fresh: true }));
    return { got, fresh, scanned };
  }

  it('a repeated computation scans no ledger and gives the same values', async () => {
    const first = await compute(dh);
    expect(first.got).toEqual(first.fresh);
    expect(first.scanned.length).toBeGreaterThan(10); // every ledger with an aggregate metric
    expect(Object.values(first.got).filter((v) => v).length).toBeGreaterThan(20);
    const again = await compute(dh);
    expect(again.scanned).toEqual([]);
    expect(again.got).toEqual(first.got);
  });

  it('a write through the app rescans only its ledger, and the values follow it', async () => {
    await compute(dh);
    const before = (await compute(dh)).got;
    const rec = await createRecord(db.kysely, p, 'supervision', 'QH-DH', { title: '缓存测试监督', area: '安全生产', occurredOn: '2023-11-10' });
    const created = await compute(dh);
    expect(created.scanned).toEqual(['supervision']);
    expect(created.got).toEqual(created.fresh);
    expect(created.got['discipline.supervision.count']).toBe(before['discipline.supervision.count']! + 1);

    await updateRecord(db.kysely, p, rec.id, { occurredOn: '2022-12-01' }); // out of the year
    const moved = await compute(dh);
    expect(moved.scanned).toEqual(['supervision']);
    expect(moved.got).toEqual(moved.fresh);
    expect(moved.got['discipline.supervision.count']).toBe(before['discipline.supervision.count']);

    await updateRecord(db.kysely, p, rec.id, { occurredOn: '2023-10-02' });
    await removeRecord(db.kysely, p, rec.id, '测试删除');
    const removed = await compute(dh);
    expect(removed.scanned).toEqual(['supervision']);
    expect(removed.got).toEqual(removed.fresh);
    expect(removed.got['discipline.supervision.count']).toBe(before['discipline.supervision.count']);
  });

  it('SQL that bypasses the app — an update, a hard delete, an insert — changes the stamp too', async () => {
    await compute(dh);
    const some = await db.kysely
      .selectFrom('records')
      .select(['id', 'ledger'])
      .where('town_id', '=', dh.id)
      .where('ledger', '=', 'petition')
      .where('deleted_at', 'is', null)
      .where('date_on', '>=', '2023-01-01')
      .where('date_on', '<=', '2023-12-31')
      .orderBy('id')
      .limit(2)
      .execute();
    expect(some).toHaveLength(2);
    await db.kysely.updateTable('records').set({ date_on: '2021-06-01' }).where('id', '=', some[0].id).execute();
    const updated = await compute(dh);
    expect(updated.scanned).toEqual(['petition']);
    expect(updated.got).toEqual(updated.fresh);

    await db.kysely.deleteFrom('records').where('id', '=', some[1].id).execute();
    const deleted = await compute(dh);
    expect(deleted.scanned).toEqual(['petition']);
    expect(deleted.got).toEqual(deleted.fresh);

    const { id: _id, ...copy } = await db.kysely.selectFrom('records').selectAll().where('id', '=', some[0].id).executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('records')
      .values({ ...copy, date_on: '2023-08-08' })
      .execute();
    const inserted = await compute(dh);
    expect(inserted.scanned).toEqual(['petition']);
    expect(inserted.got).toEqual(inserted.fresh);
  });

  it('another town’s write leaves this town’s values alone; an org change rescans every ledger', async () => {
    await compute(dh);
    await createRecord(db.kysely, p, 'supervision', 'QH-NP', { title: '南坪监督', area: '安全生产', occurredOn: '2023-11-11' });
    expect((await compute(dh)).scanned).toEqual([]);
    const np1 = await compute(np);
    expect(np1.got).toEqual(np1.fresh);

    // A referenced org's kind is part of some metrics (refOrgKind): any org write counts.
    const village = await db.kysely
      .selectFrom('orgs')
      .select(['id', 'name'])
      .where('town_id', '=', dh.id)
      .where('kind', '=', 'village')
      .executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('orgs')
      .set({ name: village.name }) // unchanged: any org write counts
      .where('id', '=', village.id)
      .execute();
    const after = await compute(dh);
    expect(after.scanned.length).toBeGreaterThan(10);
    expect(after.got).toEqual(after.fresh);
  });

  it('other metric parameters are computed for themselves, not taken from the cache', async () => {
    await compute(dh);
    const other = { ...DEFAULT_PARAMS, youngAge: DEFAULT_PARAMS.youngAge - 5 };
    const r = await compute(dh, other);
    expect(r.scanned.length).toBeGreaterThan(0);
    expect(r.got).toEqual(r.fresh);
    expect((await compute(dh, other)).scanned).toEqual([]);
    expect((await compute(dh)).scanned).toEqual([]);
  });
});
