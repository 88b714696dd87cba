/**
 * The audit chain's tail on PostgreSQL: entries are appended when their transaction commits.
 *
 * Appenders must take turns (each entry links to the one before it), so they hold an advisory
 * lock from reading the chain's head until their transaction ends. Taken inside audit(), the
 * lock was held over the rest of the write and four round trips, each waiting for a turn of a
 * busy event loop; every other write of the county queued behind it while holding a pooled
 * connection, and that lock bounded the server's throughput (docs/security.md, Load, eighth
 * round). Instead audit() on PostgreSQL hands its entry to the connection (AUDIT_ENTRY: no round
 * trip), and at COMMIT the connection sends two statements in one round trip — take the lock,
 * read the head — then the transaction's entries and the COMMIT in another. The lock is held for
 * one round trip. An entry is therefore stamped with its commit time and follows, in the chain,
 * every entry committed before it.
 *
 * Each transaction still commits its change and its entries together or not at all: the
 * entries are part of the COMMIT's query, and a failed INSERT stops the COMMIT (a query string's
 * later statements do not run after an error; the caller rolls back).
 */
import type pg from 'pg';
import { AUDIT_LOCK, entryHash, GENESIS, type ChainRow } from './chain.ts';

/** The statement audit() sends with its entry as the parameter. Not a real function: on a
 *  connection without the tail (not opened by openDb) it fails instead of losing the entry. */
export const AUDIT_ENTRY = 'select luoshi_audit_entry_needs_the_chain_tail()';

/** An entry before it joins the chain: its time and link are set at commit. */
export type PendingEntry = Omit<ChainRow, 'at' | 'prev_hash'>;

const COLUMNS = ['at', 'actor_id', 'actor', 'action', 'entity', 'entity_id', 'town_id', 'before', 'after', 'note', 'ip', 'prev_hash', 'hash_alg'] as const;

const NO_ROWS = { command: 'SELECT', rowCount: 0, oid: 0, fields: [], rows: [] } as unknown as pg.QueryResult;

type Query = (text: string) => Promise<pg.QueryResult | pg.QueryResult[]>;

/** Give every connection the pool opens the commit-time tail. */
export function installChainTail(pool: pg.Pool): void {
  pool.on('connect', (client) => attach(client));
}

function attach(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const query = original as Query;
  let pending: PendingEntry[] = [];
  client.query = ((...args: unknown[]) => {
    const text = args[0];
    if (typeof text === 'string') {
      if (text === AUDIT_ENTRY) {
        pending.push((args[1] as unknown[])[0] as PendingEntry);
        return Promise.resolve(NO_ROWS);
      }
      if (text === 'commit' && pending.length > 0) {
        const entries = pending;
        pending = [];
        return commitWith(client, query, entries);
      }
      if (text === 'begin' || text === 'rollback' || text.startsWith('start transaction')) pending = [];
      else if (pending.length > 0 && /^rollback to/i.test(text))
        // A savepoint rolled back would have to take its entries with it; nothing uses one with audit.
        return Promise.reject(new Error('audit entries pending: rolling back to a savepoint is not supported'));
    }
    return original(...args);
  }) as typeof client.query;
}

async function commitWith(client: pg.PoolClient, query: Query, entries: PendingEntry[]): Promise<pg.QueryResult> {
  // One round trip, two statements; under READ COMMITTED the second reads after the lock is granted.
  const head = (await query(`select pg_advisory_xact_lock(${AUDIT_LOCK}); select hash from audit_log order by id desc limit 1`)) as pg.QueryResult[];
  let prev = (head[1].rows[0] as { hash: string } | undefined)?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const lit = (v: unknown): string => {
    if (v == null) return 'null';
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'string') return client.escapeLiteral(v);
    throw new Error(`audit entry value of type ${typeof v}`);
  };
  const values = entries.map((e) => {
    const row: ChainRow = { ...e, hash_alg: e.hash_alg ?? null, at, prev_hash: prev };
    prev = entryHash(row);
    return `(${COLUMNS.map((c) => lit(row[c])).join(', ')}, ${lit(prev)})`;
  });
  const done = (await query(`insert into audit_log (${COLUMNS.join(', ')}, hash) values ${values.join(', ')}; commit`)) as pg.QueryResult[];
  return done[done.length - 1];
}
