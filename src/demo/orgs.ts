import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { SYSTEM_ACTOR } from '../audit/log.ts';
import { createOrg } from '../org/service.ts';
import { createUser } from '../auth/service.ts';
import type { Role } from '../shared/roles.ts';

export const DEMO_PASSWORD = 'Demo@2023';

export interface DemoTownSpec {
  code: string;
  name: string;
  shortName: string;
  publicAccount: string;
  villages: { code: string; name: string; kind: 'village' | 'community'; branches: { code: string; name: string }[] }[];
  departments: { code: string; name: string }[];
  /** Town-level branches (机关党支部). */
  branches: { code: string; name: string }[];
}

const VILLAGE_NAMES: Record<string, string[]> = {
  DH: ['东湖村', '西湖村', '柳营村', '杏花村', '前进村', '大王庄村', '小河沿村', '湖滨社区'],
  NP: ['南坪村', '北坪村', '石桥村', '枣林村', '高家村', '新兴社区'],
};

function townSpec(key: string, name: string, shortName: string, account: string, extra = 0): DemoTownSpec {
  const base = VILLAGE_NAMES[key] ?? [];
  const names = [...base, ...Array.from({ length: extra }, (_, i) => `新村${i + 1}村`)];
  const code = `QH-${key}`;
  return {
    code,
    name,
    shortName,
    publicAccount: account,
    villages: names.map((n, i) => {
      const vc = `${code}-V${String(i + 1).padStart(2, '0')}`;
      return {
        code: vc,
        name: n,
        kind: n.endsWith('社区') ? 'community' : 'village',
        branches: [{ code: `${vc}-B1`, name: `${n}党支部` }],
      };
    }),
    branches: [{ code: `${code}-JG`, name: '机关党支部' }],
    departments: [
      { code: `${code}-D01`, name: '党政综合办公室' },
      { code: `${code}-D02`, name: '镇纪委' },
      { code: `${code}-D03`, name: '综治中心' },
    ],
  };
}

export function demoTowns(scale = 1): DemoTownSpec[] {
  const towns = [townSpec('DH', '东湖镇', '东湖', '清风东湖'), townSpec('NP', '南坪镇', '南坪', '南坪发布')];
  for (let i = 3; i <= scale * 2; i++) {
    const k = `T${String(i).padStart(2, '0')}`;
    towns.push(townSpec(k, `第${i}镇`, `第${i}`, `第${i}镇发布`, 8));
  }
  return towns;
}

export interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  org: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'shuji', name: '王建国', roles: ['secretary'], org: 'QH-DH' },
  { username: 'jiwei', name: '李清廉', roles: ['discipline'], org: 'QH-DH' },
  { username: 'zuzhi', name: '张红梅', roles: ['organization'], org: 'QH-DH' },
  { username: 'xuanchuan', name: '刘文华', roles: ['publicity'], org: 'QH-DH' },
  { username: 'zhengfa', name: '赵永安', roles: ['legal'], org: 'QH-DH' },
  { username: 'cun01', name: '陈国强', roles: ['village'], org: 'QH-DH-V01' },
  { username: 'wangge01', name: '孙小军', roles: ['grid'], org: 'QH-DH-V01' },
  { username: 'xian', name: '周审核', roles: ['countyReviewer'], org: 'QH' },
  { username: 'shi', name: '吴市审', roles: ['cityReviewer'], org: 'JBSHI' },
  { username: 'sheng', name: '郑省审', roles: ['provinceReviewer'], org: 'JBSHENG' },
  { username: 'admin', name: '系统管理员', roles: ['admin'], org: 'QH' },
  { username: 'anquan', name: '安全管理员', roles: ['securityAdmin'], org: 'QH' },
  { username: 'shenji', name: '审计管理员', roles: ['auditor'], org: 'QH' },
];

/** The demo county 清河县 (in 江北省江北市) with its towns, villages, branches, groups and departments. */
export async function seedDemoOrgs(db: Kysely<Database>, scale = 1): Promise<DemoTownSpec[]> {
  const a = SYSTEM_ACTOR;
  const towns = demoTowns(scale);
  await db.transaction().execute(async (trx) => {
    await createOrg(trx, a, { code: 'JBSHENG', name: '江北省', kind: 'province', profile: { provinceName: '江北省' } });
    await createOrg(trx, a, { code: 'JBSHI', name: '江北市', kind: 'city', parentCode: 'JBSHENG', profile: { cityName: '江北市', provinceName: '江北省' } });
    await createOrg(trx, a, {
      code: 'QH',
      name: '清河县',
      kind: 'county',
      parentCode: 'JBSHI',
      profile: { shortName: '清河', countyName: '清河县', cityName: '江北市', provinceName: '江北省' },
    });
    for (const t of towns) {
      await createOrg(trx, a, {
        code: t.code,
        name: t.name,
        kind: 'town',
        parentCode: 'QH',
        profile: {
          shortName: t.shortName,
          countyName: '清河县',
          cityName: '江北市',
          provinceName: '江北省',
          publicAccount: t.publicAccount,
          congress: '二十',
          partyCommittee: `中共${t.name}委员会`,
        },
      });
      await createTownOrgs(trx, t);
    }
  });
  return towns;
}

/** A demo town's own orgs under it (the town itself exists): departments, branches, villages with their branches and groups. */
export async function createTownOrgs(db: Kysely<Database>, t: DemoTownSpec): Promise<void> {
  const a = SYSTEM_ACTOR;
  for (const d of t.departments) await createOrg(db, a, { code: d.code, name: d.name, kind: 'department', parentCode: t.code });
  for (const b of t.branches) await createOrg(db, a, { code: b.code, name: b.name, kind: 'branch', parentCode: t.code });
  let i = 0;
  for (const v of t.villages) {
    await createOrg(db, a, { code: v.code, name: v.name, kind: v.kind, parentCode: t.code, sort: i++ });
    for (const b of v.branches) {
      await createOrg(db, a, { code: b.code, name: b.name, kind: 'branch', parentCode: v.code });
      await createOrg(db, a, { code: `${b.code}-G1`, name: '第一党小组', kind: 'group', parentCode: b.code });
      await createOrg(db, a, { code: `${b.code}-G2`, name: '第二党小组', kind: 'group', parentCode: b.code });
    }
  }
}

export async function seedDemoAccounts(db: Kysely<Database>): Promise<void> {
  for (const u of DEMO_ACCOUNTS) {
    await createUser(db, SYSTEM_ACTOR, { username: u.username, name: u.name, password: DEMO_PASSWORD, roles: u.roles, orgCode: u.org });
  }
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const r = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n) === 0;
}
