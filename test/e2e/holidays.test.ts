/**
 * The county administrator enters next year's 放假安排 on the 节假日安排 page, in Chromium on the
 * demo data; the page shows it and the server stored it. Screenshots: test-results/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoErrors, hasChromium, launch, login, openPage, startServer, type E2eServer } from './helpers.ts';

describe.skipIf(!hasChromium)('节假日安排 page in Chromium', () => {
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

  it('administrator: enter the 2027 holidays (元旦 as a span)', async () => {
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'admin');
      await page.goto('/admin/holidays');
      await page.getByText('已知放假安排至2026年').waitFor();
      await p.shot('holidays-1-list');
      await page.getByRole('button', { name: '录入2027年放假安排' }).click();
      const [start, end] = [page.getByPlaceholder('开始日期'), page.getByPlaceholder('结束日期')];
      await start.click();
      await start.fill('2027-01-01');
      await end.click();
      await end.fill('2027-01-03');
      await end.press('Tab');
      await p.shot('holidays-2-form');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('2027年放假安排已保存，下次预警计算时生效').waitFor();
      await page.getByText('已知放假安排至2027年').waitFor();
      await page
        .getByRole('row', { name: /^2027 1月1日–1月3日/ })
        .getByText('县里录入')
        .waitFor();

      await p.shot('holidays-3-saved');
      expectNoErrors(p, 'holidays');
    } finally {
      await p.close();
    }
    const stored = await s.db.kysely.selectFrom('settings').select('value').where('key', '=', 'alerts.holidays').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).years).toEqual([
      { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', off: ['2027-01-01', '2027-01-02', '2027-01-03'], work: [] },
    ]);
  }, 90_000);
});
