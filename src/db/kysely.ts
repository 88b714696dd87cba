import fs from 'node:fs';
import path from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { installCommitTail } from './commit-tail.ts';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseConnection,
  type Driver,
  type LogConfig,
  type Migration,
  type MigrationProvider,
} from 'kysely';
import type { Database } from './schema.ts';
import { migrations } from './migrations/index.ts';
import { loadKeyState } from '../crypto/state.ts';
import { isPostgresUrl, type DialectName } from './dialect.ts';
import { ReplicaDialect, ReplicaDriver, type ReplicaState } from './replica.ts';

export { isPostgresUrl, type DialectName };

export interface Db {
  kysely: Kysely<Database>;
  /**
   * For reads that tolerate a second of lag (dashboards, comparisons, exports): the PostgreSQL
   * read replica of DATABASE_READ_URL, falling back to the primary (./replica.ts); otherwise the
   * same object as `kysely`. Route handlers take it through src/server/read.ts.
   */
  read: Kysely<Database>;
  /** How the replica is doing, when there is one. */
  replica?: ReplicaState;
  dialect: DialectName;
  /** Human description (file path or masked URL). */
  where: string;
  close(): Promise<void>;
  /** The raw better-sqlite3 handle (SQLite only), for backup. */
  sqlite?: SQLite.Database;
  /** How it was opened: a background worker opens its own connection to the same database. */
  open: OpenOptions;
}

// pg returns bigint/numeric as strings: normalise here, once, for the whole process.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export interface OpenOptions {
  /** SQLite file path (or ':memory:'). */
  file?: string;
  /** PostgreSQL URL; wins over `file` when given. */
  url?: string;
  /** PostgreSQL schema (search_path), used by tests to isolate a run. */
  schema?: string;
  migrate?: boolean;
  /** PostgreSQL pool size (default LUOSHI_PG_POOL, else 20). */
  poolSize?: number;
  /** PostgreSQL streaming replica for lag-tolerant reads (DATABASE_READ_URL; docs/scale.md). */
  readUrl?: string;
  /** How long reads stay on the primary after the replica failed (ms; default 30 s). */
  replicaRetryMs?: number;
}

export class DatabaseOpenError extends Error {}

export async function openDb(opts: OpenOptions): Promise<Db> {
  let db: Db;
  if (isPostgresUrl(opts.url)) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      // Every request holds a connection for a few round trips; with 10, 200 sessions queued
      // for connections while PostgreSQL had cores to spare (docs/security.md, Load).
      max: opts.poolSize ?? (Number(process.env.LUOSHI_PG_POOL) || 20),
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // An idle connection ended by the server (a restart, a failover, pg_terminate_backend, a
    // database dropped WITH (FORCE)) is dropped from the pool; without a listener it would crash
    // the process. The next query opens a new connection.
    pool.on('error', (e) => console.warn(`PostgreSQL 连接被服务器断开，已从连接池移除：${e.message}`));
    installCommitTail(pool); // the audit chain's entries are appended at commit (./commit-tail.ts)
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: slowQueryLog() });
    const mask = (u: string) => u.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@');
    let read = kysely;
    let replica: ReplicaState | undefined;
    if (isPostgresUrl(opts.readUrl)) {
      const replicaPool = new pg.Pool({
        connectionString: opts.readUrl,
        max: opts.poolSize ?? (Number(process.env.LUOSHI_PG_POOL) || 20),
        // A replica host that does not answer must not hold a request: the primary takes over.
        connectionTimeoutMillis: 3000,
        ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
      });
      replicaPool.on('error', (e) => console.warn(`只读副本连接被服务器断开，已从连接池移除：${e.message}`));
      const driver = new ReplicaDriver(replicaPool, pool, opts.replicaRetryMs ?? (Number(process.env.LUOSHI_READ_RETRY_MS) || 30_000));
      read = new Kysely<Database>({ dialect: new ReplicaDialect(driver), log: slowQueryLog() });
      replica = driver.state;
    }
    db = {
      kysely,
      read,
      ...(replica ? { replica } : {}),
      dialect: 'postgres',
      where: mask(opts.url) + (replica && opts.readUrl ? `（只读副本：${mask(opts.readUrl)}）` : ''),
      close: async () => {
        if (read !== kysely) await read.destroy();
        await kysely.destroy();
      },
      open: opts,
    };
  } else {
    const file = opts.file ?? './data/luoshi.db';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    let handle: SQLite.Database;
    try {
      handle = new SQLite(file);
      if (file !== ':memory:') handle.pragma('journal_mode = WAL');
      handle.pragma('synchronous = NORMAL');
      // No busy wait inside SQLite: it would sleep on the event loop while the alert worker
      // holds the write lock. FairSqliteDialect retries a locked statement asynchronously.
      handle.pragma('busy_timeout = 0');
      // Read through a memory map and keep 64 MB of pages: a county's list or metrics touch
      // rows spread over the whole file, which the default 2 MB cache re-reads by system call.
      if (file !== ':memory:') handle.pragma('mmap_size = 1073741824');
      handle.pragma('cache_size = -65536');
      // Fails fast on a file that is not a database.
      handle.prepare('select count(*) from sqlite_master').get();
    } catch (e) {
      throw new DatabaseOpenError(`数据库文件无法打开或已损坏：${file}（${(e as Error).message}）`);
    }
    const kysely = new Kysely<Database>({ dialect: new FairSqliteDialect({ database: withStatementCache(handle) }), log: slowQueryLog() });
    db = { kysely, read: kysely, dialect: 'sqlite', where: file, sqlite: handle, close: () => kysely.destroy(), open: { ...opts, file } };
  }
  if (opts.migrate !== false) {
    await migrate(db);
    await loadKeyState(db.kysely); // which key this database writes with (src/crypto/state.ts)
  }
  return db;
}

