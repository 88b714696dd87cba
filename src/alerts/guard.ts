/**
 * The write guard on 干部任用: a person inside a sanction's influence period cannot be
 * appointed or promoted. Registered as a write guard of the cadreAction ledger; it reads the
 * sanctions of every person in the write at once (one query per 500 names, not one per record).
 */
import type { Refusal, WriteBatch } from '../ledger/hooks.ts';
import { loadConfig, ruleParams } from './config.ts';
import { coveringSanction, probationYearsOf, SANCTION_LABELS, type SanctionRow } from './influence.ts';
import { parseJson } from '../db/kysely.ts';
import { seesDiscipline } from './access.ts';
import { getRule } from './rules/index.ts';
import { zhDate } from './rules/helpers.ts';
import { chunks } from '../util/chunks.ts';

export async function influencePeriodGuard(b: WriteBatch): Promise<Refusal[]> {
  if (b.op === 'remove' || b.op === 'restore') return [];
  const asked = b.items.flatMap((w, index) => {
    const person = w.fields.person;
    const on = w.fields.effectiveOn;
    return typeof person === 'string' && typeof on === 'string' && person.trim() ? [{ index, townId: w.townId, person, on }] : [];
  });
  if (!asked.length) return [];
  const rule = getRule('cadreAction.inInfluencePeriod')!;
  const params = ruleParams(rule, (await loadConfig(b.db)).overrides);
  const towns = [...new Set(asked.map((a) => a.townId))];
  const sanctions = new Map<string, SanctionRow[]>();
  for (const names of chunks([...new Set(asked.map((a) => a.person.trim()))], 500)) {
    const rows = await b.db
      .selectFrom('records')
      .select(['id', 'town_id', 'person', 'kind', 'date_on', 'date3', 'data'])
      .where('ledger', '=', 'sanction')
      .where('town_id', 'in', towns)
      .where('person', 'in', names)
      .where('deleted_at', 'is', null)
      .execute();
    for (const { data, town_id, ...s } of rows) {
      const key = `${town_id}|${s.person}`;
      (sanctions.get(key) ?? sanctions.set(key, []).get(key)!).push({
        ...s,
        probationYears: s.kind === 'probation' ? probationYearsOf(parseJson(data)) : null,
      });
    }
  }
  const sees = seesDiscipline(b.principal);
  return asked.flatMap(({ index, townId, person, on }) => {
    const hit = coveringSanction(sanctions.get(`${townId}|${person.trim()}`) ?? [], on, params);
    if (!hit) return [];
    const detail = sees ? `受${SANCTION_LABELS[hit.kind!] ?? hit.kind}处分（${zhDate(hit.date_on)}决定），` : '';
    return [
      {
        index,
        message: `${person}${detail}处于处分影响期内（至${zhDate(hit.end)}），影响期内不得提拔或晋升职务、职级，不能登记${zhDate(on)}的此次干部任用。如有疑问请联系镇纪委。`,
        field: 'person',
        label: '姓名',
        short: '处于处分影响期内，不得提拔或晋升',
      },
    ];
  });
}
