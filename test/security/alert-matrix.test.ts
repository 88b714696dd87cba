/**
 * The alert center's authorization matrix over HTTP (docs/security.md, "Alerts"): every demo
 * account × every alert verb — list, the forged org filter, summary, count, export, the assignee
 * list, acknowledge, assign, resolve, reopen — on stored alerts of a village of 东湖镇 (inside the
 * demo county, city and province), a discipline-only alert of 东湖镇, an alert of 南坪镇 (the
 * county's other town), and forged requests for alerts of a town in another city of the same
 * province and of a town in another province. Seeing follows the rule's ledger, the org subtree
 * and the discipline-only flag; handling needs a town or village role as well: no reviewer —
 * county, city or province — handles any alert, and a refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOtherRegions } from '../helpers/regions.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/demo/orgs.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { builtinLedgers } from '../../src/catalog/index.ts';
import { getRule } from '../../src/alerts/rules/index.ts';
import { ADMIN_ROLES, REVIEWER_ROLES, type Role } from '../../src/shared/roles.ts';
import type { Db } from '../../src/db/kysely.ts';

const ok = (s: number) => s >= 200 && s < 300;
const refused = (s: number) => s === 403 || s === 404;

interface Target {
  name: string;
  org: string;
  rule: string;
  id: number;
}

/** One stored, open alert on `org` (no record: the rule's ledger and the org decide who sees it). */
async function storeAlert(db: Db, org: string, rule: string): Promise<number> {
  const o = (await getOrgByCode(db.kysely, org))!;
  const now = new Date().toISOString();
  const row = await db.kysely
    .insertInto('alerts')
    .values({
      town_id: o.townId!,
      org_id: o.id,
      rule,
      record_id: null,
      key: `${rule}:matrix:${org}`,
      severity: 'error',
      message: `矩阵测试预警 ${org} ${rule}`,
      due_on: '2023-06-30',
      status: 'open',
      first_seen: now,
      last_seen: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe(`${dialectName}: alert authorization matrix over HTTP`, () => {
  let t: TestApp;
  const paths = new Map<string, string>();
  const targets: Target[] = [];
  const within = (code: string, root: string) => paths.get(code)!.startsWith(paths.get(root)!);
  const has = (a: DemoAccount, roles: readonly Role[]) => a.roles.some((r) => roles.includes(r));
  /** Whether the account sees the alert: a business role reading the rule's ledger, inside its subtree, discipline-only rules for 纪检 and 书记. */
  const sees = (a: DemoAccount, x: Target) => {
    const rule = getRule(x.rule)!;
    const ledger = builtinLedgers.find((l) => l.key === rule.ledger)!;
    const reads = a.roles.some((r) => ledger.access.read.includes(r));
    const discipline = !rule.disciplineOnly || has(a, ['discipline', 'secretary']);
    return !has(a, ADMIN_ROLES) && reads && discipline && within(x.org, a.org);
  };
  const handles = (a: DemoAccount) => !has(a, ADMIN_ROLES) && a.roles.some((r) => !(REVIEWER_ROLES as readonly Role[]).includes(r));

  beforeAll(async () => {
    t = await createTestApp({
      seed: async (db) => {
        await seedOtherRegions(db);
        for (const [name, org, rule] of [
          ['village of 东湖镇', 'QH-DH-V01', 'rectification.overdue'],
          ['discipline-only, 东湖镇', 'QH-DH', 'relative.undisclosedPowerMatter'],
          ['南坪镇 (same county)', 'QH-NP', 'rectification.overdue'],
          ['北江镇 (another city)', 'BJ-T1', 'rectification.overdue'],
          ['南溪镇 (another province)', 'NX-T1', 'rectification.overdue'],
        ] as const)
          targets.push({ name, org, rule, id: await storeAlert(db, org, rule) });
      },
    });
    for (const o of await t.db.kysely.selectFrom('orgs').select(['code', 'path']).execute()) paths.set(o.code, o.path);
  }, 120_000);
  afterAll(() => t?.close());

  for (const acct of DEMO_ACCOUNTS) {
    it(`${acct.username} (${acct.roles.join(',')})`, async () => {
      const call = await t.as(acct.username);
      const business = !has(acct, ADMIN_ROLES);
      const visible = targets.filter((x) => sees(acct, x));

      // Reading: the list shows exactly the alerts the account sees; summary, count and export answer.
      const list = await call({ url: '/api/alerts?status=all&pageSize=500' });
      if (business) {
        expect(list.statusCode, list.body).toBe(200);
        const got = (list.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);
        expect(got, `${acct.username} list`).toEqual(visible.map((x) => x.id).sort((a, b) => a - b));
        expect(list.json().canHandle, `${acct.username} canHandle`).toBe(handles(acct));
        const summary = await call({ url: '/api/alerts/summary?status=all' });
        expect(summary.statusCode).toBe(200);
        expect(summary.json().total.total, `${acct.username} summary total`).toBe(visible.length);
        expect((await call({ url: '/api/alerts/count' })).statusCode).toBe(200);
        const exp = await call({ url: '/api/alerts/export?format=csv&status=all' });
        expect(exp.statusCode, `${acct.username} export`).toBe(200);
        for (const x of targets) expect(exp.body.includes(`矩阵测试预警 ${x.org} ${x.rule}`), `${acct.username} export ${x.name}`).toBe(visible.includes(x));
      } else {
        for (const url of ['/api/alerts', '/api/alerts/summary', '/api/alerts/count', '/api/alerts/export?format=csv'])
          expect((await call({ url })).statusCode, `${acct.username} ${url}`).toBe(403);
      }
      // Forged org filters: another city of the province, another province.
      for (const org of ['BJ', 'BJ-T1', 'NX', 'NX-T1']) {
        const allowed = business && within(org, acct.org);
        for (const url of [`/api/alerts?org=${org}&status=all`, `/api/alerts/summary?org=${org}&status=all`, `/api/alerts/export?format=csv&org=${org}`]) {
          const res = await call({ url });
          expect(ok(res.statusCode), `${acct.username} ${url} (${res.statusCode})`).toBe(allowed);
          if (!allowed) expect(res.statusCode, `${acct.username} ${url}`).toBe(403);
        }
      }
      const assignees = await call({ url: '/api/alerts/assignees' });
      expect(ok(assignees.statusCode), `${acct.username} assignees`).toBe(handles(acct));

      // Handling: acknowledge → assign → resolve → reopen, which leaves each alert open again.
      for (const x of targets) {
        const before = await t.db.kysely.selectFrom('alerts').selectAll().where('id', '=', x.id).executeTakeFirstOrThrow();
        const allowed = handles(acct) && sees(acct, x);
        for (const [verb, payload] of [
          ['acknowledge', { note: '已知悉' }],
          ['assign', { assignee: 'shuji' }],
          ['resolve', { note: '已督促整改完成' }],
          ['reopen', {}],
        ] as const) {
          const res = await call({ method: 'POST', url: `/api/alerts/${x.id}/${verb}`, payload });
          expect(ok(res.statusCode), `${acct.username} ${verb} ${x.name} (${res.statusCode} ${res.body.slice(0, 100)})`).toBe(allowed);
          if (!allowed) {
            expect(refused(res.statusCode), `${acct.username} ${verb} ${x.name} (${res.statusCode})`).toBe(true);
            // A reviewer is refused as a role (403) whether or not it sees the alert; nothing is disclosed either way.
            if (has(acct, REVIEWER_ROLES) && !handles(acct)) expect(res.statusCode).toBe(403);
          }
        }
        const after = await t.db.kysely.selectFrom('alerts').selectAll().where('id', '=', x.id).executeTakeFirstOrThrow();
        if (allowed) expect(after).toMatchObject({ status: 'open', handled_by: acct.username, assignee: 'shuji' });
        else expect(after, `${acct.username} changed ${x.name}`).toEqual(before);
      }
    }, 120_000);
  }

  it('no reviewer and no administrator ever handled an alert (audit log)', async () => {
    const outsiders = DEMO_ACCOUNTS.filter((a) => !handles(a)).map((a) => a.username);
    const rows = await t.db.kysely.selectFrom('audit_log').select(['actor', 'action']).where('action', 'like', 'alert.%').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => outsiders.includes(r.actor ?? ''))).toEqual([]);
    // Every handler acted on each alert it sees, four verbs each.
    const expected = DEMO_ACCOUNTS.filter(handles).reduce((n, a) => n + targets.filter((x) => sees(a, x)).length * 4, 0);
    expect(rows.length).toBe(expected);
  });

  it('the summary splits a city into counties and a county into towns; a row equals the list filtered to it', async () => {
    const shi = await t.as('shi');
    const s = (await shi({ url: '/api/alerts/summary?status=all' })).json();
    expect(s).toMatchObject({ org: 'JBSHI', level: 'county' });
    expect(s.rows.map((r: { org: string }) => r.org)).toEqual(['QH']);
    const qh = (await shi({ url: '/api/alerts/summary?status=all&org=QH' })).json();
    expect(qh.level).toBe('town');
    expect(qh.rows.map((r: { org: string }) => r.org).sort()).toEqual(['QH-DH', 'QH-NP']);
    for (const r of qh.rows as { org: string; total: number }[]) {
      const l = (await shi({ url: `/api/alerts?status=all&org=${r.org}` })).json();
      expect(l.total, r.org).toBe(r.total);
    }
    const sheng = (await (await t.as('sheng'))({ url: '/api/alerts/summary?status=all' })).json();
    expect(sheng.rows.map((r: { org: string; total: number }) => [r.org, r.total])).toEqual([
      ['BJ', 1],
      ['QH', 2],
    ]);
  });
});
