/**
 * The working-day calendar: Monday–Friday work, weekends off, except the published public
 * holidays (off) and 调休 weekends (work). Deadlines in 工作日 (函询 15 个工作日) count here.
 */
import { addDays, weekday } from './dates.ts';
import { HOLIDAYS } from './holidays.ts';

export interface CalendarOverrides {
  /** Extra days off (local holidays) and extra working days, 'YYYY-MM-DD'. */
  off?: string[];
  work?: string[];
}

export interface WorkCalendar {
  isWorkday(d: string): boolean;
  /** The date `n` working days after `d` (the day itself not counted). */
  addWorkdays(d: string, n: number): string;
  /** Working days after `from` up to and including `to`. */
  workdaysBetween(from: string, to: string): number;
}

export function makeCalendar(o: CalendarOverrides = {}): WorkCalendar {
  const off = new Set<string>(HOLIDAYS.flatMap((h) => h.off));
  const work = new Set<string>(HOLIDAYS.flatMap((h) => h.work));
  for (const d of o.off ?? []) {
    off.add(d);
    work.delete(d);
  }
  for (const d of o.work ?? []) {
    work.add(d);
    off.delete(d);
  }
  const isWorkday = (d: string) => {
    if (work.has(d)) return true;
    if (off.has(d)) return false;
    const w = weekday(d);
    return w !== 0 && w !== 6;
  };
  return {
    isWorkday,
    addWorkdays(d, n) {
      let cur = d;
      for (let left = n; left > 0; ) {
        cur = addDays(cur, 1);
        if (isWorkday(cur)) left--;
      }
      return cur;
    },
    workdaysBetween(from, to) {
      let n = 0;
      for (let cur = addDays(from, 1); cur <= to; cur = addDays(cur, 1)) if (isWorkday(cur)) n++;
      return n;
    },
  };
}

export const defaultCalendar = makeCalendar();
