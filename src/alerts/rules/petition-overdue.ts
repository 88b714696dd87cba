import { defineAlertRule } from '../types.ts';
import { addDays, daysBetween } from '../../shared/dates.ts';
import { finding, openPetitions, petitionBasis, quote, zhDate } from './helpers.ts';

/** 信访逾期: not closed by the date, 60 days after 受理 (plus an approved extension) have passed. */
export default defineAlertRule({
  id: 'petition.overdue',
  title: '信访事项逾期未办结',
  severity: 'error',
  source: {
    cites: [{ name: '《信访工作条例》（2022）', article: '第三十四条' }],
    says: '自受理之日起60日内办结；情况复杂的，经本机关、单位负责人批准可以延长，延长期限不得超过30日，并告知信访人延期理由',
    level: 'national',
  },
  ledgers: ['petition'],
  ledger: 'petition',
  perRecord: true,
  params: {
    closeDays: { label: '办结期限（自受理之日起）', default: 60, unit: '日' },
    maxExtensionDays: { label: '经批准延长最多', default: 30, unit: '日' },
  },
  description: '自受理之日起60日（经批准延期的再加延长天数，至多30日）仍未办结的信访事项；未录入受理日期的按登记日期起算，并在预警中注明。',
  async check(ctx) {
    // Overdue means base + closeDays + extension < date: the base lies before date − closeDays.
    const rows = await openPetitions(ctx, addDays(ctx.date, -ctx.params.closeDays - 1));
    return rows
      .filter((r) => r.deadline.due < ctx.date)
      .map((r) =>
        finding(this.id, r, ctx, {
          severity: 'error',
          dueOn: r.deadline.due,
          message: `信访事项${quote(r.title)}办理期限为${zhDate(r.deadline.due)}${petitionBasis(r.deadline)}，已逾期${daysBetween(r.deadline.due, ctx.date)}天未办结${r.person ? `，包案领导：${r.person}` : ''}`,
        }),
      );
  },
});
