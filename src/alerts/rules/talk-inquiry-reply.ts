import { defineRule } from '../types.ts';
import { finding, recordsIn, zhDate } from './helpers.ts';

/** 函询: the written reply is due within 15 working days of receipt (weekends and holidays excluded). */
export default defineRule({
  id: 'talk.inquiryReplyOverdue',
  title: '函询逾期未回复',
  severity: 'error',
  source: { name: '《中国共产党纪律检查机关监督执纪工作规则》', article: '第二十三条（被函询人应当在收到函件后15个工作日内写出书面说明）', level: 'national' },
  ledgers: ['talk'],
  ledger: 'talk',
  perRecord: true,
  params: { workdays: { label: '回复期限', default: 15, unit: '工作日' } },
  description: '收到函询后15个工作日（按法定节假日和调休计算）仍未书面回复；回复晚于期限的给出提示。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'talk')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on', 'r.done_on'])
      .where('r.kind', '=', 'inquiry')
      .where('r.date_on', '<', ctx.date)
      .execute();
    const out = [];
    for (const r of rows) {
      const due = ctx.calendar.addWorkdays(r.date_on!, ctx.params.workdays);
      const replied = r.done_on && r.done_on <= ctx.date ? r.done_on : null;
      const subject = r.title ? `“${r.title}”` : '';
      if (!replied && ctx.date > due) {
        out.push(finding(this.id, r, ctx, { severity: 'error', dueOn: due, message: `${zhDate(r.date_on)}发出的函询${subject}应在15个工作日内（${zhDate(due)}前）书面回复，已逾期${ctx.calendar.workdaysBetween(due, ctx.date)}个工作日未回复` }));
      } else if (replied && replied > due) {
        out.push(finding(this.id, r, ctx, { severity: 'info', dueOn: due, message: `${zhDate(r.date_on)}发出的函询${subject}于${zhDate(replied)}回复，晚于期限${zhDate(due)}` }));
      }
    }
    return out;
  },
});
