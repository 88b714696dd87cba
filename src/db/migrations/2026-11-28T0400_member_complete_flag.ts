import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: never import application code here.
// partyMember.flag = 1 when the member's record is complete (name, gender, birthDate,
// education, occupation, branch, joinedOn, phone and an ID number whose birth date equals
// birthDate), so 党员信息完整率 is a plain count. New writes set it from the declaration;
// this fills it for the rows already stored.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const get = (k: string) => (pg ? sql`(data::jsonb ->> ${sql.lit(k)})` : sql`json_extract(data, ${sql.lit(`$.${k}`)})`);
  const birth = pg ? sql`(data::jsonb #>> '{_derived,idNumberBirth}')` : sql`json_extract(data, '$._derived.idNumberBirth')`;
  const keys = ['name', 'gender', 'birthDate', 'education', 'occupation', 'branch', 'joinedOn', 'phone', 'idNumber'];
  const filled = sql.join(
    keys.map((k) => sql`coalesce(cast(${get(k)} as text), '') <> ''`),
    sql` and `,
  );
  await sql`update records set flag = case when ${filled} and ${birth} = ${get('birthDate')} then 1 else 0 end where ledger = 'partyMember'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update records set flag = null where ledger = 'partyMember'`.execute(db);
}
