import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, RecordTable } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { getOrgByCode, getOrgById, listSubtree, type Org } from '../org/service.ts';
import { audit } from '../audit/log.ts';
import { HttpError } from '../server/errors.ts';
import { getLedger, type CompiledLedger } from './registry.ts';
import { validateFields } from './validate.ts';
import { fromData, plainFields, toRow } from './storage.ts';
import { actorOfPrincipal, can, ownOnly, type Operation, type Principal } from './principal.ts';
import { runGuards } from './workflow.ts';
import { fieldKinds } from './fields/registry.ts';
import type { FieldDecl } from './types.ts';
import { runAfterWrite, runBeforeWrite } from './hooks.ts';
import { today } from '../shared/today.ts';

type DbLike = Kysely<Database> | Transaction<Database>;

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
  if (!l) throw new HttpError(404, `台账不存在：${key}`);
  if (!can(p, l, 'read')) throw new HttpError(403, `无权查看${l.decl.label}`);
  if (op !== 'read' && !can(p, l, op)) throw new HttpError(403, `无权${opLabel[op]}${l.decl.label}`);
  return l;
}
const opLabel: Record<Operation, string> = { read: '查看', create: '新建', update: '修改', transition: '流转', remove: '删除' };

/** Orgs of a town by code, for parsing org fields and mapping refOrg ids. */
export async function townOrgs(db: DbLike, townId: number): Promise<Map<string, Org>> {
  const town = (await getOrgById(db, townId))!;
  return new Map((await listSubtree(db, town)).map((o) => [o.code, o]));
}

export function isOverdue(l: CompiledLedger, r: Pick<RecordTable, 'due_on' | 'status'>, on = today()): boolean {
  return !!r.due_on && r.due_on < on && !(r.status && l.finalStates.has(r.status));
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

function invalid(l: CompiledLedger, errors: { field: string; label: string; message: string }[]): HttpError {
  return new HttpError(400, `${l.decl.label}填写有误：${errors.map((e) => `${e.label}：${e.message}`).join('；')}`, errors);
}

async function recordOrg(db: DbLike, p: Principal, code: string): Promise<Org> {
  const org = await getOrgByCode(db, code);
  if (!org) throw new HttpError(400, `组织不存在：${code}`);
  if (!p.system && !org.path.startsWith(p.org.path)) throw new HttpError(403, `无权在该组织下登记：${org.name}`);
  if (!org.townId) throw new HttpError(400, `台账记录须登记在镇或镇以下组织：${org.name}`);
  return org;
}

export async function createRecord(db: Kysely<Database>, p: Principal, ledger: string, orgCode: string, raw: Record<string, unknown>): Promise<RecordOut> {
  const l = await requireLedger(db, p, ledger, 'create');
  const org = await recordOrg(db, p, orgCode);
  const orgs = await townOrgs(db, org.townId!);
  const { fields, errors } = validateFields(l, raw, { orgExists: (c) => orgs.has(c) }, { isNew: true, today: today() });
  if (errors.length) throw invalid(l, errors);
  await runBeforeWrite({ db, principal: p, ledger: l, op: 'create', townId: org.townId!, fields });
  const now = nowIso();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('records')
      .values({
        town_id: org.townId!,
        org_id: org.id,
        org_path: org.path,
        ledger: l.key,
        ...toRow(l, fields, (c) => orgs.get(c)?.id),
        version: 1,
        created_at: now,
        created_by: p.id,
        updated_at: now,
        updated_by: p.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actorOfPrincipal(p), { action: 'create', entity: 'record', entityId: row.id, townId: org.townId, after: { ledger: l.key, org: org.code, fields: auditSafe(l, fields) } });
    return row.id;
  });
  await runAfterWrite({ db, principal: p, ledger: l, op: 'create', townId: org.townId!, fields, recordId: id });
  return getRecord(db, p, id);
}

/** Fields for the audit log: ID numbers masked, never stored in clear outside their column. */
export function auditSafe(l: CompiledLedger, fields: Record<string, unknown>): Record<string, unknown> {
  const out = { ...fields };
  for (const f of l.decl.fields) if (f.kind === 'idNumber' && typeof out[f.key] === 'string') out[f.key] = `${String(out[f.key]).slice(0, 4)}**********${String(out[f.key]).slice(-4)}`;
  return out;
}

