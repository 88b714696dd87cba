/** A small org tree for the checker's subject tests: 清河县 → 南坪镇 → villages. */
import type { Db } from '../../src/db/kysely.ts';
import { createOrg } from '../../src/org/service.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';

export async function seedOrgs(db: Db): Promise<void> {
  const k = db.kysely;
  await createOrg(k, SYSTEM_ACTOR, { code: 'QH', name: '清河县', kind: 'county', profile: { cityName: '邢台市', provinceName: '河北省', congress: '二十' } });
  await createOrg(k, SYSTEM_ACTOR, {
    code: 'QH-NP',
    name: '南坪镇',
    kind: 'town',
    parentCode: 'QH',
    profile: { shortName: '南坪', countyName: '清河县', publicAccount: '清风南坪' },
  });
  await createOrg(k, SYSTEM_ACTOR, { code: 'QH-NP-V01', name: '东湖村', kind: 'village', parentCode: 'QH-NP' });
  await createOrg(k, SYSTEM_ACTOR, { code: 'QH-NP-C01', name: '新华社区', kind: 'community', parentCode: 'QH-NP' });
  await createOrg(k, SYSTEM_ACTOR, { code: 'QH-NP-V01-B1', name: '东湖村党支部', kind: 'branch', parentCode: 'QH-NP-V01' });
}
