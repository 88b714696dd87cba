import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { recomputeOrg } from '../../src/alerts/service.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import { idFor } from './helpers.ts';

const RULE = 'relative.undisclosedPowerMatter';

/**
 * A write recomputes only what the written record can change: a new 低保 entry is matched
 * against the declared relatives by itself (the rule is recordScoped for the list ledgers), not
 * by a town-wide run of the rule.
 */
describe(`${dialectName}: per-write recomputation`, () => {
  let t: TestApp;
  let system: Principal;
  const rel = idFor('1976-04-04', '246');
  const entry = (program: string) => ({ name: '刘某', idNumber: rel, program, village: 'QH-DH-V01', approvedOn: '2023-04-01' });
  beforeAll(async () => {
    t = await createTestApp();
    system = { id: null, username: 't', roles: [], org: (await getOrgByCode(t.db.kysely, 'QH'))!, system: true };
    const items = [
      {
        type: 'record',
        ledger: 'relative',
        org: 'QH-DH',
        fields: { cadre: '陈国强', cadrePost: '村党支部书记', name: '刘某', relation: '配偶', idNumber: rel, filedOn: '2023-03-01' },
      },
      { type: 'record', ledger: 'beneficiary', org: 'QH-DH-V01', fields: entry('低保') },
    ];
    expect(
      (
        await importItems(
          t.db.kysely,
          system,
          items.map((item, i) => ({ origin: { line: i + 1 }, item })),
        )
      ).errors,
    ).toEqual([]);
    await recomputeOrg(t.db.kysely, (await getOrgByCode(t.db.kysely, 'QH'))!);
  });
  afterAll(() => t.close());

  it('a new list entry gets its own alert, and the town’s other alerts of the rule are not recomputed', async () => {
    const first = await t.db.kysely.selectFrom('alerts').select(['id', 'record_id']).where('rule', '=', RULE).execute();
    expect(first).toHaveLength(1);
    // Take the first entry's alert away behind the engine's back: a town-wide run would put it back.
    await t.db.kysely.deleteFrom('alerts').where('id', '=', first[0].id).execute();
    const added = await createRecord(t.db.kysely, system, 'beneficiary', 'QH-DH-V01', entry('危房改造'));
    const now = await t.db.kysely.selectFrom('alerts').select(['record_id', 'severity', 'message']).where('rule', '=', RULE).execute();
    expect(now.map((a) => a.record_id)).toEqual([added.id]);
    expect(now[0]).toMatchObject({ severity: 'error' });
    expect(now[0].message).toContain('危房改造');
    // The daily run restores the whole picture.
    await recomputeOrg(t.db.kysely, (await getOrgByCode(t.db.kysely, 'QH'))!);
    expect(
      (await t.db.kysely.selectFrom('alerts').select('record_id').where('rule', '=', RULE).orderBy('record_id').execute()).map((a) => a.record_id),
    ).toEqual([first[0].record_id, added.id]);
  });
});