/** The record row if the principal may read it (same rules as lists), else 404. */
async function loadRow(db: DbLike, p: Principal, id: number, op: Operation) {
  const r = await db
    .selectFrom('records')
    .innerJoin('orgs', 'orgs.id', 'records.org_id')
    .selectAll('records')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .where('records.id', '=', id)
    .executeTakeFirst();
  if (!r) throw new HttpError(404, '记录不存在');
  const l = await getLedger(db as Kysely<Database>, r.ledger);
  if (!l || (!p.system && (!r.org_path.startsWith(p.org.path) || !can(p, l, 'read')))) throw new HttpError(404, '记录不存在或无权查看');
  if (ownOnly(p, l) && r.created_by !== p.id) throw new HttpError(404, '记录不存在或无权查看');
  if (op !== 'read' && !can(p, l, op)) throw new HttpError(403, `无权${opLabel[op]}${l.decl.label}`);
  return { r, l };
}

export async function getRecord(db: DbLike, p: Principal, id: number): Promise<RecordOut> {
  const { r, l } = await loadRow(db, p, id, 'read');
  const n = await db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).where('record_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return toOut(l, r, Number(n?.n ?? 0));
}

/** Another writer changed the record between our read and our write. */
class LostUpdate extends HttpError {}

/**
 * Update a record's fields. With `expectedVersion` (the form's version) a record changed since
 * is a 409; without it the change is merged into the current record, re-reading it when another
 * writer got in between (PostgreSQL runs writers concurrently; SQLite serialises them).
 */
export async function updateRecord(db: Kysely<Database>, p: Principal, id: number, raw: Record<string, unknown>, expectedVersion?: number): Promise<RecordOut> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await updateOnce(db, p, id, raw, expectedVersion);
    } catch (e) {
      if (!(e instanceof LostUpdate) || expectedVersion != null || attempt >= 12) throw e;
      // Jittered back-off so that writers racing for the same row do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

async function updateOnce(db: Kysely<Database>, p: Principal, id: number, raw: Record<string, unknown>, expectedVersion?: number): Promise<RecordOut> {
  // Read, merge and write under the row lock (PostgreSQL; SQLite has one writer at a time), so a
  // concurrent writer is waited for instead of overwritten or reported as a conflict.
  const postgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const done = await db.transaction().execute(async (trx) => {
    if (postgres) await trx.selectFrom('records').select('id').where('id', '=', id).forUpdate().execute();
    const { r, l } = await loadRow(trx, p, id, 'update');
    if (r.deleted_at) throw new HttpError(409, '记录已删除，请先恢复');
    if (expectedVersion != null && expectedVersion !== r.version) throw new HttpError(409, '记录已被他人修改，请刷新后重试');
    if (l.decl.workflow && l.decl.statusField && l.decl.statusField in raw && raw[l.decl.statusField] !== parseJson<Record<string, unknown>>(r.data)[l.decl.statusField]) {
      throw new HttpError(400, '状态请通过流转操作修改');
    }
    const existing = plainFields(l, parseJson(r.data));
    const orgs = await townOrgs(trx, r.town_id);
    const { fields, errors } = validateFields(l, raw, { orgExists: (c) => orgs.has(c) }, { isNew: false, existing, today: today() });
    if (errors.length) throw invalid(l, errors);
    await runBeforeWrite({ db: trx, principal: p, ledger: l, op: 'update', townId: r.town_id, fields, recordId: id });
    const res = await trx
      .updateTable('records')
      .set({ ...toRow(l, fields, (c) => orgs.get(c)?.id), version: r.version + 1, updated_at: nowIso(), updated_by: p.id })
      .where('id', '=', id)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new LostUpdate(409, '记录已被他人修改，请刷新后重试');
    await audit(trx, actorOfPrincipal(p), { action: 'update', entity: 'record', entityId: id, townId: r.town_id, before: auditSafe(l, existing), after: auditSafe(l, fields) });
    return { l, townId: r.town_id, fields };
  });
  await runAfterWrite({ db, principal: p, ledger: done.l, op: 'update', townId: done.townId, fields: done.fields, recordId: id });
  return getRecord(db, p, id);
}

export async function transitionRecord(db: Kysely<Database>, p: Principal, id: number, to: string, note: string | undefined, raw: Record<string, unknown> = {}): Promise<RecordOut> {
  const { r, l } = await loadRow(db, p, id, 'transition');
  const wf = l.decl.workflow;
  if (!wf || !l.decl.statusField) throw new HttpError(400, `${l.decl.label}没有流转`);
  if (r.deleted_at) throw new HttpError(409, '记录已删除，请先恢复');
  const from = r.status ?? wf.initial;
  const t = wf.transitions.find((x) => x.to === to && (x.from === '*' || x.from.includes(from)));
  if (!t) throw new HttpError(400, `不能从“${wf.states[from]?.label ?? from}”转为“${wf.states[to]?.label ?? to}”`);
  if (t.roles && !p.system && !p.roles.some((x) => t.roles!.includes(x))) throw new HttpError(403, `当前角色不能执行“${t.label}”`);
  const existing = plainFields(l, parseJson(r.data));
  const orgs = await townOrgs(db, r.town_id);
  const { fields, errors } = validateFields(l, { ...raw, [l.decl.statusField]: to }, { orgExists: (c) => orgs.has(c) }, { isNew: false, existing, today: today() });
  if (errors.length) throw invalid(l, errors);
  const files = await db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).where('record_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  const guardErrors = runGuards(t.guards ?? [], { fields, note, files: Number(files?.n ?? 0), ledger: l });
  if (guardErrors.length) throw new HttpError(400, guardErrors.join('；'), guardErrors.map((m) => ({ field: '', label: '', message: m })));
  await runBeforeWrite({ db, principal: p, ledger: l, op: 'transition', townId: r.town_id, fields, recordId: id });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('records').set({ ...toRow(l, fields, (c) => orgs.get(c)?.id), version: r.version + 1, updated_at: nowIso(), updated_by: p.id }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), { action: 'transition', entity: 'record', entityId: id, townId: r.town_id, before: { status: from }, after: { status: to, fields: auditSafe(l, raw) }, note: note ?? null });
  });
  await runAfterWrite({ db, principal: p, ledger: l, op: 'transition', townId: r.town_id, fields, recordId: id });
  return getRecord(db, p, id);
}

