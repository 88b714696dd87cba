import { defineAlertRule } from '../types.ts';
import { ESTIMATE_NOTE } from '../calendar.ts';
import { finding, recordsIn, zhDate } from './helpers.ts';

/**
 * 函询: the written reply is due within 15 working days of the letter's receipt (weekends and
 * holidays excluded). Without a recorded receipt date the letter's date stands in, and the
 * alert says so; past the last known holiday year the count is an estimate, and it says so too.
 */
export default defineAlertRule({
  id: 'talk.inquiryReplyOverdue',
  title: '函询逾期未回复',
  severity: 'error',
  source: { cites: [{ name: '《中国共产党纪律检查机关监督执纪工作规则》' }], says: '被函询人应当在收到函件后15个工作日内写出说明材料', level: 'national' },
  ledgers: ['talk'],
  ledger: 'talk',
  perRecord: true,
  params: { workdays: { label: '回复期限（自收函之日起）', default: 15, unit: '工作日' } },
  description: '收到函询后15个工作日（按法定节假日和调休计算）仍未书面回复；回复晚于期限的给出提示。未录入收函日期的按发函日期计算，并在预警中注明。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'talk')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on', 'r.date2', 'r.done_on'])
      .where('r.kind', '=', 'inquiry')
      .where((eb) => eb.or([eb('r.date2', '<', ctx.date), eb.and([eb('r.date2', 'is', null), eb('r.date_on', '<', ctx.date)])]))
      .execute();
    const n = ctx.params.workdays;
    const out = [];
    for (const r of rows) {
      const received = r.date2 ?? r.date_on!;
      const due = ctx.calendar.addWorkdays(received, n);
      const replied = r.done_on && r.done_on <= ctx.date ? r.done_on : null;
      const subject = r.title ? `“${r.title}”` : '';
      const from = r.date2 ? `${zhDate(received)}收到的函询${subject}` : `函询${subject}未录入收函日期，按发函日期${zhDate(received)}计算，`;
      const notes = ctx.calendar.estimated(received, replied ?? (ctx.date > due ? ctx.date : due)) ? `（${ESTIMATE_NOTE}）` : '';
      if (!replied && ctx.date > due) {
        out.push(
          finding(this.id, r, ctx, {
            severity: 'error',
            dueOn: due,
            message: `${from}应在${n}个工作日内（${zhDate(due)}前）书面回复，已逾期${ctx.calendar.workdaysBetween(due, ctx.date)}个工作日未回复${notes}`,
          }),
        );
      } else if (replied && replied > due) {
        out.push(finding(this.id, r, ctx, { severity: 'info', dueOn: due, message: `${from}于${zhDate(replied)}回复，晚于期限${zhDate(due)}${notes}` }));
      }
    }
    return out;
  },
});
