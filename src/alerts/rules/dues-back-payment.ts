import { sql } from 'kysely';
import { defineAlertRule } from '../types.ts';
import { addMonths } from '../../shared/dates.ts';
import { finding, recordsIn, zhDate } from './helpers.ts';

/** 补交党费一般不超过6个月: a payment made more than 6 months after the month it belongs to. */
export default defineAlertRule({
  id: 'dues.backPayment',
  title: '补交党费超过6个月',
  severity: 'warning',
  source: { cites: [{ name: '《关于中国共产党党费收缴、使用和管理的规定》（中组部，2008）' }], says: '补交党费的时间一般不超过6个月', level: 'national' },
  ledgers: ['dues'],
  ledger: 'dues',
  perRecord: true,
  params: { months: { label: '补交期限', default: 6, unit: '月' } },
  description: '交纳日期晚于所属月份6个月以上的补交记录。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'dues')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.person', 'r.sub', 'r.date_on'])
      .where('r.date_on', 'is not', null)
      .where('r.date_on', '<=', ctx.date)
      .where('r.sub', 'is not', null)
      // Only payments made in a later month than the one they belong to can be back payments.
      .where(sql<string>`substr(r.date_on, 1, 7)`, '>', (eb) => eb.ref('r.sub'))
      .execute();
    const out = [];
    for (const r of rows) {
      const limit = addMonths(`${r.sub}-01`, ctx.params.months + 1); // the month itself, then 6 more
      if (r.date_on! >= limit) {
        out.push(finding(this.id, r, ctx, { severity: 'warning', message: `${r.person ?? ''}${r.sub}月党费于${zhDate(r.date_on)}补交，超过6个月` }));
      }
    }
    return out;
  },
});
