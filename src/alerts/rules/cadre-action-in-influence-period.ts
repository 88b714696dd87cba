import { defineAlertRule } from '../types.ts';
import { coveringSanction, EXPULSION_NOTE, INFLUENCE_PARAMS, SANCTION_LABELS, type SanctionRow } from '../influence.ts';
import { finding, jsonNumber, recordsIn, zhDate } from './helpers.ts';

/**
 * 处分影响期内不得提拔: a cadre action dated inside a sanction's influence period (the write guard
 * refuses new ones). The periods: ../influence.ts and docs/domain.md.
 */
export default defineAlertRule({
  id: 'cadreAction.inInfluencePeriod',
  title: '处分影响期内提拔或晋升',
  severity: 'error',
  source: {
    cites: [{ name: '《中国共产党纪律处分条例》' }, { name: '《中华人民共和国公职人员政务处分法》', article: '第八条' }],
    says: '警告一年内、严重警告一年半内不得提拔；撤销党内职务二年内不得担任相当或更高职务；留党察看一年或二年，恢复党员权利后二年内同样不得提拔（自处分决定起共36或48个月）；政务处分期间警告6个月、记过12个月、记大过18个月、降级和撤职24个月。开除党籍的“五年内不得重新入党”是重新入党的限制，不是提拔影响期',
    level: 'national',
  },
  ledgers: ['cadreAction', 'sanction'],
  ledger: 'sanction',
  recordScoped: ['cadreAction'],
  disciplineOnly: true,
  params: INFLUENCE_PARAMS,
  description: `干部任用记录的任职/晋升日期处于当事人处分影响期内。新登记此类记录会被系统拒绝。留党察看按处分记录中的察看期限（一年或二年，未填按二年）加恢复党员权利后二年计算。${EXPULSION_NOTE}。`,
  async check(ctx) {
    const actions = await recordsIn(ctx, 'cadreAction')
      .select(['r.id', 'r.org_id', 'r.town_id', 'r.person', 'r.date_on', 'r.title'])
      .where('r.date_on', '<=', ctx.date)
      .where('r.person', 'is not', null)
      .execute();
    if (!actions.length) return [];
    const sanctions = await recordsIn({ ...ctx, recordIds: undefined }, 'sanction')
      .select(['r.id', 'r.town_id', 'r.person', 'r.kind', 'r.date_on', 'r.date3', jsonNumber(ctx, 'probationYears').as('probationYears')])
      .where('r.person', 'is not', null)
      .execute();
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
      out.push(
        finding(this.id, a, ctx, {
          severity: 'error',
          message: `${a.person}于${zhDate(a.date_on)}任职/晋升，处于${SANCTION_LABELS[hit.kind!] ?? hit.kind}${hit.kind === 'probation' && hit.probationYears ? `${hit.probationYears === 1 ? '一' : '二'}年` : ''}处分影响期内（${zhDate(hit.date_on)}决定，影响期至${zhDate(hit.end)}）`,
        }),
      );
    }
    return out;
  },
});
