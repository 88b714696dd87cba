/**
 * Benchmark: the reviewers' alert center on a province-sized alert table — 江北省 with
 * BENCH_AC_CITIES cities × 10 counties × 20 towns (default 5: 1,000 towns, 2 villages each) and
 * BENCH_AC_PER_TOWN stored alerts per town (default 60: 60,000 alerts, each on a record, a third
 * resolved). For the province, a city, a county of that city and a town, as their reviewers:
 * the list's first page and a deep page, the summary (one GROUP BY) and the badge count, each
 * timed in CPU time of this process (process.cpuUsage, the machine is shared) and wall time,
 * median of 5; then the plan of the list query (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
 * PostgreSQL) for the city filtered to one county.
 * Run: npx tsx bench/alert-center.bench.ts   (DATABASE_URL=postgres://… for PostgreSQL)
 */
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { isPostgresUrl, openDb, type Db } from '../src/db/kysely.ts';
import type { Database } from '../src/db/schema.ts';
import { SYSTEM_ACTOR } from '../src/audit/log.ts';
import { createOrg, getOrgByCode, type Org } from '../src/org/service.ts';
import { countOpen, listStored, summarize } from '../src/alerts/query.ts';
import { visibility, visibleAlerts, severityOrder } from '../src/alerts/access.ts';
import type { Principal } from '../src/ledger/principal.ts';
import type { Role } from '../src/shared/roles.ts';
import { pgAdmin } from './pg-admin.ts';

const CITIES = Number(process.env.BENCH_AC_CITIES ?? 5);
const PER_TOWN = Number(process.env.BENCH_AC_PER_TOWN ?? 60);
const RULES = [
  ['rectification.overdue', 'rectification'],
  ['petition.overdue', 'petition'],
  ['petition.dueSoon', 'petition'],
  ['dispute.overdue', 'dispute'],
] as const;

async function open(): Promise<{ db: Db; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) return { db: await openDb({ file: ':memory:' }), drop: async () => undefined };
  const schema = `bench_ac_${crypto.randomBytes(4).toString('hex')}`;
  await pgAdmin(url!, `create schema ${schema}`);
  const db = await openDb({ url, schema });
  return { db, drop: () => pgAdmin(url!, `drop schema ${schema} cascade`) };
}

export async function seed(k: Kysely<Database>): Promise<void> {
  const a = SYSTEM_ACTOR;
  await createOrg(k, a, { code: 'P', name: '江北省', kind: 'province' });
  const now = new Date().toISOString();
  let n = 0;
  for (let c = 1; c <= CITIES; c++) {
    await createOrg(k, a, { code: `C${c}`, name: `第${c}市`, kind: 'city', parentCode: 'P' });
    for (let x = 1; x <= 10; x++) {
      const county = `C${c}X${x}`;
      await createOrg(k, a, { code: county, name: `第${c}市第${x}县`, kind: 'county', parentCode: `C${c}` });
      await k.transaction().execute(async (trx) => {
        for (let t = 1; t <= 20; t++) {
          const town = await createOrg(trx, a, { code: `${county}T${t}`, name: `第${t}镇`, kind: 'town', parentCode: county });
          const villages = [
            await createOrg(trx, a, { code: `${county}T${t}V1`, name: '一村', kind: 'village', parentCode: town.code }),
            await createOrg(trx, a, { code: `${county}T${t}V2`, name: '二村', kind: 'village', parentCode: town.code }),
          ];
          const orgs = [town, ...villages];
          const recs = await trx
            .insertInto('records')
            .values(
              Array.from({ length: PER_TOWN }, (_, i) => {
                const o = orgs[i % 3];
                return {
                  town_id: town.id,
                  org_id: o.id,
                  org_path: o.path,
                  ledger: RULES[i % RULES.length][1],
                  title: `事项${i}`,
                  search: '',
                  data: '{}',
                  version: 1,
                  created_at: now,
                  created_by: null,
                  updated_at: now,
                  kind: null,
                  status: null,
                  sub: null,
                  flag: null,
                  person: null,
                  ref_org_id: null,
                  date_on: null,
                  due_on: null,
                  done_on: null,
                  date2: null,
                  date3: null,
                  n1: null,
                  n2: null,
                };
              }),
            )
            .returning('id')
            .execute();
          await trx
            .insertInto('alerts')
            .values(
              recs.map((r, i) => ({
                town_id: town.id,
                org_id: orgs[i % 3].id,
                rule: RULES[i % RULES.length][0],
                record_id: r.id,
                // The record's ledger and creator, as the store keeps them (src/alerts/store.ts).
                record_ledger: RULES[i % RULES.length][1],
                record_created_by: null,
                key: `k${n++}`,
                severity: ['error', 'warning', 'info'][i % 3],
                message: `预警${i}`,
                due_on: `2026-${String(1 + (i % 12)).padStart(2, '0')}-15`,
                status: i % 3 === 0 ? 'resolved' : i % 5 === 0 ? 'acknowledged' : 'open',
                first_seen: now,
                last_seen: now,
              })),
            )
            .execute();
        }
      });
    }
  }
}

