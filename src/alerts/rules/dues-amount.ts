import { defineAlertRule } from '../types.ts';
import { sql } from 'kysely';
import { finding, jsonNumber, recordsIn } from './helpers.ts';

/**
 * 党费应交额: 在职 0.5%/1%/1.5%/2% of the whole monthly base (≤3000, ≤5000, ≤10000, above);
 * 离退休 0.5% (≤5000) or 1%; 农民 0.2–1 元; 学生、下岗失业、低保 0.2 元. A recorded `due`
 * that differs, or a payment below it, is flagged.
 */
export function expectedDue(category: string | null, base: number | null, p: Record<string, number>): { min: number; max: number } | null {
  const r = (x: number) => Math.round(x * 100) / 100;
  if (category === '农民') return { min: p.farmerMin, max: p.farmerMax };
  if (category === '学生' || category === '低保/下岗失业') return { min: p.minimal, max: p.minimal };
  if (base == null) return null;
  if (category === '离退休') {
    const v = r(base * (base <= p.retiredBracket ? 0.005 : 0.01));
    return { min: v, max: v };
  }
  if (category === '在职' || category == null) {
    const rate = base <= 3000 ? 0.005 : base <= 5000 ? 0.01 : base <= 10000 ? 0.015 : 0.02;
    const v = r(base * rate);
    return { min: v, max: v };
  }
  return null;
}

export default defineAlertRule({
  id: 'dues.amount',
  title: '党费应交额或实交额有误',
  severity: 'warning',
  source: {
    cites: [{ name: '《关于中国共产党党费收缴、使用和管理的规定》（中组部，2008）' }],
    says: '按月工资收入基数分档按比例交纳；农民党员每月0.2–1元，学生、下岗失业、依靠抚恤或救济、领取低保的党员每月0.2元',
    level: 'national',
  },
  ledgers: ['dues'],
  ledger: 'dues',
  perRecord: true,
  params: {
    farmerMin: { label: '农民党员最低', default: 0.2, unit: '元' },
    farmerMax: { label: '农民党员最高', default: 1, unit: '元' },
    minimal: { label: '学生、低保等', default: 0.2, unit: '元' },
    retiredBracket: { label: '离退休0.5%档上限', default: 5000, unit: '元' },
  },
  description: '按人员类别和计算基数核算的应交额与登记的应交额不一致，或实交少于应交。',
  async check(ctx) {
    const p = ctx.params;
    const b = jsonNumber(ctx, 'baseIncome');
    // A loose prefilter in SQL (no row leaves the database unless it may be wrong); exact check below.
    const suspect = sql<boolean>`(
      (r.n2 is not null and r.n2 + 0.005 < r.n1)
      or (r.kind = '农民' and (r.n1 < ${p.farmerMin - 0.005} or r.n1 > ${p.farmerMax + 0.005}))
      or (r.kind in ('学生', '低保/下岗失业') and abs(r.n1 - ${p.minimal}) > 0.005)
      or ((r.kind is null or r.kind = '在职') and ${b} is not null and abs(r.n1 - ${b} * (case when ${b} <= 3000 then 0.005 when ${b} <= 5000 then 0.01 when ${b} <= 10000 then 0.015 else 0.02 end)) > 0.02)
      or (r.kind = '离退休' and ${b} is not null and abs(r.n1 - ${b} * (case when ${b} <= ${p.retiredBracket} then 0.005 else 0.01 end)) > 0.02)
    )`;
    const rows = await recordsIn(ctx, 'dues')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.kind', 'r.person', 'r.sub', 'r.n1', 'r.n2', 'r.date_on', b.as('base')])
      .where((eb) => eb.or([eb('r.date_on', 'is', null), eb('r.date_on', '<=', ctx.date)]))
      .where('r.sub', '<=', ctx.date.slice(0, 7))
      .where('r.n1', 'is not', null)
      .where(suspect)
      .execute();
    const out = [];
    for (const r of rows) {
      const due = r.n1 == null ? null : Number(r.n1);
      const base = r.base == null ? null : Number(r.base);
      const exp = expectedDue(r.kind, base != null && Number.isFinite(base) ? base : null, ctx.params);
      const who = `${r.person ?? ''}${r.sub ?? ''}月党费`;
      if (exp && due != null && (due < exp.min - 0.005 || due > exp.max + 0.005)) {
        const want = exp.min === exp.max ? `${exp.min}元` : `${exp.min}–${exp.max}元`;
        out.push(
          finding(this.id, r, ctx, {
            severity: 'warning',
            suffix: 'due',
            message: `${who}登记应交${due}元，按${r.kind ?? '在职'}标准${base != null ? `（基数${base}元）` : ''}应为${want}`,
          }),
        );
      }
      if (due != null && r.n2 != null && Number(r.n2) + 0.005 < due) {
        out.push(
          finding(this.id, r, ctx, {
            severity: 'warning',
            suffix: 'paid',
            message: `${who}应交${due}元、实交${Number(r.n2)}元，少交${Math.round((due - Number(r.n2)) * 100) / 100}元（减免须经上级党委批准）`,
          }),
        );
      }
    }
    return out;
  },
});
