import { parseJson } from '../../db/kysely.ts';
import { defineAlertRule } from '../types.ts';
import { addMonths, isDate } from '../../shared/dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 入党积极分子经过一年以上培养教育和考察，方可列为发展对象. */
export default defineAlertRule({
  id: 'development.activistPeriod',
  title: '积极分子培养不满一年即列为发展对象',
  severity: 'error',
  source: {
    cites: [{ name: '《中国共产党发展党员工作细则》', article: '第十三条' }],
    says: '经过一年以上培养教育和考察的入党积极分子，方可列为发展对象',
    level: 'national',
  },
  ledgers: ['development'],
  ledger: 'development',
  perRecord: true,
  params: { months: { label: '最短培养期', default: 12, unit: '月' } },
  description: '确定为发展对象的日期早于确定为积极分子满一年之日。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'development').select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.data']).execute();
    const out = [];
    for (const r of rows) {
      const d = parseJson<Record<string, unknown>>(r.data);
      if (!isDate(d.activistOn) || !isDate(d.candidateOn) || d.candidateOn > ctx.date) continue;
      const earliest = addMonths(d.activistOn, ctx.params.months);
      if (d.candidateOn < earliest) {
        out.push(
          finding(this.id, r, ctx, {
            severity: 'error',
            message: `${quote(r.title)}于${zhDate(d.activistOn)}确定为入党积极分子，${zhDate(d.candidateOn)}即列为发展对象，培养考察不满一年（最早应为${zhDate(earliest)}）`,
          }),
        );
      }
    }
    return out;
  },
});
