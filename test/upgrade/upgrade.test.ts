import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, migrationStatus, type Db } from '../../src/db/kysely.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { dialectName } from '../helpers/db.ts';
import { FIXTURE_SECRET } from './fixture.ts';
import { runCli } from './cli.ts';
import { restoreFixture, type RestoredFixture } from './restore-fixture.ts';
import { takeSnapshot, type Snapshot } from './snapshot.ts';

/**
 * A database made by an earlier release (test/fixtures/upgrade, built by
 * test/upgrade/build-fixtures.ts) is upgraded by this code: nothing it held may change.
 */
let fx: RestoredFixture;
let db: Db;
let after: Snapshot;
const env = { ...process.env };

beforeAll(async () => {
  process.env.LUOSHI_SECRET = FIXTURE_SECRET;
  process.env.LUOSHI_FILES = ''; // set below, once the fixture's folder exists
  fx = await restoreFixture();
  process.env.LUOSHI_FILES = fx.filesRoot;
}, 120_000);
afterAll(async () => {
  await db?.close();
  await fx?.drop();
  process.env = env;
});

/** The CLI on the fixture's database. */
const cli = (...args: string[]) => runCli([...args, ...(fx.file ? ['--db', fx.file] : [])], fx.url ? { DATABASE_URL: fx.url } : {});

/** Old rows whose hash (over the old columns) is missing after the upgrade. */
function missing(before: string[], now: string[]): number {
  const left = new Map<string, number>();
  for (const h of now) left.set(h, (left.get(h) ?? 0) + 1);
  let lost = 0;
  for (const h of before) {
    const n = left.get(h) ?? 0;
    if (n === 0) lost++;
    else left.set(h, n - 1);
  }
  return lost;
}

describe(`${dialectName}: upgrading a database made by an earlier release`, () => {
  it('lists the pending migrations without running them (luoshi migrate --dry-run)', async () => {
    const old = await openDb({ file: fx.file, url: fx.url, migrate: false });
    const { applied, pending } = await migrationStatus(old);
    await old.close();
    expect(applied.length).toBeGreaterThan(0);
    expect([...applied.map((a) => a.name), ...pending]).toEqual(Object.keys(migrations));
    const { code, out } = await cli('migrate', '--dry-run');
    expect(code).toBe(0);
    for (const name of pending) expect(out).toContain(name);
    if (pending.length === 0) expect(out).toContain('无待执行的迁移');
    const still = await openDb({ file: fx.file, url: fx.url, migrate: false });
    expect((await migrationStatus(still)).pending).toEqual(pending); // a dry run changes nothing
    await still.close();
  });

  it('migrates to the latest schema and keeps every row, file, submission and metric', async () => {
    db = await openDb({ file: fx.file, url: fx.url });
    expect((await migrationStatus(db)).pending).toEqual([]);
    const columns = Object.fromEntries(Object.entries(fx.before.tables).map(([t, v]) => [t, v.columns]));
    after = await takeSnapshot(db, fx.filesRoot, columns);
    for (const [table, { rows }] of Object.entries(fx.before.tables)) {
      expect({ table, lost: missing(rows, after.tables[table].rows) }).toEqual({ table, lost: 0 });
      expect(after.tables[table].rows.length).toBeGreaterThanOrEqual(rows.length);
    }
    // The fixture is not trivially empty: records, an evidence file, a frozen accepted submission.
    expect(fx.before.tables.records.rows.length).toBeGreaterThan(1000);
    expect(fx.before.tables.files.rows.length).toBe(1);
    expect(fx.before.tables.report_versions.rows.length).toBe(1);
    expect(after.filesWithBlob).toBe(fx.before.filesWithBlob);
    expect(after.metrics).toEqual(fx.before.metrics);
    expect(Object.keys(after.metrics).length).toBeGreaterThanOrEqual(8);
  });

  it('keeps the audit chain intact (luoshi audit verify)', async () => {
    expect(fx.before.audit.ok).toBe(true);
    expect(after.audit.ok).toBe(true);
    expect(after.audit.entries).toBeGreaterThanOrEqual(fx.before.audit.entries);
    const { code, out } = await cli('audit', 'verify');
    expect(code).toBe(0);
    expect(out).toContain(`共 ${after.audit.entries} 条`);
  });

  it('still serves the frozen submission as it was submitted', async () => {
    const v = await db.kysely.selectFrom('report_versions').selectAll().executeTakeFirstOrThrow();
    expect(v.version).toBe(1);
    const r = await db.kysely.selectFrom('reports').selectAll().where('id', '=', v.report_id).executeTakeFirstOrThrow();
    expect(r.status).toBe('accepted');
  });
});
