import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';

type Inject = (o: InjectOptions) => Promise<LightMyRequestResponse>;

let t: TestApp;
let as: Record<string, Inject>;

async function supervision(date: string): Promise<number> {
  const res = await as.jiwei({
    method: 'POST',
    url: '/api/ledgers/supervision/records',
    payload: { org: 'QH-DH', fields: { title: `专项监督 ${date}`, area: '安全生产', occurredOn: date } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const txt = async (who: Inject, id: number, version?: number) => {
  const res = await who({ method: 'GET', url: `/api/reports/${id}/render?format=txt${version ? `&version=${version}` : ''}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await createTestApp();
  as = {};
  for (const u of ['shuji', 'jiwei', 'zuzhi', 'xuanchuan', 'xian', 'cun01']) as[u] = await t.as(u);
});
afterAll(async () => t?.close());

describe(`${dialectName}: drafting, submission and review`, () => {
  let id: number;

  it('opens one draft per town and quarter, for town roles only', async () => {
    const res = await as.shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2023Q4' } });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect((await as.zuzhi({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2023Q4' } })).json().id).toBe(id);
    expect((await as.xian({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2023Q4' } })).statusCode).toBe(403);
    expect((await as.cun01({ method: 'GET', url: `/api/reports/${id}` })).statusCode).toBe(403);
    expect((await as.shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH-V01', period: '2023Q4' } })).statusCode).toBe(400);
    expect((await as.shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-NP', period: '2023Q4' } })).statusCode).toBe(404);
  });

  it('computes the draft live from the ledgers', async () => {
    await supervision('2023-05-01');
    await supervision('2023-11-01');
    await supervision('2024-01-05');
    const text = await txt(as.shuji, id);
    expect(text.split('\n')[0]).toBe('2023年东湖镇四季度落实全面从严治党攻坚战情况报告');
    expect(text).toContain('开展专项监督2次');
    const d = (await as.shuji({ method: 'GET', url: `/api/reports/${id}` })).json();
    expect(d).toMatchObject({ status: 'draft', statusLabel: '草稿', view: { frozen: false }, can: { edit: true, submit: true, review: false } });
    expect(d.html).toContain('data-metric="discipline.supervision.count" data-value="2"');
    expect(d.narrative.find((f: { key: string }) => f.key === 'problems').default).toContain('找准补齐党建短板招法不多');
  });

  it('lets the secretary edit all narrative and a line role only its own', async () => {
    const patch = (who: Inject, narrative: Record<string, string | null>) => who({ method: 'PATCH', url: `/api/reports/${id}`, payload: { narrative } });
    expect((await patch(as.xuanchuan, { studyTheme: '学思想、强党性' })).statusCode).toBe(200);
    expect((await patch(as.xuanchuan, { problems: '越权' })).statusCode).toBe(403);
    expect((await patch(as.jiwei, { legalMajorEvents: '越权' })).statusCode).toBe(403);
    expect((await patch(as.shuji, { nothing: 'x' })).statusCode).toBe(400);
    const ok = await patch(as.shuji, { problems: '一是问题甲。\n\n问题乙<script>。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().html).toContain('问题乙&lt;script&gt;。');
    const text = await txt(as.shuji, id);
    expect(text).toContain('三、存在问题\n一是问题甲。\n二是问题乙<script>。\n四、下一步工作计划');
    expect(text).toContain('结合“学思想、强党性”主题学习');
  });

  it('runs the checker on the generated text', async () => {
    const res = await as.zuzhi({ method: 'GET', url: `/api/reports/${id}/check` });
    expect(res.statusCode, res.body).toBe(200);
    expect(Array.isArray(res.json().findings)).toBe(true);
    expect(res.json().text).toContain('开展专项监督2次');
  });

  it('hides drafts from the county and lets only the secretary submit', async () => {
    expect((await as.xian({ method: 'GET', url: `/api/reports/${id}` })).statusCode).toBe(404);
    expect((await as.xian({ method: 'GET', url: '/api/reports?period=2023Q4' })).json()).toEqual([]);
    expect((await as.zuzhi({ method: 'POST', url: `/api/reports/${id}/submit` })).statusCode).toBe(403);
    const res = await as.shuji({ method: 'POST', url: `/api/reports/${id}/submit` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ version: 1 });
    expect((await as.shuji({ method: 'POST', url: `/api/reports/${id}/submit` })).statusCode).toBe(409);
    expect((await as.shuji({ method: 'PATCH', url: `/api/reports/${id}`, payload: { narrative: { problems: 'x' } } })).statusCode).toBe(409);
  });

  it('keeps the submitted report unchanged when the ledgers change', async () => {
    const first = await supervision('2023-06-01');
    await supervision('2023-07-01');
    const del = await as.jiwei({ method: 'DELETE', url: `/api/records/${first}`, payload: { reason: '重复登记' } });
    expect(del.statusCode, del.body).toBe(200);
    const live = (await as.shuji({ method: 'GET', url: '/api/metrics?org=QH-DH&period=2023Q4' })).json();
    expect(live.metrics['discipline.supervision.count']).toBe(3);
    expect(await txt(as.shuji, id)).toContain('开展专项监督2次');
    const d = (await as.xian({ method: 'GET', url: `/api/reports/${id}` })).json();
    expect(d).toMatchObject({ status: 'submitted', view: { frozen: true, version: 1 }, can: { review: true, submit: false, edit: false } });
    expect(d.html).toContain('data-value="2"');
    const docx = await as.xian({ method: 'GET', url: `/api/reports/${id}/versions/1/docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('开展专项监督2次');
    const recs = (await as.xian({ method: 'GET', url: `/api/reports/${id}/versions/1/records?metric=discipline.supervision.count` })).json();
    expect(recs).toMatchObject({ value: 2, total: 2 });
  });

  it('lets the county return the report with a comment, and the town resubmit', async () => {
    expect((await as.xian({ method: 'GET', url: '/api/reports?period=2023Q4' })).json()).toMatchObject([{ id, status: 'submitted', version: 1 }]);
    const review = (who: Inject, v: number, decision: string, comment = '') =>
      who({ method: 'POST', url: `/api/reports/${id}/versions/${v}/review`, payload: { decision, comment } });
    expect((await review(as.shuji, 1, 'accept')).statusCode).toBe(403);
    expect((await review(as.xian, 1, 'return')).statusCode).toBe(400);
    expect((await review(as.xian, 1, 'return', '请补充专项监督情况')).statusCode).toBe(200);
    const d = (await as.shuji({ method: 'GET', url: `/api/reports/${id}` })).json();
    expect(d).toMatchObject({ status: 'returned', statusLabel: '已退回', view: { frozen: false }, can: { edit: true, submit: true } });
    expect(d.versions[0]).toMatchObject({
      version: 1,
      reviewStatus: 'returned',
      reviewComment: '请补充专项监督情况',
      reviewedBy: '周审核',
      submittedBy: '王建国',
    });
    const county = (await as.xian({ method: 'GET', url: `/api/reports/${id}` })).json();
    expect(county).toMatchObject({ status: 'returned', view: { frozen: true, version: 1 }, can: { review: false } });
    expect(await txt(as.shuji, id)).toContain('开展专项监督3次');
    expect((await as.shuji({ method: 'POST', url: `/api/reports/${id}/submit` })).json()).toEqual({ version: 2 });
    expect((await review(as.xian, 1, 'accept')).statusCode).toBe(409);
    expect((await review(as.xian, 2, 'accept')).statusCode).toBe(200);
    expect((await review(as.xian, 2, 'return', '再看看')).statusCode).toBe(409);
    expect(await txt(as.xian, id, 1)).toContain('开展专项监督2次');
    expect(await txt(as.xian, id, 2)).toContain('开展专项监督3次');
    const final = (await as.shuji({ method: 'GET', url: `/api/reports/${id}` })).json();
    expect(final).toMatchObject({ status: 'accepted', statusLabel: '已通过', view: { frozen: true, version: 2 } });
    expect(final.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('audits every step', async () => {
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity', '=', 'report')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(rows.map((r) => `${r.actor}:${r.action}`)).toEqual([
      'shuji:create',
      'xuanchuan:update',
      'shuji:update',
      'shuji:submit',
      'xian:return',
      'shuji:submit',
      'xian:accept',
    ]);
  });

  it('shows last quarter’s frozen numbers beside this quarter’s', async () => {
    const q1 = (await as.shuji({ method: 'POST', url: '/api/reports', payload: { org: 'QH-DH', period: '2024Q1' } })).json().id;
    const d = (await as.shuji({ method: 'GET', url: `/api/reports/${q1}` })).json();
    expect(d.previous).toMatchObject({ period: '2023Q4', version: 2 });
    expect(d.previous.facts['discipline.supervision.count']).toEqual({ value: 3, text: '3' });
    expect(d.facts.find((f: { metric: string }) => f.metric === 'discipline.supervision.count')).toMatchObject({ value: 1, text: '1' });
  });
});
