/**
 * The 组织生活合规 table: for an org's subtree and a period (a quarter '2023Q4' or a year
 * '2023'), per unit and requirement the expected count against the count held, with the
 * cycles missed; plus a compact summary for dashboards.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { listSubtree, townOf, type Org } from '../org/service.ts';
import { minDate } from '../shared/dates.ts';
import { applies, cyclesIn, heldIn, loadHeld, loadRequirements, loadUnits, CYCLE_LABELS, type Requirement } from './compliance.ts';
import { today } from '../shared/today.ts';
import { isWithin } from '../access/subtree.ts';
import { regionCounties } from '../assess/region.ts';
import { mapLimit } from '../util/map-limit.ts';

export type CellStatus = 'ok' | 'due' | 'missed' | 'notDue';

export interface ComplianceCell {
  kind: string;
  expected: number;
  /** Expected in the cycles that have ended by the as-of date. */
  expectedSoFar: number;
  held: number;
  missed: string[];
  /** The current cycle, when it is due and not yet met (yearly items from their due quarter). */
  dueCycle: string | null;
  status: CellStatus;
}

export interface ComplianceRow {
  org: string;
  orgName: string;
  orgKind: string;
  parentName: string;
  members: number;
  cells: ComplianceCell[];
  compliant: boolean;
}

export interface ComplianceTable {
  org: string;
  period: string;
  from: string;
  to: string;
  asOf: string;
  requirements: { kind: string; label: string; cycle: string; cycleLabel: string; count: number; level: string; source: string }[];
  rows: ComplianceRow[];
  summary: ComplianceSummary;
}

export interface ComplianceSummary {
  units: number;
  compliantUnits: number;
  rate: number | null;
  missedCycles: number;
  byKind: { kind: string; label: string; missedUnits: number; dueUnits: number }[];
}

/** Above the county (a city, a province): one row per county, its summary, and their sum. */
export interface ComplianceRollupRow {
  org: string;
  orgName: string;
  /** The county's city (a province's view), else ''. */
  parentName: string;
  summary: ComplianceSummary;
}

export interface ComplianceRollup extends Omit<ComplianceTable, 'rows'> {
  counties: ComplianceRollupRow[];
}

export class ComplianceError extends Error {}

export function periodRange(period: string): { from: string; to: string } {
  const y = /^(\d{4})$/.exec(period);
  if (y) return { from: `${y[1]}-01-01`, to: `${y[1]}-12-31` };
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (!q) throw new ComplianceError(`期间格式应为如 2023Q4 或 2023：${period}`);
  const n = Number(q[2]);
  const ends = ['03-31', '06-30', '09-30', '12-31'];
  return { from: `${q[1]}-${String(n * 3 - 2).padStart(2, '0')}-01`, to: `${q[1]}-${ends[n - 1]}` };
}

/** Evaluate one requirement for one unit over [from, to] as of `asOf`. */
export function evaluate(req: Requirement, unitId: number, held: Awaited<ReturnType<typeof loadHeld>>, from: string, to: string, asOf: string): ComplianceCell {
  // Yearly items are judged on the whole year, whatever the period shown.
  const span = req.cycle === 'year' ? { from: `${from.slice(0, 4)}-01-01`, to: `${to.slice(0, 4)}-12-31` } : { from, to };
  const cycles = cyclesIn(req.cycle, span.from, span.to);
  let expectedSoFar = 0;
  let total = 0;
  const missed: string[] = [];
  let due: string | null = null;
  let notDue = false;
  for (const c of cycles) {
    const n = heldIn(held, unitId, req.kind, { start: c.start, end: minDate(c.end, asOf) });
    total += c.start <= asOf ? n : 0;
    if (c.start > asOf) continue;
    if (asOf >= c.end) {
      expectedSoFar += req.count;
      if (n < req.count) missed.push(c.id);
    } else if (n < req.count) {
      const dueFrom = req.dueQuarter ? `${c.id.slice(0, 4)}-${String(req.dueQuarter * 3 - 2).padStart(2, '0')}-01` : c.start;
      if (asOf >= dueFrom) due = c.id;
      else notDue = true;
    }
  }
  const status: CellStatus = missed.length ? 'missed' : due ? 'due' : notDue ? 'notDue' : 'ok';
  return { kind: req.kind, expected: cycles.length * req.count, expectedSoFar, held: total, missed, dueCycle: due, status };
}

