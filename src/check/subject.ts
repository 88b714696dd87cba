/**
 * The checker's Subject from the org tree: the town's name and profile, its county,
 * city and province, its villages/communities, its public account and the current
 * congress. Shared by the CLI, the server and the report engine.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getOrgByCode, listAncestors, listSubtree, type Org } from '../org/service.ts';
import type { Subject } from './types.ts';

export class SubjectError extends Error {}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

export async function subjectFromOrg(db: Kysely<Database>, code: string): Promise<Subject> {
  const org = await getOrgByCode(db, code);
  if (!org) throw new SubjectError(`组织不存在：${code}`);
  const ancestors = await listAncestors(db, org);
  const town: Org | undefined = org.kind === 'town' ? org : [...ancestors].reverse().find((a) => a.kind === 'town');
  const county = [...ancestors].reverse().find((a) => a.kind === 'county');
  const root = town ?? org;
  const subtree = await listSubtree(db, root);
  const p = root.profile ?? {};
  const cp = county?.profile ?? {};
  const subject: Subject = {};
  if (town) subject.town = town.name;
  const countyName = str(p.countyName) ?? county?.name;
  if (countyName) subject.county = countyName;
  const city = str(p.cityName) ?? str(cp.cityName);
  if (city) subject.city = city;
  const province = str(p.provinceName) ?? str(cp.provinceName);
  if (province) subject.province = province;
  const villages = subtree.filter((o) => o.kind === 'village' || o.kind === 'community').map((o) => o.name);
  if (villages.length) subject.villages = villages;
  const shortNames = [str(p.shortName), str(cp.shortName)].filter((s): s is string => !!s);
  if (shortNames.length) subject.shortNames = shortNames;
  const account = str(p.publicAccount);
  if (account) subject.publicAccount = account;
  const congress = str(p.congress) ?? str(cp.congress);
  if (congress) subject.congress = congress;
  return subject;
}
