import { sql, type Kysely } from 'kysely';

// Frozen migration: never import application code here.
// An alert on a record carries that record's ledger and creator (record_ledger,
// record_created_by), the two columns who-sees-which-alert tests (src/alerts/access.ts), so the
// alert center reads no records row per alert: at a province's size that join was three
// quarters of the list's time (docs/scale.md, "The alert center above the county"). A record
// never changes ledger or creator; the store fills the columns as it writes an alert.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('record_ledger', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('record_created_by', 'integer').execute();
  await sql`update alerts set
      record_ledger = (select r.ledger from records r where r.id = alerts.record_id),
      record_created_by = (select r.created_by from records r where r.id = alerts.record_id)
    where record_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').dropColumn('record_created_by').execute();
  await db.schema.alterTable('alerts').dropColumn('record_ledger').execute();
}
