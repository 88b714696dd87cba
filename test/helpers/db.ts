import crypto from 'node:crypto';
import pg from 'pg';
import { isPostgresUrl, openDb, type Db } from '../../src/db/kysely.ts';

/**
 * A fresh, migrated database for one test: in-memory SQLite by default, or a new
 * PostgreSQL schema when DATABASE_URL is a postgres URL (CI runs the suite both ways).
 */
export async function createTestDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!isPostgresUrl(url)) return openDb({ file: ':memory:' });
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = await openDb({ url, schema });
  const close = db.close;
  db.close = async () => {
    await close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  };
  return db;
}

export const dialectName = isPostgresUrl(process.env.DATABASE_URL) ? 'postgres' : 'sqlite';
