import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { createOrg, getOrgByCode } from '../../src/org/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { importItems } from '../../src/ledger/import.ts';
import { computeMetrics, plainValues } from '../../src/metrics/engine.ts';
import { parsePeriod } from '../../src/metrics/period.ts';

describe(`${dialectName}: period boundaries and as-of states`, () => {
  let db: Db;
  const m = async (period: string) => plainValues(await computeMetrics(db.kysely, (await getOrgByCode(db.kysely, 'T'))!, period));
  beforeAll(async () => {
    db = await createTestDb();
    await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'C', name: '县', kind: 'county' });
    await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'T', name: '甲镇', kind: 'town', parentCode: 'C' });
    await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'T-V1', name: '一村', kind: 'village', parentCode: 'T' });
    const sup = (d: string) => ({ type: 'record', ledger: 'supervision', org: 'T', fields: { title: '监督', area: '安全生产', occurredOn: d } });
    const rect = (found: string, status: string, doneOn?: string, target = 'T') => ({
      type: 'record',
      ledger: 'rectification',
      org: 'T',
      fields: { title: '问题', source: 'inspection', targetOrg: target, foundOn: found, status, ...(doneOn ? { doneOn } : {}) },
    });
    const pet = (received: string, status: string, closedOn?: string) => ({
      type: 'record',
      ledger: 'petition',
      org: 'T',
      fields: { channel: 'countyTransfer', subject: '诉求', receivedOn: received, status, ...(closedOn ? { closedOn, satisfaction: 'satisfied' } : {}) },
    });
    const dev = (admitted: string, birth: string) => ({
      type: 'record',
      ledger: 'development',
      org: 'T-V1',
      fields: { name: '某', birthDate: birth, occupation: '农民', branch: 'T-V1', appliedOn: '2021-03-01', admittedOn: admitted },
    });
    const items = [
      sup('2022-12-31'),
      sup('2023-01-01'),
      sup('2023-03-31'),
      sup('2023-04-01'),
      sup('2023-12-31'),
      sup('2024-01-01'),
      rect('2023-02-01', 'done', '2023-03-31'),
      rect('2023-02-01', 'done', '2023-04-01'),
      rect('2023-02-01', 'inProgress'),
      rect('2023-05-01', 'done', '2023-05-02', 'T-V1'),
      pet('2023-01-01', 'closed', '2023-03-02'),
      pet('2023-01-15', 'handling'),
      pet('2023-03-30', 'handling'),
      dev('2023-06-01', '1988-06-02'),
      dev('2023-06-01', '1988-06-01'),
      dev('2023-06-01', '1988-05-31'),
    ];
    const root = (await getOrgByCode(db.kysely, 'C'))!;
    const r = await importItems(
      db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      items.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(r.errors).toEqual([]);
  });
  afterAll(() => db.close());

  it('parses periods', () => {
    expect(parsePeriod('2023Q1')).toMatchObject({ start: '2023-01-01', end: '2023-03-31', quarterLabel: '一季度' });
    expect(parsePeriod('2024Q4').end).toBe('2024-12-31');
    expect(() => parsePeriod('2023Q5')).toThrow(/报告期无效/);
  });

  it('counts 1 January and the quarter end, not the day before or after (ytd)', async () => {
    expect((await m('2023Q1'))['discipline.supervision.count']).toBe(2);
    expect((await m('2023Q2'))['discipline.supervision.count']).toBe(3);
    expect((await m('2023Q4'))['discipline.supervision.count']).toBe(4);
  });

  it('judges done as of the period end from doneOn', async () => {
    const q1 = await m('2023Q1');
    expect(q1['discipline.inspection.town.total']).toBe(3);
    expect(q1['discipline.inspection.town.done']).toBe(1);
    expect(q1['discipline.inspection.town.rate']).toBeCloseTo(1 / 3);
    expect(q1['discipline.inspection.village.rate']).toBeNull();
    const q2 = await m('2023Q2');
    expect(q2['discipline.inspection.town.done']).toBe(2);
    expect(q2['discipline.inspection.village.rate']).toBe(1);
    expect(q2['discipline.inspection.villages']).toBe(1);
  });

  it('petitions: closed by the end, backlog past dueOn (received + 60 days) as of the end', async () => {
    const q1 = await m('2023Q1');
    expect(q1['legal.petition.transferred']).toBe(3);
    expect(q1['legal.petition.closed']).toBe(1);
    expect(q1['legal.petition.satisfactionRate']).toBe(1);
    // 2023-01-15 + 60 = 2023-03-16 < 2023-03-31 → backlog; 2023-03-30 + 60 is not yet due.
    expect(q1['legal.petition.backlog']).toBe(1);
    expect((await m('2023Q2'))['legal.petition.backlog']).toBe(2);
  });

  it('young members: full years on the admission day below 35', async () => {
    const q2 = await m('2023Q2');
    expect(q2['organization.development.newMembers']).toBe(3);
    expect(q2['organization.development.young']).toBe(1); // born 1988-06-02 is 34 on 2023-06-01
    expect(q2['organization.development.youngRatio']).toBeCloseTo(1 / 3);
    expect(q2['organization.development.villagesNoneTwoYears']).toBe(0);
  });
});
