import { defineRule } from '../types.ts';
import { addDays, daysBetween } from '../dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 信访即将到期: a reminder before the 办理期限. */
export default defineRule({
  id: 'petition.dueSoon',
  title: '信访事项即将到期',
  severity: 'info',
  source: { name: '《信访工作条例》', article: '第三十二条（60日内办结）', level: 'national' },
  ledgers: ['petition'],
  ledger: 'petition',
  perRecord: true,
  params: {
    days: { label: '提前提醒天数', default: 7, unit: '日' },
    closeDays: { label: '办结期限（未填期限时自登记日起）', default: 60, unit: '日' },
  },
  description: '距办理期限不足7天仍未办结的信访事项。',
  async check(ctx) {
    const horizon = addDays(ctx.date, ctx.params.days);
    const rows = await recordsIn(ctx, 'petition')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on', 'r.due_on', 'r.person'])
      .where('r.date_on', '<=', ctx.date)
      .where((eb) => eb.or([eb('r.status', 'is', null), eb('r.status', '!=', 'closed'), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]))
      .where((eb) => eb.or([eb.and([eb('r.due_on', '>=', ctx.date), eb('r.due_on', '<=', horizon)]), eb('r.due_on', 'is', null)]))
      .execute();
    const out = [];
    for (const r of rows) {
      const due = r.due_on ?? addDays(r.date_on!, ctx.params.closeDays);
      if (due < ctx.date || due > horizon) continue;
      out.push(finding(this.id, r, ctx, { severity: 'info', dueOn: due, message: `信访事项${quote(r.title)}将于${zhDate(due)}到期，剩余${daysBetween(ctx.date, due)}天${r.person ? `，包案领导：${r.person}` : ''}` }));
    }
    return out;
  },
});
