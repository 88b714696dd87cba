/**
 * The daily alert run at a fixed local time (settings `alerts.notify`.dailyAt, default 06:30,
 * in the towns' time zone LUOSHI_TZ), by croner: a restart or a slow run does not move it, as a
 * 24-hour timer from the process start did. A run still going when the next is due is not
 * started twice (`protect`). Given the database, the run is elected (./elect.ts): with several
 * server processes on one PostgreSQL only one of them runs a day's job (docs/scale.md).
 */
import { Cron } from 'croner';
import { timeZone, today } from '../shared/today.ts';
import { DEFAULT_DAILY_AT } from './config.ts';
import { runElected } from './elect.ts';
import type { Db } from '../db/kysely.ts';

export const DAILY_AT = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' → croner pattern (second minute hour, every day). */
export function dailyPattern(at: string): string {
  const m = DAILY_AT.exec(at) ?? DAILY_AT.exec(DEFAULT_DAILY_AT)!;
  return `0 ${Number(m[2])} ${Number(m[1])} * * *`;
}

export class DailySchedule {
  private job: Cron | null = null;
  private at = DEFAULT_DAILY_AT;

  constructor(
    private readonly run: () => Promise<void>,
    private readonly opts: { db?: Db; name?: string; onSkip?: (reason: string) => void } = {},
  ) {}

  /** One firing of the timer: elected among the server processes when the database is given. */
  async fire(date = today()): Promise<void> {
    const { db, name = 'alerts.daily', onSkip } = this.opts;
    if (!db) return this.run();
    const r = await runElected(db, name, this.run, { oncePer: date });
    if (!r.ran) onSkip?.(r.reason);
  }

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
    this.job = new Cron(dailyPattern(this.at), { timezone: timeZone(), protect: true, unref: true, catch: true }, () => this.fire());
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
