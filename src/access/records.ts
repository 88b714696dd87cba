/**
 * Who may see which records — decided here and nowhere else (docs/security.md, “Authorization”).
 *
 * Like Payload CMS's access functions, `recordAccess(principal, ledger, op)` returns either
 * `false` (the principal's roles may not do `op` on that ledger at all: 403) or the condition a
 * record must meet (`Where`). The condition is data with two readings that cannot diverge:
 *
 * - `whereSql` — a Kysely expression (SQLite and PostgreSQL) over a records query;
 * - `matches` — the same condition on one loaded row (get/update/transition/remove, computed
 *   alert findings).
 *
 * `scopedRecords` is the base query lists, exports, metrics, alert rules, compliance and
 * assessment start from. Work the system does for an org (the daily alert run, metrics,
 * dashboards) runs as `systemFor(org)`: the same declaration with the org scope part only.
 *
 * The rules: the roles named in the ledger's declared access (`LedgerAccess`, presets in
 * ../ledger/access.ts: the line's roles, the secretary, sensitive ledgers for discipline and the
 * secretary only) may do the operation; records lie in the principal's org subtree; a role
 * listed in `ownOnly` reads only the records it created. The three administrators appear in no
 * ledger's access, so they read no business data.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Org } from '../org/service.ts';
import type { CompiledLedger } from '../ledger/registry.ts';
import type { Operation, Principal } from './principal.ts';
import { isWithin, pathWithin } from './subtree.ts';

/** The org part of a condition: the subtree of `path` (and that org's town, when it has one). */
export type OrgScope = Pick<Org, 'path' | 'townId'>;

export type Where = boolean | { and: Where[] } | { or: Where[] } | { orgWithin: OrgScope } | { ledgerIn: string[] } | { createdBy: number };

/** The columns a condition reads (for `matches`). */
export interface RecordRow {
  org_path: string;
  town_id: number | null;
  ledger: string;
  created_by: number | null;
}

/** The system acting on an org's subtree (daily alert run, metrics, dashboards): the org scope part only. */
export function systemFor(org: Org): Principal {
  return { id: null, username: 'system', roles: [], org, system: true };
}

/** The role part: may `p`'s roles do `op` on ledger `l` at all? */
export function can(p: Principal, l: CompiledLedger, op: Operation): boolean {
  if (p.system) return true;
  const allowed = l.decl.access[op] ?? l.decl.access.update;
  return p.roles.some((r) => allowed.includes(r));
}

/** True when every role that lets the user read is an own-records-only role. */
function ownOnly(p: Principal, l: CompiledLedger): boolean {
  if (p.system) return false;
  const own = l.decl.access.ownOnly ?? [];
  const readers = p.roles.filter((r) => l.decl.access.read.includes(r));
  return readers.length > 0 && readers.every((r) => own.includes(r));
}

/** The org scope of `p`, narrowed to `org` when given (nothing when `org` lies outside it). */
export function orgScope(p: Principal, org?: OrgScope): Where {
  if (!org) return { orgWithin: p.org };
  return isWithin(org, p.org) ? { orgWithin: org } : false;
}

/** Whether `org` lies in `p`'s org scope (where `p` may file records, for instance). */
export function inOrgScope(p: Principal, org: OrgScope): boolean {
  return matches(orgScope(p), { org_path: org.path, town_id: org.townId, ledger: '', created_by: null });
}

/** The row part for one ledger, without the org scope: which of its records `p` may `op`. */
function rowPart(p: Principal, l: CompiledLedger, op: Operation): Where {
  // Any operation needs the record to be readable, and reading is limited by ownOnly.
  if (!can(p, l, 'read') || !can(p, l, op)) return false;
  return ownOnly(p, l) ? { and: [{ ledgerIn: [l.key] }, { createdBy: p.id ?? -1 }] } : { ledgerIn: [l.key] };
}

/**
 * The access decision: `false` when `p` may not `op` ledger `l` at all, else the condition a
 * record must meet (org scope, the ledger, own records where the role is own-only).
 */
export function recordAccess(p: Principal, l: CompiledLedger, op: Operation, org?: OrgScope): false | Where {
  const row = rowPart(p, l, op);
  if (row === false) return false;
  return and(orgScope(p, org), row);
}

/**
 * Records of any of `ledgers` that `p` may read, without the org part (a caller that scopes by
 * another org column — alerts by the alert's org — adds `orgScope` itself). Ledgers read in
 * full are grouped in one `ledger in (…)`, own-only ones in another.
 */
