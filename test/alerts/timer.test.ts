import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';

/** The daily computation runs inside the server process once it listens (first run 5 s after start). */
describe(`${dialectName}: daily alert computation in the server`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const item = {
      type: 'record',
      ledger: 'rectification',
      org: 'QH-DH',
      fields: { title: '早已逾期', source: 'selfCheck', targetOrg: 'QH-DH', foundOn: '2023-01-01', dueOn: '2023-02-01', status: 'open' },
    };
    expect((await importItems(t.db.kysely, { id: null, username: 't', roles: [], org: root, system: true }, [{ origin: { line: 1 }, item }])).errors).toEqual(
      [],
    );
    // The import stored today's alerts itself (after-write work); this story starts from none.
    await t.db.kysely.deleteFrom('alerts').execute();
  });
  afterAll(() => t.close());

  it('stores today’s alerts a few seconds after listening, without any external scheduler', async () => {
    expect(await t.db.kysely.selectFrom('alerts').selectAll().execute()).toEqual([]);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    let rows: { rule: string }[] = [];
    for (let i = 0; i < 40 && !rows.length; i++) {
      await new Promise((ok) => setTimeout(ok, 500));
      rows = await t.db.kysely.selectFrom('alerts').select(['rule']).where('rule', '=', 'rectification.overdue').execute();
    }
    expect(rows).toHaveLength(1);
  }, 30_000);
});
