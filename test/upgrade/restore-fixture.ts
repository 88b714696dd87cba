import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { isPostgresUrl } from '../../src/db/dialect.ts';
import { restorePostgres } from '../../src/db/backup.ts';
import { FIXTURE_DIR } from './fixture.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * The fixture database made by the old release, restored where this test run's database lives:
 * a SQLite file in a temporary folder, or a new PostgreSQL database on DATABASE_URL's server
 * (restored from the pg_dump custom format, the way `luoshi restore` does). Also the evidence
 * blobs and the old release's snapshot.
 */
export interface RestoredFixture {
  /** `--db` file (SQLite) or URL (PostgreSQL). */
  file?: string;
  url?: string;
  filesRoot: string;
  dir: string;
  before: Snapshot;
  /** Removes the database and the temporary folder. */
  drop(): Promise<void>;
}

export async function newPgDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `luoshi_up_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = base.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function restoreFixture(): Promise<RestoredFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-upgrade-'));
  const filesRoot = path.join(dir, 'files');
  fs.cpSync(path.join(FIXTURE_DIR, 'files'), filesRoot, { recursive: true });
  const base = process.env.DATABASE_URL;
  if (isPostgresUrl(base)) {
    const db = await newPgDatabase(base);
    await restorePostgres(db.url, path.join(FIXTURE_DIR, 'postgres.dump'), []);
    const before = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'postgres.snapshot.json'), 'utf8')) as Snapshot;
    return { url: db.url, filesRoot, dir, before, drop: async () => (await db.drop(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const file = path.join(dir, 'luoshi.db');
  fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(path.join(FIXTURE_DIR, 'sqlite.db.gz'))));
  const before = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'sqlite.snapshot.json'), 'utf8')) as Snapshot;
  return { file, filesRoot, dir, before, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
