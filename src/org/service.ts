import type { Kysely, Transaction } from 'kysely';
import type { Database, OrgTable } from '../db/schema.ts';
import { nowIso, parseJson } from '../db/kysely.ts';
import { ORG_KIND_LABELS, PARENT_KIND, ROOT_KINDS, type OrgKind } from '../shared/roles.ts';
import { audit, type Actor } from '../audit/log.ts';
import { pathWithin } from '../access/subtree.ts';
import { rememberedOrgs } from './cache.ts';

/** Profile of an org: what the report and the checker need to name it. */
export interface OrgProfile {
  shortName?: string; // 东湖 for 东湖镇
  countyName?: string; // 清河县
  cityName?: string;
  provinceName?: string;
  publicAccount?: string; // 公众号 "清风东湖"
  congress?: string; // current party congress: '二十'
  areaCode?: string; // 统计用区划代码
  secretaryName?: string;
  [k: string]: unknown;
}

export interface Org {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  townId: number | null;
  path: string;
  profile: OrgProfile;
  sort: number;
}

export function toOrg(r: Pick<OrgTable, 'code' | 'name' | 'kind' | 'parent_id' | 'town_id' | 'path' | 'profile' | 'sort'> & { id: number }): Org {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as OrgKind,
    parentId: r.parent_id,
    townId: r.town_id,
    path: r.path,
    profile: parseJson<OrgProfile>(r.profile),
    sort: r.sort,
  };
}

type DbLike = Kysely<Database> | Transaction<Database>;

// The three lookups every request makes are remembered by the server between org changes
// (./cache.ts); elsewhere they read the database. `o.rememberedOn`: `db` is a transaction of
// that handle (which writes no orgs): answer from what the handle remembers, and on a miss read
// through the transaction — its own connection, not a second one from the pool — without
// remembering the answer.
interface Lookup {
  rememberedOn?: Kysely<Database>;
}
const remembered = <T extends object | undefined>(db: DbLike, key: string, load: () => Promise<T>, o: Lookup) =>
  rememberedOrgs(o.rememberedOn ?? db, key, load, !o.rememberedOn);

export async function getOrgByCode(db: DbLike, code: string, o: Lookup = {}): Promise<Org | undefined> {
  return remembered(
    db,
    `code:${code}`,
    async () => {
      const r = await db.selectFrom('orgs').selectAll().where('code', '=', code).where('deleted_at', 'is', null).executeTakeFirst();
      return r ? toOrg(r) : undefined;
    },
    o,
  );
}

export async function getOrgById(db: DbLike, id: number, o: Lookup = {}): Promise<Org | undefined> {
  return remembered(
    db,
    `id:${id}`,
    async () => {
      const r = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toOrg(r) : undefined;
    },
    o,
  );
}

/** The org and everything under it, in path order. */
export async function listSubtree(db: DbLike, root: Org, o: Lookup = {}): Promise<Org[]> {
  return remembered(
    db,
    `subtree:${root.path}`,
    async () => {
      const rows = await db.selectFrom('orgs').selectAll().where(pathWithin('path', root)).where('deleted_at', 'is', null).orderBy('path').execute();
      return rows.map(toOrg);
    },
    o,
  );
}

/** Ancestors from the root down to the org itself. */
export async function listAncestors(db: DbLike, org: Org): Promise<Org[]> {
  const ids = org.path.split('/').filter(Boolean).map(Number);
  const rows = await db.selectFrom('orgs').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toOrg(r)]));
  return ids.map((i) => byId.get(i)!).filter(Boolean);
}

/** The town of an org (itself when it is a town). */
export async function townOf(db: DbLike, org: Org): Promise<Org | undefined> {
  if (org.kind === 'town') return org;
  return org.townId ? getOrgById(db, org.townId) : undefined;
}

export interface NewOrg {
  code: string;
  name: string;
  kind: OrgKind;
  parentCode?: string | null;
  profile?: OrgProfile;
  sort?: number;
}

export class OrgError extends Error {}

/** Create one org under its parent (audited). */
export async function createOrg(db: DbLike, actor: Actor, o: NewOrg): Promise<Org> {
  const parent = o.parentCode ? await getOrgByCode(db, o.parentCode) : undefined;
  if (o.parentCode && !parent) throw new OrgError(`上级组织不存在：${o.parentCode}`);
  if (!parent && !ROOT_KINDS.includes(o.kind)) throw new OrgError('只有省、市、县级组织可以没有上级');
  // Above the town the tree follows the area codes: province → city → county.
  const above = PARENT_KIND[o.kind];
  if (parent && (o.kind === 'province' || ((o.kind === 'city' || o.kind === 'county') && parent.kind !== above))) {
    throw new OrgError(
      o.kind === 'province'
        ? `省级组织不能有上级：${o.name}`
        : `${ORG_KIND_LABELS[o.kind]}级组织的上级须为${ORG_KIND_LABELS[above!]}：${parent.name}是${ORG_KIND_LABELS[parent.kind]}`,
    );
  }
  if (await getOrgByCode(db, o.code)) throw new OrgError(`组织代码已存在：${o.code}`);
  const inserted = await db
    .insertInto('orgs')
    .values({
      code: o.code,
      name: o.name,
      kind: o.kind,
      parent_id: parent?.id ?? null,
      town_id: null,
      path: '/',
      profile: JSON.stringify(o.profile ?? {}),
      sort: o.sort ?? 0,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = inserted.id;
  const path = `${parent?.path ?? '/'}${id}/`;
  const townId = o.kind === 'town' ? id : parent?.kind === 'town' ? parent.id : (parent?.townId ?? null);
  await db.updateTable('orgs').set({ path, town_id: townId }).where('id', '=', id).execute();
  const org = (await getOrgById(db, id))!;
  await audit(db, actor, { action: 'create', entity: 'org', entityId: org.code, townId, after: o });
  return org;
}

export async function updateOrg(db: DbLike, actor: Actor, code: string, patch: { name?: string; profile?: OrgProfile; sort?: number }): Promise<Org> {
  const before = await getOrgByCode(db, code);
  if (!before) throw new OrgError(`组织不存在：${code}`);
  await db
    .updateTable('orgs')
    .set({
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.profile ? { profile: JSON.stringify({ ...before.profile, ...patch.profile }) } : {}),
      ...(patch.sort != null ? { sort: patch.sort } : {}),
    })
    .where('id', '=', before.id)
    .execute();
  const after = (await getOrgById(db, before.id))!;
  await audit(db, actor, { action: 'update', entity: 'org', entityId: code, townId: after.townId, before, after });
  return after;
}

/** Nearest ancestor-or-self of kind village or community, from a preloaded id map. */
export function villageOf(org: Org, byId: Map<number, Org>): Org | undefined {
  let cur: Org | undefined = org;
  while (cur) {
    if (cur.kind === 'village' || cur.kind === 'community') return cur;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return undefined;
}

export function isVillageLevel(kind: string): boolean {
  return kind === 'village' || kind === 'community';
}
