import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { influenceEnd, INFLUENCE_PARAMS } from '../../src/alerts/influence.ts';
import { getRule } from '../../src/alerts/rules/index.ts';
import { ruleParams } from '../../src/alerts/config.ts';
import { run } from './helpers.ts';

const params = ruleParams(getRule('cadreAction.inInfluencePeriod')!, {});

describe('influence periods', () => {
  it('留党察看 lasts its term plus two years after the rights are restored: 36 or 48 months', () => {
    const end = (probationYears: number | null) => influenceEnd({ kind: 'probation', date_on: '2023-03-01', date3: null, probationYears }, params);
    expect(end(1)).toBe('2026-02-28');
    expect(end(2)).toBe('2027-02-28');
    expect(end(null)).toBe('2027-02-28'); // no term recorded: the longest
  });

  it('开除党籍 is a bar on rejoining, not an influence period', () => {
    expect(influenceEnd({ kind: 'expulsion', date_on: '2023-03-01', date3: null }, params)).toBeNull();
    expect(Object.keys(INFLUENCE_PARAMS)).not.toContain('expulsion');
    expect(getRule('cadreAction.inInfluencePeriod')!.description).toContain('不是提拔影响期');
  });
});

/** A 留党察看 of one year blocks promotion for 36 months, through the API guard and the rule. */
describe(`${dialectName}: 留党察看 blocks promotion by its term`, () => {
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
    // A promotion recorded before the sanction was: the guard cannot refuse it, the rule flags it.
    expect(
      (await load([{ type: 'record', ledger: 'cadreAction', org: 'QH-DH', fields: { kind: 'staffGrade', person: '察一年', effectiveOn: '2026-02-28' } }]))
        .errors,
    ).toEqual([]);
    const r = await load([
      sanction('察一年', 'probation', '2023-03-01', { probationYears: 1 }),
      sanction('察二年', 'probation', '2023-03-01', { probationYears: 2 }),
      sanction('开除者', 'expulsion', '2023-03-01'),
    ]);
    expect(r.errors).toEqual([]);
  });
  afterAll(() => t.close());

  const post = async (person: string, effectiveOn: string) =>
    (
      await (
        await t.as('shuji')
      )({ method: 'POST', url: '/api/ledgers/cadreAction/records', payload: { org: 'QH-DH', fields: { kind: 'civilServantRank', person, effectiveOn } } })
    ).statusCode;

  it('one year: refused to the last day of month 36, allowed the day after', async () => {
    expect(await post('察一年', '2025-03-01')).toBe(400); // two years on: the old 24-month period would have let this through
    expect(await post('察一年', '2026-02-28')).toBe(400);
    expect(await post('察一年', '2026-03-01')).toBe(201);
  });

  it('two years: 48 months', async () => {
    expect(await post('察二年', '2027-02-28')).toBe(400);
    expect(await post('察二年', '2027-03-01')).toBe(201);
  });

  it('开除党籍 does not refuse a cadre action', async () => {
    expect(await post('开除者', '2024-01-01')).toBe(201);
  });

  it('the rule names the term on the alert', async () => {
    const fs = await run(t.db, 'cadreAction.inInfluencePeriod', '2026-03-31', 'QH');
    expect(fs.map((f) => f.message)).toEqual([
      expect.stringContaining('察一年于2026年2月28日任职/晋升，处于留党察看一年处分影响期内（2023年3月1日决定，影响期至2026年2月28日）'),
    ]);
  });
});
