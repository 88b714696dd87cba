import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen migration: never import application code here.
// ledger_versions: one change stamp per (town, ledger), replaced by a new random value whenever
// a record of that town and ledger is inserted, updated or deleted — by triggers, so every path
// that writes records (the app, the CLI, an import, a restore script, a DBA's UPDATE) changes
// it. Row (0, '*') changes with any org (a metric may test a referenced org's kind). A town's
// live metrics are remembered per ledger while its stamp stays the same (src/metrics/live-cache.ts,
// docs/scale.md "Live metrics and their cache"). Random, not a counter: a database restored
// from a backup and written again must not show a stamp a process has already seen.
// Distributed by town_id: the primary key starts with it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_versions')
    .addColumn('town_id', 'integer', (c) => c.notNull())
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_versions_pk', ['town_id', 'ledger'])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Constraint triggers deferred to the commit: the upsert locks the stamp's row only while the
    // transaction commits, not from its first insert on — otherwise every writer of one town's
    // ledger would queue behind the slowest open transaction (with pool connections held: the
    // load bench's lists waited seconds). Row-level, EXECUTE PROCEDURE: what PostgreSQL
    // 9.x-derived databases (openGauss) support too.
    await sql`
      create function ledger_versions_bump() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'orgs' then
          insert into ledger_versions (town_id, ledger, version) values (0, '*', floor(random() * 9007199254740991)::bigint)
            on conflict (town_id, ledger) do update set version = excluded.version;
          return null;
        end if;
        if tg_op = 'INSERT' then
          insert into ledger_versions (town_id, ledger, version) values (new.town_id, new.ledger, floor(random() * 9007199254740991)::bigint)
            on conflict (town_id, ledger) do update set version = excluded.version;
          return null;
        end if;
        insert into ledger_versions (town_id, ledger, version) values (old.town_id, old.ledger, floor(random() * 9007199254740991)::bigint)
          on conflict (town_id, ledger) do update set version = excluded.version;
        if tg_op = 'UPDATE' then
          if new.town_id <> old.town_id or new.ledger <> old.ledger then
            insert into ledger_versions (town_id, ledger, version) values (new.town_id, new.ledger, floor(random() * 9007199254740991)::bigint)
              on conflict (town_id, ledger) do update set version = excluded.version;
          end if;
        end if;
        return null;
      end $$`.execute(db);
    for (const table of ['records', 'orgs'])
      await sql
        .raw(
          `create constraint trigger ${table}_version after insert or update or delete on ${table} deferrable initially deferred for each row execute procedure ledger_versions_bump()`,
        )
        .execute(db);
  } else {
    const bump = (town: string, ledger: string) =>
      `insert into ledger_versions (town_id, ledger, version) values (${town}, ${ledger}, abs(random() % 9007199254740991))
         on conflict (town_id, ledger) do update set version = excluded.version;`;
    await sql.raw(`create trigger records_version_insert after insert on records begin ${bump('new.town_id', 'new.ledger')} end`).execute(db);
    await sql
      .raw(`create trigger records_version_update after update on records begin ${bump('old.town_id', 'old.ledger')} ${bump('new.town_id', 'new.ledger')} end`)
      .execute(db);
    await sql.raw(`create trigger records_version_delete after delete on records begin ${bump('old.town_id', 'old.ledger')} end`).execute(db);
    for (const [name, event] of [
      ['orgs_version_insert', 'insert'],
      ['orgs_version_update', 'update'],
      ['orgs_version_delete', 'delete'],
    ])
      await sql.raw(`create trigger ${name} after ${event} on orgs begin ${bump('0', "'*'")} end`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const triggers = pg
    ? [
        ['records_version', 'records'],
        ['orgs_version', 'orgs'],
      ]
    : ['records_version_insert', 'records_version_update', 'records_version_delete', 'orgs_version_insert', 'orgs_version_update', 'orgs_version_delete'].map(
        (t) => [t, ''],
      );
  for (const [t, table] of triggers) await sql.raw(pg ? `drop trigger if exists ${t} on ${table}` : `drop trigger if exists ${t}`).execute(db);
  if (pg) await sql`drop function if exists ledger_versions_bump()`.execute(db);
  await db.schema.dropTable('ledger_versions').execute();
}
