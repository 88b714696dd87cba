/**
 * The ledger declaration: one typed object per ledger (台账). Storage, API, list/form/detail UI,
 * workflow, import and export are derived from it. Pure data plus named guards: this file is
 * shared with the web client, so it imports nothing from node or the database.
 */
import type { OrgKind, Role, Line } from '../shared/roles.ts';

export const FIELD_KINDS = [
  'text',
  'longText',
  'int',
  'money',
  'date',
  'month',
  'bool',
  'enum',
  'list',
  'org',
  'person',
  'recordRef',
  'files',
  'idNumber',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface EnumOption {
  value: string;
  label: string;
}

/**
 * The promoted columns of the single `records` table, the one list of them: a ledger maps some
 * of its fields onto them so metrics, lists and alerts filter on real, indexed columns. The key
 * is the name a declaration uses, `column` the records column, `type` what it holds. `kind`,
 * `status` and `date` are filled from `kindField`, `statusField` and `dateField`; the others from
 * the declaration's `columns`. A list field promoted to a number column stores its length.
 */
export const PROMOTED_COLUMNS = {
  kind: { column: 'kind', type: 'text' },
  status: { column: 'status', type: 'text' },
  date: { column: 'date_on', type: 'date' },
  sub: { column: 'sub', type: 'text' },
  flag: { column: 'flag', type: 'flag' },
  person: { column: 'person', type: 'text' },
  refOrg: { column: 'ref_org_id', type: 'org' },
  dueOn: { column: 'due_on', type: 'date' },
  doneOn: { column: 'done_on', type: 'date' },
  date2: { column: 'date2', type: 'date' },
  date3: { column: 'date3', type: 'date' },
  n1: { column: 'n1', type: 'number' },
  n2: { column: 'n2', type: 'number' },
} as const;
type PromotedName = keyof typeof PROMOTED_COLUMNS;
/** A records column a field can be promoted to. */
export type PromotedColumn = (typeof PROMOTED_COLUMNS)[PromotedName]['column'];
export type PromotedType = (typeof PROMOTED_COLUMNS)[PromotedName]['type'];
/** The columns filled from the declaration's kindField, statusField and dateField. */
const FROM_DECL = ['kind', 'status', 'date'] as const;
/** The names a declaration's `columns` maps fields onto. */
export type Promoted = Exclude<PromotedName, (typeof FROM_DECL)[number]>;
export const PROMOTED = (Object.keys(PROMOTED_COLUMNS) as PromotedName[]).filter((k): k is Promoted => !(FROM_DECL as readonly string[]).includes(k)) as [
  Promoted,
  ...Promoted[],
];
export const PROMOTED_COLUMN_NAMES = Object.values(PROMOTED_COLUMNS).map((c) => c.column) as PromotedColumn[];

interface FieldBase {
  key: string;
  label: string;
  required?: boolean;
  /** Short help shown under the input. */
  help?: string;
  /** Default for new records: a literal, or 'today' for dates. */
  default?: string | number | boolean | 'today';
  /** Masked in lists/exports and readable in clear only through the audited reveal action. */
  sensitive?: boolean;
  /** Hidden from list columns by default. */
  hiddenInList?: boolean;
  /** Shown in the list by default (else only the first few fields are). */
  listed?: boolean;
}

export type FieldDecl =
  | (FieldBase & { kind: 'text'; maxLength?: number; pattern?: string })
  | (FieldBase & { kind: 'longText'; maxLength?: number })
  | (FieldBase & { kind: 'int'; min?: number; max?: number; unit?: string })
  | (FieldBase & { kind: 'money'; min?: number })
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'month' })
  | (FieldBase & { kind: 'bool' })
  | (FieldBase & { kind: 'enum'; options: EnumOption[]; /** Values outside the options are kept as typed (catalog lists only examples). */ open?: boolean })
  | (FieldBase & { kind: 'list'; of?: 'text' | 'person'; maxItems?: number })
  | (FieldBase & { kind: 'org'; orgKinds?: OrgKind[] })
  | (FieldBase & { kind: 'person' })
  | (FieldBase & { kind: 'recordRef'; ledger: string })
  | (FieldBase & { kind: 'files' })
  | (FieldBase & { kind: 'idNumber' });

