/**
 * County-configurable values of the alert rules, kept in `settings` (scope: the whole
 * installation, i.e. the county): rule parameters, the working-day calendar, the compliance
 * calendar and notification targets. Defaults come from the rule declarations.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getSetting, putSetting } from '../auth/settings.ts';
import { makeCalendar, type CalendarOverrides, type WorkCalendar } from './calendar.ts';
import type { HolidayYear } from './holidays.ts';
import type { AlertRule, Severity } from './types.ts';
import { encrypt } from '../ledger/secret.ts';

export const PARAMS_KEY = 'alerts.params';
export const CALENDAR_KEY = 'alerts.calendar';
export const COMPLIANCE_KEY = 'alerts.compliance';
export const NOTIFY_KEY = 'alerts.notify';
/** 放假安排 entered by the county (years after the built-in ones, or corrections): {years: HolidayYear[]}. */
export const HOLIDAYS_KEY = 'alerts.holidays';

/** {ruleId: {param: value}}; a rule may also be switched off with {enabled: 0}. */
export type ParamOverrides = Record<string, Record<string, number>>;

/** The county's mail server. `pass` is stored encrypted (AES-256-GCM, the ID-number key). */
export interface SmtpSettings {
  host: string;
  port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  pass?: string;
  /** Sender address, e.g. "落实预警 <alerts@example.gov.cn>". */
  from: string;
}

export interface NotifySettings {
  /** POST JSON of newly opened alerts here (http/https). */
  webhookUrl?: string;
  /** E-mail newly opened alerts to these addresses through `smtp`. */
  emailTo?: string[];
  /** Each day, e-mail every account that has an address its own digest (when there is something in it). */
  digest?: boolean;
  /** Local time (LUOSHI_TZ) of the daily alert run and digest, 'HH:MM'; default DEFAULT_DAILY_AT. */
  dailyAt?: string;
  smtp?: SmtpSettings;
  minSeverity?: Severity;
  /** Discipline-only alerts leave the system only when this is set. */
  includeDisciplineOnly?: boolean;
}

/** The daily run's default time: before the offices open, after the night's imports. */
export const DEFAULT_DAILY_AT = '06:30';

export interface AlertConfig {
  overrides: ParamOverrides;
  calendar: WorkCalendar;
  calendarOverrides: CalendarOverrides;
}

export async function loadConfig(db: Kysely<Database>): Promise<AlertConfig> {
  const overrides = await getSetting<ParamOverrides>(db, PARAMS_KEY, {});
  const calendarOverrides = await getSetting<CalendarOverrides>(db, CALENDAR_KEY, {});
  return { overrides, calendarOverrides, calendar: makeCalendar(calendarOverrides, await enteredHolidayYears(db)) };
}

/** The years of 放假安排 the county entered (not the built-in ones). */
export async function enteredHolidayYears(db: Kysely<Database>): Promise<HolidayYear[]> {
  const v = await getSetting<{ years?: HolidayYear[] }>(db, HOLIDAYS_KEY, {});
  return Array.isArray(v.years) ? v.years : [];
}

export function ruleParams(rule: AlertRule, overrides: ParamOverrides): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, p] of Object.entries(rule.params)) out[k] = p.default;
  for (const [k, v] of Object.entries(overrides[rule.id] ?? {})) if (k in rule.params && Number.isFinite(v)) out[k] = Number(v);
  return out;
}

export function ruleEnabled(rule: AlertRule, overrides: ParamOverrides): boolean {
  return overrides[rule.id]?.enabled !== 0;
}

export async function saveParamOverrides(db: Kysely<Database>, v: ParamOverrides, by: number | null): Promise<void> {
  await putSetting(db, PARAMS_KEY, v, by);
}

export async function getNotifySettings(db: Kysely<Database>): Promise<NotifySettings> {
  return getSetting<NotifySettings>(db, NOTIFY_KEY, {});
}

/** The settings as an administrator sees them: the mail password never leaves the server. */
export function publicNotifySettings(s: NotifySettings): Omit<NotifySettings, 'smtp'> & { smtp?: Omit<SmtpSettings, 'pass'> & { passSet: boolean } } {
  if (!s.smtp) return { ...s, smtp: undefined };
  const { pass, ...smtp } = s.smtp;
  return { ...s, smtp: { ...smtp, passSet: Boolean(pass) } };
}

/**
 * New settings as submitted → as stored: an empty or absent mail password keeps the stored one
 * (the form never receives it back), a new one is encrypted; no mail server, no password.
 */
export function mergeNotifySettings(prev: NotifySettings, next: NotifySettings): NotifySettings {
  if (!next.smtp) return { ...next, smtp: undefined };
  const pass = next.smtp.pass ? encrypt(next.smtp.pass) : prev.smtp?.pass;
  return { ...next, smtp: { ...next.smtp, pass } };
}
