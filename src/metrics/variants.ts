/**
 * Quarter-only restatements of some year-to-date counts (本季度): the dashboards compare them
 * quarter on quarter. Declared here, beside the catalog, because metric snapshots
 * (./snapshots.ts) keep them too: the background worker that keeps snapshots up to date must
 * know every metric a county view reads without loading the views.
 */
import { getMetric } from './catalog.ts';
import { builtinLedger } from '../ledger/registry.ts';
import type { Line } from '../shared/roles.ts';
import type { AggregateMetric, Filter, MetricDecl } from './types.ts';

/** The prefix of a quarter-only variant's id: `q:` + the catalog metric's id. */
export const QUARTER_PREFIX = 'q:';

/** The catalog metrics restated for the quarter alone (the dashboards' key counts). */
export const QUARTER_KEY_IDS = [
  'discipline.supervision.count',
  'discipline.talk.integrityDuty.count',
  'discipline.clue.count',
  'organization.development.newMembers',
  'organization.demand.resolvedTimely',
  'publicity.study.sessions',
  'publicity.article.count',
  'publicity.volunteer.activities',
  'legal.petition.transferred',
  'legal.dispute.registered',
  'legal.reception.batches',
];

/** A year-to-date count restated for the quarter alone: mode quarter, year bounds → quarter bounds. */
export function quarterOnly(m: AggregateMetric): AggregateMetric {
  const shift = (f: Filter): Filter => {
    if (f.op === 'or') return { ...f, groups: f.groups.map((g) => g.map(shift)) };
    if (f.op === 'between' && f.from === 'yearStart') return { ...f, from: 'quarterStart' };
    return f;
  };
  return { ...m, id: QUARTER_PREFIX + m.id, mode: m.mode === 'ytd' ? 'quarter' : m.mode, filters: (m.filters ?? []).map(shift) };
}

export const QUARTER_VARIANTS: MetricDecl[] = QUARTER_KEY_IDS.map((id) => getMetric(id))
  .filter((m): m is AggregateMetric => m?.type === 'aggregate')
  .map(quarterOnly);

/** The prefix of a completion count's id (完成情况 on the dashboards): `p:` + ledger + `.total` / `.done`. */
export const PROGRESS_PREFIX = 'p:';

/** The ledgers whose completion the dashboards show (src/assess/progress.ts). */
export const PROGRESS_LEDGERS = ['rectification', 'petition', 'dispute'] as const;
export type ProgressLedger = (typeof PROGRESS_LEDGERS)[number];

export const progressMetricId = (ledger: ProgressLedger, which: 'total' | 'done'): string => `${PROGRESS_PREFIX}${ledger}.${which}`;

/**
 * The dashboards' completion counts as metrics, so that a county or region view reads them from
 * the towns' snapshots (./snapshots.ts) instead of grouping every record of its towns. The same
 * definition as the live count of a town's own dashboard (`progressGroups` in
 * src/assess/progress.ts; test/metrics/snapshots-api.test.ts holds them equal): in scope,
 * rectifications found up to the period end (截至目前) and petitions and disputes of the year up
 * to it (今年以来); done, those of them in a final workflow state with their completion date
 * on or before the period end.
 */
export const PROGRESS_VARIANTS: MetricDecl[] = PROGRESS_LEDGERS.flatMap((key): AggregateMetric[] => {
  const l = builtinLedger(key)!;
  const line: Line = key === 'rectification' ? 'discipline' : 'legal';
  const base = { type: 'aggregate' as const, line, unit: '件', ledger: key, mode: key === 'rectification' ? ('asOf' as const) : ('ytd' as const) };
  const doneField = l.columns.doneOn!;
  return [
    { ...base, id: progressMetricId(key, 'total'), label: `${l.decl.label}（总数）`, aggregate: { agg: 'count' }, filters: [] },
    {
      ...base,
      id: progressMetricId(key, 'done'),
      label: `${l.decl.label}（已完成）`,
      aggregate: { agg: 'count' },
      filters: [
        { op: 'in', field: l.decl.statusField!, values: [...l.finalStates] },
        { op: 'between', field: doneField, to: 'end' },
      ],
    },
  ];
});
