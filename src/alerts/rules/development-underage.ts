import { defineAlertRule } from '../types.ts';
import { ageOn } from '../../shared/dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 入党申请人须年满18岁 (on the application date). */
export default defineAlertRule({
  id: 'development.underage',
  title: '申请入党时未满18周岁',
  severity: 'error',
  source: { cites: [{ name: '《中国共产党发展党员工作细则》', article: '第五条' }], says: '年满十八岁方可申请入党', level: 'national' },
  ledgers: ['development'],
  ledger: 'development',
  perRecord: true,
  params: { minAge: { label: '最低年龄', default: 18, unit: '岁' } },
  description: '递交入党申请书之日未满18周岁。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'development')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date2', 'r.date3'])
      .where('r.date2', 'is not', null)
      .where('r.date3', 'is not', null)
      .where('r.date2', '<=', ctx.date)
      .execute();
    return rows
      .filter((r) => ageOn(r.date3!, r.date2!) < ctx.params.minAge)
      .map((r) =>
        finding(this.id, r, ctx, {
          severity: 'error',
          message: `${quote(r.title)}于${zhDate(r.date2)}递交入党申请书时${ageOn(r.date3!, r.date2!)}周岁，未满${ctx.params.minAge}周岁`,
        }),
      );
  },
});
