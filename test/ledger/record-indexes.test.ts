/**
 * The indexes of `records` after every migration (src/db/migrations/): each one costs every
 * insert (an import of 100 000 records pays it 100 000 times), so the set is pinned here, and
 * the queries that records_ledger_path_date was made for still search an index without it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';

const EXPECTED = [
  'records_idhash',
  'records_ledger_date_cover',
  'records_ledger_kind',
  'records_ledger_title',
  'records_org',
  'records_title_date3',
  'records_town_ledger_date',
];

describe(`${dialectName}: indexes of records`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('are the pinned set, without the unused records_ledger_path_date', async () => {
    const names =
      dialectName === 'postgres'
        ? (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'records' and indexname <> 'records_pkey'`.execute(
              db.kysely,
            )
          ).rows
        : (await sql<{ name: string }>`select name from pragma_index_list('records') where origin = 'c'`.execute(db.kysely)).rows;
    expect(names.map((r) => r.name).sort()).toEqual(EXPECTED);
  });

  it.runIf(dialectName === 'sqlite')('a ledger in an org subtree, newest first, still searches an index (SQLite plan)', async () => {
    const plan = async (q: string) =>
      (await sql<{ detail: string }>`explain query plan ${sql.raw(q)}`.execute(db.kysely)).rows.map((r) => r.detail).join(' | ');
    const county = await plan(`select id from records where ledger = 'talk' and org_path like '/1/2/%' and deleted_at is null order by date_on desc limit 20`);
    expect(county).toMatch(/SEARCH records USING (COVERING )?INDEX records_ledger_date_cover \(ledger=\?\)/);
    const town = await plan(
      `select id from records where town_id = 2 and ledger = 'talk' and org_path like '/1/2/%' and deleted_at is null order by date_on desc limit 20`,
    );
    expect(town).toMatch(/SEARCH records USING INDEX records_town_ledger_date \(town_id=\? AND ledger=\?\)/);
  });
});
