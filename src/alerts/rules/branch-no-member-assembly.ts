import { sql } from 'kysely';
import { defineAlertRule } from '../types.ts';
import { daysBetween } from '../../shared/dates.ts';
import { periodOf } from '../../metrics/period.ts';
import { liveRecords, zhDate } from './helpers.ts';

/**
 * 本季度未召开党员大会: one alert per branch (org kind branch) of the subtree with no 支部党员大会
 * dated in the quarter that contains the date, up to the date. A meeting belongs to the
 * record's `branch` field when set, else to the org it was filed under.
 */
export default defineAlertRule({
  id: 'branch.noMemberAssembly',
  title: '本季度未召开支部党员大会',
  severity: 'warning',
  source: { cites: [{ name: '《中国共产党支部工作条例（试行）》', article: '第十一条' }], says: '党员大会一般每季度召开1次', level: 'national' },
  ledgers: ['branchMeeting'],
  ledger: 'branchMeeting',
  params: { warnDays: { label: '季度末前多少天起升级为预警', default: 30, unit: '日' } },
  description: '党支部在本季度（截至当日）尚未召开支部党员大会；距季度末不足30天时为预警，否则为提示。',
  async check(ctx) {
    const q = periodOf(ctx.date);
    const held = liveRecords(ctx)
      .select(sql<number>`coalesce(r.ref_org_id, r.org_id)`.as('branch_id'))
      .where('r.ledger', '=', 'branchMeeting')
      .where('r.kind', '=', 'memberAssembly')
      .where('r.date_on', '>=', q.start)
      .where('r.date_on', '<=', ctx.date)
      .distinct();
    const done = new Set((await held.execute()).map((r) => Number(r.branch_id)));
    const left = daysBetween(ctx.date, q.end);
    return ctx.orgs.list
      .filter((o) => o.kind === 'branch' && !done.has(o.id))
      .map((o) => ({
        key: `${this.id}:${o.id}:${q.id}`,
        orgId: o.id,
        townId: o.townId!,
        recordId: null,
        severity: left <= ctx.params.warnDays ? ('warning' as const) : ('info' as const),
        dueOn: q.end,
        message: `${o.name}${q.year}年${q.quarterLabel}尚未召开支部党员大会（截至${zhDate(ctx.date)}），应在${zhDate(q.end)}前召开`,
      }));
  },
});
