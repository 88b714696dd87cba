/**
 * One process runs a job that every server process schedules (the daily alert run and digest
 * with `luoshi serve --workers N` or several instances on one PostgreSQL; docs/scale.md):
 *
 * - a session-level PostgreSQL advisory lock, tried and not waited for, held on one pinned
 *   connection while the job runs: a process that finds it taken skips the job;
 * - with `oncePer` (a date), a row in scheduled_runs claimed under that lock: a process whose
 *   timer fires after another process has already finished that date's run skips it too.
 *
 * SQLite runs one process (docs/scale.md): the job just runs.
 */
import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/kysely.ts';
import { nowIso } from '../db/kysely.ts';

/** First key of pg_try_advisory_lock(space, id); other spaces are in src/audit/log.ts and src/assess/indicators.ts. */
export const ELECTION_LOCK_SPACE = 7355610;

export type Elected<T> = { ran: true; result: T } | { ran: false; reason: string };

/** A stable 31-bit id for a job name (the advisory lock's second key). */
export function jobLockId(name: string): number {
  let h = 0;
  for (const c of name) h = (Math.imul(h, 31) + c.codePointAt(0)!) | 0;
  return h & 0x7fffffff;
}

export async function runElected<T>(db: Db, name: string, fn: () => Promise<T>, opts: { oncePer?: string } = {}): Promise<Elected<T>> {
  if (db.dialect !== 'postgres') return { ran: true, result: await fn() };
  const id = jobLockId(name);
  return db.kysely.connection().execute(async (conn) => {
    const got = (await sql<{ ok: boolean }>`select pg_try_advisory_lock(${ELECTION_LOCK_SPACE}::int, ${id}::int) as ok`.execute(conn)).rows[0]?.ok;
    if (!got) return { ran: false, reason: `${name}：另一个服务进程正在执行` };
    try {
      if (opts.oncePer) {
        const by = `${os.hostname()}:${process.pid}`;
        const claimed = await conn
          .insertInto('scheduled_runs')
          .values({ name, date: opts.oncePer, claimed_at: nowIso(), claimed_by: by })
          .onConflict((oc) => oc.doNothing())
          .returning('name')
          .executeTakeFirst();
        if (!claimed) {
          const row = await conn
            .selectFrom('scheduled_runs')
            .select(['claimed_by', 'claimed_at'])
            .where('name', '=', name)
            .where('date', '=', opts.oncePer)
            .executeTakeFirst();
          return { ran: false, reason: `${name}：${opts.oncePer} 已由 ${row?.claimed_by ?? '其他进程'} 执行` };
        }
      }
      return { ran: true, result: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(${ELECTION_LOCK_SPACE}::int, ${id}::int)`.execute(conn).catch(() => undefined);
    }
  });
}
