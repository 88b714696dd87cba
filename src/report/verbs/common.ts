/**
 * What every report verb shares: the statuses, what a submission freezes, the role checks,
 * loading a report as far as the principal may see it (the rule is ../../access/reports.ts),
 * and the versions a submission leaves.
 */
import type { Kysely } from 'kysely';
import type { Database, ReportTable } from '../../db/schema.ts';
import { parseJson } from '../../db/kysely.ts';
import { getOrgById, type Org } from '../../org/service.ts';
import type { Principal } from '../../ledger/principal.ts';
import type { Role } from '../../shared/roles.ts';
import { Forbidden, NotFound } from '../../util/errors.ts';
import type { MetricValue } from '../../metrics/types.ts';
import type { ReportModel } from '../render/model.ts';
import { REPORT_ROLES, isTownUser, reportAccess, reportVisible } from '../../access/reports.ts';

export { REPORT_ROLES, TEMPLATE_ROLES, TOWN_REPORT_ROLES, isReviewer, isReviewerAtLevel, isTownUser } from '../../access/reports.ts';

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export const STATUS_LABELS: Record<ReportStatus, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', accepted: '已通过' };

/** What a submission freezes (report_versions.frozen). */
export interface Frozen {
  model: ReportModel;
  values: Record<string, MetricValue>;
  narrative: Record<string, string>;
  template: { id: number; key: string; version: number; name: string; body: string };
  text: string;
}

export interface LoadedReport {
  row: Omit<ReportTable, 'id'> & { id: number };
  org: Org;
}

export const hasRole = (p: Principal, ...roles: Role[]) => p.roles.some((r) => roles.includes(r));

export function requireRoles(p: Principal, roles: readonly Role[], what: string): void {
  if (!p.system && !hasRole(p, ...roles)) throw new Forbidden(`当前角色无权${what}`);
}

/** The report if `p` may see it (reportAccess), else 404. */
export async function loadReport(db: Kysely<Database>, p: Principal, id: number): Promise<LoadedReport> {
  requireRoles(p, REPORT_ROLES, '查看报告');
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  const org = row ? await getOrgById(db, row.org_id) : undefined;
  if (!row || !org || !reportVisible(reportAccess(p), { path: org.path, status: row.status })) throw new NotFound('报告不存在或无权查看');
  return { row, org };
}

export const isEditable = (status: string) => status === 'draft' || status === 'returned';
export const isFrozen = (status: string) => status === 'submitted' || status === 'accepted';
/** Whether `p` is shown the latest frozen version: once submitted; for the county also while the town revises a returned one. */
export const showsFrozen = (p: Principal, status: string) => isFrozen(status) || (status === 'returned' && !isTownUser(p));

/** A version of the report: the given one (404 when it does not exist), else the latest (undefined when none). */
export async function versionRow(db: Kysely<Database>, reportId: number, version?: number) {
  let q = db.selectFrom('report_versions').selectAll().where('report_id', '=', reportId);
  q = version ? q.where('version', '=', version) : q.orderBy('version', 'desc').limit(1);
  const v = await q.executeTakeFirst();
  if (!v && version) throw new NotFound(`报告没有第 ${version} 版`);
  return v;
}

export async function frozenOf(db: Kysely<Database>, reportId: number, version?: number): Promise<{ version: number; frozen: Frozen } | null> {
  const v = await versionRow(db, reportId, version);
  return v ? { version: v.version, frozen: parseJson<Frozen>(v.frozen) } : null;
}
