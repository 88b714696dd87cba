import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { dialectName } from '../helpers/db.ts';

// SQLite only: another connection (the alert worker) holding the write lock must make the
// server's writes wait without stopping its event loop (src/db/kysely.ts, patientConnection).
describe.runIf(dialectName === 'sqlite')('sqlite: a write waits for another connection’s lock asynchronously', () => {
  let dir: string;
  let db: Db;
  let other: SQLite.Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-busy-'));
    db = await openDb({ file: path.join(dir, 'busy.db') });
    other = new SQLite(path.join(dir, 'busy.db'));
  });
  afterAll(async () => {
    other.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the lock 300 ms elsewhere: the write lands after it, timers fire meanwhile', async () => {
    other.prepare('begin immediate').run();
    try {
      other.prepare("insert into settings (key, value, updated_at) values ('busy.other', '1', '2026-01-01')").run();
    } catch (e) {
      other.prepare('rollback').run();
      throw e;
    }
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.prepare('commit').run();
        resolve();
      }, 300),
    );
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(performance.now()), 10);
    const t0 = performance.now();
    // Autocommit and a transaction (BEGIN IMMEDIATE) both wait.
    const single = db.kysely.insertInto('settings').values({ key: 'busy.single', value: '2', updated_at: '2026-01-01' }).execute();
    const inTrx = db.kysely
      .transaction()
      .execute((trx) => trx.insertInto('settings').values({ key: 'busy.trx', value: '3', updated_at: '2026-01-01' }).execute());
    await Promise.all([single, inTrx, released]);
    clearInterval(ticker);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    // The event loop kept turning while the writes waited: no gap near the 300 ms of the lock.
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    expect(ticks.length).toBeGreaterThan(10);
    expect(Math.max(...gaps)).toBeLessThan(150);
    const keys = (await db.kysely.selectFrom('settings').select('key').where('key', 'like', 'busy.%').orderBy('key').execute()).map((r) => r.key);
    expect(keys).toEqual(['busy.other', 'busy.single', 'busy.trx']);
  });

  it('lends the connection to reads queued behind a write waiting for the lock', async () => {
    other.prepare('begin immediate').run();
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.prepare('commit').run();
        resolve();
      }, 300),
    );
    const order: string[] = [];
    const t0 = performance.now();
    const write = db.kysely
      .transaction()
      .execute((trx) => trx.insertInto('settings').values({ key: 'busy.lend', value: '5', updated_at: '2026-01-01' }).execute())
      .then(() => order.push('write'));
    // Queued behind the write: without lending, these would wait the 300 ms of the lock.
    const reads = Promise.all(
      Array.from({ length: 5 }, () =>
        db.kysely
          .selectFrom('settings')
          .select('key')
          .where('key', 'like', 'busy.%')
          .execute()
          .then(() => performance.now() - t0),
      ),
    );
    const readTimes = await reads;
    order.push('reads');
    await Promise.all([write, released]);
    expect(Math.max(...readTimes)).toBeLessThan(150);
    expect(order).toEqual(['reads', 'write']);
    expect(await db.kysely.selectFrom('settings').select('value').where('key', '=', 'busy.lend').executeTakeFirst()).toEqual({ value: '5' });
  });

  it('gives up after its limit with SQLite’s error, and nothing half-written', async () => {
    other.prepare('begin immediate').run();
    try {
      const t0 = performance.now();
      await expect(db.kysely.insertInto('settings').values({ key: 'busy.never', value: '4', updated_at: '2026-01-01' }).execute()).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(4900);
    } finally {
      other.prepare('rollback').run();
    }
    expect(await db.kysely.selectFrom('settings').select('key').where('key', '=', 'busy.never').executeTakeFirst()).toBeUndefined();
  }, 20_000);
});
