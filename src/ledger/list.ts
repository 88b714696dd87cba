import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Invalid } from '../util/errors.ts';
import type { Org } from '../org/service.ts';
import { fileCountColumn, overdueSql, requireLedger, toOut, type RecordOut } from './operations.ts';
import type { Principal } from './principal.ts';
import { scopedRecords } from '../access/records.ts';
import type { CompiledLedger } from './registry.ts';

export interface ListQuery {
  /** Org subtree to list (already checked to lie within the principal's scope). */
  org?: Org;
  q?: string;
  status?: string;
  kind?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  deleted?: boolean;
  page?: number;
  pageSize?: number;
  sort?: string;
}

/** Sortable keys: promoted columns only, so sorting is indexed and injection-proof. */
function sortColumn(l: CompiledLedger, key: string): string | null {
  const map: Record<string, string> = {
    id: 'id',
    createdAt: 'created_at',
    updatedAt: 'updated_at',
    title: 'title',
    status: 'status',
    kind: 'kind',
    org: 'org_path',
  };
  if (map[key]) return map[key];
  return l.columnOf.get(key) ?? null;
}

/** The records a list shows: the one scoped base query (../access/records.ts) plus the list's own filters. */
export function listBase(db: Kysely<Database>, l: CompiledLedger, p: Principal, q: ListQuery) {
  let b = scopedRecords(db, p, { ledger: l, org: q.org, deleted: q.deleted ? 'only' : 'live' });
  if (q.status) b = b.where('r.status', '=', q.status);
  if (q.kind) b = b.where('r.kind', '=', q.kind);
  if (q.from) b = b.where('r.date_on', '>=', q.from);
  if (q.to) b = b.where('r.date_on', '<=', q.to);
  if (q.q) {
    const term = `%${q.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    b = b.where((eb) => eb.or([eb('r.search', 'like', sql<string>`${term} escape '\\'`), eb('r.title', 'like', sql<string>`${term} escape '\\'`)]));
  }
  if (q.overdue) b = b.where(overdueSql(l));
  return b;
}

export async function listRecords(db: Kysely<Database>, p: Principal, ledger: string, q: ListQuery): Promise<{ items: RecordOut[]; total: number }> {
  const l = await requireLedger(db, p, ledger, 'read');
  const page = Math.max(1, q.page ?? 1);
  const pageSize = Math.min(500, Math.max(1, q.pageSize ?? 20));
  let sortKey = q.sort ?? `-${l.decl.dateField}`;
  const desc = sortKey.startsWith('-');
  sortKey = sortKey.replace(/^-/, '');
  const col = sortColumn(l, sortKey);
  if (!col) throw new Invalid(`不能按“${sortKey}”排序`);
  const base = listBase(db, l, p, q);
  const dir = desc ? 'desc' : 'asc';
  const pageRows = base
    .innerJoin('orgs', 'orgs.id', 'r.org_id')
    .selectAll('r')
    .select(['orgs.code as org_code', 'orgs.name as org_name'])
    .orderBy(sql.ref(`r.${col}`), dir)
    .orderBy('r.id', dir)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // Two queries side by side (on PostgreSQL two connections, so a list waits for the slower of
  // them, not for both in a row): the total, and the page with each row's attachment count,
  // counted for the page's rows only.
  const [countRow, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    db
      .selectFrom(pageRows.as('p'))
      .selectAll('p')
      .select(fileCountColumn('p.id'))
      .orderBy(sql.ref(`p.${col}`), dir)
      .orderBy('p.id', dir)
      .execute(),
  ]);
  return { items: rows.map((r) => toOut(l, r, Number(r.file_count ?? 0))), total: Number(countRow?.n ?? 0) };
}
