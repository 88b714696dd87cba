import { defineAlertRule } from '../types.ts';
import { addMonths, daysBetween, isDate } from '../../shared/dates.ts';
import { parseJson } from '../../db/kysely.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 上级党委在支部大会通过后3个月内审批（特殊情况不超过6个月）. */
export default defineAlertRule({
  id: 'development.approvalOverdue',
  title: '接收预备党员审批逾期',
  severity: 'warning',
  source: {
    cites: [{ name: '《中国共产党发展党员工作细则》' }],
    says: '上级党委对接收预备党员的决议应当在三个月内审批，特殊情况可适当延长，最长不超过六个月',
    level: 'national',
  },
  ledgers: ['development'],
  ledger: 'development',
  perRecord: true,
  params: {
    months: { label: '审批期限', default: 3, unit: '月' },
    maxMonths: { label: '最长期限', default: 6, unit: '月' },
  },
  description: '支部大会通过接收预备党员后超过3个月上级党委仍未审批（超过6个月为违规），或审批晚于期限。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'development')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date_on', 'r.data'])
      .where('r.date_on', 'is not', null)
      .where('r.date_on', '<', ctx.date)
      .execute();
    const out = [];
    for (const r of rows) {
      const d = parseJson<Record<string, unknown>>(r.data);
      const due = addMonths(r.date_on!, ctx.params.months);
      const hard = addMonths(r.date_on!, ctx.params.maxMonths);
      const approved = isDate(d.approvedOn) && d.approvedOn <= ctx.date ? d.approvedOn : null;
      if (isDate(d.terminatedOn) && d.terminatedOn <= ctx.date) continue;
      if (!approved && ctx.date > due) {
        const severe = ctx.date > hard;
        out.push(
          finding(this.id, r, ctx, {
            severity: severe ? 'error' : 'warning',
            dueOn: due,
            message: `${quote(r.title)}于${zhDate(r.date_on)}经支部大会通过接收为预备党员，上级党委应在${zhDate(due)}前审批，已超过${daysBetween(due, ctx.date)}天仍未审批${severe ? '（已超过6个月）' : ''}`,
          }),
        );
      } else if (approved && approved > due) {
        out.push(
          finding(this.id, r, ctx, {
            severity: approved > hard ? 'error' : 'info',
            dueOn: due,
            message: `${quote(r.title)}的接收预备党员审批于${zhDate(approved)}作出，超过3个月期限（${zhDate(due)}）`,
          }),
        );
      }
    }
    return out;
  },
});
