import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// records_ledger_path_date (ledger, org_path, date_on) does nothing another index does not do
// as well. SQLite's planner chose it for none of the queries the ledger, metrics, alerts,
// assessment, reader and access tests ran (EXPLAIN QUERY PLAN on a 100,000-record database:
// records_ledger_date_cover or records_town_ledger_date instead). PostgreSQL chose it for some
// county-wide ones, where `ledger = ?` is the only condition it can search (a LIKE prefix
// does not use a btree under a non-C collation), and planned each of them at the same cost
// with another (ledger, …) index once it was gone. Every insert still paid for it: about a
// tenth of SQLite's work per imported row (docs/write-path.md, "Indexes and the import").

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_ledger_path_date').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('records_ledger_path_date').ifNotExists().on('records').columns(['ledger', 'org_path', 'date_on']).execute();
}
