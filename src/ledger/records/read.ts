/** Reading one record: the record, a masked field in clear (audited), its history. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { parseJson } from '../../db/kysely.ts';
import { audit } from '../../audit/log.ts';
import { Invalid } from '../../util/errors.ts';
import { plainFields } from '../storage.ts';
import { actorOfPrincipal, can, type Principal } from '../principal.ts';
import { offeredTransitions } from '../workflow.ts';
import { getLedger, type CompiledLedger } from '../registry.ts';
import { fieldKinds } from '../fields/registry.ts';
import type { FieldDecl } from '../types.ts';
import { fileCountColumn, loadRow, loadRowWithFileCount, mayRead, recordRows, toOut, type DbLike, type RecordOut } from './common.ts';

export async function getRecord(db: DbLike, p: Principal, id: number): Promise<RecordOut> {
  const { r, l } = await loadRowWithFileCount(db, p, id);
  return toOut(l, r, Number(r.file_count ?? 0));
}

/**
 * The records behind a number (a metric's value, a submitted report's figure), as far as the
 * principal may read them: the first `limit` ids, in their order; those the principal may not
 * read (or that no longer exist) are counted as `hidden`. One query for the rows and one for
 * their file counts, each row checked by the one read rule (`mayRead`, as getRecord does);
 * any error is the caller's.
 */
export async function recordsBehind(db: DbLike, p: Principal, ids: number[], limit = 500): Promise<{ total: number; hidden: number; items: RecordOut[] }> {
  const wanted = ids.slice(0, limit);
  const rows = wanted.length ? await recordRows(db).select(fileCountColumn('records.id')).where('records.id', 'in', wanted).execute() : [];
  const ledgers = new Map<string, CompiledLedger | undefined>();
  for (const key of new Set(rows.map((r) => r.ledger))) ledgers.set(key, await getLedger(db as Kysely<Database>, key));
  const readable = new Map(rows.filter((r) => mayRead(p, ledgers.get(r.ledger), r)).map((r) => [r.id, r]));
  const items = wanted.flatMap((id) => {
    const r = readable.get(id);
    return r ? [toOut(ledgers.get(r.ledger)!, r, Number(r.file_count ?? 0))] : [];
  });
  return { total: ids.length, hidden: wanted.length - items.length, items };
}

/** A record as its page shows it: the record, what the principal may do with it, the transitions offered. */
export async function recordDetail(db: DbLike, p: Principal, id: number) {
  const rec = await getRecord(db, p, id);
  const l = (await getLedger(db as Kysely<Database>, rec.ledger))!;
  const transitions = can(p, l, 'transition') && !rec.deletedAt ? offeredTransitions(l, p, rec.status) : [];
  return { ...rec, can: { update: can(p, l, 'update'), remove: can(p, l, 'remove'), transition: can(p, l, 'transition') }, transitions };
}

export async function revealField(db: Kysely<Database>, p: Principal, id: number, field: string): Promise<string> {
  const { r, l } = await loadRow(db, p, id, 'read');
  const f = l.fields.get(field);
  if (!f) throw new Invalid(`未知字段：${field}`);
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
  const fmt = (f: FieldDecl | undefined, v: unknown) =>
    v == null ? '' : f ? (fieldKinds[f.kind].format as (v: unknown, f: FieldDecl) => string)(v, f) : String(v);
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
