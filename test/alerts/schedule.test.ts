import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { dialectName } from '../helpers/db.ts';
import { dailyPattern, DailySchedule, passedToday } from '../../src/alerts/schedule.ts';

/** The daily run at a local time of day (LUOSHI_TZ, default Asia/Shanghai), not 24 h after the start. */
describe('daily schedule', () => {
  it('runs at the set local time in the towns’ zone', () => {
    expect(dailyPattern('06:30')).toBe('0 30 6 * * *');
    const s = new DailySchedule(async () => undefined);
    // 15:00 in Shanghai on 3 December: the next 06:30 there is 22:30 UTC the same day.
    expect(s.status(new Date('2026-12-03T07:00:00Z'))).toEqual({ at: '06:30', timeZone: 'Asia/Shanghai', nextRun: '2026-12-03T22:30:00.000Z' });
    s.set('23:05');
    expect(s.status(new Date('2026-12-03T07:00:00Z')).nextRun).toBe('2026-12-03T15:05:00.000Z');
    s.set('nonsense');
    expect(s.status().at).toBe('06:30');
  });

  it('knows whether today’s time has passed (a restart after it catches up on the digest)', () => {
    expect(passedToday('06:30', new Date('2026-12-02T22:29:00Z'))).toBe(false); // 06:29 in Shanghai
    expect(passedToday('06:30', new Date('2026-12-02T22:31:00Z'))).toBe(true);
    expect(passedToday(undefined, new Date('2026-12-03T15:00:00Z'))).toBe(true); // 23:00 there
    expect(passedToday(undefined, new Date('2026-12-03T16:30:00Z'))).toBe(false); // 00:30 of the next day there, though still 3 December in UTC
  });
});

describe(`${dialectName}: the daily time on the 预警推送 page`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is set by the county, checked, audited and shown with the next run', async () => {
    const admin = await t.as('admin');
    const bad = await admin({ method: 'PUT', url: '/api/alerts/settings/notify', payload: { dailyAt: '25:00' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('每日运行时间应为 24 小时制的 HH:MM');
    expect((await admin({ method: 'PUT', url: '/api/alerts/settings/notify', payload: { dailyAt: '07:15' } })).statusCode).toBe(200);
    const got = (await admin({ method: 'GET', url: '/api/alerts/settings/notify' })).json();
    expect(got.dailyAt).toBe('07:15');
    expect(got.schedule.at).toBe('07:15');
    const next = new Date(got.schedule.nextRun);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next)).toBe('07:15');
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const trail = await t.db.kysely.selectFrom('audit_log').select('after').where('entity_id', '=', 'alerts.notify').execute();
    expect(JSON.stringify(trail)).toContain('07:15');
    expect((await (await t.as('shuji'))({ method: 'PUT', url: '/api/alerts/settings/notify', payload: { dailyAt: '08:00' } })).statusCode).toBe(403);
  });
});
