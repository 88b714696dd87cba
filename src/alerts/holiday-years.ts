/**
 * The county's 放假安排 (holidays and 调休 working days) for years the built-in calendar does
 * not know yet, entered by a county administrator: stored in the setting `alerts.holidays`,
 * every change audited in the same transaction. The working-day calendar reads them through
 * loadConfig (./config.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { putSetting } from '../auth/settings.ts';
import { audit, type Actor } from '../audit/log.ts';
import { enteredHolidayYears, HOLIDAYS_KEY } from './config.ts';
import { HOLIDAYS, holidayYearError, holidayYears, type HolidayYear } from './holidays.ts';

export interface HolidayYearView extends HolidayYear {
  /** Shipped with Luoshi (国务院办公厅's notice). */
  builtIn: boolean;
  /** Entered by the county (replaces a built-in year of the same number). */
  entered: boolean;
}

export async function listHolidayYears(db: Kysely<Database>): Promise<{ lastKnownYear: number; years: HolidayYearView[] }> {
  const entered = await enteredHolidayYears(db);
  const builtIn = new Set(HOLIDAYS.map((h) => h.year));
  const mine = new Set(entered.map((h) => h.year));
  const years = holidayYears(entered).map((h) => ({ ...h, builtIn: builtIn.has(h.year), entered: mine.has(h.year) }));
  return { lastKnownYear: Math.max(...years.map((h) => h.year)), years };
}

/** Normalised: sorted, without duplicates. */
function clean(h: HolidayYear): HolidayYear {
  return { year: h.year, source: h.source.trim(), off: [...new Set(h.off)].sort(), work: [...new Set(h.work)].sort() };
}

/** Enter or replace one year. Returns the Chinese reason when the arrangement is not acceptable (nothing stored). */
export async function putHolidayYear(db: Kysely<Database>, actor: Actor, input: HolidayYear): Promise<string | null> {
  const h = clean(input);
  const error = holidayYearError(h);
  if (error) return error;
  await db.transaction().execute(async (trx) => {
    const entered = await enteredHolidayYears(trx);
    const before = entered.find((x) => x.year === h.year) ?? null;
    const years = [...entered.filter((x) => x.year !== h.year), h].sort((a, b) => a.year - b.year);
    await putSetting(trx, HOLIDAYS_KEY, { years }, actor.id);
    await audit(trx, actor, { action: before ? 'update' : 'create', entity: 'setting', entityId: `${HOLIDAYS_KEY}:${h.year}`, before, after: h });
  });
  return null;
}

/** Remove an entered year (a built-in year then applies again). False when none was entered. */
export async function removeHolidayYear(db: Kysely<Database>, actor: Actor, year: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const entered = await enteredHolidayYears(trx);
    const before = entered.find((x) => x.year === year);
    if (!before) return false;
    await putSetting(trx, HOLIDAYS_KEY, { years: entered.filter((x) => x.year !== year) }, actor.id);
    await audit(trx, actor, { action: 'delete', entity: 'setting', entityId: `${HOLIDAYS_KEY}:${year}`, before, after: null });
    return true;
  });
}
