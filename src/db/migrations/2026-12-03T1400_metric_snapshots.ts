import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// metric_snapshots: every metric of one town for one quarter, as last computed from its records
// (src/metrics/snapshots.ts, docs/scale.md "Metric snapshots"). County-level views read these
// instead of computing every town live; each write brings its town's stored quarters up to date.
// Distributed by town_id: the primary key starts with it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('metric_snapshots')
    .addColumn('town_id', 'integer', (c) => c.notNull())
    // The quarter, written '2023Q4'.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    // Null for a ratio without a denominator.
    .addColumn('value', 'double precision')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('metric_snapshots_pk', ['town_id', 'period', 'metric'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('metric_snapshots').execute();
}
