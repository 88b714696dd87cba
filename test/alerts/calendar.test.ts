import { describe, expect, it } from 'vitest';
import { makeCalendar, defaultCalendar as cal } from '../../src/alerts/calendar.ts';
import { addMonths } from '../../src/alerts/dates.ts';
import { HOLIDAYS } from '../../src/alerts/holidays.ts';

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
});
