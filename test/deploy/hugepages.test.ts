/**
 * glibc's huge-page tunable for the scrypt work area (src/cli/hugepages.ts, docs/deploy.md):
 * when the server's launchers set it, what the bundle's sh launcher exports, and `node
 * bin/luoshi.mjs serve` starting itself once more with it — the restarted server has it, a login
 * there takes a few hundred page faults instead of ~32,800, signals reach it and its exit code
 * comes back. On a host where it cannot help (musl, no THP "madvise", glibc < 2.35) the server
 * must run as one process, unchanged.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostFacts, hugepageEnv, hugepagesOn, type HostFacts } from '../../src/cli/hugepages.ts';
import { openDb } from '../../src/db/kysely.ts';
import { freePort } from '../helpers/net.ts';
import { seedDemoAccounts, seedDemoOrgs, DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import { hashPassword, SCRYPT_PARAMS } from '../../src/auth/password.ts';

const LINUX: HostFacts = { platform: 'linux', glibc: '2.36', thp: 'madvise' };

describe('when the tunable is worth setting', () => {
  it('sets it on Linux with glibc ≥ 2.35 and THP "madvise", keeping other tunables', () => {
    expect(hugepageEnv({ PATH: '/bin' }, LINUX)).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1', LUOSHI_HUGEPAGES: 'on' });
    expect(hugepageEnv({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, { ...LINUX, glibc: '2.35' })?.GLIBC_TUNABLES).toBe(
      'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
    );
    expect(hugepageEnv({}, { ...LINUX, glibc: '3.0' })).not.toBeNull();
  });

  it('leaves the process alone where the tunable does nothing, or when told so', () => {
    for (const facts of [
      { ...LINUX, glibc: undefined }, // musl
      { ...LINUX, glibc: '2.34' },
      { ...LINUX, glibc: '2.28' }, // Kylin V10, UOS 20
      { ...LINUX, thp: 'always' }, // the kernel already uses huge pages
      { ...LINUX, thp: 'never' },
      { ...LINUX, thp: null },
      { platform: 'darwin' as const, glibc: undefined, thp: null },
      { platform: 'win32' as const, glibc: undefined, thp: null },
    ])
      expect(hugepageEnv({}, facts), JSON.stringify(facts)).toBeNull();
    expect(hugepageEnv({ LUOSHI_HUGEPAGES: 'off' }, LINUX)).toBeNull();
    expect(hugepageEnv({ LUOSHI_HUGEPAGES: 'on' }, LINUX)).toBeNull(); // the restarted process: never twice
    expect(hugepageEnv({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, LINUX)).toBeNull();
  });

  it('tells whether this process runs with it', () => {
    expect(hugepagesOn({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' })).toBe(true);
    expect(hugepagesOn({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1' })).toBe(true);
    expect(hugepagesOn({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' })).toBe(false);
    expect(hugepagesOn({})).toBe(false);
  });
});

describe('the bundle’s sh launcher (packaging/luoshi)', () => {
  let dir: string;
  beforeAll(() => {
    // The launcher next to a stand-in node that prints what it was given.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-launcher-'));
    fs.copyFileSync(path.resolve('packaging/luoshi'), path.join(dir, 'luoshi'));
    fs.chmodSync(path.join(dir, 'luoshi'), 0o755);
    fs.mkdirSync(path.join(dir, 'node/bin'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'node/bin/node'),
      '#!/bin/sh\necho "tunables=${GLIBC_TUNABLES-unset} hugepages=${LUOSHI_HUGEPAGES-unset} args=$*"\nexit 7\n',
      { mode: 0o755 },
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (extra: Record<string, string>) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', LUOSHI_ENV_FILE: path.join(dir, 'none.env'), ...extra };
    return spawnSync(path.join(dir, 'luoshi'), ['serve', '--no-demo'], { env, cwd: dir, encoding: 'utf8' });
  };

  it('exports the tunable, adds it to others, and passes arguments and exit code through', () => {
    const a = run({});
    expect(a.stdout.trim()).toBe(`tunables=glibc.malloc.hugetlb=1 hugepages=on args=${path.join(dir, 'app/bin/luoshi.mjs')} serve --no-demo`);
    expect(a.status).toBe(7);
    expect(run({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).stdout).toMatch(/^tunables=glibc\.malloc\.arena_max=2:glibc\.malloc\.hugetlb=1 hugepages=on /);
  });

  it('leaves GLIBC_TUNABLES alone when told so or when it already decides', () => {
    expect(run({ LUOSHI_HUGEPAGES: 'off' }).stdout).toMatch(/^tunables=unset hugepages=off /);
    expect(run({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).stdout).toMatch(/^tunables=glibc\.malloc\.hugetlb=0 hugepages=unset /);
  });
});

/** Minor page faults of a process so far (/proc/PID/stat, field 10). */
function minorFaults(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
}
const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
/** Node.js processes started by `pid` running `luoshi.mjs serve` (tsx's esbuild service is another child). */
function serversUnder(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === pid && /luoshi\.mjs\0serve\0/.test(fs.readFileSync(`/proc/${d}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.runIf(process.platform === 'linux')('node bin/luoshi.mjs serve', () => {
  const BIN = path.resolve('bin/luoshi.mjs');
  let dir: string;
  let dbFile: string;
  let env: NodeJS.ProcessEnv;
  let restarts: boolean;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-hugepages-'));
    dbFile = path.join(dir, 'luoshi.db');
    const db = await openDb({ file: dbFile });
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    // One account with the production hash: its login works in 128 MiB.
    await db.kysely
      .updateTable('users')
      .set({ password_hash: await hashPassword(DEMO_PASSWORD, SCRYPT_PARAMS) })
      .where('username', '=', 'zuzhi')
      .execute();
    await db.close();
    env = { ...process.env, LUOSHI_FILES: path.join(dir, 'files'), LUOSHI_KEY_FILE: path.join(dir, 'luoshi.key') };
    for (const k of ['DATABASE_URL', 'GLIBC_TUNABLES', 'LUOSHI_HUGEPAGES']) delete env[k];
    restarts = hugepageEnv(env, hostFacts()) !== null;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function start(
    port: number,
  ): Promise<{ parent: ChildProcess; server: number; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> }> {
    const parent = spawn(process.execPath, [BIN, 'serve', '--no-demo', '--db', dbFile, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    parent.stdout!.on('data', (c) => (out += c));
    parent.stderr!.on('data', (c) => (out += c));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => parent.on('exit', (code, signal) => r({ code, signal })));
    const deadline = Date.now() + 90_000;
    while (!out.includes('已启动') && parent.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(out, out).toContain('已启动');
    const kids = serversUnder(parent.pid!);
    if (restarts) expect(kids).toHaveLength(1);
    else expect(kids).toEqual([]);
    return { parent, server: restarts ? kids[0] : parent.pid!, output: () => out, exited };
  }

  it('runs the server with the tunable where it helps; a production-hash login then takes few page faults', async () => {
    const port = await freePort();
    const s = await start(port);
    try {
      const environ = fs.readFileSync(`/proc/${s.server}/environ`, 'utf8').split('\0');
      if (restarts) expect(environ).toEqual(expect.arrayContaining(['GLIBC_TUNABLES=glibc.malloc.hugetlb=1', 'LUOSHI_HUGEPAGES=on']));
      else expect(environ.some((e) => e.startsWith('GLIBC_TUNABLES='))).toBe(false);

      const login = async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'zuzhi', password: DEMO_PASSWORD }),
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { username: string }).username).toBe('zuzhi');
      };
      await login(); // the first request also loads and compiles code
      const before = minorFaults(s.server);
      await login();
      const faults = minorFaults(s.server) - before;
      // 128 MiB in 4 KiB pages is 32,768 faults, in 2 MiB pages 64; the rest of a still warming
      // request adds a few thousand (measured: ~40,000 without the tunable, ~7,000 with it).
      if (restarts) expect(faults, `${faults} page faults`).toBeLessThan(16_000);
      else expect(faults).toBeGreaterThan(0);
    } finally {
      s.parent.kill('SIGTERM');
    }
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(`/proc/${s.server}`)).toBe(false);
  }, 150_000);

  it('finishes a login in flight and stops cleanly when the signal comes twice (systemd, Ctrl-C, the restarting launcher)', async () => {
    const port = await freePort();
    const s = await start(port);
    // Without keep-alive: an idle kept-alive connection holds a closing server for Fastify's
    // keepAliveTimeout (72 s), which is not what this test is about.
    const pending = new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ username: 'zuzhi', password: DEMO_PASSWORD });
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/auth/login',
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    // Wait until the login is hashing: the server's memory grows by scrypt's 128 MiB.
    const base = rssKiB(s.server);
    const until = Date.now() + 60_000;
    while (rssKiB(s.server) - base < 64 * 1024 && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    expect(rssKiB(s.server) - base, 'the login never started hashing').toBeGreaterThanOrEqual(64 * 1024);
    // systemd's KillMode=control-group and a terminal's Ctrl-C reach every process; the launcher
    // passes its copy on: the server hears the signal twice while it closes.
    process.kill(s.server, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 50));
    if (s.server !== s.parent.pid) s.parent.kill('SIGTERM');
    else process.kill(s.server, 'SIGTERM');
    expect(await pending).toBe(200);
    expect(await s.exited, s.output()).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(`/proc/${s.server}`)).toBe(false);
  }, 150_000);

  it('returns the server’s exit code', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as net.AddressInfo).port;
      const r = spawnSync(process.execPath, [BIN, 'serve', '--no-demo', '--db', dbFile, '--port', String(port)], { env, encoding: 'utf8', timeout: 90_000 });
      expect(r.status, r.stdout + r.stderr).not.toBe(0);
      expect(r.status).not.toBeNull();
      expect(r.stdout + r.stderr).toMatch(/EADDRINUSE|端口|占用/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  }, 120_000);
});
