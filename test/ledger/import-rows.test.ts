/**
 * The rows a large import stores, column by column, on this database: SQLite writes full
 * batches with SQL compiled once and the rest through Kysely, PostgreSQL sends each batch as one
 * JSON array of value arrays cast server-side (src/ledger/write.ts, insertBatch). Every stored
 * row must equal what the one row builder (storage.ts toRow) makes of its own fields, so a
 * column sent in the wrong place, a lost null or a mangled string fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/kysely.ts';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { importJsonLines } from '../helpers/import.ts';
import { syntheticCounty } from '../../bench/import.bench.ts';
import { systemPrincipal } from '../../src/ledger/export.ts';
import { getLedger } from '../../src/ledger/registry.ts';
import { plainFields, toRow } from '../../src/ledger/storage.ts';
import { decrypt, isEncrypted } from '../../src/crypto/cipher.ts';

/** Stored data with ciphertexts decrypted (their IVs are random). */
function plainData(json: unknown): unknown {
  const d = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, isEncrypted(v) ? decrypt(v) : v]));
}

describe(`${dialectName}: rows stored by a large import`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('equal, column by column, what toRow makes of their fields (full batches and the rest, tricky text included)', async () => {
    // 1 000 records: two full batches of 400 and a remainder, over seven ledgers.
    const tricky = [
      {
        type: 'record',
        ledger: 'activity',
        org: 'BX-T01',
        fields: { type: 'banner', title: '引号"、反斜杠\\、换行\n、制表\t、表情😀与</script>', occurredOn: '2023-03-01', quantity: 7 },
      },
      { type: 'record', ledger: 'talk', org: 'BX-T02', fields: { kind: 'reminder', talker: "O'Brien", talkees: ['张三', '李\\四'], occurredOn: '2023-03-02' } },
    ].map((x) => JSON.stringify(x));
    const text = syntheticCounty(998, 2, 3) + tricky.join('\n') + '\n';
    const res = await importJsonLines(db.kysely, await systemPrincipal(db.kysely), text);
    expect(res.errors).toEqual([]);
    expect(res.total).toBe(1000);

    const orgs = await db.kysely.selectFrom('orgs').select(['id', 'code', 'path', 'town_id']).execute();
    const idOf = new Map(orgs.map((o) => [o.code, o.id]));
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const rows = await db.kysely.selectFrom('records').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(1000);
    let checked = 0;
    for (const r of rows) {
      const l = (await getLedger(db.kysely, r.ledger))!;
      const data = plainData(r.data) as Record<string, unknown>;
      const want = toRow(l, plainFields(l, data), (c) => idOf.get(c));
      const org = byId.get(r.org_id)!;
      expect({ ...r, data: plainData(r.data) }).toEqual({
        ...r,
        town_id: org.town_id,
        org_path: org.path,
        kind: want.kind,
        status: want.status,
        sub: want.sub,
        flag: want.flag,
        person: want.person,
        ref_org_id: want.ref_org_id,
        date_on: want.date_on,
        due_on: want.due_on,
        done_on: want.done_on,
        date2: want.date2,
        date3: want.date3,
        n1: want.n1,
        n2: want.n2,
        title: want.title,
        search: want.search,
        data: plainData(want.data),
        version: 1,
        updated_at: r.created_at,
        deleted_at: null,
      });
      checked++;
    }
    expect(checked).toBe(1000);
    // The tricky strings arrived as they were sent.
    const banner = rows.find((r) => r.ledger === 'activity' && r.n1 === 7 && r.title.startsWith('引号'))!;
    expect((plainData(banner.data) as { title: string }).title).toBe('引号"、反斜杠\\、换行\n、制表\t、表情😀与</script>');
    const talk = rows.find((r) => r.person === "O'Brien")!;
    expect((plainData(talk.data) as { talkees: string[] }).talkees).toEqual(['张三', '李\\四']);
    // Every row of a ledger with ID numbers carries a ciphertext, never the plain number.
    expect(
      rows
        .filter((r) => r.ledger === 'partyMember')
        .every((r) => isEncrypted((JSON.parse(typeof r.data === 'string' ? r.data : JSON.stringify(r.data)) as { idNumber: string }).idNumber)),
    ).toBe(true);
  });
});
