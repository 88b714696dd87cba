/**
 * The login route around the password hash (src/auth/service.ts `login`): every attempt is
 * recorded whatever its outcome, an unknown user name costs one scrypt with today's parameters
 * and matches nothing, and concurrent logins (right and wrong passwords) keep a single audit
 * hash chain: the writes after the hash are one transaction, so the audit entry's advisory lock
 * holds on PostgreSQL (before, each login's entry could read the same last hash and fork the chain).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import { currentParams, dummyHash, verifyPassword } from '../../src/auth/password.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';

describe(`${dialectName}: login around the password hash`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (username: string, password = DEMO_PASSWORD) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const attempts = async (username: string) => (await t.db.kysely.selectFrom('login_attempts').select('id').where('username', '=', username).execute()).length;
  const auditOf = (username: string) => t.db.kysely.selectFrom('audit_log').select(['action', 'entity']).where('actor', '=', username).orderBy('id').execute();

  it('the stand-in hash for unknown accounts has today’s parameters, a fresh salt and matches no password', async () => {
    const a = dummyHash();
    const b = dummyHash();
    const { N, r, p } = currentParams();
    expect(a).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword('', a)).toBe(false);
    expect(await verifyPassword(DEMO_PASSWORD, a)).toBe(false);
  });

  it('records every attempt: unknown user, wrong password, locked account and success', async () => {
    const ghost = await login('nobody-here');
    expect(ghost.statusCode).toBe(401);
    expect(ghost.json().error).toBe('用户名或密码错误');
    expect(await attempts('nobody-here')).toBe(1);

    const wrong = await login('cun01', 'Wrong@2023x');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatch(/用户名或密码错误（还可尝试 \d+ 次）/);
    expect(await attempts('cun01')).toBe(1);

    const ok = await login('cun01');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ username: 'cun01', org: { code: 'QH-DH-V01' } });
    expect(await attempts('cun01')).toBe(2);
    const row = await t.db.kysely.selectFrom('users').select(['failed_count', 'last_login_at']).where('username', '=', 'cun01').executeTakeFirstOrThrow();
    expect(row.failed_count).toBe(0);
    expect(row.last_login_at).not.toBeNull();
    expect(await auditOf('cun01')).toEqual([
      { action: 'loginFailed', entity: 'user' },
      { action: 'login', entity: 'session' },
    ]);

    await t.db.kysely
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 600_000).toISOString() })
      .where('username', '=', 'wangge01')
      .execute();
    const locked = await login('wangge01');
    expect(locked.statusCode).toBe(423);
    expect(await attempts('wangge01')).toBe(1);
    expect(
      (
        await t.db.kysely
          .selectFrom('sessions')
          .innerJoin('users', 'users.id', 'sessions.user_id')
          .select('sessions.id')
          .where('users.username', '=', 'wangge01')
          .execute()
      ).length,
    ).toBe(0);
  });

  it('concurrent logins, right and wrong, keep one unbroken audit chain', async () => {
    const users = ['shuji', 'jiwei', 'zuzhi', 'xuanchuan', 'zhengfa', 'xian', 'admin', 'anquan', 'shenji'];
    const before = (await t.db.kysely.selectFrom('audit_log').select('id').execute()).length;
    const results = await Promise.all(users.flatMap((u) => [login(u), login(u, 'Wrong@2023x')]));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array(users.length).fill(200), ...Array(users.length).fill(401)].sort());
    const after = (await t.db.kysely.selectFrom('audit_log').select('id').execute()).length;
    expect(after - before).toBe(users.length * 2);
    const chain = await verifyAuditChain(t.db.kysely);
    expect(chain, JSON.stringify(chain)).toMatchObject({ ok: true });
  });
});
