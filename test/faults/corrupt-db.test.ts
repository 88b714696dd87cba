/**
 * A damaged SQLite file is reported by the CLI with a clear Chinese message and a non-zero
 * exit status — never a stack trace — and the file is left exactly as it was (no attempt to
 * "repair" it by writing). Cases: random bytes, a real database truncated at several sizes, a
 * text file given by mistake, and a page damaged in the middle that only a read reaches.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import type { Role } from '../../src/shared/roles.ts';

const BIN = path.resolve('bin/luoshi.mjs');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

describe('sqlite file: a corrupted database is detected, reported in Chinese, and left untouched', () => {
  let dir: string;
  let real: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-corrupt-'));
    real = path.join(dir, 'real.db');
    const db = await openDb({ file: real });
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    const sys = { id: null, username: 'setup', roles: [] as Role[], org: (await getOrgByCode(db.kysely, 'QH'))!, system: true };
    for (let i = 0; i < 400; i++) {
      await createRecord(db.kysely, sys, 'rectification', 'QH-DH', {
        title: `问题${i}：${'整改措施落实情况说明。'.repeat(20)}`,
        source: 'selfCheck',
        targetOrg: 'QH-DH',
        foundOn: '2023-05-06',
      });
    }
    await db.close(); // checkpoints the WAL into the file
    expect(fs.existsSync(`${real}-wal`) ? fs.statSync(`${real}-wal`).size : 0).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function expectClearFailure(r: ReturnType<typeof cli>, label: string, pattern: RegExp) {
    expect(r.status, `${label}: exit status (${r.stderr})`).not.toBe(0);
    expect(r.status, label).not.toBeNull();
    expect(r.stderr, `${label}: message`).toMatch(pattern);
    expect(r.stderr, `${label}: no stack trace`).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    expect(r.stderr, `${label}: no stack trace`).not.toMatch(/node_modules|SqliteError|\.ts:\d+/);
  }

  it('the intact file passes audit verify (the control case)', () => {
    const r = cli(['audit', 'verify', '--db', real]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/哈希链校验通过/);
  });

  it('random bytes', () => {
    const f = path.join(dir, 'random.db');
    fs.writeFileSync(f, crypto.randomBytes(256 * 1024));
    const before = hash(f);
    expectClearFailure(cli(['audit', 'verify', '--db', f]), 'random', /数据库文件无法打开或已损坏/);
    expect(hash(f)).toBe(before);
    expect(fs.existsSync(`${f}-wal`)).toBe(false);
  });

  it('a text file given as the database', () => {
    const f = path.join(dir, 'records.jsonl');
    fs.writeFileSync(f, '{"type":"record","ledger":"rectification"}\n'.repeat(200));
    const before = hash(f);
    expectClearFailure(cli(['audit', 'verify', '--db', f]), 'text', /数据库文件无法打开或已损坏/);
    expect(hash(f)).toBe(before);
  });

  for (const fraction of [0.02, 0.5, 0.97]) {
    it(`a real database truncated to ${Math.round(fraction * 100)} %`, () => {
      const f = path.join(dir, `truncated-${fraction}.db`);
      fs.copyFileSync(real, f);
      fs.truncateSync(f, Math.floor(fs.statSync(real).size * fraction));
      const before = hash(f);
      expectClearFailure(cli(['audit', 'verify', '--db', f]), `truncated ${fraction}`, /数据库文件(无法打开或)?已损坏/);
      expect(hash(f)).toBe(before);
    });
  }

  it('a page damaged in the middle, found only when a command reads it', () => {
    const f = path.join(dir, 'middle.db');
    fs.copyFileSync(real, f);
    const size = fs.statSync(f).size;
    const fd = fs.openSync(f, 'r+');
    fs.writeSync(fd, crypto.randomBytes(Math.floor(size / 3)), 0, Math.floor(size / 3), Math.floor(size / 3));
    fs.closeSync(fd);
    const r = cli(['export', '--db', f, '--ledger', 'rectification', '--org', 'QH-DH', '--format', 'jsonl', '--out', path.join(dir, 'out.jsonl')]);
    expectClearFailure(r, 'middle page', /数据库文件(无法打开或)?已损坏/);
  });
});
