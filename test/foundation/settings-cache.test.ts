/**
 * Settings read outside a transaction are kept for a few seconds (src/auth/settings.ts): a change
 * through putSetting is seen at once, one written by another process within the TTL, and a
 * transaction always reads the row.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { getSetting, putSetting } from '../../src/auth/settings.ts';

describe(`${dialectName}: settings cache`, () => {
  let db: Db;
  let now = Date.parse('2026-12-04T08:00:00Z');
  beforeEach(async () => {
    db = await createTestDb();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.close();
  });
  // What another process does: write the table directly, without this process knowing.
  const elsewhere = (n: number) =>
    db.kysely
      .updateTable('settings')
      .set({ value: JSON.stringify({ n }) })
      .where('key', '=', 'probe')
      .execute();

  it('keeps a value for five seconds, sees its own change at once, and reads inside a transaction', async () => {
    await putSetting(db.kysely, 'probe', { n: 1 }, null);
    now += 3000; // past the moment after a change when nothing is kept
    expect(await getSetting(db.kysely, 'probe', { n: 0, m: 9 })).toEqual({ n: 1, m: 9 });
    await elsewhere(2);
    now += 1000;
    expect(await getSetting(db.kysely, 'probe', { n: 0 })).toEqual({ n: 1 }); // kept
    expect(await db.kysely.transaction().execute((trx) => getSetting(trx, 'probe', { n: 0 }))).toEqual({ n: 2 });
    now += 4500;
    expect(await getSetting(db.kysely, 'probe', { n: 0 })).toEqual({ n: 2 }); // another process's change, after the TTL
    await putSetting(db.kysely, 'probe', { n: 3 }, null);
    expect(await getSetting(db.kysely, 'probe', { n: 0 })).toEqual({ n: 3 }); // this process's change, at once
  });

  it('keeps nothing just after a change (its transaction may not have committed yet)', async () => {
    await putSetting(db.kysely, 'probe', { n: 1 }, null);
    expect(await getSetting(db.kysely, 'probe', { n: 0 })).toEqual({ n: 1 });
    await elsewhere(2);
    expect(await getSetting(db.kysely, 'probe', { n: 0 })).toEqual({ n: 2 });
  });

  it('hands every caller its own object', async () => {
    await putSetting(db.kysely, 'probe', { n: 1 }, null);
    now += 3000;
    const a = await getSetting<{ n: number }>(db.kysely, 'probe', { n: 0 });
    a.n = 99;
    expect(await getSetting(db.kysely, 'probe', { n: 0 })).toEqual({ n: 1 });
  });
});
