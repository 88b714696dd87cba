import { defineAlertRule } from '../types.ts';
import { daysBetween } from '../../shared/dates.ts';
import { finding, orgName, quote, recordsIn, zhDate } from './helpers.ts';

/** 整改逾期 (红色): not done by the date, not 长期坚持, and its 整改时限 has passed. */
export default defineAlertRule({
  id: 'rectification.overdue',
  title: '整改逾期',
  severity: 'error',
  source: { cites: [{ name: '巡察整改三色预警（重庆市江津区纪委监委做法）' }], says: '整改逾期未完成亮红灯', level: 'practice' },
  ledgers: ['rectification'],
  ledger: 'rectification',
  perRecord: true,
  params: {},
  description: '整改时限已过仍未完成（不含长期坚持事项），亮红灯，提醒责任单位和主要负责人。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'rectification')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.due_on', 'r.done_on', 'r.status', 'r.person'])
      .where('r.due_on', '<', ctx.date)
      .where('r.date_on', '<=', ctx.date)
      .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'longTerm')]))
      .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'done'), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]))
      .execute();
    return rows.map((r) =>
      finding(this.id, r, ctx, {
        severity: 'error',
        dueOn: r.due_on,
        message: `整改事项${quote(r.title)}（${orgName(ctx, r.ref_org_id ?? r.org_id)}）整改时限为${zhDate(r.due_on)}，已逾期${daysBetween(r.due_on!, ctx.date)}天仍未完成${r.person ? `，责任人：${r.person}` : ''}`,
      }),
    );
  },
});
