/**
 * `luoshi keys rotate` on 100,000 records that all hold an ID number (the worst case: every
 * row is decrypted, re-encrypted and re-indexed): AES → 国密 SM4 (the switch) on a SQLite file,
 * and on PostgreSQL when DATABASE_URL is set.
 *
 *   npx tsx bench/rotate.bench.ts [records]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { pgAdmin } from './pg-admin.ts';
import { syntheticCounty } from './import.bench.ts';
import { isPostgresUrl, openDb, type Db } from '../src/db/kysely.ts';
import { importItems, parseJsonLines } from '../src/ledger/import.ts';
import { systemPrincipal } from '../src/ledger/export.ts';
import { idCheckDigit } from '../src/shared/idnumber.ts';
import { SYSTEM_ACTOR } from '../src/audit/log.ts';
import { rotateKeys } from '../src/crypto/rotate.ts';

function lists(n: number): string {
  const lines = [syntheticCounty(0).trimEnd()];
  for (let i = 0; i < n; i++) {
    const birth = `19${50 + (i % 50)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
    const first17 = `120223${birth}${String(i % 1000).padStart(3, '0')}`;
    const org = `BX-T${String((i % 10) + 1).padStart(2, '0')}`;
    lines.push(
      JSON.stringify({
        type: 'record',
        ledger: 'beneficiary',
        org,
        fields: { name: `对象${i}`, idNumber: first17 + idCheckDigit(first17), program: '惠农补贴', approvedOn: '2023-04-01' },
      }),
    );
  }
  return lines.join('\n') + '\n';
}

async function timeRotation(db: Db, text: string, n: number): Promise<number> {
  const { items, errors } = parseJsonLines(text);
  const res = await importItems(db.kysely, await systemPrincipal(db.kysely), items, { preErrors: errors });
  if (!res.ok || res.total !== n) throw new Error(`import failed: ${JSON.stringify(res.errors.slice(0, 5))}`);
  const r = await rotateKeys(db.kysely, SYSTEM_ACTOR, { to: 'sm', settleMs: 0 });
  if (r.records !== n) throw new Error(`rotated ${r.records} of ${n}`);
  return r.ms / 1000;
}

export default async function run(n = 100_000): Promise<{ name: string; value: number; unit: string }[]> {
  process.env.LUOSHI_SECRET ??= 'bench-secret';
  const text = lists(n);
  const out: { name: string; value: number; unit: string }[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bench-'));
  try {
    const db = await openDb({ file: path.join(dir, 'bench.db') });
    try {
      out.push({ name: `keys rotate AES → SM4, ${n} records with ID numbers (SQLite file)`, value: await timeRotation(db, text, n), unit: 's' });
    } finally {
      await db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (isPostgresUrl(url)) {
    const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
    await pgAdmin(url, `create schema ${schema}`);
    const db = await openDb({ url, schema });
    try {
      out.push({ name: `keys rotate AES → SM4, ${n} records with ID numbers (PostgreSQL)`, value: await timeRotation(db, text, n), unit: 's' });
    } finally {
      await db.close();
      await pgAdmin(url, `drop schema ${schema} cascade`);
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run(Number(process.argv[2] ?? 100_000)).then(
    (rs) => {
      for (const r of rs) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
