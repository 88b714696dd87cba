import { defineAlertRule } from '../types.ts';
import { addDays, daysBetween } from '../../shared/dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 登记后15日内书面告知接收情况及处理途径 (受理): a petition still without 受理 more than 15 days after registration. */
export default defineAlertRule({
  id: 'petition.acceptanceOverdue',
  title: '信访事项逾期未告知受理',
  severity: 'warning',
  source: {
    cites: [{ name: '《信访工作条例》（2022）', article: '第二十三条' }],
    says: '收到信访事项应当登记，并在15日内书面告知信访人接收情况以及处理途径和程序',
    level: 'national',
  },
  ledgers: ['petition'],
  ledger: 'petition',
  perRecord: true,
  params: { days: { label: '告知期限', default: 15, unit: '日' } },
  description: '登记超过15日仍未受理、未书面告知信访人接收情况以及处理途径和程序的信访事项。',
  async check(ctx) {
    const last = addDays(ctx.date, -ctx.params.days - 1); // registered on or before: the deadline is before the date
    const rows = await recordsIn(ctx, 'petition')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on'])
      .where('r.date_on', '<=', last)
      .where((eb) => eb.or([eb('r.date2', 'is', null), eb('r.date2', '>', ctx.date)]))
      .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'closed'), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]))
      .execute();
    return rows.map((r) => {
      const due = addDays(r.date_on!, ctx.params.days);
      return finding(this.id, r, ctx, {
        severity: 'warning',
        dueOn: due,
        message: `信访事项${quote(r.title)}于${zhDate(r.date_on)}登记，应在${zhDate(due)}前书面告知信访人接收情况及处理途径（受理），已超过${daysBetween(due, ctx.date)}天`,
      });
    });
  },
});
