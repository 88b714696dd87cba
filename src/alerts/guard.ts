/**
 * The write guard on 干部任用: a person inside a sanction's influence period cannot be
 * appointed or promoted. Registered as a before-write hook of the cadreAction ledger.
 */
import type { WriteContext } from '../ledger/hooks.ts';
import { HttpError } from '../server/errors.ts';
import { loadConfig, ruleParams } from './config.ts';
import { coveringSanction, probationYearsOf, SANCTION_LABELS } from './influence.ts';
import { parseJson } from '../db/kysely.ts';
import { seesDiscipline } from './access.ts';
import { getRule } from './rules/index.ts';
import { zhDate } from './rules/helpers.ts';

export async function influencePeriodGuard(c: WriteContext): Promise<void> {
  if (c.op === 'remove' || c.op === 'restore') return;
  const person = c.fields.person;
  const on = c.fields.effectiveOn;
  if (typeof person !== 'string' || typeof on !== 'string' || !person.trim()) return;
  const rule = getRule('cadreAction.inInfluencePeriod')!;
  const params = ruleParams(rule, (await loadConfig(c.db)).overrides);
  const rows = await c.db
    .selectFrom('records')
    .select(['id', 'person', 'kind', 'date_on', 'date3', 'data'])
    .where('ledger', '=', 'sanction')
    .where('town_id', '=', c.townId)
    .where('person', '=', person.trim())
    .where('deleted_at', 'is', null)
    .execute();
  const sanctions = rows.map(({ data, ...s }) => ({ ...s, probationYears: s.kind === 'probation' ? probationYearsOf(parseJson(data)) : null }));
  const hit = coveringSanction(sanctions, on, params);
  if (!hit) return;
  const detail = seesDiscipline(c.principal) ? `受${SANCTION_LABELS[hit.kind!] ?? hit.kind}处分（${zhDate(hit.date_on)}决定），` : '';
  throw new HttpError(
    400,
    `${person}${detail}处于处分影响期内（至${zhDate(hit.end)}），影响期内不得提拔或晋升职务、职级，不能登记${zhDate(on)}的此次干部任用。如有疑问请联系镇纪委。`,
    [{ field: 'person', label: '姓名', message: '处于处分影响期内，不得提拔或晋升' }],
  );
}