export function readableRows(p: Principal, ledgers: CompiledLedger[]): Where {
  const full: string[] = [];
  const own: string[] = [];
  for (const l of ledgers) {
    const w = rowPart(p, l, 'read');
    if (w === false) continue;
    (typeof w === 'object' && 'and' in w ? own : full).push(l.key);
  }
  return or(full.length ? { ledgerIn: full } : false, own.length ? and({ ledgerIn: own }, { createdBy: p.id ?? -1 }) : false);
}

export function and(...ws: Where[]): Where {
  if (ws.includes(false)) return false;
  const rest = ws.filter((w) => w !== true);
  return rest.length === 0 ? true : rest.length === 1 ? rest[0] : { and: rest };
}

export function or(...ws: Where[]): Where {
  if (ws.includes(true)) return true;
  const rest = ws.filter((w) => w !== false);
  return rest.length === 0 ? false : rest.length === 1 ? rest[0] : { or: rest };
}

/** Where a condition's fields live in a query. `townId` is optional (an extra, indexed equality). */
export interface Columns {
  orgPath: string;
  townId?: string;
  ledger: string;
  createdBy: string;
}

export const recordColumns = (alias = 'r'): Columns => ({
  orgPath: `${alias}.org_path`,
  townId: `${alias}.town_id`,
  ledger: `${alias}.ledger`,
  createdBy: `${alias}.created_by`,
});

/** The condition as SQL. */
export function whereSql(eb: ExpressionBuilder<any, any>, w: Where, cols: Columns = recordColumns()): Expression<SqlBool> {
  if (w === true) return sql<SqlBool>`1 = 1`;
  if (w === false) return sql<SqlBool>`1 = 0`;
  if ('and' in w) return eb.and(w.and.map((x) => whereSql(eb, x, cols)));
  if ('or' in w) return eb.or(w.or.map((x) => whereSql(eb, x, cols)));
  if ('orgWithin' in w) {
    const within = pathWithin(cols.orgPath, w.orgWithin);
    return cols.townId && w.orgWithin.townId ? eb.and([within, eb(eb.ref(cols.townId), '=', w.orgWithin.townId)]) : within;
  }
  if ('ledgerIn' in w) return w.ledgerIn.length === 1 ? eb(eb.ref(cols.ledger), '=', w.ledgerIn[0]) : eb(eb.ref(cols.ledger), 'in', w.ledgerIn);
  return eb(eb.ref(cols.createdBy), '=', w.createdBy);
}

/** The condition on one row (the same declaration as `whereSql`). */
export function matches(w: Where, r: RecordRow): boolean {
  if (typeof w === 'boolean') return w;
  if ('and' in w) return w.and.every((x) => matches(x, r));
  if ('or' in w) return w.or.some((x) => matches(x, r));
  if ('orgWithin' in w) return isWithin({ path: r.org_path }, w.orgWithin) && (!w.orgWithin.townId || r.town_id === w.orgWithin.townId);
  if ('ledgerIn' in w) return w.ledgerIn.includes(r.ledger);
  return r.created_by === w.createdBy;
}

export interface ScopeOptions {
  /** One ledger (its declared access decides the row condition); without it, every ledger (the system only). */
  ledger?: CompiledLedger;
  op?: Operation;
  /** Narrow to this org's subtree (inside the principal's). */
  org?: OrgScope;
  /** Live records (default), deleted ones only, or both. */
  deleted?: 'live' | 'only' | 'any';
  /**
   * For a scope above the town level, the towns of its subtree: rows are also filtered by
   * `town_id in (…)`, which the subtree implies (every record belongs to a town), so that the
   * database walks the town-leading indexes instead of a ledger's rows in every town to test
   * their path (a province of 500 towns: docs/scale.md, "The province bench").
   */
  towns?: number[];
}

/**
 * The one base query over records (`records as r`): what `p` may `op`, narrowed to `org`.
 * Without a ledger it is meant for the system (`systemFor`): a user needs `recordAccess` per ledger.
 */
export function scopedRecords(db: Kysely<Database>, p: Principal, o: ScopeOptions = {}) {
  const w = o.ledger ? recordAccess(p, o.ledger, o.op ?? 'read', o.org) : p.system ? orgScope(p, o.org) : false;
  let q = db.selectFrom('records as r').where((eb) => whereSql(eb, w === false ? false : w));
  const deleted = o.deleted ?? 'live';
  if (deleted === 'live') q = q.where('r.deleted_at', 'is', null);
  if (deleted === 'only') q = q.where('r.deleted_at', 'is not', null);
  if (o.towns) q = o.towns.length ? q.where('r.town_id', 'in', o.towns) : q.where(sql<SqlBool>`1 = 0`);
  return q;
}
