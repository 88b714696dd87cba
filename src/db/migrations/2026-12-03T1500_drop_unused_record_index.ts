import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// records_ledger_path_date (ledger, org_path, date_on) is chosen by no query of the application:
// SQLite's planner took records_ledger_date_cover or records_town_ledger_date for every
// query the ledger, metrics, alerts, assessment, reader and access tests ran (EXPLAIN QUERY PLAN on a
// 100,000-record database), and PostgreSQL used it only as the second arm of one bitmap OR
// whose plan without it costs the same. Every insert still paid for it: about a tenth of
// SQLite's work per imported row (docs/write-path.md, "Indexes and the import").

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_ledger_path_date').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('records_ledger_path_date').ifNotExists().on('records').columns(['ledger', 'org_path', 'date_on']).execute();
}
