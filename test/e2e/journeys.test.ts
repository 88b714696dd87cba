/**
 * User journeys in Chromium on the demo data, each in a fresh browser context, written
 * against what the pages show: a rectification with evidence, closed; an Excel import with a
 * row error, fixed; the quarterly report (a number's records, the .docx and the PDF); the checker on a
 * pasted report; the alert center; the county reviewer returning a report with a comment; a
 * new account changing its password (a wrong old password first); the administrator setting up
 * e-mail for new alerts.
 * No page or console error is tolerated (CSP violations included). Screenshots: test-results/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/auth/service.ts';
import { findSoffice } from '../../src/report/render/pdf.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { readReport } from '../../src/check/read.ts';
import { apiSession, expectNoErrors, hasChromium, launch, login, openPage, PNG, startServer, type E2ePage, type E2eServer } from './helpers.ts';

const SEED = path.resolve('test/fixtures/seed-2023q4.txt');

describe.skipIf(!hasChromium)('journeys in Chromium', () => {
  let s: E2eServer;
  let browser: Browser;
  let tmp: string;
  beforeAll(async () => {
    s = await startServer();
    browser = await launch();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-e2e-files-'));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs a journey as `username` in its own context; checks for errors at the end. */
  async function journey(username: string, name: string, body: (p: E2ePage) => Promise<void>) {
    const p = await openPage(browser, s.base);
    try {
      await login(p, username);
      await body(p);
      expectNoErrors(p, name);
    } catch (e) {
      await p.shot(`${name}-FAILED`).catch(() => undefined);
      throw e;
    } finally {
      await p.close();
    }
  }

  /** Pick an option of an antd Select / TreeSelect found by its form label (typing to filter when it has search). */
  async function choose(p: E2ePage, label: string, option: string, search = false) {
    await p.page.getByLabel(label, { exact: true }).click();
    if (search) await p.page.getByLabel(label, { exact: true }).fill(option);
    await p.page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click();
  }

  /** Pick a date in an antd DatePicker (its input is read-only): year, then month, then day. */
  async function pickDate(p: E2ePage, label: string, iso: string) {
    const [y, m] = iso.split('-').map(Number);
    await p.page.getByLabel(label, { exact: true }).click();
    const panel = p.page.locator('.ant-picker-dropdown:visible');
    await panel.locator('.ant-picker-year-btn').click();
    await panel.locator(`td[title="${y}"]`).click();
    await panel.locator(`td[title="${y}-${String(m).padStart(2, '0')}"]`).click();
    await panel.locator(`td[title="${iso}"]`).click();
    await expect.poll(() => p.page.getByLabel(label, { exact: true }).inputValue(), { timeout: 10_000 }).toBe(iso);
  }

  /** The period picker of the report list (a Select without a label): choose a quarter. */
  async function choosePeriod(p: E2ePage, label: string) {
    await p.page
      .locator('.ant-select', { hasText: /年第.季度/ })
      .first()
      .click();
    await p.page
      .locator('.ant-select-dropdown:visible')
      .getByText(new RegExp(`^${label}`))
      .first()
      .click();
  }

  it('discipline: add a rectification with evidence (a PNG) and close it', async () => {
    await journey('jiwei', 'journey-1-rectification', async (p) => {
      const { page } = p;
      await page.goto('/ledgers/rectification/new');
      await page.getByRole('heading', { name: '新建问题整改' }).waitFor();
      await page.getByLabel('问题描述', { exact: true }).fill('端到端测试：村务公开栏未及时更新');
      await choose(p, '问题来源', '自查自纠');
      await choose(p, '整改责任单位', '东湖村', true);
      await pickDate(p, '反馈/发现日期', '2023-11-06');
      await p.shot('journey-1a-new-rectification');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.waitForURL(/\/records\/\d+/);
      await page.getByText('端到端测试：村务公开栏未及时更新').first().waitFor();

      await page.locator('input[type=file]').setInputFiles({ name: '整改现场照片.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('link', { name: '整改现场照片.png' }).waitFor();

      await page.getByRole('button', { name: '标记完成' }).click();
      const modal = page.locator('.ant-modal:visible');
      await modal.getByLabel('整改完成情况', { exact: true }).fill('已更新公开栏内容，建立每月更新台账。');
      await p.shot('journey-1b-close-dialog');
      await modal.getByRole('button', { name: '确定' }).click();
      await page.locator('.ant-tag', { hasText: '已完成' }).first().waitFor();
      await p.shot('journey-1c-closed');
    });
  }, 60_000);

  async function workbook(rows: (string | null)[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问题整改');
    ws.addRow(['所属组织代码', '问题描述', '问题来源', '整改责任单位', '反馈/发现日期']);
    for (const r of rows) ws.addRow(r);
    const file = path.join(tmp, `import-${rows.length}-${Date.now()}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it('discipline: import an Excel file with an error, see the row’s message, fix it and import', async () => {
    const good = ['QH-DH-V02', '端到端导入：党务公开不及时', '自查自纠', 'QH-DH-V02', '2023-10-09'];
    const bad = await workbook([good, ['QH-DH-V03', '端到端导入：三会一课记录缺页', '巡察反馈', 'QH-DH-V03', '2023-02-30']]);
    const fixed = await workbook([good, ['QH-DH-V03', '端到端导入：三会一课记录缺页', '巡察反馈', 'QH-DH-V03', '2023-02-28']]);
    await journey('jiwei', 'journey-2-import', async (p) => {
      const { page } = p;
      await page.goto('/import?ledger=rectification');
      await page.getByRole('heading', { name: '数据导入' }).waitFor();
      await page.locator('input[type=file]').setInputFiles(bad);
      await page.getByText(path.basename(bad)).waitFor();
      await page.getByRole('button', { name: '预检（不写入）' }).click();
      await page.getByText('发现 1 处错误，未写入任何数据').waitFor();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await expect.poll(() => row.innerText(), { timeout: 15_000 }).toMatch(/3[\s\S]*问题整改[\s\S]*日期无效/);
      await p.shot('journey-2a-row-error');
      await page.locator('input[type=file]').setInputFiles(fixed);
      await page.getByText(path.basename(fixed)).waitFor();
      await page.getByRole('button', { name: '预检（不写入）' }).click();
      await page.getByText('预检通过：共 2 条记录可以导入').waitFor();
      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.getByText('已导入 2 条记录').waitFor();
      await p.shot('journey-2b-imported');
    });
    const n = await s.db.kysely
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('title', 'like', '端到端导入%')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  }, 60_000);

  it('secretary: generate the quarterly report, open a number’s records, download the .docx', async () => {
    await journey('shuji', 'journey-3-report', async (p) => {
      const { page } = p;
      await page.goto('/reports');
      await choosePeriod(p, '2023年第四季度');
      await page.getByText('东湖镇2023年第四季度报告').waitFor();
      await page.getByRole('button', { name: /开始编写|打开报告/ }).click();
      await page.waitForURL(/\/reports\/\d+/);
      const num = page.locator('.ls-report a.ls-num:not(.ls-num-null):not([data-value="0"])').first();
      await num.waitFor({ timeout: 30_000 });
      await p.shot('journey-3a-report');
      await num.click();
      const drawer = page.locator('.ant-drawer-content:visible');
      await drawer.getByText(/数字来源/).waitFor();
      await expect.poll(() => drawer.locator('.ant-list-item').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      await p.shot('journey-3b-number-records');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      // 下载 Word is a link styled as a button (a plain GET the browser downloads).
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Word' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const file = path.join(tmp, 'report.docx');
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
      // 下载 PDF: converted on the server by LibreOffice (CI installs it)
      if (findSoffice()) {
        const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: /下载 PDF/ }).click()]);
        expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
        const pdfFile = path.join(tmp, 'report.pdf');
        await pdf.saveAs(pdfFile);
        expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
      }
    });
  }, 150_000);

  it('secretary: check a pasted report and see its defects', async () => {
    const text = fs.existsSync(SEED) ? fs.readFileSync(SEED, 'utf8') : '2023年东湖镇四季度报告\n一、总体情况\n共开展监督检查XX次。\n';
    await journey('shuji', 'journey-4-check', async (p) => {
      const { page } = p;
      await page.goto('/check');
      await page.getByRole('heading', { name: '报告核查' }).waitFor();
      await page.getByLabel('报告文本').fill(text);
      await page.getByRole('button', { name: '开始核查' }).click();
      const title = page.getByText(/发现 \d+ 处问题/);
      await title.waitFor({ timeout: 30_000 });
      expect(Number(/发现 (\d+) 处问题/.exec(await title.innerText())?.[1])).toBeGreaterThanOrEqual(8);
      await p.shot('journey-4-check');
    });
  }, 60_000);

  it('secretary: fix a formulation with one click and download the corrected text', async () => {
    const text = '2023年东湖镇四季度工作情况报告\n一、总体情况\n镇党委认真落实主任责任，组织16 个支部开展学习。\n';
    await journey('shuji', 'journey-4b-check-fix', async (p) => {
      const { page } = p;
      await page.goto('/check');
      await page.getByLabel('报告文本').fill(text);
      await page.getByRole('button', { name: '开始核查' }).click();
      await page.getByText(/发现 \d+ 处问题/).waitFor({ timeout: 30_000 });
      await p.shot('journey-4b-check-fix-before');
      await page.getByRole('button', { name: '一键修正为“落实主体责任”' }).click();
      await page.getByText('已修正 1 处').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: '一键删除' }).click();
      await page.getByText('已修正 2 处').waitFor({ timeout: 30_000 });
      await p.shot('journey-4b-check-fix-after');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载修正后的文本/ }).click()]);
      const file = path.join(tmp, 'fixed.txt');
      await download.saveAs(file);
      expect(fs.readFileSync(file, 'utf8')).toContain('镇党委认真落实主体责任，组织16个支部开展学习。');
    });
  }, 60_000);

  it('secretary: fix an uploaded .docx and download it with its runs changed in place', async () => {
    const run = (t: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t>${t}</w:t></w:r>`;
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>${run('2023年东湖镇四季度工作情况报告', true)}</w:p><w:p>${run('镇党委认真落实主')}${run('任责', true)}${run('任，组织学习。')}</w:p><w:sectPr/></w:body></w:document>`;
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/document.xml', xml);
    const input = path.join(tmp, '东湖镇报告.docx');
    fs.writeFileSync(input, await zip.generateAsync({ type: 'nodebuffer' }));
    await journey('shuji', 'journey-4c-check-docx', async (p) => {
      const { page } = p;
      await page.goto('/check');
      await page.getByRole('tab', { name: '上传文件' }).click();
      await page.locator('input[type=file]').setInputFiles(input);
      await page.getByRole('button', { name: '一键修正为“落实主体责任”' }).click();
      await page.getByText('已修正 1 处').waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载修正后的 Word/ }).click()]);
      const file = path.join(tmp, 'fixed.docx');
      await download.saveAs(file);
      const out = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
      expect(await readReport(fs.readFileSync(file), 'fixed.docx')).toBe('2023年东湖镇四季度工作情况报告\n镇党委认真落实主体责任，组织学习。');
      expect((out.match(/<w:r>/g) ?? []).length).toBe(4);
      expect((out.match(/<w:b\/>/g) ?? []).length).toBe(2);
    });
  }, 60_000);

  it('secretary: open the alert center', async () => {
    await journey('shuji', 'journey-5-alerts', async (p) => {
      const { page } = p;
      await page.goto('/alerts');
      await page.getByRole('heading', { name: '预警中心' }).waitFor();
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row, .ls-mobile-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await p.shot('journey-5-alerts');
    });
  }, 60_000);

  it('county reviewer: return a submitted report with a comment', async () => {
    const shuji = await apiSession(s.base, 'shuji');
    const { id } = (await (await shuji('POST', '/api/reports', { org: 'QH-DH', period: '2023Q4' })).json()) as { id: number };
    const submitted = await shuji('POST', `/api/reports/${id}/submit`);
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const comment = '端到端测试：第二部分缺少整改完成率的依据，请补充后重新提交。';
    await journey('xian', 'journey-6-county-return', async (p) => {
      const { page } = p;
      await page.goto('/reports');
      await page.getByRole('heading', { name: '季度报告' }).waitFor();
      await choosePeriod(p, '2023年第四季度');
      await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '东湖镇' }).filter({ hasText: '已提交' }).first().click();
      await page.waitForURL(new RegExp(`/reports/${id}`));
      await page.getByRole('button', { name: '退回' }).click();
      await page.getByPlaceholder('请写明退回原因和修改要求（必填）').fill(comment);
      await p.shot('journey-6a-return-dialog');
      await page.locator('.ant-modal:visible').getByRole('button', { name: '退回' }).click();
      await page.getByText('县级已退回第 1 版').waitFor();
      await page.getByText(comment).first().waitFor();
      await p.shot('journey-6b-returned');
    });
    const detail = (await (await shuji('GET', `/api/reports/${id}`)).json()) as { status: string; versions: { reviewComment: string | null }[] };
    expect(detail.status).toBe('returned');
    expect(detail.versions[0].reviewComment).toBe(comment);
  }, 60_000);

  it('a new account must change its password first: a wrong old password is explained, the right one lets it in', async () => {
    await createUser(s.db.kysely, SYSTEM_ACTOR, {
      username: 'xinren',
      name: '新任干部',
      password: 'Start@2023x',
      roles: ['organization'],
      orgCode: 'QH-DH',
      mustChangePassword: true,
    });
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'xinren', 'Start@2023x');
      await page.waitForURL(/\/password$/);
      await page.getByLabel('原密码', { exact: true }).fill('Wrong@2023x');
      await page.getByLabel('新密码', { exact: true }).fill('Better@2024y');
      await page.getByLabel('确认新密码', { exact: true }).fill('Better@2024y');
      await page.getByRole('button', { name: '确认修改' }).click();
      const alert = page.locator('.ant-alert-error');
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/原密码/);
      await p.shot('journey-7a-password-wrong');
      await page.getByLabel('原密码', { exact: true }).fill('Start@2023x');
      await page.getByRole('button', { name: '确认修改' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByText('密码已修改').waitFor();
      // The refused attempt is the only error the browser may log: its 4xx response.
      expect(p.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    } finally {
      await p.close();
    }
  }, 60_000);

  it('administrator: set up e-mail for new alerts (the password is never shown again)', async () => {
    const p = await openPage(browser, s.base);
    try {
      const { page } = p;
      await login(p, 'admin');
      await page.goto('/admin/notify');
      await page.getByLabel('邮件服务器（SMTP）').waitFor();
      await page.getByLabel('收件人').fill('jiwei@qinghe.example');
      await page.keyboard.press('Enter');
      await page.getByLabel('邮件服务器（SMTP）').fill('smtp.qinghe.example');
      await page.getByLabel('端口').fill('465');
      await page.getByLabel('用户名').fill('luoshi');
      await page.getByLabel('密码或授权码').fill('Secret-Mail-1');
      await page.getByLabel('发件人').fill('落实预警 <alerts@qinghe.example>');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('推送设置已保存').waitFor();
      await page.getByText('已设置；留空则不修改').waitFor();
      expect(await page.getByLabel('SSL 加密连接').isChecked()).toBe(true); // port 465
      expect(await page.getByLabel('密码或授权码').inputValue()).toBe('');
      await p.shot('journey-8-notify');
      expectNoErrors(p, 'journey-8-notify');
    } finally {
      await p.close();
    }
    const stored = await s.db.kysely.selectFrom('settings').select('value').where('key', '=', 'alerts.notify').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).toContain('smtp.qinghe.example');
    expect(JSON.stringify(stored)).not.toContain('Secret-Mail-1');
  }, 60_000);
});
