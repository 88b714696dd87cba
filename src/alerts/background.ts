/**
 * Runs the heavy alert jobs (./jobs.ts) off the request path: in one long-lived worker thread
 * per database, with its own database connection, so that a county-wide run (seconds of
 * synchronous SQLite queries, or of parsing PostgreSQL's rows) or a write's town-wide
 * recomputation never holds the server's event loop. Jobs of one database run one at a time,
 * in order; a town job already waiting in the queue takes in later writes to the same town and
 * ledger instead of queueing again (so does a town's metric snapshot upkeep). An in-memory SQLite database cannot be opened twice, so
 * there (tests, `LUOSHI_ALERTS_WORKER=0`) a job runs in the server, yielding between towns.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/kysely.ts';
import { executeJob, type AlertJob, type JobResult } from './jobs.ts';
import { today } from '../shared/today.ts';
import { setBackgroundRunner, type Work } from '../util/offload.ts';
import type { TownWork } from './pending.ts';
import { mergeSnapshotWork, type SnapshotWork } from '../metrics/snapshots.ts';

export interface JobStatus {
  kind: AlertJob['kind'];
  date: string;
  where: 'worker' | 'inline';
  startedAt: string;
  /** Wall time of the job, the worker's start-up included when the job waited for it. */
  ms?: number;
  result?: JobResult;
  error?: string;
}

interface Thread {
  worker: Worker;
  ready: Promise<number>;
  booted: boolean;
  /** The thread's nice value once it is up (./worker-boot.mjs lowers it on Linux). */
  nice?: number;
  calls: Map<number, { resolve: (r: JobResult) => void; reject: (e: Error) => void }>;
}

interface State {
  chain: Promise<unknown>;
  running?: JobStatus;
  /** The last job of each kind (the daily run is not hidden by the writes' town jobs). */
  last: Map<AlertJob['kind'], JobStatus>;
  thread?: Thread;
  /** Town jobs queued and not yet started, by town|ledger|date. */
  queuedTown: Map<string, Promise<JobResult>>;
  /** The snapshot jobs among them (later writes' records are merged into a waiting one). */
  queuedSnapshots: Map<string, SnapshotWork>;
  /** When each town job last started (performance.now()), by the same key. */
  townStarted: Map<string, number>;
  closed: boolean;
  /** Writes' background work is routed to the worker (startAlertWorker has run). */
  routed: boolean;
  seq: number;
  done: number;
}

const states = new WeakMap<Db, State>();
const stateOf = (db: Db): State =>
  states.get(db) ??
  states
    .set(db, {
      chain: Promise.resolve(),
      last: new Map(),
      queuedTown: new Map(),
      queuedSnapshots: new Map(),
      townStarted: new Map(),
      closed: false,
      routed: false,
      seq: 0,
      done: 0,
    })
    .get(db)!;

/** Whether jobs on this database run in a worker thread. */
export function usesWorker(db: Db): boolean {
  if (process.env.LUOSHI_ALERTS_WORKER === '0') return false;
  return db.dialect === 'postgres' || (!!db.open.file && db.open.file !== ':memory:');
}

/**
 * For a server: start the worker now (its start-up overlaps the server's) and send the town-wide
 * recomputation after each write to it (./pending.ts). No-op where jobs run inline.
 */
export function startAlertWorker(db: Db): void {
  if (!usesWorker(db)) return;
  const s = stateOf(db);
  // Once: `luoshi serve` starts it before building the app, the scheduler again when it listens
  // (for apps built without the CLI: tests, the benches). A thread that died is started again
  // by the next job (threadOf).
  if (s.closed || s.routed) return;
  s.routed = true;
  const t = threadOf(db, s);
  // SQLite: from now on the worker checkpoints the log (worker.ts); until it is up, and if it
  // fails, the server's own connection does as before.
  if (db.sqlite)
    void t.ready.then(
      () => s.thread === t && db.sqlite!.pragma('wal_autocheckpoint = 0'),
      () => undefined,
    );
  const run = (w: Work) => {
    if (w.kind === 'snapshots') {
      const s = w as unknown as SnapshotWork;
      return runAlertJob(db, {
        kind: 'snapshots',
        townId: s.townId,
        ledgers: s.ledgers,
        periods: s.periods,
        ...(s.records ? { records: [...s.records] } : {}),
      });
    }
    const t = w as unknown as TownWork;
    return runAlertJob(db, { kind: 'town', townId: t.townId, ledger: t.ledger, date: t.date });
  };
  setBackgroundRunner(db.kysely, run);
  // A view on the read replica storing a quarter's snapshot: in the worker, on the primary.
  if (db.read !== db.kysely) setBackgroundRunner(db.read, run);
}

/** Resolves once the worker has started (at once where jobs run inline); for operators' checks and tests. */
export async function alertWorkerReady(db: Db): Promise<void> {
  const s = states.get(db);
  if (s?.thread) await s.thread.ready;
}

