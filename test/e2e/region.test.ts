/**
 * The city reviewer (shi, 江北市) in Chromium on the demo data: the home dashboard compares the
 * city's counties, and 各县对比与考核 drills down county → towns → a number's records; the
 * province reviewer (sheng) reads a town's submitted quarterly report (季度报告: per-county
 * table, county → town filters, the report read-only with 核查 and 下载 Word).
 * Screenshots: test-results/e2e/region-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/auth/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { DEMO_PASSWORD, apiSession, expectNoErrors, hasChromium, launch, login, openPage, startServer, type E2eServer } from './helpers.ts';
import type { RegionDashboard } from '../../src/assess/types.ts';
import type { ComplianceRollup } from '../../src/alerts/compliance-table.ts';

describe.skipIf(!hasChromium)('city reviewer in Chromium', () => {
  let s: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shi: the city dashboard, then county → towns → records', async () => {
    const api = await apiSession(s.base, 'shi');
    const d = (await (await api('GET', '/api/dashboard/region?period=2023Q4')).json()) as RegionDashboard;
    expect(d.counties.map((c) => c.name)).toEqual(['清河县']);
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'shi');
      await page.goto('/?period=2023Q4');
      await page.getByText('市级审核 · 江北市').waitFor();
      await page.getByText('各县考核得分率排名').waitFor();
      await page.getByText('参评县').waitFor();
      // The score rate shown is the county's, as the API computed it.
      await page
        .getByText(String(Math.round(d.counties[0].score! * 100) / 100), { exact: true })
        .first()
        .waitFor();
      await page.locator('canvas').first().waitFor();
      await page.waitForTimeout(800); // let the charts' animation finish for the screenshot
      await p.shot('region-1-home', true);
      // The menu names the level.
      await page.getByRole('menuitem', { name: /市级/ }).click();
      await page.getByRole('menuitem', { name: '各县对比与考核' }).click();
      await page.getByText('各县对比', { exact: true }).waitFor();
      await page
        .getByRole('row', { name: /清河县/ })
        .getByText('清河县')
        .click();
      await page.getByText(/清河县 · 第 1 名/).waitFor();
      await page
        .getByRole('link', { name: '东湖镇' })
        .or(page.locator('a', { hasText: '东湖镇' }))
        .first()
        .waitFor();
      await p.shot('region-2-county');
      // A town's number → the records behind it (专项监督 of 南坪镇).
      await page
        .getByRole('row', { name: /南坪镇/ })
        .getByText(/^\d+次$/)
        .first()
        .click();
      await page.getByText(/南坪镇 · 开展专项监督/).waitFor();
      await page.getByText('口径：', { exact: false }).waitFor();
      await page.locator('.ant-drawer a[href^="/records/"], .ant-drawer a[href*="/ledgers/"]').first().waitFor();
      await p.shot('region-3-records');
      // The city's ledgers: read only (no 新建, no 导入), the records of its towns listed.
      await page.goto('/ledgers/petition');
      await page.locator('.ant-table-row').first().waitFor();
      expect(await page.getByRole('button', { name: '新建' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '导入' }).count()).toBe(0);
      await p.shot('region-6-ledger');
      expectNoErrors(p, 'region');
    } finally {
      await p.close();
    }
  }, 120_000);

  it('shi: 组织生活合规 by county, then the county’s branches', async () => {
    const api = await apiSession(s.base, 'shi');
    const r = (await (await api('GET', '/api/compliance?period=2023Q4')).json()) as ComplianceRollup;
    expect(r.counties.map((c) => c.orgName)).toEqual(['清河县']);
    const qh = r.counties[0].summary;
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'shi');
      await page.getByRole('menuitem', { name: '组织生活合规' }).click();
      await page.waitForURL(/\/compliance/);
      await page.goto('/compliance?period=2023Q4');
      await page.getByText('按县汇总，点县名查看各支部', { exact: false }).waitFor();
      const row = page.locator('.ant-table-row', { hasText: '清河县' });
      await row.waitFor();
      const cells = (await row.locator('td').allInnerTexts()).map((x) => x.trim());
      expect(cells.slice(1, 3)).toEqual([String(qh.units), String(qh.compliantUnits)]);
      expect(cells[4]).toBe(String(qh.missedCycles));
      await p.shot('region-9-compliance', true);
      // The county's name opens its table, branch by branch.
      await row.getByText('清河县').click();
      await page.getByText('格内为“实开/应开”', { exact: false }).waitFor();
      await page
        .locator('.ant-table-row')
        .nth(qh.units > 50 ? 49 : qh.units - 1)
        .waitFor();
      await p.shot('region-10-compliance-county');
      expectNoErrors(p, 'region compliance');
    } finally {
      await p.close();
    }
  }, 120_000);

  it('sheng: 季度报告 per county, filtered to a town, opened read-only and checked', async () => {
    const shuji = await apiSession(s.base, 'shuji');
    const opened = await shuji('POST', '/api/reports', { org: 'QH-DH', period: '2023Q4' });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: number };
    expect((await shuji('POST', `/api/reports/${id}/submit`)).status).toBe(200);
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'sheng');
      await page.getByRole('menuitem', { name: /(^|\s)报告$/ }).click();
      await page.getByRole('menuitem', { name: '季度报告' }).click();
      await page.waitForURL(/\/reports/);
      await page.goto('/reports?period=2023Q4');
      await page.getByText('各县提交情况（2023年第四季度）').waitFor();
      // 清河县: two towns, 东湖镇 submitted, 南坪镇 not yet.
      const county = page.locator('.ant-table-row', { hasText: '清河县' }).first();
      await county.waitFor();
      expect((await county.locator('td').allInnerTexts()).map((x) => x.trim())).toEqual(['清河县', '2', '1', '1', '0', '0', '50%']);
      await p.shot('region-7-reports', true);
      await county.getByText('清河县').click();
      await page.waitForURL(/county=QH/);
      await page.getByRole('combobox', { name: '镇（街道）' }).click();
      await page.locator('.ant-select-item-option', { hasText: '东湖镇' }).click();
      await page.waitForURL(/town=QH-DH/);
      const row = page.locator('.ant-table-row', { hasText: '东湖镇' });
      await row.getByText('已提交').waitFor();
      await page.locator('.ant-table-row', { hasText: '南坪镇' }).waitFor({ state: 'detached' });
      await page.getByText('各镇报告（1 个镇）').waitFor();
      await row.getByText('查看').click();
      await page.waitForURL(new RegExp(`/reports/${id}$`));
      await page.getByText('第 1 版（提交时冻结的内容）', { exact: false }).waitFor();
      // Read-only: no 提交, no 退回 or 通过; the Word file and the checker are there.
      expect(await page.getByRole('button', { name: /提\s*交/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /退\s*回|通\s*过/ }).count()).toBe(0);
      expect(
        await page
          .getByRole('link', { name: /下载 Word/ })
          .first()
          .getAttribute('href'),
      ).toContain(`/api/reports/${id}/render?format=docx`);
      await page
        .getByRole('button', { name: /核\s*查/ })
        .first()
        .click();
      await page.getByRole('tab', { name: /核查（\d+）/ }).waitFor();
      await p.shot('region-8-report');
      expectNoErrors(p, 'region reports');
    } finally {
      await p.close();
    }
  }, 120_000);

  it('a province administrator onboards 张掖市 from the area codes on 组织机构', async () => {
    await createUser(s.db.kysely, SYSTEM_ACTOR, { username: 'shengadmin', name: '省管理员', password: DEMO_PASSWORD, roles: ['admin'], orgCode: 'JBSHENG' });
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'shengadmin');
      await page.goto('/admin/orgs');
      await page.getByRole('button', { name: '按区划代码建市、县' }).click();
      const dialog = page.getByRole('dialog', { name: '按区划代码建市、县' });
      await dialog.locator('.ant-cascader').click();
      await page.locator('.ant-cascader-menu-item', { hasText: '甘肃省' }).click();
      await page.locator('.ant-cascader-menu-item', { hasText: '张掖市' }).click();
      await dialog.getByText('将建立市级组织及其下全部组织').waitFor();
      await dialog.getByText('按国家统计用区划代码', { exact: false }).click(); // close the cascader's menu
      await p.shot('region-4-onboard');
      await dialog.getByRole('button', { name: '建立' }).click();
      await page.getByText(/已建立张掖市：6 个县（区）、78 个乡镇（街道）、934 个村（社区）/).waitFor({ timeout: 60_000 });
      await page.getByRole('tree').getByText('张掖市').waitFor();
      await p.shot('region-5-onboarded');
      expectNoErrors(p, 'onboard');
    } finally {
      await p.close();
    }
    const city = await s.db.kysely.selectFrom('orgs').select(['kind', 'parent_id']).where('code', '=', '6207').executeTakeFirstOrThrow();
    expect(city.kind).toBe('city');
  }, 120_000);
});
