/**
 * The reviewers' alert center (docs/alerts.md, "各县、各镇汇总"): a second county in the city and
 * a county of another city; the city reviewer's list pages through exactly its subtree's alerts,
 * the summary's rows equal the list filtered to each county or town under the same filters
 * (severity, status, rule), overdue counts what the list shows past its deadline, and a forged
 * org filter for the other city is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { createOrg, getOrgByCode } from '../../src/org/service.ts';
import { today } from '../../src/shared/today.ts';
import type { AlertItem, AlertSummary } from '../../src/alerts/query.ts';

const TOWNS = ['QH-DH', 'QH-DH-V01', 'QH-NP', 'LH-T1', 'LH-T2', 'BJ-T1'];
const RULES = ['rectification.overdue', 'petition.overdue', 'dispute.overdue'];

describe(`${dialectName}: the reviewers' alert center`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      seed: async (db) => {
        const a = SYSTEM_ACTOR;
        await createOrg(db.kysely, a, { code: 'LH', name: '柳河县', kind: 'county', parentCode: 'JBSHI' });
        await createOrg(db.kysely, a, { code: 'LH-T1', name: '柳河镇', kind: 'town', parentCode: 'LH' });
        await createOrg(db.kysely, a, { code: 'LH-T2', name: '石门镇', kind: 'town', parentCode: 'LH' });
        await createOrg(db.kysely, a, { code: 'BJSHI', name: '北江市', kind: 'city', parentCode: 'JBSHENG' });
        await createOrg(db.kysely, a, { code: 'BJ', name: '北江县', kind: 'county', parentCode: 'BJSHI' });
        await createOrg(db.kysely, a, { code: 'BJ-T1', name: '北江镇', kind: 'town', parentCode: 'BJ' });
        const now = new Date().toISOString();
        let n = 0;
        for (const code of TOWNS) {
          const o = (await getOrgByCode(db.kysely, code))!;
          // 7–12 alerts per org, every severity and status, deadlines on both sides of today.
          const count = 7 + (n % 6);
          for (let i = 0; i < count; i++, n++)
            await db.kysely
              .insertInto('alerts')
              .values({
                town_id: o.townId!,
                org_id: o.id,
                rule: RULES[n % RULES.length],
                record_id: null,
                key: `region-test:${n}`,
                severity: ['error', 'warning', 'info'][n % 3],
                message: `区域测试预警 ${code} ${i}`,
                due_on: i % 4 === 0 ? null : i % 2 ? '2020-01-15' : '2999-01-15',
                status: ['open', 'open', 'acknowledged', 'resolved'][n % 4],
                first_seen: now,
                last_seen: now,
              })
              .execute();
        }
      },
    });
  }, 120_000);
  afterAll(() => t?.close());

  /** Every page of the list, checked for size and overlap. */
  async function allPages(user: string, query: string, pageSize = 7): Promise<AlertItem[]> {
    const call = await t.as(user);
    const items: AlertItem[] = [];
    for (let page = 1; ; page++) {
      const r = (await call({ url: `/api/alerts?${query}&page=${page}&pageSize=${pageSize}` })).json();
      expect(r.items.length).toBeLessThanOrEqual(pageSize);
      items.push(...r.items);
      if (page * pageSize >= r.total) {
        expect(items.length).toBe(r.total);
        break;
      }
      expect(r.items.length).toBe(pageSize);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    return items;
  }

  it('pages through exactly the city’s alerts; never another city’s, even asked by org', async () => {
    const items = await allPages('shi', 'status=all');
    const orgs = new Set(items.map((i) => i.org));
    expect([...orgs].sort()).toEqual(TOWNS.filter((c) => c !== 'BJ-T1').sort());
    const inDb = await t.db.kysely.selectFrom('alerts as a').innerJoin('orgs as o', 'o.id', 'a.org_id').select('a.id').where('o.code', '!=', 'BJ-T1').execute();
    expect(items.map((i) => i.id!).sort((a, b) => a - b)).toEqual(inDb.map((r) => r.id).sort((a, b) => a - b));
    // Ordered red → yellow → blue across pages.
    const rank = { error: 0, warning: 1, info: 2 } as const;
    for (let i = 1; i < items.length; i++) expect(rank[items[i].severity]).toBeGreaterThanOrEqual(rank[items[i - 1].severity]);
    const shi = await t.as('shi');
    for (const org of ['BJ', 'BJ-T1', 'BJSHI', 'JBSHENG'])
      for (const path of ['/api/alerts', '/api/alerts/summary', '/api/alerts/export'])
        expect((await shi({ url: `${path}?org=${org}` })).statusCode, `${path} ${org}`).toBe(403);
    // The province reviewer sees the other city too.
    expect(new Set((await allPages('sheng', 'status=all', 50)).map((i) => i.org)).has('BJ-T1')).toBe(true);
  });

  for (const filter of ['status=all', 'status=active', 'status=open&severity=error,warning', `status=all&rule=${RULES[1]}`, 'status=resolved&severity=info']) {
    it(`summary rows equal the list, per county and per town (${filter})`, async () => {
      const shi = await t.as('shi');
      const city = (await shi({ url: `/api/alerts/summary?${filter}` })).json() as AlertSummary;
      expect(city.level).toBe('county');
      expect(city.rows.map((r) => r.org)).toEqual(['LH', 'QH']);
      const list = await allPages('shi', filter, 500);
      expect(city.total.total).toBe(list.length);
      for (const row of city.rows) {
        const items = await allPages('shi', `${filter}&org=${row.org}`, 5);
        const sev = (s: string) => items.filter((i) => i.severity === s).length;
        const st = (s: string) => items.filter((i) => i.status === s).length;
        const overdue = items.filter((i) => i.status !== 'resolved' && i.dueOn != null && i.dueOn < today()).length;
        expect(row, `${row.org} ${filter}`).toMatchObject({
          total: items.length,
          error: sev('error'),
          warning: sev('warning'),
          info: sev('info'),
          open: st('open'),
          acknowledged: st('acknowledged'),
          resolved: st('resolved'),
          overdue,
        });
        // The county's towns, as the page shows them after a click.
        const county = (await shi({ url: `/api/alerts/summary?${filter}&org=${row.org}` })).json() as AlertSummary;
        expect(county.level).toBe('town');
        expect(county.total.total).toBe(row.total);
        for (const town of county.rows)
          expect((await shi({ url: `/api/alerts?${filter}&org=${town.org}&pageSize=1` })).json().total, town.org).toBe(town.total);
      }
    });
  }
});
