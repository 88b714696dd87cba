/**
 * The one write path of the ledger engine. Every way a record enters or changes — the web form
 * and the API (create, update, transition), JSON Lines and Excel imports from the web or the
 * CLI, records of ledgers stored as data — runs the same steps: validation and the workflow's
 * status rule (prepareFields), derived columns (storage.toRow), the ledgers' write guards
 * (hooks.ts, e.g. the 影响期 guard on 干部任用), the audit, and after the commit the
 * after-write work (e.g. alert recomputation), once per write however many records it holds.
 */
import { CompiledQuery, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { insertFromJsonRows, isPostgres } from '../db/dialect.ts';
import { audit } from '../audit/log.ts';
import { Invalid } from '../util/errors.ts';
import type { CompiledLedger } from './registry.ts';
import type { ParseContext } from './fields/registry.ts';
import { validateFields, type FieldError, type ValidateOptions } from './validate.ts';
import { toRow } from './storage.ts';
import { actorOfPrincipal, type Principal } from './principal.ts';
import { entryErrors } from './workflow.ts';
import { auditSafe } from './records/common.ts';
import { runWriteGuards, type Refusal, type WriteItem, type WriteOp } from './hooks.ts';

export { runAfterWrite as afterCommit } from './hooks.ts';

/** A write refused by a guard: invalid (HTTP 400) with the guards' messages; an import maps each to its line. */
export class WriteRefused extends Invalid {
  constructor(public refusals: Refusal[]) {
    super(
      [...new Set(refusals.map((r) => r.message))].join('；'),
      refusals.map((r) => ({ field: r.field ?? '', label: r.label ?? '', message: r.short ?? r.message })),
    );
  }
}

/** A record's fields validated and normalised; for a new record, the workflow's status rule too. Never throws. */
export function prepareFields(
  l: CompiledLedger,
  p: Principal,
  raw: Record<string, unknown>,
  ctx: ParseContext,
  o: ValidateOptions,
): { fields: Record<string, unknown>; errors: FieldError[] } {
  const r = validateFields(l, raw, ctx, o);
  if (o.isNew && !r.errors.length) r.errors.push(...entryErrors(l, p, r.fields));
  return r;
}

/** Run the write guards inside the write's transaction; any refusal throws WriteRefused (rolls back). */
export async function guardWrites(trx: Kysely<Database>, p: Principal, op: WriteOp, items: (WriteItem & { ledger: CompiledLedger })[]): Promise<void> {
  const refusals = await runWriteGuards(trx, p, op, items);
  if (refusals.length) throw new WriteRefused(refusals);
}

export interface NewRecord {
  ledger: CompiledLedger;
  org: { id: number; path: string; code: string };
  townId: number;
  /** Validated by prepareFields. */
  fields: Record<string, unknown>;
}

export interface InsertOptions {
  /** Org code → id, for org-valued fields. */
  orgIdOf: (code: string) => number | undefined;
  /** 'record': one audit entry per record with its fields (a form); 'batch': one per 400 records naming their ids (an import). */
  audit: 'record' | 'batch';
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 400;

/**
 * Store new records inside the caller's transaction: derived columns, the rows (in batches),
 * then the write guards over all of them — after the rows are in place, so a guard sees every
 * record of the write (a sanction and a promotion in one file) — and the audit. A refusal
 * throws WriteRefused, so the caller's transaction rolls back and nothing is half-written.
 * Returns the new ids in the order of `recs`; the caller runs afterCommit once it committed.
 */
export async function insertNew(trx: Transaction<Database>, p: Principal, recs: NewRecord[], o: InsertOptions): Promise<number[]> {
  const order = recs.map((_, i) => i);
  // Large imports are written in the order of the record indexes (town, ledger, date; input
  // order within): index pages then fill in sequence, which cuts the write time by a third.
  if (recs.length > 2000) {
    // The sort keys read once per record, not twice per comparison (1.7 M comparisons at 100 k).
    const town = recs.map((r) => r.townId);
    const ledger = recs.map((r) => r.ledger.key);
    const date = recs.map((r) => String(r.fields[r.ledger.decl.dateField] ?? ''));
    const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    order.sort((a, b) => town[a] - town[b] || cmp(ledger[a], ledger[b]) || cmp(date[a], date[b])); // stable
  }
  const now = nowIso();
  const actor = actorOfPrincipal(p);
  const ids: number[] = new Array<number>(recs.length);
  const write = async (part: number[], rows: RecordRow[], done: number) => {
    // One statement assigns ascending ids in row order.
    const got = (await insertBatch(trx, rows)).map((x) => Number(x.id)).sort((a, b) => a - b);
    part.forEach((k, j) => (ids[k] = got[j]));
    if (o.audit === 'batch') {
      await audit(trx, actor, {
        action: 'import',
        entity: 'record',
        entityId: `${got[0]}-${got[got.length - 1]}`,
        townId: rows[0].town_id,
        note: `导入 ${rows.length} 条记录`,
        after: { counts: countBy(rows.map((r) => r.ledger)) },
      });
    }
    o.onProgress?.(done, recs.length);
  };
  // The next batch's rows (derived columns, encryption, JSON) are built while the previous one
  // is being written: on PostgreSQL the server inserts and updates its indexes meanwhile. The
  // batches and their audit entries still go to the database one after another, in order.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < order.length; i += BATCH) {
      const part = order.slice(i, i + BATCH);
      const rows = part.map((k) => newRow(recs[k], toRow(recs[k].ledger, recs[k].fields, o.orgIdOf), now, p.id));
      await writing;
      writing = write(part, rows, Math.min(i + BATCH, recs.length));
    }
  } catch (e) {
    await writing.catch(() => undefined); // never leave a batch in flight on a failing transaction
    throw e;
  }
  await writing;
  await guardWrites(
    trx,
    p,
    'create',
    recs.map((r, i) => ({ ledger: r.ledger, townId: r.townId, recordId: ids[i], fields: r.fields })),
  );
  if (o.audit === 'record') {
    for (const [i, r] of recs.entries()) {
      await audit(trx, actor, {
        action: 'create',
        entity: 'record',
        entityId: ids[i],
        townId: r.townId,
        after: { ledger: r.ledger.key, org: r.org.code, fields: auditSafe(r.ledger, r.fields) },
      });
    }
  }
  return ids;
}

