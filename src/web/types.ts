/** Shapes of the Luoshi REST API as the web client sees them. */
import type { OrgKind, Role } from '../shared/roles.ts';
import type { LedgerClientConfig } from '../ledger/types.ts';
import type { RecordOut } from '../ledger/operations.ts';

export type { LedgerClientConfig };

export interface Me {
  username: string;
  name: string;
  roles: Role[];
  roleLabels: string[];
  org: { code: string; name: string; kind: OrgKind };
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface Org {
  code: string;
  name: string;
  kind: OrgKind;
  parent: string | null;
  profile?: Record<string, unknown> | null;
}

export type FieldValues = Record<string, unknown>;

/** A record as the API returns it: the server's own type (type-only: nothing of the server is bundled). */
export type RecordItem = RecordOut;

export interface TransitionOption {
  to: string;
  label: string;
  fields?: string[];
}

export interface RecordDetail extends RecordItem {
  can: { update: boolean; remove: boolean; transition: boolean; restore?: boolean };
  transitions: TransitionOption[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface HistoryChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  at: string;
  actor: string | null;
  action: string;
  note?: string | null;
  changes?: HistoryChange[];
}

export interface FileInfo {
  id: number | string;
  name: string;
  size: number;
  mime: string;
  uploadedAt: string;
}

export interface ImportError {
  line?: number;
  sheet?: string;
  row?: number;
  field?: string;
  message: string;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  counts: Record<string, number>;
  total: number;
  /** New org nodes in the file. */
  orgs?: number;
  errors: ImportError[];
}

export interface UserRow {
  username: string;
  name: string;
  roles: Role[];
  org: string | { code: string; name?: string };
  orgName?: string;
  disabled?: boolean;
  mustChangePassword?: boolean;
  locked?: boolean;
  lockedUntil?: string | null;
  roleLabels?: string[];
  lastLoginAt?: string | null;
  email?: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  note?: string | null;
  ip?: string | null;
  hash?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditVerify {
  ok: boolean;
  entries: number;
  algorithms?: Record<string, number>;
  brokenAt?: number;
  reason?: string;
}

export interface SecurityPolicy {
  minLength: number;
  minClasses: number;
  idleMinutes: number;
  maxFailures: number;
  lockMinutes: number;
}

export interface Division {
  code: string;
  name: string;
}

export interface SecurityEvents {
  total: number;
  items: { id: number; at: string; actor: string | null; action: string; target: string | null; note: string | null; ip: string | null }[];
  locked: { username: string; name: string; lockedUntil: string }[];
  keys: { active: string; scheme: 'aes' | 'sm'; rotation: { from: string; to: string; cursor: number; done: number; startedAt: string } | null } | null;
}
