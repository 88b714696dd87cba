/** Updating one record's fields (optimistic version check, or merge under the row lock), through the one write path (../write.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso, parseJson } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { Conflict, Invalid } from '../../util/errors.ts';
import { validateFields } from '../validate.ts';
import { plainFields, toRow } from '../storage.ts';
import { actorOfPrincipal, type Principal } from '../principal.ts';
import { afterCommit, guardWrites } from '../write.ts';
import { versionOf } from '../hooks.ts';
import { today } from '../../shared/today.ts';
import { auditSafe, invalid, loadRow, townOrgs, type RecordOut } from './common.ts';
import { getRecord } from './read.ts';

/** Another writer changed the record between our read and our write. */
class LostUpdate extends Conflict {}

/**
 * Update a record's fields. With `expectedVersion` (the form's version) a record changed since
 * is a 409; without it the change is merged into the current record, re-reading it when another
 * writer got in between (PostgreSQL runs writers concurrently; SQLite serialises them).
 */
export async function updateRecord(db: Kysely<Database>, p: Principal, id: number, raw: Record<string, unknown>, expectedVersion?: number): Promise<RecordOut> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await updateOnce(db, p, id, raw, expectedVersion);
    } catch (e) {
      if (!(e instanceof LostUpdate) || expectedVersion != null || attempt >= 12) throw e;
      // Jittered back-off so that writers racing for the same row do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

async function updateOnce(db: Kysely<Database>, p: Principal, id: number, raw: Record<string, unknown>, expectedVersion?: number): Promise<RecordOut> {
  // Read, merge and write under the row lock (PostgreSQL; SQLite has one writer at a time), so a
  // concurrent writer is waited for instead of overwritten or reported as a conflict.
  const done = await db.transaction().execute(async (trx) => {
    const { r, l } = await loadRow(trx, p, id, 'update', { lock: true });
    if (r.deleted_at) throw new Conflict('记录已删除，请先恢复');
    if (expectedVersion != null && expectedVersion !== r.version) throw new Conflict('记录已被他人修改，请刷新后重试');
    if (
      l.decl.workflow &&
      l.decl.statusField &&
      l.decl.statusField in raw &&
      raw[l.decl.statusField] !== parseJson<Record<string, unknown>>(r.data)[l.decl.statusField]
    ) {
      throw new Invalid('状态请通过流转操作修改');
    }
    const existing = plainFields(l, parseJson(r.data));
    const orgs = await townOrgs(trx, r.town_id, db); // as the server remembers them (src/org/cache.ts), else read in the transaction
    const { fields, errors } = validateFields(l, raw, { orgExists: (c) => orgs.has(c) }, { isNew: false, existing, today: today() });
    if (errors.length) throw invalid(l, errors);
    const res = await trx
      .updateTable('records')
      .set({ ...toRow(l, fields, (c) => orgs.get(c)?.id), version: r.version + 1, updated_at: nowIso(), updated_by: p.id })
      .where('id', '=', id)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new LostUpdate('记录已被他人修改，请刷新后重试');
    await guardWrites(trx, p, 'update', [{ ledger: l, townId: r.town_id, recordId: id, fields }]);
    await audit(trx, actorOfPrincipal(p), {
      action: 'update',
      entity: 'record',
      entityId: id,
      townId: r.town_id,
      before: auditSafe(l, existing),
      after: auditSafe(l, fields),
    });
    return { l, townId: r.town_id, before: versionOf(r), orgs };
  });
  await afterCommit(db, p, 'update', [{ ledger: done.l.key, townId: done.townId, recordId: id, before: done.before, townOrgs: [...done.orgs.values()] }]);
  return getRecord(db, p, id);
}
