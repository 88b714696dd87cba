/**
 * Recomputation entry points: the daily run over every county, a run over one org, and the
 * cheap per-write run for one record (its per-record rules on that record, the other rules
 * that read its ledger on its town).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getOrgById, toOrg, type Org } from '../org/service.ts';
import { alertRules } from './rules/index.ts';
import { byRecord, checkRoot, computeFindings, orgIndex } from './engine.ts';
import { loadConfig } from './config.ts';
import { loadScope, syncFindings, type SyncResult } from './store.ts';
import { notifyOpened } from './notify.ts';
import { Coalescer } from '../util/coalesce.ts';
import { today } from '../shared/today.ts';
import { setTimeout } from 'node:timers/promises';
import { offloadTownWork } from './pending.ts';

const townRuns = new Coalescer<SyncResult>();

/** Several stores' results as one. */
function merged(rs: SyncResult[]): SyncResult {
  const add = (k: 'updated' | 'resolved' | 'total') => rs.reduce((n, r) => n + r[k], 0);
  return { opened: rs.flatMap((r) => r.opened), updated: add('updated'), resolved: add('resolved'), total: add('total') };
}

/**
 * Compute every rule over the org's town (or the county) and store the result, one town per
 * transaction (a county-wide transaction would hold SQLite's one connection for a second).
 */
export async function recomputeOrg(db: Kysely<Database>, org: Org, date = today()): Promise<SyncResult> {
  const root = await checkRoot(db, org);
  const config = await loadConfig(db);
  const findings = await computeFindings(db, root, date, { config });
  const towns = (await orgIndex(db, root)).list.filter((o) => o.kind === 'town').map((o) => o.id);
  const rules = alertRules.map((r) => r.id);
  const byTown = new Map<number, typeof findings>();
  for (const f of findings) (byTown.get(f.townId) ?? byTown.set(f.townId, []).get(f.townId)!).push(f);
  const results: SyncResult[] = [];
  for (const t of new Set([...towns, ...byTown.keys()])) {
    results.push(await syncFindings(db, byTown.get(t) ?? [], { rules, townIds: [t] }));
    // Let requests in between towns: their queries (inline), or the server's writes waiting for
    // the write lock this worker's connection just released (they retry every few ms).
    await setTimeout(5);
  }
  const total = merged(results);
  await notifyOpened(db, total.opened);
  return total;
}

/** The daily run: every county (root org) of the installation. */
export async function recomputeAll(db: Kysely<Database>, date = today()): Promise<SyncResult> {
  const roots = (await db.selectFrom('orgs').selectAll().where('parent_id', 'is', null).where('deleted_at', 'is', null).execute()).map(toOrg);
  const results: SyncResult[] = [];
  for (const root of roots) results.push(await recomputeOrg(db, root, date));
  return merged(results);
}

/**
 * After a write to one record: recompute what that record can change. The record's own rules
 * run for this write, here (a few rows). The town-wide rules that read its ledger go to the
 * background worker when the database has one (./pending.ts, ./background.ts): the write answers
 * at once and the alert center's next query waits for them. Without a worker (an in-memory
 * database, the CLI) they run here, shared: writes to the same town and ledger that arrive while
 * a town-wide run is in progress wait for one more run that starts after it (so each write still
 * sees a recomputation that began after it was stored) instead of each starting its own.
 */
export async function recomputeForRecord(
  db: Kysely<Database>,
  ledger: string,
  townId: number,
  recordId: number,
  date = today(),
  /** The town's orgs (the town first, in path order) when the write has them already. */
  townOrgs?: Org[],
): Promise<SyncResult> {
  const affected = alertRules.filter((r) => r.ledgers.includes(ledger));
  if (!affected.length) return merged([]);
  const perRecord = affected.filter((r) => byRecord(r, ledger)).map((r) => r.id);
  const results: SyncResult[] = [];
  if (perRecord.length) {
    const given = townOrgs?.[0]?.id === townId ? townOrgs : undefined;
    const town = given?.[0] ?? (await getOrgById(db, townId));
    if (!town) return merged([]);
    const config = await loadConfig(db);
    const scope = { rules: perRecord, recordIds: [recordId] };
    // The alerts stored for the record are read beside the rules' reads (one round trip for all).
    const stored = loadScope(db, scope);
    stored.catch(() => undefined); // awaited below; not an unhandled rejection if the rules fail first
    const f = await computeFindings(db, town, date, { rules: perRecord, recordIds: [recordId], ledger, config, ...(given ? { subtree: given } : {}) });
    const r = await syncFindings(db, f, scope, undefined, stored);
    notifyLater(db, r.opened);
    results.push(r);
  }
  if (affected.length > perRecord.length && !offloadTownWork(db, { townId, ledger, date })) {
    results.push(await townRuns.run(db, `${townId}|${ledger}|${date}`, () => recomputeTownRules(db, townId, ledger, date)));
  }
  return merged(results);
}

/**
 * The town-wide rules that read `ledger` (every rule without one), over one town, stored. Runs
 * in the background worker after a write, or inline where there is none.
 */
export async function recomputeTownRules(db: Kysely<Database>, townId: number, ledger: string | undefined, date = today()): Promise<SyncResult> {
  const town = await getOrgById(db, townId);
  if (!town) return merged([]);
  if (!ledger) return recomputeOrg(db, town, date);
  const perTown = alertRules.filter((r) => r.ledgers.includes(ledger) && !byRecord(r, ledger)).map((r) => r.id);
  if (!perTown.length) return merged([]);
  const config = await loadConfig(db);
  const f = await computeFindings(db, town, date, { rules: perTown, config });
  const r = await syncFindings(db, f, { rules: perTown, townIds: [townId] });
  notifyLater(db, r.opened); // once per run, however many writes share it
  return r;
}

/**
 * After an import (many records, maybe several towns): every rule over each affected town — in
 * the background worker when there is one, else here, one town after another.
 */
export async function recomputeTowns(db: Kysely<Database>, townIds: Iterable<number>, date = today()): Promise<void> {
  for (const townId of new Set(townIds)) {
    if (offloadTownWork(db, { townId, date })) continue;
    const town = await getOrgById(db, townId);
    if (town) await recomputeOrg(db, town, date);
  }
}

/** Not awaited: a slow webhook must not hold up the write that triggered it. */
function notifyLater(db: Kysely<Database>, opened: SyncResult['opened']): void {
  void notifyOpened(db, opened).catch(() => undefined);
}
