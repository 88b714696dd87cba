import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// Alert workflow: who resolved an alert ('system' when its condition went away), the last
// person who handled it, and an index for per-record recomputation.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('resolved_by', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('handled_by', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('handled_at', 'text').execute();
  await db.schema.createIndex('alerts_rule_record').on('alerts').columns(['rule', 'record_id']).execute();
  await db.schema.createIndex('alerts_org').on('alerts').columns(['org_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('alerts_org').ifExists().execute();
  await db.schema.dropIndex('alerts_rule_record').ifExists().execute();
  await db.schema.alterTable('alerts').dropColumn('handled_at').execute();
  await db.schema.alterTable('alerts').dropColumn('handled_by').execute();
  await db.schema.alterTable('alerts').dropColumn('resolved_by').execute();
}
