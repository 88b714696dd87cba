import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { audit, verifyAuditChain, SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { createOrg } from '../../src/org/service.ts';

describe(`${dialectName}: audit hash chain`, () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
    await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'C', name: '测试县', kind: 'county' });
    await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'C-T', name: '测试镇', kind: 'town', parentCode: 'C' });
    for (let i = 0; i < 5; i++) await audit(db.kysely, SYSTEM_ACTOR, { action: 'update', entity: 'thing', entityId: i, after: { i } });
  });
  afterEach(() => db.close());

  it('verifies an untouched chain', async () => {
    expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 7 });
  });

  it('catches an edited entry', async () => {
    await sql`update audit_log set after = '{"i":99}' where id = 4`.execute(db.kysely);
    const r = await verifyAuditChain(db.kysely);
    expect(r.ok).toBe(false);
    expect(r.brokenAt).toBe(4);
  });

  it('catches a deleted entry', async () => {
    await sql`delete from audit_log where id = 3`.execute(db.kysely);
    const r = await verifyAuditChain(db.kysely);
    expect(r).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('catches a re-hashed edit further down by the broken link', async () => {
    const { entryHash } = await import('../../src/audit/log.ts');
    const row = await db.kysely.selectFrom('audit_log').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
    const forged = { ...row, note: '篡改' };
    await db.kysely
      .updateTable('audit_log')
      .set({ note: '篡改', hash: entryHash(forged) })
      .where('id', '=', 2)
      .execute();
    expect((await verifyAuditChain(db.kysely)).brokenAt).toBe(3);
  });
});
