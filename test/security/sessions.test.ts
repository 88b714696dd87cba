/**
 * Sessions: login always issues a fresh token (session fixation), tokens are stored hashed,
 * logout ends the session server-side, an idle session expires by the security policy's
 * idleMinutes (time faked by editing sessions.last_seen_at), repeated wrong passwords lock the
 * account (423) until it expires or an administrator unlocks it; disabling an account or
 * resetting its password ends its sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import { sha256 } from '../../src/auth/service.ts';

describe(`${dialectName}: sessions, idle timeout and lockout`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function login(username: string, password = DEMO_PASSWORD, cookie?: string) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: cookie ? { cookie } : {} });
    const sid = res.cookies.find((c) => c.name === 'luoshi_sid')?.value ?? '';
    return { res, sid, csrf: (res.statusCode === 200 ? res.json().csrfToken : '') as string };
  }
  const me = (sid: string) => t.app.inject({ url: '/api/me', cookies: { luoshi_sid: sid } });
  const sessionRows = async (username: string) =>
    t.db.kysely
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.last_seen_at'])
      .where('users.username', '=', username)
      .execute();

  it('issues a new token at every login and ignores a token planted before login', async () => {
    const planted = 'attacker-chosen-token-aaaaaaaaaaaaaaaaaaaaaaaa';
    const a = await login('zuzhi', DEMO_PASSWORD, `luoshi_sid=${planted}`);
    expect(a.res.statusCode).toBe(200);
    expect(a.sid).not.toBe(planted);
    expect(a.sid.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect((await me(planted)).statusCode).toBe(401);
    const b = await login('zuzhi', DEMO_PASSWORD, `luoshi_sid=${a.sid}`);
    expect(b.sid).not.toBe(a.sid);
    expect(b.csrf).not.toBe(a.csrf);
    expect((await me(b.sid)).statusCode).toBe(200);
  });

  it('stores only a hash of the token', async () => {
    const { sid } = await login('xuanchuan');
    const rows = await sessionRows('xuanchuan');
    expect(rows.map((r) => r.id)).toContain(sha256(sid));
    const dump = JSON.stringify(await t.db.kysely.selectFrom('sessions').selectAll().execute());
    expect(dump).not.toContain(sid);
  });

  it('logout ends the session on the server, not only the cookie', async () => {
    const { sid, csrf } = await login('zhengfa');
    expect((await me(sid)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { luoshi_sid: sid }, headers: { 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/luoshi_sid=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/i);
    // Replaying the old cookie does not work.
    expect((await me(sid)).statusCode).toBe(401);
    const write = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { luoshi_sid: sid }, headers: { 'x-csrf-token': csrf } });
    expect(write.statusCode).toBe(401);
    expect((await sessionRows('zhengfa')).map((r) => r.id)).not.toContain(sha256(sid));
  });

  it('ends a session idle longer than the policy’s idleMinutes', async () => {
    const sec = await t.as('anquan');
    const policy = { minLength: 8, minClasses: 3, idleMinutes: 10, maxFailures: 5, lockMinutes: 15 };
    expect((await sec({ method: 'PUT', url: '/api/security/policy', payload: policy })).statusCode).toBe(200);
    const active = await login('cun01');
    const idle = await login('cun01');
    const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    await t.db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: ago(9) })
      .where('id', '=', sha256(active.sid))
      .execute();
    await t.db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: ago(11) })
      .where('id', '=', sha256(idle.sid))
      .execute();
    expect((await me(active.sid)).statusCode).toBe(200);
    // Use refreshes last_seen_at, so the active session keeps going.
    const touched = (await sessionRows('cun01')).find((r) => r.id === sha256(active.sid))!;
    expect(Date.now() - new Date(touched.last_seen_at).getTime()).toBeLessThan(60_000);
    const res = await me(idle.sid);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('请先登录');
    expect((await sessionRows('cun01')).map((r) => r.id)).not.toContain(sha256(idle.sid));
    // A shorter policy applies to sessions already open.
    await sec({ method: 'PUT', url: '/api/security/policy', payload: { ...policy, idleMinutes: 5 } });
    await t.db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: ago(6) })
      .where('id', '=', sha256(active.sid))
      .execute();
    expect((await me(active.sid)).statusCode).toBe(401);
    await sec({ method: 'PUT', url: '/api/security/policy', payload: { ...policy, idleMinutes: 30 } });
  });

  it('locks after maxFailures wrong passwords (423, even for the right one) and the administrator unlocks', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login('wangge01', `Wrong#${i}abc`)).res.statusCode);
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes.slice(4).every((c) => c === 423)).toBe(true);
    const locked = await login('wangge01');
    expect(locked.res.statusCode).toBe(423);
    expect(locked.res.json().error).toMatch(/锁定/);
    expect(locked.sid).toBe('');
    const admin = await t.as('admin');
    const users = (await admin({ url: '/api/users' })).json() as { username: string; locked: boolean }[];
    expect(users.find((u) => u.username === 'wangge01')?.locked).toBe(true);
    // Only the administrator may unlock.
    const other = await t.as('anquan');
    expect((await other({ method: 'PATCH', url: '/api/users/wangge01', payload: { unlock: true } })).statusCode).toBe(403);
    expect((await admin({ method: 'PATCH', url: '/api/users/wangge01', payload: { unlock: true } })).statusCode).toBe(200);
    expect((await login('wangge01')).res.statusCode).toBe(200);
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', 'wangge01').execute()).map((r) => r.action);
    expect(actions).toContain('lock');
    expect(actions).toContain('update');
  });

  it('the lock expires by itself after lockMinutes', async () => {
    for (let i = 0; i < 5; i++) await login('shuji', 'Nope#1234');
    expect((await login('shuji')).res.statusCode).toBe(423);
    await t.db.kysely
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('username', '=', 'shuji')
      .execute();
    expect((await login('shuji')).res.statusCode).toBe(200);
  });

  it('disabling an account or resetting its password ends its open sessions', async () => {
    const admin = await t.as('admin');
    const a = await login('jiwei');
    expect((await me(a.sid)).statusCode).toBe(200);
    expect((await admin({ method: 'PATCH', url: '/api/users/jiwei', payload: { resetPassword: 'Reset#2024abc' } })).statusCode).toBe(200);
    expect((await me(a.sid)).statusCode).toBe(401);
    const b = await login('jiwei', 'Reset#2024abc');
    expect(b.res.statusCode).toBe(200);
    expect((await admin({ method: 'PATCH', url: '/api/users/jiwei', payload: { disabled: true } })).statusCode).toBe(200);
    expect((await me(b.sid)).statusCode).toBe(401);
    expect((await login('jiwei', 'Reset#2024abc')).res.statusCode).toBe(401);
  });
});
