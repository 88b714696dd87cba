/**
 * A province on PostgreSQL (issue 16; docs/scale.md, "The province bench"): BENCH_PROVINCE_COUNTIES
 * (default 50) counties × 10 towns, each town with two demo generations of records (the seed
 * year 2025, Q4 2024 – 2025, and the living demo of the five quarters to today; BENCH_PROVINCE_SCALE
 * = 6 gives ≈ 20,000 records a town, ≈ 10 million in all) with the demo's ledger mix.
 *
 * Loading: the first BENCH_PROVINCE_APP_COUNTIES counties (default 1; all of them for a fully honest
 * figure) go through the app's one import path (importItems: validation, derived fields,
 * encryption, audit, snapshot upkeep; alert hooks off, as `luoshi demo` seeds); the others are
 * copied from county 1 in SQL (org ids, paths and codes remapped; ciphertexts copied as they are:
 * the AAD holds the key id only, src/crypto/cipher.ts) and the app path's time is extrapolated
 * from the per-county figure. The output says which was done. Then ANALYZE.
 *
 * Measured over HTTP against `luoshi serve --workers 2` (its own processes), p50/p95:
 * the records list of one town (default page size, a filter), the town report (every metric live,
 * GET /api/metrics for a town and quarter), the county comparison (a county's towns from their
 * snapshots, GET /api/metrics?breakdown=1) and the county dashboard, the province dashboard; the
 * wall time of `luoshi metrics --rebuild --org <province>`; the database size; what snapshot
 * upkeep adds to a write (as bench/snapshots.bench.ts, on a town of this province); the
 * 200-session load mix (bench/load-phases.ts: towns in several counties, two province reviewers)
 * against `luoshi serve --workers 2` with DATABASE_READ_URL on a streaming replica made for the
 * run (a second cluster, `luoshi_bench_replica` on port BENCH_PROVINCE_REPLICA_PORT, 5434;
 * dropped at the end; needs root and postgresql-common, as test/helpers/replica.ts).
 * Then, for BENCH_PROVINCE_PARTITION (default `hash,year`; `none` skips), `records` is turned
 * into a natively partitioned table (hash(town_id) in 16, or range by year of date_on) with the
 * same indexes, the query measurements are repeated, and the table is put back.
 *
 * Not part of `npm run bench` (it takes long): run it as
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test NODE_OPTIONS=--expose-gc npx tsx bench/province.bench.ts
 * The data lives in its own database (BENCH_PROVINCE_DB, default luoshi_province_bench) on that
 * server, dropped at the end; BENCH_PROVINCE_KEEP=1 keeps it, and a rerun with the same counties and
 * scale skips loading. BENCH_PROVINCE_LOAD_SECONDS (default 60), after BENCH_PROVINCE_WARMUP_SECONDS
 * (default 20) of the same load reported apart; BENCH_PROVINCE_LOAD=0 skips the load mix,
 * BENCH_PROVINCE_REPS multiplies the repetitions.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { isPostgresUrl, nowIso, openDb, type Db } from '../src/db/kysely.ts';
import { SYSTEM_ACTOR } from '../src/audit/log.ts';
import { createOrg, getOrgByCode } from '../src/org/service.ts';
import { createUser } from '../src/auth/service.ts';
import { generateDemoRecords } from '../src/demo/generate.ts';
import { createTownOrgs, type DemoTownSpec } from '../src/demo/orgs.ts';
import { importItems } from '../src/ledger/import.ts';
import { registerAfterWrite } from '../src/ledger/hooks.ts';
import { createRecord, updateRecord } from '../src/ledger/operations.ts';
import { computeBreakdown, refreshTownSnapshots, upkeepAfterWrite } from '../src/metrics/snapshots.ts';
import { overdueCounts } from '../src/metrics/overdue.ts';
import { setBackgroundRunner } from '../src/util/offload.ts';
import { today } from '../src/shared/today.ts';
import type { Principal } from '../src/ledger/principal.ts';
import { sessionsPhase, type Session } from './load-phases.ts';
import { startSampler } from './sampler.ts';
import { makeReplica, replicaUnavailable, type Replica } from '../test/helpers/replica.ts';

const env = process.env;
const COUNTIES = Number(env.BENCH_PROVINCE_COUNTIES ?? 50);
const TOWNS = 10;
const VILLAGES = 8;
const SCALE = Number(env.BENCH_PROVINCE_SCALE ?? 6);
const APP_COUNTIES = Math.min(COUNTIES, Number(env.BENCH_PROVINCE_APP_COUNTIES ?? 1));
const KEEP = env.BENCH_PROVINCE_KEEP === '1';
const DB_NAME = env.BENCH_PROVINCE_DB ?? 'luoshi_province_bench';
const REPS = Number(env.BENCH_PROVINCE_REPS ?? 1);
const LOAD_SECONDS = Number(env.BENCH_PROVINCE_LOAD_SECONDS ?? 60);
/** Seconds of the same load before the measured phase, reported apart (0: none). */
const WARMUP_SECONDS = Number(env.BENCH_PROVINCE_WARMUP_SECONDS ?? 20);
const LOAD = env.BENCH_PROVINCE_LOAD !== '0';
const PARTITIONS = (env.BENCH_PROVINCE_PARTITION ?? 'hash,year').split(',').filter((p) => p === 'hash' || p === 'year') as ('hash' | 'year')[];
/** Province reviewers among the load's sessions (0: the town sessions alone). */
/** BENCH_PROVINCE_QUERIES=0: no read timings, upkeep or partitioning (a load-only rerun on kept data). */
const QUERIES = env.BENCH_PROVINCE_QUERIES !== '0';
const REVIEWERS = Math.min(2, Number(env.BENCH_PROVINCE_REVIEWERS ?? 2));
const REPLICA_PORT = Number(env.BENCH_PROVINCE_REPLICA_PORT ?? 5434);
const REPLICA_CLUSTER = 'luoshi_bench_replica';
const PASSWORD = 'Prov@2026bench';
/** The quarter measured: the last whole quarter before today's (the living demo's window ends today). */
const PERIOD = (() => {
  const t = today();
  const q = Math.floor((Number(t.slice(5, 7)) - 1) / 3);
  return q === 0 ? `${Number(t.slice(0, 4)) - 1}Q4` : `${t.slice(0, 4)}Q${q}`;
})();
const PROVINCE = 'JNS';
const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');

