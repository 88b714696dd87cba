/** Who an alert may be assigned to: the enabled business accounts of the org's subtree and of its town. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseJson } from '../db/kysely.ts';
import type { Org } from '../org/service.ts';
import { BUSINESS_ROLES, type Role } from '../shared/roles.ts';
import { pathWithin } from '../access/subtree.ts';

export async function assignees(db: Kysely<Database>, org: Org): Promise<{ username: string; name: string; orgName: string }[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.username', 'users.name', 'users.roles', 'orgs.name as org_name'])
    .where('users.disabled', '=', 0)
    .where((eb) => eb.or([pathWithin('orgs.path', org), eb('orgs.id', '=', org.townId ?? org.id)]))
    .orderBy('users.username')
    .execute();
  return rows
    .filter((x) => parseJson<Role[]>(x.roles).some((role) => BUSINESS_ROLES.includes(role)))
    .map((x) => ({ username: x.username, name: x.name, orgName: x.org_name }));
}
