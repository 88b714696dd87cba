/** The demo's calendar: day arithmetic on 'YYYY-MM-DD' and the fifteen months a demo covers. */
const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export const toDay = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / DAY;
export function iso(n: number): string {
  const d = new Date(Math.round(n) * DAY);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The demo's fifteen months: `start` (first day of the first month) to `end` (the demo's today). */
export interface DemoCalendar {
  living: boolean;
  /** The year of `end`: the year titles and ages are counted in. */
  year: number;
  start: string;
  end: string;
}

/** The seed's `year` (Q4 of the year before to the year's end), or the living demo's five quarters ending `today`. */
export function demoCalendar(o: { year?: number; today?: string }): DemoCalendar {
  if (o.year !== undefined) return { living: false, year: o.year, start: `${o.year - 1}-10-01`, end: `${o.year}-12-31` };
  const t = o.today ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(t) || iso(toDay(t)) !== t) throw new Error(`演示数据的日期无效：“${t}”，应为 YYYY-MM-DD`);
  const y = Number(t.slice(0, 4));
  const q0 = Math.floor((Number(t.slice(5, 7)) - 1) / 3) * 3; // first month (0-based) of the current quarter
  return { living: true, year: y, start: `${y - 1}-${pad(q0 + 1)}-01`, end: t };
}
