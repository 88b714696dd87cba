import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/kysely.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { computeMetrics, plainValues } from '../../src/metrics/engine.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { hasBlob } from '../../src/files/store.ts';

/**
 * What an upgrade must keep, taken the same way before (by the release that made the
 * fixture, stored next to it) and after (by the new code, once its migrations ran):
 * - every row of every table, as a hash per row over the columns the old release had (a new
 *   migration may add columns or rows, never change or drop an old row);
 * - the audit chain's verdict and length;
 * - every metric value of every town for each quarter of the demo year;
 * - that every evidence file row still finds its blob.
 */
export interface Snapshot {
  tables: Record<string, { columns: string[]; rows: string[] }>;
  audit: { ok: boolean; entries: number };
  metrics: Record<string, Record<string, number | null>>;
  filesWithBlob: number;
}

/** Ephemeral tables (sessions, login throttling) and Kysely's own bookkeeping are not data. */
const SKIP = new Set(['sessions', 'login_attempts', 'kysely_migration', 'kysely_migration_lock']);
export const PERIODS = ['2023Q1', '2023Q2', '2023Q3', '2023Q4'];

export async function tableNames(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely)
        ).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely)).rows;
  return rows
    .map((r) => r.name)
    .filter((n) => !SKIP.has(n))
    .sort();
}

export async function columnsOf(db: Db, table: string): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? (
          await sql<{
            name: string;
          }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db.kysely)
        ).rows
      : (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db.kysely)).rows;
  return rows.map((r) => r.name).sort();
}

/** A value in one canonical text form (jsonb objects with sorted keys, dates as ISO). */
function canonical(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `base64:${v.toString('base64')}`;
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export function rowHash(row: Record<string, unknown>, columns: string[]): string {
  const text = JSON.stringify(columns.map((c) => canonical(row[c])));
  return crypto.createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

/** Row hashes of a table over the given columns, sorted (a multiset). */
export async function tableRows(db: Db, table: string, columns: string[]): Promise<string[]> {
  const rows = (await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db.kysely)).rows;
  return rows.map((r) => rowHash(r, columns)).sort();
}

export async function takeSnapshot(db: Db, filesRoot: string, columnsByTable?: Record<string, string[]>): Promise<Snapshot> {
  const tables: Snapshot['tables'] = {};
  const names = columnsByTable ? Object.keys(columnsByTable) : await tableNames(db);
  for (const t of names) {
    const columns = columnsByTable?.[t] ?? (await columnsOf(db, t));
    tables[t] = { columns, rows: await tableRows(db, t, columns) };
  }
  const audit = await verifyAuditChain(db.kysely);
  const towns = await db.kysely.selectFrom('orgs').select('code').where('kind', '=', 'town').orderBy('code').execute();
  const metrics: Snapshot['metrics'] = {};
  for (const { code } of towns) {
    const org = (await getOrgByCode(db.kysely, code))!;
    for (const p of PERIODS) metrics[`${code} ${p}`] = plainValues(await computeMetrics(db.kysely, org, p));
  }
  const files = await db.kysely.selectFrom('files').select('sha256').execute();
  return { tables, audit: { ok: audit.ok, entries: audit.entries }, metrics, filesWithBlob: files.filter((f) => hasBlob(f.sha256, filesRoot)).length };
}
