import { defineRule } from '../types.ts';
import { addDays, daysBetween } from '../dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 登记后15日内转送、交办或告知受理: a petition still without 受理 more than 15 days after registration. */
export default defineRule({
  id: 'petition.acceptanceOverdue',
  title: '信访事项逾期未转送/告知受理',
  severity: 'warning',
  source: { name: '《信访工作条例》', article: '第二十二条、第三十条（登记之日起15日内转送交办，15日内告知是否受理）', level: 'national' },
  ledgers: ['petition'],
  ledger: 'petition',
  perRecord: true,
  params: { days: { label: '转送/告知期限', default: 15, unit: '日' } },
  description: '登记超过15日仍未转送交办或书面告知信访人是否受理。',
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
        message: `信访事项${quote(r.title)}于${zhDate(r.date_on)}登记，应在${zhDate(due)}前转送交办或告知受理，已超过${daysBetween(due, ctx.date)}天`,
      });
    });
  },
});
