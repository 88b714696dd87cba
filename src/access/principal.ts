import type { Role } from '../shared/roles.ts';
import type { Org } from '../org/service.ts';

/** Who performs an operation: a signed-in user, or the system (CLI import, demo seeding). */
export interface Principal {
  id: number | null;
  username: string;
  roles: Role[];
  org: Org;
  ip?: string | null;
  system?: boolean;
}

/** The operations a ledger's access declaration grants (LedgerAccess in src/ledger/types.ts). */
export type Operation = 'read' | 'create' | 'update' | 'transition' | 'remove';
