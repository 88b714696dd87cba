import type { Db } from '../../src/db/kysely.ts';
import { SYSTEM_ACTOR } from '../../src/audit/log.ts';
import { createOrg } from '../../src/org/service.ts';

/**
 * Regions beside the demo's, for the subtree tests of the city and province reviewers: a second
 * city of 江北省 (北江市 → 北江县 → 北江镇 BJ-T1) and another province (南江省 → 南江市 → 南溪县 →
 * 南溪镇 NX-T1).
 */
export async function seedOtherRegions(db: Db): Promise<void> {
  const a = SYSTEM_ACTOR;
  await createOrg(db.kysely, a, { code: 'BJSHI', name: '北江市', kind: 'city', parentCode: 'JBSHENG' });
  await createOrg(db.kysely, a, { code: 'BJ', name: '北江县', kind: 'county', parentCode: 'BJSHI' });
  await createOrg(db.kysely, a, { code: 'BJ-T1', name: '北江镇', kind: 'town', parentCode: 'BJ' });
  await createOrg(db.kysely, a, { code: 'NSHENG', name: '南江省', kind: 'province' });
  await createOrg(db.kysely, a, { code: 'NSHI', name: '南江市', kind: 'city', parentCode: 'NSHENG' });
  await createOrg(db.kysely, a, { code: 'NX', name: '南溪县', kind: 'county', parentCode: 'NSHI' });
  await createOrg(db.kysely, a, { code: 'NX-T1', name: '南溪镇', kind: 'town', parentCode: 'NX' });
}
