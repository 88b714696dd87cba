/**
 * Who sees which alert: the org scope of the user (a village user sees the village's, by the
 * alert's org), the ledger the rule belongs to must be readable by the user, an alert on a record
 * needs that record to be readable (../access/records.ts: the ledger, own records where the role
 * is own-only), and discipline-only rules are seen by discipline roles and the secretary alone.
 * Who may handle one (acknowledge, assign, resolve, reopen): `mayHandleAlerts` — the town's
 * and village's roles, never a reviewer (docs/alerts.md, "谁能看、谁能处理").
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { allLedgers } from '../ledger/registry.ts';
import type { Principal } from '../ledger/principal.ts';
import { can, matches, orgScope, readableRows, whereSql, type Columns, type RecordRow, type Where } from '../access/records.ts';
import type { Org } from '../org/service.ts';
import { alertRules } from './rules/index.ts';
import { BUSINESS_ROLES, REVIEWER_ROLES, type Role } from '../shared/roles.ts';

/**
 * The roles that handle alerts: the business roles but the reviewers. Reviewers of every level
 * supervise the towns read-only (docs/security.md, "Alerts"): they see, filter and export alerts,
 * and handle none, not even the county reviewer on a town's alert.
 */
export const ALERT_HANDLER_ROLES: readonly Role[] = BUSINESS_ROLES.filter((r) => !(REVIEWER_ROLES as readonly Role[]).includes(r));

/** Whether `p` may acknowledge, assign, resolve or reopen the alerts it sees. */
export function mayHandleAlerts(p: Principal): boolean {
  return p.system === true || p.roles.some((r) => ALERT_HANDLER_ROLES.includes(r));
}

export interface Visibility {
  rules: string[];
  /** Visible discipline-only rules: their alerts are shown whatever ledger their record is in. */
  unrestricted: string[];
  /** The records whose alerts the user sees (ledger and ownership; the org part is the alert's org). */
  records: Where;
}

export function seesDiscipline(p: Principal): boolean {
  return p.system === true || p.roles.includes('discipline') || p.roles.includes('secretary');
}

export async function visibility(db: Kysely<Database>, p: Principal): Promise<Visibility> {
  const ledgers = (await allLedgers(db)).filter((l) => can(p, l, 'read'));
  const readable = new Set(ledgers.map((l) => l.key));
  const visible = alertRules.filter((r) => readable.has(r.ledger) && (!r.disciplineOnly || seesDiscipline(p)));
  return { rules: visible.map((r) => r.id), unrestricted: visible.filter((r) => r.disciplineOnly).map((r) => r.id), records: readableRows(p, ledgers) };
}

/** Whether the user sees a finding on this record (null: an org-level finding). */
export function seesRecord(v: Visibility, rule: string, r: RecordRow | null): boolean {
  return r == null || v.unrestricted.includes(rule) || matches(v.records, r);
}

/**
 * An alert's org scope is its own org (o), which may be the record's responsible org, not its
 * filing org; its town (a.town_id, always set) is the town of that org, an extra indexed equality.
 * The record's ledger and creator are kept on the alert (./store.ts), so no records row is read
 * per alert (at a province's size that read was most of the alert center's time).
 */
const ALERT_COLUMNS: Columns = { orgPath: 'o.path', townId: 'a.town_id', ledger: 'a.record_ledger', createdBy: 'a.record_created_by' };

/** alerts (a) joined with their org (o), limited to what the user may see under `scope`. */
export function visibleAlerts(db: Kysely<Database>, p: Principal, v: Visibility, scope: Org) {
  const none = ['-'];
  return db
    .selectFrom('alerts as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .where((eb) => whereSql(eb, orgScope(p, scope), ALERT_COLUMNS))
    .where('a.rule', 'in', v.rules.length ? v.rules : none)
    .where((eb) =>
      eb.or([eb('a.record_id', 'is', null), eb('a.rule', 'in', v.unrestricted.length ? v.unrestricted : none), whereSql(eb, v.records, ALERT_COLUMNS)]),
    );
}

/** Order: red before yellow before blue, then the earliest deadline. */
export const severityOrder = sql<number>`case a.severity when 'error' then 0 when 'warning' then 1 else 2 end`;
