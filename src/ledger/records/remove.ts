/** Deleting (soft, with a reason) and restoring a record. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { Invalid } from '../../util/errors.ts';
import { actorOfPrincipal, type Principal } from '../principal.ts';
import { afterCommit } from '../write.ts';
import { loadRow, type RecordOut } from './common.ts';
import { getRecord } from './read.ts';

export async function removeRecord(db: Kysely<Database>, p: Principal, id: number, reason: string): Promise<void> {
  const { r, l } = await loadRow(db, p, id, 'remove');
  if (!reason.trim()) throw new Invalid('请填写删除原因');
  if (r.deleted_at) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('records')
      .set({ deleted_at: nowIso(), deleted_by: p.id, delete_reason: reason, version: r.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, actorOfPrincipal(p), { action: 'delete', entity: 'record', entityId: id, townId: r.town_id, note: reason });
  });
  await afterCommit(db, p, 'remove', [{ ledger: l.key, townId: r.town_id, recordId: id }]);
}

export async function restoreRecord(db: Kysely<Database>, p: Principal, id: number): Promise<RecordOut> {
  const { r, l } = await loadRow(db, p, id, 'remove');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('records')
      .set({ deleted_at: null, deleted_by: null, delete_reason: null, version: r.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, actorOfPrincipal(p), { action: 'restore', entity: 'record', entityId: id, townId: r.town_id });
  });
  await afterCommit(db, p, 'restore', [{ ledger: l.key, townId: r.town_id, recordId: id }]);
  return getRecord(db, p, id);
}
