/** A county's own ledgers, declared as data by the administrator (no release needed): list, add, retire. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { audit, type Actor } from '../audit/log.ts';
import { Conflict, Invalid, NotFound } from '../util/errors.ts';
import { builtinLedger, compileLedger, invalidateLedgerCache, LedgerDeclError } from './registry.ts';
import type { LedgerDecl } from './types.ts';

export async function listLedgerDefs(db: Kysely<Database>) {
  const rows = await db.selectFrom('ledger_defs').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
  return rows.map((x) => ({ id: x.id, key: x.key, decl: parseJson<LedgerDecl>(x.decl), createdAt: x.created_at }));
}

/** Add a custom ledger declared by `by`, an administrator whose org becomes its scope. */
export async function addLedgerDef(db: Kysely<Database>, actor: Actor, by: { id: number; orgId: number }, decl: LedgerDecl): Promise<void> {
  if (builtinLedger(decl.key)) throw new Conflict(`与标准台账重名：${decl.key}`);
  try {
    compileLedger(decl, true);
  } catch (e) {
    if (e instanceof LedgerDeclError) throw new Invalid(e.message);
    throw e;
  }
  const exists = await db.selectFrom('ledger_defs').select('id').where('key', '=', decl.key).where('deleted_at', 'is', null).executeTakeFirst();
  if (exists) throw new Conflict(`台账标识已存在：${decl.key}`);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ledger_defs')
      .values({ key: decl.key, scope_org_id: by.orgId, decl: JSON.stringify(decl), created_at: nowIso(), created_by: by.id })
      .execute();
    await audit(trx, actor, { action: 'create', entity: 'ledgerDef', entityId: decl.key, after: decl });
  });
  invalidateLedgerCache();
}

/** Retire a custom ledger; its records stay. */
export async function retireLedgerDef(db: Kysely<Database>, actor: Actor, key: string): Promise<void> {
  const res = await db.updateTable('ledger_defs').set({ deleted_at: nowIso() }).where('key', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFound('自定义台账不存在');
  await audit(db, actor, { action: 'delete', entity: 'ledgerDef', entityId: key });
  invalidateLedgerCache();
}
