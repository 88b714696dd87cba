import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: never import application code here.
// Lists over a whole county (the county reviewer; ~125,000 records of one ledger in a
// 1,000,000-record county): the total, the default order (newest first) and the filters on
// promoted columns come from one index without reading a row, and a sort by title walks an
// index instead of sorting the county. On SQLite the first index also carries the search text
// and title, so a text search counts from the index alone; PostgreSQL's btree entries are
// limited to ~2.7 kB, too small for a search text of up to 4,000 characters, so there it does not.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const cover = pg ? sql`(ledger, date_on, org_path, deleted_at, status, kind)` : sql`(ledger, date_on, org_path, deleted_at, status, kind, search, title)`;
  await sql`create index records_ledger_date_cover on records ${cover}`.execute(db);
  await db.schema.createIndex('records_ledger_title').on('records').columns(['ledger', 'title', 'org_path', 'deleted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_ledger_title').ifExists().execute();
  await db.schema.dropIndex('records_ledger_date_cover').ifExists().execute();
}