type RecordRow = Insertable<Database['records']>;

/**
 * A new record's row, every column spelled out in COLUMNS order: one object shape for all rows
 * (an object spread in the middle of a literal builds each row by slow property adds).
 */
function newRow(r: NewRecord, x: ReturnType<typeof toRow>, now: string, by: number | null): RecordRow {
  return {
    town_id: r.townId,
    org_id: r.org.id,
    org_path: r.org.path,
    ledger: r.ledger.key,
    kind: x.kind,
    status: x.status,
    sub: x.sub,
    flag: x.flag,
    person: x.person,
    ref_org_id: x.ref_org_id,
    date_on: x.date_on,
    due_on: x.due_on,
    done_on: x.done_on,
    date2: x.date2,
    date3: x.date3,
    n1: x.n1,
    n2: x.n2,
    title: x.title,
    search: x.search,
    data: x.data,
    version: 1,
    created_at: now,
    created_by: by,
    updated_at: now,
    updated_by: by,
  };
}

/** The columns of newRow, in its order. */
const COLUMNS = [
  'town_id',
  'org_id',
  'org_path',
  'ledger',
  'kind',
  'status',
  'sub',
  'flag',
  'person',
  'ref_org_id',
  'date_on',
  'due_on',
  'done_on',
  'date2',
  'date3',
  'n1',
  'n2',
  'title',
  'search',
  'data',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const satisfies readonly (keyof RecordRow)[];

/** The rows' values in COLUMNS order, one flat array (the parameters of a multi-row insert). */
function flatValues(rows: RecordRow[]): unknown[] {
  const out = new Array<unknown>(rows.length * COLUMNS.length);
  let i = 0;
  for (const r of rows) {
    out[i++] = r.town_id;
    out[i++] = r.org_id;
    out[i++] = r.org_path;
    out[i++] = r.ledger;
    out[i++] = r.kind;
    out[i++] = r.status;
    out[i++] = r.sub;
    out[i++] = r.flag;
    out[i++] = r.person;
    out[i++] = r.ref_org_id;
    out[i++] = r.date_on;
    out[i++] = r.due_on;
    out[i++] = r.done_on;
    out[i++] = r.date2;
    out[i++] = r.date3;
    out[i++] = r.n1;
    out[i++] = r.n2;
    out[i++] = r.title;
    out[i++] = r.search;
    out[i++] = r.data;
    out[i++] = r.version;
    out[i++] = r.created_at;
    out[i++] = r.created_by;
    out[i++] = r.updated_at;
    out[i++] = r.updated_by;
  }
  return out;
}

/**
 * The columns and their PostgreSQL types as rowsJson writes them: COLUMNS' order with `data`
 * moved last (the types of src/db/migrations/2026-11-27T0000_initial.ts).
 */
const PG_COLUMNS = [
  ['town_id', 'integer'],
  ['org_id', 'integer'],
  ['org_path', 'text'],
  ['ledger', 'text'],
  ['kind', 'text'],
  ['status', 'text'],
  ['sub', 'text'],
  ['flag', 'integer'],
  ['person', 'text'],
  ['ref_org_id', 'integer'],
  ['date_on', 'text'],
  ['due_on', 'text'],
  ['done_on', 'text'],
  ['date2', 'text'],
  ['date3', 'text'],
  ['n1', 'real'],
  ['n2', 'real'],
  ['title', 'text'],
  ['search', 'text'],
  ['version', 'integer'],
  ['created_at', 'text'],
  ['created_by', 'integer'],
  ['updated_at', 'text'],
  ['updated_by', 'integer'],
  ['data', 'jsonb'],
] as const satisfies readonly (readonly [keyof RecordRow, string])[];

/**
 * The rows as a JSON array of arrays in PG_COLUMNS order, with `data` (JSON text already)
 * spliced in rather than parsed and re-serialised.
 */
function rowsJson(rows: RecordRow[]): string {
  const parts = new Array<string>(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const r = rows[j];
    const rest = [
      r.town_id,
      r.org_id,
      r.org_path,
      r.ledger,
      r.kind,
      r.status,
      r.sub,
      r.flag,
      r.person,
      r.ref_org_id,
      r.date_on,
      r.due_on,
      r.done_on,
      r.date2,
      r.date3,
      r.n1,
      r.n2,
      r.title,
      r.search,
      r.version,
      r.created_at,
      r.created_by,
      r.updated_at,
      r.updated_by,
    ];
    parts[j] = `${JSON.stringify(rest).slice(0, -1)},${r.data}]`;
  }
  return `[${parts.join(',')}]`;
}

const batchSql = new WeakMap<object, string>();

/**
 * Insert one batch. Kysely's query building costs as much as the insert itself at 100 k rows:
 * on SQLite a full batch reuses SQL compiled once per transaction; on PostgreSQL the batch
 * travels as one jsonb parameter expanded server-side (no 10 000-parameter statement to parse).
 */
async function insertBatch(trx: Transaction<Database>, rows: RecordRow[]): Promise<{ id: number }[]> {
  if (isPostgres(trx)) return insertFromJsonRows(trx, 'records', PG_COLUMNS, rowsJson(rows));
  if (rows.length !== BATCH) return trx.insertInto('records').values(rows).returning('id').execute();
  const params = flatValues(rows);
  let text = batchSql.get(trx);
  if (!text) {
    const compiled = trx.insertInto('records').values(rows).returning('id').compile();
    // Only reuse the text when its parameters are exactly the rows in column order.
    if (compiled.parameters.length !== params.length || compiled.parameters.some((v, i) => v !== params[i]))
      return (await trx.executeQuery<{ id: number }>(compiled)).rows;
    text = compiled.sql;
    batchSql.set(trx, text);
  }
  return (await trx.executeQuery<{ id: number }>(CompiledQuery.raw(text, params))).rows;
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
