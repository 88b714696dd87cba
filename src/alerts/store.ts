/**
 * The alert table: findings are upserted by their stable key, so a user's acknowledgement,
 * assignment or resolution survives recomputation; an open alert whose condition is gone is
 * resolved by the system (and reopened should the condition come back). A user's resolution
 * stands even when the condition persists.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertTable, Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import type { AlertFinding } from './types.ts';
import { chunks } from '../util/chunks.ts';
import { isPostgres } from '../db/dialect.ts';

export const SYSTEM = 'system';

export interface SyncScope {
  rules: string[];
  /** Alerts of these towns (a full recomputation)… */
  townIds?: number[];
  /** …or of these records only (a per-record recomputation). */
  recordIds?: number[];
}

export interface SyncResult {
  /** Findings that became open alerts (new, or reopened after a system resolution). */
  opened: AlertFinding[];
  updated: number;
  resolved: number;
  total: number;
}

export async function loadScope(db: Kysely<Database>, scope: SyncScope): Promise<Selectable<AlertTable>[]> {
  const out: Selectable<AlertTable>[] = [];
  const ids = scope.townIds ?? scope.recordIds ?? [];
  for (const part of chunks(ids, 500)) {
    let q = db.selectFrom('alerts').selectAll().where('rule', 'in', scope.rules);
    q = scope.townIds ? q.where('town_id', 'in', part) : q.where('record_id', 'in', part);
    out.push(...(await q.execute()));
  }
  return out;
}

/** What storing a set of findings changes, worked out from the rows already stored. */
interface SyncPlan {
  inserts: AlertFinding[];
  /** `moved`: the finding is now on another record (its record columns are filled again). */
  updates: { id: number; f: AlertFinding; reopen: boolean; moved: boolean }[];
  /** Keys whose `last_seen` moves to a later day. */
  touch: string[];
  /** Open alerts whose condition is gone. */
  gone: number[];
  total: number;
}

/**
 * `last_seen` is kept to the day: a finding seen again on the same day leaves its row alone, so
 * a recomputation that finds what it found an hour ago writes nothing (and on SQLite takes no
 * write lock at all, see syncFindings).
 */
const sameDay = (a: string, b: string) => a.slice(0, 10) === b.slice(0, 10);

function planSync(existing: Map<string, Selectable<AlertTable>>, findings: AlertFinding[], now: string): SyncPlan {
  const seen = new Set<string>();
  const plan: SyncPlan = { inserts: [], updates: [], touch: [], gone: [], total: 0 };
  for (const f of findings) {
    if (seen.has(f.key)) continue;
    seen.add(f.key);
    const row = existing.get(f.key);
    if (!row) {
      plan.inserts.push(f);
      continue;
    }
    const reopen = row.status === 'resolved' && row.resolved_by === SYSTEM;
    const changed =
      row.severity !== f.severity || row.message !== f.message || row.due_on !== f.dueOn || row.org_id !== f.orgId || row.record_id !== f.recordId;
    if (reopen || changed) plan.updates.push({ id: row.id, f, reopen, moved: row.record_id !== f.recordId });
    else if (!sameDay(row.last_seen, now)) plan.touch.push(f.key);
  }
  plan.gone = [...existing.values()].filter((r) => r.status !== 'resolved' && !seen.has(r.key)).map((r) => r.id);
  plan.total = seen.size;
  return plan;
}

const isEmpty = (p: SyncPlan) => !p.inserts.length && !p.updates.length && !p.touch.length && !p.gone.length;

/**
 * Store the findings of `scope`. The plan is first worked out from a plain read: when nothing
 * changed (the usual case for a recomputation after a write elsewhere in the town) no
 * transaction is opened, so the alert worker does not hold SQLite's write lock for a town it
 * leaves as it was. Otherwise the plan is worked out again inside the transaction, from the rows
 * as they are then (a user may have acknowledged or resolved one meanwhile).
 */