/** With NODE_OPTIONS=--expose-gc, a collection between the upkeep measure's variants. */
const gc = (globalThis as { gc?: () => void }).gc;
/** Issue 16's goals on the 2-core machine (ms). */
const GOAL = { list: 50, report: 150, comparison: 200, dashboard: 1000, upkeepPct: 20, loadP99: 300 };

type Row = { name: string; value: number; unit: string };
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const countyCode = (k: number) => `${PROVINCE}-X${pad(k, 3)}`;
const countyName = (k: number) => `第${pad(k, 3)}县`;
const townCode = (k: number, t: number) => `${countyCode(k)}-T${pad(t, 2)}`;
const log = (s: string) => process.stderr.write(`  ${s}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function dbUrl(): string {
  const u = new URL(env.DATABASE_URL!);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}

async function admin(...statements: string[]): Promise<pg.QueryResult[]> {
  const c = new pg.Client({ connectionString: env.DATABASE_URL });
  await c.connect();
  try {
    const out: pg.QueryResult[] = [];
    for (const q of statements) out.push(await c.query(q));
    return out;
  } finally {
    await c.end();
  }
}

/** A town as the demo builds one (8 villages, each with a branch and two groups; 3 departments; a 机关 branch). */
function townSpec(k: number, t: number): DemoTownSpec {
  const code = townCode(k, t);
  const name = `${countyName(k)}第${pad(t, 2)}镇`;
  return {
    code,
    name,
    shortName: name,
    publicAccount: `${name}发布`,
    villages: Array.from({ length: VILLAGES }, (_, i) => {
      const vc = `${code}-V${pad(i + 1, 2)}`;
      const vn = i === VILLAGES - 1 ? `${name}${i + 1}社区` : `${name}${i + 1}村`;
      return { code: vc, name: vn, kind: i === VILLAGES - 1 ? 'community' : 'village', branches: [{ code: `${vc}-B1`, name: `${vn}党支部` }] };
    }),
    branches: [{ code: `${code}-JG`, name: '机关党支部' }],
    departments: [
      { code: `${code}-D01`, name: '党政综合办公室' },
      { code: `${code}-D02`, name: '镇纪委' },
      { code: `${code}-D03`, name: '综治中心' },
    ],
  };
}

/** The province, its cities (10 counties each) and county k with its towns, as seedDemoOrgs builds the demo county. */
async function createCountyOrgs(db: Db, k: number): Promise<DemoTownSpec[]> {
  const a = SYSTEM_ACTOR;
  const towns = Array.from({ length: TOWNS }, (_, t) => townSpec(k, t + 1));
  const city = `${PROVINCE}-S${pad(Math.ceil(k / 10), 2)}`;
  await db.kysely.transaction().execute(async (trx) => {
    if (!(await getOrgByCode(trx, PROVINCE)))
      await createOrg(trx, a, { code: PROVINCE, name: '江南省', kind: 'province', profile: { provinceName: '江南省' } });
    if (!(await getOrgByCode(trx, city)))
      await createOrg(trx, a, {
        code: city,
        name: `第${pad(Math.ceil(k / 10), 2)}市`,
        kind: 'city',
        parentCode: PROVINCE,
        profile: { cityName: `第${pad(Math.ceil(k / 10), 2)}市`, provinceName: '江南省' },
      });
    const profile = { countyName: countyName(k), cityName: `第${pad(Math.ceil(k / 10), 2)}市`, provinceName: '江南省' };
    await createOrg(trx, a, { code: countyCode(k), name: countyName(k), kind: 'county', parentCode: city, profile: { ...profile, shortName: countyName(k) } });
    for (const t of towns) {
      await createOrg(trx, a, {
        code: t.code,
        name: t.name,
        kind: 'town',
        parentCode: countyCode(k),
        profile: { ...profile, shortName: t.shortName, publicAccount: t.publicAccount, congress: '二十', partyCommittee: `中共${t.name}委员会` },
      });
      await createTownOrgs(trx, t);
    }
  });
  return towns;
}

/** The two generations of a county's records, as import lines. */
function countyLines(k: number, towns: DemoTownSpec[]) {
  const y = Number(today().slice(0, 4)) - 1;
  return [
    ...generateDemoRecords({ towns, year: y, seed: 2000 + k, scale: SCALE }),
    ...generateDemoRecords({ towns, today: today(), seed: 5000 + k, scale: SCALE }),
  ];
}

/** County k's records copied from county 1 in SQL: org and town ids, paths and codes remapped. */
async function copyCounty(db: Db, k: number): Promise<number> {
  const from = countyCode(1);
  const to = countyCode(k);
  const map = (col: string) => sql.raw(`replace(replace(${col}, '${from}', '${to}'), '${countyName(1)}', '${countyName(k)}')`);
  const r = await sql`
    insert into records (town_id, org_id, org_path, ledger, kind, status, sub, flag, person, ref_org_id, date_on, due_on, done_on, date2, date3,
      n1, n2, title, search, data, version, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, delete_reason)
    select dt.id, dorg.id, dorg.path, r.ledger, r.kind, r.status, r.sub, r.flag, r.person, dref.id, r.date_on, r.due_on, r.done_on, r.date2, r.date3,
      r.n1, r.n2, ${map('r.title')}, ${map('r.search')}, (${map('r.data::text')})::jsonb, r.version, r.created_at, r.created_by, r.updated_at, r.updated_by,
      r.deleted_at, r.deleted_by, r.delete_reason
    from records r
    join orgs st on st.id = r.town_id
    join orgs dt on dt.code = replace(st.code, ${from}, ${to})
    join orgs so on so.id = r.org_id
    join orgs dorg on dorg.code = replace(so.code, ${from}, ${to})
    left join orgs sref on sref.id = r.ref_org_id
    left join orgs dref on dref.code = replace(sref.code, ${from}, ${to})
    where st.code like ${from + '-%'} and st.kind = 'town'`.execute(db.kysely);
  return Number(r.numAffectedRows ?? 0);
}

interface LoadInfo {
  counties: number;
  scale: number;
  records: number;
  appCounties: number;
  appRecords: number;
  appMs: number;
  appCpuMs: number;
  copyMs: number;
  orgMs: number;
  analyzeMs: number;
  loadedAt: string;
}

async function readMeta(): Promise<LoadInfo | null> {
  const exists = (await admin(`select 1 from pg_database where datname = '${DB_NAME}'`))[0].rowCount;
  if (!exists) return null;
  const c = new pg.Client({ connectionString: dbUrl() });
  await c.connect();
  try {
    const t = await c.query(`select to_regclass('bench_province_meta') as t`);
    if (!t.rows[0].t) return null;
    const r = await c.query(`select value from bench_province_meta where key = 'load'`);
    return r.rows[0] ? (JSON.parse(r.rows[0].value) as LoadInfo) : null;
  } finally {
    await c.end();
  }
}

async function load(): Promise<LoadInfo> {
  await admin(`drop database if exists ${DB_NAME} with (force)`, `create database ${DB_NAME}`);
  const db = await openDb({ url: dbUrl() });
  // The write path's snapshot upkeep, as in the server (the alert hooks stay off, as `luoshi demo` seeds).
  registerAfterWrite('*', 'metrics.snapshots', (c) => upkeepAfterWrite(c.db, c.writes));
  try {
    let orgMs = 0;
    let appMs = 0;
    let appCpuMs = 0;
    let appRecords = 0;
    let copyMs = 0;
    let records = 0;
    for (let k = 1; k <= COUNTIES; k++) {
      let t = performance.now();
      const towns = await createCountyOrgs(db, k);
      orgMs += performance.now() - t;
      if (k <= APP_COUNTIES) {
        const lines = countyLines(k, towns);
        const province = (await getOrgByCode(db.kysely, PROVINCE))!;
        const p: Principal = { id: null, username: 'bench', roles: [], org: province, system: true };
        t = performance.now();
        const cpu = process.cpuUsage();
        // One import per town (≈ 20,000 lines), as a town's file would come.
        const byTown = towns.map((town) => lines.filter((l) => l.org === town.code || l.org.startsWith(`${town.code}-`)));
        const placed = new Set(byTown.flat());
        byTown[byTown.length - 1].push(...lines.filter((l) => !placed.has(l)));
        for (const mine of byTown) {
          const res = await importItems(
            db.kysely,
            p,
            mine.map((item, i) => ({ origin: { line: i + 1 }, item })),
          );
          if (!res.ok) throw new Error(`import of county ${k} failed: ${JSON.stringify(res.errors.slice(0, 3))}`);
          appRecords += res.total;
          records += res.total;
        }
        const c = process.cpuUsage(cpu);
        appCpuMs += (c.user + c.system) / 1000;
        appMs += performance.now() - t;
        log(`county ${k}: ${lines.length} records through the import path in ${secs(performance.now() - t)}`);
      } else {
        t = performance.now();
        const n = await copyCounty(db, k);
        copyMs += performance.now() - t;
        records += n;
        if (k % 5 === 0 || k === COUNTIES) log(`county ${k}: ${n} records copied in SQL (${secs(performance.now() - t)}; ${records} so far)`);
      }
    }
    const t = performance.now();
    await sql`analyze`.execute(db.kysely);
    const info: LoadInfo = {
      counties: COUNTIES,
      scale: SCALE,
      records,
      appCounties: APP_COUNTIES,
      appRecords,
      appMs,
      appCpuMs,
      copyMs,
      orgMs,
      analyzeMs: performance.now() - t,
      loadedAt: nowIso(),
    };
    await sql`create table bench_province_meta (key text primary key, value text not null)`.execute(db.kysely);
    await sql`insert into bench_province_meta values ('load', ${JSON.stringify(info)})`.execute(db.kysely);
    return info;
  } finally {
    await db.close();
  }
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `luoshi serve --workers 2` on this database (and the replica, when given), alert runs off. */
async function startServer(extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [path.join(root, 'bin/luoshi.mjs'), 'serve', '--workers', '2', '--no-demo', '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, DATABASE_URL: dbUrl(), NODE_ENV: 'production', LUOSHI_ALERTS_DAILY: '0', ...extraEnv },
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode != null) throw new Error(`server exited: ${out.slice(-2000)}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    if (i > 600) throw new Error(`server did not start: ${out.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  // Both workers listen once the health check answers twice in a row from a fresh connection.
  await new Promise((r) => setTimeout(r, 2000));
  return {
    base,
    child,
    async stop() {
      if (child.exitCode != null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid!, 'SIGTERM'); // the group: the launcher, its primary and the workers
      await exited;
    },
  };
}

let ipSeq = 0;
async function login(base: string, username: string): Promise<Session> {
  // A different client address per sign-in (trusted from loopback): the per-IP login limit is not what is measured.
  const ip = `10.77.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const sid = /luoshi_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
  return { cookie: `luoshi_sid=${sid}`, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Accounts: one template per role made through createUser, copied (the hash too) for the load's towns. */
async function prepareUsers(db: Db, loadTowns: string[]): Promise<void> {
  await db.kysely.deleteFrom('sessions').execute();
  const have = await db.kysely.selectFrom('users').select('username').where('username', 'like', 'pb%').execute();
  if (have.length) {
    await db.kysely.deleteFrom('users').where('username', 'like', 'pb%').execute();
  }
  const mk = (username: string, roles: ('discipline' | 'countyReviewer' | 'provinceReviewer' | 'secretary')[], orgCode: string) =>
    createUser(db.kysely, SYSTEM_ACTOR, { username, name: username, password: PASSWORD, roles, orgCode });
  await mk('pbsec', ['secretary'], townCode(1, 1));
  await mk('pbcounty', ['countyReviewer'], countyCode(1));
  await mk('pbprov', ['provinceReviewer'], PROVINCE);
  await mk('pbload', ['discipline'], townCode(1, 1));
  const first = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'pbload').executeTakeFirstOrThrow();
  const prov = await db.kysely.selectFrom('users').selectAll().where('username', '=', 'pbprov').executeTakeFirstOrThrow();
  if (!loadTowns.length) return;
  const orgIds = new Map((await db.kysely.selectFrom('orgs').select(['id', 'code']).where('code', 'in', loadTowns).execute()).map((o) => [o.code, o.id]));
  const rows = loadTowns.map((code, i) => {
    const { id: _id, ...r } = first;
    return { ...r, username: `pbload${pad(i, 3)}`, name: `压测${i}`, org_id: orgIds.get(code)!, created_at: nowIso() };
  });
  const { id: _pid, ...pr } = prov;
  rows.push({ ...pr, username: 'pbprov1', name: '省审1', created_at: nowIso() });
  for (let i = 0; i < rows.length; i += 100)
    await db.kysely
      .insertInto('users')
      .values(rows.slice(i, i + 100))
      .execute();
}

/** Times `n` GETs of `paths` (cycled) in order, one at a time: p50 / p95 in ms. */
async function timeGets(base: string, s: Session, paths: string[], n: number, maxMs = 90_000, minN = 3): Promise<{ p50: number; p95: number; n: number }> {
  const until = performance.now() + maxMs;
  const xs: number[] = [];
  const warm = await fetch(base + paths[0], { headers: { cookie: s.cookie } });
  if (warm.status !== 200) throw new Error(`${paths[0]} → ${warm.status} ${(await warm.text()).slice(0, 300)}`);
  await warm.text();
  // n requests, or as many as fit in maxMs (at least minN): a slow view is not sampled for ever.
  for (let i = 0; i < n && (i < minN || performance.now() < until); i++) {
    const p = paths[i % paths.length];
    const t = performance.now();
    const r = await fetch(base + p, { headers: { cookie: s.cookie } });
    const body = await r.text();
    const d = performance.now() - t;
    if (r.status !== 200) throw new Error(`${p} → ${r.status} ${body.slice(0, 300)}`);
    xs.push(d);
  }
  return { p50: r1(pct(xs, 0.5)), p95: r1(pct(xs, 0.95)), n: xs.length };
}

type QueryFigures = Record<
  'list' | 'listFiltered' | 'report' | 'townDashboard' | 'comparison' | 'countyDashboard' | 'dashboard' | 'countyCompliance' | 'provinceCompliance',
  { p50: number; p95: number; n: number }
>;

/** The user-facing reads, over HTTP, on towns and counties spread over the province. */
async function queries(withProvince = true): Promise<QueryFigures> {
  const server = await startServer();
  try {
    const sec = await login(server.base, 'pbsec');
    const cty = await login(server.base, 'pbcounty');
    const prov = await login(server.base, 'pbprov');
    const counties = Array.from({ length: Math.min(COUNTIES, 10) }, (_, i) => 1 + Math.floor((i * COUNTIES) / Math.min(COUNTIES, 10)));
    const towns = counties.flatMap((k) => [townCode(k, 1), townCode(k, 6)]);
    // The secretary of town 1 of county 1 sees that town only; the county and province reviewers read the others.
    const list = (q: string) => [`/api/ledgers/rectification/records?${q}`];
    const f: Partial<QueryFigures> = {};
    f.list = await timeGets(server.base, sec, list(''), 40 * REPS);
    f.listFiltered = await timeGets(server.base, sec, [...list('status=open'), ...list('kind=inspection&sort=-dueOn'), ...list(`overdue=1`)], 40 * REPS);
    f.report = await timeGets(
      server.base,
      prov,
      towns.map((t) => `/api/metrics?org=${t}&period=${PERIOD}`),
      Math.max(20, towns.length) * REPS,
    );
    f.townDashboard = await timeGets(
      server.base,
      prov,
      towns.map((t) => `/api/dashboard/town?org=${t}&period=${PERIOD}`),
      Math.max(20, towns.length) * REPS,
    );
    f.comparison = await timeGets(server.base, cty, [`/api/metrics?org=${countyCode(1)}&period=${PERIOD}&breakdown=1`], 10 * REPS, 20_000, 2);
    const other = await timeGets(
      server.base,
      prov,
      counties.map((k) => `/api/metrics?org=${countyCode(k)}&period=${PERIOD}&breakdown=1`),
      20 * REPS,
      20_000,
      2,
    );
    // One figure: the county reviewer's own county and the province reviewer's drill-downs together.
    f.comparison = { p50: Math.max(f.comparison.p50, other.p50), p95: Math.max(f.comparison.p95, other.p95), n: f.comparison.n + other.n };
    f.countyDashboard = await timeGets(
      server.base,
      prov,
      counties.map((k) => `/api/dashboard/county?org=${countyCode(k)}&period=${PERIOD}`),
      20 * REPS,
      20_000,
      2,
    );
    // The province dashboard is every county's dashboard: when those take seconds, one sample after the warm-up.
    f.dashboard = withProvince
      ? await timeGets(server.base, prov, [`/api/dashboard/region?org=${PROVINCE}&period=${PERIOD}`], 10 * REPS, 30_000, 1)
      : { p50: NaN, p95: NaN, n: 0 };
    // 组织生活合规: a county's table branch by branch; the province's roll-up by county (every county's table, two at a time).
    f.countyCompliance = await timeGets(
      server.base,
      prov,
      counties.map((k) => `/api/compliance?org=${countyCode(k)}&period=${PERIOD}`),
      10 * REPS,
      20_000,
      2,
    );
    f.provinceCompliance = withProvince
      ? await timeGets(server.base, prov, [`/api/compliance?org=${PROVINCE}&period=${PERIOD}`], 3 * REPS, 60_000, 1)
      : { p50: NaN, p95: NaN, n: 0 };
    log(
      `  ${Object.entries(f)
        .map(([k, v]) => `${k} p95 ${v.p95} (p50 ${v.p50}, n ${v.n})`)
        .join('; ')}`,
    );
    return f as QueryFigures;
  } finally {
    await server.stop();
  }
}

/** The comparison's own part, in this process: a county's towns from their snapshots (computeBreakdown, as the route calls it). */
async function breakdownOnly(db: Db): Promise<{ p50: number; p95: number; n: number }> {
  const counties = await Promise.all(
    Array.from({ length: Math.min(COUNTIES, 10) }, (_, i) => getOrgByCode(db.kysely, countyCode(1 + Math.floor((i * COUNTIES) / Math.min(COUNTIES, 10))))),
  );
  const xs: number[] = [];
  await computeBreakdown(db.kysely, counties[0]!, PERIOD);
  for (let i = 0; i < 20 * REPS; i++) {
    const t = performance.now();
    await computeBreakdown(db.kysely, counties[i % counties.length]!, PERIOD);
    xs.push(performance.now() - t);
  }
  return { p50: r1(pct(xs, 0.5)), p95: r1(pct(xs, 0.95)), n: xs.length };
}

/** What snapshot upkeep adds to a write (bench/snapshots.bench.ts's variants) on town 2 of county 1. */
async function upkeepCost(db: Db): Promise<{
  none: number;
  deferred: number;
  inline: number;
  noneWall: number;
  deferredWall: number;
  job: number;
  handoverUs: number;
}> {
  process.env.LUOSHI_ALERTS_ON_WRITE = '0';
  const town = townCode(1, 2);
  const province = (await getOrgByCode(db.kysely, PROVINCE))!;
  const p: Principal = { id: null, username: 'bench', roles: [], org: province, system: true };
  const townOrg = (await getOrgByCode(db.kysely, town))!;
  const use = (v: 'none' | 'deferred' | 'inline') => {
    registerAfterWrite('*', 'metrics.snapshots', v === 'none' ? () => undefined : (c) => upkeepAfterWrite(c.db, c.writes));
    setBackgroundRunner(db.kysely, v === 'deferred' ? async () => undefined : null);
  };
  const ids: number[] = [];
  let n = 0;
  const writes = async () => {
    for (let i = 0; i < 5; i++) {
      const rec = await createRecord(db.kysely, p, 'supervision', town, {
        title: `基准监督${n++}`,
        area: '安全生产',
        occurredOn: `${today().slice(0, 4)}-05-10`,
      });
      ids.push(rec.id);
      await updateRecord(db.kysely, p, rec.id, { occurredOn: `${today().slice(0, 4)}-0${(i % 2) * 6 + 2}-02` });
    }
  };
  const cpu: Record<string, number[]> = { none: [], deferred: [], inline: [] };
  const wall: Record<string, number[]> = { none: [], deferred: [], inline: [] };
  const order = ['none', 'deferred', 'inline'] as const;
  try {
    for (const v of order) {
      use(v); // warm-up
      await writes();
    }
    for (let round = 0; round < 11; round++)
      for (const v of round % 2 ? [...order].reverse() : order) {
        use(v);
        gc?.(); // one variant's garbage (the inline variant's above all) is not collected on the next one's time
        const t = performance.now();
        const u = process.cpuUsage();
        await writes();
        const d = process.cpuUsage(u);
        wall[v].push((performance.now() - t) / 10);
        cpu[v].push((d.user + d.system) / 1000 / 10);
      }
    const job: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await refreshTownSnapshots(db.kysely, townOrg.id, { ledgers: ['supervision'] });
      job.push(performance.now() - t);
    }
    // The deferred variant's own part alone: handing one write's upkeep to the worker (as bench/snapshots.bench.ts).
    use('deferred');
    const w = [{ townId: townOrg.id, ledger: 'supervision', recordId: ids[0] }];
    for (let i = 0; i < 1000; i++) await upkeepAfterWrite(db.kysely, w);
    const u0 = process.cpuUsage();
    for (let i = 0; i < 20000; i++) await upkeepAfterWrite(db.kysely, w);
    const h = process.cpuUsage(u0);
    const med = (xs: number[]) => Math.round(pct(xs, 0.5) * 100) / 100;
    return {
      none: med(cpu.none),
      deferred: med(cpu.deferred),
      inline: med(cpu.inline),
      noneWall: med(wall.none),
      deferredWall: med(wall.deferred),
      job: med(job),
      handoverUs: Math.round(((h.user + h.system) / 20000) * 100) / 100,
    };
  } finally {
    setBackgroundRunner(db.kysely, null);
    delete process.env.LUOSHI_ALERTS_ON_WRITE;
    // The bench's own records go again (hard delete), and their town's snapshots are recomputed.
    await db.kysely.deleteFrom('records').where('id', 'in', ids).execute();
    await refreshTownSnapshots(db.kysely, townOrg.id);
  }
}

/**
 * What autovacuum does by itself a while after a bulk load, done once per database: the rows'
 * hint bits and the visibility map. Autovacuum is off on the CI machines' PostgreSQL (for the
 * tests' speed), and a never-vacuumed table is not what a province runs on: the first read of
 * each page sets its rows' hint bits and so dirties it (reads that write), and on a replica a
 * backend that writes out a dirty page may first have to update the control file's minimum
 * recovery point (replica readers waited on LWLock/ControlFile in BENCH_PROVINCE_SAMPLE's
 * samples). Returns the milliseconds taken, or null when `records` was vacuumed already.
 */
async function vacuumOnce(db: Db): Promise<number | null> {
  const r = await sql<{
    never: boolean;
  }>`select coalesce(last_vacuum, last_autovacuum) is null as never from pg_stat_user_tables where relname = 'records'`.execute(db.kysely);
  if (!r.rows[0]?.never) return null;
  log('VACUUM ANALYZE (what autovacuum would do after the load) …');
  const t = performance.now();
  await sql`vacuum (analyze)`.execute(db.kysely);
  return performance.now() - t;
}

/** `luoshi metrics --rebuild --org <province>` in its own process: wall time. */
function rebuild(): { ms: number; out: string } {
  const t = performance.now();
  const out = execFileSync(process.execPath, [path.join(root, 'bin/luoshi.mjs'), 'metrics', '--rebuild', '--org', PROVINCE], {
    cwd: root,
    env: { ...env, DATABASE_URL: dbUrl() },
    encoding: 'utf8',
    timeout: 3600_000,
  });
  return { ms: performance.now() - t, out: out.trim() };
}

/** The bench's replica: test/helpers/replica.ts with its own cluster name and port. */
async function replicaOfPrimary(): Promise<Replica | null> {
  const why = replicaUnavailable(env.DATABASE_URL);
  if (why) {
    log(`no replica: ${why}`);
    return null;
  }
  return makeReplica(env.DATABASE_URL!, REPLICA_PORT, REPLICA_CLUSTER, 3600_000);
}

/** The 200-session mix against `luoshi serve --workers 2` reading from the replica. */
async function loadMix(db: Db, replica: Replica | null) {
  // 198 town sessions over 18 towns of 9 counties (11 each), and 2 province reviewers.
  const ks = Array.from({ length: Math.min(9, COUNTIES) }, (_, i) => 1 + Math.floor((i * COUNTIES) / Math.min(9, COUNTIES)));
  const towns = ks.flatMap((k) => [townCode(k, 3), townCode(k, 8)]);
  const loadTowns = Array.from({ length: 198 }, (_, i) => towns[i % towns.length]);
  await prepareUsers(db, loadTowns);
  const townIds = new Map<string, number[]>();
  for (const code of towns) {
    const o = (await getOrgByCode(db.kysely, code))!;
    const ids = await db.kysely.selectFrom('records').select('id').where('town_id', '=', o.id).where('ledger', '=', 'rectification').execute();
    townIds.set(
      code,
      ids.map((r) => r.id),
    );
  }
  const readUrl = replica ? new URL(replica.url) : null;
  if (readUrl) readUrl.pathname = `/${DB_NAME}`;
  const server = await startServer(readUrl ? { DATABASE_READ_URL: readUrl.toString() } : {});
  try {
    const sessions: Session[] = [];
    const y = PERIOD.slice(0, 4);
    const q = Number(PERIOD.slice(5));
    const m0 = (q - 1) * 3 + 1;
    for (let i = 0; i < 198; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, 198 - i) }, (_, j) => login(server.base, `pbload${pad(i + j, 3)}`)));
      batch.forEach((s, j) => {
        const code = loadTowns[i + j];
        s.place = {
          town: code,
          village: (n) => `${code}-V0${1 + (n % VILLAGES)}`,
          ids: townIds.get(code)!,
          period: PERIOD,
          day: `${y}-${pad(m0 + 1, 2)}-06`,
          from: `${y}-${pad(m0, 2)}-01`,
          to: `${y}-${pad(m0 + 2, 2)}-28`,
        };
      });
      sessions.push(...batch);
    }
    for (const u of ['pbprov', 'pbprov1'].slice(0, REVIEWERS)) {
      const s = await login(server.base, u);
      s.reviewer = { region: PROVINCE, county: countyCode(ks[sessions.length % ks.length]), period: PERIOD };
      sessions.push(s);
    }
    // The first seconds after a server and a fresh replica start (cold caches: the replica's
    // buffers, each process's org, settings and live-metric caches) are a phase of their own,
    // reported apart, as the load bench's start-up run is (bench/load.bench.ts); the goal is
    // the steady phase after it. (198 town sessions and REVIEWERS reviewers: 200 with the default two.)
    // The measured phase continues each person's cycle where the warm-up left it (see sessionsPhase).
    const positions = sessions.map(() => 0);
    // BENCH_PROVINCE_SAMPLE=<file>: what the machine and PostgreSQL do through the load, every half second (bench/sampler.ts).
    const stopSampler = env.BENCH_PROVINCE_SAMPLE
      ? await startSampler(env.BENCH_PROVINCE_SAMPLE, { primary: dbUrl(), ...(readUrl ? { replica: readUrl.toString() } : {}) })
      : null;
    try {
      const warm = WARMUP_SECONDS > 0 ? await sessionsPhase(server.base, sessions, [], WARMUP_SECONDS, 2000, positions) : null;
      return { warm, steady: await sessionsPhase(server.base, sessions, [], LOAD_SECONDS, 2000, positions) };
    } finally {
      await stopSampler?.();
    }
  } finally {
    await server.stop();
  }
}

