import { maskIdNumber } from '../../shared/idnumber.ts';
import { parseJson } from '../../db/kysely.ts';
import { defineAlertRule } from '../types.ts';
import { blindIndex, decrypt, isEncrypted } from '../../ledger/secret.ts';
import { recordsIn, finding, idNumbersOf, jsonText } from './helpers.ts';

interface Rel {
  id: number;
  town_id: number;
  person: string | null;
  kind: string | null;
  name: string;
  post: string;
  hash: string | null;
}

/** Which 亲属涉权事项 types count as the disclosure of a list entry. */
export function matterTypesFor(ledger: string, program: string | null): string[] {
  if (ledger === 'projectParty') return ['村级工程', '招投标', '其他'];
  const map: Record<string, string> = {
    低保: '低保',
    特困供养: '特困供养',
    危房改造: '危房改造',
    惠农补贴: '惠农补贴',
    耕地地力保护补贴: '惠农补贴',
    宅基地审批: '宅基地审批',
    征地补偿: '征地拆迁',
  };
  return [map[program ?? ''] ?? '其他', '其他'];
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);

/**
 * 小微权力监督碰撞比对: the lists a town holds (惠民资金/救助对象, 村级工程承包方和务工人员)
 * against the relatives cadres declared. A match by ID number (or, with lower confidence, by
 * name where an ID is missing) with no verified 亲属涉权事项 of that type is flagged for the
 * discipline office. Set-based: list entries are narrowed by town and name or ID birth date
 * before any ID number is decrypted.
 */
export default defineAlertRule({
  id: 'relative.undisclosedPowerMatter',
  title: '干部亲属涉权事项未申报',
  severity: 'error',
  source: { cites: [{ name: '亲属涉权事项公开及近亲属享受低保备案制度' }], says: '村(居)干部近亲属享受低保等涉权事项须主动申报备案、公开', level: 'practice' },
  ledgers: ['relative', 'powerMatter', 'beneficiary', 'projectParty'],
  ledger: 'relative',
  recordScoped: ['beneficiary', 'projectParty'],
  disciplineOnly: true,
  params: { nameMatch: { label: '按姓名比对（1启用/0停用）', default: 1, unit: '次' } },
  description: '惠民资金、救助对象名单或村级工程承包方、务工人员中出现干部亲属（身份证号一致为高度疑似，仅姓名一致为一般疑似），且无已核查的亲属涉权事项申报。',
  async check(ctx) {
    const rels = await recordsIn({ ...ctx, recordIds: undefined }, 'relative')
      .select(['r.id', 'r.town_id', 'r.person', 'r.kind', 'r.data'])
      .where('r.date_on', '<=', ctx.date)
      .execute();
    if (!rels.length) return [];
    const relatives: Rel[] = rels.map((r) => {
      const data = parseJson<Record<string, unknown>>(r.data);
      const derived = (data._derived ?? {}) as Record<string, string>;
      let hash: string | null = derived.idNumberHash ?? null;
      if (!hash && typeof data.idNumber === 'string') {
        try {
          hash = blindIndex(isEncrypted(data.idNumber) ? decrypt(data.idNumber) : data.idNumber); // stored before the blind index
        } catch {
          hash = null;
        }
      }
      return { id: r.id, town_id: r.town_id, person: r.person, kind: r.kind, name: String(data.name ?? ''), post: String(data.cadrePost ?? ''), hash };
    });
    const byId = new Map<string, Rel[]>();
    const byName = new Map<string, Rel[]>();
    for (const r of relatives) {
      if (r.hash) push(byId, `${r.town_id}|${r.hash}`, r);
      if (r.name) push(byName, `${r.town_id}|${r.name}`, r);
    }
    const matters = await recordsIn({ ...ctx, recordIds: undefined }, 'powerMatter')
      .select(['r.town_id', 'r.kind', 'r.person', 'r.data'])
      .where('r.flag', '=', 1)
      .where('r.date_on', '<=', ctx.date)
      .execute();
    const disclosed = new Set<string>();
    for (const m of matters) {
      const d = parseJson<Record<string, unknown>>(m.data);
      if (d.relativeRef != null) disclosed.add(`ref|${d.relativeRef}|${m.kind}`);
      if (d.beneficiary && m.person) disclosed.add(`name|${m.town_id}|${m.person}|${d.beneficiary}|${m.kind}`);
    }
    const isDisclosed = (rel: Rel, types: string[]) =>
      types.some((t) => disclosed.has(`ref|${rel.id}|${t}`) || disclosed.has(`name|${rel.town_id}|${rel.person}|${rel.name}|${t}`));
    const out = [];
    const hash = jsonText(ctx, '_derived', 'idNumberHash');
    for (const ledger of ['beneficiary', 'projectParty']) {
      const list = await recordsIn(ctx, ledger)
        .select([
          'r.id',
          'r.org_id',
          'r.town_id',
          'r.ref_org_id',
          'r.kind',
          jsonText(ctx, 'name').as('name'),
          jsonText(ctx, 'project').as('project'),
          hash.as('hash'),
        ])
        .where('r.date_on', '<=', ctx.date)
        .execute();
      const matches = [];
      for (const b of list) {
        const exact = b.hash ? (byId.get(`${b.town_id}|${b.hash}`) ?? []) : [];
        const loose = ctx.params.nameMatch
          ? (byName.get(`${b.town_id}|${b.name}`) ?? []).filter((r) => !exact.includes(r) && !(r.hash && b.hash && r.hash !== b.hash))
          : [];
        const types = matterTypesFor(ledger, b.kind);
        const hits = [...exact.map((r) => [r, true] as const), ...loose.map((r) => [r, false] as const)].filter(([rel]) => !isDisclosed(rel, types));
        if (hits.length) matches.push({ b, hits });
      }
      const plain = await idNumbersOf(
        ctx,
        matches.filter((m) => m.hits.some(([, sure]) => sure)).map((m) => m.b.id),
      );
      for (const { b, hits } of matches) {
        for (const [rel, sure] of hits) {
          const what = ledger === 'beneficiary' ? `${b.kind ?? '惠民资金'}名单` : `村级工程“${String(b.project ?? '')}”${b.kind ?? ''}`;
          const id = plain.get(b.id);
          out.push(
            finding(this.id, b, ctx, {
              severity: sure ? 'error' : 'warning',
              suffix: String(rel.id),
              message: `${rel.person ?? ''}（${rel.post || '干部'}）的${rel.kind ?? '亲属'}${b.name ?? ''}出现在${what}中（${sure ? `身份证号一致${id ? `：${maskIdNumber(id)}` : ''}` : '姓名一致，身份证号待核实'}），未见已核查的亲属涉权事项申报`,
            }),
          );
        }
      }
    }
    return out;
  },
});
