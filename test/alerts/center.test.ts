import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { recomputeOrg } from '../../src/alerts/service.ts';
import { idFor } from './helpers.ts';

/** The alert center through the API: access, actions that survive recomputation, auto-resolution, count, digest, export. */
describe(`${dialectName}: alert center`, () => {
  let t: TestApp;
  const D = '2023-12-31';
  const recompute = async (date = D) => recomputeOrg(t.db.kysely, (await getOrgByCode(t.db.kysely, 'QH'))!, date);
  const get = async (user: string, url: string) => (await (await t.as(user))({ method: 'GET', url })).json();
  const post = async (user: string, url: string, payload: unknown) => (await t.as(user))({ method: 'POST', url, payload: payload as Record<string, unknown> });
  const ruleOf = (items: { rule: string }[]) => items.map((i) => i.rule).sort();

  beforeAll(async () => {
    t = await createTestApp();
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const rel = idFor('1976-04-04', '246');
    const items = [
      {
        type: 'record',
        ledger: 'rectification',
        org: 'QH-DH',
        fields: { title: '一村整改', source: 'inspection', targetOrg: 'QH-DH-V01', foundOn: '2023-05-01', dueOn: '2023-06-30', status: 'inProgress' },
      },
      {
        type: 'record',
        ledger: 'petition',
        org: 'QH-DH',
        fields: { channel: 'visit', subject: '镇里信访', receivedOn: '2023-06-01', acceptedOn: '2023-06-02', status: 'handling' },
      },
      {
        type: 'record',
        ledger: 'relative',
        org: 'QH-DH',
        fields: { cadre: '陈国强', cadrePost: '村党支部书记', name: '刘某', relation: '配偶', idNumber: rel, filedOn: '2023-03-01' },
      },
      {
        type: 'record',
        ledger: 'beneficiary',
        org: 'QH-DH-V01',
        fields: { name: '刘某', idNumber: rel, program: '低保', village: 'QH-DH-V01', approvedOn: '2023-04-01' },
      },
    ];
    const r = await importItems(
      t.db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      items.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(r.errors).toEqual([]);
    await recompute();
  });
  afterAll(() => t.close());

  it('a village user sees the village’s alerts, never discipline-only ones', async () => {
    const v = await get('cun01', '/api/alerts?pageSize=500');
    expect(v.items.length).toBeGreaterThan(0);
    expect(v.items.every((a: { org: string }) => a.org.startsWith('QH-DH-V01'))).toBe(true);
    expect(ruleOf(v.items)).toContain('rectification.overdue');
    expect(ruleOf(v.items)).not.toContain('relative.undisclosedPowerMatter');
    expect(ruleOf(v.items)).not.toContain('petition.overdue');
    const computed = await get('cun01', `/api/alerts?date=${D}&pageSize=500`);
    expect(ruleOf(computed.items)).not.toContain('relative.undisclosedPowerMatter');
    const j = await get('jiwei', '/api/alerts?rule=relative.undisclosedPowerMatter');
    expect(j.total).toBe(1);
    expect(j.items[0]).toMatchObject({ org: 'QH-DH-V01', severity: 'error', disciplineOnly: true });
    expect((await get('zuzhi', '/api/alerts?rule=relative.undisclosedPowerMatter')).total).toBe(0);
    expect((await get('shuji', '/api/alerts?rule=relative.undisclosedPowerMatter')).total).toBe(1);
    const legal = await get('zhengfa', '/api/alerts?pageSize=500');
    expect(ruleOf(legal.items)).toContain('petition.overdue');
    expect(ruleOf(legal.items)).not.toContain('rectification.overdue');
  });

  it('filters by severity, rule and org, and counts for the badge', async () => {
    const all = await get('shuji', '/api/alerts?pageSize=500');
    const errors = await get('shuji', '/api/alerts?severity=error&pageSize=500');
    expect(errors.items.every((a: { severity: string }) => a.severity === 'error')).toBe(true);
    expect(errors.total).toBeLessThan(all.total);
    expect((await get('shuji', '/api/alerts?org=QH-DH-V01&pageSize=500')).items.every((a: { org: string }) => a.org.startsWith('QH-DH-V01'))).toBe(true);
    const count = await get('cun01', '/api/alerts/count');
    expect(count.total).toBe((await get('cun01', '/api/alerts?status=open&pageSize=500')).total);
    expect((await (await t.as('cun01'))({ method: 'GET', url: '/api/alerts?org=QH-NP' })).statusCode).toBe(403);
  });

  it('acknowledge, assign and resolve (with a note) survive recomputation, and are audited', async () => {
    const [rect] = (await get('jiwei', '/api/alerts?rule=rectification.overdue')).items;
    const [coll] = (await get('jiwei', '/api/alerts?rule=relative.undisclosedPowerMatter')).items;
    expect((await post('jiwei', `/api/alerts/${rect.id}/acknowledge`, { note: '已督办' })).json()).toMatchObject({
      status: 'acknowledged',
      note: '已督办',
      handledBy: 'jiwei',
    });
    // Only to whom the assignee list offers: not a county reviewer, an administrator or a made-up name.
    for (const other of ['xian', 'admin', 'nobody']) {
      const res = await post('jiwei', `/api/alerts/${rect.id}/assign`, { assignee: other });
      expect(res.statusCode, other).toBe(400);
      expect(res.json().error).toContain('只能指派给本单位');
    }
    expect((await post('jiwei', `/api/alerts/${rect.id}/assign`, { assignee: 'cun01' })).json()).toMatchObject({ assignee: 'cun01' });
    expect((await post('jiwei', `/api/alerts/${coll.id}/resolve`, {})).statusCode).toBe(400);
    expect((await post('jiwei', `/api/alerts/${coll.id}/resolve`, { note: '已核实，系正常申报遗漏，已补报' })).json()).toMatchObject({
      status: 'resolved',
      resolvedBy: 'jiwei',
    });
    expect((await post('cun01', `/api/alerts/${coll.id}/acknowledge`, {})).statusCode).toBe(404);
    await recompute();
    const again = (await get('jiwei', `/api/alerts?rule=rectification.overdue&status=all`)).items[0];
    expect(again).toMatchObject({ id: rect.id, status: 'acknowledged', assignee: 'cun01', note: '已督办' });
    const collAgain = (await get('jiwei', '/api/alerts?rule=relative.undisclosedPowerMatter&status=all')).items[0];
    expect(collAgain).toMatchObject({ id: coll.id, status: 'resolved', resolvedBy: 'jiwei' });
    const audits = await t.db.kysely.selectFrom('audit_log').select(['action']).where('entity', '=', 'alert').execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['alert.acknowledge', 'alert.assign', 'alert.resolve']));
    const digest = await get('cun01', `/api/alerts/digest?date=${D}`);
    expect(digest.assigned.map((i: { id: number }) => i.id)).toEqual([rect.id]);
  });

  it('auto-resolves when the condition is gone (on write), and reopens when it returns', async () => {
    const [rect] = (await get('jiwei', '/api/alerts?rule=rectification.overdue')).items;
    const done = await post('shuji', `/api/records/${rect.record}/transitions`, { to: 'done', fields: { doneOn: '2023-07-10', doneNote: '已整改完毕并归档' } });
    expect(done.statusCode).toBe(200);
    const after = (await get('jiwei', '/api/alerts?rule=rectification.overdue&status=all')).items[0];
    expect(after).toMatchObject({ id: rect.id, status: 'resolved', resolvedBy: 'system' });
    expect((await post('jiwei', `/api/records/${rect.record}/transitions`, { to: 'inProgress', note: '回头看发现反弹' })).statusCode).toBe(200);
    expect((await get('jiwei', '/api/alerts?rule=rectification.overdue&status=all')).items[0]).toMatchObject({
      id: rect.id,
      status: 'open',
      resolvedBy: null,
      assignee: 'cun01',
    });
  });

  it('computes as of a date without storing, and exports CSV (with a BOM) and xlsx', async () => {
    const before = await t.db.kysely
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const c = await get('shuji', '/api/alerts?date=2023-07-15&rule=rectification.overdue');
    expect(c).toMatchObject({ computed: true, total: 1 });
    const after = await t.db.kysely
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const csv = await (await t.as('shuji'))({ method: 'GET', url: '/api/alerts/export?format=csv&status=all' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('等级,规则,组织,预警内容');
    const xlsx = await (await t.as('shuji'))({ method: 'GET', url: '/api/alerts/export?format=xlsx' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('serves the rules with their sources and lets the county change parameters', async () => {
    const rules = await get('xian', '/api/alerts/rules');
    const r = rules.find((x: { id: string }) => x.id === 'rectification.dueSoon');
    expect(r.source.cites[0].name).toContain('三色预警');
    expect(r.params.find((p: { key: string }) => p.key === 'noticeDays')).toMatchObject({ default: 20, value: 20 });
    expect((await (await t.as('zuzhi'))({ method: 'PUT', url: '/api/alerts/config', payload: { params: {} } })).statusCode).toBe(403);
    const put = await (await t.as('xian'))({ method: 'PUT', url: '/api/alerts/config', payload: { params: { 'rectification.dueSoon': { noticeDays: 25 } } } });
    expect(put.statusCode).toBe(200);
    expect((await get('xian', '/api/alerts/rules')).find((x: { id: string }) => x.id === 'rectification.dueSoon').params[0].value).toBe(25);
  });
});
