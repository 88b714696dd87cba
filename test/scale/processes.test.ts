import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs, DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import { dialectName } from '../helpers/db.ts';
import { freePort } from '../helpers/net.ts';
import { runElected } from '../../src/alerts/elect.ts';
import { DailySchedule } from '../../src/alerts/schedule.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/luoshi.mjs');
const URL = process.env.DATABASE_URL ?? '';

/** A `luoshi serve` process on its own port; resolves once it answers /api/health. */
async function startServer(env: Record<string, string>, args: string[], port: number): Promise<{ proc: ChildProcess; output: () => string }> {
  let out = '';
  const proc = spawn(process.execPath, [BIN, 'serve', '--no-demo', '--port', String(port), ...args], {
    env: { ...process.env, LUOSHI_ALERTS_DAILY: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode != null) throw new Error(`server exited ${proc.exitCode}: ${out}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { proc, output: () => out };
}

function stop(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode != null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

async function login(port: number, username: string, password: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe.skipIf(dialectName !== 'postgres')(
  'two server processes on one PostgreSQL (docs/scale.md)',
  () => {
    const dbName = `luoshi_mp_${crypto.randomBytes(4).toString('hex')}`;
    const dbUrl = URL.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
    let a: ChildProcess | undefined;
    let b: ChildProcess | undefined;
    let pa = 0;
    let pb = 0;

    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: URL });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const db = await openDb({ url: dbUrl });
      await seedDemoOrgs(db.kysely);
      await seedDemoAccounts(db.kysely);
      await db.close();
      pa = await freePort();
      pb = await freePort();
      [a, b] = (await Promise.all([startServer({ DATABASE_URL: dbUrl }, [], pa), startServer({ DATABASE_URL: dbUrl }, [], pb)])).map((s) => s.proc);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([stop(a), stop(b)]);
      const admin = new pg.Client({ connectionString: URL });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }, 60_000);

    it('a session opened on one process is valid on the other', async () => {
      const r = await login(pa, 'shuji', DEMO_PASSWORD);
      expect(r.status).toBe(200);
      const cookie = r.headers
        .getSetCookie()
        .find((c) => c.startsWith('luoshi_sid='))!
        .split(';')[0]!;
      const me = await fetch(`http://127.0.0.1:${pb}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect((await me.json()).username).toBe('shuji');
    });

    it('a lockout earned on both processes holds on both', async () => {
      // Five wrong passwords (the default policy), spread over the two processes: the fifth locks.
      const codes: number[] = [];
      for (const port of [pa, pb, pa, pb, pa]) codes.push((await login(port, 'jiwei', 'wrong-password')).status);
      expect(codes).toEqual([401, 401, 401, 401, 423]);
      // The right password is refused on either process while locked.
      for (const port of [pb, pa]) {
        const r = await login(port, 'jiwei', DEMO_PASSWORD);
        expect(r.status).toBe(423);
        expect((await r.json()).error).toContain('锁定');
      }
    });

    it('the per-IP login limit (30 a minute) is counted once across both processes', async () => {
      // Requests so far from this IP in this minute: 1 + 5 + 2 = 8. Alternate processes until refused.
      const seen: { port: number; status: number }[] = [];
      for (let i = 0; i < 40; i++) {
        const port = i % 2 ? pb : pa;
        seen.push({ port, status: (await login(port, `nobody${i}`, 'x')).status });
      }
      const first429 = seen.findIndex((s) => s.status === 429);
      // Per process, 30 each would have allowed all 40; shared, the 23rd here (the 31st overall) is refused.
      expect(first429).toBe(22);
      expect(seen.slice(0, 22).every((s) => s.status === 401)).toBe(true);
      expect(new Set(seen.slice(22).map((s) => s.status))).toEqual(new Set([429]));
      expect(new Set(seen.slice(22).map((s) => s.port))).toEqual(new Set([pa, pb]));
    });
  },
  180_000,
);

