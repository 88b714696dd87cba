import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';

/**
 * The schema stays ready for sharding by town (docs/scale.md, "Sharding by town"): every table
 * is classified as distributed by town_id, reference (copied to every node) or local (the
 * coordinator's own state); a distributed table carries town_id, and its unique indexes include
 * town_id. Today's exceptions are listed here and in docs/scale.md with what must change before
 * distributing; a new table or unique index that breaks the rule fails this test.
 */
const DISTRIBUTED = ['records', 'files', 'reports', 'report_versions', 'alerts', 'metric_snapshots', 'ledger_versions', 'overdue_counts'];
const REFERENCE = ['orgs', 'users', 'settings', 'ledger_defs', 'report_templates', 'indicators'];
const LOCAL = ['sessions', 'login_attempts', 'rate_limits', 'scheduled_runs', 'alert_digest_runs', 'audit_log', 'kysely_migration', 'kysely_migration_lock'];

/** Distributed tables whose town_id may be null today (rows above town level); docs/scale.md. */
const NULLABLE_TOWN_ID = new Set(['files', 'alerts']);
/** Unique keys of distributed tables without town_id today, as table(columns); docs/scale.md. */
const UNIQUE_WITHOUT_TOWN = new Set(['records(id)', 'files(id)', 'reports(id)', 'report_versions(id)', 'alerts(id)', 'alerts(key)', 'reports(org_id,period)']);

interface Column {
  table: string;
  name: string;
  notNull: boolean;
}

async function tables(db: Db): Promise<string[]> {
  return dialectName === 'postgres'
    ? (
        await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely)
      ).rows.map((r) => r.name)
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely)).rows.map(
        (r) => r.name,
      );
}

async function columns(db: Db, table: string): Promise<Column[]> {
  if (dialectName === 'postgres') {
    return (
      await sql<{
        name: string;
        nullable: string;
      }>`select column_name as name, is_nullable as nullable from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
        db.kysely,
      )
    ).rows.map((r) => ({ table, name: r.name, notNull: r.nullable === 'NO' }));
  }
  return (await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${table})`.execute(db.kysely)).rows.map(
    (r) => ({ table, name: r.name, notNull: !!r.notnull || !!r.pk }),
  );
}

/** Unique keys (primary keys included) as table(col,col); an expression shows as `expr`. */
async function uniqueKeys(db: Db, table: string): Promise<string[]> {
  if (dialectName === 'postgres') {
    const rows = (
      await sql<{ cols: string }>`
        select string_agg(coalesce(a.attname, 'expr'), ',' order by k.n) as cols
        from pg_index x
        join pg_class t on t.oid = x.indrelid
        join pg_namespace s on s.oid = t.relnamespace
        cross join lateral unnest(x.indkey) with ordinality as k(attnum, n)
        left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
        where s.nspname = current_schema() and t.relname = ${table} and x.indisunique
        group by x.indexrelid`.execute(db.kysely)
    ).rows;
    return rows.map((r) => `${table}(${r.cols})`);
  }
  const keys: string[] = [];
  const pkCols = (
    await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db.kysely)
  ).rows.map((r) => r.name);
  if (pkCols.length) keys.push(`${table}(${pkCols.join(',')})`);
  for (const ix of (
    await sql<{ name: string; unique: number; origin: string }>`select name, "unique", origin from pragma_index_list(${table})`.execute(db.kysely)
  ).rows) {
    if (!ix.unique || ix.origin === 'pk') continue;
    const cols = (await sql<{ name: string | null }>`select name from pragma_index_info(${ix.name}) order by seqno`.execute(db.kysely)).rows.map(
      (r) => r.name ?? 'expr',
    );
    keys.push(`${table}(${cols.join(',')})`);
  }
  return keys;
}

/** What breaks the rule, one line each; empty when the schema is ready for sharding. */
async function shardingProblems(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const classified = new Set([...DISTRIBUTED, ...REFERENCE, ...LOCAL]);
  for (const t of (await tables(db)).sort()) {
    if (!classified.has(t)) {
      problems.push(`表 ${t} 未归类：在 test/scale/sharding.test.ts 和 docs/scale.md 中标明它按 town_id 分布、是参考表还是本地表`);
      continue;
    }
    if (!DISTRIBUTED.includes(t)) continue;
    const town = (await columns(db, t)).find((c) => c.name === 'town_id');
    if (!town) problems.push(`分布表 ${t} 没有 town_id 列`);
    else if (!town.notNull && !NULLABLE_TOWN_ID.has(t)) problems.push(`分布表 ${t} 的 town_id 可为空`);
    for (const k of await uniqueKeys(db, t)) {
      const cols = k.slice(t.length + 1, -1).split(',');
      if (!cols.includes('town_id') && !UNIQUE_WITHOUT_TOWN.has(k)) problems.push(`分布表的唯一索引 ${k} 不含 town_id`);
    }
  }
  return problems;
}

describe(`${dialectName}: schema ready for sharding by town (docs/scale.md)`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('every table is classified, distributed tables carry town_id in their unique keys (known exceptions listed)', async () => {
    expect(await shardingProblems(db)).toEqual([]);
    // The lists name only tables that exist (a dropped table must leave the lists too).
    const all = new Set(await tables(db));
    for (const t of [...DISTRIBUTED, ...REFERENCE, ...LOCAL]) expect(all.has(t) || t.startsWith('kysely_'), t).toBe(true);
  });

  it('fails for a new unclassified table, a distributed table without town_id, and a unique index without it', async () => {
    await sql`create table widgets (id integer primary key, name text)`.execute(db.kysely);
    await sql`create unique index records_title_unique on records (ledger, title)`.execute(db.kysely);
    await sql`create unique index reports_town_period on reports (town_id, org_id, period)`.execute(db.kysely);
    try {
      const problems = await shardingProblems(db);
      expect(problems).toContain('表 widgets 未归类：在 test/scale/sharding.test.ts 和 docs/scale.md 中标明它按 town_id 分布、是参考表还是本地表');
      expect(problems).toContain('分布表的唯一索引 records(ledger,title) 不含 town_id');
      // A unique index that includes town_id is fine.
      expect(problems.some((p) => p.includes('reports(town_id'))).toBe(false);
      expect(problems).toHaveLength(2);
    } finally {
      await sql`drop table widgets`.execute(db.kysely);
      await sql`drop index records_title_unique`.execute(db.kysely);
      await sql`drop index reports_town_period`.execute(db.kysely);
    }
  });
});
