import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb } from './db.ts';
import { seedDemoAccounts, seedDemoOrgs, DEMO_PASSWORD } from '../../src/demo/orgs.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  /** Log in as a demo account (password Demo@2023) and return an injector carrying cookie and CSRF header. */
  as(username: string): Promise<(opts: InjectOptions) => Promise<LightMyRequestResponse>>;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database with the demo county's orgs and accounts (no records); `db`
 * gives it another fresh database (e.g. a SQLite file a worker thread can open too).
 */
export async function createTestApp(opts: { seed?: (db: Db) => Promise<void>; loginRateLimit?: number; db?: Db } = {}): Promise<TestApp> {
  const db = opts.db ?? (await createTestDb());
  await seedDemoOrgs(db.kysely);
  await seedDemoAccounts(db.kysely);
  if (opts.seed) await opts.seed(db);
  const app = await buildApp({ db, webDir: null, loginRateLimit: opts.loginRateLimit ?? 1000 });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  return {
    app,
    db,
    async as(username: string) {
      let s = sessions.get(username);
      if (!s) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
        if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
        const c = res.cookies.find((x) => x.name === 'luoshi_sid')!;
        s = { cookie: `luoshi_sid=${c.value}`, csrf: res.json().csrfToken };
        sessions.set(username, s);
      }
      const { cookie, csrf } = s;
      return (o: InjectOptions) => app.inject({ ...o, headers: { ...(o.headers ?? {}), cookie, 'x-csrf-token': csrf } });
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
