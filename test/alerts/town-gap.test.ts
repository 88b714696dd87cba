import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { seedDemoOrgs } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { alertJobStatus, runAlertJob, stopAlertJobs } from '../../src/alerts/background.ts';

/**
 * A town's job starts at most once per LUOSHI_TOWN_JOB_GAP_MS (src/alerts/background.ts): a
 * second job for the same town waits out the gap and takes in the writes meanwhile (one promise
 * for all of them); another town's job does not wait.
 */
describe(`${dialectName}: one town's background job at most once per gap`, () => {
  let db: Db;
  let dh: number;
  let np: number;
  const GAP = 400;
  const saved = process.env.LUOSHI_TOWN_JOB_GAP_MS;
  beforeAll(async () => {
    process.env.LUOSHI_TOWN_JOB_GAP_MS = String(GAP);
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    dh = (await getOrgByCode(db.kysely, 'QH-DH'))!.townId!;
    np = (await getOrgByCode(db.kysely, 'QH-NP'))!.townId!;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.LUOSHI_TOWN_JOB_GAP_MS;
    else process.env.LUOSHI_TOWN_JOB_GAP_MS = saved;
    await stopAlertJobs(db);
    await db.close();
  });

  it('delays and merges a repeated town job, not another town’s', async () => {
    const job = (townId: number, ledger = 'rectification') => ({ kind: 'town' as const, townId, ledger, date: '2023-12-31' });
    await runAlertJob(db, job(dh, 'petition')); // another key: starts the worker thread where there is one (PostgreSQL)
    const t0 = performance.now();
    await runAlertJob(db, job(dh));
    const second = runAlertJob(db, job(dh));
    const third = runAlertJob(db, job(dh));
    expect(third).toBe(second); // not started yet: the later write rides along
    const other = runAlertJob(db, job(np));
    await other;
    expect(performance.now() - t0).toBeLessThan(GAP); // the other town went ahead at once
    expect(alertJobStatus(db).queuedTownJobs).toBe(1);
    await second;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(GAP - 5);
    expect(alertJobStatus(db).queuedTownJobs).toBe(0);
  });

  it('a waiting snapshot job takes in the records of later writes, or all quarters when one write names none', async () => {
    const snap = (ids?: number[]) => ({
      kind: 'snapshots' as const,
      townId: np,
      ledgers: ['supervision'],
      ...(ids ? { records: ids.map((id) => ({ id })) } : {}),
    });
    await runAlertJob(db, snap([1])); // starts now: the next ones wait out the gap
    const waiting = snap([2]);
    const second = runAlertJob(db, waiting);
    expect(runAlertJob(db, snap([3, 4]))).toBe(second);
    expect(waiting.records?.map((r) => r.id)).toEqual([2, 3, 4]); // not started: merged into it
    expect(runAlertJob(db, snap())).toBe(second);
    expect('records' in waiting).toBe(false); // a write without its records: every stored quarter
    await second;
    const fresh = snap([5]);
    await runAlertJob(db, fresh); // (waits out the gap after `second`)
    const again = snap([6]);
    const third = runAlertJob(db, again);
    runAlertJob(db, snap(Array.from({ length: 300 }, (_, i) => 100 + i)));
    expect('records' in again).toBe(false); // too many records to test one by one: every stored quarter
    await third;
  });
});
