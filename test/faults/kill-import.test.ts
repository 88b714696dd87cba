/**
 * Killing the process in the middle of a large import leaves the database as it was: the CLI
 * import runs as a child process on a fresh SQLite file (orgs and accounts already there),
 * gets SIGKILL once its write transaction has started (the WAL file grows), and afterwards the
 * file opens cleanly with the same rows, an intact audit chain and a passing integrity check;
 * a following import works normally.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDb } from '../../src/db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';

const BIN = path.resolve('bin/luoshi.mjs');
const ROWS = Number(process.env.KILL_IMPORT_ROWS ?? 60_000);
const env = { ...process.env };
delete env.DATABASE_URL;

function record(i: number): string {
  const org = `QH-DH-V0${(i % 3) + 1}`;
  return JSON.stringify({
    type: 'record',
    ledger: 'rectification',
    org,
    fields: { title: `导入问题${i}：村务公开不及时，整改措施待落实`, source: 'selfCheck', targetOrg: org, foundOn: '2023-05-06', owner: '张三' },
  });
}

async function counts(file: string) {
  const db = await openDb({ file, migrate: false });
  try {
    const n = async (t: 'records' | 'orgs' | 'users' | 'audit_log') =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely)).rows.map((r) => r.integrity_check);
    return {
      records: await n('records'),
      orgs: await n('orgs'),
      users: await n('users'),
      audit: await n('audit_log'),
      integrity,
      chain: (await verifyAuditChain(db.kysely)).ok,
    };
  } finally {
    await db.close();
  }
}

describe('sqlite file: SIGKILL during a large CLI import', () => {
  let dir: string;
  let dbFile: string;
  let big: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-kill-'));
    dbFile = path.join(dir, 'luoshi.db');
    big = path.join(dir, 'BIG.jsonl');
    const db = await openDb({ file: dbFile });
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    await db.close();
    const out = fs.openSync(big, 'w');
    for (let i = 0; i < ROWS; i += 1000) fs.writeSync(out, Array.from({ length: Math.min(1000, ROWS - i) }, (_, k) => record(i + k)).join('\n') + '\n');
    fs.closeSync(out);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the records, the orgs and the audit chain as before', async () => {
    const before = await counts(dbFile);
    expect(before.records).toBe(0);
    expect(before.chain).toBe(true);

    const child = spawn(process.execPath, [BIN, 'import', big, '--db', dbFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    let done: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    void exited.then((r) => (done = r));

    // Wait until the write transaction is well under way: the WAL holds uncommitted pages.
    const wal = `${dbFile}-wal`;
    const deadline = Date.now() + 120_000;
    let walAtKill = 0;
    while (!done && Date.now() < deadline) {
      walAtKill = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
      if (walAtKill > 3 * 1024 * 1024) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(done, `the import finished before it could be killed: ${output}`).toBeNull();
    expect(walAtKill, 'the import never started writing').toBeGreaterThan(3 * 1024 * 1024);
    child.kill('SIGKILL');
    const end = await exited;
    expect(end.signal).toBe('SIGKILL');
    expect(output).not.toMatch(/导入完成/);

    const after = await counts(dbFile);
    expect(after).toEqual(before);
    expect(after.integrity).toEqual(['ok']);

    const verify = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--db', dbFile], { encoding: 'utf8', env, timeout: 60_000 });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/哈希链校验通过/);
  }, 180_000);

  it('a later import into the same file works normally', async () => {
    const small = path.join(dir, 'small.jsonl');
    fs.writeFileSync(small, Array.from({ length: 25 }, (_, i) => record(i)).join('\n') + '\n');
    const r = spawnSync(process.execPath, [BIN, 'import', small, '--db', dbFile], { encoding: 'utf8', env, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/导入完成.*25 条/);
    const after = await counts(dbFile);
    expect(after.records).toBe(25);
    expect(after.chain).toBe(true);
    expect(after.integrity).toEqual(['ok']);
  }, 120_000);
});
