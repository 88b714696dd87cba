import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// overdue_counts: per (town, ledger), how many open records were past their due date on
// `on_date`, counted under the ledger's change stamp `version` (ledger_versions). A row answers
// only for that day and that stamp (src/metrics/overdue.ts, docs/scale.md "Overdue counts").
// Distributed by town_id: the primary key starts with it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('overdue_counts')
    .addColumn('town_id', 'integer', (c) => c.notNull())
    .addColumn('ledger', 'text', (c) => c.notNull())
    // 'YYYY-MM-DD', the day counted for.
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('overdue_counts_pk', ['town_id', 'ledger'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('overdue_counts').execute();
}
