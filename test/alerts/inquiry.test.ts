import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectName } from '../helpers/db.ts';
import type { Db } from '../../src/db/kysely.ts';
import { ESTIMATE_NOTE } from '../../src/alerts/calendar.ts';
import { load, rec, run, smallCounty, titles } from './helpers.ts';

const inquiry = (topic: string, occurredOn: string, extra: Record<string, unknown> = {}) =>
  rec('talk', 'T', { kind: 'inquiry', talker: '纪委书记', talkees: ['某某'], occurredOn, topic, ...extra });

/** 函询: 15 working days from receipt; the letter's date stands in when receipt is not recorded. */
describe(`${dialectName}: talk.inquiryReplyOverdue counts from receipt`, () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
    await smallCounty(db);
    await load(db, [
      inquiry('Q1 收函9月27日', '2023-09-20', { receivedOn: '2023-09-27' }),
      inquiry('Q2 未录收函日期', '2023-09-27'),
      inquiry('Q3 年底函询', '2026-12-18', { receivedOn: '2026-12-21' }),
      inquiry('Q4 年中函询', '2026-06-01', { receivedOn: '2026-06-01' }),
    ]);
  });
  afterAll(() => db.close());

  it('counts 15 working days from the receipt date, not the letter date (day before, of, after)', async () => {
    // Letter 20 Sep, received 27 Sep: 15 working days over 国庆 and its 调休 weekends → 24 Oct.
    const q1 = async (d: string) => (await titles(db, await run(db, 'talk.inquiryReplyOverdue', d))).filter((x) => x.startsWith('Q1'));
    expect(await q1('2023-10-23')).toEqual([]);
    expect(await q1('2023-10-24')).toEqual([]);
    expect(await q1('2023-10-25')).toEqual(['Q1 收函9月27日']);
    const f = (await run(db, 'talk.inquiryReplyOverdue', '2023-10-25')).find((x) => x.message.includes('Q1'))!;
    expect(f.dueOn).toBe('2023-10-24');
    expect(f.message).toContain('2023年9月27日收到的函询');
  });

  it('defaults the receipt to the letter date and says so on the alert', async () => {
    const f = (await run(db, 'talk.inquiryReplyOverdue', '2023-10-25')).find((x) => x.message.includes('Q2'))!;
    expect(f.dueOn).toBe('2023-10-24');
    expect(f.message).toContain('未录入收函日期，按发函日期2023年9月27日计算');
  });

  it('says the deadline is an estimate when it runs past the last year of known holidays', async () => {
    // Received Monday 21 Dec 2026; the 2027 放假安排 is not known: weekdays only → 11 Jan 2027.
    const [q3] = (await run(db, 'talk.inquiryReplyOverdue', '2027-01-20')).filter((x) => x.message.includes('Q3'));
    expect(q3.dueOn).toBe('2027-01-11');
    expect(q3.message).toContain(`（${ESTIMATE_NOTE}）`);
    // A deadline inside 2026 is not an estimate.
    const [q4] = (await run(db, 'talk.inquiryReplyOverdue', '2026-07-01')).filter((x) => x.message.includes('Q4'));
    expect(q4.message).not.toContain(ESTIMATE_NOTE);
  });
});
