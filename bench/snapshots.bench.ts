/**
 * Benchmark: what metric snapshot upkeep (src/metrics/snapshots.ts, docs/scale.md "Metric
 * snapshots") adds to a single-record write. Goal (issue 16): ≤ 20 % of a write's latency.
 *
 * One write = a form's create or update of a 专项监督 record in a demo town of ~20,000 records
 * (scale 12), through the one write path (validation, insert, audit, after-write hooks); the
 * alert center's own after-write work is off (LUOSHI_ALERTS_ON_WRITE=0) so that the baseline is
 * the bare write and the percentages are the largest they can be. Both towns have snapshots of
 * `QUARTERS` quarters stored. Variants, interleaved round by round:
 *   none     — no snapshot upkeep (the hook replaced by a no-op);
 *   deferred — upkeep handed to the background worker, as in the server (the write path's part:
 *              queueing the job; the runner here only records it);
 *   inline   — upkeep done in the write, as without a worker (the CLI, an in-memory database);
 * and the upkeep job itself (what the worker does per write). Times are CPU (process.cpuUsage:
 * on PostgreSQL the client's share only) and wall, per write, medians of `ROUNDS` rounds.
 * The queueing alone is also timed in isolation (`handover`), free of the write's noise.
 * Run directly: NODE_OPTIONS=--expose-gc npx tsx bench/snapshots.bench.ts (BENCH_DIALECTS=sqlite|postgres).
 */
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { isPostgresUrl, openDb, type Db } from '../src/db/kysely.ts';
import { seedDemoOrgs } from '../src/demo/orgs.ts';
import { generateDemoRecords } from '../src/demo/generate.ts';
import { importItems } from '../src/ledger/import.ts';
import { createRecord, updateRecord } from '../src/ledger/operations.ts';
import { registerAfterWrite } from '../src/ledger/hooks.ts';
import { getOrgByCode } from '../src/org/service.ts';
import { refreshTownSnapshots, snapshotMetrics, upkeepAfterWrite } from '../src/metrics/snapshots.ts';
import { setBackgroundRunner } from '../src/util/offload.ts';
import type { Principal } from '../src/ledger/principal.ts';
import { pgAdmin } from './pg-admin.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const QUARTERS = ['2022Q4', '2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3'];
const ROUNDS = 9;
const WRITES = 20; // per variant and round: 10 creates, 10 updates (moving the date between quarters)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r2 = (x: number) => Math.round(x * 100) / 100;
/** With node --expose-gc (NODE_OPTIONS=--expose-gc), a collection between variants. */
const gc = (globalThis as { gc?: () => void }).gc;

type Variant = 'none' | 'deferred' | 'inline';

async function open(dialect: 'sqlite' | 'postgres'): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = await openDb({ file: ':memory:' });
    return { db, cleanup: () => db.close() };
  }
  const url = process.env.DATABASE_URL!;
  const schema = `bench_snap_${crypto.randomBytes(4).toString('hex')}`;
  await pgAdmin(url, `create schema ${schema}`);
  const db = await openDb({ url, schema });
  return { db, cleanup: async () => (await db.close(), await pgAdmin(url, `drop schema ${schema} cascade`)) };
}