/**
 * LUOSHI_SLOW_QUERY_MS=N writes every query slower than N ms to stderr (on SQLite that time holds
 * the event loop). LUOSHI_QUERY_STATS=FILE sums every query's time by SQL text and writes the
 * totals to FILE.<pid> (JSON, largest first) when the process exits: where a server's database time goes.
 */
function slowQueryLog(): LogConfig | undefined {
  const min = Number(process.env.LUOSHI_SLOW_QUERY_MS ?? 0);
  const statsFile = process.env.LUOSHI_QUERY_STATS;
  if (!min && !statsFile) return undefined;
  const stats = statsFile ? queryStats(statsFile) : undefined;
  return (e) => {
    if (stats) {
      const s = stats.get(e.query.sql) ?? stats.set(e.query.sql, { n: 0, ms: 0 }).get(e.query.sql)!;
      s.n++;
      s.ms += e.queryDurationMillis;
    }
    if (!min || e.queryDurationMillis < min) return;
    const text = e.query.sql.replace(/\s+/g, ' ').slice(0, 300);
    process.stderr.write(`slow query ${e.queryDurationMillis.toFixed(0)} ms${e.level === 'error' ? ' (failed)' : ''}: ${text}\n`);
  };
}

/** One table of query totals per process and thread, written to `file`.<pid> (a worker thread's with its id appended) on exit. */
let statsTable: Map<string, { n: number; ms: number }> | undefined;
function queryStats(file: string): Map<string, { n: number; ms: number }> {
  if (statsTable) return statsTable;
  const table = (statsTable = new Map());
  process.on('exit', () => {
    const rows = [...table].map(([sql, s]) => ({ ms: Math.round(s.ms), n: s.n, sql: sql.replace(/\s+/g, ' ').slice(0, 400) })).sort((a, b) => b.ms - a.ms);
    const name = `${file}.${process.pid}${isMainThread ? '' : `.thread-${threadId}`}`;
    fs.writeFileSync(name, JSON.stringify(rows, null, 1));
  });
  return table;
}

/**
 * Kysely's SQLite driver prepares every query anew; under load that is a tenth of the server's
 * CPU. Reuse prepared statements by SQL text (bounded; a statement still being iterated by a
 * stream is busy, so another one is prepared for that call).
 */
