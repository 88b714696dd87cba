import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// One row per date on which the daily alert digest was e-mailed: the row is claimed (its
// primary key) before the first message goes out, so two server processes, or a restart in
// the middle of the run, never send a day's digest twice.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_digest_runs')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('sent', 'integer')
    .addColumn('failed', 'integer')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_digest_runs').execute();
}
