import { defineAlertRule } from '../types.ts';
import { addMonths, daysBetween, isDate } from '../../shared/dates.ts';
import { parseJson } from '../../db/kysely.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 预备期一年；延长只能一次，不少于半年、不超过一年；期满应及时讨论转正. */
export default defineAlertRule({
  id: 'development.probation',
  title: '预备期届满未讨论转正或延长不合规',
  severity: 'warning',
  source: {
    cites: [{ name: '《中国共产党章程》', article: '第七条' }, { name: '《中国共产党发展党员工作细则》' }],
    says: '预备期为一年，期满应及时讨论能否转正；需要继续考察的可以延长预备期，不少于半年，最长不超过一年',
    level: 'national',
  },
  ledgers: ['development'],
  ledger: 'development',
  perRecord: true,
  params: {
    months: { label: '预备期', default: 12, unit: '月' },
    minExtension: { label: '延长最短', default: 6, unit: '月' },
    maxExtension: { label: '延长最长', default: 12, unit: '月' },
    graceDays: { label: '期满后讨论宽限', default: 30, unit: '日' },
  },
  description: '延长预备期不在6至12个月之间为违规；预备期（含延长）届满超过30天仍未转正或取消资格时预警。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'development')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date_on', 'r.done_on', 'r.n1', 'r.data'])
      .where('r.date_on', 'is not', null)
      .where('r.date_on', '<=', ctx.date)
      .execute();
    const out = [];
    for (const r of rows) {
      const ext = Number(r.n1 ?? 0);
      if (ext > 0 && (ext < ctx.params.minExtension || ext > ctx.params.maxExtension)) {
        out.push(
          finding(this.id, r, ctx, {
            severity: 'error',
            suffix: 'extension',
            message: `${quote(r.title)}延长预备期${ext}个月，不符合“不少于半年、不超过一年”的规定`,
          }),
        );
      }
      const d = parseJson<Record<string, unknown>>(r.data);
      const closed = (r.done_on && r.done_on <= ctx.date) || (isDate(d.terminatedOn) && d.terminatedOn <= ctx.date);
      if (closed) continue;
      const end = addMonths(r.date_on!, ctx.params.months + ext);
      const limit = addMonths(end, 0);
      const late = daysBetween(limit, ctx.date);
      if (late > ctx.params.graceDays) {
        out.push(
          finding(this.id, r, ctx, { severity: 'warning', dueOn: end, message: `${quote(r.title)}的预备期已于${zhDate(end)}届满，超过${late}天仍未讨论转正` }),
        );
      }
    }
    return out;
  },
});
