/**
 * The quarterly reports' authorization matrix over HTTP (docs/security.md, "Authorization"):
 * every demo account × every report verb — the list, opening one, rendering it (.docx, text),
 * the checker, a version's .docx, the records behind a figure; opening a draft, editing the
 * narrative, submitting, reviewing — on a submitted report of 东湖镇 (inside the demo county,
 * city and province), a draft of 南坪镇, and forged requests for submitted reports outside:
 * a town of another city in the same province (the province reviewer's, not the city
 * reviewer's) and a town of another province (nobody's here). The read verbs are granted
 * exactly as src/access/reports.ts says; the city and province reviewers get no write verb.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOtherRegions } from '../helpers/regions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DEMO_ACCOUNTS } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { systemFor } from '../../src/access/records.ts';
import { openReport, submitReport } from '../../src/report/service.ts';
import type { Db } from '../../src/db/kysely.ts';

const PERIOD = '2023Q4';
const ok = (s: number) => s >= 200 && s < 300;
const refused = (s: number) => s === 403 || s === 404;

/** Who may read 东湖镇's submitted report: its town's report roles and the reviewers of its county, city and province. */
const READERS = new Set(['shuji', 'jiwei', 'zuzhi', 'xuanchuan', 'zhengfa', 'xian', 'shi', 'sheng']);
/** Who may read the report of 北江镇 (another city of 江北省). */
const SIBLING_READERS = new Set(['sheng']);

async function submitted(db: Db, town: string): Promise<number> {
  const sys = systemFor((await getOrgByCode(db.kysely, town))!);
  const id = await openReport(db.kysely, sys, town, PERIOD);
  await submitReport(db.kysely, sys, id, '2024-01-05');
  return id;
}

