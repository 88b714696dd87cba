import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { generateDemoRecords } from '../../src/demo/generate.ts';
import { demoTowns } from '../../src/demo/orgs.ts';
import { importItems } from '../../src/ledger/import.ts';
import { getOrgByCode, type Org } from '../../src/org/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { assess } from '../../src/assess/assessment.ts';
import { KEY_METRICS } from '../../src/assess/dashboard.ts';
import { progressGroups } from '../../src/assess/progress.ts';
import { parsePeriod } from '../../src/metrics/period.ts';
import { computeMetrics, plainValues } from '../../src/metrics/engine.ts';
import { metricCatalog } from '../../src/metrics/catalog.ts';
import { computeSnapshot, SNAPSHOT_CATALOG } from '../../src/metrics/snapshots.ts';
import { alertJobStatus, startAlertWorker, stopAlertJobs, usesWorker } from '../../src/alerts/background.ts';
import { alertWorkSettled } from '../../src/alerts/pending.ts';
import type { Assessment, CountyDashboard } from '../../src/assess/types.ts';

/**
 * The county's views read the towns' metric snapshots and give the numbers the live computation
 * gives; writes over the API keep the snapshots current through the background worker (on a
 * SQLite file or a PostgreSQL schema, so the worker can open the database too): once the
 * pending work settles (alertWorkSettled), every snapshot equals a live computation.
 */
