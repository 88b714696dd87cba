/**
 * Rate limits: logins per IP (429 past `loginRateLimit`), and the expensive endpoints per
 * session (metrics, import, export, reveal, alert recomputation, test e-mail). The per-IP limit must not be escaped by sending a
 * made-up session cookie or a forged X-Forwarded-For header from a non-proxy address, and one
 * session's limit must not starve another session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';

const CLIENT = '203.0.113.7';
const login = (t: TestApp, opts: { ip?: string; headers?: Record<string, string>; username?: string; password?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: opts.ip ?? CLIENT,
    headers: opts.headers,
    payload: { username: opts.username ?? 'nobody', password: opts.password ?? 'wrong-password' },
  });

describe(`${dialectName}: login rate limit per IP`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginRateLimit: 5 });
  });
  afterAll(() => t.close());

  it('answers 429 with a Chinese message past the limit, for right and wrong passwords alike', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(t)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const over = await login(t, { username: 'shuji', password: DEMO_PASSWORD });
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toBe('请求过于频繁，请稍后再试');
    expect(over.headers['retry-after']).toBeDefined();
  });

  it('is not escaped with a made-up session cookie on each attempt', async () => {
    const ip = '203.0.113.8';
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await login(t, { ip, headers: { cookie: `luoshi_sid=forged${i}${'x'.repeat(30)}` } })).statusCode);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
  });

  it('is not escaped with a forged X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const ip = '203.0.113.9';
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await login(t, { ip, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } })).statusCode);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
  });

  it('keeps other IPs out of one IP’s limit', async () => {
    const res = await login(t, { ip: '203.0.113.10', username: 'shuji', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
  });
});

describe(`${dialectName}: expensive endpoints are limited per session`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Status codes of n calls; stops early at the first 429. */
  async function until429(call: () => Promise<{ statusCode: number }>, max: number): Promise<{ n: number; codes: Set<number> }> {
    const codes = new Set<number>();
    for (let i = 1; i <= max; i++) {
      const { statusCode } = await call();
      codes.add(statusCode);
      if (statusCode === 429) return { n: i, codes };
    }
    return { n: Infinity, codes };
  }

  it('metrics: 429 after 120 requests a minute; another session is unaffected', async () => {
    const a = await t.as('shuji');
    const r = await until429(() => a({ url: '/api/metrics?org=QH-DH&period=2023Q4' }), 130);
    expect(r.n).toBe(121);
    expect([...r.codes].sort()).toEqual([200, 429]);
    const b = await t.as('jiwei');
    expect((await b({ url: '/api/metrics?org=QH-DH&period=2023Q4' })).statusCode).toBe(200);
    // Cheap reads stay available to the limited session.
    expect((await a({ url: '/api/me' })).statusCode).toBe(200);
  });

  it('export: 429 after 60 requests a minute', async () => {
    const a = await t.as('zuzhi');
    const r = await until429(() => a({ url: '/api/ledgers/partyMember/export?format=jsonl' }), 70);
    expect(r.n).toBe(61);
  });

  it('import: 429 after 10 requests a minute', async () => {
    const a = await t.as('zhengfa');
    const r = await until429(() => a({ method: 'POST', url: '/api/import?dryRun=1', headers: { 'content-type': 'application/json' }, payload: '{}' }), 15);
    expect(r.n).toBe(11);
    expect(r.codes.has(400)).toBe(true); // the earlier ones were answered (not multipart → 400)
  });

  it('reveal of a masked field: 429 after 30 requests a minute', async () => {
    const a = await t.as('jiwei');
    const r = await until429(() => a({ method: 'POST', url: '/api/records/1/reveal', payload: { field: 'idNumber' } }), 40);
    expect(r.n).toBe(31);
  });

  it('recomputing alerts now: 429 after 10 requests a minute; a test e-mail: after 5', async () => {
    const a = await t.as('xian');
    const r = await until429(() => a({ method: 'POST', url: '/api/alerts/recompute', payload: {} }), 15);
    expect(r.n).toBe(11);
    expect(r.codes.has(200)).toBe(true);
    const m = await until429(() => a({ method: 'POST', url: '/api/alerts/settings/notify/test' }), 10);
    expect(m.n).toBe(6);
  });
});
