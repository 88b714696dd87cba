import crypto from 'node:crypto';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { nowIso } from '../db/kysely.ts';
import { writeScheme } from '../crypto/state.ts';
import { isPostgres } from '../db/dialect.ts';
import { AUDIT_LOCK, entryHash, GENESIS, hashAround, type ChainRow } from './chain.ts';
import { COMMIT_TAIL_ENTRY, setCommitTail, type RunQuery } from '../db/commit-tail.ts';

export { entryHash };

/** An entry before it joins the chain: on PostgreSQL its time and link are set at commit. */
type PendingEntry = Omit<ChainRow, 'at' | 'prev_hash'>;
const ENTRY_COLUMNS = ['at', 'actor_id', 'actor', 'action', 'entity', 'entity_id', 'town_id', 'before', 'after', 'note', 'ip', 'hash_alg'] as const;
const COLUMNS = [...ENTRY_COLUMNS, 'prev_hash'] as const;

// PostgreSQL: a transaction's entries join the chain at its commit (src/db/commit-tail.ts), in
// commit order, stamped with the commit's time. SHA-256 entries are linked and hashed by the
// database in the COMMIT's own query (lock, read the head, hash, insert, commit: no turn of this
// process's event loop while the lock is held); JavaScript writes each entry's JSON around the
// link (hashAround). Where the database has no sha256() (checked once against JavaScript's), and
// for SM3 entries, one round trip takes the lock and reads the head and this process hashes.
let dbSha256: Promise<boolean> | undefined;

/** Whether this database's sha256(convert_to(…, 'UTF8')) equals JavaScript's SHA-256 (checked once;
 *  tests force either path, or 'probe' to check again). */
export function auditHashInDb(run: RunQuery | null, force?: boolean | 'probe'): Promise<boolean> {
  if (force === 'probe') dbSha256 = undefined;
  else if (force !== undefined) return (dbSha256 = Promise.resolve(force));
  if (!dbSha256 && run) {
    const probe = '审计 "链" \\ ✓';
    const want = crypto.createHash('sha256').update(probe).digest('hex');
    dbSha256 = run(`select exists (select 1 from pg_proc where proname = 'sha256') as ok`)
      .then(async ([r]) => {
        if (!(r.rows[0] as { ok: boolean }).ok) return false;
        const [h] = await run(`select encode(sha256(convert_to(${escapeText(probe)}, 'UTF8')), 'hex') as h`);
        return (h.rows[0] as { h: string }).h === want;
      })
      .catch(() => false);
  }
  return dbSha256 ?? Promise.resolve(false);
}
const escapeText = (s: string) => `'${s.replace(/'/g, "''")}'`;

setCommitTail(async (entries, run, literal) => {
  const pending = entries as PendingEntry[];
  const at = nowIso();
  if (pending.every((e) => !e.hash_alg) && (await auditHashInDb(run))) {
    const rows = pending.map((e, i) => {
      const { before, after } = hashAround({ ...e, at });
      return `(${[i + 1, ...ENTRY_COLUMNS.map((c) => (c === 'at' ? at : e[c])), before, after].map((v) => literal(v ?? null)).join(', ')})`;
    });
    const cols = ENTRY_COLUMNS.join(', ');
    return (
      `select pg_advisory_xact_lock(${AUDIT_LOCK}); ` +
      `with recursive e(n, ${cols}, pre, post) as (values ${rows.join(', ')}), ` +
      `c(n, h) as (select 0, coalesce((select hash from audit_log order by id desc limit 1), '${GENESIS}') ` +
      `union all select e.n, encode(sha256(convert_to(e.pre || c.h || e.post, 'UTF8')), 'hex') from c join e on e.n = c.n + 1) ` +
      `insert into audit_log (${cols}, prev_hash, hash) ` +
      `select ${ENTRY_COLUMNS.map((c) => (c === 'actor_id' || c === 'town_id' ? `e.${c}::integer` : `e.${c}::text`)).join(', ')}, p.h, c.h ` +
      `from e join c on c.n = e.n join c p on p.n = e.n - 1 order by e.n`
    );
  }
  const head = await run(`select pg_advisory_xact_lock(${AUDIT_LOCK}); select hash from audit_log order by id desc limit 1`);
  let prev = (head[1].rows[0] as { hash: string } | undefined)?.hash ?? GENESIS;
  const values = pending.map((e) => {
    const row: ChainRow = { ...e, hash_alg: e.hash_alg ?? null, at, prev_hash: prev };
    prev = entryHash(row);
    return `(${COLUMNS.map((c) => literal(row[c])).join(', ')}, ${literal(prev)})`;
  });
  return `insert into audit_log (${COLUMNS.join(', ')}, hash) values ${values.join(', ')}`;
});

export interface Actor {
  id: number | null;
  username: string | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system' };

export interface AuditEntry {
  action: string; // create | update | delete | restore | transition | login | reveal | import | submit ...
  entity: string; // 'record' | 'org' | 'user' | 'session' | 'report' | ...
  entityId?: string | number | null;
  townId?: number | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
}

/**
 * Append one entry to the hash chain. Call inside the transaction that makes the change,
 * so the change and its audit entry are written together or not at all. Called outside one,
 * it opens its own. On PostgreSQL the entry joins the chain when the transaction commits
 * (src/db/commit-tail.ts), so it is not visible to reads inside the same transaction.
 */
export async function audit(db: Kysely<Database> | Transaction<Database>, actor: Actor, e: AuditEntry): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => audit(trx, actor, e));
  const entry: PendingEntry = {
    actor_id: actor.id,
    actor: actor.username,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId == null ? null : String(e.entityId),
    town_id: e.townId ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    note: e.note ?? null,
    ip: actor.ip ?? null,
    hash_alg: writeScheme() === 'sm' ? 'sm3' : null,
  };
  // PostgreSQL: the connection appends the transaction's entries at its commit (above).
  if (isPostgres(db)) {
    await db.executeQuery(CompiledQuery.raw(COMMIT_TAIL_ENTRY, [entry]));
    return;
  }
  // SQLite serialises writers already: the head read here stays the head until the commit.
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row: ChainRow = { ...entry, at: nowIso(), prev_hash: last?.hash ?? GENESIS };
  await db
    .insertInto('audit_log')
    .values({ ...row, hash: entryHash(row) })
    .execute();
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** Entries per hash algorithm ('sha256', 'sm3'). */
  algorithms: Record<string, number>;
  /** id of the first entry whose hash or link is wrong */
  brokenAt?: number;
  reason?: string;
}

/** Walk the whole chain in id order; any edited, inserted or deleted entry breaks it. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<VerifyResult> {
  let prev = GENESIS;
  let count = 0;
  let lastId = 0;
  const algorithms: Record<string, number> = {};
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      const alg = r.hash_alg ?? 'sha256';
      algorithms[alg] = (algorithms[alg] ?? 0) + 1;
      if (r.prev_hash !== prev) return { ok: false, entries: count, algorithms, brokenAt: r.id, reason: '前后链接不一致（记录被删除或插入）' };
      if (entryHash(r) !== r.hash) return { ok: false, entries: count, algorithms, brokenAt: r.id, reason: '内容与哈希不符（记录被篡改）' };
      prev = r.hash;
      lastId = r.id;
    }
  }
  return { ok: true, entries: count, algorithms };
}
