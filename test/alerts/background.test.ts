import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { computeFindings } from '../../src/alerts/engine.ts';
import { alertJobStatus, alertWorkerReady, runAlertJob, startAlertWorker, stopAlertJobs, usesWorker } from '../../src/alerts/background.ts';
import { pendingTownWork } from '../../src/alerts/pending.ts';
import { listStored } from '../../src/alerts/query.ts';
import { installAlertHooks } from '../../src/alerts/register.ts';
import { alertRules } from '../../src/alerts/rules/index.ts';
import { executeJob } from '../../src/alerts/jobs.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { claimDigest } from '../../src/alerts/notify.ts';
import { idFor } from './helpers.ts';
import type { Principal } from '../../src/ledger/principal.ts';

const DATE = '2023-12-31';

/** A database a second connection can open: a file on SQLite (not the suite's in-memory one), a schema on PostgreSQL. */
async function sharedDb(): Promise<{ db: Db; dispose(): Promise<void> }> {
  if (dialectName === 'postgres') {
    const db = await createTestDb();
    return { db, dispose: () => db.close() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bg-'));
  const db = await openDb({ file: path.join(dir, 'bg.db') });
  return { db, dispose: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

describe(`${dialectName}: alert jobs in a worker thread`, () => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await sharedDb());
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    const root = (await getOrgByCode(db.kysely, 'QH'))!;
    const rel = idFor('1976-04-04', '246');
    const items = [
      ...Array.from({ length: 30 }, (_, i) => ({
        type: 'record',
        ledger: 'rectification',
        org: 'QH-DH',
        fields: {
          title: `整改${i}`,
          source: 'inspection',
          targetOrg: 'QH-DH-V01',
          foundOn: '2023-05-01',
          dueOn: i % 2 ? '2023-06-30' : '2024-01-05',
          status: 'inProgress',
        },
      })),
      {
        type: 'record',
        ledger: 'relative',
        org: 'QH-DH',
        fields: { cadre: '陈国强', cadrePost: '村党支部书记', name: '刘某', relation: '配偶', idNumber: rel, filedOn: '2023-03-01' },
      },
      {
        type: 'record',
        ledger: 'beneficiary',
        org: 'QH-DH-V01',
        fields: { name: '刘某', idNumber: rel, program: '低保', village: 'QH-DH-V01', approvedOn: '2023-04-01' },
      },
      {
        type: 'record',
        ledger: 'petition',
        org: 'QH-NP',
        fields: { channel: 'visit', subject: '道路维修', receivedOn: '2023-06-01', acceptedOn: '2023-06-02', status: 'handling' },
      },
    ];
    const r = await importItems(
      db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      items.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(r.errors).toEqual([]);
  });
  afterAll(() => dispose());

  it('stores exactly what the rules compute in the server, from its own connection', async () => {
    expect(usesWorker(db)).toBe(true);
    const res = await runAlertJob(db, { kind: 'all', date: DATE });
    expect(alertJobStatus(db).last).toMatchObject({ kind: 'all', where: 'worker', result: { total: res.total } });
    expect(res.bootMs).toBeGreaterThan(0); // it did run in a thread of its own
    const stored = await db.kysely
      .selectFrom('alerts')
      .select(['key', 'rule', 'severity', 'message', 'due_on', 'org_id'])
      .where('status', '=', 'open')
      .orderBy('key')
      .execute();
    const computed = await computeFindings(db.kysely, (await getOrgByCode(db.kysely, 'QH'))!, DATE);
    expect(stored.length).toBeGreaterThan(15);
    expect(res).toMatchObject({ total: computed.length, opened: computed.length, resolved: 0 });
    expect(stored).toEqual(
      computed
        .map((f) => ({ key: f.key, rule: f.rule, severity: f.severity, message: f.message, due_on: f.dueOn, org_id: f.orgId }))
        .sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    // The same job in the server process finds nothing to change.
    expect(await executeJob(db.kysely, { kind: 'all', date: DATE })).toMatchObject({ total: computed.length, opened: 0, resolved: 0 });
  });

  it.runIf(process.platform === 'linux')('runs at a lower CPU priority than the server (nice 10), the server thread unchanged', async () => {
    const before = os.getPriority();
    await alertWorkerReady(db);
    expect(alertJobStatus(db).workerNice).toBe(Math.max(before, 10));
    expect(os.getPriority()).toBe(before);
  });

  it('lets the server write while the worker stores alerts (the server waits for a town, never fails)', async () => {
    const p: Principal = { id: null, username: 't', roles: [], org: (await getOrgByCode(db.kysely, 'QH'))!, system: true };
    await db.kysely.deleteFrom('alerts').execute(); // every alert is inserted again: the longest writes
    let finished = false;
    const job = runAlertJob(db, { kind: 'all', date: '2024-02-01' }).finally(() => (finished = true));
    const failures: string[] = [];
    let written = 0;
    let whileRunning = 0; // writes begun and finished while the worker's job ran
    while (!finished) {
      // One write after another for as long as the job runs: some land while it holds a town.
      const during = alertJobStatus(db).running?.kind === 'all';
      await createRecord(db.kysely, p, 'rectification', 'QH-NP', {
        title: `并发写入${written}`,
        source: 'selfCheck',
        targetOrg: 'QH-NP',
        foundOn: '2024-01-10',
        owner: '张三',
      }).then(
        () => {
          written++;
          if (during && alertJobStatus(db).running?.kind === 'all') whileRunning++;
        },
        (e) => failures.push(String(e)),
      );
      await new Promise((r) => setTimeout(r, 2)); // a person's next click: the event loop turns
    }
    expect(failures).toEqual([]);
    expect(whileRunning).toBeGreaterThan(0);
    expect((await job).total).toBeGreaterThan(0);
  });

  it('runs one org’s job (the 立即重新计算 button) and refuses an unknown org with a message', async () => {
    const town = (await getOrgByCode(db.kysely, 'QH-NP'))!;
    const r = await runAlertJob(db, { kind: 'org', orgId: town.id, date: DATE });
    const computed = await computeFindings(db.kysely, town, DATE);
    expect(r.total).toBe(computed.length);
    await expect(runAlertJob(db, { kind: 'org', orgId: 999_999, date: DATE })).rejects.toThrow('组织不存在');
  });
});

describe(`${dialectName}: a write's town-wide recomputation runs in the worker`, () => {
  it('the write answers before it, the alert center waits for it, and the result equals the inline one', async () => {
    const { db, dispose } = await sharedDb();
    try {
      await seedDemoOrgs(db.kysely);
      const root = (await getOrgByCode(db.kysely, 'QH'))!;
      const p: Principal = { id: null, username: 't', roles: [], org: root, system: true };
      const today = new Date().toISOString().slice(0, 10);
      installAlertHooks();
      startAlertWorker(db);
      await alertWorkerReady(db); // its start-up (seconds on a busy machine) is not what is tested here
      // The same person entered twice: a town-wide rule (duplicate members) reads this ledger.
      for (const [name, branch] of [
        ['张三', 'QH-DH-V01-B1'],
        ['张叁', 'QH-DH-V02-B1'],
      ]) {
        await createRecord(db.kysely, p, 'partyMember', branch, {
          name,
          birthDate: '1980-05-05',
          idNumber: idFor('1980-05-05', '111'),
          branch,
          joinedOn: '2010-07-01',
          status: 'full',
        });
      }
      expect(pendingTownWork(db.kysely)).toBeGreaterThan(0); // handed over, not done by the write
      const page = await listStored(db.kysely, p, root, { pageSize: 500 });
      expect(pendingTownWork(db.kysely)).toBe(0);
      expect(alertJobStatus(db).lastTown).toMatchObject({ kind: 'town', where: 'worker' });
      // Everything a write to this ledger recomputes (its per-record rules here, the rest there).
      const rules = alertRules.filter((r) => r.ledgers.includes('partyMember')).map((r) => r.id);
      const computed = await computeFindings(db.kysely, (await getOrgByCode(db.kysely, 'QH-DH'))!, today, { rules });
      expect(computed.some((f) => f.rule === 'data.duplicateMember')).toBe(true);
      expect(page.items.map((a) => a.key).sort()).toEqual(computed.map((f) => f.key).sort());
    } finally {
      await stopAlertJobs(db);
      await dispose();
    }
  });
});

describe.runIf(dialectName === 'sqlite')('sqlite: the worker checkpoints the log, not the server', () => {
  it('turns the server connection’s automatic checkpoint off while it runs, and copies the server’s writes into the file', async () => {
    const { db, dispose } = await sharedDb();
    const file = db.open.file!;
    try {
      expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      startAlertWorker(db);
      await alertWorkerReady(db);
      await new Promise((r) => setTimeout(r, 50));
      expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = fs.statSync(file).size;
      const big = 'x'.repeat(4000);
      const rows = Array.from({ length: 1500 }, (_, i) => ({ key: `ckpt.${i}`, value: big, updated_at: '2026-01-01' }));
      for (let i = 0; i < rows.length; i += 100)
        await db.kysely
          .insertInto('settings')
          .values(rows.slice(i, i + 100))
          .execute();
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(5_000_000); // in the log, not yet in the file
      const deadline = Date.now() + 10_000;
      while (fs.statSync(file).size < before + 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.statSync(file).size).toBeGreaterThan(before + 5_000_000); // the worker's checkpoint copied it
      await stopAlertJobs(db);
      expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000); // back on the server
    } finally {
      await stopAlertJobs(db);
      await dispose();
    }
  });
});

describe(`${dialectName}: the day's digest is claimed once`, () => {
  it('two processes claiming the same date at once: exactly one may send; another date is free', async () => {
    const { db, dispose } = await sharedDb();
    const other = await openDb({ ...db.open, migrate: false }); // a second process's connection
    try {
      const date = `2031-0${1 + crypto.randomInt(8)}-15`;
      const claims = await Promise.all([
        claimDigest(db.kysely, date),
        claimDigest(other.kysely, date),
        claimDigest(other.kysely, date),
        claimDigest(db.kysely, date),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await claimDigest(other.kysely, '2031-12-31')).toBe(true);
      const rows = await db.kysely.selectFrom('alert_digest_runs').selectAll().where('date', '=', date).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0].claimed_by).toContain(`:${process.pid}`);
    } finally {
      await other.close();
      await dispose();
    }
  });
});
