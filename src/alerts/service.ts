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
import { syncFindings, type SyncResult } from './store.ts';
import { notifyOpened } from './notify.ts';
import { Coalescer } from '../util/coalesce.ts';
import { today } from '../shared/today.ts';
import { setImmediate } from 'node:timers/promises';

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
    await setImmediate(); // let requests in between towns
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
 * run for this write; the town-wide rules that read its ledger are shared: writes to the same
 * town and ledger that arrive while a town-wide run is in progress wait for one more run that
 * starts after it (so each write still sees a recomputation that began after it was stored),
 * instead of each starting its own. Under load, N concurrent writes cost two runs, not N.
 */
export async function recomputeForRecord(db: Kysely<Database>, ledger: string, townId: number, recordId: number, date = today()): Promise<SyncResult> {
  const town = await getOrgById(db, townId);
  const affected = alertRules.filter((r) => r.ledgers.includes(ledger));
  if (!town || !affected.length) return merged([]);
  const config = await loadConfig(db);
  const perRecord = affected.filter((r) => byRecord(r, ledger)).map((r) => r.id);
  const perTown = affected.filter((r) => !byRecord(r, ledger)).map((r) => r.id);
  const results: SyncResult[] = [];
  if (perRecord.length) {
    const f = await computeFindings(db, town, date, { rules: perRecord, recordIds: [recordId], ledger, config });
    const r = await syncFindings(db, f, { rules: perRecord, recordIds: [recordId] });
    notifyLater(db, r.opened);
    results.push(r);
  }
  if (perTown.length) {
    results.push(
      await townRuns.run(db, `${townId}|${ledger}|${date}`, async () => {
        const f = await computeFindings(db, town, date, { rules: perTown, config });
        const r = await syncFindings(db, f, { rules: perTown, townIds: [townId] });
        notifyLater(db, r.opened); // once per run, however many writes share it
        return r;
      }),
    );
  }
  return merged(results);
}

/** Not awaited: a slow webhook must not hold up the write that triggered it. */
function notifyLater(db: Kysely<Database>, opened: SyncResult['opened']): void {
  void notifyOpened(db, opened).catch(() => undefined);
}
