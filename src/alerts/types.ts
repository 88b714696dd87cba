/**
 * Alert rules: each rule is typed data in one file under ./rules (id, Chinese title, severity,
 * the regulation it comes from, configurable parameters with defaults) plus a set-based check
 * over an org subtree as of a date. The engine runs the rules; the store keeps their findings.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Org } from '../org/service.ts';
import type { WorkCalendar } from './calendar.ts';

import { SEVERITIES, type RuleSource, type Severity } from '../shared/alerts.ts';

export { SEVERITIES, SEVERITY_LABELS, type RuleSource, type Severity } from '../shared/alerts.ts';
export const severityRank = (s: string): number => Math.max(0, SEVERITIES.indexOf(s as Severity));

export interface ParamDecl {
  label: string;
  default: number;
  unit: '日' | '工作日' | '月' | '岁' | '元' | '人' | '次' | '％';
}

/** One finding of a rule: what becomes an alert row (or a CLI line). */
export interface AlertFinding {
  rule: string;
  /** A stable identity (rule + subject + cycle), so user actions survive recomputation. */
  key: string;
  orgId: number;
  townId: number;
  recordId: number | null;
  severity: Severity;
  message: string;
  dueOn: string | null;
}

/** The orgs a check works with: the whole subtree of the root, by id and by code. */
export interface OrgIndex {
  root: Org;
  byId: Map<number, Org>;
  byCode: Map<string, Org>;
  list: Org[];
}

export interface RuleContext {
  db: Kysely<Database>;
  /** The subtree checked (a town, a village or the county). */
  orgs: OrgIndex;
  /** The as-of date (YYYY-MM-DD). */
  date: string;
  /** Effective parameters of this rule (defaults merged with county settings). */
  params: Record<string, number>;
  calendar: WorkCalendar;
  /** When set, only these records are checked (per-write recomputation of per-record rules). */
  recordIds?: number[];
  /** With recordIds: the ledger those records are in (a rule reading several ledgers reads only it). */
  recordLedger?: string;
  /** Shares loaded data between the rules of one computation (e.g. decrypted rosters). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface AlertRule {
  id: string;
  title: string;
  /** The usual severity (a finding may raise or lower it, e.g. three colours). */
  severity: Severity;
  source: RuleSource;
  /** The ledgers the rule reads: a write to one of them recomputes the rule. */
  ledgers: string[];
  /** The ledger whose readers may see the alerts (access follows that ledger's read roles). */
  ledger: string;
  /** Only discipline roles and the secretary see the alerts (the rule reveals sensitive data). */
  disciplineOnly?: boolean;
  /** Findings are per record and the rule honours ctx.recordIds. */
  perRecord?: boolean;
  /**
   * Ledgers whose records the rule judges one by one (it honours ctx.recordIds for them, and
   * their findings carry the record's id): a write to such a record recomputes only that
   * record's alerts of the rule, not the town's.
   */
  recordScoped?: string[];
  params: Record<string, ParamDecl>;
  description: string;
  check(ctx: RuleContext): Promise<Omit<AlertFinding, 'rule'>[]>;
}

export function defineAlertRule(r: AlertRule): AlertRule {
  return r;
}
