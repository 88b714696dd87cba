/**
 * Work a write hands to a background worker instead of doing it on the request path, keyed by
 * database handle: the alert center's town-wide recomputation (src/alerts/pending.ts) and the
 * metric snapshots' upkeep (src/metrics/snapshots.ts). The server routes them to its worker
 * thread (src/alerts/background.ts); where there is none (the CLI, an in-memory database) the
 * caller does the work itself. Readers may wait until the work queued before them is done.
 */

/** A piece of background work: a plain object (it crosses a thread), told apart by `kind`. */
export type Work = { kind: string } & Record<string, unknown>;

type Run = (w: Work) => Promise<unknown>;

const runs = new WeakMap<object, Run>();
const inFlight = new WeakMap<object, Set<Promise<unknown>>>();

/** Route this database's background work to `run` (the worker), or back inline (null). */
export function setBackgroundRunner(db: object, run: Run | null): void {
  if (run) runs.set(db, run);
  else runs.delete(db);
}

/**
 * Hand work to the worker, if this database has one: returns false when the caller must do it
 * itself. The work is tracked until done; its failure is logged (as `what`), never thrown at the
 * writer, whose record is already stored.
 */
export function offloadWork(db: object, w: Work, what: string): boolean {
  const run = runs.get(db);
  if (!run) return false;
  const set = inFlight.get(db) ?? inFlight.set(db, new Set()).get(db)!;
  const p: Promise<unknown> = run(w)
    .catch((e: Error) => process.stderr.write(`${what} failed: ${e.message}\n`))
    .finally(() => set.delete(p));
  set.add(p);
  return true;
}

/** Background work still queued or running for this database. */
export function pendingWork(db: object): number {
  return inFlight.get(db)?.size ?? 0;
}

/**
 * Wait until the work queued so far is done, at most `maxMs` (a county-wide run ahead of it in
 * the queue must not hold a page for long: then it shows what is stored and catches up later).
 */
export async function workSettled(db: object, maxMs = 5000): Promise<void> {
  const set = inFlight.get(db);
  if (!set?.size) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled([...set]), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)))]);
  clearTimeout(timer);
}
