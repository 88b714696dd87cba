import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { checkPasswordPolicy } from '../../src/auth/password.ts';
import { dialectName } from '../helpers/db.ts';

describe(`${dialectName}: accounts, sessions and org scope`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers health without a session and 401 on /api/me without one', async () => {
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const me = await t.app.inject({ url: '/api/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json().error).toBe('请先登录');
  });

  it('logs in with an HttpOnly, SameSite=Strict cookie and answers /api/me with it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shuji', password: 'Demo@2023' } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'luoshi_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const me = await t.app.inject({ url: '/api/me', cookies: { luoshi_sid: c.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'shuji', roles: ['secretary'], org: { code: 'QH-DH', kind: 'town' } });
  });

  it('rejects a cookie-authenticated write without the CSRF header', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zuzhi', password: 'Demo@2023' } });
    const c = res.cookies.find((x) => x.name === 'luoshi_sid')!;
    const w = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { luoshi_sid: c.value } });
    expect(w.statusCode).toBe(403);
  });

  it('scopes /api/orgs to the account subtree', async () => {
    const village = await t.as('cun01');
    const v = (await village({ url: '/api/orgs' })).json() as { code: string }[];
    expect(v.map((o) => o.code)).toContain('QH-DH-V01');
    expect(v.every((o) => o.code.startsWith('QH-DH-V01'))).toBe(true);
    const town = await t.as('shuji');
    const tw = (await town({ url: '/api/orgs' })).json() as { code: string; parent: string | null }[];
    expect(tw.some((o) => o.code === 'QH-NP')).toBe(false);
    expect(tw.find((o) => o.code === 'QH-DH-V01')?.parent).toBe('QH-DH');
    const county = await t.as('xian');
    expect(((await county({ url: '/api/orgs' })).json() as { code: string }[]).some((o) => o.code === 'QH-NP')).toBe(true);
  });

  it('locks an account after repeated wrong passwords (423) while the right one is refused too', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xuanchuan', password: `wrong${i}` } })).statusCode);
    }
    expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(codes[4]).toBe(423);
    expect(codes.slice(5).every((c) => c === 423)).toBe(true);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xuanchuan', password: 'Demo@2023' } });
    expect(right.statusCode).toBe(423);
  });

  it('sends security headers with a CSP', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('password policy', () => {
  it.each([
    ['short', 'Ab1!', false],
    ['two classes', 'abcdefgh12', false],
    ['three classes', 'abcdefG12', true],
    ['symbols', 'Demo@2023', true],
  ])('%s', (_n, pw, ok) => {
    expect(checkPasswordPolicy(pw) === null).toBe(ok);
  });
  it('rejects a password containing the user name', () => {
    expect(checkPasswordPolicy('Shuji@2023x', undefined, 'shuji')).toMatch(/用户名/);
  });
});

describe(`${dialectName}: login throttling per IP`, () => {
  it('answers 429 past the per-minute limit', async () => {
    const t2 = await createTestApp({ loginRateLimit: 5 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++)
        codes.push((await t2.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
      expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await t2.close();
    }
  });
});
