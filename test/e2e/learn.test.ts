/**
 * In Chromium: a secretary learns a template from a report written in another town's style,
 * keeps one number as text, saves the template, generates the quarterly report from it and
 * downloads the .docx — whose title and sentences are the other style's, with this town's name
 * and the ledgers' numbers. Screenshots: test-results/e2e/learn-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoErrors, hasChromium, launch, login, openPage, startServer, type E2eServer } from './helpers.ts';
import { paragraphsOfDocumentXml } from '../../src/check/read.ts';
import { handLabeled } from '../reader/labeled.ts';

describe.skipIf(!hasChromium)('learning a template in Chromium', () => {
  let s: E2eServer;
  let browser: Browser;
  let tmp: string;
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-e2e-learn-'));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('secretary: learn from another style, save, generate the report, download the .docx', async () => {
    const report = handLabeled().find((d) => d.name.startsWith('sihao'))!.text;
    const p = await openPage(browser, s.base, { width: 1440, height: 960 });
    const { page } = p;
    try {
      await login(p, 'shuji');
      await page.goto('/reports');
      await page.getByRole('button', { name: '从往期报告学习模板' }).click();
      await page.waitForURL(/\/reports\/learn/);
      await page.getByLabel('往期报告文本').fill(report);
      await page.getByRole('button', { name: '识读数字' }).click();
      const supervision = page.getByLabel('第5行“9次”对应的指标', { exact: true }).first();
      await supervision.waitFor({ timeout: 30_000 });
      await expect.poll(() => page.locator('.ls-learn-row').count()).toBeGreaterThan(40);
      expect(await page.locator('.ls-learn-row', { hasText: '9次' }).first().innerText()).toContain('专项监督次数');
      await p.shot('learn-1-numbers');
      // Keep “举报电话”-like stray numbers out, and keep one number as the town wrote it.
      const films = page.getByLabel('第8行“3部”对应的指标', { exact: true }).first();
      await films.click();
      await page.locator('.ant-select-dropdown:visible').getByText('保留原文（不绑定指标）', { exact: true }).click();
      await page.getByRole('button', { name: '生成模板' }).click();
      const source = page.getByLabel('学习生成的模板');
      await source.waitFor({ timeout: 30_000 });
      const body = await source.inputValue();
      expect(body).toContain('开展监督检查{{discipline.supervision.count}}次');
      expect(body).toContain('观看警示教育片3部');
      await page.locator('.ls-report-frame').waitFor();
      await p.shot('learn-2-template', true);
      await page.getByRole('button', { name: '保存为本镇模板' }).click();
      await page.getByText(/已保存为第 \d+ 版/).waitFor();

      await page.getByRole('button', { name: '去编写报告' }).click();
      await page.waitForURL(/\/reports$/);
      await page
        .getByRole('button', { name: /开始编写|打开报告/ })
        .first()
        .click();
      await page.waitForURL(/\/reports\/\d+/);
      await page.locator('.ls-report a.ls-num').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.ls-report').innerText()).toContain('中共东湖镇委员会关于');
      await p.shot('learn-3-report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Word' }).click()]);
      const file = path.join(tmp, 'learned.docx');
      await download.saveAs(file);
      const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
      const text = paragraphsOfDocumentXml(xml).join('\n');
      expect(text).toContain('中共东湖镇委员会关于');
      expect(text).toMatch(/开展监督检查\d+次，发现并推动解决问题\d+个/);
      expect(text).not.toContain('四皓');
      expectNoErrors(p, 'learn');
    } catch (e) {
      await p.shot('learn-FAILED').catch(() => undefined);
      throw e;
    } finally {
      await p.close();
    }
  }, 180_000);
});
