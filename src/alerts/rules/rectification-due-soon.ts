import { defineAlertRule } from '../types.ts';
import { addDays, daysBetween } from '../../shared/dates.ts';
import { finding, orgName, quote, recordsIn, zhDate } from './helpers.ts';

/** 三色预警: 20 days before the deadline a notice, 10 days before a warning (overdue: rectification.overdue). */
export default defineAlertRule({
  id: 'rectification.dueSoon',
  title: '整改即将到期',
  severity: 'warning',
  source: { cites: [{ name: '巡察整改三色预警（重庆市江津区纪委监委做法）' }], says: '距整改时限20天提示、10天预警', level: 'practice' },
  ledgers: ['rectification'],
  ledger: 'rectification',
  perRecord: true,
  params: {
    noticeDays: { label: '提前提示天数', default: 20, unit: '日' },
    warningDays: { label: '提前预警天数', default: 10, unit: '日' },
  },
  description: '距整改时限不足20天时提示责任人，不足10天时预警并提醒分管领导。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'rectification')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.due_on', 'r.person'])
      .where('r.due_on', '>=', ctx.date)
      .where('r.due_on', '<=', addDays(ctx.date, ctx.params.noticeDays))
      .where('r.date_on', '<=', ctx.date)
      .where((eb) =>
        eb.or([eb('r.status', 'is', null), eb('r.status', 'not in', ['done', 'longTerm']), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]),
      )
      .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'longTerm')]))
      .execute();
    return rows.map((r) => {
      const left = daysBetween(ctx.date, r.due_on!);
      return finding(this.id, r, ctx, {
        severity: left <= ctx.params.warningDays ? 'warning' : 'info',
        dueOn: r.due_on,
        message: `整改事项${quote(r.title)}（${orgName(ctx, r.ref_org_id ?? r.org_id)}）将于${zhDate(r.due_on)}到期，剩余${left}天${r.person ? `，责任人：${r.person}` : ''}`,
      });
    });
  },
});
