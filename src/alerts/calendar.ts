/**
 * The working-day calendar: Monday–Friday work, weekends off, except the published public
 * holidays (off) and 调休 weekends (work). Deadlines in 工作日 (函询 15 个工作日) count here.
 * Past the last year whose 放假安排 is known the calendar can only count weekdays: a deadline
 * that reaches there is an estimate, and the alert says so (ESTIMATE_NOTE).
 */
import { addDays, daysBetween, weekday } from '../shared/dates.ts';
import { holidayYears, type HolidayYear } from './holidays.ts';

export interface CalendarOverrides {
  /** Extra days off (local holidays) and extra working days, 'YYYY-MM-DD'. */
  off?: string[];
  work?: string[];
}

/** Shown on an alert whose working-day deadline runs past the last known year. */
export const ESTIMATE_NOTE = '节假日安排未录入，按工作日估算';

export interface WorkCalendar {
  isWorkday(d: string): boolean;
  /** The date `n` working days after `d` (the day itself not counted). */
  addWorkdays(d: string, n: number): string;
  /** Working days after `from` up to and including `to`. */
  workdaysBetween(from: string, to: string): number;
  /** The last year with a known 放假安排 (built in or entered). */
  lastKnownYear: number;
  /** A count over these dates is an estimate: `to` lies past the last known year. */
  estimated(from: string, to: string): boolean;
}

export function makeCalendar(o: CalendarOverrides = {}, entered: readonly HolidayYear[] = []): WorkCalendar {
  const years = holidayYears(entered);
  const off = new Set<string>(years.flatMap((h) => h.off));
  const work = new Set<string>(years.flatMap((h) => h.work));
  for (const d of o.off ?? []) {
    off.add(d);
    work.delete(d);
  }
  for (const d of o.work ?? []) {
    work.add(d);
    off.delete(d);
  }
  const lastKnownYear = Math.max(...years.map((h) => h.year));
  const weekend = (d: string) => {
    const w = weekday(d);
    return w === 0 || w === 6;
  };
  const isWorkday = (d: string) => work.has(d) || (!off.has(d) && !weekend(d));
  /** The exceptions to Monday–Friday, sorted: weekends worked (调休) and weekdays off. */
  const extraWork = [...work].filter(weekend).sort();
  const extraOff = [...off].filter((d) => !work.has(d) && !weekend(d)).sort();
  return {
    isWorkday,
    lastKnownYear,
    estimated: (from, to) => Number((from > to ? from : to).slice(0, 4)) > lastKnownYear,
    addWorkdays(d, n) {
      let cur = d;
      for (let left = n; left > 0;) {
        cur = addDays(cur, 1);
        if (isWorkday(cur)) left--;
      }
      return cur;
    },
    workdaysBetween(from, to) {
      if (to <= from) return 0;
      const a = weekdaysThrough(from);
      const b = weekdaysThrough(to);
      if (a == null || b == null) {
        let n = 0;
        for (let cur = addDays(from, 1); cur <= to; cur = addDays(cur, 1)) if (isWorkday(cur)) n++;
        return n;
      }
      // Mondays–Fridays in (from, to], plus the 调休 weekends worked, less the holidays on weekdays.
      return b - a + countIn(extraWork, from, to) - countIn(extraOff, from, to);
    },
  };
}

/**
 * Mondays–Fridays from 1970-01-01 (a Thursday) through `d`, by arithmetic: the daily run asks
 * "how many working days overdue" for thousands of records due years ago, and walking the days
 * one by one for each was a fifth of its CPU. null before 1970 or for a malformed date.
 */
function weekdaysThrough(d: string): number | null {
  const n = daysBetween('1970-01-01', d);
  if (!Number.isInteger(n) || n < 0) return null;
  const days = n + 1;
  let count = Math.floor(days / 7) * 5;
  for (let k = 0, wd = 4; k < days % 7; k++, wd = (wd + 1) % 7) if (wd !== 0 && wd !== 6) count++;
  return count;
}

/** How many of the sorted dates lie in (from, to]. */
function countIn(sorted: readonly string[], from: string, to: string): number {
  const after = (x: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return after(to) - after(from);
}
