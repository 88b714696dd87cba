import { defineAlertRule } from '../types.ts';
import { addMonths, monthsBetween } from '../../shared/dates.ts';
import { joined, liveRecords, zhDate } from './helpers.ts';

/**
 * 党费欠交: per member of a branch that keeps the 党费 ledger, the months of the last year (up
 * to last month) with no payment. Three or more → warning; six consecutive → 自行脱党 risk.
 */
export default defineAlertRule({
  id: 'dues.arrears',
  title: '党员欠交党费',
  severity: 'warning',
  source: { cites: [{ name: '《中国共产党章程》', article: '第九条' }], says: '党员没有正当理由，连续六个月不交纳党费，就被认为是自行脱党', level: 'national' },
  ledgers: ['dues', 'partyMember'],
  ledger: 'dues',
  params: {
    warnMonths: { label: '累计欠交预警月数', default: 3, unit: '月' },
    lapseMonths: { label: '连续欠交视为脱党风险月数', default: 6, unit: '月' },
    lookbackMonths: { label: '回溯月数', default: 12, unit: '月' },
  },
  description: '党员在近12个月（截至上月）未交党费的月份：1–2个月提示，累计3个月以上预警，连续6个月提示自行脱党风险。仅检查建有党费台账的支部。',
  async check(ctx) {
    const root = ctx.orgs.root;
    const lastMonth = addMonths(`${ctx.date.slice(0, 7)}-01`, -1).slice(0, 7);
    const firstMonth = addMonths(`${lastMonth}-01`, -(ctx.params.lookbackMonths - 1)).slice(0, 7);
    // When a branch started keeping the ledger is read from the whole town (a partition, not an access decision).
    const scoped = <T extends { where: (...a: any[]) => T }>(q: T): T => (root.townId ? q.where('r.town_id', '=', root.townId) : q);
    const paidRows = await liveRecords(ctx)
      .select(['r.org_id', 'r.person', joined(ctx, 'r.sub').as('months')])
      .where('r.ledger', '=', 'dues')
      .where('r.sub', '>=', firstMonth)
      .where('r.sub', '<=', lastMonth)
      .where('r.date_on', '<=', ctx.date)
      .where((eb) => eb.or([eb('r.n2', '>', 0), eb('r.n2', 'is', null)]))
      .groupBy(['r.org_id', 'r.person'])
      .execute();
    if (!paidRows.length) return [];
    const paid = paidRows.flatMap((p) =>
      String(p.months)
        .split(',')
        .map((sub) => ({ org_id: p.org_id, person: p.person, sub })),
    );
    // A branch is checked from the first month it kept the ledger.
    const starts = await scoped(
      ctx.db
        .selectFrom('records as r')
        .select(['r.org_id', (eb) => eb.fn.min<string>('r.sub').as('first')])
        .where('r.ledger', '=', 'dues')
        .where('r.deleted_at', 'is', null)
        .where('r.org_id', 'in', [...new Set(paid.map((p) => p.org_id))])
        .groupBy('r.org_id'),
    ).execute();
    const keeps = new Map(starts.map((s) => [s.org_id, String(s.first)]));
    const paidBy = new Set(paid.map((p) => `${p.org_id}|${p.person}|${p.sub}`));
    const members = await liveRecords(ctx)
      .select(['r.id', 'r.town_id', 'r.org_id', 'r.ref_org_id', 'r.title', 'r.date_on', 'r.status', 'r.done_on'])
      .where('r.ledger', '=', 'partyMember')
      .where('r.date_on', '<=', ctx.date)
      .where('r.ref_org_id', 'in', [...keeps.keys()])
      .execute();
    const out = [];
    for (const m of members) {
      const branch = m.ref_org_id ?? m.org_id;
      if (!keeps.has(branch)) continue;
      if ((m.status === 'transferredOut' || m.status === 'deceased') && (!m.done_on || m.done_on <= ctx.date)) continue;
      const from = [m.date_on!.slice(0, 7), firstMonth, keeps.get(branch)!].sort().at(-1)!;
      if (from > lastMonth) continue;
      const months = monthsBetween(`${from}-01`, `${lastMonth}-01`);
      const unpaid = months.filter((mo) => !paidBy.has(`${branch}|${m.title}|${mo}`));
      if (!unpaid.length) continue;
      let run = 0;
      let best = 0;
      for (const mo of months) {
        run = unpaid.includes(mo) ? run + 1 : 0;
        best = Math.max(best, run);
      }
      const lapse = best >= ctx.params.lapseMonths;
      const severity = lapse ? ('error' as const) : unpaid.length >= ctx.params.warnMonths ? ('warning' as const) : ('info' as const);
      const list = unpaid.length > 4 ? `${unpaid.slice(0, 4).join('、')}等${unpaid.length}个月` : unpaid.join('、');
      out.push({
        key: `${this.id}:${m.id}`,
        orgId: branch,
        townId: m.town_id,
        recordId: m.id,
        severity,
        dueOn: null,
        message: `${m.title}（${ctx.orgs.byId.get(branch)?.name ?? ''}）截至${zhDate(ctx.date)}欠交党费：${list}${lapse ? `；已连续${best}个月未交纳，存在自行脱党风险，请支部及时谈话了解情况` : ''}`,
      });
    }
    return out;
  },
});
