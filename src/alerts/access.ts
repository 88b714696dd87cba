/**
 * Who sees which alert: the org scope of the user (a village user sees the village's), the
 * ledger the rule (and the alert's record) belongs to must be readable by the user, and
 * discipline-only rules are seen by discipline roles and the secretary alone.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { allLedgers } from '../ledger/registry.ts';
import { can, ownOnly, type Principal } from '../ledger/principal.ts';
import type { Org } from '../org/service.ts';
import { alertRules } from './rules/index.ts';

export interface Visibility {
  rules: string[];
  /** Visible discipline-only rules: their alerts are shown whatever ledger their record is in. */
  unrestricted: string[];
  /** Ledgers whose records the user reads in full / only their own. */
  full: string[];
  own: string[];
}

export function seesDiscipline(p: Principal): boolean {
  return p.system === true || p.roles.includes('discipline') || p.roles.includes('secretary');
}

export async function visibility(db: Kysely<Database>, p: Principal): Promise<Visibility> {
  const ledgers = (await allLedgers(db)).filter((l) => can(p, l, 'read'));
  const full = ledgers.filter((l) => !ownOnly(p, l)).map((l) => l.key);
  const own = ledgers.filter((l) => ownOnly(p, l)).map((l) => l.key);
  const readable = new Set([...full, ...own]);
  const visible = alertRules.filter((r) => readable.has(r.ledger) && (!r.disciplineOnly || seesDiscipline(p)));
  return { rules: visible.map((r) => r.id), unrestricted: visible.filter((r) => r.disciplineOnly).map((r) => r.id), full, own };
}

/** alerts (a) joined with their org (o) and record (r), limited to what the user may see under `scope`. */
export function visibleAlerts(db: Kysely<Database>, p: Principal, v: Visibility, scope: Org) {
  const none = ['-'];
  return db
    .selectFrom('alerts as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .leftJoin('records as r', 'r.id', 'a.record_id')
    .where('o.path', 'like', `${scope.path}%`)
    .where('a.rule', 'in', v.rules.length ? v.rules : none)
    .where((eb) =>
      eb.or([
        eb('a.record_id', 'is', null),
        eb('a.rule', 'in', v.unrestricted.length ? v.unrestricted : none),
        eb('r.ledger', 'in', v.full.length ? v.full : none),
        eb.and([eb('r.ledger', 'in', v.own.length ? v.own : none), eb('r.created_by', '=', p.id ?? -1)]),
      ]),
    );
}

/** Order: red before yellow before blue, then the earliest deadline. */
export const severityOrder = sql<number>`case a.severity when 'error' then 0 when 'warning' then 1 else 2 end`;
