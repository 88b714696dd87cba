/** The reports a principal may see (the one rule: ../../access/reports.ts), newest period first. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Org } from '../../org/service.ts';
import type { Principal } from '../../ledger/principal.ts';
import { pathWithin } from '../../access/subtree.ts';
import { REPORT_ROLES, reportAccess, reportWhereSql } from '../../access/reports.ts';
import { STATUS_LABELS, requireRoles, type ReportStatus } from './common.ts';

export async function listReports(db: Kysely<Database>, p: Principal, q: { org?: Org; period?: string }) {
  requireRoles(p, REPORT_ROLES, '查看报告');
  const access = reportAccess(p);
  let query = db
    .selectFrom('reports as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.period', 'r.status', 'r.updated_at', 'o.code', 'o.name'])
    .where((eb) => reportWhereSql(eb, access, { orgPath: 'o.path', status: 'r.status' }))
    .orderBy('r.period', 'desc')
    .orderBy('o.sort')
    .orderBy('o.code');
  if (q.org) query = query.where(pathWithin('o.path', q.org));
  if (q.period) query = query.where('r.period', '=', q.period);
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const versions = ids.length
    ? await db.selectFrom('report_versions').select(['report_id', 'version', 'submitted_at']).where('report_id', 'in', ids).orderBy('version', 'desc').execute()
    : [];
  const latest = new Map<number, (typeof versions)[number]>();
  for (const v of versions) if (!latest.has(v.report_id)) latest.set(v.report_id, v);
  return rows.map((r) => {
    const v = latest.get(r.id);
    const status = r.status as ReportStatus;
    return {
      id: r.id,
      org: { code: r.code, name: r.name },
      period: r.period,
      status,
      statusLabel: STATUS_LABELS[status],
      updatedAt: r.updated_at,
      version: v?.version ?? null,
      submittedAt: v?.submitted_at ?? null,
    };
  });
}
