import { blindIndex } from '../../ledger/secret.ts';
import { defineAlertRule } from '../types.ts';
import { finding, idNumbersOf, jsonText, liveRecords, orgName, roster, type RosterRow } from './helpers.ts';

import { chunks } from '../../util/chunks.ts';

/**
 * 党员重复登记: the same ID number, or the same name and birth date, on two active roster entries
 * of a town. Set-based: the candidate groups come from the indexes alone (the ID number's blind
 * index, name + birth date; migration 2026-11-28T0310), then only their rows are read. Entries
 * stored before the blind index existed are decrypted and indexed here.
 */
export default defineAlertRule({
  id: 'data.duplicateMember',
  title: '党员信息重复登记',
  severity: 'warning',
  source: { cites: [{ name: '台账数据质量要求' }], says: '同一党员只登记一次（以身份证号为准）', level: 'practice' },
  ledgers: ['partyMember'],
  ledger: 'partyMember',
  params: {},
  description: '同一镇的党员名册中，两条在册记录身份证号相同，或姓名和出生日期均相同。',
  async check(ctx) {
    const root = ctx.orgs.root;
    const hash = jsonText(ctx, '_derived', 'idNumberHash');
    // Duplicates are looked for across the whole town's roster (deleted entries included in the
    // counts), not only the checked subtree: a town partition, not an access decision.
    const members = () => {
      const q = ctx.db.selectFrom('records as r').where('r.ledger', '=', 'partyMember');
      return root.townId ? q.where('r.town_id', '=', root.townId) : q;
    };
    const idGroups = await members()
      .select(['r.town_id', hash.as('h')])
      .where(hash, 'is not', null)
      .groupBy(['r.town_id', hash])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const nbGroups = await members()
      .select(['r.town_id', 'r.title', 'r.date3'])
      .where('r.date3', 'is not', null)
      .groupBy(['r.town_id', 'r.title', 'r.date3'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const legacyCount = await members()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(jsonText(ctx, '_derived'), 'is not', null)
      .where(hash, 'is', null)
      .executeTakeFirst();
    let rows: RosterRow[];
    if (Number(legacyCount?.n ?? 0) > 0) {
      rows = await roster(ctx); // some entries predate the blind index: read the roster once
      const legacy = rows.filter((r) => r.hasId && !r.hash);
      const plain = await idNumbersOf(
        ctx,
        legacy.map((r) => r.id),
      );
      for (const r of legacy) if (plain.has(r.id)) r.hash = blindIndex(plain.get(r.id)!);
    } else {
      if (!idGroups.length && !nbGroups.length) return [];
      const cols = ['r.id', 'r.org_id', 'r.town_id', 'r.ref_org_id', 'r.title', 'r.date3', 'r.status'] as const;
      const live = () => liveRecords(ctx).where('r.ledger', '=', 'partyMember').where('r.date_on', '<=', ctx.date);
      const byId = new Map<number, RosterRow>();
      for (const part of chunks([...new Set(idGroups.map((g) => String(g.h)))], 500)) {
        for (const r of await live()
          .select([...cols, hash.as('h')])
          .where(hash, 'in', part)
          .execute())
          byId.set(r.id, { ...r, hash: r.h, birth: null, hasId: 1 });
      }
      const nb = new Set(nbGroups.map((g) => `${g.town_id}|${g.title}|${g.date3}`));
      for (const part of chunks([...new Set(nbGroups.map((g) => g.title))], 500)) {
        for (const r of await live()
          .select([...cols, hash.as('h')])
          .where('r.title', 'in', part)
          .execute()) {
          if (nb.has(`${r.town_id}|${r.title}|${r.date3}`)) byId.set(r.id, { ...r, hash: r.h, birth: null, hasId: r.h ? 1 : 0 });
        }
      }
      rows = [...byId.values()].sort((a, b) => a.id - b.id);
    }
    const first = new Map<string, RosterRow>();
    const out = [];
    for (const r of rows) {
      if (r.status === 'transferredOut' || r.status === 'deceased') continue;
      const idKey = r.hash ? `id|${r.town_id}|${r.hash}` : null;
      const keys = [idKey, r.date3 ? `nb|${r.town_id}|${r.title}|${r.date3}` : null].filter((k): k is string => !!k);
      const hit = keys.map((k) => first.get(k)).find(Boolean);
      if (hit) {
        const byIdNumber = idKey != null && first.get(idKey) === hit;
        out.push(
          finding(this.id, r, ctx, {
            severity: 'warning',
            message: `党员“${r.title}”（${orgName(ctx, r.ref_org_id ?? r.org_id)}）与${orgName(ctx, hit.ref_org_id ?? hit.org_id)}的记录#${hit.id}${byIdNumber ? '身份证号相同' : '姓名和出生日期相同'}，疑似重复登记`,
          }),
        );
      }
      for (const k of keys) if (!first.has(k)) first.set(k, r);
    }
    return out;
  },
});
