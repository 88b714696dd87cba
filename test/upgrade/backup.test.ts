import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { dialectName } from '../helpers/db.ts';
import { FIXTURE_SECRET } from './fixture.ts';
import { runCli } from './cli.ts';
import { restoreFixture, type RestoredFixture } from './restore-fixture.ts';
import { takeSnapshot, type Snapshot } from './snapshot.ts';

/** `luoshi backup` → damage → `luoshi restore`: the database is back as it was. */
let fx: RestoredFixture;
let original: Snapshot;
const env = { ...process.env };

/** The CLI on the fixture's database. */
const cli = (...args: string[]) => runCli([...args, ...(fx.file ? ['--db', fx.file] : [])], fx.url ? { DATABASE_URL: fx.url } : {});

async function withDb<T>(f: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ file: fx.file, url: fx.url });
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  process.env.LUOSHI_SECRET = FIXTURE_SECRET;
  fx = await restoreFixture();
  process.env.LUOSHI_FILES = fx.filesRoot;
  original = await withDb((db) => takeSnapshot(db, fx.filesRoot));
}, 120_000);
afterAll(async () => {
  await fx?.drop();
  process.env = env;
});

describe(`${dialectName}: luoshi backup and luoshi restore`, () => {
  const backup = () => path.join(fx.dir, 'luoshi.bak');

  it('backs up, and restores everything after the data was damaged', async () => {
    const b = await cli('backup', '--out', backup());
    expect(b.code, b.out).toBe(0);
    expect(fs.statSync(backup()).size).toBeGreaterThan(10_000);
    await withDb(async (db) => {
      await db.kysely.deleteFrom('records').where('ledger', '=', 'petition').execute();
      await db.kysely.updateTable('users').set({ name: '被改动' }).execute();
    });
    expect((await withDb((db) => takeSnapshot(db, fx.filesRoot))).tables.records.rows.length).toBeLessThan(original.tables.records.rows.length);

    const refused = await cli('restore', backup());
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('--yes');
    const r = await cli('restore', backup(), '--yes');
    expect(r.code, r.out).toBe(0);
    expect(await withDb((db) => takeSnapshot(db, fx.filesRoot))).toEqual(original);
  }, 60_000);

  it('refuses a damaged backup and leaves the database as it was', async () => {
    const bad = path.join(fx.dir, 'damaged.bak');
    const bytes = fs.readFileSync(backup());
    fs.writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await cli('restore', bad, '--yes');
    expect(r.code).toBe(1);
    expect(r.out).toContain('恢复失败，数据库未改动');
    expect(await withDb((db) => takeSnapshot(db, fx.filesRoot))).toEqual(original);
  }, 60_000);
});
