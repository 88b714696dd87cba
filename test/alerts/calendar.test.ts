import { describe, expect, it } from 'vitest';
import { makeCalendar } from '../../src/alerts/calendar.ts';
import { addDays, addMonths } from '../../src/shared/dates.ts';
import { HOLIDAYS, holidayYearError } from '../../src/alerts/holidays.ts';

const cal = makeCalendar();

describe('working-day calendar', () => {
  it('skips weekends', () => {
    // Friday 2023-03-03 + 1 working day = Monday 2023-03-06.
    expect(cal.addWorkdays('2023-03-03', 1)).toBe('2023-03-06');
    expect(cal.addWorkdays('2023-03-01', 15)).toBe('2023-03-22');
    expect(cal.workdaysBetween('2023-03-03', '2023-03-06')).toBe(1);
  });

  it('skips public holidays and counts 调休 weekends as working days', () => {
    expect(cal.isWorkday('2023-10-02')).toBe(false); // 国庆
    expect(cal.isWorkday('2023-10-07')).toBe(true); // 调休上班（周六）
    expect(cal.isWorkday('2023-10-08')).toBe(true); // 调休上班（周日）
    // Thursday 2023-09-28: the holiday runs 29 Sep – 6 Oct, 7 and 8 Oct are working days.
    expect(cal.addWorkdays('2023-09-28', 1)).toBe('2023-10-07');
    expect(cal.addWorkdays('2023-09-28', 3)).toBe('2023-10-09');
    // 春节 2024: 10–17 Feb off, 4 Feb (Sunday) and 18 Feb (Sunday) on.
    expect(cal.isWorkday('2024-02-04')).toBe(true);
    expect(cal.isWorkday('2024-02-12')).toBe(false);
    expect(cal.addWorkdays('2024-02-08', 2)).toBe('2024-02-18');
    // 2026 元旦: 1–3 Jan off, Sunday 4 Jan on.
    expect(cal.addWorkdays('2025-12-31', 1)).toBe('2026-01-04');
  });

  it('counts working days between two dates exactly as a walk day by day would (holidays, 调休, overrides, any span)', () => {
    const walk = (c: ReturnType<typeof makeCalendar>, from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (c.isWorkday(d)) n++;
      return n;
    };
    const calendars = [cal, makeCalendar({ off: ['2023-03-06', '2024-07-10'], work: ['2023-03-04', '2023-10-01'] })];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (const c of calendars) {
      for (let i = 0; i < 400; i++) {
        const from = addDays('2021-06-01', rand(2400));
        const to = addDays(from, rand(900));
        expect(c.workdaysBetween(from, to), `${from} → ${to}`).toBe(walk(c, from, to));
      }
      // Edges: the same day, reversed, a single weekend, across 1970 and before it.
      expect(c.workdaysBetween('2023-10-06', '2023-10-06')).toBe(0);
      expect(c.workdaysBetween('2023-10-09', '2023-10-02')).toBe(0);
      expect(c.workdaysBetween('2023-03-10', '2023-03-12')).toBe(walk(c, '2023-03-10', '2023-03-12'));
      expect(c.workdaysBetween('1969-12-20', '1970-01-10')).toBe(walk(c, '1969-12-20', '1970-01-10'));
    }
    expect(cal.workdaysBetween('2023-09-28', '2023-10-09')).toBe(3); // 10-07, 10-08 (调休) and 10-09
  });

  it('ships 2023–2026 with at least the seven holidays each', () => {
    expect(HOLIDAYS.map((h) => h.year)).toEqual([2023, 2024, 2025, 2026]);
    for (const h of HOLIDAYS) {
      expect(h.off.length, String(h.year)).toBeGreaterThanOrEqual(20);
      for (const d of h.work) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });

  it('takes county overrides: a local day off and an extra working day', () => {
    const c = makeCalendar({ off: ['2023-03-06'], work: ['2023-03-04'] });
    expect(c.isWorkday('2023-03-06')).toBe(false);
    expect(c.isWorkday('2023-03-04')).toBe(true);
    expect(c.addWorkdays('2023-03-03', 1)).toBe('2023-03-04');
    expect(c.addWorkdays('2023-03-03', 2)).toBe('2023-03-07');
  });

  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-15', 3)).toBe('2024-02-15');
  });

  it('knows through 2026 and calls a count past it an estimate', () => {
    expect(cal.lastKnownYear).toBe(2026);
    expect(cal.estimated('2026-12-21', '2026-12-31')).toBe(false);
    expect(cal.estimated('2026-12-21', '2027-01-11')).toBe(true);
    // 1 January 2027 is counted as a working day until the 2027 notice is entered.
    expect(cal.isWorkday('2027-01-01')).toBe(true);
  });

  it('takes a year entered by the county: its holidays, its 调休 working days, and the new last year', () => {
    const y2027 = { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', off: ['2027-01-01', '2027-01-02', '2027-01-03'], work: ['2027-01-09'] };
    const c = makeCalendar({}, [y2027]);
    expect(c.lastKnownYear).toBe(2027);
    expect(c.isWorkday('2027-01-01')).toBe(false);
    expect(c.isWorkday('2027-01-09')).toBe(true); // a Saturday
    expect(c.estimated('2026-12-21', '2027-01-11')).toBe(false);
    expect(c.addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
  });

  it('refuses an entered year with dates outside it, a weekday as 调休, or a day both off and on', () => {
    const y = (off: string[], work: string[] = []) => holidayYearError({ year: 2027, source: 'x', off, work });
    expect(y(['2027-01-01'])).toBeNull();
    expect(y(['2026-12-31', '2027-01-01'])).toBeNull(); // 元旦 may start in December
    expect(y([])).toMatch(/至少应有一个放假日/);
    expect(y(['2028-01-01'])).toMatch(/“2028-01-01”不在2027年/);
    expect(y(['2027-02-30'])).toMatch(/不是有效日期/);
    expect(y(['2027-01-01'], ['2027-01-04'])).toMatch(/调休上班日“2027-01-04”不是周六或周日/);
    expect(y(['2027-01-09'], ['2027-01-09'])).toMatch(/不能既是放假日又是调休上班日/);
  });
});
