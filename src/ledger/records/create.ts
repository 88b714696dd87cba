/** Creating one record, through the one write path (../write.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../principal.ts';
import { afterCommit, insertNew, prepareFields } from '../write.ts';
import { today } from '../../shared/today.ts';
import { invalid, recordOrg, requireLedger, townOrgs, type RecordOut } from './common.ts';
import { getRecord } from './read.ts';

export async function createRecord(db: Kysely<Database>, p: Principal, ledger: string, orgCode: string, raw: Record<string, unknown>): Promise<RecordOut> {
  const l = await requireLedger(db, p, ledger, 'create');
  const org = await recordOrg(db, p, orgCode);
  const orgs = await townOrgs(db, org.townId!);
  const { fields, errors } = prepareFields(l, p, raw, { orgExists: (c) => orgs.has(c) }, { isNew: true, today: today() });
  if (errors.length) throw invalid(l, errors);
  const townId = org.townId!;
  const [id] = await db
    .transaction()
    .execute((trx) => insertNew(trx, p, [{ ledger: l, org, townId, fields }], { orgIdOf: (c) => orgs.get(c)?.id, audit: 'record' }));
  await afterCommit(db, p, 'create', [{ ledger: l.key, townId, recordId: id, townOrgs: [...orgs.values()] }]);
  return getRecord(db, p, id);
}
