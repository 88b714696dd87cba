/** What every record verb shares: the reply shape, access checks, the town's orgs, error shapes. */
import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { Database, RecordTable } from '../../db/schema.ts';
import { parseJson } from '../../db/kysely.ts';
import { isPostgres } from '../../db/dialect.ts';
import { getOrgByCode, getOrgById, listSubtree, type Org } from '../../org/service.ts';
import { Forbidden, Invalid, NotFound } from '../../util/errors.ts';
import { getLedger, type CompiledLedger } from '../registry.ts';
import { fromData } from '../storage.ts';
import { can, type Operation, type Principal } from '../principal.ts';
import { inOrgScope, matches, recordAccess, type RecordRow } from '../../access/records.ts';
import { today } from '../../shared/today.ts';

export type DbLike = Kysely<Database> | Transaction<Database>;

export interface RecordOut {
  id: number;
  ledger: string;
  org: string;
  orgName: string;
  status: string | null;
  kind: string | null;
  title: string;
  fields: Record<string, unknown>;
  dueOn: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  deletedAt: string | null;
  deleteReason: string | null;
  files: number;
}

export async function requireLedger(db: DbLike, p: Principal, key: string, op: Operation): Promise<CompiledLedger> {
  const l = await getLedger(db as Kysely<Database>, key);
  if (!l) throw new NotFound(`台账不存在：${key}`);
  if (!can(p, l, 'read')) throw new Forbidden(`无权查看${l.decl.label}`);
  if (op !== 'read' && !can(p, l, op)) throw new Forbidden(`无权${opLabel[op]}${l.decl.label}`);
  return l;
}
export const opLabel: Record<Operation, string> = { read: '查看', create: '新建', update: '修改', transition: '流转', remove: '删除' };

/** Orgs of a town by code, for parsing org fields and mapping refOrg ids (`rememberedOn`: see getOrgById). */
export async function townOrgs(db: DbLike, townId: number, rememberedOn?: Kysely<Database>): Promise<Map<string, Org>> {
  const town = (await getOrgById(db, townId, { rememberedOn }))!;
  return new Map((await listSubtree(db, town, { rememberedOn })).map((o) => [o.code, o]));
}

export function isOverdue(l: CompiledLedger, r: Pick<RecordTable, 'due_on' | 'status'>, on = today()): boolean {
  return !!r.due_on && r.due_on < on && !(r.status && l.finalStates.has(r.status));
}

/** `isOverdue` in SQL, over `records as r` of ledger `l` (the list's 逾期 filter, the dashboards' overdue counts). */
export function overdueSql(l: CompiledLedger, on = today()): RawBuilder<SqlBool> {
  const finals = [...l.finalStates];
  return finals.length ? sql<SqlBool>`(r.due_on < ${on} and (r.status is null or r.status not in (${sql.join(finals)})))` : sql<SqlBool>`(r.due_on < ${on})`;
}

export function toOut(l: CompiledLedger, r: Selectable<RecordTable> & { org_code: string; org_name: string }, files = 0): RecordOut {
  return {
    id: r.id,
    ledger: r.ledger,
    org: r.org_code,
    orgName: r.org_name,
    status: r.status,
    kind: r.kind,
    title: r.title,
    fields: fromData(l, parseJson(r.data)),
    dueOn: r.due_on,
    overdue: isOverdue(l, r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    deletedAt: r.deleted_at,
    deleteReason: r.delete_reason,
    files,
  };
}

export function invalid(l: CompiledLedger, errors: { field: string; label: string; message: string }[]): Invalid {
  return new Invalid(`${l.decl.label}填写有误：${errors.map((e) => `${e.label}：${e.message}`).join('；')}`, errors);
}

export async function recordOrg(db: DbLike, p: Principal, code: string): Promise<Org> {
  const org = await getOrgByCode(db, code);
  if (!org) throw new Invalid(`组织不存在：${code}`);
  if (!inOrgScope(p, org)) throw new Forbidden(`无权在该组织下登记：${org.name}`);
  if (!org.townId) throw new Invalid(`台账记录须登记在镇或镇以下组织：${org.name}`);
  return org;
}

/** Fields for the audit log: ID numbers masked, never stored in clear outside their column. */
export function auditSafe(l: CompiledLedger, fields: Record<string, unknown>): Record<string, unknown> {
  const out = { ...fields };
  for (const f of l.decl.fields)
    if (f.kind === 'idNumber' && typeof out[f.key] === 'string') out[f.key] = `${String(out[f.key]).slice(0, 4)}**********${String(out[f.key]).slice(-4)}`;
  return out;
}

/** Records with their org's code and name, as the record verbs read them. */
export function recordRows(db: DbLike) {
  return db
    .selectFrom('records')
    .innerJoin('orgs', 'orgs.id', 'records.org_id')
    .selectAll('records')
    .select(['orgs.code as org_code', 'orgs.name as org_name']);
}

/** Whether `p` may read the loaded record `r` of ledger `l` (the same rule as lists: recordAccess). */
export function mayRead(p: Principal, l: CompiledLedger | undefined, r: RecordRow): l is CompiledLedger {
  const readable = l && recordAccess(p, l, 'read');
  return !!readable && matches(readable, r);
}

/**
 * The record row if the principal may read it (same rules as lists), else 404. `lock`: on
 * PostgreSQL the record's row (not its org's) is locked for the transaction by the same query.
 */
export async function loadRow(db: DbLike, p: Principal, id: number, op: Operation, o: { lock?: boolean } = {}) {
  let q = recordRows(db).where('records.id', '=', id);
  if (o.lock && isPostgres(db)) q = q.forUpdate('records');
  return checkedRow(db, p, await q.executeTakeFirst(), op);
}

/** The live attachment count of the record whose id column is `idColumn`, as a column `file_count` of the query. */
export function fileCountColumn(idColumn: string) {
  return sql<number>`(select count(*) from files where files.record_id = ${sql.ref(idColumn)} and files.deleted_at is null)`.as('file_count');
}

/** loadRow for reading, with the record's live attachment count in the same query (one round trip). */
export async function loadRowWithFileCount(db: DbLike, p: Principal, id: number) {
  const r = await recordRows(db).select(fileCountColumn('records.id')).where('records.id', '=', id).executeTakeFirst();
  return checkedRow(db, p, r, 'read');
}

async function checkedRow<R extends RecordRow>(db: DbLike, p: Principal, r: R | undefined, op: Operation) {
  if (!r) throw new NotFound('记录不存在');
  const l = await getLedger(db as Kysely<Database>, r.ledger);
  if (!mayRead(p, l, r)) throw new NotFound('记录不存在或无权查看');
  if (op !== 'read' && !recordAccess(p, l, op)) throw new Forbidden(`无权${opLabel[op]}${l.decl.label}`);
  return { r, l };
}
