/**
 * The background worker (a node:worker_threads thread, started once per database by
 * ./background.ts through ./worker-boot.mjs): opens its own connection to the server's database
 * and runs the alert jobs it is sent, one at a time, posting each result. It lives as long as
 * the server (loading the modules costs seconds, so it is not started per job). On SQLite (WAL)
 * it reads beside the server's connection and writes one town per short transaction; the
 * server's writes wait for such a transaction without holding their event loop (src/db/kysely.ts).
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDb, type OpenOptions } from '../db/kysely.ts';
import { executeJob, type AlertJob } from './jobs.ts';

/** How often the log is copied into the database (SQLite). */
const CHECKPOINT_MS = 1000;

type Message = { type: 'job'; id: number; job: AlertJob };

const { open, createdAt } = workerData as { open: OpenOptions; createdAt: number };

const db = await openDb({ ...open, migrate: false, poolSize: 2 });
const port = parentPort!;
/** The thread's start-up (loading the TypeScript modules, opening the database) and its nice value (./worker-boot.mjs). */
port.postMessage({ type: 'ready', bootMs: Date.now() - createdAt, nice: os.getPriority() });

/**
 * SQLite: the server leaves checkpoints to this thread (background.ts turns its connection's
 * automatic checkpoint off once this thread is up). Copying the write-ahead log into the
 * database and syncing the file takes tens to hundreds of milliseconds after a large write, and
 * on the server it would hold the event loop. A PASSIVE checkpoint waits for no reader or writer.
 */
if (db.sqlite) {
  const sqlite = db.sqlite;
  setInterval(() => {
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy with another checkpoint: the next tick does it
    }
  }, CHECKPOINT_MS).unref();
}

let queue = Promise.resolve();
port.on('message', (m: Message) => {
  queue = queue.then(async () => {
    const t0 = Date.now();
    try {
      const result = await executeJob(db.kysely, m.job);
      port.postMessage({ type: 'done', id: m.id, result: { ...result, runMs: Date.now() - t0 } });
    } catch (e) {
      port.postMessage({ type: 'failed', id: m.id, error: (e as Error).message });
    }
  });
});
