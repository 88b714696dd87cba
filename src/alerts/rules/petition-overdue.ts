import { sql } from 'kysely';
import { defineRule } from '../types.ts';
import { addDays, daysBetween } from '../dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 信访逾期: not closed by the date, and its 办理期限 (dueOn, or receivedOn + 60 days) has passed. */
export default defineRule({
  id: 'petition.overdue',
  title: '信访事项逾期未办结',
  severity: 'error',
  source: { name: '《信访工作条例》', article: '第三十二条（受理之日起60日内办结，经批准可延长不超过30日）', level: 'national' },
  ledgers: ['petition'],
  ledger: 'petition',
  perRecord: true,
  params: { closeDays: { label: '办结期限（未填期限时自登记日起）', default: 60, unit: '日' } },
  description: '超过办理期限仍未办结的信访事项（经批准延期的以延长后的期限为准）。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'petition')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on', 'r.due_on', 'r.person'])
      .where('r.date_on', '<=', ctx.date)
      .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'closed'), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]))
      // Prefilter: the due date (or the receipt date + 60) lies before the as-of date.
      .where((eb) => eb.or([eb('r.due_on', '<', ctx.date), eb.and([eb('r.due_on', 'is', null), eb('r.date_on', '<', addDays(ctx.date, -ctx.params.closeDays))])]))
      .orderBy(sql`r.id`)
      .execute();
    return rows.map((r) => {
      const due = r.due_on ?? addDays(r.date_on!, ctx.params.closeDays);
      return finding(this.id, r, ctx, {
        severity: 'error',
        dueOn: due,
        message: `信访事项${quote(r.title)}（${zhDate(r.date_on)}登记）办理期限为${zhDate(due)}，已逾期${daysBetween(due, ctx.date)}天未办结${r.person ? `，包案领导：${r.person}` : ''}`,
      });
    });
  },
});
