/**
 * Alert work a write hands to the background worker instead of doing it on the request path,
 * and the read side's promise to see it: a write registers the town-wide recomputation it
 * caused here (./background.ts runs it in the worker thread), and the alert center's queries
 * first wait — without blocking the event loop — until the work queued before them is done.
 * So the alert center shows the effect of a person's own write, as when the write did the work
 * itself, while the write answers at once. See docs/alerts.md (计算时机). The queue is shared
 * with the metric snapshots' upkeep (src/util/offload.ts): waiting here waits for both.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { offloadWork, pendingWork, workSettled } from '../util/offload.ts';

/** The town-wide part of a write's recomputation: the rules reading `ledger`, over one town. */
export type TownWork = {
  townId: number;
  ledger?: string;
  date: string;
};

/**
 * Hand town-wide work to the worker, if this database has one: returns false when the caller
 * must do it itself. The work is tracked until done; its failure is logged, never thrown at
 * the writer (whose record is already stored).
 */
export function offloadTownWork(db: Kysely<Database>, w: TownWork): boolean {
  return offloadWork(db, { kind: 'town', ...w }, `alert recomputation after a write (town ${w.townId})`);
}

/** Background work (alerts and snapshots) still queued or running for this database. */
export function pendingTownWork(db: Kysely<Database>): number {
  return pendingWork(db);
}

/**
 * Wait until the work queued so far is done, at most `maxMs` (a county-wide run ahead of it in
 * the queue must not hold a page for long: then it shows what is stored and catches up later).
 */
export function alertWorkSettled(db: Kysely<Database>, maxMs = 5000): Promise<void> {
  return workSettled(db, maxMs);
}
