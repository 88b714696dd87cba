import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { putSetting } from '../../src/auth/settings.ts';
import { computeCompliance } from '../../src/alerts/compliance-table.ts';
import { idFor, load, org, rec, run, smallCounty, titles } from './helpers.ts';

const meeting = (filedUnder: string, branch: string, kind: string, occurredOn: string, extra: Record<string, unknown> = {}) =>
  rec('branchMeeting', filedUnder, { branch, kind, occurredOn, topic: `${branch} ${kind} ${occurredOn}`, ...extra });

describe(`${dialectName}: organisation rules`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await smallCounty(db);
    await load(db, [
      // T-V1-B1: Q4 assembly filed under the village; T-V2-B1: filed under the town with branch set.
      meeting('T-V1', 'T-V1-B1', 'memberAssembly', '2023-11-20'),
      meeting('T', 'T-V2-B1', 'memberAssembly', '2023-10-01'),
      // T-JG: only in Q3 and after the as-of date; U-V1-B1: none in Q4.
      meeting('T', 'T-JG', 'memberAssembly', '2023-09-30'),
      meeting('T', 'T-JG', 'memberAssembly', '2023-12-20'),
      meeting('U-V1', 'U-V1-B1', 'committee', '2023-11-01'),
      // Quorum (半数以上): 10 expected, 4 present → no quorum; exactly 5 → a quorum; 11 of 10 → data error.
      meeting('T-V1', 'T-V1-B1', 'memberAssembly', '2023-05-10', { expected: 10, attendees: 4 }),
      meeting('T-V1', 'T-V1-B1', 'memberAssembly', '2023-05-12', { expected: 10, attendees: 5 }),
      meeting('T-V1', 'T-V1-B1', 'memberAssembly', '2023-05-20', { expected: 9, attendees: 4 }),
      meeting('T-V1', 'T-V1-B1', 'memberAssembly', '2023-05-21', { expected: 9, attendees: 5 }),
      meeting('T-V1', 'T-V1-B1', 'partyLecture', '2023-05-11', { expected: 10, attendees: 11 }),
      // Monthly themeDay for T-V1-B1 except August.
      ...['01', '02', '03', '04', '05', '06', '07', '09', '10', '11'].map((m) => meeting('T-V1', 'T-V1-B1', 'themeDay', `2023-${m}-05`)),
      // Development pipeline.
      rec('development', 'T-V1', { name: '未满十八', birthDate: '2005-06-02', occupation: '学生', branch: 'T-V1-B1', appliedOn: '2023-06-01' }),
      rec('development', 'T-V1', {
        name: '刚满十八',
        birthDate: '2005-06-01',
        occupation: '学生',
        branch: 'T-V1-B1',
        appliedOn: '2023-06-01',
        talkedOn: '2023-07-01',
      }),
      rec('development', 'T-V1', {
        name: '谈话晚了',
        birthDate: '1990-01-01',
        occupation: '农民',
        branch: 'T-V1-B1',
        appliedOn: '2023-01-31',
        talkedOn: '2023-03-01',
      }),
      rec('development', 'T-V1', {
        name: '培养不足一年',
        birthDate: '1990-01-01',
        occupation: '农民',
        branch: 'T-V1-B1',
        appliedOn: '2021-01-05',
        talkedOn: '2021-01-20',
        activistOn: '2021-08-01',
        candidateOn: '2022-07-31',
      }),
      rec('development', 'T-V1', {
        name: '培养满一年',
        birthDate: '1990-01-01',
        occupation: '农民',
        branch: 'T-V1-B1',
        appliedOn: '2021-01-05',
        talkedOn: '2021-01-20',
        activistOn: '2021-08-01',
        candidateOn: '2022-08-01',
      }),
      rec('development', 'T-V1', {
        name: '待审批',
        birthDate: '1990-01-01',
        occupation: '农民',
        branch: 'T-V1-B1',
        appliedOn: '2021-01-05',
        talkedOn: '2021-01-20',
        admittedOn: '2023-03-15',
      }),
      rec('development', 'T-V1', {
        name: '延长三个月',
        birthDate: '1990-01-01',
        occupation: '农民',
        branch: 'T-V1-B1',
        appliedOn: '2020-01-05',
        talkedOn: '2020-01-20',
        admittedOn: '2021-03-15',
        approvedOn: '2021-04-01',
        extendedMonths: 3,
      }),
      // Dues: a clerk's base 4000 → 1% = 40 元; recorded 20; a farmer at 2 元; one back payment 8 months late.
      rec('dues', 'T-V1-B1', { member: '张三', category: '在职', month: '2023-01', baseIncome: 4000, due: 20, paid: 20, paidOn: '2023-01-10' }),
      rec('dues', 'T-V1-B1', { member: '李四', category: '农民', month: '2023-01', due: 2, paid: 1, paidOn: '2023-01-10' }),
      rec('dues', 'T-V1-B1', { member: '王五', category: '离退休', month: '2023-01', baseIncome: 6000, due: 60, paid: 60, paidOn: '2023-09-01' }),
      rec('dues', 'T-V1-B1', { member: '王五', category: '离退休', month: '2023-02', baseIncome: 6000, due: 60, paid: 60, paidOn: '2023-08-31' }),
      // Roster with a duplicate by ID, one by name and birth date, and an ID whose birth date differs.
      rec('partyMember', 'T-V1-B1', {
        name: '张三',
        birthDate: '1980-05-05',
        idNumber: idFor('1980-05-05', '111'),
        branch: 'T-V1-B1',
        joinedOn: '2010-07-01',
        status: 'full',
      }),
      rec('partyMember', 'T-V2-B1', {
        name: '张叁',
        birthDate: '1980-05-05',
        idNumber: idFor('1980-05-05', '111'),
        branch: 'T-V2-B1',
        joinedOn: '2011-07-01',
        status: 'full',
      }),
      rec('partyMember', 'T-V1-B1', { name: '李四', birthDate: '1970-01-01', branch: 'T-V1-B1', joinedOn: '2000-07-01', status: 'full' }),
      rec('partyMember', 'T-V1-B1', { name: '李四', birthDate: '1970-01-01', branch: 'T-V1-B1', joinedOn: '2001-07-01', status: 'full' }),
      rec('partyMember', 'T-V1-B1', {
        name: '王五',
        birthDate: '1960-03-03',
        idNumber: idFor('1960-03-04', '222'),
        branch: 'T-V1-B1',
        joinedOn: '1990-07-01',
        status: 'full',
      }),
      rec('partyMember', 'T-V1-B1', { name: '赵六', birthDate: '1985-03-03', branch: 'T-V1-B1', joinedOn: '1984-07-01', status: 'full' }),
    ]);
  });
  afterAll(() => db.close());

  it('branch.noMemberAssembly names exactly the branches without an assembly in the quarter so far', async () => {
    const codes = async (date: string, at = 'C') => {
      const fs = await run(db, 'branch.noMemberAssembly', date, at);
      const byId = new Map((await db.kysely.selectFrom('orgs').select(['id', 'code']).execute()).map((o) => [o.id, o.code]));
      expect(fs.every((f) => f.recordId === null)).toBe(true);
      return fs.map((f) => byId.get(f.orgId)).sort();
    };
    expect(await codes('2023-12-01')).toEqual(['T-JG', 'U-V1-B1']);
    expect(await codes('2023-12-20')).toEqual(['U-V1-B1']);
    expect(await codes('2023-11-19')).toEqual(['T-JG', 'T-V1-B1', 'U-V1-B1']);
    expect(await codes('2023-10-01')).toEqual(['T-JG', 'T-V1-B1', 'U-V1-B1']);
    expect(await codes('2023-09-30')).toEqual(['T-V1-B1', 'T-V2-B1', 'U-V1-B1']);
    expect(await codes('2023-12-01', 'T')).toEqual(['T-JG']);
    expect(await codes('2023-12-01', 'T-V1')).toEqual([]);
    const [f] = await run(db, 'branch.noMemberAssembly', '2023-12-01', 'U');
    expect(f).toMatchObject({ dueOn: '2023-12-31', severity: 'warning' });
    expect((await run(db, 'branch.noMemberAssembly', '2023-10-15', 'U'))[0].severity).toBe('info');
  });

  it('checks the quorum of member assemblies and attendance above the expected count', async () => {
    // Exactly half (5 of 10) is 半数以上 and holds; 4 of 10 and 4 of 9 do not; 5 of 9 does.
    const msgs = (await run(db, 'branchMeeting.quorum', '2023-12-31')).map((f) => f.message).sort();
    expect(msgs).toEqual([expect.stringContaining('应到10人、实到4人，不足半数'), expect.stringContaining('应到9人、实到4人，不足半数')].sort());
    expect((await run(db, 'data.attendanceAboveExpected', '2023-12-31')).length).toBe(1);
  });

  it('compliance: expected against held per branch, missed cycles, and a configured frequency', async () => {
    const t = await computeCompliance(db.kysely, await org(db, 'T-V1'), '2023Q3', '2023-09-30');
    const row = t.rows.find((r) => r.org === 'T-V1-B1')!;
    const theme = row.cells.find((c) => c.kind === 'themeDay')!;
    expect(theme).toMatchObject({ expected: 3, expectedSoFar: 3, held: 2, missed: ['2023-08'], status: 'missed' });
    expect(row.cells.find((c) => c.kind === 'memberAssembly')).toMatchObject({ expected: 1, held: 0, missed: ['2023Q3'] });
    expect(row.cells.some((c) => c.kind === 'committee')).toBe(false); // fewer than 7 members: no 支委会
    expect(row.cells.find((c) => c.kind === 'lifeMeeting')!.status).toBe('notDue');
    expect(t.summary.units).toBe(1);
    const q4 = await computeCompliance(db.kysely, await org(db, 'T-V1'), '2023Q4', '2023-10-02');
    expect(q4.rows[0].cells.find((c) => c.kind === 'lifeMeeting')!.status).toBe('due');
    const shortfall = await run(db, 'compliance.shortfall', '2023-10-02', 'T-V1');
    const keys = shortfall.map((f) => f.key.split(':').slice(2).join(':'));
    expect(keys).toEqual(expect.arrayContaining(['themeDay:2023-08', 'lifeMeeting:2023:due', 'memberAssembly:2023Q3']));
    // The town's 组织生活 ledger starts in January 2023: nothing is reported before.
    expect(keys.filter((k) => k.includes('2022'))).toEqual([]);
    await putSetting(db.kysely, 'alerts.compliance', { themeDay: { cycle: 'quarter', count: 1 } }, null);
    const again = await computeCompliance(db.kysely, await org(db, 'T-V1'), '2023Q3', '2023-09-30');
    expect(again.rows[0].cells.find((c) => c.kind === 'themeDay')).toMatchObject({ expected: 1, missed: [], status: 'ok' });
    await putSetting(db.kysely, 'alerts.compliance', {}, null);
    const town = await computeCompliance(db.kysely, await org(db, 'T'), '2023', '2023-12-31');
    expect(town.rows.find((r) => r.org === 'T')!.cells.map((c) => c.kind)).toEqual(['centerGroupStudy']);
  });

  it('development: age 18 on the application day, talk within a month, a year as activist, approval within 3 months, extension 6–12 months', async () => {
    expect(await titles(db, await run(db, 'development.underage', '2023-12-31'))).toEqual(['未满十八']);
    const talk = await run(db, 'development.talkOverdue', '2023-07-01');
    // 未满十八 applied 1 June, no talk: due 1 July, not yet late on the day; 谈话晚了: 31 Jan → 28 Feb, talked 1 March.
    expect(await titles(db, talk)).toEqual(['谈话晚了']);
    expect(await titles(db, await run(db, 'development.talkOverdue', '2023-07-02'))).toEqual(['未满十八', '谈话晚了']);
    expect(await titles(db, await run(db, 'development.activistPeriod', '2023-12-31'))).toEqual(['培养不足一年']);
    expect(await titles(db, await run(db, 'development.approvalOverdue', '2023-06-15'))).toEqual([]);
    const late = await run(db, 'development.approvalOverdue', '2023-06-16');
    expect(await titles(db, late)).toEqual(['待审批']);
    expect(late[0].severity).toBe('warning');
    expect((await run(db, 'development.approvalOverdue', '2023-09-16'))[0].severity).toBe('error');
    const prob = await run(db, 'development.probation', '2023-12-31');
    expect(prob.map((f) => f.key.split(':').at(-1))).toContain('extension');
  });

  it('dues: the amount from the brackets and categories, short payments, back payments older than 6 months', async () => {
    const msgs = (await run(db, 'dues.amount', '2023-12-31')).map((f) => f.message);
    expect(msgs).toEqual(
      expect.arrayContaining([expect.stringContaining('应为40元'), expect.stringContaining('应为0.2–1元'), expect.stringContaining('少交1元')]),
    );
    expect(msgs.some((m) => m.includes('王五'))).toBe(false); // 6000 retired → 1% = 60
    const back = await run(db, 'dues.backPayment', '2023-12-31');
    expect(back.map((f) => f.message)).toEqual([expect.stringContaining('2023-01月党费于2023年9月1日补交')]);
  });

  it('dues.arrears: months unpaid since the branch keeps the ledger; six in a row is a 自行脱党 risk', async () => {
    const fs = await run(db, 'dues.arrears', '2023-08-15');
    const by = (name: string) => fs.find((f) => f.message.startsWith(name));
    // The branch's ledger starts in 2023-01; 张三 paid January only → Feb–Jul unpaid, six in a row.
    expect(by('张三')).toMatchObject({ severity: 'error' });
    expect(by('张三')!.message).toContain('自行脱党风险');
    expect(by('王五')!.severity).toBe('error'); // both payments made after 15 Aug: Jan–Jul unpaid then
    const sep = await run(db, 'dues.arrears', '2023-09-05');
    expect(sep.find((f) => f.message.startsWith('王五'))!.message).toContain('2023-03、2023-04、2023-05、2023-06等6个月');
    const mid = await run(db, 'dues.arrears', '2023-04-15');
    expect(mid.find((f) => f.message.startsWith('张三'))!.severity).toBe('info'); // Feb, Mar
  });

  it('data quality: dates out of order, duplicate members by ID or name and birth date, ID birth date', async () => {
    const order = await run(db, 'data.dateOrder', '2023-12-31');
    expect(order.map((f) => f.message)).toEqual([expect.stringContaining('赵六')]);
    const dup = await run(db, 'data.duplicateMember', '2023-12-31');
    expect(dup).toHaveLength(2);
    expect(dup.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringContaining('姓名和出生日期相同'), expect.stringContaining('身份证号相同')]));
    // Entries stored before the blind index existed are still compared by ID number.
    const row = await db.kysely
      .selectFrom('records')
      .select(['id', 'data'])
      .where('ledger', '=', 'partyMember')
      .where('title', '=', '张叁')
      .executeTakeFirstOrThrow();
    const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
    delete data._derived.idNumberHash;
    await db.kysely
      .updateTable('records')
      .set({ data: JSON.stringify(data) })
      .where('id', '=', row.id)
      .execute();
    expect((await run(db, 'data.duplicateMember', '2023-12-31')).map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('身份证号相同')]),
    );
    const ids = await run(db, 'data.idNumber', '2023-12-31');
    expect(ids.map((f) => f.message)).toEqual([expect.stringContaining('1960-03-04')]);
  });
});
