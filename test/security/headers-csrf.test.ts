/**
 * CSRF and security headers. A cookie-authenticated write must carry the session's own CSRF
 * token in `x-csrf-token`; without it, with a wrong one, or with another session's token it is
 * refused and nothing is written. Every response — the web app at `/` and the API — carries a
 * strict CSP and the usual hardening headers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { DEMO_PASSWORD, seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';

const RECORD = { org: 'QH-DH', fields: { title: 'CSRF 测试问题', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-05-06' } };

describe(`${dialectName}: CSRF and security headers`, () => {
  let db: Db;
  let app: FastifyInstance;
  let webDir: string;
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return { sid: res.cookies.find((c) => c.name === 'luoshi_sid')!.value, csrf: res.json().csrfToken as string, res };
  };
  const records = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('records')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-web-'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>落实</title><div id="root"></div><script type="module" src="/assets/app.js"></script>',
    );
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1);');
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    app = await buildApp({ db, webDir, loginRateLimit: 1000 });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('refuses a cookie-authenticated write without a token, with a wrong one and with another session’s token', async () => {
    const a = await login('jiwei');
    const b = await login('shuji');
    const before = await records();
    const attempts: [string, Record<string, string>][] = [
      ['no token', {}],
      ['empty token', { 'x-csrf-token': '' }],
      ['wrong token', { 'x-csrf-token': 'x'.repeat(a.csrf.length) }],
      ['another session’s token', { 'x-csrf-token': b.csrf }],
      ['token in a query-like header name', { 'x-csrf': a.csrf }],
    ];
    for (const [label, headers] of attempts) {
      const res = await app.inject({ method: 'POST', url: '/api/ledgers/rectification/records', cookies: { luoshi_sid: a.sid }, headers, payload: RECORD });
      expect(res.statusCode, label).toBe(403);
      expect(res.json().error, label).toMatch(/CSRF/);
    }
    // PATCH, DELETE, multipart upload and import are writes too.
    for (const [method, url] of [
      ['PATCH', '/api/records/1'],
      ['DELETE', '/api/records/1'],
      ['POST', '/api/records/1/files'],
      ['POST', '/api/import'],
      ['POST', '/api/auth/logout'],
    ] as const) {
      const res = await app.inject({ method, url, cookies: { luoshi_sid: a.sid }, payload: {} });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await records()).toBe(before);
    // The session still works: the same write with its own token goes through.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      cookies: { luoshi_sid: a.sid },
      headers: { 'x-csrf-token': a.csrf },
      payload: RECORD,
    });
    expect(ok.statusCode).toBe(201);
    expect(await records()).toBe(before + 1);
  });

  it('does not need the token for reads, and does not hand it out to anyone but the session', async () => {
    const a = await login('jiwei');
    const list = await app.inject({ url: '/api/ledgers/rectification/records', cookies: { luoshi_sid: a.sid } });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(a.csrf);
    const me = await app.inject({ url: '/api/me', cookies: { luoshi_sid: a.sid } });
    expect(me.json().csrfToken).toBe(a.csrf);
    const anon = await app.inject({ url: '/api/me' });
    expect(anon.statusCode).toBe(401);
    expect(anon.body).not.toContain(a.csrf);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ (Secure behind TLS)', async () => {
    const { res } = await login('zuzhi');
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/luoshi_sid=[A-Za-z0-9_-]{40,}/);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    expect(raw).toMatch(/Path=\//);
    const secureApp = await buildApp({ db, webDir: null, secureCookie: true });
    try {
      const s = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zuzhi', password: DEMO_PASSWORD } });
      expect(String(s.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally {
      await secureApp.close();
    }
  });

  function expectHardened(res: LightMyRequestResponse, label: string) {
    const csp = String(res.headers['content-security-policy'] ?? '');
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives.get('default-src'), `${label} default-src`).toEqual(["'self'"]);
    expect(directives.get('script-src'), `${label} script-src`).toEqual(["'self'"]);
    expect(directives.get('object-src'), `${label} object-src`).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors'), `${label} frame-ancestors`).toEqual(["'none'"]);
    expect(directives.get('base-uri'), `${label} base-uri`).toEqual(["'self'"]);
    expect(directives.get('form-action'), `${label} form-action`).toEqual(["'self'"]);
    for (const v of directives.values()) {
      expect(v, `${label}: no unsafe-eval or wildcard`).not.toContain("'unsafe-eval'");
      expect(v, `${label}: no wildcard source`).not.toContain('*');
    }
    expect(res.headers['x-content-type-options'], label).toBe('nosniff');
    expect(String(res.headers['x-frame-options']).toUpperCase(), label).toMatch(/^(DENY|SAMEORIGIN)$/);
    expect(res.headers['referrer-policy'], label).toBe('no-referrer');
    // Plain HTTP: HSTS would be ignored by browsers and wrongly pins a host without TLS (test/security/assessment.test.ts).
    expect(res.headers['strict-transport-security'], label).toBeUndefined();
    expect(res.headers['cross-origin-opener-policy'], label).toBe('same-origin');
    expect(res.headers['x-powered-by'], label).toBeUndefined();
  }

  it('serves / and its assets with a strict CSP and hardening headers', async () => {
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    expectHardened(root, '/');
    const spa = await app.inject({ url: '/ledgers/rectification' });
    expect(spa.statusCode).toBe(200);
    expectHardened(spa, 'SPA route');
    const js = await app.inject({ url: '/assets/app.js' });
    expect(js.statusCode).toBe(200);
    expectHardened(js, 'asset');
  });

  it('sends the same headers on API answers, errors included', async () => {
    const a = await login('jiwei');
    const cases: [string, LightMyRequestResponse][] = [
      ['health', await app.inject({ url: '/api/health' })],
      ['401', await app.inject({ url: '/api/ledgers' })],
      ['list', await app.inject({ url: '/api/ledgers/rectification/records', cookies: { luoshi_sid: a.sid } })],
      ['404', await app.inject({ url: '/api/nothing-here', cookies: { luoshi_sid: a.sid } })],
      ['400', await app.inject({ url: '/api/ledgers/rectification/records?sort=;drop', cookies: { luoshi_sid: a.sid } })],
      ['403 csrf', await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { luoshi_sid: a.sid } })],
    ];
    for (const [label, res] of cases) {
      expectHardened(res, label);
      expect(res.headers['content-type'], label).toMatch(/^application\/json/);
    }
  });
});
