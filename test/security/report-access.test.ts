/**
 * Who may see a quarterly report is decided once (src/access/reports.ts) and read two ways: as
 * SQL by the list and on one report when it is opened. For every demo account, a county
 * reviewer placed below the county (a town, a village), a city reviewer and a province reviewer
 * of other subtrees, reviewers held at the wrong level, and the system, over reports in every
 * status of the demo county's two towns, of a town in another city of the same province and of
 * a town in another province, a report is listed if and only if it can be opened — and what is
 * seen is what the rule says: the town's roles their town with drafts, a reviewer (county, city,
 * province) their subtree's submitted ones, nobody else anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { seedDemoAccounts, seedDemoOrgs, DEMO_ACCOUNTS } from '../../src/demo/orgs.ts';
import { createUser } from '../../src/auth/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { getOrgByCode, getOrgById } from '../../src/org/service.ts';
import { systemFor } from '../../src/access/records.ts';
import { listReports, loadReport, openReport } from '../../src/report/service.ts';
import { Forbidden, NotFound } from '../../src/util/errors.ts';
import { createOrg } from '../../src/org/service.ts';
import type { Principal } from '../../src/ledger/principal.ts';
import type { Role } from '../../src/shared/roles.ts';

const STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
const TOWNS = ['QH-DH', 'QH-NP'];
/** A town in another city of 江北省 (the province reviewer's, not the city reviewer's) and one in another province. */
const SIBLING_CITY_TOWN = 'BJ-T1';
const OTHER_PROVINCE_TOWN = 'NX-T1';
const ALL_TOWNS = [...TOWNS, SIBLING_CITY_TOWN, OTHER_PROVINCE_TOWN];
/** Reviewers of the other subtrees, and reviewers whose org is not at their role's level (built as principals: accounts refuse them). */
const OTHER_REVIEWERS = [
  { username: 'shi_bj', roles: ['cityReviewer'], org: 'BJSHI' },
  { username: 'sheng_n', roles: ['provinceReviewer'], org: 'NSHENG' },
  { username: 'xian_bj', roles: ['countyReviewer'], org: 'BJ' },
] as const;
const WRONG_LEVEL = [
  { username: 'shi_at_county', roles: ['cityReviewer'], org: 'QH' },
  { username: 'sheng_at_city', roles: ['provinceReviewer'], org: 'JBSHI' },
  { username: 'xian_at_city', roles: ['countyReviewer'], org: 'JBSHI' },
] as const;
/** County reviewers whose org is below the county: the case where the list and the page used to disagree. */
const LOW_REVIEWERS = [
  { username: 'xian_dh', org: 'QH-DH' },
  { username: 'xian_v01', org: 'QH-DH-V01' },
];

