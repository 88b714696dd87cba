import pg from 'pg';

/** Run administrative statements (create or drop a bench schema) on their own connection. */
export async function pgAdmin(url: string, ...statements: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const q of statements) await c.query(q);
  } finally {
    await c.end();
  }
}
