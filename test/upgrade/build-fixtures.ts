/**
 * Builds the upgrade fixtures in test/fixtures/upgrade/: a database made by the release this
 * script runs on (the demo county, plus an evidence file, a frozen and accepted submission and
 * their audit entries), as a gzipped SQLite file and a PostgreSQL custom-format dump, each with
 * the snapshot that release took of it (test/upgrade/snapshot.ts). Run it on a release, commit
 * the result, and later code must upgrade these databases without losing anything:
 *   npx tsx test/upgrade/build-fixtures.ts            (needs PostgreSQL at $FIXTURE_PG_URL or
 *                                                      postgres://postgres@127.0.0.1:5432/test)
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import { takeSnapshot } from './snapshot.ts';
import { FIXTURE_DIR, FIXTURE_SECRET } from './fixture.ts';

const adminUrl = process.env.FIXTURE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-fixture-'));
const filesRoot = path.join(work, 'files');
process.env.LUOSHI_SECRET = FIXTURE_SECRET;
process.env.LUOSHI_FILES = filesRoot;

/** A 1×1 PNG: the evidence file. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Do what a town does with the demo: attach evidence, submit the quarter, the county accepts. */
async function useLikeATown(db: Db): Promise<void> {
  await seedDemo(db);
  const app = await buildApp({ db, webDir: null, loginRateLimit: 1000 });
  const as = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'luoshi_sid')!;
    const headers = { cookie: `luoshi_sid=${c.value}`, 'x-csrf-token': res.json().csrfToken as string };
    return async (o: { method?: 'GET' | 'POST'; url: string; payload?: unknown; headers?: Record<string, string> }) => {
      const r = await app.inject({ ...o, headers: { ...headers, ...(o.headers ?? {}) } } as never);
      if (r.statusCode >= 300) throw new Error(`${o.method ?? 'GET'} ${o.url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };
  };
  const jiwei = await as('jiwei');
  const created = await jiwei({
    method: 'POST',
    url: '/api/ledgers/rectification/records',
    payload: { org: 'QH-DH', fields: { title: '会议记录不全', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-11-20' } },
  });
  const boundary = `----luoshi${crypto.randomBytes(6).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="整改后照片.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  await jiwei({
    method: 'POST',
    url: `/api/records/${created.id}/files`,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  await jiwei({ method: 'POST', url: `/api/records/${created.id}/transitions`, payload: { to: 'done', fields: { doneOn: '2023-12-01' } } });
  const shuji = await as('shuji');
  const report = await shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2023Q4' } });
  await shuji({ method: 'POST', url: `/api/reports/${report.id}/submit` });
  const xian = await as('xian');
  await xian({ method: 'POST', url: `/api/reports/${report.id}/versions/1/review`, payload: { decision: 'accept', comment: '同意' } });
  await app.close();
}

async function writeSnapshot(db: Db, name: string): Promise<void> {
  const snap = await takeSnapshot(db, filesRoot);
  fs.writeFileSync(path.join(FIXTURE_DIR, `${name}.snapshot.json`), JSON.stringify(snap) + '\n');
  console.log(
    `${name}: ${Object.entries(snap.tables)
      .map(([t, v]) => `${t} ${v.rows.length}`)
      .join(', ')}; audit ${snap.audit.entries}`,
  );
}

fs.rmSync(FIXTURE_DIR, { recursive: true, force: true });
fs.mkdirSync(FIXTURE_DIR, { recursive: true });

// SQLite
const file = path.join(work, 'luoshi.db');
const sqliteDb = await openDb({ file });
await useLikeATown(sqliteDb);
await writeSnapshot(sqliteDb, 'sqlite');
const compact = path.join(work, 'compact.db');
sqliteDb.sqlite!.exec(`vacuum into '${compact}'`);
await sqliteDb.close();
fs.writeFileSync(path.join(FIXTURE_DIR, 'sqlite.db.gz'), zlib.gzipSync(fs.readFileSync(compact), { level: 9 }));

// PostgreSQL: a database of its own, dumped in pg_dump's custom format (what `luoshi backup` writes).
const dbName = `luoshi_fixture_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
try {
  const pgDb = await openDb({ url });
  await useLikeATown(pgDb);
  await writeSnapshot(pgDb, 'postgres');
  await pgDb.close();
  execFileSync('pg_dump', ['--format=custom', '--compress=9', '--no-owner', '--no-privileges', `--file=${path.join(FIXTURE_DIR, 'postgres.dump')}`, url]);
} finally {
  await admin.query(`drop database if exists ${dbName}`);
  await admin.end();
}

// The evidence blobs, as the data folder holds them.
fs.cpSync(filesRoot, path.join(FIXTURE_DIR, 'files'), { recursive: true });
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
fs.writeFileSync(
  path.join(FIXTURE_DIR, 'made-by.txt'),
  `Built by test/upgrade/build-fixtures.ts at commit ${commit} (Luoshi ${JSON.parse(fs.readFileSync('package.json', 'utf8')).version}).\nDo not rebuild these on a newer release: they stand for databases made by that one.\n`,
);
fs.rmSync(work, { recursive: true, force: true });
