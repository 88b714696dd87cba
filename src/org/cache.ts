/**
 * Org lookups remembered by the server between org changes (docs/scale.md, "Org lookups").
 *
 * Every record write and most reads look orgs up by code or id and list a town's subtree: on
 * PostgreSQL each is a round trip, and orgs change a few times a year. The org stamp — row
 * (0, '*') of `ledger_versions`, replaced by a trigger on `orgs` whatever wrote them (this
 * process, another process, the CLI, a DBA) — is read with the session on every API request
 * (`userFromToken`, no extra query) and handed to `observeOrgStamp`. While the stamp seen stays
 * the same, lookups through that database handle are answered from memory; a new stamp forgets
 * everything. So a request sees the orgs as they were at least when it started, as if it had
 * read them then.
 *
 * Only a handle that has observed a stamp in the last OBSERVED_MS uses the cache: the CLI, the
 * alert worker, tests that call services directly, a read replica's handle and transactions
 * (their own objects) read the database as before. The server's own org changes call
 * `orgsChanged` after their transaction ends, so the request that made a change reads it back.
 * Results are frozen: a caller that changed a shared Org would change it for everyone.
 */
/** How long an observed stamp vouches for the cache without a newer observation (ms). */
const OBSERVED_MS = 2000;
/** Entries per handle before everything is dropped (a province has ~15,000 orgs). */
const MAX_ENTRIES = 20_000;

interface State {
  stamp: string | null | undefined;
  observedAt: number;
  /** Bumped on every reset: a load that started before it must not store its (older) answer. */
  generation: number;
  entries: Map<string, unknown>;
}

const states = new WeakMap<object, State>();

function reset(s: State): void {
  s.entries.clear();
  s.generation++;
}

/** The org stamp the session query read on `db`: a different one forgets what `db` remembered. */
export function observeOrgStamp(db: object, stamp: string | number | bigint | null): void {
  const value = stamp == null ? null : String(stamp);
  let s = states.get(db);
  if (!s) states.set(db, (s = { stamp: undefined, observedAt: 0, generation: 0, entries: new Map() }));
  if (s.stamp !== value) {
    reset(s);
    s.stamp = value;
  }
  s.observedAt = Date.now();
}

/** This process changed orgs through `db` (its transaction has ended): forget until the next stamp. */
export function orgsChanged(db: object): void {
  const s = states.get(db);
  if (!s) return;
  reset(s);
  s.stamp = undefined;
  s.observedAt = 0;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * `load()`'s answer for `key`, remembered on `db` while its org stamp holds. Arrays come back as
 * a new array of the shared (frozen) orgs, so a caller may sort or extend its copy.
 */
export async function rememberedOrgs<T extends object | undefined>(
  db: object,
  key: string,
  load: () => Promise<T>,
  /** false: `load` reads inside a transaction, whose answer is not remembered (it may not commit). */
  store = true,
): Promise<T> {
  const s = states.get(db);
  if (!s || s.stamp === undefined || Date.now() - s.observedAt > OBSERVED_MS) return load();
  if (s.entries.has(key)) {
    const hit = s.entries.get(key) as T;
    return (Array.isArray(hit) ? [...hit] : hit) as T;
  }
  const generation = s.generation;
  const value = await load();
  if (store && s.generation === generation) {
    if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
    s.entries.set(key, deepFreeze(Array.isArray(value) ? [...value] : value));
  }
  return value;
}
