/** The audit log as the auditor (审计管理员) pages through it, newest first. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditQuery {
  page?: number;
  pageSize?: number;
  action?: string;
  entity?: string;
  actor?: string;
}

export async function listAudit(db: Kysely<Database>, { page = 1, pageSize = 50, action, entity, actor }: AuditQuery) {
  let q = db.selectFrom('audit_log');
  if (action) q = q.where('action', '=', action);
  if (entity) q = q.where('entity', '=', entity);
  if (actor) q = q.where('actor', '=', actor);
  const [total, items] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q
      .select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'note', 'ip', 'hash'])
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  // Only the start of the hash: enough to compare with an export, not a column of noise.
  return { total: Number(total?.n ?? 0), items: items.map((i) => ({ ...i, entityId: i.entity_id, hash: i.hash.slice(0, 16) })) };
}
