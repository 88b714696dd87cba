import { PostgresAdapter, sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';

/**
 * Every piece of SQL that differs between SQLite and PostgreSQL, in one place, so that a DBA
 * judging a PostgreSQL-compatible database (KingbaseES, openGauss, Highgo, Vastbase) reads one
 * file: docs/deploy.md lists each function here with what those databases are known to support.
 * Migrations are frozen and keep their own branches (serial/jsonb column types, expression
 * indexes); they are listed in the same table.
 */

type AnyDb = Kysely<any> | Transaction<any>;

export type DialectName = 'sqlite' | 'postgres';

/** A connection string that selects PostgreSQL (`postgres://` or `postgresql://`). */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/**
 * Which database a Kysely instance or transaction talks to. By the adapter's class (not its
 * name: a bundler may rename classes).
 */
export function dialectOf(db: AnyDb): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function isPostgres(db: AnyDb): boolean {
  return dialectOf(db) === 'postgres';
}

/**
 * Serialise writers of one thing until the transaction ends: `pg_advisory_xact_lock(space, id)`
 * (or the one-key form). SQLite has a single writer at a time already, so nothing to do.
 */
export async function advisoryXactLock(trx: AnyDb, space: number, id?: number): Promise<void> {
  if (!isPostgres(trx)) return;
  if (id == null) await sql`select pg_advisory_xact_lock(${space}::bigint)`.execute(trx);
  else await sql`select pg_advisory_xact_lock(${space}::int, ${id}::int)`.execute(trx);
}

/** `… for update` on PostgreSQL (row lock until the transaction ends); unchanged on SQLite. */
export function forUpdate<DB, TB extends keyof DB, O>(db: AnyDb, q: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return isPostgres(db) ? q.forUpdate() : q;
}

/** A text value at a path in the JSON `data` column of `records as r` (json_extract / jsonb #>>). */
export function jsonText(db: AnyDb, ...path: string[]): RawBuilder<string | null> {
  if (isPostgres(db)) return sql<string | null>`(r.data::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})`;
  return sql<string | null>`json_extract(r.data, ${sql.lit(`$.${path.join('.')}`)})`;
}

/** A number at a path in the JSON `data` column of `records as r`. */
export function jsonNumber(db: AnyDb, ...path: string[]): RawBuilder<number | null> {
  if (isPostgres(db)) return sql<number | null>`((r.data::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})::double precision)`;
  return sql<number | null>`cast(json_extract(r.data, ${sql.lit(`$.${path.join('.')}`)}) as real)`;
}

/** Comma-joined values of a text column per group (group_concat / string_agg). */
export function groupConcat(db: AnyDb, column: string): RawBuilder<string> {
  if (isPostgres(db)) return sql<string>`string_agg(${sql.ref(column)}, ',')`;
  return sql<string>`group_concat(${sql.ref(column)}, ',')`;
}

/**
 * PostgreSQL only: insert many rows of `table` sent as one jsonb parameter and expanded
 * server-side (no statement with 10 000 parameters to parse). `json` is an array of rows, each
 * row an array of its values in the order of `columns` — no keys, a third fewer bytes to build,
 * send and parse than objects — and each column is cast to its SQL type (`jsonb` taken as it is).
 * Returns the new ids (assigned in the array's order).
 */
export async function insertFromJsonRows(
  trx: AnyDb,
  table: string,
  columns: readonly (readonly [name: string, type: string])[],
  json: string,
): Promise<{ id: number }[]> {
  const list = sql.join(columns.map(([k]) => sql.ref(k)));
  const values = sql.join(columns.map(([, type], i) => (type === 'jsonb' ? sql`r.v -> ${sql.lit(i)}` : sql`(r.v ->> ${sql.lit(i)})::${sql.raw(type)}`)));
  return (
    await sql<{
      id: number;
    }>`insert into ${sql.table(table)} (${list}) select ${values} from jsonb_array_elements(${json}::jsonb) as r(v) returning id`.execute(trx)
  ).rows;
}
