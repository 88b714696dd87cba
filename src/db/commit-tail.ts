/**
 * Statements a transaction hands to its connection to be sent with its COMMIT, on PostgreSQL.
 *
 * Used by the audit chain (src/audit/log.ts; docs/security.md, Load, eighth round). Appenders of
 * the chain must take turns (each entry links to the one before it), so they hold an advisory
 * lock from reading the chain's head until their transaction ends. Taken inside the write, the
 * lock was held over the rest of it and four round trips, each waiting for a turn of a busy
 * event loop; every other write queued behind it while holding a pooled connection, and that
 * lock bounded the server's throughput. Instead the transaction hands its entries to the
 * connection (COMMIT_TAIL_ENTRY: no round trip), and at COMMIT the registered tail runs what it
 * must before (for the chain: take the lock and read the head, one round trip) and returns the
 * statements that go in the COMMIT's own query (the entries' INSERT). The lock is held for one
 * round trip.
 *
 * The change and its tail commit together or not at all: the tail's statements and the COMMIT
 * are one query string, and a statement that fails stops the rest (the caller rolls back).
 */
import type pg from 'pg';

/** The statement that hands an entry (its one parameter) to the connection. Not a real function:
 *  on a connection without the tail (not opened by openDb) it fails instead of losing the entry. */
export const COMMIT_TAIL_ENTRY = 'select luoshi_commit_tail_needs_a_connection_from_open_db()';

/** Runs one query string on the transaction's connection (several statements: several results). */
export type RunQuery = (text: string) => Promise<pg.QueryResult[]>;
/** An SQL literal for a value (null, a safe integer or a string). */
export type Literal = (v: unknown) => string;
/** Given the transaction's entries in order, what to send in the COMMIT's query before COMMIT. */
export type CommitTail = (entries: unknown[], run: RunQuery, literal: Literal) => Promise<string>;

let tail: CommitTail | undefined;

/** The one tail (the audit chain registers it when loaded). */
export function setCommitTail(fn: CommitTail): void {
  tail = fn;
}

const NO_ROWS = { command: 'SELECT', rowCount: 0, oid: 0, fields: [], rows: [] } as unknown as pg.QueryResult;

/** Give every connection the pool opens the commit-time tail. */
export function installCommitTail(pool: pg.Pool): void {
  pool.on('connect', (client) => attach(client));
}

function attach(client: pg.PoolClient): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  let pending: unknown[] = [];
  client.query = ((...args: unknown[]) => {
    const text = args[0];
    if (typeof text === 'string') {
      if (text === COMMIT_TAIL_ENTRY) {
        pending.push((args[1] as unknown[])[0]);
        return Promise.resolve(NO_ROWS);
      }
      if (text === 'commit' && pending.length > 0) {
        const entries = pending;
        pending = [];
        return commitWith(client, original as (text: string) => Promise<pg.QueryResult | pg.QueryResult[]>, entries);
      }
      if (text === 'begin' || text === 'rollback' || text.startsWith('start transaction')) pending = [];
      else if (pending.length > 0 && /^rollback to/i.test(text))
        // A savepoint rolled back would have to take its entries with it; nothing uses one with audit.
        return Promise.reject(new Error('commit-tail entries pending: rolling back to a savepoint is not supported'));
    }
    return original(...args);
  }) as typeof client.query;
}

async function commitWith(
  client: pg.PoolClient,
  query: (text: string) => Promise<pg.QueryResult | pg.QueryResult[]>,
  entries: unknown[],
): Promise<pg.QueryResult> {
  if (!tail) throw new Error('commit-tail entries pending but no tail registered');
  const run: RunQuery = async (text) => {
    const r = await query(text);
    return Array.isArray(r) ? r : [r];
  };
  const literal: Literal = (v) => {
    if (v == null) return 'null';
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'string') return client.escapeLiteral(v);
    throw new Error(`commit-tail value of type ${typeof v}`);
  };
  const before = await tail(entries, run, literal);
  const done = await run(`${before}; commit`);
  return done[done.length - 1];
}
