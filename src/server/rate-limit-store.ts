/**
 * A @fastify/rate-limit store kept in the database (table rate_limits), so that a limit holds
 * across several server processes on one PostgreSQL (`luoshi serve --workers N`, or several
 * instances behind nginx; docs/scale.md). One upsert per limited request: the counter restarts
 * when its window has ended, else it is incremented, atomically in one statement.
 *
 * SQLite keeps the per-process in-memory store: it runs one process (docs/scale.md), and a write
 * per request would queue behind the single writer.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/schema.ts';

/** How often a process deletes counters whose window ended (ms). */
const SWEEP_MS = 5 * 60_000;

export function dbRateLimitStore(db: Kysely<Database>): FastifyRateLimitStoreCtor {
  let lastSweep = Date.now();
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < SWEEP_MS) return;
    lastSweep = now;
    db.deleteFrom('rate_limits')
      .where('reset_at', '<', now)
      .execute()
      .catch((e: Error) => console.warn(`清理过期的限流计数失败：${e.message}`));
  };

  class DbStore implements FastifyRateLimitStore {
    constructor(
      _options: FastifyRateLimitOptions,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      const k = `${this.prefix}${key}`.slice(0, 500);
      sql<{ count: number; reset_at: number }>`
        insert into rate_limits (key, count, reset_at) values (${k}, 1, ${now + timeWindow})
        on conflict (key) do update set
          count = case when rate_limits.reset_at <= ${now} then 1 else rate_limits.count + 1 end,
          reset_at = case when rate_limits.reset_at <= ${now} then excluded.reset_at else rate_limits.reset_at end
        returning count, reset_at`
        .execute(db)
        .then((r) => {
          const row = r.rows[0]!;
          cb(null, { current: Number(row.count), ttl: Math.max(0, Number(row.reset_at) - now) });
          sweep();
        })
        .catch((e: Error) => cb(e));
    }

    /** A store per limited route: its counters are keyed by method and URL as well. */
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const r = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      const method = Array.isArray(r.method) ? r.method.join(',') : (r.method ?? '');
      return new DbStore({}, `${method}${r.url ?? ''}|`);
    }
  }
  return DbStore as unknown as FastifyRateLimitStoreCtor;
}
