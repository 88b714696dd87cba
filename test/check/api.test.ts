import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

describe(`${dialectName}: the checker over HTTP`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('checks pasted text and finds the seed report defects by line', async () => {
    const seed = fs.readFileSync('test/fixtures/seed-2023q4.txt', 'utf8');
    const call = await t.as('shuji');
    const res = await call({ method: 'POST', url: '/api/check', payload: { text: seed } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const lines = new Set((body.findings as { line: number }[]).map((f) => f.line));
    for (const l of [1, 6, 9, 12, 13, 20, 22, 23, 26, 35]) expect(lines.has(l), `line ${l}`).toBe(true);
    expect(body.errors).toBeGreaterThan(0);
  });

  it('uses the org profile as the subject and refuses orgs outside the scope', async () => {
    const call = await t.as('shuji');
    const ok = await call({
      method: 'POST',
      url: '/api/check',
      payload: { text: '2023年东湖镇四季度工作情况报告\n一、总体情况\n东湖镇开展工作。', org: 'QH-DH', period: '2023Q4' },
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json().findings as { rule: string }[]).some((f) => f.rule === 'foreign-place')).toBe(false);
    expect((await call({ method: 'POST', url: '/api/check', payload: { text: 'x', org: 'QH-NP' } })).statusCode).toBe(403);
    const admin = await t.as('admin');
    expect((await admin({ method: 'POST', url: '/api/check', payload: { text: 'x' } })).statusCode).toBe(403);
  });
});

describe(`${dialectName}: fixes and a county's own formulations over HTTP`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('returns a mechanical fix with a finding', async () => {
    const call = await t.as('shuji');
    const res = await call({
      method: 'POST',
      url: '/api/check',
      payload: { text: '2023年东湖镇四季度工作情况报告\n镇党委认真落实主任责任，，组织16 个支部开展学习。', org: 'QH-DH' },
    });
    const fixes = (res.json().findings as Array<{ rule: string; fix?: { index: number; length: number; text: string } }>)
      .filter((f) => f.fix)
      .map((f) => [f.rule, f.fix]);
    expect(fixes).toEqual([
      ['formulation', { index: 5, length: 6, text: '落实主体责任' }],
      ['punctuation', { index: 11, length: 2, text: '，' }],
      ['number-usage', { index: 17, length: 1, text: '' }],
    ]);
  });

  it('lets the county reviewer add formulations (audited) that the check then uses; a town user may not', async () => {
    const xian = await t.as('xian');
    const shuji = await t.as('shuji');
    const text = '2023年东湖镇四季度工作情况报告\n深入推进“五联五闯”工作，持续推进党建引领、产业发展、基层治理。';
    const before = await shuji({ method: 'POST', url: '/api/check', payload: { text } });
    expect((before.json().findings as { rule: string }[]).filter((f) => f.rule === 'formulation')).toEqual([]);
    const body = { entries: [{ text: '五联五创', wrong: ['五联五闯'] }], lists: [{ name: '三大任务', items: ['党建引领', '基层治理', '产业发展'] }] };
    expect((await shuji({ method: 'PUT', url: '/api/check/formulations', payload: body })).statusCode).toBe(403);
    const bad = await xian({ method: 'PUT', url: '/api/check/formulations', payload: { entries: [{ text: '五' }], lists: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('表述至少两个字');
    expect((await xian({ method: 'PUT', url: '/api/check/formulations', payload: body })).statusCode).toBe(200);
    const got = (await shuji({ method: 'GET', url: '/api/check/formulations' })).json();
    expect(got).toMatchObject({ county: { name: '清河县' }, entries: body.entries, lists: body.lists, editable: false });
    expect(got.builtIn.entries.length).toBeGreaterThan(40);
    const after = await shuji({ method: 'POST', url: '/api/check', payload: { text } });
    expect((after.json().findings as { rule: string; message: string }[]).filter((f) => f.rule === 'formulation').map((f) => f.message)).toEqual([
      expect.stringContaining('“五联五闯”应为“五联五创”'),
      expect.stringContaining('党建引领、基层治理、产业发展'),
    ]);
    const log = await t.db.kysely.selectFrom('audit_log').select(['entity_id', 'after']).where('entity_id', 'like', 'checkFormulations:%').execute();
    expect(log).toHaveLength(1);
    expect(log[0].after).toContain('五联五创');
  });
});
