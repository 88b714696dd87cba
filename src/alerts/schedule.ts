/**
 * The daily alert run at a fixed local time (settings `alerts.notify`.dailyAt, default 06:30,
 * in the towns' time zone LUOSHI_TZ), by croner: a restart or a slow run does not move it, as a
 * 24-hour timer from the process start did. A run still going when the next is due is not
 * started twice (`protect`).
 */
import { Cron } from 'croner';
import { timeZone } from '../shared/today.ts';
import { DEFAULT_DAILY_AT } from './config.ts';

export const DAILY_AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' → croner pattern (second minute hour, every day). */
export function dailyPattern(at: string): string {
  const m = DAILY_AT.exec(at) ?? DAILY_AT.exec(DEFAULT_DAILY_AT)!;
  return `0 ${Number(m[2])} ${Number(m[1])} * * *`;
}

export class DailySchedule {
  private job: Cron | null = null;
  private at = DEFAULT_DAILY_AT;

  constructor(private readonly run: () => Promise<void>) {}

  /** The time ('HH:MM', local time of LUOSHI_TZ); a started schedule moves to it. */
  set(at: string | undefined): void {
    const next = at && DAILY_AT.test(at) ? at : DEFAULT_DAILY_AT;
    if (next === this.at && (this.job || !this.started)) return;
    this.at = next;
    if (this.started) this.start();
  }

  private started = false;

  start(): void {
    this.started = true;
    this.job?.stop();
    this.job = new Cron(dailyPattern(this.at), { timezone: timeZone(), protect: true, unref: true, catch: true }, () => this.run());
  }

  /** The time it is set to and when it next runs (whether or not it has been started). */
  status(now = new Date()): { at: string; timeZone: string; nextRun: string | null } {
    const next = (this.job ?? new Cron(dailyPattern(this.at), { timezone: timeZone(), paused: true })).nextRun(now);
    return { at: this.at, timeZone: timeZone(), nextRun: next?.toISOString() ?? null };
  }

  stop(): void {
    this.started = false;
    this.job?.stop();
    this.job = null;
  }
}

/** Whether `at` ('HH:MM') has already passed today in LUOSHI_TZ. */
export function passedToday(at: string | undefined, now = new Date()): boolean {
  const t = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  return t >= (at && DAILY_AT.test(at) ? at : DEFAULT_DAILY_AT);
}
