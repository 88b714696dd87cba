import { maskIdNumber } from '../../shared/idnumber.ts';
import { defineRule } from '../types.ts';
import { recordsIn, loadWithIds, finding, type IdRow } from './helpers.ts';

/** Which 亲属涉权事项 types count as the disclosure of a list entry. */
export function matterTypesFor(ledger: string, program: string | null): string[] {
  if (ledger === 'projectParty') return ['村级工程', '招投标', '其他'];
  const map: Record<string, string> = { 低保: '低保', 特困供养: '特困供养', 危房改造: '危房改造', 惠农补贴: '惠农补贴', 耕地地力保护补贴: '惠农补贴', 宅基地审批: '宅基地审批', 征地补偿: '征地拆迁' };
  return [map[program ?? ''] ?? '其他', '其他'];
}

/**
 * 小微权力监督碰撞比对: the lists a town holds (惠民资金/救助对象, 村级工程承包方和务工人员)
 * against the relatives cadres declared. A match by ID number (or, with lower confidence, by
 * name where an ID is missing) with no verified 亲属涉权事项 of that type is flagged for the
 * discipline office.
 */
export default defineRule({
  id: 'relative.undisclosedPowerMatter',
  title: '干部亲属涉权事项未申报',
  severity: 'error',
  source: { name: '亲属涉权事项公开及近亲属享受低保备案制度（地方做法）', article: '村(居)干部近亲属享受低保等须主动申报备案、公开', level: 'practice' },
  ledgers: ['relative', 'powerMatter', 'beneficiary', 'projectParty'],
  ledger: 'relative',
  disciplineOnly: true,
  params: { nameMatch: { label: '按姓名比对（1启用/0停用）', default: 1, unit: '次' } },
  description: '惠民资金、救助对象名单或村级工程承包方、务工人员中出现干部亲属（身份证号一致为高度疑似，仅姓名一致为一般疑似），且无已核查的亲属涉权事项申报。',
  async check(ctx) {
    const relatives = await loadWithIds({ ...ctx, recordIds: undefined }, 'relative');
    if (!relatives.length) return [];
    const byId = new Map<string, IdRow[]>();
    const byName = new Map<string, IdRow[]>();
    for (const r of relatives) {
      const name = String(r.data.name ?? '');
      if (r.idNumber) (byId.get(`${r.town_id}|${r.idNumber}`) ?? byId.set(`${r.town_id}|${r.idNumber}`, []).get(`${r.town_id}|${r.idNumber}`)!).push(r);
      if (name) (byName.get(`${r.town_id}|${name}`) ?? byName.set(`${r.town_id}|${name}`, []).get(`${r.town_id}|${name}`)!).push(r);
    }
    const matters = await recordsIn({ ...ctx, recordIds: undefined }, 'powerMatter').select(['r.town_id', 'r.kind', 'r.person', 'r.flag', 'r.data']).where('r.flag', '=', 1).execute();
    const disclosed = new Set<string>();
    for (const m of matters) {
      const d = typeof m.data === 'string' ? JSON.parse(m.data) : (m.data as Record<string, unknown>);
      if (d.relativeRef != null) disclosed.add(`ref|${d.relativeRef}|${m.kind}`);
      if (d.beneficiary && m.person) disclosed.add(`name|${m.town_id}|${m.person}|${d.beneficiary}|${m.kind}`);
    }
    const isDisclosed = (rel: IdRow, types: string[]) =>
      types.some((t) => disclosed.has(`ref|${rel.id}|${t}`) || disclosed.has(`name|${rel.town_id}|${rel.person}|${String(rel.data.name ?? '')}|${t}`));
    const out = [];
    for (const ledger of ['beneficiary', 'projectParty']) {
      for (const b of await loadWithIds(ctx, ledger)) {
        const name = String(b.data.name ?? '');
        const exact = b.idNumber ? (byId.get(`${b.town_id}|${b.idNumber}`) ?? []) : [];
        const loose = ctx.params.nameMatch
          ? (byName.get(`${b.town_id}|${name}`) ?? []).filter((r) => !exact.includes(r) && !(r.idNumber && b.idNumber && r.idNumber !== b.idNumber))
          : [];
        const types = matterTypesFor(ledger, b.kind);
        for (const [rel, sure] of [...exact.map((r) => [r, true] as const), ...loose.map((r) => [r, false] as const)]) {
          if (isDisclosed(rel, types)) continue;
          const what = ledger === 'beneficiary' ? `${b.kind ?? '惠民资金'}名单` : `村级工程“${String(b.data.project ?? '')}”${b.kind ?? ''}`;
          out.push(
            finding(this.id, b, ctx, {
              severity: sure ? 'error' : 'warning',
              suffix: String(rel.id),
              message: `${rel.person ?? ''}（${String(rel.data.cadrePost ?? '干部')}）的${String(rel.kind ?? '亲属')}${name}出现在${what}中（${sure ? `身份证号一致：${maskIdNumber(b.idNumber!)}` : '姓名一致，身份证号待核实'}），未见已核查的亲属涉权事项申报`,
            }),
          );
        }
      }
    }
    return out;
  },
});