function withStatementCache(handle: SQLite.Database, max = 2000): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) return hit;
    const stmt = handle.prepare(sql);
    if (!hit) {
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return new Proxy(handle, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * SQLite has one connection; Kysely's driver guards it with a mutex that wakes every waiter
 * and lets the first to run win, so under load a query can be overtaken again and again (the
 * load test saw requests wait over 10 s while the median was 0.3 s). Hand the connection over
 * strictly in arrival order instead.
 *
 * better-sqlite3 answers synchronously, so a handover is only a resolved promise: a backlog of
 * queued queries would run as one chain of microtasks and the event loop would not read a
 * socket or fire a timer until the queue is empty (seconds after a stall, in the load test).
 * After SLICE_MS of such a chain the next handover waits for the event loop's next turn.
 *
 * Transactions begin IMMEDIATE: a background worker (src/alerts/background.ts) writes through
 * its own connection, and a deferred transaction that read before another connection
 * committed could not then write (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not retry).
 */
const SLICE_MS = 8;
/** How long a statement outside a transaction (or a BEGIN) retries while another connection writes. */
const BUSY_MS = 5000;

const isBusy = (e: unknown) => /^SQLITE_BUSY/.test(String((e as { code?: unknown }).code ?? ''));

/**
 * A connection whose statements, when another connection (the alert worker) holds the write
 * lock, wait for it asynchronously — 1, 2, then 4 ms between tries, up to BUSY_MS — instead of
 * SQLite's busy handler sleeping on the event loop. Only statements outside a transaction are
 * retried (BEGIN IMMEDIATE among them): inside one, the lock is already ours.
 *
 * `pause` is how the waiting is done: FairSqliteDialect lends the connection to the queries
 * queued behind meanwhile (reads do not need the write lock in WAL mode), so a write waiting for
 * the worker does not hold up every request behind it.
 */
function patientConnection(c: DatabaseConnection, handle: SQLite.Database, pause: (ms: number) => Promise<void>): DatabaseConnection {
  return {
    async executeQuery(q) {
      let waited = 0;
      for (let wait = 1; ; wait = Math.min(wait * 2, 4)) {
        try {
          return await c.executeQuery(q);
        } catch (e) {
          if (!isBusy(e) || handle.inTransaction || waited >= BUSY_MS) throw e;
          await pause(wait);
          waited += wait;
        }
      }
    },
    streamQuery: (q, chunkSize) => c.streamQuery(q, chunkSize),
  };
}

class FairSqliteDialect extends SqliteDialect {
  constructor(private readonly config: { database: SQLite.Database }) {
    super(config);
  }

  override createDriver(): Driver {
    const inner = super.createDriver();
    const handle = this.config.database;
    let patient: { raw: DatabaseConnection; wrapped: DatabaseConnection } | undefined;
    const waiting: (() => void)[] = [];
    let held = false;
    let sliceStart = -1;
    const sliced = () => {
      if (sliceStart < 0) {
        sliceStart = performance.now();
        setImmediate(() => (sliceStart = -1)); // runs once the loop has had its turn
        return false;
      }
      return performance.now() - sliceStart > SLICE_MS;
    };
    const handOver = () => {
      const next = waiting.shift();
      // Stays held: ownership passes straight to the next in line.
      if (next) {
        if (sliced()) setImmediate(next);
        else next();
      } else held = false;
    };
    async function release(c: DatabaseConnection): Promise<void> {
      await inner.releaseConnection(c === patient?.wrapped ? patient.raw : c);
      handOver();
    }
    /**
     * While the holder waits `ms` for another connection's write lock, the queries queued behind
     * it run; then it takes the connection back ahead of them. It is not in a transaction (only
     * such statements are retried), so nothing of its own is open on the connection meanwhile.
     */
    async function lend(ms: number): Promise<void> {
      await inner.releaseConnection(patient!.raw);
      handOver();
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (held) await new Promise<void>((resolve) => waiting.unshift(resolve));
      held = true;
      await inner.acquireConnection();
    }
    const compile = (
      c: DatabaseConnection,
      name: string,
      q: Parameters<NonNullable<Driver['savepoint']>>[2],
      op: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint',
    ) => inner[op]!(c, name, q);
    return {
      init: () => inner.init(),
      async acquireConnection() {
        if (held) await new Promise<void>((resolve) => waiting.push(resolve));
        held = true;
        const raw = await inner.acquireConnection();
        if (patient?.raw !== raw) patient = { raw, wrapped: patientConnection(raw, handle, lend) };
        return patient.wrapped;
      },
      releaseConnection: release,
      beginTransaction: (c: DatabaseConnection) => c.executeQuery(CompiledQuery.raw('begin immediate')).then(() => undefined),
      commitTransaction: (c: DatabaseConnection) => inner.commitTransaction(c),
      rollbackTransaction: (c: DatabaseConnection) => inner.rollbackTransaction(c),
      savepoint: (c, name, q) => compile(c, name, q, 'savepoint'),
      rollbackToSavepoint: (c, name, q) => compile(c, name, q, 'rollbackToSavepoint'),
      releaseSavepoint: (c, name, q) => compile(c, name, q, 'releaseSavepoint'),
      destroy: () => inner.destroy(),
    };
  }
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

async function migrator(db: Db): Promise<Migrator> {
  // Kysely looks for its migration tables in every schema unless told which one: on a server with
  // several Luoshi schemas (tests run in parallel, or a shared database) it would find another
  // schema's tables and skip creating its own. Pin them to the connection's current schema.
  const migrationTableSchema = db.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s : undefined;
  return new Migrator({ db: db.kysely, provider: new StaticProvider(), ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

/** Migrations already applied (with when) and those still to run, in name order. */
export async function migrationStatus(db: Db): Promise<{ applied: { name: string; at: Date }[]; pending: string[] }> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => ({ name: m.name, at: m.executedAt! })),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}

export async function migrate(db: Db): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new DatabaseOpenError(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Resolve the database from CLI flags and the environment. */
export function dbOptionsFromEnv(flags: { db?: string } = {}): OpenOptions {
  const url = process.env.DATABASE_URL;
  if (flags.db) return { file: flags.db };
  const readUrl = process.env.DATABASE_READ_URL;
  if (isPostgresUrl(url)) return isPostgresUrl(readUrl) ? { url, readUrl } : { url };
  return { file: process.env.LUOSHI_DB ?? './data/luoshi.db' };
}

/** Parse a JSON column: text on SQLite, already an object from jsonb on PostgreSQL. */
export function parseJson<T = any>(v: unknown): T {
  if (v == null) return {} as T;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export function nowIso(): string {
  return new Date().toISOString();
}