describe.skipIf(dialectName !== 'postgres')('electing one process for the daily run (src/alerts/elect.ts)', () => {
  let d1: Db;
  let d2: Db;
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    // Two pools, as two processes would have.
    d1 = await openDb({ url: URL, schema });
    d2 = await openDb({ url: URL, schema });
  });
  afterAll(async () => {
    await d1.close();
    await d2.close();
    const admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  it('runs a job once when two processes fire together, and once per date', async () => {
    let runs = 0;
    const job = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 300));
      return runs;
    };
    const [r1, r2] = await Promise.all([
      runElected(d1, 'test.job', job, { oncePer: '2026-12-03' }),
      runElected(d2, 'test.job', job, { oncePer: '2026-12-03' }),
    ]);
    expect(runs).toBe(1);
    expect([r1.ran, r2.ran].sort()).toEqual([false, true]);
    expect((r1.ran ? r2 : r1) as { reason: string }).toMatchObject({ reason: expect.stringContaining('另一个服务进程正在执行') });
    // A timer that fires after the other process finished: the date is already claimed.
    const late = await runElected(d2, 'test.job', job, { oncePer: '2026-12-03' });
    expect(late).toMatchObject({ ran: false, reason: expect.stringContaining('已由') });
    expect(runs).toBe(1);
    // The next day runs again; without a date, only concurrency is excluded.
    expect((await runElected(d1, 'test.job', job, { oncePer: '2026-12-04' })).ran).toBe(true);
    expect((await runElected(d1, 'test.job', job)).ran).toBe(true);
    expect(runs).toBe(3);
  });

  it('a DailySchedule given the database fires its run in one process only', async () => {
    let runs = 0;
    const skipped: string[] = [];
    const run = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 200));
    };
    const s1 = new DailySchedule(run, { db: d1, onSkip: (m) => skipped.push(m) });
    const s2 = new DailySchedule(run, { db: d2, onSkip: (m) => skipped.push(m) });
    await Promise.all([s1.fire('2026-12-05'), s2.fire('2026-12-05')]);
    await s2.fire('2026-12-05');
    expect(runs).toBe(1);
    expect(skipped).toHaveLength(2);
  });
});

describe('luoshi serve --workers', () => {
  it('refuses several processes on SQLite with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-workers-'));
    const proc = spawn(process.execPath, [BIN, 'serve', '--no-demo', '--workers', '2', '--db', path.join(dir, 'x.db'), '--port', String(await freePort())], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('SQLite 只支持单个服务进程');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a worker count that is not a number', async () => {
    const proc = spawn(process.execPath, [BIN, 'serve', '--workers', 'two', '--db', ':memory:'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    expect(await new Promise<number | null>((resolve) => proc.on('exit', resolve))).toBe(2);
    expect(err).toContain('--workers 须为 1–32 的整数');
  }, 60_000);

  it.skipIf(dialectName !== 'postgres')(
    'starts N processes on PostgreSQL that share the port, and stops them on SIGTERM',
    async () => {
      const admin = new pg.Client({ connectionString: URL });
      await admin.connect();
      const dbName = `luoshi_wk_${crypto.randomBytes(4).toString('hex')}`;
      await admin.query(`create database ${dbName}`);
      const dbUrl = URL.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
      const port = await freePort();
      const s = await startServer({ DATABASE_URL: dbUrl }, ['--workers', '2'], port);
      try {
        for (let i = 0; i < 50 && !s.output().includes('已启动 2 个服务进程'); i++) await new Promise((r) => setTimeout(r, 100));
        expect(s.output()).toContain('落实 Luoshi 已启动 2 个服务进程');
        const c = new pg.Client({ connectionString: dbUrl });
        await c.connect();
        // Each process has its own pool: connections from three pids (the primary migrated, then closed).
        const pids = (await c.query(`select count(distinct pid) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName])).rows[0]
          .n;
        await c.end();
        expect(Number(pids)).toBeGreaterThanOrEqual(2);
      } finally {
        await stop(s.proc);
        await admin.query(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
      expect(s.proc.exitCode).toBe(0);
    },
    120_000,
  );
});
