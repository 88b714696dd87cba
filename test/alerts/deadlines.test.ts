import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { putSetting } from '../../src/auth/settings.ts';
import { load, rec, run, smallCounty, titles } from './helpers.ts';

/** Each deadline rule the day before, the day of and the day after its limit. */
describe(`${dialectName}: deadline rules at their boundaries`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await smallCounty(db);
    const rect = (title: string, dueOn: string, status: string, doneOn?: string) =>
      rec('rectification', 'T', { title, source: 'inspection', targetOrg: 'T-V1', foundOn: '2023-01-10', dueOn, status, ...(doneOn ? { doneOn } : {}) });
    await load(db, [
      rect('R1 到期日3月1日', '2023-03-01', 'inProgress'),
      rect('R2 3月1日已完成', '2023-03-01', 'done', '2023-03-01'),
      rect('R3 3月5日才完成', '2023-03-01', 'done', '2023-03-05'),
      rect('R4 长期坚持', '2023-03-01', 'longTerm'),
      rect('R5 到期日4月30日', '2023-04-30', 'open'),
      // Petitions: 60 days from 受理 (acceptance); registration stands in until accepted.
      rec('petition', 'T', { channel: 'visit', subject: 'P1 1月5日受理', receivedOn: '2022-12-31', status: 'handling', acceptedOn: '2023-01-05' }),
      rec('petition', 'T', {
        channel: 'visit',
        subject: 'P2 3月6日办结',
        receivedOn: '2022-12-31',
        status: 'closed',
        closedOn: '2023-03-06',
        acceptedOn: '2023-01-05',
      }),
      rec('petition', 'T-V1', { channel: 'online', subject: 'P3 未受理', receivedOn: '2023-01-01', status: 'registered' }),
      rec('petition', 'T', {
        channel: 'phone',
        subject: 'P4 3月10日办结',
        receivedOn: '2022-12-31',
        status: 'closed',
        closedOn: '2023-03-10',
        acceptedOn: '2023-01-05',
      }),
      rec('petition', 'T', {
        channel: 'visit',
        subject: 'P5 延长20日',
        receivedOn: '2022-12-31',
        status: 'handling',
        acceptedOn: '2023-01-05',
        extensionApproved: true,
        extensionDays: 20,
      }),
      rec('petition', 'T', {
        channel: 'visit',
        subject: 'P6 延长未填天数',
        receivedOn: '2022-12-31',
        status: 'handling',
        acceptedOn: '2023-01-05',
        extensionApproved: true,
      }),
      rec('petition', 'T', {
        channel: 'visit',
        subject: 'P7 未批准延长',
        receivedOn: '2022-12-31',
        status: 'handling',
        acceptedOn: '2023-01-05',
        extensionDays: 20,
      }),
      rec('dispute', 'T', { title: 'D1 1月31日登记', source: 'center', registeredOn: '2023-01-31', status: 'mediating' }),
      rec('dispute', 'T', {
        title: 'D2 双方同意继续调解',
        source: 'center',
        registeredOn: '2023-01-31',
        status: 'mediating',
        bothPartiesAgreeToContinue: true,
      }),
      rec('talk', 'T', { kind: 'inquiry', talker: '纪委书记', talkees: ['某某'], occurredOn: '2023-09-27', topic: 'I1 国庆前函询' }),
      rec('talk', 'T', { kind: 'inquiry', talker: '纪委书记', talkees: ['某某'], occurredOn: '2023-09-27', topic: 'I2 按期回复', repliedOn: '2023-10-20' }),
    ]);
  });
  afterAll(() => db.close());

  it('rectification.overdue: from the day after the deadline, not when done by the date or long-term', async () => {
    expect(await titles(db, await run(db, 'rectification.overdue', '2023-02-28'))).toEqual([]);
    expect(await titles(db, await run(db, 'rectification.overdue', '2023-03-01'))).toEqual([]);
    expect(await titles(db, await run(db, 'rectification.overdue', '2023-03-02'))).toEqual(['R1 到期日3月1日', 'R3 3月5日才完成']);
    expect(await titles(db, await run(db, 'rectification.overdue', '2023-03-05'))).toEqual(['R1 到期日3月1日']);
    const [f] = await run(db, 'rectification.overdue', '2023-03-02');
    expect(f).toMatchObject({ severity: 'error', dueOn: '2023-03-01' });
    expect(f.message).toContain('已逾期1天');
  });

  it('rectification.dueSoon: three colours at 20 and 10 days, counted to the deadline', async () => {
    const at = async (d: string) => (await run(db, 'rectification.dueSoon', d)).filter((f) => f.dueOn === '2023-04-30').map((f) => f.severity);
    expect(await at('2023-04-09')).toEqual([]); // 21 days left
    expect(await at('2023-04-10')).toEqual(['info']); // 20 days
    expect(await at('2023-04-19')).toEqual(['info']); // 11 days
    expect(await at('2023-04-20')).toEqual(['warning']); // 10 days
    expect(await at('2023-04-30')).toEqual(['warning']); // the day itself
    expect(await at('2023-05-01')).toEqual([]); // now overdue (red): rectification.overdue
    expect(await titles(db, await run(db, 'rectification.overdue', '2023-05-01'))).toContain('R5 到期日4月30日');
  });

  it('rectification.dueSoon follows a configured notice period', async () => {
    await putSetting(db.kysely, 'alerts.params', { 'rectification.dueSoon': { noticeDays: 30 } }, null);
    expect((await run(db, 'rectification.dueSoon', '2023-03-31')).map((f) => f.dueOn)).toEqual(['2023-04-30']);
    await putSetting(db.kysely, 'alerts.params', {}, null);
    expect(await run(db, 'rectification.dueSoon', '2023-03-31')).toEqual([]);
  });

  it('petition.overdue: 60 days from 受理 (第三十四条), the day before, of and after', async () => {
    const at = async (d: string) => titles(db, await run(db, 'petition.overdue', d));
    // P3 (registered 1 Jan, never accepted): due 2 March, counted from registration.
    expect(await at('2023-03-02')).toEqual([]);
    expect(await at('2023-03-03')).toEqual(['P3 未受理']);
    // P1, P4 (accepted 5 Jan): due 6 March — not 1 March, which registration + 60 would give.
    expect(await at('2023-03-06')).toEqual(['P3 未受理']);
    expect(await at('2023-03-07')).toEqual(['P1 1月5日受理', 'P3 未受理', 'P4 3月10日办结', 'P7 未批准延长']);
    expect(await at('2023-03-10')).toEqual(['P1 1月5日受理', 'P3 未受理', 'P7 未批准延长']);
    const [p3] = (await run(db, 'petition.overdue', '2023-03-03')).filter((f) => f.dueOn === '2023-03-02');
    expect(p3.message).toContain('未录入受理日期，按2023年1月1日登记起算');
    const p1 = (await run(db, 'petition.overdue', '2023-03-07')).find((f) => f.dueOn === '2023-03-06')!;
    expect(p1.message).toContain('（2023年1月5日受理）');
  });

  it('petition.overdue: an approved extension adds its days, at most 30 (the most when none are recorded)', async () => {
    const at = async (d: string) => (await titles(db, await run(db, 'petition.overdue', d))).filter((t) => t.startsWith('P5') || t.startsWith('P6'));
    expect(await at('2023-03-26')).toEqual([]); // P5: 6 March + 20
    expect(await at('2023-03-27')).toEqual(['P5 延长20日']);
    expect(await at('2023-04-05')).toEqual(['P5 延长20日']); // P6: 6 March + 30
    expect(await at('2023-04-06')).toEqual(['P5 延长20日', 'P6 延长未填天数']);
    const p5 = (await run(db, 'petition.overdue', '2023-03-27')).find((f) => f.dueOn === '2023-03-26')!;
    expect(p5.message).toContain('经批准延长20日');
    // A county that allows no more than 15 days of extension.
    await putSetting(db.kysely, 'alerts.params', { 'petition.overdue': { maxExtensionDays: 15 } }, null);
    expect(await at('2023-03-22')).toEqual(['P5 延长20日', 'P6 延长未填天数']);
    await putSetting(db.kysely, 'alerts.params', {}, null);
  });

  it('petition.dueSoon: from 7 days before the deadline to the day itself', async () => {
    const p1 = async (d: string) => (await titles(db, await run(db, 'petition.dueSoon', d))).filter((t) => t.startsWith('P1'));
    expect(await p1('2023-02-26')).toEqual([]);
    expect(await p1('2023-02-27')).toEqual(['P1 1月5日受理']);
    expect(await p1('2023-03-06')).toEqual(['P1 1月5日受理']);
    expect(await p1('2023-03-07')).toEqual([]);
  });

  it('petition.acceptanceOverdue: 15 days after registration without acceptance', async () => {
    expect(await titles(db, await run(db, 'petition.acceptanceOverdue', '2023-01-16'))).toEqual([]);
    expect(await titles(db, await run(db, 'petition.acceptanceOverdue', '2023-01-17'))).toEqual(['P3 未受理']);
  });

  it('dispute.overdue: one month after registration (31 Jan → 28 Feb), unless both parties agree', async () => {
    expect(await titles(db, await run(db, 'dispute.overdue', '2023-02-28'))).toEqual([]);
    expect(await titles(db, await run(db, 'dispute.overdue', '2023-03-01'))).toEqual(['D1 1月31日登记']);
  });

  it('talk.inquiryReplyOverdue: 15 working days across the 国庆 holiday and 调休 weekends', async () => {
    // Received Wed 27 Sep 2023: 28 Sep (1), 7–8 Oct (3), 9–13 Oct (8), 16–20 Oct (13), 23–24 Oct (15).
    const due = '2023-10-24';
    expect((await run(db, 'talk.inquiryReplyOverdue', '2023-10-23')).length).toBe(0);
    expect((await run(db, 'talk.inquiryReplyOverdue', due)).length).toBe(0);
    const after = await run(db, 'talk.inquiryReplyOverdue', '2023-10-25');
    expect(await titles(db, after)).toEqual(['I1 国庆前函询']);
    expect(after[0].dueOn).toBe(due);
  });

  it('a county calendar override moves the working-day deadline', async () => {
    await putSetting(db.kysely, 'alerts.calendar', { off: ['2023-10-24'] }, null);
    expect((await run(db, 'talk.inquiryReplyOverdue', '2023-10-25')).length).toBe(0);
    await putSetting(db.kysely, 'alerts.calendar', {}, null);
  });

  it('a rule switched off by the county reports nothing', async () => {
    await putSetting(db.kysely, 'alerts.params', { 'rectification.overdue': { enabled: 0 } }, null);
    expect(await run(db, 'rectification.overdue', '2023-06-01')).toEqual([]);
    await putSetting(db.kysely, 'alerts.params', {}, null);
  });
});