export async function syncFindings(
  db: Kysely<Database>,
  findings: AlertFinding[],
  scope: SyncScope,
  now = nowIso(),
  /** loadScope(db, scope), when the caller started it beside the rules' own reads. */
  stored?: Promise<Selectable<AlertTable>[]>,
): Promise<SyncResult> {
  if (!scope.rules.length) return { opened: [], updated: 0, resolved: 0, total: 0 };
  const before = planSync(new Map((await (stored ?? loadScope(db, scope))).map((r) => [r.key, r])), findings, now);
  if (isEmpty(before)) return { opened: [], updated: 0, resolved: 0, total: before.total };
  return db.transaction().execute(async (trx) => {
    const plan = planSync(new Map((await loadScope(trx, scope)).map((r) => [r.key, r])), findings, now);
    const opened: AlertFinding[] = [];
    // PostgreSQL: one statement per 500 changed alerts — a new day changes every "已逾期 N 个工作日"
    // message, thousands of rows a morning, and a round trip each held the town's transaction
    // open. SQLite runs in the process: a statement per row costs microseconds.
    const pg = isPostgres(trx);
    for (const part of pg ? chunks(plan.updates, 500) : plan.updates.map((u) => [u])) {
      await (pg ? updateMany(trx, part, now) : updateOne(trx, part[0], now));
      for (const { f, reopen } of part) if (reopen) opened.push(f);
    }
    for (const part of chunks(plan.touch, 500)) await trx.updateTable('alerts').set({ last_seen: now }).where('key', 'in', part).execute();
    for (const part of chunks(plan.inserts, 200)) {
      const res = await trx
        .insertInto('alerts')
        .values(
          part.map((f) => ({
            town_id: f.townId,
            org_id: f.orgId,
            rule: f.rule,
            record_id: f.recordId,
            ...recordColumns(f.recordId),
            key: f.key,
            severity: f.severity,
            message: f.message,
            due_on: f.dueOn,
            status: 'open',
            assignee: null,
            note: null,
            first_seen: now,
            last_seen: now,
            resolved_at: null,
            resolved_by: null,
            handled_by: null,
            handled_at: null,
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      const added = new Set(res.map((r) => r.key));
      opened.push(...part.filter((f) => added.has(f.key)));
    }
    for (const part of chunks(plan.gone, 500)) {
      await trx.updateTable('alerts').set({ status: 'resolved', resolved_at: now, resolved_by: SYSTEM }).where('id', 'in', part).execute();
    }
    return { opened, updated: plan.updates.length, resolved: plan.gone.length, total: plan.total };
  });
}

/**
 * An alert's record columns (record_ledger, record_created_by), read from its record in the
 * statement that stores the alert: who sees an alert is decided on them (./access.ts), and a
 * record never changes ledger or creator, so they are written when an alert is inserted or moves
 * to another record, and never again.
 */
const recordColumns = (recordId: number | null) => ({
  record_ledger: recordId == null ? null : sql<string>`(select r.ledger from records r where r.id = ${recordId})`,
  record_created_by: recordId == null ? null : sql<number>`(select r.created_by from records r where r.id = ${recordId})`,
});

/** A changed alert: its finding's columns and last_seen; reopened when the system had resolved it. */
async function updateOne(trx: Kysely<Database>, { id, f, reopen, moved }: SyncPlan['updates'][number], now: string): Promise<void> {
  await trx
    .updateTable('alerts')
    .set({
      severity: f.severity,
      message: f.message,
      due_on: f.dueOn,
      org_id: f.orgId,
      town_id: f.townId,
      record_id: f.recordId,
      ...(moved ? recordColumns(f.recordId) : {}),
      last_seen: now,
      ...(reopen ? { status: 'open', resolved_at: null, resolved_by: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** PostgreSQL: many changed alerts in one UPDATE … FROM (VALUES …), each set as updateOne sets it. */
async function updateMany(trx: Kysely<Database>, part: SyncPlan['updates'], now: string): Promise<void> {
  const rows = part.map(
    ({ id, f, reopen, moved }) =>
      sql`(${id}::integer, ${f.severity}::text, ${f.message}::text, ${f.dueOn}::text, ${f.orgId}::integer, ${f.townId}::integer, ${f.recordId}::integer, ${reopen}::boolean, ${moved}::boolean)`,
  );
  await sql`
    update alerts as a set
      severity = v.severity, message = v.message, due_on = v.due_on, org_id = v.org_id, town_id = v.town_id,
      record_id = v.record_id, last_seen = ${now},
      record_ledger = case when v.moved then (select r.ledger from records r where r.id = v.record_id) else a.record_ledger end,
      record_created_by = case when v.moved then (select r.created_by from records r where r.id = v.record_id) else a.record_created_by end,
      status = case when v.reopen then 'open' else a.status end,
      resolved_at = case when v.reopen then null else a.resolved_at end,
      resolved_by = case when v.reopen then null else a.resolved_by end
    from (values ${sql.join(rows)}) as v(id, severity, message, due_on, org_id, town_id, record_id, reopen, moved)
    where a.id = v.id`.execute(trx);
}
