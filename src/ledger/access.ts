import { REVIEWER_ROLES, type Role, type Line } from '../shared/roles.ts';
import type { LedgerAccess } from './types.ts';

/**
 * Access presets for ledger declarations. The line's own role writes; the town secretary
 * reads everything of the town; county, city and province reviewers read non-sensitive ledgers
 * (to drill into towns' numbers); village secretaries work on their village's records where the ledger is
 * kept at village level. Administrators (三员) never appear here: they read no business data.
 */
const LINE_ROLE: Record<Line, Role[]> = {
  discipline: ['discipline'],
  organization: ['organization'],
  publicity: ['publicity'],
  legal: ['legal'],
  general: ['discipline', 'organization', 'publicity', 'legal'],
};

export interface PresetOptions {
  /** Village secretaries may read and write their village's records. */
  village?: boolean;
  /** Grid members may create and read their own records (phone use). */
  grid?: boolean;
  /** Extra roles that may write. */
  alsoWrite?: Role[];
}

export function lineAccess(line: Line, o: PresetOptions = {}): LedgerAccess {
  const writers: Role[] = [...LINE_ROLE[line], 'secretary', ...(o.alsoWrite ?? [])];
  if (o.village) writers.push('village');
  const readers: Role[] = [...writers, ...REVIEWER_ROLES];
  if (o.grid) {
    readers.push('grid');
    writers.push('grid');
  }
  const uniq = (r: Role[]) => [...new Set(r)];
  return {
    read: uniq(readers),
    create: uniq(writers),
    update: uniq(writers),
    transition: uniq(writers),
    remove: uniq([...LINE_ROLE[line], 'secretary']),
    ...(o.grid ? { ownOnly: ['grid'] as Role[] } : {}),
  };
}

/** (S) ledgers: only the discipline roles and the town secretary. */
export function sensitiveAccess(): LedgerAccess {
  return {
    read: ['discipline', 'secretary'],
    create: ['discipline', 'secretary'],
    update: ['discipline', 'secretary'],
    transition: ['discipline', 'secretary'],
    remove: ['discipline', 'secretary'],
  };
}
