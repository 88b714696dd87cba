import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * A town's live metrics, remembered per ledger (docs/scale.md, "Live metrics and their cache").
 *
 * The database keeps a change stamp per (town, ledger) that triggers replace on every insert,
 * update and delete of a record, whoever writes it, and one for the orgs (migration
 * 2026-12-04T0100_ledger_versions). A computation reads the stamps first, then recomputes only
 * the ledgers whose stamp differs from the one its remembered values were computed under: a
 * write to 问题整改 recomputes that ledger's scan, not the town's twenty others. Reading the
 * stamps before the records makes a race harmless: values computed from newer records are
 * filed under the older stamp and recomputed on the next request, never the reverse.
 *
 * One cache per Kysely instance (the primary, a read replica and a worker thread each have
 * their own), bounded, least recently used out first. Never inside a transaction (./engine.ts).
 * On PostgreSQL the triggers run at commit (deferred), so a stamp's row is locked only then.
 */
const MAX_ENTRIES = 4000;

interface Entry {
  stamp: string;
  /** Period id → metric id → value. */
  values: Map<string, Map<string, number>>;
}

const caches = new WeakMap<Kysely<Database>, Map<string, Entry>>();

export interface LedgerStamps {
  /** The stamp a ledger's values of this town are valid under. */
  of(ledger: string): string;
}

/** The change stamps of a town's ledgers (and of the orgs), read before any record is. */
export async function ledgerStamps(db: Kysely<Database>, townId: number): Promise<LedgerStamps> {
  const rows = await db.selectFrom('ledger_versions').select(['town_id', 'ledger', 'version']).where('town_id', 'in', [townId, 0]).execute();
  const orgs = rows.find((r) => r.town_id === 0 && r.ledger === '*')?.version ?? 0;
  const byLedger = new Map(rows.filter((r) => r.town_id === townId).map((r) => [r.ledger, String(r.version)]));
  return { of: (ledger) => `${byLedger.get(ledger) ?? 0}/${orgs}` };
}

function cacheOf(db: Kysely<Database>): Map<string, Entry> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

/** Remembered values of one key if still valid under `stamp` (and marks them recently used). */
export function remembered(db: Kysely<Database>, key: string, stamp: string): Map<string, Map<string, number>> | undefined {
  const c = cacheOf(db);
  const e = c.get(key);
  if (!e) return undefined;
  c.delete(key);
  if (e.stamp !== stamp) return undefined;
  c.set(key, e);
  return e.values;
}

export function remember(db: Kysely<Database>, key: string, stamp: string, values: Map<string, Map<string, number>>): void {
  const c = cacheOf(db);
  c.delete(key);
  c.set(key, { stamp, values });
  while (c.size > MAX_ENTRIES) c.delete(c.keys().next().value as string);
}