/** Queue a job behind the ones already queued for this database; resolves with its result. */
export function runAlertJob(db: Db, job: AlertJob): Promise<JobResult> {
  const s = stateOf(db);
  const townKey =
    job.kind === 'town'
      ? `${job.townId}|${job.ledger ?? '*'}|${job.date}`
      : job.kind === 'snapshots'
        ? `snapshots|${job.townId}|${job.ledgers?.join(',') ?? '*'}|${job.periods?.join(',') ?? ''}`
        : null;
  if (townKey) {
    const queued = s.queuedTown.get(townKey);
    if (queued) {
      // It has not started: it will see this write too (and recompute the quarters its records reach).
      const waiting = s.queuedSnapshots.get(townKey);
      if (waiting && job.kind === 'snapshots') mergeSnapshotWork(waiting, job);
      return queued;
    }
  }
  const enqueue = () => {
    const run = s.chain.catch(() => undefined).then(() => execute(db, s, job, townKey));
    s.chain = run;
    return run;
  };
  // A town's job starts at most once per townGapMs(): under a stream of writes to one town the
  // next job waits (out of the queue, so other jobs go ahead) and takes in every write meanwhile,
  // instead of the worker recomputing the town back to back and taking a core from the requests.
  const wait = townKey ? (s.townStarted.get(townKey) ?? -Infinity) + townGapMs() - performance.now() : 0;
  const run = wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)).then(enqueue) : enqueue();
  if (townKey) s.queuedTown.set(townKey, run);
  if (townKey && job.kind === 'snapshots') s.queuedSnapshots.set(townKey, job);
  return run;
}

/** LUOSHI_TOWN_JOB_GAP_MS, default 1000: the least time between two starts of one town's job. */
function townGapMs(): number {
  const raw = process.env.LUOSHI_TOWN_JOB_GAP_MS;
  const v = raw ? Number(raw) : NaN;
  return Number.isFinite(v) && v >= 0 ? v : 1000;
}

async function execute(db: Db, s: State, job: AlertJob, townKey: string | null): Promise<JobResult> {
  if (townKey) {
    s.queuedTown.delete(townKey);
    s.queuedSnapshots.delete(townKey);
    const now = performance.now();
    s.townStarted.set(townKey, now);
    // Keys carry the date: forget starts older than the gap, or a long-running server keeps one per town, ledger and day.
    if (s.townStarted.size > 1000) for (const [k, at] of s.townStarted) if (now - at > townGapMs()) s.townStarted.delete(k);
  }
  if (s.closed) throw new Error('服务正在关闭，预警计算未执行');
  const status: JobStatus = {
    kind: job.kind,
    date: 'date' in job ? job.date : today(),
    where: usesWorker(db) ? 'worker' : 'inline',
    startedAt: new Date().toISOString(),
  };
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
    s.last.set(job.kind, status);
    s.done++;
  }
}

/** The job in progress and the last one finished (for the operators' health view). */
export function alertJobStatus(db: Db): {
  running: JobStatus | null;
  last: JobStatus | null;
  lastTown: JobStatus | null;
  jobsDone: number;
  queuedTownJobs: number;
  workerNice: number | null;
} {
  const s = states.get(db);
  const last = s
    ? [s.last.get('all'), s.last.get('org')].filter((x): x is JobStatus => !!x).sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0]
    : undefined;
  return {
    running: s?.running ?? null,
    last: last ?? null,
    lastTown: s?.last.get('town') ?? null,
    jobsDone: s?.done ?? 0,
    queuedTownJobs: s?.queuedTown.size ?? 0,
    /** The worker thread's nice value (null: no worker, or not up yet); the server's own is unchanged. */
    workerNice: s?.thread?.nice ?? null,
  };
}

/** On shutdown: stop the worker (its open transaction rolls back) and refuse new jobs. */
export async function stopAlertJobs(db: Db): Promise<void> {
  const s = states.get(db);
  if (!s) return;
  s.closed = true;
  s.routed = false;
  setBackgroundRunner(db.kysely, null);
  setBackgroundRunner(db.read, null);
  const t = s.thread;
  s.thread = undefined;
  if (t) {
    // An idle worker is unref'd; its exit must still keep the process alive until it has come,
    // or a stopping server's loop can run dry while awaiting it (exit code 13, seen under load).
    t.worker.ref();
    await t.worker.terminate();
  }
  await s.chain.catch(() => undefined);
}

function threadOf(db: Db, s: State): Thread {
  if (s.thread) return s.thread;
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { open: db.open, createdAt: Date.now() } });
  const calls: Thread['calls'] = new Map();
  let markReady!: (ms: number) => void;
  let failBoot!: (e: Error) => void;
  const ready = new Promise<number>((resolve, reject) => ((markReady = resolve), (failBoot = reject)));
  ready.catch(() => undefined);
  const t: Thread = { worker, ready, booted: false, calls };
  s.thread = t;
  // Idle, the thread must not keep a process alive (a CLI command, a test); busy, it must.
  worker.unref();
  const fail = (e: Error) => {
    if (s.thread === t) s.thread = undefined; // the next job starts a new thread
    if (db.sqlite?.open) db.sqlite.pragma('wal_autocheckpoint = 1000'); // SQLite's default, back on the server
    failBoot(e);
    for (const c of calls.values()) c.reject(e);
    calls.clear();
  };
  worker.on(
    'message',
    (m: { type: 'ready'; bootMs: number; nice: number } | { type: 'done'; id: number; result: JobResult } | { type: 'failed'; id: number; error: string }) => {
      if (m.type === 'ready') {
        t.booted = true;
        t.nice = m.nice;
        return markReady(m.bootMs);
      }
      const c = calls.get(m.id);
      if (!c) return;
      calls.delete(m.id);
      if (!calls.size) worker.unref();
      if (m.type === 'done') c.resolve(m.result);
      else c.reject(new Error(m.error));
    },
  );
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`预警计算线程意外退出（${code}）`)));
  return t;
}

async function inWorker(db: Db, s: State, job: AlertJob): Promise<JobResult> {
  const t = threadOf(db, s);
  const waitedForBoot = !t.booted;
  const bootMs = await t.ready;
  const id = ++s.seq;
  const result = await new Promise<JobResult>((resolve, reject) => {
    t.calls.set(id, { resolve, reject });
    t.worker.ref();
    t.worker.postMessage({ type: 'job', id, job });
  });
  return waitedForBoot ? { ...result, bootMs } : result;
}
