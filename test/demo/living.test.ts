/**
 * The living demo (the default of `npm start` and `luoshi demo`): five quarters ending with the
 * quarter of "today", nothing dated after it but deadlines, the current quarter filled in every
 * ledger the report counts, even two days after a quarter turns. Pinned dates, so it can fail.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoRecords, type InterchangeLine } from '../../src/demo/generate.ts';
import { demoCalendar } from '../../src/demo/calendar.ts';
import { demoTowns } from '../../src/demo/orgs.ts';
import { getBuiltinLedger } from '../../src/catalog/index.ts';
import { metricCatalog } from '../../src/metrics/catalog.ts';
import { parsePeriod, periodOf, previousPeriod } from '../../src/metrics/period.ts';

const DATES = ['2026-12-03', '2027-01-02'];
const towns = demoTowns(1);

/** Ledgers the report counts by date (ytd, quarter or by their own filters), not as-of lists. */
const REPORT_LEDGERS = [...new Set(metricCatalog.flatMap((m) => (m.type !== 'ratio' && m.ledger && !('mode' in m && m.mode === 'asOf') ? [m.ledger] : [])))];
/** Rosters and lists kept as of a date: filed once, years back or at the year's start. */
const AS_OF = new Set(['partyMember', 'relative', 'riskPoint', 'practicalMatter']);

const dateOf = (l: InterchangeLine) => l.fields[getBuiltinLedger(l.ledger)!.dateField] as string | undefined;

describe.each(DATES)('the living demo as of %s', (today) => {
  const lines = generateDemoRecords({ towns, today, seed: 2023 });
  const current = periodOf(today);
  const quarters = [current];
  while (quarters.length < 5) quarters.unshift(previousPeriod(quarters[0]));

  it('is deterministic for a date and differs from another date', () => {
    expect(generateDemoRecords({ towns, today, seed: 2023 })).toEqual(lines);
    expect(generateDemoRecords({ towns, today: DATES.find((d) => d !== today)!, seed: 2023 })).not.toEqual(lines);
  });

  it('spans the five quarters ending with the current one', () => {
    expect(demoCalendar({ today })).toMatchObject({ start: quarters[0].start, end: today, living: true });
    const seen = new Set<string>();
    for (const l of lines) {
      const d = dateOf(l);
      if (!d || AS_OF.has(l.ledger) || l.ledger === 'development') continue;
      expect(d >= quarters[0].start, `${l.ledger} ${d}`).toBe(true);
      seen.add(periodOf(d).id);
    }
    expect([...seen].sort()).toEqual(quarters.map((q) => q.id));
  });

  it('dates nothing after today except deadlines', () => {
    const future: string[] = [];
    for (const l of lines) {
      for (const f of getBuiltinLedger(l.ledger)!.fields) {
        const v = l.fields[f.key];
        if (typeof v !== 'string') continue;
        if (f.kind === 'date' && v > today && !/due/i.test(f.key)) future.push(`${l.ledger}.${f.key}=${v}`);
        if (f.kind === 'month' && v > today.slice(0, 7)) future.push(`${l.ledger}.${f.key}=${v}`);
      }
    }
    expect(future).toEqual([]);
    // …while open work has deadlines ahead: rectification due in the coming weeks, petitions within their time limit.
    const ahead = (ledger: string, days: number) =>
      lines.filter(
        (l) =>
          l.ledger === ledger &&
          typeof l.fields.dueOn === 'string' &&
          l.fields.dueOn > today &&
          l.fields.dueOn <= addDays(today, days) &&
          !['done', 'closed'].includes(String(l.fields.status)),
      );
    expect(ahead('rectification', 45).length).toBeGreaterThan(0);
    expect(ahead('petition', 60).length).toBeGreaterThan(0);
  });

  it('has records of the current quarter in every ledger the report counts by date', () => {
    expect(REPORT_LEDGERS.length).toBeGreaterThan(12);
    const missing = REPORT_LEDGERS.filter(
      (k) => !AS_OF.has(k) && !lines.some((l) => l.ledger === k && (dateOf(l) ?? '') >= current.start && (dateOf(l) ?? '') <= today),
    );
    expect(missing).toEqual([]);
    // Branch meetings and dues keep their calendar (主题党日 in the first week, 党费 by the 25th):
    // the current quarter has them once its first week is over.
    if (addDays(current.start, 7) <= today)
      for (const k of ['branchMeeting', 'dues'])
        expect(
          lines.some((l) => l.ledger === k && dateOf(l)! >= current.start),
          k,
        ).toBe(true);
  });

  it('keeps the seed’s mix: mostly done, a few overdue', () => {
    for (const [ledger, open] of [
      ['rectification', ['open', 'inProgress']],
      ['petition', ['registered', 'accepted', 'handling']],
    ] as const) {
      const recs = lines.filter((l) => l.ledger === ledger);
      const overdue = recs.filter((l) => (open as readonly string[]).includes(String(l.fields.status)) && String(l.fields.dueOn) < today);
      expect(overdue.length, ledger).toBeGreaterThan(0);
      expect(overdue.length / recs.length, ledger).toBeLessThan(0.2);
    }
  });
});

describe('the seed year and the living demo', () => {
  it('the year variant is the seed’s scenario: Q4 of the year before to the year’s end', () => {
    expect(demoCalendar({ year: 2023 })).toEqual({ living: false, year: 2023, start: '2022-10-01', end: '2023-12-31' });
    expect(demoCalendar({ year: 2023, today: '2026-12-03' }).living).toBe(false);
  });

  it('rejects a date that is not one', () => {
    expect(() => demoCalendar({ today: '2026-02-30' })).toThrow(/日期无效/);
    expect(() => demoCalendar({})).toThrow(/日期无效/);
  });

  it('on the last day of a year matches the seed year’s calendar', () => {
    const y = demoCalendar({ year: 2026 });
    expect(demoCalendar({ today: '2026-12-31' })).toEqual({ ...y, living: true });
    expect(parsePeriod('2026Q4').end).toBe(y.end);
  });
});

function addDays(d: string, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