export async function removeRecord(db: Kysely<Database>, p: Principal, id: number, reason: string): Promise<void> {
  const { r, l } = await loadRow(db, p, id, 'remove');
  if (!reason.trim()) throw new HttpError(400, '请填写删除原因');
  if (r.deleted_at) return;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('records').set({ deleted_at: nowIso(), deleted_by: p.id, delete_reason: reason, version: r.version + 1 }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), { action: 'delete', entity: 'record', entityId: id, townId: r.town_id, note: reason });
  });
  await runAfterWrite({ db, principal: p, ledger: l, op: 'remove', townId: r.town_id, fields: {}, recordId: id });
}

export async function restoreRecord(db: Kysely<Database>, p: Principal, id: number): Promise<RecordOut> {
  const { r, l } = await loadRow(db, p, id, 'remove');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('records').set({ deleted_at: null, deleted_by: null, delete_reason: null, version: r.version + 1 }).where('id', '=', id).execute();
    await audit(trx, actorOfPrincipal(p), { action: 'restore', entity: 'record', entityId: id, townId: r.town_id });
  });
  await runAfterWrite({ db, principal: p, ledger: l, op: 'restore', townId: r.town_id, fields: {}, recordId: id });
  return getRecord(db, p, id);
}

export async function revealField(db: Kysely<Database>, p: Principal, id: number, field: string): Promise<string> {
  const { r, l } = await loadRow(db, p, id, 'read');
  const f = l.fields.get(field);
  if (!f) throw new HttpError(400, `未知字段：${field}`);
  const value = plainFields(l, parseJson(r.data))[field];
  await audit(db, actorOfPrincipal(p), { action: 'reveal', entity: 'record', entityId: id, townId: r.town_id, note: `查看明文：${f.label}` });
  return value == null ? '' : String(value);
}

export interface HistoryEntry {
  at: string;
  actor: string | null;
  action: string;
  note: string | null;
  changes: { field: string; label: string; before: string; after: string }[];
}

export async function recordHistory(db: DbLike, p: Principal, id: number): Promise<HistoryEntry[]> {
  const { l } = await loadRow(db, p, id, 'read');
  const rows = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'record').where('entity_id', '=', String(id)).orderBy('id').execute();
  const fmt = (f: FieldDecl | undefined, v: unknown) => (v == null ? '' : f ? (fieldKinds[f.kind].format as (v: unknown, f: FieldDecl) => string)(v, f) : String(v));
  return rows.map((a) => {
    const before = a.before ? (JSON.parse(a.before) as Record<string, unknown>) : {};
    const after = a.after ? (JSON.parse(a.after) as Record<string, unknown>) : {};
    const b = (before.fields ?? before) as Record<string, unknown>;
    const n = (after.fields ?? after) as Record<string, unknown>;
    const changes = [...new Set([...Object.keys(b), ...Object.keys(n)])]
      .filter((k) => l.fields.has(k) && !(a.action === 'transition' && k === l.decl.statusField) && JSON.stringify(b[k]) !== JSON.stringify(n[k]))
      .map((k) => ({ field: k, label: l.fields.get(k)!.label, before: fmt(l.fields.get(k), b[k]), after: fmt(l.fields.get(k), n[k]) }));
    if (a.action === 'transition') changes.unshift({ field: 'status', label: '状态', before: String(before.status ?? ''), after: String(after.status ?? '') });
    return { at: a.at, actor: a.actor, action: a.action, note: a.note, changes };
  });
}

export { sql };
