import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// Assessment indicators: a per-quarter target (a cumulative year-to-date metric is held to
// target × quarter number), display order, an explanatory note, and the last change time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('indicators')
    .addColumn('per_quarter', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('indicators')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('indicators').addColumn('note', 'text').execute();
  await db.schema.alterTable('indicators').addColumn('updated_at', 'text').execute();
  await db.schema.createIndex('indicators_scope_period').on('indicators').columns(['scope_org_id', 'period']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('indicators_scope_period').ifExists().execute();
  await db.schema.alterTable('indicators').dropColumn('updated_at').execute();
  await db.schema.alterTable('indicators').dropColumn('note').execute();
  await db.schema.alterTable('indicators').dropColumn('sort').execute();
  await db.schema.alterTable('indicators').dropColumn('per_quarter').execute();
}
