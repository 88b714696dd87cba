import { defineAlertRule } from '../types.ts';
import { addDays, lastDayOfMonth } from '../../shared/dates.ts';
import type { RuleContext } from '../types.ts';
import { applies, loadHeld, loadRequirements, loadUnits } from '../compliance.ts';
import { evaluate } from '../compliance-table.ts';
import { liveRecords, zhDate } from './helpers.ts';

/**
 * 组织生活未按期开展: against the compliance calendar, every cycle of the last 12 months that
 * ended without the expected meetings (支委会、党小组会、主题党日 monthly; 党课 quarterly;
 * 组织生活会、民主评议 yearly; 中心组学习 monthly at town level), and the yearly items not
 * yet held from the quarter they are due in (组织生活会: from 1 October).
 */
export default defineAlertRule({
  id: 'compliance.shortfall',
  title: '组织生活未按期开展',
  severity: 'warning',
  source: {
    cites: [{ name: '《中国共产党支部工作条例（试行）》', article: '第十一条、第十二条、第十七条' }],
    says: '党员大会一般每季度1次，支委会一般每月1次，组织生活会每年至少1次；党小组会、党课、主题党日、民主评议的频次按“三会一课”等制度，县里可调整',
    level: 'national',
  },
  ledgers: ['branchMeeting', 'activity', 'partyMember'],
  ledger: 'branchMeeting',
  params: { lookbackMonths: { label: '回溯月数', default: 12, unit: '月' } },
  description:
    '按合规日历核对各党支部（及镇党委中心组）近12个月每个周期应开未开的会议；年度事项自应召开季度起提示。支部党员大会的本季度提醒见 branch.noMemberAssembly。',
  async check(ctx) {
    const root = ctx.orgs.root;
    const from = `${addDays(ctx.date, -31 * ctx.params.lookbackMonths).slice(0, 7)}-01`;
    const reqs = await loadRequirements(ctx.db);
    const held = await loadHeld(ctx.db, root, from.slice(0, 4) + '-01-01', ctx.date);
    const units = await loadUnits(ctx.db, ctx.orgs.list, root);
    const starts = await ledgerStarts(ctx);
    const out = [];
    for (const u of units) {
      const town = u.org.townId ?? u.org.id;
      for (const req of reqs.filter((r) => applies(r, u))) {
        // A town is checked from the month it started keeping the ledger (no noise before the data begins).
        const start = starts.get(`${town}|${req.level === 'town' ? 'activity' : 'branchMeeting'}`);
        if (!start) continue;
        const cell = evaluate(req, u.org.id, held, from, ctx.date, ctx.date);
        for (const c of cell.missed) {
          if (cycleEnd(c) < start) continue;
          out.push({
            key: `${this.id}:${u.org.id}:${req.kind}:${c}`,
            orgId: u.org.id,
            townId: u.org.townId ?? u.org.id,
            recordId: null,
            severity: 'warning' as const,
            dueOn: null,
            message: req.count > 1 ? `${u.org.name}${cycleText(c)}${req.label}不足${req.count}次` : `${u.org.name}${cycleText(c)}未召开${req.label}`,
          });
        }
        if (cell.dueCycle && req.cycle === 'year') {
          const y = cell.dueCycle;
          out.push({
            key: `${this.id}:${u.org.id}:${req.kind}:${y}:due`,
            orgId: u.org.id,
            townId: u.org.townId ?? u.org.id,
            recordId: null,
            severity: 'info' as const,
            dueOn: `${y}-12-31`,
            message: `${u.org.name}${y}年尚未召开${req.label}，请在${zhDate(`${y}-12-31`)}前完成`,
          });
        }
      }
    }
    return out;
  },
});

/** The first month with records per town and ledger ('YYYY-MM-01'). */
async function ledgerStarts(ctx: RuleContext): Promise<Map<string, string>> {
  const q = liveRecords(ctx)
    .select(['r.town_id', 'r.ledger', (eb) => eb.fn.min<string>('r.date_on').as('first')])
    .where((eb) => eb.or([eb('r.ledger', '=', 'branchMeeting'), eb.and([eb('r.ledger', '=', 'activity'), eb('r.kind', '=', 'centerGroupStudy')])]))
    .groupBy(['r.town_id', 'r.ledger']);
  return new Map((await q.execute()).filter((r) => r.first).map((r) => [`${r.town_id}|${r.ledger}`, `${String(r.first).slice(0, 7)}-01`]));
}

/** The last day of a cycle id (2023-08, 2023Q3, 2023). */
function cycleEnd(c: string): string {
  if (/^\d{4}$/.test(c)) return `${c}-12-31`;
  const q = /^(\d{4})Q(\d)$/.exec(c);
  if (q) return lastDayOfMonth(`${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}`);
  return lastDayOfMonth(c);
}

function cycleText(c: string): string {
  if (/^\d{4}$/.test(c)) return `${c}年`;
  const q = /^(\d{4})Q(\d)$/.exec(c);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${c.slice(0, 4)}年${Number(c.slice(5, 7))}月`;
}
