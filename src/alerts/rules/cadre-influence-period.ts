import { defineRule } from '../types.ts';
import { coveringSanction, INFLUENCE_PARAMS, SANCTION_LABELS, type SanctionRow } from '../influence.ts';
import { finding, recordsIn, zhDate } from './helpers.ts';

/** 处分影响期内不得提拔: a cadre action dated inside a sanction's influence period (the write guard refuses new ones). */
export default defineRule({
  id: 'cadreAction.inInfluencePeriod',
  title: '处分影响期内提拔或晋升',
  severity: 'error',
  source: { name: '《中国共产党纪律处分条例》第十条、第十一条；《公职人员政务处分法》第八条', article: '警告1年、严重警告1年半、撤销党内职务2年不得提拔；政务处分6/12/18/24个月', level: 'national' },
  ledgers: ['cadreAction', 'sanction'],
  ledger: 'sanction',
  disciplineOnly: true,
  params: INFLUENCE_PARAMS,
  description: '干部任用记录的任职/晋升日期处于当事人处分影响期内。新登记此类记录会被系统拒绝。',
  async check(ctx) {
    const actions = await recordsIn(ctx, 'cadreAction').select(['r.id', 'r.org_id', 'r.town_id', 'r.person', 'r.date_on', 'r.title']).where('r.date_on', '<=', ctx.date).where('r.person', 'is not', null).execute();
    if (!actions.length) return [];
    const sanctions = await recordsIn({ ...ctx, recordIds: undefined }, 'sanction').select(['r.id', 'r.town_id', 'r.person', 'r.kind', 'r.date_on', 'r.date3']).where('r.person', 'is not', null).execute();
    const byPerson = new Map<string, SanctionRow[]>();
    for (const s of sanctions) {
      const k = `${s.town_id}|${s.person}`;
      if (!byPerson.has(k)) byPerson.set(k, []);
      byPerson.get(k)!.push(s);
    }
    const out = [];
    for (const a of actions) {
      const hit = coveringSanction(byPerson.get(`${a.town_id}|${a.person}`) ?? [], a.date_on!, ctx.params);
      if (!hit) continue;
      out.push(finding(this.id, a, ctx, { severity: 'error', message: `${a.person}于${zhDate(a.date_on)}任职/晋升，处于${SANCTION_LABELS[hit.kind!] ?? hit.kind}处分影响期内（${zhDate(hit.date_on)}决定，影响期至${zhDate(hit.end)}）` }));
    }
    return out;
  },
});
