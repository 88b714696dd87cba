/**
 * List filters live in the URL (?period=&from=&to=&status=&kind=&q=&page=&size=&sort=), so a
 * link from a report number, an alert or the home page opens the list already filtered.
 */
import dayjs from 'dayjs';

export type Period = 'all' | 'quarter' | 'ytd' | 'custom';

export interface ListFilters {
  period: Period;
  from?: string;
  to?: string;
  status?: string;
  kind?: string;
  q?: string;
  overdue?: boolean;
  deleted?: boolean;
  page: number;
  pageSize: number;
  sort?: string;
}

export const PERIOD_LABELS: Record<Period, string> = { all: '全部时间', quarter: '本季度', ytd: '今年以来', custom: '自定义' };

export function periodRange(p: Period, from?: string, to?: string): { from?: string; to?: string } {
  const today = dayjs();
  switch (p) {
    case 'quarter':
      return { from: today.startOf('quarter').format('YYYY-MM-DD'), to: today.endOf('quarter').format('YYYY-MM-DD') };
    case 'ytd':
      return { from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
    case 'custom':
      return { from, to };
    default:
      return {};
  }
}

export function parseFilters(sp: URLSearchParams, defaultPageSize: number): ListFilters {
  const from = sp.get('from') || undefined;
  const to = sp.get('to') || undefined;
  const raw = sp.get('period') as Period | null;
  const period: Period = raw && raw in PERIOD_LABELS ? raw : from || to ? 'custom' : 'all';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(5, Number(sp.get('size')) || defaultPageSize));
  return {
    period,
    from,
    to,
    status: sp.get('status') || undefined,
    kind: sp.get('kind') || undefined,
    q: sp.get('q') || undefined,
    overdue: sp.get('overdue') === '1',
    deleted: sp.get('deleted') === '1',
    page,
    pageSize,
    sort: sp.get('sort') || undefined,
  };
}

export function filtersToSearch(f: Partial<ListFilters>): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.period && f.period !== 'all') sp.set('period', f.period);
  if (f.period === 'custom') {
    if (f.from) sp.set('from', f.from);
    if (f.to) sp.set('to', f.to);
  }
  for (const k of ['status', 'kind', 'q', 'sort'] as const) if (f[k]) sp.set(k, f[k]!);
  if (f.overdue) sp.set('overdue', '1');
  if (f.deleted) sp.set('deleted', '1');
  if (f.page && f.page > 1) sp.set('page', String(f.page));
  if (f.pageSize) sp.set('size', String(f.pageSize));
  return sp;
}

/** The API query for the list and for exports (export takes the same filters, no paging). */
export function apiQuery(f: ListFilters, org: string, paging = true): Record<string, string | number | undefined> {
  const r = periodRange(f.period, f.from, f.to);
  return {
    org,
    q: f.q,
    status: f.status,
    kind: f.kind,
    from: r.from,
    to: r.to,
    sort: f.sort,
    overdue: f.overdue ? 1 : undefined,
    deleted: f.deleted ? 1 : undefined,
    ...(paging ? { page: f.page, pageSize: f.pageSize } : {}),
  };
}
