/**
 * Load: the real server (its own process, 127.0.0.1 only) on a scratch database with the demo
 * county at BENCH_LOAD_SCALE (default 10: 20 towns, ~350,000 records, ~17,000 per town), and
 * 200 signed-in sessions of one town mixing list (with filters), detail,
 * write (POST a record, PATCH one, with the CSRF header) and metrics requests.
 *
 * Phase 1, the target: 200 concurrent sessions for BENCH_LOAD_SECONDS (default 60), each a
 * person at work: a request, then a pause (exponential, mean BENCH_LOAD_THINK_MS, default
 * 2000 ms: a click every two seconds, brisker than anyone reads a list), so ~100 requests/s
 * arrive unevenly, bursts included. Every latency is recorded exactly. Target: no errors,
 * p99 < 300 ms, on SQLite and on PostgreSQL (DATABASE_URL).
 * Phase 2, the capacity: autocannon with 200 connections and no pause at all, for half as
 * long: requests/s at saturation (there, latency is 200 / throughput by Little's law).
 *
 * Runs under `npm run bench` or directly: `npx tsx bench/load.bench.ts`.
 * BENCH_LOAD_ONLY=list|detail|create|update|metrics sends one kind alone, BENCH_LOAD_PROF=DIR
 * profiles the server, BENCH_LOAD_CAPACITY=0 skips phase 2.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pgAdmin } from './pg-admin.ts';
import { isPostgresUrl, openDb, type Db } from '../src/db/kysely.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createUser } from '../src/auth/service.ts';
import { SYSTEM_ACTOR } from '../src/audit/log.ts';
import { nowIso } from '../src/db/kysely.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const SESSIONS = Number(process.env.BENCH_LOAD_SESSIONS ?? 200);
/** Mean pause between one session's requests (exponentially distributed). */
const THINK_MS = Number(process.env.BENCH_LOAD_THINK_MS ?? 2000);
const CAPACITY = process.env.BENCH_LOAD_CAPACITY !== '0';
/** Demo county size: `luoshi demo --year 2023 --scale N` (N = 10: 20 towns, ~350,000 records, a realistic year each). */
const SCALE = Number(process.env.BENCH_LOAD_SCALE ?? 10);
const PASSWORD = 'Load@2023bench';
const self = fileURLToPath(import.meta.url);

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AcRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (r: AcRequest) => AcRequest;
}
interface AcClient {
  setRequests(r: AcRequest[]): void;
  on(event: 'response', fn: (status: number) => void): void;
  on(event: 'body', fn: (body: Buffer) => void): void;
}
interface AcResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (o: { url: string; connections: number; duration: number; timeout: number; overallRate?: number; requests: AcRequest[]; setupClient: (c: AcClient) => void }) => Promise<AcResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Target {
  /** openDb options for the server process. */
  db: { file?: string; url?: string; schema?: string };
  cleanup(): Promise<void>;
}

