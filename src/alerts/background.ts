/**
 * Runs the heavy alert jobs (./jobs.ts) off the request path: in a worker thread with its own
 * database connection, so that a county-wide run (seconds of synchronous SQLite queries, or
 * of parsing PostgreSQL's rows) never holds the server's event loop. Jobs of one database run
 * one at a time, in order. An in-memory SQLite database cannot be opened twice, so there (tests,
 * `LUOSHI_ALERTS_WORKER=0`) the job runs in the server, yielding between rules and towns.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/kysely.ts';
import { executeJob, type AlertJob, type JobResult } from './jobs.ts';

export interface JobStatus {
  kind: AlertJob['kind'];
  date: string;
  where: 'worker' | 'inline';
  startedAt: string;
  /** Wall time of the job, start-up of the worker included. */
  ms?: number;
  result?: JobResult;
  error?: string;
}

interface State {
  chain: Promise<unknown>;
  running?: JobStatus;
  last?: JobStatus;
  workers: Set<Worker>;
  closed: boolean;
}

const states = new WeakMap<Db, State>();
const stateOf = (db: Db): State => states.get(db) ?? states.set(db, { chain: Promise.resolve(), workers: new Set(), closed: false }).get(db)!;

/** Whether jobs on this database run in a worker thread. */
export function usesWorker(db: Db): boolean {
  if (process.env.LUOSHI_ALERTS_WORKER === '0') return false;
  return db.dialect === 'postgres' || (!!db.open.file && db.open.file !== ':memory:');
}

/** Queue a job behind the ones already queued for this database; resolves with its result. */
export function runAlertJob(db: Db, job: AlertJob): Promise<JobResult> {
  const s = stateOf(db);
  const run = s.chain.catch(() => undefined).then(async () => {
    if (s.closed) throw new Error('服务正在关闭，预警计算未执行');
    const status: JobStatus = { kind: job.kind, date: job.date, where: usesWorker(db) ? 'worker' : 'inline', startedAt: new Date().toISOString() };
    s.running = status;
    const t0 = performance.now();
    try {
      status.result = status.where === 'worker' ? await inWorker(db, s, job) : await executeJob(db.kysely, job);
      return status.result;
    } catch (e) {
      status.error = (e as Error).message;
      throw e;
    } finally {
      status.ms = Math.round(performance.now() - t0);
      s.running = undefined;
      s.last = status;
    }
  });
  s.chain = run;
  return run;
}

/** The job in progress and the last one finished (for the operators' health view). */
export function alertJobStatus(db: Db): { running: JobStatus | null; last: JobStatus | null } {
  const s = states.get(db);
  return { running: s?.running ?? null, last: s?.last ?? null };
}

/** On shutdown: stop a running worker (its open transaction rolls back) and refuse new jobs. */
export async function stopAlertJobs(db: Db): Promise<void> {
  const s = states.get(db);
  if (!s) return;
  s.closed = true;
  await Promise.all([...s.workers].map((w) => w.terminate()));
  await s.chain.catch(() => undefined);
}

function inWorker(db: Db, s: State, job: AlertJob): Promise<JobResult> {
  return new Promise<JobResult>((resolve, reject) => {
    const w = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { open: db.open, job, createdAt: Date.now() } });
    s.workers.add(w);
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      s.workers.delete(w);
      f();
    };
    w.on('message', (m: { type: 'done'; result: JobResult } | { type: 'failed'; error: string }) => {
      if (m.type === 'done') settle(() => resolve(m.result));
      else if (m.type === 'failed') settle(() => reject(new Error(m.error)));
    });
    w.on('error', (e) => settle(() => reject(e)));
    w.on('exit', (code) => settle(() => reject(new Error(`预警计算线程意外退出（${code}）`))));
  });
}
