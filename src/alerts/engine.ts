/**
 * Runs the alert rules over an org's town (or the whole county, set-based: a few queries per
 * rule, never one per record) as of a date, and keeps the findings inside the org's subtree.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { listSubtree, townOf, type Org } from '../org/service.ts';
import { alertRules } from './rules/index.ts';
import { loadConfig, ruleEnabled, ruleParams, type AlertConfig } from './config.ts';
import { severityRank, type AlertRule, type AlertFinding, type OrgIndex, type RuleContext } from './types.ts';
import { setImmediate } from 'node:timers/promises';
import { isWithin } from '../access/subtree.ts';

export interface ComputeOptions {
  /** Only these rule ids. */
  rules?: string[];
  /** Only these records (for per-record rules, and rules `recordScoped` for `ledger`). */
  recordIds?: number[];
  /** The ledger of `recordIds` (a per-write recomputation). */
  ledger?: string;
  config?: AlertConfig;
  /** Per-rule timings in ms, filled when given. */
  timings?: Record<string, number>;
  /** The root's subtree (the root first, in path order) when the caller has read it already. */
  subtree?: Org[];
}

/** The subtree the rules run on: the org itself at town level and above, else its town. */
export async function checkRoot(db: Kysely<Database>, org: Org): Promise<Org> {
  if (org.kind === 'county' || org.kind === 'town' || !org.townId) return org;
  return (await townOf(db, org)) ?? org;
}

export async function orgIndex(db: Kysely<Database>, root: Org, given?: Org[]): Promise<OrgIndex> {
  const list = given?.[0]?.id === root.id ? given : await listSubtree(db, root);
  return { root, list, byId: new Map(list.map((o) => [o.id, o])), byCode: new Map(list.map((o) => [o.code, o])) };
}

export async function computeFindings(db: Kysely<Database>, org: Org, date: string, o: ComputeOptions = {}): Promise<AlertFinding[]> {
  const root = await checkRoot(db, org);
  const orgs = await orgIndex(db, root, o.subtree);
  const config = o.config ?? (await loadConfig(db));
  const memo = new Map<string, Promise<unknown>>();
  const rules = alertRules.filter((r) => (!o.rules || o.rules.includes(r.id)) && ruleEnabled(r, config.overrides));
  const out: AlertFinding[] = [];
  const run = async (rule: AlertRule) => {
    const started = performance.now();
    const found = await runRule(rule, {
      db,
      orgs,
      date,
      params: ruleParams(rule, config.overrides),
      calendar: config.calendar,
      recordIds: byRecord(rule, o.ledger) ? o.recordIds : undefined,
      recordLedger: byRecord(rule, o.ledger) && o.recordIds ? o.ledger : undefined,
      memo: <T>(key: string, load: () => Promise<T>) => {
        if (!memo.has(key)) memo.set(key, load());
        return memo.get(key) as Promise<T>;
      },
    });
    if (o.timings) o.timings[rule.id] = (o.timings[rule.id] ?? 0) + performance.now() - started;
    return found;
  };
  const keep = (rule: AlertRule, found: Awaited<ReturnType<typeof run>>) => {
    for (const f of found) {
      const fo = orgs.byId.get(f.orgId);
      if (fo && isWithin(fo, org)) out.push({ ...f, rule: rule.id });
    }
  };
  if (o.recordIds && rules.every((r) => byRecord(r, o.ledger))) {
    // After one write: each rule reads a few rows; on PostgreSQL they wait for one round trip
    // together instead of one after another.
    const found = await Promise.all(rules.map(run));
    rules.forEach((rule, i) => keep(rule, found[i]!));
  } else {
    for (const rule of rules) {
      const found = await run(rule);
      // Let requests in between rules: over a county, the rules run for a second or more, and
      // SQLite answers synchronously, so without this nothing else would be served meanwhile.
      await setImmediate();
      keep(rule, found);
    }
  }
  return sortFindings(out);
}

/** Whether a write to a record of `ledger` changes only that record's findings of the rule. */
export function byRecord(rule: AlertRule, ledger: string | undefined): boolean {
  return Boolean(rule.perRecord || (ledger && rule.recordScoped?.includes(ledger)));
}

async function runRule(rule: AlertRule, ctx: RuleContext) {
  return rule.check.call(rule, ctx);
}

export function sortFindings(fs: AlertFinding[]): AlertFinding[] {
  return fs.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.rule.localeCompare(b.rule) ||
      (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
      a.key.localeCompare(b.key),
  );
}
