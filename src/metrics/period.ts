/** Report periods: quarters written '2023Q4'. */
import { Invalid } from '../util/errors.ts';

export interface Period {
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** first day of the quarter */
  start: string;
  /** last day of the quarter */
  end: string;
  yearStart: string;
  prevYearStart: string;
  quarterLabel: string;
}

const LABELS = ['一季度', '二季度', '三季度', '四季度'];
const ENDS = ['03-31', '06-30', '09-30', '12-31'];
const STARTS = ['01-01', '04-01', '07-01', '10-01'];

/** A period that is not a quarter such as 2023Q4: a domain input error (HTTP 400, CLI exit 2). */
export class PeriodError extends Invalid {}

export function parsePeriod(id: string): Period {
  const m = /^(\d{4})Q([1-4])$/.exec(id.trim());
  if (!m) throw new PeriodError(`报告期无效：“${id}”，应为如 2023Q4 的格式`);
  const year = Number(m[1]);
  const q = Number(m[2]) as 1 | 2 | 3 | 4;
  return {
    id: `${year}Q${q}`,
    year,
    quarter: q,
    start: `${year}-${STARTS[q - 1]}`,
    end: `${year}-${ENDS[q - 1]}`,
    yearStart: `${year}-01-01`,
    prevYearStart: `${year - 1}-01-01`,
    quarterLabel: LABELS[q - 1],
  };
}

export function previousPeriod(p: Period): Period {
  return parsePeriod(p.quarter === 1 ? `${p.year - 1}Q4` : `${p.year}Q${p.quarter - 1}`);
}

/** The quarter containing a date. */
export function periodOf(date: string): Period {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  return parsePeriod(`${y}Q${Math.ceil(mo / 3)}`);
}

export function nextPeriod(p: Period): Period {
  return parsePeriod(p.quarter === 4 ? `${p.year + 1}Q1` : `${p.year}Q${p.quarter + 1}`);
}

/** The quarters from the one containing `from` to the one containing `to`, oldest first. */
export function quartersBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const last = periodOf(to).id;
  for (let p = periodOf(from); p.id <= last; p = nextPeriod(p)) out.push(p.id);
  return out;
}
