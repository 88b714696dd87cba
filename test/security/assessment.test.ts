/**
 * What an 等保/密评 assessor tries first (issue 17): API documentation without a session, HSTS
 * on plain HTTP, old password hashes, lockout times in the server's zone, the auditor's export
 * and the security administrator's view, formula injection through the alerts CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import { hashPassword, LEGACY_PARAMS, SCRYPT_PARAMS, verifyPassword } from '../../src/auth/password.ts';
import { csvCell } from '../../src/util/csv.ts';
import { alertsCsv } from '../../src/alerts/export.ts';
import type { AlertItem } from '../../src/alerts/query.ts';

describe(`${dialectName}: assessor findings`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves /api/docs and /api/docs/json only to a signed-in user', async () => {
    for (const url of ['/api/docs', '/api/docs/json', '/api/docs/static/index.html']) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    }
    const as = await t.as('zuzhi');
    const json = await as({ url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(json.json().openapi).toMatch(/^3\./);
  });

  it('switched off, /api/docs does not exist (404) for anyone', async () => {
    const off = await buildApp({ db: t.db, webDir: null, apiDocs: false });
    try {
      expect((await off.inject({ url: '/api/docs' })).statusCode).toBe(404);
      expect((await off.inject({ url: '/api/docs/json' })).statusCode).toBe(404);
      const login = await off.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zuzhi', password: DEMO_PASSWORD } });
      const cookie = `luoshi_sid=${login.cookies.find((c) => c.name === 'luoshi_sid')!.value}`;
      expect((await off.inject({ url: '/api/docs/json', headers: { cookie } })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });

  it('sends HSTS only over TLS (trusted proxy) or with LUOSHI_SECURE_COOKIE', async () => {
    expect((await t.app.inject({ url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const tls = await t.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } }); // from 127.0.0.1, a trusted proxy
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const spoofed = await t.app.inject({ url: '/api/health', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const secure = await buildApp({ db: t.db, webDir: null, secureCookie: true });
    try {
      expect((await secure.inject({ url: '/api/health' })).headers['strict-transport-security']).toMatch(/max-age=/);
    } finally {
      await secure.close();
    }
  });

  it('logs in with an old N=16384 hash and upgrades it to N=2^17 (parameters stored in the hash)', async () => {
    const saved = process.env.LUOSHI_TEST_SCRYPT_N;
    delete process.env.LUOSHI_TEST_SCRYPT_N; // production parameters for this test
    try {
      const old = await hashPassword(DEMO_PASSWORD, LEGACY_PARAMS);
      expect(old).toMatch(/^scrypt\$16384\$8\$1\$/);
      await t.db.kysely.updateTable('users').set({ password_hash: old }).where('username', '=', 'xuanchuan').execute();
      const t0 = performance.now();
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xuanchuan', password: DEMO_PASSWORD } });
      const ms = performance.now() - t0;
      expect(res.statusCode).toBe(200);
      const row = await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'xuanchuan').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$8\\$1\\$`));
      expect(await verifyPassword(DEMO_PASSWORD, row.password_hash)).toBe(true);
      expect(await verifyPassword('wrong', row.password_hash)).toBe(false);
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'xuanchuan', password: DEMO_PASSWORD } });
      expect(again.statusCode).toBe(200);
      const after = await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'xuanchuan').executeTakeFirstOrThrow();
      expect(after.password_hash).toBe(row.password_hash); // already current: not re-hashed
      const logged = await t.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'rehashPassword')
        .where('entity_id', '=', 'xuanchuan')
        .execute();
      expect(logged).toHaveLength(1);
      console.log(`login with upgrade (verify N=2^14 + hash N=2^17): ${ms.toFixed(0)} ms`);
    } finally {
      process.env.LUOSHI_TEST_SCRYPT_N = saved;
    }
  });

  it('refuses a planted hash with absurd parameters instead of exhausting memory', async () => {
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false);
  });

  it('states the lockout end in the towns’ zone (Asia/Shanghai), not the server’s', async () => {
    await t.db.kysely.updateTable('users').set({ locked_until: '2099-01-01T16:30:00.000Z' }).where('username', '=', 'zhengfa').execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhengfa', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(423);
    expect(res.json().error).toContain('2099-01-02 00:30:00');
    const anquan = await t.as('anquan');
    const ev = await anquan({ url: '/api/security/events?kind=lock' });
    expect(ev.json().locked).toContainEqual({ username: 'zhengfa', name: '赵永安', lockedUntil: '2099-01-02 00:30:00' });
    await t.db.kysely.updateTable('users').set({ locked_until: null }).where('username', '=', 'zhengfa').execute();
  });

  it('shows the security administrator failed logins, lockouts and key state; nobody else', async () => {
    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cun01', password: 'wrong' } });
    const anquan = await t.as('anquan');
    const all = (await anquan({ url: '/api/security/events' })).json();
    expect(all.items.filter((i: { action: string }) => i.action === 'loginFailed').length).toBeGreaterThanOrEqual(4);
    expect(all.items.some((i: { action: string; target: string }) => i.action === 'lock' && i.target === 'cun01')).toBe(true);
    expect(all.items[0].at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(all.keys).toMatchObject({ active: 'a1', scheme: 'aes', rotation: null });
    const failed = (await anquan({ url: '/api/security/events?kind=loginFailed' })).json();
    expect(failed.items.every((i: { action: string }) => i.action === 'loginFailed')).toBe(true);
    for (const u of ['shenji', 'admin', 'shuji']) expect((await (await t.as(u))({ url: '/api/security/events' })).statusCode, u).toBe(403);
  });

  it('lets the auditor export the audit log (CSV and xlsx) with its verification result, and audits the export', async () => {
    const shenji = await t.as('shenji');
    const csv = await shenji({ url: '/api/audit/export?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['x-audit-verified']).toBe('ok');
    const text = csv.body.replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[2]).toMatch(/^哈希链校验通过：共 \d+ 条（SHA-256 \d+ 条）/);
    expect(text).toContain('序号,时间,操作人,操作');
    expect(text).toContain('loginFailed');
    const xlsx = await shenji({ url: '/api/audit/export?format=xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(String(ws.getCell(3, 1).value)).toMatch(/^哈希链校验通过/);
    expect(ws.getRow(4).values).toContain('哈希算法');
    expect(ws.rowCount).toBeGreaterThan(10);
    const exported = await t.db.kysely.selectFrom('audit_log').select('note').where('action', '=', 'export').where('entity', '=', 'audit').execute();
    expect(exported).toHaveLength(2);
    for (const u of ['anquan', 'admin', 'jiwei']) expect((await (await t.as(u))({ url: '/api/audit/export' })).statusCode, u).toBe(403);
    expect((await t.app.inject({ url: '/api/audit/export' })).statusCode).toBe(401);
  });

  it('guards CSV cells against formulas exactly like the Excel exports (tab and CR included)', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('正常文字')).toBe('正常文字');
    const item = {
      severity: 'warning',
      ruleTitle: '\t=HYPERLINK("http://x")',
      orgName: '\r@x',
      message: 'ok',
      status: 'open',
      rule: 'r',
      firstSeen: '2023-12-31T17:05:00.000Z',
    } as unknown as AlertItem;
    const line = alertsCsv([item]).toString('utf8').split('\r\n')[1];
    expect(line).toContain('2024-01-01 01:05:00'); // first seen, in the towns' zone
    expect(line).toContain(`"'\t=HYPERLINK(""http://x"")"`);
    expect(line).toContain(`"'\r@x"`);
  });
});
