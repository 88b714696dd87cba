import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FieldDecl, LedgerDecl, Promoted, PromotedColumn } from './types.ts';
import { PROMOTED, PROMOTED_COLUMNS } from './types.ts';
import { builtinLedgers } from '../catalog/index.ts';
import { parseJson } from '../db/kysely.ts';

/** A sanitized ledger: declaration plus lookups the engine needs. Frozen. */
export interface CompiledLedger {
  decl: LedgerDecl;
  key: string;
  fields: Map<string, FieldDecl>;
  /** promoted column name → field key */
  columns: Partial<Record<Promoted, string>>;
  /**
   * field key → the records column it is promoted to (dateField → date_on, kindField → kind,
   * statusField → status, then `columns`): how lists sort and metrics filter on a field.
   */
  columnOf: ReadonlyMap<string, PromotedColumn>;
  /** final workflow states (closed records) */
  finalStates: Set<string>;
  custom: boolean;
}

export class LedgerDeclError extends Error {}

/** Check references and apply defaults; throws on a broken declaration. */
export function compileLedger(decl: LedgerDecl, custom = false): CompiledLedger {
  if (!/^[a-z][A-Za-z0-9]*$/.test(decl.key)) throw new LedgerDeclError(`台账标识无效：${decl.key}`);
  const fields = new Map<string, FieldDecl>();
  for (const f of decl.fields) {
    if (fields.has(f.key)) throw new LedgerDeclError(`${decl.key}: 字段重复 ${f.key}`);
    if (f.key.startsWith('_')) throw new LedgerDeclError(`${decl.key}: 字段名不能以下划线开头 ${f.key}`);
    fields.set(f.key, f);
  }
  const need = (k: string | undefined, what: string) => {
    if (k && !fields.has(k)) throw new LedgerDeclError(`${decl.key}: ${what} 引用了不存在的字段 ${k}`);
  };
  need(decl.dateField, 'dateField');
  need(decl.kindField, 'kindField');
  need(decl.statusField, 'statusField');
  need(decl.titleField, 'titleField');
  for (const p of PROMOTED) need(decl.columns?.[p], `columns.${p}`);
  for (const c of decl.listColumns) need(c, 'listColumns');
  const finalStates = new Set<string>();
  if (decl.workflow) {
    const states = decl.workflow.states;
    if (!states[decl.workflow.initial]) throw new LedgerDeclError(`${decl.key}: 初始状态不存在`);
    for (const t of decl.workflow.transitions) {
      if (!states[t.to]) throw new LedgerDeclError(`${decl.key}: 流转目标状态不存在 ${t.to}`);
      if (t.from !== '*') for (const s of t.from) if (!states[s]) throw new LedgerDeclError(`${decl.key}: 流转起始状态不存在 ${s}`);
      for (const fk of t.fields ?? []) need(fk, `transition ${t.to} fields`);
    }
    for (const [k, s] of Object.entries(states)) if (s.final) finalStates.add(k);
  }
  const columnOf = new Map<string, PromotedColumn>();
  const promote = (field: string | undefined, column: PromotedColumn) => {
    if (field && !columnOf.has(field)) columnOf.set(field, column);
  };
  promote(decl.dateField, PROMOTED_COLUMNS.date.column);
  promote(decl.kindField, PROMOTED_COLUMNS.kind.column);
  promote(decl.statusField, PROMOTED_COLUMNS.status.column);
  for (const p of PROMOTED) promote(decl.columns?.[p], PROMOTED_COLUMNS[p].column);
  return Object.freeze({ decl, key: decl.key, fields, columns: { ...(decl.columns ?? {}) }, columnOf, finalStates, custom });
}

let builtins: Map<string, CompiledLedger> | null = null;
function builtinMap(): Map<string, CompiledLedger> {
  builtins ??= new Map(builtinLedgers.map((d) => [d.key, compileLedger(d)]));
  return builtins;
}

/** Custom (county-defined) ledgers are read from ledger_defs; cached briefly. */
let customCache: { at: number; map: Map<string, CompiledLedger> } | null = null;

export function invalidateLedgerCache(): void {
  customCache = null;
}

export async function allLedgers(db: Kysely<Database>): Promise<CompiledLedger[]> {
  if (!customCache || Date.now() - customCache.at > 10_000) {
    const rows = await db.selectFrom('ledger_defs').select(['decl']).where('deleted_at', 'is', null).execute();
    const map = new Map<string, CompiledLedger>();
    for (const r of rows) {
      try {
        const c = compileLedger(parseJson<LedgerDecl>(r.decl), true);
        if (!builtinMap().has(c.key)) map.set(c.key, c);
      } catch {
        // A broken custom declaration is skipped rather than taking the system down.
      }
    }
    customCache = { at: Date.now(), map };
  }
  return [...builtinMap().values(), ...customCache.map.values()];
}

export async function getLedger(db: Kysely<Database>, key: string): Promise<CompiledLedger | undefined> {
  return builtinMap().get(key) ?? (await allLedgers(db)).find((l) => l.key === key);
}

/** Synchronous lookup of a built-in ledger (metrics, demo, tests). */
export function builtinLedger(key: string): CompiledLedger | undefined {
  return builtinMap().get(key);
}
