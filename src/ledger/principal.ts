import type { Actor } from '../audit/log.ts';

export type { Principal, Operation } from '../access/principal.ts';
import type { Principal } from '../access/principal.ts';

/** The role check lives with the rest of the access decision (../access/records.ts). */
export { can } from '../access/records.ts';

export function actorOfPrincipal(p: Principal): Actor {
  return { id: p.id, username: p.username, ip: p.ip ?? null };
}
