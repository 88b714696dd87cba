/**
 * The audit log's hash chain: what an entry's hash covers (docs/security.md, 审计).
 */
import crypto from 'node:crypto';
import type { AuditTable } from '../db/schema.ts';

export const GENESIS = '0'.repeat(64);

/** pg_advisory_xact_lock key that orders the chain's appenders on PostgreSQL (other spaces: src/alerts/elect.ts). */
export const AUDIT_LOCK = 7355608;

/** An entry as stored, without its id and its own hash. */
export type ChainRow = Omit<AuditTable, 'id' | 'hash' | 'hash_alg'> & { hash_alg?: string | null };

/** Hash algorithms of the chain: SHA-256 (null, the original) and SM3 (国密 mode). */
const HASH_ALGS = new Set(['sm3']);

/**
 * The hash covers every column but id and hash, in a fixed order, with the entry's own
 * algorithm (which is itself covered when it is not the original SHA-256), so a chain verifies
 * across a switch to 国密 mode and back.
 */
export function entryHash(r: ChainRow): string {
  const alg = r.hash_alg ?? null;
  if (alg !== null && !HASH_ALGS.has(alg)) return '';
  const fields: unknown[] = [r.at, r.actor_id, r.actor, r.action, r.entity, r.entity_id, r.town_id, r.before, r.after, r.note, r.ip, r.prev_hash];
  if (alg) fields.push(alg);
  return crypto
    .createHash(alg ?? 'sha256')
    .update(JSON.stringify(fields))
    .digest('hex');
}

/**
 * An entry's hash input split around its link: for a hex `prev_hash`, entryHash hashes
 * `before + prev_hash + after`, so the database can link and hash entries itself (sha256() on
 * PostgreSQL; src/audit/log.ts) while JavaScript alone writes the JSON.
 */
export function hashAround(r: Omit<ChainRow, 'prev_hash'>): { before: string; after: string } {
  const fields: unknown[] = [r.at, r.actor_id, r.actor, r.action, r.entity, r.entity_id, r.town_id, r.before, r.after, r.note, r.ip];
  const head = JSON.stringify(fields);
  return { before: `${head.slice(0, -1)},"`, after: r.hash_alg ? `",${JSON.stringify(r.hash_alg)}]` : '"]' };
}
