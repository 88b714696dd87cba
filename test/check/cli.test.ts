import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/kysely.ts';
import { seedOrgs } from './org-fixture.ts';

const bin = path.resolve('bin/luoshi.mjs');
let dir: string;

function luoshi(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-check-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('luoshi check', () => {
  it('prints the seed’s findings as JSON and exits 1', () => {
    const r = luoshi('check', path.resolve('test/fixtures/seed-2023q4.txt'), '--json');
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(findings[0]).sort()).toEqual(['excerpt', 'line', 'message', 'rule', 'severity']);
    const lines = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.line));
    for (const l of [1, 6, 9, 12, 13, 20, 26, 35]) expect(lines.has(l)).toBe(true);
  }, 60_000);
  it('exits 0 on a clean report and prints readable Chinese lines', () => {
    const r = luoshi('check', path.resolve('test/fixtures/clean-nanping-2023q4.txt'), '--period', '2023Q4');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^行 7 \[提示\] /m);
    expect(r.stdout).toContain('错误 0');
  }, 60_000);
  it('builds the subject from --org', async () => {
    const dbFile = path.join(dir, 'org.db');
    const db = await openDb({ file: dbFile });
    await seedOrgs(db);
    await db.close();
    const report = path.join(dir, 'r.txt');
    fs.writeFileSync(report, '关于2023年四季度工作的报告\n组织东湖村党员学习，建设平安清河。\n建设更高水平的平安静海。\n');
    const r = luoshi('check', report, '--org', 'QH-NP', '--db', dbFile, '--json');
    expect(r.stderr).toBe('');
    const places = (JSON.parse(r.stdout) as Array<{ rule: string; line: number }>).filter((f) => f.rule === 'foreign-place');
    expect(places.map((f) => f.line)).toEqual([3]);
    expect(luoshi('check', report, '--org', 'NOPE', '--db', dbFile).stderr).toContain('组织不存在');
  }, 60_000);
  it('reports bad input in Chinese with exit 2', () => {
    expect(luoshi('check').status).toBe(2);
    const missing = luoshi('check', path.join(dir, 'none.txt'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
    const badPeriod = luoshi('check', path.resolve('test/fixtures/seed-2023q4.txt'), '--period', '2023-4');
    expect(badPeriod.status).toBe(2);
    expect(badPeriod.stderr).toContain('报告期格式有误');
  }, 60_000);
});
