/**
 * The number reader and template learning over HTTP, on the demo county's ledgers: proposals
 * carry the ledgers' values, a learned template saves and generates a report with fresh numbers,
 * the 报告核查 API compares a report's numbers with the ledgers, and access follows the org tree.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemoRecords } from '../../src/demo/records.ts';
import { demoTowns } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { generateReport } from '../../src/report/template/generate.ts';
import { renderText } from '../../src/report/render/text.ts';
import { handLabeled } from './labeled.ts';

let t: TestApp;
const PERIOD = '2023Q4';
let metrics: Record<string, number | null>;
const seed = fs.readFileSync('test/fixtures/seed-2023q4.txt', 'utf8');

beforeAll(async () => {
  t = await createTestApp({ seed: (db) => seedDemoRecords(db, demoTowns(1), 1, { year: 2023, today: '2024-01-10' }).then(() => undefined) });
  const shuji = await t.as('shuji');
  metrics = (await shuji({ method: 'GET', url: `/api/metrics?org=QH-DH&period=${PERIOD}` })).json().metrics;
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('POST /api/reader/read', () => {
  it('proposes the metric of each number with the town’s value now', async () => {
    const shuji = await t.as('shuji');
    const res = await shuji({ method: 'POST', url: '/api/reader/read', payload: { text: seed, org: 'QH-DH', period: PERIOD } });
    expect(res.statusCode).toBe(200);
    const { numbers } = res.json() as {
      numbers: Array<{ text: string; kind: string; level: string; candidates: Array<{ metric: string; value: number | null; printed: string }> }>;
    };
    const supervision = numbers.find((n) => n.text === 'XX次' && n.candidates[0]?.metric === 'discipline.supervision.count');
    expect(supervision?.level).toBe('high');
    expect(supervision?.candidates[0].value).toBe(metrics['discipline.supervision.count']);
    expect(supervision?.candidates[0].printed).toBe(`${metrics['discipline.supervision.count']}次`);
    expect(numbers.filter((n) => n.text === '2023年').every((n) => n.kind === 'nonMetric')).toBe(true);
  });

  it('refuses a village, a town outside the user’s county subtree and a village cadre', async () => {
    const shuji = await t.as('shuji');
    expect((await shuji({ method: 'POST', url: '/api/reader/read', payload: { text: seed, org: 'QH-NP', period: PERIOD } })).statusCode).toBe(403);
    const cun = await t.as('cun01');
    expect((await cun({ method: 'POST', url: '/api/reader/read', payload: { text: seed, period: PERIOD } })).statusCode).toBe(403);
    const xian = await t.as('xian');
    expect((await xian({ method: 'POST', url: '/api/reader/read', payload: { text: seed, period: PERIOD } })).json().error).toContain('请选择一个镇');
  });
});

describe('learning a template from a report in another town’s style', () => {
  const sihao = handLabeled().find((d) => d.name.startsWith('sihao'))!;

  it('binds the numbers, saves, and generates the next report with the ledgers’ numbers', async () => {
    const shuji = await t.as('shuji');
    const learned = await shuji({ method: 'POST', url: '/api/reader/learn', payload: { text: sihao.text, org: 'QH-DH', period: '2024Q2' } });
    expect(learned.statusCode).toBe(200);
    const { source, bindings, diagnostics } = learned.json() as { source: string; bindings: unknown[]; diagnostics: Array<{ severity: string }> };
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(bindings.length).toBeGreaterThanOrEqual(48);
    expect(source).toContain('开展监督检查{{discipline.supervision.count}}次');
    expect(source).toContain('{{org.partyCommittee}}关于{{year}}年{{quarterLabel}}');
    expect(source.split('\n---\n')[1]).not.toContain('四皓');

    const saved = await shuji({ method: 'POST', url: '/api/templates', payload: { name: '四皓式季度报告', body: source } });
    expect(saved.statusCode).toBe(201);
    const org = (await getOrgByCode(t.db.kysely, 'QH-DH'))!;
    const text = renderText((await generateReport(t.db.kysely, org, PERIOD, { template: { body: source, id: null, version: null } })).model);
    expect(text.split('\n')[0]).toBe('中共东湖镇委员会关于2023年四季度落实全面从严治党主体责任情况的报告');
    expect(text).toContain(`开展监督检查${metrics['discipline.supervision.count']}次`);
    expect(text).toContain(`立案${metrics['discipline.case.count']}件`);
  });

  it('keeps a number as text when the user says so, and refuses an unknown metric', async () => {
    const shuji = await t.as('shuji');
    const read = (await shuji({ method: 'POST', url: '/api/reader/read', payload: { text: sihao.text, org: 'QH-DH', period: '2024Q2' } })).json() as {
      numbers: Array<{ key: string; text: string }>;
    };
    const nine = read.numbers.find((n) => n.text === '9次')!;
    const kept = (
      await shuji({ method: 'POST', url: '/api/reader/learn', payload: { text: sihao.text, org: 'QH-DH', period: '2024Q2', choices: { [nine.key]: null } } })
    ).json();
    expect(kept.source).toContain('开展监督检查9次');
    const bad = await shuji({
      method: 'POST',
      url: '/api/reader/learn',
      payload: { text: sihao.text, org: 'QH-DH', period: '2024Q2', choices: { [nine.key]: 'discipline.nope' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('未知的指标');
  });
});

describe('POST /api/check compares the report’s numbers with the ledgers', () => {
  it('finds nothing in a generated report and exactly the changed number, at its line', async () => {
    const org = (await getOrgByCode(t.db.kysely, 'QH-DH'))!;
    const text = renderText((await generateReport(t.db.kysely, org, PERIOD)).model);
    const shuji = await t.as('shuji');
    const check = async (body: string) =>
      (
        (await shuji({ method: 'POST', url: '/api/check', payload: { text: body, org: 'QH-DH', period: PERIOD } })).json().findings as Array<{
          rule: string;
          severity: string;
          line: number;
          metric?: string;
          message: string;
        }>
      ).filter((f) => f.rule === 'ledger-number' && f.severity !== 'info');
    expect(await check(text)).toEqual([]);
    const n = metrics['discipline.clue.count']!;
    const from = `共办理问题线索${n}件`;
    const line = text.split('\n').findIndex((l) => l.includes(from)) + 1;
    const found = await check(text.replace(from, `共办理问题线索${n + 3}件`));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line, metric: 'discipline.clue.count', severity: 'error' });
    expect(found[0].message).toContain(`台账为${n}件`);
  });
});
