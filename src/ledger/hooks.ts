import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from './principal.ts';
import type { CompiledLedger } from './registry.ts';

/**
 * A generic extension point of the ledger engine: modules register functions that run before
 * a record is written (they may refuse it by throwing an HttpError with a Chinese message) and
 * after it is written (they must not fail the write). Keyed by ledger, or '*' for every ledger.
 */
export type WriteOp = 'create' | 'update' | 'transition' | 'remove' | 'restore';

export interface WriteContext {
  db: Kysely<Database>;
  principal: Principal;
  ledger: CompiledLedger;
  op: WriteOp;
  townId: number;
  /** The fields as they will be (before) or were (after) stored; plain (ID numbers decrypted). */
  fields: Record<string, unknown>;
  /** The record id: absent before a create. */
  recordId?: number;
}

export type BeforeWrite = (c: WriteContext) => Promise<void> | void;
export type AfterWrite = (c: WriteContext & { recordId: number }) => Promise<void> | void;

const before = new Map<string, Map<string, BeforeWrite>>();
const after = new Map<string, Map<string, AfterWrite>>();

function put<T>(reg: Map<string, Map<string, T>>, ledger: string, name: string, fn: T): void {
  if (!reg.has(ledger)) reg.set(ledger, new Map());
  reg.get(ledger)!.set(name, fn); // by name: registering twice replaces, never duplicates
}

/** Register a check run before writes to `ledger` ('*' for all); `name` makes it idempotent. */
export function registerBeforeWrite(ledger: string, name: string, fn: BeforeWrite): void {
  put(before, ledger, name, fn);
}

export function registerAfterWrite(ledger: string, name: string, fn: AfterWrite): void {
  put(after, ledger, name, fn);
}

const of = <T>(reg: Map<string, Map<string, T>>, ledger: string): T[] => [...(reg.get(ledger)?.values() ?? []), ...(reg.get('*')?.values() ?? [])];

export async function runBeforeWrite(c: WriteContext): Promise<void> {
  for (const fn of of(before, c.ledger.key)) await fn(c);
}

/** Runs every after-write hook; a failing hook is logged, never surfaced to the writer. */
export async function runAfterWrite(c: WriteContext & { recordId: number }): Promise<void> {
  for (const fn of of(after, c.ledger.key)) {
    try {
      await fn(c);
    } catch (e) {
      process.stderr.write(`after-write hook failed (${c.ledger.key} #${c.recordId}): ${(e as Error).message}\n`);
    }
  }
}
