import type { Kysely, Selectable } from 'kysely';
import type { Database, RecordTable } from '../db/schema.ts';
import { PROMOTED_COLUMN_NAMES, type PromotedColumn } from './types.ts';
import type { Principal } from './principal.ts';
import type { Org } from '../org/service.ts';
import type { CompiledLedger } from './registry.ts';

/**
 * The ledger engine's extension points, used by the one write path (./write.ts): modules
 * register write guards, which may refuse records with a Chinese message, and after-write
 * work, which must not fail the write. Keyed by ledger, or '*' for every ledger. Both take a
 * whole batch (one record for a form, thousands for an import), so a guard reads what it needs
 * once per write rather than once per record.
 */
export type WriteOp = 'create' | 'update' | 'transition' | 'remove' | 'restore';

/** One record of a write: its id and its fields as stored (plain: ID numbers decrypted). */
export interface WriteItem {
  townId: number;
  recordId: number;
  fields: Record<string, unknown>;
}

/**
 * The records of one ledger in one write. Guards run inside the write's transaction after the
 * rows are in place (`db` is that transaction): they see every record of the same import, and
 * a refusal rolls all of them back.
 */
export interface WriteBatch {
  db: Kysely<Database>;
  principal: Principal;
  ledger: CompiledLedger;
  op: WriteOp;
  items: WriteItem[];
}

/** A guard's refusal of `items[index]`: `message` as the user reads it, `short` for the field. */
export interface Refusal {
  index: number;
  message: string;
  field?: string;
  label?: string;
  short?: string;
}

export type WriteGuard = (b: WriteBatch) => Promise<Refusal[]> | Refusal[];

export interface Written {
  ledger: string;
  townId: number;
  recordId: number;
  /**
   * For an update or a transition: the record's promoted columns before the write. After-write
   * work that depends on where a record counted (metric snapshots: which quarters it can change)
   * reads the new version from the database and needs the old one from here.
   */
  before?: RecordVersion;
  /**
   * For a single write: the town's orgs as the write read them (the town first, in path order),
   * so after-write work need not read them again (the alert center's per-record rules).
   */
  townOrgs?: Org[];
}

/** A record's promoted columns as stored (the metrics read these; docs/write-path.md). */
export type RecordVersion = Pick<Selectable<RecordTable>, 'id' | 'ledger' | 'org_id' | PromotedColumn>;

/** The promoted columns of a stored records row. */
export function versionOf(r: RecordVersion): RecordVersion {
  const out: Record<string, unknown> = { id: r.id, ledger: r.ledger, org_id: r.org_id };
  for (const c of PROMOTED_COLUMN_NAMES) out[c] = r[c];
  return out as RecordVersion;
}

export interface AfterWriteContext {
  db: Kysely<Database>;
  principal: Principal;
  op: WriteOp;
  /** Every record of the committed write (for '*' hooks), or those of the hook's ledger. */
  writes: Written[];
}

export type AfterWrite = (c: AfterWriteContext) => Promise<void> | void;

const guards = new Map<string, Map<string, WriteGuard>>();
const after = new Map<string, Map<string, AfterWrite>>();

function put<T>(reg: Map<string, Map<string, T>>, ledger: string, name: string, fn: T): void {
  if (!reg.has(ledger)) reg.set(ledger, new Map());
  reg.get(ledger)!.set(name, fn); // by name: registering twice replaces, never duplicates
}

/** Register a guard on writes to `ledger` ('*' for all); `name` makes it idempotent. */
export function registerWriteGuard(ledger: string, name: string, fn: WriteGuard): void {
  put(guards, ledger, name, fn);
}

export function registerAfterWrite(ledger: string, name: string, fn: AfterWrite): void {
  put(after, ledger, name, fn);
}

const of = <T>(reg: Map<string, Map<string, T>>, ledger: string): T[] => [...(reg.get(ledger)?.values() ?? []), ...(reg.get('*')?.values() ?? [])];

/** Every guard of every ledger in the write; refusals index into `items`, in order. */
export async function runWriteGuards(
  db: Kysely<Database>,
  principal: Principal,
  op: WriteOp,
  items: (WriteItem & { ledger: CompiledLedger })[],
): Promise<Refusal[]> {
  const byLedger = new Map<CompiledLedger, number[]>();
  items.forEach((w, i) => (byLedger.get(w.ledger) ?? byLedger.set(w.ledger, []).get(w.ledger)!).push(i));
  const out: Refusal[] = [];
  for (const [ledger, idx] of byLedger) {
    const fns = of(guards, ledger.key);
    if (!fns.length) continue;
    const batch: WriteBatch = { db, principal, ledger, op, items: idx.map((i) => items[i]) };
    for (const fn of fns) for (const r of await fn(batch)) out.push({ ...r, index: idx[r.index] });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** After-write runs in progress, so that a closing server can let them finish (afterWritesSettled). */
const running = new Set<Promise<void>>();

/**
 * Resolves once every after-write run in progress (and any started meanwhile) has ended. A
 * server closes its database only after this: a request whose client has gone away is still
 * running its committed write's after-write work, and closing under it would lose that work
 * (the record's alerts and snapshots would stay stale until the next daily run or rebuild).
 */
export async function afterWritesSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** Runs the after-write work of a committed write; a failure is logged, never surfaced to the writer. */
export async function runAfterWrite(db: Kysely<Database>, principal: Principal, op: WriteOp, writes: Written[]): Promise<void> {
  if (!writes.length) return;
  const run = runHooks(db, principal, op, writes);
  running.add(run);
  try {
    await run;
  } finally {
    running.delete(run);
  }
}

async function runHooks(db: Kysely<Database>, principal: Principal, op: WriteOp, writes: Written[]): Promise<void> {
  const keys = [...new Set(writes.map((w) => w.ledger)), '*'];
  for (const key of keys) {
    const mine = key === '*' ? writes : writes.filter((w) => w.ledger === key);
    for (const fn of after.get(key)?.values() ?? []) {
      try {
        await fn({ db, principal, op, writes: mine });
      } catch (e) {
        process.stderr.write(`after-write hook failed (${key}, ${mine.length} record(s)): ${(e as Error).message}\n`);
      }
    }
  }
}