const reviewer = (role: Role, org: Org): Principal => ({ id: 1, username: role, roles: [role], org });

async function time<T>(f: () => Promise<T>): Promise<{ cpu: number; wall: number; out: T }> {
  const runs: { cpu: number; wall: number }[] = [];
  let out!: T;
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    out = await f();
    const c = process.cpuUsage(c0);
    runs.push({ cpu: (c.user + c.system) / 1000, wall: performance.now() - w0 });
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[2];
  return { cpu: med(runs.map((r) => r.cpu)), wall: med(runs.map((r) => r.wall)), out };
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

export default async function main(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const { db, drop } = await open();
  const k = db.kysely;
  try {
    const t0 = performance.now();
    await seed(k);
    const alerts = Number(
      (
        await k
          .selectFrom('alerts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    console.log(`${db.dialect}: seeded ${alerts} alerts in ${CITIES * 200} towns in ${Math.round(performance.now() - t0)} ms`);
    await sql`analyze`.execute(k);
    const P = (await getOrgByCode(k, 'P'))!;
    const C = (await getOrgByCode(k, 'C1'))!;
    const X = (await getOrgByCode(k, 'C1X1'))!;
    const T = (await getOrgByCode(k, 'C1X1T1'))!;
    const cases: [string, Principal, Org][] = [
      ['province', reviewer('provinceReviewer', P), P],
      ['city', reviewer('cityReviewer', C), C],
      ['city → county', reviewer('cityReviewer', C), X],
      ['city → town', reviewer('cityReviewer', C), T],
      ['county', reviewer('countyReviewer', X), X],
    ];
    console.log('case | list p1 (total) | list p20 | summary (rows) | count  — CPU ms / wall ms, median of 5');
    for (const [name, p, scope] of cases) {
      const l1 = await time(() => listStored(k, p, scope, { page: 1, pageSize: 20 }));
      const l20 = await time(() => listStored(k, p, scope, { page: 20, pageSize: 20 }));
      const s = await time(() => summarize(k, p, scope, {}));
      const c = await time(() => countOpen(k, p, scope));
      if (s.out.total.total !== l1.out.total) throw new Error(`${name}: summary ${s.out.total.total} ≠ list ${l1.out.total}`);
      const f = (x: { cpu: number; wall: number }) => `${x.cpu.toFixed(0)}/${x.wall.toFixed(0)}`;
      console.log(`${name} | ${f(l1)} (${l1.out.total}) | ${f(l20)} | ${f(s)} (${s.out.rows.length}) | ${f(c)}`);
      results.push({ name: `${name}: list page 1`, value: l1.cpu, unit: 'ms CPU' }, { name: `${name}: summary`, value: s.cpu, unit: 'ms CPU' });
    }
    // The plan of the list's page query: the city reviewer filtered to one county (BENCH_AC_PLAN=province: the province's first page).
    const p = process.env.BENCH_AC_PLAN === 'province' ? reviewer('provinceReviewer', P) : reviewer('cityReviewer', C);
    const v = await visibility(k, p);
    const q = visibleAlerts(k, p, v, process.env.BENCH_AC_PLAN === 'province' ? P : X)
      .where('a.status', '!=', 'resolved')
      .selectAll('a')
      .select(['o.code as org_code'])
      .orderBy(severityOrder)
      .orderBy('a.due_on')
      .orderBy('a.id')
      .limit(20)
      .compile();
    const explain = db.dialect === 'postgres' ? 'explain analyze ' : 'explain query plan ';
    // With the parameters bound, as the app runs it (SQLite plans some queries differently with literals).
    const plan = await k.executeQuery(CompiledQuery.raw(explain + q.sql, [...q.parameters]));
    console.log(`plan (${explain.trim()}), ${process.env.BENCH_AC_PLAN === 'province' ? 'province' : 'city → county'} page 1:`);
    for (const r of plan.rows as Record<string, unknown>[]) console.log('  ' + String(r['QUERY PLAN'] ?? r.detail));
  } finally {
    await db.close();
    await drop();
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
