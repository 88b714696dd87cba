/**
 * Key rotation and 国密 mode (issue 17): a legacy database (one SHA-256 key for everything) is
 * rotated to HKDF keys with key ids, then switched to SM4/HMAC-SM3; after each step every ID
 * number and the SMTP password decrypt, no value is left under the old key, the blind-index
 * collision alert still fires, and the audit chain (SHA-256 entries, then SM3) verifies.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { SYSTEM_ACTOR, verifyAuditChain } from '../../src/audit/log.ts';
import { ciphertextCensus, rotateKeys } from '../../src/crypto/rotate.ts';
import { currentState, readKeyState, refreshKeyState, setCurrentState, STATE_TTL_MS, writeKeyState, writeKid } from '../../src/crypto/state.ts';
import { collisionFires, everythingDecrypts, fillerId, rotationCounty } from './rotation-fixture.ts';

const FILLER = 600;

/** Every text the database holds that looks like a ciphertext, as SQL sees it. */
async function storedKinds(db: Db): Promise<string[]> {
  const rec = await sql<{ t: string }>`select cast(data as text) as t from records`.execute(db.kysely);
  const set = await sql<{ t: string }>`select value as t from settings`.execute(db.kysely);
  const kinds = new Set<string>();
  for (const r of [...rec.rows, ...set.rows]) for (const m of r.t.matchAll(/enc:(v1|v2:[a-z0-9]+):/g)) kinds.add(m[1]);
  return [...kinds].sort();
}

describe(`${dialectName}: key rotation and 国密 mode`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    // A database from before key ids: everything written under the legacy key.
    await writeKeyState(db.kysely, { active: 'v1' });
    setCurrentState({ active: 'v1' });
    await rotationCounty(db, FILLER);
  });
  afterAll(() => db.close());

  it('starts as a legacy database: one key, matching works', async () => {
    expect(await storedKinds(db)).toEqual(['v1']);
    expect(await collisionFires(db)).toBe(true);
  });

  it('rotates to HKDF-derived AES keys with key ids, resumable and audited', async () => {
    const progress: number[] = [];
    const r = await rotateKeys(db.kysely, SYSTEM_ACTOR, { batch: 100, settleMs: 0, onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ from: 'v1', to: 'a1', resumed: false, settings: 1 });
    expect(r.records).toBe(FILLER + 2);
    expect(progress.length).toBeGreaterThanOrEqual(6);
    expect(await storedKinds(db)).toEqual(['v2:a1']);
    expect(await ciphertextCensus(db.kysely)).toEqual({ a1: FILLER + 3 });
    expect(await everythingDecrypts(db, FILLER)).toBe(FILLER + 2);
    expect(await collisionFires(db)).toBe(true);
    expect(await readKeyState(db.kysely)).toEqual({ active: 'a1', rotation: null });
    const logged = await db.kysely.selectFrom('audit_log').select(['action', 'note']).where('entity', '=', 'key').orderBy('id').execute();
    expect(logged.map((l) => l.action)).toEqual(['keyRotateStart', 'keyRotateFinish']);
  });

  it('switches to 国密: SM4 + HMAC-SM3, no AES ciphertext left, audit entries in SM3, chain verifies across the switch', async () => {
    const r = await rotateKeys(db.kysely, SYSTEM_ACTOR, { to: 'sm', batch: 250, settleMs: 0 });
    expect(r).toMatchObject({ from: 'a1', to: 's2' });
    expect(await storedKinds(db)).toEqual(['v2:s2']);
    expect(await everythingDecrypts(db, FILLER)).toBe(FILLER + 2);
    expect(await collisionFires(db)).toBe(true);
    // New records in 国密 mode are SM4 from the start.
    const { load, rec } = await import('../alerts/helpers.ts');
    await load(db, [rec('beneficiary', 'T-V2', { name: '新增', idNumber: fillerId(99_999), program: '低保', approvedOn: '2023-06-01' })]);
    expect(await storedKinds(db)).toEqual(['v2:s2']);
    const v = await verifyAuditChain(db.kysely);
    expect(v.ok).toBe(true);
    expect(v.algorithms.sm3).toBeGreaterThanOrEqual(2);
    expect(v.algorithms.sha256).toBeGreaterThan(10);
    // An edited SM3 entry is caught like a SHA-256 one.
    const last = await db.kysely.selectFrom('audit_log').select(['id', 'hash_alg']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last.hash_alg).toBe('sm3');
    await db.kysely.updateTable('audit_log').set({ note: '篡改' }).where('id', '=', last.id).execute();
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: false, brokenAt: last.id });
  });
});

describe(`${dialectName}: a rotation started by another process`, () => {
  it('reaches a running server within the state cache time, so it writes with the new key', async () => {
    const db = await createTestDb();
    try {
      expect(writeKid()).toBe('a1');
      // What `luoshi keys rotate` in another process writes when it starts.
      await writeKeyState(db.kysely, { active: 'a1', rotation: { from: 'a1', to: 'a2', cursor: 0, done: 0, startedAt: new Date().toISOString() } });
      await refreshKeyState(db.kysely);
      expect(writeKid()).toBe('a1'); // cached
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + STATE_TTL_MS + 1);
      await refreshKeyState(db.kysely);
      expect(writeKid()).toBe('a2');
    } finally {
      vi.useRealTimers();
      setCurrentState({ active: 'a1' });
      await db.close();
    }
  });
});

describe(`${dialectName}: a new database in 国密 mode (LUOSHI_CRYPTO=sm)`, () => {
  let db: Db;
  const saved = currentState();
  beforeAll(async () => {
    process.env.LUOSHI_CRYPTO = 'sm';
    db = await createTestDb();
    await rotationCounty(db, 20);
  });
  afterAll(async () => {
    delete process.env.LUOSHI_CRYPTO;
    setCurrentState(saved);
    await db.close();
  });

  it('stores no AES ciphertext, matches by HMAC-SM3 index, chains its audit log with SM3', async () => {
    expect(await readKeyState(db.kysely)).toEqual({ active: 's1' });
    expect(await storedKinds(db)).toEqual(['v2:s1']);
    expect(await everythingDecrypts(db, 20)).toBe(22);
    expect(await collisionFires(db)).toBe(true);
    const v = await verifyAuditChain(db.kysely);
    expect(v.ok).toBe(true);
    expect(Object.keys(v.algorithms)).toEqual(['sm3']);
  });
});