/** `records` as a natively partitioned table (the plain one kept aside as records_plain). */
async function partition(db: Db, how: 'hash' | 'year'): Promise<{ ms: number; note: string }> {
  const t = performance.now();
  const idx = (
    await sql<{
      indexname: string;
      indexdef: string;
    }>`select indexname, indexdef from pg_indexes where tablename = 'records' and schemaname = current_schema()`.execute(db.kysely)
  ).rows;
  // The last three calendar years a part each; older dates (birth dates, joining dates…) in one, later ones (deadlines) in one, none in the default.
  const y0 = Number(today().slice(0, 4));
  const years = [y0 - 2, y0 - 1, y0];
  await db.kysely.transaction().execute(async (trx) => {
    await sql`alter table records rename to records_plain`.execute(trx);
    for (const i of idx) await sql.raw(`alter index ${i.indexname} rename to ${i.indexname}__plain`).execute(trx);
    await sql
      .raw(
        `create table records (like records_plain including defaults including constraints) partition by ${how === 'hash' ? 'hash (town_id)' : 'range (date_on)'}`,
      )
      .execute(trx);
    if (how === 'hash')
      for (let i = 0; i < 16; i++) await sql.raw(`create table records_h${i} partition of records for values with (modulus 16, remainder ${i})`).execute(trx);
    else {
      await sql.raw(`create table records_yold partition of records for values from (minvalue) to ('${years[0]}')`).execute(trx);
      for (const y of years) await sql.raw(`create table records_y${y} partition of records for values from ('${y}') to ('${y + 1}')`).execute(trx);
      await sql.raw(`create table records_ylater partition of records for values from ('${y0 + 1}') to (maxvalue)`).execute(trx);
      await sql.raw(`create table records_ydefault partition of records default`).execute(trx);
    }
  });
  await sql`insert into records select * from records_plain`.execute(db.kysely);
  for (const i of idx) {
    let def = i.indexdef.replace(/ ON (\S+\.)?records /, ' ON records ');
    if (i.indexname === 'records_pkey')
      def = how === 'hash' ? 'alter table records add primary key (id, town_id)' : 'create index records_pkey on records (id)';
    await sql.raw(def).execute(db.kysely);
  }
  await sql`analyze records`.execute(db.kysely);
  return {
    ms: performance.now() - t,
    note:
      how === 'hash'
        ? '16 parts by hash(town_id); primary key (id, town_id) instead of (id): a partitioned table needs the key in every unique index'
        : `range of date_on: ${years.join(', ')} a part each, one before, one after, a default (no date); no primary key, a plain index on id (date_on is nullable)`,
  };
}

