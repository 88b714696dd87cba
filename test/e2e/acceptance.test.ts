/**
 * The acceptance checks, exactly: over HTTP on the demo data — anonymous requests get 401;
 * zuzhi cannot list 问题线索; jiwei lists 亲属信息 without an ID number in clear; cun01 sees
 * only its own village's records, in lists and by id; 12 wrong passwords for one account are
 * throttled (429 or 423); `/` carries security headers with a CSP; `luoshi audit verify`
 * passes on the demo database. In Chromium: a person logs in with the fields labelled 用户名
 * and 密码 and the button 登录, sees a chart on the dashboard, opens the 问题整改 ledger with
 * rows in it, and opens the report preview, with no page errors.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiSession, expectNoErrors, hasChromium, launch, login, openPage, startServer, type E2eServer } from './helpers.ts';

describe.skipIf(!hasChromium)('acceptance (demo data, real server, Chromium)', () => {
  let s: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('anonymous requests get 401', async () => {
    for (const url of [
      '/api/me',
      '/api/ledgers',
      '/api/ledgers/rectification/records',
      '/api/records/1',
      '/api/metrics?org=QH-DH&period=2023Q4',
      '/api/reports',
      '/api/alerts',
      '/api/audit',
      '/api/files/1',
    ]) {
      const res = await fetch(`${s.base}${url}`);
      expect(res.status, url).toBe(401);
    }
    const write = await fetch(`${s.base}/api/ledgers/rectification/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(write.status).toBe(401);
  });

  it('zuzhi cannot list 问题线索', async () => {
    const zuzhi = await apiSession(s.base, 'zuzhi');
    expect((await zuzhi('GET', '/api/ledgers/clue/records')).status).toBe(403);
    const ledgers = (await (await zuzhi('GET', '/api/ledgers')).json()) as { key: string }[];
    expect(ledgers.map((l) => l.key)).not.toContain('clue');
  });

  it('jiwei can list 亲属信息 and sees no ID number in clear', async () => {
    const jiwei = await apiSession(s.base, 'jiwei');
    const res = await jiwei('GET', '/api/ledgers/relative/records?pageSize=500&from=2000-01-01');
    expect(res.status).toBe(200);
    const body = await res.text();
    const items = (JSON.parse(body) as { items: { fields: Record<string, unknown> }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(body).not.toMatch(/[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])\d{5}[\dXx]/);
    const ids = items.map((i) => i.fields.idNumber).filter((v) => v != null);
    expect(ids.length).toBeGreaterThan(0);
    for (const v of ids) expect(String(v)).toMatch(/\*/);
  });

  it('cun01 sees only its own village’s records, in lists and by id', async () => {
    const cun = await apiSession(s.base, 'cun01');
    const ledgers = (await (await cun('GET', '/api/ledgers')).json()) as { key: string }[];
    expect(ledgers.length).toBeGreaterThan(0);
    let seen = 0;
    for (const l of ledgers) {
      const res = await cun('GET', `/api/ledgers/${l.key}/records?pageSize=500`);
      expect(res.status, l.key).toBe(200);
      const items = ((await res.json()) as { items: { id: number; org: string }[] }).items;
      for (const it of items) expect(it.org.startsWith('QH-DH-V01'), `${l.key} #${it.id} in ${it.org}`).toBe(true);
      seen += items.length;
    }
    expect(seen).toBeGreaterThan(0);
    const others = await s.db.kysely
      .selectFrom('records')
      .innerJoin('orgs', 'orgs.id', 'records.org_id')
      .select(['records.id', 'orgs.code'])
      .where('orgs.code', 'not like', 'QH-DH-V01%')
      .where(
        'records.ledger',
        'in',
        ledgers.map((l) => l.key),
      )
      .limit(40)
      .execute();
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) expect([403, 404], `#${r.id} of ${r.code}`).toContain((await cun('GET', `/api/records/${r.id}`)).status);
    const own = await s.db.kysely
      .selectFrom('records')
      .innerJoin('orgs', 'orgs.id', 'records.org_id')
      .select('records.id')
      .where('orgs.code', 'like', 'QH-DH-V01%')
      .where(
        'records.ledger',
        'in',
        ledgers.map((l) => l.key),
      )
      .limit(5)
      .execute();
    for (const r of own) expect((await cun('GET', `/api/records/${r.id}`)).status).toBe(200);
  });

  it('12 wrong passwords for one account are throttled (429 or 423)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${s.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'xuanchuan', password: `Wrong#${i}pass` }),
      });
      codes.push(res.status);
    }
    expect(codes).not.toContain(200);
    expect(
      codes.some((c) => c === 429 || c === 423),
      codes.join(','),
    ).toBe(true);
    expect([429, 423]).toContain(codes[11]);
  });

  it('/ carries security headers with a CSP', async () => {
    const res = await fetch(`${s.base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toMatch(/DENY|SAMEORIGIN/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('luoshi audit verify passes on the demo database', () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, [path.resolve('bin/luoshi.mjs'), 'audit', 'verify', '--db', s.dbFile], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/哈希链校验通过/);
  });

  it('in Chromium: log in, see a chart, open 问题整改 with rows, open the report preview — no page errors', async () => {
    const p = await openPage(browser, s.base);
    try {
      await login(p, 'shuji');
      const chart = p.page.locator('.echarts-for-react canvas, .echarts-for-react svg').first();
      await chart.waitFor({ state: 'visible', timeout: 30_000 });
      expect((await chart.boundingBox())?.height ?? 0).toBeGreaterThan(50);
      await p.shot('acceptance-1-dashboard');

      await p.page.goto('/ledgers/rectification');
      await p.page.getByRole('heading', { name: '问题整改' }).first().waitFor();
      const rows = p.page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor({ timeout: 30_000 });
      expect(await rows.count()).toBeGreaterThan(0);
      await p.shot('acceptance-2-rectification');

      await p.page.goto('/reports');
      await p.page.getByRole('button', { name: /开始编写|打开报告/ }).click();
      await p.page.waitForURL(/\/reports\/\d+/);
      const preview = p.page.locator('.ls-report');
      await preview.waitFor({ timeout: 30_000 });
      expect(await preview.locator('a.ls-num').count()).toBeGreaterThan(5);
      await p.shot('acceptance-3-report-preview');
      expectNoErrors(p, 'acceptance journey');
    } finally {
      await p.close();
    }
  }, 60_000);
});
