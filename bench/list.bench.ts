/**
 * A filtered, paginated ledger list over 1,000,000 records (a 20-town county over several
 * years): p95 of the real listRecords() for a town secretary. Target: p95 < 100 ms on SQLite
 * and on PostgreSQL (DATABASE_URL). The data is built once and kept for the next run: the SQLite
 * file /tmp/luoshi-bench-1m.db, or the PostgreSQL schema bench_list_1m (BENCH_FRESH=1 rebuilds).
 */
import fs from 'node:fs';
import { pgAdmin } from './pg-admin.ts';
import { sql } from 'kysely';
import { fileURLToPath } from 'node:url';
import { openDb, isPostgresUrl, type Db } from '../src/db/kysely.ts';
import { createOrg, getOrgByCode } from '../src/org/service.ts';
import { SYSTEM_ACTOR } from '../src/audit/log.ts';
import { listRecords, type ListQuery } from '../src/ledger/list.ts';
import type { Principal } from '../src/ledger/principal.ts';

const N = Number(process.env.BENCH_LIST_N ?? 1_000_000);
const TOWNS = 20;
const VILLAGES = 10;
const LEDGERS = ['rectification', 'activity', 'branchMeeting', 'petition', 'dispute', 'publication', 'demand', 'talk'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function build(db: Db): Promise<void> {
  const have = await db.kysely
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  if (Number(have?.n ?? 0) >= N) return;
  await db.kysely.transaction().execute(async (trx) => {
    await createOrg(trx, SYSTEM_ACTOR, { code: 'B', name: '基准县', kind: 'county' });
    for (let t = 1; t <= TOWNS; t++) {
      await createOrg(trx, SYSTEM_ACTOR, { code: `B-T${t}`, name: `基准${t}镇`, kind: 'town', parentCode: 'B' });
      for (let v = 1; v <= VILLAGES; v++) await createOrg(trx, SYSTEM_ACTOR, { code: `B-T${t}-V${v}`, name: `${v}村`, kind: 'village', parentCode: `B-T${t}` });
    }
  });
  const orgs = await db.kysely.selectFrom('orgs').select(['id', 'code', 'path', 'town_id']).where('kind', '=', 'village').execute();
  const r = rng(42);
  const now = new Date().toISOString();
  const BATCH = 500;
  for (let i = 0; i < N; i += BATCH) {
    const rows = [];
    for (let j = 0; j < BATCH && i + j < N; j++) {
      const o = orgs[Math.floor(r() * orgs.length)];
      const ledger = LEDGERS[Math.floor(r() * LEDGERS.length)];
      const y = 2019 + Math.floor(r() * 5);
      const d = `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      const status = ['open', 'inProgress', 'done', 'closed'][Math.floor(r() * 4)];
      const title = `${['村务公开', '环境整治', '安全生产', '信访事项', '矛盾纠纷', '理论学习'][Math.floor(r() * 6)]}第${i + j}号`;
      rows.push({
        town_id: o.town_id!,
        org_id: o.id,
        org_path: o.path,
        ledger,
        kind: 'k',
        status,
        sub: null,
        flag: null,
        person: null,
        ref_org_id: null,
        date_on: d,
        due_on: d,
        done_on: null,
        date2: null,
        date3: null,
        n1: 1,
        n2: null,
        title,
        search: title,
        data: JSON.stringify({ title }),
        version: 1,
        created_at: now,
        created_by: null,
        updated_at: now,
        updated_by: null,
      });
    }
    await db.kysely.insertInto('records').values(rows).execute();
  }
}

export default async function run() {
  const url = process.env.DATABASE_URL;
  const file = '/tmp/luoshi-bench-1m.db';
  const fresh = process.env.BENCH_FRESH === '1';
  if (isPostgresUrl(url)) {
    await pgAdmin(url, ...(fresh ? ['drop schema if exists bench_list_1m cascade'] : []), 'create schema if not exists bench_list_1m');
  } else if (fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = await openDb(isPostgresUrl(url) ? { url, schema: 'bench_list_1m' } : { file });
  try {
    const t0 = Date.now();
    await build(db);
    const buildS = (Date.now() - t0) / 1000;
    // What autovacuum does on its own a little after a bulk load: statistics, and the visibility
    // map that lets PostgreSQL count from an index without visiting every row.
    if (db.dialect === 'postgres') await sql`vacuum analyze records`.execute(db.kysely);
    const town = (await getOrgByCode(db.kysely, 'B-T3'))!;
    const county = (await getOrgByCode(db.kysely, 'B'))!;
    const queries: ListQuery[] = [
      {},
      { status: 'open' },
      { from: '2022-01-01', to: '2022-12-31' },
      { q: '信访' },
      { page: 50 },
      { sort: 'title' },
      { status: 'done', from: '2021-01-01', to: '2023-12-31', page: 3 },
    ];
    // A town secretary (~6,000 records per ledger in scope) and the county reviewer (all 20
    // towns: ~125,000 per ledger).
    const measure = async (p: Principal) => {
      const times: number[] = [];
      for (let rep = 0; rep < 6; rep++) {
        for (const ledger of ['rectification', 'activity', 'petition']) {
          for (const q of queries) {
            const s = performance.now();
            await listRecords(db.kysely, p, ledger, { ...q, pageSize: 20 });
            if (rep > 0) times.push(performance.now() - s);
          }
        }
      }
      times.sort((a, b) => a - b);
      const pct = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))];
      return { p50: pct(0.5), p95: pct(0.95), max: times[times.length - 1] };
    };
    const t = await measure({ id: 1, username: 'bench', roles: ['secretary'], org: town });
    const c = await measure({ id: 2, username: 'bench-county', roles: ['countyReviewer'], org: county });
    const tag = db.dialect;
    return [
      { name: `${tag}: records in table`, value: N, unit: '' },
      { name: `${tag}: build (first run only)`, value: buildS, unit: 's' },
      { name: `${tag}: town secretary list p50 / p95 (target < 100)`, value: t.p95, unit: `ms p95 (p50 ${t.p50.toFixed(1)} ms, max ${t.max.toFixed(1)} ms)` },
      { name: `${tag}: county reviewer list p50 / p95 (target < 100)`, value: c.p95, unit: `ms p95 (p50 ${c.p50.toFixed(1)} ms, max ${c.max.toFixed(1)} ms)` },
    ];
  } finally {
    await db.close();
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.table(await run());
}
