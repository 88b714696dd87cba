/**
 * Reads that tolerate a second of lag (dashboards, comparisons, exports) on a PostgreSQL
 * streaming replica, `DATABASE_READ_URL` (docs/scale.md). A Kysely driver over two pools:
 *
 * - a statement outside a transaction runs on the replica, on a connection taken for that one
 *   statement;
 * - a transaction runs on the primary from its `begin` (a read path that turns out to write,
 *   such as seeding default indicators on first use, stays correct);
 * - a statement the replica cannot run — the replica is down or restarting (connection refused,
 *   terminated, not yet accepting connections), it refused a write (read-only), or it cancelled
 *   the query for a recovery conflict — runs again on the primary. Connection failures mark the
 *   replica down for a while (one warning, then reads go to the primary until it is retried).
 */
import pg from 'pg';
import { CompiledQuery, PostgresDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

export interface ReplicaState {
  /** Until when (ms since epoch) reads go to the primary; 0 when the replica is in use. */
  downUntil: number;
  /** Why it was last given up, for the health view. */
  lastError: string | null;
  /** Statements run on the replica / sent to the primary instead, since the start. */
  served: number;
  fellBack: number;
}

/** SQLSTATEs and socket errors after which the statement is run on the primary. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
function classify(e: unknown): 'down' | 'retry' | null {
  const code = String((e as { code?: unknown })?.code ?? '');
  const msg = String((e as Error)?.message ?? '');
  if (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down)/i.test(
      msg,
    )
  )
    return 'down';
  // 25006: read-only transaction (a write sent to the replica); 40001: canceled for a conflict with recovery.
  if (code === '25006' || code === '40001') return 'retry';
  return null;
}

export class ReplicaDriver implements Driver {
  readonly state: ReplicaState = { downUntil: 0, lastError: null, served: 0, fellBack: 0 };
  private readonly replica: Driver;
  readonly primary: Driver;

  constructor(
    readonly replicaPool: pg.Pool,
    primaryPool: pg.Pool,
    private readonly retryMs: number,
    private readonly warn: (msg: string) => void = (m) => console.warn(m),
  ) {
    this.replica = new PostgresDialect({ pool: replicaPool }).createDriver();
    this.primary = new PostgresDialect({ pool: primaryPool }).createDriver();
  }

  async init(): Promise<void> {
    await this.replica.init();
    await this.primary.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new ReadConnection(this);
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    await (c as ReadConnection).unpin();
  }

  /** A transaction runs on the primary, on one connection from `begin` to commit or rollback. */
  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const rc = c as ReadConnection;
    rc.pinned = await this.primary.acquireConnection();
    await this.primary.beginTransaction(rc.pinned, settings);
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const rc = c as ReadConnection;
    try {
      await this.primary.commitTransaction(rc.pinned!);
    } finally {
      await rc.unpin();
    }
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const rc = c as ReadConnection;
    try {
      await this.primary.rollbackTransaction(rc.pinned!);
    } finally {
      await rc.unpin();
    }
  }

  async savepoint(c: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.primary.savepoint!((c as ReadConnection).pinned!, name, compile);
  }

  async rollbackToSavepoint(c: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.primary.rollbackToSavepoint!((c as ReadConnection).pinned!, name, compile);
  }

  async releaseSavepoint(c: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.primary.releaseSavepoint!((c as ReadConnection).pinned!, name, compile);
  }

  /** Only the replica's pool: the primary's belongs to the primary's Kysely. */
  async destroy(): Promise<void> {
    await this.replica.destroy();
  }

  /** Run one statement on the primary (a connection for that statement). */
  async onPrimary<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    this.state.fellBack++;
    const c = await this.primary.acquireConnection();
    try {
      return await c.executeQuery<R>(q);
    } finally {
      await this.primary.releaseConnection(c);
    }
  }

  /** Run one statement on the replica, or on the primary when the replica cannot. */
  async run<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (Date.now() < this.state.downUntil) return this.onPrimary<R>(q);
    let c: DatabaseConnection;
    try {
      c = await this.replica.acquireConnection();
    } catch (e) {
      this.markDown(e);
      return this.onPrimary<R>(q);
    }
    try {
      const r = await c.executeQuery<R>(q);
      this.state.served++;
      return r;
    } catch (e) {
      const kind = classify(e);
      if (!kind) throw e;
      if (kind === 'down') this.markDown(e);
      return this.onPrimary<R>(q);
    } finally {
      await this.replica.releaseConnection(c).catch(() => undefined);
    }
  }

  async *stream<R>(q: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    const useReplica = Date.now() >= this.state.downUntil;
    let c: DatabaseConnection | undefined;
    if (useReplica) {
      try {
        c = await this.replica.acquireConnection();
      } catch (e) {
        this.markDown(e);
      }
    }
    const driver = c ? this.replica : this.primary;
    c ??= await this.primary.acquireConnection();
    try {
      yield* c.streamQuery<R>(q, chunkSize);
    } finally {
      await driver.releaseConnection(c).catch(() => undefined);
    }
  }

  private markDown(e: unknown): void {
    const first = this.state.downUntil === 0 || Date.now() >= this.state.downUntil;
    this.state.downUntil = Date.now() + this.retryMs;
    this.state.lastError = (e as Error)?.message ?? String(e);
    if (first) this.warn(`只读副本（DATABASE_READ_URL）不可用，读取暂改由主库承担，${Math.round(this.retryMs / 1000)} 秒后再试：${this.state.lastError}`);
  }
}

class ReadConnection implements DatabaseConnection {
  /** The primary's connection while a transaction is open on it. */
  pinned: DatabaseConnection | undefined;

  constructor(private readonly d: ReplicaDriver) {}

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.pinned) return this.pinned.executeQuery<R>(q);
    return this.d.run<R>(q);
  }

  streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.pinned) return this.pinned.streamQuery<R>(q, chunkSize);
    return this.d.stream<R>(q, chunkSize ?? 100);
  }

  async unpin(): Promise<void> {
    const p = this.pinned;
    this.pinned = undefined;
    if (p) await this.d.primary.releaseConnection(p);
  }
}

export class ReplicaDialect extends PostgresDialect {
  constructor(private readonly driver: ReplicaDriver) {
    super({ pool: driver.replicaPool });
  }

  override createDriver(): Driver {
    return this.driver;
  }
}
