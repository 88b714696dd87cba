/**
 * Backup and restore round trip with the CLI: `luoshi backup` of a live SQLite file (while
 * another connection keeps writing) gives a copy that opens, has the same rows as the source
 * had at that moment — every record with its audit entry — and passes `luoshi audit verify`;
 * putting the copy back in place of the database restores exactly that state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDb, type Db } from '../../src/db/kysely.ts';
import type { Database } from '../../src/db/schema.ts';
import { seedDemoAccounts, seedDemoOrgs } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { importJsonLines } from '../helpers/import.ts';
import { systemPrincipal } from '../../src/ledger/export.ts';
import type { Role } from '../../src/shared/roles.ts';

const BIN = path.resolve('bin/luoshi.mjs');
const env = { ...process.env };
delete env.DATABASE_URL;
/** Another process recording a login attempt every 3 ms, like a busy server. */
const LOGIN_WRITER = `const db = new (require(${JSON.stringify(path.resolve('node_modules/better-sqlite3'))}))(process.argv[1]);
db.pragma('busy_timeout = 5000');
const st = db.prepare("insert into login_attempts (username, ip, at, ok) values ('load', '127.0.0.1', ?, 0)");
setInterval(() => st.run(new Date().toISOString()), 3);`;
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 60_000 });

async function snapshot(k: Kysely<Database>) {
  const n = async (t: 'records' | 'orgs' | 'users' | 'audit_log' | 'sessions') =>
    Number(
      (
        await k
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const last = await k.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const creates = Number(
    (
      await k
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'create')
        .where('entity', '=', 'record')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    records: await n('records'),
    orgs: await n('orgs'),
    users: await n('users'),
    audit: await n('audit_log'),
    lastHash: last?.hash,
    recordCreates: creates,
  };
}

describe('sqlite file: backup and restore round trip', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let sys: { id: null; username: string; roles: Role[]; org: NonNullable<Awaited<ReturnType<typeof getOrgByCode>>>; system: true };
  let n = 0;
  const add = () =>
    createRecord(db.kysely, sys, 'rectification', 'QH-DH-V01', {
      title: `备份测试问题${n++}`,
      source: 'selfCheck',
      targetOrg: 'QH-DH-V01',
      foundOn: '2023-05-06',
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-backup-'));
    file = path.join(dir, 'luoshi.db');
    db = await openDb({ file });
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    sys = { id: null, username: 'setup', roles: [], org: (await getOrgByCode(db.kysely, 'QH'))!, system: true };
    // A few MB, so the copy takes many steps of the backup API (a restart is then likely).
    const lines = Array.from({ length: 4000 }, (_, i) =>
      JSON.stringify({
        type: 'record',
        ledger: 'rectification',
        org: 'QH-DH-V02',
        fields: {
          title: `既有问题${i}`,
          source: 'inspection',
          targetOrg: 'QH-DH-V02',
          foundOn: '2023-03-06',
          measures: '召开专题会议研究整改措施，逐项明确责任人和完成时限。'.repeat(20),
        },
      }),
    );
    const imported = await importJsonLines(db.kysely, await systemPrincipal(db.kysely), lines.join('\n'));
    expect(imported.ok, JSON.stringify(imported.errors.slice(0, 3))).toBe(true);
    for (let i = 0; i < 50; i++) await add();
  }, 120_000);
  afterAll(async () => {
    await db.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up a database that is being written to, consistently', async () => {
    const copy = path.join(dir, 'nested', 'dir', 'copy.db');
    const child = spawn(process.execPath, [BIN, 'backup', '--out', copy, '--db', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let finished = false;
    void exit.then(() => (finished = true));
    // Keep writing from this process while the CLI copies the file, as a busy server would:
    // records (with their audit entries) here, and login attempts from another process. (setImmediate:
    // better-sqlite3 is synchronous, so without it the loop would never let the exit event in.)
    const logins = spawn(process.execPath, ['-e', LOGIN_WRITER, file], { stdio: 'ignore' });
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      while (!finished) {
        await add();
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      logins.kill('SIGKILL');
      clearTimeout(giveUp);
    }
    expect(await exit, `the backup did not finish within 60 s under writes: ${out}`).toBe(0);
    expect(out).toMatch(/已备份到/);

    const b = await openDb({ file: copy, migrate: false });
    try {
      const s = await snapshot(b.kysely);
      const now = await snapshot(db.kysely);
      expect(s.records).toBeGreaterThanOrEqual(4050);
      expect(s.records).toBeLessThanOrEqual(now.records);
      expect(s.recordCreates + 4000, 'every record in the copy has its audit entry').toBe(s.records);
      expect(s.orgs).toBe(now.orgs);
      expect(s.users).toBe(now.users);
      expect((await verifyAuditChain(b.kysely)).ok).toBe(true);
      expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(b.kysely)).rows[0].integrity_check).toBe('ok');
    } finally {
      await b.close();
    }
    const v = cli(['audit', 'verify', '--db', copy]);
    expect(v.status, v.stderr).toBe(0);
  }, 120_000);

  it('restoring the copy gives back exactly the state at backup time', async () => {
    const copy = path.join(dir, 'quiet.db');
    const r = cli(['backup', '--out', copy, '--db', file]);
    expect(r.status, r.stderr).toBe(0);
    const atBackup = await snapshot(db.kysely);
    for (let i = 0; i < 20; i++) await add(); // changes after the backup are lost by a restore
    expect((await snapshot(db.kysely)).records).toBe(atBackup.records + 20);
    await db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.copyFileSync(copy, file);
    db = await openDb({ file });
    expect(await snapshot(db.kysely)).toEqual(atBackup);
    const v = cli(['audit', 'verify', '--db', file]);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toContain(`共 ${atBackup.audit} 条`);
    // The restored database takes new writes, and the chain goes on from the restored end.
    await add();
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  }, 120_000);

  it('explains what is missing instead of failing obscurely', () => {
    const r = cli(['backup', '--db', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out/);
  });
});
