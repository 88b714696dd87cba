/**
 * Login time with the production password hash (scrypt N = 2^17, r = 8, p = 1): the real server
 * on a fresh database, 20 sequential logins through HTTP injection, and the event loop's
 * longest stall meanwhile (scrypt runs on the thread pool, so it should stay small).
 * Target: login under 300 ms on a quiet 2-core machine. It also prints the process's CPU time per
 * login, which other load on the machine does not inflate.
 *
 * Run directly, it starts itself once more with glibc's huge-page tunable where the server's
 * launchers set it (src/cli/hugepages.ts), so it measures what production runs;
 * LUOSHI_HUGEPAGES=off measures without.
 *
 *   npx tsx bench/login.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDb } from '../src/db/kysely.ts';
import { buildApp } from '../src/server/app.ts';
import { seedDemoAccounts, seedDemoOrgs, DEMO_PASSWORD } from '../src/demo/orgs.ts';
import { currentParams } from '../src/auth/password.ts';
import { hostFacts, hugepageEnv, hugepagesOn, rerun } from '../src/cli/hugepages.ts';

export default async function run(rounds = 20): Promise<{ name: string; value: number; unit: string }[]> {
  process.env.LUOSHI_SECRET ??= 'bench-secret';
  const { N } = currentParams();
  const db = await openDb({ file: ':memory:' });
  await seedDemoOrgs(db.kysely);
  await seedDemoAccounts(db.kysely);
  const app = await buildApp({ db, webDir: null, loginRateLimit: 10_000 });
  const times: number[] = [];
  const cpu: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  try {
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zuzhi', password: DEMO_PASSWORD } });
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode}`);
    }
  } finally {
    loop.disable();
    await app.close();
    await db.close();
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return [
    {
      name: `login, scrypt N=2^${Math.log2(N)}, malloc huge pages ${hugepagesOn() ? 'on' : 'off'} (median of ${rounds})`,
      value: times[Math.floor(rounds / 2)],
      unit: 'ms',
    },
    { name: 'login, slowest', value: times[rounds - 1], unit: 'ms' },
    // The whole process's CPU (every thread, scrypt's on the thread pool included): what a login
    // costs whatever else the machine is doing, beside the wall time that shows it.
    { name: 'login, CPU time of the process (median)', value: cpu[Math.floor(rounds / 2)], unit: `ms (min ${cpu[0].toFixed(1)} ms)` },
    { name: 'event loop, longest stall during logins', value: loop.max / 1e6, unit: 'ms' },
  ];
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
const hugepages = isMain ? hugepageEnv(process.env, hostFacts()) : null;
if (hugepages) {
  process.exitCode = await rerun(hugepages);
} else if (isMain) {
  run().then(
    (rs) => {
      for (const r of rs) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
