/** A small hand-built dataset for the assessment and dashboard tests (two towns of 清河县). */
import type { Db } from '../../src/db/kysely.ts';
import { importItems } from '../../src/ledger/import.ts';
import { createOrg, getOrgByCode } from '../../src/org/service.ts';
import { createUser } from '../../src/auth/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { DEMO_PASSWORD } from '../../src/demo/orgs.ts';

const rec = (ledger: string, org: string, fields: Record<string, unknown>) => ({ type: 'record' as const, ledger, org, fields });

export const RECORDS = [
  // 东湖镇: inspection problems of two villages, one done (rate 0.5, V02 open and overdue)
  rec('rectification', 'QH-DH', {
    title: '村务公开不及时',
    source: 'inspection',
    targetOrg: 'QH-DH-V01',
    foundOn: '2023-02-01',
    dueOn: '2023-04-30',
    status: 'done',
    doneOn: '2023-04-20',
  }),
  rec('rectification', 'QH-DH', {
    title: '三资管理不规范',
    source: 'inspection',
    targetOrg: 'QH-DH-V02',
    foundOn: '2023-02-01',
    dueOn: '2023-06-30',
    status: 'inProgress',
  }),
  // two county-transferred petitions: one closed, one past due and open (backlog 1)
  rec('petition', 'QH-DH-V01', {
    channel: 'countyTransfer',
    subject: '宅基地纠纷',
    receivedOn: '2023-03-01',
    dueOn: '2023-04-30',
    status: 'closed',
    closedOn: '2023-04-01',
    satisfaction: 'satisfied',
  }),
  rec('petition', 'QH-DH-V02', { channel: 'countyTransfer', subject: '低保申请', receivedOn: '2023-10-08', dueOn: '2023-12-07', status: 'handling' }),
  rec('supervision', 'QH-DH', { title: '人居环境整治监督', area: '人居环境整治', occurredOn: '2023-05-10' }),
  rec('supervision', 'QH-DH', { title: '秸秆禁烧监督', area: '荒草禁烧', occurredOn: '2023-10-10' }),
  rec('dispute', 'QH-DH-V01', { source: 'center', registeredOn: '2023-11-02', status: 'resolved', resolvedOn: '2023-11-10', fengqiao: true }),
  // 南坪镇: everything done, no backlog, no supervision
  rec('rectification', 'QH-NP', {
    title: '软弱涣散整顿',
    source: 'inspection',
    targetOrg: 'QH-NP-V01',
    foundOn: '2023-03-01',
    dueOn: '2023-05-31',
    status: 'done',
    doneOn: '2023-05-30',
  }),
  rec('petition', 'QH-NP-V01', {
    channel: 'countyTransfer',
    subject: '道路修缮',
    receivedOn: '2023-07-01',
    dueOn: '2023-08-30',
    status: 'closed',
    closedOn: '2023-08-01',
    satisfaction: 'basic',
  }),
];

export async function seedSmall(db: Db): Promise<void> {
  const root = (await getOrgByCode(db.kysely, 'QH'))!;
  const res = await importItems(
    db.kysely,
    { id: null, username: 't', roles: [], org: root, system: true },
    RECORDS.map((item, i) => ({ origin: { line: i + 1 }, item })),
  );
  if (!res.ok) throw new Error(JSON.stringify(res.errors));
  // A second county with its own reviewer, who must see nothing of 清河县.
  await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'BS', name: '白沙县', kind: 'county' });
  await createOrg(db.kysely, SYSTEM_ACTOR, { code: 'BS-T1', name: '白沙镇', kind: 'town', parentCode: 'BS' });
  await createUser(db.kysely, SYSTEM_ACTOR, { username: 'baisha', name: '白审核', password: DEMO_PASSWORD, roles: ['countyReviewer'], orgCode: 'BS' });
}

/** The indicators of the hand-built test (replacing the default set). */
export const TEST_INDICATORS = [
  {
    line: 'discipline',
    name: '巡察村级整改率',
    metric: 'discipline.inspection.village.rate',
    comparator: '>=',
    target: 0.9,
    weight: 10,
    scoring: 'linear',
    veto: false,
    perQuarter: false,
  },
  {
    line: 'legal',
    name: '信访办结率',
    metric: 'legal.petition.closeRate',
    comparator: '>=',
    target: 1,
    weight: 10,
    scoring: 'binary',
    veto: false,
    perQuarter: false,
  },
  {
    line: 'legal',
    name: '信访积案',
    metric: 'legal.petition.backlog',
    comparator: '=',
    target: 0,
    weight: 5,
    scoring: 'binary',
    veto: true,
    perQuarter: false,
  },
  {
    line: 'discipline',
    name: '专项监督',
    metric: 'discipline.supervision.count',
    comparator: '>=',
    target: 1,
    weight: 5,
    scoring: 'linear',
    veto: false,
    perQuarter: true,
  },
] as const;
