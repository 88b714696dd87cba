/**
 * Who may see which quarterly reports — decided here and nowhere else (docs/security.md,
 * “Authorization”), the way ./records.ts decides it for ledger records.
 *
 * `reportAccess(principal)` is `false` (no report at all) or the condition a report must meet:
 * its org in a subtree, and whether drafts are seen. The condition has two readings that cannot
 * diverge: `reportWhereSql` over a reports query (the list) and `reportVisible` on one loaded
 * report (opening it). The rules: the town's roles see the reports of their subtree, drafts
 * included; a reviewer at their level — a countyReviewer whose org is a county, a cityReviewer
 * whose org is a city, a provinceReviewer whose org is a province — sees those of their subtree
 * once submitted; the system sees everything in its org's subtree. Only the county reviewer
 * reviews (returns or accepts); the city and province reviewers read.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { REVIEWER_KIND, REVIEWER_ROLES, type Role } from '../shared/roles.ts';
import type { Principal } from './principal.ts';
import { isWithin, pathWithin, type OrgPath } from './subtree.ts';

/** The town's roles that write the report (each its own line of the narrative). */
export const TOWN_REPORT_ROLES: readonly Role[] = ['secretary', 'discipline', 'organization', 'publicity', 'legal'];
/** Roles that write or review reports: the template and template-learning pages are theirs. */
export const TEMPLATE_ROLES: readonly Role[] = [...TOWN_REPORT_ROLES, 'countyReviewer'];
/** Every role that sees reports (the others are refused outright). */
export const REPORT_ROLES: readonly Role[] = [...TOWN_REPORT_ROLES, ...REVIEWER_ROLES];

const has = (p: Principal, roles: readonly Role[]) => p.roles.some((r) => roles.includes(r));
export const isTownUser = (p: Principal) => has(p, TOWN_REPORT_ROLES);
/** A reviewer role held at its own level (a county reviewer at a county, …): reads the subtree's submitted reports. */
export const isReviewerAtLevel = (p: Principal) => REVIEWER_ROLES.some((r) => p.roles.includes(r) && p.org.kind === REVIEWER_KIND[r]);
/** The county reviewer, who alone returns or accepts a submitted report. */
export const isReviewer = (p: Principal) => has(p, ['countyReviewer']) && p.org.kind === 'county';

export type ReportAccess = false | { within: OrgPath; drafts: boolean };

export function reportAccess(p: Principal): ReportAccess {
  if (p.system || isTownUser(p)) return { within: p.org, drafts: true };
  if (isReviewerAtLevel(p)) return { within: p.org, drafts: false };
  return false;
}

/** The condition on one report: its org's path and its status. */
export function reportVisible(a: ReportAccess, r: { path: string; status: string }): boolean {
  return a !== false && isWithin(r, a.within) && (a.drafts || r.status !== 'draft');
}

/** The same condition as SQL, given where the org's path and the report's status live in the query. */
export function reportWhereSql(eb: ExpressionBuilder<any, any>, a: ReportAccess, cols: { orgPath: string; status: string }): Expression<SqlBool> {
  if (a === false) return sql<SqlBool>`1 = 0`;
  const within = pathWithin(cols.orgPath, a.within);
  return a.drafts ? within : eb.and([within, eb(eb.ref(cols.status), '!=', 'draft')]);
}
