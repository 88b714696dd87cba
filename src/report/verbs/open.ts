/** Opening (creating if needed) the draft of a town for a period. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { getOrgByCode } from '../../org/service.ts';
import { actorOfPrincipal, type Principal } from '../../ledger/principal.ts';
import { Invalid, NotFound } from '../../util/errors.ts';
import { parsePeriod } from '../../metrics/period.ts';
import { isWithin } from '../../access/subtree.ts';
import { TOWN_REPORT_ROLES, requireRoles } from './common.ts';

export async function openReport(db: Kysely<Database>, p: Principal, orgCode: string, period: string): Promise<number> {
  requireRoles(p, TOWN_REPORT_ROLES, '编写报告');
  parsePeriod(period);
  const org = await getOrgByCode(db, orgCode);
  if (!org || !isWithin(org, p.org)) throw new NotFound(`组织不存在或不在您的范围内：${orgCode}`);
  if (org.kind !== 'town') throw new Invalid(`季度报告按镇（街道）编写，${org.name}不是镇`);
  const existing = await db.selectFrom('reports').select('id').where('org_id', '=', org.id).where('period', '=', period).executeTakeFirst();
  if (existing) return existing.id;
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const row = await trx
      .insertInto('reports')
      .values({
        town_id: org.townId ?? org.id,
        org_id: org.id,
        period,
        status: 'draft',
        template_id: null,
        narrative: '{}',
        created_at: now,
        created_by: p.id,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actorOfPrincipal(p), { action: 'create', entity: 'report', entityId: row.id, townId: org.townId, after: { org: org.code, period } });
    return row.id;
  });
}
