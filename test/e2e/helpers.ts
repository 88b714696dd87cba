/**
 * End-to-end harness: the real server in-process on 127.0.0.1 (a fresh SQLite file seeded
 * with the demo county and a year of records, serving the built web app from dist/web), and
 * Debian's /usr/bin/chromium driven by playwright-core. Every page records its page errors and
 * console errors (CSP violations included); screenshots go to test-results/e2e/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const WEB_DIR = path.resolve('dist/web');
export const SHOTS = path.resolve('test-results/e2e');
export { DEMO_PASSWORD };

if (!hasChromium) console.warn(`[e2e] ${CHROMIUM} not found: the browser tests are skipped (CI installs chromium).`);

/** Fails with a clear message when the web app has not been built. */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
    throw new Error('dist/web/index.html is missing: the end-to-end tests need the built web app. Run `npm run build` (npm ci runs it) and try again.');
  }
}

export interface E2eServer {
  app: FastifyInstance;
  db: Db;
  base: string;
  dbFile: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<E2eServer> {
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-e2e-'));
  process.env.LUOSHI_FILES = path.join(dir, 'files');
  const dbFile = path.join(dir, 'luoshi.db');
  const db = await openDb({ file: dbFile });
  await seedDemo(db, { year: 2023 }); // the seed report's 2023 Q4 scenario, which the journeys reproduce
  const app = await buildApp({ db, webDir: WEB_DIR, loginRateLimit: 200 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    db,
    base,
    dbFile,
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 30_000,
  });
}

export interface E2ePage {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors seen so far. */
  errors: string[];
  /** A screenshot of what the person sees (the viewport; `full` for the whole page). */
  shot(name: string, full?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Console messages that are not faults of the app (the browser's own noise). */
const IGNORED = [/Download the React DevTools/, /favicon\.ico/];

export async function openPage(browser: Browser, base: string, opts: { width?: number; height?: number; downloads?: boolean } = {}): Promise<E2ePage> {
  const context = await browser.newContext({
    baseURL: base,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 },
    acceptDownloads: opts.downloads ?? true,
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !IGNORED.some((r) => r.test(m.text()))) errors.push(`console: ${m.text()}`);
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    page,
    context,
    errors,
    async shot(name, full = false) {
      // Let drawers and modals finish sliding in (antd's motion), so the picture shows them.
      await page
        .waitForFunction(() => !document.querySelector('[class*="-motion-"][class*="-active"], .ant-drawer-content-wrapper[class*="motion"]'), undefined, {
          timeout: 3000,
        })
        .catch(() => undefined);
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: full });
    },
    async close() {
      await context.close();
    },
  };
}

/** Sign in through the login form, by its labels, and wait for the app to leave /login. */
export async function login(p: E2ePage, username: string, password = DEMO_PASSWORD): Promise<void> {
  const { page } = p;
  await page.goto('/login');
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}

/** Errors seen on the page, with the responses that failed, for a helpful assertion message. */
export function expectNoErrors(p: E2ePage, label: string): void {
  expect(p.errors, `${label}: page or console errors`).toEqual([]);
}

/** A session cookie and CSRF token for API calls made by a test (setup, checks). */
export async function apiSession(base: string, username: string): Promise<(method: string, url: string, body?: unknown) => Promise<Response>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = `luoshi_sid=${/luoshi_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]}`;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return (method, url, body) =>
    fetch(`${base}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

/** A valid 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
