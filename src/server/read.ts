/**
 * Which database a lag-tolerant read goes to (docs/scale.md): the read replica
 * (DATABASE_READ_URL) unless this browser wrote something in the last few seconds, when it reads
 * its own writes from the primary. The "wrote" mark is a cookie, so it holds whichever server
 * process answers the next request. Without a replica both are the primary.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const WROTE_COOKIE = 'luoshi_wrote';

/** How long after a write this browser's reads stay on the primary (LUOSHI_READ_AFTER_WRITE_MS, default 5 s). */
export function readAfterWriteMs(): number {
  return Number(process.env.LUOSHI_READ_AFTER_WRITE_MS) || 5000;
}

/** The database for a read that tolerates a second of lag: dashboards, comparisons, exports. */
export function readDb(req: FastifyRequest): Kysely<Database> {
  const db = req.server.db;
  if (db.read === db.kysely) return db.kysely;
  const wrote = Number(req.cookies?.[WROTE_COOKIE]);
  if (wrote && Date.now() - wrote < readAfterWriteMs()) return db.kysely;
  return db.read;
}

/** With a replica: a write request marks the browser so that its next reads see the write. */
export function installReadAfterWrite(app: FastifyInstance): void {
  if (app.db.read === app.db.kysely) return;
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || !req.url.startsWith('/api/')) return;
    reply.setCookie(WROTE_COOKIE, String(Date.now()), { httpOnly: true, sameSite: 'strict', path: '/', maxAge: Math.ceil(readAfterWriteMs() / 1000) });
  });
}
