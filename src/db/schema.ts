import type { Generated } from 'kysely';

/** Row types of every table. Dates are 'YYYY-MM-DD' text; timestamps ISO text. */
export interface OrgTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  /** id of the town this org belongs to (itself for a town), null above town level. */
  town_id: number | null;
  /** materialised path of ids, '/1/4/9/' : subtree = path LIKE '/1/4/%' */
  path: string;
  profile: string; // JSON
  sort: number;
  created_at: string;
  deleted_at: string | null;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  name: string;
  password_hash: string;
  roles: string; // JSON array
  org_id: number;
  must_change_password: number;
  failed_count: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  /** For the daily alert digest by e-mail; optional. */
  email?: string | null;
}

export interface SessionTable {
  id: string; // sha256 of the token
  user_id: number;
  csrf: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  town_id: number | null;
  before: string | null;
  after: string | null;
  note: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** null = SHA-256; 'sm3' in 国密 mode (migration 2026-12-03T0740). */
  hash_alg: string | null;
}

export interface RecordTable {
  id: Generated<number>;
  town_id: number;
  org_id: number;
  org_path: string;
  ledger: string;
  kind: string | null;
  status: string | null;
  sub: string | null;
  flag: number | null;
  person: string | null;
  ref_org_id: number | null;
  date_on: string | null;
  due_on: string | null;
  done_on: string | null;
  date2: string | null;
  date3: string | null;
  n1: number | null;
  n2: number | null;
  title: string;
  search: string;
  data: string; // JSON (jsonb on PostgreSQL)
  version: number;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
  deleted_at: string | null;
  deleted_by: number | null;
  delete_reason: string | null;
}

export interface FileTable {
  id: Generated<number>;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  record_id: number | null;
  town_id: number | null;
  uploaded_by: number | null;
  uploaded_at: string;
  deleted_at: string | null;
}

export interface SettingTable {
  id: Generated<number>;
  scope_org_id: number | null;
  key: string;
  value: string; // JSON
  updated_at: string;
  updated_by: number | null;
}

export interface LedgerDefTable {
  id: Generated<number>;
  key: string;
  scope_org_id: number | null;
  decl: string; // JSON LedgerDecl
  created_at: string;
  created_by: number | null;
  deleted_at: string | null;
}

export interface TemplateTable {
  id: Generated<number>;
  key: string;
  version: number;
  name: string;
  body: string;
  scope_org_id: number | null;
  created_at: string;
  created_by: number | null;
}

export interface ReportTable {
  id: Generated<number>;
  town_id: number;
  org_id: number;
  period: string;
  status: string; // draft | submitted | returned | accepted
  template_id: number | null;
  narrative: string; // JSON {key: text}
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface ReportVersionTable {
  id: Generated<number>;
  report_id: number;
  town_id: number;
  version: number;
  template_id: number | null;
  frozen: string; // JSON: metric values, record ids, narrative, text
  docx: Uint8Array | null;
  submitted_at: string;
  submitted_by: number | null;
  review_status: string | null; // returned | accepted
  review_comment: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
}

export interface IndicatorTable {
  id: Generated<number>;
  scope_org_id: number | null;
  period: string; // '2023Q4' or '*'
  line: string;
  name: string;
  metric: string;
  comparator: string; // '>=' | '<=' | '=' | '>' | '<'
  target: number;
  weight: number;
  scoring: string; // 'binary' | 'linear'
  veto: number;
  created_at: string;
  /** 1: target is per quarter, a year-to-date value is held to target × quarter (migration 2026-11-28T0200). */
  per_quarter: Generated<number>;
  sort: Generated<number>;
  note: string | null;
  updated_at: string | null;
}

export interface AlertTable {
  id: Generated<number>;
  town_id: number | null;
  org_id: number;
  rule: string;
  record_id: number | null;
  /** The record's ledger and creator, for who sees the alert (migration 2026-12-04T1800; null without a record). */
  record_ledger: string | null;
  record_created_by: number | null;
  key: string; // unique per (rule, subject), to keep state across recomputations
  severity: string;
  message: string;
  due_on: string | null;
  status: string; // open | acknowledged | resolved
  assignee: string | null;
  note: string | null;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  /** 'system' when the condition went away, else the username (migration 2026-11-28T0100). */
  resolved_by: string | null;
  handled_by: string | null;
  handled_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: string;
  ok: number;
}

export interface Database {
  orgs: OrgTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  records: RecordTable;
  files: FileTable;
  settings: SettingTable;
  ledger_defs: LedgerDefTable;
  report_templates: TemplateTable;
  reports: ReportTable;
  report_versions: ReportVersionTable;
  indicators: IndicatorTable;
  alerts: AlertTable;
  login_attempts: LoginAttemptTable;
  alert_digest_runs: DigestRunTable;
  rate_limits: RateLimitTable;
  scheduled_runs: ScheduledRunTable;
  metric_snapshots: MetricSnapshotTable;
  ledger_versions: LedgerVersionTable;
  overdue_counts: OverdueCountTable;
}

/** Overdue records per (town, ledger), valid for one day and one change stamp (migration 2026-12-04T1400; src/metrics/overdue.ts). */
export interface OverdueCountTable {
  town_id: number;
  ledger: string;
  on_date: string;
  /** The ledger's `ledger_versions` stamp read before counting ('0': none yet); bigint, a string on PostgreSQL. */
  version: number | string;
  overdue: number;
}

/**
 * A change stamp per (town, ledger), replaced by triggers on every write to its records; (0, '*')
 * changes with any org (migration 2026-12-04T0100; src/metrics/live-cache.ts).
 */
export interface LedgerVersionTable {
  town_id: number;
  ledger: string;
  /** Random; bigint, so PostgreSQL returns it as a string. */
  version: number | string;
}

/** One metric of one town for one quarter, as last computed (migration 2026-12-03T1400; src/metrics/snapshots.ts). */
export interface MetricSnapshotTable {
  town_id: number;
  period: string;
  metric: string;
  value: number | null;
  /** When the computation that stored it began (a row keeps the newer of two: src/metrics/snapshots.ts). */
  computed_at: string;
}

/** The daily e-mail digest of one date, claimed before sending (never sent twice). */
export interface DigestRunTable {
  date: string;
  claimed_at: string;
  /** host:pid of the process that sends it. */
  claimed_by: string;
  finished_at: string | null;
  sent: number | null;
  failed: number | null;
}

/** One rate-limit counter (route and client) shared by all server processes (migration 2026-12-03T1100). */
export interface RateLimitTable {
  key: string;
  count: number;
  /** End of the window, ms since the epoch. */
  reset_at: number;
}

/** A scheduled job of one date, claimed by the process that runs it (docs/scale.md). */
export interface ScheduledRunTable {
  name: string;
  date: string;
  claimed_at: string;
  /** host:pid */
  claimed_by: string;
}
