import { defineAlertRule } from '../types.ts';
import { addDays, daysBetween } from '../../shared/dates.ts';
import { finding, openPetitions, petitionBasis, quote, zhDate } from './helpers.ts';

/** 信访即将到期: a reminder before the 办理期限 (60 days from 受理, plus an approved extension). */
export default defineAlertRule({
  id: 'petition.dueSoon',
  title: '信访事项即将到期',
  severity: 'info',
  source: { cites: [{ name: '《信访工作条例》（2022）', article: '第三十四条' }], says: '自受理之日起60日内办结（经批准延长的不超过30日）', level: 'national' },
  ledgers: ['petition'],
  ledger: 'petition',
  perRecord: true,
  params: {
    days: { label: '提前提醒天数', default: 7, unit: '日' },
    closeDays: { label: '办结期限（自受理之日起）', default: 60, unit: '日' },
    maxExtensionDays: { label: '经批准延长最多', default: 30, unit: '日' },
  },
  description: '距办理期限不足7天仍未办结的信访事项（期限自受理之日起算，未录入受理日期的按登记日期）。',
  async check(ctx) {
    const horizon = addDays(ctx.date, ctx.params.days);
    const rows = await openPetitions(ctx, addDays(horizon, -ctx.params.closeDays));
    return rows
      .filter((r) => r.deadline.due >= ctx.date && r.deadline.due <= horizon)
      .map((r) =>
        finding(this.id, r, ctx, {
          severity: 'info',
          dueOn: r.deadline.due,
          message: `信访事项${quote(r.title)}将于${zhDate(r.deadline.due)}到期${petitionBasis(r.deadline)}，剩余${daysBetween(ctx.date, r.deadline.due)}天${r.person ? `，包案领导：${r.person}` : ''}`,
        }),
      );
  },
});
