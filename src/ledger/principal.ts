import type { Role } from '../shared/roles.ts';
import type { Org } from '../org/service.ts';
import type { Actor } from '../audit/log.ts';
import type { LedgerAccess } from './types.ts';

/** Who performs an operation: a signed-in user, or the system (CLI import, demo seeding). */
export interface Principal {
  id: number | null;
  username: string;
  roles: Role[];
  org: Org;
  ip?: string | null;
  system?: boolean;
}

export type Operation = keyof Pick<LedgerAccess, 'read' | 'create' | 'update' | 'transition' | 'remove'>;

/** The role check lives with the rest of the access decision (../access/records.ts). */
export { can } from '../access/records.ts';

export function actorOfPrincipal(p: Principal): Actor {
  return { id: p.id, username: p.username, ip: p.ip ?? null };
}
