import { parseJson } from '../../db/kysely.ts';
import { defineAlertRule } from '../types.ts';
import { addMonths, daysBetween } from '../../shared/dates.ts';
import { finding, quote, recordsIn, zhDate } from './helpers.ts';

/** 矛盾纠纷一般在一个月内调结; unless both parties agree to continue. */
export default defineAlertRule({
  id: 'dispute.overdue',
  title: '矛盾纠纷超期未调结',
  severity: 'warning',
  source: { cites: [{ name: '《人民调解工作若干规定》（司法部，2002）' }], says: '人民调解委员会调解纠纷，一般在一个月内调结', level: 'national' },
  ledgers: ['dispute'],
  ledger: 'dispute',
  perRecord: true,
  params: { months: { label: '调结期限', default: 1, unit: '月' } },
  description: '登记超过一个月仍未化解或移交，且没有双方当事人同意继续调解的记录。',
  async check(ctx) {
    const rows = await recordsIn(ctx, 'dispute')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.title', 'r.date_on', 'r.person', 'r.data'])
      .where('r.date_on', '<', addMonths(ctx.date, -ctx.params.months))
      .where((eb) =>
        eb.or([eb('r.status', 'is', null), eb('r.status', 'not in', ['resolved', 'referred']), eb('r.done_on', 'is', null), eb('r.done_on', '>', ctx.date)]),
      )
      .execute();
    const out = [];
    for (const r of rows) {
      const d = parseJson<Record<string, unknown>>(r.data);
      if (d.bothPartiesAgreeToContinue === true) continue;
      const due = addMonths(r.date_on!, ctx.params.months);
      if (ctx.date <= due) continue;
      out.push(
        finding(this.id, r, ctx, {
          severity: 'warning',
          dueOn: due,
          message: `矛盾纠纷${quote(r.title || '（未填简况）')}于${zhDate(r.date_on)}登记，已超过一个月调结期限${daysBetween(due, ctx.date)}天仍未化解${r.person ? `，调解员：${r.person}` : ''}；如双方同意继续调解，请在台账中注明`,
        }),
      );
    }
    return out;
  },
});
