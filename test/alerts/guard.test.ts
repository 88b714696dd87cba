import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { createRecord } from '../../src/ledger/operations.ts';
import { installAlertHooks } from '../../src/alerts/register.ts';
import { run } from './helpers.ts';

/** The 影响期 guard on 干部任用, through the API and through the engine. */
describe(`${dialectName}: cadre-action guard during a sanction's influence period`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const sanction = (person: string, kind: string, decidedOn: string, extra: Record<string, unknown> = {}) => ({
      type: 'record',
      ledger: 'sanction',
      org: 'QH-DH',
      fields: { person, kind, decidedOn, ...extra },
    });
    const load = (items: unknown[]) =>
      importItems(
        t.db.kysely,
        { id: null, username: 't', roles: [], org: root, system: true },
        items.map((item, i) => ({ origin: { line: i + 1 }, item })),
      );
    // A promotion recorded before the sanction was: the guard cannot refuse it, the alert flags it.
    expect(
      (await load([{ type: 'record', ledger: 'cadreAction', org: 'QH-DH', fields: { kind: 'staffGrade', person: '严某', effectiveOn: '2023-06-01' } }])).errors,
    ).toEqual([]);
    const r = await load([
      sanction('严某', 'seriousWarning', '2023-03-01'), // 18 months: to 2024-08-31
      sanction('警某', 'govWarning', '2023-03-01'), // 6 months: to 2023-08-31
      sanction('察某', 'probation', '2022-01-10', { effectEndsOn: '2023-01-09' }),
    ]);
    expect(r.errors).toEqual([]);
  });
  afterAll(() => t.close());

  const post = async (user: string, person: string, effectiveOn: string) =>
    (await t.as(user))({
      method: 'POST',
      url: '/api/ledgers/cadreAction/records',
      payload: { org: 'QH-DH', fields: { kind: 'civilServantRank', person, effectiveOn } },
    });

  it('refuses a promotion inside the period with a clear Chinese message, the day before its end', async () => {
    const res = await post('zuzhi', '严某', '2024-08-31');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/严某处于处分影响期内（至2024年8月31日），影响期内不得提拔或晋升/);
    // The organisation office is not told which sanction; the discipline office would be.
    expect(res.json().error).not.toContain('严重警告');
  });

  it('allows it from the day after the period ends', async () => {
    expect((await post('zuzhi', '严某', '2024-09-01')).statusCode).toBe(201);
    expect((await post('zuzhi', '警某', '2023-09-01')).statusCode).toBe(201);
    expect((await post('zuzhi', '警某', '2023-08-31')).statusCode).toBe(400);
    expect((await post('zuzhi', '察某', '2023-01-10')).statusCode).toBe(201);
    expect((await post('zuzhi', '无处分', '2023-05-01')).statusCode).toBe(201);
  });

  it('tells the secretary which sanction applies, and guards updates too', async () => {
    const res = await post('shuji', '严某', '2023-12-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toContain('受党内严重警告处分（2023年3月1日决定）');
    const ok = await post('shuji', '某甲', '2023-12-01');
    const id = ok.json().id;
    const patch = await (await t.as('shuji'))({ method: 'PATCH', url: `/api/records/${id}`, payload: { fields: { person: '严某' } } });
    expect(patch.statusCode).toBe(400);
  });

  it('guards the engine for any caller once the hooks are installed', async () => {
    installAlertHooks();
    const town = (await getOrgByCode(t.db.kysely, 'QH-DH'))!;
    await expect(
      createRecord(t.db.kysely, { id: null, username: 'sys', roles: [], org: town, system: true }, 'cadreAction', 'QH-DH', {
        kind: 'staffGrade',
        person: '严某',
        effectiveOn: '2024-01-01',
      }),
    ).rejects.toThrow(/处分影响期/);
  });

  it('flags the promotion recorded before the guard, for discipline roles only', async () => {
    const fs = await run(t.db, 'cadreAction.inInfluencePeriod', '2023-12-31', 'QH');
    expect(fs).toHaveLength(1);
    expect(fs[0].message).toContain('严某于2023年6月1日任职/晋升，处于党内严重警告处分影响期内');
    const asOrg = await (await t.as('zuzhi'))({ method: 'GET', url: '/api/alerts?date=2023-12-31&rule=cadreAction.inInfluencePeriod' });
    expect(asOrg.json().total).toBe(0);
    const asDiscipline = await (await t.as('jiwei'))({ method: 'GET', url: '/api/alerts?date=2023-12-31&rule=cadreAction.inInfluencePeriod' });
    expect(asDiscipline.json().total).toBe(1);
  });
});