/** Shown masked in lists and exports (ID numbers and fields marked sensitive). */
export function isMaskedField(f: FieldDecl): boolean {
  return f.kind === 'idNumber' || !!f.sensitive;
}

/** Named guards a transition may require; implementations live server-side (ledger/workflow). */
export const GUARDS = ['hasDoneOn', 'hasEvidenceOrNote', 'hasClosedOn', 'hasFiledOn', 'hasResolvedOn', 'hasVerified', 'hasPublicizedOn'] as const;
export type GuardName = (typeof GUARDS)[number];

export interface WorkflowState {
  label: string;
  /** antd tag colour */
  color?: string;
  /** A final state: the record counts as closed. */
  final?: boolean;
}

export interface Transition {
  /** States it may start from ('*' any). */
  from: string[] | '*';
  to: string;
  /** Button label, e.g. 标记完成 */
  label: string;
  guards?: GuardName[];
  /** Roles allowed besides the ledger's write roles; when given, only these. */
  roles?: Role[];
  /** Fields the user fills in when taking the transition (e.g. doneOn). */
  fields?: string[];
}

export interface Workflow {
  initial: string;
  states: Record<string, WorkflowState>;
  transitions: Transition[];
}

export interface LedgerAccess {
  read: Role[];
  create: Role[];
  update: Role[];
  transition?: Role[];
  remove: Role[];
  /** Roles whose reading is limited to their own records (e.g. grid members). */
  ownOnly?: Role[];
}

export interface DeadlineRule {
  /**
   * The deadline field: `from` + days (+ an approved extension) when empty, and recomputed
   * while it still holds the value computed from the stored dates (a date entered by hand stays).
   */
  field: string;
  /** The start date field, or several: the first that is filled (受理日期, else 登记日期). */
  from: string | string[];
  days: number;
  /** Extra days when the `when` field is true: the `days` field's value (absent: max), at most max. */
  extend?: { when: string; days: string; max: number };
}

export interface LedgerDecl {
  key: string;
  label: string;
  /** Line of work: the menu group. */
  line: Line;
  /** (S) ledgers: only discipline roles and the secretary read them. */
  sensitive?: boolean;
  description?: string;
  fields: FieldDecl[];
  /** The date field that places a record in time (its `date_on` column; docs/catalog.md lists each ledger's). */
  dateField: string;
  /** The main discriminator (rectification.source, talk.kind, activity.type...). */
  kindField?: string;
  /** The status field driven by the workflow. */
  statusField?: string;
  titleField: string;
  /** Fields mapped onto promoted columns. */
  columns?: Partial<Record<Promoted, string>>;
  /**
   * Server-side only: a yes/no judged from the whole record on every write and stored in the
   * `flag` column (partyMember: the record is complete), so a metric on it is a plain count.
   * Not sent to the client; a ledger that derives its flag maps no field onto `flag`.
   */
  deriveFlag?: (fields: Record<string, unknown>) => boolean;
  workflow?: Workflow;
  deadlines?: DeadlineRule[];
  access: LedgerAccess;
  /** Default list columns (field keys). */
  listColumns: string[];
  /** Excel sheet name (defaults to label). */
  sheet?: string;
  /** Phone-friendly: shown to grid/village roles with a compact form. */
  mobile?: boolean;
}

export function defineLedger(d: LedgerDecl): LedgerDecl {
  return d;
}

/** What the web client receives for a ledger (no functions, nothing server-only). */
export type LedgerClientConfig = Omit<LedgerDecl, 'deriveFlag'> & {
  can: { create: boolean; update: boolean; remove: boolean; transition: boolean };
};
