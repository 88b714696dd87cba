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
    const ok = await call({ method: 'POST', url: '/api/check', payload: { text: '2023年东湖镇四季度工作情况报告\n一、总体情况\n东湖镇开展工作。', org: 'QH-DH', period: '2023Q4' } });
    expect(ok.statusCode).toBe(200);
    expect((ok.json().findings as { rule: string }[]).some((f) => f.rule === 'foreign-place')).toBe(false);
    expect((await call({ method: 'POST', url: '/api/check', payload: { text: 'x', org: 'QH-NP' } })).statusCode).toBe(403);
    const admin = await t.as('admin');
    expect((await admin({ method: 'POST', url: '/api/check', payload: { text: 'x' } })).statusCode).toBe(403);
  });
});
