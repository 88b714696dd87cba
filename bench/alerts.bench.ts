/**
 * Benchmark: alerts for a 20-town county (the demo county seeded with scale 10), computed as
 * of the end of the demo year with every rule, then stored in the alert center; also the
 * per-write recomputation of one record. Target: the county under 5 s.
 * Run directly: npx tsx bench/alerts.bench.ts  (LUOSHI_BENCH_DB=path reuses a seeded SQLite file)
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openDb, type Db } from '../src/db/kysely.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { getOrgByCode } from '../src/org/service.ts';
import { computeFindings } from '../src/alerts/engine.ts';
import { recomputeForRecord, recomputeOrg } from '../src/alerts/service.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const DATE = '2023-12-31';
const round = (ms: number) => Math.round(ms);

async function county(): Promise<{ db: Db; seedMs: number }> {
  process.env.LUOSHI_SECRET ??= 'bench-secret-not-for-production';
  const file = process.env.LUOSHI_BENCH_DB;
  if (file && fs.existsSync(file)) return { db: await openDb({ file }), seedMs: 0 };
  const db = await openDb({ file: file ?? ':memory:' });
  const t0 = performance.now();
  await seedDemo(db, { scale: 10, accounts: false, year: 2023 });
  return { db, seedMs: performance.now() - t0 };
}

export default async function run(): Promise<BenchResult[]> {
  const { db, seedMs } = await county();
  try {
    const root = (await getOrgByCode(db.kysely, 'QH'))!;
    const towns = await db.kysely
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'town')
      .executeTakeFirstOrThrow();
    const records = await db.kysely
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const timings: Record<string, number> = {};
    const t1 = performance.now();
    const findings = await computeFindings(db.kysely, root, DATE, { timings });
    const compute = performance.now() - t1;
    const t2 = performance.now();
    const first = await recomputeOrg(db.kysely, root, DATE);
    const storeFirst = performance.now() - t2;
    const t3 = performance.now();
    await recomputeOrg(db.kysely, root, DATE);
    const storeAgain = performance.now() - t3;
    const rect = await db.kysely.selectFrom('records').select(['id', 'town_id']).where('ledger', '=', 'rectification').limit(1).executeTakeFirstOrThrow();
    const t4 = performance.now();
    await recomputeForRecord(db.kysely, 'rectification', rect.town_id, rect.id, DATE);
    const perWrite = performance.now() - t4;
    const slowest = Object.entries(timings)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3);
    return [
      { name: 'alerts.county20.towns', value: Number(towns.n), unit: 'towns' },
      { name: 'alerts.county20.records', value: Number(records.n), unit: 'records' },
      { name: 'alerts.county20.findings', value: findings.length, unit: 'alerts' },
      { name: 'alerts.county20.compute', value: round(compute), unit: 'ms' },
      { name: 'alerts.county20.computeAndStore.first', value: round(storeFirst), unit: 'ms' },
      { name: 'alerts.county20.computeAndStore.again', value: round(storeAgain), unit: 'ms' },
      { name: 'alerts.county20.stored', value: first.total, unit: 'alerts' },
      { name: 'alerts.perWrite.rectification', value: round(perWrite), unit: 'ms' },
      ...slowest.map(([rule, ms]) => ({ name: `alerts.county20.rule.${rule}`, value: round(ms), unit: 'ms' })),
      ...(seedMs ? [{ name: 'alerts.county20.seed', value: round(seedMs / 1000), unit: 's' }] : []),
    ];
  } finally {
    await db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(`${r.name}\t${r.value} ${r.unit}`);
}
