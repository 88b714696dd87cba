/**
 * `luoshi init --crypto sm` chooses the 国密 algorithms for a new deployment: `keys status`
 * reports the SM4 key, the first records are SM4 ciphertext and the audit chain is SM3.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresUrl, openDb, type Db } from '../../src/db/kysely.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { ciphertextCensus } from '../../src/crypto/rotate.ts';
import { dialectName } from '../helpers/db.ts';

const BIN = path.resolve('bin/luoshi.mjs');
const url = process.env.DATABASE_URL;

describe(`${dialectName}: luoshi init --crypto sm`, () => {
  let dir: string;
  let args: string[];
  let env: NodeJS.ProcessEnv;
  let open: () => Promise<Db>;
  let drop = async () => {};
  const cli = (...a: string[]) => spawnSync(process.execPath, [BIN, ...a, ...args], { env, encoding: 'utf8', timeout: 120_000 });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-init-'));
    env = { ...process.env };
    delete env.LUOSHI_CRYPTO;
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
      args = ['--db', path.join(dir, 'luoshi.db')];
      open = () => openDb({ file: path.join(dir, 'luoshi.db') });
    }
  });
  afterAll(async () => {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown scheme, then starts the database on SM4 + HMAC-SM3 with an SM3 audit chain', async () => {
    expect(cli('init', '--crypto', 'des').status).toBe(2);
    const init = cli('init', '--crypto', 'sm', '--county-code', 'QH', '--county-name', '清河县', '--admin', 'admin');
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('国密 SM4 + HMAC-SM3');
    expect(cli('keys', 'status').stdout).toContain('当前密钥：s1（国密 SM4-CBC + HMAC-SM3）');
    const db = await open();
    try {
      const { encrypt } = await import('../../src/crypto/cipher.ts');
      const { putSetting } = await import('../../src/auth/settings.ts');
      await putSetting(db.kysely, 'alerts.notify', { smtp: { host: 'h', from: 'f', pass: encrypt('p') } }, null);
      expect(await ciphertextCensus(db.kysely)).toEqual({ s1: 1 });
      const v = await verifyAuditChain(db.kysely);
      expect(v.ok).toBe(true);
      expect(v.algorithms).toEqual({ sm3: v.entries });
    } finally {
      await db.close();
    }
    expect(cli('audit', 'verify').stdout).toMatch(/哈希链校验通过：共 \d+ 条（SM3 \d+ 条）/);
  });
});
