import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { importDemoYear } from '../helpers/import.ts';
import type { Db } from '../../src/db/kysely.ts';
import { importItems } from '../../src/ledger/import.ts';
import { createRecord, removeRecord, restoreRecord, transitionRecord, updateRecord } from '../../src/ledger/operations.ts';
import { getOrgByCode, getOrgById, type Org } from '../../src/org/service.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import { installAlertHooks } from '../../src/alerts/register.ts';
import { computeMetricsOver, plainValues } from '../../src/metrics/engine.ts';
import { computeSnapshot, metricsOfLedgers, rebuildSnapshots, refreshTownSnapshots, snapshotMetrics, SNAPSHOT_CATALOG } from '../../src/metrics/snapshots.ts';

/**
 * Metric snapshots (src/metrics/snapshots.ts, docs/scale.md): after every kind of write — create,
 * update, a date moved to another quarter and another year, a workflow transition, delete,
 * restore, an import — every stored (town, quarter) snapshot equals the metrics computed live
 * from the records. Writes go through the one write path with the hooks the server and CLI
 * install; without a worker (this test's database) the upkeep runs inline.
 */
describe(`${dialectName}: metric snapshots equal a live computation after every kind of write`, () => {
  let db: Db;
  let p: Principal;
  let dh: Org;
  let np: Org;
  const PERIODS = ['2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1'];

  beforeAll(async () => {
    process.env.LUOSHI_ALERTS_ON_WRITE = '0'; // the alert center's own upkeep is tested elsewhere
    installAlertHooks();
    db = await createTestDb();
    p = await importDemoYear(db.kysely, 11);
    dh = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    np = (await getOrgByCode(db.kysely, 'QH-NP'))!;
  }, 300_000);
  afterAll(async () => {
    delete process.env.LUOSHI_ALERTS_ON_WRITE;
    await db.close();
  });

  /** Every stored (town, quarter) against a live computation: one line per difference. */
  async function mismatches(): Promise<string[]> {
    const rows = await db.kysely.selectFrom('metric_snapshots').selectAll().execute();
    const groups = new Map<string, Map<string, number | null>>();
    for (const r of rows)
      (groups.get(`${r.town_id}|${r.period}`) ?? groups.set(`${r.town_id}|${r.period}`, new Map()).get(`${r.town_id}|${r.period}`)!).set(
        r.metric,
        r.value == null ? null : Number(r.value),
      );
    const out: string[] = [];
    for (const [key, stored] of groups) {
      const [town, period] = key.split('|');
      const live = await computeSnapshot(db.kysely, (await getOrgById(db.kysely, Number(town)))!, period);
      for (const m of SNAPSHOT_CATALOG) {
        const a = stored.has(m.id) ? stored.get(m.id)! : 'missing';
        const b = live[m.id];
        const same = a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);
        if (!same) out.push(`${key} ${m.id}: stored ${a}, live ${b}`);
      }
    }
    return out;
  }

  async function stored(town: Org, period: string, metric: string): Promise<number | null> {
    const r = await db.kysely
      .selectFrom('metric_snapshots')
      .select('value')
      .where('town_id', '=', town.id)
      .where('period', '=', period)
      .where('metric', '=', metric)
      .executeTakeFirst();
    return r?.value == null ? null : Number(r.value);
  }

  it('a view stores each town’s quarter the first time it asks, equal to live', async () => {
    expect(
      Number(
        (
          await db.kysely
            .selectFrom('metric_snapshots')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
    for (const period of PERIODS) {
      const got = await snapshotMetrics(db.kysely, [dh.id, np.id, (await getOrgByCode(db.kysely, 'QH'))!.id], period);
      expect([...got.keys()].sort()).toEqual([dh.id, np.id].sort()); // the county is not a town
      expect(got.get(dh.id)).toEqual(await computeSnapshot(db.kysely, dh, period));
    }
    const n = await db.kysely.selectFrom('metric_snapshots').select(['town_id', 'period']).distinct().execute();
    expect(n).toHaveLength(10);
    expect(await mismatches()).toEqual([]);
    // The demo data exercise the snapshot: most metrics are not zero in the last quarter.
    const q4 = (await snapshotMetrics(db.kysely, [dh.id], '2023Q4')).get(dh.id)!;
    expect(Object.values(q4).filter((v) => v).length).toBeGreaterThan(SNAPSHOT_CATALOG.length * 0.7);
  });

  it('create, update, backdating across quarters and years, transition, delete, restore and import keep every snapshot equal to live', async () => {
    const Q = 'q:discipline.supervision.count';
    const YTD = 'discipline.supervision.count';
    const q2 = (await stored(dh, '2023Q2', Q))!;
    const q1 = (await stored(dh, '2023Q1', Q))!;
    const ytd4 = (await stored(dh, '2023Q4', YTD))!;

    const rec = await createRecord(db.kysely, p, 'supervision', 'QH-DH', { title: '快照测试监督', area: '安全生产', occurredOn: '2023-05-10' });
    expect(await stored(dh, '2023Q2', Q)).toBe(q2 + 1);
    expect(await stored(dh, '2023Q4', YTD)).toBe(ytd4 + 1); // a later quarter of the year counts it too
    expect(await mismatches()).toEqual([]);

    await updateRecord(db.kysely, p, rec.id, { occurredOn: '2023-01-20' }); // backdated into the first quarter
    expect(await stored(dh, '2023Q2', Q)).toBe(q2);
    expect(await stored(dh, '2023Q1', Q)).toBe(q1 + 1);
    expect(await mismatches()).toEqual([]);

    await updateRecord(db.kysely, p, rec.id, { occurredOn: '2022-12-30' }); // into the previous year
    expect(await stored(dh, '2023Q1', Q)).toBe(q1);
    expect(await stored(dh, '2023Q4', YTD)).toBe(ytd4);
    expect(await mismatches()).toEqual([]);

    await updateRecord(db.kysely, p, rec.id, { occurredOn: '2024-02-01' }); // forward into the next year
    expect(await mismatches()).toEqual([]);

    await removeRecord(db.kysely, p, rec.id, '测试删除');
    expect(await mismatches()).toEqual([]);
    await restoreRecord(db.kysely, p, rec.id);
    expect(await mismatches()).toEqual([]);

    // A rectification completed: its done-by counts and the completion rates change.
    const open = await db.kysely
      .selectFrom('records')
      .select(['id'])
      .where('ledger', '=', 'rectification')
      .where('town_id', '=', np.id)
      .where('status', '=', 'open')
      .where('date_on', '>=', '2023-01-01')
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await transitionRecord(db.kysely, p, open.id, 'done', undefined, { doneOn: '2023-08-15', doneNote: '已整改' });
    expect(await mismatches()).toEqual([]);

    // An import touching both towns and several ledgers, dated in several quarters.
    const line = (ledger: string, org: string, fields: Record<string, unknown>) => ({ type: 'record', ledger, org, fields });
    const items = [
      line('supervision', 'QH-NP', { title: '导入监督一', area: '干部作风', occurredOn: '2023-03-03' }),
      line('supervision', 'QH-DH', { title: '导入监督二', area: '安全生产', occurredOn: '2023-11-11' }),
      line('talk', 'QH-DH', { kind: 'integrityDuty', talkees: ['张三', '李四'], occurredOn: '2023-07-07' }),
      line('rectification', 'QH-NP', { title: '导入整改', source: 'supervision', targetOrg: 'QH-NP', foundOn: '2023-09-09', status: 'open' }),
    ];
    const res = await importItems(
      db.kysely,
      p,
      items.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(res.errors).toEqual([]);
    expect(await mismatches()).toEqual([]);
  }, 120_000);

  it('several quarters in one scan per ledger give what each quarter computed alone gives', async () => {
    const periods = ['2022Q3', '2022Q4', '2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3', '2023Q2']; // > 8: two scans; a repeat
    const together = await computeMetricsOver(db.kysely, dh, periods, { catalog: SNAPSHOT_CATALOG });
    expect(together.map((r) => r.period)).toEqual(periods);
    for (const r of together) expect(plainValues(r), r.period).toEqual(await computeSnapshot(db.kysely, dh, r.period));
    expect(plainValues(together[5])).not.toEqual(plainValues(together[4])); // the quarters differ
  });

  it('a computation that started earlier never overwrites one that started later (several server processes)', async () => {
    const M = 'discipline.supervision.count';
    const where = (q: ReturnType<typeof db.kysely.updateTable<'metric_snapshots'>>) =>
      q.where('town_id', '=', dh.id).where('period', '=', '2023Q3').where('metric', '=', M);
    // As if another process's job, started "later", had stored a value: an upkeep starting now must not replace it.
    await where(db.kysely.updateTable('metric_snapshots').set({ value: -7, computed_at: '2999-01-01T00:00:00.000Z' })).execute();
    await refreshTownSnapshots(db.kysely, dh.id, { ledgers: ['supervision'] });
    expect(await stored(dh, '2023Q3', M)).toBe(-7);
    // The rebuild replaces whatever is there.
    await rebuildSnapshots(db.kysely, { root: dh, period: '2023Q3' });
    expect(await stored(dh, '2023Q3', M)).toBe((await computeSnapshot(db.kysely, dh, '2023Q3'))[M]);
    // An older row is replaced by the upkeep, as every test above shows; a stale one here too.
    await where(db.kysely.updateTable('metric_snapshots').set({ value: -7, computed_at: '2000-01-01T00:00:00.000Z' })).execute();
    await refreshTownSnapshots(db.kysely, dh.id, { ledgers: ['supervision'] });
    expect(await stored(dh, '2023Q3', M)).toBe((await computeSnapshot(db.kysely, dh, '2023Q3'))[M]);
    expect(await mismatches()).toEqual([]);
  });

  it('a write recomputes only the stored quarters its record reaches, before and after it', async () => {
    const at = async (town: Org, period: string) =>
      (
        await db.kysely
          .selectFrom('metric_snapshots')
          .select('computed_at')
          .where('town_id', '=', dh.id)
          .where('period', '=', period)
          .where('metric', '=', 'discipline.supervision.count')
          .executeTakeFirstOrThrow()
      ).computed_at;
    const snap = async () => Object.fromEntries(await Promise.all(PERIODS.map(async (q) => [q, await at(dh, q)] as const)));
    const t0 = await snap();
    await new Promise((r) => setTimeout(r, 5));
    // A supervision dated in the third quarter: the year-to-date count reaches Q3 and Q4, not the
    // earlier quarters, nor the next year.
    const rec = await createRecord(db.kysely, p, 'supervision', 'QH-DH', { title: '只重算所及季度', area: '安全生产', occurredOn: '2023-08-08' });
    const t1 = await snap();
    expect(PERIODS.filter((q) => t1[q] !== t0[q])).toEqual(['2023Q3', '2023Q4']);
    await new Promise((r) => setTimeout(r, 5));
    // Moved to the first quarter: where it counted before (Q3, Q4) and where it counts now (Q1–Q4).
    await updateRecord(db.kysely, p, rec.id, { occurredOn: '2023-02-02' });
    const t2 = await snap();
    expect(PERIODS.filter((q) => t2[q] !== t1[q])).toEqual(['2023Q1', '2023Q2', '2023Q3', '2023Q4']);
    expect(await mismatches()).toEqual([]);
    // The old version is what makes a quarter the record leaves be recomputed: without it (a job
    // that knows only the record as it is now) the quarter it left would keep counting it.
    await sql`update records set date_on = ${'2023-11-11'} where id = ${rec.id}`.execute(db.kysely);
    await refreshTownSnapshots(db.kysely, dh.id, { ledgers: ['supervision'], records: [{ id: rec.id }] });
    expect((await mismatches()).some((m) => m.startsWith(`${dh.id}|2023Q1 q:discipline.supervision.count`))).toBe(true);
    await refreshTownSnapshots(db.kysely, dh.id, { ledgers: ['supervision'] }); // every stored quarter
    expect(await mismatches()).toEqual([]);
    await removeRecord(db.kysely, p, rec.id, '测试完毕');
    expect(await mismatches()).toEqual([]);
  });

  it('only the metrics of the written ledgers are recomputed, with the ratios over them', () => {
    const ids = metricsOfLedgers(['rectification']);
    expect(ids).toContain('discipline.supervision.problems');
    expect(ids).toContain('discipline.inspection.town.rate'); // a ratio of two rectification counts
    expect(ids).not.toContain('discipline.supervision.count');
    expect(ids).not.toContain('organization.branch.count'); // the org tree's, not a ledger's
    expect(metricsOfLedgers(['no-such-ledger'])).toEqual([]);
  });

  it('a change the write path does not see leaves snapshots stale; rebuilding repairs them', async () => {
    const r = await db.kysely
      .selectFrom('records')
      .select(['id', 'date_on'])
      .where('ledger', '=', 'supervision')
      .where('town_id', '=', np.id)
      .where('date_on', '>=', '2023-10-01')
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`update records set date_on = ${'2023-02-02'} where id = ${r.id}`.execute(db.kysely);
    const stale = await mismatches();
    expect(stale.some((m) => m.includes(`${np.id}|2023Q1 q:discipline.supervision.count`))).toBe(true); // the check can fail
    const out = await rebuildSnapshots(db.kysely, { on: '2024-03-31' });
    expect(out.towns).toBe(2);
    // Every quarter from the town's first record to the given day (at most 24), and those it had.
    const periods = (await db.kysely.selectFrom('metric_snapshots').select('period').distinct().where('town_id', '=', dh.id).execute())
      .map((x) => x.period)
      .sort();
    expect(periods).toContain('2023Q1');
    expect(periods).toContain('2024Q1');
    expect(periods.length).toBeLessThanOrEqual(24);
    expect(out.periods).toBeGreaterThanOrEqual(10);
    expect(await mismatches()).toEqual([]);
  }, 120_000);
});