async function benchDialect(dialect: 'sqlite' | 'postgres'): Promise<BenchResult[]> {
  process.env.LUOSHI_ALERTS_ON_WRITE = '0';
  const { db, cleanup } = await open(dialect);
  try {
    const towns = await seedDemoOrgs(db.kysely);
    const root = (await getOrgByCode(db.kysely, 'QH'))!;
    const p: Principal = { id: null, username: 'bench', roles: [], org: root, system: true };
    const lines = generateDemoRecords({ towns, year: 2023, seed: 2023, scale: 12 });
    const res = await importItems(
      db.kysely,
      p,
      lines.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    if (res.errors.length) throw new Error(JSON.stringify(res.errors.slice(0, 2)));
    const dh = (await getOrgByCode(db.kysely, 'QH-DH'))!;
    const np = (await getOrgByCode(db.kysely, 'QH-NP'))!;
    for (const q of QUARTERS) await snapshotMetrics(db.kysely, [dh.id, np.id], q);
    const records = Number(
      (
        await db.kysely
          .selectFrom('records')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('town_id', '=', dh.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

    let queued = 0;
    const use = (v: Variant) => {
      registerAfterWrite('*', 'metrics.snapshots', v === 'none' ? () => undefined : (c) => upkeepAfterWrite(c.db, c.writes));
      setBackgroundRunner(db.kysely, v === 'deferred' ? async () => void queued++ : null);
    };
    let n = 0;
    const writes = async () => {
      for (let i = 0; i < WRITES / 2; i++) {
        const rec = await createRecord(db.kysely, p, 'supervision', 'QH-DH', { title: `基准监督${n++}`, area: '安全生产', occurredOn: '2023-05-10' });
        await updateRecord(db.kysely, p, rec.id, { occurredOn: i % 2 ? '2023-11-11' : '2023-02-02' });
      }
    };
    const cpu: Record<Variant, number[]> = { none: [], deferred: [], inline: [] };
    const wall: Record<Variant, number[]> = { none: [], deferred: [], inline: [] };
    const order: Variant[] = ['none', 'deferred', 'inline'];
    for (const v of order) {
      use(v); // warm-up
      await writes();
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const v of round % 2 ? [...order].reverse() : order) {
        use(v);
        gc?.(); // one variant's garbage is not collected on the next one's time
        const t = performance.now();
        const u = process.cpuUsage();
        await writes();
        const d = process.cpuUsage(u);
        wall[v].push((performance.now() - t) / WRITES);
        cpu[v].push((d.user + d.system) / 1000 / WRITES);
      }
    }
    // The job the worker runs for one such write (its town, the ledger written).
    const job: number[] = [];
    const jobWall: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      const u = process.cpuUsage();
      await refreshTownSnapshots(db.kysely, dh.id, { ledgers: ['supervision'] });
      const d = process.cpuUsage(u);
      job.push((d.user + d.system) / 1000);
      jobWall.push(performance.now() - t);
    }
    // The deferred variant's own part in isolation: handing one write's upkeep to the worker.
    use('deferred');
    const w = [{ townId: dh.id, ledger: 'supervision', recordId: 1 }];
    const N = 20000;
    for (let i = 0; i < 1000; i++) await upkeepAfterWrite(db.kysely, w);
    const u0 = process.cpuUsage();
    for (let i = 0; i < N; i++) await upkeepAfterWrite(db.kysely, w);
    const handOver = process.cpuUsage(u0);
    use('inline');
    setBackgroundRunner(db.kysely, null);
    const m = (xs: number[]) => r2(median(xs));
    const pct = (a: number[], b: number[]) => r2(((median(a) - median(b)) / median(b)) * 100);
    const k = `${dialect}.snapshots`;
    return [
      { name: `${k}.town.records`, value: records, unit: `records, ${QUARTERS.length} quarters stored per town` },
      { name: `${k}.write.none.cpu`, value: m(cpu.none), unit: 'ms/write' },
      { name: `${k}.write.deferred.cpu`, value: m(cpu.deferred), unit: 'ms/write' },
      { name: `${k}.write.inline.cpu`, value: m(cpu.inline), unit: 'ms/write' },
      { name: `${k}.write.none.wall`, value: m(wall.none), unit: 'ms/write' },
      { name: `${k}.write.deferred.wall`, value: m(wall.deferred), unit: 'ms/write' },
      { name: `${k}.write.inline.wall`, value: m(wall.inline), unit: 'ms/write' },
      { name: `${k}.added.deferred.cpu`, value: pct(cpu.deferred, cpu.none), unit: '% (goal ≤ 20 %)' },
      { name: `${k}.added.inline.cpu`, value: pct(cpu.inline, cpu.none), unit: '% (goal ≤ 20 %)' },
      { name: `${k}.handover.cpu`, value: r2((handOver.user + handOver.system) / N), unit: 'µs per write (queueing the upkeep)' },
      { name: `${k}.job.cpu`, value: m(job), unit: 'ms per upkeep job (worker)' },
      { name: `${k}.job.wall`, value: m(jobWall), unit: 'ms per upkeep job (worker)' },
      { name: `${k}.jobs.queued`, value: queued, unit: 'jobs handed over' },
    ];
  } finally {
    delete process.env.LUOSHI_ALERTS_ON_WRITE;
    await cleanup();
  }
}

export default async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  if (process.env.BENCH_DIALECTS !== 'postgres') out.push(...(await benchDialect('sqlite')));
  if (isPostgresUrl(process.env.DATABASE_URL) && process.env.BENCH_DIALECTS !== 'sqlite') out.push(...(await benchDialect('postgres')));
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) console.log(`${r.name}\t${r.value} ${r.unit}`);
}
