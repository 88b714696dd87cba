/**
 * Alert work a write hands to the background worker instead of doing it on the request path,
 * and the read side's promise to see it: a write registers the town-wide recomputation it
 * caused here (./background.ts runs it in the worker thread), and the alert center's queries
 * first wait — without blocking the event loop — until the work queued before them is done.
 * So the alert center shows the effect of a person's own write, as when the write did the work
 * itself, while the write answers at once. See docs/alerts.md (计算时机).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The town-wide part of a write's recomputation: the rules reading `ledger`, over one town. */
export interface TownWork {
  townId: number;
  ledger?: string;
  date: string;
}

type Offload = (w: TownWork) => Promise<unknown>;

const offloads = new WeakMap<Kysely<Database>, Offload>();
const inFlight = new WeakMap<Kysely<Database>, Set<Promise<unknown>>>();

/** Route this database's town-wide recomputations to `run` (the worker), or back inline (null). */
export function setOffload(db: Kysely<Database>, run: Offload | null): void {
  if (run) offloads.set(db, run);
  else offloads.delete(db);
}

/**
 * Hand town-wide work to the worker, if this database has one: returns false when the caller
 * must do it itself. The work is tracked until done; its failure is logged, never thrown at
 * the writer (whose record is already stored).
 */
export function offloadTownWork(db: Kysely<Database>, w: TownWork): boolean {
  const run = offloads.get(db);
  if (!run) return false;
  const set = inFlight.get(db) ?? inFlight.set(db, new Set()).get(db)!;
  const p: Promise<unknown> = run(w)
    .catch((e: Error) => process.stderr.write(`alert recomputation after a write failed (town ${w.townId}): ${e.message}\n`))
    .finally(() => set.delete(p));
  set.add(p);
  return true;
}

/** Town-wide work still queued or running for this database. */
export function pendingTownWork(db: Kysely<Database>): number {
  return inFlight.get(db)?.size ?? 0;
}

/**
 * Wait until the work queued so far is done, at most `maxMs` (a county-wide run ahead of it in
 * the queue must not hold a page for long: then it shows what is stored and catches up later).
 */
export async function alertWorkSettled(db: Kysely<Database>, maxMs = 5000): Promise<void> {
  const set = inFlight.get(db);
  if (!set?.size) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled([...set]), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)))]);
  clearTimeout(timer);
}
