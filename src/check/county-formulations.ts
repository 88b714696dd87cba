/**
 * A county's own standard formulations (规范表述) and fixed-order lists, kept in the
 * settings table under the county org and merged into the formulation rule's options
 * when a report of that county is checked. Changes are audited by the caller's route.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getSetting, putSetting } from '../auth/settings.ts';
import { listAncestors, type Org } from '../org/service.ts';
import { audit, type Actor } from '../audit/log.ts';
import type { Formulation, OrderedList } from './data/formulations.ts';
import type { RuleConfig } from './types.ts';

export const COUNTY_FORMULATIONS_KEY = 'checkFormulations';

export interface CountyFormulations {
  entries: Formulation[];
  lists: OrderedList[];
}

export const EMPTY_FORMULATIONS: CountyFormulations = { entries: [], lists: [] };

/** The county an org belongs to (itself when it is one); undefined above county level. */
export async function countyOf(db: Kysely<Database>, org: Org): Promise<Org | undefined> {
  if (org.kind === 'county') return org;
  return [...(await listAncestors(db, org))].reverse().find((a) => a.kind === 'county');
}

export async function getCountyFormulations(db: Kysely<Database>, county: Org | undefined): Promise<CountyFormulations> {
  if (!county) return EMPTY_FORMULATIONS;
  return getSetting<CountyFormulations>(db, COUNTY_FORMULATIONS_KEY, EMPTY_FORMULATIONS, county.id);
}

/** Replaces the county's formulations, audited with the ones before. */
export async function putCountyFormulations(db: Kysely<Database>, actor: Actor, county: Org, value: CountyFormulations, by: number): Promise<void> {
  const before = await getCountyFormulations(db, county);
  await db.transaction().execute(async (trx) => {
    await putSetting(trx, COUNTY_FORMULATIONS_KEY, value, by, county.id);
    await audit(trx, actor, { action: 'update', entity: 'setting', entityId: `${COUNTY_FORMULATIONS_KEY}:${county.code}`, before, after: value });
  });
}

/** The rule configuration with the county's formulations added to the formulation rule's options. */
export function withCountyFormulations(config: RuleConfig, county: CountyFormulations): RuleConfig {
  if (!county.entries.length && !county.lists.length) return config;
  const current = config.rules?.formulation;
  const base = typeof current === 'object' ? current : current ? { severity: current } : {};
  const options = (base as { options?: { extra?: Formulation[]; lists?: OrderedList[] } }).options ?? {};
  return {
    ...config,
    rules: {
      ...config.rules,
      formulation: {
        ...base,
        options: { ...options, extra: [...(options.extra ?? []), ...county.entries], lists: [...(options.lists ?? []), ...county.lists] },
      },
    },
  };
}
