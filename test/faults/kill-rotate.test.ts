/**
 * `luoshi keys rotate` killed with SIGKILL after its first committed batch: the database keeps
 * a consistent mix (each value readable under the key its id names), the next run says it
 * resumes and finishes, and afterwards every ID number decrypts under the new key, the blind
 * index matches again and the audit chain verifies. The CLI runs as a child process on a file
 * (SQLite) or its own schema (PostgreSQL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresUrl, openDb, type Db } from '../../src/db/kysely.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { ciphertextCensus } from '../../src/crypto/rotate.ts';
import { readKeyState } from '../../src/crypto/state.ts';
import { dialectName } from '../helpers/db.ts';
import { collisionFires, everythingDecrypts, rotationCounty } from '../security/rotation-fixture.ts';

const BIN = path.resolve('bin/luoshi.mjs');
const FILLER = Number(process.env.KILL_ROTATE_ROWS ?? 6000);
const url = process.env.DATABASE_URL;

describe(`${dialectName}: SIGKILL during luoshi keys rotate`, () => {
  let dir: string;
  let args: string[];
  let env: NodeJS.ProcessEnv;
  let open: () => Promise<Db>;
  let drop = async () => {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-rotate-'));
    env = { ...process.env };
    if (isPostgresUrl(url)) {
      const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      env.DATABASE_URL = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      args = [];
      open = () => openDb({ url, schema });
      drop = async () => {
        const d = new pg.Client({ connectionString: url });
        await d.connect();
        await d.query(`drop schema ${schema} cascade`);
        await d.end();
      };
    } else {
      delete env.DATABASE_URL;
      const file = path.join(dir, 'luoshi.db');
      args = ['--db', file];
      open = () => openDb({ file });
    }
    const db = await open();
    await rotationCounty(db, FILLER);
    await db.close();
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after the kill and ends with every value under the new key', async () => {
    const child = spawn(process.execPath, [BIN, 'keys', 'rotate', '--batch', '200', '--settle', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/已处理 \d+ 条/.test(out) && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.on('exit', r)));
    expect(killed, out).toBe(true);

    let db = await open();
    const mid = await readKeyState(db.kysely);
    expect(mid?.rotation).toMatchObject({ from: 'a1', to: 'a2' });
    expect(mid!.rotation!.cursor).toBeGreaterThan(0);
    const census = await ciphertextCensus(db.kysely);
    expect(census.a2).toBeGreaterThan(0); // moved before the kill
    expect(census.a1).toBeGreaterThan(0); // not yet: still readable under the old key
    expect(await everythingDecrypts(db, FILLER)).toBe(FILLER + 2);
    await db.close();

    const status = spawnSync(process.execPath, [BIN, 'keys', 'status', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    expect(status.stdout).toContain('未完成的轮换：a1 → a2');

    const again = spawnSync(process.execPath, [BIN, 'keys', 'rotate', '--settle', '0', ...args], { env, encoding: 'utf8', timeout: 300_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('继续上次未完成的轮换：a1 → a2');
    expect(again.stdout).toMatch(/密钥轮换完成：a1 → a2/);

    db = await open();
    try {
      expect(await readKeyState(db.kysely)).toEqual({ active: 'a2', rotation: null });
      expect(await ciphertextCensus(db.kysely)).toEqual({ a2: FILLER + 3 });
      expect(await everythingDecrypts(db, FILLER)).toBe(FILLER + 2);
      expect(await collisionFires(db)).toBe(true);
      expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
      const ops = await db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'key').orderBy('id').execute();
      expect(ops.map((o) => o.action)).toEqual(['keyRotateStart', 'keyRotateFinish']);
    } finally {
      await db.close();
    }
  });
});
