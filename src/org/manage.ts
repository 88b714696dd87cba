/**
 * The org-tree changes an administrator (or a town secretary, for names and profiles) makes:
 * each checks that the orgs involved lie in the acting user's subtree, runs in one transaction
 * and is audited by the org service. The routes in src/server/routes/orgs.ts only parse and reply.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../audit/log.ts';
import { isWithin } from '../access/subtree.ts';
import { Forbidden, Invalid, NotFound } from '../util/errors.ts';
import { ORG_KIND_LABELS, type OrgKind } from '../shared/roles.ts';
import { createOrg, getOrgByCode, updateOrg, OrgError, type Org, type OrgProfile } from './service.ts';
import { createTownFromDivision, onboardDivision } from './division.ts';
import { orgsChanged } from './cache.ts';

/** An org change in one transaction; afterwards the lookups remembered on `db` are forgotten (./cache.ts). */
async function changeOrgs<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  try {
    return await asInvalid(() => db.transaction().execute(work));
  } finally {
    orgsChanged(db);
  }
}

/** The org-service's refusals (duplicate code, wrong kind under a parent…) as input errors. */
async function asInvalid<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof OrgError) throw new Invalid(e.message);
    throw e;
  }
}

/** A new org (department, branch, group…) under `parentCode`, inside `scope`'s subtree. */
export async function addOrg(
  db: Kysely<Database>,
  actor: Actor,
  scope: Org,
  o: { code: string; name: string; kind: OrgKind; parentCode: string; profile?: OrgProfile },
): Promise<{ org: Org; parent: Org }> {
  const parent = await getOrgByCode(db, o.parentCode);
  if (!parent || !isWithin(parent, scope)) throw new Forbidden('上级组织不在您的管理范围内');
  const org = await changeOrgs(db, (trx) => createOrg(trx, actor, o));
  return { org, parent };
}

/** A new name, profile or order for an org in `scope`'s subtree. */
export async function editOrg(
  db: Kysely<Database>,
  actor: Actor,
  scope: Org,
  code: string,
  patch: { name?: string; profile?: OrgProfile; sort?: number },
): Promise<Org> {
  const org = await getOrgByCode(db, code);
  if (!org || !isWithin(org, scope)) throw new NotFound('组织不存在或不在您的范围内');
  return changeOrgs(db, (trx) => updateOrg(trx, actor, org.code, patch));
}

/** A town with its villages and communities from its 9-digit area code, under a county in `scope`. */
export async function addTownFromDivision(db: Kysely<Database>, actor: Actor, scope: Org, townCode: string, parentCode: string) {
  const parent = await getOrgByCode(db, parentCode);
  if (!parent || !isWithin(parent, scope) || parent.kind !== 'county') throw new Invalid('请选择您管理范围内的县级组织作为上级');
  return changeOrgs(db, (trx) => createTownFromDivision(trx, actor, townCode, parent.code));
}

/**
 * A city (4 digits) or county (6 digits) with everything below it, under the province or city
 * org `parentCode` in `scope`. A root province or city is `luoshi init --division CODE`: an
 * administrator never creates orgs outside their own subtree.
 */
export async function onboardUnder(db: Kysely<Database>, actor: Actor, scope: Org, code: string, parentCode: string | null | undefined) {
  const above = code.length === 4 ? 'province' : 'city';
  if (!parentCode) throw new Invalid(`请选择上级${ORG_KIND_LABELS[above]}级组织（没有上级的省、市在初始化时建立：luoshi init --division 区划代码）`);
  const parent = await getOrgByCode(db, parentCode);
  if (!parent || !isWithin(parent, scope)) throw new Forbidden('上级组织不在您的管理范围内');
  if (parent.kind !== above) throw new Invalid(`上级须为${ORG_KIND_LABELS[above]}级组织：${parent.name}是${ORG_KIND_LABELS[parent.kind]}`);
  const parentArea = parent.profile.areaCode == null ? null : String(parent.profile.areaCode);
  if (parentArea && !code.startsWith(parentArea)) throw new Invalid(`区划代码 ${code} 不在${parent.name}（${parentArea}）之内`);
  return changeOrgs(db, (trx) => onboardDivision(trx, actor, code, parent.code));
}
