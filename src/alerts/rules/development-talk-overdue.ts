import { parseJson } from '../../db/kysely.ts';
import { defineAlertRule } from '../types.ts';
import { addMonths, daysBetween, isDate } from '../../shared/dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 收到入党申请书后1个月内派人谈话. */
export default defineAlertRule({
  id: 'development.talkOverdue',
  title: '入党申请人谈话逾期',
  severity: 'warning',
  source: {
    cites: [{ name: '《中国共产党发展党员工作细则》', article: '第七条' }],
    says: '党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话',
    level: 'national',
  },
  ledgers: ['development'],
  ledger: 'development',
  perRecord: true,
  params: { months: { label: '谈话期限', default: 1, unit: '月' } },
  description: '收到入党申请书超过1个月仍未谈话，或谈话晚于期限。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'development')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date2', 'r.data'])
      .where('r.date2', 'is not', null)
      .where('r.date2', '<', ctx.date)
      .execute();
    const out = [];
    for (const r of rows) {
      const d = parseJson<Record<string, unknown>>(r.data);
      if (isDate(d.terminatedOn) && d.terminatedOn <= ctx.date) continue;
      const due = addMonths(r.date2!, ctx.params.months);
      const talked = isDate(d.talkedOn) && d.talkedOn <= ctx.date ? d.talkedOn : null;
      if (!talked && ctx.date > due) {
        out.push(
          finding(this.id, r, ctx, {
            severity: 'warning',
            dueOn: due,
            message: `${quote(r.title)}于${zhDate(r.date2)}递交入党申请书，应在${zhDate(due)}前派人谈话，已超过${daysBetween(due, ctx.date)}天仍无谈话记录`,
          }),
        );
      } else if (talked && talked > due) {
        out.push(
          finding(this.id, r, ctx, { severity: 'info', dueOn: due, message: `${quote(r.title)}的入党谈话于${zhDate(talked)}进行，晚于期限${zhDate(due)}` }),
        );
      }
    }
    return out;
  },
});
