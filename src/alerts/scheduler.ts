/**
 * The alert center's work in a server process (docs/alerts.md): the hooks into the ledger's
 * write path (./register.ts), the worker thread that takes a write's town-wide recomputation,
 * and the county-wide daily run — once when the server starts listening (alerts are current
 * after a restart; the digest too when its time has passed today and no process has sent it
 * yet), then every day at the configured local time, elected among the server processes on one
 * PostgreSQL (./elect.ts, docs/scale.md). The server starts and stops it; its routes only move
 * the daily time and show it.
 */
import type { Db } from '../db/kysely.ts';
import { today } from '../shared/today.ts';
import { installAlertHooks } from './register.ts';
import { runAlertJob, startAlertWorker, stopAlertJobs } from './background.ts';
import { DailySchedule, passedToday } from './schedule.ts';
import { runElected } from './elect.ts';
import { getNotifySettings } from './config.ts';

/** Where the scheduler reports (the server's logger). */
export interface SchedulerLog {
  info(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export class AlertScheduler {
  private readonly schedule: DailySchedule;
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly log: SchedulerLog,
  ) {
    installAlertHooks();
    this.schedule = new DailySchedule(() => this.daily(true), { db, onSkip: (m) => log.info(m) });
  }

  /** The county-wide run of today; failures are logged, never thrown into the timer. */
  private async daily(digest: boolean): Promise<void> {
    try {
      const res = await runAlertJob(this.db, { kind: 'all', date: today(), digest });
      this.log.info({ alerts: res.total, opened: res.opened, resolved: res.resolved }, 'alerts recomputed');
      if (res.digests?.sent || res.digests?.failed) this.log.info(res.digests, 'alert digests e-mailed');
    } catch (e) {
      this.log.error(e, 'alerts recomputation failed');
    }
  }

  /** When the server listens: the worker from now on, the daily timer and the start-up run (unless LUOSHI_ALERTS_DAILY=0). */
  async start(): Promise<void> {
    startAlertWorker(this.db); // a write's town-wide recomputation goes to it from now on
    if (process.env.LUOSHI_ALERTS_DAILY === '0' || this.started) return;
    this.started = true;
    const at = (await getNotifySettings(this.db.kysely)).dailyAt;
    this.schedule.set(at);
    this.schedule.start();
    setImmediate(() => void runElected(this.db, 'alerts.startup', () => this.daily(passedToday(at))).then((r) => !r.ran && this.log.info(r.reason)));
  }

  /** Moves the daily run to `at` ('HH:MM'; the default when unset or malformed). */
  follow(at: string | undefined): void {
    this.schedule.set(at);
  }

  status() {
    return this.schedule.status();
  }

  async stop(): Promise<void> {
    this.schedule.stop();
    await stopAlertJobs(this.db);
  }
}
