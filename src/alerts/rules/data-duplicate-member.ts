import { blindIndex } from '../../ledger/secret.ts';
import { defineRule } from '../types.ts';
import { finding, idNumbersOf, orgName, roster } from './helpers.ts';

/**
 * 党员重复登记: the same ID number, or the same name and birth date, on two active roster entries
 * of a town. One pass over the roster: ID numbers are compared by their blind index (they are
 * encrypted at rest); only entries stored before the index existed are decrypted.
 */
export default defineRule({
  id: 'data.duplicateMember',
  title: '党员信息重复登记',
  severity: 'warning',
  source: { name: '台账数据质量要求', article: '同一党员只登记一次（以身份证号为准）', level: 'practice' },
  ledgers: ['partyMember'],
  ledger: 'partyMember',
  params: {},
  description: '同一镇的党员名册中，两条在册记录身份证号相同，或姓名和出生日期均相同。',
  async check(ctx) {
    const rows = (await roster(ctx)).filter((r) => r.status !== 'transferredOut' && r.status !== 'deceased');
    const legacy = rows.filter((r) => r.hasId && !r.hash);
    if (legacy.length) {
      const plain = await idNumbersOf(ctx, legacy.map((r) => r.id));
      for (const r of legacy) if (plain.has(r.id)) r.hash = blindIndex(plain.get(r.id)!);
    }
    const first = new Map<string, (typeof rows)[number]>();
    const out = [];
    for (const r of rows) {
      const idKey = r.hash ? `id|${r.town_id}|${r.hash}` : null;
      const keys = [idKey, r.date3 ? `nb|${r.town_id}|${r.title}|${r.date3}` : null].filter((k): k is string => !!k);
      const hit = keys.map((k) => first.get(k)).find(Boolean);
      if (hit) {
        const byId = idKey != null && first.get(idKey) === hit;
        out.push(finding(this.id, r, ctx, { severity: 'warning', message: `党员“${r.title}”（${orgName(ctx, r.ref_org_id ?? r.org_id)}）与${orgName(ctx, hit.ref_org_id ?? hit.org_id)}的记录#${hit.id}${byId ? '身份证号相同' : '姓名和出生日期相同'}，疑似重复登记` }));
      }
      for (const k of keys) if (!first.has(k)) first.set(k, r);
    }
    return out;
  },
});