describe(`${dialectName}: report authorization matrix over HTTP`, () => {
  let t: TestApp;
  const ids = { inside: 0, draft: 0, sibling: 0, foreign: 0 };
  let metric = '';

  beforeAll(async () => {
    t = await createTestApp({
      seed: async (db) => {
        await seedOtherRegions(db);
        ids.inside = await submitted(db, 'QH-DH');
        ids.sibling = await submitted(db, 'BJ-T1');
        ids.foreign = await submitted(db, 'NX-T1');
        ids.draft = await openReport(db.kysely, systemFor((await getOrgByCode(db.kysely, 'QH-NP'))!), 'QH-NP', PERIOD);
      },
    });
    const d = (await (await t.as('shuji'))({ url: `/api/reports/${ids.inside}` })).json();
    metric = d.facts.find((f: { records: number }) => f.records >= 0).metric;
  }, 120_000);
  afterAll(() => t?.close());

  /** The read verbs on one report, as URLs. */
  const reads = (id: number) => [
    `/api/reports/${id}`,
    `/api/reports/${id}/render?format=docx`,
    `/api/reports/${id}/render?format=txt`,
    `/api/reports/${id}/check`,
    `/api/reports/${id}/versions/1/docx`,
    `/api/reports/${id}/versions/1/records?metric=${metric}`,
  ];

  for (const acct of DEMO_ACCOUNTS) {
    it(`${acct.username} (${acct.roles.join(',')})`, async () => {
      const call = await t.as(acct.username);
      const reader = READERS.has(acct.username);
      const list = await call({ url: `/api/reports?period=${PERIOD}` });
      if (reader) {
        expect(list.statusCode, list.body).toBe(200);
        const got = (list.json() as { id: number }[]).map((r) => r.id);
        expect(got, `${acct.username} list`).toContain(ids.inside);
        expect(got.includes(ids.sibling), `${acct.username} list sibling city`).toBe(SIBLING_READERS.has(acct.username));
        expect(got, `${acct.username} list other province`).not.toContain(ids.foreign);
        // Drafts are the town's own: the reviewers of every level never list them.
        expect(got.includes(ids.draft), `${acct.username} list draft`).toBe(false);
      } else expect(list.statusCode, `${acct.username} list`).toBe(403);

      for (const url of reads(ids.inside)) {
        const res = await call({ url });
        expect(ok(res.statusCode), `${acct.username} ${url} (${res.statusCode} ${res.body.slice(0, 100)})`).toBe(reader);
        if (!reader) expect(refused(res.statusCode), `${acct.username} ${url}`).toBe(true);
      }
      // Forged requests: reports outside the account's subtree, and a draft.
      for (const [what, id, allowed] of [
        ['sibling city', ids.sibling, SIBLING_READERS.has(acct.username)],
        ['other province', ids.foreign, false],
        ['draft of another town', ids.draft, false],
      ] as const) {
        for (const url of reads(id)) {
          const res = await call({ url });
          if (what === 'draft of another town' && url.includes('/versions/1')) {
            expect(ok(res.statusCode), `${acct.username} ${what} ${url}`).toBe(false);
            continue;
          }
          expect(ok(res.statusCode), `${acct.username} ${what} ${url} (${res.statusCode})`).toBe(allowed);
          if (!allowed) expect(refused(res.statusCode), `${acct.username} ${what} ${url} (${res.statusCode})`).toBe(true);
        }
      }
      const outsideList = await call({ url: `/api/reports?org=NX&period=${PERIOD}` });
      expect(outsideList.statusCode, `${acct.username} list of another province's county`).toBe(403);

      // Write verbs. None for the reviewers above the county; the town's roles meet a submitted report (409).
      const writes = [
        { method: 'POST' as const, url: '/api/reports', payload: { org: 'QH-DH', period: '2024Q1' } },
        { method: 'PATCH' as const, url: `/api/reports/${ids.inside}`, payload: { narrative: { problems: '越权修改' } } },
        { method: 'POST' as const, url: `/api/reports/${ids.inside}/submit` },
        { method: 'POST' as const, url: `/api/reports/${ids.sibling}/versions/1/review`, payload: { decision: 'return', comment: '越权退回' } },
        { method: 'POST' as const, url: `/api/reports/${ids.foreign}/versions/1/review`, payload: { decision: 'accept', comment: '' } },
      ];
      for (const w of writes) {
        const res = await call(w);
        const opens = w.method === 'POST' && w.url === '/api/reports';
        const townWriter = ['shuji', 'jiwei', 'zuzhi', 'xuanchuan', 'zhengfa'].includes(acct.username);
        if (opens && townWriter) expect(res.statusCode, `${acct.username} open draft`).toBe(201);
        else expect(ok(res.statusCode), `${acct.username} ${w.method} ${w.url} (${res.statusCode})`).toBe(false);
        if (acct.roles.includes('cityReviewer') || acct.roles.includes('provinceReviewer'))
          expect(refused(res.statusCode), `${acct.username} ${w.method} ${w.url} (${res.statusCode})`).toBe(true);
      }
    }, 120_000);
  }

  it('lets only the county reviewer review; the city and province reviewers read the result', async () => {
    const review = async (who: string, decision: string, comment = '') =>
      (await t.as(who))({ method: 'POST', url: `/api/reports/${ids.inside}/versions/1/review`, payload: { decision, comment } });
    for (const who of ['shi', 'sheng']) {
      expect((await review(who, 'accept')).statusCode, who).toBe(403);
      expect((await review(who, 'return', '市里退回')).statusCode, who).toBe(403);
      const d = (await (await t.as(who))({ url: `/api/reports/${ids.inside}` })).json();
      expect(d, who).toMatchObject({ status: 'submitted', view: { frozen: true, version: 1 }, can: { edit: false, submit: false, review: false } });
      expect(
        d.narrative.every((f: { editable: boolean }) => !f.editable),
        who,
      ).toBe(true);
    }
    expect((await (await t.as('xian'))({ url: `/api/reports/${ids.inside}` })).json().can.review).toBe(true);
    expect((await review('xian', 'return', '请补充')).statusCode).toBe(200);
    for (const who of ['shi', 'sheng']) {
      const d = (await (await t.as(who))({ url: `/api/reports/${ids.inside}` })).json();
      expect(d, who).toMatchObject({ status: 'returned', view: { frozen: true, version: 1 } });
      expect(d.versions[0], who).toMatchObject({ reviewStatus: 'returned', reviewComment: '请补充', reviewedBy: '周审核' });
    }
    // The city's list filtered by county and by town, as its page asks.
    const shi = await t.as('shi');
    expect((await shi({ url: `/api/reports?org=QH&period=${PERIOD}` })).json().map((r: { id: number }) => r.id)).toEqual([ids.inside]);
    expect((await shi({ url: `/api/reports?org=QH-NP&period=${PERIOD}` })).json()).toEqual([]);
    expect((await shi({ url: `/api/reports?org=BJ&period=${PERIOD}` })).statusCode).toBe(403);
    const sheng = await t.as('sheng');
    expect((await sheng({ url: `/api/reports?org=BJ&period=${PERIOD}` })).json().map((r: { id: number }) => r.id)).toEqual([ids.sibling]);
  });
});
