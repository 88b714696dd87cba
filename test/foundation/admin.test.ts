import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

describe(`${dialectName}: separated administrators (三员分立)`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('admin manages accounts but reads no business data', async () => {
    const admin = await t.as('admin');
    expect((await admin({ url: '/api/users' })).statusCode).toBe(200);
    expect((await admin({ url: '/api/ledgers/rectification/records?org=QH-DH' })).statusCode).toBe(403);
    expect((await admin({ url: '/api/metrics?org=QH-DH&period=2023Q4' })).statusCode).toBe(403);
    expect(((await admin({ url: '/api/ledgers' })).json() as unknown[]).length).toBe(0);
    expect((await admin({ url: '/api/audit' })).statusCode).toBe(403);
  });

  it('auditor reads and verifies the audit log only', async () => {
    const auditor = await t.as('shenji');
    const log = await auditor({ url: '/api/audit?pageSize=5' });
    expect(log.statusCode).toBe(200);
    expect(log.json().total).toBeGreaterThan(0);
    expect((await auditor({ url: '/api/audit/verify' })).json()).toMatchObject({ ok: true });
    expect((await auditor({ url: '/api/users' })).statusCode).toBe(403);
    expect((await auditor({ url: '/api/ledgers/petition/records' })).statusCode).toBe(403);
  });

  it('security admin sets the policy; a weak policy is refused', async () => {
    const sec = await t.as('anquan');
    const weak = await sec({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { minLength: 6, minClasses: 3, idleMinutes: 30, maxFailures: 5, lockMinutes: 15 },
    });
    expect(weak.statusCode).toBe(400);
    const ok = await sec({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { minLength: 10, minClasses: 3, idleMinutes: 20, maxFailures: 5, lockMinutes: 15 },
    });
    expect(ok.statusCode).toBe(200);
    const admin = await t.as('admin');
    const short = await admin({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'newbie', name: '新人', password: 'Abc@12345', roles: ['discipline'], org: 'QH-DH' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatch(/至少 10 位/);
    const created = await admin({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'newbie', name: '新人', password: 'Abc@1234567', roles: ['discipline'], org: 'QH-DH' },
    });
    expect(created.statusCode).toBe(201);
    // A new account must change its initial password before doing anything else.
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'newbie', password: 'Abc@1234567' } });
    expect(login.json().mustChangePassword).toBe(true);
    const cookie = login.cookies[0];
    const blocked = await t.app.inject({ url: '/api/ledgers', cookies: { luoshi_sid: cookie.value } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().mustChangePassword).toBe(true);
  });
});
