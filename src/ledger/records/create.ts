/** Creating one record. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { validateFields } from '../validate.ts';
import { toRow } from '../storage.ts';
import { actorOfPrincipal, type Principal } from '../principal.ts';
import { runAfterWrite, runBeforeWrite } from '../hooks.ts';
import { today } from '../../shared/today.ts';
import { auditSafe, invalid, recordOrg, requireLedger, townOrgs, type RecordOut } from './common.ts';
import { getRecord } from './read.ts';

export async function createRecord(db: Kysely<Database>, p: Principal, ledger: string, orgCode: string, raw: Record<string, unknown>): Promise<RecordOut> {
  const l = await requireLedger(db, p, ledger, 'create');
  const org = await recordOrg(db, p, orgCode);
  const orgs = await townOrgs(db, org.townId!);
  const { fields, errors } = validateFields(l, raw, { orgExists: (c) => orgs.has(c) }, { isNew: true, today: today() });
  if (errors.length) throw invalid(l, errors);
  await runBeforeWrite({ db, principal: p, ledger: l, op: 'create', townId: org.townId!, fields });
  const now = nowIso();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('records')
      .values({
        town_id: org.townId!,
        org_id: org.id,
        org_path: org.path,
        ledger: l.key,
        ...toRow(l, fields, (c) => orgs.get(c)?.id),
        version: 1,
        created_at: now,
        created_by: p.id,
        updated_at: now,
        updated_by: p.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actorOfPrincipal(p), { action: 'create', entity: 'record', entityId: row.id, townId: org.townId, after: { ledger: l.key, org: org.code, fields: auditSafe(l, fields) } });
    return row.id;
  });
  await runAfterWrite({ db, principal: p, ledger: l, op: 'create', townId: org.townId!, fields, recordId: id });
  return getRecord(db, p, id);
}