describe(`${dialectName}: county views on metric snapshots, kept current by the background worker`, () => {
  let t: TestApp;
  let dir: string | undefined;
  let county: Org;
  let towns: Org[];
  const PERIOD = '2023Q4';

  beforeAll(async () => {
    let db: Db;
    if (dialectName === 'postgres') db = await createTestDb();
    else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-snap-'));
      db = await openDb({ file: path.join(dir, 's.db') });
    }
    t = await createTestApp({
      db,
      seed: async (d) => {
        const root = (await getOrgByCode(d.kysely, 'QH'))!;
        const lines = generateDemoRecords({ towns: demoTowns(1), year: 2023, seed: 5, scale: 1 });
        const r = await importItems(
          d.kysely,
          { id: null, username: 't', roles: [], org: root, system: true },
          lines.map((item, i) => ({ origin: { line: i + 1 }, item })),
        );
        if (r.errors.length) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
      },
    });
    expect(usesWorker(t.db)).toBe(true);
    startAlertWorker(t.db); // as the server does when it starts listening
    county = (await getOrgByCode(t.db.kysely, 'QH'))!;
    towns = [(await getOrgByCode(t.db.kysely, 'QH-DH'))!, (await getOrgByCode(t.db.kysely, 'QH-NP'))!];
  }, 300_000);
  afterAll(async () => {
    delete process.env.LUOSHI_ALERTS_ON_WRITE;
    await stopAlertJobs(t.db);
    await t.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (user: string, url: string) => {
    const res = await (await t.as(user))({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  async function mismatches(): Promise<string[]> {
    const rows = await t.db.kysely.selectFrom('metric_snapshots').selectAll().execute();
    const out: string[] = [];
    const keys = new Set(rows.map((r) => `${r.town_id}|${r.period}`));
    for (const key of keys) {
      const [id, period] = key.split('|');
      const live = await computeSnapshot(
        t.db.kysely,
        towns.find((x) => x.id === Number(id))!,
        period,
      );
      const stored = new Map(rows.filter((r) => `${r.town_id}|${r.period}` === key).map((r) => [r.metric, r.value == null ? null : Number(r.value)]));
      for (const m of SNAPSHOT_CATALOG) {
        const a = stored.has(m.id) ? stored.get(m.id)! : 'missing';
        const b = live[m.id];
        if (!(a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9))) out.push(`${key} ${m.id}: stored ${a}, live ${b}`);
      }
    }
    return out;
  }

  /** What the county views showed before snapshots: each town computed live. */
  async function liveExpectations() {
    const perTown = await Promise.all(towns.map((town) => assess(t.db.kysely, county, PERIOD, SYSTEM_ACTOR, town)));
    const q = await Promise.all(
      towns.map(async (town) => [await computeSnapshot(t.db.kysely, town, PERIOD), await computeSnapshot(t.db.kysely, town, '2023Q3')] as const),
    );
    const plain = await Promise.all(towns.map(async (town) => plainValues(await computeMetrics(t.db.kysely, town, PERIOD))));
    const progress = await Promise.all(
      towns.map(async (town) => {
        const sum = {
          rectification: { done: 0, total: 0 },
          petition: { done: 0, total: 0 },
          dispute: { done: 0, total: 0 },
          overdue: { rectification: 0, petition: 0 },
        };
        for (const g of await progressGroups(t.db.kysely, town, parsePeriod(PERIOD))) {
          sum[g.ledger].done += g.done;
          sum[g.ledger].total += g.total;
          if (g.ledger !== 'dispute') sum.overdue[g.ledger] += g.overdue;
        }
        return sum;
      }),
    );
    return { perTown, q, plain, progress };
  }

  async function expectViewsEqualLive() {
    const want = await liveExpectations();
    const a = (await get('xian', `/api/assessment?org=QH&period=${PERIOD}`)) as Assessment;
    towns.forEach((town, i) => {
      const got = a.towns.find((x) => x.org.code === town.code)!;
      const live = want.perTown[i].towns[0];
      expect(got.total, town.code).toBeCloseTo(live.total, 9);
      expect(got.cells, town.code).toEqual(live.cells);
      expect(got.vetoed).toBe(live.vetoed);
    });
    const d = (await get('xian', `/api/dashboard/county?org=QH&period=${PERIOD}`)) as CountyDashboard;
    towns.forEach((town, i) => {
      const row = d.towns.find((x) => x.code === town.code)!;
      expect(row.total).toBeCloseTo(want.perTown[i].towns[0].total, 9);
      for (const k of KEY_METRICS) expect(row.compare[k.id], `${town.code} ${k.id}`).toEqual([want.q[i][0][`q:${k.id}`], want.q[i][1][`q:${k.id}`]]);
      // Completion from the snapshots' p: counts, overdue from the kept counts: the town dashboard's live grouped count.
      expect({ rectification: row.rectification, petition: row.petition, dispute: row.dispute, overdue: row.overdue }, town.code).toEqual(want.progress[i]);
    });
    expect(want.progress.some((p) => p.rectification.done > 0 && p.overdue.rectification > 0 && p.petition.total > 0)).toBe(true); // the data exercise it
    const m = await get('xian', `/api/metrics?org=QH&period=${PERIOD}&breakdown=1`);
    towns.forEach((town, i) => expect(m.children.find((c: { org: { code: string } }) => c.org.code === town.code).values).toEqual(want.plain[i]));
    // The county's own figures are its towns' added up: the live computation's, except that a
    // distinct count adds the towns' (a name in two towns is two people).
    const live = plainValues(await computeMetrics(t.db.kysely, county, PERIOD));
    const sums = (id: string) => (m.children as { values: Record<string, number | null> }[]).reduce((a, c) => a + (c.values[id] ?? 0), 0);
    for (const def of metricCatalog) {
      const got = m.metrics[def.id] as number | null;
      if (def.type === 'aggregate' && def.aggregate.agg === 'distinct') expect(got, def.id).toBe(sums(def.id));
      else if (live[def.id] == null) expect(got, def.id).toBeNull();
      else expect(got, def.id).toBeCloseTo(live[def.id]!, 9);
    }
    expect(Object.values(m.metrics).filter((v) => v).length).toBeGreaterThan(metricCatalog.length / 2); // the data exercise it
    return d;
  }

  it('the county assessment, dashboard and comparison give the live numbers, and store the snapshots they read', async () => {
    await expectViewsEqualLive();
    await alertWorkSettled(t.db.kysely);
    const stored = await t.db.kysely.selectFrom('metric_snapshots').select(['town_id', 'period']).distinct().execute();
    expect(stored.map((r) => `${r.town_id}|${r.period}`).sort()).toEqual(towns.flatMap((x) => [`${x.id}|2023Q3`, `${x.id}|2023Q4`]).sort());
    expect(await mismatches()).toEqual([]);
    // Read from the snapshots now: the same numbers again.
    await expectViewsEqualLive();
  }, 120_000);

  it('writes over the API (create, backdate, complete, delete) are in the snapshots once the worker’s queue settles', async () => {
    const before = ((await get('xian', `/api/dashboard/county?org=QH&period=${PERIOD}`)) as CountyDashboard).towns.find((x) => x.code === 'QH-DH')!.compare[
      'discipline.supervision.count'
    ];
    const as = await t.as('jiwei');
    process.env.LUOSHI_ALERTS_ON_WRITE = '0'; // so that the worker's queue holds the snapshot jobs alone
    const jobs = alertJobStatus(t.db).jobsDone;
    const created = await as({
      method: 'POST',
      url: '/api/ledgers/supervision/records',
      payload: { org: 'QH-DH', fields: { title: '快照接口测试', area: '安全生产', occurredOn: '2023-11-20' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    await alertWorkSettled(t.db.kysely);
    delete process.env.LUOSHI_ALERTS_ON_WRITE;
    expect(alertJobStatus(t.db).jobsDone).toBeGreaterThan(jobs); // the upkeep ran as a job of the worker's queue
    expect(await mismatches()).toEqual([]);
    const after = ((await get('xian', `/api/dashboard/county?org=QH&period=${PERIOD}`)) as CountyDashboard).towns.find((x) => x.code === 'QH-DH')!.compare[
      'discipline.supervision.count'
    ];
    expect(after).toEqual([before[0]! + 1, before[1]]);

    const id = created.json().id as number;
    const moved = await as({ method: 'PATCH', url: `/api/records/${id}`, payload: { fields: { occurredOn: '2023-08-01' } } }); // into the previous quarter
    expect(moved.statusCode, moved.body).toBe(200);
    await alertWorkSettled(t.db.kysely);
    expect(await mismatches()).toEqual([]);
    const moved2 = ((await get('xian', `/api/dashboard/county?org=QH&period=${PERIOD}`)) as CountyDashboard).towns.find((x) => x.code === 'QH-DH')!.compare[
      'discipline.supervision.count'
    ];
    expect(moved2).toEqual([before[0], before[1]! + 1]);

    const rect = await t.db.kysely
      .selectFrom('records')
      .select('id')
      .where('ledger', '=', 'rectification')
      .where('town_id', '=', towns[0].id)
      .where('status', '=', 'open')
      .where('date_on', '>=', '2023-01-01')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const done = await as({
      method: 'POST',
      url: `/api/records/${rect.id}/transitions`,
      payload: { to: 'done', fields: { doneOn: '2023-12-01', doneNote: '已整改到位' } },
    });
    expect(done.statusCode, done.body).toBe(200);
    const del = await as({ method: 'DELETE', url: `/api/records/${id}`, payload: { reason: '测试' } });
    expect(del.statusCode, del.body).toBe(200);
    await alertWorkSettled(t.db.kysely);
    expect(await mismatches()).toEqual([]);
    await expectViewsEqualLive();
  }, 120_000);

  it('a new branch (an org change, not a record write) is in its town’s snapshots once the queue settles', async () => {
    const branches = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('metric_snapshots')
            .select('value')
            .where('town_id', '=', towns[0].id)
            .where('period', '=', PERIOD)
            .where('metric', '=', 'organization.branch.count')
            .executeTakeFirstOrThrow()
        ).value,
      );
    const before = await branches();
    const res = await (
      await t.as('admin')
    )({ method: 'POST', url: '/api/orgs', payload: { code: 'QH-DH-V01-BX', name: '快照测试支部', kind: 'branch', parent: 'QH-DH-V01' } });
    expect(res.statusCode, res.body).toBe(200);
    await alertWorkSettled(t.db.kysely);
    expect(await branches()).toBe(before + 1);
    expect(await mismatches()).toEqual([]);
  }, 60_000);
});
