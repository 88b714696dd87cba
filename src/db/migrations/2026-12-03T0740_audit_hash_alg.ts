import type { Kysely } from 'kysely';

// Frozen migration: never import application code here.
// The hash algorithm of each audit entry (null = SHA-256, 'sm3' in 国密 mode), so the chain
// verifies across a switch of algorithm.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('hash_alg', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('hash_alg').execute();
}