async function unpartition(db: Db): Promise<void> {
  const idx = (
    await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'records_plain' and schemaname = current_schema()`.execute(db.kysely)
  ).rows;
  await db.kysely.transaction().execute(async (trx) => {
    await sql`drop table records cascade`.execute(trx);
    await sql`alter table records_plain rename to records`.execute(trx);
    for (const i of idx) await sql.raw(`alter index ${i.indexname} rename to ${i.indexname.replace(/__plain$/, '')}`).execute(trx);
  });
}

const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

export default async function run(): Promise<Row[]> {
  if (!isPostgresUrl(env.DATABASE_URL)) throw new Error('the province bench needs PostgreSQL: set DATABASE_URL');
  env.LUOSHI_SECRET ??= 'bench-province-secret';
  const out: Row[] = [];
  const failures: string[] = [];
  const goal = (name: string, value: number, limit: number, unit: string) => {
    const ok = value <= limit;
    if (!ok) failures.push(`${name} ${value} > ${limit}`);
    out.push({ name: `${name} (goal ≤ ${limit})`, value, unit: `${unit} ${mark(ok)}` });
  };
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const t0 = performance.now();
  const c0 = performance.now();
  crypto.scryptSync('a', 'b', 64, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  log(`machine: ${machine}; scrypt N=2^17 took ${Math.round(performance.now() - c0)} ms; period ${PERIOD}`);
  let replica: Replica | null = null;
  try {
    let info = KEEP ? await readMeta() : null;
    if (info && (info.counties !== COUNTIES || info.scale !== SCALE)) info = null;
    if (info) log(`kept data: ${info.records} records of ${info.counties} counties, loaded at ${info.loadedAt}; loading skipped`);
    else {
      log(`loading ${COUNTIES} counties × ${TOWNS} towns at scale ${SCALE} into database ${DB_NAME} …`);
      info = await load();
    }
    const perCounty = info.appCounties ? info.appMs / info.appCounties : NaN;
    out.push(
      {
        name: 'province',
        value: info.records,
        unit: `records, ${info.counties} counties × ${TOWNS} towns (≈ ${Math.round(info.records / info.counties / TOWNS)} a town)`,
      },
      {
        name: `import through the app path (${info.appCounties} ${info.appCounties === 1 ? 'county' : 'counties'}, ${info.appRecords} records)`,
        value: info.appMs / 1000,
        unit: `s (client CPU ${(info.appCpuMs / 1000).toFixed(1)} s; ${Math.round(info.appRecords / (info.appMs / 1000))} records/s)`,
      },
    );
    if (info.appCounties < info.counties)
      out.push(
        { name: `the other ${info.counties - info.appCounties} counties copied in SQL from county 1`, value: info.copyMs / 1000, unit: 's' },
        {
          name: `import time for the whole province through the app path, extrapolated (${info.counties} × the per-county time)`,
          value: (perCounty * info.counties) / 1000 / 60,
          unit: 'min',
        },
      );
    else out.push({ name: 'import time for the whole province through the app path', value: info.appMs / 1000 / 60, unit: 'min' });
    out.push(
      { name: 'org tree (createOrg, in one transaction per county)', value: info.orgMs / 1000, unit: 's' },
      { name: 'ANALYZE after loading', value: info.analyzeMs / 1000, unit: 's' },
    );

    const db = await openDb({ url: dbUrl() });
    try {
      const vac = await vacuumOnce(db);
      if (vac != null)
        out.push({ name: "VACUUM ANALYZE after loading (autovacuum's work after a bulk load; it is off on these machines)", value: vac / 1000, unit: 's' });
      const sizes = (
        await sql<{
          db: string;
          rec: string;
          recidx: string;
        }>`select pg_database_size(current_database()) as db, pg_total_relation_size('records') as rec, pg_indexes_size('records') as recidx`.execute(db.kysely)
      ).rows[0];
      const gib = (x: string) => Number(x) / 2 ** 30;
      out.push({
        name: 'database size',
        value: gib(sizes.db),
        unit: `GiB (records ${gib(sizes.rec).toFixed(2)} GiB with its indexes, of which indexes ${gib(sizes.recidx).toFixed(2)} GiB)`,
      });

      if (env.BENCH_PROVINCE_REBUILD !== '0') {
        log('luoshi metrics --rebuild for the province …');
        const rb = rebuild();
        log(rb.out);
        out.push({ name: `luoshi metrics --rebuild --org ${PROVINCE} (wall, own process)`, value: rb.ms / 1000, unit: `s (${rb.out})` });
      } else log('rebuild skipped (BENCH_PROVINCE_REBUILD=0): the kept snapshots are used');

      await prepareUsers(db, []);
      if (QUERIES)
        log(
          `query measurements (plain table) … (load average ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' ')})`,
        );
      const plain = QUERIES ? await queries() : null;
      const show = (tag: string, f: QueryFigures) => {
        const line = (k: keyof QueryFigures) => `${f[k].p95} ms p95 (p50 ${f[k].p50}, n ${f[k].n})`;
        log(`${tag}: list ${line('list')}; filtered ${line('listFiltered')}; report ${line('report')}; town dashboard ${line('townDashboard')}`);
        log(`${tag}: comparison ${line('comparison')}; county dashboard ${line('countyDashboard')}; province dashboard ${line('dashboard')}`);
      };
      if (plain) {
        show('plain', plain);
        goal('town list p95 (records list of a town, default page)', plain.list.p95, GOAL.list, `ms (p50 ${plain.list.p50})`);
        goal('town list p95 with a filter', plain.listFiltered.p95, GOAL.list, `ms (p50 ${plain.listFiltered.p50})`);
        goal(`town report p95 (every metric live, one town, ${PERIOD})`, plain.report.p95, GOAL.report, `ms (p50 ${plain.report.p50})`);
        out.push({ name: 'town dashboard p95', value: plain.townDashboard.p95, unit: `ms (p50 ${plain.townDashboard.p50})` });
        goal(
          "county comparison p95 over HTTP (GET /api/metrics?breakdown=1: the towns from snapshots, the county's own figures live)",
          plain.comparison.p95,
          GOAL.comparison,
          `ms (p50 ${plain.comparison.p50})`,
        );
        const bd = await breakdownOnly(db);
        goal(
          'county comparison, the towns from snapshots alone (computeBreakdown in this process), p95',
          bd.p95,
          GOAL.comparison,
          `ms (p50 ${bd.p50}, n ${bd.n})`,
        );
        goal('county dashboard p95 (every town from snapshots)', plain.countyDashboard.p95, GOAL.comparison, `ms (p50 ${plain.countyDashboard.p50})`);
        goal('province dashboard p95', plain.dashboard.p95, GOAL.dashboard, `ms (p50 ${plain.dashboard.p50})`);
        out.push(
          {
            name: '组织生活合规 of a county (GET /api/compliance, branch by branch) p95',
            value: plain.countyCompliance.p95,
            unit: `ms (p50 ${plain.countyCompliance.p50})`,
          },
          {
            name: '组织生活合规 of the province (by county: every county computed) p95',
            value: plain.provinceCompliance.p95,
            unit: `ms (p50 ${plain.provinceCompliance.p50}, n ${plain.provinceCompliance.n})`,
          },
        );

        log('snapshot upkeep on a write …');
        const u = await upkeepCost(db);
        log(`upkeep: ${JSON.stringify(u)}`);
        const added = r1(((u.deferred - u.none) / u.none) * 100);
        goal(
          'snapshot upkeep added to a write, as the server does it (queued for the worker), CPU',
          added,
          GOAL.upkeepPct,
          `% (${u.none} → ${u.deferred} ms a write)`,
        );
        out.push(
          {
            name: 'the same done inline (CLI, no worker), CPU',
            value: r1(((u.inline - u.none) / u.none) * 100),
            unit: `% (${u.none} → ${u.inline} ms a write)`,
          },
          { name: 'the upkeep job itself (the worker, one write, wall)', value: u.job, unit: 'ms' },
          {
            name: "the deferred variant's own part alone: handing one write's upkeep to the worker, CPU",
            value: u.handoverUs,
            unit: `µs (${r1((u.handoverUs / 1000 / u.none) * 100)} % of a write)${gc ? '' : '; run with NODE_OPTIONS=--expose-gc for a collection between variants'}`,
          },
        );
      }

      if (LOAD) {
        log(
          `streaming replica … (load average ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' ')})`,
        );
        // Every run a morning, as in bench/load.bench.ts: the day's overdue counts of every town
        // are kept, as the daily run leaves them (its servers run with LUOSHI_ALERTS_DAILY=0), before
        // the replica is made, so the replica has them too.
        const tm = performance.now();
        const towns = (await db.kysely.selectFrom('orgs').select('id').where('kind', '=', 'town').execute()).map((o) => o.id);
        await overdueCounts(db.kysely, towns);
        out.push({
          name: `the morning: the day's overdue counts of ${towns.length} towns kept (as the daily run does)`,
          value: (performance.now() - tm) / 1000,
          unit: 's',
        });
        const tr = performance.now();
        replica = await replicaOfPrimary();
        if (replica) out.push({ name: 'replica made (pg_basebackup of the whole server)', value: (performance.now() - tr) / 1000, unit: 's' });
        const c1 = performance.now();
        crypto.scryptSync('a', 'b', 64, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
        log(
          `load mix, ${LOAD_SECONDS} s … (scrypt N=2^17 now ${Math.round(performance.now() - c1)} ms; load average ${os
            .loadavg()
            .map((x) => x.toFixed(1))
            .join(' ')})`,
        );
        const { warm, steady: r } = await loadMix(db, replica);
        if (warm) {
          log(
            `warm-up: ${warm.total} requests, status ${warm.codes}, errors ${warm.errors}, p50 ${warm.p50} p99 ${warm.p99} ms; ${JSON.stringify(warm.byKind)}`,
          );
          for (const e of warm.samples) log(`  e.g. ${e}`);
          out.push({
            name: `load warm-up: the first ${WARMUP_SECONDS} s after the servers and the replica start, p99`,
            value: warm.p99,
            unit: `ms (p50 ${warm.p50}, ${warm.total} requests, errors ${warm.errors}: ${warm.codes})`,
          });
          if (warm.errors) failures.push(`load warm-up errors ${warm.errors}`);
        }
        log(`load: ${r.total} requests, status ${r.codes}, errors ${r.errors}, p50 ${r.p50} p99 ${r.p99} ms; ${JSON.stringify(r.byKind)}`);
        for (const e of r.samples) log(`  e.g. ${e}`);
        const tag = `load: 200 sessions for ${LOAD_SECONDS} s${warm ? ' after the warm-up' : ''} against luoshi serve --workers 2${replica ? ' with DATABASE_READ_URL on a replica' : ' (no replica)'}`;
        goal(`${tag}: p99`, r.p99, GOAL.loadP99, `ms (p50 ${r.p50}, ${r.total} requests, ${(r.total / LOAD_SECONDS).toFixed(0)} req/s)`);
        for (const [k, v] of Object.entries(r.byKind)) out.push({ name: `${tag}: ${k} p99`, value: v.p99, unit: `ms (p50 ${v.p50}, n ${v.n})` });
        out.push({ name: `${tag}: errors (goal 0)`, value: r.errors, unit: `${r.codes} ${mark(r.errors === 0)}` });
        if (r.errors) failures.push(`load errors ${r.errors}`);
        replica?.drop();
        replica = null;
      }

      for (const how of plain ? PARTITIONS : []) {
        log(`partitioning records (${how}) …`);
        let pt: { ms: number; note: string };
        try {
          pt = await partition(db, how);
        } catch (e) {
          log(`partitioning (${how}) failed: ${(e as Error).message}`);
          failures.push(`partitioning (${how}) failed`);
          const left = await sql<{ t: string | null }>`select to_regclass('records_plain')::text as t`.execute(db.kysely);
          if (left.rows[0]?.t) await unpartition(db);
          continue;
        }
        log(`  ${pt.note}; converted in ${secs(pt.ms)}`);
        try {
          const f = await queries(false);
          show(how, f);
          out.push({ name: `partitioned (${how}): conversion`, value: pt.ms / 1000, unit: `s; ${pt.note}` });
          for (const k of Object.keys(f) as (keyof QueryFigures)[])
            out.push({
              name: `partitioned (${how}) vs plain: ${k} p95`,
              value: f[k].p95,
              unit: `ms vs ${plain![k].p95} ms (p50 ${f[k].p50} vs ${plain![k].p50}; ${r1(((f[k].p95 - plain![k].p95) / plain![k].p95) * 100)} %)`,
            });
        } finally {
          await unpartition(db);
        }
      }
      if (PARTITIONS.length && env.BENCH_PROVINCE_AGAIN === '1') {
        // The plain table once more: how far the shared machine moved the figures meanwhile.
        const again = await queries();
        show('plain again', again);
        for (const k of Object.keys(again) as (keyof QueryFigures)[])
          out.push({
            name: `plain again (after the partitioned runs): ${k} p95`,
            value: again[k].p95,
            unit: `ms (first run ${plain![k].p95} ms; p50 ${again[k].p50})`,
          });
      }
    } finally {
      await db.close();
    }
    out.push({ name: 'goals missed', value: failures.length, unit: failures.length ? `FAIL: ${failures.join('; ')}` : 'PASS' });
    out.push({ name: 'bench wall time', value: (performance.now() - t0) / 60000, unit: 'min' });
    return out;
  } finally {
    try {
      replica?.drop();
    } catch (e) {
      log(`replica drop failed: ${(e as Error).message}`);
    }
    if (!KEEP) await admin(`drop database if exists ${DB_NAME} with (force)`);
    else log(`kept database ${DB_NAME} (BENCH_PROVINCE_KEEP=1)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const rows = await run();
  for (const r of rows) console.log(`${r.name}: ${Number.isFinite(r.value) ? +r.value.toFixed(2) : r.value} ${r.unit}`);
  process.exit(0); // the write path's background timers would keep the process alive
}
