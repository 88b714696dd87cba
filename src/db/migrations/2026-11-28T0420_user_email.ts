import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// An optional e-mail address per account, for the daily alert digest by mail.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('email').execute();
}
