/**
 * The one org-subtree test. An org's `path` lists its ancestors' ids and its own (`/1/7/23/`),
 * so "lies in the subtree of `root`" (root included) is a prefix test on the path: in
 * JavaScript `isWithin`, in SQL `pathWithin` (a LIKE on an indexed path column, the same on
 * SQLite and PostgreSQL; paths hold digits and slashes only, so nothing needs escaping).
 * Every subtree decision — records, orgs, users, reports, alerts — goes through these two.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

export interface OrgPath {
  path: string;
}

export function isWithin(org: OrgPath, root: OrgPath): boolean {
  return org.path.startsWith(root.path);
}

/** `column` (a path column, e.g. `o.path` or `r.org_path`) lies in `root`'s subtree. */
export function pathWithin(column: string, root: OrgPath): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`${root.path}%`}`;
}