describe(`${dialectName}: one rule for who sees a report`, () => {
  let db: Db;
  const principals: Principal[] = [];
  const reports: { id: number; town: string; status: string }[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    await seedDemoOrgs(db.kysely);
    await seedDemoAccounts(db.kysely);
    const a = SYSTEM_ACTOR;
    await createOrg(db.kysely, a, { code: 'BJSHI', name: '北江市', kind: 'city', parentCode: 'JBSHENG' });
    await createOrg(db.kysely, a, { code: 'BJ', name: '北江县', kind: 'county', parentCode: 'BJSHI' });
    await createOrg(db.kysely, a, { code: SIBLING_CITY_TOWN, name: '北江镇', kind: 'town', parentCode: 'BJ' });
    await createOrg(db.kysely, a, { code: 'NSHENG', name: '南江省', kind: 'province' });
    await createOrg(db.kysely, a, { code: 'NSHI', name: '南江市', kind: 'city', parentCode: 'NSHENG' });
    await createOrg(db.kysely, a, { code: 'NX', name: '南溪县', kind: 'county', parentCode: 'NSHI' });
    await createOrg(db.kysely, a, { code: OTHER_PROVINCE_TOWN, name: '南溪镇', kind: 'town', parentCode: 'NX' });
    for (const r of OTHER_REVIEWERS)
      await createUser(db.kysely, a, { username: r.username, name: '外地审核', password: 'Demo@2023x', roles: [...r.roles], orgCode: r.org });
    for (const r of LOW_REVIEWERS)
      await createUser(db.kysely, SYSTEM_ACTOR, { username: r.username, name: '下级审核', password: 'Demo@2023x', roles: ['countyReviewer'], orgCode: r.org });
    const users = await db.kysely.selectFrom('users').select(['id', 'username', 'roles', 'org_id']).orderBy('id').execute();
    for (const u of users)
      principals.push({ id: u.id, username: u.username, roles: JSON.parse(u.roles) as Role[], org: (await getOrgById(db.kysely, u.org_id))! });
    for (const w of WRONG_LEVEL) principals.push({ id: -1, username: w.username, roles: [...w.roles], org: (await getOrgByCode(db.kysely, w.org))! });
    principals.push(systemFor((await getOrgByCode(db.kysely, 'QH'))!));
    for (const town of ALL_TOWNS) {
      const sys = systemFor((await getOrgByCode(db.kysely, town))!);
      for (const [i, status] of STATUSES.entries()) {
        const id = await openReport(db.kysely, sys, town, `2023Q${i + 1}`);
        await db.kysely.updateTable('reports').set({ status }).where('id', '=', id).execute();
        reports.push({ id, town, status });
      }
    }
  }, 120_000);
  afterAll(() => db.close());

  const listed = async (p: Principal) => {
    try {
      return new Set((await listReports(db.kysely, p, {})).map((r) => r.id));
    } catch (e) {
      if (e instanceof Forbidden) return new Set<number>();
      throw e;
    }
  };
  const viewable = async (p: Principal, id: number) => {
    try {
      await loadReport(db.kysely, p, id);
      return true;
    } catch (e) {
      if (e instanceof Forbidden || e instanceof NotFound) return false;
      throw e;
    }
  };

  it('has every account, the reviewers below the county and the system', () => {
    expect(principals.map((p) => p.username)).toEqual(
      expect.arrayContaining([
        ...DEMO_ACCOUNTS.map((a) => a.username),
        ...LOW_REVIEWERS.map((r) => r.username),
        ...OTHER_REVIEWERS.map((r) => r.username),
        ...WRONG_LEVEL.map((r) => r.username),
        'system',
      ]),
    );
    expect(reports).toHaveLength(ALL_TOWNS.length * STATUSES.length);
  });

  it('lists a report if and only if it can be opened, for every principal', async () => {
    for (const p of principals) {
      const list = await listed(p);
      for (const r of reports) expect(list.has(r.id), `${p.username} report ${r.town} ${r.status}`).toBe(await viewable(p, r.id));
    }
  });

  it('shows what the rule says to each role', async () => {
    const seen = async (username: string) => {
      const list = await listed(principals.find((p) => p.username === username)!);
      return reports.filter((r) => list.has(r.id)).map((r) => `${r.town} ${r.status}`);
    };
    const all = (towns: string[], statuses: readonly string[]) =>
      reports.filter((r) => towns.includes(r.town) && statuses.includes(r.status)).map((r) => `${r.town} ${r.status}`);
    for (const u of ['shuji', 'jiwei', 'zuzhi', 'xuanchuan', 'zhengfa']) expect(await seen(u), u).toEqual(all(['QH-DH'], STATUSES));
    const sent = ['submitted', 'returned', 'accepted'];
    expect(await seen('xian')).toEqual(all(TOWNS, sent));
    // The city reviewer: every town of the city (not the sibling city's, not another province's), once submitted.
    expect(await seen('shi')).toEqual(all(TOWNS, sent));
    // The province reviewer: every town of the province, both cities, once submitted; not another province's.
    expect(await seen('sheng')).toEqual(all([...TOWNS, SIBLING_CITY_TOWN], sent));
    expect(await seen('shi_bj')).toEqual(all([SIBLING_CITY_TOWN], sent));
    expect(await seen('xian_bj')).toEqual(all([SIBLING_CITY_TOWN], sent));
    expect(await seen('sheng_n')).toEqual(all([OTHER_PROVINCE_TOWN], sent));
    expect(await seen('system')).toEqual(all(TOWNS, STATUSES));
    for (const u of ['cun01', 'wangge01', 'admin', 'anquan', 'shenji', ...LOW_REVIEWERS.map((r) => r.username), ...WRONG_LEVEL.map((r) => r.username)])
      expect(await seen(u), u).toEqual([]);
  });
});
