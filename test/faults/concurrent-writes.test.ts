/**
 * Concurrent writes to one record (PostgreSQL runs them in parallel; SQLite serialises them):
 * PATCHes without a version are all applied — none lost, none refused — and each leaves its
 * audit entry; a PATCH carrying a stale version is refused with 409 and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';

describe(`${dialectName}: concurrent updates of one record`, () => {
  let t: TestApp;
  let call: Awaited<ReturnType<TestApp['as']>>;
  let id: number;
  beforeAll(async () => {
    t = await createTestApp();
    call = await t.as('jiwei');
    const res = await call({
      method: 'POST',
      url: '/api/ledgers/rectification/records',
      payload: { org: 'QH-DH', fields: { title: '并发修改测试', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-05-06' } },
    });
    id = res.json().id;
  });
  afterAll(() => t.close());

  it('applies every version-less PATCH, each with its audit entry', async () => {
    const n = 24;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => call({ method: 'PATCH', url: `/api/records/${id}`, payload: { fields: { note: `备注${i}` } } })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(n).fill(200));
    const rec = (await call({ url: `/api/records/${id}` })).json() as { version: number };
    expect(rec.version).toBe(1 + n);
    const audits = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'record')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'update')
      .execute();
    expect(audits.length).toBe(n);
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });

  it('refuses a PATCH with a stale version and keeps the record', async () => {
    const before = (await call({ url: `/api/records/${id}` })).json() as { version: number; fields: { note?: string } };
    const res = await call({ method: 'PATCH', url: `/api/records/${id}`, payload: { fields: { note: '过期的修改' }, version: before.version - 1 } });
    expect(res.statusCode).toBe(409);
    const after = (await call({ url: `/api/records/${id}` })).json() as { version: number; fields: { note?: string } };
    expect(after).toMatchObject({ version: before.version, fields: { note: before.fields.note } });
  });
});
