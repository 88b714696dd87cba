import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/kysely.ts';
import { isPostgresUrl } from '../../src/db/dialect.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { dialectName } from '../helpers/db.ts';
import { runCli } from '../upgrade/cli.ts';
import { newPgDatabase } from '../upgrade/restore-fixture.ts';

/**
 * `luoshi doctor` on a fresh demo: every check passes but the warnings this machine is expected
 * to give; a key file others can read, or a database that does not answer, fails with exit 1.
 */
let dir: string;
let env: Record<string, string | undefined>;
let drop = async () => {};
const EXPECTED_WARNINGS = new Set(['Node.js 版本', 'HTTPS 与会话 Cookie', '公文字体', '节假日日历', 'LibreOffice（PDF 导出）']);

const lines = (out: string, mark: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith(mark))
    .map((l) => l.slice(mark.length + 1).split('：')[0]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-doctor-'));
  env = {
    LUOSHI_SECRET: undefined,
    LUOSHI_KEY_FILE: path.join(dir, 'luoshi.key'),
    LUOSHI_FILES: path.join(dir, 'files'),
    LUOSHI_SECURE_COOKIE: undefined,
    HOST: undefined,
  };
  const base = process.env.DATABASE_URL;
  if (isPostgresUrl(base)) {
    const pg = await newPgDatabase(base);
    env.DATABASE_URL = pg.url;
    drop = pg.drop;
  } else {
    env.DATABASE_URL = undefined;
    env.LUOSHI_DB = path.join(dir, 'luoshi.db');
  }
  const saved = { ...process.env };
  Object.assign(process.env, Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)));
  delete process.env.LUOSHI_SECRET;
  const db = await openDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { file: env.LUOSHI_DB });
  await seedDemo(db); // writes encrypted ID numbers, so the key file is created (mode 600)
  await db.close();
  process.env = saved;
}, 120_000);
afterAll(async () => {
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`${dialectName}: luoshi doctor`, () => {
  it('passes on a fresh demo, with only the expected warnings', async () => {
    expect(fs.statSync(env.LUOSHI_KEY_FILE!).mode & 0o777).toBe(0o600);
    const { code, out } = await runCli(['doctor'], env);
    expect(code, out).toBe(0);
    expect(lines(out, '[失败]')).toEqual([]);
    for (const w of lines(out, '[警告]')) expect(EXPECTED_WARNINGS.has(w), `unexpected warning: ${w}\n${out}`).toBe(true);
    const passed = lines(out, '[通过]');
    for (const p of ['数据库连接', '数据库结构', '时钟', '佐证材料目录', '加密密钥', '时区']) expect(passed, out).toContain(p);
    expect(out).toContain(dialectName === 'postgres' ? 'PostgreSQL' : 'SQLite');
    expect(out).toMatch(/共 \d+ 项：通过 \d+，警告 \d+，失败 0。/);
  });

  it('reports the secure-cookie setting behind a proxy as passed once it is set', async () => {
    const { out } = await runCli(['doctor'], { ...env, LUOSHI_SECURE_COOKIE: '1' });
    expect(lines(out, '[通过]')).toContain('HTTPS 与会话 Cookie');
  });

  it('fails with exit 1 when the key file is readable by others', async () => {
    fs.chmodSync(env.LUOSHI_KEY_FILE!, 0o644);
    try {
      const { code, out } = await runCli(['doctor'], env);
      expect(code).toBe(1);
      expect(lines(out, '[失败]')).toEqual(['加密密钥']);
      expect(out).toContain(`chmod 600 ${env.LUOSHI_KEY_FILE}`);
    } finally {
      fs.chmodSync(env.LUOSHI_KEY_FILE!, 0o600);
    }
  });

  it('fails with exit 1 when the database does not answer', async () => {
    const { code, out } = await runCli(['doctor'], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/luoshi', LUOSHI_DB: undefined });
    expect(code).toBe(1);
    expect(lines(out, '[失败]')).toContain('数据库连接');
    expect(out).toContain('127.0.0.1:1');
  });
});
