import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { getOrgByCode } from '../../src/org/service.ts';
import { importItems } from '../../src/ledger/import.ts';
import { ESTIMATE_NOTE } from '../../src/alerts/calendar.ts';
import { run } from './helpers.ts';

const Y2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  off: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  work: ['2027-01-30', '2027-02-20'],
};

/** 节假日安排: a county administrator enters next year's notice; the working-day deadlines use it. */
describe(`${dialectName}: holiday arrangements entered by the county`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const root = (await getOrgByCode(t.db.kysely, 'QH'))!;
    const items = [
      {
        type: 'record',
        ledger: 'talk',
        org: 'QH-DH',
        fields: { kind: 'inquiry', talker: '纪委书记', talkees: ['某某'], occurredOn: '2026-12-21', receivedOn: '2026-12-21', topic: '年底函询' },
      },
    ];
    const r = await importItems(
      t.db.kysely,
      { id: null, username: 't', roles: [], org: root, system: true },
      items.map((item, i) => ({ origin: { line: i + 1 }, item })),
    );
    expect(r.errors).toEqual([]);
  });
  afterAll(() => t.close());

  const call = async (user: string, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    (await t.as(user))({ method, url, ...(payload ? { payload } : {}) });
  const inquiry = async () => (await run(t.db, 'talk.inquiryReplyOverdue', '2027-01-20', 'QH'))[0];

  it('lists the built-in years through 2026 to anyone signed in', async () => {
    const res = await call('zuzhi', 'GET', '/api/holidays');
    expect(res.statusCode).toBe(200);
    expect(res.json().lastKnownYear).toBe(2026);
    expect(res.json().years.map((y: { year: number; builtIn: boolean }) => [y.year, y.builtIn])).toEqual([
      [2023, true],
      [2024, true],
      [2025, true],
      [2026, true],
    ]);
  });

  it('before 2027 is entered, the deadline over New Year is an estimate and says so', async () => {
    const f = await inquiry();
    expect(f.dueOn).toBe('2027-01-11');
    expect(f.message).toContain(ESTIMATE_NOTE);
  });

  it('lets only a county administrator or reviewer enter a year', async () => {
    expect((await call('zuzhi', 'PUT', '/api/holidays/2027', Y2027)).statusCode).toBe(403);
    expect((await call('shuji', 'PUT', '/api/holidays/2027', Y2027)).statusCode).toBe(403);
    expect((await call('anquan', 'PUT', '/api/holidays/2027', Y2027)).statusCode).toBe(403);
  });

  it('refuses a bad arrangement with a Chinese message naming the date, and stores nothing', async () => {
    const weekday = await call('admin', 'PUT', '/api/holidays/2027', { ...Y2027, work: ['2027-01-04'] });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().error).toContain('调休上班日“2027-01-04”不是周六或周日');
    const badDate = await call('admin', 'PUT', '/api/holidays/2027', { ...Y2027, off: ['2027-1-1'] });
    expect(badDate.statusCode).toBe(400);
    expect((await call('admin', 'GET', '/api/holidays')).json().lastKnownYear).toBe(2026);
  });

  it('stores an entered year, audits it, and the working-day count uses it', async () => {
    const res = await call('admin', 'PUT', '/api/holidays/2027', Y2027);
    expect(res.statusCode).toBe(200);
    expect(res.json().lastKnownYear).toBe(2027);
    expect(res.json().years.at(-1)).toMatchObject({ year: 2027, builtIn: false, entered: true, work: ['2027-01-30', '2027-02-20'] });
    const trail = await t.db.kysely.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', 'alerts.holidays:2027').execute();
    expect(trail.map((x) => x.action)).toEqual(['create']);
    expect(JSON.parse(trail[0].after!).off).toContain('2027-01-01');
    // 1 January 2027 is now a holiday: the 15th working day moves from 11 to 12 January, no estimate.
    const f = await inquiry();
    expect(f.dueOn).toBe('2027-01-12');
    expect(f.message).not.toContain(ESTIMATE_NOTE);
    expect((await call('xian', 'PUT', '/api/holidays/2027', { ...Y2027, work: ['2027-01-30'] })).statusCode).toBe(200);
    expect((await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', 'alerts.holidays:2027').execute()).map((x) => x.action)).toEqual(
      ['create', 'update'],
    );
  });

  it('removes an entered year, audited; a built-in year cannot be removed', async () => {
    expect((await call('admin', 'DELETE', '/api/holidays/2026')).statusCode).toBe(404);
    const res = await call('admin', 'DELETE', '/api/holidays/2027');
    expect(res.statusCode).toBe(200);
    expect(res.json().lastKnownYear).toBe(2026);
    expect((await t.db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', 'alerts.holidays:2027').execute()).map((x) => x.action)).toEqual(
      ['create', 'update', 'delete'],
    );
    expect((await inquiry()).message).toContain(ESTIMATE_NOTE);
  });
});
