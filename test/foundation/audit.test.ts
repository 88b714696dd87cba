import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, dialectName } from '../helpers/db.ts';
import { openDb, type Db } from '../../src/db/kysely.ts';
import { PostgresDialect, Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/schema.ts';
import { audit, auditHashInDb, verifyAuditChain, SYSTEM_ACTOR } from '../../src/audit/log.ts';
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

  // On PostgreSQL entries join the chain at their transaction's commit (src/db/commit-tail.ts, src/audit/log.ts).
  describe.each(dialectName === 'postgres' ? ['hashed by the database', 'hashed here'] : ['hashed here'])(
    'entries written with their transaction, %s',
    (mode) => {
      beforeEach(() => void auditHashInDb(null, mode === 'hashed by the database'));
      afterEach(() => void auditHashInDb(null, 'probe'));
      const entries = async (entity: string) =>
        db.kysely.selectFrom('audit_log').select(['entity_id', 'after', 'note']).where('entity', '=', entity).orderBy('id').execute();

      it('keeps the chain whole under 40 concurrent transactions, some rolled back, each with two entries', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 40 }, (_, i) =>
            db.kysely.transaction().execute(async (trx) => {
              await audit(trx, SYSTEM_ACTOR, { action: 'update', entity: 'race', entityId: `${i}a`, after: { i } });
              await sql`select 1`.execute(trx); // work between the entries, as a write has
              await audit(trx, SYSTEM_ACTOR, { action: 'update', entity: 'race', entityId: `${i}b`, after: { i } });
              if (i % 5 === 0) throw new Error('refused');
            }),
          ),
        );
        expect(results.filter((r) => r.status === 'rejected')).toHaveLength(8);
        const got = await entries('race');
        expect(got).toHaveLength(64);
        for (const e of got) expect(Number.parseInt(e.entity_id!, 10) % 5).not.toBe(0);
        // each transaction's two entries are next to each other, in the order written
        for (let k = 0; k < got.length; k += 2) expect([got[k].entity_id!.slice(-1), got[k + 1].entity_id!.slice(-1)]).toEqual(['a', 'b']);
        expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 7 + 64 });
      });

      it('writes nothing of a transaction whose later statement fails', async () => {
        await expect(
          db.kysely.transaction().execute(async (trx) => {
            await audit(trx, SYSTEM_ACTOR, { action: 'create', entity: 'doomed', entityId: 1 });
            await sql`select * from no_such_table`.execute(trx);
          }),
        ).rejects.toThrow();
        expect(await entries('doomed')).toEqual([]);
        await audit(db.kysely, SYSTEM_ACTOR, { action: 'create', entity: 'after', entityId: 1 });
        expect(await verifyAuditChain(db.kysely)).toMatchObject({ ok: true, entries: 8 });
      });

      it('stores quotes, backslashes, newlines and Chinese exactly', async () => {
        const note = `它's "引号" \\ 反斜杠 \n 字面 \\' E'x' $$ ; commit; --\n换行\t制表`;
        await audit(db.kysely, { id: null, username: "o'brien\\", ip: '::1' }, { action: 'update', entity: 'odd', entityId: "x'y", after: { note }, note });
        const [e] = await entries('odd');
        expect(e).toEqual({ entity_id: "x'y", after: JSON.stringify({ note }), note });
        expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
      });

      it('leaves no entry of a rolled-back transaction on its connection for the next one', async () => {
        const one = dialectName === 'postgres' ? await openDb({ ...db.open, poolSize: 1, migrate: false }) : db;
        try {
          await expect(
            one.kysely.transaction().execute(async (trx) => {
              await audit(trx, SYSTEM_ACTOR, { action: 'create', entity: 'ghost', entityId: 1 });
              throw new Error('refused');
            }),
          ).rejects.toThrow('refused');
          await audit(one.kysely, SYSTEM_ACTOR, { action: 'create', entity: 'real', entityId: 1 });
        } finally {
          if (one !== db) await one.close();
        }
        expect(await entries('ghost')).toEqual([]);
        expect(await entries('real')).toHaveLength(1);
      });

      it.runIf(dialectName === 'postgres')('fails, rather than losing the entry, on a connection not opened by openDb', async () => {
        const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
        const plain = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
        try {
          await expect(audit(plain, SYSTEM_ACTOR, { action: 'create', entity: 'lost', entityId: 1 })).rejects.toThrow(
            /luoshi_commit_tail_needs_a_connection_from_open_db/,
          );
        } finally {
          await plain.destroy();
        }
      });
    },
  );

  it.runIf(dialectName === 'postgres')('finds that this PostgreSQL hashes as JavaScript does, so the database links the entries', async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const run = async (text: string) => {
        const r = await pool.query(text);
        return (Array.isArray(r) ? r : [r]) as pg.QueryResult[];
      };
      expect(await auditHashInDb(run, 'probe')).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