/** A fresh SQLite file, or a fresh schema on the PostgreSQL server of DATABASE_URL. */
async function scratch(): Promise<Target> {
  const url = process.env.DATABASE_URL;
  if (isPostgresUrl(url)) {
    const schema = `bench_load_${crypto.randomBytes(4).toString('hex')}`;
    await pgAdmin(url, `create schema ${schema}`);
    return { db: { url, schema }, cleanup: () => pgAdmin(url, `drop schema ${schema} cascade`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-load-'));
  return { db: { file: path.join(dir, 'load.db') }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Demo county plus SESSIONS discipline accounts of 东湖镇 (one password hash, copied). */
async function prepare(db: Db): Promise<number[]> {
  await seedDemo(db, { scale: SCALE, year: 2023 }); // the seed year, so figures stay comparable across runs
  await createUser(db.kysely, SYSTEM_ACTOR, { username: 'load000', name: '压测0', password: PASSWORD, roles: ['discipline'], orgCode: 'QH-DH' });
  const first = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'load000').executeTakeFirstOrThrow();
  const rows = Array.from({ length: SESSIONS - 1 }, (_, i) => ({ ...first, id: undefined, username: `load${String(i + 1).padStart(3, '0')}`, name: `压测${i + 1}`, created_at: nowIso() }));
  for (let i = 0; i < rows.length; i += 100) await db.kysely.insertInto('users').values(rows.slice(i, i + 100).map(({ id: _id, ...r }) => r)).execute();
  const ids = await db.kysely.selectFrom('records').innerJoin('orgs', 'orgs.id', 'records.org_id').select('records.id').where('records.ledger', '=', 'rectification').where('orgs.path', 'like', (await db.kysely.selectFrom('orgs').select('path').where('code', '=', 'QH-DH').executeTakeFirstOrThrow()).path + '%').execute();
  return ids.map((r) => r.id);
}

/** The server in its own process (so the load generator does not share its event loop). */
async function startServer(t: Target): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_LOAD_PROF=DIR writes a V8 CPU profile of the server there.
  const prof = process.env.BENCH_LOAD_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LOAD_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', self, '--luoshi-load-serve', JSON.stringify(t.db)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c) => {
      buf += c;
      const m = /LISTENING (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port };
}

async function login(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const sid = /luoshi_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
  return { cookie: `luoshi_sid=${sid}`, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** One connection's request cycle: 4 list, 3 detail, 1 create, 1 update, 1 metrics. */
function requestsFor(s: { cookie: string; csrf: string }, ids: number[], n: number): AcRequest[] {
  const get = { cookie: s.cookie, accept: 'application/json' };
  const write = { ...get, 'content-type': 'application/json', 'x-csrf-token': s.csrf };
  const pick = () => ids[Math.floor(Math.random() * ids.length)];
  const filters = ['status=open', 'status=done&sort=-dueOn', 'q=整改', 'from=2023-04-01&to=2023-06-30', 'kind=inspection', 'overdue=1', 'org=QH-DH-V01', 'page=2&pageSize=50'];
  const list = (): AcRequest => ({ method: 'GET', path: '/', headers: get, setupRequest: (r) => ({ ...r, path: `/api/ledgers/rectification/records?${encodeURI(filters[Math.floor(Math.random() * filters.length)])}` }) });
  const detail = (): AcRequest => ({ method: 'GET', path: '/', headers: get, setupRequest: (r) => ({ ...r, path: `/api/records/${pick()}` }) });
  const body = () => JSON.stringify({ org: 'QH-DH', fields: { title: `压测问题${n}-${Math.random().toString(36).slice(2, 8)}`, source: 'selfCheck', targetOrg: 'QH-DH-V0' + (1 + (n % 8)), foundOn: '2023-11-06', owner: '张三' } });
  const create: AcRequest = { method: 'POST', path: '/api/ledgers/rectification/records', headers: write, setupRequest: (r) => ({ ...r, body: body() }) };
  const metrics: AcRequest = { method: 'GET', path: '/api/metrics?org=QH-DH&period=2023Q4', headers: get };
  const update: AcRequest = { method: 'PATCH', path: '/', headers: write, setupRequest: (r) => ({ ...r, path: `/api/records/${pick()}`, body: JSON.stringify({ fields: { note: `压测备注${Math.random().toString(36).slice(2, 8)}` } }) }) };
  // BENCH_LOAD_ONLY=list|detail|create|update|metrics runs one kind alone (for profiling).
  const only = process.env.BENCH_LOAD_ONLY;
  if (only) return [{ list: list(), detail: detail(), create, update, metrics }[only as 'list'] ?? list()];
  return [list(), detail(), list(), create, detail(), list(), metrics, detail(), list(), update];
}

export default async function run(): Promise<{ name: string; value: number; unit: string }[]> {
  const target = await scratch();
  const dialect = target.db.url ? 'postgres' : 'sqlite';
  let server: ChildProcess | undefined;
  try {
    const db = await openDb(target.db);
    const t0 = Date.now();
    const ids = await prepare(db);
    await db.close();
    process.stderr.write(`  ${dialect}: demo county at scale ${SCALE}, ${ids.length} 问题整改 records of 东湖镇, ${SESSIONS} accounts in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const started = await startServer(target);
    server = started.child;
    const base = `http://127.0.0.1:${started.port}`;
    const sessions: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < SESSIONS; i += 10) sessions.push(...(await Promise.all(Array.from({ length: Math.min(10, SESSIONS - i) }, (_, k) => login(base, `load${String(i + k).padStart(3, '0')}`)))));
    const out: { name: string; value: number; unit: string }[] = [];
    const r = await sessionsPhase(base, sessions, ids);
    const tag = `${dialect}, ${SESSIONS} sessions (mean pause ${THINK_MS} ms)`;
    process.stderr.write(`  ${dialect} sessions: ${r.total} requests in ${SECONDS} s; status ${r.codes}; errors ${r.errors}; max ${r.max} ms\n`);
    for (const e of r.samples) process.stderr.write(`    e.g. ${e}\n`);
    out.push(
      { name: `${tag}: throughput`, value: r.total / SECONDS, unit: 'req/s' },
      { name: `${tag}: p50 latency`, value: r.p50, unit: 'ms' },
      { name: `${tag}: p99 latency (target < 300)`, value: r.p99, unit: 'ms' },
      { name: `${tag}: errors (target 0)`, value: r.errors, unit: `of ${r.total}` },
      ...Object.entries(r.byKind).map(([k, v]) => ({ name: `${tag}: ${k} p50 / p99`, value: v.p99, unit: `ms p99 (p50 ${v.p50} ms, ${v.n} requests)` })),
    );
    if (CAPACITY) {
      await new Promise((res) => setTimeout(res, 3000)); // let the server drain
      const seconds = Math.max(10, Math.round(SECONDS / 2));
      let next = 0;
      const statuses = new Map<number, number>();
      const c = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 10,
        requests: [{ method: 'GET', path: '/api/health' }],
        setupClient: (client) => {
          const n = next++;
          client.setRequests(requestsFor(sessions[n % sessions.length], ids, n));
          client.on('response', (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
        },
      });
      const codes = [...statuses].sort((x, y) => x[0] - y[0]).map(([k, v]) => `${k}×${v}`).join(' ');
      process.stderr.write(`  ${dialect} capacity: ${c.requests.total} requests in ${seconds} s; status ${codes}; errors ${c.errors} (timeouts ${c.timeouts})\n`);
      const ctag = `${dialect}, ${CONNECTIONS} connections without pause (capacity)`;
      out.push(
        { name: `${ctag}: throughput`, value: c.requests.average, unit: 'req/s' },
        { name: `${ctag}: p50 / p99 latency`, value: c.latency.p99, unit: `ms p99 (p50 ${c.latency.p50} ms)` },
        { name: `${ctag}: errors`, value: c.errors + c.non2xx, unit: `(non-2xx ${c.non2xx}, timeouts ${c.timeouts} of ${c.requests.total})` },
      );
    }
    return out;
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await target.cleanup();
  }
}

interface PhaseResult {
  total: number;
  errors: number;
  codes: string;
  p50: number;
  p99: number;
  max: number;
  byKind: Record<string, { n: number; p50: number; p99: number }>;
  samples: string[];
}

const pct = (xs: number[], q: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] : NaN);
const ms = (x: number) => Math.round(x * 10) / 10;

/** SESSIONS people, each sending its cycle of requests with an exponential pause between them. */
async function sessionsPhase(base: string, sessions: { cookie: string; csrf: string }[], ids: number[]): Promise<PhaseResult> {
  const until = Date.now() + SECONDS * 1000;
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  const statuses = new Map<string, number>();
  const samples: string[] = [];
  let errors = 0;
  const pause = () => new Promise((r) => setTimeout(r, Math.min(-Math.log(1 - Math.random()) * THINK_MS, THINK_MS * 8)));
  const person = async (i: number) => {
    const cycle = requestsFor(sessions[i % sessions.length], ids, i);
    await new Promise((r) => setTimeout(r, Math.random() * THINK_MS)); // people do not start in step
    for (let k = 0; Date.now() < until; k++) {
      const spec = cycle[k % cycle.length];
      const req = spec.setupRequest ? spec.setupRequest({ ...spec }) : spec;
      const kind = requestKind(req);
      const t = performance.now();
      let status: string;
      try {
        const res = await fetch(base + req.path, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(10_000) });
        const body = await res.text();
        status = String(res.status);
        if (res.status >= 300) {
          errors++;
          if (samples.length < 5) samples.push(`${req.method} ${req.path} → ${res.status} ${body.slice(0, 160)}`);
        }
      } catch (e) {
        errors++;
        status = (e as Error).name === 'TimeoutError' ? 'timeout' : 'error';
        if (samples.length < 5) samples.push(`${req.method} ${req.path} → ${(e as Error).message}`);
      }
      const d = performance.now() - t;
      if (process.env.BENCH_LOAD_SLOW && d > Number(process.env.BENCH_LOAD_SLOW)) process.stderr.write(`  client: ${req.method} ${req.path} ${d.toFixed(0)} ms, ${((until - SECONDS * 1000 - Date.now()) / -1000).toFixed(1)} s into the phase\n`);
      all.push(d);
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push(d);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      await pause();
    }
  };
  await Promise.all(Array.from({ length: SESSIONS }, (_, i) => person(i)));
  all.sort((a, b) => a - b);
  return {
    total: all.length,
    errors,
    codes: [...statuses].sort().map(([c, k]) => `${c}×${k}`).join(' '),
    p50: ms(pct(all, 0.5)),
    p99: ms(pct(all, 0.99)),
    max: ms(all[all.length - 1] ?? NaN),
    byKind: Object.fromEntries([...byKind].sort().map(([k, xs]) => {
      xs.sort((a, b) => a - b);
      return [k, { n: xs.length, p50: ms(pct(xs, 0.5)), p99: ms(pct(xs, 0.99)) }];
    })),
    samples,
  };
}

function requestKind(r: AcRequest): string {
  if (r.method === 'POST') return 'create';
  if (r.method === 'PATCH') return 'update';
  if (r.path.startsWith('/api/metrics')) return 'metrics';
  return r.path.includes('/records?') ? 'list' : 'detail';
}

/** Child mode: serve the prepared database on 127.0.0.1 and print the port. */
async function serve(spec: Target['db']): Promise<void> {
  const { buildApp } = await import('../src/server/app.ts');
  const db = await openDb(spec);
  const app = await buildApp({ db, webDir: null, loginRateLimit: 100_000 });
  // BENCH_LOAD_SLOW=MS logs every request slower than that, to find what holds the others up.
  const slow = Number(process.env.BENCH_LOAD_SLOW ?? 0);
  if (slow) app.addHook('onResponse', async (req, reply) => {
    if (reply.elapsedTime > slow) process.stderr.write(`  server: ${req.method} ${req.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(0)} ms at ${new Date().toISOString().slice(11, 23)}\n`);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  // Report event-loop stalls (a synchronous stretch over 1 s holds every request in flight).
  let last = Date.now();
  setInterval(() => {
    const gap = Date.now() - last - 200;
    if (gap > 1000) process.stderr.write(`  server: event loop blocked ${(gap / 1000).toFixed(1)} s at ${new Date().toISOString().slice(11, 19)}\n`);
    last = Date.now();
  }, 200).unref();
  process.once('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));
}

const argv = process.argv;
if (argv[2] === '--luoshi-load-serve') {
  await serve(JSON.parse(argv[3]) as Target['db']);
} else if (argv[1] && path.resolve(argv[1]) === self) {
  const rows = await run();
  for (const r of rows) console.log(`${r.name}: ${Number.isFinite(r.value) ? +r.value.toFixed(2) : r.value} ${r.unit}`);
}
