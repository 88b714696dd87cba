/**
 * The background worker (a node:worker_threads thread, started by ./background.ts through
 * ./worker-boot.mjs): opens its own connection to the server's database, runs one alert job and
 * posts the result. On SQLite (WAL) it reads beside the server's connection and writes one town
 * per short transaction; the server's own writes wait for such a transaction (busy_timeout)
 * instead of failing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb, type OpenOptions } from '../db/kysely.ts';
import { executeJob, type AlertJob } from './jobs.ts';

const { open, job, createdAt } = workerData as { open: OpenOptions; job: AlertJob; createdAt: number };
/** The thread's start-up: loading the TypeScript modules. */
const bootMs = Date.now() - createdAt;
const db = await openDb({ ...open, migrate: false, poolSize: 2 });
try {
  const result = await executeJob(db.kysely, job);
  parentPort!.postMessage({ type: 'done', result: { ...result, bootMs, runMs: Date.now() - createdAt - bootMs } });
} catch (e) {
  parentPort!.postMessage({ type: 'failed', error: (e as Error).message });
} finally {
  await db.close();
}