export async function computeCompliance(db: Kysely<Database>, org: Org, period: string, asOfIn?: string): Promise<ComplianceTable> {
  const { from, to } = periodRange(period);
  const asOf = minDate(asOfIn ?? today(), to);
  const root = org.kind === 'county' || org.kind === 'town' ? org : ((await townOf(db, org)) ?? org);
  const all = await listSubtree(db, root);
  const byId = new Map(all.map((o) => [o.id, o]));
  const reqs = await loadRequirements(db);
  const yearFrom = `${from.slice(0, 4)}-01-01`;
  // Above the town, the subtree's towns too: the reads walk the town-leading indexes of these towns only.
  const towns = root.kind === 'town' ? undefined : all.filter((o) => o.kind === 'town').map((o) => o.id);
  const [held, unitsAll] = await Promise.all([loadHeld(db, root, yearFrom, minDate(asOf, `${to.slice(0, 4)}-12-31`), towns), loadUnits(db, all, root, towns)]);
  const units = unitsAll.filter((u) => isWithin(u.org, org));
  const rows: ComplianceRow[] = units.map((u) => {
    const cells = reqs.filter((r) => applies(r, u)).map((r) => evaluate(r, u.org.id, held, from, to, asOf));
    return {
      org: u.org.code,
      orgName: u.org.name,
      orgKind: u.org.kind,
      parentName: (u.org.parentId ? byId.get(u.org.parentId)?.name : '') ?? '',
      members: u.members,
      cells,
      compliant: cells.every((c) => c.status !== 'missed'),
    };
  });
  return {
    org: org.code,
    period,
    from,
    to,
    asOf,
    requirements: reqs.map((r) => ({
      kind: r.kind,
      label: r.label,
      cycle: r.cycle,
      cycleLabel: CYCLE_LABELS[r.cycle],
      count: r.count,
      level: r.level,
      source: r.source,
    })),
    rows,
    summary: summarize(rows, reqs),
  };
}

/**
 * 组织生活合规 of a city or a province: each county's table (as its reviewer sees it), two
 * counties at a time, kept as its summary; the region's summary is their sum.
 */
export async function computeComplianceRollup(db: Kysely<Database>, region: Org, period: string, asOfIn?: string): Promise<ComplianceRollup> {
  const { from, to } = periodRange(period);
  const counties = await regionCounties(db, region);
  const tables = await mapLimit(counties, 2, (c) => computeCompliance(db, c.county, period, asOfIn));
  const reqs = await loadRequirements(db);
  const rows = counties.map((c, i) => ({ org: c.county.code, orgName: c.county.name, parentName: c.city?.name ?? '', summary: tables[i].summary }));
  const units = rows.reduce((n, r) => n + r.summary.units, 0);
  const compliantUnits = rows.reduce((n, r) => n + r.summary.compliantUnits, 0);
  return {
    org: region.code,
    period,
    from,
    to,
    asOf: tables[0]?.asOf ?? minDate(asOfIn ?? today(), to),
    requirements: tables[0]?.requirements ?? [],
    counties: rows,
    summary: {
      units,
      compliantUnits,
      rate: units ? compliantUnits / units : null,
      missedCycles: rows.reduce((n, r) => n + r.summary.missedCycles, 0),
      byKind: reqs.map((q) => ({
        kind: q.kind,
        label: q.label,
        missedUnits: rows.reduce((n, r) => n + (r.summary.byKind.find((k) => k.kind === q.kind)?.missedUnits ?? 0), 0),
        dueUnits: rows.reduce((n, r) => n + (r.summary.byKind.find((k) => k.kind === q.kind)?.dueUnits ?? 0), 0),
      })),
    },
  };
}

export function summarize(rows: ComplianceRow[], reqs: Requirement[]): ComplianceSummary {
  const compliantUnits = rows.filter((r) => r.compliant).length;
  return {
    units: rows.length,
    compliantUnits,
    rate: rows.length ? compliantUnits / rows.length : null,
    missedCycles: rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.missed.length, 0), 0),
    byKind: reqs.map((q) => ({
      kind: q.kind,
      label: q.label,
      missedUnits: rows.filter((r) => r.cells.some((c) => c.kind === q.kind && c.status === 'missed')).length,
      dueUnits: rows.filter((r) => r.cells.some((c) => c.kind === q.kind && c.status === 'due')).length,
    })),
  };
}
