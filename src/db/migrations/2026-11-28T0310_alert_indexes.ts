import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: never import application code here.
// Indexes for the set-based data-quality rules: duplicate roster entries by the ID number's
// blind index (kept in data._derived) and by name + birth date, found from the index alone.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const hash = pg ? sql`((data::jsonb #>> '{_derived,idNumberHash}'))` : sql`json_extract(data, '$._derived.idNumberHash')`;
  await sql`create index records_idhash on records (ledger, town_id, ${hash})`.execute(db);
  await db.schema.createIndex('records_title_date3').on('records').columns(['ledger', 'town_id', 'title', 'date3']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('records_title_date3').ifExists().execute();
  await db.schema.dropIndex('records_idhash').ifExists().execute();
}
