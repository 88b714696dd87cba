import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// State shared by several server processes on one PostgreSQL (docs/scale.md):
// - rate_limits: one counter per (route, client) and time window, so a limit holds whichever
//   process answers (the in-memory store of @fastify/rate-limit is per process);
// - scheduled_runs: one row per scheduled job and date, claimed before the job runs, so a daily
//   job is run by one process only.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    // End of the window, milliseconds since the epoch.
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_reset').on('rate_limits').column('reset_at').execute();
  await db.schema
    .createTable('scheduled_runs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scheduled_runs_pk', ['name', 'date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduled_runs').execute();
  await db.schema.dropTable('rate_limits').execute();
}
