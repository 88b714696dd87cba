/**
 * The city reviewer (shi, 江北市) in the alert center, in Chromium on the demo data: 预警中心 is
 * in the menu; above the list, the alerts per county (one row, 清河县) with the same figures as
 * the API; clicking the county filters the list to it and the summary turns to its towns; the
 * town filter narrows further; no action button anywhere (reviewers read only). Then the county
 * reviewer (xian): the same page with its towns. Screenshots: test-results/e2e/alert-center-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiSession, expectNoErrors, hasChromium, launch, login, openPage, startServer, type E2eServer } from './helpers.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { recomputeOrg } from '../../src/alerts/service.ts';
import type { AlertPage, AlertSummary } from '../../src/alerts/query.ts';

const ACTIONS = ['确认', '指派', '办结', '重新打开'];

describe.skipIf(!hasChromium)('alert center of the reviewers in Chromium', () => {
  let s: E2eServer;
  let browser: Browser;
  const daily = process.env.LUOSHI_ALERTS_DAILY;
  beforeAll(async () => {
    // The alerts are stored once, here: no start-up run changing them while the test compares figures.
    process.env.LUOSHI_ALERTS_DAILY = '0';
    s = await startServer();
    await recomputeOrg(s.db.kysely, (await getOrgByCode(s.db.kysely, 'QH'))!);
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    if (daily === undefined) delete process.env.LUOSHI_ALERTS_DAILY;
    else process.env.LUOSHI_ALERTS_DAILY = daily;
    await browser?.close();
    await s?.close();
  });

  it('shi: 预警中心 → per-county summary → county → town, read only', async () => {
    const api = await apiSession(s.base, 'shi');
    const city = (await (await api('GET', '/api/alerts/summary')).json()) as AlertSummary;
    expect(city.level).toBe('county');
    expect(city.rows.map((r) => r.orgName)).toEqual(['清河县']);
    const qh = city.rows[0];
    expect(qh.total).toBeGreaterThan(0);
    const county = (await (await api('GET', '/api/alerts/summary?org=QH')).json()) as AlertSummary;
    const dh = county.rows.find((r) => r.orgName === '东湖镇')!;
    expect(dh.total).toBeGreaterThan(0);
    // The forged requests a page could make: another org's alerts, an action.
    expect((await api('GET', '/api/alerts?org=NOPE')).status).toBe(404);
    const someId = ((await (await api('GET', '/api/alerts?pageSize=1')).json()) as AlertPage).items[0].id;
    expect((await api('POST', `/api/alerts/${someId}/acknowledge`, {})).status).toBe(403);

    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'shi');
      await page.getByRole('menuitem', { name: '预警中心' }).click();
      await page.getByRole('heading', { name: '预警中心' }).waitFor();
      await page.getByText('江北市 · 各县预警汇总').waitFor();
      const summaryRow = page.locator('.ant-card', { hasText: '各县预警汇总' }).getByRole('row', { name: /清河县/ });
      await expect.poll(() => summaryRow.innerText()).toContain(String(qh.total));
      await page.getByText(`共 ${qh.total} 条`).waitFor();
      await p.shot('alert-center-1-city');

      // Click the county: the list is its alerts, the summary its towns.
      await summaryRow.getByText('清河县').click();
      await page.getByText('清河县 · 各镇预警汇总').waitFor();
      await page.getByText(`共 ${qh.total} 条`).waitFor();
      expect(new URL(page.url()).searchParams.get('county')).toBe('QH');
      const townRow = page.locator('.ant-card', { hasText: '各镇预警汇总' }).getByRole('row', { name: /东湖镇/ });
      await expect.poll(() => townRow.innerText()).toContain(String(dh.total));
      // The town filter (the select, as a person would).
      await page.getByRole('combobox', { name: '镇（街道）' }).click();
      await page.locator('.ant-select-item-option', { hasText: '东湖镇' }).click();
      await page.getByText(`共 ${dh.total} 条`).waitFor();
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      // Read only: no 操作 column, no action button, no 指派给我.
      expect(await page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
      for (const name of ACTIONS) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      expect(await page.getByText('指派给我').count()).toBe(0);
      await page.getByText('只读').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await p.shot('alert-center-2-town');
      expectNoErrors(p, 'alert-center shi');
    } finally {
      await p.close();
    }
  }, 120_000);

  it('xian: the county’s towns, read only', async () => {
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'xian');
      await page.getByRole('menuitem', { name: '预警中心' }).click();
      await page.getByText('清河县 · 各镇预警汇总').waitFor();
      await page
        .getByRole('row', { name: /南坪镇/ })
        .first()
        .waitFor();
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      expect(await page.getByRole('combobox', { name: '县', exact: true }).count()).toBe(0);
      for (const name of ACTIONS) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      await p.shot('alert-center-3-county');
      expectNoErrors(p, 'alert-center xian');
    } finally {
      await p.close();
    }
  }, 120_000);
});
