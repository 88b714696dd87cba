import type { Role } from '../shared/roles.ts';
import type { Org } from '../org/service.ts';
import type { Actor } from '../audit/log.ts';
import type { CompiledLedger } from './registry.ts';
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

export function can(p: Principal, l: CompiledLedger, op: Operation): boolean {
  if (p.system) return true;
  const allowed = l.decl.access[op] ?? l.decl.access.update;
  return p.roles.some((r) => allowed.includes(r));
}

/** True when every role that lets the user read is an own-records-only role. */
export function ownOnly(p: Principal, l: CompiledLedger): boolean {
  if (p.system) return false;
  const own = l.decl.access.ownOnly ?? [];
  const readers = p.roles.filter((r) => l.decl.access.read.includes(r));
  return readers.length > 0 && readers.every((r) => own.includes(r));
}

export function actorOfPrincipal(p: Principal): Actor {
  return { id: p.id, username: p.username, ip: p.ip ?? null };
}
