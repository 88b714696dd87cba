/**
 * The heavy alert work, as jobs a background worker (or, for an in-memory database, the server
 * itself) runs: every rule over every county or over one org, stored one town per short
 * transaction, the town-wide recomputation after a write, and the daily e-mail digest. Plain data in, plain data out (they cross a thread).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getOrgById } from '../org/service.ts';
import { recomputeAll, recomputeOrg, recomputeTownRules } from './service.ts';
import { sendDigests } from './notify.ts';
import { refreshTownSnapshots, type SnapshotWork } from '../metrics/snapshots.ts';
import { refreshOverdue } from '../metrics/overdue.ts';

export type AlertJob =
  /** The daily (and start-up) run: every county, and the day's overdue counts (src/metrics/overdue.ts); with `digest`, then the day's e-mail digest. */
  | { kind: 'all'; date: string; digest?: boolean }
  /** One org's town, or a whole county (the 立即重新计算 button). */
  | { kind: 'org'; orgId: number; date: string }
  /** After a write: the town-wide rules reading `ledger` (all rules without one) over one town (./pending.ts). */
  | { kind: 'town'; townId: number; ledger?: string; date: string }
  /** After a write, or a view asking for a quarter not stored: one town's metric snapshots (src/metrics/snapshots.ts). */
  | SnapshotWork;

export interface JobResult {
  total: number;
  opened: number;
  resolved: number;
  digests?: { sent: number; failed: number; skipped?: string };
  /** In a worker: its start-up (loading the modules) and the job itself, in ms. */
  bootMs?: number;
  runMs?: number;
}

export async function executeJob(db: Kysely<Database>, job: AlertJob): Promise<JobResult> {
  if (job.kind === 'snapshots') {
    const r = await refreshTownSnapshots(db, job.townId, { ledgers: job.ledgers, periods: job.periods, records: job.records });
    return { total: r.periods, opened: 0, resolved: 0 };
  }
  if (job.kind === 'town') {
    const r = await recomputeTownRules(db, job.townId, job.ledger, job.date);
    return { total: r.total, opened: r.opened.length, resolved: r.resolved };
  }
  if (job.kind === 'org') {
    const org = await getOrgById(db, job.orgId);
    if (!org) throw new Error(`组织不存在：${job.orgId}`);
    const r = await recomputeOrg(db, org, job.date);
    return { total: r.total, opened: r.opened.length, resolved: r.resolved };
  }
  const r = await recomputeAll(db, job.date);
  // The day's overdue counts of every town a dashboard has asked for, ready before the first one.
  await refreshOverdue(db, job.date);
  const out: JobResult = { total: r.total, opened: r.opened.length, resolved: r.resolved };
  if (job.digest) out.digests = await sendDigests(db, job.date);
  return out;
}
