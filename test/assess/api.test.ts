import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { seedSmall, TEST_INDICATORS } from './fixture.ts';
import { DEFAULT_INDICATORS } from '../../src/assess/defaults.ts';
import type { Assessment, CountyDashboard, Indicator, TownDashboard } from '../../src/assess/types.ts';

describe(`${dialectName}: assessment and dashboards over the API`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: seedSmall });
  });
  afterAll(() => t.close());

  const get = async (user: string, url: string) => (await t.as(user))({ method: 'GET', url });

  it('seeds the default indicators on first use, once, and audits it', async () => {
    const first = await get('xian', '/api/indicators');
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(DEFAULT_INDICATORS.length);
    expect(first.json().canEdit).toBe(true);
    expect((await get('shuji', '/api/indicators')).json()).toMatchObject({ county: { code: 'QH' }, canEdit: false });
    expect((await get('xian', '/api/indicators')).json().items).toHaveLength(DEFAULT_INDICATORS.length);
    const seeds = await t.db.kysely.selectFrom('audit_log').selectAll().where('entity', '=', 'indicator').where('action', '=', 'seed').execute();
    expect(seeds).toHaveLength(1);
  });

  it('only a reviewer of the county edits indicators', async () => {
    const ind = (await get('xian', '/api/indicators')).json().items[0] as Indicator;
    const body = { ...TEST_INDICATORS[0] };
    for (const user of ['shuji', 'jiwei', 'cun01']) {
      const as = await t.as(user);
      expect((await as({ method: 'POST', url: '/api/indicators', payload: body })).statusCode, user).toBe(403);
      expect((await as({ method: 'PATCH', url: `/api/indicators/${ind.id}`, payload: { weight: 1 } })).statusCode, user).toBe(403);
      expect((await as({ method: 'DELETE', url: `/api/indicators/${ind.id}` })).statusCode, user).toBe(403);
    }
    const other = await t.as('baisha');
    expect((await other({ method: 'GET', url: '/api/indicators?org=QH' })).statusCode).toBe(403);
    expect((await other({ method: 'PATCH', url: `/api/indicators/${ind.id}`, payload: { weight: 1 } })).statusCode).toBe(403);
    expect((await other({ method: 'POST', url: '/api/indicators', payload: { ...body, org: 'QH' } })).statusCode).toBe(403);
    // Writes need the CSRF header like every write.
    const res = await t.app.inject({ method: 'PATCH', url: `/api/indicators/${ind.id}`, payload: { weight: 1 } });
    expect([401, 403]).toContain(res.statusCode);
  });

  it('validates indicators with Chinese messages', async () => {
    const as = await t.as('xian');
    const bad = await as({ method: 'POST', url: '/api/indicators', payload: { ...TEST_INDICATORS[0], metric: 'no.such.metric' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('统计口径不存在');
    const rate = await as({ method: 'POST', url: '/api/indicators', payload: { ...TEST_INDICATORS[0], target: 90 } });
    expect(rate.statusCode).toBe(400);
    expect(rate.json().error).toContain('0 到 1');
    const weight = await as({ method: 'POST', url: '/api/indicators', payload: { ...TEST_INDICATORS[0], weight: 0 } });
    expect(weight.statusCode).toBe(400);
  });

  it('replaces the set, scores the hand-built towns and ranks them (flag mode)', async () => {
    const as = await t.as('xian');
    for (const i of (await get('xian', '/api/indicators')).json().items as Indicator[]) {
      expect((await as({ method: 'DELETE', url: `/api/indicators/${i.id}` })).statusCode).toBe(200);
    }
    for (const body of TEST_INDICATORS) expect((await as({ method: 'POST', url: '/api/indicators', payload: body })).statusCode).toBe(201);
    const a = (await get('xian', '/api/assessment?org=QH&period=2023Q4')).json() as Assessment;
    expect(a.vetoMode).toBe('flag');
    expect(a.indicators.map((i) => i.effectiveTarget)).toEqual([0.9, 1, 0, 4]);
    const dh = a.towns.find((x) => x.org.code === 'QH-DH')!;
    const np = a.towns.find((x) => x.org.code === 'QH-NP')!;
    const cells = (s: typeof dh) => a.indicators.map((i) => [s.cells[i.id].value, s.cells[i.id].met, s.cells[i.id].score]);
    expect(cells(dh)).toEqual([
      [0.5, false, 5.56],
      [0.5, false, 0],
      [1, false, 0],
      [2, false, 2.5],
    ]);
    expect(cells(np)).toEqual([
      [1, true, 10],
      [1, true, 10],
      [0, true, 5],
      [0, false, 0],
    ]);
    expect(dh).toMatchObject({ total: 8.06, max: 30, vetoed: true, rank: 2 });
    expect(dh.vetoes).toEqual([a.indicators[2].id]);
    expect(dh.lines).toEqual({ discipline: { score: 8.06, max: 15 }, legal: { score: 0, max: 15 } });
    expect(np).toMatchObject({ total: 25, vetoed: false, rank: 1 });
    // No records of 南坪镇 in the first half: its close rate is null, not applicable, full weight.
    const q2 = (await get('xian', '/api/assessment?org=QH&period=2023Q2')).json() as Assessment;
    expect(q2.towns.map((x) => [x.org.code, x.total, x.rank])).toEqual([
      ['QH-DH', 23.06, 2],
      ['QH-NP', 25, 1],
    ]);
    expect(q2.towns[1].cells[q2.indicators[1].id]).toEqual({ value: null, met: null, score: 10 });
  });

  it("zero mode sets a vetoed town to 0; the setting is the reviewer's", async () => {
    expect((await (await t.as('shuji'))({ method: 'PUT', url: '/api/indicators/settings', payload: { vetoMode: 'zero' } })).statusCode).toBe(403);
    expect((await (await t.as('xian'))({ method: 'PUT', url: '/api/indicators/settings', payload: { vetoMode: 'zero' } })).statusCode).toBe(200);
    const a = (await get('xian', '/api/assessment?org=QH&period=2023Q4')).json() as Assessment;
    expect(a.towns.map((x) => [x.org.code, x.total, x.rank, x.vetoed])).toEqual([
      ['QH-DH', 0, 2, true],
      ['QH-NP', 25, 1, false],
    ]);
    await (
      await t.as('xian')
    )({ method: 'PUT', url: '/api/indicators/settings', payload: { vetoMode: 'flag' } });
  });

  it('scopes the assessment: a town sees itself unranked, others see nothing', async () => {
    const own = (await get('shuji', '/api/assessment?period=2023Q4')).json() as Assessment;
    expect(own.towns.map((x) => [x.org.code, x.total, x.rank])).toEqual([['QH-DH', 8.06, null]]);
    expect((await get('shuji', '/api/assessment?org=QH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('shuji', '/api/assessment?org=QH-NP&period=2023Q4')).statusCode).toBe(403);
    expect((await get('cun01', '/api/assessment?period=2023Q4')).statusCode).toBe(403);
    expect((await get('baisha', '/api/assessment?org=QH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('baisha', '/api/assessment?org=QH-DH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('admin', '/api/assessment?org=QH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('xian', '/api/assessment?org=QH&period=2023Q5')).statusCode).toBe(400);
  });

  it('every indicator change is in the audit log', async () => {
    const rows = await t.db.kysely.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'in', ['indicator', 'assessmentSettings']).execute();
    const n = (a: string) => rows.filter((r) => r.action === a).length;
    expect(n('delete')).toBe(DEFAULT_INDICATORS.length);
    expect(n('create')).toBe(TEST_INDICATORS.length);
    expect(rows.filter((r) => r.entity === 'assessmentSettings')).toHaveLength(2);
  });

  it('town dashboard for a town user: villages, quarter on quarter, overdue, lines', async () => {
    const res = await get('shuji', '/api/dashboard/town?period=2023Q4');
    expect(res.statusCode).toBe(200);
    const d = res.json() as TownDashboard;
    expect(d).toMatchObject({ org: { code: 'QH-DH' }, period: '2023Q4', previous: '2023Q3' });
    const v1 = d.rows.find((r) => r.code === 'QH-DH-V01')!;
    const v2 = d.rows.find((r) => r.code === 'QH-DH-V02')!;
    expect(v1).toMatchObject({
      rectification: { done: 1, total: 1 },
      petition: { done: 1, total: 1 },
      dispute: { done: 1, total: 1 },
      overdue: { rectification: 0, petition: 0 },
    });
    expect(v2).toMatchObject({ rectification: { done: 0, total: 1 }, petition: { done: 0, total: 1 }, overdue: { rectification: 1, petition: 1 } });
    expect(d.rows).toHaveLength(8); // every village, no 镇本级 row without records
    const sup = d.compare.find((c) => c.id === 'discipline.supervision.count')!;
    expect([sup.current, sup.previous]).toEqual([1, 0]);
    expect(d.lines?.map((l) => [l.line, l.score, l.max])).toEqual([
      ['discipline', 8.06, 15],
      ['legal', 0, 15],
    ]);
    expect(d.assessment).toEqual({ total: 8.06, max: 30, vetoed: true });
    const line = await get('jiwei', '/api/dashboard/town?period=2023Q2');
    expect(line.statusCode).toBe(200);
    expect((line.json() as TownDashboard).compare.find((c) => c.id === 'discipline.supervision.count')).toMatchObject({ current: 1, previous: 0 });
  });

  it('a village user sees their village only', async () => {
    const own = await get('cun01', '/api/dashboard/town?period=2023Q4');
    expect(own.statusCode).toBe(200);
    const d = own.json() as TownDashboard;
    expect(d.org.code).toBe('QH-DH-V01');
    expect(d.rows.map((r) => r.code)).toEqual(['QH-DH-V01']);
    expect(d.lines).toBeNull();
    expect((await get('cun01', '/api/dashboard/town?org=QH-DH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('cun01', '/api/dashboard/town?org=QH-DH-V02&period=2023Q4')).statusCode).toBe(403);
    expect((await get('cun01', '/api/dashboard/county?org=QH&period=2023Q4')).statusCode).toBe(403);
  });

  it('county dashboard for the reviewer only', async () => {
    const res = await get('xian', '/api/dashboard/county?period=2023Q4');
    expect(res.statusCode).toBe(200);
    const d = res.json() as CountyDashboard;
    const dh = d.towns.find((x) => x.code === 'QH-DH')!;
    expect(dh).toMatchObject({
      rectification: { done: 1, total: 2 },
      petition: { done: 1, total: 2 },
      overdue: { rectification: 1, petition: 1 },
      total: 8.06,
      rank: 2,
      vetoed: true,
    });
    expect(dh.compare['legal.petition.transferred']).toEqual([1, 0]);
    expect(d.compare.find((c) => c.id === 'legal.petition.transferred')).toMatchObject({ current: 1, previous: 1 });
    expect((await get('shuji', '/api/dashboard/county?org=QH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('shuji', '/api/dashboard/county?period=2023Q4')).statusCode).toBe(403);
    expect((await get('baisha', '/api/dashboard/county?org=QH&period=2023Q4')).statusCode).toBe(403);
    expect((await get('xian', '/api/dashboard/town?org=QH-DH&period=2023Q4')).statusCode).toBe(200);
  });

  it('offers the quarters that have data, the latest by default', async () => {
    const p = (await get('shuji', '/api/dashboard/periods')).json();
    expect(p.latest).toBe('2023Q4');
    expect(p.periods).toContain('2023Q1');
    expect(p.periods).toContain('2023Q4');
    expect(p.periods[p.periods.length - 1]).toBe('2023Q1');
  });
});
